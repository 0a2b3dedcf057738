/**
 * Helpers for the linear-algebra tests: seeded random matrices and independent checks (residuals,
 * orthonormality) written naively, so they share no code with the kernels under test.
 */
import { mulberry32 } from '../../../src/numeric/linalg/index.js';

/** Seeded uniform generator in [0, 1): the project's mulberry32 (not under test here). */
export const rng = mulberry32;

/** Unit round-off. */
export const EPS = 2 ** -52;

/** A complex n×n matrix as (re, im). */
export interface CMat {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Random real symmetric matrix with entries in [-1, 1]. */
export function randomSymmetric(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const x = 2 * r() - 1;
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  return a;
}

/** Random complex Hermitian matrix; `density` < 1 zeroes off-diagonal pairs at random. */
export function randomHermitian(n: number, seed: number, density = 1): CMat {
  const r = rng(seed);
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    re[i * n + i] = 2 * r() - 1;
    for (let j = 0; j < i; j++) {
      if (r() >= density) continue;
      const x = 2 * r() - 1;
      const y = 2 * r() - 1;
      re[i * n + j] = x;
      re[j * n + i] = x;
      im[i * n + j] = y;
      im[j * n + i] = -y;
    }
  }
  return { re, im };
}

/** max |A_ij| of a complex matrix. */
export function maxAbs(m: CMat): number {
  let s = 0;
  for (let i = 0; i < m.re.length; i++) s = Math.max(s, Math.hypot(m.re[i], m.im[i]));
  return s;
}

/** Frobenius norm of a complex matrix (an upper bound on the 2-norm). */
export function frobenius(m: CMat): number {
  let s = 0;
  for (let i = 0; i < m.re.length; i++) s += m.re[i] * m.re[i] + m.im[i] * m.im[i];
  return Math.sqrt(s);
}

/** max_j ||A v_j - lambda_j v_j||_2 with v_j = column j of V. */
export function eigResidual(n: number, a: CMat, values: Float64Array, v: CMat): number {
  let worst = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let xr = -values[j] * v.re[i * n + j];
      let xi = -values[j] * v.im[i * n + j];
      for (let k = 0; k < n; k++) {
        const ar = a.re[i * n + k];
        const ai = a.im[i * n + k];
        const br = v.re[k * n + j];
        const bi = v.im[k * n + j];
        xr += ar * br - ai * bi;
        xi += ar * bi + ai * br;
      }
      s += xr * xr + xi * xi;
    }
    worst = Math.max(worst, Math.sqrt(s));
  }
  return worst;
}

/** max |(V^H V - I)_ij|. */
export function orthonormalityError(n: number, v: CMat): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = i === j ? -1 : 0;
      let si = 0;
      for (let k = 0; k < n; k++) {
        const ar = v.re[k * n + i];
        const ai = -v.im[k * n + i];
        const br = v.re[k * n + j];
        const bi = v.im[k * n + j];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      worst = Math.max(worst, Math.hypot(sr, si));
    }
  }
  return worst;
}

/** A real matrix as a complex one with zero imaginary part. */
export function asComplex(a: Float64Array): CMat {
  return { re: a, im: new Float64Array(a.length) };
}

/** Kronecker product of complex matrices (na×na) ⊗ (nb×nb). */
export function kron(na: number, a: CMat, nb: number, b: CMat): CMat {
  const n = na * nb;
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < na; j++) {
      const xr = a.re[i * na + j];
      const xi = a.im[i * na + j];
      for (let k = 0; k < nb; k++) {
        for (let l = 0; l < nb; l++) {
          const yr = b.re[k * nb + l];
          const yi = b.im[k * nb + l];
          const p = (i * nb + k) * n + (j * nb + l);
          re[p] = xr * yr - xi * yi;
          im[p] = xr * yi + xi * yr;
        }
      }
    }
  }
  return { re, im };
}

/** Identity. */
export function identity(n: number): CMat {
  const re = new Float64Array(n * n);
  for (let i = 0; i < n; i++) re[i * n + i] = 1;
  return { re, im: new Float64Array(n * n) };
}

/** Spin-j matrices J_x (real) and J_y (imaginary) in the |j, m> basis, m = j, j-1, ..., -j. */
export function spin(j2: number): { n: number; jx: CMat; jy: CMat } {
  const n = j2 + 1;
  const j = j2 / 2;
  const jx = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  const jy = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let a = 0; a + 1 < n; a++) {
    const m = j - a - 1; // <m+1| J+ |m> at (a, a+1)
    const c = Math.sqrt(j * (j + 1) - m * (m + 1)) / 2;
    jx.re[a * n + a + 1] = c;
    jx.re[(a + 1) * n + a] = c;
    jy.im[a * n + a + 1] = -c; // J_y = (J+ - J-) / 2i
    jy.im[(a + 1) * n + a] = c;
  }
  return { n, jx, jy };
}

/** Multiplies the complex matrix by the dense vector: the reference matvec for Lanczos tests. */
export function denseMatVec(n: number, a: CMat): (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => void {
  return (xr, xi, yr, yi) => {
    for (let i = 0; i < n; i++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < n; k++) {
        const ar = a.re[i * n + k];
        const ai = a.im[i * n + k];
        sr += ar * xr[k] - ai * xi[k];
        si += ar * xi[k] + ai * xr[k];
      }
      yr[i] = sr;
      yi[i] = si;
    }
  };
}

/** Sorted copy. */
export function sorted(x: ArrayLike<number>): number[] {
  return Array.from(x).sort((p, q) => p - q);
}
