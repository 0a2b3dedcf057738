/**
 * The statistics of one Davies channel over a number field (physics.md §1-3), written once for
 * float64 and decimal.js:
 *
 *     J = - sum_{eigenspaces a, b} w_ab gamma(w_ab) Tr[ P_b rho P_b  P_b A P_a A P_b ],   w_ab = E_b - E_a,
 *
 * Tr[A^2 Pinch rho], and over Omega (the Bohr frequencies w_ab of the pairs a != b with some
 * |<i|A|j>| > zero, i in a, j in b): max |w|, max gamma, max |w| gamma and the smallest gamma.
 * The state is weighted pure vectors (eigenbasis amplitudes) plus populations of a function of H_S;
 * for a pure component psi the kernel forms phi = A P_b psi per eigenspace b, so coherences inside
 * degenerate eigenspaces enter exactly.
 *
 * The rule of every instance (this kernel, the float64 loop, the B2tail tables of numeric/tail and
 * numeric/tail-precise): every term enters J and Tr[A^2 Pinch rho], as in physics.md §1 (a sum over
 * every Bohr frequency, with no threshold); the zero threshold decides only Omega and its
 * statistics (an element counts iff |A_ij|^2 > zero^2; `upper` takes the same maxima over every
 * element not certified zero, the ones within their error of 0 too). Terms of pairs outside Omega are round-off
 * sized and are kept: J is then the computed sum itself, and its error bound needs no term for
 * anything left out.
 *
 * {@link channelStatistics} is the generic kernel over sparse columns, {@link preciseChannelHeat} its
 * Decimal instance; the pinched weights come from precise/kernel's accumulatePairsIn. The float64
 * engine keeps its own scatter loop for speed (numeric/davies channelHeat, on typed-array column
 * sources, with the error-bound parts; the generic kernel run over float64 is about 5x slower at
 * 1024 levels). Both return a {@link ChannelStatistics}; test/numeric/kernel-laws runs the same laws
 * on the float64 loop and on the generic kernel over float64 and decimal(30).
 */
import type { Decimal } from './precise/index.js';
import type { ElementaryField } from './elementary.js';
import { decimalBath } from './bath.js';
import {
  accumulatePairsIn, type ColumnsOver, type PreciseOperatorColumns, type PreciseSpaces, type PreciseState,
  type SpacesOver, type StateOver,
} from './precise/index.js';

export type { ColumnsOver, SpacesOver, StateOver };

/** What every Davies channel kernel computes, in its number type V. */
export interface ChannelStatistics<V> {
  /** The heat current J_alpha (> 0: into the system). */
  readonly J: V;
  /** sum of |terms| of J_alpha, the scale of its round-off. */
  readonly absJ: V;
  /** Tr[A^2 Pinch(rho)]. */
  readonly pinchedA2: V;
  /** max |w| over Omega_alpha (the effective band), 0 if Omega_alpha is empty. */
  readonly deltaE: V;
  /** max gamma(w) over Omega_alpha (0 if empty). */
  readonly gammaMax: V;
  /** max |w| gamma(w) over Omega_alpha (0 if empty). */
  readonly omegaGammaMax: V;
  /** The smallest gamma(w) over Omega_alpha (negative: the spectrum is invalid there); 0 if empty. */
  readonly gammaMin: V;
  /** A Bohr frequency where gamma was smallest (the first met). */
  readonly gammaMinAt: V;
  /**
   * The same maxima over every pair of different eigenspaces with an element not certified zero:
   * Omega's, and those whose elements are at or below the zero threshold but not exact zeros (a
   * computed modulus above 0: such an element is within its error of 0 and may be nonzero). An
   * element never stored or visited is an exact zero; one computed exactly 0 is one only where no
   * rounding entered it (between blocks A does not connect, or blocks of dimension 1 whose
   * eigenvectors are exact unit vectors): inside a block of dimension > 1 a computed 0 may stand for
   * a nonzero element (the float64 kernel counts it, numeric/davies channelHeat's `rounded`). This
   * generic kernel sees only the entries its columns hold and takes a stored 0 for an exact zero:
   * the decimal.js engine leaves computed zeros out of its columns (engine/precise/basis), which is
   * exact where its eigenvectors are and otherwise within their error (1e-digits) of it. The exact statistics
   * lie between the main ones (certified nonzero elements: lower bounds) and these (upper bounds).
   */
  readonly upper: OmegaMaxima<V>;
}

/** max |w|, max gamma and max |w| gamma over a set of Bohr frequencies (each 0 if empty). */
export interface OmegaMaxima<V> {
  readonly deltaE: V;
  readonly gammaMax: V;
  readonly omegaGammaMax: V;
}

/** {@link ChannelStatistics} plus what tells how firmly the zero threshold decided Omega. */
export interface ChannelStatisticsOver<V> extends ChannelStatistics<V> {
  /** The largest |<i|A|j>| (i, j in different eigenspaces) counted as zero, and the smallest counted as nonzero. */
  readonly largestZero: V;
  readonly smallestNonzero: V | null;
  /** max |w| gamma(w) over every Bohr frequency with any nonzero element (also below `zero`): scales J's error from errors in A. */
  readonly omegaGammaMaxAny: V;
}

/**
 * The Omega reductions: max |w|, max gamma, max |w| gamma (each from 0) and the first smallest
 * gamma with its w, by exact comparisons in the field.
 */
