/**
 * J and every bound term of the three reference families (physics.md §4) against their closed
 * forms, for L = 1..8 and every method that applies.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent, MethodNotApplicable, NoMethodError, type CurrentResult, type MethodName } from '../../src/engine/index.js';
import { parseStateText } from '../../src/lang/index.js';
import { builtin, expectClose } from '../helpers.js';

const rel = 1e-12;
const methods: MethodName[] = ['dense', 'diagonal', 'symmetric'];

interface Expected {
  J: number;
  channels: { J: number; normA: number; deltaE: number; gammaMax: number; omegaGammaMax: number; Bstate: number }[];
  terms: { normH: number; width: number; sumA2: number; gammaMax: number; deltaE: number };
  bounds: { Bstate: number; B1: number; B1coarse: number; B2: number };
}

function compare(r: CurrentResult, e: Expected, label: string): void {
  expectClose(r.J, e.J, rel, `${label} J`);
  expect(r.channels.length).toBe(e.channels.length);
  r.channels.forEach((c, i) => {
    for (const k of ['J', 'normA', 'deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate'] as const) expectClose(c[k], e.channels[i][k], rel, `${label} channel ${i} ${k}`);
  });
  for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE'] as const) expectClose(r.terms[k], e.terms[k], rel, `${label} ${k}`);
  for (const k of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) expectClose(r.bounds[k], e.bounds[k], rel, `${label} ${k}`);
  expect(r.exact).toBe(true);
}

function runAll(model: string, params: string[], L: number, expectMethods: MethodName[], e: Expected, state?: string): void {
  const spec = builtin(model, params);
  const st = state ? parseStateText(state) : null;
  for (const m of methods) {
    const label = `${model} L=${L} ${m}`;
    if (!expectMethods.includes(m)) {
      expect(() => computeCurrent(spec, L, { method: m, state: st }), label).toThrow(NoMethodError);
      continue;
    }
    compare(computeCurrent(spec, L, { method: m, state: st }), e, label);
  }
}

const cases = [{ w0: 1, g: 1 }, { w0: 1.3, g: 0.7 }];

describe('independent emitters: J = -g w0 L', () => {
  for (const { w0, g } of cases) for (let L = 1; L <= 8; L++) {
    it(`L = ${L}, w0 = ${w0}, g = ${g}`, () => {
      runAll('independent', [`w0=${w0}`, `g=${g}`], L, ['dense', 'diagonal'], {
        J: -g * w0 * L,
        channels: Array.from({ length: L }, () => ({ J: -g * w0, normA: 1, deltaE: w0, gammaMax: g, omegaGammaMax: g * w0, Bstate: g * w0 })),
        terms: { normH: (w0 * L) / 2, width: w0 * L, sumA2: L, gammaMax: g, deltaE: w0 },
        bounds: { Bstate: g * w0 * L, B1: g * w0 * L, B1coarse: g * w0 * L * L, B2: g * w0 * L },
      });
    });
  }
});

describe('superradiance: J = -g w0 (j+m)(j-m+1) in the Dicke state |j=L/2, m>', () => {
  for (const { w0, g } of cases) for (let L = 1; L <= 8; L++) {
    for (const n of new Set([Math.floor(L / 2), 0, L, 1])) {
      it(`L = ${L}, n = ${n}, w0 = ${w0}, g = ${g}`, () => {
        const j = L / 2, m = n - L / 2;
        const J = -g * w0 * (j + m) * (j - m + 1);
        const Bstate = g * w0 * 2 * (j * (j + 1) - m * m);
        runAll('superradiance', [`w0=${w0}`, `g=${g}`], L, ['dense', 'diagonal', 'symmetric'], {
          J,
          channels: [{ J, normA: L, deltaE: w0, gammaMax: g, omegaGammaMax: g * w0, Bstate }],
          terms: { normH: (w0 * L) / 2, width: w0 * L, sumA2: L * L, gammaMax: g, deltaE: w0 },
          bounds: { Bstate, B1: g * w0 * L * L, B1coarse: g * w0 * L ** 3, B2: g * w0 * L * L },
        }, `dicke(${n})`);
      });
    }
  }
  it('at m = 0 the ratio J/B1 is -(L+2)/(4L)', () => {
    for (const L of [2, 4, 6, 8, 100, 1000]) {
      const r = computeCurrent(builtin('superradiance'), L);
      expectClose(r.J / r.bounds.B1, -(L + 2) / (4 * L), rel, `L=${L}`);
    }
  });
});

describe('all-flip: J = -g w0 L^3 = -B1', () => {
  for (const { w0, g } of cases) for (let L = 1; L <= 8; L++) {
    it(`L = ${L}, w0 = ${w0}, g = ${g}`, () => {
      const J = -g * w0 * L ** 3;
      runAll('allflip', [`w0=${w0}`, `g=${g}`], L, ['dense', 'diagonal', 'symmetric'], {
        J,
        channels: [{ J, normA: L, deltaE: L * w0, gammaMax: g, omegaGammaMax: g * w0 * L, Bstate: g * w0 * L ** 3 }],
        terms: { normH: (w0 * L) / 2, width: w0 * L, sumA2: L * L, gammaMax: g, deltaE: L * w0 },
        bounds: { Bstate: g * w0 * L ** 3, B1: g * w0 * L ** 3, B1coarse: g * w0 * L ** 3, B2: g * w0 * L ** 3 },
      });
    });
  }
  it('|J| = B1 is reported as a tie, never as a violation', () => {
    for (const L of [1, 3, 8]) {
      const r = computeCurrent(builtin('allflip'), L);
      expect(r.holds.B1).not.toBe(false);
      expect(r.holds.B2).not.toBe(false);
    }
  });
});

describe('large L in the symmetric sector', () => {
  it('superradiance at L = 100000, dicke(30000): J = -2100030000', () => {
    const r = computeCurrent(builtin('superradiance'), 100_000, { state: parseStateText('dicke(30000)') });
    expect(r.method).toBe('symmetric');
    expectClose(r.J, -2100030000, rel, 'J');
    expectClose(r.bounds.B1, 1e10, rel, 'B1');
    expect(r.exact).toBe(true);
  });
  it('all-flip at L = 100000: J = -L^3', () => {
    const r = computeCurrent(builtin('allflip'), 100_000);
    expectClose(r.J, -1e15, rel, 'J');
    expectClose(r.terms.deltaE, 1e5, rel, 'deltaE');
  });
  it('a forced method that does not apply names why', () => {
    try {
      computeCurrent(builtin('independent'), 4, { method: 'symmetric' });
      expect.fail('should throw');
    } catch (err) {
      expect(err).toBeInstanceOf(NoMethodError);
      expect((err as NoMethodError).reasons[0]).toBeInstanceOf(MethodNotApplicable);
      expect((err as NoMethodError).message).toMatch(/symmetric/);
    }
  });
});
