/**
 * Fuzzing the front end: whatever the input, the only exception that may escape is InputError,
 * and every error it carries is well-formed.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import {
  applyParamOverrides, checkOperator, checkScalar, checkState, InputError, loadModelText, parseExpr, parseStateText,
  printExpr, withoutSpans, type LocatedExpr, type ModelSpec,
} from '../../src/lang/index.js';
import { expectSpansOnTokens } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'lang');
const VALID = ['superradiance.yaml', 'local.yaml', 'custom.json'].map((f) => ({ file: f, text: readFileSync(join(FIXTURES, f), 'utf8') }));
const ORIGIN = { file: 'fuzz.yaml', key: 'H', line: 3, column: 4, quoted: true };

/** Runs `fn`; anything thrown must be a well-formed InputError. Returns the result or null. */
function onlyInputErrors<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    expect(err.errors.length).toBeGreaterThan(0);
    for (const e of err.errors) {
      expect(e.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(typeof e.file).toBe('string');
      expect(typeof e.key).toBe('string');
      expect(Number.isInteger(e.line) && e.line >= 0).toBe(true);
      expect(Number.isInteger(e.column) && e.column >= 0).toBe(true);
      expect(e.message.length).toBeGreaterThan(0);
      expect(e.message).not.toMatch(/\n\s+at /); // no stack traces
    }
    return null;
  }
}

const TOKENS = [
  'X', 'Y', 'Z', 'Sp', 'Sm', 'N', 'Id', 'Jx', 'Jz', 'Jp', 'L', 'k', 'j', 'g', 'w', 'pi', 'im', 'up', 'ghz',
  'sum', 'prod', 'dag', 'sqrt', 'min', 'dicke', 'basis', 'mix', 'thermal', 'foo',
  '[', ']', '(', ')', ',', '+', '-', '*', '/', '^', '%', '**',
  '0', '1', '2', '.5', '1e-3', '2.5E+3', '1.', '1e', '"ud"', '"', "'", '#', 'é', '\n', '\t',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).chain((tokens) =>
  fc.array(fc.constantFrom('', ' '), { minLength: tokens.length, maxLength: tokens.length })
    .map((gaps) => tokens.map((t, i) => t + gaps[i]).join('')));

/** Checks an expression in every role; a successful parse must also round-trip through the printer. */
function exerciseExpression(text: string): void {
  const expr = onlyInputErrors(() => parseExpr(text, ORIGIN));
  if (!expr) return;
  expect(withoutSpans(parseExpr(printExpr(expr), ORIGIN))).toEqual(withoutSpans(expr));
  const located: LocatedExpr = { expr, key: 'H', text };
  const scope = { file: 'fuzz.yaml', params: ['g', 'T'], indices: ['j'] };
  for (const outcome of [
    checkOperator(located, scope),
    checkOperator(located, scope, { requireOperator: true }),
    checkScalar(located, { ...scope, frequency: true }),
    checkState(located, scope),
  ]) {
    if (!outcome.ok) onlyInputErrors(() => { throw new InputError(outcome.errors); });
  }
}

/** A loaded model must be usable: every expression re-prints and re-parses. */
function exerciseModel(text: string, file: string, format?: 'yaml' | 'json'): void {
  const spec: ModelSpec | null = onlyInputErrors(() => loadModelText(text, file, format));
  if (!spec) return;
  const exprs = [spec.H, spec.state, ...spec.channels.flatMap((c) => [c.A, c.bath.rate, c.bath.T, c.bath.wc, c.bath.gamma])];
  for (const e of exprs) if (e) expect(() => parseExpr(printExpr(e.expr), ORIGIN)).not.toThrow();
  onlyInputErrors(() => applyParamOverrides(spec, spec.params.map((p) => `${p.name}=${p.text}`)));
}

describe('fuzz: expressions', () => {
  test('random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), exerciseExpression), { seed: 1, numRuns: 600 });
  });

  test('random token soups', () => {
    fc.assert(fc.property(tokenSoup, exerciseExpression), { seed: 2, numRuns: 1000 });
  });

  test('random state text on the command line', () => {
    fc.assert(fc.property(tokenSoup, (text) => { onlyInputErrors(() => parseStateText(text, '<command line>', '--state', ['g'])); }), { seed: 3, numRuns: 300 });
  });

  test('pathological sizes', () => {
    for (const text of [
      '('.repeat(100_000), '-'.repeat(100_000) + '1', 'sum(k,'.repeat(10_000), 'X['.repeat(10_000),
      Array(20_000).fill('1').join('+'), Array(20_000).fill('1').join('^'), '1e999999999', '9'.repeat(10_000), '"' + 'u'.repeat(10_000),
    ]) {
      exerciseExpression(text);
    }
  });
});

