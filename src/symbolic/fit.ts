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

export interface PolyExpFit extends PolynomialFit {
  /** The base b of P(L) b^L, with a text such as exp(-2) when -ln b is a simple rational. */
  readonly base: { readonly text: string; readonly value: number };
}

/**
 * The ansatz P(L) b^L (P of degree <= 3 with rational coefficients, b > 0 and b != 1): b from the
 * vanishing (d+1)-th difference of v(L)/b^L on the last window, P by exact interpolation of
 * v(L)/b^L, confirmed at every further L. Null when no such form fits.
 */
export function fitPolynomialTimesExponential(Ls: readonly number[], values: readonly number[], rel = 1e-8): PolyExpFit | null {
  const n = Ls.length;
  if (n < 6 || values.some((v) => v === 0 || !Number.isFinite(v))) return null;
  for (let i = 1; i < n; i++) if (Ls[i] !== Ls[i - 1] + 1) return null;
  for (let d = 0; d <= 3 && d + 3 <= n - 2; d++) {
    // sum_k C(d+1,k) (-1)^(d+1-k) v(L+k) b^(d+1-k) = 0 on the last window, solved by Newton from
    // the ratio of the last two values.
    const w = values.slice(n - d - 2);
    const coef = w.map((v, k) => binom(d + 1, k) * (((d + 1 - k) % 2 === 0) ? 1 : -1) * v);
    const f = (b: number) => coef.reduce((s, c, k) => s + c * b ** (d + 1 - k), 0);
    const df = (b: number) => coef.reduce((s, c, k) => s + (d + 1 - k === 0 ? 0 : c * (d + 1 - k) * b ** (d - k)), 0);
    // Start from the slope of log|v(L)| - d log L over the last points, which is log b.
    const tail = Ls.slice(-4).map((L, i) => [L, Math.log(Math.abs(values[n - 4 + i])) - d * Math.log(L)] as const);
    const mx = tail.reduce((a, t) => a + t[0], 0) / tail.length, my = tail.reduce((a, t) => a + t[1], 0) / tail.length;
    let b = Math.exp(tail.reduce((a, t) => a + (t[0] - mx) * (t[1] - my), 0) / tail.reduce((a, t) => a + (t[0] - mx) ** 2, 0));
    for (let it = 0; it < 100 && Number.isFinite(b); it++) {
      const step = f(b) / df(b);
      b -= step;
      if (Math.abs(step) <= 1e-15 * Math.abs(b)) break;
    }
    if (!(b > 0) || Math.abs(b - 1) < 1e-6) continue;
    const u = values.map((v, i) => v / b ** Ls[i]);
    const fit = fitPolynomial(Ls, u, { rel, maxDegree: d });
    if (!fit) continue;
    const r = rationalize(-Math.log(b), 1e-10, 1000n);
    const text = r ? `exp(${r.neg().toString()})` : b.toPrecision(15);
    // The base the text names: exp(-2) is Math.exp(-2), not the root found above (which may differ
    // from it in the last digits), so that checking the form checks what it says.
    return { ...fit, base: { text, value: r ? Math.exp(r.neg().toNumber()) : b } };
  }
  return null;
}

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
