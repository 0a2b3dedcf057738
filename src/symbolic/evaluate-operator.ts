/**
 * Operator expressions evaluated at L over an {@link OperatorAlgebra} (float64 product terms,
 * Decimal product terms, ...): the one walk of symbolic/operator-walk, with the scalars evaluated
 * over the algebra's field by symbolic/evaluate. This file holds what product terms add to the
 * walk: site operators anywhere (indices checked against L), binders over any range expanded term
 * by term, and the same InputError in every algebra; the algebra only does the arithmetic.
 */
import { errorAt, isQubitOp, qubitSpecies, speciesOf, type Expr, type Origin, type QubitOpName } from '../lang/index.js';
import { complexAdd, complexConj, complexMul, type Addition, type Complex, type ElementaryField, type Local, type RunningSum } from '../numeric/index.js';
import { speciesLocal, type SiteLayout } from './site-layout.js';
import { binderRangeIn, evalIntegerIn, evalScalarIn, operatorExponent, type FieldScope } from './evaluate.js';
import {
  walkOperator, walkOperatorToOp, type CoefficientRing, type CollectiveName, type ExpressionAlgebra, type Walked,
} from './operator-walk.js';

export type { CollectiveName } from './operator-walk.js';

/** Operators on L sites with scalars in a field: what an operator expression needs of them. */
export interface OperatorAlgebra<T, Op> {
  /** The scalars' field. */
  readonly field: ElementaryField<T>;
  /** The number of sites. */
  readonly L: number;
  /** c Id. */
  scalar(c: Complex<T>): Op;
  /** The one-site operator `op` on site k (0 <= k < L). */
  site(k: number, op: QubitOpName): Op;
  collective(name: CollectiveName): Op;
  /**
   * a + b. When it carries `add.from` (numeric's sums of product terms do), sums over many
   * summands (`sum(k, ...)`, collective operators from sites) are added through that running sum;
   * else one addition at a time, left to right, which `add.from` equals.
   */
  readonly add: Addition<Op>;
  /** The ordered product a b. */
  mul(a: Op, b: Op): Op;
  /** c a. */
  scale(a: Op, c: Complex<T>): Op;
  /** a^n for an integer n >= 0 (a^0 = Id). */
  pow(a: Op, n: number): Op;
  /** The adjoint a^+. */
  adjoint(a: Op): Op;
  /**
   * v2 sites (model-language `sites:`): the species at this L. With it, `L` is the total number of
   * sites, site operators act on global sites (offset of their species + index) through
   * {@link OperatorAlgebra.local}, and collective operators sum over the spin species; without it
   * the sites are L qubits (v1).
   */
  readonly layout?: SiteLayout;
  /** With {@link OperatorAlgebra.layout}: the one-site matrix m (of the site's dimension) on global site g. */
  local?(g: number, m: Local): Op;
}

/** The one-site operator and the coefficient (1/2 or 1) of each collective sum. */
const collectiveSums: Readonly<Record<Exclude<CollectiveName, 'Id'>, readonly [QubitOpName, boolean]>> = {
  Jx: ['X', true], Jy: ['Y', true], Jz: ['Z', true], Jp: ['Sp', false], Jm: ['Sm', false],
};

/**
 * A collective operator as the sum over sites of its one-site operators, built from A's scalar,
 * site, scale and add (for algebras of product terms).
 */
export function collectiveFromSites<T, Op>(A: OperatorAlgebra<T, Op>, name: CollectiveName): Op {
  const F = A.field;
  if (name === 'Id') return A.scalar({ re: F.one, im: F.zero });
  const [op, half] = collectiveSums[name];
  const c = { re: half ? F.fromRational(1, 2) : F.one, im: F.zero };
  const acc = leftToRight(A, A.scalar({ re: F.zero, im: F.zero }));
  for (let k = 0; k < A.L; k++) acc.add(A.scale(A.site(k, op), c));
  return acc.result();
}

