import { gemm } from './gemm.js';
import { matrixView } from './matrixView.js';
import { sharedFloat64Array } from './sharedFloat64Array.js';

/** Reflectors per compact-WY block: the inner dimension of the two products of each block. */
const NB = 64;

/**
 * Z <- Q Z for the orthogonal Q = H_0 H_1 ... H_{n-3} of a tridiagonal reduction (reflectors as
 * left by `tridiagonalizeReal`: v_i in row i of `w`, columns i+1..n-1, w[i][i+1] = 1; scales
 * `tau`), with Z row-major n × `cols`. LAPACK dormtr: the reflectors go in blocks of {@link NB},
 * last block first, each as I - Y T Y^T (compact WY, T upper triangular), so the 2 n^2 cols flops
 * run as matrix products: W = Y^T Z, W <- T W, Z <- Z - Y W.
 */
export function backTransformReal(n: number, w: Float64Array, tau: Float64Array, z: Float64Array, cols: number): void {
  const reflectors = n - 2;
  if (reflectors <= 0 || cols === 0) return;
  const yt = sharedFloat64Array(NB * n);
  const s = new Float64Array(NB * NB);
  const t = sharedFloat64Array(NB * NB);
  const wb = sharedFloat64Array(NB * cols);
  const wt = sharedFloat64Array(NB * cols);
  for (let i0 = Math.floor((reflectors - 1) / NB) * NB; i0 >= 0; i0 -= NB) {
    const b = Math.min(NB, reflectors - i0);
    const r = n - i0 - 1; // the block acts on rows i0+1..n-1
    packReflectors(n, w, i0, b, r, yt);
    // S = Y^T Y, then T column by column (dlarft, forward): T[0:j, j] = -tau_j T[0:j,0:j] S[0:j, j].
    gemm(b, b, r, 1, matrixView(yt, r), matrixView(yt, r, 0, true), matrixView(s, b), { beta: 0, upper: true });
    formT(b, tau, i0, s, t);
    const zs = matrixView(z, cols, (i0 + 1) * cols);
    gemm(b, cols, r, 1, matrixView(yt, r), zs, matrixView(wb, cols), { beta: 0 });
    gemm(b, cols, b, 1, matrixView(t, b), matrixView(wb, cols), matrixView(wt, cols), { beta: 0 });
    gemm(r, cols, b, -1, matrixView(yt, r, 0, true), matrixView(wt, cols), zs);
  }
}

/**
 * yt (b × r, row-major) = Y^T for reflectors i0..i0+b-1 restricted to rows i0+1..n-1: row j is
 * zero before position j, 1 at j, then v_{i0+j}.
 */
function packReflectors(n: number, w: Float64Array, i0: number, b: number, r: number, yt: Float64Array): void {
  for (let j = 0; j < b; j++) {
    const o = j * r;
    yt.fill(0, o, o + j);
    yt[o + j] = 1;
    const src = (i0 + j) * n + i0 + 1;
    for (let x = j + 1; x < r; x++) yt[o + x] = w[src + x];
  }
}

/** Upper-triangular T of the compact WY form from S = Y^T Y (upper triangle used). */
function formT(b: number, tau: Float64Array, i0: number, s: Float64Array, t: Float64Array): void {
  t.fill(0, 0, b * b);
  for (let j = 0; j < b; j++) {
    const tj = tau[i0 + j];
    t[j * b + j] = tj;
    // T[0:j, j] = -tau_j T[0:j, 0:j] S[0:j, j]; T[0:j,0:j] is upper triangular, rows go top down.
    for (let p = 0; p < j; p++) {
      let acc = 0;
      for (let l = p; l < j; l++) acc += t[p * b + l] * s[l * b + j];
      t[p * b + j] = -tj * acc;
    }
  }
}
