import { describe, expect, it } from 'vitest';
import { nullSpace, type NullSpaceResult } from '../../../src/numeric/linalg/index.js';
import { type CMat, EPS, frobenius, identity, rng } from './linalgHelpers.js';

/** A random n×n complex matrix of rank r: U (n×r) V (r×n). */
function lowRank(n: number, r: number, seed: number): CMat {
  const g = rng(seed);
  const u = Array.from({ length: 2 * n * r }, () => 2 * g() - 1);
  const v = Array.from({ length: 2 * n * r }, () => 2 * g() - 1);
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < r; k++) {
      const ar = u[2 * (i * r + k)];
      const ai = u[2 * (i * r + k) + 1];
      for (let j = 0; j < n; j++) {
        const br = v[2 * (k * n + j)];
        const bi = v[2 * (k * n + j) + 1];
        re[i * n + j] += ar * br - ai * bi;
        im[i * n + j] += ar * bi + ai * br;
      }
    }
  }
  return { re, im };
}

/** max_k ||A x_k|| and max |<x_k, x_l> - delta_kl| for the returned basis. */
function quality(n: number, a: CMat, ns: NullSpaceResult): { residual: number; ortho: number } {
  let residual = 0;
  let ortho = 0;
  for (const x of ns.basis) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let yr = 0;
      let yi = 0;
      for (let j = 0; j < n; j++) {
        yr += a.re[i * n + j] * x.re[j] - a.im[i * n + j] * x.im[j];
        yi += a.re[i * n + j] * x.im[j] + a.im[i * n + j] * x.re[j];
      }
      s += yr * yr + yi * yi;
    }
    residual = Math.max(residual, Math.sqrt(s));
    for (const y of ns.basis) {
      let pr = x === y ? -1 : 0;
      let pi = 0;
      for (let j = 0; j < n; j++) {
        pr += x.re[j] * y.re[j] + x.im[j] * y.im[j];
        pi += x.re[j] * y.im[j] - x.im[j] * y.re[j];
      }
      ortho = Math.max(ortho, Math.hypot(pr, pi));
    }
  }
  return { residual, ortho };
}

describe('nullSpace', () => {
  for (const [n, r] of [[1, 1], [2, 1], [5, 3], [12, 12], [40, 17], [100, 99], [150, 75]] as const) {
    it(`finds rank ${r} and a null space of dimension ${n - r}, n = ${n}`, () => {
      const a = lowRank(n, r, 10 * n + r);
      const copy = a.re.slice();
      const ns = nullSpace(n, a.re, a.im);
      expect(a.re).toEqual(copy);
      expect(ns.rank).toBe(r);
      expect(ns.basis.length).toBe(n - r);
      const q = quality(n, a, ns);
      expect(q.residual).toBeLessThanOrEqual(64 * n * EPS * frobenius(a));
      expect(q.ortho).toBeLessThanOrEqual(16 * n * EPS);
      // The decision margin is wide on both sides of the tolerance.
      expect(ns.smallestPivotRatio).toBeGreaterThan(1e3 * ns.tol);
      expect(ns.droppedPivotRatio).toBeLessThan(1e-3 * ns.tol);
    });
  }

  it('decides rank the same way at any scale', () => {
    const a = lowRank(30, 20, 3);
    for (const s of [1e-300, 1e300]) {
      const ns = nullSpace(30, a.re.map((x) => x * s), a.im.map((x) => x * s));
      expect(ns.rank).toBe(20);
      expect(quality(30, a, ns).residual).toBeLessThanOrEqual(64 * 30 * EPS * frobenius(a));
    }
  });

  it('returns everything for the zero matrix and nothing for the identity', () => {
    const z = nullSpace(6, new Float64Array(36), new Float64Array(36));
    expect(z.rank).toBe(0);
    expect(z.basis.length).toBe(6);
    const id = identity(6);
    const full = nullSpace(6, id.re, id.im);
    expect([full.rank, full.basis.length, full.droppedPivotRatio, full.smallestPivotRatio]).toEqual([6, 0, 0, 1]);
  });

  it('honours the rank tolerance: a pivot just above it is kept, below it dropped', () => {
    const n = 3;
    const re = Float64Array.of(1, 0, 0, 0, 1e-6, 0, 0, 0, 0);
    const im = new Float64Array(9);
    expect(nullSpace(n, re, im, { tol: 1e-7 }).rank).toBe(2);
    const coarse = nullSpace(n, re, im, { tol: 1e-5 });
    expect(coarse.rank).toBe(1);
    expect(coarse.droppedPivotRatio).toBeCloseTo(1e-6, 18);
  });

  it('finds the steady state of an amplitude-damped, driven qubit (Lindblad generator)', () => {
    // d rho/dt = -i[H, rho] + g (s rho s^+ - {s^+ s, rho}/2), H = (w/2) sigma_z + (O/2) sigma_x.
    const w = 1.3;
    const o = 0.7;
    const g = 0.4;
    const hr = [w / 2, o / 2, o / 2, -w / 2];
    const sm = [0, 1, 0, 0]; // s = |0><1|: the damping pumps population into |0>
    // Superoperator on row-major vec(rho): vec(A rho B) = (A ⊗ B^T) vec(rho).
    const n = 4;
    const lre = new Float64Array(16);
    const lim = new Float64Array(16);
    const add = (a: number[], ai: number[], b: number[], bi: number[], cr: number, ci: number): void => {
      for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let k = 0; k < 2; k++) for (let l = 0; l < 2; l++) {
        const xr = a[i * 2 + k] * b[l * 2 + j] - ai[i * 2 + k] * bi[l * 2 + j]; // A_ik (B^T)_jl
        const xi = a[i * 2 + k] * bi[l * 2 + j] + ai[i * 2 + k] * b[l * 2 + j];
        lre[(i * 2 + j) * n + k * 2 + l] += cr * xr - ci * xi;
        lim[(i * 2 + j) * n + k * 2 + l] += cr * xi + ci * xr;
      }
    };
    const one = [1, 0, 0, 1];
    const zero = [0, 0, 0, 0];
    const spsm = [0, 0, 0, 1]; // s^+ s = |1><1|
    add(hr, zero, one, zero, 0, -1); // -i H rho
    add(one, zero, hr, zero, 0, 1); // + i rho H
    add(sm, zero, [0, 0, 1, 0], zero, g, 0); // g s rho s^+
    add(spsm, zero, one, zero, -g / 2, 0);
    add(one, zero, spsm, zero, -g / 2, 0);
    const ns = nullSpace(n, lre, lim);
    expect(ns.rank).toBe(3);
    const v = ns.basis[0];
    // Normalise to unit trace; check rho is Hermitian, positive and stationary.
    const tr = v.re[0] + v.re[3];
    const ti = v.im[0] + v.im[3];
    const rho = [0, 1, 2, 3].map((k) => {
      const d = tr * tr + ti * ti;
      return [(v.re[k] * tr + v.im[k] * ti) / d, (v.im[k] * tr - v.re[k] * ti) / d];
    });
    expect(rho[0][1]).toBeCloseTo(0, 14);
    expect(rho[1][0]).toBeCloseTo(rho[2][0], 14);
    expect(rho[1][1]).toBeCloseTo(-rho[2][1], 14);
    expect(rho[0][0] * rho[3][0]).toBeGreaterThanOrEqual(rho[1][0] ** 2 + rho[1][1] ** 2);
    // The drive does not saturate the transition: mostly in the target state |0>.
    expect(rho[0][0]).toBeGreaterThan(0.5);
    expect(quality(n, { re: lre, im: lim }, ns).residual).toBeLessThan(1e-14);
  });
});
