import { requireDimension, requireLength } from './errors.js';
import { assertHermitian } from './hermiticity.js';
import { resolveTolerances, type WithTolerances } from './tolerances.js';
import { sortEigenpairs, tridiagonalQl } from './tridiagonalQl.js';
import { transposeSquare } from './transpose.js';
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
  /** QL sweeps used. */
  readonly sweeps: number;
}

/** {@link EighRealResult} when eigenvectors were asked for. */
export interface EighRealVectors extends EighRealResult {
  readonly vectors: Float64Array;
}

/**
 * Eigenvalues (ascending) and optionally eigenvectors of a real symmetric n×n matrix `a`
 * (row-major; not modified): Householder tridiagonalisation, then implicit QL with shifts
 * (tred2/tql2). Backward stable: each eigenvalue is within a small multiple of n·eps·||A||.
 *
 * @throws NotHermitianError if max|A - A^T| > tolerances.hermiticity · max|A| (unless validate: false).
 * @throws NoConvergenceError if QL needs more than qlSweepsPerEigenvalue · n sweeps.
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
  const { d, e, qt } = tridiagonalizeReal(n, a, wantVectors);
  const sweeps = tridiagonalQl(n, d, e, qt, n, tol);
  sortEigenpairs(n, d, qt, n);
  if (qt !== undefined) transposeSquare(n, qt); // rows held the eigenvectors; callers get columns
  return { values: d, vectors: qt, sweeps };
}
