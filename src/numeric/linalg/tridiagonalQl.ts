import { NoConvergenceError } from './errors.js';
import { hypot } from './hypot.js';
import { applyRotationSweep } from './rotationSweep.js';
import type { LinalgTolerances } from './tolerances.js';

/**
 * Eigenvalues (and optionally eigenvectors) of a real symmetric tridiagonal matrix by the implicit
 * QL method with Wilkinson-type shifts (EISPACK tql2, as in JAMA).
 *
 * On entry `d` holds the diagonal and `e[i]` = T[i+1][i] (i < n-1; `e[n-1]` is ignored). On exit
 * `d` holds the eigenvalues, unsorted, and `e` is destroyed. The matrix `z` (n rows of `rowLength`,
 * row-major) is multiplied on the LEFT by the transposed accumulated rotations: starting from Q^T
 * it ends as (Q S)^T, whose ROW j is the eigenvector of `d[j]` (S holds the tridiagonal
 * eigenvectors as columns). A complex Q^T goes in as one n × 2n matrix, rows [re | im]. Pass
 * `z = undefined` for eigenvalues only: O(n^2) work.
 *
 * @returns the number of QL sweeps used.
 * @throws NoConvergenceError after `qlSweepsPerEigenvalue * n` sweeps.
 */
export function tridiagonalQl(
  n: number,
  d: Float64Array,
  e: Float64Array,
  z: Float64Array | undefined,
  rowLength: number,
  tol: LinalgTolerances,
): number {
  if (n <= 1) return 0;
  e[n - 1] = 0;
  const maxSweeps = tol.qlSweepsPerEigenvalue * n;
  const eps = tol.roundOff;
  const cs = new Float64Array(z === undefined ? 0 : n);
  const sn = new Float64Array(z === undefined ? 0 : n);
  let sweeps = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    for (;;) {
      // Deflate at the first negligible off-diagonal below l (re-found after every sweep).
      let m = l;
      while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
      if (m === l) break;
      if (++sweeps > maxSweeps) throw new NoConvergenceError('tridiagonal QL', sweeps - 1);
      // Shift from the leading 2×2 block; the origin shift is accumulated in f.
      let g = d[l];
      let p = (d[l + 1] - g) / (2 * e[l]);
      let r = hypot(p, 1);
      if (p < 0) r = -r;
      const pr = p + r;
      d[l] = e[l] / pr;
      d[l + 1] = e[l] * pr;
      let h = g - d[l];
      for (let i = l + 2; i < n; i++) d[i] -= h;
      f += h;
      p = d[m];
      let c = 1;
      let c2 = 1;
      let c3 = 1;
      const el1 = e[l + 1];
      let s = 0;
      let s2 = 0;
      for (let i = m - 1; i >= l; i--) {
        c3 = c2;
        c2 = c;
        s2 = s;
        g = c * e[i];
        h = c * p;
        r = hypot(p, e[i]);
        e[i + 1] = s * r;
        s = e[i] / r;
        c = p / r;
        p = c * d[i] - s * g;
        d[i + 1] = h + s * (c * g + s * d[i]);
        if (z !== undefined) {
          cs[i] = c;
          sn[i] = s;
        }
      }
      if (z !== undefined) applyRotationSweep(z, rowLength, l, m, cs, sn);
      // EISPACK's el1 · e[l] / d[l+1] with d[l+1] = e[l] · pr, simplified: no overflow or underflow.
      p = (-s * s2 * c3 * el1) / pr;
      e[l] = s * p;
      d[l] = c * p;
    }
    d[l] += f;
    e[l] = 0;
  }
  return sweeps;
}

/** Sorts eigenvalues ascending in place and permutes the rows (of `rowLength`) of `z` alike. */
export function sortEigenpairs(n: number, d: Float64Array, z: Float64Array | undefined, rowLength: number): void {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a] - d[b]);
  const sorted = Float64Array.from(order, (i) => d[i]);
  d.set(sorted);
  if (z === undefined) return;
  const copy = z.slice();
  for (let j = 0; j < n; j++) z.set(copy.subarray(order[j] * rowLength, (order[j] + 1) * rowLength), j * rowLength);
}
