/**
 * The structure of a site-resolved model, exactly: a diagonal H_S as families of Z-monomials
 * (sum over k in lo..L-1-hiOff of c(k, L) prod_j Z[k + o_j], with or without % L wrap) and fixed
 * monomials (c(L) prod Z[site] at sites such as 0, 2 or L-1), and one-site operators with
 * coefficients in the site index. Sites are symbolic (c, or L + c); every decision about them that
 * holds only for large L (two symbolic sites differ, a site lies in a range) raises the least L
 * the derivation is valid for.
 */
import { containsOperator, printExpr, type Expr, type ModelSpec, type Origin } from '../lang/index.js';
import type { Atoms } from './atoms.js';
import { Poly } from './poly.js';
import { Q } from './rational.js';
import { NotDerivable, type PolyContext } from './scalarpoly.js';
import { affineIndex } from './sites-index.js';
import { SITE, crat, rat, ratOf, type CRat, type Rat, type RatContext } from './sites-rational.js';

const Lp = Poly.variable('L');

/** A symbolic site: c (c >= 0), or L + c (c <= -1) when `end`. */
export interface Abs {
  readonly c: number;
  readonly end: boolean;
}

/** The least L the derivation holds for, with the reasons that raised it. */
export class Needs {
  L0 = 1;
  readonly why: string[] = [];
  need(L: number, why: string): void {
    if (L > this.L0) { this.L0 = L; this.why.push(`L >= ${L}: ${why}`); }
  }
}

export const absPoly = (a: Abs): Poly => (a.end ? Lp.add(Poly.constant(a.c)) : Poly.constant(a.c));
export const absText = (a: Abs): string => (a.end ? (a.c === 0 ? 'L' : `L${a.c}`) : String(a.c));
export const absKey = (a: Abs): string => `${a.end ? 'L' : ''}${a.c}`;

/** Whether two symbolic sites are the same site (distinct forms are distinct for large L). */
export function absEq(a: Abs, b: Abs, needs: Needs): boolean {
  if (a.end === b.end) return a.c === b.c;
  const cst = a.end ? b.c : a.c, endc = a.end ? a.c : b.c;
  needs.need(cst - endc + 1, `the sites ${cst} and L${endc} are different`);
  return false;
}

/** The site a + d (wrapped mod L when `wrap`), or null when it leaves 0..L-1 without a wrap. */
export function shift(a: Abs, d: number, wrap: boolean, needs: Needs): Abs | null {
  const c = a.c + d;
  if (!a.end) {
    if (c >= 0) { needs.need(c + 1, `site ${c} exists`); return { c, end: false }; }
    if (!wrap) return null;
    needs.need(-c, `site L${c} exists`);
    return { c, end: true };
  }
  if (c <= -1) { needs.need(-c, `site L${c} exists`); return { c, end: true }; }
  if (!wrap) return null;
  needs.need(c + 1, `site ${c} exists`);
  return { c, end: false };
}

/** Whether the site a lies in lo..L-1-hiOff. */
export function inRange(a: Abs, lo: number, hiOff: number, needs: Needs): boolean {
  if (!a.end) {
    if (a.c < lo) return false;
    needs.need(a.c + 1 + hiOff, `site ${a.c} lies below L-${hiOff + 1}`);
    return true;
  }
  if (a.c > -1 - hiOff) return false;
  needs.need(lo - a.c, `site L${a.c} lies above ${lo}`);
  return true;
}

/** A site reference inside a binder body: relative to the index, or a fixed site. */
export type Ref = { readonly kind: 'rel'; readonly off: number; readonly wrap: boolean } | { readonly kind: 'abs'; readonly site: Abs };

/** coef * prod over refs of Z. */
interface Mono { readonly coef: Rat; readonly refs: readonly Ref[] }

