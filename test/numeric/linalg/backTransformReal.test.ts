import { describe, expect, it } from 'vitest';
import { backTransformReal } from '../../../src/numeric/linalg/backTransformReal.js';
import { tridiagonalizeReal } from '../../../src/numeric/linalg/tridiagonalizeReal.js';
import { EPS, randomSymmetric, rng } from './linalgHelpers.js';

describe('backTransformReal (blocked compact-WY application of the reduction reflectors)', () => {
  for (const n of [1, 2, 3, 4, 20, 65, 130, 200]) {
    it(`agrees with the explicitly accumulated Q (one reflector at a time), n = ${n}`, () => {
      const { qt, w, tau } = tridiagonalizeReal(n, randomSymmetric(n, n + 7), true);
      if (qt === undefined) throw new Error('Q was asked for');
      for (const cols of [1, 7, n]) {
        const r = rng(cols);
        const z = Float64Array.from({ length: n * cols }, () => 2 * r() - 1);
        const expected = new Float64Array(n * cols);
        for (let i = 0; i < n; i++) {
          for (let c = 0; c < cols; c++) {
            let s = 0;
            for (let x = 0; x < n; x++) s += qt[x * n + i] * z[x * cols + c]; // Q[i][x] = Q^T[x][i]
            expected[i * cols + c] = s;
          }
        }
        backTransformReal(n, w, tau, z, cols);
        let worst = 0;
        for (let i = 0; i < n * cols; i++) worst = Math.max(worst, Math.abs(z[i] - expected[i]));
        expect(worst).toBeLessThanOrEqual(8 * Math.max(n, 4) * EPS * Math.sqrt(n));
      }
    });
  }
});
