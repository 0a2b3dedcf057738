import { describe, expect, it } from 'vitest';
import {
  bandedHermitianExtremes,
  DimensionError,
  eighHermitian,
  type HermitianBands,
  NotHermitianError,
} from '../../../src/numeric/linalg/index.js';
import { type CMat, EPS, rng } from './linalgHelpers.js';

/** Random Hermitian bands 0..p with complex off-diagonals. */
function randomBands(n: number, p: number, seed: number): HermitianBands {
  const r = rng(seed);
  const offsets: number[] = [];
  const re: Float64Array[] = [];
  const im: Float64Array[] = [];
  for (let d = 0; d <= p; d++) {
    const len = Math.max(0, n - d);
    offsets.push(d);
    re.push(Float64Array.from({ length: len }, () => 2 * r() - 1));
    im.push(d === 0 ? new Float64Array(len) : Float64Array.from({ length: len }, () => 2 * r() - 1));
  }
  return { offsets, re, im };
}

/** The dense matrix of some bands. */
function dense(n: number, b: HermitianBands): CMat {
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  b.offsets.forEach((d, k) => {
    for (let i = 0; i + d < n; i++) {
      re[i * n + i + d] = b.re[k][i];
      im[i * n + i + d] = b.im[k][i];
      re[(i + d) * n + i] = b.re[k][i];
      im[(i + d) * n + i] = -b.im[k][i];
    }
  });
  return { re, im };
}

describe('bandedHermitianExtremes', () => {
  for (const p of [1, 2, 4]) {
    for (const n of [1, 2, 5, 33, 150]) {
      it(`agrees with dense eigh, bandwidth ${p}, n = ${n}`, () => {
        const b = randomBands(n, p, 100 * p + n);
        const values = eighHermitian(n, dense(n, b).re, dense(n, b).im).values;
        const r = bandedHermitianExtremes(n, b);
        const scale = Math.max(Math.abs(values[0]), Math.abs(values[n - 1]), 1);
        // Both are backward stable: agreement to a small multiple of n · eps · ||A||.
        expect(Math.abs(r.min - values[0])).toBeLessThanOrEqual(16 * n * EPS * scale);
        expect(Math.abs(r.max - values[n - 1])).toBeLessThanOrEqual(16 * n * EPS * scale);
        expect(r.errMin).toBeLessThanOrEqual(2 * EPS * 4 * (p + 1) * scale);
      });
    }
  }

  it('matches the closed form of the (2, -1) chain at n = 100001 to ~1e-15', () => {
    const n = 100001;
    const r = bandedHermitianExtremes(n, {
      offsets: [0, 1],
      re: [new Float64Array(n).fill(2), new Float64Array(n - 1).fill(-1)],
      im: [new Float64Array(n), new Float64Array(n - 1)],
    });
    expect(Math.abs(r.min - (2 - 2 * Math.cos(Math.PI / (n + 1))))).toBeLessThanOrEqual(4 * 4 * EPS);
    expect(Math.abs(r.max - (2 - 2 * Math.cos((n * Math.PI) / (n + 1))))).toBeLessThanOrEqual(4 * 4 * EPS);
  });

  it('treats a complex hopping chain like its modulus (gauge invariance), here with bandwidth 2', () => {
    // Hopping e^{i theta} t on offset 2 only: two decoupled chains with |t|.
    const n = 2001;
    const t = 0.75;
    const phase = Array.from({ length: n - 2 }, (_, i) => 0.3 * i);
    const r = bandedHermitianExtremes(n, {
      offsets: [0, 2],
      re: [new Float64Array(n), Float64Array.from(phase, (x) => t * Math.cos(x))],
      im: [new Float64Array(n), Float64Array.from(phase, (x) => t * Math.sin(x))],
    });
    const longest = Math.ceil(n / 2);
    expect(Math.abs(r.max - 2 * t * Math.cos(Math.PI / (longest + 1)))).toBeLessThanOrEqual(64 * EPS);
    expect(Math.abs(r.min + 2 * t * Math.cos(Math.PI / (longest + 1)))).toBeLessThanOrEqual(64 * EPS);
  });

  it('is scale-invariant from 1e-300 to 1e300', () => {
    const n = 50;
    const b = randomBands(n, 2, 5);
    const base = bandedHermitianExtremes(n, b);
    for (const s of [1e-300, 1e300]) {
      const scaled = { offsets: b.offsets, re: b.re.map((x) => x.map((y) => y * s)), im: b.im.map((x) => x.map((y) => y * s)) };
      const r = bandedHermitianExtremes(n, scaled);
      expect(Math.abs(r.min / s - base.min)).toBeLessThanOrEqual(16 * EPS * Math.abs(base.min));
      expect(Math.abs(r.max / s - base.max)).toBeLessThanOrEqual(16 * EPS * Math.abs(base.max));
    }
  });

  it('reads a diagonal matrix directly and a missing main diagonal as zero', () => {
    const d = bandedHermitianExtremes(3, { offsets: [0], re: [Float64Array.of(3, -1, 2)], im: [new Float64Array(3)] });
    expect([d.min, d.max, d.errMin]).toEqual([-1, 3, 0]);
    const off = bandedHermitianExtremes(2, { offsets: [1], re: [Float64Array.of(0)], im: [Float64Array.of(2)] });
    expect(off.min).toBeCloseTo(-2, 14);
    expect(off.max).toBeCloseTo(2, 14);
  });

  it('rejects malformed bands', () => {
    const n = 4;
    expect(() => bandedHermitianExtremes(n, { offsets: [0], re: [new Float64Array(3)], im: [new Float64Array(3)] })).toThrow(DimensionError);
    expect(() => bandedHermitianExtremes(n, { offsets: [-1], re: [new Float64Array(5)], im: [new Float64Array(5)] })).toThrow(RangeError);
    expect(() => bandedHermitianExtremes(n, { offsets: [0], re: [new Float64Array(4).fill(1)], im: [Float64Array.of(0, 0.5, 0, 0)] })).toThrow(NotHermitianError);
    expect(() => bandedHermitianExtremes(n, { offsets: [0], re: [Float64Array.of(1, NaN, 0, 0)], im: [new Float64Array(4)] })).toThrow(RangeError);
  });
});
