/**
 * Evaluation of scalar expressions in float64 complex arithmetic. Scalars are complex because
 * `im` may appear in operator coefficients; bath fields and state parameters must come out real.
 */
import type { Expr } from './ast.js';
import { errorAt, type Origin } from './located.js';

/** A complex number [re, im]. */
export type Complex = readonly [number, number];

/** Names in scope: params, L, bound indices (and `w` inside a custom spectrum). */
export type Scope = ReadonlyMap<string, number>;

const scalarFns: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt, exp: Math.exp, log: Math.log, sin: Math.sin, cos: Math.cos,
  abs: Math.abs, floor: Math.floor, ceil: Math.ceil,
};

/**
 * The value of a scalar expression.
 *
 * @throws InputError (domain-error, unknown-name, not-a-scalar) located at the offending node
 */
export function evalScalar(origin: Origin, e: Expr, scope: Scope): Complex {
  switch (e.kind) {
    case 'num': return [Number(e.text), 0];
    case 'str': throw errorAt(origin, e, 'not-a-scalar', 'expected a number, found a string');
    case 'name': {
      if (e.name === 'pi') return [Math.PI, 0];
      if (e.name === 'im') return [0, 1];
      const v = scope.get(e.name);
      if (v === undefined) throw errorAt(origin, e, 'unknown-name', `'${e.name}' is not a scalar in scope here (params, L, bound indices)`);
      return [v, 0];
    }
    case 'site': throw errorAt(origin, e, 'not-a-scalar', 'expected a scalar, found an operator');
    case 'unary': {
      const [a, b] = evalScalar(origin, e.arg, scope);
      return e.op === '-' ? [-a, -b] : [a, b];
    }
    case 'binary': {
      const x = evalScalar(origin, e.left, scope);
      const y = evalScalar(origin, e.right, scope);
      return binary(origin, e, e.op, x, y);
    }
    case 'call': return call(origin, e, scope);
    case 'binder': {
      const [lo, hi] = binderRange(origin, e, scope);
      let acc: Complex = e.fn === 'sum' ? [0, 0] : [1, 0];
      const inner = new Map(scope);
      for (let k = lo; k <= hi; k++) {
        inner.set(e.index, k);
        const v = evalScalar(origin, e.body, inner);
        acc = e.fn === 'sum' ? [acc[0] + v[0], acc[1] + v[1]] : mul(acc, v);
      }
      return acc;
    }
  }
}

/** A real scalar; a nonzero imaginary part is an error. */
export function evalReal(origin: Origin, e: Expr, scope: Scope, what: string): number {
  const [re, im] = evalScalar(origin, e, scope);
  if (Math.abs(im) > 1e-12 * Math.max(1, Math.abs(re))) throw errorAt(origin, e, 'domain-error', `${what} must be real, got ${re} + ${im}i`);
  if (!Number.isFinite(re)) throw errorAt(origin, e, 'domain-error', `${what} must be finite, got ${re}`);
  return re;
}

/** An integer (index arithmetic, exponents, binder bounds). */
export function evalInteger(origin: Origin, e: Expr, scope: Scope, what: string): number {
  const v = evalReal(origin, e, scope, what);
  const r = Math.round(v);
  if (Math.abs(v - r) > 1e-9 * Math.max(1, Math.abs(v))) throw errorAt(origin, e, 'domain-error', `${what} must be an integer, got ${v}`);
  return r;
}

/** The inclusive index range of a binder: 0..L-1 by default. */
export function binderRange(origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: Scope): [number, number] {
  if (e.from === null || e.to === null) {
    const L = scope.get('L');
    return [0, (L ?? 0) - 1];
  }
  return [evalInteger(origin, e.from, scope, 'a lower bound'), evalInteger(origin, e.to, scope, 'an upper bound')];
}

export function mul(x: Complex, y: Complex): Complex {
  return [x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]];
}

function div(origin: Origin, e: Expr, x: Complex, y: Complex): Complex {
  const d = y[0] * y[0] + y[1] * y[1];
  if (d === 0) throw errorAt(origin, e, 'domain-error', 'division by zero');
  return [(x[0] * y[0] + x[1] * y[1]) / d, (x[1] * y[0] - x[0] * y[1]) / d];
}

function binary(origin: Origin, e: Expr, op: string, x: Complex, y: Complex): Complex {
  switch (op) {
    case '+': return [x[0] + y[0], x[1] + y[1]];
    case '-': return [x[0] - y[0], x[1] - y[1]];
    case '*': return mul(x, y);
    case '/': return div(origin, e, x, y);
    case '%': {
      if (x[1] !== 0 || y[1] !== 0 || y[0] === 0) throw errorAt(origin, e, 'domain-error', '% needs real operands and a nonzero divisor');
      return [((x[0] % y[0]) + y[0]) % y[0], 0];
    }
    case '^': return power(origin, e, x, y);
  }
  throw errorAt(origin, e, 'unexpected-token', `unknown operator ${op}`);
}

function power(origin: Origin, e: Expr, x: Complex, y: Complex): Complex {
  if (y[1] === 0 && Number.isInteger(y[0]) && Math.abs(y[0]) <= 1024) {
    let acc: Complex = [1, 0];
    for (let i = 0; i < Math.abs(y[0]); i++) acc = mul(acc, x);
    return y[0] < 0 ? div(origin, e, [1, 0], acc) : acc;
  }
  if (x[1] !== 0 || y[1] !== 0) throw errorAt(origin, e, 'domain-error', 'a complex power needs an integer exponent');
  if (x[0] < 0) throw errorAt(origin, e, 'domain-error', `a negative base (${x[0]}) needs an integer exponent`);
  return [Math.pow(x[0], y[0]), 0];
}

function call(origin: Origin, e: Extract<Expr, { kind: 'call' }>, scope: Scope): Complex {
  const args = e.args.map((a) => evalScalar(origin, a, scope));
  if (e.fn === 'min' || e.fn === 'max') {
    const vals = args.map((a, i) => realArg(origin, e.args[i], a, e.fn));
    return [e.fn === 'min' ? Math.min(...vals) : Math.max(...vals), 0];
  }
  if (e.fn === 'abs') return [Math.hypot(args[0][0], args[0][1]), 0];
  if (e.fn === 'exp' && args[0][1] !== 0) {
    const r = Math.exp(args[0][0]);
    return [r * Math.cos(args[0][1]), r * Math.sin(args[0][1])];
  }
  const f = scalarFns[e.fn];
  if (!f || args.length !== 1) throw errorAt(origin, e, 'unknown-function', `'${e.fn}' is not a scalar function`);
  const x = realArg(origin, e.args[0], args[0], e.fn);
  if ((e.fn === 'sqrt' && x < 0) || (e.fn === 'log' && x <= 0)) {
    throw errorAt(origin, e, 'domain-error', `${e.fn}(${x}) is undefined; expected a ${e.fn === 'log' ? 'positive' : 'non-negative'} argument`);
  }
  return [f(x), 0];
}

function realArg(origin: Origin, node: Expr, v: Complex, fn: string): number {
  if (v[1] !== 0) throw errorAt(origin, node, 'domain-error', `${fn} needs a real argument, got ${v[0]} + ${v[1]}i`);
  return v[0];
}
