/**
 * One instantiation of a model at L over a number field (engine/family `instantiateIn`) and one
 * orchestration of the steady parts of a state (engine/steady-parts), run over both fields
 * (QuTiP's pattern of one test class run over every specialisation): float64 and decimal.js give
 * the same scopes and spectra (within 1e-12), and the same bad inputs fail with identical input
 * errors (code, key, line:column, message) in both; the Decimal wrappers of the precise engine
 * (preciseScope, channelScope, spectrumOf) are the Decimal instance itself.
 */
import type { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { channelScopeIn, instantiateIn, spectrumIn, type InstanceIn } from '../../src/engine/family.js';
import { channelScope, preciseScope, spectrumOf } from '../../src/engine/precise/basis.js';
import { plusSteady, plusWeighted, steadyPartsIn, type EigenStateIn, type SteadyEngine } from '../../src/engine/steady-parts.js';
import { computeCurrent, computePrecise } from '../../src/engine/index.js';
import { InputError, loadModelText, type InputErrorData, type ModelSpec, type Origin } from '../../src/lang/index.js';
import {
  SteadyStateError, decimalBath, decimalField, float64Bath, float64Field, precision, type BathField, type Field,
} from '../../src/numeric/index.js';
import { builtin, fixture } from '../helpers.js';

const P = precision(30);
const fields: [string, BathField<unknown>][] = [
  ['float64', float64Bath as BathField<unknown>],
  [`decimal(${P.D.precision})`, decimalBath(P.D) as BathField<unknown>],
];
const F64 = float64Bath, FD = decimalBath(P.D);
const num = (x: unknown): number => (typeof x === 'number' ? x : (x as Decimal).toNumber());

/** |a - b| <= 1e-12 max(1, |b|). */
function close(a: number, b: number, what: string): void {
  if (!(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)))) expect.fail(`${what}: float64 ${a}, decimal ${b}`);
}

const models: [string, ModelSpec][] = [
  ['independent', builtin('independent')],
  ['superradiance', builtin('superradiance')],
  ['allflip', builtin('allflip')],
  ['custom_gamma', fixture('custom_gamma.yaml')],
  ['ohmic', fixture('ohmic.yaml')],
  ['ising_thermal', fixture('ising_thermal.yaml')],
  ['exact texts', loadModelText([
    'params: { a: 0.1, b: 3e-2, c: -7 }',
    'H: "a * sum(k, Z[k])"',
    'channels:',
    '  - each: j',
    '    A: "X[j]"',
    '    bath: { spectrum: ohmic, rate: "a + b*j", T: "a*L", wc: "1 - c" }',
    '  - A: "sum(k, X[k])"',
    '    bath: { spectrum: custom, gamma: "a*w^2 + b*L + 0.5" }',
    'state: up',
  ].join('\n'), 'texts.yaml')],
];
const Ls = [1, 3, 6];
const ws = [-3, -1, -0.25, 0, 1e-9, 0.5, 2, 7];

