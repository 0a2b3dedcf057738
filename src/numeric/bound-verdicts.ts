/**
 * The verdict on each bound |J| <= B, one rule for both engines: the margin B - |J| with its error,
 * decided by the one {@link decide} of numeric/field.ts.
 */
import { decide, type Bounded, type DecideOptions, type Decision, type Field, type Verdict } from './field.js';

/** One bound's margin B - |J| with its error, the decision on it, and the verdict that stands. */
export interface BoundDecision<T> {
  readonly margin: Bounded<T>;
  readonly decision: Decision;
  /** decision.verdict where every alternative reading agrees, else 'unknown'. */
  readonly verdict: Verdict;
}

/**
 * The verdict on |J| <= B for each named bound, the one rule of both engines: the margin
 * m = B - |J| with error e_B + e_J, {@link decide}d (with `lowerBounds` when the terms may be lower
 * bounds). Each further reading of the bounds in `alternatives` (the same bounds under another
 * admissible reading of the data) is decided too, and a verdict stands only where every reading
 * agrees: else 'unknown'.
 *
 * @example
 * boundVerdicts(float64Field, { value: -64, error: 1e-13 }, { B1: { value: 64, error: 1e-13 } }, ['B1'], {}).B1.decision.verdict // 'tie'
 */
export function boundVerdicts<T, K extends string>(
  F: Field<T>, J: Bounded<T>, bounds: Readonly<Record<K, Bounded<T>>>, names: readonly K[], opts: DecideOptions,
  alternatives: readonly Readonly<Record<K, Bounded<T>>>[] = [],
): Record<K, BoundDecision<T>> {
  const absJ = F.abs(J.value);
  const marginOf = (B: Bounded<T>): Bounded<T> => ({ value: F.sub(B.value, absJ), error: F.add(B.error, J.error) });
  const out = {} as Record<K, BoundDecision<T>>;
  for (const b of names) {
    const margin = marginOf(bounds[b]);
    const decision = decide(margin, opts, F);
    const agree = alternatives.every((alt) => decide(marginOf(alt[b]), opts, F).verdict === decision.verdict);
    out[b] = { margin, decision, verdict: agree ? decision.verdict : 'unknown' };
  }
  return out;
}
