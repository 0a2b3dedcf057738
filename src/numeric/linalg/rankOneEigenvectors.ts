import { secularRoot } from './secularRoot.js';

/**
 * Eigen-decomposition of D + rho w w^T for strictly increasing poles D = `poles[0..k)`, nonzero
 * weights `w`, rho > 0 and ||w|| <= 1 (the kept part of a divide-and-conquer merge, LAPACK dlaed3).
 *
 * Roots ascending go to `roots`. Eigenvector j goes to ROW j of the k x k row-major `ut`, with
 * component i stored at column `group[i]` (a permutation, so the caller can gather columns by their
 * row pattern). The vectors use the Gu-Eisenstat weights: w is replaced by the exact weights of a
 * nearby problem whose eigenvalues ARE the computed roots,
 *
 *   what_i^2 = prod_j (roots_j - poles_i) / (rho prod_{j != i} (poles_j - poles_i)),
 *
 * so u_j = (what_i / (poles_i - roots_j))_i are orthogonal to working precision however close the
 * roots are to the poles. `tmp` and `stage` are scratch of length k.
 */
export function rankOneEigenvectors(
  k: number,
  poles: Float64Array,
  w: Float64Array,
  rho: number,
  roots: Float64Array,
  ut: Float64Array,
  group: Int32Array,
  tmp: Float64Array,
  stage: Float64Array,
  eps: number,
  maxRational: number,
): void {
  if (k === 1) {
    roots[0] = poles[0] + rho * w[0] * w[0];
    ut[0] = 1;
    return;
  }
  // Row j of ut first holds delta_i = poles_i - roots_j.
  for (let j = 0; j < k; j++) roots[j] = secularRoot(k, poles, w, rho, j, ut, j * k, eps, maxRational);
  const what = tmp;
  for (let i = 0; i < k; i++) what[i] = ut[i * k + i];
  for (let j = 0; j < k; j++) {
    const row = j * k;
    const pj = poles[j];
    for (let i = 0; i < j; i++) what[i] *= ut[row + i] / (poles[i] - pj);
    for (let i = j + 1; i < k; i++) what[i] *= ut[row + i] / (poles[i] - pj);
  }
  for (let i = 0; i < k; i++) {
    const r = Math.sqrt(-what[i]);
    what[i] = w[i] >= 0 ? r : -r;
  }
  // u_j = what / delta_j, normalised, staged so it can be stored permuted.
  for (let j = 0; j < k; j++) {
    const row = j * k;
    let ss = 0;
    for (let i = 0; i < k; i++) {
      const v = what[i] / ut[row + i];
      stage[i] = v;
      ss += v * v;
    }
    const inv = 1 / Math.sqrt(ss);
    for (let i = 0; i < k; i++) ut[row + group[i]] = stage[i] * inv;
  }
}
