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
 *
 * This is the float64 specialisation of numeric/channel's channelStatistics (the kernel written once
 * over a field, whose Decimal instance is preciseChannelHeat in numeric/channel.ts): the same statistics
 * behind the same ChannelStatistics result, computed by a typed-array scatter loop over any
 * ColumnSource (about 5x faster than the generic map-based kernel run over float64 at 1024 levels), by
 * the same rules (every term enters J and Tr[A^2 Pinch rho]; the zero threshold decides only Omega),
 * with one float64-only refinement: the error-bound parts of heat-error.ts are gathered on the way.
 * For speed the populations' terms are summed in the pass over the columns A e_j that makes the
 * Omega statistics (the same scatter), after the pure components' terms (the sums run over the pure
 * components first, then the populations in index order), and a pure component's term from an element at most the zero threshold takes the
 * largest error of f over the pairs instead of its own (no evaluations of gamma at w +- dw).
 */
import type { ColumnSource } from './columns.js';
import { bohrFrequencies, type Eigenspaces } from './eigenspaces.js';
import type { Spectrum } from './bath.js';
import type { ChannelStatistics } from './channel.js';
import type { RoundedZeros } from './eigensystem.js';
import { defaultTolerances } from './tolerances.js';

/** A state in the eigenbasis: weighted pure components plus a part diagonal in the eigenbasis. */
export interface EigenbasisState {
  /** Pure components psi_k (eigenbasis amplitudes) with weights p_k. */
  readonly vectors: readonly { readonly weight: number; readonly re: Float64Array; readonly im: Float64Array }[];
  /** Populations of eigen-indices of a state that is a function of H_S (thermal, ground, top); or null. */
  readonly populations: Float64Array | null;
}

/**
 * What one channel contributes: the {@link ChannelStatistics} every kernel computes (J, absJ,
 * pinchedA2, deltaE, gammaMax, omegaGammaMax, gammaMin, gammaMinAt) in float64, plus the
 * statistics of the clearly nonzero elements and the parts of the a-posteriori error.
 */
export interface ChannelHeat extends ChannelStatistics<number> {
  /**
   * The Omega statistics from the elements clearly above round-off only (|A_ij| > margin * zero).
   * Equal to the main ones unless elements within a factor `margin` of the threshold decide them.
   */
  readonly clear: { readonly deltaE: number; readonly gammaMax: number; readonly omegaGammaMax: number };
  /** What the error bounds need (heat-error.ts turns it into bounds with a method's perturbations). */
  readonly parts: HeatErrorParts;
}

/**
 * Ingredients of the a-posteriori error of one channel (see heat-error.ts). w errors come from the
 * eigenspaces' `spaceError` (0 when absent) and one rounding of E_b - E_a; f(w) = w gamma(w).
 */
export interface HeatErrorParts {
  /** Bound on max |f(w)| over every pair of different eigenspaces that A's stored entries connect. */
  readonly fMax: number;
  /** Bound on sum over the terms of J of (|f(w~) - f(w)| + evaluation error) * weight |x|^2 (a term from an element at most the zero threshold weighted by the largest of those errors over the pairs A's entries connect). */
  readonly energyError: number;
  /** Number of terms summed into J (and into Tr[A^2 Pinch rho]). */
  readonly terms: number;
  /** Bounds on the errors of deltaE, gammaMax and omegaGammaMax from the w errors (Omega fixed). */
  readonly deltaEError: number;
  readonly gammaMaxError: number;
  readonly omegaGammaMaxError: number;
  /** The same for the upper statistics (`upper` of {@link ChannelStatistics}: every element not certified zero). */
  readonly upperErrors: { readonly deltaE: number; readonly gammaMax: number; readonly omegaGammaMax: number };
  /** Per component of the state (pure vectors first, then populations): its weight, the mass
   * sum |x~|^2 of A P_b psi over b (every element: none is dropped), and ||psi~||^2. */
  readonly weight: Float64Array;
  readonly kept2: Float64Array;
  readonly psi2: Float64Array;
  /** Number of pure-vector components (the rest are populations: eigenbasis unit vectors). */
  readonly vectors: number;
}

