/**
 * B2tail in the float64 engine: the band bound robust to tails (numeric/tail), summed over the
 * channels of a method's outcome; the float64 instance of engine/tail-bound.ts (only the error
 * model is the engine's own). The result core (engine/assemble.ts) computes the bound, its report
 * and its verdict from {@link tailInput} (the float64 system's B2tail model, engine/current.ts).
 */
import { defaultTolerances, type TailTable } from '../numeric/index.js';
import type { ChannelOutcome } from './outcome.js';
import type { TailInputIn } from './tail-bound.js';

export type { TailReport } from './result.js';

/**
 * The channels' tables and the float64 error model of B2tail.
 *
 * Error: every sum (Tr[A^2 Pinch rho], the weights q_w) is a sum of non-negative float64 terms of
 * the same kind as J's, so it carries the same relative error `rel` as J (current.ts); the factors
 * |w| gamma(w) and D gamma(w) are products of computed Bohr frequencies and rates, each within
 * `rel` relative, and they weigh at most sum_alpha max|w| gamma Tr[A^2 Pinch rho] (`scale`) in
 * total; the weights that are no record (pairs outside Omega of an `omega` table, numeric/tail-field
 * addWeight) are not in B2tail at all and add at most `dropped` to |J|.
 *
 * @param rel relative round-off of the method's sums (engine/errors.ts roundoffOf, the factor of J's a-priori error)
 */
export function tailInput(channels: readonly ChannelOutcome[], rel: number): TailInputIn<number> {
  const tables: TailTable[] = channels.map((c) => c.tail ?? fallbackTable(c));
  return { tables, error: (p) => rel * (p.best.value + p.scale) + p.dropped * (1 + defaultTolerances.eps * 4) };
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
