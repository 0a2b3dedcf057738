/**
 * Permutation-symmetric ensembles of L spins s (2s + 1 levels each): the total-spin sectors of the
 * collective spin J = sum_k S_k and what a one-site operator must be for sum_k M_k to act on them.
 *
 * (C^{2s+1})^{(x)L} = sum_j V_j (x) M_j: the collective operators act on each spin-j irrep V_j as the
 * spin-j matrices (numeric/dicke's DickeSector, whatever s), and trivially on the multiplicity space
 * M_j, of dimension m_j = c(L, j) - c(L, j + 1) (j = Ls, Ls - 1, ..., >= 0), where c(L, M) is the
 * number of product states with total Sz = M: the coefficient of x^(M + Ls) in
 * (1 + x + ... + x^(2s))^L. The multiplicities are exact (BigInt: at s = 1, L = 1000 they have
 * about 477 digits).
 *
 * A one-site operator M of a spin s > 1/2 gives a collective sum_k M_k only when M is linear in the
 * spin, a0 Id + cz Sz + cp S+ + cm S-: then sum_k M_k = a0 L + cz Jz + cp J+ + cm J-. Any other part
 * (Sz^2, |0><2|, ...) is still permutation symmetric, but not a function of the total spin: it mixes
 * the multiplicity spaces (it needs the SU(2s+1) sectors). At s = 1/2 every M is linear.
 */
import type { Complex, Field } from './field.js';

/** A total-spin sector of L spins s: 2j, its dimension 2j + 1 and the number of copies in (2s+1)^L. */
export interface SpinSectorCount {
  readonly twoJ: number;
  readonly dimension: number;
  readonly multiplicity: bigint;
}

/**
 * c(L, M) for M + Ls = n = 0..2Ls: the coefficients of (1 + x + ... + x^(d-1))^L, d = 2s + 1, exactly.
 * From Q F' = L Q' F (F = Q^L, Q = sum_{t<d} x^t): n f_n = sum_{t=1}^{d-1} ((L + 1) t - n) f_{n-t},
 * an exact integer division; O(d) small-integer operations per coefficient.
 */
export function spinProjectionCounts(L: number, twoS: number): bigint[] {
  if (!Number.isInteger(L) || L < 0 || !Number.isInteger(twoS) || twoS < 1) throw new RangeError(`spin counts need L >= 0 and 2s >= 1 (got L = ${L}, 2s = ${twoS})`);
  const top = L * twoS;
  const f: bigint[] = new Array(top + 1);
  f[0] = 1n;
  const L1 = BigInt(L + 1);
  for (let n = 1; n <= top; n++) {
    let s = 0n;
    for (let t = 1; t <= Math.min(twoS, n); t++) s += (L1 * BigInt(t) - BigInt(n)) * f[n - t];
    f[n] = s / BigInt(n);
  }
  return f;
}

/**
 * Every total-spin sector of L spins s that occurs, 2j = 2Ls, 2Ls - 2, ..., >= 0 (the top one
 * first), with m_j = c(L, j) - c(L, j + 1) copies; sectors with m_j = 0 (j = 0 of one spin 1) are
 * left out. sum_j (2j + 1) m_j = (2s + 1)^L.
 *
 * @example
 * spinSectorCounts(2, 2) // 2j = 4, 2, 0, each once: 5 + 3 + 1 = 9
 */
export function spinSectorCounts(L: number, twoS: number): SpinSectorCount[] {
  const c = spinProjectionCounts(L, twoS);
  const top = L * twoS;
  // c(L, M) at n = M + Ls, 2M = 2n - top; twoJ = 2M.
  const count = (twoM: number): bigint => (twoM > top ? 0n : c[(twoM + top) / 2]);
  const out: SpinSectorCount[] = [];
  for (let twoJ = top; twoJ >= 0; twoJ -= 2) {
    const multiplicity = count(twoJ) - count(twoJ + 2);
    if (multiplicity > 0n) out.push({ twoJ, dimension: twoJ + 1, multiplicity });
  }
  return out;
}

/** The natural logarithm of a positive BigInt, to float64 accuracy at any size. */
export function logBigInt(x: bigint): number {
  if (x <= 0n) throw new RangeError('logBigInt needs a positive integer');
  const bits = x.toString(2).length;
  const shift = Math.max(0, bits - 60);
  return Math.log(Number(x >> BigInt(shift))) + shift * Math.LN2;
}

/** Sz, S+ (= Sx + i Sy) and S- of a spin s as dense d x d row-major complex matrices, d = 2s + 1, index i <-> m = s - i. */
export interface SpinMatrices<T> {
  readonly dim: number;
  readonly Sz: readonly Complex<T>[];
  readonly Sp: readonly Complex<T>[];
  readonly Sm: readonly Complex<T>[];
  readonly Sx: readonly Complex<T>[];
  readonly Sy: readonly Complex<T>[];
  /** sqrt((s - m)(s + m + 1)) of S+ |m> = ... |m + 1>, at the column of m (index i = s - m, i = 1..d-1). */
  readonly ladder: readonly T[];
}

