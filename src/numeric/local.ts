import { float64Field, type Complex, type Field } from './field.js';
import { hermitian2x2Eigenvalues } from './hermitian2x2.js';

/**
 * One-site operators as d x d complex matrices, row-major with interleaved real and imaginary
 * parts: entry (r, c) = <r|M|c> at [2 (r d + c)], [2 (r d + c) + 1] (length 2 d^2). Qubits (d = 2)
 * are in the basis (u, d): index 0 is |u> (excited, Z = +1), index 1 is |d> (ground, Z = -1),
 * layout [re00, im00, re01, im01, re10, im10, re11, im11]; a spin s in the basis m = s, s-1, ..., -s;
 * d levels 0..d-1; a mode truncated to the Fock states 0..d-1 (model-language v2, `sites:`).
 */
export type Local = Float64Array;

/** The dimension d of a local operator (its length is 2 d^2). */
export function localDim(a: Local): number {
  return a.length === 8 ? 2 : Math.round(Math.sqrt(a.length / 2));
}

function local(entries: readonly number[]): Local {
  return Float64Array.from(entries);
}

/** The site operators of the model language, by name. */
export const siteOperators: Readonly<Record<'X' | 'Y' | 'Z' | 'Sp' | 'Sm' | 'N' | 'I', Local>> = Object.freeze({
  X: local([0, 0, 1, 0, 1, 0, 0, 0]),
  Y: local([0, 0, 0, -1, 0, 1, 0, 0]),
  Z: local([1, 0, 0, 0, 0, 0, -1, 0]),
  Sp: local([0, 0, 1, 0, 0, 0, 0, 0]), // |u><d| raises
  Sm: local([0, 0, 0, 0, 1, 0, 0, 0]), // |d><u| lowers
  N: local([1, 0, 0, 0, 0, 0, 0, 0]), // |u><u|
  I: local([1, 0, 0, 0, 0, 0, 1, 0]),
});

/** The product a b of two local operators. */
export function localMul(a: Local, b: Local): Local {
  if (a.length !== 8 || b.length !== 8) return localMulAny(a, b);
  const out = new Float64Array(8);
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      let sr = 0, si = 0;
      for (let k = 0; k < 2; k++) {
        const ar = a[(r * 2 + k) * 2], ai = a[(r * 2 + k) * 2 + 1];
        const br = b[(k * 2 + c) * 2], bi = b[(k * 2 + c) * 2 + 1];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      out[(r * 2 + c) * 2] = sr;
      out[(r * 2 + c) * 2 + 1] = si;
    }
  }
  return out;
}

/** a b for local operators of any equal dimension d (the 2 x 2 case is {@link localMul}'s own loop). */
function localMulAny(a: Local, b: Local): Local {
  const d = localDim(a);
  if (localDim(b) !== d) throw new RangeError(`a product of local operators of dimensions ${d} and ${localDim(b)}`);
  const out = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      let sr = 0, si = 0;
      for (let k = 0; k < d; k++) {
        const ar = a[(r * d + k) * 2], ai = a[(r * d + k) * 2 + 1];
        const br = b[(k * d + c) * 2], bi = b[(k * d + c) * 2 + 1];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      out[(r * d + c) * 2] = sr;
      out[(r * d + c) * 2 + 1] = si;
    }
  }
  return out;
}

/** The adjoint of a local operator. */
export function localAdjoint(a: Local): Local {
  if (a.length === 8) return local([a[0], -a[1], a[4], -a[5], a[2], -a[3], a[6], -a[7]]);
  const d = localDim(a);
  const out = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      out[(r * d + c) * 2] = a[(c * d + r) * 2];
      out[(r * d + c) * 2 + 1] = -a[(c * d + r) * 2 + 1];
    }
  }
  return out;
}

/** True when the local operator is diagonal. */
export function localIsDiagonal(a: Local): boolean {
  if (a.length === 8) return a[2] === 0 && a[3] === 0 && a[4] === 0 && a[5] === 0;
  const d = localDim(a);
  for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) if (r !== c && (a[(r * d + c) * 2] !== 0 || a[(r * d + c) * 2 + 1] !== 0)) return false;
  return true;
}

/** The identity on one site of dimension d. */
export function localIdentity(d: number): Local {
  if (d === 2) return siteOperators.I;
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) out[(i * d + i) * 2] = 1;
  return out;
}

/** |i><j| on one site of dimension d (`P[i,j]`, model-language v2). */
export function levelProjector(d: number, i: number, j: number): Local {
  const out = new Float64Array(2 * d * d);
  out[(i * d + j) * 2] = 1;
  return out;
}

/**
 * The spin-s matrices for 2s = twoS in the basis m = s, s-1, ..., -s (index i <-> m = s - i, QuTiP's
 * `jmat(s)` order): Sz = diag(m), S+ |m> = sqrt(s(s+1) - m(m+1)) |m+1>, S- = (S+)^+,
 * Sx = (S+ + S-)/2, Sy = (S+ - S-)/(2i). At s = 1/2: Sp and Sm are v1's |u><d| and |d><u| exactly.
 */
