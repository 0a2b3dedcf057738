/**
 * The one System<T> -> Report<T> path of `current` (engine/system.ts currentReport), run over
 * float64 and decimal(30) (QuTiP's pattern of one test class run over every specialisation): a
 * hand-made system gives the closed-form J and bounds in both fields, its stages run in one order
 * (the kernel once per channel, B2tail's model over the kernels' data, the assembly's values once
 * with the engine's error model asked once), inexact decisions and other readings of Omega act
 * alike; and the same laws hold on the reports of both engines' systems, which agree on the same
 * model and L within their reported errors.
 */
import { describe, expect, it } from 'vitest';
import { decide, decimalField, float64Field, type Bounded, type Field } from '../../src/numeric/index.js';
import { currentBoundNames } from '../../src/engine/assemble.js';
import { currentReport, type KernelChannel, type Report, type System } from '../../src/engine/system.js';
import { float64System } from '../../src/engine/current.js';
import { decimalSystem, preciseSystem } from '../../src/engine/precise/current.js';
import { instantiateWithState } from '../../src/engine/family.js';
import { denseSystem, diagonalSystem, productSystem, runDense, runDiagonal, runProduct } from '../../src/engine/methods/index.js';
import { evaluatedSystem } from '../../src/engine/outcome.js';
import { stateText } from '../../src/engine/states.js';
import { computeCurrent, computePrecise } from '../../src/engine/index.js';
import { loadModelFile, parseStateText } from '../../src/lang/index.js';

const fields: [string, Field<unknown>][] = [
  ['float64', float64Field as Field<unknown>],
  ['decimal(30)', decimalField(30) as unknown as Field<unknown>],
];

const exact = <T>(F: Field<T>, x: number): Bounded<T> => ({ value: F.fromNumber(x), error: F.zero });

/**
 * Two-level emitters, closed form: L independent sites with H = sum w0/2 Z[k], A = sum X[k], a flat
 * bath at T = 0 (gamma(w0) = g, gamma(-w0) = 0) and every site up: each of the L channels (one per
 * site) has J = -g w0, ||A|| = 1, Tr[A^2 Pinch rho] = 1, DeltaE = w0, Gamma = g, max|w|gamma = g w0.
 * So J = -L g w0, Bstate = B1 = B2 = L g w0, B1coarse = (L w0) g L.
 */
function emitters<T>(F: Field<T>, L: number, g: number, w0: number, extra: Partial<System<T, number, number>> = {}): System<T, number, number> {
  const channel = (): KernelChannel<T, number> => ({
    quantities: {
      J: exact(F, -g * w0), normA: exact(F, 1), pinchedA2: exact(F, 1),
      deltaE: exact(F, w0), gammaMax: exact(F, g), omegaGammaMax: exact(F, g * w0),
    },
    normHow: 'analytic', tail: w0,
  });
  return {
    field: F, model: 'emitters', L, method: 'hand', state: 'up', dimension: 2 ** L,
    normH: exact(F, (L * w0) / 2), width: exact(F, L * w0),
    channels: Array.from({ length: L }, (_, k) => k),
    kernel: channel,
    tail: (ws) => ({
      tables: ws.map((w) => ({ d: [F.fromNumber(w)], g: [F.fromNumber(g)], mg: [F.fromNumber(g * w)], q: [F.one], pinchedA2: F.one, dropped: F.zero, frequencies: 'bohr' as const })),
      error: () => F.zero,
    }),
    inexact: [], notes: ['hand-made'],
    ...extra,
  };
}

/** The laws of a report, over its field: J and the bounds from the channels, margins, verdicts and ratios from them. */
function reportLaws<T>(F: Field<T>, r: Report<T>): void {
  const close = (a: T, b: T, e: T) => {
    // |a - b| <= e + 64 ulp (the assembly's own roundings, counted in the errors or not at all).
    const slack = F.add(e, F.mul(F.fromNumber(64), F.add(F.ulp(a), F.ulp(b))));
    expect(F.cmp(F.abs(F.sub(a, b)), slack)).toBeLessThanOrEqual(0);
  };
  const sum = (f: (c: Report<T>['channels'][number]) => T) => r.channels.reduce((s, c) => F.add(s, f(c)), F.zero);
  close(r.J.value, sum((c) => c.J.value), r.J.error);
  close(r.all.Bstate.value, sum((c) => c.Bstate.value), r.all.Bstate.error);
  close(r.all.B1.value, sum((c) => F.mul(c.omegaGammaMax.value, F.mul(c.normA.value, c.normA.value))), r.all.B1.error);
  close(r.all.B2.value, F.mul(F.mul(r.terms.deltaE.value, r.terms.gammaMax.value), r.terms.sumA2.value), r.all.B2.error);
  close(r.all.B1coarse.value, F.mul(F.mul(r.terms.width.value, r.terms.gammaMax.value), r.terms.sumA2.value), r.all.B1coarse.error);
  for (const c of r.channels) close(c.Bstate.value, F.mul(c.omegaGammaMax.value, c.pinchedA2.value), c.Bstate.error);
  const lower = r.inexact.length > 0;
  for (const b of currentBoundNames) {
    const m = r.margins[b];
    close(m.value, F.sub(r.all[b].value, F.abs(r.J.value)), F.zero);
    close(m.error, F.add(r.all[b].error, r.J.error), F.zero);
    if (r.alternatives.length === 0) expect(r.verdicts[b]).toBe(decide(m, { lowerBounds: lower }, F).verdict);
    if (lower) expect(r.verdicts[b]).not.toBe('violated');
    if (F.cmp(r.all[b].value, F.zero) > 0) close(r.ratios[b].value, F.div(F.abs(r.J.value), r.all[b].value), F.zero);
  }
}

