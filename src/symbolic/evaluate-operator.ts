/**
 * Operator expressions evaluated at L over an {@link OperatorAlgebra}: one walk of the AST for every
 * representation of the operators (float64 product terms, Decimal product terms, ...), with the
 * scalars evaluated over the algebra's field by symbolic/evaluate. The walk decides what is a
 * scalar and what an operator, checks site indices and exponents, and reports the same InputError
 * in every algebra; the algebra only does the arithmetic.
 */
import { errorAt, type Expr, type Origin, type SiteOpName } from '../lang/index.js';
import { complexAdd, complexConj, complexMul, type Complex, type ElementaryField } from '../numeric/index.js';
import { binderRangeIn, evalIntegerIn, evalScalarIn, type FieldScope } from './evaluate.js';

/** The collective operators of the language: Id, J_a = sum_k sigma^a_k / 2, J_+- = sum_k S^+-_k. */
export type CollectiveName = 'Id' | 'Jx' | 'Jy' | 'Jz' | 'Jp' | 'Jm';

/** Operators on L sites with scalars in a field: what an operator expression needs of them. */
export interface OperatorAlgebra<T, Op> {
  /** The scalars' field. */
  readonly field: ElementaryField<T>;
  /** The number of sites. */
  readonly L: number;
  /** c Id. */
  scalar(c: Complex<T>): Op;
  /** The one-site operator `op` on site k (0 <= k < L). */
  site(k: number, op: SiteOpName): Op;
  collective(name: CollectiveName): Op;
  add(a: Op, b: Op): Op;
  /** The ordered product a b. */
  mul(a: Op, b: Op): Op;
  /** c a. */
  scale(a: Op, c: Complex<T>): Op;
  /** a^n for an integer n >= 0 (a^0 = Id). */
  pow(a: Op, n: number): Op;
  /** The adjoint a^+. */
  adjoint(a: Op): Op;
}

const collectiveNames: ReadonlySet<string> = new Set<CollectiveName>(['Id', 'Jx', 'Jy', 'Jz', 'Jp', 'Jm']);

/** The one-site operator and the coefficient (1/2 or 1) of each collective sum. */
const collectiveSums: Readonly<Record<Exclude<CollectiveName, 'Id'>, readonly [SiteOpName, boolean]>> = {
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
  let acc = A.scalar({ re: F.zero, im: F.zero });
  for (let k = 0; k < A.L; k++) acc = A.add(acc, A.scale(A.site(k, op), c));
  return acc;
}

type Value<T, Op> = { kind: 'scalar'; v: Complex<T> } | { kind: 'op'; v: Op };

/**
 * The operator an expression denotes on A.L sites, in the algebra A. A scalar result means scalar * Id.
 *
 * @throws InputError (index-out-of-range, domain-error, bad-exponent, not-a-scalar) located at the node
 */
export function evalOperatorIn<T, Op>(A: OperatorAlgebra<T, Op>, origin: Origin, e: Expr, scope: FieldScope<T>): Op {
  const r = walk(A, origin, e, scope);
  return r.kind === 'op' ? r.v : A.scalar(r.v);
}

function walk<T, Op>(A: OperatorAlgebra<T, Op>, origin: Origin, e: Expr, scope: FieldScope<T>): Value<T, Op> {
  const F = A.field, L = A.L;
  const scalar = (v: Complex<T>): Value<T, Op> => ({ kind: 'scalar', v });
  const op = (v: Op): Value<T, Op> => ({ kind: 'op', v });
  const asOp = (x: Value<T, Op>): Op => (x.kind === 'op' ? x.v : A.scalar(x.v));
  const minusOne = (): Complex<T> => ({ re: F.neg(F.one), im: F.zero });
  switch (e.kind) {
    case 'name':
      if (collectiveNames.has(e.name)) return op(A.collective(e.name as CollectiveName));
      return scalar(evalScalarIn(F, origin, e, scope));
    case 'num':
    case 'str':
      return scalar(evalScalarIn(F, origin, e, scope));
    case 'site': {
      const k = evalIntegerIn(F, origin, e.index, scope, 'a site index');
      if (k < 0 || k >= L) {
        throw errorAt(origin, e.index, 'index-out-of-range', `site index ${k} is outside 0..${L - 1} at L = ${L}; use % L to wrap or narrow the sum's range`);
      }
      return op(A.site(k, e.op));
    }
    case 'unary': {
      const a = walk(A, origin, e.arg, scope);
      if (e.op === '+') return a;
      return a.kind === 'op' ? op(A.scale(a.v, minusOne())) : scalar({ re: F.neg(a.v.re), im: F.neg(a.v.im) });
    }
    case 'binary': {
      if (e.op === '^') {
        const base = walk(A, origin, e.left, scope);
        if (base.kind === 'scalar') return scalar(evalScalarIn(F, origin, e, scope));
        const n = evalIntegerIn(F, origin, e.right, scope, 'an operator exponent');
        if (n < 0) throw errorAt(origin, e.right, 'bad-exponent', `an operator power needs an integer exponent >= 0, got ${n}`);
        return op(A.pow(base.v, n));
      }
      const a = walk(A, origin, e.left, scope);
      const b = walk(A, origin, e.right, scope);
      if (a.kind === 'scalar' && b.kind === 'scalar') return scalar(evalScalarIn(F, origin, e, scope));
      switch (e.op) {
        case '+': return op(A.add(asOp(a), asOp(b)));
        case '-': return op(A.add(asOp(a), A.scale(asOp(b), minusOne())));
        case '*':
          if (a.kind === 'scalar') return op(A.scale(asOp(b), a.v));
          if (b.kind === 'scalar') return op(A.scale(a.v, b.v));
          return op(A.mul(a.v, b.v));
        case '/': {
          if (b.kind !== 'scalar') throw errorAt(origin, e.right, 'not-a-scalar', 'an operator can only be divided by a scalar');
          const d = F.add(F.mul(b.v.re, b.v.re), F.mul(b.v.im, b.v.im));
          if (F.isZero(d)) throw errorAt(origin, e.right, 'domain-error', 'division by zero');
          return op(A.scale(asOp(a), { re: F.div(b.v.re, d), im: F.div(F.neg(b.v.im), d) }));
        }
        default:
          throw errorAt(origin, e, 'not-a-scalar', `'${e.op}' takes scalars, not operators`);
      }
    }
    case 'call': {
      if (e.fn === 'dag') {
        const a = walk(A, origin, e.args[0], scope);
        return a.kind === 'op' ? op(A.adjoint(a.v)) : scalar(complexConj(F, a.v));
      }
      return scalar(evalScalarIn(F, origin, e, scope));
    }
    case 'binder': {
      const [lo, hi] = binderRangeIn(F, origin, e, scope);
      const inner = new Map(scope);
      let acc: Value<T, Op> = scalar({ re: e.fn === 'sum' ? F.zero : F.one, im: F.zero });
      for (let k = lo; k <= hi; k++) {
        inner.set(e.index, F.fromRational(k, 1));
        const v = walk(A, origin, e.body, inner);
        if (acc.kind === 'scalar' && v.kind === 'scalar') {
          acc = scalar(e.fn === 'sum' ? complexAdd(F, acc.v, v.v) : complexMul(F, acc.v, v.v));
        } else {
          acc = op(e.fn === 'sum' ? A.add(asOp(acc), asOp(v)) : A.mul(asOp(acc), asOp(v)));
        }
      }
      return acc;
    }
  }
}
