import type { DcWorkspace } from './dcWorkspace.js';
import { hypot } from './hypot.js';

/**
 * Deflation step of a divide-and-conquer merge (LAPACK dlaed2): for D + rho z z^T, with D the
 * eigenvalues `d[s..s+m)` of two halves (each ascending, split after n1) and z = ws.z, decides
 * which eigenpairs are already known to working precision.
 *
 * - a component with rho |z_i| <= tol deflates: (d_i, column i) is an eigenpair as it stands;
 * - two poles closer than tol / |c s| are merged by a plane rotation of their columns (of the
 *   m x m block of `q` at (s, s), stride n), which zeroes one z component, which then deflates.
 *
 * with tol = deflation · max(max|d|, max|z|). The kept poles come out strictly increasing in
 * ws.poles[0..k) with weights ws.weights and columns ws.kept; deflated columns go to ws.deflated
 * (unsorted, their eigenvalues in d). ws.kind tracks which rows of each column can be nonzero.
 *
 * @returns k, the number of kept (non-deflated) poles.
 */
export function deflateMerge(
  n: number,
  d: Float64Array,
  q: Float64Array,
  s: number,
  n1: number,
  m: number,
  rho: number,
  deflation: number,
  ws: DcWorkspace,
): number {
  const { z, order, kept, deflated, kind, poles, weights } = ws;
  mergeOrder(d, s, n1, m, order);
  let zmax = 0;
  let dmax = 0;
  for (let i = 0; i < m; i++) {
    zmax = Math.max(zmax, Math.abs(z[i]));
    dmax = Math.max(dmax, Math.abs(d[s + i]));
    kind[i] = i < n1 ? 1 : 3;
  }
  const tol = deflation * Math.max(dmax, zmax);
  let k = 0;
  let nd = 0;
  if (rho * zmax <= tol) {
    for (let i = 0; i < m; i++) deflated[nd++] = order[i];
    return 0;
  }
  let pj = -1;
  for (let t = 0; t < m; t++) {
    const nj = order[t];
    if (rho * Math.abs(z[nj]) <= tol) {
      deflated[nd++] = nj;
      continue;
    }
    if (pj < 0) {
      pj = nj;
      continue;
    }
    // Rotation in the (pj, nj) plane that moves z[pj] onto z[nj].
    const tau = hypot(z[nj], z[pj]);
    const c = z[nj] / tau;
    const sn = -z[pj] / tau;
    const gap = d[s + nj] - d[s + pj];
    if (Math.abs(gap * c * sn) <= tol) {
      z[nj] = tau;
      z[pj] = 0;
      if (kind[nj] !== kind[pj]) kind[nj] = 2;
      rotateColumns(n, q, s, m, n1, pj, nj, c, sn, kind[pj], kind[nj]);
      const dp = d[s + pj];
      const dn = d[s + nj];
      d[s + pj] = dp * c * c + dn * sn * sn;
      d[s + nj] = dp * sn * sn + dn * c * c;
      deflated[nd++] = pj;
      pj = nj;
      continue;
    }
    kept[k] = pj;
    poles[k] = d[s + pj];
    weights[k] = z[pj];
    k++;
    pj = nj;
  }
  if (pj >= 0) {
    kept[k] = pj;
    poles[k] = d[s + pj];
    weights[k] = z[pj];
    k++;
  }
  return k;
}

/** order[0..m) = block-local indices of d[s..s+m) ascending, merging the sorted halves at n1. */
function mergeOrder(d: Float64Array, s: number, n1: number, m: number, order: Int32Array): void {
  let a = 0;
  let b = n1;
  for (let t = 0; t < m; t++) {
    if (b >= m || (a < n1 && d[s + a] <= d[s + b])) order[t] = a++;
    else order[t] = b++;
  }
}

/**
 * Columns (p, r) of the block <- (c p + s r, c r - s p) (BLAS drot), over the rows where either
 * can be nonzero: the top n1 rows for two top-half columns, the bottom ones for two bottom-half.
 */
function rotateColumns(
  n: number,
  q: Float64Array,
  s: number,
  m: number,
  n1: number,
  p: number,
  r: number,
  c: number,
  sn: number,
  kindP: number,
  kindR: number,
): void {
  let r0 = 0;
  let r1 = m;
  if (kindP === 1 && kindR === 1) r1 = n1;
  else if (kindP === 3 && kindR === 3) r0 = n1;
  for (let x = r0; x < r1; x++) {
    const row = (s + x) * n + s;
    const a = q[row + p];
    const b = q[row + r];
    q[row + p] = c * a + sn * b;
    q[row + r] = c * b - sn * a;
  }
}
