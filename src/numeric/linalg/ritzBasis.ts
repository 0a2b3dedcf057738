/** Elements per chunk when combining basis vectors, so the partial results stay in cache. */
const CHUNK = 1024;

/** Kept vectors formed per pass: their accumulators live in registers. */
const GROUP = 4;

/**
 * In place, basis vector i (i < keep.length) becomes sum_r V_r Y[r][keep[i]] over the first
 * `count` vectors, where Y is a row-major count×count matrix: the thick-restart step that replaces
 * the Lanczos basis by chosen Ritz vectors. Chunked over the n entries (O(chunk) extra memory);
 * each entry of four new vectors is summed in registers over the whole basis.
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
  const coef = new Float64Array(count * GROUP);
  for (let s = 0; s < n; s += CHUNK) {
    const len = Math.min(CHUNK, n - s);
    for (let g = 0; g < kk; g += GROUP) {
      coef.fill(0);
      for (let r = 0; r < count; r++) {
        for (let q = 0; q < GROUP && g + q < kk; q++) coef[r * GROUP + q] = y[r * count + keep[g + q]];
      }
      combineGroup(vr, vi, count, coef, s, len, tr, ti, g);
    }
    for (let i = 0; i < kk; i++) {
      vr[i].set(tr.subarray(i * CHUNK, i * CHUNK + len), s);
      vi[i].set(ti.subarray(i * CHUNK, i * CHUNK + len), s);
    }
  }
}

/** tr/ti rows g..g+3 (chunk-local) = sum_r coef[r][q] V_r[s + t]. */
function combineGroup(
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  count: number,
  coef: Float64Array,
  s: number,
  len: number,
  tr: Float64Array,
  ti: Float64Array,
  g: number,
): void {
  const last = tr.length / CHUNK;
  for (let t = 0; t < len; t++) {
    let r0 = 0, i0 = 0, r1 = 0, i1 = 0, r2 = 0, i2 = 0, r3 = 0, i3 = 0;
    for (let r = 0; r < count; r++) {
      const a = vr[r][s + t];
      const b = vi[r][s + t];
      const c = r * GROUP;
      const c0 = coef[c], c1 = coef[c + 1], c2 = coef[c + 2], c3 = coef[c + 3];
      r0 += c0 * a;
      i0 += c0 * b;
      r1 += c1 * a;
      i1 += c1 * b;
      r2 += c2 * a;
      i2 += c2 * b;
      r3 += c3 * a;
      i3 += c3 * b;
    }
    tr[g * CHUNK + t] = r0;
    ti[g * CHUNK + t] = i0;
    if (g + 1 < last) {
      tr[(g + 1) * CHUNK + t] = r1;
      ti[(g + 1) * CHUNK + t] = i1;
    }
    if (g + 2 < last) {
      tr[(g + 2) * CHUNK + t] = r2;
      ti[(g + 2) * CHUNK + t] = i2;
    }
    if (g + 3 < last) {
      tr[(g + 3) * CHUNK + t] = r3;
      ti[(g + 3) * CHUNK + t] = i3;
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
