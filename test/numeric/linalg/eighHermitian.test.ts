import { describe, expect, it } from 'vitest';
import {
  checkHermitian,
  configureLinalgThreads,
  eighHermitian,
  eighReal,
  NotHermitianError,
} from '../../../src/numeric/linalg/index.js';
import { linalgThreading, stopHelperThreads } from '../../../src/numeric/linalg/helperThreads.js';
import {
  type CMat,
  EPS,
  eigResidual,
  frobenius,
  identity,
  kron,
  orthonormalityError,
  randomHermitian,
  randomSymmetric,
  rng,
  spin,
} from './linalgHelpers.js';

const budget = (n: number, norm: number): number => 8 * Math.max(n, 4) * EPS * Math.max(norm, 1e-300);

function checkDecomposition(n: number, a: CMat): Float64Array {
  const { values, vre, vim } = eighHermitian(n, a.re, a.im, { vectors: true });
  const v = { re: vre, im: vim };
  expect(eigResidual(n, a, values, v)).toBeLessThanOrEqual(budget(n, frobenius(a)));
  expect(orthonormalityError(n, v)).toBeLessThanOrEqual(budget(n, 1));
  for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  return values;
}

/** The real 2n×2n embedding [[Re, -Im], [Im, Re]]: its spectrum is A's, each value twice. */
function realEmbedding(n: number, a: CMat): Float64Array {
  const m = 2 * n;
  const e = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = a.re[i * n + j];
      const x = a.im[i * n + j];
      e[i * m + j] = r;
      e[i * m + n + j] = -x;
      e[(n + i) * m + j] = x;
      e[(n + i) * m + n + j] = r;
    }
  }
  return e;
}

