/**
 * The Davies channel quantities of numeric/davies in Decimal arithmetic (physics.md §1-3):
 *
 *     J = - sum_{eigenspaces a, b} (E_b - E_a) gamma(E_b - E_a) Tr[ P_b rho P_b  P_b A P_a A P_b ],
 *
 * for a state given as weighted pure vectors (eigenbasis amplitudes) plus populations of a function
 * of H_S. For a pure component psi the kernel forms phi = A P_b psi per eigenspace b, so coherences
 * inside degenerate eigenspaces enter exactly, as in the float64 kernel.
 */
import type { Decimal } from 'decimal.js';

type Ctor = typeof Decimal;

/** A complex number in Decimal (structurally the same as the lang and context types). */
export interface Cx { readonly re: Decimal; readonly im: Decimal }

/** Eigenspaces of H_S: energies and the eigen-indices of each. */
export interface PreciseSpaces {
  readonly energies: readonly Decimal[];
  readonly members: readonly (readonly number[])[];
  /** Eigenspace of each eigen-index. */
  readonly spaceOf: Int32Array;
}

/** A state in the eigenbasis. */
export interface PreciseState {
  readonly vectors: readonly { readonly weight: Decimal; readonly amp: readonly Cx[] }[];
  /** Populations of the eigen-indices (a function of H_S), or null. */
  readonly populations: readonly Decimal[] | null;
}

/** A noise operator in the eigenbasis, by sparse columns. */
export interface PreciseOperatorColumns {
  readonly n: number;
  readonly cols: readonly ReadonlyMap<number, Cx>[];
}

/** One channel's results in Decimal. */
export interface PreciseChannelHeat {
  readonly J: Decimal;
  /** sum of |terms| of J, the scale of its round-off. */
  readonly absJ: Decimal;
  readonly pinchedA2: Decimal;
  readonly deltaE: Decimal;
  readonly gammaMax: Decimal;
  readonly omegaGammaMax: Decimal;
  readonly gammaMin: Decimal;
  readonly gammaMinAt: Decimal;
  /** The largest |<i|A|j>| (i, j in different eigenspaces) counted as zero, and the smallest counted as nonzero. */
  readonly largestZero: Decimal;
  readonly smallestNonzero: Decimal | null;
  /** max |w| gamma(w) over every Bohr frequency with any nonzero element (also below `zero`): scales J's error from errors in A. */
  readonly omegaGammaMaxAny: Decimal;
}

/**
 * J_alpha, Tr[A^2 Pinch rho] and the Omega_alpha statistics of one channel, in Decimal.
 *
 * @param zero entries of A with modulus at most this count as zero when deciding A(w) != 0
 */
export function preciseChannelHeat(
  D: Ctor, spaces: PreciseSpaces, A: PreciseOperatorColumns, state: PreciseState,
  gamma: (w: Decimal) => Decimal, zero: Decimal,
): PreciseChannelHeat {
  const nS = spaces.energies.length;
  const { spaceOf, members, energies } = spaces;
  const zero2 = zero.times(zero);
  // Omega: pairs (a, b), a != b, with some |A_ij| > zero, i in a, j in b.
  const omega = new Set<number>();
  const anyPair = new Set<number>();
  let largestZero = new D(0);
  let smallestNonzero: Decimal | null = null;
  for (let j = 0; j < A.n; j++) {
    const b = spaceOf[j];
    for (const [i, v] of A.cols[j]) {
      const a = spaceOf[i];
      if (a === b) continue;
      const m2 = v.re.times(v.re).plus(v.im.times(v.im));
      if (!m2.isZero()) anyPair.add(a * nS + b);
      if (m2.gt(zero2)) {
        omega.add(a * nS + b);
        if (smallestNonzero === null || m2.lt(smallestNonzero)) smallestNonzero = m2;
      } else if (m2.gt(largestZero)) largestZero = m2;
    }
  }
  const gammaAt = new Map<number, Decimal>();
  const rate = (a: number, b: number): Decimal => {
    const key = a * nS + b;
    let g = gammaAt.get(key);
    if (g === undefined) { g = gamma(energies[b].minus(energies[a])); gammaAt.set(key, g); }
    return g;
  };
  let deltaE = new D(0), gammaMax = new D(0), omegaGammaMax = new D(0);
  let gammaMin: Decimal | null = null, gammaMinAt = new D(0);
  for (const key of omega) {
    const a = Math.floor(key / nS), b = key % nS;
    const w = energies[b].minus(energies[a]);
    const g = rate(a, b);
    const aw = w.abs();
    if (aw.gt(deltaE)) deltaE = aw;
    if (g.gt(gammaMax)) gammaMax = g;
    const wg = aw.times(g);
    if (wg.gt(omegaGammaMax)) omegaGammaMax = wg;
    if (gammaMin === null || g.lt(gammaMin)) { gammaMin = g; gammaMinAt = w; }
  }

  let omegaGammaMaxAny = omegaGammaMax;
  for (const key of anyPair) {
    if (omega.has(key)) continue;
    const a = Math.floor(key / nS), b = key % nS;
    const wg = energies[b].minus(energies[a]).abs().times(rate(a, b));
    if (wg.gt(omegaGammaMaxAny)) omegaGammaMaxAny = wg;
  }
  // q[a] accumulates Tr[P_b rho P_b A P_a A P_b] for the current b.
  let J = new D(0), absJ = new D(0), pinchedA2 = new D(0);
  const addPair = (a: number, b: number, q: Decimal): void => {
    pinchedA2 = pinchedA2.plus(q);
    if (a === b || q.isZero()) return;
    const w = energies[b].minus(energies[a]);
    if (w.isZero()) return;
    const t = w.times(rate(a, b)).times(q);
    J = J.minus(t);
    absJ = absJ.plus(t.abs());
  };
  accumulatePairs(D, spaces, A, state, addPair);
  return {
    J, absJ, pinchedA2, deltaE, gammaMax, omegaGammaMax,
    gammaMin: gammaMin ?? new D(0), gammaMinAt,
    largestZero: largestZero.sqrt(), smallestNonzero: smallestNonzero === null ? null : smallestNonzero.sqrt(),
    omegaGammaMaxAny,
  };
}

