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
 * the same kind as J's, so it carries the same relative error `rel` as J's round-off (current.ts); the factors
 * |w| gamma(w) and D gamma(w) are products of computed Bohr frequencies and rates, each within
 * `rel` relative, and they weigh at most sum_alpha max|w| gamma Tr[A^2 Pinch rho] (`scale`) in
 * total; the weights that are no record (pairs outside Omega of an `omega` table, numeric/tail-field
 * addWeight) are not in B2tail at all and add at most `dropped` to |J|; and the method's
 * a-posteriori errors of the weights, rates and frequencies move it by at most {@link perturbationError}.
 *
 * @param rel relative round-off of the method's sums (engine/errors.ts roundoffOf, the factor of J's a-priori error)
 */
export function tailInput(channels: readonly ChannelOutcome[], rel: number): TailInputIn<number> {
  const tables: TailTable[] = channels.map((c) => c.tail ?? fallbackTable(c));
  return { tables, error: (p) => (rel * (p.best.value + p.scale) + p.dropped + perturbationError(channels, p.points)) * (1 + defaultTolerances.eps * 4) };
}

/**
 * How far the method's a-posteriori errors (engine/methods/errors: eigenvectors, eigenvalues, the
 * operators' entries, the state) may move B2tail(D) at any D, with the Omega sets and the band /
 * tail split fixed: per channel, its weights (parts of Tr[A^2 Pinch rho]) move by at most that
 * trace's error in total, each weighted by at most max(D_max Gamma', M') (D_max the largest cutoff,
 * the largest max |w| over the channels; primes: values plus errors); Gamma_<=D and M_>D move by at
 * most gammaMax's and omegaGammaMax's errors, and the cutoff D (a computed |w|) by at most the largest
 * deltaE error, each times the trace. The minimum over D moves by at most the largest of these
 * (|min f - min g| <= max |f - g|). Zero for a method whose statistics are exact (no `errors`).
 */
function perturbationError(channels: readonly ChannelOutcome[], points: readonly { readonly D: number }[]): number {
  let Dmax = 0, eD = 0;
  for (const c of channels) { const e = c.errors?.deltaE ?? 0; Dmax = Math.max(Dmax, c.deltaE + e); eD = Math.max(eD, e); }
  for (const x of points) Dmax = Math.max(Dmax, x.D + eD);
  let sum = 0;
  for (const c of channels) {
    const e = c.errors;
    if (!e) continue;
    const g = c.gammaMax + e.gammaMax, m = c.omegaGammaMax + e.omegaGammaMax, P = c.pinchedA2 + e.pinchedA2;
    // A weight above D is in the band's trace and in the tail's: D Gamma + M per unit of it.
    sum += (Dmax * g + m) * e.pinchedA2 + P * (Dmax * e.gammaMax + e.omegaGammaMax + eD * g);
  }
  return sum;
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
