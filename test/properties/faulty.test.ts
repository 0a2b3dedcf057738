/**
 * Faulty engines must be caught by the properties, each with a shrunk counterexample (issue 4):
 * the anticommutator without its 1/2, max gamma in place of max |w| gamma, and coherences inside
 * degenerate eigenspaces dropped. The faults are built here from the engine's public pieces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBoundChain, checkEnginesAgree, modelArbitrary, type Engine, type ModelSample, PropertyViolation,
} from '../../properties/index.js';
import { reportOfPrecise } from '../../properties/engine.js';
import { dissipatorTerms, evaluateSystem, preciseSystem, PreciseNotApplicable, type PreciseSystem } from '../../src/engine/index.js';

const digits = 30;

function system({ model, L }: Parameters<Engine>[0]): PreciseSystem {
  return preciseSystem(model, L, digits);
}

/** J = sum (gain - loss): the anticommutator term without its 1/2. */
const noHalf: Engine = (m) => {
  const sys = system(m);
  const r = reportOfPrecise(evaluateSystem(sys));
  const J = dissipatorTerms(sys).reduce((s, t) => s.plus(t.gain).minus(t.loss), new sys.P.D(0));
  return { ...r, engine: 'faulty-no-half', J: { value: J, error: r.J.error } };
};

/** B_state and B_1 with max gamma where max |w| gamma belongs. */
const maxGamma: Engine = (m) => {
  const r = reportOfPrecise(evaluateSystem(system(m)));
  const Bstate = r.channels.reduce((s, c) => s.plus(c.gammaMax.value.times(c.pinchedA2.value)), r.J.value.mul(0));
  const B1 = r.channels.reduce((s, c) => s.plus(c.gammaMax.value.times(c.normA.value.pow(2))), r.J.value.mul(0));
  return { ...r, engine: 'faulty-max-gamma', bounds: { ...r.bounds, Bstate: { value: Bstate, error: r.bounds.Bstate.error }, B1: { value: B1, error: r.bounds.B1.error } } };
};

/** The state reduced to its eigenbasis diagonal: coherences inside degenerate eigenspaces dropped. */
const noCoherences: Engine = (m) => {
  const sys = system(m);
  const D = sys.P.D;
  const pops = Array.from({ length: sys.dimension }, () => new D(0));
  for (const { weight, amp } of sys.state.vectors) amp.forEach((a, i) => { pops[i] = pops[i].plus(weight.times(a.re.pow(2).plus(a.im.pow(2)))); });
  sys.state.populations?.forEach((p, i) => { pops[i] = pops[i].plus(p); });
  const r = reportOfPrecise(evaluateSystem({ ...sys, state: { vectors: [], populations: pops } }));
  return { ...r, engine: 'faulty-no-coherences' };
};

/** Runs `check` with `engine` on random models; returns the shrunk failure. */
function hunt(check: (s: ModelSample, o: { engine: Engine }) => unknown, engine: Engine, seed: number): { sample: ModelSample; error: unknown; runs: number } {
  const arb = modelArbitrary({ L: [1, 3] });
  const details = fc.check(fc.property(arb, (s) => {
    try {
      check(s, { engine });
    } catch (err) {
      if (err instanceof PreciseNotApplicable) fc.pre(false);
      throw err;
    }
  }), { seed, numRuns: 300 });
  expect(details.failed, `the fault went unnoticed in ${details.numRuns} runs (seed ${seed})`).toBe(true);
  return { sample: details.counterexample![0], error: details.errorInstance, runs: details.numRuns };
}

describe('faulty engines are caught with a shrunk counterexample', () => {
  it('the anticommutator without its 1/2 breaks |J| <= B_state', () => {
    const { sample, error } = hunt(checkBoundChain, noHalf, 11);
    expect(error).toBeInstanceOf(PropertyViolation);
    expect((error as PropertyViolation).inequality).toBe('|J| <= B_state');
    expect(sample.L).toBe(1);
    // the correct engine passes on the same model
    expect(() => checkBoundChain(sample)).not.toThrow();
  });

  it('max gamma in place of max |w| gamma breaks |J| <= B_state', () => {
    const { sample, error } = hunt(checkBoundChain, maxGamma, 12);
    expect((error as PropertyViolation).property).toBe('bound-chain');
    expect(sample.L).toBe(1);
    expect(() => checkBoundChain(sample)).not.toThrow();
  });

  it('dropping coherences inside degenerate eigenspaces disagrees with the float64 engine', () => {
    const { sample, error } = hunt(checkEnginesAgree, noCoherences, 13);
    expect((error as PropertyViolation).property).toBe('engines-agree');
    // a degenerate eigenspace needs two sites at least
    expect(sample.L).toBe(2);
    expect(() => checkEnginesAgree(sample)).not.toThrow();
  });
});
