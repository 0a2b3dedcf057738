/**
 * Operator expressions evaluated at L with Decimal coefficients: the same product-term form as
 * numeric/opsum, where only the coefficients carry the working precision. The local factors are
 * products of X, Y, Z, Sp, Sm, N, whose entries are 0, ±1, ±i, so they stay exact in float64.
 */
import type { Expr } from '../../lang/index.js';
import { errorAt, type Origin } from '../../lang/index.js';
import {
  evalIntegerPrecise, evalScalarPrecise, preciseBinderRange, preciseMul, type DecimalCtor, type PreciseComplex, type PreciseScope,
} from '../../lang/index.js';
import { localAdjoint, localIsDiagonal, mulFactors, siteOperators, type Local } from '../../numeric/index.js';

/** c * (M_s1 (x) M_s2 (x) ...), identity elsewhere; sites sorted and distinct. */
export interface PreciseTerm {
  readonly c: PreciseComplex;
  readonly sites: readonly number[];
  readonly mats: readonly Local[];
}

/** A sum of product terms on L sites with Decimal coefficients. */
export interface PreciseOpSum {
  readonly L: number;
  readonly terms: readonly PreciseTerm[];
}

type Value = { kind: 'scalar'; v: PreciseComplex } | { kind: 'op'; v: PreciseOpSum };

const collectiveNames = new Set(['Id', 'Jx', 'Jy', 'Jz', 'Jp', 'Jm']);

/**
 * The operator an expression denotes on L sites, with coefficients at the precision of D.
 *
 * @throws InputError located at the offending node (as engine/operators)
 */
export function evalOperatorPrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, L: number): PreciseOpSum {
  const r = new Evaluator(D, origin, L).ev(e, scope);
  return r.kind === 'op' ? r.v : scalarOp(L, r.v);
}

/** True when every term is diagonal in the product basis. */
export function preciseIsDiagonal(a: PreciseOpSum): boolean {
  return a.terms.every((t) => t.mats.every(localIsDiagonal));
}

/** True when every term acts on at most one site. */
export function preciseIsOneSite(a: PreciseOpSum): boolean {
  return a.terms.every((t) => t.sites.length <= 1);
}

function scalarOp(L: number, c: PreciseComplex): PreciseOpSum {
  return { L, terms: c.re.isZero() && c.im.isZero() ? [] : [{ c, sites: [], mats: [] }] };
}

function scale(a: PreciseOpSum, c: PreciseComplex): PreciseOpSum {
  return { L: a.L, terms: a.terms.map((t) => ({ ...t, c: preciseMul(t.c, c) })) };
}

function add(a: PreciseOpSum, b: PreciseOpSum): PreciseOpSum {
  return collect({ L: a.L, terms: [...a.terms, ...b.terms] });
}

function mul(a: PreciseOpSum, b: PreciseOpSum): PreciseOpSum {
  const terms: PreciseTerm[] = [];
  for (const s of a.terms) for (const t of b.terms) terms.push(termMul(s, t));
  return collect({ L: a.L, terms });
}

function adjoint(a: PreciseOpSum): PreciseOpSum {
  return { L: a.L, terms: a.terms.map((t) => ({ c: { re: t.c.re, im: t.c.im.neg() }, sites: t.sites, mats: t.mats.map(localAdjoint) })) };
}

function termMul(s: PreciseTerm, t: PreciseTerm): PreciseTerm {
  return { c: preciseMul(s.c, t.c), ...mulFactors(s, t) };
}

/** Merges terms with equal factors, drops zero factors, identities and zero coefficients. */
function collect(a: PreciseOpSum): PreciseOpSum {
  const merged = new Map<string, { c: PreciseComplex; sites: number[]; mats: Local[] }>();
  for (const t of a.terms) {
    const sites: number[] = [];
    const mats: Local[] = [];
    let zero = false;
    for (let q = 0; q < t.sites.length; q++) {
      const m = t.mats[q];
      if (m.every((x) => x === 0)) { zero = true; break; }
      if (m[0] === 1 && m[1] === 0 && m[6] === 1 && m[7] === 0 && m[2] === 0 && m[3] === 0 && m[4] === 0 && m[5] === 0) continue;
      sites.push(t.sites[q]);
      mats.push(m);
    }
    if (zero) continue;
    const key = sites.map((s, q) => `${s}:${Array.from(mats[q]).join(',')}`).join('|');
    const prev = merged.get(key);
    if (prev) prev.c = { re: prev.c.re.plus(t.c.re), im: prev.c.im.plus(t.c.im) };
    else merged.set(key, { c: t.c, sites, mats });
  }
  return { L: a.L, terms: [...merged.values()].filter((t) => !(t.c.re.isZero() && t.c.im.isZero())) };
}

