/**
 * Scalar expressions of the model language as exact complex polynomials in L and the params:
 * numbers stay exact (0.1 is 1/10); subexpressions free of L that are not polynomial become atoms;
 * anything non-polynomial in L is not derivable here.
 */
import { evalScalar, printExpr, type Expr } from '../lang/index.js';
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
  mul: (a: CPoly, b: CPoly): CPoly => ({ re: a.re.mul(b.re).sub(a.im.mul(b.im)), im: a.re.mul(b.im).add(a.im.mul(b.re)) }),
  scale: (a: CPoly, q: Q): CPoly => ({ re: a.re.scale(q), im: a.im.scale(q) }),
  conj: (a: CPoly): CPoly => ({ re: a.re, im: a.im.neg() }),
  /** |a|^2 = re^2 + im^2 (params real). */
  abs2: (a: CPoly): Poly => a.re.mul(a.re).add(a.im.mul(a.im)),
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
    case 'call': return atomOf(e, ctx);
    case 'site': throw new NotDerivable('an operator where a scalar is needed');
    case 'binder': throw new NotDerivable(`a scalar ${e.fn} over sites`);
  }
}
