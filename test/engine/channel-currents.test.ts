/**
 * Per-channel currents (issue 15, item 1): a channel entry may carry `name:`; both engines report
 * J_c of each named entry with its error (an `each` entry's summed over its sites). Values are
 * checked against what is derived independently: the two-bath steady state by hand (a product of
 * one-qubit steady states), J[hot] = -J[cold] there, J_c equal to J of the model with that channel
 * alone, the named currents adding up to J, and float64 against decimal.js.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { computeCurrent, computePrecise, type CurrentResult } from '../../src/engine/index.js';
import { channelGroups, namedCurrentsIn } from '../../src/engine/channel-currents.js';
import { float64SumError } from '../../src/engine/errors.js';
import { InputError, loadModelFile, loadModelText, type ModelSpec } from '../../src/lang/index.js';
import { float64Field, gammaN } from '../../src/numeric/index.js';
import { builtin, root } from '../helpers.js';

const channelFixture = (f: string): ModelSpec => loadModelFile(join(root, 'test', 'fixtures', 'channels', f));
const current = (r: CurrentResult, name: string) => {
  const c = r.currents?.find((x) => x.name === name);
  if (!c) throw new Error(`no current ${name}`);
  return c;
};
const within = (a: number, b: number, err: number, what: string) => {
  if (!(Math.abs(a - b) <= err)) expect.fail(`${what}: ${a} vs ${b}, |diff| ${Math.abs(a - b)} > ${err}`);
};

/** The model with only the channel entries `keep` (by position), everything else as it is. */
const only = (m: ModelSpec, keep: number[]): ModelSpec => ({ ...m, channels: m.channels.filter((_, i) => keep.includes(i)) });