/** A sum from `first` on, added left to right: through A.add.from when A's addition has it, else one add at a time. */
function leftToRight<T, Op>(A: OperatorAlgebra<T, Op>, first: Op): RunningSum<Op> {
  if (A.add.from) return A.add.from(first);
  let acc = first;
  return { add: (p) => { acc = A.add(acc, p); }, result: () => acc };
}

/** Complex numbers over F as the walk's coefficient ring (product terms and both engines' sectors). */
export function complexRing<T>(F: ElementaryField<T>): CoefficientRing<Complex<T>> {
  return {
    zero: { re: F.zero, im: F.zero },
    one: { re: F.one, im: F.zero },
    i: { re: F.zero, im: F.one },
    fromInteger: (n) => ({ re: F.fromRational(n, 1), im: F.zero }),
    add: (a, b) => complexAdd(F, a, b),
    sub: (a, b) => ({ re: F.sub(a.re, b.re), im: F.sub(a.im, b.im) }),
    mul: (a, b) => complexMul(F, a, b),
    neg: (a) => ({ re: F.neg(a.re), im: F.neg(a.im) }),
    conj: (a) => complexConj(F, a),
    isZero: (a) => F.isZero(a.re) && F.isZero(a.im),
  };
}

/**
 * The operator an expression denotes on A.L sites, in the algebra A. A scalar result means scalar * Id.
 *
 * @throws InputError (index-out-of-range, domain-error, bad-exponent, not-a-scalar) located at the node
 */
export function evalOperatorIn<T, Op>(A: OperatorAlgebra<T, Op>, origin: Origin, e: Expr, scope: FieldScope<T>): Op {
  if (A === last.A && origin === last.origin) return walkOperatorToOp(last.X as ExpressionAlgebra<Complex<T>, Op, FieldScope<T>>, e, scope);
  let byOrigin = walks.get(A);
  if (!byOrigin) { byOrigin = new WeakMap(); walks.set(A, byOrigin); }
  let X = byOrigin.get(origin) as ExpressionAlgebra<Complex<T>, Op, FieldScope<T>> | undefined;
  if (!X) { X = productTerms(A, origin); byOrigin.set(origin, X); }
  last.A = A; last.origin = origin; last.X = X;
  return walkOperatorToOp(X, e, scope);
}

/**
 * The walk's view of each algebra per origin, made once: an algebra evaluating many expressions
 * from one origin (the product method's 10^5 channels of one `each` entry) sets it up once.
 */
const walks = new WeakMap<object, WeakMap<Origin, unknown>>();
/** The view used last (the channels of one entry ask for it 10^5 times in a row). */
const last: { A: object | null; origin: Origin | null; X: unknown } = { A: null, origin: null, X: null };

