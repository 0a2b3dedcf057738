/**
 * One pass over rows r0..n-1 of the lower triangle: applies the pending update
 * A -= vp wp^T + wp vp^T and accumulates p += A v (symmetric, from the lower triangle only).
 * Rows go four at a time so each load of vp[k], wp[k], v[k], p[k] serves four entries.
 */
export function fusedSymmetricPass(
  w: Float64Array,
  n: number,
  r0: number,
  vp: Float64Array,
  wp: Float64Array,
  v: Float64Array,
  p: Float64Array,
): void {
  let j = r0;
  for (; j + 3 < n; j += 4) {
    const ra = j * n;
    const rb = ra + n;
    const rc = rb + n;
    const rd = rc + n;
    const vpa = vp[j];
    const wpa = wp[j];
    const va = v[j];
    const vpb = vp[j + 1];
    const wpb = wp[j + 1];
    const vb = v[j + 1];
    const vpc = vp[j + 2];
    const wpc = wp[j + 2];
    const vc = v[j + 2];
    const vpd = vp[j + 3];
    const wpd = wp[j + 3];
    const vd = v[j + 3];
    let acca = 0;
    let accb = 0;
    let accc = 0;
    let accd = 0;
    for (let k = r0; k < j; k++) {
      const vpk = vp[k];
      const wpk = wp[k];
      const vk = v[k];
      const a = w[ra + k] - vpa * wpk - wpa * vpk;
      const b = w[rb + k] - vpb * wpk - wpb * vpk;
      const c = w[rc + k] - vpc * wpk - wpc * vpk;
      const d = w[rd + k] - vpd * wpk - wpd * vpk;
      w[ra + k] = a;
      w[rb + k] = b;
      w[rc + k] = c;
      w[rd + k] = d;
      acca += a * vk;
      accb += b * vk;
      accc += c * vk;
      accd += d * vk;
      p[k] += a * va + b * vb + (c * vc + d * vd);
    }
    rowTail(w, n, j, j, acca, vp, wp, v, p);
    rowTail(w, n, j + 1, j, accb, vp, wp, v, p);
    rowTail(w, n, j + 2, j, accc, vp, wp, v, p);
    rowTail(w, n, j + 3, j, accd, vp, wp, v, p);
  }
  for (; j < n; j++) rowTail(w, n, j, r0, 0, vp, wp, v, p);
}

/** Row j, columns from..j of the fused pass; `acc` carries the row's dot product so far. */
function rowTail(
  w: Float64Array,
  n: number,
  j: number,
  from: number,
  acc: number,
  vp: Float64Array,
  wp: Float64Array,
  v: Float64Array,
  p: Float64Array,
): void {
  const rj = j * n;
  const vpj = vp[j];
  const wpj = wp[j];
  const vj = v[j];
  for (let k = from; k < j; k++) {
    const a = w[rj + k] - vpj * wp[k] - wpj * vp[k];
    w[rj + k] = a;
    acc += a * v[k];
    p[k] += a * vj;
  }
  const ajj = w[rj + j] - 2 * vpj * wpj;
  w[rj + j] = ajj;
  p[j] += acc + ajj * vj;
}
