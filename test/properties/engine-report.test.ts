import { describe, expect, test } from 'vitest';
import { float64Engine, preciseEngine, type EngineReport } from '../../properties/index.js';
import { loadModelFile } from '../../src/lang/index.js';
import { precision } from '../../src/numeric/index.js';

const model = loadModelFile('models/allflip.yaml');

/** The same laws over both engines' reports: one shape, every value a Decimal with an error >= 0. */
describe.each<[string, () => EngineReport]>([
  ['float64', () => float64Engine()({ model, L: 3 })],
  ['decimal', () => preciseEngine(30)({ model, L: 3 })],
])('EngineReport of the %s engine', (_name, make) => {
  test('has the projected shape with bounded values', () => {
    const r = make();
    expect(Object.keys(r.terms).sort()).toEqual(['deltaE', 'gammaMax', 'normH', 'omegaGammaMax', 'sumA2', 'width']);
    for (const k of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) expect(r.bounds[k].error.gte(0)).toBe(true);
    for (const c of r.channels) expect(Object.keys(c).sort()).toEqual(['J', 'deltaE', 'gammaMax', 'normA', 'omegaGammaMax', 'pinchedA2']);
    expect(r.B2tail?.error.gte(0)).toBe(true);
    expect(r.J.value.abs().minus(r.bounds.B1.value).abs().lte(r.J.error.plus(r.bounds.B1.error))).toBe(true);
  });
});

test('the precise unit is the Precision eps, 10^-digits exactly', () => {
  for (const d of [16, 30, 50]) {
    const P = precision(d);
    expect(P.eps.eq(new P.D(10).pow(-d))).toBe(true);
  }
});
