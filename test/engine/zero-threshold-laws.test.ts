/**
 * Small rules written once for both engines, as laws run over both fields (QuTiP's pattern): the
 * zero threshold of A's elements (engine/zero-threshold, behind the float64
 * zeroThreshold and the Decimal preciseZeroThreshold), the `down` start of a product-basis steady
 * state (engine/steady-start productDownIn, behind productSteadyStart and productDown), and the
 * one-qubit operator norm localNorm on numeric/hermitian2x2 (bit-identical to its former float64
 * formula).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalField, float64Field, hermitian2x2Eigenvalues, precision, type Field } from '../../src/numeric/index.js';
import { localNorm } from '../../src/numeric/local.js';
import { vectorErrorFactor, zeroThresholdIn } from '../../src/engine/zero-threshold.js';
import { zeroThreshold } from '../../src/engine/methods/shared.js';
import { preciseEntryError, preciseRelativeError, preciseZeroThreshold, productDown } from '../../src/engine/precise/basis.js';
import { productDownIn, productSteadyStart } from '../../src/engine/steady-start.js';
import { instantiate } from '../../src/engine/family.js';
import { loadModelFile } from '../../src/lang/index.js';
import { defaultTolerances } from '../../src/numeric/tolerances.js';
import { root } from '../helpers.js';

const SEED = 1331;
const P = precision(30);
const D = P.D;

const fields: [string, Field<unknown>][] = [
  ['float64', float64Field as Field<unknown>],
  ['decimal(30)', decimalField(P.D.precision) as Field<unknown>],
];

/** Non-negative magnitudes across many scales, exactly representable in both fields. */
const magnitude = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: -30, max: 5 })).map(([m, e]) => m * 2 ** e);

describe.each(fields)('the zero-threshold rules over %s', (_name, F) => {
  const of = (x: number) => F.fromNumber(x);
  const n = (x: unknown) => F.toNumber(x);
  it('zeroThresholdIn is max(roundoff, 100 vectorError) scale, monotone in each argument', () => {
    fc.assert(fc.property(magnitude, magnitude, magnitude, magnitude, (r, v, s, bump) => {
      const z = zeroThresholdIn(F, of(r), of(v), of(s));
      const k = F.mul(of(v), of(vectorErrorFactor));
      expect(F.cmp(z, F.mul(F.cmp(k, of(r)) > 0 ? k : of(r), of(s)))).toBe(0);
      expect(n(z)).toBeCloseTo(Math.max(r, vectorErrorFactor * v) * s, 10);
      // Larger round-off, eigenvector error or scale never lowers the threshold.
      for (const [r2, v2, s2] of [[r + bump, v, s], [r, v + bump, s], [r, v, s + bump]]) {
        expect(F.cmp(zeroThresholdIn(F, of(r2), of(v2), of(s2)), z)).toBeGreaterThanOrEqual(0);
      }
      // Without eigenvector error the rule is roundoff * scale (one rounding).
      expect(F.cmp(zeroThresholdIn(F, of(r), F.zero, of(s)), F.mul(of(r), of(s)))).toBe(0);
    }), { seed: SEED, numRuns: 300 });
  });

  it('productDownIn: one vector of weight one, amplitude one on the last basis state', () => {
    for (const size of [1, 2, 8, 64]) {
      const s = productDownIn(F, size, (amp) => ({ amp }));
      expect(s.populations).toBeNull();
      expect(s.vectors).toHaveLength(1);
      expect(F.cmp(s.vectors[0].weight, F.one)).toBe(0);
      const amp = s.vectors[0].amp;
      expect(amp).toHaveLength(size);
      amp.forEach((c, i) => {
        expect(F.cmp(c.re, i === size - 1 ? F.one : F.zero)).toBe(0);
        expect(F.cmp(c.im, F.zero)).toBe(0);
      });
    }
  });
});

