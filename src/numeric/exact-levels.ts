/**
 * Exact grouping of the levels of a diagonal H_S. A diagonal H_S = sum_t c_t prod_s D_t,s has the
 * energy E_j = sum_t Re(c_t d_t(j)) on product state j, with d_t(j) a product of diagonal entries of
 * Z, N, Id (and of products such as XY = iZ): one of 0, +-1, +-i. float64 sums of float64
 * coefficients merge levels that differ below round-off (w_k = 1 + k 1e-17 are all 1.0 in float64)
 * and split levels that are equal (0.1 + 0.2 != 0.3). Here each coefficient comes in as an integer
 * N_t times 10^-s (from its decimal.js value, exact for the model's decimal literals and their sums
 * and products), held in limbs of base 10^12 that float64 adds exactly, so every E_j is an exact
 * integer multiple of 10^-s and two levels are one eigenspace exactly when their integers agree.
 */
import type { Eigenspaces, ExactBohr, NearSplit } from './eigenspaces.js';
import { defaultTolerances } from './tolerances.js';

/** Base of the limbs: sums of up to `maxTerms` limbs stay below 2^53, so they are exact. */
export const limbBase = 1e12;
const maxTerms = 8000;

/** One diagonal product term with a coefficient N 10^-s in limbs (little-endian, signed, base 10^12). */
export interface DiagonalTermExact {
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Sites (0 = leftmost, the most significant bit of the basis index). */
  readonly sites: readonly number[];
  /** The diagonal local factors, interleaved re/im 2x2 (numeric/local), one per site. */
  readonly mats: readonly Float64Array[];
}

/** The energies of every product state as exact integers N_j 10^-s (limbs k of state j at [j K + k]). */
export interface ExactLevels {
  readonly n: number;
  /** Limbs per energy. */
  readonly K: number;
  /** Decimal scale: E_j = sum_k limbs[j K + k] 10^(12 k - s), limbs normalised (see {@link exactDiagonalLevels}). */
  readonly s: number;
  readonly limbs: Float64Array;
  /** Bound on |E_j(model) - E_j(these)| from the coefficients' own evaluation (0 when they are exact decimals). */
  readonly coefficientError: number;
}

/**
 * The exact energies. Cost 2^L x terms x K float64 additions and 8 K bytes per state.
 *
 * @param coefficientError bound on the total error of the coefficients against the model (absolute, summed over terms)
 * @returns null when there are more than 8000 terms or 2^L x terms exceeds `budget`
 */
export function exactDiagonalLevels(L: number, K: number, s: number, terms: readonly DiagonalTermExact[], coefficientError: number, budget = 2 ** 27): ExactLevels | null {
  const n = 2 ** L;
  if (terms.length > maxTerms || n * Math.max(1, terms.length) * K > budget) return null;
  const limbs = new Float64Array(n * K);
  for (const t of terms) {
    const bits = t.sites.map((q) => L - 1 - q);
    for (let j = 0; j < n; j++) {
      // d = product of the diagonal entries: one of 0, +-1, +-i (exact in float64).
      let dr = 1, di = 0;
      for (let q = 0; q < bits.length; q++) {
        const b = (j >> bits[q]) & 1;
        const m = t.mats[q];
        const mr = m[(b * 2 + b) * 2], mi = m[(b * 2 + b) * 2 + 1];
        const nr = dr * mr - di * mi;
        di = dr * mi + di * mr;
        dr = nr;
      }
      if (dr === 0 && di === 0) continue;
      // Re(c d) = Re c Re d - Im c Im d, exactly one of Re d, Im d being +-1.
      const src = dr !== 0 ? t.re : t.im;
      const sign = dr !== 0 ? dr : -di;
      const o = j * K;
      for (let k = 0; k < K; k++) limbs[o + k] += sign * src[k];
    }
  }
  // Normalise to balanced limbs: 0..K-2 in [-base/2, base/2), the top one signed. The
  // representation is then unique and its lexicographic order (top limb first) is the numeric one,
  // and the leading nonzero limb dominates the value. Every step is an exact integer operation
  // (|v| < 2^53); the quotient's rounding is corrected by the two fix-ups.
  const half = limbBase / 2;
  for (let j = 0; j < n; j++) {
    const o = j * K;
    let carry = 0;
    for (let k = 0; k < K - 1; k++) {
      const v = limbs[o + k] + carry;
      carry = Math.floor((v + half) / limbBase);
      let d = v - carry * limbBase;
      if (d < -half) { d += limbBase; carry--; } else if (d >= half) { d -= limbBase; carry++; }
      limbs[o + k] = d;
    }
    limbs[o + K - 1] += carry;
  }
  return { n, K, s, limbs, coefficientError };
}

