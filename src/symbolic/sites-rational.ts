/**
 * Exact arithmetic for site-resolved derivations: rational functions num / den with num a
 * polynomial in the site variable q, L, the params and atoms, and den a polynomial in L alone
 * (rational coefficients, positive for every L >= 1): coefficients such as w0/2 (1 + k/L).
 * Sums over sites by Faulhaber's formulas, exact division back to polynomials, and signs decided
 * by certificates (never by sampling): every sign read off the given params is an assumption.
 */
import { printExpr, type Expr } from '../lang/index.js';
import { addAssumption, type DerivationAssumption, type Relation } from './assumptions.js';
import type { Atoms } from './atoms.js';
import { Poly } from './poly.js';
import { Q } from './rational.js';
import { NotDerivable, reduceSqrt, scalarPoly, type PolyContext } from './scalarpoly.js';

/** The site variable (a name no param can have). */
export const SITE = '$q';
const A_VAR = '$a', B_VAR = '$b';
const Lp = Poly.variable('L');

/** num / den, den a polynomial in L only, den > 0 for L >= 1. */
export interface Rat {
  readonly num: Poly;
  readonly den: Poly;
}

/** (re + i im) / den. */
export interface CRat {
  readonly re: Poly;
  readonly im: Poly;
  readonly den: Poly;
}

const ONE = Poly.constant(1);

export const rat = {
  of: (num: Poly, den: Poly = ONE): Rat => normalise(num, den),
  constant: (q: Q | number): Rat => ({ num: Poly.constant(q), den: ONE }),
  zero: (): Rat => ({ num: Poly.ZERO, den: ONE }),
  add: (a: Rat, b: Rat): Rat => (a.den.equals(b.den) ? normalise(a.num.add(b.num), a.den) : normalise(a.num.mul(b.den).add(b.num.mul(a.den)), a.den.mul(b.den))),
  sub: (a: Rat, b: Rat): Rat => rat.add(a, rat.neg(b)),
  neg: (a: Rat): Rat => ({ num: a.num.neg(), den: a.den }),
  mul: (a: Rat, b: Rat): Rat => normalise(reduceSqrt(a.num.mul(b.num)), a.den.mul(b.den)),
  scale: (a: Rat, q: Q): Rat => ({ num: a.num.scale(q), den: a.den }),
  mulPoly: (a: Rat, p: Poly): Rat => normalise(reduceSqrt(a.num.mul(p)), a.den),
  isZero: (a: Rat): boolean => a.num.isZero(),
  /** Substitutes a variable (the site variable, or L in numerator and denominator) by a polynomial. */
  subst: (a: Rat, name: string, p: Poly): Rat => normalise(a.num.subst(name, p), name === 'L' ? a.den.subst('L', p) : a.den),
  /** The polynomial when the denominator divides exactly, else null. */
  toPoly: (a: Rat): Poly | null => divideExact(a.num, a.den),
  text: (a: Rat): string => (a.den.isConstant() && a.den.constantValue()!.equals(Q.ONE) ? a.num.toString() : `(${a.num.toString()})/(${a.den.toString()})`),
  evaluate: (a: Rat, env: Readonly<Record<string, number>>): number => a.num.evaluate(env) / a.den.evaluate(env),
  mentions: (a: Rat, v: string): boolean => a.num.variables().includes(v) || a.den.variables().includes(v),
};

/** Folds constant denominators into the numerator and divides out an exact L-polynomial factor. */
function normalise(num: Poly, den: Poly): Rat {
  if (num.isZero()) return { num: Poly.ZERO, den: ONE };
  const c = den.constantValue();
  if (c !== null) {
    if (c.isZero()) throw new NotDerivable('division by zero');
    return { num: num.scale(Q.ONE.div(c)), den: ONE };
  }
  const q = divideExact(num, den);
  if (q) return { num: q, den: ONE };
  return { num, den };
}

