/**
 * Collective (permutation-symmetric) operator expressions in one total-spin sector 2j of L qubits,
 * in Decimal arithmetic: the same language and the same meaning of "collective" as
 * engine/collective (Id, Jx, Jy, Jz, Jp, Jm, scalars, + - * / ^ dag, and sum(k, e) or prod(k, e)
 * over all sites whose body is one fixed one-site operator), with every matrix element computed
 * at the working precision of the Decimal constructor:
 *
 *     Jz |j,m> = m |j,m>,   J+ |j,m> = sqrt((j-m)(j+m+1)) |j,m+1>,   J- |j,m> = sqrt((j+m)(j-m+1)) |j,m-1>.
 *
 * The sector basis is |j, m>, indexed by p = m + j = 0..2j (in the sector j = L/2, p is the number
 * of up spins). Operators linear in the collective spin, c0 + cx Jx + cy Jy + cz Jz, carry their
 * coefficients exactly: their spectrum in sector j is c0 + |c| m, m = -j..j.
 */
import type { Decimal } from 'decimal.js';
import { containsOperator, errorAt, type Expr, type Origin } from '../../lang/index.js';
import { evalIntegerPrecise, evalScalarPrecise, preciseBinderRange, preciseMul, type DecimalCtor, type PreciseScope } from '../../symbolic/index.js';
import { decimalContext, siteOperators, type Cx, type Local } from '../../numeric/index.js';
import { NotCollective } from '../collective.js';
import { PreciseNotApplicable, maxPreciseBlock } from './limits.js';

/** A sector matrix by sparse columns: column c maps row r to <r|M|c>. Exact zeros are not stored. */
export interface PreciseSectorMatrix {
  readonly n: number;
  readonly cols: readonly ReadonlyMap<number, Cx>[];
}

/** Coefficients (c0, cx, cy, cz), complex, of an operator c0 + cx Jx + cy Jy + cz Jz. */
export type PreciseLinearSpin = readonly [Cx, Cx, Cx, Cx];

/** An operator in a sector, with its linear-spin form when it has one. */
export interface PreciseSectorOperator {
  readonly matrix: PreciseSectorMatrix;
  readonly linear: PreciseLinearSpin | null;
}

/**
 * The one-site operator of each sum or prod over sites of an expression, which does not depend on
 * the sector: pass the same cache when evaluating one expression, in one scope and at one
 * precision, in several sectors.
 */
export type CollectiveCache = Map<Expr, PreciseLocal>;

/**
 * The operator of `e` in the sector twoJ = 2j of L qubits, at the precision of D.
 *
 * @throws NotCollective (engine/collective) when the expression is not permutation symmetric
 * @throws PreciseNotApplicable for prod(k, M) with a general (neither diagonal nor anti-diagonal)
 *   M on a sector larger than maxPreciseBlock
 * @throws InputError for evaluation errors, located at the offending node
 * @param cache see {@link CollectiveCache}
 * @example
 * const D = precision(30).D;
 * const jx = evalCollectivePrecise(D, origin, parseExpr('Jx'), new Map([['L', new D(4)]]), 4, 4);
 * jx.linear // [0, 1, 0, 0]
 */
export function evalCollectivePrecise(
  D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, L: number, twoJ: number, cache: CollectiveCache = new Map(),
): PreciseSectorOperator {
  const ev = new Evaluator(D, origin, L, twoJ, cache);
  const r = ev.ev(e, scope);
  return r.kind === 'op' ? r.v : ev.scalarOp(r.v);
}

/** True when the matrix has no off-diagonal element. */
export function sectorIsDiagonal(m: PreciseSectorMatrix): boolean {
  return m.cols.every((col, c) => col.size === 0 || (col.size === 1 && col.has(c)));
}

