/**
 * B2tail in the float64 engine: the band bound robust to tails (numeric/tail), summed over the
 * channels of a method's outcome, with its cutoff D, its profile, its error and its verdict; the
 * float64 instance of engine/tail-bound.ts (only the error model is the engine's own).
 */
import { defaultTolerances, float64Field, type Bounds, type TailTable } from '../numeric/index.js';
import { holdsOf, type CurrentResult, type TailReport, type Verdict, type VerdictWord } from './result.js';
import type { ChannelOutcome, MethodOutcome } from './outcome.js';
import { tailBound, tailVerdict } from './tail-bound.js';

export type { TailReport } from './result.js';

export interface TailTerms {
  readonly value: number;
  readonly error: number;
  readonly report: TailReport;
}

/**
 * B2tail of the channels, minimised over D.
 *
 * Error: every sum (Tr[A^2 Pinch rho], the weights q_w) is a sum of non-negative float64 terms of
 * the same kind as J's, so it carries the same relative error `rel` as J (current.ts); the factors
 * |w| gamma(w) and D gamma(w) are products of computed Bohr frequencies and rates, each within
 * `rel` relative, and they weigh at most sum_alpha max|w| gamma Tr[A^2 Pinch rho] (`scale`) in
 * total; terms below the zero threshold are not in B2tail at all and add at most `dropped` to |J|.
 *
 * @param rel relative round-off of the method's sums (the factor current.ts uses for J)
 */
export function tailTerms(channels: readonly ChannelOutcome[], rel: number): TailTerms {
  const tables: TailTable[] = channels.map((c) => c.tail ?? fallbackTable(c));
  const { bound, report } = tailBound(float64Field, tables, (p) => rel * (p.best.value + p.scale) + p.dropped * (1 + defaultTolerances.eps * 4));
  return { value: bound.value, error: bound.error, report };
}

/**
 * A channel without a frequency table: one point at its max |w| with gamma max and all weight in
 * the tail, so that B2tail(0) is its share of B_state (a valid value of the bound at D = 0).
 */
function fallbackTable(c: ChannelOutcome): TailTable {
  return {
    d: Float64Array.of(c.deltaE), g: Float64Array.of(c.gammaMax), mg: Float64Array.of(c.omegaGammaMax), q: Float64Array.of(c.pinchedA2),
    pinchedA2: c.pinchedA2, dropped: 0, coarse: true, frequencies: 'omega',
  };
}

/** A result of `current` before B2tail is added. */
export type CoreResult = Omit<CurrentResult, 'bounds' | 'holds' | 'verdicts' | 'error' | 'tail'> & {
  readonly bounds: Bounds;
  readonly holds: Readonly<Record<keyof Bounds, Verdict>>;
  readonly verdicts: Readonly<Record<keyof Bounds, VerdictWord>>;
  readonly error: { readonly J: number; readonly bounds: Readonly<Record<keyof Bounds, number>> };
};

/**
 * The result with B2tail added to bounds, verdicts, holds and error, and its report. The verdict
 * is current.ts's ({@link tailVerdict}: numeric `decide` on the margin B2tail - |J| with both
 * errors; inexact terms are lower bounds).
 */
export function withTail(r: CoreResult, o: MethodOutcome): CurrentResult {
  const t = defaultTolerances;
  const rel = t.roundoffFactor * t.eps * Math.max(1, o.roundoffDimension);
  const tail = tailTerms(o.channels, rel);
  const verdict = tailVerdict(float64Field, { value: r.J, error: r.error.J }, tail, o.inexact.length > 0);
  return {
    ...r,
    bounds: { ...r.bounds, B2tail: tail.value },
    holds: { ...r.holds, B2tail: holdsOf(verdict) },
    verdicts: { ...r.verdicts, B2tail: verdict },
    error: { J: r.error.J, bounds: { ...r.error.bounds, B2tail: tail.error } },
    tail: tail.report,
  };
}