describe('instantiateIn: the same instance over float64 and decimal.js', () => {
  for (const [name, model] of models) {
    it(`${name} at L = ${Ls.join(', ')}: equal scopes, channels and spectra`, () => {
      for (const L of Ls) {
        const f = instantiateIn(F64, model, L), d = instantiateIn(FD, model, L);
        expect([...f.scope.keys()]).toEqual([...d.scope.keys()]);
        for (const [k, v] of f.scope) close(v, d.scope.get(k)!.toNumber(), `${name} L=${L} scope ${k}`);
        expect(f.channels.map((c) => [c.entry, c.k, c.index, c.origin, c.gammaOrigin])).toEqual(d.channels.map((c) => [c.entry, c.k, c.index, c.origin, c.gammaOrigin]));
        expect(f.channels.length).toBe(model.channels.reduce((n, c) => n + (c.each ? L : 1), 0));
        f.channels.forEach((c, i) => {
          const dc = d.channels[i];
          expect([...c.scope.keys()]).toEqual([...dc.scope.keys()]);
          for (const [k, v] of c.scope) close(v, dc.scope.get(k)!.toNumber(), `${name} L=${L} channel ${i} scope ${k}`);
          for (const w of ws) close(c.gamma(w), dc.gamma(new P.D(w)).toNumber(), `${name} L=${L} channel ${i} gamma(${w})`);
        });
      }
    });
  }

  it("an `each` entry's bath is evaluated once when it does not name the index, per site when it does (both fields)", () => {
    const model = loadModelText([
      'params: { a: 0.25 }',
      'H: "sum(k, Z[k])"',
      'channels:',
      '  - each: j',
      '    A: "X[j]"',
      '    bath: { spectrum: flat, rate: "a*L", T: "a" }',
      '  - each: j',
      '    A: "Z[j]"',
      '    bath: { spectrum: ohmic, rate: "a + j", T: "a", wc: "2" }',
      '  - each: j',
      '    A: "Z[j]"',
      '    bath: { spectrum: custom, gamma: "a*w^2 + j" }',
      'state: up',
    ].join('\n'), 'shared-bath.yaml');
    for (const [name, F] of fields) {
      const inst = instantiateIn(F, model, 4);
      const byEntry = (e: number) => inst.channels.filter((c) => c.entry === e);
      // Not named: one spectrum for the entry, equal to a per-channel evaluation.
      expect(new Set(byEntry(0).map((c) => c.gamma)).size, name).toBe(1);
      // Named (in the rate, in a custom gamma): one spectrum per site.
      expect(new Set(byEntry(1).map((c) => c.gamma)).size, name).toBe(4);
      expect(new Set(byEntry(2).map((c) => c.gamma)).size, name).toBe(4);
      const one = F.fromNumber(1);
      for (const e of [0, 1, 2]) {
        for (const c of byEntry(e)) expect(num(c.gamma(one)), name).toBe(num(spectrumIn(F, 'shared-bath.yaml', model.channels[e].bath, c.scope).gamma(one)));
      }
      expect(new Set(byEntry(1).map((c) => num(c.gamma(one)))).size, name).toBe(4);
    }
  });

  it("the precise engine's preciseScope, channelScope and spectrumOf are the Decimal instance", () => {
    for (const [, model] of models) {
      for (const L of Ls) {
        const f = instantiateIn(F64, model, L), d = instantiateIn(FD, model, L);
        const scope = preciseScope(P, model, L);
        expect([...scope].map(([k, v]) => [k, v.toString()])).toEqual([...d.scope].map(([k, v]) => [k, v.toString()]));
        f.channels.forEach((c, i) => {
          const cs = channelScope(P.D, scope, c);
          expect([...cs].map(([k, v]) => [k, v.toString()])).toEqual([...d.channels[i].scope].map(([k, v]) => [k, v.toString()]));
          const gamma = spectrumOf(P, c, cs);
          for (const w of ws) expect(gamma(new P.D(w)).toString()).toBe(d.channels[i].gamma(new P.D(w)).toString());
        });
      }
    }
  });

  it("a channel's scope reads as a copy of the model's scope with the index set (a new name last, an existing one in place)", () => {
    for (const [name, F] of fields) {
      const scope = new Map<string, unknown>([['w0', F.fromNumber(1)], ['k', F.fromNumber(7)], ['L', F.fromNumber(5)]]);
      expect(channelScopeIn(F, scope, null, null)).toBe(scope);
      for (const index of ['j', 'k', 'L']) {
        const got = channelScopeIn(F, scope, index, 3);
        const want = new Map(scope).set(index, F.fromNumber(3));
        expect([...got].map(([key, v]) => [key, num(v)]), `${name} ${index}`).toEqual([...want].map(([key, v]) => [key, num(v)]));
        expect(got.size).toBe(want.size);
        expect([...got.keys()]).toEqual([...want.keys()]);
        expect([...got.values()].map(num)).toEqual([...want.values()].map(num));
        for (const key of ['w0', 'k', 'L', 'j', 'x']) {
          expect(got.has(key), key).toBe(want.has(key));
          expect(got.get(key) === undefined ? undefined : num(got.get(key)), key).toBe(want.get(key) === undefined ? undefined : num(want.get(key)));
        }
        const seen: string[] = [];
        got.forEach((v, key, map) => { seen.push(`${key}=${num(v)}`); expect(map).toBe(got); });
        expect(seen).toEqual([...want].map(([key, v]) => `${key}=${num(v)}`));
        // The model's scope is left as it was.
        expect(num(scope.get('k'))).toBe(7);
        expect(scope.has('j')).toBe(false);
      }
    }
  });

  it('params keep their exact text in decimal.js (0.1 is 1/10) and their value in float64', () => {
    const [, model] = models[models.length - 1];
    const d = instantiateIn(FD, model, 2), f = instantiateIn(F64, model, 2);
    expect(d.scope.get('a')!.toString()).toBe('0.1');
    expect(f.scope.get('a')).toBe(0.1);
    // A value set without its text (as scaling's counterexample check does) is taken by its value in both.
    const moved: ModelSpec = { ...model, params: model.params.map((p) => (p.name === 'a' ? { ...p, value: 0.25 } : p)) };
    expect(instantiateIn(FD, moved, 2).scope.get('a')!.toString()).toBe('0.25');
    expect(instantiateIn(F64, moved, 2).scope.get('a')).toBe(0.25);
  });
});

