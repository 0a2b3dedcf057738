import { gemm, type GemmOptions } from './gemm.js';
import { matrixView, type MatrixView } from './matrixView.js';
import { sharedFloat64Array } from './sharedFloat64Array.js';

/** Reflectors per compact-WY block, as in backTransformReal. */
const NB = 64;

/** A complex matrix as the views of its real and imaginary parts. */
type ComplexView = readonly [MatrixView, MatrixView];

/**
 * Z <- Q Z for the unitary Q = H_0 H_1 ... H_{n-3}, H_i = I - tau_i v_i v_i^H (tau_i real), of
 * the Hermitian tridiagonal reduction (reflectors as left by `tridiagonalizeHermitian`: v_i in
 * row i of (wr, wi), columns i+1..n-1, v_i[i+1] = 1), with Z = (zr, zi) row-major n × `cols`.
 * LAPACK zunmtr: the reflectors go in blocks of {@link NB}, last block first, each as
 * I - Y T Y^H (compact WY, T upper triangular), W = Y^H Z, W <- T W, Z <- Z - Y W, the two large
 * complex products as three real ones each (Gauss; normwise as accurate, the error bounds of the
 * eigensystem are a posteriori residuals), the small ones as four, all by {@link gemm} (blocked,
 * shared with the helper threads): 6 n^2 cols flops against about 9 n^2 cols for forming Q one
 * reflector at a time on one thread (accumulateHermitianQT) and multiplying it out.
 */
export function backTransformHermitian(
  n: number,
  wr: Float64Array,
  wi: Float64Array,
  tau: Float64Array,
  zr: Float64Array,
  zi: Float64Array,
  cols: number,
): void {
  const reflectors = n - 2;
  if (reflectors <= 0 || cols === 0) return;
  const ytr = sharedFloat64Array(NB * n);
  const yti = sharedFloat64Array(NB * n);
  const sr = sharedFloat64Array(NB * NB);
  const si = sharedFloat64Array(NB * NB);
  const tr = sharedFloat64Array(NB * NB);
  const ti = sharedFloat64Array(NB * NB);
  const wbr = sharedFloat64Array(NB * cols);
  const wbi = sharedFloat64Array(NB * cols);
  const wtr = sharedFloat64Array(NB * cols);
  const wti = sharedFloat64Array(NB * cols);
  const ysum = sharedFloat64Array(NB * n);
  const big = sharedFloat64Array(n * cols);
  for (let i0 = Math.floor((reflectors - 1) / NB) * NB; i0 >= 0; i0 -= NB) {
    const b = Math.min(NB, reflectors - i0);
    const r = n - i0 - 1; // the block acts on rows i0+1..n-1
    packReflectors(n, wr, i0, b, r, ytr, 1);
    packReflectors(n, wi, i0, b, r, yti, 0);
    const yt: ComplexView = [matrixView(ytr, r), matrixView(yti, r)];
    const y: ComplexView = [matrixView(ytr, r, 0, true), matrixView(yti, r, 0, true)];
    // S = Y^H Y (upper triangle), then T column by column (zlarft, forward).
    complexProduct(b, b, r, 1, yt, true, y, [matrixView(sr, b), matrixView(si, b)], { beta: 0, upper: true });
    formT(b, tau, i0, sr, si, tr, ti);
    const z0 = (i0 + 1) * cols;
    const zrv = matrixView(zr, cols, z0);
    const ziv = matrixView(zi, cols, z0);
    const rc = r * cols;
    // W = Y^H Z in three real products (Gauss): with Y = A + iB, Z = C + iD,
    // Re W = A^T C + B^T D, Im W = (A - B)^T (C + D) - A^T C + B^T D.
    for (let x = 0; x < rc; x++) big[x] = zr[z0 + x] + zi[z0 + x];
    for (let x = 0; x < b * r; x++) ysum[x] = ytr[x] - yti[x];
    gemm(b, cols, r, 1, yt[0], zrv, matrixView(wbr, cols), { beta: 0 });
    gemm(b, cols, r, 1, yt[1], ziv, matrixView(wbi, cols), { beta: 0 });
    gemm(b, cols, r, 1, matrixView(ysum, r), matrixView(big, cols), matrixView(wtr, cols), { beta: 0 });
    for (let x = 0; x < b * cols; x++) {
      const p1 = wbr[x];
      const p2 = wbi[x];
      wbr[x] = p1 + p2;
      wbi[x] = wtr[x] - p1 + p2;
    }
    // W <- T W (b x b: four real products).
    complexProduct(b, cols, b, 1, [matrixView(tr, b), matrixView(ti, b)], false, [matrixView(wbr, cols), matrixView(wbi, cols)],
      [matrixView(wtr, cols), matrixView(wti, cols)], { beta: 0 });
    // Z -= Y W in three real products: with Y = A + iB, W = C + iD, K = (A + B) C,
    // Re(Y W) = K - B (C + D), Im(Y W) = K + A (D - C).
    for (let x = 0; x < b * r; x++) ysum[x] = ytr[x] + yti[x];
    for (let x = 0; x < b * cols; x++) {
      const c = wtr[x];
      const d = wti[x];
      wbr[x] = c + d;
      wbi[x] = d - c;
    }
    gemm(r, cols, b, 1, matrixView(ysum, r, 0, true), matrixView(wtr, cols), matrixView(big, cols), { beta: 0 });
    gemm(r, cols, b, 1, y[1], matrixView(wbr, cols), zrv);
    gemm(r, cols, b, -1, y[0], matrixView(wbi, cols), ziv);
    for (let x = 0; x < rc; x++) {
      zr[z0 + x] -= big[x];
      zi[z0 + x] -= big[x];
    }
  }
}

