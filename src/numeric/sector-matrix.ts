/**
 * Sparse square matrices over a field, the one algebra (build, add, scale, mul, adjoint) in which
 * the Dicke-sector matrices of numeric/dicke are written once. Two representations behind the one
 * interface {@link SparseAlgebra}:
 *
 * - {@link columnAlgebra}: sparse columns (column c maps row r to <r|M|c>) over any `Field<T>`,
 *   the generic one; {@link decimalColumnAlgebra} is its decimal.js instance (the precise engine's
 *   sector matrices);
 * - {@link float64Csr}: float64 compressed sparse rows (numeric/sparse), specialised for speed, with
 *   exact squared moduli where an entry is the square root of a known number.
 */
import type { Decimal } from './precise/index.js';
import { decimalContext } from './precise/index.js';
import { complexMul, complexConj, decimalFieldOver, float64Field, type Complex, type Field } from './field.js';
import { type SparseMatrix, TripletBuilder, forEachEntry, sparseAdd, sparseAdjoint, sparseMul } from './sparse.js';

/**
 * Receives one entry re + i im at (row, col) of a matrix being built; `abs2` is its exact squared
 * modulus when known (a representation may keep it, see {@link SparseMatrix.abs2}).
 */
export type EntrySink<T> = (row: number, col: number, re: T, im: T, abs2?: number) => void;

/** Sparse n x n matrices M with entries in Complex<T>: the operations the sector matrices need. */
export interface SparseAlgebra<T, M> {
  readonly F: Field<T>;
  /**
   * The n x n matrix of the entries `fill` passes to its sink: duplicates are summed, exact zeros
   * dropped; `capacity` is a hint (the number of entries expected).
   */
  build(n: number, fill: (put: EntrySink<T>) => void, capacity?: number): M;
  /** a + beta b. */
  add(a: M, b: M, beta: Complex<T>): M;
  /** c a. */
  scale(a: M, c: Complex<T>): M;
  /** The ordered product a b. */
  mul(a: M, b: M): M;
  /** The adjoint a^+. */
  adjoint(a: M): M;
  /** Calls `f` for every stored entry (in an order of the representation's choosing). */
  forEachEntry(a: M, f: (row: number, col: number, v: Complex<T>) => void): void;
  /**
   * A field with `digits` more significant digits than F, for a sum that cancels; F itself where
   * there is none (float64, whose callers limit the cancellation instead).
   */
  widen(digits: number): Field<T>;
  /**
   * x^k for a real x and an integer k >= 0, where F has a more accurate power than repeated
   * multiplication (float64: Math.pow, within about an ulp where k roundings could err k ulps);
   * absent, powers are products.
   */
  readonly realPower?: (x: T, k: number) => T;
}

/** A matrix by sparse columns: column c maps row r to <r|M|c>. Exact zeros are not stored. */
export interface ColumnMatrix<T> {
  readonly n: number;
  readonly cols: readonly ReadonlyMap<number, Complex<T>>[];
}

/** True when the matrix has no off-diagonal element. */
export function columnIsDiagonal<T>(m: ColumnMatrix<T>): boolean {
  return m.cols.every((col, c) => col.size === 0 || (col.size === 1 && col.has(c)));
}

/**
 * The sparse-column algebra over the field F, with F's operations: in a sum or product each
 * complex product is rounded, then the sums in the order of the entries (as numeric/sparse does in
 * float64); a + 0 b is a.
 *
 * @param widen see {@link SparseAlgebra.widen}; default F itself
 * @param zero the test x = 0 (default by F.cmp; a faster one of the representation may be given)
 */
