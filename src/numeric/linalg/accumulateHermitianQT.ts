import { transposeSquare } from './transpose.js';

/**
 * Forms Q^T (plain transpose), with Q = H_0 ... H_{n-3} and H_i = I - tau_i v_i v_i^H, from the
 * reflectors left by the Hermitian reduction (v_i in row i of (wr, wi), columns i+1..n-1).
 *
 * Backward accumulation Q <- H_i Q (LAPACK zungtr order): y = v_i^H Q, then Q -= tau v_i y. Each
 * pass also forms y for the next reflector, so the trailing block streams through memory once.
 */
export function accumulateHermitianQT(
  n: number,
  wr: Float64Array,
  wi: Float64Array,
  tau: Float64Array,
): { qtr: Float64Array; qti: Float64Array } {
  const qr = new Float64Array(n * n);
  const qi = new Float64Array(n * n);
  for (let i = 0; i < n; i++) qr[i * n + i] = 1;
  if (n >= 3) {
    let yr = new Float64Array(n), yi = new Float64Array(n);
    let nr = new Float64Array(n), ni = new Float64Array(n);
    const top = n - 3;
    for (let c = top + 1; c < n; c++) {
      yr[c] = wr[top * n + c]; // v^H I = conj(v)
      yi[c] = -wi[top * n + c];
    }
    for (let i = top; i >= 0; i--) {
      nr.fill(0, i, n);
      ni.fill(0, i, n);
      nr[i] = 1; // row i of Q is still e_i, and v_{i-1}[i] = 1
      reflectAndProject(qr, qi, n, i, tau[i], wr, wi, yr, yi, nr, ni);
      [yr, yi, nr, ni] = [nr, ni, yr, yi];
    }
  }
  transposeSquare(n, qr);
  transposeSquare(n, qi);
  return { qtr: qr, qti: qi };
}

/**
 * Rows j > i: q_j -= tau v_i[j] y; and y' += conj(v_{i-1}[j]) q_j unless i = 0. Two rows at a
 * time, so each load of y and y' serves both.
 */
function reflectAndProject(
  qr: Float64Array,
  qi: Float64Array,
  n: number,
  i: number,
  t: number,
  wr: Float64Array,
  wi: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
  nr: Float64Array,
  ni: Float64Array,
): void {
  const vi = i * n;
  const vn = (i - 1) * n;
  let j = i + 1;
  for (; j + 1 < n; j += 2) {
    const far = t * wr[vi + j], fai = t * wi[vi + j];
    const fbr = t * wr[vi + j + 1], fbi = t * wi[vi + j + 1];
    // conj(v_{i-1}[j]) and conj(v_{i-1}[j+1])
    const gar = i > 0 ? wr[vn + j] : 0, gai = i > 0 ? -wi[vn + j] : 0;
    const gbr = i > 0 ? wr[vn + j + 1] : 0, gbi = i > 0 ? -wi[vn + j + 1] : 0;
    const ra = j * n;
    const rb = ra + n;
    for (let c = i + 1; c < n; c++) {
      const ycr = yr[c];
      const yci = yi[c];
      const zar = qr[ra + c] - (far * ycr - fai * yci);
      const zai = qi[ra + c] - (far * yci + fai * ycr);
      const zbr = qr[rb + c] - (fbr * ycr - fbi * yci);
      const zbi = qi[rb + c] - (fbr * yci + fbi * ycr);
      qr[ra + c] = zar;
      qi[ra + c] = zai;
      qr[rb + c] = zbr;
      qi[rb + c] = zbi;
      nr[c] += gar * zar - gai * zai + (gbr * zbr - gbi * zbi);
      ni[c] += gar * zai + gai * zar + (gbr * zbi + gbi * zbr);
    }
  }
  if (j < n) {
    const fr = t * wr[vi + j], fi = t * wi[vi + j];
    const gr = i > 0 ? wr[vn + j] : 0, gi = i > 0 ? -wi[vn + j] : 0;
    const rj = j * n;
    for (let c = i + 1; c < n; c++) {
      const ycr = yr[c];
      const yci = yi[c];
      const zr = qr[rj + c] - (fr * ycr - fi * yci);
      const zi = qi[rj + c] - (fr * yci + fi * ycr);
      qr[rj + c] = zr;
      qi[rj + c] = zi;
      nr[c] += gr * zr - gi * zi;
      ni[c] += gr * zi + gi * zr;
    }
  }
}
