/**
 * Permutation-symmetric (collective) operator expressions evaluated in one total-spin sector.
 *
 * Collective means: built with + - * / ^ dag and scalars from Id, Jx Jy Jz Jp Jm, and binders over
 * all sites, sum(k, e) or prod(k, e), whose body e acts on the single site s(k), the same one-site
 * operator for every k, with s a permutation of the sites. Such operators commute with every site
 * permutation, so they act on each total-spin sector j as a known matrix (numeric/dicke).
 *
 * Linear ones (c0 + cx Jx + cy Jy + cz Jz) are tracked exactly: their spectrum in sector j is
 * c0 + |c| m, m = -j..j, which decides full-space norms without visiting every sector.
 */
import { containsOperator, type Expr } from '../lang/index.js';
import {
  type Local, type SparseMatrix, localMul, localAdjoint, siteOperators, sectorJm, sectorJp, sectorJz,
  sectorSitePower, sectorSiteSum, sparseAdd, sparseAdjoint, sparseIdentity, sparseMul,
} from '../numeric/index.js';
import { errorAt, type Origin } from '../lang/index.js';
import { binderRange, evalInteger, evalScalar, complexMul as mul, type Complex, type ValueScope as Scope } from '../symbolic/index.js';

/** Coefficients (c0, cx, cy, cz), complex, of an operator linear in the collective spin. */
export type LinearSpin = readonly [Complex, Complex, Complex, Complex];

/** An operator in a sector, with its linear-spin form when it has one. */
export interface SectorOperator {
  readonly matrix: SparseMatrix;
  readonly linear: LinearSpin | null;
}

/** Why an expression is not collective (the symmetric method does not apply). */
export class NotCollective extends Error {
  constructor(readonly reason: string) { super(reason); }
}

type Value = { kind: 'scalar'; v: Complex } | { kind: 'op'; v: SectorOperator };

/**
 * The operator of `e` in the sector twoJ = 2j of L qubits.
 *
 * @throws NotCollective when the expression is not permutation symmetric in the sense above
 * @throws InputError for evaluation errors
 */
export function evalCollective(origin: Origin, e: Expr, scope: Scope, L: number, twoJ: number): SectorOperator {
  const r = ev(origin, e, scope, L, twoJ);
  return r.kind === 'op' ? r.v : scalarOp(r.v, twoJ);
}

const c0: Complex = [0, 0];
const c1: Complex = [1, 0];

function scalarOp(c: Complex, twoJ: number): SectorOperator {
  return { matrix: sparseIdentity(twoJ + 1, c[0], c[1]), linear: [c, c0, c0, c0] };
}

function add(a: SectorOperator, b: SectorOperator, beta: Complex): SectorOperator {
  const linear = a.linear && b.linear
    ? (a.linear.map((x, i) => [x[0] + beta[0] * b.linear![i][0] - beta[1] * b.linear![i][1], x[1] + beta[0] * b.linear![i][1] + beta[1] * b.linear![i][0]]) as unknown as LinearSpin)
    : null;
  return { matrix: sparseAdd(a.matrix, b.matrix, [1, 0], beta), linear };
}

function scale(a: SectorOperator, c: Complex): SectorOperator {
  return {
    matrix: sparseAdd(a.matrix, a.matrix, c, [0, 0]),
    linear: a.linear ? (a.linear.map((x) => mul(x, c)) as unknown as LinearSpin) : null,
  };
}

function product(a: SectorOperator, b: SectorOperator): SectorOperator {
  const scalarOf = (x: SectorOperator): Complex | null =>
    x.linear && x.linear.slice(1).every((z) => z[0] === 0 && z[1] === 0) ? x.linear[0] : null;
  const sa = scalarOf(a), sb = scalarOf(b);
  if (sa) return scale(b, sa);
  if (sb) return scale(a, sb);
  return { matrix: sparseMul(a.matrix, b.matrix), linear: null };
}

function asOp(x: Value, twoJ: number): SectorOperator {
  return x.kind === 'op' ? x.v : scalarOp(x.v, twoJ);
}

function named(name: string, twoJ: number): SectorOperator | null {
  const i: Complex = [0, 1];
  switch (name) {
    case 'Id': return scalarOp(c1, twoJ);
    case 'Jz': return { matrix: sectorJz(twoJ), linear: [c0, c0, c0, c1] };
    case 'Jx': return { matrix: sparseAdd(sectorJp(twoJ), sectorJm(twoJ), [0.5, 0], [0.5, 0]), linear: [c0, c1, c0, c0] };
    case 'Jy': return { matrix: sparseAdd(sectorJp(twoJ), sectorJm(twoJ), [0, -0.5], [0, 0.5]), linear: [c0, c0, c1, c0] };
    case 'Jp': return { matrix: sectorJp(twoJ), linear: [c0, c1, i, c0] };
    case 'Jm': return { matrix: sectorJm(twoJ), linear: [c0, c1, [0, -1], c0] };
    default: return null;
  }
}