/** The linear form when it is real and the operator is therefore c0 + c.J with real c; else null. */
export function realLinear(D: DecimalCtor, lin: PreciseLinearSpin | null): [Decimal, Decimal, Decimal, Decimal] | null {
  if (!lin) return null;
  let scale = new D(1);
  for (const z of lin) { const a = z.re.abs().plus(z.im.abs()); if (a.gt(scale)) scale = a; }
  const tol = new D(10).pow(-(D.precision - 5)).times(scale);
  if (lin.some((z) => z.im.abs().gt(tol))) return null;
  return lin.map((z) => z.re) as [Decimal, Decimal, Decimal, Decimal];
}

/** Extremes c0 -+ |c| j of the spectrum of c0 + c.J (real c) in the sector twoJ = 2j. */
export function linearExtremes(lin: readonly [Decimal, Decimal, Decimal, Decimal], twoJ: number): { min: Decimal; max: Decimal } {
  const c = lin[1].pow(2).plus(lin[2].pow(2)).plus(lin[3].pow(2)).sqrt();
  const half = c.times(twoJ).div(2);
  return { min: lin[0].minus(half), max: lin[0].plus(half) };
}

/** A one-site operator in Decimal: [<u|M|u>, <u|M|d>, <d|M|u>, <d|M|d>] = [a, b, c, d]. */
export type PreciseLocal = readonly [Cx, Cx, Cx, Cx];
type DLocal = PreciseLocal;

type Value = { kind: 'scalar'; v: Cx } | { kind: 'op'; v: PreciseSectorOperator };
type Mutable = { n: number; cols: Map<number, Cx>[] };

const isZero = (z: Cx): boolean => z.re.isZero() && z.im.isZero();
const cAdd = (x: Cx, y: Cx): Cx => ({ re: x.re.plus(y.re), im: x.im.plus(y.im) });
const cSub = (x: Cx, y: Cx): Cx => ({ re: x.re.minus(y.re), im: x.im.minus(y.im) });
const cConj = (x: Cx): Cx => ({ re: x.re, im: x.im.neg() });
const cEq = (x: Cx, y: Cx): boolean => x.re.eq(y.re) && x.im.eq(y.im);

function empty(n: number): Mutable {
  return { n, cols: Array.from({ length: n }, () => new Map<number, Cx>()) };
}

function put(m: Mutable, r: number, c: number, v: Cx): void {
  if (!isZero(v)) m.cols[c].set(r, v);
}

function accumulate(m: Mutable, r: number, c: number, v: Cx): void {
  const col = m.cols[c];
  const prev = col.get(r);
  const s = prev ? cAdd(prev, v) : v;
  if (isZero(s)) col.delete(r); else col.set(r, s);
}

/** a + beta b. */
function matAdd(a: PreciseSectorMatrix, b: PreciseSectorMatrix, beta: Cx): PreciseSectorMatrix {
  const out: Mutable = { n: a.n, cols: a.cols.map((col) => new Map(col)) };
  b.cols.forEach((col, c) => { for (const [r, v] of col) accumulate(out, r, c, preciseMul(beta, v)); });
  return out;
}

function matScale(a: PreciseSectorMatrix, s: Cx): PreciseSectorMatrix {
  const out = empty(a.n);
  a.cols.forEach((col, c) => { for (const [r, v] of col) put(out, r, c, preciseMul(s, v)); });
  return out;
}

function matMul(a: PreciseSectorMatrix, b: PreciseSectorMatrix): PreciseSectorMatrix {
  const out = empty(a.n);
  b.cols.forEach((col, c) => {
    for (const [k, bkc] of col) for (const [r, ark] of a.cols[k]) accumulate(out, r, c, preciseMul(ark, bkc));
  });
  return out;
}

function matAdjoint(a: PreciseSectorMatrix): PreciseSectorMatrix {
  const out = empty(a.n);
  a.cols.forEach((col, c) => { for (const [r, v] of col) put(out, c, r, cConj(v)); });
  return out;
}