export const crat = {
  real: (r: Rat): CRat => ({ re: r.num, im: Poly.ZERO, den: r.den }),
  re: (a: CRat): Rat => rat.of(a.re, a.den),
  im: (a: CRat): Rat => rat.of(a.im, a.den),
  add: (a: CRat, b: CRat): CRat => join(rat.add(crat.re(a), crat.re(b)), rat.add(crat.im(a), crat.im(b))),
  sub: (a: CRat, b: CRat): CRat => join(rat.sub(crat.re(a), crat.re(b)), rat.sub(crat.im(a), crat.im(b))),
  mul: (a: CRat, b: CRat): CRat => {
    const ar = crat.re(a), ai = crat.im(a), br = crat.re(b), bi = crat.im(b);
    return join(rat.sub(rat.mul(ar, br), rat.mul(ai, bi)), rat.add(rat.mul(ar, bi), rat.mul(ai, br)));
  },
  scale: (a: CRat, q: Q): CRat => ({ re: a.re.scale(q), im: a.im.scale(q), den: a.den }),
  conj: (a: CRat): CRat => ({ re: a.re, im: a.im.neg(), den: a.den }),
  abs2: (a: CRat): Rat => rat.add(rat.mul(crat.re(a), crat.re(a)), rat.mul(crat.im(a), crat.im(a))),
  isZero: (a: CRat): boolean => a.re.isZero() && a.im.isZero(),
  equals: (a: CRat, b: CRat): boolean => crat.isZero(crat.sub(a, b)),
};

function join(re: Rat, im: Rat): CRat {
  if (im.num.isZero()) return { re: re.num, im: Poly.ZERO, den: re.den };
  if (re.num.isZero()) return { re: Poly.ZERO, im: im.num, den: im.den };
  if (re.den.equals(im.den)) return { re: re.num, im: im.num, den: re.den };
  return { re: re.num.mul(im.den), im: im.num.mul(re.den), den: re.den.mul(im.den) };
}

/** p / d exactly for d a polynomial in L with rational coefficients; null when it does not divide. */
export function divideExact(p: Poly, d: Poly): Poly | null {
  if (p.isZero()) return Poly.ZERO;
  const c = d.constantValue();
  if (c !== null) return c.isZero() ? null : p.scale(Q.ONE.div(c));
  if (d.variables().some((v) => v !== 'L')) return null;
  const m = d.degree('L');
  const lead = d.coeff('L', m).constantValue()!;
  let rem = p;
  let quot = Poly.ZERO;
  for (let guard = 0; guard < 1000 && !rem.isZero() && rem.degree('L') >= m; guard++) {
    const k = rem.degree('L');
    const t = rem.coeff('L', k).scale(Q.ONE.div(lead)).mul(Lp.pow(k - m));
    quot = quot.add(t);
    rem = rem.sub(t.mul(d));
  }
  return rem.isZero() ? quot : null;
}

/** What scalar expressions in a site-resolved model may refer to. */
export interface RatContext {
  readonly pctx: PolyContext;
  /** Bound names (the site index, w) with their values. */
  readonly vars: ReadonlyMap<string, Rat>;
}

function mentionsAny(e: Expr, names: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case 'name': return names.has(e.name);
    case 'num': case 'str': return false;
    case 'site': return true;
    case 'unary': return mentionsAny(e.arg, names);
    case 'binary': return mentionsAny(e.left, names) || mentionsAny(e.right, names);
    case 'call': return e.args.some((a) => mentionsAny(a, names));
    case 'binder': return true;
  }
}

/**
 * A scalar expression as an exact rational function: polynomial in the bound variables, with
 * division by polynomials in L allowed; L-free subexpressions go through scalarPoly (atoms).
 *
 * @throws NotDerivable for anything else (exp(k/L), division by the site index, ...)
 */
