import { requireDimension, requireLength } from './errors.js';
import { eighReal, type EighOptions } from './eighReal.js';
import { assertHermitian } from './hermiticity.js';
import { hypot } from './hypot.js';
import { resolveTolerances } from './tolerances.js';
import { transposeFrom } from './transpose.js';
import { sortEigenpairs, tridiagonalQl } from './tridiagonalQl.js';
import { tridiagonalizeHermitian } from './tridiagonalizeHermitian.js';

/** Eigen-decomposition of a complex Hermitian matrix. */
export interface EighHermitianResult {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Row-major n×n real and imaginary parts; COLUMN j is the unit eigenvector of `values[j]`. */
  readonly vre: Float64Array | undefined;
  readonly vim: Float64Array | undefined;
  /** QL sweeps used. */
  readonly sweeps: number;
}

/** {@link EighHermitianResult} when eigenvectors were asked for. */
export interface EighHermitianVectors extends EighHermitianResult {
  readonly vre: Float64Array;
  readonly vim: Float64Array;
}

/**
 * Eigenvalues (ascending) and optionally eigenvectors of a complex Hermitian n×n matrix given as
 * row-major (re, im), neither modified. Complex Householder reduction to Hermitian tridiagonal
 * form, a diagonal unitary D that makes the off-diagonal real and non-negative, real implicit QL,
 * and the back-transform V = Q D S. A matrix with `im` identically zero goes to {@link eighReal}.
 *
 * @throws NotHermitianError if max|A - A^H| > tolerances.hermiticity · max|A| (unless validate: false).
 * @throws NoConvergenceError if QL needs more than qlSweepsPerEigenvalue · n sweeps.
 * @example
 * // sigma_y: eigenvalues -1, 1
 * const r = eighHermitian(2, Float64Array.of(0, 0, 0, 0), Float64Array.of(0, -1, 1, 0), { vectors: true })
 */
export function eighHermitian(
  n: number,
  re: Float64Array,
  im: Float64Array,
  opts: EighOptions & { vectors: true },
): EighHermitianVectors;
export function eighHermitian(n: number, re: Float64Array, im: Float64Array, opts?: EighOptions): EighHermitianResult;
export function eighHermitian(
  n: number,
  re: Float64Array,
  im: Float64Array,
  opts: EighOptions = {},
): EighHermitianResult {
  requireDimension(n);
  requireLength('eighHermitian: re', re, n * n);
  requireLength('eighHermitian: im', im, n * n);
  const tol = resolveTolerances(opts.tolerances);
  if (opts.validate !== false) assertHermitian(n, re, im, tol.hermiticity);
  const wantVectors = opts.vectors === true;
  if (isZero(im)) {
    const r = eighReal(n, re, { ...opts, validate: false });
    const vim = r.vectors === undefined ? undefined : new Float64Array(n * n);
    return { values: r.values, vre: r.vectors, vim, sweeps: r.sweeps };
  }
  const { d, er, ei, qtr, qti } = tridiagonalizeHermitian(n, re, im, wantVectors);
  const e = realOffDiagonal(n, er, ei, qtr, qti);
  // Z = (Q D)^T as one n × 2n matrix, row k = [re | im]: QL rotates both halves in one pass.
  const z = qtr === undefined || qti === undefined ? undefined : interleaveRows(n, qtr, qti);
  const sweeps = tridiagonalQl(n, d, e, z, 2 * n, tol);
  sortEigenpairs(n, d, z, 2 * n);
  if (z === undefined || qtr === undefined || qti === undefined) {
    return { values: d, vre: undefined, vim: undefined, sweeps };
  }
  transposeFrom(n, z, 2 * n, 0, qtr); // rows of Z are eigenvectors; callers get columns
  transposeFrom(n, z, 2 * n, n, qti);
  return { values: d, vre: qtr, vim: qti, sweeps };
}

/**
 * The diagonal unitary D (D_0 = 1, D_{i+1} = D_i e_i/|e_i|) turns T into D^H T D with real
 * off-diagonal |e_i|. Returns |e| and multiplies row k of Q^T (column k of Q) by D_k.
 */
function realOffDiagonal(
  n: number,
  er: Float64Array,
  ei: Float64Array,
  qtr: Float64Array | undefined,
  qti: Float64Array | undefined,
): Float64Array {
  const e = new Float64Array(n);
  let dr = 1;
  let di = 0;
  for (let i = 0; i < n; i++) {
    if (qtr !== undefined && qti !== undefined) scaleRow(qtr, qti, i * n, n, dr, di);
    if (i === n - 1) break;
    const mag = hypot(er[i], ei[i]);
    e[i] = mag;
    if (mag > 0) {
      const ur = er[i] / mag;
      const ui = ei[i] / mag;
      [dr, di] = [dr * ur - di * ui, dr * ui + di * ur];
    }
  }
  return e;
}

/** Multiplies one row of (zr, zi) by the unit complex number (dr, di). */
function scaleRow(zr: Float64Array, zi: Float64Array, base: number, n: number, dr: number, di: number): void {
  if (dr === 1 && di === 0) return;
  for (let c = base; c < base + n; c++) {
    const a = zr[c];
    const b = zi[c];
    zr[c] = a * dr - b * di;
    zi[c] = a * di + b * dr;
  }
}

/** The n × 2n matrix whose row k is [zr row k | zi row k]. */
function interleaveRows(n: number, zr: Float64Array, zi: Float64Array): Float64Array {
  const z = new Float64Array(2 * n * n);
  for (let k = 0; k < n; k++) {
    z.set(zr.subarray(k * n, k * n + n), 2 * k * n);
    z.set(zi.subarray(k * n, k * n + n), 2 * k * n + n);
  }
  return z;
}

/** True if every entry is (signed) zero. */
function isZero(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return false;
  return true;
}
