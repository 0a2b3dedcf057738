import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configureLinalgThreads, gemm, matrixView, type MatrixView } from '../../../src/numeric/linalg/index.js';
import { helperThreads, linalgThreading, stopHelperThreads } from '../../../src/numeric/linalg/helperThreads.js';
import { EPS, rng } from './linalgHelpers.js';

/** Element (i, j) of a view, read the plain way. */
function at(v: MatrixView, i: number, j: number): number {
  return v.trans === true ? v.data[v.offset + j * v.stride + i] : v.data[v.offset + i * v.stride + j];
}

/** A random buffer holding an r×c window (stored transposed when `trans`) at a random offset and stride. */
function randomView(r: number, c: number, trans: boolean, seed: number): MatrixView {
  const g = rng(seed);
  const rows = trans ? c : r;
  const cols = trans ? r : c;
  const stride = cols + Math.floor(g() * 3);
  const offset = Math.floor(g() * 5);
  const data = Float64Array.from({ length: offset + rows * stride + 3 }, () => 2 * g() - 1);
  return matrixView(data, stride, offset, trans);
}

/**
 * Checks gemm against the naive triple loop on a C with padding around the window: entries
 * outside the window (and, with `upper`, below its diagonal) must be left exactly as they were.
 */
function checkAgainstNaive(
  m: number, n: number, k: number, ta: boolean, tb: boolean, alpha: number, beta: 0 | 1, upper: boolean, seed: number,
): void {
  const a = randomView(m, k, ta, seed);
  const b = randomView(k, n, tb, seed + 1);
  const c = randomView(m, n, false, seed + 2);
  if (beta === 0) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c.data[c.offset + i * c.stride + j] = NaN;
  const before = c.data.slice();
  gemm(m, n, k, alpha, a, b, c, { beta, upper });
  let scale = 0;
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) scale = Math.max(scale, Math.abs(at(a, i, p)));
  const inWindow = new Uint8Array(c.data.length);
  let worst = 0; // largest error over its rounding budget
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const idx = c.offset + i * c.stride + j;
      if (upper && j < i) continue;
      inWindow[idx] = 1;
      let s = beta === 0 ? 0 : before[idx];
      let bound = 0;
      for (let p = 0; p < k; p++) {
        const t = alpha * at(a, i, p) * at(b, p, j);
        s += t;
        bound += Math.abs(t);
      }
      const err = Math.abs(c.data[idx] - s) / (4 * (k + 2) * EPS * (bound + Math.abs(s)) || 1);
      worst = Number.isNaN(err) ? Infinity : Math.max(worst, err);
    }
  }
  expect(worst).toBeLessThanOrEqual(1);
  let touched = 0;
  for (let x = 0; x < c.data.length; x++) if (!inWindow[x] && !Object.is(c.data[x], before[x])) touched++;
  expect(touched).toBe(0);
}

describe('gemm', () => {
  it('matches the naive product at odd sizes, every transpose, alpha and beta', () => {
    let seed = 1;
    for (const [m, n, k] of [[1, 1, 1], [2, 3, 5], [5, 3, 2], [7, 9, 13], [13, 4, 1], [97, 61, 33], [130, 5, 259], [4, 4, 300]]) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          checkAgainstNaive(m, n, k, ta, tb, 1, 0, false, seed++);
          checkAgainstNaive(m, n, k, ta, tb, -0.75, 1, false, seed++);
        }
      }
    }
  });

  it('forms only the upper triangle with `upper`, across tile and block edges', () => {
    let seed = 100;
    for (const m of [1, 3, 4, 5, 17, 101, 1030]) {
      const k = m > 200 ? 9 : 11;
      checkAgainstNaive(m, m, k, true, false, 1, 1, true, seed++);
      checkAgainstNaive(m, m, k, false, true, 2, 0, true, seed++);
    }
  });

  it('crosses the cache-block boundaries (k > 256, n > 1024, m > 96)', () => {
    checkAgainstNaive(100, 1030, 260, true, false, 1, 0, false, 7);
  });

  it('handles empty dimensions: k = 0 with beta 0 clears C, m or n = 0 touches nothing', () => {
    const c = matrixView(Float64Array.of(1, 2, 3, 4), 2);
    gemm(2, 2, 0, 1, matrixView(new Float64Array(0), 0), matrixView(new Float64Array(0), 2), c, { beta: 0 });
    expect(Array.from(c.data)).toEqual([0, 0, 0, 0]);
    const d = matrixView(Float64Array.of(1, 2), 2);
    gemm(0, 2, 3, 1, matrixView(new Float64Array(0), 3), matrixView(new Float64Array(6), 2), d, { beta: 0 });
    expect(Array.from(d.data)).toEqual([1, 2]);
    expect(() => gemm(-1, 2, 2, 1, d, d, d)).toThrow(RangeError);
  });

  it('law: agrees with the naive product for arbitrary shapes and layouts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 23 }), fc.integer({ min: 1, max: 23 }),
        fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 1000 }),
        (m, n, k, ta, tb, up, seed) => {
          checkAgainstNaive(m, up ? m : n, k, ta, tb, 1.5, up ? 1 : 0, up, seed);
          return true;
        },
      ),
      { numRuns: 80, seed: 11 },
    );
  });

  it('gives bit-identical results on helper threads, shared or plain arrays, any split', async () => {
    const saved = linalgThreading();
    try {
      for (const [m, n, k, ta, tb, up] of [
        [70, 300, 50, false, false, false], [300, 70, 33, true, false, false], [129, 129, 40, true, true, true],
        [64, 1030, 300, false, true, false], [33, 33, 3, false, false, true],
      ] as const) {
        const a = randomView(m, k, ta, m + n);
        const b = randomView(k, n, tb, m + n + 1);
        const c1 = randomView(m, n, false, m + n + 2);
        const c2 = matrixView(c1.data.slice(), c1.stride, c1.offset);
        configureLinalgThreads({ threads: 1 });
        gemm(m, n, k, 0.5, a, b, c1, { upper: up });
        for (const threads of [2, 3]) {
          configureLinalgThreads({ threads, minFlops: 0 });
          for (const shared of [false, true]) {
            const share = (x: Float64Array): Float64Array => {
              if (!shared) return x.slice();
              const y = new Float64Array(new SharedArrayBuffer(x.byteLength));
              y.set(x);
              return y;
            };
            const c = { ...c2, data: share(c2.data) };
            gemm(m, n, k, 0.5, { ...a, data: share(a.data) }, { ...b, data: share(b.data) }, c, { upper: up });
            expect(Array.from(c.data)).toEqual(Array.from(c1.data));
          }
        }
      }
      expect(helperThreads(2).length).toBe(2); // the helpers did start: the split path was taken
    } finally {
      configureLinalgThreads(saved);
      await stopHelperThreads();
    }
  });
});