/**
 * Eigenspaces from exact levels: equal integers share an eigenspace, and so do levels whose exact
 * difference is within the coefficients' own error (2 coefficientError: equal within their error,
 * the grouping rule of numeric/grouping), those merges listed in `undecided` (with exact decimal
 * coefficients there is none; with 1/3 at 40 digits the levels 1/3 + 1/3 - 2/3 and 0 are one); a
 * merge by a gap above 1/10 of that error is weak (`undecidedWidth`: J's error covers the split
 * reading). `spaceEnergy` is the float64 value of each eigenspace's first level, `spaceError` its
 * rounding plus the coefficients' error and the spread of its levels.
 */
export function groupExactLevels(levels: ExactLevels): Eigenspaces & { readonly undecided: readonly NearSplit[] } {
  const { n, K, s, limbs, coefficientError } = levels;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const cmp = (a: number, b: number): number => {
    for (let k = K - 1; k >= 0; k--) {
      const d = limbs[a * K + k] - limbs[b * K + k];
      if (d !== 0) return d;
    }
    return 0;
  };
  order.sort(cmp);
  const scale = (k: number): number => 10 ** (12 * k - s);
  const value = (j: number): number => {
    let v = 0;
    for (let k = K - 1; k >= 0; k--) v += limbs[j * K + k] * scale(k);
    return v;
  };
  // The difference E_a - E_b of two levels, formed limb by limb (exact integers), its limbs
  // balanced as those of a level (exact integer steps, as exactDiagonalLevels), then rounded as a
  // level is: within 3.03 (K + 1) u of its modulus (below), plus one rounding of the top limb's
  // difference when it exceeds 2^53.
  const diff = new Float64Array(K);
  const half = limbBase / 2;
  const difference = (a: number, b: number): number => {
    let carry = 0;
    for (let k = 0; k < K - 1; k++) {
      const v = limbs[a * K + k] - limbs[b * K + k] + carry;
      carry = Math.floor((v + half) / limbBase);
      let d = v - carry * limbBase;
      if (d < -half) { d += limbBase; carry--; } else if (d >= half) { d -= limbBase; carry++; }
      diff[k] = d;
    }
    diff[K - 1] = limbs[a * K + K - 1] - limbs[b * K + K - 1] + carry;
    let v = 0;
    for (let k = K - 1; k >= 0; k--) v += diff[k] * scale(k);
    return v;
  };
  const energies = new Float64Array(n);
  for (let j = 0; j < n; j++) energies[j] = value(j);
  const space = new Int32Array(n);
  const starts: number[] = [];
  const undecided: NearSplit[] = [];
  // The spread of each eigenspace's exact levels (the gaps of the undecided pairs merged into it).
  const spread: number[] = [];
  let smallestGap = Infinity, weak = false;
  const tol = 2 * coefficientError;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    let split = r === 0 || cmp(i, order[r - 1]) !== 0;
    if (split && r > 0) {
      const p = order[r - 1];
      const gap = difference(i, p);
      // Equal within the coefficients' error: one eigenspace, as levels equal within their error
      // bounds are (numeric/grouping), the merge listed; above 1/10 of the error a weak one.
      if (gap <= tol) {
        undecided.push({ below: energies[p], above: energies[i], gap, error: tol });
        weak ||= gap > defaultTolerances.weakMergeFraction * tol;
        spread[spread.length - 1] += gap;
        split = false;
      } else smallestGap = Math.min(smallestGap, gap);
    }
    if (split) { starts.push(r); spread.push(0); }
    space[i] = starts.length - 1;
  }
  starts.push(n);
  const S = starts.length - 1;
  const spaceEnergy = new Float64Array(S), spaceError = new Float64Array(S);
  // Each float64 value sums K products limb * 10^(12k - s), each product within 2u of its exact
  // value (the power of ten and the product rounded), the sum within (K - 1) u of the sum of their
  // moduli (Higham 4.3 to first order; we take gamma as 1.01 times). With balanced limbs the
  // leading nonzero limb l_m gives |E| >= (|l_m| - 1/2 - 1e-12) 10^(12m - s) while the moduli sum
  // to at most (|l_m| + 1/2 + 1e-12) 10^(12m - s) <= 3 |E|: so the error is within 3.03 (K + 1) u |E|.
  const u = defaultTolerances.eps;
  for (let q = 0; q < S; q++) {
    const e = energies[order[starts[q]]];
    spaceEnergy[q] = e;
    spaceError[q] = (3.03 * (K + 1) * u * Math.abs(e) + coefficientError + spread[q]) * (1 + 2 * u) + Number.MIN_VALUE;
  }
  const maxSpread = spread.reduce((a, b) => Math.max(a, b), 0);
  // The Bohr frequencies from the exact levels: each difference rounded once (the kernels' w), its
  // error that rounding plus the coefficients' error of both levels.
  // Between eigenspaces the frequency is taken from their first members: the spreads add to its error.
  const bohr: ExactBohr = { frequency: (i, j) => difference(j, i), relative: 3.03 * (K + 2) * u, absolute: (2 * coefficientError + 2 * maxSpread) * (1 + 2 * u) + Number.MIN_VALUE };
  return {
    energies, space, spaceEnergy, start: Int32Array.from(starts), members: order,
    tolerance: tol, smallestGap, spaceError, nearSplits: [], undecided, bohr, ...(weak ? { undecidedWidth: 2 * maxSpread } : {}),
  };
}

