import type { DcWorkspace } from './dcWorkspace.js';
import { deflateMerge } from './deflateMerge.js';
import { gemm } from './gemm.js';
import { matrixView } from './matrixView.js';
import { rankOneEigenvectors } from './rankOneEigenvectors.js';
import type { LinalgTolerances } from './tolerances.js';

/**
 * One merge of divide and conquer (LAPACK dlaed1): the m x m block of `q` at (s, s) (stride n)
 * holds diag(Q1, Q2), the eigenvectors (columns) of the two halves, split after n1, whose
 * eigenvalues sit ascending in d[s..s+n1) and d[s+n1..s+m). With the torn-off coupling
 * beta = e[s+n1-1] (`coupling`), the full block is diag(Q1, Q2) (D + |beta| z z^T) diag(Q1, Q2)^T
 * with z = (last row of Q1, sign(beta) · first row of Q2), solved after scaling z to unit length.
 *
 * Deflates ({@link deflateMerge}), solves the secular equation for the rest
 * ({@link rankOneEigenvectors}), and multiplies the eigenvectors out with two GEMMs over only the
 * rows each kept column can touch. On return the block holds the eigenvectors of the merged
 * problem and d[s..s+m) its eigenvalues, ascending.
 */
export function mergeEigenpairs(
  n: number,
  d: Float64Array,
  q: Float64Array,
  s: number,
  n1: number,
  m: number,
  coupling: number,
  tol: LinalgTolerances,
  ws: DcWorkspace,
): void {
  const n2 = m - n1;
  const { z, kept, deflated, kind, group, groupInv, big, ut, roots, source, rowTmp } = ws;
  const last = (s + n1 - 1) * n + s;
  const first = (s + n1) * n + s;
  for (let i = 0; i < n1; i++) z[i] = q[last + i];
  // A negative coupling flips the sign of the second half of z; both halves are unit vectors.
  const sign = coupling < 0 ? -Math.SQRT1_2 : Math.SQRT1_2;
  for (let i = 0; i < n1; i++) z[i] *= Math.SQRT1_2;
  for (let i = n1; i < m; i++) z[i] = sign * q[first + i];
  const rho = 2 * Math.abs(coupling);

  const k = deflateMerge(n, d, q, s, n1, m, rho, tol.deflation, ws);
  const nd = m - k;

  // Group the kept columns by row pattern: top-only, both halves, bottom-only.
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i < k; i++) {
    if (kind[kept[i]] === 1) c1++;
    else if (kind[kept[i]] === 2) c2++;
  }
  const c12 = c1 + c2;
  const c23 = k - c1;
  let p1 = 0;
  let p2 = c1;
  let p3 = c12;
  for (let i = 0; i < k; i++) {
    const t = kind[kept[i]];
    const g = t === 1 ? p1++ : t === 2 ? p2++ : p3++;
    group[i] = g;
    groupInv[g] = i;
  }
  if (k > 0) {
    rankOneEigenvectors(k, ws.poles, ws.weights, rho, roots, ut, group, rowTmp, ws.stage, tol.roundOff, tol.secularIterations);
  }

  // Gather: kept columns restricted to their rows (LAPACK's Q2), then the deflated columns.
  const bot = n1 * c12;
  const def = bot + n2 * c23;
  for (let x = 0; x < m; x++) {
    const row = (s + x) * n + s;
    if (x < n1) {
      const o = x * c12;
      for (let g = 0; g < c12; g++) big[o + g] = q[row + kept[groupInv[g]]];
    } else {
      const o = bot + (x - n1) * c23 - c1;
      for (let g = c1; g < k; g++) big[o + g] = q[row + kept[groupInv[g]]];
    }
    const o = def + x * nd;
    for (let t = 0; t < nd; t++) big[o + t] = q[row + deflated[t]];
  }
  for (let t = 0; t < nd; t++) z[t] = d[s + deflated[t]]; // z is free now: deflated eigenvalues

  if (k > 0) {
    gemm(n1, k, c12, 1, matrixView(big, c12, 0), matrixView(ut, k, 0, true), matrixView(q, n, s * n + s), { beta: 0 });
    gemm(n2, k, c23, 1, matrixView(big, c23, bot), matrixView(ut, k, c1, true), matrixView(q, n, (s + n1) * n + s), { beta: 0 });
  }
  mergeFinalOrder(k, nd, roots, z, d, s, source, ws.order);

  // Rows of the block in the final order: roots' vectors are in columns 0..k, deflated in `big`.
  for (let x = 0; x < m; x++) {
    const row = (s + x) * n + s;
    const o = def + x * nd;
    for (let c = 0; c < m; c++) {
      const src = source[c];
      rowTmp[c] = src >= 0 ? q[row + src] : big[o - 1 - src];
    }
    q.set(rowTmp.subarray(0, m), row);
  }
}

/**
 * Merges the ascending roots with the deflated eigenvalues (sorted here) into d[s..s+m) and
 * records in `source` where each final column comes from (root j: j; deflated t: -1 - t).
 */
function mergeFinalOrder(
  k: number,
  nd: number,
  roots: Float64Array,
  defVals: Float64Array,
  d: Float64Array,
  s: number,
  source: Int32Array,
  idx: Int32Array,
): void {
  for (let t = 0; t < nd; t++) idx[t] = t;
  const sortedIdx = idx.subarray(0, nd);
  // Nearly sorted already: only values moved by a deflating rotation are out of place.
  sortedIdx.sort((a, b) => defVals[a] - defVals[b]);
  let a = 0;
  let b = 0;
  for (let c = 0; c < k + nd; c++) {
    if (b >= nd || (a < k && roots[a] <= defVals[sortedIdx[b]])) {
      d[s + c] = roots[a];
      source[c] = a++;
    } else {
      const t = sortedIdx[b++];
      d[s + c] = defVals[t];
      source[c] = -1 - t;
    }
  }
}
