import { describe, expect, test } from 'vitest';
import {
  assertChecked, checkOperator, checkScalar, checkState, InputError, parseExpr, parseStateText,
  type CheckResult, type LocatedExpr, type Scope,
} from '../../src/lang/index.js';
import { errorOf, errorsOf, where } from './helpers.js';

const SCOPE: Scope = { file: 'm.yaml', params: ['g', 'w0', 'T', 'n'] };

function located(text: string, key = 'H'): LocatedExpr {
  return { expr: parseExpr(text, { file: 'm.yaml', key, line: 1, column: 1 }), key, text };
}

function errors(outcome: CheckResult) {
  expect(outcome.ok).toBe(false);
  return outcome.ok ? [] : outcome.errors;
}

const op = (text: string, scope: Scope = SCOPE) => checkOperator(located(text), scope);
const scalar = (text: string, scope: Scope = SCOPE) => checkScalar(located(text, 'channels[0].bath.rate'), scope);
const state = (text: string, scope: Scope = SCOPE) => checkState(located(text, 'state'), scope);

describe('operator expressions', () => {
  test.each([
    ['w0/2 * sum(k, Z[k])', 'operator'],
    ['sum(k, (1 + k/10) * Z[k])', 'operator'],
    ['Jx + Jy + Jz + Jp*Jm', 'operator'],
    ['g * sum(k, 0, L - 2, X[k]*X[k+1] + Y[k]*Y[(k+1)%L])', 'operator'],
    ['dag(Sp[0]) * Sm[1] + dag(Sm[1]) * Sp[0]', 'operator'],
    ['(X[0] + 1)^2 - Id', 'operator'],
    ['X[0]^n', 'operator'],
    ['prod(k, 0, L-1, Z[k])', 'operator'],
    ['sum(k, sum(j, k*j)) * Id', 'operator'],
    ['Z[-1 + L]', 'operator'],
    ['2 + pi*im - sqrt(g) + min(1, 2, g) + exp(-w0/T)', 'scalar'],
    ['sum(k, 1, 3, k^2)', 'scalar'],
  ])('%s is %s', (text, sort) => {
    expect(op(text)).toEqual({ ok: true, sort });
  });

  test('a channel A must be an operator', () => {
    const [e] = errors(checkOperator(located('2*g', 'channels[0].A'), SCOPE, { requireOperator: true }));
    expect(e).toMatchObject({ code: 'not-an-operator', key: 'channels[0].A', line: 1, column: 1 });
  });

  test('unknown names say what is available', () => {
    const [e] = errors(op('g*X[0] + q'));
    expect(e).toMatchObject({ code: 'unknown-name', token: 'q', column: 10 });
    expect(e.message).toContain('g, w0, T, n, L');
    expect(errors(op('gg*Z[0]'))[0].message).toContain("did you mean 'g'");
    expect(errors(op('up'))[0].message).toContain('is a state');
    expect(errors(op('w*Z[0]'))[0].message).toContain('only available in the gamma of a custom bath');
    expect(errors(op('sqrt'))[0]).toMatchObject({ code: 'unknown-name' });
  });

  test('a site operator needs an index', () => {
    expect(where(errors(op('X + 1')))).toEqual(['bad-index@1:1']);
  });

  test('unknown functions and arity', () => {
    expect(where(errors(op('foo(1)')))).toEqual(['unknown-function@1:1']);
    expect(errors(op('sqr(2)'))[0].message).toContain("did you mean 'sqrt'");
    expect(where(errors(op('dicke(1)*Z[0]')))).toEqual(['unknown-function@1:1']);
    expect(where(errors(op('sqrt(1, 2)')))).toEqual(['wrong-arity@1:1']);
    expect(where(errors(op('1 + min(1)')))).toEqual(['wrong-arity@1:5']);
    expect(where(errors(op('dag()')))).toEqual(['wrong-arity@1:1']);
  });

  test('operators where scalars are needed', () => {
    expect(where(errors(op('sqrt(X[0])')))).toEqual(['not-a-scalar@1:6']);
    expect(where(errors(op('g / Z[0]')))).toEqual(['not-a-scalar@1:5']);
    expect(where(errors(op('basis("ud")')))).toEqual(['unknown-function@1:1']);
    expect(where(errors(op('"ud" * X[0]')))).toEqual(['not-an-operator@1:1']);
  });

  test('exponents of operators', () => {
    expect(where(errors(op('X[0]^Z[1]')))).toEqual(['bad-exponent@1:6']);
    expect(where(errors(op('2^(Jz) * X[0]')))).toEqual(['bad-exponent@1:4']);
    // Whether the exponent is an integer >= 0 is the engine's to decide (it may depend on params and L).
    expect(op('2^-1 * X[0]^0 * g^0.5 * X[1]^(L - 1) * X[2]^0.5')).toEqual({ ok: true, sort: 'operator' });
  });

  test("'%' belongs to index arithmetic", () => {
    expect(where(errors(op('g % 2 * X[0]')))).toEqual(['unexpected-token@1:3']);
  });

  test.each([
    ['X[g]', 'bad-index@1:3', 'is a param'],
    ['X[1.5]', 'bad-index@1:3', 'integer literal'],
    ['X[k/2]', 'bad-index@1:4', "'/'"],
    ['X[2^k]', 'bad-index@1:4', "'^'"],
    ['X[floor(L/2)]', 'bad-index@1:3', 'a call of floor'],
    ['X[pi]', 'bad-index@1:3', 'may not appear'],
    ['X[Z[0]]', 'bad-index@1:3', 'an operator'],
    ['X[q]', 'unknown-name@1:3', 'names available here: j and L'],
    ['sum(k, 0, g, Z[k])', 'bad-index@1:11', 'is a param'],
    ['sum(k, 0, k, Z[k])', 'unknown-name@1:11', 'in an index'],
  ])('index %s', (text, expected, message) => {
    const [e] = errors(op(`sum(j, ${text})`));
    expect(`${e.code}@${e.line}:${e.column - 7}`).toBe(expected);
    expect(e.message).toContain(message);
  });

  test.each([
    ['sum(g, Z[g])', 'is a param'],
    ['sum(L, Z[0])', 'number of sites'],
    ['sum(k, sum(k, Z[k]))', 'already bound'],
    ['prod(pi, Z[0])', 'built-in'],
    ['sum(X, Z[0])', 'built-in'],
  ])('binder index that shadows: %s', (text, message) => {
    const found = errors(op(text));
    expect(found.map((e) => e.code)).toContain('shadowed-name');
    expect(found.find((e) => e.code === 'shadowed-name')!.message).toContain(message);
  });

  test('an index bound outside (each) is visible and cannot be rebound', () => {
    const scope = { ...SCOPE, indices: ['k'] };
    expect(op('X[k] * (1 + k)', scope)).toEqual({ ok: true, sort: 'operator' });
    expect(errors(op('sum(k, Z[k])', scope))[0].code).toBe('shadowed-name');
  });

  test('several errors are collected, in order, with their columns', () => {
    expect(where(errors(op('q * X[g] + foo(1) + sqrt(Z[0], 1)')))).toEqual([
      'unknown-name@1:1', 'bad-index@1:7', 'unknown-function@1:12', 'wrong-arity@1:21', 'not-a-scalar@1:26',
    ]);
  });
});

