/**
 * Scalar expressions evaluated over an {@link ElementaryField}: one evaluator for float64 and
 * decimal.js. Scalars are complex because `im` may appear in operator coefficients; bath fields and
 * state parameters must come out real. Decimal literals and param texts are exact in decimal.js
 * (0.1 is 1/10), the nearest double in float64. The same expression fails with the same InputError
 * (code, node, message) in both fields.
 *
 * The float64 names (`evalScalar`, `evalReal`, `evalInteger`, `binderRange`, `complexMul`, tuples
 * [re, im]) and the Decimal ones (`evalScalarPrecise`, ..., `preciseMul`, {re, im}) are thin
 * wrappers, kept for the package's users.
 */
import type { Decimal } from '../numeric/index.js';
import { errorAt, type Expr, type Origin } from '../lang/index.js';
import {
  complexAdd, complexMul as fieldMul, decimalElementary, float64Elementary,
  type Complex as FieldComplex, type ElementaryField,
} from '../numeric/index.js';

/** Names in scope (params, L, bound indices, `w` inside a custom spectrum) as field elements. */
export type FieldScope<T> = ReadonlyMap<string, T>;

/**
 * The value of a scalar expression over the field F.
 *
 * @throws InputError (domain-error, unknown-name, not-a-scalar, unknown-function) located at the offending node
 * @example
 * evalScalarIn(float64Elementary, origin, parseExpr('2 * im'), new Map()) // { re: 0, im: 2 }
 */
export function evalScalarIn<T>(F: ElementaryField<T>, origin: Origin, e: Expr, scope: FieldScope<T>): FieldComplex<T> {
  const real = (x: T): FieldComplex<T> => ({ re: x, im: F.zero });
  switch (e.kind) {
    case 'num': return real(F.fromText(e.text));
    case 'str': throw errorAt(origin, e, 'not-a-scalar', 'expected a number, found a string');
    case 'name': {
      if (e.name === 'pi') return real(F.pi);
      if (e.name === 'im') return { re: F.zero, im: F.one };
      const v = scope.get(e.name);
      if (v === undefined) throw errorAt(origin, e, 'unknown-name', `'${e.name}' is not a scalar in scope here (params, L, bound indices)`);
      return real(v);
    }
    case 'site': throw errorAt(origin, e, 'not-a-scalar', 'expected a scalar, found an operator');
    case 'unary': {
      const a = evalScalarIn(F, origin, e.arg, scope);
      return e.op === '-' ? { re: F.neg(a.re), im: F.neg(a.im) } : a;
    }
    case 'binary':
      return binary(F, origin, e, e.op, evalScalarIn(F, origin, e.left, scope), evalScalarIn(F, origin, e.right, scope));
    case 'call': return call(F, origin, e, scope);
    case 'binder': {
      const [lo, hi] = binderRangeIn(F, origin, e, scope);
      let acc = real(e.fn === 'sum' ? F.zero : F.one);
      const inner = new Map(scope);
      for (let k = lo; k <= hi; k++) {
        inner.set(e.index, F.fromRational(k, 1));
        const v = evalScalarIn(F, origin, e.body, inner);
        acc = e.fn === 'sum' ? complexAdd(F, acc, v) : fieldMul(F, acc, v);
      }
      return acc;
    }
  }
}

/**
 * A real scalar over F; an imaginary part beyond F's `realTolerance` (relative to max(1, |re|)) is an error.
 *
 * @throws InputError (domain-error: not real, not finite) located at e, and as {@link evalScalarIn}
 */
export function evalRealIn<T>(F: ElementaryField<T>, origin: Origin, e: Expr, scope: FieldScope<T>, what: string): T {
  const v = evalScalarIn(F, origin, e, scope);
  const tol = F.mul(F.realTolerance, F.max([F.one, F.abs(v.re)]));
  if (F.cmp(F.abs(v.im), tol) > 0) throw errorAt(origin, e, 'domain-error', `${what} must be real, got ${v.re} + ${v.im}i`);
  if (!F.isFinite(v.re)) throw errorAt(origin, e, 'domain-error', `${what} must be finite, got ${v.re}`);
  return v.re;
}

/**
 * An integer (index arithmetic, exponents, binder bounds): a real within 1e-9 (relative to
 * max(1, |v|)) of an integer.
 *
 * @throws InputError (domain-error) located at e, and as {@link evalRealIn}
 */
