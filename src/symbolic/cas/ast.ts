/**
 * The expression tree the CAS wrapper works on: plain immutable data, independent of nerdamer and
 * algebrite. Subtraction is `a + (-1)*b`, division is `a * b^(-1)`, numbers are exact rationals.
 */
import { Q } from '../rational.js';

/** The functions of the input language. */
export const FUNCTIONS = ['exp', 'sqrt', 'log', 'abs', 'floor'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export type Expr =
  | { readonly kind: 'num'; readonly value: Q }
  | { readonly kind: 'sym'; readonly name: string }
  | { readonly kind: 'add'; readonly terms: readonly Expr[] }
  | { readonly kind: 'mul'; readonly factors: readonly Expr[] }
  | { readonly kind: 'pow'; readonly base: Expr; readonly exp: Expr }
  | { readonly kind: 'call'; readonly fn: FunctionName; readonly arg: Expr };

export const num = (q: Q | number): Expr => ({ kind: 'num', value: typeof q === 'number' ? Q.of(q) : q });
export const sym = (name: string): Expr => ({ kind: 'sym', name });
export const call = (fn: FunctionName, arg: Expr): Expr => ({ kind: 'call', fn, arg });
/** Numbers to larger powers stay unevaluated (2^100000 is no coefficient to print). */
const MAX_FOLDED_POWER = 64;

/** A power; a number to a small integer power is computed (0^0 is 1, as in Math.pow). */
export function pow(base: Expr, exp: Expr): Expr {
  if (base.kind === 'num' && exp.kind === 'num' && exp.value.isInteger() && Math.abs(exp.value.toNumber()) <= MAX_FOLDED_POWER
    && !(base.value.isZero() && exp.value.sign() < 0)) return num(base.value.pow(exp.value.toNumber()));
  return { kind: 'pow', base, exp };
}
export const ZERO = num(0);
export const ONE = num(1);

/** A sum; flattens nested sums, adds its numbers (last), and unwraps a single term. */
export function add(...terms: Expr[]): Expr {
  const flat = terms.flatMap((t) => (t.kind === 'add' ? t.terms : [t]));
  const constant = flat.reduce((s, t) => (t.kind === 'num' ? s.add(t.value) : s), Q.ZERO);
  const rest: Expr[] = flat.filter((t) => t.kind !== 'num');
  if (!constant.isZero()) rest.push(num(constant));
  return rest.length === 0 ? ZERO : rest.length === 1 ? rest[0] : { kind: 'add', terms: rest };
}

/** A product; flattens nested products and multiplies its numbers (first): 0 if they give 0. */
export function mul(...factors: Expr[]): Expr {
  const flat = factors.flatMap((f) => (f.kind === 'mul' ? f.factors : [f]));
  const coef = flat.reduce((p, f) => (f.kind === 'num' ? p.mul(f.value) : p), Q.ONE);
  if (coef.isZero()) return ZERO;
  const rest: Expr[] = flat.filter((f) => f.kind !== 'num');
  if (!coef.equals(Q.ONE)) rest.unshift(num(coef));
  return rest.length === 0 ? ONE : rest.length === 1 ? rest[0] : { kind: 'mul', factors: rest };
}

export const neg = (e: Expr): Expr => (e.kind === 'num' ? num(e.value.neg()) : mul(num(-1), e));
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
export const div = (a: Expr, b: Expr): Expr => mul(a, pow(b, num(-1)));

export function isZero(e: Expr): boolean {
  return e.kind === 'num' && e.value.isZero();
}

/** The variables of e, sorted. */
export function variables(e: Expr): string[] {
  const out = new Set<string>();
  const walk = (x: Expr): void => {
    switch (x.kind) {
      case 'num': return;
      case 'sym': out.add(x.name); return;
      case 'add': x.terms.forEach(walk); return;
      case 'mul': x.factors.forEach(walk); return;
      case 'pow': walk(x.base); walk(x.exp); return;
      case 'call': walk(x.arg); return;
    }
  };
  walk(e);
  return [...out].sort();
}

/** Whether the variable v occurs in e. */
export function contains(e: Expr, v: string): boolean {
  switch (e.kind) {
    case 'num': return false;
    case 'sym': return e.name === v;
    case 'add': return e.terms.some((t) => contains(t, v));
    case 'mul': return e.factors.some((f) => contains(f, v));
    case 'pow': return contains(e.base, v) || contains(e.exp, v);
    case 'call': return contains(e.arg, v);
  }
}
