/**
 * One suite of laws of the Dicke-sector matrices (numeric/dicke's DickeSector) run over every
 * sparse algebra it is built in (QuTiP's pattern of one test class run over every specialisation):
 * float64 CSR (the float engine's), the generic sparse columns over float64, and the sparse Decimal
 * columns at 30 digits (the precise engine's). Then float64 against Decimal, entry by entry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DickeSector, columnAlgebra, decimalColumnAlgebra, float64Csr, float64Field, maxGeneralPowerDimension, precision,
  complexMul, type Complex, type OneSite, type SparseAlgebra,
} from '../../src/numeric/index.js';

const SEED = 1313;
const D30 = precision(30).D;

interface Case<T, M> {
  readonly K: SparseAlgebra<T, M>;
  /** Entrywise tolerance of the laws (relative to the size of the entries). */
  readonly tol: number;
  /** The largest sector of a general site power. */
  readonly limit: number;
}

const cases: [string, Case<unknown, unknown>][] = [
  ['float64 CSR', { K: float64Csr, tol: 1e-12, limit: maxGeneralPowerDimension }],
  ['float64 columns', { K: columnAlgebra(float64Field), tol: 1e-12, limit: maxGeneralPowerDimension }],
  ['decimal(30) columns', { K: decimalColumnAlgebra(D30), tol: 1e-25, limit: 64 }],
] as unknown as [string, Case<unknown, unknown>][];

type C = Complex<number>;
type SparseMatrixOf = ReturnType<typeof float64Csr.adjoint>;

/** The dense copy of a sector matrix over its field (row-major), zeros as F.zero. */
function dense<T, M>(K: SparseAlgebra<T, M>, m: M, n: number): Complex<T>[] {
  const out: Complex<T>[] = Array.from({ length: n * n }, () => ({ re: K.F.zero, im: K.F.zero }));
  K.forEachEntry(m, (r, c, v) => { out[r * n + c] = v; });
  return out;
}

/** max |x - y| / max(1, max |y|) over the entries of two matrices of K, the differences taken in K's field. */
function distanceIn<T, M>(K: SparseAlgebra<T, M>, x: M, y: M, n: number): number {
  const F = K.F, X = dense(K, x, n), Y = dense(K, y, n);
  let d = 0, s = 1;
  for (let i = 0; i < X.length; i++) {
    d = Math.max(d, Math.hypot(F.toNumber(F.sub(X[i].re, Y[i].re)), F.toNumber(F.sub(X[i].im, Y[i].im))));
    s = Math.max(s, Math.hypot(F.toNumber(Y[i].re), F.toNumber(Y[i].im)));
  }
  return d / s;
}

/** The same between a float64 matrix x and a matrix y of K, the differences taken in K's field. */
function distanceTo<T, M>(x: SparseMatrixOf, K: SparseAlgebra<T, M>, y: M, n: number): number {
  const F = K.F, X = dense(float64Csr, x, n), Y = dense(K, y, n);
  let d = 0, s = 1;
  for (let i = 0; i < X.length; i++) {
    d = Math.max(d, Math.hypot(F.toNumber(F.sub(F.fromNumber(X[i].re), Y[i].re)), F.toNumber(F.sub(F.fromNumber(X[i].im), Y[i].im))));
    s = Math.max(s, Math.hypot(F.toNumber(Y[i].re), F.toNumber(Y[i].im)));
  }
  return d / s;
}

const cx = (re: number, im = 0): C => ({ re, im });
/** Equal values (+0 and -0 alike). */
const same = (x: C, y: C): boolean => x.re === y.re && x.im === y.im;

/** A one-site operator with small integer-and-half entries (exact in both fields). */
const entry = fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 })).map(([a, b]) => cx(a / 2, b / 2));
const oneSite = fc.tuple(entry, entry, entry, entry);

