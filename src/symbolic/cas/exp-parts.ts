/**
 * Splitting an expression into a sum of (rational function of v) * exp(rate * v), the form whose
 * leading term as v -> infinity we can decide. Structural, with nerdamer's expansion as a second
 * try for exponents that are linear only after expansion.
 */
import { compareNumerically } from './approx.js';
import { add, call, contains, type Expr, isZero, mul, num, ONE, pow, sym, variables, ZERO } from './ast.js';
import { type Backends, runOp } from './backends.js';

/** rational * exp(rate * v), with `rational` free of exp(...v...) and `rate` free of v. */
export interface ExpPart {
  readonly rational: Expr;
  readonly rate: Expr;
}

/** Products of sums multiply out into at most this many parts; beyond, the form is not decided. */
const MAX_PARTS = 64;
/** Integer powers of sums with exp terms are multiplied out up to this power. */
const MAX_EXPANDED_POWER = 4;

/** a = rate * v + constant, structurally (v a factor of exactly one factor per product). */
function linearParts(a: Expr, v: string): { rate: Expr; constant: Expr } | null {
  if (!contains(a, v)) return { rate: ZERO, constant: a };
  if (a.kind === 'sym') return { rate: ONE, constant: ZERO };
  if (a.kind === 'add') {
    const ps = a.terms.map((t) => linearParts(t, v));
    if (ps.some((p) => !p)) return null;
    return { rate: add(...ps.map((p) => p!.rate)), constant: add(...ps.map((p) => p!.constant)) };
  }
  if (a.kind === 'mul') {
    const at = a.factors.findIndex((f) => contains(f, v));
    if (a.factors.filter((f) => contains(f, v)).length !== 1) return null;
    const inner = linearParts(a.factors[at], v);
    if (!inner) return null;
    const others = a.factors.filter((_, i) => i !== at);
    return { rate: mul(...others, inner.rate), constant: mul(...others, inner.constant) };
  }
  return null;
}

function linear(a: Expr, v: string, b: Backends): { rate: Expr; constant: Expr } | null {
  const direct = linearParts(a, v);
  if (direct) return direct;
  const expanded = runOp(b.nerdamer, 'expand', a);
  const split = expanded && linearParts(expanded, v);
  if (!split) return null;
  const rebuilt = add(mul(split.rate, sym(v)), split.constant);
  return compareNumerically(rebuilt, a, variables(a)).verdict === 'equal' ? split : null;
}

function times(ps: readonly ExpPart[], qs: readonly ExpPart[]): ExpPart[] | null {
  if (ps.length * qs.length > MAX_PARTS) return null;
  return ps.flatMap((p) => qs.map((q) => ({ rational: mul(p.rational, q.rational), rate: add(p.rate, q.rate) })));
}

/** Whether some exp(...) in e depends on v. */
function hasExpIn(e: Expr, v: string): boolean {
  switch (e.kind) {
    case 'num': case 'sym': return false;
    case 'add': return e.terms.some((t) => hasExpIn(t, v));
    case 'mul': return e.factors.some((f) => hasExpIn(f, v));
    case 'pow': return hasExpIn(e.base, v) || hasExpIn(e.exp, v);
    case 'call': return (e.fn === 'exp' && contains(e.arg, v)) || hasExpIn(e.arg, v);
  }
}

/** Whether e is a rational function of v (v only in sums, products and integer powers). */
function rationalIn(e: Expr, v: string): boolean {
  if (!contains(e, v)) return true;
  switch (e.kind) {
    case 'num': case 'sym': return true;
    case 'add': return e.terms.every((t) => rationalIn(t, v));
    case 'mul': return e.factors.every((f) => rationalIn(f, v));
    case 'pow': return e.exp.kind === 'num' && e.exp.value.isInteger() && rationalIn(e.base, v);
    case 'call': return false;
  }
}

/**
 * e as a list of parts summing to e, or null when e is not of the form (a sum of) rational
 * function of v times exp(linear in v): v under sqrt, log, abs, floor or a non-integer power.
 */
export function expParts(e: Expr, v: string, b: Backends): ExpPart[] | null {
  const go = (x: Expr): ExpPart[] | null => {
    if (!hasExpIn(x, v)) return rationalIn(x, v) ? [{ rational: x, rate: ZERO }] : null;
    switch (x.kind) {
      case 'add': {
        const ps = x.terms.map(go);
        return ps.some((p) => !p) ? null : ps.flatMap((p) => p!);
      }
      case 'mul': {
        let acc: ExpPart[] | null = [{ rational: ONE, rate: ZERO }];
        for (const f of x.factors) {
          const p = go(f);
          acc = p && acc && times(acc, p);
          if (!acc) return null;
        }
        return acc;
      }
      case 'pow': {
        if (x.exp.kind !== 'num' || !x.exp.value.isInteger()) return null;
        const k = Number(x.exp.value.num);
        const ps = go(x.base);
        if (!ps) return null;
        if (ps.length === 1) return [{ rational: pow(ps[0].rational, num(k)), rate: mul(num(k), ps[0].rate) }];
        if (k < 1 || k > MAX_EXPANDED_POWER) return null;
        let acc: ExpPart[] | null = ps;
        for (let i = 1; i < k && acc; i++) acc = times(acc, ps);
        return acc;
      }
      case 'call': {
        if (x.fn !== 'exp') return null;
        const lin = linear(x.arg, v, b);
        if (!lin) return null;
        return [{ rational: isZero(lin.constant) ? ONE : call('exp', lin.constant), rate: lin.rate }];
      }
      default: return null;
    }
  };
  return go(e);
}