export function evalIntegerIn<T>(F: ElementaryField<T>, origin: Origin, e: Expr, scope: FieldScope<T>, what: string): number {
  // A name bound to an integer (a site index k, 10^5 times in a sum over sites): the value the
  // checks below would pass, without them. (pi and im are never scope names to the evaluator.)
  if (e.kind === 'name' && e.name !== 'pi' && e.name !== 'im') {
    const x = scope.get(e.name);
    if (x !== undefined && F.isInteger(x) && F.cmp(F.abs(x), F.fromNumber(Number.MAX_SAFE_INTEGER)) <= 0) return F.toNumber(F.round(x));
  }
  const v = evalRealIn(F, origin, e, scope, what);
  const r = F.round(v);
  const k = integerConstants(F);
  // An exact integer needs no tolerance (the common case: site indices, bounds, exponents).
  if (F.cmp(v, r) !== 0 && F.cmp(F.abs(F.sub(v, r)), F.mul(k.tolerance, F.max([F.one, F.abs(v)]))) > 0) {
    throw errorAt(origin, e, 'domain-error', `${what} must be an integer, got ${v}`);
  }
  // Beyond 2^53 - 1 a float64 integer is not exact (9007199254740993 reads as ...992, even).
  if (F.cmp(F.abs(r), k.maxSafe) > 0) {
    // A literal is named as written (float64 has already rounded 9007199254740993 to ...992).
    throw errorAt(origin, e, 'domain-error', `${what} must be an integer of at most 2^53 - 1 = ${Number.MAX_SAFE_INTEGER} in size, got ${e.kind === 'num' ? e.text : v}`);
  }
  return F.toNumber(r);
}

const integerConstantsOf = new WeakMap<object, { tolerance: unknown; maxSafe: unknown }>();

/** 1e-9 and 2^53 - 1 in the field F, made once per field (its values are immutable). */
function integerConstants<T>(F: ElementaryField<T>): { tolerance: T; maxSafe: T } {
  let k = integerConstantsOf.get(F);
  if (k === undefined) integerConstantsOf.set(F, (k = { tolerance: F.fromText('1e-9'), maxSafe: F.fromNumber(Number.MAX_SAFE_INTEGER) }));
  return k as { tolerance: T; maxSafe: T };
}

/** The largest operator power H and A may hold: each power is built from products of operators. */
export const maxOperatorPower = 1024;

/**
 * The exponent n of an operator power, checked: an integer in 0..{@link maxOperatorPower}.
 *
 * @throws InputError (bad-exponent) located at the exponent
 */
export function operatorExponent(origin: Origin, at: Expr, n: number): number {
  if (n < 0) throw errorAt(origin, at, 'bad-exponent', `an operator power needs an integer exponent >= 0, got ${n}`);
  if (n > maxOperatorPower) throw errorAt(origin, at, 'bad-exponent', `an operator power needs an exponent of at most ${maxOperatorPower}, got ${n}`);
  return n;
}

/**
 * The inclusive index range of a binder: 0..L-1 by default.
 *
 * @throws InputError as {@link evalIntegerIn}, at a bound
 */
export function binderRangeIn<T>(F: ElementaryField<T>, origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: FieldScope<T>): [number, number] {
  if (e.from === null || e.to === null) {
    const L = scope.get('L');
    return [0, (L === undefined ? 0 : F.toNumber(L)) - 1];
  }
  return [evalIntegerIn(F, origin, e.from, scope, 'a lower bound'), evalIntegerIn(F, origin, e.to, scope, 'an upper bound')];
}

/**
 * x / y.
 *
 * @throws InputError (domain-error: division by zero) located at e
 */
export function complexDivAt<T>(F: ElementaryField<T>, origin: Origin, e: Expr, x: FieldComplex<T>, y: FieldComplex<T>): FieldComplex<T> {
  if (F.isZero(y.re) && F.isZero(y.im)) throw errorAt(origin, e, 'domain-error', 'division by zero');
  // A real divisor: one rounding per part. (x y*)/|y|^2 would overflow where x/y does not
  // (1e308/2 gave Infinity) and round three times.
  if (F.isZero(y.im)) return { re: F.div(x.re, y.re), im: F.div(x.im, y.re) };
  // Smith's algorithm: scale by the larger part of y, so no intermediate overflows needlessly.
  if (F.cmp(F.abs(y.re), F.abs(y.im)) >= 0) {
    const r = F.div(y.im, y.re), den = F.add(y.re, F.mul(y.im, r));
    return { re: F.div(F.add(x.re, F.mul(x.im, r)), den), im: F.div(F.sub(x.im, F.mul(x.re, r)), den) };
  }
  const r = F.div(y.re, y.im), den = F.add(F.mul(y.re, r), y.im);
  return { re: F.div(F.add(F.mul(x.re, r), x.im), den), im: F.div(F.sub(F.mul(x.im, r), x.re), den) };
}

