import { describe, expect, it } from 'vitest';
import { accumulateHermitianQT } from '../../../src/numeric/linalg/accumulateHermitianQT.js';
import { backTransformHermitian } from '../../../src/numeric/linalg/backTransformHermitian.js';
import { configureLinalgThreads, linalgThreading, stopHelperThreads } from '../../../src/numeric/linalg/helperThreads.js';
import { sharedFloat64Array } from '../../../src/numeric/linalg/sharedFloat64Array.js';
import { tridiagonalizeHermitian } from '../../../src/numeric/linalg/tridiagonalizeHermitian.js';
import { EPS, randomHermitian, rng } from './linalgHelpers.js';

/** A random complex n × cols matrix (re, im), in shared memory so helper threads can take part. */
function randomBlock(n: number, cols: number, seed: number): { re: Float64Array; im: Float64Array } {
  const r = rng(seed);
  const re = sharedFloat64Array(n * cols);
  const im = sharedFloat64Array(n * cols);
  for (let i = 0; i < n * cols; i++) {
    re[i] = 2 * r() - 1;
    im[i] = 2 * r() - 1;
  }
  return { re, im };
}

describe('backTransformHermitian (compact-WY application of the Hermitian reduction reflectors)', () => {
  for (const n of [1, 2, 3, 4, 20, 65, 130, 200]) {
    it(`agrees with Q accumulated one reflector at a time (the former route), n = ${n}`, () => {
      const a = randomHermitian(n, 300 + n);
      const { qtr, qti, wr, wi, tau } = tridiagonalizeHermitian(n, a.re, a.im, true);
      if (qtr === undefined || qti === undefined) throw new Error('Q was asked for');
      for (const cols of [1, 7, n]) {
        const z = randomBlock(n, cols, cols + 11);
        // Q Z by hand from Q^T (row x of Q^T is column x of Q): (Q Z)[i][c] = sum_x Q^T[x][i] Z[x][c].
        const er = new Float64Array(n * cols);
        const ei = new Float64Array(n * cols);
        for (let i = 0; i < n; i++) {
          for (let c = 0; c < cols; c++) {
            let sr = 0;
            let si = 0;
            for (let x = 0; x < n; x++) {
              const qr = qtr[x * n + i], qi = qti[x * n + i], zr = z.re[x * cols + c], zi = z.im[x * cols + c];
              sr += qr * zr - qi * zi;
              si += qr * zi + qi * zr;
            }
            er[i * cols + c] = sr;
            ei[i * cols + c] = si;
          }
        }
        backTransformHermitian(n, wr, wi, tau, z.re, z.im, cols);
        let worst = 0;
        for (let i = 0; i < n * cols; i++) worst = Math.max(worst, Math.hypot(z.re[i] - er[i], z.im[i] - ei[i]));
        expect(worst).toBeLessThanOrEqual(16 * Math.max(n, 4) * EPS * Math.sqrt(n));
      }
    });
  }

  it('applied to I it is unitary (Q^H Q = I), and it keeps the norm of every column', () => {
    const n = 150;
    const a = randomHermitian(n, 77);
    const { wr, wi, tau } = tridiagonalizeHermitian(n, a.re, a.im, false);
    const re = sharedFloat64Array(n * n);
    const im = sharedFloat64Array(n * n);
    for (let i = 0; i < n; i++) re[i * n + i] = 1;
    backTransformHermitian(n, wr, wi, tau, re, im, n);
    let worst = 0;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        let sr = 0;
        let si = 0;
        for (let x = 0; x < n; x++) {
          sr += re[x * n + p] * re[x * n + q] + im[x * n + p] * im[x * n + q];
          si += re[x * n + p] * im[x * n + q] - im[x * n + p] * re[x * n + q];
        }
        worst = Math.max(worst, Math.hypot(sr - (p === q ? 1 : 0), si));
      }
    }
    expect(worst).toBeLessThanOrEqual(8 * n * EPS);
    expect(worst).toBeGreaterThan(0); // a real product, not a copy of I
  });

  it('gives bit-identical results on one thread and on helper threads', async () => {
    const saved = linalgThreading();
    const n = 300;
    const a = randomHermitian(n, 5);
    const { wr, wi, tau } = tridiagonalizeHermitian(n, a.re, a.im, false);
    const one = randomBlock(n, n, 9);
    const two = { re: sharedFloat64Array(n * n), im: sharedFloat64Array(n * n) };
    two.re.set(one.re);
    two.im.set(one.im);
    try {
      configureLinalgThreads({ threads: 1 });
      backTransformHermitian(n, wr, wi, tau, one.re, one.im, n);
      configureLinalgThreads({ threads: 2, minFlops: 0 });
      backTransformHermitian(n, wr, wi, tau, two.re, two.im, n);
      expect(two.re.every((x, i) => Object.is(x, one.re[i]))).toBe(true);
      expect(two.im.every((x, i) => Object.is(x, one.im[i]))).toBe(true);
    } finally {
      configureLinalgThreads(saved);
      await stopHelperThreads();
    }
  });
});
