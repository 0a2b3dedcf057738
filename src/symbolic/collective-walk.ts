/**
 * The one walk over operator expressions that recognises collective structure, written once over
 * the coefficient arithmetic and the operator representation. Three users: the float64 engine
 * (complex doubles, typed-array sector matrices), the decimal.js engine (Decimal sector matrices)
 * and the exact derivation (complex polynomials in L, symbolic operators on kets).
 *
 * Collective means: built with + - * / ^ dag and scalars from Id, Jx Jy Jz Jp Jm, and binders over
 * all sites, sum(k, e) or prod(k, e), whose body e is one one-site operator. Linear ones,
 * c0 + cx Jx + cy Jy + cz Jz, keep their coefficients ({@link LinearForm}): their spectrum in the
 * sector j is c0 + |c| m, m = -j..j. A product keeps the linear form when one factor is a scalar
 * times Id; dag conjugates it (Jx, Jy, Jz are Hermitian).
 *
 * The coefficients need only a commutative ring with i and conjugation ({@link CoefficientRing}):
 * no division or square root, so exact polynomials in L qualify (a Field<T> gives one over
 * Complex<T>). Division by a scalar, exponents, scalar evaluation, binders and every error are the
 * user's ({@link CollectiveHooks}), so each keeps its own messages and error classes.
 */
import { containsOperator, type Expr } from '../lang/index.js';

/** Complex coefficients: a commutative ring with i and conjugation. */
export interface CoefficientRing<S> {
  readonly zero: S;
  readonly one: S;
  readonly i: S;
  /** The integer n as a coefficient. */
  fromInteger(n: number): S;
  add(a: S, b: S): S;
  sub(a: S, b: S): S;
  mul(a: S, b: S): S;
  neg(a: S): S;
  conj(a: S): S;
  isZero(a: S): boolean;
}

/** Coefficients (c0, cx, cy, cz) of c0 + cx Jx + cy Jy + cz Jz. */
export type LinearForm<S> = readonly [S, S, S, S];

/** An operator in the user's representation, with its linear-spin form when it has one. */
export interface Collective<S, M> {
  readonly matrix: M;
  readonly linear: LinearForm<S> | null;
}

/** The collective spin operators by name. */
export type SpinName = 'Jx' | 'Jy' | 'Jz' | 'Jp' | 'Jm';

/** The operator representation: linear maps of the sector (or symbolic operators). */
export interface SectorAlgebra<S, M> {
  /** c times Id. */
  identity(c: S): M;
  named(name: SpinName): M;
  /** a + beta b. */
  add(a: M, b: M, beta: S): M;
  scale(a: M, c: S): M;
  mul(a: M, b: M): M;
  adjoint(a: M): M;
}

/** A one-site operator [<u|M|u>, <u|M|d>, <d|M|u>, <d|M|d>]. */
export type LocalForm<S> = readonly [S, S, S, S];

/** A binder body at fixed indices: the one-site operator and the site it acts on (null: a scalar times Id). */
export interface LocalValue<S> {
  readonly site: number | null;
  readonly M: LocalForm<S>;
}

type Binder = Extract<Expr, { kind: 'binder' }>;
type Binary = Extract<Expr, { kind: 'binary' }>;
type Site = Extract<Expr, { kind: 'site' }>;

/** What the walk asks of its user at both levels; `local` tells a binder body (one-site operators) from the collective level. */
export interface ScalarHooks<S, Scope> {
  readonly ring: CoefficientRing<S>;
  /** The value of an expression without operators. */
  scalar(e: Expr, scope: Scope): S;
  /** A function call other than dag whose arguments mention operators. */
  call(e: Extract<Expr, { kind: 'call' }>, scope: Scope): S;
  /** The exponent of an operator power, an integer >= 0. */
  exponent(at: Expr, scope: Scope, local: boolean): number;
  /** 1 / (the divisor of an operator), a scalar. */
  inverse(at: Expr, scope: Scope, local: boolean): S;
  /** An operator between operators other than + - * / ^. */
  badOperator(e: Binary, local: boolean): never;
  /** Not collective: throws the user's error with this reason. */
  reject(reason: string): never;
}

/** Binder bodies add site operators. */
export interface LocalHooks<S, Scope> extends ScalarHooks<S, Scope> {
  /** A site operator inside a binder body. */
  site(e: Site, scope: Scope): LocalValue<S>;
  /** A binder over operators inside a binder body. */
  nestedBinder(e: Binder): never;
}

/** The collective level adds binders over all sites and site operators outside them. */
export interface CollectiveHooks<S, M, Scope> extends ScalarHooks<S, Scope> {
  readonly algebra: SectorAlgebra<S, M>;
  /** sum or prod over sites whose body mentions operators. */
  binder(e: Binder, scope: Scope): Collective<S, M>;
  /** A site operator outside every binder. */
  outsideBinder(e: Site): never;
}

/** A walked expression: a scalar or an operator. */
export type WalkValue<S, M> = { readonly kind: 'scalar'; readonly v: S } | { readonly kind: 'op'; readonly v: Collective<S, M> };

