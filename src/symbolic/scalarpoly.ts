/**
 * Scalar expressions of the model language as exact complex polynomials in L and the params:
 * numbers stay exact (0.1 is 1/10); subexpressions free of L that are not polynomial become atoms;
 * anything non-polynomial in L is not derivable here.
 */
import { printExpr, type Expr } from '../lang/index.js';
import { evalScalar } from './evaluate.js';
import type { Origin } from '../lang/index.js';
import { Atoms } from './atoms.js';
import { Poly } from './poly.js';
import { Q } from './rational.js';

/** A complex polynomial re + i im. */
export interface CPoly {
  readonly re: Poly;
  readonly im: Poly;
}

/** Why an expression has no exact polynomial form (the family is then not derivable). */
export class NotDerivable extends Error {
  constructor(readonly reason: string) { super(reason); this.name = 'NotDerivable'; }
}

export const cpoly = {
  of: (re: Poly, im: Poly = Poly.ZERO): CPoly => ({ re, im }),
  constant: (q: Q): CPoly => ({ re: Poly.constant(q), im: Poly.ZERO }),
  add: (a: CPoly, b: CPoly): CPoly => ({ re: a.re.add(b.re), im: a.im.add(b.im) }),
  sub: (a: CPoly, b: CPoly): CPoly => ({ re: a.re.sub(b.re), im: a.im.sub(b.im) }),
  mul: (a: CPoly, b: CPoly): CPoly => ({ re: reduceSqrt(a.re.mul(b.re).sub(a.im.mul(b.im))), im: reduceSqrt(a.re.mul(b.im).add(a.im.mul(b.re))) }),
  scale: (a: CPoly, q: Q): CPoly => ({ re: a.re.scale(q), im: a.im.scale(q) }),
  conj: (a: CPoly): CPoly => ({ re: a.re, im: a.im.neg() }),
  /** |a|^2 = re^2 + im^2 (params real). */
  abs2: (a: CPoly): Poly => reduceSqrt(a.re.mul(a.re).add(a.im.mul(a.im))),
  isZero: (a: CPoly): boolean => a.re.isZero() && a.im.isZero(),
};

/** What a scalar expression may refer to. */
export interface PolyContext {
  readonly origin: Origin;
  /** Param values (for atoms' numbers); params are polynomial variables. */
  readonly params: ReadonlyMap<string, number>;
  /** Bound names with fixed polynomial values (e.g. w in a custom spectrum). */
  readonly bound: ReadonlyMap<string, CPoly>;
  readonly atoms: Atoms;
  /** The name of the size variable ('L'). */
  readonly size: string;
}

function dependsOnSize(e: Expr, ctx: PolyContext): boolean {
  switch (e.kind) {
    case 'name': return e.name === ctx.size || (ctx.bound.get(e.name)?.re.variables().includes('L') ?? false);
    case 'num': case 'str': return false;
    case 'site': return true;
    case 'unary': return dependsOnSize(e.arg, ctx);
    case 'binary': return dependsOnSize(e.left, ctx) || dependsOnSize(e.right, ctx);
    case 'call': return e.args.some((a) => dependsOnSize(a, ctx));
    case 'binder': return true;
  }
}

/** An atom for an L-free subexpression, valued with the params. */
function atomOf(e: Expr, ctx: PolyContext): CPoly {
  if (dependsOnSize(e, ctx)) throw new NotDerivable(`'${printExpr(e)}' is not polynomial in L`);
  const scope = new Map(ctx.params);
  for (const [k, v] of ctx.bound) {
    const c = v.re.constantValue();
    if (c === null || !v.im.isZero()) throw new NotDerivable(`'${printExpr(e)}' depends on ${k} non-polynomially`);
    scope.set(k, c.toNumber());
  }
  const [re, im] = evalScalar(ctx.origin, e, scope);
  if (im !== 0) throw new NotDerivable(`'${printExpr(e)}' is complex`);
  return cpoly.of(Poly.variable(ctx.atoms.atom(printExpr(e), re)));
}

/**
 * The exact complex polynomial of a scalar expression.
 *
 * @throws NotDerivable when it is not polynomial in L
 */
