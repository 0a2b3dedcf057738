import { dcWorkspace, type DcWorkspace } from './dcWorkspace.js';
import { DC_LEAF, divideConquer } from './divideConquer.js';
import { sharedFloat64Array } from './sharedFloat64Array.js';
import type { LinalgTolerances } from './tolerances.js';

/** Eigenvectors of a symmetric tridiagonal matrix from {@link tridiagonalEigen}. */
export interface TridiagonalEigen {
  /** Row-major n×n; COLUMN j is the unit eigenvector of d[j]. */
  readonly z: Float64Array;
  /** QL sweeps spent on the leaves. */
  readonly sweeps: number;
}

/**
 * Eigenvalues and eigenvectors of the symmetric tridiagonal matrix with diagonal `d` and
 * e[i] = T[i+1][i] (i < n-1) by divide and conquer (LAPACK dstedc): splits at negligible
 * couplings (|e_i| <= roundOff · sqrt|d_i d_{i+1}|), scales each unreduced block to max entry 1,
 * and runs {@link divideConquer} on it (QL for blocks up to {@link DC_LEAF}). On exit `d` holds the
 * eigenvalues ascending; `e` is destroyed. O(n^3) at worst in matrix products, far less when
 * eigenvalues deflate (clusters, degeneracies); O(n^2) memory beyond the output.
 *
 * @throws NoConvergenceError from a QL leaf or the secular equation.
 * @example
 * const { z } = tridiagonalEigen(2, Float64Array.of(2, 2), Float64Array.of(1, 0), linalgTolerances)
 * // d = [1, 3]; column 0 of z is ±(1, -1)/√2
 */
export function tridiagonalEigen(n: number, d: Float64Array, e: Float64Array, tol: LinalgTolerances): TridiagonalEigen {
  const z = sharedFloat64Array(n * n);
  const starts: number[] = [];
  let largest = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    if (i < n - 1 && Math.abs(e[i]) > tol.roundOff * Math.sqrt(Math.abs(d[i])) * Math.sqrt(Math.abs(d[i + 1]))) continue;
    starts.push(start);
    largest = Math.max(largest, i + 1 - start);
    start = i + 1;
  }
  starts.push(n);
  const ws = dcWorkspace(largest > DC_LEAF ? largest : 0, Math.min(largest, DC_LEAF));
  let sweeps = 0;
  for (let b = 0; b + 1 < starts.length; b++) {
    sweeps += solveBlock(n, d, e, z, starts[b], starts[b + 1] - starts[b], tol, ws);
  }
  if (starts.length > 2) sortColumns(n, d, z, ws.rowTmp.length >= n ? ws.rowTmp : new Float64Array(n));
  return { z, sweeps };
}

/** One unreduced block: identity if trivial, else scaled divide and conquer. */
function solveBlock(
  n: number,
  d: Float64Array,
  e: Float64Array,
  z: Float64Array,
  s: number,
  m: number,
  tol: LinalgTolerances,
  ws: DcWorkspace,
): number {
  let norm = Math.abs(d[s + m - 1]);
  for (let i = s; i < s + m - 1; i++) norm = Math.max(norm, Math.abs(d[i]), Math.abs(e[i]));
  if (m === 1 || norm === 0) {
    for (let i = s; i < s + m; i++) z[i * n + i] = 1;
    return 0;
  }
  const inv = 1 / norm;
  for (let i = s; i < s + m; i++) d[i] *= inv;
  for (let i = s; i < s + m - 1; i++) e[i] *= inv;
  const sweeps = divideConquer(n, d, e, z, s, m, tol, ws);
  for (let i = s; i < s + m; i++) d[i] *= norm;
  return sweeps;
}

/** Sorts d ascending and permutes the columns of z alike (row by row through `tmp`). */
function sortColumns(n: number, d: Float64Array, z: Float64Array, tmp: Float64Array): void {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => d[a] - d[b]);
  for (let x = 0; x < n; x++) {
    const row = x * n;
    for (let c = 0; c < n; c++) tmp[c] = z[row + order[c]];
    z.set(tmp.subarray(0, n), row);
  }
  for (let c = 0; c < n; c++) tmp[c] = d[order[c]];
  d.set(tmp.subarray(0, n));
}