const collectiveNames: ReadonlySet<string> = new Set<SpinName>(['Jx', 'Jy', 'Jz', 'Jp', 'Jm']);

/** The collective operator of `e` (a scalar as that scalar times Id). */
export function walkCollectiveOperator<S, M, Scope>(h: CollectiveHooks<S, M, Scope>, e: Expr, scope: Scope): Collective<S, M> {
  const r = walkCollective(h, e, scope);
  return r.kind === 'op' ? r.v : scalarCollective(h, r.v);
}

/** c Id with its linear form. */
export function scalarCollective<S, M>(h: CollectiveHooks<S, M, unknown>, c: S): Collective<S, M> {
  const z = h.ring.zero;
  return { matrix: h.algebra.identity(c), linear: [c, z, z, z] };
}

/** The linear form of a collective spin operator: J+- = Jx +- i Jy. */
export function namedLinear<S>(ring: CoefficientRing<S>, name: SpinName): LinearForm<S> {
  const { zero: z, one: o, i } = ring;
  switch (name) {
    case 'Jx': return [z, o, z, z];
    case 'Jy': return [z, z, o, z];
    case 'Jz': return [z, z, z, o];
    case 'Jp': return [z, o, i, z];
    case 'Jm': return [z, o, ring.sub(z, i), z];
  }
}

/** sum_k M_k = (a+d) L/2 + (a-d) Jz + b J+ + c J- = (a+d) L/2 + (b+c) Jx + i(b-c) Jy + (a-d) Jz, given halfL = L/2. */
export function siteSumLinear<S>(ring: CoefficientRing<S>, M: LocalForm<S>, halfL: S): LinearForm<S> {
  const [a, b, c, d] = M;
  return [ring.mul(ring.add(a, d), halfL), ring.add(b, c), ring.mul(ring.i, ring.sub(b, c)), ring.sub(a, d)];
}

/** One step of the walk at the collective level. */
export function walkCollective<S, M, Scope>(h: CollectiveHooks<S, M, Scope>, e: Expr, scope: Scope): WalkValue<S, M> {
  if (!containsOperator(e)) return { kind: 'scalar', v: h.scalar(e, scope) };
  const { ring, algebra } = h;
  const op = (v: Collective<S, M>): WalkValue<S, M> => ({ kind: 'op', v });
  const asOp = (x: WalkValue<S, M>): Collective<S, M> => (x.kind === 'op' ? x.v : scalarCollective(h, x.v));
  const scale = (a: Collective<S, M>, c: S): Collective<S, M> => ({
    matrix: algebra.scale(a.matrix, c), linear: a.linear ? (a.linear.map((x) => ring.mul(x, c)) as unknown as LinearForm<S>) : null,
  });
  const add = (a: Collective<S, M>, b: Collective<S, M>, beta: S): Collective<S, M> => ({
    matrix: algebra.add(a.matrix, b.matrix, beta),
    linear: a.linear && b.linear ? (a.linear.map((x, k) => ring.add(x, ring.mul(beta, b.linear![k]))) as unknown as LinearForm<S>) : null,
  });
  const scalarOf = (x: Collective<S, M>): S | null => (x.linear && x.linear.slice(1).every((z) => ring.isZero(z)) ? x.linear[0] : null);
  const product = (a: Collective<S, M>, b: Collective<S, M>): Collective<S, M> => {
    const sa = scalarOf(a);
    if (sa !== null) return scale(b, sa);
    const sb = scalarOf(b);
    if (sb !== null) return scale(a, sb);
    return { matrix: algebra.mul(a.matrix, b.matrix), linear: null };
  };
  switch (e.kind) {
    case 'name':
      if (collectiveNames.has(e.name)) return op({ matrix: algebra.named(e.name as SpinName), linear: namedLinear(ring, e.name as SpinName) });
      return op(scalarCollective(h, ring.one)); // Id, the only other operator name
    case 'num': case 'str':
      return { kind: 'scalar', v: h.scalar(e, scope) };
    case 'site':
      return h.outsideBinder(e);
    case 'unary': {
      const a = walkCollective(h, e.arg, scope);
      return e.op === '-' ? op(scale(asOp(a), ring.fromInteger(-1))) : a;
    }
    case 'binary': {
      const a = walkCollective(h, e.left, scope);
      if (e.op === '^') {
        if (a.kind === 'scalar') return { kind: 'scalar', v: h.scalar(e, scope) };
        const n = h.exponent(e.right, scope, false);
        if (n === 0) return op(scalarCollective(h, ring.one));
        let acc = a.v;
        for (let k = 1; k < n; k++) acc = product(acc, a.v);
        return op(acc);
      }
      if (e.op === '/') return op(scale(asOp(a), h.inverse(e.right, scope, false)));
      const b = walkCollective(h, e.right, scope);
      switch (e.op) {
        case '+': return op(add(asOp(a), asOp(b), ring.one));
        case '-': return op(add(asOp(a), asOp(b), ring.fromInteger(-1)));
        case '*': return op(product(asOp(a), asOp(b)));
        default: return h.badOperator(e, false);
      }
    }
    case 'call': {
      if (e.fn !== 'dag') return { kind: 'scalar', v: h.call(e, scope) };
      const a = asOp(walkCollective(h, e.args[0], scope));
      return op({ matrix: algebra.adjoint(a.matrix), linear: a.linear ? (a.linear.map((z) => ring.conj(z)) as unknown as LinearForm<S>) : null });
    }
    case 'binder':
      return op(h.binder(e, scope));
  }
}

