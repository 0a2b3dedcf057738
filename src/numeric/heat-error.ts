/**
 * A-posteriori error bounds of one channel's J, Tr[A^2 Pinch rho] and Omega statistics, from what
 * the Davies kernel measured ({@link HeatErrorParts}) and how far the eigenbasis data it used can be
 * from the exact ones ({@link HeatPerturbation}).
 *
 * For a pure component psi (weight p), with x_b = a_{:,b} psi'_b the exact vectors A P_b psi in an
 * exact eigenbasis (a = U^+ A U, psi' = U^+ psi) and x^_b the computed ones (every element kept:
 * the kernel drops none, numeric/channel's rule):
 *
 *     J = - sum_{b, i} f(w_{a(i) b}) |x_{b,i}|^2,     f(w) = w gamma(w),
 *     |J^ - J| <= sum |f^ - f| |x^|^2 + max|f| sum | |x^|^2 - |x|^2 |
 *              <= energyError + fMax * Delta (2 X^ + Delta),
 *
 * by | |x^|^2 - |x|^2 | <= |x^ - x| (|x^| + |x|) and Cauchy-Schwarz over (b, i), where
 * X^^2 = sum |x^|^2 (the computed mass) and Delta >= ||x^ - x|| (all b and i together):
 *
 *     x^ - x = (acc round-off) + (a^ - a) psi^ + a (psi^ - psi'),
 *     Delta <= gamma_{2d+2} sqrt(d) (||A|| + e_A) ||psi^|| + e_A ||psi^|| + ||A|| e_psi,
 *
 * d the largest eigenspace (acc sums d products; || |B| ||_2 <= sqrt(d) ||B||_2 for d columns).
 * A population p_j is the unit vector e_j in both bases (no psi error, no acc round-off) with a
 * relative error `population` of p_j itself. The terms' own rounding (6 roundings in
 * w gamma weight |x|^2) and their sum (gamma_N, Higham Lemma 3.1) add (gamma_6 + gamma_N) sum|terms|.
 * Tr[A^2 Pinch rho] = sum p |x|^2 over all (b, i): the same without f.
 */
import type { ChannelHeat } from './davies.js';
import { gammaN } from './tolerances.js';

/** How far the data the kernel used can be from the exact ones. */
export interface HeatPerturbation {
  /** Bound on ||A^ - U^+ A_exact U||_2 (the eigenbasis matrix of A as used). */
  readonly operator: number;
  /** Bound on ||psi^ - U^+ psi_exact|| per unit ||psi||. */
  readonly vector: number;
  /** Upper bound of ||A_exact||. */
  readonly normA: number;
  /** Largest eigenspace dimension. */
  readonly largestSpace: number;
  /** Relative error bound of the populations of a function of H_S (thermal, ground, top). */
  readonly population: number;
}

/** Absolute error bounds of one channel's quantities. */
export interface ChannelErrors {
  readonly J: number;
  readonly pinchedA2: number;
  readonly deltaE: number;
  readonly gammaMax: number;
  readonly omegaGammaMax: number;
  /** The errors of the upper Omega statistics (over every element computed above 0), where the kernel has them. */
  readonly upper?: { readonly deltaE: number; readonly gammaMax: number; readonly omegaGammaMax: number };
}

/**
 * The error bounds of a channel's results (see the module comment for the derivation).
 *
 * @example
 * heatErrors(channelHeat(...), { operator: 1e-14, vector: 1e-14, normA: 2, largestSpace: 1, population: 0 }).J
 */
export function heatErrors(h: ChannelHeat, p: HeatPerturbation): ChannelErrors {
  const q = h.parts;
  const acc = gammaN(2 * p.largestSpace + 2) * Math.sqrt(p.largestSpace) * (p.normA + p.operator);
  let V = 0;
  for (let c = 0; c < q.weight.length; c++) {
    const psi = Math.sqrt(q.psi2[c]);
    const isVector = c < q.vectors;
    const delta = isVector ? acc * psi + p.operator * psi + p.normA * p.vector * Math.max(1, psi) : p.operator;
    V += q.weight[c] * delta * (2 * Math.sqrt(q.kept2[c]) + delta);
  }
  const sums = gammaN(q.terms + 1) + gammaN(6);
  const grow = 1 + gammaN(8); // the bounds' own evaluation, a few roundings each
  return {
    J: (q.energyError + q.fMax * V + (sums + p.population) * h.absJ) * grow,
    pinchedA2: (V + (sums + p.population) * h.pinchedA2) * grow,
    deltaE: q.deltaEError * grow,
    gammaMax: q.gammaMaxError * grow,
    omegaGammaMax: q.omegaGammaMaxError * grow,
    upper: { deltaE: q.upperErrors.deltaE * grow, gammaMax: q.upperErrors.gammaMax * grow, omegaGammaMax: q.upperErrors.omegaGammaMax * grow },
  };
}
