import { backTransformReal } from './backTransformReal.js';
import { requireDimension, requireLength } from './errors.js';
import { assertHermitian } from './hermiticity.js';
import { resolveTolerances, type WithTolerances } from './tolerances.js';
import { tridiagonalEigen } from './tridiagonalEigen.js';
import { sortEigenpairs, tridiagonalQl } from './tridiagonalQl.js';
import { tridiagonalizeReal } from './tridiagonalizeReal.js';

/** Options of {@link eighReal}. */
export interface EighOptions extends WithTolerances {
  /** Also compute eigenvectors (default false: eigenvalues only, skipping all O(n^3) accumulation). */
  readonly vectors?: boolean;
  /** Check symmetry / hermiticity first (default true); the solver itself reads the lower triangle. */
  readonly validate?: boolean;
}

/** Eigen-decomposition of a real symmetric matrix. */
export interface EighRealResult {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Row-major n×n; COLUMN j is the unit eigenvector of `values[j]`. Present iff asked for. */
  readonly vectors: Float64Array | undefined;
  /** QL sweeps used (with vectors: in the divide-and-conquer leaves only). */
  readonly sweeps: number;
}

/** {@link EighRealResult} when eigenvectors were asked for. */
export interface EighRealVectors extends EighRealResult {
  readonly vectors: Float64Array;
}

/**
 * Eigenvalues (ascending) and optionally eigenvectors of a real symmetric n×n matrix `a`
 * (row-major; not modified): Householder tridiagonalisation, then implicit QL with shifts for
 * eigenvalues only (tql2), or divide and conquer for eigenvectors too (LAPACK dsyevd: dstedc, then
 * the reflectors applied in compact-WY blocks). Backward stable: each eigenvalue is within a small
 * multiple of n·eps·||A||, and the eigenvectors are orthonormal to a small multiple of n·eps.
 *
 * @throws NotHermitianError if max|A - A^T| > tolerances.hermiticity · max|A| (unless validate: false).
 * @throws NoConvergenceError if QL (for eigenvalues, or on a divide-and-conquer leaf of order m)
 *   needs more than qlSweepsPerEigenvalue · n (m) sweeps.
 * @example
 * const { values, vectors } = eighReal(2, Float64Array.of(2, 1, 1, 2), { vectors: true })
 * // values = [1, 3]; column 0 of vectors is ±(1, -1)/√2
 */
export function eighReal(n: number, a: Float64Array, opts: EighOptions & { vectors: true }): EighRealVectors;
export function eighReal(n: number, a: Float64Array, opts?: EighOptions): EighRealResult;
export function eighReal(n: number, a: Float64Array, opts: EighOptions = {}): EighRealResult {
  requireDimension(n);
  requireLength('eighReal: matrix', a, n * n);
  const tol = resolveTolerances(opts.tolerances);
  if (opts.validate !== false) assertHermitian(n, a, undefined, tol.hermiticity);
  const wantVectors = opts.vectors === true;
  const { d, e, w, tau } = tridiagonalizeReal(n, a, false);
  if (!wantVectors) {
    const sweeps = tridiagonalQl(n, d, e, undefined, n, tol);
    sortEigenpairs(n, d, undefined, n);
    return { values: d, vectors: undefined, sweeps };
  }
  const { z, sweeps } = tridiagonalEigen(n, d, e, tol);
  backTransformReal(n, w, tau, z, n);
  return { values: d, vectors: z, sweeps };
}