describe('channel names in the model language', () => {
  const base = (channels: string) => `name: m\nparams: { g: 1 }\nH: "sum(k, Z[k])"\nchannels:\n${channels}state: up\n`;
  test('a channel may carry name:, an each entry too; the name is kept and unnamed entries have none', () => {
    const m = loadModelText(base('  - name: hot\n    A: "sum(k, X[k])"\n    bath: { spectrum: flat, rate: g }\n  - each: k\n    name: cold_2\n    A: "X[k]"\n    bath: { spectrum: flat, rate: g }\n  - A: "sum(k, Z[k])"\n    bath: { spectrum: flat, rate: g }\n'), 'm.yaml');
    expect(m.channels.map((c) => c.name ?? null)).toEqual(['hot', 'cold_2', null]);
  });
  test('a name used twice is a located error at the second, naming the first', () => {
    let err: unknown;
    try {
      loadModelText(base('  - name: hot\n    A: "sum(k, X[k])"\n    bath: { spectrum: flat, rate: g }\n  - name: hot\n    A: "sum(k, Z[k])"\n    bath: { spectrum: flat, rate: g }\n'), 'm.yaml');
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    const e = (err as InputError).errors;
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ code: 'duplicate-name', file: 'm.yaml', key: 'channels[1].name', line: 8, column: 11, token: 'hot' });
    expect(e[0].message).toContain("'hot' already names channels[0] (line 5)");
  });
  test.each([
    ['a number', '1', 'name: 1', 'wrong-type'],
    ['a name starting with a digit', '2hot', 'name: 2hot', 'wrong-type'],
    ['a list', '', 'name: [hot]', 'wrong-type'],
    ['a name with a dash', 'hot-bath', 'name: hot-bath', 'wrong-type'],
  ])('a bad name (%s) is a located error', (_what, token, line, code) => {
    let err: unknown;
    try { loadModelText(base(`  - ${line}\n    A: "sum(k, X[k])"\n    bath: { spectrum: flat, rate: g }\n`), 'm.yaml'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    const e = (err as InputError).errors[0];
    expect(e).toMatchObject({ code, key: 'channels[0].name', line: 5, column: 11, token });
    expect(e.message).toContain('a channel name made of letters, digits and _');
  });
  test('a misspelt key is still rejected, with the channel keys listed', () => {
    let err: unknown;
    try { loadModelText(base('  - nmae: hot\n    A: "sum(k, X[k])"\n    bath: { spectrum: flat, rate: g }\n'), 'm.yaml'); } catch (e) { err = e; }
    const e = (err as InputError).errors[0];
    expect(e).toMatchObject({ code: 'unknown-key', key: 'channels[0].nmae' });
    expect(e.message).toContain('a channel takes A, bath, each and name');
  });
});

describe('the groups of expanded channels', () => {
  test('an each entry covers L channels, an ordinary one 1, in file order; unnamed entries make no group', () => {
    const m = channelFixture('collective-mixed.yaml');
    expect(channelGroups(m, 5)).toEqual([{ name: 'collective', entry: 0, from: 0, to: 1 }, { name: 'warm', entry: 2, from: 2, to: 3 }]);
    expect(channelGroups(channelFixture('two-bath-steady.yaml'), 3)).toEqual([{ name: 'hot', entry: 0, from: 0, to: 3 }, { name: 'cold', entry: 1, from: 3, to: 6 }]);
    expect(channelGroups(builtin('independent'), 4)).toEqual([]);
  });
  test('a group sum in float64: the values summed from zero in order, the error the sum rule of J', () => {
    const b = (value: number, error: number) => ({ J: { value, error } });
    const channels = [b(0.1, 1e-17), b(0.2, 2e-17), b(-0.3, 0)];
    const [g] = namedCurrentsIn(float64Field, channels, [{ name: 'x', entry: 0, from: 0, to: 3 }], float64SumError);
    expect(g.J.value).toBe(0 + 0.1 + 0.2 + -0.3);
    // The channels' errors plus gamma_{C+4} sum |J_c|, as engine/errors.ts bounds J (Higham Lemma 3.1).
    expect(g.J.error).toBe(3e-17 + gammaN(7) * (0.1 + 0.2 + 0.3));
    expect(g.channels).toBe(3);
  });
});

describe('per-channel currents in both engines', () => {
  const m = channelFixture('two-bath-steady.yaml');
  const [w0, g1, g2, T1, T2] = [1, 0.5, 0.3, 2, 0.5];
  const e1 = Math.exp(-w0 / T1), e2 = Math.exp(-w0 / T2);
  const p = (g1 * e1 + g2 * e2) / (g1 * e1 + g2 * e2 + g1 + g2);
  const hotByHand = (L: number) => L * w0 * g1 * (e1 * (1 - p) - p);

  test.each([1, 2, 3, 5])('two baths in the steady state at L = %i: J[hot] by hand, J[cold] = -J[hot], J = J[hot] + J[cold] = 0', (L) => {
    const r = computeCurrent(m, L);
    const hot = current(r, 'hot'), cold = current(r, 'cold');
    expect(hot.channels).toBe(L);
    expect(hotByHand(L)).toBeGreaterThan(0);
    within(hot.J, hotByHand(L), hot.error + 1e-14 * L, 'J[hot]');
    within(cold.J, -hotByHand(L), cold.error + 1e-14 * L, 'J[cold]');
    within(hot.J + cold.J, 0, hot.error + cold.error, 'J[hot] + J[cold]');
    within(r.J, hot.J + cold.J, r.error.J + hot.error + cold.error, 'J');
    // The error covers the channels' own errors.
    const perChannel = r.termErrors.channels.slice(0, L).reduce((s, c) => s + c.J, 0);
    expect(hot.error).toBeGreaterThanOrEqual(perChannel);
  });

  test('decimal.js at 40 digits: J[hot] by hand to its error, equal to float64 within both errors, and -J[cold]', () => {
    const L = 3;
    const d = computePrecise(m, L, { digits: 40 });
    const f = computeCurrent(m, L);
    const dh = d.currents!.find((c) => c.name === 'hot')!, dc = d.currents!.find((c) => c.name === 'cold')!;
    expect(dh.channels).toBe(3);
    within(dh.J.value.toNumber(), hotByHand(L), dh.J.error.toNumber() + 1e-15, 'decimal J[hot] by hand');
    within(dh.J.value.toNumber(), current(f, 'hot').J, dh.J.error.toNumber() + current(f, 'hot').error, 'decimal vs float64 J[hot]');
    expect(dh.J.value.plus(dc.J.value).abs().lte(dh.J.error.plus(dc.J.error))).toBe(true);
    expect(dh.J.error.toNumber()).toBeLessThan(1e-30);
  });

  test.each([
    ['two-bath-up.yaml', 'hot', [0]], ['two-bath-up.yaml', 'cold', [1]],
    ['collective-mixed.yaml', 'collective', [0]], ['collective-mixed.yaml', 'warm', [2]],
  ] as const)('%s: J[%s] equals J of the model with that channel alone, in both engines', (file, name, keep) => {
    const m = channelFixture(file);
    for (const L of [1, 2, 4]) {
      const r = computeCurrent(m, L), alone = computeCurrent(only(m, [...keep]), L);
      within(current(r, name).J, alone.J, current(r, name).error + alone.error.J, `float64 L = ${L}`);
      const d = computePrecise(m, L, { digits: 30 }), dAlone = computePrecise(only(m, [...keep]), L, { digits: 30 });
      const dc = d.currents!.find((c) => c.name === name)!;
      expect(dc.J.value.minus(dAlone.J.value).abs().lte(dc.J.error.plus(dAlone.J.error)), `decimal L = ${L}`).toBe(true);
      within(dc.J.value.toNumber(), current(r, name).J, dc.J.error.toNumber() + current(r, name).error, `float64 vs decimal L = ${L}`);
    }
  });

  test('closed forms: all spins up lose w0 at each rate: J[hot] = -g1 w0 L, J[cold] = -g2 w0 L; J[collective] is superradiance', () => {
    const up = channelFixture('two-bath-up.yaml');
    for (const L of [1, 3, 6]) {
      const r = computeCurrent(up, L);
      within(current(r, 'hot').J, -g1 * w0 * L, current(r, 'hot').error + 1e-15, 'J[hot]');
      within(current(r, 'cold').J, -g2 * w0 * L, current(r, 'cold').error + 1e-15, 'J[cold]');
    }
    const c = channelFixture('collective-mixed.yaml');
    for (const L of [2, 5, 8]) {
      const j = L / 2, mz = Math.floor(L / 2) - L / 2;
      within(current(computeCurrent(c, L), 'collective').J, -(j + mz) * (j - mz + 1), 1e-9, `J[collective] at L = ${L}`);
    }
  });

  test('every entry named: the named currents add up to J; one group over every channel has the error of J', () => {
    const r = computeCurrent(m, 4);
    const sum = r.currents!.reduce((s, c) => s + c.J, 0);
    within(sum, r.J, r.currents!.reduce((s, c) => s + c.error, 0) + r.error.J, 'sum of currents');
    // One entry holding every channel: its current is J bit for bit, with J's error (float64 and decimal.js).
    const one = loadModelText('name: one\nparams: { g: 1, T: 2 }\nH: "sum(k, Z[k]) + 0.3*sum(k, 0, L-2, X[k]*X[k+1])"\nchannels:\n  - each: k\n    name: all\n    A: "X[k] + 0.5*Z[k]"\n    bath: { spectrum: flat, rate: g, T: T }\nstate: "mixed(3)"\n', 'one.yaml');
    const f = computeCurrent(one, 3);
    expect(current(f, 'all').J).toBe(f.J);
    expect(current(f, 'all').error).toBe(f.error.J);
    const d = computePrecise(one, 3, { digits: 30 });
    expect(d.currents![0].J.value.eq(d.J.value)).toBe(true);
    expect(d.currents![0].J.error.eq(d.J.error)).toBe(true);
  });

  test('a model without names reports no currents, and its result is as before (no new key)', () => {
    const r = computeCurrent(builtin('independent'), 3);
    expect('currents' in r).toBe(false);
    expect('currents' in computePrecise(builtin('superradiance'), 3)).toBe(false);
  });

  test('every method computes the same per-channel currents', () => {
    const c = channelFixture('collective-mixed.yaml');
    const L = 4;
    const sym = computeCurrent(c, L, { method: 'symmetric' }), dense = computeCurrent(c, L, { method: 'dense' });
    for (const name of ['collective', 'warm']) within(current(sym, name).J, current(dense, name).J, current(sym, name).error + current(dense, name).error, name);
    const up = channelFixture('two-bath-up.yaml');
    const prod = computeCurrent(up, 6, { method: 'product' }), diag = computeCurrent(up, 6, { method: 'diagonal' });
    for (const name of ['hot', 'cold']) within(current(prod, name).J, current(diag, name).J, current(prod, name).error + current(diag, name).error, name);
  });
});