/** The walk's view of an algebra of product terms: sites anywhere, binders expanded, InputErrors at the node. */
function productTerms<T, Op>(A: OperatorAlgebra<T, Op>, origin: Origin): ExpressionAlgebra<Complex<T>, Op, FieldScope<T>> {
  const F = A.field, L = A.L;
  const ring = complexRing(F);
  const minusOne: Complex<T> = { re: F.neg(F.one), im: F.zero };
  const X: ExpressionAlgebra<Complex<T>, Op, FieldScope<T>> = {
    ring,
    scalar: (e, scope) => evalScalarIn(F, origin, e, scope),
    call: (e, scope) => evalScalarIn(F, origin, e, scope),
    exponent: (at, scope) => operatorExponent(origin, at, evalIntegerIn(F, origin, at, scope, 'an operator exponent')),
    inverse: (at, scope) => {
      const b = walkOperator(X, at, scope);
      if (b.kind !== 'scalar') throw errorAt(origin, at, 'not-a-scalar', 'an operator can only be divided by a scalar');
      const d = F.add(F.mul(b.v.re, b.v.re), F.mul(b.v.im, b.v.im));
      if (F.isZero(d)) throw errorAt(origin, at, 'domain-error', 'division by zero');
      return { re: F.div(b.v.re, d), im: F.div(F.neg(b.v.im), d) };
    },
    badOperator: (e) => { throw errorAt(origin, e, 'not-a-scalar', `'${e.op}' takes scalars, not operators`); },
    identity: (c) => A.scalar(c),
    collective: (name) => (A.layout ? layoutCollective(A, origin, name) : A.collective(name)),
    site: (e, scope) => {
      if (A.layout) return layoutSite(A, origin, e, scope);
      const k = evalIntegerIn(F, origin, e.index, scope, 'a site index');
      if (k < 0 || k >= L) {
        throw errorAt(origin, e.index, 'index-out-of-range', `site index ${k} is outside 0..${L - 1} at L = ${L}; use % L to wrap or narrow the sum's range`);
      }
      if (!isQubitOp(e.op)) return qubitForm(A, origin, e, k, scope);
      return A.site(k, e.op);
    },
    binder: (e, scope) => {
      const [lo, hi] = binderRangeIn(F, origin, e, scope);
      const inner = new Map(scope);
      if (e.fn === 'sum') {
        // Scalars are added as scalars until the first operator summand; from there on every
        // summand is an operator, added to a running sum (A.add.from: the same terms, order and
        // rounding as one addition at a time, without collecting the partial sum per summand,
        // which is quadratic in L).
        let scalar = ring.zero;
        let acc: RunningSum<Op> | null = null;
        for (let k = lo; k <= hi; k++) {
          inner.set(e.index, F.fromRational(k, 1));
          const v = walkOperator(X, e.body, inner);
          if (acc === null && v.kind === 'scalar') scalar = complexAdd(F, scalar, v.v);
          else (acc ??= leftToRight(A, A.scalar(scalar))).add(v.kind === 'op' ? v.v : A.scalar(v.v));
        }
        return acc === null ? { kind: 'scalar', v: scalar } : { kind: 'op', v: acc.result() };
      }
      let acc: Walked<Complex<T>, Op> = { kind: 'scalar', v: ring.one };
      for (let k = lo; k <= hi; k++) {
        inner.set(e.index, F.fromRational(k, 1));
        const v = walkOperator(X, e.body, inner);
        if (acc.kind === 'scalar' && v.kind === 'scalar') {
          acc = { kind: 'scalar', v: complexMul(F, acc.v, v.v) };
        } else {
          const a: Op = acc.kind === 'op' ? acc.v : A.scalar(acc.v), b: Op = v.kind === 'op' ? v.v : A.scalar(v.v);
          acc = { kind: 'op', v: A.mul(a, b) };
        }
      }
      return acc;
    },
    add: (a, b) => A.add(a, b),
    sub: (a, b) => A.add(a, A.scale(b, minusOne)),
    neg: (a) => A.scale(a, minusOne),
    mul: (a, b) => A.mul(a, b),
    scale: (a, c) => A.scale(a, c),
    pow: (a, n) => A.pow(a, n),
    adjoint: (a) => A.adjoint(a),
  };
  return X;
}

type SiteExpr = Extract<Expr, { kind: 'site' }>;

/** The levels (i, j) of `P[i,j]`, each an integer 0..dim-1. */
function levelsOf<T>(F: ElementaryField<T>, origin: Origin, e: SiteExpr, scope: FieldScope<T>, dim: number): [number, number] {
  if (!e.levels) throw errorAt(origin, e, 'wrong-species', 'P needs its levels, as in P[0,1][k]');
  return e.levels.map((x) => {
    const v = evalIntegerIn(F, origin, x, scope, 'a level of P[i,j]');
    if (v < 0 || v >= dim) throw errorAt(origin, x, 'index-out-of-range', `level ${v} is outside 0..${dim - 1} of this site (${dim} levels)`);
    return v;
  }) as [number, number];
}