function power(a: PreciseOpSum, n: number, one: PreciseComplex): PreciseOpSum {
  let result = scalarOp(a.L, one);
  let base = a;
  let e = n;
  while (e > 0) {
    if (e & 1) result = mul(result, base);
    e >>= 1;
    if (e > 0) base = mul(base, base);
  }
  return result;
}

class Evaluator {
  private readonly one: PreciseComplex;
  private readonly zero: PreciseComplex;
  constructor(private readonly D: DecimalCtor, private readonly origin: Origin, private readonly L: number) {
    this.one = { re: new D(1), im: new D(0) };
    this.zero = { re: new D(0), im: new D(0) };
  }

  private asOp(x: Value): PreciseOpSum {
    return x.kind === 'op' ? x.v : scalarOp(this.L, x.v);
  }

  private site(k: number, m: Local, c: PreciseComplex): PreciseOpSum {
    return { L: this.L, terms: [{ c, sites: [k], mats: [m] }] };
  }

  private collective(name: string): PreciseOpSum {
    const D = this.D;
    const sum = (m: Local, c: PreciseComplex): PreciseOpSum => {
      const terms: PreciseTerm[] = [];
      for (let k = 0; k < this.L; k++) terms.push({ c, sites: [k], mats: [m] });
      return { L: this.L, terms };
    };
    const half = { re: new D(1).div(2), im: new D(0) };
    switch (name) {
      case 'Id': return scalarOp(this.L, this.one);
      case 'Jx': return sum(siteOperators.X, half);
      case 'Jy': return sum(siteOperators.Y, half);
      case 'Jz': return sum(siteOperators.Z, half);
      case 'Jp': return sum(siteOperators.Sp, this.one);
      default: return sum(siteOperators.Sm, this.one);
    }
  }

