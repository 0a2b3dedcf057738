/**
 * Operator expressions of the model language as symbolic collective operators (ket.ts), with the
 * structure that decides their norms exactly: linear in the collective spin (c0 + c.J), or
 * c (prod Sp + prod Sm). Anything not permutation symmetric is not derivable this way.
 *
 * The walk is the one operator walk (operator-walk.ts) through its collective instance
 * (collective-walk.ts, shared with both engines) over complex polynomials in L, which form a ring
 * but not a field: division is only by nonzero rational constants, here.
 */
import { printExpr, type Expr } from '../lang/index.js';
import {
  namedLinear, siteSumLinear, walkCollectiveOperator, walkLocal,
  type CoefficientRing, type CollectiveHooks, type LocalForm, type LocalHooks, type SectorAlgebra, type ScalarHooks,
} from './collective-walk.js';
import { type Ket, type ProdKind, type SymOp, ladder, productOp, productOverSites, scalarOp, sumOp } from './ket.js';
import { Poly } from './poly.js';
import { Q } from './rational.js';
import { NotDerivable, cpoly, scalarPoly, type CPoly, type PolyContext } from './scalarpoly.js';
import { affineIndex, oneSiteOfBody } from './sites-index.js';

/** c0 + cx Jx + cy Jy + cz Jz. */
export type Linear = readonly [CPoly, CPoly, CPoly, CPoly];

/** The structure that decides a norm exactly. */
export type Structure =
  | { readonly kind: 'linear'; readonly lin: Linear }
  | { readonly kind: 'prod'; readonly prod: ProdKind; readonly c: CPoly }
  | { readonly kind: 'prodPair'; readonly c: CPoly }
  | { readonly kind: 'other' };

export interface CollectiveOp {
  readonly op: SymOp;
  readonly structure: Structure;
}

const zero = cpoly.constant(Q.ZERO);
const one = cpoly.constant(Q.ONE);
const i = cpoly.of(Poly.ZERO, Poly.constant(1));

/** Complex polynomials in L with rational coefficients. */
const cpolyRing: CoefficientRing<CPoly> = {
  zero, one, i,
  fromInteger: (n) => cpoly.constant(Q.of(n)),
  add: cpoly.add, sub: cpoly.sub, mul: cpoly.mul,
  neg: (a) => cpoly.scale(a, Q.of(-1)),
  conj: cpoly.conj, isZero: cpoly.isZero,
};

function linearOp(lin: Linear, S: Poly): SymOp {
  // cx Jx + cy Jy = (cx - i cy)/2 J+ + (cx + i cy)/2 J-
  const half = Q.of(1, 2);
  const cp = cpoly.scale(cpoly.sub(lin[1], cpoly.mul(i, lin[2])), half);
  const cm = cpoly.scale(cpoly.add(lin[1], cpoly.mul(i, lin[2])), half);
  let op = scalarOp(lin[0]);
  op = sumOp(op, productOp(scalarOp(cp), ladder('Jp', S)));
  op = sumOp(op, productOp(scalarOp(cm), ladder('Jm', S)));
  return sumOp(op, productOp(scalarOp(lin[3]), ladder('Jz', S)));
}

/** The walk's operators: symbolic operators, with c prod(k, M) and c (prod Sp + prod Sm) recognised. */
interface SymOperator {
  readonly op: SymOp;
  readonly prod: Extract<Structure, { kind: 'prod' | 'prodPair' }> | null;
}

function symbolicAlgebra(S: Poly): SectorAlgebra<CPoly, SymOperator> {
  const plain = (op: SymOp): SymOperator => ({ op, prod: null });
  const ladders = ['Sp', 'Sm'];
  return {
    identity: (c) => plain(scalarOp(c)),
    named: (name) => plain(name === 'Jp' || name === 'Jm' ? ladder(name, S) : linearOp(namedLinear(cpolyRing, name), S)),
    add: (a, b, beta) => {
      const op = sumOp(a.op, cpoly.isZero(cpoly.sub(beta, one)) ? b.op : productOp(scalarOp(beta), b.op));
      const pa = a.prod, pb = b.prod;
      if (pa?.kind === 'prod' && pb?.kind === 'prod' && pa.prod !== pb.prod && ladders.includes(pa.prod) && ladders.includes(pb.prod)
        && cpoly.isZero(cpoly.sub(pa.c, cpoly.conj(cpoly.mul(beta, pb.c))))) return { op, prod: { kind: 'prodPair', c: pa.c } };
      return plain(op);
    },
    scale: (a, c) => ({ op: productOp(scalarOp(c), a.op), prod: a.prod ? { ...a.prod, c: cpoly.mul(c, a.prod.c) } : null }),
    mul: (a, b) => plain(productOp(a.op, b.op)),
    adjoint: (a) => plain(a.op.dag()),
  };
}

/** The exact coefficients' hooks: NotDerivable with what is not derivable; exponents and divisors rational constants. */
function scalarHooks(): ScalarHooks<CPoly, PolyContext> {
  return {
    ring: cpolyRing,
    scalar: scalarPoly,
    call: (e) => { throw new NotDerivable(`${e.fn} of an operator`); },
    exponent: (at, ctx, local) => {
      const k = scalarPoly(at, ctx).re.constantValue();
      if (k === null || !k.isInteger() || k.sign() < 0) throw new NotDerivable(local ? 'a non-integer power' : `operator power '${printExpr(at)}' is not a fixed integer`);
      return Number(k.num);
    },
    inverse: (at, ctx, local) => {
      const d = scalarPoly(at, ctx);
      const q = d.re.constantValue();
      if (q === null || q.isZero() || !d.im.isZero()) throw new NotDerivable(local ? `division by '${printExpr(at)}'` : `division of an operator by '${printExpr(at)}'`);
      return cpoly.constant(Q.ONE.div(q));
    },
    badOperator: (e, local) => { throw new NotDerivable(local ? `'${e.op}' on one-site operators` : `'${e.op}' between operators`); },
    reject: (reason) => { throw new NotDerivable(reason); },
  };
}

