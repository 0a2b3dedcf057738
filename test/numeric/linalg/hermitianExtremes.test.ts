import { describe, expect, it } from 'vitest';
import {
  eighHermitian,
  hermitianExtremes,
  linalgTolerances,
  NoConvergenceError,
} from '../../../src/numeric/linalg/index.js';
import { type CMat, denseMatVec, randomHermitian } from './linalgHelpers.js';

/** Block-diagonal matrix from blocks. */
function blockDiagonal(blocks: { n: number; m: CMat }[]): { n: number; m: CMat } {
  const n = blocks.reduce((s, b) => s + b.n, 0);
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  let o = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.n; i++) {
      for (let j = 0; j < b.n; j++) {
        re[(o + i) * n + o + j] = b.m.re[i * b.n + j];
        im[(o + i) * n + o + j] = b.m.im[i * b.n + j];
      }
    }
    o += b.n;
  }
  return { n, m: { re, im } };
}

/** Shifts the diagonal of a complex matrix by s (in place) and returns it. */
function shifted(n: number, m: CMat, s: number): CMat {
  for (let i = 0; i < n; i++) m.re[i * n + i] += s;
  return m;
}

/** Checks Lanczos against the dense spectrum: accuracy, and the rigour of the error bounds. */
function compare(n: number, m: CMat, opts: Parameters<typeof hermitianExtremes>[2] = {}): ReturnType<typeof hermitianExtremes> {
  const values = eighHermitian(n, m.re, m.im).values;
  const r = hermitianExtremes(n, denseMatVec(n, m), opts);
  const scale = Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
  const tol = (opts.tol ?? linalgTolerances.lanczos) * scale;
  // Both residual bounds met the target (with room for the explicit re-measurement)...
  expect(r.errMin).toBeLessThanOrEqual(10 * tol + 1e-14 * scale);
  expect(r.errMax).toBeLessThanOrEqual(10 * tol + 1e-14 * scale);
  // ...the bounds are honest: an eigenvalue lies within err of each result...
  const nearest = (x: number): number => Math.min(...Array.from(values, (v) => Math.abs(v - x)));
  expect(nearest(r.min)).toBeLessThanOrEqual(r.errMin + 1e-13 * scale);
  expect(nearest(r.max)).toBeLessThanOrEqual(r.errMax + 1e-13 * scale);
  // ...and it is the extreme one.
  expect(Math.abs(r.min - values[0])).toBeLessThanOrEqual(1e-8 * scale);
  expect(Math.abs(r.max - values[n - 1])).toBeLessThanOrEqual(1e-8 * scale);
  return r;
}

describe('hermitianExtremes', () => {
  for (const [n, density] of [[1, 1], [2, 1], [7, 1], [60, 0.1], [150, 0.05], [300, 0.02]] as const) {
    it(`agrees with dense eigh on a random sparse-ish Hermitian matrix, n = ${n}`, () => {
      compare(n, randomHermitian(n, 3000 + n, density));
    });
  }

  it('keeps working through thick restarts with a small basis', () => {
    const r = compare(300, randomHermitian(300, 11, 0.03), { maxBasis: 12 });
    expect(r.restarts).toBeGreaterThan(0);
  });

  it('finds degenerate extreme eigenvalues of a block-diagonal matrix', () => {
    // Three copies of H (every eigenvalue triple) plus a block with an interior spectrum.
    const h = randomHermitian(20, 5, 0.5);
    const g = randomHermitian(30, 6, 0.3);
    for (let i = 0; i < 30; i++) g.re[i * 30 + i] *= 0.1;
    const { n, m } = blockDiagonal([{ n: 20, m: h }, { n: 30, m: g }, { n: 20, m: h }, { n: 20, m: h }]);
    compare(n, m);
  });

  it('finds extremes that live in different blocks', () => {
    const low = shifted(25, randomHermitian(25, 8, 0.3), -3);
    const high = shifted(25, randomHermitian(25, 9, 0.3), 3);
    const mid = randomHermitian(40, 10, 0.2);
    const { n, m } = blockDiagonal([{ n: 40, m: mid }, { n: 25, m: high }, { n: 25, m: low }]);
    compare(n, m);
  });

  it('returns exact extremes through invariant subspaces (few distinct eigenvalues)', () => {
    const n = 100;
    const m: CMat = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) m.re[i * n + i] = [-2, 0.5, 7][i % 3];
    const r = hermitianExtremes(n, denseMatVec(n, m));
    expect(r.min).toBeCloseTo(-2, 13);
    expect(r.max).toBeCloseTo(7, 13);
    expect(r.errMin).toBeLessThan(1e-13);
    expect(r.iterations).toBeLessThan(20);
  });

  it('handles multiples of the identity and the zero operator', () => {
    for (const c of [0, 2.5]) {
      const r = hermitianExtremes(1000, (xr, xi, yr, yi) => {
        for (let i = 0; i < 1000; i++) {
          yr[i] = c * xr[i];
          yi[i] = c * xi[i];
        }
      });
      expect(Math.abs(r.min - c)).toBeLessThan(1e-13);
      expect(Math.abs(r.max - c)).toBeLessThan(1e-13);
      expect(Math.max(r.errMin, r.errMax)).toBeLessThan(1e-13);
    }
  });

  it('is deterministic for a given seed', () => {
    const m = randomHermitian(80, 12, 0.1);
    const a = hermitianExtremes(80, denseMatVec(80, m), { seed: 3 });
    const b = hermitianExtremes(80, denseMatVec(80, m), { seed: 3 });
    expect(b).toEqual(a);
    const c = hermitianExtremes(80, denseMatVec(80, m), { seed: 4 });
    expect(Math.abs(c.max - a.max)).toBeLessThan(1e-8);
  });

  it('reports non-convergence with the current estimates', () => {
    const m = randomHermitian(200, 13, 0.05);
    try {
      hermitianExtremes(200, denseMatVec(200, m), { maxIterations: 5 });
      expect.fail('should not converge in 5 products');
    } catch (e) {
      expect(e).toBeInstanceOf(NoConvergenceError);
      const err = e as NoConvergenceError;
      expect(err.iterations).toBe(5);
      expect(Number.isFinite(err.partial?.min)).toBe(true);
    }
  });

  it('rejects an empty operator', () => {
    expect(() => hermitianExtremes(0, () => undefined)).toThrow(RangeError);
  });
});
