/**
 * The Decimal steady state of the Davies generator (engine/precise/steady), checked by independent
 * routes: the float64 engine's steady state (J and each J_alpha within the float64 error bound),
 * closed forms (the Gibbs state for one thermal bath, J = 0 by detailed balance), the first law in
 * the steady state (J_hot = -J_cold), and the errors of the float64 engine when it is not unique.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { computeCurrent, evaluateSystem, preciseSystem, PreciseNotApplicable, type PreciseSystem } from '../../src/engine/index.js';
import { preciseSteadyState, type PreciseSteadyResult } from '../../src/engine/precise/steady.js';
import { preciseSymmetricSystem } from '../../src/engine/precise/symmetric.js';
import { InputError, loadModelText, parseStateText, type ModelSpec } from '../../src/lang/index.js';
import { SteadyStateError, type PreciseState } from '../../src/numeric/index.js';
import { fixture, root } from '../helpers.js';

const up = () => parseStateText('up', '<test>', '--state');
const down = () => parseStateText('down', '<test>', '--state');

/** The product-basis system of `model` (its state replaced by `up`) and its Decimal steady state. */
function steadyOf(model: ModelSpec, L: number, digits = 30): { sys: PreciseSystem; ss: PreciseSteadyResult } {
  const sys = preciseSystem(model, L, digits, { state: up() });
  return { sys, ss: preciseSteadyState(sys) };
}

/** J and every J_alpha of the Decimal steady state against the float64 engine's `steady`. */
function expectAgreesWithFloat64(model: ModelSpec, L: number, sys: PreciseSystem, ss: PreciseSteadyResult, what: string, state?: string): void {
  const p = evaluateSystem({ ...sys, state: ss.state });
  const q = computeCurrent(model, L, state ? { state: parseStateText(state) } : {});
  const close = (a: { value: Decimal; error: Decimal }, b: number, name: string) => {
    const diff = Math.abs(a.value.toNumber() - b);
    expect(diff, `${what} ${name}: ${a.value.toSignificantDigits(20)} vs ${b} (float64 error ${q.error.J})`).toBeLessThanOrEqual(q.error.J + a.error.toNumber() + 1e-300);
  };
  close(p.J, q.J, 'J');
  expect(p.channels.length).toBe(q.channels.length);
  p.channels.forEach((c, i) => close(c.J, q.channels[i].J, `J_${i}`));
  expect(ss.residual.lt('1e-28'), `${what} residual ${ss.residual}`).toBe(true);
}

/** The SteadyStateError thrown by f. */
function reason(f: () => unknown): SteadyStateError {
  try { f(); } catch (err) { expect(err).toBeInstanceOf(SteadyStateError); return err as SteadyStateError; }
  return expect.fail('no error');
}

/** max |rho_ij| over i != j in one eigenspace. */
function largestCoherence(sys: PreciseSystem, state: PreciseState): number {
  let best = 0;
  for (const members of sys.spaces.members) {
    for (const i of members) for (const j of members) {
      if (i >= j) continue;
      let re: Decimal = new sys.P.D(0), im: Decimal = re;
      for (const { weight, amp } of state.vectors) {
        re = re.plus(weight.times(amp[i].re.times(amp[j].re).plus(amp[i].im.times(amp[j].im))));
        im = im.plus(weight.times(amp[i].im.times(amp[j].re).minus(amp[i].re.times(amp[j].im))));
      }
      best = Math.max(best, Math.hypot(re.toNumber(), im.toNumber()));
    }
  }
  return best;
}

const model = (text: string, name = 'steady-test'): ModelSpec => loadModelText(`name: ${name}\n${text}`, `${name}.yaml`);

