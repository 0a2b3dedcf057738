/**
 * Evaluation as sign and log-magnitude, so that L^3*exp(-L*w0/T) at L = 1e7 neither underflows
 * nor overflows: the check of a leading term compares logarithms.
 */
import type { Expr } from './ast.js';
import type { Env } from './approx.js';

/** sign * exp(log); sign 0 is the value 0 (log = -Infinity). NaN log: undefined. */
export interface LogValue {
  readonly sign: -1 | 0 | 1;
  readonly log: number;
}

const ZERO: LogValue = { sign: 0, log: -Infinity };
const UNDEFINED: LogValue = { sign: 0, log: NaN };

function fromNumber(x: number): LogValue {
  if (Number.isNaN(x)) return UNDEFINED;
  return x === 0 ? ZERO : { sign: x > 0 ? 1 : -1, log: Math.log(Math.abs(x)) };
}

function toNumber(x: LogValue): number {
  return Number.isNaN(x.log) ? NaN : x.sign * Math.exp(x.log);
}

const isDefined = (x: LogValue): boolean => !Number.isNaN(x.log);

/** Evaluates e in sign/log form; undefined variables and undefined operations give NaN. */
export function logEval(e: Expr, env: Env): LogValue {
  switch (e.kind) {
    case 'num': return fromNumber(e.value.toNumber());
    case 'sym': return fromNumber(env[e.name] ?? NaN);
    case 'add': {
      const xs = e.terms.map((t) => logEval(t, env));
      if (xs.some((x) => !isDefined(x))) return UNDEFINED;
      const live = xs.filter((x) => x.sign !== 0);
      if (live.length === 0) return ZERO;
      const m = Math.max(...live.map((x) => x.log));
      const scaled = fromNumber(live.reduce((s, x) => s + x.sign * Math.exp(x.log - m), 0));
      return scaled.sign === 0 ? ZERO : { sign: scaled.sign, log: scaled.log + m };
    }
    case 'mul': {
      const xs = e.factors.map((f) => logEval(f, env));
      if (xs.some((x) => !isDefined(x))) return UNDEFINED;
      if (xs.some((x) => x.sign === 0)) return ZERO;
      const negatives = xs.filter((x) => x.sign < 0).length;
      return { sign: negatives % 2 === 0 ? 1 : -1, log: xs.reduce((s, x) => s + x.log, 0) };
    }
    case 'pow': {
      const b = logEval(e.base, env);
      const k = toNumber(logEval(e.exp, env));
      if (!isDefined(b) || !Number.isFinite(k)) return UNDEFINED;
      if (b.sign === 0) return k > 0 ? ZERO : UNDEFINED;
      if (Number.isInteger(k)) return { sign: b.sign < 0 && k % 2 !== 0 ? -1 : 1, log: k * b.log };
      return b.sign > 0 ? { sign: 1, log: k * b.log } : UNDEFINED;
    }
    case 'call': {
      const a = logEval(e.arg, env);
      if (!isDefined(a)) return UNDEFINED;
      switch (e.fn) {
        case 'exp': {
          const x = toNumber(a);
          return Number.isNaN(x) ? UNDEFINED : { sign: 1, log: x };
        }
        case 'sqrt': return a.sign < 0 ? UNDEFINED : a.sign === 0 ? ZERO : { sign: 1, log: a.log / 2 };
        case 'log': return a.sign > 0 ? fromNumber(a.log) : UNDEFINED;
        case 'abs': return a.sign === 0 ? ZERO : { sign: 1, log: a.log };
        case 'floor': {
          const x = toNumber(a);
          // Beyond 2^53 every float is an integer: floor changes nothing.
          return Number.isFinite(x) ? fromNumber(Math.floor(x)) : a;
        }
      }
    }
  }
}