/**
 * The scatter buffer of the Davies kernel: acc = A (w psi_j) accumulated column by column into
 * typed arrays, with the touched rows listed so that a reset costs only what was written.
 * mark[i] counts contributions to acc[i]; with exactly one, |acc_i|^2 = |A_ij|^2 |w|^2 and the
 * exact |A_ij|^2 (when the operator knows it) keeps sqrt-valued elements exact.
 */
export class Scatter {
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly touched: Int32Array;
  /** Rows touched since the last reset (touched[0..count-1]). */
  count = 0;
  private readonly mark: Int32Array;
  private readonly single: Float64Array;

  constructor(private readonly A: ColumnSource) {
    const n = A.n;
    this.re = new Float64Array(n); this.im = new Float64Array(n);
    this.touched = new Int32Array(n); this.mark = new Int32Array(n); this.single = new Float64Array(n);
  }

  /** acc += A[:, j] (wr + i wi). */
  add(j: number, wr: number, wi: number): void {
    const A = this.A;
    const c = A.apply(j);
    const rows = A.rows, re = A.re, im = A.im, sq = A.abs2 ?? null;
    const w2 = wr * wr + wi * wi;
    const mark = this.mark, accRe = this.re, accIm = this.im;
    for (let r = 0; r < c; r++) {
      const i = rows[r];
      if (mark[i] === 0) { this.touched[this.count++] = i; this.single[i] = sq ? sq[r] * w2 : NaN; }
      mark[i]++;
      accRe[i] += re[r] * wr - im[r] * wi;
      accIm[i] += re[r] * wi + im[r] * wr;
    }
  }

  /**
   * acc += A P_b psi for the members of eigenspace b (psi = re + i im in the eigenbasis); returns
   * ||P_b psi||^2.
   */
  addSpace(spaces: Eigenspaces, b: number, re: Float64Array, im: Float64Array): number {
    let norm2 = 0;
    for (let q = spaces.start[b]; q < spaces.start[b + 1]; q++) {
      const j = spaces.members[q];
      const pr = re[j], pi = im[j];
      if (pr === 0 && pi === 0) continue;
      this.add(j, pr, pi);
      norm2 += pr * pr + pi * pi;
    }
    return norm2;
  }

  reset(): void {
    for (let t = 0; t < this.count; t++) { const i = this.touched[t]; this.re[i] = 0; this.im[i] = 0; this.mark[i] = 0; }
    this.count = 0;
  }

  /** |acc_i|^2, exact where a single contribution with known |A_ij|^2 made it. */
  abs2(i: number): number {
    return this.mark[i] === 1 && !Number.isNaN(this.single[i]) ? this.single[i] : this.re[i] * this.re[i] + this.im[i] * this.im[i];
  }
}

/**
 * J_alpha, Tr[A^2 Pinch rho] and the Omega_alpha statistics of one channel.
 *
 * @param spaces eigenspaces of H_S (the eigen-indices are the columns of `A`)
 * @param A the channel's noise operator in the eigenbasis, by columns
 * @param gamma the bath spectrum
 * @param zero entries of A with modulus at most this count as zero when deciding A(w) != 0
 * @param rounded where an element computed as exactly 0 may be nonzero (numeric/eigensystem
 *   roundedZeros: A connects the blocks and one's eigenvectors carry errors); absent, every
 *   computed 0 is an exact zero (A's elements computed with no rounding, e.g. a diagonal H_S)
 */