describe('Decimal steady state against the float64 engine (product basis)', () => {
  for (const f of ['ising_steady.yaml', 'steady_two_baths.yaml']) {
    it(`${f}: J and J_alpha agree within the float64 error bound, J_hot = -J_cold to 1e-25, L = 1..4`, () => {
      const m = fixture(f);
      for (const L of [1, 2, 3, 4]) {
        const { sys, ss } = steadyOf(m, L);
        expectAgreesWithFloat64(m, L, sys, ss, `${f} L=${L}`);
        const p = evaluateSystem({ ...sys, state: ss.state });
        expect(p.J.value.abs().lt('1e-25'), `${f} L=${L}: J_hot + J_cold = ${p.J.value}`).toBe(true);
        expect(p.channels[0].J.value.gt(0), 'heat flows in from the hot bath').toBe(true);
      }
    });
  }
});

describe('two precisions', () => {
  it('30 and 60 digits: the rank tolerance follows the precision, and J_alpha agree to 1e-25', () => {
    const m = fixture('steady_two_baths.yaml');
    const a = steadyOf(m, 3, 30), b = steadyOf(m, 3, 60);
    expect(a.ss.notes[0]).toMatch(/rank decided at relative pivot tolerance 1e-25 \(smallest pivot kept [0-9.e-]+, largest dropped [0-9.e-]+\)/);
    expect(b.ss.notes[0]).toMatch(/relative pivot tolerance 1e-55/);
    expect(b.ss.residual.lt('1e-58')).toBe(true);
    const ja = evaluateSystem({ ...a.sys, state: a.ss.state }).channels, jb = evaluateSystem({ ...b.sys, state: b.ss.state }).channels;
    ja.forEach((c, i) => expect(c.J.value.minus(jb[i].J.value).abs().lt('1e-25'), `J_${i}`).toBe(true));
  });
});

describe('every fixture with its state replaced by `steady` (product basis)', () => {
  const fixtures = readdirSync(join(root, 'test', 'fixtures', 'models')).filter((f) => f.endsWith('.yaml'));
  it('agrees with the float64 engine where the steady state is unique, and fails with it where it is not, L = 1..4', () => {
    let unique = 0, refused = 0;
    for (const f of fixtures) {
      const m = fixture(f);
      for (const L of [1, 2, 3, 4]) {
        let q;
        try { q = computeCurrent(m, L, { state: parseStateText('steady') }); } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).errors[0].code).toBe('steady-not-unique');
          const e = reason(() => steadyOf(m, L));
          expect([e.reason, e.message.split(':')[0]], `${f} L=${L}`).toEqual(['not-unique', 'the steady state is not unique']);
          refused++;
          continue;
        }
        // Collective models: the float64 `steady` is the one in the symmetric sector (tested below).
        if (q.method === 'symmetric') continue;
        const { sys, ss } = steadyOf(m, L);
        expectAgreesWithFloat64(m, L, sys, ss, `${f} L=${L}`, 'steady');
        unique++;
      }
    }
    expect(unique).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(5);
  });

  it('degenerate eigenspaces with coherences in the steady state (diagonal and dense paths)', () => {
    const cases: [string, number][] = [
      [`params: { Th: 2, Tc: 0.5 }\nH: "0.5 * sum(k, Z[k])"\nchannels:\n  - A: "X[0] + 0.5 * X[1]"\n    bath: { spectrum: flat, rate: 1, T: Th }\n  - A: "X[1] - 0.3 * Y[0] + 0.2 * Z[0]"\n    bath: { spectrum: flat, rate: 0.7, T: Tc }\nstate: steady\n`, 2],
      [`params: { Th: 2, Tc: 0.5 }\nH: "0.5 * sum(k, Z[k]) + 0.5 * sum(k, 0, L-2, Sp[k]*Sm[k+1] + Sm[k]*Sp[k+1])"\nchannels:\n  - A: "X[0] + 0.4 * Y[L-1]"\n    bath: { spectrum: flat, rate: 1, T: Th }\n  - A: "X[L-1] + 0.3 * Z[0]"\n    bath: { spectrum: flat, rate: 0.7, T: Tc }\nstate: steady\n`, 4],
    ];
    for (const [text, L] of cases) {
      const m = model(text);
      const { sys, ss } = steadyOf(m, L);
      expect(largestCoherence(sys, ss.state)).toBeGreaterThan(1e-3);
      expectAgreesWithFloat64(m, L, sys, ss, `${sys.method} L=${L}`);
    }
  });
});