/** The first input error of f, or a failure. */
function inputError(f: () => unknown): InputErrorData {
  try { f(); } catch (err) {
    if (err instanceof InputError) return err.errors[0];
    throw err;
  }
  return expect.fail('expected an InputError');
}

describe('instantiateIn: the same bad input fails identically in both fields', () => {
  const m = (params: string, bath: string, each = false): ModelSpec =>
    loadModelText(`params: { ${params} }\nH: "sum(k, Z[k])"\nchannels:\n  - ${each ? 'each: k\n    ' : ''}A: "X[${each ? 'k' : '0'}]"\n    bath: ${bath}\nstate: up\n`, 'bad.yaml');
  // Bath fields are evaluated when the model is instantiated; a custom gamma when it is called (at w = 1 here).
  const bad: [string, ModelSpec, string][] = [
    ['a negative rate', m('g: 1', '{ spectrum: flat, rate: -1 }'), 'negative-rate'],
    ['a rate negative by its params', m('g: 1', '{ spectrum: flat, rate: "g - 2" }'), 'negative-rate'],
    ['a negative rate written by round-off-prone arithmetic', m('g: 0.1', '{ spectrum: flat, rate: "g - 0.3" }'), 'negative-rate'],
    ['a rate negative at one site of an each', m('g: 1', '{ spectrum: flat, rate: "g*k - 1" }', true), 'negative-rate'],
    ['a negative temperature', m('T0: 0.5', '{ spectrum: flat, rate: 1, T: "-T0" }'), 'bad-bath'],
    ['a negative ohmic temperature at large L', m('T0: 0.5', '{ spectrum: ohmic, rate: 1, T: "T0 - L/4", wc: 1 }'), 'bad-bath'],
    ['a cutoff wc of 0', m('g: 1', '{ spectrum: ohmic, rate: 1, T: 1, wc: 0 }'), 'bad-bath'],
    ['a cutoff wc of 0 by its params', m('g: 1', '{ spectrum: ohmic, rate: 1, wc: "g - 1" }'), 'bad-bath'],
    ['a negative cutoff', m('g: 1', '{ spectrum: ohmic, rate: 1, wc: "g - 3" }'), 'bad-bath'],
    ['a complex rate', m('g: 1', '{ spectrum: flat, rate: "g*im" }'), 'domain-error'],
    ['a rate outside the domain of sqrt', m('g: 1', '{ spectrum: flat, rate: "sqrt(g - 2)" }'), 'domain-error'],
    ['a rate dividing by zero', m('g: 1', '{ spectrum: flat, rate: "1/(g - 1)" }'), 'domain-error'],
    ['a complex custom spectrum', m('g: 1', '{ spectrum: custom, gamma: "g*im*w" }'), 'domain-error'],
    ['a custom spectrum outside the domain of log', m('g: 1', '{ spectrum: custom, gamma: "log(w - 2*g)" }'), 'domain-error'],
  ];
  for (const [what, model, code] of bad) {
    it(what, () => {
      const L = 4;
      const errors = fields.map(([, F]) => inputError(() => {
        const inst: InstanceIn<unknown> = instantiateIn(F, model, L);
        for (const ch of inst.channels) ch.gamma(F.one);
      }));
      expect(errors[0].code).toBe(code);
      expect(errors[0].key).toMatch(/^channels\[0\]\.bath\./);
      expect(errors[1]).toEqual(errors[0]);
      // The precise engine's own wrappers raise it too, without the float64 instance first.
      if (model.channels[0].bath.spectrum !== 'custom') {
        const scope = preciseScope(P, model, L);
        const origin: Origin = { file: model.file, located: model.channels[0].A };
        const ch = { entry: 0, k: model.channels[0].each ? 0 : null, index: model.channels[0].each, origin, bath: model.channels[0].bath, gammaOrigin: null, scope: new Map(), gamma: () => 0 };
        const first = inputError(() => { for (let k = 0; k < (ch.index ? L : 1); k++) spectrumOf(P, { ...ch, k: ch.index ? k : null }, channelScope(P.D, scope, { ...ch, k: ch.index ? k : null })); });
        expect(first).toEqual(errors[0]);
      }
    });
  }

  it('the message shows the value to six digits in both fields (0.1 - 0.3 is -0.2, not -0.19999999999999998)', () => {
    const e = inputError(() => instantiateIn(F64, bad[2][1], 1));
    expect(e.message).toBe("the bath's rate must be >= 0, got -0.2");
    expect(inputError(() => instantiateIn(F64, bad[3][1], 3)).message).toBe("the bath's rate must be >= 0, got -1");
  });
});