export function ratOf(e: Expr, ctx: RatContext): CRat {
  const names = new Set<string>([ctx.pctx.size, ...ctx.vars.keys()]);
  if (!mentionsAny(e, names)) {
    const c = scalarPoly(e, ctx.pctx);
    return { re: c.re, im: c.im, den: ONE };
  }
  switch (e.kind) {
    case 'name': {
      if (e.name === ctx.pctx.size) return { re: Lp, im: Poly.ZERO, den: ONE };
      return crat.real(ctx.vars.get(e.name)!);
    }
    case 'unary': {
      const a = ratOf(e.arg, ctx);
      return e.op === '-' ? crat.scale(a, Q.of(-1)) : a;
    }
    case 'binary': {
      if (e.op === '%') throw new NotDerivable(`'${printExpr(e)}': % in a scalar`);
      if (e.op === '^') {
        if (mentionsAny(e.right, names)) throw new NotDerivable(`'${printExpr(e)}': an exponent that depends on L or the site`);
        const k = scalarPoly(e.right, ctx.pctx);
        const kv = k.re.constantValue();
        if (kv === null || !k.im.isZero() || !kv.isInteger() || kv.num > 64n || kv.num < -64n) throw new NotDerivable(`'${printExpr(e)}': not an integer power`);
        const base = ratOf(e.left, ctx);
        let r: CRat = { re: ONE, im: Poly.ZERO, den: ONE };
        for (let i = 0n; i < (kv.num < 0n ? -kv.num : kv.num); i++) r = crat.mul(r, base);
        return kv.num < 0n ? invert(r, e) : r;
      }
      const a = ratOf(e.left, ctx), b = ratOf(e.right, ctx);
      if (e.op === '+') return crat.add(a, b);
      if (e.op === '-') return crat.sub(a, b);
      if (e.op === '*') return crat.mul(a, b);
      // Division: by an L-free, site-free expression (a constant or an atom), or by a polynomial in L.
      if (!mentionsAny(e.right, names)) {
        const d = scalarPoly(e.right, ctx.pctx);
        const c = d.re.constantValue();
        if (c !== null && d.im.isZero()) {
          if (c.isZero()) throw new NotDerivable(`'${printExpr(e)}': division by zero`);
          return crat.scale(a, Q.ONE.div(c));
        }
        const inv = scalarPoly({ kind: 'binary', op: '/', left: { kind: 'num', text: '1', span: e.span }, right: e.right, span: e.span }, ctx.pctx);
        return crat.mul(a, { re: inv.re, im: inv.im, den: ONE });
      }
      return crat.mul(a, invert(b, e));
    }
    case 'call':
      throw new NotDerivable(`'${printExpr(e)}': ${e.fn} of an expression in L or the site index is not polynomial`);
    case 'site': throw new NotDerivable(`'${printExpr(e)}': an operator where a scalar is needed`);
    case 'binder': throw new NotDerivable(`'${printExpr(e)}': a scalar ${e.fn} over sites`);
    default: throw new NotDerivable(`'${printExpr(e)}' is not a scalar`);
  }
}

/** 1 / b for b a real rational function whose numerator is a polynomial in L alone. */
function invert(b: CRat, e: Expr): CRat {
  if (!b.im.isZero()) throw new NotDerivable(`'${printExpr(e)}': division by a complex expression in L`);
  if (b.re.isZero()) throw new NotDerivable(`'${printExpr(e)}': division by zero`);
  if (b.re.variables().some((v) => v !== 'L')) throw new NotDerivable(`'${printExpr(e)}': division by '${b.re.toString()}', which is not a polynomial in L alone`);
  // Keep the denominator positive for L >= 1.
  const s = signForAllL(b.re, 1);
  if (s === null) throw new NotDerivable(`'${printExpr(e)}': the divisor ${b.re.toString()} may vanish or change sign for some L >= 1`);
  return s > 0 ? { re: b.den, im: Poly.ZERO, den: b.re } : { re: b.den.neg(), im: Poly.ZERO, den: b.re.neg() };
}