export function spinMatrices(twoS: number): { Sx: Local; Sy: Local; Sz: Local; Sp: Local; Sm: Local } {
  const d = twoS + 1, s = twoS / 2;
  const z = (): Local => new Float64Array(2 * d * d);
  const Sx = z(), Sy = z(), Sz = z(), Sp = z(), Sm = z();
  for (let i = 0; i < d; i++) {
    const m = s - i;
    Sz[(i * d + i) * 2] = m;
    if (i > 0) {
      // <m+1| S+ |m>: row i-1 (m + 1), column i (m).
      const c = Math.sqrt((s - m) * (s + m + 1));
      Sp[((i - 1) * d + i) * 2] = c;
      Sm[(i * d + i - 1) * 2] = c;
      Sx[((i - 1) * d + i) * 2] = c / 2;
      Sx[(i * d + i - 1) * 2] = c / 2;
      Sy[((i - 1) * d + i) * 2 + 1] = -c / 2;
      Sy[(i * d + i - 1) * 2 + 1] = c / 2;
    }
  }
  return { Sx, Sy, Sz, Sp, Sm };
}

/** A mode's matrices over a field, row-major d x d (entry (r, c) at r d + c). */
export interface BosonMatrices<T> {
  readonly dim: number;
  readonly a: readonly Complex<T>[];
  readonly adag: readonly Complex<T>[];
  readonly n: readonly Complex<T>[];
}

/**
 * A mode truncated to the Fock states 0..d-1 (QuTiP's `destroy(d)`) over a field: a |m> = sqrt(m)
 * |m-1> (entry (m - 1, m), sqrt(m) rounded once in F), adag = a^+, n = adag a = diag(0, 1, ..., d - 1).
 *
 * @example
 * bosonMatricesIn(decimalField(30), 3).a[1 * 3 + 2].re // sqrt(2) to 30 digits
 */
export function bosonMatricesIn<T>(F: Field<T>, d: number): BosonMatrices<T> {
  const z: Complex<T> = { re: F.zero, im: F.zero };
  const zeros = (): Complex<T>[] => Array.from({ length: d * d }, () => z);
  const a = zeros(), adag = zeros(), n = zeros();
  for (let m = 1; m < d; m++) {
    const c = { re: F.sqrt(F.fromRational(m, 1)), im: F.zero };
    a[(m - 1) * d + m] = c;
    adag[m * d + m - 1] = c;
  }
  for (let m = 0; m < d; m++) n[m * d + m] = { re: F.fromRational(m, 1), im: F.zero };
  return { dim: d, a, adag, n };
}

/** A d x d matrix of float64 complex entries as a {@link Local}. */
function localOf(d: number, entries: readonly Complex<number>[]): Local {
  const out = new Float64Array(2 * d * d);
  entries.forEach((x, e) => { out[2 * e] = x.re; out[2 * e + 1] = x.im; });
  return out;
}

/** A mode truncated to the Fock states 0..d-1 in float64: {@link bosonMatricesIn} over float64. */
export function bosonMatrices(d: number): { a: Local; adag: Local; n: Local } {
  const m = bosonMatricesIn(float64Field, d);
  return { a: localOf(d, m.a), adag: localOf(d, m.adag), n: localOf(d, m.n) };
}

/** The largest singular value (operator norm) of a 2x2 complex matrix: the square root of M^+ M's larger eigenvalue (numeric/hermitian2x2). */
export function localNorm(a: Local): number {
  if (a.length !== 8) return localNormAny(a);
  // ||M||^2 is the largest eigenvalue of M^+ M = [[p, q], [conj q, s]].
  const p = a[0] ** 2 + a[1] ** 2 + a[4] ** 2 + a[5] ** 2;
  const s = a[2] ** 2 + a[3] ** 2 + a[6] ** 2 + a[7] ** 2;
  const qr = a[0] * a[2] + a[1] * a[3] + a[4] * a[6] + a[5] * a[7];
  const qi = a[0] * a[3] - a[1] * a[2] + a[4] * a[7] - a[5] * a[6];
  return Math.sqrt(Math.max(0, hermitian2x2Eigenvalues(float64Field, p, s, { re: qr, im: qi }).hi));
}

/** The complex determinant [re, im]. */
export function localDet(a: Local): [number, number] {
  const re = a[0] * a[6] - a[1] * a[7] - (a[2] * a[4] - a[3] * a[5]);
  const im = a[0] * a[7] + a[1] * a[6] - (a[2] * a[5] + a[3] * a[4]);
  return [re, im];
}

/**
 * For d > 2, an upper bound on ||M||: the Frobenius norm sqrt(sum |M_rc|^2) (>= the largest
 * singular value; exact for a matrix of rank one such as P[i,j]), rounded up by a relative 4d^2 u.
 */
function localNormAny(a: Local): number {
  let s = 0;
  for (let e = 0; e < a.length; e++) s += a[e] * a[e];
  return Math.sqrt(s) * (1 + 2 * a.length * Number.EPSILON);
}
