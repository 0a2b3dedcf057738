/**
 * Householder reflector H = I - tau v v^T with H x = beta e_1 for x = x[from..n-1]. Writes v into
 * `v[from..n-1]` with v[from] = 1. When x[from+1..] is already zero, returns tau = 0 (H = I) and
 * beta = x[from]. Scaled by max|x| so the norm neither overflows nor underflows.
 */
export function realReflector(
  x: Float64Array,
  from: number,
  n: number,
  v: Float64Array,
): { tau: number; beta: number } {
  const alpha = x[from];
  let scale = 0;
  for (let j = from + 1; j < n; j++) scale = Math.max(scale, Math.abs(x[j]));
  v[from] = 1;
  if (scale === 0) {
    for (let j = from + 1; j < n; j++) v[j] = 0;
    return { tau: 0, beta: alpha };
  }
  scale = Math.max(scale, Math.abs(alpha));
  let sum = 0;
  for (let j = from; j < n; j++) {
    const t = x[j] / scale;
    sum += t * t;
  }
  const norm = scale * Math.sqrt(sum);
  const beta = alpha >= 0 ? -norm : norm;
  const inv = 1 / (alpha - beta);
  for (let j = from + 1; j < n; j++) v[j] = x[j] * inv;
  return { tau: (beta - alpha) / beta, beta };
}