function binary<T>(F: ElementaryField<T>, origin: Origin, e: Expr, op: string, x: FieldComplex<T>, y: FieldComplex<T>): FieldComplex<T> {
  switch (op) {
    case '+': return complexAdd(F, x, y);
    case '-': return { re: F.sub(x.re, y.re), im: F.sub(x.im, y.im) };
    case '*': return fieldMul(F, x, y);
    case '/': return complexDivAt(F, origin, e, x, y);
    case '%': {
      if (!F.isZero(x.im) || !F.isZero(y.im) || F.isZero(y.re)) throw errorAt(origin, e, 'domain-error', '% needs real operands and a nonzero divisor');
      return { re: F.mod(F.add(F.mod(x.re, y.re), y.re), y.re), im: F.zero };
    }
    case '^': return power(F, origin, e, x, y);
  }
  throw errorAt(origin, e, 'unexpected-token', `unknown operator ${op}`);
}

const maxIntegerPower = 1024;

function power<T>(F: ElementaryField<T>, origin: Origin, e: Expr, x: FieldComplex<T>, y: FieldComplex<T>): FieldComplex<T> {
  if (F.isZero(y.im) && F.isInteger(y.re) && F.toNumber(F.abs(y.re)) <= maxIntegerPower) {
    const n = F.toNumber(F.abs(y.re));
    const one = { re: F.one, im: F.zero };
    let acc: FieldComplex<T> = one;
    for (let i = 0; i < n; i++) acc = fieldMul(F, acc, x);
    return F.cmp(y.re, F.zero) < 0 ? complexDivAt(F, origin, e, one, acc) : acc;
  }
  const integer = F.isZero(y.im) && F.isInteger(y.re);
  if (!F.isZero(x.im) || !F.isZero(y.im)) {
    throw errorAt(origin, e, 'domain-error', integer ? `a complex power needs an integer exponent of at most ${maxIntegerPower} in size` : 'a complex power needs an integer exponent');
  }
  if (F.cmp(x.re, F.zero) < 0) {
    if (!integer) throw errorAt(origin, e, 'domain-error', `a negative base (${x.re}) needs an integer exponent`);
    // The sign is the exponent's parity, which float64 knows only up to 2^53 - 1.
    if (F.cmp(F.abs(y.re), F.fromNumber(Number.MAX_SAFE_INTEGER)) > 0) {
      throw errorAt(origin, e, 'domain-error', `a negative base (${x.re}) needs an integer exponent of at most 2^53 - 1 in size, got ${y.re}`);
    }
    const m = F.pow(F.neg(x.re), y.re);
    return { re: F.toNumber(F.abs(y.re)) % 2 === 1 ? F.neg(m) : m, im: F.zero };
  }
  return { re: F.pow(x.re, y.re), im: F.zero };
}

/** The one-argument functions on reals (abs and exp also take complex arguments). */
const realFunctions = new Set(['sqrt', 'exp', 'log', 'sin', 'cos', 'abs', 'floor', 'ceil']);

function call<T>(F: ElementaryField<T>, origin: Origin, e: Extract<Expr, { kind: 'call' }>, scope: FieldScope<T>): FieldComplex<T> {
  const args = e.args.map((a) => evalScalarIn(F, origin, a, scope));
  const real = (i: number): T => {
    if (!F.isZero(args[i].im)) throw errorAt(origin, e.args[i], 'domain-error', `${e.fn} needs a real argument, got ${args[i].re} + ${args[i].im}i`);
    return args[i].re;
  };
  const value = (x: T): FieldComplex<T> => ({ re: x, im: F.zero });
  if (e.fn === 'min' || e.fn === 'max') {
    const vals = args.map((_, i) => real(i));
    return value(e.fn === 'min' ? F.min(vals) : F.max(vals));
  }
  if (!realFunctions.has(e.fn) || args.length !== 1) throw errorAt(origin, e, 'unknown-function', `'${e.fn}' is not a scalar function`);
  const a = args[0];
  if (e.fn === 'abs') return value(F.hypot(a.re, a.im));
  if (e.fn === 'exp' && !F.isZero(a.im)) {
    const r = F.exp(a.re);
    return { re: F.mul(r, F.cos(a.im)), im: F.mul(r, F.sin(a.im)) };
  }
  const x = real(0);
  // NaN is neither negative nor zero (as x < 0 and x <= 0 are false for it).
  const negative = F.cmp(x, F.zero) < 0;
  if ((e.fn === 'sqrt' && negative) || (e.fn === 'log' && (negative || F.isZero(x)))) {
    throw errorAt(origin, e, 'domain-error', `${e.fn}(${x}) is undefined; expected a ${e.fn === 'log' ? 'positive' : 'non-negative'} argument`);
  }
  switch (e.fn) {
    case 'sqrt': return value(F.sqrt(x));
    case 'exp': return value(F.exp(x));
    case 'log': return value(F.log(x));
    case 'sin': return value(F.sin(x));
    case 'cos': return value(F.cos(x));
    case 'floor': return value(F.floor(x));
    default: return value(F.ceil(x));
  }
}

