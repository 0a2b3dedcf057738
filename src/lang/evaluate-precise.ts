/**
 * Evaluation of scalar expressions in decimal.js complex arithmetic, for the high-precision
 * engine: the same semantics as `evaluate.ts`, with every operation carried out at the precision
 * of the Decimal constructor passed in. Decimal literals and param texts are exact (0.1 is 1/10).
 */
import type { Decimal } from 'decimal.js';
import type { Expr } from './ast.js';
import { errorAt, type Origin } from './located.js';

/** A complex number in Decimal. */
export interface PreciseComplex { readonly re: Decimal; readonly im: Decimal }

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
  const zero = new D(0);
  const re = (x: Decimal): PreciseComplex => ({ re: x, im: zero });
  switch (e.kind) {
    case 'num': return re(new D(e.text));
    case 'str': throw errorAt(origin, e, 'not-a-scalar', 'expected a number, found a string');
    case 'name': {
      if (e.name === 'pi') return re(D.acos(-1));
      if (e.name === 'im') return { re: zero, im: new D(1) };
      const v = scope.get(e.name);
      if (v === undefined) throw errorAt(origin, e, 'unknown-name', `'${e.name}' is not a scalar in scope here (params, L, bound indices)`);
      return re(v);
    }
    case 'site': throw errorAt(origin, e, 'not-a-scalar', 'expected a scalar, found an operator');
    case 'unary': {
      const a = evalScalarPrecise(D, origin, e.arg, scope);
      return e.op === '-' ? { re: a.re.neg(), im: a.im.neg() } : a;
    }
    case 'binary':
      return binary(D, origin, e, e.op, evalScalarPrecise(D, origin, e.left, scope), evalScalarPrecise(D, origin, e.right, scope));
    case 'call': return call(D, origin, e, scope);
    case 'binder': {
      const [lo, hi] = preciseBinderRange(D, origin, e, scope);
      let acc: PreciseComplex = re(new D(e.fn === 'sum' ? 0 : 1));
      const inner = new Map(scope);
      for (let k = lo; k <= hi; k++) {
        inner.set(e.index, new D(k));
        const v = evalScalarPrecise(D, origin, e.body, inner);
        acc = e.fn === 'sum' ? { re: acc.re.plus(v.re), im: acc.im.plus(v.im) } : preciseMul(acc, v);
      }
      return acc;
    }
  }
}

/** A real scalar; an imaginary part beyond the working precision is an error. */
export function evalRealPrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, what: string): Decimal {
  const v = evalScalarPrecise(D, origin, e, scope);
  const tol = new D(10).pow(-(D.precision - 5)).times(D.max(1, v.re.abs()));
  if (v.im.abs().gt(tol)) throw errorAt(origin, e, 'domain-error', `${what} must be real, got ${v.re} + ${v.im}i`);
  if (!v.re.isFinite()) throw errorAt(origin, e, 'domain-error', `${what} must be finite, got ${v.re}`);
  return v.re;
}

/** An integer (binder bounds, exponents). */
export function evalIntegerPrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, what: string): number {
  const v = evalRealPrecise(D, origin, e, scope, what);
  const r = v.round();
  if (v.minus(r).abs().gt(new D(1e-9).times(D.max(1, v.abs())))) throw errorAt(origin, e, 'domain-error', `${what} must be an integer, got ${v}`);
  return r.toNumber();
}

/** The inclusive index range of a binder: 0..L-1 by default. */
export function preciseBinderRange(D: DecimalCtor, origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: PreciseScope): [number, number] {
  if (e.from === null || e.to === null) return [0, (scope.get('L')?.toNumber() ?? 0) - 1];
  return [evalIntegerPrecise(D, origin, e.from, scope, 'a lower bound'), evalIntegerPrecise(D, origin, e.to, scope, 'an upper bound')];
}

/** x y. */
export function preciseMul(x: PreciseComplex, y: PreciseComplex): PreciseComplex {
  return { re: x.re.times(y.re).minus(x.im.times(y.im)), im: x.re.times(y.im).plus(x.im.times(y.re)) };
}