export function channelHeat(
  spaces: Eigenspaces, A: ColumnSource, state: EigenbasisState, gamma: Spectrum, zero: number, margin = 1, rounded?: RoundedZeros,
): ChannelHeat {
  const n = A.n;
  const sc = new Scatter(A);
  const accRe = sc.re, accIm = sc.im, touched = sc.touched;
  const { space, spaceEnergy } = spaces;

  // Omega_alpha statistics: every nonzero element between different eigenspaces.
  let deltaE = 0, gammaMax = 0, omegaGammaMax = 0, gammaMin = Infinity, gammaMinAt = 0;
  const zero2 = zero * zero;
  const clear2 = zero2 * margin * margin;
  let cDeltaE = 0, cGammaMax = 0, cOmegaGammaMax = 0;
  // Over every element not certified zero (also at or below the threshold), with their errors.
  let uDeltaE = 0, uGammaMax = 0, uOmegaGammaMax = 0, uDeltaEError = 0, uGammaMaxError = 0, uOmegaGammaMaxError = 0;
  // Error of w = E_b - E_a and of f(w), gamma(w) there: the energies' bounds plus one rounding of
  // the difference; |f(w~) - f(w)| by the larger one-sided difference over [w~ - dw, w~ + dw],
  // doubled (exact for f monotone on that interval, and dw is of the size of round-off), plus
  // `spectrumRoundings` roundings of the evaluation itself.
  const u = defaultTolerances.eps, kg = defaultTolerances.spectrumRoundings * u;
  const spaceError = spaces.spaceError ?? null;
  // Exact levels (numeric/exact-levels): w and its error from their difference, not from the levels' own errors.
  const exact = spaces.bohr ?? null, bohrOf = bohrFrequencies(spaces);
  let lastA = -1, lastB = -1, pw = 0, pg = 0, pdw = 0, pfErr = 0, pgErr = 0;
  const pair = (a: number, b: number): void => {
    if (a === lastA && b === lastB) return;
    lastA = a; lastB = b;
    pw = bohrOf(a, b);
    pg = gamma(pw);
    pdw = exact ? exact.relative * Math.abs(pw) + exact.absolute : (spaceError ? spaceError[a] + spaceError[b] : 0) + u * Math.abs(pw);
    if (pdw > 0) {
      const gp = gamma(pw + pdw), gm = gamma(pw - pdw);
      const f0 = pw * pg;
      pfErr = 2 * Math.max(Math.abs((pw + pdw) * gp - f0), Math.abs((pw - pdw) * gm - f0)) + kg * Math.abs(f0);
      pgErr = 2 * Math.max(Math.abs(gp - pg), Math.abs(gm - pg)) + kg * Math.abs(pg);
    } else {
      pfErr = kg * Math.abs(pw * pg);
      pgErr = kg * Math.abs(pg);
    }
  };
  let fMax = 0, deltaEError = 0, gammaMaxError = 0, omegaGammaMaxError = 0;

  // J and Tr[A^2 Pinch rho]: every term (numeric/channel's rule: the zero threshold decides only
  // Omega), the pure components first, then the populations.
  let J = 0, absJ = 0, pinchedA2 = 0, terms = 0, energyError = 0;
  // Per state component: the mass of the vectors A P_b psi (heat-error.ts).
  let kept = 0;
  // The error of f(w) weighs a term of a pure component by its pair's pfErr, or, when the element
  // is at most the zero threshold (round-off: its pair's errors need not be evaluated), by the
  // largest pfErr over every pair A's entries connect (fErrMax, from the Omega pass below): the
  // weight of those terms is summed in smallMass. The term itself is the same either way.
  let smallMass = 0, fErrMax = 0;
  // w gamma(w) of the pair a <- b for the b of the current call (stamp[a] = call), for those terms.
  const nSpaces = spaceEnergy.length;
  const stamp = new Int32Array(nSpaces).fill(-1), fOf = new Float64Array(nSpaces);
  let call = 0;
  const harvest = (b: number, weight: number, norm2: number): void => {
    const floor = zero2 * norm2, Eb = spaceEnergy[b];
    call++;
    for (let t = 0; t < sc.count; t++) {
      const i = touched[t];
      const a2 = sc.abs2(i);
      // A computed 0 adds nothing to the sums (and no round-off); where it may stand for a nonzero
      // element (inexact eigenvectors), the difference is in J's error from the error of A~.
      if (a2 === 0) continue;
      kept += a2;
      const p2 = weight * a2;
      pinchedA2 += p2;
      terms++;
      const a = space[i];
      if (a === b) continue;
      let term: number;
      if (a2 > floor) {
        pair(a, b);
        term = pw * pg * p2;
        energyError += pfErr * p2;
      } else {
        if (stamp[a] !== call) { const w = exact ? bohrOf(a, b) : Eb - spaceEnergy[a]; fOf[a] = w * gamma(w); stamp[a] = call; }
        term = fOf[a] * p2;
        smallMass += p2;
      }
      J -= term;
      absJ += Math.abs(term);
    }
    sc.reset();
  };

  const pop = state.populations;
  let nPop = 0;
  if (pop) for (let j = 0; j < n; j++) if (pop[j] !== 0) nPop++;
  const nComp = state.vectors.length + nPop;
  const cw = new Float64Array(nComp), ck = new Float64Array(nComp), cp = new Float64Array(nComp);
  let c = 0;
  for (const v of state.vectors) {
    kept = 0;
    let psi2 = 0;
    for (let b = 0; b < nSpaces; b++) {
      const norm2 = sc.addSpace(spaces, b, v.re, v.im);
      psi2 += norm2;
      if (norm2 > 0) harvest(b, v.weight, norm2);
    }
    cw[c] = v.weight; ck[c] = kept; cp[c] = psi2; c++;
  }

  // The Omega statistics from every column A e_j, and in the same pass (the same scatter of A e_j
  // and the same Bohr frequency per element) the terms of the population of j, if any.
  for (let j = 0; j < n; j++) {
    sc.add(j, 1, 0);
    const b = space[j];
    const p = pop ? pop[j] : 0;
    kept = 0;
    for (let t = 0; t < sc.count; t++) {
      const i = touched[t];
      const a = space[i];
      if (a !== b) {
        pair(a, b);
        const fb = Math.abs(pw * pg) + pfErr;
        if (fb > fMax) fMax = fb;
        if (pfErr > fErrMax) fErrMax = pfErr;
        const mag2 = accRe[i] * accRe[i] + accIm[i] * accIm[i];
        if (mag2 > zero2) {
          const w = pw;
          const g = pg;
          const aw = Math.abs(w);
          if (aw > deltaE) deltaE = aw;
          if (g > gammaMax) gammaMax = g;
          if (aw * g > omegaGammaMax) omegaGammaMax = aw * g;
          if (g < gammaMin) { gammaMin = g; gammaMinAt = w; }
          if (pdw > deltaEError) deltaEError = pdw;
          if (pgErr > gammaMaxError) gammaMaxError = pgErr;
          if (pfErr > omegaGammaMaxError) omegaGammaMaxError = pfErr;
          if (mag2 > clear2) {
            if (aw > cDeltaE) cDeltaE = aw;
            if (g > cGammaMax) cGammaMax = g;
            if (aw * g > cOmegaGammaMax) cOmegaGammaMax = aw * g;
          }
        }
        if (accRe[i] !== 0 || accIm[i] !== 0 || (rounded !== undefined && !(rounded.exact[i] && rounded.exact[j]) && rounded.connects(i, j))) {
          // Not certified zero (Omega's elements, and those within their error of 0, a computed 0
          // among them where it went through inexact eigenvectors): the upper statistics.
          const aw = Math.abs(pw);
          if (aw > uDeltaE) uDeltaE = aw;
          if (pg > uGammaMax) uGammaMax = pg;
          if (aw * pg > uOmegaGammaMax) uOmegaGammaMax = aw * pg;
          if (pdw > uDeltaEError) uDeltaEError = pdw;
          if (pgErr > uGammaMaxError) uGammaMaxError = pgErr;
          if (pfErr > uOmegaGammaMaxError) uOmegaGammaMaxError = pfErr;
        }
      }
      if (p === 0) continue;
      const a2 = sc.abs2(i);
      if (a2 === 0) continue;
      kept += a2;
      const p2 = p * a2;
      pinchedA2 += p2;
      terms++;
      if (a === b) continue;
      const term = pw * pg * p2;
      J -= term;
      absJ += Math.abs(term);
      energyError += pfErr * p2;
    }
    if (p !== 0) { cw[c] = p; ck[c] = kept; cp[c] = 1; c++; }
    sc.reset();
  }
  if (smallMass > 0) energyError += fErrMax * smallMass;
  return {
    J, absJ, pinchedA2, deltaE, gammaMax, omegaGammaMax, gammaMin: gammaMin === Infinity ? 0 : gammaMin, gammaMinAt,
    clear: { deltaE: cDeltaE, gammaMax: cGammaMax, omegaGammaMax: cOmegaGammaMax },
    upper: { deltaE: uDeltaE, gammaMax: uGammaMax, omegaGammaMax: uOmegaGammaMax },
    parts: {
      fMax, energyError, terms, deltaEError, gammaMaxError, omegaGammaMaxError,
      upperErrors: { deltaE: uDeltaEError, gammaMax: uGammaMaxError, omegaGammaMax: uOmegaGammaMaxError },
      weight: cw, kept2: ck, psi2: cp, vectors: state.vectors.length,
    },
  };
}