/** A binder body at fixed indices as a one-site operator (or a scalar times Id). */
export function walkLocal<S, Scope>(h: LocalHooks<S, Scope>, e: Expr, scope: Scope): LocalValue<S> {
  const { ring } = h;
  const scalarLocal = (c: S): LocalValue<S> => ({ site: null, M: [c, ring.zero, ring.zero, c] });
  if (!containsOperator(e)) return scalarLocal(h.scalar(e, scope));
  const merge = (a: LocalValue<S>, b: LocalValue<S>): number | null => {
    if (a.site !== null && b.site !== null && a.site !== b.site) h.reject('a term acts on two sites: not a sum of one-site operators');
    return a.site ?? b.site;
  };
  const map = (M: LocalForm<S>, f: (x: S, q: number) => S): LocalForm<S> => M.map(f) as unknown as LocalForm<S>;
  const mul = (x: LocalForm<S>, y: LocalForm<S>): LocalForm<S> => [
    ring.add(ring.mul(x[0], y[0]), ring.mul(x[1], y[2])), ring.add(ring.mul(x[0], y[1]), ring.mul(x[1], y[3])),
    ring.add(ring.mul(x[2], y[0]), ring.mul(x[3], y[2])), ring.add(ring.mul(x[2], y[1]), ring.mul(x[3], y[3])),
  ];
  switch (e.kind) {
    case 'site': return h.site(e, scope);
    case 'name':
      if (collectiveNames.has(e.name)) h.reject(`${e.name} inside a sum over sites`);
      return scalarLocal(ring.one); // Id
    case 'num': case 'str': return scalarLocal(h.scalar(e, scope));
    case 'unary': {
      const a = walkLocal(h, e.arg, scope);
      return e.op === '-' ? { site: a.site, M: map(a.M, (x) => ring.neg(x)) } : a;
    }
    case 'binary': {
      const a = walkLocal(h, e.left, scope);
      if (e.op === '^') {
        const n = h.exponent(e.right, scope, true);
        let M = scalarLocal(ring.one).M;
        for (let q = 0; q < n; q++) M = mul(M, a.M);
        return { site: n > 0 ? a.site : null, M };
      }
      if (e.op === '/') {
        const inv = h.inverse(e.right, scope, true);
        return { site: a.site, M: map(a.M, (x) => ring.mul(x, inv)) };
      }
      const b = walkLocal(h, e.right, scope);
      switch (e.op) {
        case '+': return { site: merge(a, b), M: map(a.M, (x, q) => ring.add(x, b.M[q])) };
        case '-': return { site: merge(a, b), M: map(a.M, (x, q) => ring.sub(x, b.M[q])) };
        case '*': return { site: merge(a, b), M: mul(a.M, b.M) };
        default: return h.badOperator(e, true);
      }
    }
    case 'call': {
      if (e.fn !== 'dag') return scalarLocal(h.call(e, scope));
      const a = walkLocal(h, e.args[0], scope);
      return { site: a.site, M: [ring.conj(a.M[0]), ring.conj(a.M[2]), ring.conj(a.M[1]), ring.conj(a.M[3])] };
    }
    case 'binder':
      return h.nestedBinder(e);
  }
}

/**
 * The one-site operator of every term of a sum or prod over the sites lo..hi of L, checked site by
 * site (each site once, the same operator on each); `at(k)` is the scope with the index at k.
 */
export function uniformLocal<S, Scope>(h: LocalHooks<S, Scope>, e: Binder, L: number, lo: number, hi: number, at: (k: number) => Scope): LocalForm<S> {
  if (lo !== 0 || hi !== L - 1) h.reject(`${e.fn} over ${lo}..${hi} does not run over all ${L} sites`);
  let first: LocalForm<S> | null = null;
  const seen = new Uint8Array(L);
  for (let k = lo; k <= hi; k++) {
    const loc = walkLocal(h, e.body, at(k));
    if (loc.site === null) h.reject(`the body of ${e.fn}(${e.index}, ...) acts on no site`);
    if (seen[loc.site]) h.reject(`${e.fn}(${e.index}, ...) visits site ${loc.site} twice`);
    seen[loc.site] = 1;
    if (first === null) first = loc.M;
    else if (!first.every((x, q) => h.ring.isZero(h.ring.sub(x, loc.M[q])))) h.reject(`the body of ${e.fn}(${e.index}, ...) is not the same one-site operator on every site`);
  }
  if (first === null) return h.reject(`${e.fn} over no sites`);
  return first;
}
