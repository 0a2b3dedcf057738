/**
 * H_S is evaluated once per instance (engine/methods/shared hamiltonianOf): the diagonal method
 * refuses a non-diagonal H_S after evaluating it, and the dense method takes the same sum. The
 * remembered sum must be the one evaluated afresh, and the automatic choice must compute what the
 * dense method computes on a fresh instance.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent, evalOperator, instantiate } from '../../src/engine/index.js';
import { instantiateWithState } from '../../src/engine/family.js';
import { denseSystem, diagonalSystem } from '../../src/engine/methods/index.js';
import { hamiltonianOf } from '../../src/engine/methods/shared.js';
import { hamiltonianOperator } from '../../src/engine/exact-coefficients.js';
import { MethodNotApplicable } from '../../src/engine/outcome.js';
import { fixture } from '../helpers.js';

describe('H_S evaluated once per instance', () => {
  it('the remembered sum is the fresh one, the same object for the diagonal and the dense method', () => {
    for (const [name, L] of [['tfim_periodic.yaml', 3], ['ising_thermal.yaml', 4], ['superradiance.yaml', 2]] as const) {
      const inst = instantiate(fixture(name), L);
      const once = hamiltonianOf(inst);
      // evalOperator's terms, each coefficient the rounding of its decimal.js value (engine/exact-coefficients).
      expect(once).toEqual(hamiltonianOperator(instantiate(fixture(name), L)));
      expect(once.terms.map((t) => [t.sites, t.mats])).toEqual(evalOperator(inst.H, inst.H.located.expr, inst.scope, L).terms.map((t) => [t.sites, t.mats]));
      expect(hamiltonianOf(inst)).toBe(once);
      // Another instance of the same model: evaluated for itself.
      expect(hamiltonianOf(instantiate(fixture(name), L))).not.toBe(once);
    }
  });
  it('after the diagonal method refuses a transverse-field chain, the dense method on the same instance gives what a fresh instance gives', () => {
    const model = fixture('tfim_periodic.yaml');
    for (const L of [2, 3, 4]) {
      const { inst, spec, stateOrigin } = instantiateWithState(model, L);
      expect(() => diagonalSystem(inst, spec, stateOrigin)).toThrow(MethodNotApplicable);
      const shared = denseSystem(inst, spec, stateOrigin);
      const again = instantiateWithState(model, L);
      const fresh = denseSystem(again.inst, again.spec, again.stateOrigin);
      expect(shared.dimension).toBe(fresh.dimension);
      expect(shared.channels.map((c) => shared.kernel(c))).toEqual(fresh.channels.map((c) => fresh.kernel(c)));
      expect(computeCurrent(model, L)).toEqual(computeCurrent(model, L, { method: 'dense' }));
    }
  });
});