/** z^k for an integer k >= 0, 0^0 = 1, by squaring. */
function cPow(D: DecimalCtor, z: Cx, k: number): Cx {
  let acc: Cx = { re: new D(1), im: new D(0) };
  let base = z;
  let e = k;
  while (e > 0) {
    if (e & 1) acc = preciseMul(acc, base);
    e = Math.floor(e / 2);
    if (e > 0) base = preciseMul(base, base);
  }
  return acc;
}

/** [z^0, z^1, ..., z^n]. */
function powers(D: DecimalCtor, z: Cx, n: number): Cx[] {
  const out: Cx[] = [{ re: new D(1), im: new D(0) }];
  for (let k = 1; k <= n; k++) out.push(isZero(z) ? { re: new D(0), im: new D(0) } : preciseMul(out[k - 1], z));
  return out;
}

/** Binomial coefficients C(m, i), m = 0..N, exactly (BigInt). */
function binomials(N: number): bigint[][] {
  const t: bigint[][] = [[1n]];
  for (let m = 1; m <= N; m++) {
    const row: bigint[] = [1n];
    for (let i = 1; i < m; i++) row.push(t[m - 1][i - 1] + t[m - 1][i]);
    row.push(1n);
    t.push(row);
  }
  return t;
}

class Evaluator {
  private readonly zero: Cx;
  private readonly one: Cx;
  private jpCache: PreciseSectorMatrix | null = null;
  private jmCache: PreciseSectorMatrix | null = null;

  constructor(
    private readonly D: DecimalCtor, private readonly origin: Origin, private readonly L: number, private readonly twoJ: number,
    private readonly cache: CollectiveCache,
  ) {
    this.zero = { re: new D(0), im: new D(0) };
    this.one = { re: new D(1), im: new D(0) };
  }

  private c(re: number, im = 0): Cx {
    return { re: new this.D(re), im: new this.D(im) };
  }

  scalarOp(c: Cx): PreciseSectorOperator {
    const m = empty(this.twoJ + 1);
    for (let p = 0; p <= this.twoJ; p++) put(m, p, p, c);
    return { matrix: m, linear: [c, this.zero, this.zero, this.zero] };
  }

  /** Jz = diag(p - j). */
  private jz(): PreciseSectorMatrix {
    const m = empty(this.twoJ + 1);
    for (let p = 0; p <= this.twoJ; p++) put(m, p, p, { re: new this.D(2 * p - this.twoJ).div(2), im: this.zero.im });
    return m;
  }

  /** J+ |p> = sqrt((2j - p)(p + 1)) |p + 1>. */
  private jp(): PreciseSectorMatrix {
    if (!this.jpCache) {
      const m = empty(this.twoJ + 1);
      for (let p = 0; p < this.twoJ; p++) put(m, p + 1, p, { re: new this.D(this.twoJ - p).times(p + 1).sqrt(), im: this.zero.im });
      this.jpCache = m;
    }
    return this.jpCache;
  }

  /** J- = (J+)^+ (real entries). */
  private jm(): PreciseSectorMatrix {
    this.jmCache ??= matAdjoint(this.jp());
    return this.jmCache;
  }

  private named(name: string): PreciseSectorOperator | null {
    const z = this.zero, o = this.one;
    const half = this.c(0.5), mhalfI = this.c(0, -0.5), halfI = this.c(0, 0.5);
    switch (name) {
      case 'Id': return this.scalarOp(o);
      case 'Jz': return { matrix: this.jz(), linear: [z, z, z, o] };
      case 'Jx': return { matrix: matAdd(matScale(this.jp(), half), this.jm(), half), linear: [z, o, z, z] };
      // Jy = (J+ - J-) / 2i
      case 'Jy': return { matrix: matAdd(matScale(this.jp(), mhalfI), this.jm(), halfI), linear: [z, z, o, z] };
      case 'Jp': return { matrix: this.jp(), linear: [z, o, this.c(0, 1), z] };
      case 'Jm': return { matrix: this.jm(), linear: [z, o, this.c(0, -1), z] };
      default: return null;
    }
  }

