import { backTransformHermitian } from './backTransformHermitian.js';
import { eighReal, type EighOptions } from './eighReal.js';
import { requireDimension, requireLength } from './errors.js';
import { assertHermitian } from './hermiticity.js';
import { gemm } from './gemm.js';
import { hypot } from './hypot.js';
import { matrixView } from './matrixView.js';
import { sharedFloat64Array } from './sharedFloat64Array.js';
import { resolveTolerances } from './tolerances.js';
import { tridiagonalEigen } from './tridiagonalEigen.js';
import { sortEigenpairs, tridiagonalQl } from './tridiagonalQl.js';
import { tridiagonalizeHermitian } from './tridiagonalizeHermitian.js';

/**
 * From this order on, eigenvectors are back-transformed by blocks of reflectors
 * (backTransformHermitian: fewer flops, shared with the helper threads); below it, Q is formed
 * explicitly and multiplied out (as fast there, and the results of small systems stay as they were).
 */
const WY_MIN_ORDER = 256;

/** Eigen-decomposition of a complex Hermitian matrix. */
export interface EighHermitianResult {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Row-major n×n real and imaginary parts; COLUMN j is the unit eigenvector of `values[j]`. */
  readonly vre: Float64Array | undefined;
  readonly vim: Float64Array | undefined;
  /** QL sweeps used (with vectors: in the divide-and-conquer leaves only). */
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
 * form, a diagonal unitary D that makes the off-diagonal real and non-negative, then real implicit
 * QL for eigenvalues only, or real divide and conquer for the eigenvectors S of the tridiagonal
 * and the back-transform V = Q (D S) with the reflectors applied in compact-WY blocks (LAPACK
 * zheevd: zstedc's real part, then zunmtr; for n < 256, V = (Q D) S with Q formed explicitly). A matrix with `im` identically zero goes to
 * {@link eighReal}.
 *
 * @throws NotHermitianError if max|A - A^H| > tolerances.hermiticity · max|A| (unless validate: false).
 * @throws NoConvergenceError if QL (for eigenvalues, or on a divide-and-conquer leaf of order m)
 *   needs more than qlSweepsPerEigenvalue · n (m) sweeps.
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
  const explicitQ = wantVectors && n < WY_MIN_ORDER;
  const { d, er, ei, wr, wi, tau, qtr, qti } = tridiagonalizeHermitian(n, re, im, explicitQ);
  const { e, pr, pi } = realOffDiagonal(n, er, ei);
  if (!wantVectors) {
    const sweeps = tridiagonalQl(n, d, e, undefined, n, tol);
    sortEigenpairs(n, d, undefined, n);
    return { values: d, vre: undefined, vim: undefined, sweeps };
  }
  const { z, sweeps } = tridiagonalEigen(n, d, e, tol);
  if (qtr !== undefined && qti !== undefined) {
    // Small n: Q formed one reflector at a time (as fast here), row k of Q^T times D_k, then
    // V = (Q D) S = (qtr^T S, qti^T S).
    for (let k = 0; k < n; k++) scaleRow(qtr, qti, k * n, n, pr[k], pi[k]);
    const vre = sharedFloat64Array(n * n);
    const vim = sharedFloat64Array(n * n);
    gemm(n, n, n, 1, matrixView(qtr, n, 0, true), matrixView(z, n), matrixView(vre, n), { beta: 0 });
    gemm(n, n, n, 1, matrixView(qti, n, 0, true), matrixView(z, n), matrixView(vim, n), { beta: 0 });
    return { values: d, vre, vim, sweeps };
  }
  // V = Q D S: row k of D S is D_k times row k of S (z becomes its real part), then Q by blocks.
  const vre = z;
  const vim = sharedFloat64Array(n * n);
  for (let k = 0; k < n; k++) {
    const o = k * n;
    for (let c = o; c < o + n; c++) {
      vim[c] = pi[k] * z[c];
      vre[c] = pr[k] * z[c];
    }
  }
  backTransformHermitian(n, wr, wi, tau, vre, vim, n);
  return { values: d, vre, vim, sweeps };
}

/**
 * The diagonal unitary D (D_0 = 1, D_{i+1} = D_i e_i/|e_i|) turns T into D^H T D with real
 * off-diagonal |e_i|. Returns |e| and D as (pr, pi).
 */
function realOffDiagonal(n: number, er: Float64Array, ei: Float64Array): { e: Float64Array; pr: Float64Array; pi: Float64Array } {
  const e = new Float64Array(n);
  const pr = new Float64Array(n);
  const pi = new Float64Array(n);
  let dr = 1;
  let di = 0;
  for (let i = 0; i < n; i++) {
    pr[i] = dr;
    pi[i] = di;
    if (i === n - 1) break;
    const mag = hypot(er[i], ei[i]);
    e[i] = mag;
    if (mag > 0) {
      const ur = er[i] / mag;
      const ui = ei[i] / mag;
      [dr, di] = [dr * ur - di * ui, dr * ui + di * ur];
    }
  }
  return { e, pr, pi };
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

/** True if every entry is (signed) zero. */
function isZero(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return false;
  return true;
}