describe('eighHermitian', () => {
  for (const n of [1, 2, 3, 10, 26, 64, 200, 301]) {
    it(`decomposes a random Hermitian matrix, n = ${n}`, () => {
      const a = randomHermitian(n, 2000 + n);
      const copy = { re: a.re.slice(), im: a.im.slice() };
      const values = checkDecomposition(n, a);
      expect(a.re).toEqual(copy.re);
      expect(a.im).toEqual(copy.im);
      const only = eighHermitian(n, a.re, a.im).values;
      for (let i = 0; i < n; i++) expect(Math.abs(only[i] - values[i])).toBeLessThanOrEqual(budget(n, frobenius(a)));
      if (n <= 64) {
        // Independent route: the real embedding, through the real solver.
        const doubled = eighReal(2 * n, realEmbedding(n, a)).values;
        for (let i = 0; i < n; i++) {
          expect(Math.abs(doubled[2 * i] - values[i])).toBeLessThanOrEqual(budget(2 * n, 2 * frobenius(a)));
          expect(Math.abs(doubled[2 * i + 1] - values[i])).toBeLessThanOrEqual(budget(2 * n, 2 * frobenius(a)));
        }
      }
    });
  }

  it('agrees with eighReal on real input, directly and after a diagonal phase change', () => {
    const n = 40;
    const a = randomSymmetric(n, 77);
    const real = eighReal(n, a, { vectors: true }).values; // the same route, so bit for bit
    const routed = eighHermitian(n, a, new Float64Array(n * n), { vectors: true });
    expect(Array.from(routed.values)).toEqual(Array.from(real));
    expect(routed.vim.every((x) => x === 0)).toBe(true);
    // D A D^H with D = diag(e^{i phi_k}): same spectrum, genuinely complex entries.
    const r = rng(5);
    const phi = Array.from({ length: n }, () => 2 * Math.PI * r());
    const c: CMat = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const t = i === j ? 0 : phi[i] - phi[j];
        c.re[i * n + j] = a[i * n + j] * Math.cos(t);
        c.im[i * n + j] = a[i * n + j] * Math.sin(t);
      }
    }
    const values = checkDecomposition(n, c);
    for (let i = 0; i < n; i++) expect(Math.abs(values[i] - real[i])).toBeLessThanOrEqual(budget(n, frobenius(c)));
  });

  it('finds -j..j for the purely imaginary spin-j J_y matrix', () => {
    for (const j2 of [1, 3, 10, 31]) {
      const { n, jy } = spin(j2);
      const values = checkDecomposition(n, jy);
      for (let a = 0; a < n; a++) expect(Math.abs(values[a] - (a - j2 / 2))).toBeLessThanOrEqual(budget(n, j2));
    }
  });

  it('resolves the degenerate spectrum of sigma_y ⊗ I_3 ⊗ H', () => {
    const sy: CMat = { re: new Float64Array(4), im: Float64Array.of(0, -1, 1, 0) };
    const h = randomHermitian(4, 9);
    const a = kron(2, sy, 12, kron(3, identity(3), 4, h));
    const values = checkDecomposition(24, a);
    const hv = eighHermitian(4, h.re, h.im).values;
    const expected = [...hv, ...hv.map((x) => -x)].flatMap((x) => [x, x, x]).sort((p, q) => p - q);
    for (let i = 0; i < 24; i++) expect(Math.abs(values[i] - expected[i])).toBeLessThanOrEqual(budget(24, 10));
  });

  it('resolves sigma_y ⊗ I_8 ⊗ H and a sparse random Hermitian matrix by divide and conquer (n > 25)', () => {
    const sy: CMat = { re: new Float64Array(4), im: Float64Array.of(0, -1, 1, 0) };
    const h = randomHermitian(6, 19);
    const n = 96;
    const a = kron(2, sy, 48, kron(8, identity(8), 6, h));
    const values = checkDecomposition(n, a);
    const hv = eighHermitian(6, h.re, h.im).values;
    const expected = [...hv, ...hv.map((x) => -x)].flatMap((x) => Array(8).fill(x)).sort((p, q) => p - q);
    for (let i = 0; i < n; i++) expect(Math.abs(values[i] - expected[i])).toBeLessThanOrEqual(budget(n, 10));
    checkDecomposition(150, randomHermitian(150, 23, 0.05));
  });

  it('is scale-invariant from 1e-300 to 1e300 (no overflow or underflow)', () => {
    const n = 20;
    const a = randomHermitian(n, 41);
    const base = eighHermitian(n, a.re, a.im).values;
    for (const s of [1e-300, 1e300]) {
      const scaled = { re: a.re.map((x) => x * s), im: a.im.map((x) => x * s) };
      const { values, vre, vim } = eighHermitian(n, scaled.re, scaled.im, { vectors: true });
      for (let i = 0; i < n; i++) expect(Math.abs(values[i] / s - base[i])).toBeLessThanOrEqual(budget(n, frobenius(a)));
      expect(orthonormalityError(n, { re: vre, im: vim })).toBeLessThanOrEqual(budget(n, 1));
    }
  });

  it('handles the zero matrix and 1×1 with a (tolerated) zero imaginary diagonal', () => {
    const z = checkDecomposition(4, { re: new Float64Array(16), im: new Float64Array(16) });
    expect(Array.from(z)).toEqual([0, 0, 0, 0]);
    expect(Array.from(eighHermitian(1, Float64Array.of(3), Float64Array.of(0)).values)).toEqual([3]);
  });

  it('throws NotHermitianError with the residual max|A - A^H| / max|A|', () => {
    const re = Float64Array.of(1, 2, 2, 1);
    const im = Float64Array.of(0, 1, 1, 0); // A_01 = 2 + i, A_10 = 2 + i: not conjugate
    expect(checkHermitian(2, re, im, 1e-12)).toEqual({ ok: false, residual: 2 / Math.hypot(2, 1) });
    expect(() => eighHermitian(2, re, im)).toThrow(NotHermitianError);
    // Round-off-level asymmetry passes.
    const a = randomHermitian(6, 1);
    a.re[1] += 1e-15;
    expect(() => eighHermitian(6, a.re, a.im)).not.toThrow();
    // A complex diagonal is not Hermitian either.
    expect(() => eighHermitian(1, Float64Array.of(1), Float64Array.of(0.5))).toThrow(NotHermitianError);
  });

  it('gives bit-identical results on one thread and on helper threads (shared products of the back transformation)', async () => {
    const saved = linalgThreading();
    const n = 600; // the blocked back transformation (n >= 256), several blocks of reflectors
    const a = randomHermitian(n, 600);
    try {
      configureLinalgThreads({ threads: 1 });
      const one = eighHermitian(n, a.re, a.im, { vectors: true });
      configureLinalgThreads({ threads: 2, minFlops: 0 });
      const two = eighHermitian(n, a.re, a.im, { vectors: true });
      expect(Array.from(two.values)).toEqual(Array.from(one.values));
      expect(two.vre.every((x, i) => Object.is(x, one.vre[i]))).toBe(true);
      expect(two.vim.every((x, i) => Object.is(x, one.vim[i]))).toBe(true);
      const v = { re: two.vre, im: two.vim };
      expect(eigResidual(n, a, two.values, v)).toBeLessThanOrEqual(budget(n, frobenius(a)));
      expect(orthonormalityError(n, v)).toBeLessThanOrEqual(budget(n, 1));
    } finally {
      configureLinalgThreads(saved);
      await stopHelperThreads();
    }
  });
});
