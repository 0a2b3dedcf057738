/**
 * The one walk of an operator expression tree. It decides what is a scalar and what an operator,
 * and dispatches each node to an {@link ExpressionAlgebra}: scalar evaluation, operator arithmetic
 * and the few places where representations differ (site operators, binders over sites, collective
 * names, and how a rejected expression fails). Its instances:
 *
 *  - product terms over a field (symbolic/evaluate-operator: float64 numeric/opsum, Decimal
 *    product terms), lifted from an {@link OperatorAlgebra} by evalOperatorIn;
 *  - collective operators in a total-spin sector (symbolic/collective-walk: float64 CSR sector
 *    matrices, Decimal sparse columns, symbolic kets), whose binders over all sites walk their body
 *    a second time over the one-site algebra of the same file.
 *
 * A subexpression without operators (and without dag, which the scalar evaluator does not know) is
 * the algebra's scalar at once; otherwise the walk recurses, and a node whose parts are all scalars
 * is evaluated again as one scalar expression, as the scalar evaluator would.
 */
import { containsOperator, type Expr } from '../lang/index.js';

/** The collective operators of the language: Id, J_a = sum_k sigma^a_k / 2, J_+- = sum_k S^+-_k. */
export type CollectiveName = 'Id' | 'Jx' | 'Jy' | 'Jz' | 'Jp' | 'Jm';

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

type Binder = Extract<Expr, { kind: 'binder' }>;
type Binary = Extract<Expr, { kind: 'binary' }>;
type Site = Extract<Expr, { kind: 'site' }>;
type Call = Extract<Expr, { kind: 'call' }>;

/** A walked expression: a scalar or an operator. */
export type Walked<S, Op> = { readonly kind: 'scalar'; readonly v: S } | { readonly kind: 'op'; readonly v: Op };

/**
 * How a scalar multiplies an operator, as written: c * a ('left'), a * c ('right'), a / d with
 * c = 1/d ('quotient'). The value is c a in each case; the kind lets an instance keep its rounding.
 */
export type ScaleKind = 'left' | 'right' | 'quotient';

/** What the one walk ({@link walkOperator}) needs of a representation of operators with scalars S. */
export interface ExpressionAlgebra<S, Op, Scope> {
  /** The scalars (neg, conj, add, mul for scalar values the walk meets outside the scalar evaluator). */
  readonly ring: CoefficientRing<S>;
  /** The value of an expression without operators (and without dag). */
  scalar(e: Expr, scope: Scope): S;
  /** A function call other than dag whose arguments mention operators. */
  call(e: Call, scope: Scope): S;
  /** The exponent of an operator power, an integer >= 0 (the instance's errors otherwise). */
  exponent(at: Expr, scope: Scope): number;
  /** 1 / (the divisor of an operator), a scalar (the instance's errors otherwise). */
  inverse(at: Expr, scope: Scope): S;
  /** An operator between operators other than + - * / ^: throws the instance's error. */
  badOperator(e: Binary): never;
  /** c Id. */
  identity(c: S): Op;
  /** Id, Jx, Jy, Jz, Jp or Jm. */
  collective(name: CollectiveName): Op;
  /** A site operator such as X[k]. */
  site(e: Site, scope: Scope): Op;
  /** sum or prod whose body mentions operators (or dag). */
  binder(e: Binder, scope: Scope): Walked<S, Op>;
  add(a: Op, b: Op): Op;
  /** a - b. */
  sub(a: Op, b: Op): Op;
  /** -a. */
  neg(a: Op): Op;
  /** The ordered product a b. */
  mul(a: Op, b: Op): Op;
  /** c a, written as `kind` says. */
  scale(a: Op, c: S, kind: ScaleKind): Op;
  /** a^n for an integer n >= 0 (a^0 = Id). */
  pow(a: Op, n: number): Op;
  /** The adjoint a^+. */
  adjoint(a: Op): Op;
}

/** Whether e is a scalar expression for the scalar evaluator: no operator and no dag. */
const plainScalars = new WeakMap<Expr, boolean>();