/** Values a model key may get: right and wrong shapes. */
const exprText = fc.oneof(tokenSoup, fc.constantFrom('Jz', 'sum(k, X[k])', 'g', 'up', 'dicke(1)', 'w*g', 'X[k]'));
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  exprText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null),
  fc.constantFrom('flat', 'ohmic', 'custom', 'hot', 'k', 'L', '0.1', '1/3', '1e400'),
  fc.jsonValue({ maxDepth: 3 }),
);
const bathArb = fc.dictionary(fc.constantFrom('spectrum', 'rate', 'T', 'wc', 'gamma', 'temp'), fc.oneof(anyValue, fc.constantFrom('flat', 'ohmic', 'custom')), { maxKeys: 5 });
const channelArb = fc.dictionary(fc.constantFrom('A', 'bath', 'each', 'B'), fc.oneof(anyValue, bathArb), { maxKeys: 4 });
const modelArb = fc.dictionary(
  fc.constantFrom('name', 'description', 'params', 'H', 'channels', 'state', 'chanels', 'extra'),
  fc.oneof(
    anyValue,
    fc.array(fc.oneof(channelArb, anyValue), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom('g', 'T', 'L', 'pi', '1x', 'w0'), fc.string({ maxLength: 4 })), anyValue, { maxKeys: 4 }),
  ),
  { maxKeys: 8 },
);

/** Random edits of a valid file: deletions, insertions, duplicated lines. */
const mutated = fc.record({
  base: fc.constantFrom(...VALID),
  edits: fc.array(
    fc.record({
      kind: fc.constantFrom('delete', 'insert', 'dupline', 'replace'),
      at: fc.nat(),
      length: fc.nat({ max: 12 }),
      text: fc.oneof(fc.constantFrom(...TOKENS, ':', '- ', '{', '}', '"', '&a', '*a', '!!binary', '---', '  ', '\n  '), fc.string({ maxLength: 6 })),
    }),
    { minLength: 1, maxLength: 4 },
  ),
}).map(({ base, edits }) => {
  let text = base.text;
  for (const e of edits) {
    const at = e.at % (text.length + 1);
    if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.length);
    else if (e.kind === 'insert') text = text.slice(0, at) + e.text + text.slice(at);
    else if (e.kind === 'replace') text = text.slice(0, at) + e.text + text.slice(at + e.length);
    else {
      const lines = text.split('\n');
      const i = at % lines.length;
      lines.splice(i, 0, lines[i]);
      text = lines.join('\n');
    }
  }
  return { file: base.file, text };
});

/** Scalar expression text in params g, T and L. */
const scalarText: fc.Arbitrary<string> = fc.letrec<{ s: string }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('1', '0.5', 'g', 'T', 'L', 'pi', '1e-3', '.25'),
    fc.tuple(tie('s'), fc.constantFrom('+', '-', '*', '/', '^'), tie('s')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(fc.constantFrom('sqrt', 'exp', 'abs', 'floor', 'cos'), tie('s')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('s'), tie('s')).map(([a, b]) => `max(${a}, ${b})`),
  ),
})).s;

/** Operator expression text that is well-formed by construction (indices k inside sums). */
const operatorText: fc.Arbitrary<string> = fc.letrec<{ op: string }>((tie) => ({
  op: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.constantFrom('X', 'Y', 'Z', 'Sp', 'Sm', 'N'), fc.constantFrom('0', 'L-1', '(2*L+1)%L')).map(([o, i]) => `${o}[${i}]`),
    fc.constantFrom('Id', 'Jx', 'Jz', 'Jp*Jm', 'sum(k, Z[k])', 'sum(k, 0, L-2, X[k]*X[(k+1)%L])', 'prod(k, Z[k])'),
    fc.tuple(tie('op'), fc.constantFrom('+', '-', '*'), tie('op')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(scalarText, tie('op')).map(([c, a]) => `(${c}) * (${a})`),
    tie('op').map((a) => `dag(${a})`),
    tie('op').map((a) => `(${a})^2`),
  ),
})).op;