describe('scalar expressions', () => {
  test('bath fields: params, L, functions', () => {
    expect(scalar('g/(1 - exp(-w0/T)) + L + max(1, abs(-2)) + ceil(0.5) + log(2) + sin(pi) + cos(0)')).toEqual({ ok: true, sort: 'scalar' });
  });

  test('w only with frequency', () => {
    expect(scalar('g*w^2', { ...SCOPE, frequency: true }).ok).toBe(true);
    expect(where(errors(scalar('g*w^2')))).toEqual(['unknown-name@1:3']);
  });

  test('operators are not scalars', () => {
    expect(where(errors(scalar('g*Jx')))).toEqual(['not-a-scalar@1:3']);
    expect(where(errors(scalar('X[0]')))).toEqual(['not-a-scalar@1:1']);
    expect(where(errors(scalar('X')))).toEqual(['not-a-scalar@1:1']);
    expect(where(errors(scalar('dag(g)')))).toEqual(['unknown-function@1:1']);
    expect(where(errors(scalar('sum(k, k)')))).toEqual(['unknown-function@1:1']);
    expect(where(errors(scalar('"x"')))).toEqual(['not-a-scalar@1:1']);
  });

  test('the error names the key', () => {
    expect(errors(scalar('zz'))[0]).toMatchObject({ file: 'm.yaml', key: 'channels[0].bath.rate' });
  });
});

describe('states', () => {
  test.each([
    'up', 'down', 'ground', 'top', 'ghz', 'w', 'steady', 'dicke(floor(L/2))', 'dicke(n)', 'product(pi/2, 0)',
    'basis("uudd")', 'thermal(T)', 'random(42)', 'mixed(7)', 'mix(0.25, up, dicke(1))', 'mix(g, mix(0.5, up, down), ghz)',
  ])('%s', (text) => {
    expect(state(text)).toEqual({ ok: true, sort: 'state' });
  });

  test.each([
    ['hot', 'bad-state@1:1'],
    ['X[0]', 'bad-state@1:1'],
    ['dike(2)', 'bad-state@1:1'],
    ['basis("uxd")', 'bad-state@1:7'],
    ['basis("")', 'bad-state@1:7'],
    ['basis(3)', 'bad-state@1:7'],
    ['dicke()', 'wrong-arity@1:1'],
    ['mix(0.5, up)', 'wrong-arity@1:1'],
    ['mix(0.5, up, hot)', 'bad-state@1:14'],
    ['dicke(X[0])', 'not-a-scalar@1:7'],
    ['thermal(q)', 'unknown-name@1:9'],
    ['up + down', 'bad-state@1:1'],
  ])('%s → %s', (text, expected) => {
    expect(where(errors(state(text)))).toEqual([expected]);
  });

  test('bad-state lists the forms', () => {
    expect(errors(state('hot'))[0].message).toContain('dicke(n), product(theta, phi), basis("ud...")');
  });
});

describe('parseStateText', () => {
  test('command-line state', () => {
    const s = parseStateText('mix(0.5, up, thermal(T))', '<command line>', '--state', ['T']);
    expect(s).toMatchObject({ key: '--state', text: 'mix(0.5, up, thermal(T))' });
  });

  test('same errors as in a file, at line 1', () => {
    expect(errorOf(() => parseStateText('basis("uxd")'))).toMatchObject({
      code: 'bad-state', file: '<command line>', key: '--state', line: 1, column: 7,
    });
    expect(errorOf(() => parseStateText('dicke(2'))).toMatchObject({ code: 'unexpected-end', line: 1, column: 8 });
    expect(errorOf(() => parseStateText('thermal(T)'))).toMatchObject({ code: 'unknown-name', column: 9 });
  });
});

test('assertChecked throws the collected errors', () => {
  expect(() => assertChecked(op('q'))).toThrow(InputError);
  expect(errorsOf(() => assertChecked(op('q + r')))).toHaveLength(2);
  expect(() => assertChecked(op('Jz'))).not.toThrow();
});
