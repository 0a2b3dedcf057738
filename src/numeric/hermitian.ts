/**
 * The one Hermiticity rule of both engines and the QuTiP export, over a {@link Field}: X is
 * Hermitian when max_ij |X_ij - conj(X_ji)| <= tol * max(1, max_ij |X_ij|) (moduli, relative
 * tolerance tol = {@link hermiticityTolerance} of the field). The representations (float64 CSR,
 * product-term sums by columns, Decimal column maps, a diagonal) reach it through the small
 * {@link HermiticityEntries} iteration interface.
 */
import type { Complex, Field } from './field.js';
import { float64Field } from './field.js';
import { defaultTolerances } from './tolerances.js';
import { type SparseMatrix, sparseAdd, sparseAdjoint } from './sparse.js';
import { type OpSum, ColumnApplier, opAdd, opAdjoint, opNormUpperBound, opScale } from './opsum.js';

/** What the rule reads of a matrix X: its entries and the entries of X - X^+ (each visited once at least; unvisited ones are 0). */
export interface HermiticityEntries<T> {
  /** Calls `visit` on every possibly non-zero entry X_ij. */
  entries(visit: (re: T, im: T) => void): void;
  /** Calls `visit` on every possibly non-zero entry X_ij - conj(X_ji). */
  differences(visit: (re: T, im: T) => void): void;
}

/** The rule's reading of one matrix. */
export interface Hermiticity<T> {
  /** max_ij |X_ij - conj(X_ji)|. */
  readonly residual: T;
  /** max_ij |X_ij|. */
  readonly largest: T;
  /** max(1, largest): what the tolerance is relative to. */
  readonly scale: T;
  /** The relative tolerance used. */
  readonly tolerance: T;
  /** residual <= tolerance * scale. */
  readonly hermitian: boolean;
}

/**
 * The relative Hermiticity tolerance of a field, from the numeric configuration
 * (numeric/tolerances.ts): float64 `defaultTolerances.hermiticity`; any other field (decimal.js with
 * p digits) `decimalHermiticityUnits` units of 10^-p, 10^-p being a tenth of ulp(1) = 10^(1-p).
 *
 * @example
 * hermiticityTolerance(float64Field) // 1e-10
 * hermiticityTolerance(decimalField(40)).toString() // '1e-38'
 */
export function hermiticityTolerance<T>(F: Field<T>): T {
  if ((F as unknown) === float64Field) return F.fromNumber(defaultTolerances.hermiticity);
  return F.mul(F.fromNumber(defaultTolerances.decimalHermiticityUnits), F.div(F.ulp(F.one), F.fromNumber(10)));
}

/**
 * The rule on X: residual max |X_ij - conj(X_ji)|, scale max(1, max |X_ij|), Hermitian when
 * residual <= tolerance * scale. Moduli are compared squared, one square root per maximum (the
 * square root is monotone and correctly rounded in both fields, so this is the maximum of the moduli).
 *
 * @example
 * hermiticity(float64Field, diagonalEntries(float64Field, [1, 2], [0, 1])).residual // 2
 */
export function hermiticity<T>(F: Field<T>, X: HermiticityEntries<T>, tolerance: T = hermiticityTolerance(F)): Hermiticity<T> {
  const maxModulus = (each: (visit: (re: T, im: T) => void) => void): T => {
    let m2 = F.zero;
    each((re, im) => {
      const a2 = F.add(F.mul(re, re), F.mul(im, im));
      if (F.cmp(a2, m2) > 0) m2 = a2;
    });
    return F.sqrt(m2);
  };
  const residual = maxModulus((v) => X.differences(v));
  const largest = maxModulus((v) => X.entries(v));
  const scale = F.cmp(largest, F.one) > 0 ? largest : F.one;
  return { residual, largest, scale, tolerance, hermitian: F.cmp(residual, F.mul(tolerance, scale)) <= 0 };
}

/** A float64 CSR matrix for {@link hermiticity} (X - X^+ by sparseAdd). */
export function sparseEntries(m: SparseMatrix): HermiticityEntries<number> {
  return {
    entries: (visit) => { for (let p = 0; p < m.re.length; p++) visit(m.re[p], m.im[p]); },
    differences: (visit) => {
      const d = sparseAdd(m, sparseAdjoint(m), [1, 0], [-1, 0]);
      for (let p = 0; p < d.re.length; p++) visit(d.re[p], d.im[p]);
    },
  };
}

/** A matrix by columns (column j maps row i to X_ij) over a field, for {@link hermiticity}. */
export function columnMapEntries<T>(F: Field<T>, cols: readonly ReadonlyMap<number, Complex<T>>[]): HermiticityEntries<T> {
  return {
    entries: (visit) => { for (const col of cols) for (const v of col.values()) visit(v.re, v.im); },
    differences: (visit) => {
      cols.forEach((col, c) => {
        for (const [row, v] of col) {
          const w = cols[row].get(c);
          if (w) visit(F.sub(v.re, w.re), F.add(v.im, w.im)); else visit(v.re, v.im);
        }
      });
    },
  };
}

/** The diagonal matrix with entries re[i] + i im[i], for {@link hermiticity}: X - X^+ is 2 i im. */
export function diagonalEntries<T>(F: Field<T>, re: ArrayLike<T>, im: ArrayLike<T>): HermiticityEntries<T> {
  return {
    entries: (visit) => { for (let i = 0; i < re.length; i++) visit(re[i], im[i]); },
    differences: (visit) => { for (let i = 0; i < im.length; i++) visit(F.zero, F.add(im[i], im[i])); },
  };
}

/**
 * The columns of a product-term sum (ColumnApplier), any L, for {@link hermiticity}: X - X^+ as its
 * own sum. A column's images of several terms on one row are summed before they are visited.
 */
export function opSumEntries(op: OpSum, diff: OpSum = opAdd(op, opScale(opAdjoint(op), -1))): HermiticityEntries<number> {
  const each = (o: OpSum, visit: (re: number, im: number) => void): void => {
    const app = new ColumnApplier(o);
    const re = new Float64Array(app.n), im = new Float64Array(app.n), seen = new Uint8Array(app.n);
    const touched: number[] = [];
    for (let j = 0; j < app.n; j++) {
      const c = app.apply(j);
      for (let r = 0; r < c; r++) {
        const i = app.rows[r];
        if (!seen[i]) { seen[i] = 1; touched.push(i); }
        re[i] += app.re[r]; im[i] += app.im[r];
      }
      for (const i of touched) { visit(re[i], im[i]); re[i] = 0; im[i] = 0; seen[i] = 0; }
      touched.length = 0;
    }
  };
  return { entries: (visit) => each(op, visit), differences: (visit) => each(diff, visit) };
}

/**
 * The rule on a product-term sum in float64: first symbolically (A - A^+ collected; its norm bound
 * at most the tolerance implies the rule, the scale being at least 1; then `residual` and `largest`
 * are the norm bounds of A - A^+ and A), else on its columns.
 */
export function opHermiticity(op: OpSum): Hermiticity<number> {
  const F = float64Field;
  const tolerance = hermiticityTolerance(F);
  const diff = opAdd(op, opScale(opAdjoint(op), -1));
  const bound = opNormUpperBound(diff);
  if (bound <= tolerance) return { residual: bound, largest: opNormUpperBound(op), scale: Math.max(1, opNormUpperBound(op)), tolerance, hermitian: true };
  return hermiticity(F, opSumEntries(op, diff), tolerance);
}