  ev(e: Expr, scope: PreciseScope): Value {
    const { D, origin, L } = this;
    switch (e.kind) {
      case 'name':
        if (collectiveNames.has(e.name)) return { kind: 'op', v: this.collective(e.name) };
        return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
      case 'num':
      case 'str':
        return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
      case 'site': {
        const k = evalIntegerPrecise(D, origin, e.index, scope, 'a site index');
        if (k < 0 || k >= L) {
          throw errorAt(origin, e.index, 'index-out-of-range', `site index ${k} is outside 0..${L - 1} at L = ${L}; use % L to wrap or narrow the sum's range`);
        }
        return { kind: 'op', v: this.site(k, siteOperators[e.op], this.one) };
      }
      case 'unary': {
        const a = this.ev(e.arg, scope);
        if (e.op === '+') return a;
        const m1 = { re: new D(-1), im: new D(0) };
        return a.kind === 'op' ? { kind: 'op', v: scale(a.v, m1) } : { kind: 'scalar', v: { re: a.v.re.neg(), im: a.v.im.neg() } };
      }
      case 'binary': {
        if (e.op === '^') {
          const base = this.ev(e.left, scope);
          if (base.kind === 'scalar') return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
          const n = evalIntegerPrecise(D, origin, e.right, scope, 'an operator exponent');
          if (n < 0) throw errorAt(origin, e.right, 'bad-exponent', `an operator power needs an integer exponent >= 0, got ${n}`);
          return { kind: 'op', v: power(base.v, n, this.one) };
        }
        const a = this.ev(e.left, scope);
        const b = this.ev(e.right, scope);
        if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
        const m1 = { re: new D(-1), im: new D(0) };
        switch (e.op) {
          case '+': return { kind: 'op', v: add(this.asOp(a), this.asOp(b)) };
          case '-': return { kind: 'op', v: add(this.asOp(a), scale(this.asOp(b), m1)) };
          case '*':
            if (a.kind === 'scalar') return { kind: 'op', v: scale(this.asOp(b), a.v) };
            if (b.kind === 'scalar') return { kind: 'op', v: scale(a.v, b.v) };
            return { kind: 'op', v: mul(a.v, b.v) };
          case '/': {
            if (b.kind !== 'scalar') throw errorAt(origin, e.right, 'not-a-scalar', 'an operator can only be divided by a scalar');
            const d = b.v.re.times(b.v.re).plus(b.v.im.times(b.v.im));
            if (d.isZero()) throw errorAt(origin, e.right, 'domain-error', 'division by zero');
            return { kind: 'op', v: scale(this.asOp(a), { re: b.v.re.div(d), im: b.v.im.neg().div(d) }) };
          }
          default:
            throw errorAt(origin, e, 'not-a-scalar', `'${e.op}' takes scalars, not operators`);
        }
      }
      case 'call': {
        if (e.fn === 'dag') {
          const a = this.ev(e.args[0], scope);
          return a.kind === 'op' ? { kind: 'op', v: adjoint(a.v) } : { kind: 'scalar', v: { re: a.v.re, im: a.v.im.neg() } };
        }
        return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
      }
      case 'binder': {
        const [lo, hi] = preciseBinderRange(D, origin, e, scope);
        const inner = new Map(scope);
        let acc: Value = { kind: 'scalar', v: e.fn === 'sum' ? this.zero : this.one };
        for (let k = lo; k <= hi; k++) {
          inner.set(e.index, new D(k));
          const v = this.ev(e.body, inner);
          if (acc.kind === 'scalar' && v.kind === 'scalar') {
            acc = { kind: 'scalar', v: e.fn === 'sum' ? { re: acc.v.re.plus(v.v.re), im: acc.v.im.plus(v.v.im) } : preciseMul(acc.v, v.v) };
          } else {
            acc = { kind: 'op', v: e.fn === 'sum' ? add(this.asOp(acc), this.asOp(v)) : mul(this.asOp(acc), this.asOp(v)) };
          }
        }
        return acc;
      }
    }
  }
}

/** Sparse columns of a matrix in Decimal: column j maps row i to the entry (i, j). */
export interface PreciseColumns {
  readonly n: number;
  readonly cols: readonly ReadonlyMap<number, PreciseComplex>[];
}

/**
 * The matrix of `a` in the product basis (bit L-1-k of an index is site k, 0 = u), by columns.
 * Each local factor has at most two entries per column, so a term maps a basis state to at most
 * 2^(its sites) states; the factors here have one.
 */
export function preciseMatrix(D: DecimalCtor, a: PreciseOpSum): PreciseColumns {
  const L = a.L, n = 2 ** L;
  const cols: Map<number, PreciseComplex>[] = [];
  for (let b = 0; b < n; b++) {
    const col = new Map<number, PreciseComplex>();
    for (const t of a.terms) {
      // Enumerate the images of b: (row, gaussian-integer factor).
      let images: [number, number, number][] = [[b, 1, 0]];
      for (let q = 0; q < t.sites.length; q++) {
        const shift = L - 1 - t.sites[q];
        const m = t.mats[q];
        const next: [number, number, number][] = [];
        for (const [row, fr, fi] of images) {
          const c = (row >> shift) & 1;
          for (let r = 0; r < 2; r++) {
            const mr = m[(r * 2 + c) * 2], mi = m[(r * 2 + c) * 2 + 1];
            if (mr === 0 && mi === 0) continue;
            next.push([(row & ~(1 << shift)) | (r << shift), fr * mr - fi * mi, fr * mi + fi * mr]);
          }
        }
        images = next;
      }
      for (const [row, fr, fi] of images) {
        const v = { re: t.c.re.times(fr).minus(t.c.im.times(fi)), im: t.c.re.times(fi).plus(t.c.im.times(fr)) };
        const prev = col.get(row);
        col.set(row, prev ? { re: prev.re.plus(v.re), im: prev.im.plus(v.im) } : v);
      }
    }
    cols.push(col);
  }
  return { n, cols };
}
