/** Model language v2: which states a model with sites of any dimension takes, and the level-index basis. */
import { describe, expect, test } from 'vitest';
import { loadModelText, parseStateText, type SpeciesSpec } from '../../src/lang/index.js';
import { at, errorOf } from './helpers.js';

const SPIN1 = { sites: '{ spin: 1 }', H: 'Sz[0]', A: 'Sx[0]' };
const QUTRIT = { sites: '{ levels: 3 }', H: 'P[1,1][0]', A: 'P[0,1][0] + P[1,0][0]' };
const HALF = { sites: '{ spin: 1/2 }', H: 'Z[0]', A: 'X[0]' };
const TC = { sites: '[{ name: q, spin: 1/2 }, { name: c, boson: { cutoff: 4 }, count: 1 }]', H: 'n + Z[0]', A: 'a + adag' };
const MODE = { sites: '{ boson: { cutoff: 6 } }', H: 'n', A: 'a + adag' };
type Sites = typeof SPIN1;

const model = (m: Sites, state: string) =>
  `sites: ${m.sites}\nparams: { T: 1 }\nH: "${m.H}"\nchannels:\n  - A: "${m.A}"\n    bath: { spectrum: flat, rate: 1 }\nstate: '${state}'\n`;
const load = (m: Sites, state: string) => loadModelText(model(m, state), 'm.yaml');

describe('states of a v2 model', () => {
  test.each([SPIN1, QUTRIT, HALF, TC, MODE])('the generic states are accepted with sites $sites', (m) => {
    for (const state of ['ground', 'top', 'thermal(T)', 'steady', 'steady(ground)', 'random(3)', 'mixed(4)', 'mix(0.5, ground, thermal(2*T))']) {
      expect(load(m, state).state!.text).toBe(state);
    }
  });

  test.each([SPIN1, HALF, TC, MODE])('up and down with sites $sites (spins at m = +s or -s, modes in the vacuum)', (m) => {
    expect(load(m, 'up').state!.text).toBe('up');
    expect(load(m, 'mix(0.3, up, down)').state!.text).toBe('mix(0.3, up, down)');
  });

  test('up and down are refused for levels sites', () => {
    for (const state of ['up', 'down', 'mix(0.5, ground, down)', 'steady(up)']) {
      const text = model(QUTRIT, state);
      const word = state.includes('down') ? 'down' : 'up';
      const e = errorOf(() => loadModelText(text, 'm.yaml'));
      expect(e).toMatchObject({ code: 'bad-state', key: 'state', token: word });
      expect(`${e.code}@${e.line}:${e.column}`).toBe(at('bad-state', text, word, 1));
      expect(e.message).toBe(`no ${word} for levels sites (this model has levels 3): up and down put spins at m = +s or -s and modes in the vacuum; use basis(...) or ground`);
    }
  });

  test.each([
    ['dicke(1)', 'dicke(n)'], ['product(0.1, 0.2)', 'product(theta, phi)'], ['ghz', 'ghz'], ['w', 'w'],
  ])('%s is a qubit state: refused outside spin-1/2-only models', (state, written) => {
    for (const m of [SPIN1, QUTRIT, TC, MODE]) {
      const e = errorOf(() => load(m, state));
      expect(e).toMatchObject({ code: 'bad-state', key: 'state', token: state, column: 9 });
      expect(e.message).toContain(`${written} is a state of qubits (spin-1/2 sites only), and this model has `);
      expect(e.message).toContain('expected one of ground, top, thermal(T)');
    }
    expect(load(HALF, state).state!.text).toBe(state);
    expect(errorOf(() => load(TC, state)).message).toContain('this model has spin 1/2 (2 levels), boson (cutoff 4)');
  });

  test('basis takes level indices separated by white space in a v2 model', () => {
    expect(load(SPIN1, 'basis("0 2 1 0")').state!.text).toBe('basis("0 2 1 0")');
    expect(load(QUTRIT, 'basis(" 2  1\t0 ")').state!.text).toBe('basis(" 2  1\t0 ")');
    expect(load(HALF, 'basis("0 1 1 0")').state!.text).toBe('basis("0 1 1 0")');
    expect(load(MODE, 'basis("5 0")').state!.text).toBe('basis("5 0")');
    // several dimensions: each index below the largest here; the engine checks each site's own at L
    expect(load(TC, 'basis("0 1 3")').state!.text).toBe('basis("0 1 3")');
  });

  test.each([
    [SPIN1, 'basis("0 3 1")', '"0 3 1"', 'expected level indices 0..2: the sites here have 3 levels (spin 1 (3 levels)); found 3'],
    [SPIN1, 'basis("0120")', '"0120"', 'found 0120 (separate the levels by spaces, as in "0 1 1 0")'],
    [SPIN1, 'basis("0 -1")', '"0 -1"', 'expected a string of level indices separated by spaces, one per site in Kronecker order, as in basis("0 2 1 0"); found "0 -1"'],
    [SPIN1, 'basis("0, 1")', '"0, 1"', 'found "0, 1"'],
    [SPIN1, 'basis("")', '""', 'found ""'],
    [SPIN1, 'basis(2)', '2', 'expected a string of level indices'],
    [HALF, 'basis("uudd")', '"uudd"', 'as in basis("0 1 1 0") (0 = up, 1 = down); found "uudd"; u and d are v1 qubit letters, and a model with sites: takes level indices'],
    [TC, 'basis("0 1 4")', '"0 1 4"', 'expected level indices 0..3: no site here has more than 4 levels; found 4'],
  ])('basis errors (%#): %s', (m, state, token, message) => {
    const text = model(m, state);
    const e = errorOf(() => loadModelText(text, 'm.yaml'));
    expect(e).toMatchObject({ code: 'bad-state', key: 'state', token });
    expect(`${e.code}@${e.line}:${e.column}`).toBe(at('bad-state', text, `(${token}`).replace(/:(\d+)$/, (_, c) => `:${Number(c) + 1}`));
    expect(e.message).toContain(message);
  });

  test('v1 models keep basis("uudd") and refuse level indices', () => {
    const v1 = 'H: "Z[0]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: 1 }\nstate: \'basis("uudd")\'\n';
    expect(loadModelText(v1, 'm.yaml').state!.text).toBe('basis("uudd")');
    const e = errorOf(() => loadModelText(v1.replace('uudd', '0 1'), 'm.yaml'));
    expect(e).toMatchObject({ code: 'bad-state', message: 'expected a string of u (up) and d (down), one per site, as in basis("uudd")' });
  });

  test('--state on the command line is checked against the model\'s sites', () => {
    const sites: SpeciesSpec[] = [{ name: 'sites', kind: 'levels', dim: 3, twoS: 0, count: null, key: 'sites' }];
    expect(parseStateText('basis("2 1")', '<command line>', '--state', [], sites).text).toBe('basis("2 1")');
    expect(errorOf(() => parseStateText('down', '<command line>', '--state', [], sites))).toMatchObject({
      code: 'bad-state', file: '<command line>', key: '--state', line: 1, column: 1, token: 'down',
    });
    expect(errorOf(() => parseStateText('ghz', '<command line>', '--state', [], sites)).code).toBe('bad-state');
    expect(parseStateText('ghz').text).toBe('ghz');
  });
});