function div(D: DecimalCtor, origin: Origin, e: Expr, x: PreciseComplex, y: PreciseComplex): PreciseComplex {
  const d = y.re.times(y.re).plus(y.im.times(y.im));
  if (d.isZero()) throw errorAt(origin, e, 'domain-error', 'division by zero');
  return {
    re: x.re.times(y.re).plus(x.im.times(y.im)).div(d),
    im: x.im.times(y.re).minus(x.re.times(y.im)).div(d),
  };
}

function binary(D: DecimalCtor, origin: Origin, e: Expr, op: string, x: PreciseComplex, y: PreciseComplex): PreciseComplex {
  switch (op) {
    case '+': return { re: x.re.plus(y.re), im: x.im.plus(y.im) };
    case '-': return { re: x.re.minus(y.re), im: x.im.minus(y.im) };
    case '*': return preciseMul(x, y);
    case '/': return div(D, origin, e, x, y);
    case '%': {
      if (!x.im.isZero() || !y.im.isZero() || y.re.isZero()) throw errorAt(origin, e, 'domain-error', '% needs real operands and a nonzero divisor');
      return { re: x.re.mod(y.re).plus(y.re).mod(y.re), im: new D(0) };
    }
    case '^': return power(D, origin, e, x, y);
  }
  throw errorAt(origin, e, 'unexpected-token', `unknown operator ${op}`);
}

function power(D: DecimalCtor, origin: Origin, e: Expr, x: PreciseComplex, y: PreciseComplex): PreciseComplex {
  if (y.im.isZero() && y.re.isInteger() && y.re.abs().lte(1024)) {
    const n = y.re.abs().toNumber();
    let acc: PreciseComplex = { re: new D(1), im: new D(0) };
    for (let i = 0; i < n; i++) acc = preciseMul(acc, x);
    return y.re.isNeg() ? div(D, origin, e, { re: new D(1), im: new D(0) }, acc) : acc;
  }
  if (!x.im.isZero() || !y.im.isZero()) throw errorAt(origin, e, 'domain-error', 'a complex power needs an integer exponent');
  if (x.re.isNeg()) throw errorAt(origin, e, 'domain-error', `a negative base (${x.re}) needs an integer exponent`);
  return { re: x.re.pow(y.re), im: new D(0) };
}

function call(D: DecimalCtor, origin: Origin, e: Extract<Expr, { kind: 'call' }>, scope: PreciseScope): PreciseComplex {
  const args = e.args.map((a) => evalScalarPrecise(D, origin, a, scope));
  const real = (i: number): Decimal => {
    if (!args[i].im.isZero()) throw errorAt(origin, e.args[i], 'domain-error', `${e.fn} needs a real argument, got ${args[i].re} + ${args[i].im}i`);
    return args[i].re;
  };
  const zero = new D(0);
  switch (e.fn) {
    case 'min': case 'max': {
      const vals = args.map((_, i) => real(i));
      return { re: e.fn === 'min' ? D.min(...vals) : D.max(...vals), im: zero };
    }
    case 'abs': return { re: args[0].re.times(args[0].re).plus(args[0].im.times(args[0].im)).sqrt(), im: zero };
    case 'exp': {
      const r = args[0].re.exp();
      if (args[0].im.isZero()) return { re: r, im: zero };
      return { re: r.times(args[0].im.cos()), im: r.times(args[0].im.sin()) };
    }
    case 'sqrt': case 'log': {
      const x = real(0);
      if ((e.fn === 'sqrt' && x.isNeg()) || (e.fn === 'log' && x.lte(0))) {
        throw errorAt(origin, e, 'domain-error', `${e.fn}(${x}) is undefined; expected a ${e.fn === 'log' ? 'positive' : 'non-negative'} argument`);
      }
      return { re: e.fn === 'sqrt' ? x.sqrt() : x.ln(), im: zero };
    }
    case 'sin': return { re: real(0).sin(), im: zero };
    case 'cos': return { re: real(0).cos(), im: zero };
    case 'floor': return { re: real(0).floor(), im: zero };
    case 'ceil': return { re: real(0).ceil(), im: zero };
  }
  throw errorAt(origin, e, 'unknown-function', `'${e.fn}' is not a scalar function`);
}