/** sum_{k=lo}^{L-1-hiOff} coef(k) prod_j Z[k + o_j] (o_j distinct sites, wrapped where marked). */
export interface Family {
  readonly coef: Rat;
  readonly offs: readonly { readonly off: number; readonly wrap: boolean }[];
  readonly lo: number;
  readonly hiOff: number;
}

/** coef(L) prod_j Z[site_j], distinct sites. */
export interface Fixed {
  readonly coef: Rat;
  readonly sites: readonly Abs[];
}

export interface DiagonalH {
  readonly fams: Family[];
  readonly fixed: Fixed[];
}

/** Contexts for the expressions of one located field. */
export interface ModelCtx {
  readonly model: ModelSpec;
  readonly params: Map<string, number>;
  readonly atoms: Atoms;
  readonly needs: Needs;
}

export function polyContext(m: ModelCtx, origin: Origin): PolyContext {
  return { origin, params: m.params, bound: new Map(), atoms: m.atoms, size: 'L' };
}

export function ratContext(m: ModelCtx, origin: Origin, vars: ReadonlyMap<string, Rat> = new Map()): RatContext {
  return { pctx: polyContext(m, origin), vars };
}

const siteVar = (): Rat => rat.of(Poly.variable(SITE));

function realRat(c: CRat, what: string): Rat {
  if (!c.im.isZero()) throw new NotDerivable(`${what} has a complex coefficient (H_S must be Hermitian)`);
  return rat.of(c.re, c.den);
}

/** The bounds of a binder: a constant, or L + c. */
function boundOf(e: Expr): Abs {
  const a = affineIndex(e, null);
  if (a.wrap || a.kc !== 0 || (a.cL !== 0 && a.cL !== 1)) throw new NotDerivable(`the binder bound '${printExpr(e)}' is not a constant or L + constant`);
  return { c: a.c, end: a.cL === 1 };
}

/** A site of a fixed reference (no binder index). */
function fixedSite(e: Expr, needs: Needs): Abs {
  const a = affineIndex(e, null);
  if (a.kc !== 0 || (a.cL !== 0 && a.cL !== 1)) throw new NotDerivable(`the site index '${printExpr(e)}' is not a constant or L + constant`);
  const s = shift({ c: 0, end: a.cL === 1 }, a.c, a.wrap, needs);
  if (!s) throw new NotDerivable(`the site '${printExpr(e)}' lies outside 0..L-1`);
  return s;
}

/**
 * A diagonal operator as monomials of Z, inside a binder body over `index` (or at the top when
 * index is null, where only fixed sites occur).
 */