/** The sign of a polynomial in L with rational coefficients for every L >= L0, by the certificate below; null if undecided. */
function signForAllL(p: Poly, L0: number): 1 | -1 | null {
  const sub = p.subst('L', Poly.variable(B_VAR).add(Poly.constant(L0)));
  const cs = sub.terms().map((t) => t.coef.sign());
  const c0 = sub.coeff(B_VAR, 0).constantValue() ?? Q.ZERO;
  if (c0.sign() > 0 && cs.every((s) => s >= 0)) return 1;
  if (c0.sign() < 0 && cs.every((s) => s <= 0)) return -1;
  return null;
}

/** sum_{q=0}^{N} q^n as a polynomial in N (exact interpolation at N = 0..n+1). */
const faulhaberCache = new Map<number, Poly>();
function faulhaber(n: number): Poly {
  const hit = faulhaberCache.get(n);
  if (hit) return hit;
  const N = Poly.variable('$N');
  // ys[x] = sum_{q=0}^{x} q^n (with 0^0 = 1), at x = 0..n+1.
  const xs: number[] = [], ys: Q[] = [];
  for (let x = 0, s = Q.ZERO; x <= n + 1; x++) {
    s = s.add(x === 0 ? (n === 0 ? Q.ONE : Q.ZERO) : Q.of(x).pow(n));
    xs.push(x); ys.push(s);
  }
  let out = Poly.ZERO;
  for (let i = 0; i < xs.length; i++) {
    let basis = Poly.constant(1);
    let denom = Q.ONE;
    for (let j = 0; j < xs.length; j++) {
      if (j === i) continue;
      basis = basis.mul(N.sub(Poly.constant(xs[j])));
      denom = denom.mul(Q.of(xs[i] - xs[j]));
    }
    out = out.add(basis.scale(ys[i].div(denom)));
  }
  faulhaberCache.set(n, out);
  return out;
}

/** sum_{q=lo}^{hi} p(q) over the site variable, as a polynomial (valid when hi >= lo - 1). */
export function sumOverSites(p: Poly, lo: Poly, hi: Poly): Poly {
  let out = Poly.ZERO;
  const deg = p.degree(SITE);
  for (let n = 0; n <= Math.max(0, deg); n++) {
    const c = p.coeff(SITE, n);
    if (c.isZero()) continue;
    const F = faulhaber(n);
    out = out.add(c.mul(F.subst('$N', hi).sub(F.subst('$N', lo.sub(Poly.constant(1))))));
  }
  return out;
}

/** Sum of a rational function over q = lo..hi (den free of q). */
export function sumRat(r: Rat, lo: Poly, hi: Poly): Rat {
  return rat.of(sumOverSites(r.num, lo, hi), r.den);
}

/** Where a sign is decided: q in [lo, L-1-hiOff] for every L (bulk), or every L >= L0 (no q). */
export type SignDomain = { readonly kind: 'sites'; readonly lo: number; readonly hiOff: number } | { readonly kind: 'L'; readonly L0: number };

/** A sign decided over a domain, with the assumptions (signs of param expressions) it rests on. */
export interface SignResult {
  readonly relation: Relation;
  readonly assumptions: DerivationAssumption[];
}

/** The numbers a sign at the given params is decided with. */
export interface SignEnv {
  readonly params: ReadonlyMap<string, number>;
  readonly atoms: Atoms;
}

/** Sign of a param/atom polynomial at the given values: exact without atoms, else by float with a margin. */
function signAtParams(p: Poly, env: SignEnv): -1 | 0 | 1 | null {
  const c = p.constantValue();
  if (c !== null) return c.sign();
  const vars = p.variables();
  if (vars.every((v) => env.params.has(v))) {
    const exact = p.evaluateExact(Object.fromEntries(vars.map((v) => [v, Q.fromNumber(env.params.get(v)!)])));
    return exact.constantValue()!.sign();
  }
  const values = { ...Object.fromEntries(env.params), ...env.atoms.env() };
  let scale = 0;
  for (const t of p.terms()) scale += Math.abs(Poly.fromTerms([t]).evaluate(values));
  const v = p.evaluate(values);
  if (Math.abs(v) <= 1e-12 * scale) return null;
  return v > 0 ? 1 : -1;
}

