/** The v2 `sites:` key: short and list forms, limits, and every error with file, key and line:column. */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadModelFile, loadModelText, printExpr, type SpeciesSpec } from '../../src/lang/index.js';
import { speciesOf } from '../../src/lang/sites.js';
import { at, errorOf, errorsOf } from './helpers.js';

const REST = 'H: "Id"\nchannels:\n  - A: "P[0,1][0] + P[1,0][0]"\n    bath: { spectrum: flat, rate: 1 }\n';
const load = (text: string) => loadModelText(text, 'm.yaml');
const errs = (text: string) => errorsOf(() => load(text));
const sitesOf = (sites: string) => load(`sites: ${sites}\n${REST}`).sites!;
const shape = (s: SpeciesSpec) => [s.name, s.kind, s.dim, s.twoS, s.key, s.count?.text ?? null];

describe('sites: the short form', () => {
  test.each([
    ['{ spin: 1/2 }', 2, 1],
    ['{ spin: "1/2" }', 2, 1],
    ['{ spin: 0.5 }', 2, 1],
    ['{ spin: 1 }', 3, 2],
    ['{ spin: "1" }', 3, 2],
    ['{ spin: 3/2 }', 4, 3],
    ['{ spin: 1.5 }', 4, 3],
    ['{ spin: "6/2" }', 7, 6],
    ['{ spin: 63/2 }', 64, 63],
  ])('sites: %s is one spin species of dim %i (2s = %i), L sites', (text, dim, twoS) => {
    expect(sitesOf(text).map(shape)).toEqual([['sites', 'spin', dim, twoS, 'sites', null]]);
  });

  test('levels and boson', () => {
    expect(sitesOf('{ levels: 3 }').map(shape)).toEqual([['sites', 'levels', 3, 0, 'sites', null]]);
    expect(sitesOf('{ levels: 64 }').map(shape)).toEqual([['sites', 'levels', 64, 0, 'sites', null]]);
    expect(sitesOf('{ boson: { cutoff: 20 } }').map(shape)).toEqual([['sites', 'boson', 20, 0, 'sites', null]]);
    expect(sitesOf('{ boson: { cutoff: 4096 } }').map(shape)).toEqual([['sites', 'boson', 4096, 0, 'sites', null]]);
    const vacuum = load(`sites: { boson: { cutoff: 1 } }\n${REST.replace('P[0,1][0] + P[1,0][0]', 'n')}`);
    expect(vacuum.sites!.map(shape)).toEqual([['sites', 'boson', 1, 0, 'sites', null]]);
  });

  test('a model without sites: has no sites (L qubits, v1)', () => {
    expect(load(REST).sites).toBeUndefined();
  });

  test('JSON files take the same sites', () => {
    const json = JSON.stringify({
      sites: [{ name: 'q', spin: '1/2' }, { name: 'c', boson: { cutoff: 5 }, count: 1 }],
      H: 'n + sum(k, Z[k])', channels: [{ A: 'a + adag', bath: { spectrum: 'flat', rate: 1 } }],
    });
    expect(loadModelText(json, 'm.json').sites!.map(shape)).toEqual([
      ['q', 'spin', 2, 1, 'sites[0]', null], ['c', 'boson', 5, 0, 'sites[1]', '1'],
    ]);
  });
});

describe('sites: the list form', () => {
  test('species in Kronecker order, with counts as expressions in L and params', () => {
    const text = `params: { M: 2 }\nsites:\n  - { name: q, spin: 1/2 }\n  - { name: t, levels: 3, count: M + 1 }\n  - { name: c, boson: { cutoff: 8 }, count: 1 }\nH: "n + sum(k, Z[k]) + P[0,1][0]"\nchannels:\n  - A: "a + adag"\n    bath: { spectrum: flat, rate: 1 }\n`;
    const spec = load(text);
    expect(spec.sites!.map(shape)).toEqual([
      ['q', 'spin', 2, 1, 'sites[0]', null],
      ['t', 'levels', 3, 0, 'sites[1]', 'M + 1'],
      ['c', 'boson', 8, 0, 'sites[2]', '1'],
    ]);
    expect(spec.sites![1].count!.key).toBe('sites[1].count');
    expect(printExpr(spec.sites![1].count!.expr)).toBe('M + 1');
    expect(spec.sites![2].count!.expr.span).toMatchObject({ line: 5, column: 45 });
    expect(printExpr(spec.H.expr)).toBe('n[0] + sum(k, Z[k]) + P[0,1][0]');
  });

  test('block style lists and L in a count', () => {
    const text = `sites:\n  - name: s\n    spin: 1\n    count: L - 1\n  - name: m\n    boson:\n      cutoff: 3\n    count: 1\n${REST.replace('P[0,1][0] + P[1,0][0]', 'a + Sx[0]')}`;
    expect(load(text).sites!.map(shape)).toEqual([['s', 'spin', 3, 2, 'sites[0]', 'L - 1'], ['m', 'boson', 3, 0, 'sites[1]', '1']]);
  });
});