function monos(e: Expr, index: string | null, rctx: RatContext, needs: Needs): Mono[] {
  if (!containsOperator(e)) return [{ coef: realRat(ratOf(e, rctx), `'${printExpr(e)}'`), refs: [] }];
  switch (e.kind) {
    case 'name':
      if (e.name === 'Id') return [{ coef: rat.constant(1), refs: [] }];
      throw new NotDerivable(`H_S is not diagonal in the product basis ('${e.name}')`);
    case 'site': {
      if (e.op !== 'Z' && e.op !== 'N') throw new NotDerivable(`H_S is not diagonal in the product basis ('${printExpr(e)}')`);
      const a = affineIndex(e.index, index);
      let ref: Ref;
      if (a.kc === 1 && index !== null) {
        if (a.cL !== 0) throw new NotDerivable(`the site index '${printExpr(e.index)}' adds L to the index without a wrap`);
        ref = { kind: 'rel', off: a.c, wrap: a.wrap };
      } else if (a.kc === 0) ref = { kind: 'abs', site: fixedSite(e.index, needs) };
      else throw new NotDerivable(`the site index '${printExpr(e.index)}' is not the index plus a constant`);
      if (e.op === 'Z') return [{ coef: rat.constant(1), refs: [ref] }];
      const h = rat.constant(Q.of(1, 2));
      return [{ coef: h, refs: [] }, { coef: h, refs: [ref] }];
    }
    case 'unary': {
      const a = monos(e.arg, index, rctx, needs);
      return e.op === '-' ? a.map((m) => ({ ...m, coef: rat.neg(m.coef) })) : a;
    }
    case 'binary': {
      if (e.op === '+' || e.op === '-') {
        const b = monos(e.right, index, rctx, needs);
        return [...monos(e.left, index, rctx, needs), ...(e.op === '-' ? b.map((m) => ({ ...m, coef: rat.neg(m.coef) })) : b)];
      }
      if (e.op === '*') {
        const a = monos(e.left, index, rctx, needs), b = monos(e.right, index, rctx, needs);
        return a.flatMap((x) => b.map((y) => ({ coef: rat.mul(x.coef, y.coef), refs: [...x.refs, ...y.refs] })));
      }
      if (e.op === '/') {
        if (containsOperator(e.right)) throw new NotDerivable(`division by an operator '${printExpr(e.right)}'`);
        const inv = realRat(ratOf({ kind: 'binary', op: '/', left: { kind: 'num', text: '1', span: e.span }, right: e.right, span: e.span }, rctx), `'${printExpr(e.right)}'`);
        return monos(e.left, index, rctx, needs).map((m) => ({ ...m, coef: rat.mul(m.coef, inv) }));
      }
      if (e.op === '^') {
        const k = power(e, rctx);
        const base = monos(e.left, index, rctx, needs);
        let acc: Mono[] = [{ coef: rat.constant(1), refs: [] }];
        for (let i = 0; i < k; i++) acc = acc.flatMap((x) => base.map((y) => ({ coef: rat.mul(x.coef, y.coef), refs: [...x.refs, ...y.refs] })));
        return acc;
      }
      throw new NotDerivable(`'${e.op}' between operators`);
    }
    case 'call':
      if (e.fn === 'dag') return monos(e.args[0], index, rctx, needs); // real diagonal: self-adjoint
      throw new NotDerivable(`${e.fn} of an operator`);
    case 'binder':
      throw new NotDerivable(`a ${e.fn} inside a binder body ('${printExpr(e)}')`);
    default:
      throw new NotDerivable(`'${printExpr(e)}' in H_S`);
  }
}

function power(e: Extract<Expr, { kind: 'binary' }>, rctx: RatContext): number {
  const k = ratOf(e.right, rctx);
  const v = k.re.constantValue();
  if (v === null || !k.im.isZero() || !v.isInteger() || v.sign() < 0 || v.num > 16n || !k.den.isConstant()) throw new NotDerivable(`operator power '${printExpr(e.right)}' is not a small integer >= 0`);
  return Number(v.num);
}

/** Fixed monomials: sites distinct, Z^2 = 1. */
function reduceFixed(coef: Rat, sites: readonly Abs[], needs: Needs): Fixed {
  const out: Abs[] = [];
  for (const s of sites) {
    const i = out.findIndex((t) => absEq(s, t, needs));
    if (i >= 0) out.splice(i, 1); else out.push(s);
  }
  return { coef, sites: out };
}

/** A body monomial at a fixed value of the index. */
function atIndex(m: Mono, k: Abs, needs: Needs): Fixed {
  const sites = m.refs.map((r) => {
    if (r.kind === 'abs') return r.site;
    const s = shift(k, r.off, r.wrap, needs);
    if (!s) throw new NotDerivable(`a site index leaves 0..L-1 at index ${absText(k)}`);
    return s;
  });
  return reduceFixed(rat.subst(m.coef, SITE, absPoly(k)), sites, needs);
}

function multiplyFixed(a: Fixed[], b: Fixed[], needs: Needs): Fixed[] {
  return a.flatMap((x) => b.map((y) => reduceFixed(rat.mul(x.coef, y.coef), [...x.sites, ...y.sites], needs)));
}

/**
 * H_S as families and fixed monomials.
 *
 * @throws NotDerivable when H_S is not a diagonal sum of this shape
 */
