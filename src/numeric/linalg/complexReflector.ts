import { hypot } from './hypot.js';

/**
 * Hermitian Householder reflector H = I - tau v v^H (tau real, so H = H^H = H^-1) with
 * H x = beta e_1, beta = -(x_0/|x_0|) ||x|| (complex), for x = x[from..n-1] given as (xr, xi).
 * Writes v into (vr, vi)[from..n-1] with v[from] = 1. When x[from+1..] is already zero it returns
 * tau = 0 (H = I) and beta = x[from]; the phase left in beta is removed later by a diagonal unitary.
 */
export function complexReflector(
  xr: Float64Array,
  xi: Float64Array,
  from: number,
  n: number,
  vr: Float64Array,
  vi: Float64Array,
): { tau: number; betaRe: number; betaIm: number } {
  const ar = xr[from];
  const ai = xi[from];
  let scale = 0;
  for (let j = from + 1; j < n; j++) scale = Math.max(scale, Math.abs(xr[j]), Math.abs(xi[j]));
  vr[from] = 1;
  vi[from] = 0;
  if (scale === 0) {
    for (let j = from + 1; j < n; j++) {
      vr[j] = 0;
      vi[j] = 0;
    }
    return { tau: 0, betaRe: ar, betaIm: ai };
  }
  scale = Math.max(scale, Math.abs(ar), Math.abs(ai));
  let sum = 0;
  for (let j = from; j < n; j++) {
    const a = xr[j] / scale;
    const b = xi[j] / scale;
    sum += a * a + b * b;
  }
  const norm = scale * Math.sqrt(sum);
  const absAlpha = hypot(ar, ai);
  const phr = absAlpha === 0 ? 1 : ar / absAlpha;
  const phi = absAlpha === 0 ? 0 : ai / absAlpha;
  // v_0 = alpha - beta = phase (|alpha| + ||x||); scale the tail by 1/v_0.
  const mag = absAlpha + norm;
  const ir = phr / mag; // 1/v_0 = conj(phase) / mag
  const ii = -phi / mag;
  for (let j = from + 1; j < n; j++) {
    const a = xr[j];
    const b = xi[j];
    vr[j] = a * ir - b * ii;
    vi[j] = a * ii + b * ir;
  }
  // tau = 2 / (v^H v) simplifies to 1 + |alpha| / ||x||.
  return { tau: 1 + absAlpha / norm, betaRe: -phr * norm, betaIm: -phi * norm };
}
