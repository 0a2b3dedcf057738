/**
 * Collective operators as instances of the one operator walk (symbolic/operator-walk): what the
 * sector representations supply to it, written once over the coefficient arithmetic and the
 * operator representation. Three users: the float64 engine (complex doubles, typed-array sector
 * matrices), the decimal.js engine (Decimal sector matrices) and the exact derivation (complex
 * polynomials in L, symbolic operators on kets).
 *
 * Collective means: built with + - * / ^ dag and scalars from Id, Jx Jy Jz Jp Jm, and binders over
 * all sites, sum(k, e) or prod(k, e), whose body e is one one-site operator. Linear ones,
 * c0 + cx Jx + cy Jy + cz Jz, keep their coefficients ({@link LinearForm}): their spectrum in the
 * sector j is c0 + |c| m, m = -j..j. A product keeps the linear form when one factor is a scalar
 * times Id; dag conjugates it (Jx, Jy, Jz are Hermitian).
 *
 * Two instances of the walk's {@link ExpressionAlgebra} are built here from the user's hooks: the
 * sector level (J names as sector matrices, binders over all sites as site sums and powers, a site
 * operator outside a binder rejected) and the one-site level of a binder body (2 x 2 matrices on one
 * site; J names, nested binders and two-site terms rejected). The coefficients need only a
 * commutative ring with i and conjugation ({@link CoefficientRing}): no division or square root, so
 * exact polynomials in L qualify (a Field<T> gives one over Complex<T>). Division by a scalar,
 * exponents, scalar evaluation, binders and every error are the user's ({@link CollectiveHooks}),
 * so each keeps its own messages and error classes.
 */
import type { Expr } from '../lang/index.js';
import {
  walkOperatorToOp, type CoefficientRing, type ExpressionAlgebra, type Walked,
} from './operator-walk.js';

export type { CoefficientRing } from './operator-walk.js';

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

/**
 * A one-site operator as its d x d matrix, row-major (entry (r, c) = <r|M|c> at r d + c): for a
 * qubit [<u|M|u>, <u|M|d>, <d|M|u>, <d|M|d>]; for a spin s, d = 2s + 1 (index i <-> m = s - i).
 */
export type LocalForm<S> = readonly S[];

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
  /** The value of an expression without operators (and without dag). */
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
  /** The dimension d of one site (2 when absent: qubits). */
  readonly dim?: number;
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
  /**
   * A site operator outside every binder that is an operator of the sector's representation
   * (the mode of spins x one mode, engine/spin-mode: I (x) a), or null to reject it (outsideBinder).
   */
  sectorSite?(e: Site, scope: Scope): Collective<S, M> | null;
}

/** A walked expression: a scalar or an operator. */
export type WalkValue<S, M> = Walked<S, Collective<S, M>>;

