/** Model language v2: the spin, level and mode operators, parsed, printed and checked against the species. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { childrenOf, loadModelText, parseExpr, printExpr, withoutSpans, type Expr } from '../../src/lang/index.js';
import { speciesOf } from '../../src/lang/sites.js';
import { exprArb } from './arbitraries.js';
import { at, bin, errorOf, errorsOf, name, num, ORIGIN, site, tree } from './helpers.js';

const modes = (text: string) => withoutSpans(parseExpr(text, ORIGIN, { modes: true }));
const projector = (i: unknown, j: unknown, index: unknown) => ({ kind: 'site', op: 'P', levels: [i, j], index });

describe('parsing the v2 site operators', () => {
  test.each(['Sx', 'Sy', 'Sz', 'Sp', 'Sm'])('%s[k] is a site operator', (op) => {
    expect(tree(`${op}[k]`)).toEqual(site(op, name('k')));
  });

  test('P[i,j][k]: the levels, then the site', () => {
    expect(tree('P[0,1][k]')).toEqual(projector(num('0'), num('1'), name('k')));
    expect(tree('P[ i + 1 , 2 ][ (k+1)%L ]')).toEqual(
      projector(bin('+', name('i'), num('1')), num('2'), bin('%', bin('+', name('k'), num('1')), name('L'))),
    );
    expect(tree('2*P[1,1][0]^2')).toEqual(bin('*', num('2'), bin('^', projector(num('1'), num('1'), num('0')), num('2'))));
  });

  test('P spans from its name to the closing bracket of the site', () => {
    const e = parseExpr('g*P[0,1][k]', { file: 'm.yaml', key: 'H', line: 3, column: 5, quoted: true });
    const p = (e as Extract<Expr, { kind: 'binary' }>).right;
    expect(p.span).toMatchObject({ start: 2, end: 11, line: 3, column: 8 });
    expect(childrenOf(p).map((c) => printExpr(c))).toEqual(['0', '1', 'k']);
  });

  test.each([
    ['P[0][k]', 'unexpected-token', ']', "expected ',' and the second level: P[i,j][k] is |i><j| on site k"],
    ['P[0,1]', 'unexpected-end', '', "expected '[' and the site: P[i,j][k] is |i><j| on site k, as in P[0,1][k], but the text ended"],
    ['P[0,1] + X[0]', 'unexpected-token', '+', "expected '[' and the site"],
    ['P[0,1,2][k]', 'unexpected-token', ',', "expected ']' to close '[' opened at 1:2"],
    ['P[0,1][k', 'unexpected-end', '', "expected ']' to close '[' opened at 1:7"],
    ['P[0', 'unexpected-end', '', "expected ',' and the second level"],
    ['X[0,1]', 'unexpected-token', ',', "expected ']' to close '['"],
    ['g[0]', 'unexpected-token', '[', 'only the site operators X, Y, Z, Sp, Sm, N, Sx, Sy, Sz, P, a, adag, n take an index'],
  ])('%s: %s', (text, code, token, message) => {
    const e = errorOf(() => parseExpr(text, ORIGIN));
    expect(e).toMatchObject({ code, token });
    expect(e.message).toContain(message);
  });

  test('a[j], adag[j], n[j] are site operators in every model', () => {
    expect(tree('a[0] + adag[j]*n[1]')).toEqual(bin('+', site('a', num('0')), bin('*', site('adag', name('j')), site('n', num('1')))));
  });

  test('bare a, adag, n are mode 0 in a model with a boson species, and plain names elsewhere', () => {
    expect(modes('wc*n + g*(a + adag)')).toEqual(
      bin('+', bin('*', name('wc'), site('n', num('0'))), bin('*', name('g'), bin('+', site('a', num('0')), site('adag', num('0'))))),
    );
    expect(tree('wc*n + g*(a + adag)')).toEqual(
      bin('+', bin('*', name('wc'), name('n')), bin('*', name('g'), bin('+', name('a'), name('adag')))),
    );
  });

  test('a bare mode operator has index 0 with the span of its name', () => {
    const e = parseExpr('2*adag', { file: 'm.yaml', key: 'H', line: 4, column: 3 }, { modes: true });
    const op = (e as Extract<Expr, { kind: 'binary' }>).right;
    expect(op).toMatchObject({ kind: 'site', op: 'adag', span: { start: 2, end: 6, line: 4, column: 5 } });
    expect((op as Extract<Expr, { kind: 'site' }>).index).toEqual({ kind: 'num', text: '0', span: op.span });
  });

  test('a call of a mode name stays a call (an error later, never an operator)', () => {
    expect(modes('n(2)')).toEqual({ kind: 'call', fn: 'n', args: [num('2')] });
  });
});

describe('printing the v2 operators', () => {
  test.each([
    ['P[0,1][k]', 'P[0,1][k]'],
    ['P[ i+1 , j ][(k+1)%L]', 'P[i + 1,j][(k + 1)%L]'],
    ['dag(P[0,2][0])*Sz[1]^2', 'dag(P[0,2][0])*Sz[1]^2'],
  ])('%s → %s', (text, printed) => {
    expect(printExpr(parseExpr(text, ORIGIN))).toBe(printed);
  });

  test('a bare mode operator prints as a[0], which parses to the same tree in every model', () => {
    const e = parseExpr('wc*n + a*adag', ORIGIN, { modes: true });
    expect(printExpr(e)).toBe('wc*n[0] + a[0]*adag[0]');
    expect(withoutSpans(parseExpr(printExpr(e), ORIGIN))).toEqual(withoutSpans(e));
  });

  test('parse(print(ast)) equals ast up to spans, over random trees with P[i,j][k] and mode operators', () => {
    const SPAN = { start: 0, end: 0, line: 1, column: 1 };
    const v2 = fc.letrec<{ e: Expr }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        exprArb,
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([i, j, k]): Expr => ({ kind: 'site', op: 'P', levels: [i, j], index: k, span: SPAN })),
        fc.tuple(fc.constantFrom('Sx', 'Sy', 'Sz', 'a', 'adag', 'n') as fc.Arbitrary<'Sx' | 'Sy' | 'Sz' | 'a' | 'adag' | 'n'>, tie('e'))
          .map(([op, index]): Expr => ({ kind: 'site', op, index, span: SPAN })),
        fc.tuple(tie('e'), tie('e')).map(([left, right]): Expr => ({ kind: 'binary', op: '*', left, right, span: SPAN })),
      ),
    })).e;
    fc.assert(
      fc.property(v2, (ast) => {
        expect(withoutSpans(parseExpr(printExpr(ast), ORIGIN))).toEqual(withoutSpans(ast));
      }),
      { seed: 20261203, numRuns: 500 },
    );
  });
});

const CHANNEL = (A: string) => `channels:\n  - A: "${A}"\n    bath: { spectrum: flat, rate: 1 }\n`;
const model = (sites: string, H: string, A = 'Id + X[0]', extra = '') => `${sites ? `sites: ${sites}\n` : ''}${extra}H: "${H}"\n${CHANNEL(A)}`;
const errs = (text: string) => errorsOf(() => loadModelText(text, 'm.yaml'));
const ok = (text: string) => loadModelText(text, 'm.yaml');
const TC = '[{ name: q, spin: 1/2 }, { name: c, boson: { cutoff: 4 }, count: 1 }]';

describe('checking operators against the species (statically, before any L)', () => {
  test.each([
    // [sites, H, the operator token, message]
    ['{ spin: 1 }', 'Sz[0] + X[0]', 'X', 'X is a qubit operator (two levels); the spin sites here are spin 1 (3 levels): use Sx, Sy, Sz, Sp, Sm or P[i,j]'],
    ['{ spin: 3/2 }', 'Sx[0]*N[1]', 'N', 'N is a qubit operator (two levels); the spin sites here are spin 3/2 (4 levels): use Sx, Sy, Sz, Sp, Sm or P[i,j]'],
    ['{ levels: 3 }', 'P[0,1][0] + Sz[0]', 'Sz', 'Sz is a spin operator and this model has no spin sites (levels 3)'],
    ['{ levels: 3 }', 'P[0,1][0] + Z[0]', 'Z', 'Z is a qubit operator and this model has no spin-1/2 sites (levels 3)'],
    ['{ levels: 3 }', 'P[0,1][0] + a[0]', 'a', 'a is a mode operator and this model has no boson sites (levels 3)'],
    ['{ spin: 1 }', 'Sz[0] + n[0]', 'n', 'n is a mode operator and this model has no boson sites (spin 1 (3 levels))'],
    [TC, 'n + P[0,1][0]', 'P', 'P[i,j] acts on the levels species, or on the only species; this model has spin 1/2 (2 levels), boson (cutoff 4)'],
    ['{ boson: { cutoff: 5 } }', 'n + Sx[0]', 'Sx', 'Sx is a spin operator and this model has no spin sites (boson (cutoff 5))'],
    ['{ levels: 4 }', 'P[0,1][0] + Jz', 'Jz', 'Jz is a collective spin operator (a sum over the spin sites) and this model has no spin sites (levels 4)'],
    ['{ boson: { cutoff: 5 } }', 'n + 0.5*Jp*Jm', 'Jp', 'Jp is a collective spin operator (a sum over the spin sites) and this model has no spin sites (boson (cutoff 5))'],
  ])('sites %s, H = %s: wrong-species at %s', (sites, H, token, message) => {
    const text = model(sites, H, 'Id');
    const e = errs(text).find((x) => x.code === 'wrong-species')!;
    expect(e).toMatchObject({ code: 'wrong-species', file: 'm.yaml', key: 'H', token });
    expect(`${e.code}@${e.line}:${e.column}`).toBe(at('wrong-species', text, token.startsWith('J') ? token : `${token}[`));
    expect(e.message).toBe(message);
  });

  test('the message is speciesOf\'s sentence', () => {
    const text = model('{ spin: 1 }', 'Z[0]', 'Id');
    const spec = [{ name: 'sites', kind: 'spin', dim: 3, twoS: 2, count: null, key: 'sites' }] as const;
    const why = speciesOf(spec, 'Z');
    expect('why' in why && errorOf(() => ok(text)).message).toBe('why' in why ? why.why : '');
  });

  test('a v1 model: L qubits take X..N, Sx..Sm and P[i,j][k] with i, j in 0..1, and no mode operators', () => {
    expect(ok(model('', 'Sx[0]*Sx[1] + Sz[0] + P[0,1][0] + P[1,0][1] + Jz', 'Sp[0] + Sm[0]')).H.text).toContain('P[0,1][0]');
    const text = model('', 'X[0] + a[0] + adag[1]', 'n[0]');
    expect(errs(text).map((e) => `${e.code}@${e.line}:${e.column} ${e.key} ${e.token}`)).toEqual([
      `${at('wrong-species', text, 'a[0]')} H a`,
      `${at('wrong-species', text, 'adag')} H adag`,
      `${at('wrong-species', text, 'n[0]')} channels[0].A n`,
    ]);
    expect(errs(text)[0].message).toBe('a is a mode operator and this model has no boson sites (spin 1/2 (2 levels))');
  });

  test('bare a, adag, n in a model without a boson species and without such params: wrong-species', () => {
    const text = model('{ spin: 1 }', 'Sz[0] + adag', 'Sx[0]');
    expect(errorOf(() => ok(text))).toMatchObject({
      code: 'wrong-species', key: 'H', token: 'adag', message: 'adag is a mode operator and this model has no boson sites (spin 1 (3 levels))',
    });
  });

  test('P\'s literal levels are below the species\' dimension', () => {
    const text = model('{ levels: 3 }', 'P[0,3][0] + P[2,2][1]', 'P[4,0][0] + P[0,1][0]');
    expect(errs(text).map((e) => `${e.code}@${e.line}:${e.column} ${e.key} ${e.token}`)).toEqual([
      `${at('index-out-of-range', text, '3]')} H 3`,
      `${at('index-out-of-range', text, '4,')} channels[0].A 4`,
    ]);
    expect(errs(text)[0].message).toBe('expected a level 0..2 of the levels 3 sites; P[i,j][k] is |i><j| on site k');
    expect(errorOf(() => ok(model('', 'P[2,0][0]', 'X[0]')))).toMatchObject({
      code: 'index-out-of-range', token: '2', message: 'expected a level 0..1 of the spin 1/2 (2 levels) sites; P[i,j][k] is |i><j| on site k',
    });
  });

  test('P\'s levels are index expressions: bound indices and L, no params', () => {
    expect(ok(model('{ levels: 5 }', 'sum(k, 0, L-1, P[k%5, (k+1)%5][k])', 'sum(j, 0, 3, P[j, j+1][0])')).H.text).toContain('P[k%5');
    const text = model('{ levels: 5 }', 'P[g, 0][0]', 'P[0,1][0]', 'params: { g: 1 }\n');
    expect(errorOf(() => ok(text))).toMatchObject({ code: 'bad-index', key: 'H', token: 'g' });
    expect(errorOf(() => ok(model('{ levels: 5 }', 'P[0.5, 0][0]', 'P[0,1][0]')))).toMatchObject({ code: 'bad-index', token: '0.5' });
  });

  test('bare P and Sx need their index', () => {
    expect(errorOf(() => ok(model('{ levels: 3 }', 'P', 'P[0,1][0]')))).toMatchObject({
      code: 'bad-index', token: 'P', message: "the site operator 'P' needs an index, as in P[0,1][k]",
    });
    expect(errorOf(() => ok(model('{ spin: 1 }', 'Sx', 'Sx[0]')))).toMatchObject({ code: 'bad-index', message: "the site operator 'Sx' needs an index, as in Sx[k]" });
  });

  test('an unknown name lists the operators of this model', () => {
    const e = errorOf(() => ok(model('{ levels: 3 }', 'Q[0]', 'P[0,1][0]').replace('Q[0]', 'foo')));
    expect(e.code).toBe('unknown-name');
    expect(e.message).toContain('P[i,j][k]');
    expect(e.message).not.toContain('X[k]');
    const tc = errorOf(() => ok(model(TC, 'foo', 'a')));
    expect(tc.message).toContain('Sz[k]');
    expect(tc.message).toContain('adag[j]');
    expect(tc.message).not.toContain('P[i,j][k]');
  });

  test('Tavis-Cummings and a spin-1 chain check', () => {
    const tc = ok(model(TC, 'wc*n + w0/2*sum(k, Z[k]) + g*sum(k, Sp[k]*a + Sm[k]*adag) + Jz', 'a + adag', 'params: { wc: 1, w0: 1, g: 0.1 }\n'));
    expect(printExpr(tc.H.expr)).toBe('wc*n[0] + w0/2*sum(k, Z[k]) + g*sum(k, Sp[k]*a[0] + Sm[k]*adag[0]) + Jz');
    const s1 = ok(model('{ spin: 1 }', 'sum(k, 0, L-2, Sx[k]*Sx[k+1] + Sy[k]*Sy[k+1] + Sz[k]*Sz[k+1]) + D*sum(k, Sz[k]^2) + Jx', 'Sx[0] + Sp[1] + Sm[1]', 'params: { D: 1 }\n'));
    expect(s1.channels[0].A.text).toBe('Sx[0] + Sp[1] + Sm[1]');
  });
});

describe('a, adag, n: reserved with a boson species, ordinary names without', () => {
  test('a v1 param named n or a keeps working', () => {
    const spec = ok(model('', 'n*sum(k, Z[k]) + a*X[0]', 'a*X[0]', 'params: { n: 2, a: 0.5, adag: 1 }\n'));
    expect(spec.params.map((p) => p.name)).toEqual(['n', 'a', 'adag']);
    expect(withoutSpans(spec.H.expr)).toMatchObject({ left: { left: name('n') } });
    // and in a v2 model without a boson species
    expect(ok(model('{ spin: 1 }', 'n*Sz[0]', 'Sx[0]', 'params: { n: 2 }\n')).params[0].name).toBe('n');
  });

  test('a param named a, adag or n in a model with a boson species: bad-param at its key', () => {
    const text = model(TC, 'wc*n', 'a + adag', 'params: { wc: 1, n: 2, adag: 3 }\n');
    const found = errs(text);
    expect(found.map((e) => `${e.code}@${e.line}:${e.column} ${e.key}`)).toEqual([
      `${at('bad-param', text, 'n: 2')} params.n`,
      `${at('bad-param', text, 'adag: 3')} params.adag`,
    ]);
    expect(found[0].message).toBe("'n' is the number operator n of this model's boson species (a, adag and n are reserved in a model with a boson species); choose another param name");
    expect(found[1].message).toContain('the creation operator adag');
  });

  test('a bound index or an each named a, adag or n: shadowed-name at it', () => {
    const text = model(TC, 'sum(n, Z[n]) + sum(k, Z[k])', 'a + adag').replace('  - A:', '  - each: a\n    A:');
    const found = errs(text);
    expect(found.map((e) => `${e.code}@${e.line}:${e.column} ${e.key} ${e.token}`)).toEqual([
      `${at('shadowed-name', text, 'n, Z')} H n`,
      // n inside the index is the mode's number operator, which has no place in an index
      `${at('bad-index', text, 'n])')} H n`,
      `${at('shadowed-name', text, 'a\n')} channels[0].each a`,
    ]);
    expect(found[0].message).toBe("expected a fresh index name: 'n' is the number operator n of this model's boson species; choose another index name such as k, j or m");
    // and the same names bind freely without a boson species
    expect(ok(model('{ spin: 1 }', 'sum(n, Sz[n])', 'Sx[0]').replace('  - A:', '  - each: a\n    A:')).channels[0].each).toBe('a');
  });

  test('a, adag, n where a scalar is expected: not-a-scalar with the reason', () => {
    const text = model(TC, 'n', 'a').replace('rate: 1', 'rate: n');
    const e = errorOf(() => ok(text));
    expect(e).toMatchObject({ code: 'not-a-scalar', key: 'channels[0].bath.rate', token: 'n' });
    expect(e.message).toBe("'n' is the number operator n (n[0]) of this model's boson species; a, adag and n are reserved in a model with a boson species; expected a scalar here");
  });
});