describe('steady parts: one orchestration over both fields', () => {
  type V = { readonly tag: string };
  /** A fake engine over F: the steady state reached from a start named s is one vector tagged ss(s) and populations 1/2, 1/2; starts are names. */
  function engine<T>(F: Field<T>, calls: string[], defaultStart: string | null, fail: SteadyStateError | null = null): SteadyEngine<T, V, string, string> {
    const half = F.fromRational(1, 2);
    return {
      F,
      solve: (start) => {
        calls.push(`solve ${start}`);
        if (fail) throw fail;
        return { state: { vectors: [{ weight: F.one, tag: `ss(${start})` }], populations: [half, half] }, error: F.fromRational(1, 1000), notes: [`from ${start}`] };
      },
      defaultStart,
      realise: (r) => { calls.push(`realise ${r}`); return r; },
      labels: { steady: 'steady', from: 'steady(S)' },
    };
  }
  const located = loadModelText('H: "Z[0]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: 1 }\nstate: steady\n', 's.yaml');
  const stateOrigin: Origin = { file: 's.yaml', located: located.state! };
  const cases: [string, Field<unknown>][] = [['float64', float64Field as Field<unknown>], ['decimal(30)', decimalField(30) as Field<unknown>]];

  for (const [name, F] of cases) {
    it(`${name}: weights, populations, errors and the order of notes`, () => {
      const calls: string[] = [], notes: string[] = [];
      const q = F.fromRational(1, 4), p = F.fromRational(3, 4);
      const base: EigenStateIn<unknown, V> = { vectors: [{ weight: F.fromRational(1, 10), tag: 'base' }], populations: null };
      const r = steadyPartsIn(engine(F, calls, 'down'), base, { steadyWeight: q, steadyFrom: [{ weight: p, start: 'S' }] }, stateOrigin, notes);
      expect(calls).toEqual(['solve down', 'realise S', 'solve S']);
      expect(notes).toEqual(['steady: from down', 'steady(S): from S']);
      expect(r.state.vectors.map((v) => [v.tag, num(v.weight)])).toEqual([['base', 0.1], ['ss(down)', 0.25], ['ss(S)', 0.75]]);
      expect(Array.from(r.state.populations!, num)).toEqual([0.5, 0.5]);
      close(num(r.error), 1e-3, 'error');
      // No steady part: the state as it was, error 0, no solve.
      const none = steadyPartsIn(engine(F, calls, null), base, { steadyWeight: F.zero }, stateOrigin, notes);
      expect(none.state).toBe(base);
      expect(num(none.error)).toBe(0);
    });

    it(`${name}: plusWeighted adds populations and scales weights`, () => {
      const s = plusWeighted(F, { vectors: [], populations: [F.one, F.zero] }, { vectors: [{ weight: F.fromRational(1, 2), tag: 'x' }], populations: [F.one, F.one] }, F.fromRational(1, 2));
      expect(Array.from(s.populations!, num)).toEqual([1.5, 0.5]);
      expect(s.vectors.map((v) => num(v.weight))).toEqual([0.25]);
    });

    it(`${name}: a SteadyStateError becomes the input error at the state, the same in both engines`, () => {
      const mapped = (reason: 'not-unique' | 'negative-rate') => inputError(() => plusSteady(engine(F, [], null, new SteadyStateError(reason, 'why')), { vectors: [], populations: null }, F.one, null, stateOrigin));
      expect([mapped('not-unique').code, mapped('negative-rate').code]).toEqual(['steady-not-unique', 'negative-rate']);
      expect(mapped('not-unique')).toMatchObject({ file: 's.yaml', key: 'state', line: 5, message: 'why' });
      // too-large is a size limit of the method, and without a state origin nothing is mapped.
      const tooLarge = new SteadyStateError('too-large', 'big');
      expect(() => plusSteady(engine(F, [], null, tooLarge), { vectors: [], populations: null }, F.one, null, stateOrigin)).toThrow(tooLarge);
      expect(() => plusSteady(engine(F, [], null, new SteadyStateError('not-unique', 'x')), { vectors: [], populations: null }, F.one, null, null)).toThrow(SteadyStateError);
    });
  }

  it('both engines report a steady state that is not unique as steady-not-unique at the state', () => {
    const model = loadModelText('H: "Z[0] + 2*Z[1]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: steady\n', 'm.yaml');
    const f = inputError(() => computeCurrent(model, 2));
    const d = inputError(() => computePrecise(model, 2, { digits: 30 }));
    expect([d.code, d.file, d.key, d.line, d.column]).toEqual([f.code, f.file, f.key, f.line, f.column]);
    expect(f.code).toBe('steady-not-unique');
  });
});
