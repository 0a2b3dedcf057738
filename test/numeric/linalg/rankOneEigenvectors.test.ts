import { describe, expect, it } from 'vitest';
import { eighReal, linalgTolerances } from '../../../src/numeric/linalg/index.js';
import { rankOneEigenvectors } from '../../../src/numeric/linalg/rankOneEigenvectors.js';
import { secularRoot } from '../../../src/numeric/linalg/secularRoot.js';
import { EPS, rng } from './linalgHelpers.js';

/** D + rho w w^T as a dense matrix, and its eigenvalues by the QL route. */
function denseValues(k: number, poles: Float64Array, w: Float64Array, rho: number): Float64Array {
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) a[i * k + j] = rho * w[i] * w[j] + (i === j ? poles[i] : 0);
  }
  return eighReal(k, a).values;
}

/** Strictly increasing poles and a unit weight vector, optionally with poles in tight clusters. */
function problem(k: number, seed: number, cluster = 0): { poles: Float64Array; w: Float64Array } {
  const r = rng(seed);
  const poles = new Float64Array(k);
  let x = -1;
  for (let i = 0; i < k; i++) {
    x += cluster > 0 && i % 3 !== 0 ? cluster * (1 + r()) : 0.01 + r();
    poles[i] = x;
  }
  const w = Float64Array.from({ length: k }, () => 2 * r() - 1);
  const norm = Math.hypot(...w);
  for (let i = 0; i < k; i++) w[i] /= norm;
  return { poles, w };
}

function solve(k: number, poles: Float64Array, w: Float64Array, rho: number) {
  const roots = new Float64Array(k);
  const ut = new Float64Array(k * k);
  const group = Int32Array.from({ length: k }, (_, i) => i);
  rankOneEigenvectors(k, poles, w, rho, roots, ut, group, new Float64Array(k), new Float64Array(k), EPS, linalgTolerances.secularIterations);
  return { roots, ut };
}

describe('secular equation and rank-one eigenvectors', () => {
  it('finds the eigenvalues of D + rho w w^T, interlaced with the poles', () => {
    for (const [k, rho, cluster] of [[1, 0.5, 0], [2, 1, 0], [3, 0.1, 0], [10, 2, 0], [40, 1e-3, 0], [60, 5, 1e-9], [90, 0.7, 1e-13]]) {
      const { poles, w } = problem(k, k + 1, cluster);
      const { roots, ut } = solve(k, poles, w, rho);
      const ref = denseValues(k, poles, w, rho);
      const scale = Math.max(Math.abs(poles[0]), Math.abs(poles[k - 1])) + rho;
      for (let j = 0; j < k; j++) {
        expect(Math.abs(roots[j] - ref[j])).toBeLessThanOrEqual(8 * k * EPS * scale);
        expect(roots[j]).toBeGreaterThanOrEqual(poles[j]); // may round onto a pole 1e-13 away
        if (j + 1 < k) expect(roots[j]).toBeLessThanOrEqual(poles[j + 1]);
        else expect(roots[j]).toBeLessThanOrEqual(poles[j] + rho);
      }
      // Gu-Eisenstat: the vectors are orthonormal even with poles 1e-13 apart.
      let worst = 0;
      for (let i = 0; i < k; i++) {
        for (let j = i; j < k; j++) {
          let s = i === j ? -1 : 0;
          for (let x = 0; x < k; x++) s += ut[i * k + x] * ut[j * k + x];
          worst = Math.max(worst, Math.abs(s));
        }
      }
      expect(worst).toBeLessThanOrEqual(8 * k * EPS);
    }
  });

  it('returns delta_i = pole_i - root exactly consistent with the root', () => {
    const k = 12;
    const { poles, w } = problem(k, 3);
    const delta = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const root = secularRoot(k, poles, w, 0.8, j, delta, 0, EPS, linalgTolerances.secularIterations);
      for (let i = 0; i < k; i++) expect(Math.abs(delta[i] - (poles[i] - root))).toBeLessThanOrEqual(4 * EPS * (Math.abs(poles[i]) + Math.abs(root)));
    }
  });

  it('converges by bisection alone when the rational steps are switched off', () => {
    const k = 30;
    const { poles, w } = problem(k, 17);
    const ref = denseValues(k, poles, w, 1.3);
    const delta = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const root = secularRoot(k, poles, w, 1.3, j, delta, 0, EPS, 0);
      expect(Math.abs(root - ref[j])).toBeLessThanOrEqual(8 * k * EPS * 40);
    }
  });
});
