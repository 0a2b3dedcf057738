/**
 * Operator expressions evaluated at L over an {@link OperatorAlgebra} (float64 product terms,
 * Decimal product terms, ...): the one walk of symbolic/operator-walk, with the scalars evaluated
 * over the algebra's field by symbolic/evaluate. This file holds what product terms add to the
 * walk: site operators anywhere (indices checked against L), binders over any range expanded term
 * by term, and the same InputError in every algebra; the algebra only does the arithmetic.
 */
import { errorAt, isQubitOp, type Expr, type Origin, type QubitOpName } from '../lang/index.js';
import { complexAdd, complexConj, complexMul, type Addition, type Complex, type ElementaryField, type RunningSum } from '../numeric/index.js';
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
    collective: (name) => A.collective(name),
    site: (e, scope) => {
      const k = evalIntegerIn(F, origin, e.index, scope, 'a site index');
      if (k < 0 || k >= L) {
        throw errorAt(origin, e.index, 'index-out-of-range', `site index ${k} is outside 0..${L - 1} at L = ${L}; use % L to wrap or narrow the sum's range`);
      }
      if (!isQubitOp(e.op)) throw errorAt(origin, e, 'wrong-species', `${e.op} is an operator of model language v2, which this engine does not evaluate yet`);
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