export function scalarPoly(e: Expr, ctx: PolyContext): CPoly {
  switch (e.kind) {
    case 'num': return cpoly.constant(Q.parse(e.text));
    case 'str': throw new NotDerivable('a string is not a scalar');
    case 'name': {
      if (e.name === ctx.size) return cpoly.of(Poly.variable(ctx.size));
      if (e.name === 'im') return cpoly.of(Poly.ZERO, Poly.constant(1));
      const b = ctx.bound.get(e.name);
      if (b) return b;
      if (ctx.params.has(e.name)) return cpoly.of(Poly.variable(e.name));
      return atomOf(e, ctx); // pi
    }
    case 'unary': {
      const a = scalarPoly(e.arg, ctx);
      return e.op === '-' ? cpoly.scale(a, Q.of(-1)) : a;
    }
    case 'binary': {
      if (e.op === '%') throw new NotDerivable('% in a scalar');
      if (e.op === '^') {
        const ex = scalarPoly(e.right, ctx);
        const k = ex.re.constantValue();
        if (k !== null && ex.im.isZero() && k.isInteger() && k.sign() >= 0 && k.num <= 64n) {
          let r = cpoly.constant(Q.ONE);
          const b = scalarPoly(e.left, ctx);
          for (let i = 0n; i < k.num; i++) r = cpoly.mul(r, b);
          return r;
        }
        return atomOf(e, ctx);
      }
      const a = scalarPoly(e.left, ctx);
      if (e.op === '/') {
        const d = scalarPoly(e.right, ctx);
        const c = d.re.constantValue();
        if (c !== null && d.im.isZero() && !c.isZero()) return cpoly.scale(a, Q.ONE.div(c));
        if (dependsOnSize(e.right, ctx)) throw new NotDerivable(`division by '${printExpr(e.right)}', which depends on L`);
        return cpoly.mul(a, atomOf({ kind: 'binary', op: '/', left: { kind: 'num', text: '1', span: e.span }, right: e.right, span: e.span }, ctx));
      }
      const b = scalarPoly(e.right, ctx);
      if (e.op === '+') return cpoly.add(a, b);
      if (e.op === '-') return cpoly.sub(a, b);
      return cpoly.mul(a, b);
    }
    case 'call': {
      if (e.fn === 'sqrt' && e.args.length === 1 && !dependsOnSize(e.args[0], ctx)) {
        const a = scalarPoly(e.args[0], ctx);
        const c = a.re.constantValue();
        if (c !== null && a.im.isZero() && c.sign() >= 0) return cpoly.of(sqrtRational(c, ctx.atoms));
      }
      return atomOf(e, ctx);
    }
    case 'site': throw new NotDerivable('an operator where a scalar is needed');
    case 'binder': throw new NotDerivable(`a scalar ${e.fn} over sites`);
  }
}

/** The atom name of sqrt(r) for a rational r > 0 that is not a square: "(sqrt(2))", "(sqrt(1/3))". */
const SQRT_ATOM = /^\(sqrt\((\d+)(?:\/(\d+))?\)\)$/;

/** Largest s with s^2 <= x (x >= 0). */
function isqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let y = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (y * y > x) y--;
  while ((y + 1n) * (y + 1n) <= x) y++;
  return y;
}

/**
 * sqrt(c) for a rational c >= 0, exactly: a rational when c is a square (sqrt(4) = 2, sqrt(1/4) =
 * 1/2), else s * sqrt(r) with r a square-free integer where the square part is found by trial
 * division (sqrt(8) = 2 sqrt(2), sqrt(1/2) = sqrt(2)/2), sqrt(r) an atom.
 */
export function sqrtRational(c: Q, atoms: Atoms): Poly {
  if (c.sign() < 0) throw new NotDerivable(`sqrt(${c.toString()}) is not real`);
  if (c.isZero()) return Poly.ZERO;
  // sqrt(n/d) = sqrt(n d) / d
  let m = c.num * c.den;
  let s = 1n;
  const root = isqrt(m);
  if (root * root === m) return Poly.constant(Q.of(root, c.den));
  for (let p = 2n; p <= 100000n && p * p <= m; p += p === 2n ? 1n : 2n) {
    while (m % (p * p) === 0n) { m /= p * p; s *= p; }
  }
  const r2 = isqrt(m);
  if (r2 * r2 === m) { s *= r2; m = 1n; }
  const coef = Q.of(s, c.den);
  if (m === 1n) return Poly.constant(coef);
  const name = atoms.atom(`sqrt(${m.toString()})`, Math.sqrt(Number(m)));
  return Poly.variable(name).scale(coef);
}

/** Replaces sqrt(r)^2 by r for the square-root atoms of rationals (sqrt(2)^2 = 2, exactly). */
export function reduceSqrt(p: Poly): Poly {
  let touched = false;
  const terms = p.terms().map((t) => {
    let coef = t.coef;
    const powers: Record<string, number> = { ...t.powers };
    for (const [v, k] of Object.entries(t.powers)) {
      if (k < 2) continue;
      const m = SQRT_ATOM.exec(v);
      if (!m) continue;
      const r = Q.of(BigInt(m[1]), BigInt(m[2] ?? '1'));
      coef = coef.mul(r.pow(Math.floor(k / 2)));
      powers[v] = k % 2;
      touched = true;
    }
    return { coef, powers };
  });
  return touched ? Poly.fromTerms(terms) : p;
}
