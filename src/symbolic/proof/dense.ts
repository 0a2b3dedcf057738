/**
 * Dense univariate polynomials with rational coefficients (ascending powers), the prover's
 * working form. The checkers do not use this file: they have their own, smaller algebra.
 */
import { Q } from '../rational.js';
import type { Poly } from '../poly.js';

/** Coefficients in ascending powers, no trailing zeros; [] is the zero polynomial. */
export type Dense = readonly Q[];

/**
 * The coefficients of p in `variable`.
 *
 * @throws RangeError if p has another variable
 */
export function denseOf(p: Poly, variable: string): Dense {
  const out: Q[] = [];
  for (const t of p.terms()) {
    const others = Object.keys(t.powers).filter((v) => v !== variable);
    if (others.length) throw new RangeError(`expected a polynomial in ${variable} only, found ${others.join(', ')}`);
    const k = t.powers[variable] ?? 0;
    while (out.length <= k) out.push(Q.ZERO);
    out[k] = out[k].add(t.coef);
  }
  return trim(out);
}

/** a without trailing zero coefficients. */
export function trim(a: readonly Q[]): Dense {
  let n = a.length;
  while (n > 0 && a[n - 1].isZero()) n--;
  return a.slice(0, n);
}

/** The leading coefficient (0 for the zero polynomial). */
export function leading(a: Dense): Q {
  return a.length ? a[a.length - 1] : Q.ZERO;
}

/** a(x), exactly (Horner). */
export function evalAt(a: Dense, x: Q): Q {
  let v = Q.ZERO;
  for (let k = a.length - 1; k >= 0; k--) v = v.mul(x).add(a[k]);
  return v;
}

/** The coefficients of a(h + s) in s (Taylor shift by repeated synthetic division). */
export function shift(a: Dense, h: Q): Dense {
  const c = [...a];
  const n = c.length - 1;
  for (let i = 0; i < n; i++) for (let j = n - 1; j >= i; j--) c[j] = c[j].add(c[j + 1].mul(h));
  return c;
}

/** -a. */
export function negate(a: Dense): Dense {
  return a.map((c) => c.neg());
}

/** a'. */
export function derivative(a: Dense): Dense {
  return trim(a.slice(1).map((c, k) => c.mul(Q.of(k + 1))));
}

/** The remainder of a divided by b (b nonzero). */
export function rem(a: Dense, b: Dense): Dense {
  const r = [...a];
  const db = b.length - 1;
  const lb = leading(b);
  for (let k = r.length - 1; k >= db; k--) {
    if (r[k].isZero()) continue;
    const q = r[k].div(lb);
    for (let i = 0; i <= db; i++) r[k - db + i] = r[k - db + i].sub(q.mul(b[i]));
  }
  return trim(r.slice(0, Math.max(db, 0)));
}

/** a scaled by a positive rational to coprime integer coefficients. */
export function primitive(a: Dense): Dense {
  if (!a.length) return a;
  let den = 1n;
  for (const c of a) den = lcm(den, c.den);
  let g = 0n;
  for (const c of a) g = gcd(g, abs((c.num * den) / c.den));
  return a.map((c) => Q.of((c.num * den) / c.den / g));
}

/** The canonical Sturm chain (see `SturmCertificate`). */
export function sturmChain(a: Dense): Dense[] {
  const chain: Dense[] = [primitive(a)];
  let next = primitive(derivative(a));
  while (next.length) {
    chain.push(next);
    next = primitive(negate(rem(chain[chain.length - 2], chain[chain.length - 1])));
  }
  return chain;
}

/** The signs of the chain's polynomials at x. */
export function signsAt(chain: readonly Dense[], x: Q): (-1 | 0 | 1)[] {
  return chain.map((c) => evalAt(c, x).sign());
}

/** The signs of the chain's polynomials at +infinity (their leading signs). */
export function signsAtInfinity(chain: readonly Dense[]): (-1 | 0 | 1)[] {
  return chain.map((c) => leading(c).sign());
}

/** Sign changes of a sequence, zeros skipped. */
export function variations(signs: readonly number[]): number {
  let v = 0, last = 0;
  for (const s of signs) {
    if (s === 0) continue;
    if (last !== 0 && s !== last) v++;
    last = s;
  }
  return v;
}

/** Cauchy's bound: every complex root z of a (degree >= 1) has |z| < 1 + max |a_k / a_n|. */
export function cauchyBound(a: Dense): Q {
  const lc = leading(a).abs();
  let m = Q.ZERO;
  for (let k = 0; k < a.length - 1; k++) {
    const r = a[k].abs().div(lc);
    if (r.cmp(m) > 0) m = r;
  }
  return Q.ONE.add(m);
}

/** The least integer >= x. */
export function ceil(x: Q): bigint {
  const q = x.num / x.den;
  return x.num > 0n && q * x.den !== x.num ? q + 1n : q;
}

/** The greatest integer <= x. */
export function floor(x: Q): bigint {
  const q = x.num / x.den;
  return x.num < 0n && q * x.den !== x.num ? q - 1n : q;
}

/** a scaled to integer coefficients: a = coeffs / den. Fast exact evaluation at integers. */
export function integerForm(a: Dense): { coeffs: bigint[]; den: bigint } {
  let den = 1n;
  for (const c of a) den = lcm(den, c.den);
  return { coeffs: a.map((c) => (c.num * den) / c.den), den };
}

/** The integer polynomial `coeffs` at the integer x. */
export function evalInteger(coeffs: readonly bigint[], x: bigint): bigint {
  let v = 0n;
  for (let k = coeffs.length - 1; k >= 0; k--) v = v * x + coeffs[k];
  return v;
}

function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a); b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