export class BohrStatistics<V> {
  deltaE: V;
  gammaMax: V;
  omegaGammaMax: V;
  /** null until a frequency is added. */
  gammaMin: V | null = null;
  gammaMinAt: V;
  constructor(private readonly F: ElementaryField<V>) {
    this.deltaE = F.zero; this.gammaMax = F.zero; this.omegaGammaMax = F.zero; this.gammaMinAt = F.zero;
  }
  /** Counts the Bohr frequency w with gamma(w) = g into Omega. */
  add(w: V, g: V): void {
    const F = this.F;
    const aw = F.abs(w);
    if (F.cmp(aw, this.deltaE) > 0) this.deltaE = aw;
    if (F.cmp(g, this.gammaMax) > 0) this.gammaMax = g;
    const wg = F.mul(aw, g);
    if (F.cmp(wg, this.omegaGammaMax) > 0) this.omegaGammaMax = wg;
    if (this.gammaMin === null || F.cmp(g, this.gammaMin) < 0) { this.gammaMin = g; this.gammaMinAt = w; }
  }
}

/**
 * J_alpha, Tr[A^2 Pinch rho] and the Omega_alpha statistics of one channel over the field F.
 * Every pair's q enters J (Omega decides only the statistics); pairs with w = 0 or q = 0 add nothing.
 *
 * @param gamma the bath spectrum over F
 * @param zero entries of A with modulus at most this count as zero when deciding A(w) != 0
 * @example
 * // a two-level system E = (0, 1), A = sigma_x, in its ground state, flat bath rate 1 at T:
 * // J = exp(-1/T) (the bath lifts the system), deltaE = 1, gammaMax = 1, gammaMin = exp(-1/T) at w = -1
 */
export function channelStatistics<V>(
  F: ElementaryField<V>, spaces: SpacesOver<V>, A: ColumnsOver<V>, state: StateOver<V>,
  gamma: (w: V) => V, zero: V,
): ChannelStatisticsOver<V> {
  const nS = spaces.energies.length;
  const { spaceOf, energies } = spaces;
  const zero2 = F.mul(zero, zero);
  // Omega: pairs (a, b), a != b, with some |A_ij| > zero, i in a, j in b (in the order first met).
  const omega = new Set<number>();
  const anyPair = new Set<number>();
  let largestZero = F.zero;
  let smallestNonzero: V | null = null;
  for (let j = 0; j < A.n; j++) {
    const b = spaceOf[j];
    for (const [i, v] of A.cols[j]) {
      const a = spaceOf[i];
      if (a === b) continue;
      const m2 = F.add(F.mul(v.re, v.re), F.mul(v.im, v.im));
      if (!F.isZero(v.re) || !F.isZero(v.im)) anyPair.add(a * nS + b);
      if (F.cmp(m2, zero2) > 0) {
        omega.add(a * nS + b);
        if (smallestNonzero === null || F.cmp(m2, smallestNonzero) < 0) smallestNonzero = m2;
      } else if (F.cmp(m2, largestZero) > 0) largestZero = m2;
    }
  }
  const gammaAt = new Map<number, V>();
  const rate = (a: number, b: number): V => {
    const key = a * nS + b;
    let g = gammaAt.get(key);
    if (g === undefined) { g = gamma(F.sub(energies[b], energies[a])); gammaAt.set(key, g); }
    return g;
  };
  const stats = new BohrStatistics(F);
  for (const key of omega) {
    const a = Math.floor(key / nS), b = key % nS;
    stats.add(F.sub(energies[b], energies[a]), rate(a, b));
  }
  // The upper statistics: Omega's, and every pair with a computed element above 0 (anyPair).
  const upper = new BohrStatistics(F);
  upper.deltaE = stats.deltaE; upper.gammaMax = stats.gammaMax; upper.omegaGammaMax = stats.omegaGammaMax;
  for (const key of anyPair) {
    if (omega.has(key)) continue;
    const a = Math.floor(key / nS), b = key % nS;
    upper.add(F.sub(energies[b], energies[a]), rate(a, b));
  }
  const omegaGammaMaxAny = upper.omegaGammaMax;
  let J = F.zero, absJ = F.zero, pinchedA2 = F.zero;
  accumulatePairsIn(F, spaces, A, state, (a, b, q) => {
    pinchedA2 = F.add(pinchedA2, q);
    if (a === b || F.isZero(q)) return;
    const w = F.sub(energies[b], energies[a]);
    if (F.isZero(w)) return;
    const t = F.mul(F.mul(w, rate(a, b)), q);
    J = F.sub(J, t);
    absJ = F.add(absJ, F.abs(t));
  });
  return {
    J, absJ, pinchedA2, deltaE: stats.deltaE, gammaMax: stats.gammaMax, omegaGammaMax: stats.omegaGammaMax,
    gammaMin: stats.gammaMin ?? F.zero, gammaMinAt: stats.gammaMinAt,
    upper: { deltaE: upper.deltaE, gammaMax: upper.gammaMax, omegaGammaMax: upper.omegaGammaMax },
    largestZero: F.sqrt(largestZero), smallestNonzero: smallestNonzero === null ? null : F.sqrt(smallestNonzero),
    omegaGammaMaxAny,
  };
}

/** One channel's results in Decimal (the kernel's {@link ChannelStatisticsOver} in Decimal). */
export type PreciseChannelHeat = ChannelStatisticsOver<Decimal>;

/**
 * J_alpha, Tr[A^2 Pinch rho] and the Omega_alpha statistics of one channel, in Decimal:
 * {@link channelStatistics} over the field of D (numeric/bath's decimalBath).
 *
 * @param zero entries of A with modulus at most this count as zero when deciding A(w) != 0
 */
export function preciseChannelHeat(
  D: typeof Decimal, spaces: PreciseSpaces, A: PreciseOperatorColumns, state: PreciseState,
  gamma: (w: Decimal) => Decimal, zero: Decimal,
): PreciseChannelHeat {
  return channelStatistics(decimalBath(D), spaces, A, state, gamma, zero);
}