/**
 * Calls add(a, b, q) with q = Tr[P_b rho P_b A P_a A P_b] (the weight of the pair of eigenspaces
 * a <- b in the pinched state), for the state's vectors and populations: the accumulation the
 * Davies kernel, the tail bound and the dissipator share.
 */
export function accumulatePairs(D: Ctor, spaces: PreciseSpaces, A: PreciseOperatorColumns, state: PreciseState, add: (a: number, b: number, q: Decimal) => void): void {
  const { spaceOf, members } = spaces;
  const nS = members.length;
  const addPair = add;
  for (const { weight, amp } of state.vectors) {
    for (let b = 0; b < nS; b++) {
      const phi = new Map<number, { re: Decimal; im: Decimal }>();
      for (const j of members[b]) {
        const p = amp[j];
        if (p.re.isZero() && p.im.isZero()) continue;
        for (const [i, v] of A.cols[j]) {
          const re = v.re.times(p.re).minus(v.im.times(p.im));
          const im = v.re.times(p.im).plus(v.im.times(p.re));
          const prev = phi.get(i);
          phi.set(i, prev ? { re: prev.re.plus(re), im: prev.im.plus(im) } : { re, im });
        }
      }
      if (phi.size === 0) continue;
      const q = new Map<number, Decimal>();
      for (const [i, v] of phi) {
        const a = spaceOf[i];
        q.set(a, (q.get(a) ?? new D(0)).plus(v.re.times(v.re).plus(v.im.times(v.im))));
      }
      for (const [a, s] of q) addPair(a, b, s.times(weight));
    }
  }
  if (state.populations) {
    for (let b = 0; b < nS; b++) {
      const q = new Map<number, Decimal>();
      for (const j of members[b]) {
        const p = state.populations[j];
        if (p.isZero()) continue;
        for (const [i, v] of A.cols[j]) {
          const a = spaceOf[i];
          q.set(a, (q.get(a) ?? new D(0)).plus(v.re.times(v.re).plus(v.im.times(v.im)).times(p)));
        }
      }
      for (const [a, s] of q) addPair(a, b, s);
    }
  }
}

/** Decimal bath spectra (numeric/bath in Decimal). */
export function preciseFlat(D: Ctor, rate: Decimal, T: Decimal): (w: Decimal) => Decimal {
  return (w) => (w.gte(0) ? rate : T.gt(0) ? rate.times(w.abs().neg().div(T).exp()) : new D(0));
}

/** `ohmic`: rate w exp(-w/wc) / (1 - exp(-w/T)), its limit rate T at w = 0, detailed balance below. */
export function preciseOhmic(D: Ctor, rate: Decimal, T: Decimal, wc: Decimal): (w: Decimal) => Decimal {
  const emission = (w: Decimal): Decimal => {
    if (w.isZero()) return rate.times(T);
    const cut = w.neg().div(wc).exp();
    if (T.lte(0)) return rate.times(w).times(cut);
    return rate.times(w).times(cut).div(oneMinusExpNeg(D, w.div(T)));
  };
  return (w) => {
    if (w.gte(0)) return emission(w);
    if (T.lte(0)) return new D(0);
    return w.abs().neg().div(T).exp().times(emission(w.abs()));
  };
}

/**
 * 1 - exp(-x) without the cancellation of the direct formula for small |x| (a series there):
 * the Decimal counterpart of -expm1(-x).
 */
export function oneMinusExpNeg(D: Ctor, x: Decimal): Decimal {
  if (x.abs().gte('0.01')) return new D(1).minus(x.neg().exp());
  // x - x^2/2! + x^3/3! - ...; each term is at most 1% of the previous.
  const eps = new D(10).pow(-(D.precision + 2));
  let term = x, sum = x;
  for (let k = 2; term.abs().gt(eps.times(sum.abs())); k++) {
    term = term.times(x).div(k).neg();
    sum = sum.plus(term);
  }
  return sum;
}