describe('the thin instances keep their former formulas exactly', () => {
  it('float64 zeroThreshold is roundoffFactor eps max(1, dim) scale, bit for bit', () => {
    const t = defaultTolerances;
    fc.assert(fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 1 << 20 }), (scale, dim) => {
      expect(Object.is(zeroThreshold(scale, dim), t.roundoffFactor * t.eps * Math.max(1, dim) * scale)).toBe(true);
    }), { seed: SEED, numRuns: 500 });
  });

  it('Decimal preciseZeroThreshold, preciseEntryError and preciseRelativeError are the engine\'s former expressions', () => {
    const unit = new D(10).pow(-P.digits);
    const dec = fc.tuple(fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: -40, max: 3 })).map(([m, e]) => new D(m).times(new D(10).pow(e)).div(7));
    fc.assert(fc.property(dec, dec, (vecErr, norm) => {
      expect(preciseZeroThreshold(P, vecErr, norm).eq(D.max(unit.times(1e5), vecErr.times(100)).times(D.max(norm, unit)))).toBe(true);
      expect(preciseEntryError(P, vecErr, norm).eq(unit.plus(vecErr).times(D.max(norm, unit)))).toBe(true);
      expect(preciseRelativeError(P, vecErr).eq(unit.times(4).plus(vecErr))).toBe(true);
    }), { seed: SEED, numRuns: 300 });
  });

  it('productSteadyStart (float64) and productDown (Decimal) give the same down state of a collective model', () => {
    const inst = instantiate(loadModelFile(join(root, 'models', 'superradiance.yaml')), 3);
    const a = productSteadyStart(inst, (re, im) => [re, im]);
    expect(a).not.toBeNull();
    const b = productDown(D, 8, (amp) => amp);
    expect(a!.vectors).toHaveLength(1);
    expect(b.vectors).toHaveLength(1);
    const va = a!.vectors[0], vb = b.vectors[0];
    expect(va.weight).toBe(1);
    expect(vb.weight.eq(1)).toBe(true);
    expect(Array.from(va.re)).toEqual(vb.amp.map((c) => c.re.toNumber()));
    expect(Array.from(va.im)).toEqual(vb.amp.map((c) => c.im.toNumber()));
    expect(Array.from(va.re)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    // A model that is not collective has no default start.
    expect(productSteadyStart(instantiate(loadModelFile(join(root, 'bench', 'models', 'ising.yaml')), 3), (re, im) => [re, im])).toBeNull();
  });

  it('localNorm is the former float64 formula bit for bit, and sqrt of the larger eigenvalue of M^+ M in Decimal', () => {
    const former = (a: Float64Array): number => {
      const p = a[0] ** 2 + a[1] ** 2 + a[4] ** 2 + a[5] ** 2;
      const s = a[2] ** 2 + a[3] ** 2 + a[6] ** 2 + a[7] ** 2;
      const qr = a[0] * a[2] + a[1] * a[3] + a[4] * a[6] + a[5] * a[7];
      const qi = a[0] * a[3] - a[1] * a[2] + a[4] * a[7] - a[5] * a[6];
      const disc = Math.sqrt(((p - s) / 2) ** 2 + qr * qr + qi * qi);
      return Math.sqrt(Math.max(0, (p + s) / 2 + disc));
    };
    const F = decimalField(P.D.precision);
    const entry = fc.oneof(fc.double({ min: -8, max: 8, noNaN: true }), fc.integer({ min: -4, max: 4 }).map((k) => k / 2));
    fc.assert(fc.property(fc.array(entry, { minLength: 8, maxLength: 8 }), (xs) => {
      const a = Float64Array.from(xs);
      const v = localNorm(a);
      expect(Object.is(v, former(a))).toBe(true);
      // The same closed form in Decimal, from the exact entries.
      const d = xs.map((x) => F.fromNumber(x));
      const sq = (...ks: number[]) => ks.reduce((acc, k) => F.add(acc, F.mul(d[k], d[k])), F.zero);
      const dot = (pairs: [number, number, number][]) => pairs.reduce((acc, [i, j, sgn]) => F.add(acc, F.mul(F.fromNumber(sgn), F.mul(d[i], d[j]))), F.zero);
      const p = sq(0, 1, 4, 5), s = sq(2, 3, 6, 7);
      const qr = dot([[0, 2, 1], [1, 3, 1], [4, 6, 1], [5, 7, 1]]), qi = dot([[0, 3, 1], [1, 2, -1], [4, 7, 1], [5, 6, -1]]);
      const hi = hermitian2x2Eigenvalues(F, p, s, { re: qr, im: qi }).hi;
      const exact = F.toNumber(F.sqrt(F.cmp(hi, F.zero) > 0 ? hi : F.zero));
      expect(Math.abs(v - exact)).toBeLessThanOrEqual(1e-13 * (1 + exact));
    }), { seed: SEED, numRuns: 500 });
  });
});