describe('sites: errors', () => {
  const model = (sites: string) => `sites: ${sites}\n${REST}`;
  test.each([
    // [sites, code, key, needle (where the error points), message part]
    ['{ spin: 0 }', 'bad-sites', 'sites.spin', '0', 'expected a spin s > 0 that is a multiple of 1/2'],
    ['{ spin: 1/3 }', 'bad-sites', 'sites.spin', '1/3', 'multiple of 1/2'],
    ['{ spin: 0.7 }', 'bad-sites', 'sites.spin', '0.7', 'multiple of 1/2'],
    ['{ spin: -1 }', 'bad-sites', 'sites.spin', '-1', 'multiple of 1/2'],
    ['{ spin: 32 }', 'bad-sites', 'sites.spin', '32', 'at most 64 levels per site (s <= 63/2); found s = 32 (65 levels)'],
    ['{ spin: [1] }', 'wrong-type', 'sites.spin', '[1]', 'expected a spin s, a positive multiple of 1/2'],
    ['{ spin: true }', 'wrong-type', 'sites.spin', 'true', 'found the boolean true'],
    ['{ levels: 1 }', 'bad-sites', 'sites.levels', '1', 'expected the number of levels, an integer 2..64; found 1'],
    ['{ levels: 65 }', 'bad-sites', 'sites.levels', '65', 'an integer 2..64; found 65'],
    ['{ levels: 2.5 }', 'bad-sites', 'sites.levels', '2.5', 'found 2.5'],
    ['{ levels: "3" }', 'wrong-type', 'sites.levels', '"3"', 'expected the number of levels'],
    ['{ boson: 20 }', 'wrong-type', 'sites.boson', '20', 'expected a mapping { cutoff: n }'],
    ['{ boson: { cutoff: 0 } }', 'bad-sites', 'sites.boson.cutoff', '0', 'expected the cutoff n (Fock states 0..n-1), an integer 1..4096; found 0'],
    ['{ boson: { cutoff: 4097 } }', 'bad-sites', 'sites.boson.cutoff', '4097', 'an integer 1..4096; found 4097'],
    ['{ boson: { } }', 'missing-key', 'sites.boson.cutoff', '{ }', "missing key 'cutoff'"],
    ['{ boson: { cutof: 3, cutoff: 3 } }', 'unknown-key', 'sites.boson.cutof', 'cutof', "did you mean 'cutoff'"],
    ['{ spin: 1, levels: 3 }', 'bad-sites', 'sites.levels', 'levels', 'expected one kind per species; found spin and levels'],
    ['{ spin: 1, count: 2 }', 'unknown-key', 'sites.count', 'count', 'a count, a name or several species are written as a list'],
    ['{ spni: 1 }', 'unknown-key', 'sites.spni', 'spni', "unknown key 'spni' (did you mean 'spin'?)"],
    ['{ foo: 1 }', 'missing-key', 'sites', '{ foo', 'missing the kind of the sites'],
    ['3', 'wrong-type', 'sites', '3', 'expected the sites of the model'],
    ['[]', 'bad-sites', 'sites', '[]', 'expected at least one species'],
    ['', 'wrong-type', 'sites', 'sites', 'found an empty value'],
  ])('sites: %s is %s at %s', (sites, code, key, needle, message) => {
    const text = model(sites);
    const found = errs(text).filter((e) => e.key.startsWith('sites'));
    expect(found).toHaveLength(sites === '{ foo: 1 }' ? 2 : 1);
    const e = found.find((x) => x.code === code)!;
    expect(e).toMatchObject({ code, key, file: 'm.yaml' });
    // An empty value is reported where the key's value would be: the end of `sites:`.
    const expected = sites === '' ? 'wrong-type@1:8' : at(code, text, needle);
    expect(`${e.code}@${e.line}:${e.column}`).toBe(expected);
    expect(e.message).toContain(message);
  });

  test('the short form names the kinds and suggests the list form for unknown keys', () => {
    const found = errs(model('{ foo: 1 }'));
    expect(found.map((e) => `${e.code} ${e.key}`)).toEqual(['missing-key sites', 'unknown-key sites.foo']);
    expect(found[1].message).toContain('a count, a name or several species are written as a list');
  });

  test('a misspelt kind, name or cutoff is one error, its suggestion, not also a missing key', () => {
    const one = (sites: string) => errs(model(sites)).filter((e) => e.key.startsWith('sites')).map((e) => `${e.code} ${e.key}`);
    expect(one('{ spni: 1 }')).toEqual(['unknown-key sites.spni']);
    expect(one('{ level: 3 }')).toEqual(['unknown-key sites.level']);
    expect(one('{ boson: { cutof: 3 } }')).toEqual(['unknown-key sites.boson.cutof']);
    expect(one('[{ nmae: q, spin: 1/2 }]')).toEqual(['unknown-key sites[0].nmae']);
    expect(one('[{ name: q, spn: 1/2 }]')).toEqual(['unknown-key sites[0].spn']);
  });

  test('list entries: name, kind, count, duplicates', () => {
    const text = 'sites:\n  - { spin: 1 }\n  - { name: q, spin: 1/2 }\n  - { name: q, levels: 3 }\n  - { name: r, spin: 1 }\n  - { name: 2x, boson: { cutoff: 3 } }\n  - 7\n  - { name: c, boson: { cutoff: 3 }, count: 1.5, extra: 1 }\n' + REST;
    const found = errs(text).filter((e) => e.key.startsWith('sites'));
    expect(found.map((e) => `${e.code} ${e.key}`)).toEqual([
      'missing-key sites[0].name',
      'bad-sites sites[2].name',
      'bad-sites sites[3].spin',
      'wrong-type sites[4].name',
      'wrong-type sites[5]',
      'unknown-key sites[6].extra',
    ]);
    expect(found[0].message).toContain("missing key 'name'");
    expect(`${found[1].line}:${found[1].column}`).toBe(at('x', text, 'q, levels').slice(2));
    expect(found[1].message).toContain("'q' already names sites[1]");
    expect(found[2].message).toBe('expected at most one species of each kind; sites[1] (q) is already a spin species');
    expect(`${found[2].line}:${found[2].column}`).toBe(at('x', text, 'spin: 1 }', 2).slice(2));
    expect(found[4].message).toContain('expected a species mapping');
  });

  test('a literal count must be an integer >= 0; other counts are scalar expressions in L and params', () => {
    const text = (count: string) => `params: { M: 2 }\nsites:\n  - { name: q, spin: 1/2 }\n  - { name: c, boson: { cutoff: 3 }, count: ${count} }\n${REST.replace('P[0,1][0] + P[1,0][0]', 'a + adag')}`;
    for (const bad of ['1.5', '-1', '"-2"']) {
      const e = errorOf(() => load(text(bad)));
      expect(e).toMatchObject({ code: 'bad-sites', key: 'sites[1].count' });
      expect(`${e.code}@${e.line}:${e.column}`).toBe(at('bad-sites', text(bad), bad));
      expect(e.message).toContain('an integer >= 0');
    }
    expect(load(text('0')).sites![1].count!.text).toBe('0');
    expect(load(text('"floor(L/2) + M"')).sites![1].count!.text).toBe('floor(L/2) + M');
    expect(errorOf(() => load(text('"Z[0]"')))).toMatchObject({ code: 'not-a-scalar', key: 'sites[1].count' });
    expect(errorOf(() => load(text('K')))).toMatchObject({ code: 'unknown-name', key: 'sites[1].count', token: 'K' });
    expect(errorOf(() => load(text('[1]')))).toMatchObject({ code: 'wrong-type', key: 'sites[1].count' });
    // n is the mode's number operator here, not a scalar.
    expect(errorOf(() => load(text('n')))).toMatchObject({ code: 'not-a-scalar', key: 'sites[1].count', token: 'n' });
  });

  test('errors in sites: do not cause follow-up errors in the expressions', () => {
    const text = 'sites: { spin: 0 }\nH: "Sx[0] + X[0] + P[0,2][0] + Jz"\nchannels:\n  - A: "Sx[0]"\n    bath: { spectrum: flat, rate: 1 }\nstate: basis("0 2")\n';
    expect(errs(text).map((e) => `${e.code} ${e.key}`)).toEqual(['bad-sites sites.spin']);
  });

  test('the model file keys now include sites', () => {
    const e = errorOf(() => load(`site: { spin: 1 }\n${REST}`));
    expect(e).toMatchObject({ code: 'unknown-key', key: 'site' });
    expect(e.message).toContain("did you mean 'sites'");
  });
});

