/**
 * equivalent and checkEquivalent (symbolic and numeric routes, and what happens when the
 * libraries fail or lie), and evaluate.
 */
import { describe, expect, it } from 'vitest';
import { CasEvaluationError, checkEquivalent, equivalent, evaluate } from '../../../src/symbolic/cas/index.js';
import { makeCas } from '../../../src/symbolic/cas/api.js';
import type { Backend } from '../../../src/symbolic/cas/backends.js';
import { casTolerances } from '../../../src/symbolic/cas/tolerances.js';
import { defaultTolerances } from '../../../src/numeric/index.js';

describe('equivalent', () => {
  it.each([
    ['-g*w0*L*(L+2)/4', '-(g*w0/4)*L^2 - g*w0*L/2'],
    ['-g*w0*(L-1)*(L+3)/4', '-g*w0*L^2/4 - g*w0*L/2 + 3*g*w0/4'],
    ['g*w0*L^3*exp(-L*w0/T)', 'g*w0*L^3/exp(w0*L/T)'],
    ['exp(a)*exp(b)', 'exp(a+b)'],
    ['1/L + 1/(L+1)', '(2*L+1)/(L*(L+1))'],
    ['(x+1)/(x^2-1)', '1/(x-1)'],
    ['log(L*g)', 'log(L)+log(g)'],
    ['x/3 - x/3', '0'],
    ['0.5*theta*wc', 'wc*theta/2'],
    ['((L+1)*(L-1)+1)*(L/3-(g-L)/2)', 'L^2*(5*L-3*g)/6'],
  ])('%s == %s', (a, b) => {
    expect(equivalent(a, b)).toBe(true);
  });

  it.each([
    ['L*(L+2)', 'L^2+2'],
    ['-g*w0*L*(L+2)/4', 'g*w0*L*(L+2)/4'],
    ['L^2/3', 'L^2*0.333333333333'],
    ['x', 'y'],
    ['floor(L)', 'L'],
    ['g*w0*L^3*exp(-L*w0/T)', 'g*w0*L^3*exp(-L*w0/T)*(1 + 1e-12)'],
  ])('%s != %s', (a, b) => {
    expect(equivalent(a, b)).toBe(false);
  });

  it('reports both routes and a point where they differ', () => {
    expect(checkEquivalent('exp(a)*exp(b)', 'exp(a+b)')).toEqual({ equivalent: true, method: 'symbolic', symbolic: 'zero', numeric: 'equal' });
    const diff = checkEquivalent('L*(L+2)', 'L^2+2');
    expect(diff).toMatchObject({ equivalent: false, method: 'symbolic', symbolic: 'nonzero', numeric: 'different' });
    expect(evaluate('L*(L+2)', diff.witness!)).not.toBe(evaluate('L^2+2', diff.witness!));
  });

  it('needs both routes: sqrt(L^2) = L only for L > 0, which the libraries do not assume', () => {
    expect(checkEquivalent('sqrt(L^2)', 'L')).toEqual({ equivalent: false, method: 'symbolic', symbolic: 'nonzero', numeric: 'equal' });
  });

  it('decides numerically, and says so, when the libraries fail', () => {
    const failing: Backend = { name: 'failing', ops: { simplify: () => { throw new RangeError('Maximum call stack size exceeded'); }, expand: () => 'Stop: syntax error' } };
    const cas = makeCas({ nerdamer: failing, algebrite: failing });
    expect(cas.checkEquivalent('-g*w0*L*(L+2)/4', '-g*w0*L^2/4 - g*w0*L/2')).toEqual({ equivalent: true, method: 'numeric', symbolic: 'failed', numeric: 'equal' });
    expect(cas.checkEquivalent('L*(L+2)', 'L^2+2')).toMatchObject({ equivalent: false, method: 'numeric', numeric: 'different' });
  });

  it('treats names as variables: i is no imaginary unit, E no Euler number', () => {
    expect(equivalent('i^2', '-1')).toBe(false);
    expect(equivalent('E', 'exp(1)')).toBe(false);
    expect(equivalent('e^2', 'exp(2)')).toBe(false);
  });

  it("uses the numeric layer's round-off settings", () => {
    expect(casTolerances.eps).toBe(defaultTolerances.eps);
    expect(casTolerances.roundoffFactor).toBe(defaultTolerances.roundoffFactor);
  });

  it('does not believe a library that calls everything 0', () => {
    const zero: Backend = { name: 'zero', ops: { simplify: () => '0', expand: () => '0' } };
    const cas = makeCas({ nerdamer: zero, algebrite: zero });
    expect(cas.checkEquivalent('L*(L+2)', 'L^2+2')).toMatchObject({ equivalent: false, symbolic: 'failed', numeric: 'different' });
  });
});

describe('evaluate', () => {
  it('evaluates in float64 with the given values', () => {
    expect(evaluate('-g*w0*L*(L+2)/4', { g: 1, w0: 2, L: 3 })).toBe(-7.5);
    expect(evaluate('g*w0*L^3*exp(-L*w0/T)', { g: 2, w0: 1, T: 1, L: 2 })).toBeCloseTo(16 * Math.exp(-2), 15);
    expect(evaluate('sqrt(wc)*abs(-theta) + floor(7/2) + log(1)', { wc: 4, theta: 1.5 })).toBe(6);
    expect(evaluate('(1/3)*3', {})).toBe(1);
  });

  it('throws CasEvaluationError naming the missing variables', () => {
    let error: unknown;
    try { evaluate('-g*w0*L*(L+2)/4', { g: 1, L: 3 }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(CasEvaluationError);
    expect((error as CasEvaluationError).missing).toEqual(['w0']);
  });
});
