/**
 * Operator expressions of the model language as symbolic collective operators (ket.ts), with the
 * structure that decides their norms exactly: linear in the collective spin (c0 + c.J), or
 * c (prod Sp + prod Sm). Anything not permutation symmetric is not derivable this way.
 */
import { containsOperator, printExpr, type Expr } from '../lang/index.js';
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

function scalarC(c: CPoly): CollectiveOp {
  return { op: scalarOp(c), structure: { kind: 'linear', lin: [c, zero, zero, zero] } };
}

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

function combine(a: CollectiveOp, b: CollectiveOp, sign: 1 | -1): CollectiveOp {
  const sb = (c: CPoly) => (sign === 1 ? c : cpoly.scale(c, Q.of(-1)));
  const op = sumOp(a.op, sign === 1 ? b.op : productOp(scalarOp(cpoly.constant(Q.of(-1))), b.op));
  const sa = a.structure, st = b.structure;
  if (sa.kind === 'linear' && st.kind === 'linear') {
    return { op, structure: { kind: 'linear', lin: sa.lin.map((x, k) => cpoly.add(x, sb(st.lin[k]))) as unknown as Linear } };
  }
  if (sa.kind === 'prod' && st.kind === 'prod' && new Set([sa.prod, st.prod]).size === 2 && ['Sp', 'Sm'].includes(sa.prod) && ['Sp', 'Sm'].includes(st.prod)) {
    const c2 = sb(st.c);
    if (cpoly.isZero(cpoly.sub(sa.c, cpoly.conj(c2)))) return { op, structure: { kind: 'prodPair', c: sa.c } };
  }
  return { op, structure: { kind: 'other' } };
}

function scaled(a: CollectiveOp, c: CPoly): CollectiveOp {
  const op = productOp(scalarOp(c), a.op);
  const s = a.structure;
  switch (s.kind) {
    case 'linear': return { op, structure: { kind: 'linear', lin: s.lin.map((x) => cpoly.mul(c, x)) as unknown as Linear } };
    case 'prod': return { op, structure: { kind: 'prod', prod: s.prod, c: cpoly.mul(c, s.c) } };
    case 'prodPair': return { op, structure: { kind: 'prodPair', c: cpoly.mul(c, s.c) } };
    default: return { op, structure: s };
  }
}


/**
 * The collective operator of `e` on S sites (S = L, or 1 for one site of an `each` channel).
 *
 * @throws NotDerivable for expressions that are not collective in the sense above
 */