function ev(origin: Origin, e: Expr, scope: Scope, L: number, twoJ: number): Value {
  switch (e.kind) {
    case 'name': {
      const op = named(e.name, twoJ);
      return op ? { kind: 'op', v: op } : { kind: 'scalar', v: evalScalar(origin, e, scope) };
    }
    case 'num':
    case 'str':
      return { kind: 'scalar', v: evalScalar(origin, e, scope) };
    case 'site':
      throw new NotCollective(`'${origin.located.text.slice(e.span.start, e.span.end)}' acts on one site, outside a sum or product over all sites`);
    case 'unary': {
      const a = ev(origin, e.arg, scope, L, twoJ);
      if (e.op === '+') return a;
      return a.kind === 'op' ? { kind: 'op', v: scale(a.v, [-1, 0]) } : { kind: 'scalar', v: [-a.v[0], -a.v[1]] };
    }
    case 'binary': {
      if (e.op === '^') {
        const base = ev(origin, e.left, scope, L, twoJ);
        if (base.kind === 'scalar') return { kind: 'scalar', v: evalScalar(origin, e, scope) };
        const n = evalInteger(origin, e.right, scope, 'an operator exponent');
        if (n < 0) throw errorAt(origin, e.right, 'bad-exponent', `an operator power needs an integer exponent >= 0, got ${n}`);
        let acc = scalarOp(c1, twoJ);
        for (let k = 0; k < n; k++) acc = product(acc, base.v);
        return { kind: 'op', v: acc };
      }
      const a = ev(origin, e.left, scope, L, twoJ);
      const b = ev(origin, e.right, scope, L, twoJ);
      if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', v: evalScalar(origin, e, scope) };
      switch (e.op) {
        case '+': return { kind: 'op', v: add(asOp(a, twoJ), asOp(b, twoJ), [1, 0]) };
        case '-': return { kind: 'op', v: add(asOp(a, twoJ), asOp(b, twoJ), [-1, 0]) };
        case '*': return { kind: 'op', v: product(asOp(a, twoJ), asOp(b, twoJ)) };
        case '/': {
          if (b.kind !== 'scalar') throw errorAt(origin, e.right, 'not-a-scalar', 'an operator can only be divided by a scalar');
          const d = b.v[0] * b.v[0] + b.v[1] * b.v[1];
          if (d === 0) throw errorAt(origin, e.right, 'domain-error', 'division by zero');
          return { kind: 'op', v: scale(asOp(a, twoJ), [b.v[0] / d, -b.v[1] / d]) };
        }
        default:
          throw errorAt(origin, e, 'not-a-scalar', `'${e.op}' takes scalars, not operators`);
      }
    }
    case 'call': {
      if (e.fn === 'dag') {
        const a = ev(origin, e.args[0], scope, L, twoJ);
        if (a.kind === 'scalar') return { kind: 'scalar', v: [a.v[0], -a.v[1]] };
        const lin = a.v.linear;
        // (c0 + c.J)^+ = conj(c0) + conj(c).J since Jx, Jy, Jz are Hermitian.
        return { kind: 'op', v: { matrix: sparseAdjoint(a.v.matrix), linear: lin ? (lin.map((z) => [z[0], -z[1]]) as unknown as LinearSpin) : null } };
      }
      return { kind: 'scalar', v: evalScalar(origin, e, scope) };
    }
    case 'binder':
      return binder(origin, e, scope, L, twoJ);
  }
}

/**
 * The one-site operator a binder sums or multiplies over all sites, checked site by site. It does
 * not depend on the sector, so it is kept per binder node and scope: the symmetric method visits
 * up to L/2 sectors, and re-checking L sites in each made large L quadratic.
 */
const binderLocals = new WeakMap<Expr, { scope: Scope; L: number; M: Local }>();

function binderLocal(origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: Scope, L: number): Local {
  const hit = binderLocals.get(e);
  if (hit && hit.scope === scope && hit.L === L) return hit.M;
  const [lo, hi] = binderRange(origin, e, scope);
  if (lo !== 0 || hi !== L - 1) throw new NotCollective(`${e.fn} over ${lo}..${hi} does not run over all ${L} sites`);
  const inner = new Map(scope);
  let first: Local | null = null;
  const seen = new Uint8Array(L);
  for (let k = lo; k <= hi; k++) {
    inner.set(e.index, k);
    const loc = evalLocal(origin, e.body, inner, L);
    if (loc.site === null) throw new NotCollective(`the body of ${e.fn}(${e.index}, ...) acts on no site`);
    if (seen[loc.site]) throw new NotCollective(`${e.fn}(${e.index}, ...) visits site ${loc.site} twice`);
    seen[loc.site] = 1;
    if (first === null) first = loc.M;
    else if (!first.every((x, q) => x === loc.M[q])) throw new NotCollective(`the body of ${e.fn}(${e.index}, ...) is not the same one-site operator on every site`);
  }
  if (first === null) throw new NotCollective(`${e.fn} over no sites`);
  binderLocals.set(e, { scope, L, M: first });
  return first;
}

