/** Elements per chunk when combining basis vectors, so the partial results stay in cache. */
const CHUNK = 1024;

/**
 * In place, basis vector i (i < keep.length) becomes sum_r V_r Y[r][keep[i]] over the first
 * `count` vectors, where Y is a row-major count×count matrix: the thick-restart step that replaces
 * the Lanczos basis by chosen Ritz vectors. Chunked over the n entries so it needs O(chunk) memory.
 */
export function combineBasis(
  n: number,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  count: number,
  y: Float64Array,
  keep: readonly number[],
): void {
  const kk = keep.length;
  const tr = new Float64Array(kk * CHUNK);
  const ti = new Float64Array(kk * CHUNK);
  for (let s = 0; s < n; s += CHUNK) {
    const len = Math.min(CHUNK, n - s);
    tr.fill(0);
    ti.fill(0);
    for (let r = 0; r < count; r++) {
      const ar = vr[r];
      const ai = vi[r];
      for (let i = 0; i < kk; i++) {
        const c = y[r * count + keep[i]];
        if (c === 0) continue;
        const o = i * CHUNK - s;
        for (let t = s; t < s + len; t++) {
          tr[o + t] += c * ar[t];
          ti[o + t] += c * ai[t];
        }
      }
    }
    for (let i = 0; i < kk; i++) {
      vr[i].set(tr.subarray(i * CHUNK, i * CHUNK + len), s);
      vi[i].set(ti.subarray(i * CHUNK, i * CHUNK + len), s);
    }
  }
}

/** (xr, xi) = sum_r V_r Y[r][col] over the first `count` basis vectors (Y row-major count×count). */
export function ritzVector(
  n: number,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  count: number,
  y: Float64Array,
  col: number,
  xr: Float64Array,
  xi: Float64Array,
): void {
  xr.fill(0);
  xi.fill(0);
  for (let r = 0; r < count; r++) {
    const c = y[r * count + col];
    const ar = vr[r];
    const ai = vi[r];
    for (let t = 0; t < n; t++) {
      xr[t] += c * ar[t];
      xi[t] += c * ai[t];
    }
  }
}