describe.each(fields)('System -> Report over %s', (_name, F) => {
  const num = (x: unknown) => F.toNumber(x);

  it('a hand-made system gives the closed-form J and bounds (L independent emitters)', () => {
    for (const L of [1, 3, 8]) {
      const g = 0.5, w0 = 2;
      const r = currentReport(emitters(F, L, g, w0));
      expect(num(r.J.value)).toBe(-L * g * w0);
      expect(Object.fromEntries(currentBoundNames.map((b) => [b, num(r.all[b].value)]))).toEqual({
        Bstate: L * g * w0, B1: L * g * w0, B1coarse: L * w0 * g * L, B2: L * g * w0, B2tail: L * g * w0,
      });
      expect(r.channels.map((c) => num(c.Bstate.value))).toEqual(Array(L).fill(g * w0));
      expect(r.channels.map((c) => c.tail)).toEqual(Array(L).fill(w0));
      // |J| = Bstate = B1: a tie (margin 0 within the roundings counted); the others hold for L > 1.
      expect(r.verdicts.B1).toBe('tie');
      expect(r.verdicts.B1coarse).toBe(L > 1 ? 'holds' : 'tie');
      expect({ model: r.model, L: r.L, method: r.method, state: r.state, dimension: r.dimension, notes: r.notes, inexact: r.inexact })
        .toEqual({ model: 'emitters', L, method: 'hand', state: 'up', dimension: 2 ** L, notes: ['hand-made'], inexact: [] });
      reportLaws(F, r);
    }
  });

  it('stages in one order: the kernel once per channel, B2tail over the kernels\' data, values assembled once and their errors asked once', () => {
    const seen: number[] = [];
    let tailCalls = 0, errorCalls = 0, adds = 0;
    const base = emitters(F, 3, 0.5, 2);
    const sys = emitters(F, 3, 0.5, 2, {
      kernel: (c) => { seen.push(c); return base.kernel(c); },
      tail: (ws) => { tailCalls++; expect(ws).toEqual([2, 2, 2]); return base.tail(ws); },
      assemblyErrors: {
        values: { zero: F.zero, add: (a, b) => { adds++; return F.add(a, b); }, mul: (a, b) => F.mul(a, b), max: (a, b) => (F.cmp(b, a) > 0 ? b : a) },
        errors: (a, input) => {
          errorCalls++;
          expect(num(a.J)).toBe(-3);
          expect(num(a.bounds.B1)).toBe(3);
          expect(input.channels).toHaveLength(3);
          return { J: F.zero, terms: { normH: F.zero, width: F.zero, sumA2: F.zero, gammaMax: F.zero, deltaE: F.zero, omegaGammaMax: F.zero }, bounds: { Bstate: F.zero, B1: F.zero, B1coarse: F.zero, B2: F.zero }, shares: [F.zero, F.zero, F.zero] };
        },
      },
    });
    const r = currentReport(sys);
    expect(seen).toEqual([0, 1, 2]);
    expect(tailCalls).toBe(1);
    expect(errorCalls).toBe(1);
    // One assembly of 3 channels: J (3 adds), sumA2, Bstate and B1 (3 adds each).
    expect(adds).toBe(12);
    expect(num(r.all.B1.error)).toBe(0);
    reportLaws(F, r);
  });

  it('an undecided kernel makes the terms lower bounds; a differing reading of Omega is decided too and noted', () => {
    const base = emitters(F, 2, 0.5, 2);
    const undecided = currentReport(emitters(F, 2, 0.5, 2, { kernel: (c) => ({ ...base.kernel(c), inexact: [`channel ${c}: undecided`] }) }));
    expect(undecided.inexact).toEqual(['channel 0: undecided', 'channel 1: undecided']);
    expect(undecided.verdicts.B1).toBe('unknown');
    reportLaws(F, undecided);
    // Without the small elements Gamma = 0.1: B1coarse = W Gamma sum ||A||^2 = 4 * 0.1 * 2 = 0.8 < |J| = 2 (4 holds in the main reading).
    const clear = { deltaE: F.fromNumber(2), gammaMax: F.fromNumber(0.1), omegaGammaMax: F.one };
    const other = currentReport(emitters(F, 2, 0.5, 2, { kernel: (c) => ({ ...base.kernel(c), clear }), readingNote: (alt) => `B1coarse = ${num(alt.bounds.B1coarse.value)}` }));
    expect(num(other.all.B1coarse.value)).toBe(4);
    expect(other.verdicts.B1coarse).toBe('unknown');
    expect(other.inexact).toHaveLength(1);
    expect(other.inexact[0]).toMatch(/^B1coarse = 0\.8/);
    expect(currentReport(emitters(F, 2, 0.5, 2)).verdicts.B1coarse).toBe('holds');
    // A reading equal to the channels' own is no other reading.
    const same = { deltaE: F.fromNumber(2), gammaMax: F.fromNumber(0.5), omegaGammaMax: F.one };
    const none = currentReport(emitters(F, 2, 0.5, 2, { kernel: (c) => ({ ...base.kernel(c), clear: same }) }));
    expect(none.alternatives).toHaveLength(0);
    expect(none.verdicts.B1coarse).toBe('holds');
  });
});