function isPlainScalar(e: Expr): boolean {
  const hit = plainScalars.get(e);
  if (hit !== undefined) return hit;
  const plain = !containsOperator(e) && !mentionsDag(e);
  plainScalars.set(e, plain);
  return plain;
}

function mentionsDag(e: Expr): boolean {
  switch (e.kind) {
    case 'unary': return mentionsDag(e.arg);
    case 'binary': return mentionsDag(e.left) || mentionsDag(e.right);
    case 'call': return e.fn === 'dag' || e.args.some(mentionsDag);
    case 'binder': return mentionsDag(e.body) || (e.from !== null && mentionsDag(e.from)) || (e.to !== null && mentionsDag(e.to));
    default: return false;
  }
}

const collectiveNames: ReadonlySet<string> = new Set<CollectiveName>(['Id', 'Jx', 'Jy', 'Jz', 'Jp', 'Jm']);

/** The operator of `e` in A (a scalar as that scalar times Id). */
export function walkOperatorToOp<S, Op, Scope>(A: ExpressionAlgebra<S, Op, Scope>, e: Expr, scope: Scope): Op {
  const r = walkOperator(A, e, scope);
  return r.kind === 'op' ? r.v : A.identity(r.v);
}

function scalar<S, Op>(v: S): Walked<S, Op> { return { kind: 'scalar', v }; }
function op<S, Op>(v: Op): Walked<S, Op> { return { kind: 'op', v }; }
function asOpIn<S, Op, Scope>(A: ExpressionAlgebra<S, Op, Scope>, x: Walked<S, Op>): Op { return x.kind === 'op' ? x.v : A.identity(x.v); }

/** The value of `e` in A: a scalar or an operator. */
export function walkOperator<S, Op, Scope>(A: ExpressionAlgebra<S, Op, Scope>, e: Expr, scope: Scope): Walked<S, Op> {
  if (isPlainScalar(e)) return scalar(A.scalar(e, scope));
  switch (e.kind) {
    case 'name':
      if (collectiveNames.has(e.name)) return op(A.collective(e.name as CollectiveName));
      return scalar(A.scalar(e, scope));
    case 'num':
    case 'str':
      return scalar(A.scalar(e, scope));
    case 'site':
      return op(A.site(e, scope));
    case 'unary': {
      const a = walkOperator(A, e.arg, scope);
      if (e.op === '+') return a;
      return a.kind === 'op' ? op(A.neg(a.v)) : scalar(A.ring.neg(a.v));
    }
    case 'binary': {
      const a = walkOperator(A, e.left, scope);
      if (e.op === '^') {
        if (a.kind === 'scalar') return scalar(A.scalar(e, scope));
        return op(A.pow(a.v, A.exponent(e.right, scope)));
      }
      if (e.op === '/' && (a.kind === 'op' || containsOperator(e.right))) {
        const inv = A.inverse(e.right, scope);
        return op(A.scale(asOpIn(A, a), inv, 'quotient'));
      }
      const b = walkOperator(A, e.right, scope);
      if (a.kind === 'scalar' && b.kind === 'scalar') return scalar(A.scalar(e, scope));
      switch (e.op) {
        case '+': return op(A.add(asOpIn(A, a), asOpIn(A, b)));
        case '-': return op(A.sub(asOpIn(A, a), asOpIn(A, b)));
        case '*':
          if (a.kind === 'scalar') return op(A.scale(asOpIn(A, b), a.v, 'left'));
          if (b.kind === 'scalar') return op(A.scale(a.v, b.v, 'right'));
          return op(A.mul(a.v, b.v));
        default: return A.badOperator(e);
      }
    }
    case 'call': {
      if (e.fn !== 'dag') return scalar(A.call(e, scope));
      const a = walkOperator(A, e.args[0], scope);
      return a.kind === 'op' ? op(A.adjoint(a.v)) : scalar(A.ring.conj(a.v));
    }
    case 'binder':
      return A.binder(e, scope);
  }
}