export function diagonalH(e: Expr, m: ModelCtx, origin: Origin): DiagonalH {
  const rctx = ratContext(m, origin);
  const needs = m.needs;
  const walk = (x: Expr): DiagonalH => {
    if (!containsOperator(x)) return { fams: [], fixed: [{ coef: realRat(ratOf(x, rctx), `'${printExpr(x)}'`), sites: [] }] };
    const scaleBy = (h: DiagonalH, c: Rat): DiagonalH => ({ fams: h.fams.map((f) => ({ ...f, coef: rat.mul(f.coef, c) })), fixed: h.fixed.map((f) => ({ ...f, coef: rat.mul(f.coef, c) })) });
    const fixedOnly = (h: DiagonalH, what: string): Fixed[] => {
      if (h.fams.length) throw new NotDerivable(`${what}: a product with a sum over all sites is not a sum of local terms`);
      return h.fixed;
    };
    switch (x.kind) {
      case 'unary': { const a = walk(x.arg); return x.op === '-' ? scaleBy(a, rat.constant(-1)) : a; }
      case 'binary': {
        if (x.op === '+' || x.op === '-') {
          const a = walk(x.left), b = x.op === '-' ? scaleBy(walk(x.right), rat.constant(-1)) : walk(x.right);
          return { fams: [...a.fams, ...b.fams], fixed: [...a.fixed, ...b.fixed] };
        }
        if (x.op === '*') {
          if (!containsOperator(x.left)) return scaleBy(walk(x.right), realRat(ratOf(x.left, rctx), `'${printExpr(x.left)}'`));
          if (!containsOperator(x.right)) return scaleBy(walk(x.left), realRat(ratOf(x.right, rctx), `'${printExpr(x.right)}'`));
          return { fams: [], fixed: multiplyFixed(fixedOnly(walk(x.left), printExpr(x)), fixedOnly(walk(x.right), printExpr(x)), needs) };
        }
        if (x.op === '/') {
          if (containsOperator(x.right)) throw new NotDerivable(`division by an operator '${printExpr(x.right)}'`);
          const inv = realRat(ratOf({ kind: 'binary', op: '/', left: { kind: 'num', text: '1', span: x.span }, right: x.right, span: x.span }, rctx), `'${printExpr(x.right)}'`);
          return scaleBy(walk(x.left), inv);
        }
        if (x.op === '^') {
          const k = power(x, rctx);
          if (k === 1) return walk(x.left);
          const base = fixedOnly(walk(x.left), printExpr(x));
          let acc: Fixed[] = [{ coef: rat.constant(1), sites: [] }];
          for (let i = 0; i < k; i++) acc = multiplyFixed(acc, base, needs);
          return { fams: [], fixed: acc };
        }
        throw new NotDerivable(`'${x.op}' between operators`);
      }
      case 'call':
        if (x.fn === 'dag') return walk(x.args[0]);
        throw new NotDerivable(`${x.fn} of an operator`);
      case 'name':
        if (x.name === 'Jz') return { fams: [{ coef: rat.constant(Q.of(1, 2)), offs: [{ off: 0, wrap: false }], lo: 0, hiOff: 0 }], fixed: [] };
        return { fams: [], fixed: monos(x, null, rctx, needs).map((mo) => ({ coef: mo.coef, sites: [] })) };
      case 'site':
        return { fams: [], fixed: monos(x, null, rctx, needs).map((mo) => reduceFixed(mo.coef, mo.refs.map((r) => (r as { site: Abs }).site), needs)) };
      case 'binder': return binder(x);
      default: throw new NotDerivable(`'${printExpr(x)}' in H_S`);
    }
  };
  const binder = (x: Extract<Expr, { kind: 'binder' }>): DiagonalH => {
    const lo: Abs = x.from ? boundOf(x.from) : { c: 0, end: false };
    const hi: Abs = x.to ? boundOf(x.to) : { c: -1, end: true };
    const inner: RatContext = { pctx: rctx.pctx, vars: new Map([...rctx.vars, [x.index, siteVar()]]) };
    const body = monos(x.body, x.index, inner, needs);
    // A bounded range (both ends constant, or both L + constant): expand it into fixed monomials.
    if (lo.end === hi.end) {
      const n = hi.c - lo.c + 1;
      if (n > 64) throw new NotDerivable(`${x.fn} over ${n} fixed sites`);
      const values: Abs[] = [];
      for (let c = lo.c; c <= hi.c; c++) {
        const v = lo.end ? { c, end: true } : { c, end: false };
        if (lo.end) needs.need(-c, `index L${c} >= 0`);
        values.push(v);
      }
      if (x.fn === 'sum') return { fams: [], fixed: values.flatMap((v) => body.map((mo) => atIndex(mo, v, needs))) };
      let acc: Fixed[] = [{ coef: rat.constant(1), sites: [] }];
      for (const v of values) acc = multiplyFixed(acc, body.map((mo) => atIndex(mo, v, needs)), needs);
      return { fams: [], fixed: acc };
    }
    if (x.fn === 'prod') throw new NotDerivable(`prod over a range that grows with L ('${printExpr(x)}')`);
    if (lo.end) throw new NotDerivable(`sum from ${absText(lo)} to ${absText(hi)}: empty for large L`);
    if (lo.c < 0 || hi.c > -1) throw new NotDerivable(`sum over ${absText(lo)}..${absText(hi)} leaves the sites 0..L-1`);
    const range = { lo: lo.c, hiOff: -1 - hi.c };
    needs.need(range.lo + range.hiOff, `the sum '${printExpr(x)}' has a range`);
    return { fams: body.map((mo) => family(mo, range.lo, range.hiOff, printExpr(x))), fixed: [] };
  };
  const family = (mo: Mono, lo: number, hiOff: number, text: string): Family => {
    const offs: { off: number; wrap: boolean }[] = [];
    for (const r of mo.refs) {
      if (r.kind === 'abs') throw new NotDerivable(`'${text}' mixes the summed site with the fixed site ${absText(r.site)}`);
      // A wrap that never acts in the range is no wrap; a shift without wrap must stay on 0..L-1.
      const inside = lo + r.off >= 0 && r.off <= hiOff;
      if (!r.wrap && !inside) throw new NotDerivable(`'${text}': the site k${r.off >= 0 ? '+' : ''}${r.off} leaves 0..L-1 without a wrap`);
      const ref = { off: r.off, wrap: r.wrap && !inside };
      const i = offs.findIndex((o) => o.off === ref.off && o.wrap === ref.wrap);
      if (i >= 0) { offs.splice(i, 1); continue; }
      offs.push(ref);
    }
    for (let i = 0; i < offs.length; i++) for (let j = i + 1; j < offs.length; j++) {
      if (offs[i].wrap || offs[j].wrap) needs.need(Math.abs(offs[i].off - offs[j].off) + 1, `the sites of a term of '${text}' are distinct`);
    }
    return { coef: mo.coef, offs: offs.sort((a, b) => a.off - b.off), lo, hiOff };
  };
  return walk(e);
}