/**
 * The collective operator of `e` on S sites (S = L, or 1 for one site of an `each` channel).
 *
 * @throws NotDerivable for expressions that are not collective in the sense above
 */
export function collectiveOf(e: Expr, ctx: PolyContext, S: Poly): CollectiveOp {
  const hooks: CollectiveHooks<CPoly, SymOperator, PolyContext> = {
    ...scalarHooks(),
    algebra: symbolicAlgebra(S),
    outsideBinder: (x) => { throw new NotDerivable(`'${printExpr(x)}' acts on one site outside a sum or product over all sites`); },
    binder: (x, c) => binder(x, c, S),
  };
  const r = walkCollectiveOperator(hooks, e, ctx);
  const structure: Structure = r.linear ? { kind: 'linear', lin: r.linear } : r.matrix.prod ?? { kind: 'other' };
  return { op: r.matrix.op, structure };
}

const siteLocal: Record<string, LocalForm<CPoly>> = {
  X: [zero, one, one, zero],
  Y: [zero, cpoly.scale(i, Q.of(-1)), i, zero],
  Z: [one, zero, zero, cpoly.constant(Q.of(-1))],
  Sp: [zero, one, zero, zero],
  Sm: [zero, zero, one, zero],
  N: [one, zero, zero, zero],
  // v2 spin operators on spin-1/2 sites (a v2 model of L qubits): half the Pauli matrices.
  Sx: [zero, cpoly.constant(Q.of(1, 2)), cpoly.constant(Q.of(1, 2)), zero],
  Sy: [zero, cpoly.scale(i, Q.of(-1, 2)), cpoly.scale(i, Q.of(1, 2)), zero],
  Sz: [cpoly.constant(Q.of(1, 2)), zero, zero, cpoly.constant(Q.of(-1, 2))],
};

/** The one-site matrix of a qubit operator (v1's and Sx, Sy, Sz), or NotDerivable (P[i,j], mode operators). */
function qubitLocal(x: Extract<Expr, { kind: 'site' }>): LocalForm<CPoly> {
  const m = siteLocal[x.op];
  if (!m) throw new NotDerivable(`'${printExpr(x)}' is not derived on qubits here`);
  return m;
}

function binder(e: Extract<Expr, { kind: 'binder' }>, ctx: PolyContext, S: Poly): { matrix: SymOperator; linear: Linear | null } {
  if (e.from !== null && e.to !== null) {
    const lo = scalarPoly(e.from, ctx).re, hi = scalarPoly(e.to, ctx).re;
    if (!lo.isZero() || !hi.equals(Poly.variable(ctx.size).sub(Poly.constant(1)))) throw new NotDerivable(`${e.fn} over ${printExpr(e.from)}..${printExpr(e.to)} is not over all sites`);
  }
  // The body must be the same one-site operator on every site: all its site references must be the
  // same site (Z[k]*Z[(k+1)%L] is a two-site bond, not Z[k]^2), then it is evaluated with the index free.
  oneSiteOfBody(e.body, e.index);
  const bound = new Map(ctx.bound);
  bound.delete(e.index);
  const hooks: LocalHooks<CPoly, PolyContext> = {
    ...scalarHooks(),
    nestedBinder: (x) => { throw new NotDerivable(`'${printExpr(x)}' inside a sum over sites`); },
    site: (x) => {
      // oneSiteOfBody has checked that every site of the body is one and the same shift of the index.
      const a = affineIndex(x.index, e.index);
      if (a.kc !== 1) throw new NotDerivable(`'${printExpr(x)}' is not on the summed site ${e.index}`);
      return { site: 0, M: qubitLocal(x) };
    },
  };
  const local = walkLocal(hooks, e.body, { ...ctx, bound }).M;
  if (e.fn === 'sum') {
    const lin = siteSumLinear(cpolyRing, local, cpoly.of(S.scale(Q.of(1, 2))));
    return { matrix: { op: linearOp(lin, S), prod: null }, linear: lin };
  }
  const is = (m: LocalForm<CPoly>, ref: LocalForm<CPoly>) => m.every((x, k) => cpoly.isZero(cpoly.sub(x, ref[k])));
  const kinds: [ProdKind, LocalForm<CPoly>][] = [['Sp', siteLocal.Sp], ['Sm', siteLocal.Sm], ['N', siteLocal.N], ['M', [zero, zero, zero, one]]];
  const found = kinds.find(([, m]) => is(local, m));
  if (!found) throw new NotDerivable(`prod over sites of '${printExpr(e.body)}' (only Sp, Sm, N and Id - N are derived)`);
  return { matrix: { op: productOverSites(found[0], S), prod: { kind: 'prod', prod: found[0], c: one } }, linear: null };
}

/** The generic action on the source ket, for Omega (all charges an operator can carry). */
export function actionOnSource(op: CollectiveOp, source: Ket): Ket {
  return op.op.apply(source);
}