export function columnAlgebra<T>(
  F: Field<T>, widen: (digits: number) => Field<T> = () => F, zero: (x: T) => boolean = (x) => F.cmp(x, F.zero) === 0,
): SparseAlgebra<T, ColumnMatrix<T>> {
  const isZero = (z: Complex<T>): boolean => zero(z.re) && zero(z.im);
  type Cols = Map<number, Complex<T>>[];
  const empty = (n: number): Cols => Array.from({ length: n }, () => new Map<number, Complex<T>>());
  const accumulate = (cols: Cols, r: number, c: number, v: Complex<T>): void => {
    const col = cols[c];
    const prev = col.get(r);
    const s = prev ? { re: F.add(prev.re, v.re), im: F.add(prev.im, v.im) } : v;
    if (isZero(s)) col.delete(r); else col.set(r, s);
  };
  const put = (cols: Cols, r: number, c: number, v: Complex<T>): void => { if (!isZero(v)) cols[c].set(r, v); };
  return {
    F,
    widen,
    build(n, fill) {
      const cols = empty(n);
      fill((r, c, re, im) => accumulate(cols, r, c, { re, im }));
      return { n, cols };
    },
    add(a, b, beta) {
      const cols: Cols = a.cols.map((col) => new Map(col));
      if (!isZero(beta)) b.cols.forEach((col, c) => { for (const [r, v] of col) accumulate(cols, r, c, complexMul(F, beta, v)); });
      return { n: a.n, cols };
    },
    scale(a, s) {
      const cols = empty(a.n);
      a.cols.forEach((col, c) => { for (const [r, v] of col) put(cols, r, c, complexMul(F, s, v)); });
      return { n: a.n, cols };
    },
    mul(a, b) {
      const cols = empty(a.n);
      b.cols.forEach((col, c) => {
        for (const [k, bkc] of col) for (const [r, ark] of a.cols[k]) accumulate(cols, r, c, complexMul(F, ark, bkc));
      });
      return { n: a.n, cols };
    },
    adjoint(a) {
      const cols = empty(a.n);
      a.cols.forEach((col, c) => { for (const [r, v] of col) put(cols, c, r, complexConj(F, v)); });
      return { n: a.n, cols };
    },
    forEachEntry(a, f) {
      a.cols.forEach((col, c) => { for (const [r, v] of col) f(r, c, v); });
    },
  };
}

const decimalColumns = new Map<typeof Decimal, SparseAlgebra<Decimal, ColumnMatrix<Decimal>>>();

/**
 * The sparse-column algebra over the Decimal constructor D (cached per constructor): D's field
 * ({@link decimalFieldOver}), widened to a constructor with more digits and D's rounding mode.
 */
export function decimalColumnAlgebra(D: typeof Decimal): SparseAlgebra<Decimal, ColumnMatrix<Decimal>> {
  const hit = decimalColumns.get(D);
  if (hit) return hit;
  const K = columnAlgebra(decimalFieldOver(D), (digits) => decimalFieldOver(decimalContext(D.precision + digits, D.rounding)), (x) => x.isZero());
  decimalColumns.set(D, K);
  return K;
}

/**
 * The float64 compressed-sparse-row algebra (numeric/sparse), which keeps the exact squared moduli
 * the builders give. It has no wider field: widen returns float64 itself.
 */
export const float64Csr: SparseAlgebra<number, SparseMatrix> = Object.freeze({
  F: float64Field,
  widen: () => float64Field,
  realPower: (x: number, k: number) => Math.pow(x, k),
  build(n: number, fill: (put: EntrySink<number>) => void, capacity = n): SparseMatrix {
    const b = new TripletBuilder(n, Math.max(1, capacity));
    fill((r, c, re, im, abs2 = NaN) => b.add(r, c, re, im, abs2));
    return b.build();
  },
  add: (a: SparseMatrix, b: SparseMatrix, beta: Complex<number>) => sparseAdd(a, b, [1, 0], [beta.re, beta.im]),
  scale: (a: SparseMatrix, c: Complex<number>) => sparseAdd(a, a, [c.re, c.im], [0, 0]),
  mul: sparseMul,
  adjoint: sparseAdjoint,
  forEachEntry: (a: SparseMatrix, f: (row: number, col: number, v: Complex<number>) => void) => forEachEntry(a, (i, j, re, im) => f(i, j, { re, im })),
});