/** The collective operator of `e` (a scalar as that scalar times Id). */
export function walkCollectiveOperator<S, M, Scope>(h: CollectiveHooks<S, M, Scope>, e: Expr, scope: Scope): Collective<S, M> {
  return walkOperatorToOp(sectorExpressions(h), e, scope);
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

/**
 * The sector level as an instance of the one walk: operators with their linear forms, J names and
 * binders over all sites from the user's sector algebra and hooks, site operators outside binders rejected.
 */
export function sectorExpressions<S, M, Scope>(h: CollectiveHooks<S, M, Scope>): ExpressionAlgebra<S, Collective<S, M>, Scope> {
  const { ring, algebra } = h;
  const minusOne = ring.fromInteger(-1);
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
  return {
    ring,
    scalar: (e, scope) => h.scalar(e, scope),
    call: (e, scope) => h.call(e, scope),
    exponent: (at, scope) => h.exponent(at, scope, false),
    inverse: (at, scope) => h.inverse(at, scope, false),
    badOperator: (e) => h.badOperator(e, false),
    identity: (c) => scalarCollective(h, c),
    collective: (name) => (name === 'Id'
      ? scalarCollective(h, ring.one)
      : { matrix: algebra.named(name), linear: namedLinear(ring, name) }),
    site: (e, scope) => h.sectorSite?.(e, scope) ?? h.outsideBinder(e),
    binder: (e, scope) => ({ kind: 'op', v: h.binder(e, scope) }),
    add: (a, b) => add(a, b, ring.one),
    sub: (a, b) => add(a, b, minusOne),
    neg: (a) => scale(a, minusOne),
    mul: product,
    // c * a: a scalar factor is taken out of a (as product would); a * c: out of a first, as written.
    scale: (a, c, kind) => {
      if (kind !== 'right') return scale(a, c);
      const sa = scalarOf(a);
      return sa !== null ? scale(scalarCollective(h, c), sa) : scale(a, c);
    },
    pow: (a, n) => {
      if (n === 0) return scalarCollective(h, ring.one);
      let acc = a;
      for (let k = 1; k < n; k++) acc = product(acc, a);
      return acc;
    },
    adjoint: (a) => ({ matrix: algebra.adjoint(a.matrix), linear: a.linear ? (a.linear.map((z) => ring.conj(z)) as unknown as LinearForm<S>) : null }),
  };
}

/** A binder body at fixed indices as a one-site operator (or a scalar times Id). */
export function walkLocal<S, Scope>(h: LocalHooks<S, Scope>, e: Expr, scope: Scope): LocalValue<S> {
  return walkOperatorToOp(localExpressions(h), e, scope);
}

/**
 * The one-site level (a binder body at fixed indices) as an instance of the one walk: d x d
 * matrices (d = h.dim, 2 for qubits) with the site they act on; J names, nested binders and terms on two sites rejected.
 */
export function localExpressions<S, Scope>(h: LocalHooks<S, Scope>): ExpressionAlgebra<S, LocalValue<S>, Scope> {
  const { ring } = h;
  const d = h.dim ?? 2;
  const scalarLocal = (c: S): LocalValue<S> => ({ site: null, M: Array.from({ length: d * d }, (_, q) => (q % (d + 1) === 0 ? c : ring.zero)) });
  const merge = (a: LocalValue<S>, b: LocalValue<S>): number | null => {
    if (a.site !== null && b.site !== null && a.site !== b.site) h.reject('a term acts on two sites: not a sum of one-site operators');
    return a.site ?? b.site;
  };
  const map = (M: LocalForm<S>, f: (x: S, q: number) => S): LocalForm<S> => M.map(f);
  const mul = (x: LocalForm<S>, y: LocalForm<S>): LocalForm<S> => {
    const out: S[] = new Array(d * d);
    for (let r = 0; r < d; r++) {
      for (let c = 0; c < d; c++) {
        let acc = ring.mul(x[r * d], y[c]);
        for (let k = 1; k < d; k++) acc = ring.add(acc, ring.mul(x[r * d + k], y[k * d + c]));
        out[r * d + c] = acc;
      }
    }
    return out;
  };
  return {
    ring,
    scalar: (e, scope) => h.scalar(e, scope),
    call: (e, scope) => h.call(e, scope),
    exponent: (at, scope) => h.exponent(at, scope, true),
    inverse: (at, scope) => h.inverse(at, scope, true),
    badOperator: (e) => h.badOperator(e, true),
    identity: scalarLocal,
    collective: (name) => (name === 'Id' ? scalarLocal(ring.one) : h.reject(`${name} inside a sum over sites`)),
    site: (e, scope) => h.site(e, scope),
    binder: (e) => h.nestedBinder(e),
    add: (a, b) => ({ site: merge(a, b), M: map(a.M, (x, q) => ring.add(x, b.M[q])) }),
    sub: (a, b) => ({ site: merge(a, b), M: map(a.M, (x, q) => ring.sub(x, b.M[q])) }),
    neg: (a) => ({ site: a.site, M: map(a.M, (x) => ring.neg(x)) }),
    mul: (a, b) => ({ site: merge(a, b), M: mul(a.M, b.M) }),
    // c * a and a * c as the products (c Id) a and a (c Id); a / d entrywise.
    scale: (a, c, kind) => {
      if (kind === 'quotient') return { site: a.site, M: map(a.M, (x) => ring.mul(x, c)) };
      return { site: a.site, M: kind === 'left' ? mul(scalarLocal(c).M, a.M) : mul(a.M, scalarLocal(c).M) };
    },
    pow: (a, n) => {
      let M = scalarLocal(ring.one).M;
      for (let q = 0; q < n; q++) M = mul(M, a.M);
      return { site: n > 0 ? a.site : null, M };
    },
    adjoint: (a) => ({ site: a.site, M: a.M.map((_, q) => ring.conj(a.M[(q % d) * d + Math.floor(q / d)])) }),
  };
}

/**
 * The one-site operator of every term of a sum or prod over the sites lo..hi of L, checked site by
 * site (each site once, the same operator on each); `at(k)` is the scope with the index at k.
 */
export function uniformLocal<S, Scope>(h: LocalHooks<S, Scope>, e: Binder, L: number, lo: number, hi: number, at: (k: number) => Scope): LocalForm<S> {
  if (lo !== 0 || hi !== L - 1) h.reject(`${e.fn} over ${lo}..${hi} does not run over all ${L} sites`);
  const A = localExpressions(h);
  const body = e.body;
  // The body X[k] of the binder's own index (sum(k, X[k])): site k, the same operator at every k,
  // so every site once. One walk at lo gives its operator and every check the loop would make.
  if (lo <= hi && body.kind === 'site' && body.index.kind === 'name' && body.index.name === e.index) return walkOperatorToOp(A, body, at(lo)).M;
  let first: LocalForm<S> | null = null;
  // Whether first - first is zero entrywise (not so for a NaN or infinite entry): the test of a
  // body that gives the very same form again (a site operator's cached one), made once.
  let selfSame: boolean | null = null;
  const same = (M: LocalForm<S>): boolean => {
    if (M === first) return (selfSame ??= first.every((x) => h.ring.isZero(h.ring.sub(x, x))));
    return first!.every((x, q) => h.ring.isZero(h.ring.sub(x, M[q])));
  };
  const seen = new Uint8Array(L);
  for (let k = lo; k <= hi; k++) {
    const loc = walkOperatorToOp(A, body, at(k));
    if (loc.site === null) h.reject(`the body of ${e.fn}(${e.index}, ...) acts on no site`);
    if (seen[loc.site]) h.reject(`${e.fn}(${e.index}, ...) visits site ${loc.site} twice`);
    seen[loc.site] = 1;
    if (first === null) first = loc.M;
    else if (!same(loc.M)) h.reject(`the body of ${e.fn}(${e.index}, ...) is not the same one-site operator on every site`);
  }
  if (first === null) return h.reject(`${e.fn} over no sites`);
  return first;
}
