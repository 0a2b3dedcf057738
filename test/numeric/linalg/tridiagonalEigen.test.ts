import { describe, expect, it } from 'vitest';
import { NoConvergenceError, linalgTolerances } from '../../../src/numeric/linalg/index.js';
import { tridiagonalEigen } from '../../../src/numeric/linalg/tridiagonalEigen.js';
import { tridiagonalQl } from '../../../src/numeric/linalg/tridiagonalQl.js';
import { EPS, rng, sorted } from './linalgHelpers.js';

/** max_j ||T z_j - lambda_j z_j|| / scale for the tridiagonal T = (d, e), z_j = column j (scaled: no overflow). */
function residual(n: number, d: ArrayLike<number>, e: ArrayLike<number>, values: Float64Array, z: Float64Array, scale: number): number {
  let worst = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let x = ((d[i] - values[j]) / scale) * z[i * n + j];
      if (i > 0) x += (e[i - 1] / scale) * z[(i - 1) * n + j];
      if (i + 1 < n) x += (e[i] / scale) * z[(i + 1) * n + j];
      s += x * x;
    }
    worst = Math.max(worst, Math.sqrt(s));
  }
  return worst;
}

/** max |(Z^T Z - I)_ij|. */
function orthogonality(n: number, z: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = i === j ? -1 : 0;
      for (let x = 0; x < n; x++) s += z[x * n + i] * z[x * n + j];
      worst = Math.max(worst, Math.abs(s));
    }
  }
  return worst;
}

/** Eigenvalues by QL (the independent route), ascending. */
function qlValues(n: number, d: ArrayLike<number>, e: ArrayLike<number>): number[] {
  const dd = Float64Array.from(d);
  const ee = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) ee[i] = e[i];
  tridiagonalQl(n, dd, ee, undefined, n, linalgTolerances);
  return sorted(dd);
}

/**
 * Runs divide and conquer on (d, e) and checks: residual <= c n eps ||T||, orthogonality <= c n eps,
 * ascending order, agreement with QL eigenvalues. Returns the eigenvalues.
 */
function check(d: ArrayLike<number>, e: ArrayLike<number>): Float64Array {
  const n = d.length;
  const dd = Float64Array.from(d);
  const ee = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) ee[i] = e[i];
  const { z } = tridiagonalEigen(n, dd, ee, linalgTolerances);
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i + 1 < n ? Math.abs(e[i]) : 0));
  const budget = 8 * Math.max(n, 4) * EPS;
  expect(residual(n, d, e, dd, z, norm || 1)).toBeLessThanOrEqual(budget);
  expect(orthogonality(n, z)).toBeLessThanOrEqual(budget);
  for (let i = 1; i < n; i++) expect(dd[i]).toBeGreaterThanOrEqual(dd[i - 1]);
  const ql = qlValues(n, d, e);
  for (let i = 0; i < n; i++) expect(Math.abs(dd[i] - ql[i])).toBeLessThanOrEqual(budget * Math.max(norm, 1e-300));
  return dd;
}

function randomTridiagonal(n: number, seed: number): { d: Float64Array; e: Float64Array } {
  const r = rng(seed);
  return { d: Float64Array.from({ length: n }, () => 2 * r() - 1), e: Float64Array.from({ length: n - 1 }, () => 2 * r() - 1) };
}

/** Wilkinson's W_{2m+1}^+: d_i = |m - i|, e = 1; its large eigenvalues come in pairs equal to ~1e-(m) digits. */
function wilkinson(m: number): { d: number[]; e: number[] } {
  return { d: Array.from({ length: 2 * m + 1 }, (_, i) => Math.abs(m - i)), e: Array(2 * m).fill(1) };
}

describe('tridiagonalEigen (divide and conquer)', () => {
  it('handles the empty, 1x1 and 2x2 matrices', () => {
    expect(tridiagonalEigen(0, new Float64Array(0), new Float64Array(0), linalgTolerances).z.length).toBe(0);
    expect(Array.from(check([-3], []))).toEqual([-3]);
    for (const e of [0, 1, -1, 1e-200]) check([1, 2], [e]);
  });

  for (const n of [3, 25, 26, 27, 51, 100, 257, 400]) {
    it(`decomposes a random tridiagonal, n = ${n}`, () => {
      const { d, e } = randomTridiagonal(n, 40 + n);
      check(d, e);
    });
  }

  it('deflates everything: diagonal with repeats, the zero matrix, tiny couplings', () => {
    const n = 120;
    const values = check(Array.from({ length: n }, (_, i) => i % 3), Array(n - 1).fill(0));
    expect(Array.from(values)).toEqual(sorted(Array.from({ length: n }, (_, i) => i % 3)));
    expect(Array.from(check(Array(n).fill(0), Array(n - 1).fill(0)))).toEqual(Array(n).fill(0));
    check(Array.from({ length: n }, (_, i) => i % 4), Array(n - 1).fill(1e-17));
    check(Array(n).fill(1), Array.from({ length: n - 1 }, (_, i) => (i % 2 ? 1e-9 : -1e-12)));
  });

  it('deflates by rotation: the Toeplitz (2, -1) matrix, whose halves share eigenvalues', () => {
    for (const n of [64, 150, 301]) {
      const values = check(Array(n).fill(2), Array(n - 1).fill(-1));
      for (let k = 1; k <= n; k++) {
        expect(Math.abs(values[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThanOrEqual(8 * n * EPS * 4);
      }
    }
  });

  it('resolves the close pairs of Wilkinson matrices, alone and glued', () => {
    const w = wilkinson(10);
    check(w.d, w.e);
    // Eight copies of W21 glued by small couplings: clusters of 8 nearly equal eigenvalues.
    for (const glue of [1e-14, 1e-8, 1e-3]) {
      const d: number[] = [];
      const e: number[] = [];
      for (let c = 0; c < 8; c++) {
        if (c > 0) e.push(glue);
        d.push(...w.d);
        e.push(...w.e);
      }
      check(d, e);
    }
  });

  it('handles couplings of both signs and a graded diagonal (1 down to 1e-15)', () => {
    const n = 90;
    const r = rng(9);
    check(Array.from({ length: n }, (_, i) => 10 ** (-i / 6)), Array.from({ length: n - 1 }, (_, i) => (r() < 0.5 ? -1 : 1) * 10 ** (-i / 6)));
    const { d, e } = randomTridiagonal(n, 3);
    check(d, e.map((x, i) => (i % 7 === 3 ? 0 : x))); // splits into unreduced blocks, sorted across them
  });

  it('is scale-invariant from 1e-300 to 1e300', () => {
    const { d, e } = randomTridiagonal(60, 5);
    const base = check(d, e);
    for (const s of [1e-300, 1e300]) {
      const v = check(d.map((x) => x * s), e.map((x) => x * s));
      for (let i = 0; i < 60; i++) expect(Math.abs(v[i] / s - base[i])).toBeLessThanOrEqual(8 * 60 * EPS * 3);
    }
  });

  it('throws NoConvergenceError when a leaf exhausts its QL budget', () => {
    const { d, e } = randomTridiagonal(80, 8);
    const tol = { ...linalgTolerances, qlSweepsPerEigenvalue: 0 };
    expect(() => tridiagonalEigen(80, d, e, tol)).toThrow(NoConvergenceError);
  });
});
