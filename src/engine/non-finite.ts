/**
 * Non-finite numbers as numerical trouble (exit 3), never a NaN or an Infinity in a result: the
 * error {@link NonFiniteError} names the quantity and, where a model expression is its source, the
 * place (file, key, line:column). The float64 engine checks the coefficients of H and of each A
 * ({@link assertFiniteOperator}); both engines check every number of a result (engine/system.ts),
 * which catches a bath's gamma(w) that overflows (as the channel's gammaMax, or J). A bath field
 * or a custom gamma(w) that is not finite is refused earlier, as an input error of the evaluator.
 * A leaf module of the engine.
 */
import { childrenOf, type Expr, type Origin } from '../lang/index.js';
import { NotHermitianError, decimalContext, type OpSum } from '../numeric/index.js';
import { evalScalar, evalScalarPrecise, type ValueScope } from '../symbolic/index.js';

/** Where a non-finite number came from: a model expression (the node's text as `token`). */
export interface NonFinitePlace {
  readonly file: string;
  readonly key: string;
  readonly line: number;
  readonly column: number;
  readonly token: string;
}

/**
 * A number that is not finite (an overflow, or NaN) in the engine's number field: numerical
 * trouble on valid input (the CLI's exit 3), with the quantity named (`H`, `channels[0].A`,
 * `J`, `channels[1].deltaE`, `error.bounds.B1`) and, when a model expression is its source, the place.
 */
export class NonFiniteError extends Error {
  /** The quantity that is not finite. */
  readonly quantity: string;
  /** The model expression it came from, or null (a result's number). */
  readonly where: NonFinitePlace | null;
  constructor(quantity: string, message: string, where: NonFinitePlace | null = null) {
    super(message);
    this.name = 'NonFiniteError';
    this.quantity = quantity;
    this.where = where;
  }
}

/** The place of `node` in the expression of `origin`. */
function placeOf(origin: Origin, node: Expr): NonFinitePlace {
  return {
    file: origin.file, key: origin.located.key, line: node.span.line, column: node.span.column,
    token: origin.located.text.slice(node.span.start, node.span.end),
  };
}

/** Digits of the decimal.js check of an overflowing sub-expression (its exponent range, not its digits, decides). */
const checkDigits = 30;

/**
 * The first sub-expression (children before parents) that is a scalar of the scope and not finite
 * in float64, with whether decimal.js holds it (null: not checked), or null when none is (the
 * overflow is in the product terms, or under a binder's index). Only called on the error path.
 */
function overflowingNode(origin: Origin, e: Expr, scope: ValueScope): { node: Expr; decimal: boolean | null } | null {
  const post: Expr[] = [];
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const n = stack.pop()!;
    post.push(n);
    for (const c of childrenOf(n)) stack.push(c);
  }
  for (let i = post.length - 1; i >= 0; i--) {
    const node = post[i];
    let v: readonly [number, number];
    try { v = evalScalar(origin, node, scope); } catch { continue; }
    if (Number.isFinite(v[0]) && Number.isFinite(v[1])) continue;
    let decimal: boolean | null = null;
    try {
      const D = decimalContext(checkDigits);
      const s = new Map([...scope].map(([k, x]) => [k, new D(x)]));
      const p = evalScalarPrecise(D, origin, node, s);
      decimal = p.re.isFinite() && p.im.isFinite();
    } catch { decimal = null; }
    return { node, decimal };
  }
  return null;
}

/**
 * Checks that every coefficient of an operator evaluated in float64 is finite.
 *
 * @param origin the expression's file and key (its key names the quantity: `H`, `channels[0].A`)
 * @param e the expression evaluated, `scope` its scope
 * @throws NonFiniteError at the first scalar sub-expression that overflows float64 (else at the
 *   expression), saying whether the decimal.js engine (--digits D) holds it
 * @example
 * assertFiniteOperator(evalOperatorIn(...), origin, e, scope) // throws for exp(1000)*Z[0]
 */
export function assertFiniteOperator(op: OpSum, origin: Origin, e: Expr, scope: ValueScope): void {
  for (const t of op.terms) {
    if (Number.isFinite(t.cr) && Number.isFinite(t.ci)) continue;
    const key = origin.located.key;
    const found = overflowingNode(origin, e, scope);
    const node = found?.node ?? e;
    const cause = found ? `${origin.located.text.slice(node.span.start, node.span.end)} ${nonFiniteWord(found.node, origin, scope)}` : 'its product terms overflow';
    const hint = found?.decimal === false ? 'it is not finite in decimal.js either'
      : found?.decimal === true ? 'the decimal.js engine (--digits D) holds it' : 'the decimal.js engine (--digits D) may hold it';
    throw new NonFiniteError(key, `a coefficient of ${key} is not finite in float64 (${cause}); ${hint}`, placeOf(origin, node));
  }
}

/** `overflows` for an infinity, `is NaN` for a NaN. */
function nonFiniteWord(node: Expr, origin: Origin, scope: ValueScope): string {
  const [re, im] = evalScalar(origin, node, scope);
  return Number.isNaN(re) || Number.isNaN(im) ? 'is NaN' : 'overflows';
}

/**
 * The first number of a result that is not finite, by name, or null. `values` are the result's
 * numbers by quantity name in report order; `finite` is the field's test.
 */
export function firstNonFinite<T>(values: Iterable<readonly [string, T]>, finite: (x: T) => boolean): string | null {
  for (const [name, x] of values) if (!finite(x)) return name;
  return null;
}

/**
 * `compute()` (an eigensolver or a norm of an operator whose coefficients are finite), with an
 * overflow of its matrix as {@link NonFiniteError} naming `quantity`: finite coefficients near the
 * float64 limit (`1e308*Z[k] + 1e308*X[k]`) add up to an entry or an eigenvalue beyond it, which
 * the Hermitian eigensolvers report as a NaN residual (a non-finite entry, `NotHermitianError`), or
 * which comes out as an infinite extreme eigenvalue.
 *
 * @param quantity what is computed, as a message names it (`||channels[0].A||`, `the spectrum of H`)
 * @param origin the operator's expression (its file, key and line:column are the error's place), or null
 * @throws NonFiniteError in those cases; any other error as it is
 * @example
 * const ext = finiteOrOverflow('||channels[0].A||', ch.origin, () => opExtremes(op))
 */
export function finiteOrOverflow<R>(quantity: string, origin: Origin | null, compute: () => R, finite: (r: R) => boolean = () => true): R {
  let r: R;
  try {
    r = compute();
  } catch (err) {
    if (err instanceof NotHermitianError && Number.isNaN(err.residual)) throw overflowError(quantity, origin);
    throw err;
  }
  if (!finite(r)) throw overflowError(quantity, origin);
  return r;
}

function overflowError(quantity: string, origin: Origin | null): NonFiniteError {
  const where = origin ? placeOf(origin, origin.located.expr) : null;
  return new NonFiniteError(quantity, `${quantity} is not finite in float64: the model's coefficients are finite but their sums in the matrix overflow float64 (beyond about 1.8e308); the decimal.js engine (--digits D) may hold them`, where);
}