describe('Decimal steady state in the symmetric sector (collective fixtures, reached from down)', () => {
  for (const f of ['steady_parity.yaml', 'steady_collective.yaml']) {
    it(`${f}: J and J_alpha agree with the float64 symmetric method, L = 1..6`, () => {
      const m = fixture(f);
      for (const L of [1, 2, 3, 4, 5, 6]) {
        const sys = preciseSymmetricSystem(m, L, 30, { state: down() });
        const from = sys.state.vectors[0].amp.map((a) => a.re.times(a.re).plus(a.im.times(a.im)));
        const ss = preciseSteadyState(sys, { from });
        expectAgreesWithFloat64(m, L, sys, ss, `${f} L=${L}`);
        expect(evaluateSystem({ ...sys, state: ss.state }).J.value.abs().lt('1e-25')).toBe(true);
      }
    });
  }

  it('steady_parity without an initial state: several closed classes are an error', () => {
    const sys = preciseSymmetricSystem(fixture('steady_parity.yaml'), 4, 30, { state: down() });
    expect(() => preciseSteadyState(sys)).toThrow(/not unique: the channels leave 2 closed sets of levels/);
  });
});

describe('closed forms', () => {
  it('one qubit, flat thermal bath (KMS): the Gibbs state, populations e^{-E/T}/Z to 1e-25 at 30 digits', () => {
    for (const [w0, T, g] of [['1', '0.7', '1'], ['0.3', '2.5', '0.1'], ['2', '0.05', '3'], ['1', '0.01', '1']]) {
      const m = model(`params: { w0: ${w0}, g: ${g}, T: ${T} }\nH: "w0/2 * Z[0]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: g, T: T }\nstate: steady\n`);
      const { sys, ss } = steadyOf(m, 1);
      const pops = ss.state.populations!;
      expect(ss.state.vectors).toHaveLength(0);
      const D = sys.P.D; // the global Decimal works with 20 digits
      const beta = new D(1).div(T), half = new D(w0).div(2);
      const wUp = half.neg().times(beta).exp(), wDown = half.times(beta).exp();
      const Z = wUp.plus(wDown);
      const E = sys.spaces.energies.map((e) => e.toNumber());
      const iUp = sys.spaces.members[E.indexOf(Math.max(...E))][0];
      expect(pops[iUp].minus(wUp.div(Z)).abs().lt('1e-25'), `T=${T}: ${pops[iUp]}`).toBe(true);
      expect(pops[1 - iUp].minus(wDown.div(Z)).abs().lt('1e-25')).toBe(true);
      expect(evaluateSystem({ ...sys, state: ss.state }).J.value.abs().lt('1e-25')).toBe(true);
    }
  });

  it('detailed balance: one temperature for every bath gives the Gibbs state and J_alpha = 0 to 1e-25', () => {
    // Interacting, non-diagonal H_S (dense path), two baths of different spectra at one T.
    const m = model(`params: { T: 0.8 }
H: "sum(k, 0, L-2, Z[k]*Z[k+1]) + 0.6 * sum(k, X[k]) + 0.2 * sum(k, Z[k])"
channels:
  - A: "X[0] + Z[0]"
    bath: { spectrum: flat, rate: 0.5, T: T }
  - A: "X[L-1] + 0.5 * Z[L-1]"
    bath: { spectrum: ohmic, rate: 0.3, T: T, wc: 3 }
state: steady
`);
    for (const L of [2, 3]) {
      const { sys, ss } = steadyOf(m, L);
      const p = evaluateSystem({ ...sys, state: ss.state });
      for (const c of p.channels) expect(c.J.value.abs().lt('1e-25'), `L=${L}: ${c.J.value}`).toBe(true);
      const gibbs = preciseSystem(m, L, 30, { state: parseStateText('thermal(T)', '<test>', '--state', ['T']) }).state.populations!;
      const pops = ss.state.populations!;
      gibbs.forEach((x, i) => expect(pops[i].minus(x).abs().lt('1e-25'), `L=${L} level ${i}`).toBe(true));
    }
  });

  it('degenerate eigenspaces: independent emitters at one T relax to the Gibbs state, coherences vanish', () => {
    const m = model('params: { T: 1.3 }\nH: "0.5 * sum(k, Z[k])"\nchannels:\n  - each: k\n    A: "X[k]"\n    bath: { spectrum: flat, rate: 1, T: T }\nstate: steady\n');
    const L = 3;
    const { sys, ss } = steadyOf(m, L);
    // Blocks of dimension 3 (one and two excitations) come back as eigenvectors.
    expect(ss.state.vectors.length).toBeGreaterThan(0);
    const D = sys.P.D; // the global Decimal works with 20 digits
    const rho = new Map<number, Decimal>();
    const diag = (i: number) => rho.get(i) ?? new D(0);
    for (const { weight, amp } of ss.state.vectors) {
      amp.forEach((a, i) => { if (!a.re.isZero() || !a.im.isZero()) rho.set(i, diag(i).plus(weight.times(a.re.pow(2).plus(a.im.pow(2))))); });
    }
    const pops = ss.state.populations;
    const E = (i: number) => new D(L - 2 * popcount(i)).div(2); // 0.5 * (#up - #down); bit set = down
    let Z = new D(0);
    for (let i = 0; i < 2 ** L; i++) Z = Z.plus(E(i).neg().div('1.3').exp());
    for (let i = 0; i < 2 ** L; i++) {
      const got = diag(i).plus(pops ? pops[i] : 0);
      expect(got.minus(E(i).neg().div('1.3').exp().div(Z)).abs().lt('1e-25'), `level ${i}: ${got}`).toBe(true);
    }
    expect(largestCoherence(sys, ss.state)).toBeLessThan(1e-25);
    expect(evaluateSystem({ ...sys, state: ss.state }).J.value.abs().lt('1e-25')).toBe(true);
  });
});

