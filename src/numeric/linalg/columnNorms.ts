/** Euclidean norms of the columns, accumulated row by row. */
export function columnNorms(n: number, wr: Float64Array, wi: Float64Array): Float64Array {
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    for (let c = 0; c < n; c++) s[c] += wr[rj + c] * wr[rj + c] + wi[rj + c] * wi[rj + c];
  }
  for (let c = 0; c < n; c++) s[c] = Math.sqrt(s[c]);
  return s;
}

/**
 * Norms of columns c >= k over rows >= k, from those over rows >= k-1 minus |R[k-1][c]|^2; a norm
 * that lost too much to cancellation is recomputed from the (lazily updated) column.
 */
export function downdateNorms(
  n: number,
  k: number,
  wr: Float64Array,
  wi: Float64Array,
  vn1: Float64Array,
  vn2: Float64Array,
  guard: number,
  tau: number,
  pvr: Float64Array,
  pvi: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
): void {
  const base = (k - 1) * n;
  for (let c = k; c < n; c++) {
    if (vn1[c] === 0) continue;
    const r = Math.hypot(wr[base + c], wi[base + c]) / vn1[c];
    const t = Math.max(0, (1 + r) * (1 - r));
    const ratio = vn1[c] / vn2[c];
    if (t * ratio * ratio > guard) {
      vn1[c] *= Math.sqrt(t);
      continue;
    }
    let s = 0;
    for (let j = k; j < n; j++) {
      const ar = pvr[j], ai = pvi[j];
      const zr = wr[j * n + c] - tau * (ar * yr[c] - ai * yi[c]);
      const zi = wi[j * n + c] - tau * (ar * yi[c] + ai * yr[c]);
      s += zr * zr + zi * zi;
    }
    vn1[c] = Math.sqrt(s);
    vn2[c] = vn1[c];
  }
}