/** The 2 x 2 product A B of one-site operators [a, b, c, d]. */
function localMul(A: readonly C[], B: readonly C[]): C[] {
  const m = (x: C, y: C) => complexMul(float64Field, x, y);
  const add = (x: C, y: C) => cx(x.re + y.re, x.im + y.im);
  return [add(m(A[0], B[0]), m(A[1], B[2])), add(m(A[0], B[1]), m(A[1], B[3])), add(m(A[2], B[0]), m(A[3], B[2])), add(m(A[2], B[1]), m(A[3], B[3]))];
}

/** Sectors twoJ = L, L-2, ..., of L = 0..maxL qubits. */
function sectors(maxL: number): [number, number][] {
  const out: [number, number][] = [];
  for (let L = 1; L <= maxL; L++) for (let twoJ = L; twoJ >= 0; twoJ -= 2) out.push([L, twoJ]);
  return out;
}

describe.each(cases)(`Dicke-sector laws over %s (fast-check seed ${SEED})`, (_name, c) => {
  const { K, tol, limit } = c as Case<unknown, unknown>;
  const F = K.F;
  const lift = (z: C): Complex<unknown> => ({ re: F.fromNumber(z.re), im: F.fromNumber(z.im) });
  const lifted = (M: readonly C[]): OneSite<unknown> => M.map(lift) as unknown as OneSite<unknown>;
  const one = (x: number) => lift(cx(x));
  const num = (z: Complex<unknown>): C => ({ re: F.toNumber(z.re), im: F.toNumber(z.im) });

  it('has [J+, J-] = 2 Jz, Jz = diag(m), J- = (J+)^+ and the Casimir Jx^2 + Jy^2 + Jz^2 = j(j+1)', () => {
    for (const twoJ of [0, 1, 2, 3, 4, 7, 12]) {
      const S = new DickeSector(K, twoJ, twoJ), n = twoJ + 1;
      const comm = S.add(S.mul(S.jp, S.jm), S.mul(S.jm, S.jp), one(-1));
      expect(distanceIn(K, comm, S.scale(S.jz, one(2)), n)).toBeLessThan(tol);
      const jz = dense(K, S.jz, n);
      for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) expect(same(num(jz[p * n + q]), cx(p === q ? p - twoJ / 2 : 0))).toBe(true);
      expect(distanceIn(K, S.jm, S.adjoint(S.jp), n)).toBe(0);
      // J- built before J+ (by its formula) and after it (as its transpose) is the same matrix.
      expect(distanceIn(K, new DickeSector(K, twoJ, twoJ).jm, S.jm, n)).toBe(0);
      const [x, y, z] = (['Jx', 'Jy', 'Jz'] as const).map((s) => S.named(s));
      const casimir = S.add(S.add(S.mul(x, x), S.mul(y, y), one(1)), S.mul(z, z), one(1));
      const j = twoJ / 2;
      expect(distanceIn(K, casimir, S.identity(one(j * (j + 1))), n)).toBeLessThan(tol * Math.max(1, j * j));
    }
  });

  it('has site sums sum_k Z_k = 2 Jz, sum_k X_k = 2 Jx, sum_k Sp_k = J+, sum_k Id = L', () => {
    for (const [L, twoJ] of sectors(7)) {
      const S = new DickeSector(K, L, twoJ), n = twoJ + 1;
      const same = (M: C[], m: unknown) => expect(distanceIn(K, S.siteSum(lifted(M)), m, n)).toBeLessThan(tol);
      same([cx(1), cx(0), cx(0), cx(-1)], S.scale(S.jz, one(2)));
      same([cx(0), cx(1), cx(1), cx(0)], S.scale(S.named('Jx'), one(2)));
      same([cx(0), cx(1), cx(0), cx(0)], S.jp);
      same([cx(1), cx(0), cx(0), cx(1)], S.identity(one(L)));
    }
  });

  it('has site powers equal to the elementary symmetric polynomial of the site sums of M, M^2, ... (Newton)', () => {
    fc.assert(fc.property(oneSite, fc.constantFrom(...sectors(5)), fc.boolean(), (M0, [L, twoJ], monomial) => {
      // A diagonal (or anti-diagonal) M half the time, so that both branches of sitePower are met.
      const M = monomial ? (M0[0].re > 0 ? [M0[0], cx(0), cx(0), M0[3]] : [cx(0), M0[1], M0[2], cx(0)]) : [...M0];
      const S = new DickeSector(K, L, twoJ), n = twoJ + 1;
      // e_k = (1/k) sum_{i=1..k} (-1)^(i-1) e_{k-i} p_i with p_i = sum_k (M^i)_k and e_0 = Id.
      const p: unknown[] = [];
      let Mi: C[] = M;
      for (let i = 1; i <= L; i++) { p.push(S.siteSum(lifted(Mi))); Mi = localMul(Mi, M); }
      const e: unknown[] = [S.identity(one(1))];
      for (let k = 1; k <= L; k++) {
        let s = S.identity(one(0));
        for (let i = 1; i <= k; i++) s = S.add(s, S.mul(e[k - i], p[i - 1]), { re: F.fromRational(i % 2 === 1 ? 1 : -1, k), im: F.zero });
        e.push(s);
      }
      const power = S.sitePower(lifted(M), limit);
      expect(distanceIn(K, power, e[L], n)).toBeLessThan(tol * 4 ** L);
    }), { seed: SEED, numRuns: 60 });
  });

  it('builds monomial site powers at any size and refuses a general one beyond its limit', () => {
    const S = new DickeSector(K, 200, 198);
    const flip = dense(K, S.sitePower(lifted([cx(0), cx(1), cx(0), cx(0)]), limit), 199).map(num);
    // prod Sp on the sector j = 99 of 200 qubits: det = 0, so zero (L/2 - j = 1 > 0).
    expect(flip.every((z) => z.re === 0 && z.im === 0)).toBe(true);
    const up = new DickeSector(K, 198, 198);
    const z = dense(K, up.sitePower(lifted([cx(1), cx(0), cx(0), cx(-1)]), limit), 199).map(num);
    for (let q = 0; q <= 198; q++) expect(same(z[q * 199 + q], cx((198 - q) % 2 === 0 ? 1 : -1))).toBe(true);
    expect(() => new DickeSector(K, limit, limit).sitePower(lifted([cx(1), cx(1), cx(1), cx(0)]), limit)).toThrow(RangeError);
  });
});