  private asOp(x: Value): PreciseSectorOperator {
    return x.kind === 'op' ? x.v : this.scalarOp(x.v);
  }

  private add(a: PreciseSectorOperator, b: PreciseSectorOperator, beta: Cx): PreciseSectorOperator {
    const linear = a.linear && b.linear
      ? (a.linear.map((x, i) => cAdd(x, preciseMul(beta, b.linear![i]))) as unknown as PreciseLinearSpin)
      : null;
    return { matrix: matAdd(a.matrix, b.matrix, beta), linear };
  }

  private scale(a: PreciseSectorOperator, c: Cx): PreciseSectorOperator {
    return { matrix: matScale(a.matrix, c), linear: a.linear ? (a.linear.map((x) => preciseMul(x, c)) as unknown as PreciseLinearSpin) : null };
  }

  private product(a: PreciseSectorOperator, b: PreciseSectorOperator): PreciseSectorOperator {
    const scalarOf = (x: PreciseSectorOperator): Cx | null => (x.linear && x.linear.slice(1).every(isZero) ? x.linear[0] : null);
    const sa = scalarOf(a), sb = scalarOf(b);
    if (sa) return this.scale(b, sa);
    if (sb) return this.scale(a, sb);
    return { matrix: matMul(a.matrix, b.matrix), linear: null };
  }

