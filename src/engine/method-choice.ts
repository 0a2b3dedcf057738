/**
 * The one method-choice loop of both engines: methods tried in a fixed order, the first that
 * applies wins, and when none does the caller's error lists every method's reason (the float64
 * engine's `NoMethodError`, the decimal.js engine's combined `PreciseNotApplicable`).
 */

/**
 * Runs `run(m)` for each method of `order` in turn and returns the first result. An error that
 * `notApplicable` turns into a reason (the method does not apply here) moves on to the next
 * method; any other error (`null`: a real error, or a reason no other method can do better on) is
 * rethrown at once.
 *
 * @throws `none(reasons)` when no method applies, with one reason per method in order
 * @example
 * firstApplicable(['symmetric', 'dense'], run, (err, m) => (err instanceof MethodNotApplicable ? err : null), (rs) => new NoMethodError(rs))
 */
export function firstApplicable<M, R, W>(
  order: readonly M[], run: (m: M) => R, notApplicable: (err: unknown, m: M) => W | null, none: (reasons: W[]) => Error,
): R {
  const reasons: W[] = [];
  for (const m of order) {
    try {
      return run(m);
    } catch (err) {
      const reason = notApplicable(err, m);
      if (reason === null) throw err;
      reasons.push(reason);
    }
  }
  throw none(reasons);
}
