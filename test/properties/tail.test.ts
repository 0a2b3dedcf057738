/**
 * |J| <= B2tail (the band bound robust to tails) as a property over random models of every class,
 * in both engines, and the two engines agree on B2tail where both take the maxima over every Bohr
 * frequency (the robust form, independent of which tiny elements each resolves).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTailBound, describeFailure, float64Engine, instanceOf, modelArbitrary, preciseEngine, property, type ModelSample } from '../../properties/index.js';
import { computeCurrent, computePrecise, PreciseNotApplicable } from '../../src/engine/index.js';

const seed = 20261127;

function assertProperty(p: fc.IPropertyWithHooks<[ModelSample]>, numRuns: number): void {
  const details = fc.check(p, { seed, numRuns });
  expect(describeFailure(details)).toBeNull();
  expect(details.numRuns).toBeGreaterThan(numRuns / 2);
}

describe('|J| <= B2tail on random models (seed ' + seed + ')', () => {
  it('decimal.js engine (float64 where it does not apply), every class', () => {
    assertProperty(property(checkTailBound, { arbitrary: modelArbitrary({ L: [1, 4] }) }), 60);
  }, 300_000);
  it('float64 engine, every class', () => {
    assertProperty(property(checkTailBound, { engine: float64Engine(), arbitrary: modelArbitrary({ L: [1, 5] }) }), 80);
  }, 300_000);
  it('decimal.js engine at 30 digits on collective models at larger L', () => {
    assertProperty(property(checkTailBound, { engine: preciseEngine(30), arbitrary: modelArbitrary({ classes: ['collective'], L: [5, 8] }) }), 10);
  }, 300_000);
  it('float64 and decimal.js agree on B2tail within their errors (both over every Bohr frequency, exact terms)', () => {
    let compared = 0;
    const details = fc.check(fc.property(modelArbitrary({ L: [1, 4] }), (s) => {
      const { model, L } = instanceOf(s);
      let p;
      try { p = computePrecise(model, L, { digits: 30, maxDigits: 30 }); } catch (err) {
        if (err instanceof PreciseNotApplicable) return;
        throw err;
      }
      const f = computeCurrent(model, L);
      if (f.tail.frequencies !== 'bohr' || p.tail.frequencies !== 'bohr' || f.inexact.length > 0 || p.inexact.length > 0) return;
      compared++;
      const diff = Math.abs(p.bounds.B2tail.value.toNumber() - f.bounds.B2tail);
      const err = f.error.bounds.B2tail + p.bounds.B2tail.error.toNumber() + 1e-15 * f.bounds.B2tail;
      if (diff > err) throw new Error(`B2tail: float64 ${f.bounds.B2tail} (D = ${f.tail.D}) vs decimal ${p.bounds.B2tail.value} (D = ${p.tail.D}): |diff| ${diff} > ${err}`);
    }), { seed, numRuns: 60 });
    expect(details.failed ? `${String(details.errorInstance)}\n${JSON.stringify(details.counterexample?.[0]?.text)}` : null).toBeNull();
    expect(compared).toBeGreaterThan(20);
  }, 300_000);
});