/**
 * A v2 spin operator on a qubit of a model without v2 sites (v1, or one spin-1/2 species of L
 * sites) in v1's qubit operators: Sx = X/2, Sy = Y/2, Sz = Z/2, P[0,0] = N, P[0,1] = Sp,
 * P[1,0] = Sm, P[1,1] = Id - N; a mode operator is an error (there is no mode).
 */
function qubitForm<T, Op>(A: OperatorAlgebra<T, Op>, origin: Origin, e: SiteExpr, k: number, scope: FieldScope<T>): Op {
  const F = A.field;
  const half: Complex<T> = { re: F.fromRational(1, 2), im: F.zero };
  switch (e.op) {
    case 'Sx': return A.scale(A.site(k, 'X'), half);
    case 'Sy': return A.scale(A.site(k, 'Y'), half);
    case 'Sz': return A.scale(A.site(k, 'Z'), half);
    case 'P': {
      const [i, j] = levelsOf(F, origin, e, scope, 2);
      if (i === 0) return A.site(k, j === 0 ? 'N' : 'Sp');
      if (j === 0) return A.site(k, 'Sm');
      return A.add(A.scalar({ re: F.one, im: F.zero }), A.scale(A.site(k, 'N'), { re: F.neg(F.one), im: F.zero }));
    }
    default: {
      const found = speciesOf([qubitSpecies], e.op);
      throw errorAt(origin, e, 'wrong-species', 'why' in found ? found.why : `${e.op} does not act on qubits`);
    }
  }
}

/** A site operator on v2 sites: its species (speciesOf), the index within the species, the one-site matrix on the global site. */
function layoutSite<T, Op>(A: OperatorAlgebra<T, Op>, origin: Origin, e: SiteExpr, scope: FieldScope<T>): Op {
  const F = A.field, layout = A.layout!;
  const found = speciesOf(layout.species, e.op);
  if ('why' in found) throw errorAt(origin, e, 'wrong-species', found.why);
  const s = layout.species[found.index], count = layout.counts[found.index];
  const k = evalIntegerIn(F, origin, e.index, scope, 'a site index');
  if (k < 0 || k >= count) {
    const L = scope.get('L');
    throw errorAt(origin, e.index, 'index-out-of-range', `site index ${k} is outside 0..${count - 1} of the species ${s.name} (${count} sites${L === undefined ? '' : ` at L = ${F.toNumber(L)}`})`);
  }
  const levels = e.op === 'P' ? levelsOf(F, origin, e, scope, s.dim) : null;
  if (!A.local) throw new RangeError('an operator algebra without v2 sites was given a v2 layout');
  return A.local(layout.offsets[found.index] + k, speciesLocal(s, e.op, levels));
}

/** A collective operator on v2 sites: Id, or the sum over the spin species' sites of Sx, Sy, Sz, Sp, Sm (Jx = sum Sx, ...). */
function layoutCollective<T, Op>(A: OperatorAlgebra<T, Op>, origin: Origin, name: CollectiveName): Op {
  const F = A.field, layout = A.layout!;
  if (name === 'Id') return A.scalar({ re: F.one, im: F.zero });
  const i = layout.species.findIndex((s) => s.kind === 'spin');
  if (i < 0) throw errorAt(origin, origin.located.expr, 'wrong-species', `${name} is a collective spin operator and this model has no spin sites`);
  const op = ({ Jx: 'Sx', Jy: 'Sy', Jz: 'Sz', Jp: 'Sp', Jm: 'Sm' } as const)[name];
  const acc = leftToRight(A, A.scalar({ re: F.zero, im: F.zero }));
  for (let k = 0; k < layout.counts[i]; k++) acc.add(A.local!(layout.offsets[i] + k, speciesLocal(layout.species[i], op, null)));
  return acc.result();
}
