/**
 * Reports whose terms are lower bounds only (inexact for a reason other than an enclosure): the
 * properties must not find a bound exceeded from them, and a campaign must count such checks as
 * skipped, not ok; enclosures are still compared (a lower end above an upper end is a violation).
 * The reports are the engine's own for superradiance at L = 3 (J = -6 g w0 at m = 0.. physics.md
 * section 4), with B1 replaced by a value below |J|, as a lower bound of it could be.
 */
import { describe, expect, it } from 'vitest';
import { checkBandLimit, checkBoundChain, checkTailBound, PropertyViolation, type Engine, type EngineReport } from '../../properties/index.js';
import { float64Engine, HP } from '../../properties/engine.js';
import { builtin } from '../helpers.js';

const model = builtin('superradiance');
const L = 3;
const base = float64Engine()({ model, L });

/** The report with B1, B2 and B2tail at a tenth of |J| (a lower bound of B1 may be that small). */
function shrunk(r: EngineReport, extra: Partial<EngineReport>): EngineReport {
  const tenth = { value: r.J.value.abs().div(10), error: new HP(0) };
  return { ...r, bounds: { ...r.bounds, B1: tenth, B2: tenth }, ...(r.B2tail ? { B2tail: tenth } : {}), ...extra };
}
const engine = (r: EngineReport): Engine => () => r;

describe('properties on lower bounds', () => {
  it('the engine report is exact here, and |J| > 0 so a tenth of it is below', () => {
    expect(base.inexact).toEqual([]);
    expect(base.lowerBounds).toBe(false);
    expect(base.J.value.abs().toNumber()).toBeGreaterThan(1);
  });

  it('finds B_state <= B_1 violated when the shrunk B1 is exact or an enclosure', () => {
    expect(() => checkBoundChain({ model, L }, { engine: engine(shrunk(base, {})) })).toThrow(PropertyViolation);
    const enclosure = shrunk(base, { inexact: ['deltaE, gammaMax, omegaGammaMax are enclosures'], lowerBounds: false });
    expect(() => checkBoundChain({ model, L }, { engine: engine(enclosure) })).toThrow(/B_state <= B_1/);
    expect(() => checkTailBound({ model, L }, { engine: engine(enclosure) })).toThrow(/B2tail/);
  });

  it('finds nothing violated when the terms are lower bounds only, whether said or (a user engine) implied by inexact', () => {
    const said = shrunk(base, { inexact: ['levels split within 1000 times their bound'], lowerBounds: true });
    const { lowerBounds: _, ...implied } = shrunk(base, { inexact: ['a user engine: inexact'] });
    for (const r of [said, implied as EngineReport]) {
      expect(() => checkBoundChain({ model, L }, { engine: engine(r) })).not.toThrow();
      expect(() => checkTailBound({ model, L }, { engine: engine(r) })).not.toThrow();
    }
  });

  it('still checks DeltaE_eff <= DeltaE on lower bounds (a lower bound above DeltaE is a violation), not |J| <= B_2', () => {
    const sample = { model, L, modelText: '', deltaE: 0.5, h: 1, a: 1 } as unknown as Parameters<typeof checkBandLimit>[0];
    const lower = shrunk(base, { inexact: ['lower'], lowerBounds: true });
    // superradiance: DeltaE_eff = w0 = 1 > 0.5.
    expect(() => checkBandLimit(sample, { engine: engine(lower) })).toThrow(/DeltaE_eff <= DeltaE/);
    const wide = { ...sample, deltaE: 2 } as typeof sample;
    expect(() => checkBandLimit(wide, { engine: engine(lower) })).not.toThrow();
    expect(() => checkBandLimit(wide, { engine: engine(shrunk(base, {})) })).toThrow(/\|J\| <= B_2/);
  });
});