/**
 * The spin-s matrices over a field: Sz = diag(s, s - 1, ..., -s), S+ |s - i> = sqrt(i (2s + 1 - i)) |s - i + 1>
 * (entry (i - 1, i)), S- its transpose, Sx = (S+ + S-)/2, Sy = (S+ - S-)/(2i). QuTiP's `jmat(s)` in the same order.
 *
 * @example
 * spinMatricesIn(float64Field, 1).Sz.map((z) => z.re) // [0.5, 0, 0, -0.5]
 */
export function spinMatricesIn<T>(F: Field<T>, twoS: number): SpinMatrices<T> {
  const d = twoS + 1;
  const z: Complex<T> = { re: F.zero, im: F.zero };
  const zeros = (): Complex<T>[] => Array.from({ length: d * d }, () => z);
  const Sz = zeros(), Sp = zeros(), Sm = zeros(), Sx = zeros(), Sy = zeros();
  const ladder: T[] = [F.zero];
  const half = F.fromRational(1, 2);
  for (let i = 0; i < d; i++) Sz[i * d + i] = { re: F.fromRational(twoS - 2 * i, 2), im: F.zero };
  for (let i = 1; i < d; i++) {
    // (s - m)(s + m + 1) at m = s - i: i (2s + 1 - i).
    const v = F.sqrt(F.fromRational(i * (twoS + 1 - i), 1));
    const h = F.mul(v, half);
    ladder.push(v);
    Sp[(i - 1) * d + i] = { re: v, im: F.zero };
    Sm[i * d + i - 1] = { re: v, im: F.zero };
    Sx[(i - 1) * d + i] = { re: h, im: F.zero };
    Sx[i * d + i - 1] = { re: h, im: F.zero };
    Sy[(i - 1) * d + i] = { re: F.zero, im: F.neg(h) };
    Sy[i * d + i - 1] = { re: F.zero, im: h };
  }
  return { dim: d, Sz, Sp, Sm, Sx, Sy, ladder };
}

/**
 * A one-site operator M of a spin s written as a0 Id + cz Sz + cp S+ + cm S-, in the form of the
 * spin-1/2 operator with the same decomposition, [a, b, c, d] = [a0 + cz/2, cp, cm, a0 - cz/2]
 * (so numeric/dicke's site sums apply unchanged: (a + d) L/2 = a0 L), and the largest modulus of
 * the rest, M - (a0 Id + cz Sz + cp S+ + cm S-), which is 0 exactly when M is linear in the spin.
 *
 * @param M the d x d row-major matrix, d = 2s + 1
 */
export function linearSpinPart<T>(F: Field<T>, S: SpinMatrices<T>, M: readonly Complex<T>[]): { form: readonly [Complex<T>, Complex<T>, Complex<T>, Complex<T>]; rest: T } {
  const d = S.dim;
  if (M.length !== d * d) throw new RangeError(`a one-site operator of dimension ${d} has ${d * d} entries (got ${M.length})`);
  const sub = (a: Complex<T>, b: Complex<T>): Complex<T> => ({ re: F.sub(a.re, b.re), im: F.sub(a.im, b.im) });
  const scale = (a: Complex<T>, x: T): Complex<T> => ({ re: F.mul(a.re, x), im: F.mul(a.im, x) });
  const div = (a: Complex<T>, x: T): Complex<T> => ({ re: F.div(a.re, x), im: F.div(a.im, x) });
  // Diagonal: M_ii = a0 + cz (s - i): cz from the first two entries, a0 = M_00 - cz s.
  const cz = sub(M[0], M[d + 1]);
  const s = F.fromRational(d - 1, 2);
  const a0 = sub(M[0], scale(cz, s));
  const cp = div(M[1], S.ladder[1]);
  const cm = div(M[d], S.ladder[1]);
  let rest = F.zero;
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      let v = M[r * d + c];
      if (r === c) v = sub(v, { re: F.add(a0.re, F.mul(cz.re, F.fromRational(d - 1 - 2 * r, 2))), im: F.add(a0.im, F.mul(cz.im, F.fromRational(d - 1 - 2 * r, 2))) });
      else if (c === r + 1) v = sub(v, scale(cp, S.ladder[c]));
      else if (r === c + 1) v = sub(v, scale(cm, S.ladder[r]));
      const m = F.sqrt(F.add(F.mul(v.re, v.re), F.mul(v.im, v.im)));
      if (F.cmp(m, rest) > 0) rest = m;
    }
  }
  const halfZ = F.fromRational(1, 2);
  const hz = scale(cz, halfZ);
  return {
    form: [{ re: F.add(a0.re, hz.re), im: F.add(a0.im, hz.im) }, cp, cm, sub(a0, hz)],
    rest,
  };
}