describe('when the steady state is not unique or out of reach', () => {
  it('two uncoupled qubits with a bath on one: closed sets of levels, as the float64 engine says', () => {
    const m = model('H: "Z[0] + 2*Z[1]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: 1, T: 0.5 }\nstate: steady\n');
    const e = reason(() => steadyOf(m, 2));
    expect(e.reason).toBe('not-unique');
    expect(e.message).toMatch(/^the steady state is not unique: the channels leave 2 closed sets of levels \(energies \{/);
    expect(e.message).toMatch(/relative pivot tolerance 1e-25/);
    // The float64 engine refuses the same model with the same words.
    expect(() => computeCurrent(m, 2)).toThrow(/the steady state is not unique: the channels leave 2 closed sets of levels/);
  });

  it('a collective coupling in the product basis: total spin is conserved', () => {
    const e = reason(() => steadyOf(fixture('steady_collective.yaml'), 2));
    expect(e.reason).toBe('not-unique');
    expect(e.message).toMatch(/the Davies generator has 2 independent steady states/);
  });

  it('a negative rate at a frequency in use', () => {
    const m = model('H: "Z[0]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: custom, gamma: "w" }\nstate: steady\n');
    expect(reason(() => steadyOf(m, 1)).reason).toBe('negative-rate');
  });

  it('too many unknowns: PreciseNotApplicable with the number', () => {
    // sum_k C(6, k)^2 = 924 real unknowns for H = sum Z at L = 6
    const sys = preciseSystem(model('H: "sum(k, Z[k])"\nchannels:\n  - A: "sum(k, X[k])"\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: up\n'), 6, 30);
    expect(() => preciseSteadyState(sys)).toThrow(PreciseNotApplicable);
    expect(() => preciseSteadyState(sys)).toThrow(/924 real block-diagonal unknowns/);
  });
});

function popcount(i: number): number {
  let c = 0;
  for (let x = i; x; x >>= 1) c += x & 1;
  return c;
}