/** A one-site operator (uu, ud, du, dd), coefficients in the site variable. */
export type Local = readonly [CRat, CRat, CRat, CRat];

const c0: CRat = { re: Poly.ZERO, im: Poly.ZERO, den: Poly.constant(1) };
const c1: CRat = { re: Poly.constant(1), im: Poly.ZERO, den: Poly.constant(1) };
const ci: CRat = { re: Poly.ZERO, im: Poly.constant(1), den: Poly.constant(1) };
const neg = (x: CRat) => crat.scale(x, Q.of(-1));
const siteLocal: Record<string, Local> = {
  X: [c0, c1, c1, c0], Y: [c0, neg(ci), ci, c0], Z: [c1, c0, c0, neg(c1)], Sp: [c0, c1, c0, c0], Sm: [c0, c0, c1, c0], N: [c1, c0, c0, c0],
  // v2 spin operators on spin-1/2 sites: half the Pauli matrices.
  Sx: [c0, crat.scale(c1, Q.of(1, 2)), crat.scale(c1, Q.of(1, 2)), c0], Sy: [c0, crat.scale(ci, Q.of(-1, 2)), crat.scale(ci, Q.of(1, 2)), c0],
  Sz: [crat.scale(c1, Q.of(1, 2)), c0, c0, crat.scale(c1, Q.of(-1, 2))],
};

