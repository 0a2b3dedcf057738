/** Elements per chunk: a chunk of w (re + im) stays in L1 while every basis vector passes by. */
const CHUNK = 2048;
/** DGKS criterion: a second pass is made only if the first left less than this fraction of ||w||. */
const SECOND_PASS_RATIO = Math.SQRT1_2;

/**
 * Classical Gram-Schmidt with a conditional second pass (Daniel-Gragg-Kaufman-Stewart): w is
 * orthogonalised against the first `count` basis vectors (vr[i], vi[i]), and again if the pass
 * cancelled more than 1 - 1/sqrt(2) of its norm ("twice is enough"). The coefficients of the
 * passes are summed into h (interleaved re, im; `scratch` has the same size). Returns ||w||.
 *
 * When n is large the cost is streaming the basis, so each pass is two sweeps over it (all
 * projections, then all subtractions), chunked so the piece of w being worked on stays in cache.
 */
export function blockGramSchmidt(
  n: number,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  count: number,
  wr: Float64Array,
  wi: Float64Array,
  h: Float64Array,
  scratch: Float64Array,
): number {
  const before = norm(n, wr, wi);
  const after = gramSchmidtPass(n, vr, vi, count, wr, wi, h);
  if (after >= SECOND_PASS_RATIO * before) return after;
  const again = gramSchmidtPass(n, vr, vi, count, wr, wi, scratch);
  for (let i = 0; i < 2 * count; i++) h[i] += scratch[i];
  return again;
}

/** One classical Gram-Schmidt pass: h = V^H w, w -= V h. Returns ||w|| afterwards. */
function gramSchmidtPass(
  n: number,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  count: number,
  wr: Float64Array,
  wi: Float64Array,
  h: Float64Array,
): number {
  h.fill(0, 0, 2 * count);
  for (let s = 0; s < n; s += CHUNK) {
    const e = Math.min(n, s + CHUNK);
    for (let i = 0; i < count; i++) accumulateDot(vr[i], vi[i], wr, wi, s, e, h, i);
  }
  let norm2 = 0;
  for (let s = 0; s < n; s += CHUNK) {
    const e = Math.min(n, s + CHUNK);
    for (let i = 0; i < count; i++) subtract(vr[i], vi[i], wr, wi, s, e, h, i);
    for (let t = s; t < e; t++) norm2 += wr[t] * wr[t] + wi[t] * wi[t];
  }
  return Math.sqrt(norm2);
}

/** ||w||. */
function norm(n: number, wr: Float64Array, wi: Float64Array): number {
  let a = 0;
  let b = 0;
  for (let t = 0; t < n; t++) {
    a += wr[t] * wr[t];
    b += wi[t] * wi[t];
  }
  return Math.sqrt(a + b);
}

/** h[i] += v[s..e)^H w[s..e), with two partial sums per part to shorten the add chains. */
function accumulateDot(
  vr: Float64Array,
  vi: Float64Array,
  wr: Float64Array,
  wi: Float64Array,
  s: number,
  e: number,
  h: Float64Array,
  i: number,
): void {
  let re0 = 0;
  let im0 = 0;
  let re1 = 0;
  let im1 = 0;
  let t = s;
  for (; t + 1 < e; t += 2) {
    const a0 = vr[t], b0 = vi[t], x0 = wr[t], y0 = wi[t];
    const a1 = vr[t + 1], b1 = vi[t + 1], x1 = wr[t + 1], y1 = wi[t + 1];
    re0 += a0 * x0 + b0 * y0;
    im0 += a0 * y0 - b0 * x0;
    re1 += a1 * x1 + b1 * y1;
    im1 += a1 * y1 - b1 * x1;
  }
  if (t < e) {
    re0 += vr[t] * wr[t] + vi[t] * wi[t];
    im0 += vr[t] * wi[t] - vi[t] * wr[t];
  }
  h[2 * i] += re0 + re1;
  h[2 * i + 1] += im0 + im1;
}

/** w[s..e) -= h[i] v[s..e). */
function subtract(
  vr: Float64Array,
  vi: Float64Array,
  wr: Float64Array,
  wi: Float64Array,
  s: number,
  e: number,
  h: Float64Array,
  i: number,
): void {
  const hr = h[2 * i];
  const hi = h[2 * i + 1];
  if (hr === 0 && hi === 0) return;
  for (let t = s; t < e; t++) {
    const a = vr[t];
    const b = vi[t];
    wr[t] -= hr * a - hi * b;
    wi[t] -= hr * b + hi * a;
  }
}