describe('Dicke-sector matrices: float64 against decimal(30)', () => {
  const Kd = decimalColumnAlgebra(D30);
  const toDecimal = (M: readonly C[]): OneSite<InstanceType<typeof D30>> => M.map((z) => ({ re: Kd.F.fromNumber(z.re), im: Kd.F.fromNumber(z.im) })) as unknown as OneSite<InstanceType<typeof D30>>;
  it('agree to 1e-12 on named operators, site sums and site powers (general ones up to the float64 limit)', () => {
    fc.assert(fc.property(oneSite, fc.constantFrom(...sectors(24).filter(([L]) => L % 6 === 0 || L < 6)), (M0, [L, twoJ]) => {
      const M = [...M0];
      const f = new DickeSector(float64Csr, L, twoJ), d = new DickeSector(Kd, L, twoJ), n = twoJ + 1;
      const near = (x: SparseMatrixOf, y: unknown) => expect(distanceTo(x, Kd, y as never, n)).toBeLessThan(1e-12);
      for (const s of ['Jx', 'Jy', 'Jz', 'Jp', 'Jm'] as const) near(f.named(s), d.named(s));
      near(f.siteSum(M), d.siteSum(toDecimal(M)));
      if (n <= maxGeneralPowerDimension) {
        const top = Math.max(...M.map((z) => Math.hypot(z.re, z.im)));
        if (top === 0) return;
        // relative to ||M||^L, the size of the product's entries
        const unit = M.map((z) => cx(z.re / top, z.im / top));
        near(f.sitePower(unit, maxGeneralPowerDimension), d.sitePower(toDecimal(unit), 64));
      }
    }), { seed: SEED, numRuns: 40 });
  });
});