function binder(origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: Scope, L: number, twoJ: number): Value {
  if (!containsOperator(e.body)) return { kind: 'scalar', v: evalScalar(origin, e, scope) };
  const first = binderLocal(origin, e, scope, L);
  if (e.fn === 'sum') {
    const [ar, ai, br, bi, cr, ci, dr, di] = first;
    const linear: LinearSpin = [
      [((ar + dr) * L) / 2, ((ai + di) * L) / 2],
      [br + cr, bi + ci],
      [-(bi - ci), br - cr],
      [ar - dr, ai - di],
    ];
    return { kind: 'op', v: { matrix: sectorSiteSum(first, L, twoJ), linear } };
  }
  try {
    return { kind: 'op', v: { matrix: sectorSitePower(first, L, twoJ), linear: null } };
  } catch (err) {
    if (err instanceof RangeError) throw new NotCollective(err.message);
    throw err;
  }
}


interface LocalValue { site: number | null; M: Local }

/** A binder body evaluated at fixed indices as a one-site operator (or a scalar times Id). */
function evalLocal(origin: Origin, e: Expr, scope: Scope, L: number): LocalValue {
  const scalarLocal = (c: Complex): LocalValue => ({ site: null, M: Float64Array.of(c[0], c[1], 0, 0, 0, 0, c[0], c[1]) });
  const merge = (a: LocalValue, b: LocalValue): number | null => {
    if (a.site !== null && b.site !== null && a.site !== b.site) throw new NotCollective('a term acts on two sites: not a sum of one-site operators');
    return a.site ?? b.site;
  };
  const combine = (a: LocalValue, b: LocalValue, s: number): LocalValue => ({
    site: merge(a, b), M: a.M.map((x, q) => x + s * b.M[q]),
  });
  switch (e.kind) {
    case 'site': {
      const k = evalInteger(origin, e.index, scope, 'a site index');
      if (k < 0 || k >= L) throw errorAt(origin, e.index, 'index-out-of-range', `site index ${k} is outside 0..${L - 1} at L = ${L}`);
      return { site: k, M: siteOperators[e.op] };
    }
    case 'name':
      if (['Jx', 'Jy', 'Jz', 'Jp', 'Jm'].includes(e.name)) throw new NotCollective(`${e.name} inside a sum over sites`);
      if (e.name === 'Id') return scalarLocal([1, 0]);
      return scalarLocal(evalScalar(origin, e, scope));
    case 'num': case 'str': return scalarLocal(evalScalar(origin, e, scope));
    case 'unary': {
      const a = evalLocal(origin, e.arg, scope, L);
      return e.op === '-' ? { site: a.site, M: a.M.map((x) => -x) } : a;
    }
    case 'binary': {
      if (!containsOperator(e)) return scalarLocal(evalScalar(origin, e, scope));
      if (e.op === '^') {
        const base = evalLocal(origin, e.left, scope, L);
        const n = evalInteger(origin, e.right, scope, 'an operator exponent');
        if (n < 0) throw errorAt(origin, e.right, 'bad-exponent', `an operator power needs an integer exponent >= 0, got ${n}`);
        let M: Local = siteOperators.I;
        for (let q = 0; q < n; q++) M = localMul(M, base.M);
        return { site: n > 0 ? base.site : null, M };
      }
      const a = evalLocal(origin, e.left, scope, L);
      const b = evalLocal(origin, e.right, scope, L);
      if (e.op === '+') return combine(a, b, 1);
      if (e.op === '-') return combine(a, b, -1);
      if (e.op === '*') return { site: merge(a, b), M: localMul(a.M, b.M) };
      if (e.op === '/') {
        if (containsOperator(e.right)) throw errorAt(origin, e.right, 'not-a-scalar', 'an operator can only be divided by a scalar');
        const d = evalScalar(origin, e.right, scope);
        const m2 = d[0] * d[0] + d[1] * d[1];
        if (m2 === 0) throw errorAt(origin, e.right, 'domain-error', 'division by zero');
        return { site: a.site, M: localMul(a.M, scalarLocal([d[0] / m2, -d[1] / m2]).M) };
      }
      throw errorAt(origin, e, 'not-a-scalar', `'${e.op}' takes scalars, not operators`);
    }
    case 'call':
      if (e.fn === 'dag') { const a = evalLocal(origin, e.args[0], scope, L); return { site: a.site, M: localAdjoint(a.M) }; }
      return scalarLocal(evalScalar(origin, e, scope));
    case 'binder':
      if (containsOperator(e.body)) throw new NotCollective(`a nested ${e.fn} over operators`);
      return scalarLocal(evalScalar(origin, e, scope));
  }
}