export function collectiveOf(e: Expr, ctx: PolyContext, S: Poly): CollectiveOp {
  if (!containsOperator(e)) return scalarC(scalarPoly(e, ctx));
  switch (e.kind) {
    case 'name': {
      const lin = (k: number, c: CPoly = one): Linear => [zero, k === 1 ? c : zero, k === 2 ? c : zero, k === 3 ? c : zero];
      switch (e.name) {
        case 'Id': return scalarC(one);
        case 'Jx': return { op: linearOp(lin(1), S), structure: { kind: 'linear', lin: lin(1) } };
        case 'Jy': return { op: linearOp(lin(2), S), structure: { kind: 'linear', lin: lin(2) } };
        case 'Jz': return { op: linearOp(lin(3), S), structure: { kind: 'linear', lin: lin(3) } };
        // J+ = Jx + i Jy, J- = Jx - i Jy
        case 'Jp': { const l: Linear = [zero, one, i, zero]; return { op: ladder('Jp', S), structure: { kind: 'linear', lin: l } }; }
        default: { const l: Linear = [zero, one, cpoly.scale(i, Q.of(-1)), zero]; return { op: ladder('Jm', S), structure: { kind: 'linear', lin: l } }; }
      }
    }
    case 'unary': {
      const a = collectiveOf(e.arg, ctx, S);
      return e.op === '-' ? scaled(a, cpoly.constant(Q.of(-1))) : a;
    }
    case 'binary': {
      if (e.op === '+' || e.op === '-') return combine(collectiveOf(e.left, ctx, S), collectiveOf(e.right, ctx, S), e.op === '+' ? 1 : -1);
      if (e.op === '*') {
        if (!containsOperator(e.left)) return scaled(collectiveOf(e.right, ctx, S), scalarPoly(e.left, ctx));
        if (!containsOperator(e.right)) return scaled(collectiveOf(e.left, ctx, S), scalarPoly(e.right, ctx));
        const a = collectiveOf(e.left, ctx, S), b = collectiveOf(e.right, ctx, S);
        return { op: productOp(a.op, b.op), structure: { kind: 'other' } };
      }
      if (e.op === '/') {
        const d = scalarPoly(e.right, ctx).re.constantValue();
        if (d === null || d.isZero()) throw new NotDerivable(`division of an operator by '${printExpr(e.right)}'`);
        return scaled(collectiveOf(e.left, ctx, S), cpoly.constant(Q.ONE.div(d)));
      }
      if (e.op === '^') {
        const k = scalarPoly(e.right, ctx).re.constantValue();
        if (k === null || !k.isInteger() || k.sign() < 0) throw new NotDerivable(`operator power '${printExpr(e.right)}' is not a fixed integer`);
        const base = collectiveOf(e.left, ctx, S);
        let acc = scalarC(one);
        for (let p = 0n; p < k.num; p++) acc = { op: productOp(acc.op, base.op), structure: { kind: 'other' } };
        return k.num === 1n ? base : acc;
      }
      throw new NotDerivable(`'${e.op}' between operators`);
    }
    case 'call': {
      if (e.fn !== 'dag') throw new NotDerivable(`${e.fn} of an operator`);
      const a = collectiveOf(e.args[0], ctx, S);
      const s = a.structure;
      const structure: Structure = s.kind === 'linear' ? { kind: 'linear', lin: s.lin.map(cpoly.conj) as unknown as Linear } : { kind: 'other' };
      return { op: a.op.dag(), structure };
    }
    case 'binder': return binder(e, ctx, S);
    case 'site': throw new NotDerivable(`'${printExpr(e)}' acts on one site outside a sum or product over all sites`);
    default: throw new NotDerivable(`'${printExpr(e)}' is not a collective operator`);
  }
}

type Local = readonly [CPoly, CPoly, CPoly, CPoly]; // (uu, ud, du, dd)

const siteLocal: Record<string, Local> = {
  X: [zero, one, one, zero],
  Y: [zero, cpoly.scale(i, Q.of(-1)), i, zero],
  Z: [one, zero, zero, cpoly.constant(Q.of(-1))],
  Sp: [zero, one, zero, zero],
  Sm: [zero, zero, one, zero],
  N: [one, zero, zero, zero],
};

function localMul(a: Local, b: Local): Local {
  const at = (m: Local, r: number, c: number) => m[r * 2 + c];
  const e = (r: number, c: number) => cpoly.add(cpoly.mul(at(a, r, 0), at(b, 0, c)), cpoly.mul(at(a, r, 1), at(b, 1, c)));
  return [e(0, 0), e(0, 1), e(1, 0), e(1, 1)];
}

