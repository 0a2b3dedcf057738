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
 *
 * The expression is walked by the one operator walk (symbolic/operator-walk) through its
 * collective instance, with engine/collective's scalars over the Decimal field and its errors; the
 * sparse Decimal columns of the sector matrices are this file's.
 */
import type { Decimal } from '../../numeric/index.js';
import type { Expr, Origin } from '../../lang/index.js';
import { binderRangeIn, preciseMul, type DecimalCtor, type PreciseScope } from '../../symbolic/index.js';
import { decimalContext, decimalElementary, type Cx } from '../../numeric/index.js';
import {
  siteSumLinear, uniformLocal, walkCollectiveOperator,
  type CoefficientRing, type CollectiveHooks, type SpinName, type LocalHooks, type SectorAlgebra,
} from '../../symbolic/index.js';
import { engineHooks, fieldScalars } from '../collective.js';
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
  const F = decimalElementary(D);
  const scalars = fieldScalars(F, origin, L);
  const local = engineHooks(scalars);
  const sector = new Sector(D, L, twoJ, scalars.ring);
  const hooks: CollectiveHooks<Cx, PreciseSectorMatrix, PreciseScope> = {
    ...local,
    algebra: sector,
    binder: (b, s) => {
      const M = cache.get(b) ?? bodyOperator(local, D, origin, b, s, L);
      cache.set(b, M);
      return b.fn === 'sum' ? sector.siteSum(M) : { matrix: sector.sitePower(M), linear: null };
    },
  };
  return walkCollectiveOperator(hooks, e, scope);
}

/** True when the matrix has no off-diagonal element. */
export function sectorIsDiagonal(m: PreciseSectorMatrix): boolean {
  return m.cols.every((col, c) => col.size === 0 || (col.size === 1 && col.has(c)));
}

/** A one-site operator in Decimal: [<u|M|u>, <u|M|d>, <d|M|u>, <d|M|d>] = [a, b, c, d]. */
export type PreciseLocal = readonly [Cx, Cx, Cx, Cx];
type DLocal = PreciseLocal;

type Mutable = { n: number; cols: Map<number, Cx>[] };

const isZero = (z: Cx): boolean => z.re.isZero() && z.im.isZero();
const cAdd = (x: Cx, y: Cx): Cx => ({ re: x.re.plus(y.re), im: x.im.plus(y.im) });
const cSub = (x: Cx, y: Cx): Cx => ({ re: x.re.minus(y.re), im: x.im.minus(y.im) });
const cConj = (x: Cx): Cx => ({ re: x.re, im: x.im.neg() });

/** The one-site operator of every term of a sum or prod over all sites, or why there is none. */
function bodyOperator(h: LocalHooks<Cx, PreciseScope>, D: DecimalCtor, origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: PreciseScope, L: number): DLocal {
  const [lo, hi] = binderRangeIn(decimalElementary(D), origin, e, scope);
  const inner = new Map(scope);
  return uniformLocal(h, e, L, lo, hi, (k) => inner.set(e.index, new D(k)));
}

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

/** The Decimal sector matrices of the sector twoJ = 2j of L qubits; J+ and J- are built once. */
class Sector implements SectorAlgebra<Cx, PreciseSectorMatrix> {
  private readonly zero: Cx;
  private jpCache: PreciseSectorMatrix | null = null;
  private jmCache: PreciseSectorMatrix | null = null;

  constructor(private readonly D: DecimalCtor, private readonly L: number, private readonly twoJ: number, private readonly ring: CoefficientRing<Cx>) {
    this.zero = { re: new D(0), im: new D(0) };
  }

  private c(re: number, im = 0): Cx {
    return { re: new this.D(re), im: new this.D(im) };
  }

  identity(c: Cx): PreciseSectorMatrix {
    const m = empty(this.twoJ + 1);
    for (let p = 0; p <= this.twoJ; p++) put(m, p, p, c);
    return m;
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

  named(name: SpinName): PreciseSectorMatrix {
    switch (name) {
      case 'Jz': return this.jz();
      case 'Jx': return matAdd(matScale(this.jp(), this.c(0.5)), this.jm(), this.c(0.5));
      // Jy = (J+ - J-) / 2i
      case 'Jy': return matAdd(matScale(this.jp(), this.c(0, -0.5)), this.jm(), this.c(0, 0.5));
      case 'Jp': return this.jp();
      case 'Jm': return this.jm();
    }
  }

  add(a: PreciseSectorMatrix, b: PreciseSectorMatrix, beta: Cx): PreciseSectorMatrix {
    return matAdd(a, b, beta);
  }

  scale(a: PreciseSectorMatrix, c: Cx): PreciseSectorMatrix {
    return matScale(a, c);
  }

  mul(a: PreciseSectorMatrix, b: PreciseSectorMatrix): PreciseSectorMatrix {
    return matMul(a, b);
  }

  adjoint(a: PreciseSectorMatrix): PreciseSectorMatrix {
    return matAdjoint(a);
  }

  /** sum_k M_k = (a+d) L/2 + (a-d) Jz + b J+ + c J-. */
  siteSum(M: DLocal): PreciseSectorOperator {
    const [, b, c] = M;
    const linear = siteSumLinear(this.ring, M, { re: new this.D(this.L).div(2), im: this.zero.im });
    let m = this.identity(linear[0]);
    if (!isZero(linear[3])) m = matAdd(m, this.jz(), linear[3]);
    if (!isZero(b)) m = matAdd(m, this.jp(), b);
    if (!isZero(c)) m = matAdd(m, this.jm(), c);
    return { matrix: m, linear };
  }

  /**
   * prod_k M_k = M^{(x)L} on the sector: det(M)^{L/2-j} Sym^{2j}(M) (Schur-Weyl duality).
   * Diagonal and anti-diagonal M give a monomial matrix, exactly at any size.
   */
  sitePower(M: DLocal): PreciseSectorMatrix {
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
}
