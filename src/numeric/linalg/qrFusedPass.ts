/**
 * Rows j >= k, columns c > k: W -= tau_p v_p y_p (pending update), then y_new += conj(v_j) W_jc.
 * Row k is included in y_new but not finished here (finishRow does that at the next step, once
 * y_new is known, because row k of R = row k of H_k W).
 */
export function qrFusedPass(
  n: number,
  k: number,
  wr: Float64Array,
  wi: Float64Array,
  ptau: number,
  pvr: Float64Array,
  pvi: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
  vr: Float64Array,
  vi: Float64Array,
  nyr: Float64Array,
  nyi: Float64Array,
): void {
  let j = k;
  // Two rows at a time: each load of y and y_new serves both.
  for (; j + 1 < n; j += 2) {
    const ra = j * n;
    const rb = ra + n;
    const far = ptau * pvr[j], fai = ptau * pvi[j];
    const fbr = ptau * pvr[j + 1], fbi = ptau * pvi[j + 1];
    const gar = vr[j], gai = vi[j]; // conj(v_j) = gar - i gai
    const gbr = vr[j + 1], gbi = vi[j + 1];
    for (let c = k + 1; c < n; c++) {
      const ycr = yr[c];
      const yci = yi[c];
      const ar = wr[ra + c] - (far * ycr - fai * yci);
      const ai = wi[ra + c] - (far * yci + fai * ycr);
      const br = wr[rb + c] - (fbr * ycr - fbi * yci);
      const bi = wi[rb + c] - (fbr * yci + fbi * ycr);
      wr[ra + c] = ar;
      wi[ra + c] = ai;
      wr[rb + c] = br;
      wi[rb + c] = bi;
      nyr[c] += gar * ar + gai * ai + (gbr * br + gbi * bi);
      nyi[c] += gar * ai - gai * ar + (gbr * bi - gbi * br);
    }
  }
  if (j < n) {
    const rj = j * n;
    const fr = ptau * pvr[j];
    const fi = ptau * pvi[j];
    const gr = vr[j];
    const gi = vi[j];
    for (let c = k + 1; c < n; c++) {
      const ycr = yr[c];
      const yci = yi[c];
      const zr = wr[rj + c] - (fr * ycr - fi * yci);
      const zi = wi[rj + c] - (fr * yci + fi * ycr);
      wr[rj + c] = zr;
      wi[rj + c] = zi;
      nyr[c] += gr * zr + gi * zi;
      nyi[c] += gr * zi - gi * zr;
    }
  }
}
