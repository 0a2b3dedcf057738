/**
 * Operator expressions evaluated at a given L into sums of product terms (numeric/opsum).
 */
import type { Expr } from '../lang/index.js';
import { opAdd, opAdjoint, opMul, opPow, opScalar, opScale, opSite, type OpSum } from '../numeric/index.js';
import { siteOperators } from '../numeric/index.js';
import { errorAt, type Origin } from '../lang/index.js';
import { binderRange, evalInteger, evalScalar, complexMul as mul, type Complex, type ValueScope as Scope } from '../lang/index.js';

type Value = { kind: 'scalar'; v: Complex } | { kind: 'op'; v: OpSum };

const collectiveNames = new Set(['Id', 'Jx', 'Jy', 'Jz', 'Jp', 'Jm']);

/**
 * The operator an expression denotes on L sites. A scalar result means scalar * Id.
 *
 * @throws InputError (index-out-of-range, domain-error, bad-exponent) located at the node
 */
export function evalOperator(origin: Origin, e: Expr, scope: Scope, L: number): OpSum {
  const r = ev(origin, e, scope, L);
  return r.kind === 'op' ? r.v : opScalar(L, r.v[0], r.v[1]);
}

function asOp(x: Value, L: number): OpSum {
  return x.kind === 'op' ? x.v : opScalar(L, x.v[0], x.v[1]);
}

function collective(name: string, L: number): OpSum {
  const sum = (m: keyof typeof siteOperators, c: Complex): OpSum => {
    let acc = opScalar(L, 0);
    for (let k = 0; k < L; k++) acc = opAdd(acc, opScale(opSite(L, k, siteOperators[m]), c[0], c[1]));
    return acc;
  };
  switch (name) {
    case 'Id': return opScalar(L, 1);
    case 'Jx': return sum('X', [0.5, 0]);
    case 'Jy': return sum('Y', [0.5, 0]);
    case 'Jz': return sum('Z', [0.5, 0]);
    case 'Jp': return sum('Sp', [1, 0]);
    default: return sum('Sm', [1, 0]);
  }
}

function ev(origin: Origin, e: Expr, scope: Scope, L: number): Value {
  switch (e.kind) {
    case 'name':
      if (collectiveNames.has(e.name)) return { kind: 'op', v: collective(e.name, L) };
      return { kind: 'scalar', v: evalScalar(origin, e, scope) };
    case 'num':
    case 'str':
      return { kind: 'scalar', v: evalScalar(origin, e, scope) };
    case 'site': {
      const k = evalInteger(origin, e.index, scope, 'a site index');
      if (k < 0 || k >= L) {
        throw errorAt(origin, e.index, 'index-out-of-range', `site index ${k} is outside 0..${L - 1} at L = ${L}; use % L to wrap or narrow the sum's range`);
      }
      return { kind: 'op', v: opSite(L, k, siteOperators[e.op]) };
    }
    case 'unary': {
      const a = ev(origin, e.arg, scope, L);
      if (e.op === '+') return a;
      return a.kind === 'op' ? { kind: 'op', v: opScale(a.v, -1) } : { kind: 'scalar', v: [-a.v[0], -a.v[1]] };
    }
    case 'binary': {
      if (e.op === '^') {
        const base = ev(origin, e.left, scope, L);
        if (base.kind === 'scalar') return { kind: 'scalar', v: evalScalar(origin, e, scope) };
        const n = evalInteger(origin, e.right, scope, 'an operator exponent');
        if (n < 0) throw errorAt(origin, e.right, 'bad-exponent', `an operator power needs an integer exponent >= 0, got ${n}`);
        return { kind: 'op', v: opPow(base.v, n) };
      }
      const a = ev(origin, e.left, scope, L);
      const b = ev(origin, e.right, scope, L);
      if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', v: evalScalar(origin, e, scope) };
      switch (e.op) {
        case '+': return { kind: 'op', v: opAdd(asOp(a, L), asOp(b, L)) };
        case '-': return { kind: 'op', v: opAdd(asOp(a, L), opScale(asOp(b, L), -1)) };
        case '*':
          if (a.kind === 'scalar') return { kind: 'op', v: opScale(asOp(b, L), a.v[0], a.v[1]) };
          if (b.kind === 'scalar') return { kind: 'op', v: opScale(a.v, b.v[0], b.v[1]) };
          return { kind: 'op', v: opMul(a.v, b.v) };
        case '/': {
          if (b.kind !== 'scalar') throw errorAt(origin, e.right, 'not-a-scalar', 'an operator can only be divided by a scalar');
          const d = b.v[0] * b.v[0] + b.v[1] * b.v[1];
          if (d === 0) throw errorAt(origin, e.right, 'domain-error', 'division by zero');
          return { kind: 'op', v: opScale(asOp(a, L), b.v[0] / d, -b.v[1] / d) };
        }
        default:
          throw errorAt(origin, e, 'not-a-scalar', `'${e.op}' takes scalars, not operators`);
      }
    }
    case 'call': {
      if (e.fn === 'dag') {
        const a = ev(origin, e.args[0], scope, L);
        return a.kind === 'op' ? { kind: 'op', v: opAdjoint(a.v) } : { kind: 'scalar', v: [a.v[0], -a.v[1]] };
      }
      return { kind: 'scalar', v: evalScalar(origin, e, scope) };
    }
    case 'binder': {
      const [lo, hi] = binderRange(origin, e, scope);
      const inner = new Map(scope);
      let acc: Value = { kind: 'scalar', v: e.fn === 'sum' ? [0, 0] : [1, 0] };
      for (let k = lo; k <= hi; k++) {
        inner.set(e.index, k);
        const v = ev(origin, e.body, inner, L);
        if (acc.kind === 'scalar' && v.kind === 'scalar') {
          acc = { kind: 'scalar', v: e.fn === 'sum' ? [acc.v[0] + v.v[0], acc.v[1] + v.v[1]] : mul(acc.v, v.v) };
        } else {
          acc = { kind: 'op', v: e.fn === 'sum' ? opAdd(asOp(acc, L), asOp(v, L)) : opMul(asOp(acc, L), asOp(v, L)) };
        }
      }
      return acc;
    }
  }
}
