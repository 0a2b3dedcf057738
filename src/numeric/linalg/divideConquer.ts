import type { DcWorkspace } from './dcWorkspace.js';
import { mergeEigenpairs } from './mergeEigenpairs.js';
import type { LinalgTolerances } from './tolerances.js';
import { sortEigenpairs, tridiagonalQl } from './tridiagonalQl.js';

/** Subproblems up to this order are solved by QL (LAPACK's SMLSIZ). */
export const DC_LEAF = 25;

/**
 * Cuppen's divide and conquer on the unreduced symmetric tridiagonal block d[s..s+m),
 * e[s..s+m-1) (LAPACK dlaed0): tear at the middle coupling beta, d_mid -= |beta| on both sides,
 * solve the halves, merge with {@link mergeEigenpairs}. Leaves of order <= {@link DC_LEAF} go to
 * implicit QL. Eigenvectors go to the columns of the m x m block of `q` at (s, s) (stride n, entries
 * outside the block untouched); eigenvalues, ascending, replace d[s..s+m). `e` is not modified.
 *
 * @returns QL sweeps spent in the leaves.
 * @throws NoConvergenceError from a leaf's QL or from the secular equation.
 */
export function divideConquer(
  n: number,
  d: Float64Array,
  e: Float64Array,
  q: Float64Array,
  s: number,
  m: number,
  tol: LinalgTolerances,
  ws: DcWorkspace,
): number {
  if (m <= DC_LEAF) return solveLeaf(n, d, e, q, s, m, tol, ws);
  const n1 = m >> 1;
  const beta = e[s + n1 - 1];
  d[s + n1 - 1] -= Math.abs(beta);
  d[s + n1] -= Math.abs(beta);
  const sweeps = divideConquer(n, d, e, q, s, n1, tol, ws) + divideConquer(n, d, e, q, s + n1, m - n1, tol, ws);
  mergeEigenpairs(n, d, q, s, n1, m, beta, tol, ws);
  return sweeps;
}

/** QL with eigenvectors on one leaf, written transposed into the diagonal block of q. */
function solveLeaf(
  n: number,
  d: Float64Array,
  e: Float64Array,
  q: Float64Array,
  s: number,
  m: number,
  tol: LinalgTolerances,
  ws: DcWorkspace,
): number {
  const ld = d.subarray(s, s + m);
  const le = ws.leafE.subarray(0, m);
  const lz = ws.leafZ.subarray(0, m * m);
  le.set(e.subarray(s, s + m - 1));
  lz.fill(0);
  for (let i = 0; i < m; i++) lz[i * m + i] = 1;
  const sweeps = tridiagonalQl(m, ld, le, lz, m, tol);
  sortEigenpairs(m, ld, lz, m);
  for (let x = 0; x < m; x++) {
    const row = (s + x) * n + s;
    for (let c = 0; c < m; c++) q[row + c] = lz[c * m + x]; // row c of lz is eigenvector c
  }
  return sweeps;
}
