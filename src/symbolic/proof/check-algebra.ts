/**
 * The checker's own small algebra (it shares nothing with the prover but `Q` and `Poly`):
 * coefficient lists, binomial Taylor shifts, Horner values, and Sturm chains over the integers by
 * sign-corrected pseudo-remainders.
 */
import { Q } from '../rational.js';
import type { Poly } from '../poly.js';

/** Thrown inside the checkers; becomes `{ ok: false, reason }`. */
export class Rejected extends Error {}

/** Rejects the certificate with a reason. */
export function reject(reason: string): never {
  throw new Rejected(reason);
}

/** p's coefficients in `variable`, ascending, the last one nonzero ([] for p = 0). */
export function coefficientsOf(p: Poly, variable: string): Q[] {
  const extra = p.variables().filter((v) => v !== variable);
  if (extra.length) reject(`p has variables other than ${variable}: ${extra.join(', ')}`);
  const n = p.degree(variable);
  const out: Q[] = [];
  for (let k = 0; k <= n; k++) out.push(p.coeff(variable, k).constantValue()!);
  return out;
}

/** Coefficient k of p(h + s) is sum_{i >= k} a_i C(i, k) h^(i-k). */
export function binomialShift(a: readonly Q[], h: Q): Q[] {
  return a.map((_, k) => {
    let sum = Q.ZERO;
    let binom = 1n; // C(i, k), starting at i = k
    for (let i = k; i < a.length; i++) {
      sum = sum.add(a[i].mul(Q.of(binom)).mul(h.pow(i - k)));
      binom = (binom * BigInt(i + 1)) / BigInt(i + 1 - k);
    }
    return sum;
  });
}

/** a(x), exactly. */
export function valueAt(a: readonly Q[], x: Q): Q {
  return a.reduceRight((acc, c) => acc.mul(x).add(c), Q.ZERO);
}

/** A rational from certificate text. */
export function rat(text: unknown, what: string): Q {
  if (typeof text !== 'string') reject(`${what} is not a rational string`);
  try {
    return Q.parse(text);
  } catch {
    return reject(`${what} is not a rational: '${text}'`);
  }
}

/** A safe integer from certificate data. */
export function integer(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x)) reject(`${what} is not a safe integer`);
  return x;
}

/** A list from certificate data. */
export function list<T = unknown>(x: unknown, what: string): readonly T[] {
  if (!Array.isArray(x)) reject(`${what} is not a list`);
  return x as T[];
}

// ---- integer polynomials (ascending bigint coefficients, no trailing zeros) ----

type Z = bigint[];

function babs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

function bgcd(a: bigint, b: bigint): bigint {
  a = babs(a); b = babs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Divide by the positive gcd of the coefficients. */
function primitivePart(a: Z): Z {
  const g = a.reduce(bgcd, 0n);
  return g === 0n ? [] : a.map((c) => c / g);
}

/** A positive multiple of a rational polynomial with coprime integer coefficients. */
function toPrimitive(a: readonly Q[]): Z {
  const den = a.reduce((d, c) => (d * c.den) / bgcd(d, c.den), 1n);
  return primitivePart(a.map((c) => (c.num * den) / c.den));
}

function stripZeros(a: Z): Z {
  let n = a.length;
  while (n > 0 && a[n - 1] === 0n) n--;
  return a.slice(0, n);
}

/**
 * A positive multiple of the remainder of a by b: each elimination step multiplies the running
 * remainder by lc(b), so the sign is fixed at the end when lc(b) < 0 and the step count is odd.
 */
function positivePseudoRemainder(a: Z, b: Z): Z {
  let r = stripZeros([...a]);
  const db = b.length - 1, lb = b[db];
  let steps = 0;
  while (r.length - 1 >= db && r.length) {
    const lr = r[r.length - 1], d = r.length - 1 - db;
    const next = r.map((c) => c * lb);
    for (let i = 0; i <= db; i++) next[i + d] -= lr * b[i];
    r = stripZeros(next);
    steps++;
  }
  return lb < 0n && steps % 2 === 1 ? r.map((c) => -c) : r;
}

/** The canonical Sturm chain of a nonzero p, as integer polynomials. */
export function canonicalSturmChain(a: readonly Q[]): Z[] {
  const chain: Z[] = [toPrimitive(a)];
  const deriv = toPrimitive(a.slice(1).map((c, k) => c.mul(Q.of(k + 1))));
  if (deriv.length === 0) return chain;
  chain.push(deriv);
  for (;;) {
    const r = positivePseudoRemainder(chain[chain.length - 2], chain[chain.length - 1]);
    if (r.length === 0) return chain;
    chain.push(primitivePart(r.map((c) => -c)));
  }
}

/** Sign of a at x = u/v (v > 0): the sign of sum a_k u^k v^(n-k). */
export function signAt(a: Z, x: Q): -1 | 0 | 1 {
  const n = a.length - 1;
  let s = 0n;
  for (let k = 0; k <= n; k++) s += a[k] * x.num ** BigInt(k) * x.den ** BigInt(n - k);
  return s > 0n ? 1 : s < 0n ? -1 : 0;
}

/** The sign of a at +infinity. */
export function signAtInfinity(a: Z): -1 | 0 | 1 {
  const lc = a[a.length - 1];
  return lc > 0n ? 1 : lc < 0n ? -1 : 0;
}

/** Sign changes, zeros skipped. */
export function signChanges(signs: readonly number[]): number {
  const nz = signs.filter((s) => s !== 0);
  return nz.slice(1).filter((s, i) => s !== nz[i]).length;
}
