/**
 * The limits as properties, over random models with a fixed seed and bounded runs (the long
 * campaigns are `npm run verify`). A failure prints the shrunk model file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBandLimit, checkBoundChain, checkCubicLimit, checkEnginesAgree, checkPinchedState, checkPinchingIdentity,
  checkSecondLaw, describeFailure, modelArbitrary, property, twoBathArbitrary, type ModelSample,
} from '../../properties/index.js';

const seed = 20261127;

function assertProperty(p: fc.IPropertyWithHooks<[ModelSample]>, numRuns: number): void {
  const details = fc.check(p, { seed, numRuns });
  expect(describeFailure(details)).toBeNull();
  expect(details.numRuns).toBeGreaterThan(numRuns / 2); // most samples really were checked
}

describe('campaign replay', () => {
  it('fc.check with a run seed starts from the sample fc.sample draws with it (verify shrinks a failing run by replaying its seed)', () => {
    const arb = modelArbitrary({ L: [1, 4] });
    for (let s = 1; s <= 20; s++) {
      const [drawn] = fc.sample(arb, { seed: s, numRuns: 1 });
      let first: ModelSample | null = null;
      fc.check(fc.property(arb, (x) => { first ??= x; return true; }), { seed: s, numRuns: 1 });
      expect(first).toEqual(drawn);
    }
  });
});

describe('properties hold on random models (seed ' + seed + ')', () => {
  it('|J| <= B_state <= B_1 <= B_1coarse on every class', () => {
    assertProperty(property(checkBoundChain, { arbitrary: modelArbitrary({ L: [1, 4] }) }), 60);
  });
  it('|J| <= 2 h a^2 Gamma L^3 on extensive and global couplings', () => {
    assertProperty(property(checkCubicLimit, { arbitrary: modelArbitrary({ classes: ['extensive', 'global'], L: [1, 4] }) }), 40);
  });
  it('band-limited noise: DeltaE_eff <= DeltaE and |J| <= B_2 <= DeltaE Gamma a^2 L^2', () => {
    assertProperty(property(checkBandLimit, { arbitrary: modelArbitrary({ classes: ['band'], L: [1, 4] }) }), 40);
  });
  it('sum_w A(w)^+ A(w) = Pinch(A^2)', () => {
    assertProperty(property(checkPinchingIdentity, { arbitrary: modelArbitrary({ L: [1, 3] }) }), 30);
  });
  it('J depends only on Pinch(rho) (the dissipator with and without coherences, and the kernel)', () => {
    assertProperty(property(checkPinchedState, { arbitrary: modelArbitrary({ L: [1, 3] }) }), 30);
  });
  it('the decimal.js and float64 engines agree within their errors', () => {
    assertProperty(property(checkEnginesAgree, { arbitrary: modelArbitrary({ L: [1, 4] }) }), 40);
  });
  it('collective models at larger L', () => {
    assertProperty(property(checkBoundChain, { arbitrary: modelArbitrary({ classes: ['collective'], L: [5, 8] }) }), 15);
  });
  it('two baths: heat flows from the hotter bath to the colder in the steady state', () => {
    const details = fc.check(fc.property(twoBathArbitrary(3), (s) => { checkSecondLaw(s); }), { seed, numRuns: 30 });
    expect(details.failed ? String(details.errorInstance) : null).toBeNull();
  });
});
