/** Vector steps of the Lanczos driver (complex vectors as separate re, im arrays). */
import { blockGramSchmidt } from './blockGramSchmidt.js';

/** Re(x^H y). */
export function rayleigh(n: number, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  for (let s = 0; s < n; s++) {
    s0 += xr[s] * yr[s];
    s1 += xi[s] * yi[s];
  }
  return s0 + s1;
}

/** w -= sum_{i <= j} T[i][j] v_i over the non-zero entries of column j of T (real). */
export function subtractColumn(
  n: number,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  t: Float64Array,
  m: number,
  j: number,
  wr: Float64Array,
  wi: Float64Array,
): void {
  for (let i = 0; i <= j; i++) {
    const c = t[i * m + j];
    if (c === 0) continue;
    const ar = vr[i];
    const ai = vi[i];
    for (let s = 0; s < n; s++) {
      wr[s] -= c * ar[s];
      wi[s] -= c * ai[s];
    }
  }
}

/** Allocates basis slots up to index k. */
export function ensureSlot(n: number, vr: Float64Array[], vi: Float64Array[], k: number): void {
  while (vr.length <= k) {
    vr.push(new Float64Array(n));
    vi.push(new Float64Array(n));
  }
}

/**
 * Fills (xr, xi) with a random unit vector orthogonal to the first `count` basis vectors. Returns
 * false if nothing is left after orthogonalisation (the basis already spans C^n, up to rounding).
 */
export function randomUnit(
  n: number,
  rand: () => number,
  xr: Float64Array,
  xi: Float64Array,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  count: number,
  h1: Float64Array,
  h2: Float64Array,
  roundOff: number,
): boolean {
  let norm2 = 0;
  for (let s = 0; s < n; s++) {
    xr[s] = 2 * rand() - 1;
    xi[s] = 2 * rand() - 1;
    norm2 += xr[s] * xr[s] + xi[s] * xi[s];
  }
  const before = Math.sqrt(norm2);
  const after = count > 0 ? blockGramSchmidt(n, vr, vi, count, xr, xi, h1, h2) : before;
  if (!(after > before * Math.sqrt(n) * roundOff)) return false;
  const inv = 1 / after;
  for (let s = 0; s < n; s++) {
    xr[s] *= inv;
    xi[s] *= inv;
  }
  return true;
}