describe('speciesOf, the species each operator acts on', () => {
  const tc = load(`sites: [{ name: q, spin: 1/2 }, { name: c, boson: { cutoff: 4 }, count: 1 }]\n${REST.replace('P[0,1][0] + P[1,0][0]', 'a + adag')}`).sites!;
  test('qubits and a mode', () => {
    expect(speciesOf(tc, 'X')).toEqual({ index: 0 });
    expect(speciesOf(tc, 'Sz')).toEqual({ index: 0 });
    expect(speciesOf(tc, 'a')).toEqual({ index: 1 });
    expect(speciesOf(tc, 'P')).toEqual({ why: 'P[i,j] acts on the levels species, or on the only species; this model has spin 1/2 (2 levels), boson (cutoff 4)' });
  });
});

describe('the v2 model files (test/fixtures/v2) load and check', () => {
  const fixture = (name: string) => loadModelFile(join(import.meta.dirname, '..', 'fixtures', 'v2', `${name}.yaml`));

  test('tavis-cummings: L qubits and one cavity mode, cutoff 8, a lossy cavity', () => {
    const spec = fixture('tavis-cummings');
    expect(spec.sites!.map(shape)).toEqual([['q', 'spin', 2, 1, 'sites[0]', null], ['c', 'boson', 8, 0, 'sites[1]', '1']]);
    expect(printExpr(spec.H.expr)).toBe('wc*n[0] + w0/2*sum(k, Z[k]) + g*sum(k, Sp[k]*a[0] + Sm[k]*adag[0])');
    expect(spec.channels.map((c) => [c.name, printExpr(c.A.expr), c.bath.spectrum])).toEqual([['cavity', 'a[0] + adag[0]', 'flat']]);
    expect(spec.state!.text).toBe('thermal(T0)');
  });

  test('spin1-chain: spin-1 XXZ chain with D Sz^2, end baths on Sx[0] and Sx[L-1]', () => {
    const spec = fixture('spin1-chain');
    expect(spec.sites!.map(shape)).toEqual([['sites', 'spin', 3, 2, 'sites', null]]);
    expect(printExpr(spec.H.expr)).toContain('D*sum(k, Sz[k]^2)');
    expect(spec.channels.map((c) => printExpr(c.A.expr))).toEqual(['Sx[0]', 'Sx[L - 1]']);
    expect(spec.state!.text).toBe('thermal(T0)');
  });

  test('qutrit-two-baths: levels 3, transitions 0-1 and 1-2 to a cold and a hot bath', () => {
    const spec = fixture('qutrit-two-baths');
    expect(spec.sites!.map(shape)).toEqual([['sites', 'levels', 3, 0, 'sites', null]]);
    expect(spec.channels.map((c) => [c.name, c.each, printExpr(c.A.expr)])).toEqual([
      ['cold', 'k', 'P[0,1][k] + P[1,0][k]'], ['hot', 'k', 'P[1,2][k] + P[2,1][k]'],
    ]);
    expect(spec.state!.text).toBe('thermal(T0)');
  });
});
