/**
 * The float64 engine's error bounds are bounds (issue 11, items 1-2): against the decimal.js
 * engine at 30 digits, |x_float64 - x_decimal| <= err_float64 + err_decimal for J, every bound,
 * every term and every channel's quantities; levels are grouped by their round-off, not by a fixed
 * tolerance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCurrent, computePrecise } from '../../src/engine/index.js';
import { loadModelText } from '../../src/lang/index.js';
import { float64Engine, instanceOf, modelArbitrary, preciseEngine, type Bounded, type EngineReport, type ModelSample } from '../../properties/index.js';

/** Every quantity of two reports that disagree beyond both errors (terms only when both are exact). */
function disagreements(f: EngineReport, d: EngineReport): string[] {
  const out: string[] = [];
  const cmp = (what: string, a: Bounded, b: Bounded): void => {
    if (a.value.minus(b.value).abs().gt(a.error.plus(b.error))) {
      out.push(`${what}: float64 ${a.value.toSignificantDigits(17).toString()} ± ${a.error.toSignificantDigits(3).toString()}, decimal ${b.value.toSignificantDigits(17).toString()} ± ${b.error.toSignificantDigits(3).toString()}`);
    }
  };
  cmp('J', f.J, d.J);
  if (f.inexact.length > 0 || d.inexact.length > 0) return out;
  for (const b of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) cmp(b, f.bounds[b], d.bounds[b]);
  for (const t of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE', 'omegaGammaMax'] as const) cmp(t, f.terms[t], d.terms[t]);
  f.channels.forEach((c, i) => {
    for (const t of ['J', 'normA', 'gammaMax', 'omegaGammaMax', 'pinchedA2', 'deltaE'] as const) cmp(`channel ${i} ${t}`, c[t], d.channels[i][t]);
  });
  return out;
}

/** Runs both engines on the samples; returns the failures and how many were compared. */
function campaign(samples: readonly ModelSample[]): { failures: string[]; compared: number; exact: number } {
  const F = float64Engine(), P = preciseEngine(30);
  const failures: string[] = [];
  let compared = 0, exact = 0;
  samples.forEach((s, k) => {
    const inst = instanceOf(s);
    let d: EngineReport;
    try {
      d = P(inst);
    } catch {
      return; // outside the decimal.js engine (state or size): nothing to compare with
    }
    const f = F(inst);
    compared++;
    if (f.inexact.length === 0 && d.inexact.length === 0) exact++;
    for (const m of disagreements(f, d)) failures.push(`sample ${k} (${s.cls}, L = ${s.L}): ${m}\n${s.text}`);
  });
  return { failures, compared, exact };
}

const violating = `name: random-global
params: { g0: 1, T0: 1.25, wc0: 1 }
H: "sum(k, -0.125*Y[k]) + sum(k, 0, L-2, -0.375*Z[k]*Z[k+1])"
channels:
  - A: "L*(-0.125*prod(k, Z[k]) - 0.5*prod(k, Y[k]))"
    bath: { spectrum: ohmic, rate: g0, T: T0, wc: wc0 }
state: "top"
`;

const split = `name: split
params: { w0: 1, d: 1e-10, g: 1, T: 0 }
H: "sum(k, (w0 + k*d)/2 * Z[k])"
channels:
  - A: "sum(k, X[k])"
    bath: { spectrum: flat, rate: g, T: T }
state: "dicke(2)"
`;

describe('float64 error bounds against the decimal.js engine', () => {
  it('the seed-7 campaign run 32 (global, L = 3) is within its error bound', () => {
    const model = loadModelText(violating, 'random-global.yaml');
    const f = computeCurrent(model, 3), d = computePrecise(model, 3, { digits: 30 });
    expect(Math.abs(f.J - d.J.value.toNumber())).toBeLessThanOrEqual(f.error.J + d.J.error.toNumber());
    // The a-posteriori bound is not a guess of the size of the error: it exceeds the actual one.
    expect(f.error.J).toBeGreaterThan(7e-16);
  });

  it('levels split by 1e-10 are resolved: J = -2 at L = 4 in both engines (the fixed 1e-9 grouping gave -6)', () => {
    const model = loadModelText(split, 'split.yaml');
    const f = computeCurrent(model, 4), d = computePrecise(model, 4, { digits: 30 });
    expect(d.J.value.toNumber()).toBeCloseTo(-2.0000000003, 9);
    expect(Math.abs(f.J - d.J.value.toNumber())).toBeLessThanOrEqual(f.error.J + d.J.error.toNumber());
    expect(f.terms.deltaE).toBeCloseTo(1.0000000003, 9);
    expect(f.exact).toBe(true);
    // The same in a dense eigenbasis.
    const g = computeCurrent(model, 4, { method: 'dense' });
    expect(Math.abs(g.J - d.J.value.toNumber())).toBeLessThanOrEqual(g.error.J + d.J.error.toNumber());
  });

  it('a diagonal H_S is grouped exactly: a 1e-17 splitting (all 1.0 in float64) is resolved in both engines', () => {
    const model = loadModelText(split.replace('d: 1e-10', 'd: 1e-17'), 'split.yaml');
    const f = computeCurrent(model, 4), d = computePrecise(model, 4, { digits: 30 });
    // Independent emitters with distinct frequencies: no superradiance, J = -2 (dicke(2), flat T = 0).
    expect(d.J.value.toNumber()).toBeCloseTo(-2, 12);
    expect(f.method).toBe('diagonal');
    expect(f.exact).toBe(true);
    expect(Math.abs(f.J - d.J.value.toNumber())).toBeLessThanOrEqual(f.error.J + d.J.error.toNumber());
    // float64 site coefficients are all equal, but the sum is not collective in exact arithmetic.
    expect(() => computeCurrent(model, 4, { method: 'symmetric' })).toThrow(/exact arithmetic/);
    // Exactly degenerate levels (k = 0, 3 up and k = 1, 2 up at d = 1e-10) stay one eigenspace.
    const g = computeCurrent(loadModelText(split, 'split.yaml'), 4);
    expect(g.notes.join(' ')).toMatch(/15 eigenspaces of the diagonal H_S \(grouped exactly/);
    expect(g.inexact).toEqual([]);
  });

  it('a splitting within 1000 times round-off of a dense eigensolver is listed in inexact', () => {
    const model = loadModelText(split.replace('d: 1e-10', 'd: 1e-13'), 'split.yaml');
    const f = computeCurrent(model, 4, { method: 'dense' });
    expect(f.exact).toBe(false);
    expect(f.inexact.join(' ')).toMatch(/splitting\(s\) of levels within 1000 times their round-off/);
    for (const v of Object.values(f.holds)) expect(v).not.toBe(false);
  });

  it('equal floats of a diagonal H_S are one eigenspace (superradiance stays superradiant)', () => {
    const model = loadModelText(split.replace('d: 1e-10', 'd: 0'), 'split.yaml');
    const f = computeCurrent(model, 4);
    expect(f.J).toBeCloseTo(-6, 12);
    expect(f.exact).toBe(true);
  });

  const seed = Number(process.env.HEATBOUND_SEED ?? 20261);
  it(`a seeded slice of 150 random models (all classes, L <= 3; seed ${seed}) stays within the error bounds`, () => {
    console.log(`error-bounds slice: seed ${seed}`);
    const samples = fc.sample(modelArbitrary({ L: [1, 3] }), { seed, numRuns: 150 });
    const r = campaign(samples);
    expect(r.failures).toEqual([]);
    expect(r.compared).toBeGreaterThan(100);
  }, 120_000);

  describe.skipIf(!process.env.HEATBOUND_LONG)('long', () => {
    it('2000 random models (all classes, L <= 5) stay within the error bounds', () => {
      const longSeed = Number(process.env.HEATBOUND_SEED ?? 11);
      console.log(`error-bounds long campaign: seed ${longSeed}`);
      const samples = fc.sample(modelArbitrary({ L: [1, 5] }), { seed: longSeed, numRuns: 2000 });
      const r = campaign(samples);
      console.log(`compared ${r.compared}, all terms exact in both engines: ${r.exact}`);
      expect(r.failures).toEqual([]);
    }, 3_600_000);
  });
});