/**
 * One diagonal product term on sites of any dimension (model language v2) with an exact
 * coefficient (re + i im) 10^-s, as BigInt numerators.
 */
export interface DiagonalSiteTerm {
  readonly re: bigint;
  readonly im: bigint;
  /** Global sites (0 = leftmost, the most significant digit of the mixed-radix index). */
  readonly sites: readonly number[];
  /** The diagonal local factors, d x d interleaved re/im (numeric/local), one per site. */
  readonly mats: readonly Float64Array[];
}

/** Largest power of two in the denominator of a diagonal entry recognised as a dyadic rational. */
export const maxDyadicExponent = 10;

/**
 * x as p / 2^q (q <= {@link maxDyadicExponent}, the smallest such q) when x lies within 8 ulps of
 * that dyadic rational, else null. The diagonal entries of a diagonal product of the species'
 * one-site matrices (spin-s Sx, Sy, Sz, Sp, Sm; a, adag, n; P[i,j]) are Gaussian dyadic rationals
 * in exact arithmetic when every factor's off-diagonal step is undone by its reverse (a closed path
 * multiplies each sqrt-valued entry by itself, and Sx, Sy bring the factors 1/2 and i), so their
 * float64 values round back to these; an entry that is not near one (P[0,2] Sm^2 on a spin 3/2 has
 * 2 sqrt(3)) makes the grouping fall back to float64.
 */
export function dyadicOf(x: number): { readonly p: bigint; readonly q: number } | null {
  if (x === 0) return { p: 0n, q: 0 };
  if (!Number.isFinite(x)) return null;
  for (let q = 0; q <= maxDyadicExponent; q++) {
    const y = x * 2 ** q;
    const r = Math.round(y);
    if (Math.abs(y - r) <= 8 * defaultTolerances.eps * Math.abs(y) && Number.isSafeInteger(r)) return { p: BigInt(r), q };
  }
  return null;
}

/**
 * The exact energies of every product state of sites of dimensions `dims` (mixed radix) under a
 * diagonal H_S given by `terms`: E_j = sum_t Re(c_t prod_s D_t,s(j_s)), each diagonal entry as the
 * dyadic rational it is ({@link dyadicOf}), summed in BigInt and returned as the balanced limbs of
 * {@link ExactLevels} (so {@link groupExactLevels} groups them: equal exactly, one eigenspace).
 * Cost: prod dims x (terms + sites per term) BigInt operations.
 *
 * @param coefficientError bound on the total error of the coefficients against the model (absolute, summed over terms)
 * @returns null when an entry is not a dyadic rational, or prod dims x terms exceeds `budget`
 */
