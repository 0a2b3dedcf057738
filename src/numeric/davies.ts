/**
 * The heat current of one Davies channel and the quantities its bounds need (physics.md §1-3).
 *
 * Convention: hbar = k_B = 1; A(w) removes energy w from the system; J > 0 flows into the system:
 *
 *     J = - sum_w w gamma(w) < A(w)^+ A(w) >_rho
 *       = - sum_{eigenspaces a, b} (E_b - E_a) gamma(E_b - E_a) Tr[ P_b rho P_b  P_b A P_a A P_b ].
 *
 * The kernel never forms A(w): for a pure component psi it accumulates phi = A P_b psi for each
 * eigenspace b in turn, so coherences inside a degenerate eigenspace enter exactly.
 */
import type { ColumnSource } from './columns.js';
import type { Eigenspaces } from './eigenspaces.js';
import type { Spectrum } from './bath.js';

/** A state in the eigenbasis: weighted pure components plus a part diagonal in the eigenbasis. */
export interface EigenbasisState {
  /** Pure components psi_k (eigenbasis amplitudes) with weights p_k. */
  readonly vectors: readonly { readonly weight: number; readonly re: Float64Array; readonly im: Float64Array }[];
  /** Populations of eigen-indices of a state that is a function of H_S (thermal, ground, top); or null. */
  readonly populations: Float64Array | null;
}

/** What one channel contributes. */
export interface ChannelHeat {
  /** The heat current J_alpha. */
  readonly J: number;
  /** sum of |terms| of J_alpha, the scale of its round-off. */
  readonly absJ: number;
  /** Tr[A^2 Pinch(rho)]. */
  readonly pinchedA2: number;
  /** max |w| over Omega_alpha (the effective band), 0 if Omega_alpha is empty. */
  readonly deltaE: number;
  /** max gamma(w) over Omega_alpha. */
  readonly gammaMax: number;
  /** max |w| gamma(w) over Omega_alpha. */
  readonly omegaGammaMax: number;
  /** The smallest gamma(w) met over Omega_alpha (negative: the spectrum is invalid there). */
  readonly gammaMin: number;
  /** A Bohr frequency where gamma was smallest. */
  readonly gammaMinAt: number;
  /**
   * The Omega statistics from the elements clearly above round-off only (|A_ij| > margin * zero).
   * Equal to the main ones unless elements within a factor `margin` of the threshold decide them.
   */
  readonly clear: { readonly deltaE: number; readonly gammaMax: number; readonly omegaGammaMax: number };
}

/**
 * J_alpha, Tr[A^2 Pinch rho] and the Omega_alpha statistics of one channel.
 *
 * @param spaces eigenspaces of H_S (the eigen-indices are the columns of `A`)
 * @param A the channel's noise operator in the eigenbasis, by columns
 * @param gamma the bath spectrum
 * @param zero entries of A with modulus at most this count as zero when deciding A(w) != 0
 */