/**
 * C = alpha · op(A) B + beta C for complex A, B, C, with op(A) = A, or its entrywise conjugate
 * when `conjA` (transposition is in the views): four real products.
 */
function complexProduct(
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: ComplexView,
  conjA: boolean,
  b: ComplexView,
  c: ComplexView,
  opts: GemmOptions,
): void {
  const acc: GemmOptions = { ...opts, beta: 1 };
  gemm(m, n, k, alpha, a[0], b[0], c[0], opts);
  gemm(m, n, k, conjA ? alpha : -alpha, a[1], b[1], c[0], acc);
  gemm(m, n, k, alpha, a[0], b[1], c[1], opts);
  gemm(m, n, k, conjA ? -alpha : alpha, a[1], b[0], c[1], acc);
}

/**
 * One part (real or imaginary: `one` is the value at the unit position) of Y^T for reflectors
 * i0..i0+b-1 restricted to rows i0+1..n-1, as b × r row-major: row j is zero before position j,
 * `one` at j, then v_{i0+j}.
 */
function packReflectors(n: number, w: Float64Array, i0: number, b: number, r: number, yt: Float64Array, one: number): void {
  for (let j = 0; j < b; j++) {
    const o = j * r;
    yt.fill(0, o, o + j);
    yt[o + j] = one;
    const src = (i0 + j) * n + i0 + 1;
    for (let x = j + 1; x < r; x++) yt[o + x] = w[src + x];
  }
}

/**
 * Upper-triangular complex T of the compact WY form from S = Y^H Y (upper triangle used):
 * T[j][j] = tau_j, T[0:j, j] = -tau_j T[0:j, 0:j] S[0:j, j].
 */
function formT(
  b: number,
  tau: Float64Array,
  i0: number,
  sr: Float64Array,
  si: Float64Array,
  tr: Float64Array,
  ti: Float64Array,
): void {
  tr.fill(0, 0, b * b);
  ti.fill(0, 0, b * b);
  for (let j = 0; j < b; j++) {
    const tj = tau[i0 + j];
    tr[j * b + j] = tj;
    for (let p = 0; p < j; p++) {
      let accr = 0;
      let acci = 0;
      for (let l = p; l < j; l++) {
        const xr = tr[p * b + l], xi = ti[p * b + l], yr = sr[l * b + j], yi = si[l * b + j];
        accr += xr * yr - xi * yi;
        acci += xr * yi + xi * yr;
      }
      tr[p * b + j] = -tj * accr;
      ti[p * b + j] = -tj * acci;
    }
  }
}
