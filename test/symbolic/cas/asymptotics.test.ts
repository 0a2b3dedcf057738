/**
 * leadingTerm and limitAtInfinity on heatbound's closed forms, on sums with exponentials, and on
 * what they must refuse to decide.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, leadingTerm, limitAtInfinity } from '../../../src/symbolic/cas/index.js';
import { makeCas } from '../../../src/symbolic/cas/api.js';
import type { Backend } from '../../../src/symbolic/cas/backends.js';

describe('leadingTerm', () => {
  it.each([
    ['-g*w0*L*(L+2)/4', { coefficient: '-g*w0/4', exponent: 2 }],
    ['-g*w0*(L-1)*(L+3)/4', { coefficient: '-g*w0/4', exponent: 2 }],
    ['-g*w0*L^3', { coefficient: '-g*w0', exponent: 3 }],
    ['g*w0*L^3*exp(-L*w0/T)', { coefficient: 'g*w0', exponent: 'exponential-decay', power: 3, rate: '-w0/T' }],
    ['(L+2)/(4*L)', { coefficient: '1/4', exponent: 0 }],
    ['(L+2)/(4*L^2)', { coefficient: '1/4', exponent: -1 }],
    ['(2*L^2+1)/(L^2*T)', { coefficient: '2/T', exponent: 0 }],
    ['w0*wc*(L+1)/(L^2-1)', { coefficient: 'w0*wc', exponent: -1 }],
    ['(L+1)^3 - L^3', { coefficient: '3', exponent: 2 }],
    ['L^3/3 - L^3/3 + g*L', { coefficient: 'g', exponent: 1 }],
    ['3*g*theta', { coefficient: '3*g*theta', exponent: 0 }],
    ['x/3 - x/3', { coefficient: '0', exponent: -Infinity }],
    // exponentials: the slowest decay or fastest growth wins; polynomials beat decay
    ['g*L^2 + g*w0*L^3*exp(-L*w0/T)', { coefficient: 'g', exponent: 2 }],
    ['exp(-L*w0/T)*(L+1)^2', { coefficient: '1', exponent: 'exponential-decay', power: 2, rate: '-w0/T' }],
    ['L^3*exp(-(L-1)*w0/T)', { coefficient: 'exp(w0/T)', exponent: 'exponential-decay', power: 3, rate: '-w0/T' }],
    ['L*exp(-L/T)/(L+1)', { coefficient: '1', exponent: 'exponential-decay', power: 0, rate: '-1/T' }],
    ['L*exp(L/T) - L^5', { coefficient: '1', exponent: 'exponential-growth', power: 1, rate: '1/T' }],
    ['exp(-L*w0/T) + exp(-2*L*w0/T)', { coefficient: '1', exponent: 'exponential-decay', power: 0, rate: '-w0/T' }],
  ] as const)('%s ~ %j', (text, expected) => {
    expect(leadingTerm(text)).toEqual(expected);
  });

  it('is a true asymptote: expr / (c * L^p) -> 1', () => {
    const env = { g: 1.3, w0: 0.7 };
    const lt = leadingTerm('-g*w0*(L-1)*(L+3)/4');
    const at = (L: number): number => evaluate('-g*w0*(L-1)*(L+3)/4', { ...env, L }) / (evaluate(lt.coefficient, env) * L ** Number(lt.exponent));
    expect(Math.abs(at(1e6) - 1)).toBeLessThan(1e-5);
  });

  it('takes the variable as a parameter', () => {
    expect(leadingTerm('N^2*g + N', 'N')).toEqual({ coefficient: 'g', exponent: 2 });
    expect(leadingTerm('-g*w0*L*(L+2)/4', 'g')).toEqual({ coefficient: '-w0*L*(L+2)/4', exponent: 1 });
  });

  it.each([
    ['log(L)', 'outside the class'],
    ['sqrt(L)', 'outside the class'],
    ['exp(-L^2)', 'exponent not linear in L'],
    ['1/(1+exp(-L))', 'exponential in a denominator sum'],
    ['exp(-a*L) + exp(-b*L)', 'rates that cross with the params'],
  ])('%s is unknown (%s)', (text) => {
    expect(leadingTerm(text)).toEqual({ coefficient: 'unknown', exponent: 'unknown' });
  });

  it('is unknown, not wrong, when the libraries fail', () => {
    const failing: Backend = { name: 'failing', ops: { expand: () => { throw new Error('nerdamer: Division by zero not allowed!'); } } };
    const cas = makeCas({ nerdamer: failing, algebrite: failing });
    expect(cas.leadingTerm('-g*w0*L*(L+2)/4', 'L')).toEqual({ coefficient: 'unknown', exponent: 'unknown' });
    expect(cas.limitAtInfinity('(L+2)/(4*L)', 'L')).toBe('unknown');
  });

  it('is unknown when a library expansion is right only at the small sample points', () => {
    // floor(L/1000) is 0 for every sample point in [1/4, 4]: the expansion passes that check.
    const lying: Backend = { name: 'lying', ops: { expand: (t) => `(${t})*(1+floor(v0/1000))` } };
    const cas = makeCas({ nerdamer: lying, algebrite: lying });
    expect(cas.leadingTerm('g*L*(L+1)', 'L')).toEqual({ coefficient: 'unknown', exponent: 'unknown' });
    expect(cas.leadingTerm('g*L^2 + L', 'L')).toEqual({ coefficient: 'g', exponent: 2 }); // needs no expansion
  });
});

describe('limitAtInfinity', () => {
  it.each([
    ['(L+2)/(4*L)', '1/4'],
    ['(2*L^2+1)/(L^2*T)', '2/T'],
    ['-g*w0*L*(L+2)/4', '-Infinity'],
    ['-g*w0*(L-1)*(L+3)/4', '-Infinity'],
    ['-g*w0*L^3', '-Infinity'],
    ['g*w0*L^3', 'Infinity'],
    ['g*w0*L^3*exp(-L*w0/T)', '0'],
    ['-g*w0*L^3*exp(-L*w0/T)', '0'],
    ['L*exp(L/T) - L^5', 'Infinity'],
    ['(L+2)/(4*L^2)', '0'],
    ['x/3 - x/3', '0'],
    ['g*L - g*L + 3', '3'],
    ['(g - w0)*L', 'unknown'],
    ['log(L)', 'unknown'],
  ])('%s -> %s', (text, limit) => {
    expect(limitAtInfinity(text)).toBe(limit);
  });
});

describe('laws', () => {
  const factor = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.constantFrom('g', 'w0', '1', '2')).map(([a, p]) => `(L+(${a})*${p})`);
  const term = fc.tuple(
    fc.constantFrom('g', '-w0', '1/3', 'T', '-2*g*w0'),
    fc.array(factor, { maxLength: 3 }),
    fc.constantFrom('', '*exp(-L*w0/T)', '/(L+1)', '/(g*L^2+1)', '*L^2'),
  ).map(([c, fs, tail]) => [c, ...fs].join('*') + tail);
  const sum = fc.array(term, { minLength: 1, maxLength: 3 }).map((ts) => ts.join(' + '));

  it('a polynomial leading term is an asymptote: expr / (c * L^p) -> 1 at L = 1e5 for other params', () => {
    const env = { g: 1.7, w0: 0.9, T: 1.3 };
    fc.assert(fc.property(sum, (x) => {
      const lt = leadingTerm(x);
      if (typeof lt.exponent !== 'number' || !Number.isFinite(lt.exponent)) return;
      const L = 1e5;
      const ratio = evaluate(x, { ...env, L }) / (evaluate(lt.coefficient, env) * L ** lt.exponent);
      expect(Math.abs(ratio - 1), `${x} ~ ${JSON.stringify(lt)}`).toBeLessThan(1e-2);
    }), { numRuns: 30, seed: 5 });
  });
});