const stateText = fc.oneof(
  fc.constantFrom('up', 'down', 'ground', 'top', 'ghz', 'w', 'steady', 'basis("udu")', 'random(3)', 'mixed(4)'),
  scalarText.map((s) => `thermal(${s})`),
  fc.tuple(scalarText, scalarText).map(([a, b]) => `mix(${a}, product(${a}, ${b}), dicke(floor(L/2)))`),
);

const bathValue = fc.oneof(scalarText, fc.double({ min: -1e6, max: 1e6, noNaN: true }));
const validBath = fc.oneof(
  fc.record({ spectrum: fc.constant('flat'), rate: bathValue, T: bathValue }, { requiredKeys: ['spectrum', 'rate'] }),
  fc.record({ spectrum: fc.constant('ohmic'), rate: bathValue, wc: bathValue, T: bathValue }, { requiredKeys: ['spectrum', 'rate', 'wc'] }),
  fc.record({ spectrum: fc.constant('custom'), gamma: scalarText.map((s) => `w * (${s})`) }),
);
const validModel = fc.record(
  {
    name: fc.string({ maxLength: 10 }),
    description: fc.string({ maxLength: 20 }),
    params: fc.record({ g: fc.double({ min: -1e3, max: 1e3, noNaN: true }), T: fc.constantFrom(0, 0.1, '0.25', 2) }),
    H: fc.oneof(operatorText, scalarText, fc.array(operatorText, { minLength: 4, maxLength: 12 }).map((terms) => terms.join(' + '))),
    channels: fc.array(
      fc.oneof(
        fc.record({ A: operatorText, bath: validBath }),
        fc.record({ each: fc.constant('j'), A: fc.constantFrom('X[j]', 'Sm[j]', '(1 + j)*Z[j]'), bath: validBath }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    state: stateText,
  },
  { requiredKeys: ['params', 'H', 'channels'] },
);

describe('fuzz: model files', () => {
  test('well-formed random models load, in YAML and JSON', () => {
    fc.assert(
      fc.property(validModel, (model) => {
        for (const [text, file] of [[stringify(model), 'ok.yaml'], [JSON.stringify(model, null, 1), 'ok.json']]) {
          const spec = loadModelText(text, file);
          expect(spec.channels).toHaveLength(model.channels.length);
          expect(spec.params.map((p) => p.name)).toEqual(['g', 'T']);
          exerciseModel(text, file);
          expectSpansOnTokens(spec, text);
        }
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  test('random model objects as YAML and JSON', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        exerciseModel(stringify(model), 'fuzz.yaml');
        exerciseModel(JSON.stringify(model), 'fuzz.json');
        exerciseModel(JSON.stringify(model, null, 2), 'fuzz.yaml', 'yaml');
      }),
      { seed: 4, numRuns: 400 },
    );
  });

  test('mutated valid models', () => {
    fc.assert(fc.property(mutated, ({ file, text }) => { exerciseModel(text, file); exerciseModel(text, 'x.json', 'json'); }), { seed: 5, numRuns: 600 });
  });

  test('random JSON and text of any shape', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.string({ unit: 'binary', maxLength: 80 }), (json, text) => {
        exerciseModel(JSON.stringify(json) ?? 'null', 'fuzz.json');
        exerciseModel(text, 'fuzz.yaml');
        exerciseModel(text, 'fuzz.json');
      }),
      { seed: 6, numRuns: 400 },
    );
  });

  test('binary garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = Buffer.from(bytes).toString('latin1');
        exerciseModel(text, 'fuzz.yaml');
        exerciseModel(new TextDecoder().decode(bytes), 'fuzz.json');
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  test('deeply nested and huge inputs', () => {
    const n = 50_000;
    for (const text of [
      '['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '1' + '}'.repeat(n), '{a: '.repeat(n), '- '.repeat(n) + 'x',
      Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a${i}:`).join('\n'),
      `H: "${'('.repeat(n)}"\nchannels: []\n`,
      `params: { g: 1e999999 }\nH: ${'9'.repeat(5000)}\nchannels: [{ A: Jx, bath: { spectrum: flat, rate: 1e400 } }]\n`,
      'a: &a [1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\nH: Jz\nchannels: [*d, *d, *d]\n',
      'x: &x { y: *x }\nH: Jz\nchannels: [*x]\n',
      '\u0000\u0001\uFFFF\uD800',
      '\uFEFFH: Jz\nchannels: [{ A: Jx, bath: { spectrum: flat, rate: 1 } }]\n',
    ]) {
      exerciseModel(text, 'deep.yaml');
      exerciseModel(text, 'deep.json');
    }
  });
});
