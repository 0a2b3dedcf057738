import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  configureLinalgThreads,
  eighReal,
  linalgTolerances,
  NoConvergenceError,
  NotHermitianError,
} from '../../../src/numeric/linalg/index.js';
import {
  asComplex,
  EPS,
  eigResidual,
  frobenius,
  identity,
  kron,
  orthonormalityError,
  randomSymmetric,
  rng,
  sorted,
  spin,
} from './linalgHelpers.js';
import { linalgThreading, stopHelperThreads } from '../../../src/numeric/linalg/helperThreads.js';

/** Backward-error budget for a dense symmetric eigensolver: c · n · eps · ||A||. */
const budget = (n: number, norm: number): number => 8 * Math.max(n, 4) * EPS * Math.max(norm, 1e-300);

function checkDecomposition(n: number, a: Float64Array): Float64Array {
  const { values, vectors } = eighReal(n, a, { vectors: true });
  const norm = frobenius(asComplex(a));
  expect(eigResidual(n, asComplex(a), values, asComplex(vectors))).toBeLessThanOrEqual(budget(n, norm));
  expect(orthonormalityError(n, asComplex(vectors))).toBeLessThanOrEqual(budget(n, 1));
  for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  return values;
}

describe('eighReal', () => {
  for (const n of [1, 2, 3, 10, 25, 26, 64, 200, 333, 500]) {
    it(`decomposes a random symmetric matrix, n = ${n}`, () => {
      const a = randomSymmetric(n, 1000 + n);
      const copy = a.slice();
      const values = checkDecomposition(n, a);
      expect(a).toEqual(copy); // input untouched
      // The eigenvalues-only path agrees to rounding.
      const only = eighReal(n, a).values;
      for (let i = 0; i < n; i++) expect(Math.abs(only[i] - values[i])).toBeLessThanOrEqual(budget(n, frobenius(asComplex(a))));
      // Trace is the sum of eigenvalues.
      let tr = 0;
      for (let i = 0; i < n; i++) tr += a[i * n + i];
      expect(Math.abs(values.reduce((s, x) => s + x, 0) - tr)).toBeLessThanOrEqual(n * budget(n, frobenius(asComplex(a))));
    });
  }

  it('is scale-invariant from 1e-300 to 1e300 (no overflow or underflow)', () => {
    const n = 30;
    const a = randomSymmetric(n, 31);
    const base = eighReal(n, a).values;
    for (const s of [1e-300, 1e-150, 1e150, 1e300]) {
      const scaled = a.map((x) => x * s);
      const { values, vectors } = eighReal(n, scaled, { vectors: true });
      for (let i = 0; i < n; i++) expect(Math.abs(values[i] / s - base[i])).toBeLessThanOrEqual(budget(n, frobenius(asComplex(a))));
      expect(orthonormalityError(n, asComplex(vectors))).toBeLessThanOrEqual(budget(n, 1));
    }
  });

  it('returns no vectors unless asked', () => {
    expect(eighReal(3, randomSymmetric(3, 1)).vectors).toBeUndefined();
  });

  it('handles the empty, 1×1 and zero matrices', () => {
    expect(eighReal(0, new Float64Array(0)).values.length).toBe(0);
    const one = eighReal(1, Float64Array.of(-2.5), { vectors: true });
    expect(Array.from(one.values)).toEqual([-2.5]);
    expect(Array.from(one.vectors)).toEqual([1]);
    const zero = eighReal(5, new Float64Array(25), { vectors: true });
    expect(Array.from(zero.values)).toEqual([0, 0, 0, 0, 0]);
    expect(orthonormalityError(5, asComplex(zero.vectors))).toBeLessThanOrEqual(budget(5, 1));
  });

  it('resolves exact degeneracies: diag with repeats, rotated', () => {
    // Q D Q^T with D = diag(1, 1, 1, -2, -2, 5, 5, 5, 5, 0) and Q a product of random reflections.
    const d = [1, 1, 1, -2, -2, 5, 5, 5, 5, 0];
    const n = d.length;
    const q = identity(n).re;
    const r = rng(7);
    for (let t = 0; t < 3; t++) {
      const v = Float64Array.from({ length: n }, () => 2 * r() - 1);
      const vv = v.reduce((s, x) => s + x * x, 0);
      // q <- q (I - 2 v v^T / v^T v)
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += q[i * n + k] * v[k];
        for (let k = 0; k < n; k++) q[i * n + k] -= (2 * s * v[k]) / vv;
      }
    }
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += q[i * n + k] * d[k] * q[j * n + k];
        a[i * n + j] = s;
      }
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i]; // exact symmetry
    const values = checkDecomposition(n, a);
    const expected = sorted(d);
    for (let i = 0; i < n; i++) expect(Math.abs(values[i] - expected[i])).toBeLessThanOrEqual(budget(n, 10));
  });

  it('resolves the doubled spectrum of a Kronecker product I_2 ⊗ M ⊗ I_2', () => {
    const m = asComplex(randomSymmetric(6, 3));
    const big = kron(2, identity(2), 12, kron(6, m, 2, identity(2)));
    const n = 24;
    const values = checkDecomposition(n, big.re);
    const small = eighReal(6, m.re).values;
    for (let i = 0; i < n; i++) expect(Math.abs(values[i] - small[Math.floor(i / 4)])).toBeLessThanOrEqual(budget(n, 10));
  });

  it('resolves the degenerate spectrum of I_8 ⊗ M ⊗ I_2 and of rotated diag with repeats, n > 100', () => {
    // Divide and conquer at this size: every eigenvalue is 16-fold and deflates.
    const m = asComplex(randomSymmetric(8, 4));
    const n = 128;
    const big = kron(8, identity(8), 16, kron(8, m, 2, identity(2)));
    const values = checkDecomposition(n, big.re);
    const small = eighReal(8, m.re).values;
    for (let i = 0; i < n; i++) expect(Math.abs(values[i] - small[Math.floor(i / 16)])).toBeLessThanOrEqual(budget(n, 10));
    // A spin-chain-like matrix: sum of random 2-local terms on 7 sites (dimension 128), mixed signs.
    const r = rng(12);
    const x = { re: Float64Array.of(0, 1, 1, 0), im: new Float64Array(4) };
    const z = { re: Float64Array.of(1, 0, 0, -1), im: new Float64Array(4) };
    const chain = new Float64Array(n * n);
    for (let k = 0; k < 7; k++) {
      for (const [op, c] of [[x, 0.7], [z, r() < 0.5 ? 1 : -1]] as const) {
        let t = identity(1);
        let dim = 1;
        for (let site = 0; site < 7; site++) {
          const f = site === k || (op === z && site === (k + 1) % 7) ? op : identity(2);
          t = kron(dim, t, 2, f);
          dim *= 2;
        }
        for (let i = 0; i < n * n; i++) chain[i] += c * t.re[i];
      }
    }
    checkDecomposition(n, chain);
  });

  it('matches the closed form of the tridiagonal Toeplitz (2, -1) matrix', () => {
    const n = 150;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i + 1 < n) {
        a[i * n + i + 1] = -1;
        a[(i + 1) * n + i] = -1;
      }
    }
    const values = checkDecomposition(n, a);
    for (let k = 1; k <= n; k++) {
      expect(Math.abs(values[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThanOrEqual(budget(n, 4));
    }
  });

  it('finds -j..j for the spin-j J_x matrix', () => {
    for (const j2 of [1, 2, 7, 40]) {
      const { n, jx } = spin(j2);
      const values = checkDecomposition(n, jx.re);
      for (let a = 0; a < n; a++) expect(Math.abs(values[a] - (a - j2 / 2))).toBeLessThanOrEqual(budget(n, j2));
    }
  });

  it('gives bit-identical results on one thread and on helper threads', async () => {
    const saved = linalgThreading();
    const n = 640; // large enough for shared products and shared reduction passes
    const a = randomSymmetric(n, 640);
    try {
      configureLinalgThreads({ threads: 1 });
      const one = eighReal(n, a, { vectors: true });
      configureLinalgThreads({ threads: 2, minFlops: 0 });
      const two = eighReal(n, a, { vectors: true });
      expect(Array.from(two.values)).toEqual(Array.from(one.values));
      expect(two.vectors.every((x, i) => Object.is(x, one.vectors[i]))).toBe(true);
    } finally {
      configureLinalgThreads(saved);
      await stopHelperThreads();
    }
  });

  it('rejects a non-symmetric matrix with its residual', () => {
    const a = Float64Array.of(1, 2, 2.5, 1);
    expect(() => eighReal(2, a)).toThrow(NotHermitianError);
    try {
      eighReal(2, a);
    } catch (e) {
      expect((e as NotHermitianError).residual).toBeCloseTo(0.2, 12);
    }
    // Validation can be skipped: then only the lower triangle is read ([[1, 2.5], [2.5, 1]]).
    const lower = eighReal(2, a, { validate: false }).values;
    expect(lower[0]).toBeCloseTo(-1.5, 14);
    expect(lower[1]).toBeCloseTo(3.5, 14);
  });

  it('rejects a NaN entry and a wrong length', () => {
    expect(() => eighReal(2, Float64Array.of(1, NaN, NaN, 1))).toThrow(NotHermitianError);
    expect(() => eighReal(3, new Float64Array(8))).toThrow(/expected length 9/);
  });

  it('throws NoConvergenceError when the sweep budget is exhausted', () => {
    const a = randomSymmetric(20, 5);
    expect(() => eighReal(20, a, { tolerances: { qlSweepsPerEigenvalue: 0 } })).toThrow(NoConvergenceError);
    expect(linalgTolerances.qlSweepsPerEigenvalue).toBe(30);
  });

  it('law: residual and orthonormality hold for arbitrary small symmetric matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 144, maxLength: 144 }),
        (n, entries) => {
          const a = new Float64Array(n * n);
          for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = entries[i * 12 + j];
          const { values, vectors } = eighReal(n, a, { vectors: true });
          const norm = frobenius(asComplex(a));
          return (
            eigResidual(n, asComplex(a), values, asComplex(vectors)) <= budget(n, norm) &&
            orthonormalityError(n, asComplex(vectors)) <= budget(n, 1)
          );
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });
});