function localMul(a: Local, b: Local): Local {
  const e = (r: number, c: number) => crat.add(crat.mul(a[r * 2], b[c]), crat.mul(a[r * 2 + 1], b[2 + c]));
  return [e(0, 0), e(0, 1), e(1, 0), e(1, 1)];
}

/**
 * A one-site operator on the site of an `each` index (index given) or on one fixed site.
 *
 * @returns the local matrix and, for a fixed site, which site
 * @throws NotDerivable when the operator acts on more than one site
 */
export function localOp(e: Expr, index: string | null, rctx: RatContext, needs: Needs): { local: Local; site: Abs | null } {
  let site: Abs | null = null;
  const walk = (x: Expr): Local => {
    if (!containsOperator(x)) { const c = ratOf(x, rctx); return [c, c0, c0, c]; }
    switch (x.kind) {
      case 'site': {
        const a = affineIndex(x.index, index);
        if (index !== null) {
          if (!(a.kc === 1 && a.c === 0 && a.cL === 0)) throw new NotDerivable(`'${printExpr(x)}' is not on the channel's own site ${index}`);
        } else {
          const s = fixedSite(x.index, needs);
          if (site && !absEq(site, s, needs)) throw new NotDerivable(`the coupling acts on the sites ${absText(site)} and ${absText(s)}, not on one site`);
          site = s;
        }
        const m = siteLocal[x.op];
        if (!m) throw new NotDerivable(`'${printExpr(x)}' is not derived on qubits here`);
        return m;
      }
      case 'name':
        if (x.name === 'Id') return [c1, c0, c0, c1];
        throw new NotDerivable(`'${x.name}' in a one-site coupling`);
      case 'unary': { const a = walk(x.arg); return x.op === '-' ? (a.map(neg) as unknown as Local) : a; }
      case 'binary': {
        if (x.op === '/') {
          if (containsOperator(x.right)) throw new NotDerivable(`division by an operator '${printExpr(x.right)}'`);
          const inv = ratOf({ kind: 'binary', op: '/', left: { kind: 'num', text: '1', span: x.span }, right: x.right, span: x.span }, rctx);
          return walk(x.left).map((v) => crat.mul(v, inv)) as unknown as Local;
        }
        if (x.op === '^') {
          const k = power(x, rctx);
          const a = walk(x.left);
          let acc: Local = [c1, c0, c0, c1];
          for (let i = 0; i < k; i++) acc = localMul(acc, a);
          return acc;
        }
        const a = walk(x.left), b = walk(x.right);
        if (x.op === '+') return a.map((v, i) => crat.add(v, b[i])) as unknown as Local;
        if (x.op === '-') return a.map((v, i) => crat.sub(v, b[i])) as unknown as Local;
        if (x.op === '*') return localMul(a, b);
        throw new NotDerivable(`'${x.op}' on one-site operators`);
      }
      case 'call':
        if (x.fn === 'dag') { const a = walk(x.args[0]); return [crat.conj(a[0]), crat.conj(a[2]), crat.conj(a[1]), crat.conj(a[3])]; }
        throw new NotDerivable(`${x.fn} of an operator`);
      default:
        throw new NotDerivable(`'${printExpr(x)}' is not a one-site operator`);
    }
  };
  const local = walk(e);
  return { local, site };
}