/** p scaled so that its first term (in a fixed order) has coefficient +-1: "w0 > 0" for 3 w0 > 0. */
function monicish(p: Poly): Poly {
  const ts = p.terms().sort((a, b) => Object.keys(a.powers).join().localeCompare(Object.keys(b.powers).join()) || JSON.stringify(a.powers).localeCompare(JSON.stringify(b.powers)));
  return ts.length ? p.scale(Q.ONE.div(ts[0].coef.abs())) : p;
}

/**
 * The sign of a polynomial over a domain, by a certificate: with q = lo + a and L = lo + hiOff +
 * 1 + a + b (every q of the range and every L, a, b >= 0 integers; for the L domain L = L0 + b)
 * the polynomial in a and b has coefficients all of one sign (the constant one strictly for a
 * strict sign). Coefficients that involve params are signed at the given params, and each such
 * sign is an assumption. A polynomial that vanishes at the given params but not identically (a
 * param given as 0) is '=' with `zeroAs` unset; with it, the weaker relation (p >= 0 under c >= 0
 * for each coefficient), so that the param stays symbolic in the forms.
 *
 * @returns null when the certificate does not decide the sign (it may still be constant)
 */
export function decideSign(p: Poly, dom: SignDomain, env: SignEnv, what: string, zeroAs?: '>=' | '<='): SignResult | null {
  if (p.isZero()) return { relation: '=', assumptions: [] };
  const a = Poly.variable(A_VAR), b = Poly.variable(B_VAR);
  let sub: Poly;
  if (dom.kind === 'sites') {
    sub = p.subst(SITE, a.add(Poly.constant(dom.lo))).subst('L', a.add(b).add(Poly.constant(dom.lo + dom.hiOff + 1)));
  } else {
    if (p.variables().includes(SITE)) throw new Error('decideSign: a site variable in an L domain');
    sub = p.subst('L', b.add(Poly.constant(dom.L0)));
  }
  // Group by the monomial in a, b.
  const groups = new Map<string, Poly>();
  for (const t of sub.terms()) {
    const ka = t.powers[A_VAR] ?? 0, kb = t.powers[B_VAR] ?? 0;
    const rest: Record<string, number> = { ...t.powers };
    delete rest[A_VAR]; delete rest[B_VAR];
    const key = `${ka},${kb}`;
    groups.set(key, (groups.get(key) ?? Poly.ZERO).add(Poly.fromTerms([{ coef: t.coef, powers: rest }])));
  }
  const signs = new Map<string, { poly: Poly; sign: -1 | 0 | 1 }>();
  for (const [k, c] of groups) {
    if (c.isZero()) continue;
    const s = signAtParams(c, env);
    if (s === null) return null;
    signs.set(k, { poly: c, sign: s });
  }
  const all = [...signs.values()];
  const c0 = signs.get('0,0')?.sign ?? 0;
  let relation: Relation;
  if (all.every((x) => x.sign === 0)) relation = zeroAs ?? '=';
  else if (all.every((x) => x.sign >= 0)) relation = c0 > 0 ? '>' : '>=';
  else if (all.every((x) => x.sign <= 0)) relation = c0 < 0 ? '<' : '<=';
  else return null;
  const assumptions: DerivationAssumption[] = [];
  const where = dom.kind === 'sites' ? `for every site q in ${dom.lo}..L-${dom.hiOff + 1}` : `for every L >= ${dom.L0}`;
  for (const { poly, sign } of all) {
    if (poly.isConstant()) continue;
    // A zero coefficient only needs the weak relation of the result (or = for '=').
    const rel: Relation = sign > 0 ? (relation === '>' && poly === signs.get('0,0')?.poly ? '>' : '>=') : sign < 0 ? (relation === '<' && poly === signs.get('0,0')?.poly ? '<' : '<=') : relation === '=' ? '=' : relation === '>' || relation === '>=' ? '>=' : '<=';
    addAssumption(assumptions, { poly: monicish(poly), relation: rel, why: `the sign of ${what} ${where} (decided at the given params)` });
  }
  return { relation, assumptions };
}
