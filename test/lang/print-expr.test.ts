import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseExpr, printExpr, withoutSpans } from '../../src/lang/index.js';
import { exprArb } from './arbitraries.js';
import { ORIGIN } from './helpers.js';

const canon = (text: string) => printExpr(parseExpr(text, ORIGIN));

describe('printExpr', () => {
  test.each([
    ['((a))', 'a'],
    ['a+b*c', 'a + b*c'],
    ['(a+b)*c', '(a + b)*c'],
    ['a-(b-c)', 'a - (b - c)'],
    ['(a-b)-c', 'a - b - c'],
    ['a/(b*c)', 'a/(b*c)'],
    ['(a^b)^c', '(a^b)^c'],
    ['a^(b^c)', 'a^b^c'],
    ['-(x^2)', '-x^2'],
    ['(-x)^2', '(-x)^2'],
    ['2^(-1)', '2^-1'],
    ['a - (-b)', 'a - -b'],
    ['-(a+b)', '-(a + b)'],
    ['w0/2 * sum(k, Z[k])', 'w0/2*sum(k, Z[k])'],
    ['sum(k,0,L-1,X[(k+1)%L])', 'sum(k, 0, L - 1, X[(k + 1)%L])'],
    ['mix( 0.5 , up , basis("ud") )', 'mix(0.5, up, basis("ud"))'],
    ['1e-3+.5', '1e-3 + .5'],
  ])('%s → %s', (text, printed) => {
    expect(canon(text)).toBe(printed);
  });

  test('parse(print(ast)) equals ast up to spans, over random trees', () => {
    fc.assert(
      fc.property(exprArb, (ast) => {
        const printed = printExpr(ast);
        expect(withoutSpans(parseExpr(printed, ORIGIN))).toEqual(withoutSpans(ast));
      }),
      { seed: 20240611, numRuns: 1000 },
    );
  });

  test('printing is a fixed point: print(parse(print(ast))) is print(ast)', () => {
    fc.assert(
      fc.property(exprArb, (ast) => {
        const printed = printExpr(ast);
        expect(printExpr(parseExpr(printed, ORIGIN))).toBe(printed);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
