/**
 * The parser and the text printer of the CAS wrapper: precedence, exact numbers, error data, and
 * the law that printing then parsing gives back the same value (and the same text).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CasSyntaxError, evaluate, simplify } from '../../../src/symbolic/cas/index.js';
import { compareNumerically } from '../../../src/symbolic/cas/approx.js';
import { call, type Expr, FUNCTIONS, mul, num, pow, sym, add, variables } from '../../../src/symbolic/cas/ast.js';
import { parse } from '../../../src/symbolic/cas/parse.js';
import { printText } from '../../../src/symbolic/cas/print-text.js';
import { Q } from '../../../src/symbolic/rational.js';

const reprint = (text: string): string => printText(parse(text));

describe('parse', () => {
  it('has the usual precedence: ^ right-associative and above unary minus', () => {
    expect(evaluate('-x^2', { x: 3 })).toBe(-9);
    expect(evaluate('2^3^2', {})).toBe(512);
    expect(evaluate('2^-1', {})).toBe(0.5);
    expect(evaluate('1-2-3', {})).toBe(-4);
    expect(evaluate('12/3/2', {})).toBe(2);
    expect(evaluate('((1+2)*(3-(4-5)))/2', {})).toBe(6);
  });

  it('reads decimals and exponents exactly', () => {
    expect(reprint('0.1*x')).toBe('x/10');
    expect(reprint('1e-3*g')).toBe('g/1000');
    expect(reprint('2.5')).toBe('5/2');
  });

  it('reads names with digits and underscores, and the five functions', () => {
    expect(variables(parse('w0*wc*T_hot*theta + exp(a) + sqrt(b) + log(c) + abs(d) + floor(f)')))
      .toEqual(['T_hot', 'a', 'b', 'c', 'd', 'f', 'theta', 'w0', 'wc']);
  });

  it.each([
    ['', 'empty-expression', 0],
    ['2*', 'unexpected-end', 2],
    ['foo(x)', 'unknown-function', 0],
    ['exp', 'function-without-call', 0],
    ['(x', 'unclosed-parenthesis', 0],
    ['x)', 'unexpected-token', 1],
    ['2L', 'unexpected-token', 1],
    ['x $ y', 'unexpected-character', 2],
    ['exp()', 'unexpected-token', 4],
  ] as const)('rejects %j with %s at %i', (text, code, start) => {
    let error: unknown;
    try { parse(text); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(CasSyntaxError);
    expect((error as CasSyntaxError).code).toBe(code);
    expect((error as CasSyntaxError).start).toBe(start);
  });

  it('invalid input throws CasSyntaxError from the public functions, nothing from a library', () => {
    expect(() => simplify('L +* 2')).toThrow(CasSyntaxError);
  });
});

describe('printText', () => {
  it.each([
    ['L*(2+L)*g*w0*(-1/4)', '-g*w0*L*(L+2)/4'],
    ['(-1/4)*L^2*g*w0 + (-1/2)*L*g*w0', '-g*w0*L^2/4 - g*w0*L/2'],
    ['(1/2)*L^(-1)+1/4', '1/4 + 1/(2*L)'],
    ['(1/4)*(2+L)*L^(-1)', '(L+2)/(4*L)'],
    ['-(-1+L)*(3+L)*g*w0/4', '-g*w0*(L-1)*(L+3)/4'],
    ['w0*g*T^(-1)', 'g*w0/T'],
    ['exp(-L*w0/T)*L^3*w0*g', 'g*w0*L^3*exp(-w0*L/T)'],
    ['1/exp(x)', 'exp(-x)'],
    ['x^(-1/2)', '1/sqrt(x)'],
    ['(1-L)*x', '-x*(L-1)'],
    ['2^L*(-2)^L', '2^L*(-2)^L'],
    ['theta*phi + chi', 'phi*theta + chi'],
  ])('%s -> %s', (input, printed) => {
    expect(reprint(input)).toBe(printed);
  });
});

describe('laws', () => {
  const names = ['L', 'g', 'w0', 'T'];
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    fc.constantFrom(...names).map(sym),
    fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 5 })).map(([n, d]) => num(Q.of(n, d))),
  );
  const tree: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((t) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(t('e'), { minLength: 2, maxLength: 3 }).map((xs) => add(...xs)),
      fc.array(t('e'), { minLength: 2, maxLength: 3 }).map((xs) => mul(...xs)),
      fc.tuple(t('e'), fc.integer({ min: -3, max: 3 })).map(([b, k]) => pow(b, num(k))),
      fc.tuple(fc.constantFrom(...FUNCTIONS), t('e')).map(([f, a]) => call(f, a)),
    ),
  })).e;

  it('parse(printText(e)) has the value of e, and the text of a parsed tree reads back to itself', () => {
    fc.assert(fc.property(tree, (e) => {
      const back = parse(printText(e));
      expect(compareNumerically(back, e, names).verdict).not.toBe('different');
      // Raw trees such as (L^0)^0 + 1 print as 1 + 1; trees that come from text are fixed points.
      const text = printText(back);
      if (compareNumerically(back, back, names).verdict === 'equal') expect(printText(parse(text))).toBe(text);
    }), { numRuns: 200, seed: 42 });
  });
});