// --- float64: the names of lang/evaluate.ts ----------------------------------------------------

/** A complex number [re, im] in float64. */
export type Complex = readonly [number, number];

/** Names in scope: params, L, bound indices (and `w` inside a custom spectrum). */
export type ValueScope = ReadonlyMap<string, number>;

/**
 * The value of a scalar expression in float64 complex arithmetic.
 *
 * @throws InputError (domain-error, unknown-name, not-a-scalar) located at the offending node
 */
export function evalScalar(origin: Origin, e: Expr, scope: ValueScope): Complex {
  const v = evalScalarIn(float64Elementary, origin, e, scope);
  return [v.re, v.im];
}

/**
 * A real scalar; a nonzero imaginary part (beyond 1e-12 relative) is an error.
 *
 * @throws InputError (domain-error) located at e
 */
export function evalReal(origin: Origin, e: Expr, scope: ValueScope, what: string): number {
  return evalRealIn(float64Elementary, origin, e, scope, what);
}

/**
 * An integer (index arithmetic, exponents, binder bounds).
 *
 * @throws InputError (domain-error) located at e
 */
export function evalInteger(origin: Origin, e: Expr, scope: ValueScope, what: string): number {
  return evalIntegerIn(float64Elementary, origin, e, scope, what);
}

/**
 * The inclusive index range of a binder: 0..L-1 by default.
 *
 * @throws InputError (domain-error) at a bound that is not an integer
 */
export function binderRange(origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: ValueScope): [number, number] {
  return binderRangeIn(float64Elementary, origin, e, scope);
}

/** x y in float64. */
export function complexMul(x: Complex, y: Complex): Complex {
  return [x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]];
}

// --- decimal.js: the names of lang/evaluate-precise.ts -----------------------------------------

/** A complex number in Decimal. */
export type PreciseComplex = FieldComplex<Decimal>;

/** Names in scope (params, L, bound indices, `w`), as Decimals. */
export type PreciseScope = ReadonlyMap<string, Decimal>;

/** The Decimal constructor that fixes the working precision. */
export type DecimalCtor = typeof Decimal;

/**
 * The value of a scalar expression at the precision of `D`.
 *
 * @throws InputError (domain-error, unknown-name, not-a-scalar) located at the offending node
 */
export function evalScalarPrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope): PreciseComplex {
  return evalScalarIn(decimalElementary(D), origin, e, scope);
}

/**
 * A real scalar; an imaginary part beyond the working precision is an error.
 *
 * @throws InputError (domain-error) located at e
 */
export function evalRealPrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, what: string): Decimal {
  return evalRealIn(decimalElementary(D), origin, e, scope, what);
}

/**
 * An integer (binder bounds, exponents).
 *
 * @throws InputError (domain-error) located at e
 */
export function evalIntegerPrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, what: string): number {
  return evalIntegerIn(decimalElementary(D), origin, e, scope, what);
}

/**
 * The inclusive index range of a binder: 0..L-1 by default.
 *
 * @throws InputError (domain-error) at a bound that is not an integer
 */
export function preciseBinderRange(D: DecimalCtor, origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: PreciseScope): [number, number] {
  return binderRangeIn(decimalElementary(D), origin, e, scope);
}

/** x y in Decimal (at the precision of x's constructor). */
export function preciseMul(x: PreciseComplex, y: PreciseComplex): PreciseComplex {
  return { re: x.re.times(y.re).minus(x.im.times(y.im)), im: x.re.times(y.im).plus(x.im.times(y.re)) };
}
