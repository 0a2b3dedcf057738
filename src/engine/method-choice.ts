import type { Instance } from './family.js';
import { dimensionOf } from '../numeric/index.js';
import { spinModeRefusal, spinModeSites } from './spin-mode.js';

/** The largest product-basis dimension at which `auto` leaves spins times a mode to the dense method (its full layout, engine/methods/dense maxDenseDimension). */
export const spinModeDenseDimension = 2 ** 12;

/**
 * Why `auto` passes over the symmetric method for spins times one mode at this size, or null: up
 * to {@link spinModeDenseDimension} the dense method on the full space is as fast (one eigensolver
 * of at most 4096, no sectors to visit); beyond, the sectors times the mode are far smaller than
 * the full space's blocks. `--method symmetric` takes it at any size.
 */
export function spinModeStepsAside(inst: Instance): string | null {
  // Only spins times a mode that the symmetric method would take (else it gives its own reason).
  const mode = spinModeSites(inst);
  if (!mode || spinModeRefusal(inst, mode)) return null;
  const n = dimensionOf(inst.layout?.dims ?? []);
  return n <= spinModeDenseDimension ? `spins times a mode of product dimension ${n} <= ${spinModeDenseDimension}: auto leaves it to the dense method (--method symmetric takes it)` : null;
}

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