  ev(e: Expr, scope: PreciseScope): Value {
    const { D, origin } = this;
    switch (e.kind) {
      case 'name': {
        const op = this.named(e.name);
        return op ? { kind: 'op', v: op } : { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
      }
      case 'num':
      case 'str':
        return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
      case 'site':
        throw new NotCollective(`'${origin.located.text.slice(e.span.start, e.span.end)}' acts on one site, outside a sum or product over all sites`);
      case 'unary': {
        const a = this.ev(e.arg, scope);
        if (e.op === '+') return a;
        return a.kind === 'op' ? { kind: 'op', v: this.scale(a.v, this.c(-1)) } : { kind: 'scalar', v: { re: a.v.re.neg(), im: a.v.im.neg() } };
      }
      case 'binary': {
        if (e.op === '^') {
          const base = this.ev(e.left, scope);
          if (base.kind === 'scalar') return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
          const n = evalIntegerPrecise(D, origin, e.right, scope, 'an operator exponent');
          if (n < 0) throw errorAt(origin, e.right, 'bad-exponent', `an operator power needs an integer exponent >= 0, got ${n}`);
          let acc = this.scalarOp(this.one);
          for (let k = 0; k < n; k++) acc = this.product(acc, base.v);
          return { kind: 'op', v: acc };
        }
        const a = this.ev(e.left, scope);
        const b = this.ev(e.right, scope);
        if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
        switch (e.op) {
          case '+': return { kind: 'op', v: this.add(this.asOp(a), this.asOp(b), this.one) };
          case '-': return { kind: 'op', v: this.add(this.asOp(a), this.asOp(b), this.c(-1)) };
          case '*': return { kind: 'op', v: this.product(this.asOp(a), this.asOp(b)) };
          case '/': {
            if (b.kind !== 'scalar') throw errorAt(origin, e.right, 'not-a-scalar', 'an operator can only be divided by a scalar');
            const d = b.v.re.times(b.v.re).plus(b.v.im.times(b.v.im));
            if (d.isZero()) throw errorAt(origin, e.right, 'domain-error', 'division by zero');
            return { kind: 'op', v: this.scale(this.asOp(a), { re: b.v.re.div(d), im: b.v.im.neg().div(d) }) };
          }
          default:
            throw errorAt(origin, e, 'not-a-scalar', `'${e.op}' takes scalars, not operators`);
        }
      }
      case 'call': {
        if (e.fn === 'dag') {
          const a = this.ev(e.args[0], scope);
          if (a.kind === 'scalar') return { kind: 'scalar', v: cConj(a.v) };
          const lin = a.v.linear;
          // (c0 + c.J)^+ = conj(c0) + conj(c).J since Jx, Jy, Jz are Hermitian.
          return { kind: 'op', v: { matrix: matAdjoint(a.v.matrix), linear: lin ? (lin.map(cConj) as unknown as PreciseLinearSpin) : null } };
        }
        return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
      }
      case 'binder':
        return this.binder(e, scope);
    }
  }

  private binder(e: Extract<Expr, { kind: 'binder' }>, scope: PreciseScope): Value {
    const { D, origin } = this;
    if (!containsOperator(e.body)) return { kind: 'scalar', v: evalScalarPrecise(D, origin, e, scope) };
    const M = this.cache.get(e) ?? this.bodyOperator(e, scope);
    this.cache.set(e, M);
    return { kind: 'op', v: e.fn === 'sum' ? this.siteSum(M) : { matrix: this.sitePower(M), linear: null } };
  }

  /** The one-site operator of every term of a sum or prod over all sites, or why there is none. */
  private bodyOperator(e: Extract<Expr, { kind: 'binder' }>, scope: PreciseScope): DLocal {
    const { D, origin, L } = this;
    const [lo, hi] = preciseBinderRange(D, origin, e, scope);
    if (lo !== 0 || hi !== L - 1) throw new NotCollective(`${e.fn} over ${lo}..${hi} does not run over all ${L} sites`);
    const inner = new Map(scope);
    let first: DLocal | null = null;
    const seen = new Uint8Array(L);
    for (let k = lo; k <= hi; k++) {
      inner.set(e.index, new D(k));
      const loc = this.local(e.body, inner);
      if (loc.site === null) throw new NotCollective(`the body of ${e.fn}(${e.index}, ...) acts on no site`);
      if (seen[loc.site]) throw new NotCollective(`${e.fn}(${e.index}, ...) visits site ${loc.site} twice`);
      seen[loc.site] = 1;
      if (first === null) first = loc.M;
      else if (!first.every((x, q) => cEq(x, loc.M[q]))) throw new NotCollective(`the body of ${e.fn}(${e.index}, ...) is not the same one-site operator on every site`);
    }
    if (first === null) throw new NotCollective(`${e.fn} over no sites`);
    return first;
  }

  /** sum_k M_k = (a+d) L/2 + (a-d) Jz + b J+ + c J-. */
  private siteSum(M: DLocal): PreciseSectorOperator {
    const [a, b, c, d] = M;
    const i = this.c(0, 1);
    const c0 = preciseMul(cAdd(a, d), { re: new this.D(this.L).div(2), im: this.zero.im });
    let m = this.scalarOp(c0).matrix;
    if (!isZero(cSub(a, d))) m = matAdd(m, this.jz(), cSub(a, d));
    if (!isZero(b)) m = matAdd(m, this.jp(), b);
    if (!isZero(c)) m = matAdd(m, this.jm(), c);
    return { matrix: m, linear: [c0, cAdd(b, c), preciseMul(i, cSub(b, c)), cSub(a, d)] };
  }

  /**
   * prod_k M_k = M^{(x)L} on the sector: det(M)^{L/2-j} Sym^{2j}(M) (Schur-Weyl duality).
   * Diagonal and anti-diagonal M give a monomial matrix, exactly at any size.
   */
  private sitePower(M: DLocal): PreciseSectorMatrix {
    const { D, twoJ, L } = this;
    const n = twoJ + 1;
    const [a, b, c, d] = M;
    const det = cSub(preciseMul(a, d), preciseMul(b, c));
    const scale = cPow(D, det, (L - twoJ) / 2);
    const out = empty(n);
    if (isZero(b) && isZero(c)) {
      // |p ups> -> a^p d^(2j-p) |p ups>
      const ap = powers(D, a, twoJ), dp = powers(D, d, twoJ);
      for (let p = 0; p <= twoJ; p++) put(out, p, p, preciseMul(scale, preciseMul(ap[p], dp[twoJ - p])));
      return out;
    }
    if (isZero(a) && isZero(d)) {
      // M|u> = c|d>, M|d> = b|u>: |p ups> -> c^p b^(2j-p) |(2j-p) ups>
      const cp = powers(D, c, twoJ), bp = powers(D, b, twoJ);
      for (let p = 0; p <= twoJ; p++) put(out, twoJ - p, p, preciseMul(scale, preciseMul(cp[p], bp[twoJ - p])));
      return out;
    }
    if (n > maxPreciseBlock) {
      throw new PreciseNotApplicable(`prod over all sites of a one-site operator that is neither diagonal nor anti-diagonal needs a dense ${n} x ${n} sector matrix in Decimal (limit ${maxPreciseBlock})`);
    }
    return this.generalPower(M, scale);
  }

  /**
   * <q|Sym^N(M)|p> = sqrt(C(N,p)/C(N,q)) sum_i C(p,i) C(N-p,q-i) a^i c^(p-i) b^(q-i) d^(N-p-q+i), N = 2j.
   * The alternating sum cancels up to (|a|+|b|+|c|+|d|)^N / ||M||^N; it runs with that many more digits.
   */
  private generalPower(M: DLocal, scale: Cx): PreciseSectorMatrix {
    const N = this.twoJ;
    const abs = M.map((z) => z.re.pow(2).plus(z.im.pow(2)).sqrt().toNumber());
    // ||M||_2 >= max |entry|, and the terms of a sum are at most (sum |entries|)^N times a binomial ratio <= 2^N.
    const top = Math.max(...abs);
    const extra = Math.max(0, Math.ceil(N * Math.log10((2 * abs.reduce((s, x) => s + x, 0)) / top))) + 5;
    const E = decimalContext(this.D.precision + extra, this.D.rounding);
    const up = (z: Cx): Cx => ({ re: new E(z.re), im: new E(z.im) });
    const [a, b, c, d] = M.map(up);
    const pa = powers(E, a, N), pb = powers(E, b, N), pc = powers(E, c, N), pd = powers(E, d, N);
    const C = binomials(N);
    const out = empty(N + 1);
    const back = (x: Decimal): Decimal => new this.D(x.toSignificantDigits(this.D.precision).toString());
    for (let p = 0; p <= N; p++) {
      for (let q = 0; q <= N; q++) {
        let s: Cx = { re: new E(0), im: new E(0) };
        for (let i = Math.max(0, p + q - N); i <= Math.min(p, q); i++) {
          const t = preciseMul(preciseMul(pa[i], pc[p - i]), preciseMul(pb[q - i], pd[N - p - q + i]));
          const coef = new E((C[p][i] * C[N - p][q - i]).toString());
          s = cAdd(s, { re: t.re.times(coef), im: t.im.times(coef) });
        }
        const f = new E(C[N][p].toString()).div(C[N][q].toString()).sqrt();
        const v = preciseMul(up(scale), { re: s.re.times(f), im: s.im.times(f) });
        put(out, q, p, { re: back(v.re), im: back(v.im) });
      }
    }
    return out;
  }

  /** A binder body at fixed indices as a one-site operator (or a scalar times Id). */
  private local(e: Expr, scope: PreciseScope): { site: number | null; M: DLocal } {
    const { D, origin, L } = this;
    const scalarLocal = (c: Cx): { site: null; M: DLocal } => ({ site: null, M: [c, this.zero, this.zero, c] });
    const fromLocal = (m: Local): DLocal => [0, 1, 2, 3].map((q) => this.c(m[2 * q], m[2 * q + 1])) as unknown as DLocal;
    const mul = (x: DLocal, y: DLocal): DLocal => [
      cAdd(preciseMul(x[0], y[0]), preciseMul(x[1], y[2])), cAdd(preciseMul(x[0], y[1]), preciseMul(x[1], y[3])),
      cAdd(preciseMul(x[2], y[0]), preciseMul(x[3], y[2])), cAdd(preciseMul(x[2], y[1]), preciseMul(x[3], y[3])),
    ];
    const merge = (x: number | null, y: number | null): number | null => {
      if (x !== null && y !== null && x !== y) throw new NotCollective('a term acts on two sites: not a sum of one-site operators');
      return x ?? y;
    };
    switch (e.kind) {
      case 'site': {
        const k = evalIntegerPrecise(D, origin, e.index, scope, 'a site index');
        if (k < 0 || k >= L) throw errorAt(origin, e.index, 'index-out-of-range', `site index ${k} is outside 0..${L - 1} at L = ${L}`);
        return { site: k, M: fromLocal(siteOperators[e.op]) };
      }
      case 'name':
        if (['Jx', 'Jy', 'Jz', 'Jp', 'Jm'].includes(e.name)) throw new NotCollective(`${e.name} inside a sum over sites`);
        if (e.name === 'Id') return scalarLocal(this.one);
        return scalarLocal(evalScalarPrecise(D, origin, e, scope));
      case 'num': case 'str': return scalarLocal(evalScalarPrecise(D, origin, e, scope));
      case 'unary': {
        const a = this.local(e.arg, scope);
        return e.op === '-' ? { site: a.site, M: a.M.map((z) => ({ re: z.re.neg(), im: z.im.neg() })) as unknown as DLocal } : a;
      }
      case 'binary': {
        if (!containsOperator(e)) return scalarLocal(evalScalarPrecise(D, origin, e, scope));
        if (e.op === '^') {
          const base = this.local(e.left, scope);
          const n = evalIntegerPrecise(D, origin, e.right, scope, 'an operator exponent');
          if (n < 0) throw errorAt(origin, e.right, 'bad-exponent', `an operator power needs an integer exponent >= 0, got ${n}`);
          let M: DLocal = scalarLocal(this.one).M;
          for (let q = 0; q < n; q++) M = mul(M, base.M);
          return { site: n > 0 ? base.site : null, M };
        }
        const a = this.local(e.left, scope);
        const b = this.local(e.right, scope);
        if (e.op === '+' || e.op === '-') {
          const f = e.op === '+' ? cAdd : cSub;
          return { site: merge(a.site, b.site), M: a.M.map((x, q) => f(x, b.M[q])) as unknown as DLocal };
        }
        if (e.op === '*') return { site: merge(a.site, b.site), M: mul(a.M, b.M) };
        if (e.op === '/') {
          if (containsOperator(e.right)) throw errorAt(origin, e.right, 'not-a-scalar', 'an operator can only be divided by a scalar');
          const d = evalScalarPrecise(D, origin, e.right, scope);
          const m2 = d.re.times(d.re).plus(d.im.times(d.im));
          if (m2.isZero()) throw errorAt(origin, e.right, 'domain-error', 'division by zero');
          const inv: Cx = { re: d.re.div(m2), im: d.im.neg().div(m2) };
          return { site: a.site, M: a.M.map((x) => preciseMul(x, inv)) as unknown as DLocal };
        }
        throw errorAt(origin, e, 'not-a-scalar', `'${e.op}' takes scalars, not operators`);
      }
      case 'call':
        if (e.fn === 'dag') {
          const a = this.local(e.args[0], scope);
          return { site: a.site, M: [cConj(a.M[0]), cConj(a.M[2]), cConj(a.M[1]), cConj(a.M[3])] };
        }
        return scalarLocal(evalScalarPrecise(D, origin, e, scope));
      case 'binder':
        if (containsOperator(e.body)) throw new NotCollective(`a nested ${e.fn} over operators`);
        return scalarLocal(evalScalarPrecise(D, origin, e, scope));
    }
  }
}
