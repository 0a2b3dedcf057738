/**
 * Closed forms INTERPOLATED from values: exact rational reconstruction of each value, exact
 * Newton interpolation through the first d+1 points, confirmation at every further point. Never
 * reported as derived. And the numeric exponent of a log-log fit, with its uncertainty, where no
 * polynomial fits.
 */
import { Poly } from './poly.js';
import { Q } from './rational.js';

/** The simplest rational within rel * |x| of x (continued fractions, denominator <= maxDen), or null. */
export function rationalize(x: number, rel = 1e-10, maxDen = 1_000_000n): Q | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return Q.ZERO;
  const sign = x < 0 ? -1n : 1n;
  let v = Math.abs(x);
  let h0 = 0n, h1 = 1n, k0 = 1n, k1 = 0n;
  for (let it = 0; it < 64; it++) {
    const a = Math.floor(v);
    const ab = BigInt(a);
    const h2 = ab * h1 + h0, k2 = ab * k1 + k0;
    if (k2 > maxDen) break;
    h0 = h1; h1 = h2; k0 = k1; k1 = k2;
    const approx = Number(h1) / Number(k1);
    if (Math.abs(approx - Math.abs(x)) <= rel * Math.abs(x)) return Q.of(sign * h1, k1);
    const frac = v - a;
    if (frac === 0) break;
    v = 1 / frac;
  }
  return null;
}

/** The polynomial in `variable` through the points, by exact Newton interpolation. */
export function interpolate(xs: readonly number[], ys: readonly Q[], variable = 'L'): Poly {
  const n = xs.length;
  const coef = ys.slice();
  for (let j = 1; j < n; j++) {
    for (let i = n - 1; i >= j; i--) coef[i] = coef[i].sub(coef[i - 1]).div(Q.of(xs[i] - xs[i - j]));
  }
  const x = Poly.variable(variable);
  let p = Poly.constant(coef[n - 1]);
  for (let i = n - 2; i >= 0; i--) p = p.mul(x.sub(Poly.constant(xs[i]))).add(Poly.constant(coef[i]));
  return p;
}

export interface PolynomialFit {
  readonly poly: Poly;
  /** The L used to build it and the further L that confirmed it. */
  readonly fittedAt: readonly number[];
  readonly confirmedAt: readonly number[];
}

/**
 * The lowest-degree polynomial with rational coefficients through the first points that all further
 * points confirm (to `rel`), or null.
 */
export function fitPolynomial(Ls: readonly number[], values: readonly number[], opts: { rel?: number; confirm?: number; maxDegree?: number } = {}): PolynomialFit | null {
  const rel = opts.rel ?? 1e-9, confirm = opts.confirm ?? 3, maxDegree = opts.maxDegree ?? 6;
  const qs = values.map((v) => rationalize(v, rel));
  if (qs.some((q) => q === null)) return null;
  for (let d = 0; d <= maxDegree && d + 1 + confirm <= Ls.length; d++) {
    const poly = interpolate(Ls.slice(0, d + 1), qs.slice(0, d + 1) as Q[]);
    const rest = Ls.slice(d + 1);
    const ok = rest.every((Lv, i) => {
      const want = values[d + 1 + i];
      const got = poly.evaluate({ L: Lv });
      return Math.abs(got - want) <= rel * Math.max(1, Math.abs(want));
    });
    if (ok) return { poly, fittedAt: Ls.slice(0, d + 1), confirmedAt: rest };
  }
  return null;
}

/** Least-squares exponent of |y| ~ c L^p over the given points, with its standard error. */
export function logLogExponent(Ls: readonly number[], values: readonly number[]): { exponent: number; error: number } {
  const pts = Ls.map((L, i) => [Math.log(L), Math.log(Math.abs(values[i]))] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const n = pts.length;
  if (n < 3) return { exponent: NaN, error: NaN };
  const mx = pts.reduce((s, p) => s + p[0], 0) / n, my = pts.reduce((s, p) => s + p[1], 0) / n;
  let sxx = 0, sxy = 0;
  for (const [a, b] of pts) { sxx += (a - mx) ** 2; sxy += (a - mx) * (b - my); }
  const p = sxy / sxx;
  const c = my - p * mx;
  const rss = pts.reduce((s, [a, b]) => s + (b - c - p * a) ** 2, 0);
  return { exponent: p, error: Math.sqrt(rss / (n - 2) / sxx) };
}