export function channelHeat(spaces: Eigenspaces, A: ColumnSource, state: EigenbasisState, gamma: Spectrum, zero: number, margin = 1): ChannelHeat {
  const n = A.n;
  const accRe = new Float64Array(n);
  const accIm = new Float64Array(n);
  const touched = new Int32Array(n);
  // mark[i] counts contributions to acc[i]; with exactly one, |acc_i|^2 = |A_ij|^2 |psi_j|^2 and
  // the exact |A_ij|^2 (when the operator knows it) keeps sqrt-valued elements exact.
  const mark = new Int32Array(n);
  const single = new Float64Array(n);
  let nTouched = 0;
  const { space, spaceEnergy } = spaces;

  const scatter = (j: number, wr: number, wi: number): void => {
    const c = A.apply(j);
    const rows = A.rows, re = A.re, im = A.im, sq = A.abs2 ?? null;
    const w2 = wr * wr + wi * wi;
    for (let r = 0; r < c; r++) {
      const i = rows[r];
      if (mark[i] === 0) { touched[nTouched++] = i; single[i] = sq ? sq[r] * w2 : NaN; }
      mark[i]++;
      accRe[i] += re[r] * wr - im[r] * wi;
      accIm[i] += re[r] * wi + im[r] * wr;
    }
  };
  const reset = (): void => {
    for (let t = 0; t < nTouched; t++) { const i = touched[t]; accRe[i] = 0; accIm[i] = 0; mark[i] = 0; }
    nTouched = 0;
  };
  const abs2At = (i: number): number =>
    mark[i] === 1 && !Number.isNaN(single[i]) ? single[i] : accRe[i] * accRe[i] + accIm[i] * accIm[i];

  // Omega_alpha statistics: every nonzero element between different eigenspaces.
  let deltaE = 0, gammaMax = 0, omegaGammaMax = 0, gammaMin = Infinity, gammaMinAt = 0;
  const zero2 = zero * zero;
  const clear2 = zero2 * margin * margin;
  let cDeltaE = 0, cGammaMax = 0, cOmegaGammaMax = 0;
  for (let j = 0; j < n; j++) {
    scatter(j, 1, 0);
    const b = space[j];
    for (let t = 0; t < nTouched; t++) {
      const i = touched[t];
      if (space[i] === b) continue;
      const mag2 = accRe[i] * accRe[i] + accIm[i] * accIm[i];
      if (mag2 <= zero2) continue;
      const w = spaceEnergy[b] - spaceEnergy[space[i]];
      const g = gamma(w);
      const aw = Math.abs(w);
      if (aw > deltaE) deltaE = aw;
      if (g > gammaMax) gammaMax = g;
      if (aw * g > omegaGammaMax) omegaGammaMax = aw * g;
      if (g < gammaMin) { gammaMin = g; gammaMinAt = w; }
      if (mag2 > clear2) {
        if (aw > cDeltaE) cDeltaE = aw;
        if (g > cGammaMax) cGammaMax = g;
        if (aw * g > cOmegaGammaMax) cOmegaGammaMax = aw * g;
      }
    }
    reset();
  }

  // J and Tr[A^2 Pinch rho].
  let J = 0, absJ = 0, pinchedA2 = 0;
  const f = (w: number): number => w * gamma(w);
  // Elements of blocks that are not in Omega (round-off) are skipped for J too, so J and the Omega
  // statistics always see the same A(w).
  const harvest = (b: number, weight: number, norm2: number): void => {
    const Eb = spaceEnergy[b];
    const floor = zero2 * norm2;
    for (let t = 0; t < nTouched; t++) {
      const i = touched[t];
      const a2 = abs2At(i);
      if (a2 <= floor) continue;
      const p2 = weight * a2;
      pinchedA2 += p2;
      const a = space[i];
      if (a === b) continue;
      const term = f(Eb - spaceEnergy[a]) * p2;
      J -= term;
      absJ += Math.abs(term);
    }
    reset();
  };

  const nSpaces = spaceEnergy.length;
  for (const v of state.vectors) {
    for (let b = 0; b < nSpaces; b++) {
      let norm2 = 0;
      for (let q = spaces.start[b]; q < spaces.start[b + 1]; q++) {
        const j = spaces.members[q];
        const pr = v.re[j], pi = v.im[j];
        if (pr === 0 && pi === 0) continue;
        scatter(j, pr, pi);
        norm2 += pr * pr + pi * pi;
      }
      if (norm2 > 0) harvest(b, v.weight, norm2);
    }
  }
  if (state.populations) {
    const pop = state.populations;
    for (let j = 0; j < n; j++) {
      if (pop[j] === 0) continue;
      scatter(j, 1, 0);
      harvest(space[j], pop[j], 1);
    }
  }
  return {
    J, absJ, pinchedA2, deltaE, gammaMax, omegaGammaMax, gammaMin: gammaMin === Infinity ? 0 : gammaMin, gammaMinAt,
    clear: { deltaE: cDeltaE, gammaMax: cGammaMax, omegaGammaMax: cOmegaGammaMax },
  };
}