export function exactSiteLevels(dims: readonly number[], s: number, terms: readonly DiagonalSiteTerm[], coefficientError: number, budget = 2 ** 24): ExactLevels | null {
  let n = 1;
  for (const d of dims) n *= d;
  if (n * Math.max(1, terms.length) > budget) return null;
  const stride = new Array<number>(dims.length);
  for (let g = dims.length - 1, st = 1; g >= 0; g--) { stride[g] = st; st *= dims[g]; }
  // Each term's diagonal entries per site as numerators over the term's 2^Q (Q: the sum of its sites' exponents).
  const prepared: { re: bigint; im: bigint; sites: number[]; dr: bigint[][]; di: bigint[][]; Q: number }[] = [];
  for (const t of terms) {
    const dr: bigint[][] = [], di: bigint[][] = [];
    let Q = 0;
    for (let q = 0; q < t.sites.length; q++) {
      const m = t.mats[q], d = dims[t.sites[q]];
      const entries: { p: bigint; q: number }[][] = [];
      let e = 0;
      for (let i = 0; i < d; i++) {
        const a = dyadicOf(m[(i * d + i) * 2]), b = dyadicOf(m[(i * d + i) * 2 + 1]);
        if (!a || !b) return null;
        entries.push([a, b]);
        e = Math.max(e, a.q, b.q);
      }
      dr.push(entries.map(([a]) => a.p << BigInt(e - a.q)));
      di.push(entries.map(([, b]) => b.p << BigInt(e - b.q)));
      Q += e;
    }
    prepared.push({ re: t.re, im: t.im, sites: [...t.sites], dr, di, Q });
  }
  const Qmax = prepared.reduce((m, t) => Math.max(m, t.Q), 0);
  const E = new Array<bigint>(n).fill(0n);
  for (const t of prepared) {
    const shift = BigInt(Qmax - t.Q);
    for (let j = 0; j < n; j++) {
      let vr = 1n, vi = 0n;
      for (let q = 0; q < t.sites.length; q++) {
        const i = Math.floor(j / stride[t.sites[q]]) % dims[t.sites[q]];
        const mr = t.dr[q][i], mi = t.di[q][i];
        if (mr === 0n && mi === 0n) { vr = 0n; vi = 0n; break; }
        const nr = vr * mr - vi * mi;
        vi = vr * mi + vi * mr;
        vr = nr;
      }
      if (vr === 0n && vi === 0n) continue;
      E[j] += (t.re * vr - t.im * vi) << shift;
    }
  }
  // E_j / (10^s 2^Qmax) = E_j 5^Qmax / 10^(s + Qmax): integers times 10^-(s + Qmax), in balanced limbs.
  const five = 5n ** BigInt(Qmax);
  let most = 1n;
  for (let j = 0; j < n; j++) {
    E[j] *= five;
    const a = E[j] < 0n ? -E[j] : E[j];
    if (a > most) most = a;
  }
  const K = Math.ceil(most.toString().length / 12) + 1;
  const limbs = new Float64Array(n * K);
  for (let j = 0; j < n; j++) balancedLimbs(E[j], K, limbs, j * K);
  return { n, K, s: s + Qmax, limbs, coefficientError };
}

/**
 * The integer N in K balanced limbs of {@link limbBase} (each of the lower K - 1 in
 * [-limbBase/2, limbBase/2), the top one the rest), written to out[at..at+K-1] (a new array when
 * absent): N = sum_k out[at + k] limbBase^k exactly.
 */
export function balancedLimbs(N: bigint, K: number, out = new Float64Array(K), at = 0): Float64Array {
  const B = BigInt(limbBase), half = B / 2n;
  for (let k = 0; k < K - 1; k++) {
    let d = ((N % B) + B) % B;
    if (d >= half) d -= B;
    out[at + k] = Number(d);
    N = (N - d) / B;
  }
  out[at + K - 1] = Number(N);
  return out;
}
