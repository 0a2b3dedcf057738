/**
 * Scaling exponents from data: least-squares slope of log|y| against log x.
 */

/** The fitted exponent p of y ~ c x^p, with the root-mean-square residual of the log fit. */
export function fitExponent(x: readonly number[], y: readonly number[]): { exponent: number; prefactor: number; residual: number } {
  const pts = x.map((v, i) => [Math.log(v), Math.log(Math.abs(y[i]))] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const n = pts.length;
  if (n < 2) return { exponent: NaN, prefactor: NaN, residual: NaN };
  const mx = pts.reduce((s, p) => s + p[0], 0) / n;
  const my = pts.reduce((s, p) => s + p[1], 0) / n;
  let sxy = 0, sxx = 0;
  for (const [a, b] of pts) { sxy += (a - mx) * (b - my); sxx += (a - mx) ** 2; }
  const exponent = sxy / sxx;
  const icpt = my - exponent * mx;
  const residual = Math.sqrt(pts.reduce((s, [a, b]) => s + (b - icpt - exponent * a) ** 2, 0) / n);
  return { exponent, prefactor: Math.exp(icpt), residual };
}
