import { combineBasis } from './ritzBasis.js';

/**
 * Thick restart (Wu-Simon): keeps the lowest and highest Ritz vectors (a fraction keepPerEnd of
 * the m-vector basis at each end), puts the next Lanczos vector w after them, and rebuilds the
 * projected matrix as diag(theta) plus the arrow of couplings beta · y_last. Returns the index of
 * the newest basis vector.
 */
export function thickRestart(
  n: number,
  vr: Float64Array[],
  vi: Float64Array[],
  wr: Float64Array,
  wi: Float64Array,
  t: Float64Array,
  m: number,
  ritz: { values: Float64Array; vectors: Float64Array },
  coupling: number,
  keepPerEnd: number,
): number {
  const perEnd = Math.max(1, Math.floor(m * keepPerEnd));
  const keep: number[] = [];
  for (let i = 0; i < perEnd; i++) keep.push(i);
  for (let i = m - perEnd; i < m; i++) if (i >= perEnd) keep.push(i);
  combineBasis(n, vr, vi, m, ritz.vectors, keep);
  const kk = keep.length;
  vr[kk].set(wr);
  vi[kk].set(wi);
  t.fill(0);
  for (let i = 0; i < kk; i++) {
    t[i * m + i] = ritz.values[keep[i]];
    const c = coupling * ritz.vectors[(m - 1) * m + keep[i]];
    t[kk * m + i] = c;
    t[i * m + kk] = c;
  }
  return kk;
}
