import { transposeSquare } from './transpose.js';

/**
 * Forms Q^T, with Q = H_0 H_1 ... H_{n-3}, from the reflectors left by the tridiagonal reduction:
 * v_i sits in row i of `w` (columns i+1..n-1, with w[i][i+1] = 1) and its scale in `tau[i]`.
 *
 * Backward accumulation Q <- H_i Q (LAPACK dorgtr order). Each pass over the trailing block also
 * forms y = v_{i-1}^T Q for the next step, and takes two rows at a time so the y vectors are
 * loaded once per two rows: the block streams through memory once per reflector.
 */
export function accumulateRealQT(n: number, w: Float64Array, tau: Float64Array): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  if (n >= 3) {
    let y = new Float64Array(n);
    let yNext = new Float64Array(n);
    const top = n - 3;
    for (let c = top + 1; c < n; c++) y[c] = w[top * n + c]; // v^T I = v
    for (let i = top; i >= 0; i--) {
      yNext.fill(0, i, n);
      yNext[i] = 1; // row i of Q is still e_i, and v_{i-1}[i] = 1
      reflectAndProject(q, n, i, tau[i], w, y, yNext);
      const s = y;
      y = yNext;
      yNext = s;
    }
  }
  transposeSquare(n, q);
  return q;
}

/**
 * Rows j > i: q_j <- q_j - tau v_i[j] y, and yNext += v_{i-1}[j] q_j (v_{i-1} is row i-1 of w;
 * nothing is accumulated when i = 0).
 */
function reflectAndProject(
  q: Float64Array,
  n: number,
  i: number,
  t: number,
  w: Float64Array,
  y: Float64Array,
  yNext: Float64Array,
): void {
  const vi = i * n;
  const vn = (i - 1) * n;
  let j = i + 1;
  for (; j + 1 < n; j += 2) {
    const f0 = t * w[vi + j];
    const f1 = t * w[vi + j + 1];
    const g0 = i > 0 ? w[vn + j] : 0;
    const g1 = i > 0 ? w[vn + j + 1] : 0;
    const r0 = j * n;
    const r1 = r0 + n;
    for (let c = i + 1; c < n; c++) {
      const yc = y[c];
      const z0 = q[r0 + c] - f0 * yc;
      const z1 = q[r1 + c] - f1 * yc;
      q[r0 + c] = z0;
      q[r1 + c] = z1;
      yNext[c] += g0 * z0 + g1 * z1;
    }
  }
  if (j < n) {
    const f0 = t * w[vi + j];
    const g0 = i > 0 ? w[vn + j] : 0;
    const r0 = j * n;
    for (let c = i + 1; c < n; c++) {
      const z0 = q[r0 + c] - f0 * y[c];
      q[r0 + c] = z0;
      yNext[c] += g0 * z0;
    }
  }
}