/** A binder body as a one-site operator on the bound site (scalars times Id allowed). */
function localOf(e: Expr, index: string, ctx: PolyContext): Local {
  if (!containsOperator(e)) {
    const c = scalarPoly(e, ctx);
    return [c, zero, zero, c];
  }
  switch (e.kind) {
    case 'site': {
      // binder() has checked that every site of the body is one and the same shift of the index.
      const a = affineIndex(e.index, index);
      if (a.kc !== 1) throw new NotDerivable(`'${printExpr(e)}' is not on the summed site ${index}`);
      return siteLocal[e.op];
    }
    case 'name':
      if (e.name === 'Id') return [one, zero, zero, one];
      throw new NotDerivable(`${e.name} inside a sum over sites`);
    case 'unary': {
      const a = localOf(e.arg, index, ctx);
      return e.op === '-' ? (a.map((x) => cpoly.scale(x, Q.of(-1))) as unknown as Local) : a;
    }
    case 'binary': {
      const a = localOf(e.left, index, ctx);
      if (e.op === '/') {
        const d = scalarPoly(e.right, ctx).re.constantValue();
        if (d === null || d.isZero()) throw new NotDerivable(`division by '${printExpr(e.right)}'`);
        return a.map((x) => cpoly.scale(x, Q.ONE.div(d))) as unknown as Local;
      }
      if (e.op === '^') {
        const k = scalarPoly(e.right, ctx).re.constantValue();
        if (k === null || !k.isInteger() || k.sign() < 0) throw new NotDerivable('a non-integer power');
        let acc: Local = [one, zero, zero, one];
        for (let p = 0n; p < k.num; p++) acc = localMul(acc, a);
        return acc;
      }
      const b = localOf(e.right, index, ctx);
      if (e.op === '+') return a.map((x, k) => cpoly.add(x, b[k])) as unknown as Local;
      if (e.op === '-') return a.map((x, k) => cpoly.sub(x, b[k])) as unknown as Local;
      if (e.op === '*') return localMul(a, b);
      throw new NotDerivable(`'${e.op}' on one-site operators`);
    }
    case 'call':
      if (e.fn === 'dag') { const a = localOf(e.args[0], index, ctx); return [cpoly.conj(a[0]), cpoly.conj(a[2]), cpoly.conj(a[1]), cpoly.conj(a[3])]; }
      throw new NotDerivable(`${e.fn} of an operator`);
    default:
      throw new NotDerivable(`'${printExpr(e)}' inside a sum over sites`);
  }
}

function binder(e: Extract<Expr, { kind: 'binder' }>, ctx: PolyContext, S: Poly): CollectiveOp {
  if (e.from !== null && e.to !== null) {
    const lo = scalarPoly(e.from, ctx).re, hi = scalarPoly(e.to, ctx).re;
    if (!lo.isZero() || !hi.equals(Poly.variable(ctx.size).sub(Poly.constant(1)))) throw new NotDerivable(`${e.fn} over ${printExpr(e.from)}..${printExpr(e.to)} is not over all sites`);
  }
  // The body must be the same one-site operator on every site: all its site references must be the
  // same site (Z[k]*Z[(k+1)%L] is a two-site bond, not Z[k]^2), then it is evaluated with the index free.
  oneSiteOfBody(e.body, e.index);
  const bound = new Map(ctx.bound);
  bound.delete(e.index);
  const local = localOf(e.body, e.index, { ...ctx, bound });
  const [a, b, c, d] = local;
  if (e.fn === 'sum') {
    // sum_k M_k = (a+d) S/2 + (a-d) Jz + b J+ + c J-; b J+ + c J- = (b+c) Jx + i(b-c) Jy
    const half = Q.of(1, 2);
    const lin: Linear = [cpoly.mul(cpoly.add(a, d), cpoly.of(S.scale(half))), cpoly.add(b, c), cpoly.mul(i, cpoly.sub(b, c)), cpoly.sub(a, d)];
    return { op: linearOp(lin, S), structure: { kind: 'linear', lin } };
  }
  const is = (m: Local, ref: Local) => m.every((x, k) => cpoly.isZero(cpoly.sub(x, ref[k])));
  const kinds: [ProdKind, Local][] = [['Sp', siteLocal.Sp], ['Sm', siteLocal.Sm], ['N', siteLocal.N], ['M', [zero, zero, zero, one]]];
  const found = kinds.find(([, m]) => is(local, m));
  if (!found) throw new NotDerivable(`prod over sites of '${printExpr(e.body)}' (only Sp, Sm, N and Id - N are derived)`);
  return { op: productOverSites(found[0], S), structure: { kind: 'prod', prod: found[0], c: one } };
}

/** The generic action on the source ket, for Omega (all charges an operator can carry). */
export function actionOnSource(op: CollectiveOp, source: Ket): Ket {
  return op.op.apply(source);
}