describe('both engines through the one path', () => {
  const cases: [string, number, 'dense' | 'diagonal', string | null][] = [
    ['bench/models/tfim', 4, 'dense', null],
    ['bench/models/ising', 5, 'diagonal', null],
    ['models/allflip', 3, 'diagonal', null],
    ['models/superradiance', 4, 'diagonal', 'dicke(1)'],
  ];

  it.each(cases)('%s at L = %i (%s): the same laws on both reports, and the same J, terms and verdicts within the reported errors', (name, L, method, state) => {
    const model = loadModelFile(`${name}.yaml`);
    const opts = state ? { state: parseStateText(state) } : {};
    const { inst, spec, stateOrigin } = instantiateWithState(model, L, opts);
    const hand = method === 'dense' ? denseSystem(inst, spec, stateOrigin) : diagonalSystem(inst, spec, stateOrigin);
    const f = currentReport(float64System(model.name, L, stateText(spec), hand));
    const d = currentReport(decimalSystem(preciseSystem(model, L, 30, opts)));
    reportLaws(float64Field, f);
    reportLaws(decimalField(30), d);
    expect(d.method).toBe(method);
    expect(d.channels.length).toBe(f.channels.length);
    const within = (a: Bounded<number>, b: Bounded<unknown>) => {
      const bv = decimalField(30).toNumber(b.value as never), be = decimalField(30).toNumber(b.error as never);
      expect(Math.abs(a.value - bv)).toBeLessThanOrEqual(a.error + be + 4 * Number.EPSILON * Math.max(1, Math.abs(a.value)));
    };
    within(f.J, d.J);
    for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE', 'omegaGammaMax'] as const) within(f.terms[k], d.terms[k]);
    for (const b of currentBoundNames) {
      within(f.all[b], d.all[b]);
      // Decided verdicts agree; a tie in one field may be decided in the other (smaller errors).
      if (f.verdicts[b] !== 'tie' && d.verdicts[b] !== 'tie') expect(d.verdicts[b], b).toBe(f.verdicts[b]);
    }
    f.channels.forEach((c, i) => { within(c.J, d.channels[i].J); within(c.Bstate, d.channels[i].Bstate); });
    // The engines' results are these reports' projections.
    const cf = computeCurrent(model, L, { ...opts, method });
    expect(cf.J).toBe(f.J.value);
    expect(cf.error.bounds).toEqual(Object.fromEntries(currentBoundNames.map((b) => [b, f.all[b].error])));
    const cd = computePrecise(model, L, { ...opts, digits: 30 });
    if (cd.digitsUsed === 30) expect(cd.J.value.eq(d.J.value as never)).toBe(true);
  });
});

describe('the float64 kernel slot', () => {
  const forms = {
    dense: [denseSystem, runDense], diagonal: [diagonalSystem, runDiagonal], product: [productSystem, runProduct],
  } as const;
  const cases: [string, number, keyof typeof forms][] = [
    ['bench/models/tfim', 4, 'dense'], ['bench/models/ising', 6, 'diagonal'], ['models/independent', 5, 'product'], ['models/independent', 3, 'dense'],
  ];

  it.each(cases)('%s at L = %i (%s): the prepared channels through the core\'s kernel slot give the report of the evaluated outcome, bit for bit', (name, L, m) => {
    const model = loadModelFile(`${name}.yaml`);
    const { inst, spec, stateOrigin } = instantiateWithState(model, L);
    const [prepared, evaluated] = forms[m];
    const a = currentReport(float64System(model.name, L, stateText(spec), prepared(inst, spec, stateOrigin)));
    const b = currentReport(float64System(model.name, L, stateText(spec), evaluatedSystem(evaluated(inst, spec, stateOrigin))));
    expect(a).toStrictEqual(b);
    reportLaws(float64Field, a);
  });
});
