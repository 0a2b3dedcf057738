/**
 * One scalar evaluator over two fields (symbolic/evaluate): float64 and decimal.js give the same
 * values (to float64 accuracy) and fail with the same InputError (code, node, message).
 */
import { describe, expect, it } from 'vitest';
import { InputError, parseExpr, type Origin } from '../../src/lang/index.js';
import { evalIntegerPrecise, evalInteger, evalReal, evalRealPrecise, evalScalar, evalScalarPrecise } from '../../src/symbolic/index.js';
import { precision } from '../../src/numeric/index.js';

const D = precision(30).D;
const origin = (text: string): Origin => {
  const expr = parseExpr(text, { file: 't.yaml', key: 'H', line: 1, column: 1 });
  return { file: 't.yaml', located: { expr, key: 'H', text } };
};
const scope = new Map([['L', 4], ['h', 0.5]]);
const preciseScope = new Map([['L', new D(4)], ['h', new D('0.5')]]);

/** The InputError a thunk throws, as plain data (or null). */
function failure(run: () => unknown): readonly object[] | null {
  try { run(); return null; } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.errors;
  }
}

describe('one scalar evaluator over float64 and Decimal', () => {
  it.each([
    '1 + 2*im', '(1 + im)^3 / (2 - im)', '2^-2', '2^0.5', '7 % 3', '-7 % 3', 'sum(k, 0, L - 1, k^2)', 'prod(k, 1, 3, k + im)',
    'abs(3 + 4*im)', 'exp(im*pi)', 'exp(h)', 'log(2)', 'sin(h) + cos(h)', 'floor(2.5) + ceil(2.5)', 'min(3, h, 2) + max(1, L)', 'sqrt(h)',
    // -0 is not negative (decimal.js's isNeg() said it was: sqrt(-0) and (-0)^0.5 were domain errors there).
    'sqrt(-0)', '(-0)^0.5',
  ])('%s has the same value in both fields', (text) => {
    const o = origin(text);
    const [re, im] = evalScalar(o, o.located.expr, scope);
    const p = evalScalarPrecise(D, o, o.located.expr, preciseScope);
    expect(p.re.toNumber()).toBeCloseTo(re, 12);
    expect(p.im.toNumber()).toBeCloseTo(im, 12);
  });

  it.each([
    // Arities the checker rejects first: sqrt(1, 2) took the first argument in decimal.js, abs(1, 2) in both; now unknown-function.
    ['1/0', 'scalar'], ['0^-1', 'scalar'], ['sqrt(-1)', 'scalar'], ['log(0)', 'scalar'], ['(-2)^0.5', 'scalar'], ['im^0.5', 'scalar'],
    ['7 % 0', 'scalar'], ['sin(im)', 'scalar'], ['q + 1', 'scalar'], ['X[0]', 'scalar'], ['sqrt(1, 2)', 'scalar'], ['abs(1, 2)', 'scalar'],
    ['nope(1)', 'scalar'], ['1 + im', 'real'], ['h', 'integer'], ['sum(k, 0, h, k)', 'scalar'],
  ])('%s fails with the same error in both fields (%s)', (text, what) => {
    const o = origin(text);
    const f = failure(() => (what === 'real' ? evalReal(o, o.located.expr, scope, 'x') : what === 'integer' ? evalInteger(o, o.located.expr, scope, 'x') : evalScalar(o, o.located.expr, scope)));
    const d = failure(() => (what === 'real' ? evalRealPrecise(D, o, o.located.expr, preciseScope, 'x') : what === 'integer' ? evalIntegerPrecise(D, o, o.located.expr, preciseScope, 'x') : evalScalarPrecise(D, o, o.located.expr, preciseScope)));
    expect(f).not.toBeNull();
    expect(d).toEqual(f);
  });
});

describe('complex division (issue 17: 1e308/2 gave Infinity)', () => {
  const at = (text: string, s: Map<string, number> = new Map()) => { const o = origin(text); return evalScalar(o, o.located.expr, s); };
  it('a real divisor divides each part once; Smith scaling for a complex one', () => {
    expect(at('w0/2', new Map([['w0', 1e308]]))).toEqual([5e307, 0]);
    expect(at('0.1/3')[0]).toBe(0.1 / 3);
    const z = at('(1e300 + 1e300*im)/(1e300 - 1e300*im)');
    expect(z[0]).toBeCloseTo(0, 12);
    expect(z[1]).toBeCloseTo(1, 12);
    const w = at('(3 + 4*im)/(2 + 1e-300*im)');
    expect(w[0]).toBeCloseTo(1.5, 12);
    expect(w[1]).toBeCloseTo(2, 12);
    const v = at('(1 + 2*im)/(3 + 4*im)');
    expect(v[0]).toBeCloseTo(11 / 25, 15);
    expect(v[1]).toBeCloseTo(2 / 25, 15);
  });
});

describe('an integer from a bare name', () => {
  // evalIntegerIn reads a name bound to an integer at once (site indices, 10^5 times in a sum over
  // sites): the same value as the full checks, which `+k` (the same value, not a bare name) takes,
  // and the same InputError for every value they refuse.
  const outcome = (run: () => number): unknown => {
    try { return { value: run() }; } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return err.errors;
    }
  };
  const bare = origin('k'), plus = origin('+k');
  it.each([0, -0, 3, -7, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 60, 0.5, 1 + 1e-10, 1 + 1e-6, -2.5, NaN, Infinity, -Infinity])('k = %d in float64', (k) => {
    const s = new Map([['k', k], ['L', 4]]);
    const a = outcome(() => evalInteger(bare, bare.located.expr, s, 'a site index'));
    const b = outcome(() => evalInteger(plus, plus.located.expr, s, 'a site index'));
    // Errors are located at the node: compare all but the column ('+k' starts one earlier).
    const strip = (x: unknown) => (Array.isArray(x) ? x.map(({ column: _c, token: _t, ...rest }) => rest) : x);
    expect(Object.is((a as { value?: number }).value, (b as { value?: number }).value)).toBe(true);
    expect(strip(a)).toEqual(strip(b));
  });
  it.each(['0', '-0', '3', '-7', '9007199254740991', '9007199254740993', '0.5', '1.0000000001', '1e40'])('k = %s in decimal.js', (k) => {
    const s = new Map([['k', new D(k)], ['L', new D(4)]]);
    const a = outcome(() => evalIntegerPrecise(D, bare, bare.located.expr, s, 'a site index'));
    const b = outcome(() => evalIntegerPrecise(D, plus, plus.located.expr, s, 'a site index'));
    const strip = (x: unknown) => (Array.isArray(x) ? x.map(({ column: _c, token: _t, ...rest }) => rest) : x);
    expect(Object.is((a as { value?: number }).value, (b as { value?: number }).value)).toBe(true);
    expect(strip(a)).toEqual(strip(b));
  });
  it('pi and im are not scope names', () => {
    const s = new Map([['pi', 3], ['im', 1], ['L', 4]]);
    for (const name of ['pi', 'im']) {
      const o = origin(name);
      expect(failure(() => evalInteger(o, o.located.expr, s, 'x'))).not.toBeNull();
    }
  });
});
