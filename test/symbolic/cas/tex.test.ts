/**
 * LaTeX output, written out in full: what a physicist pastes into a paper.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTex } from '../../../src/symbolic/cas/index.js';
import { texName } from '../../../src/symbolic/cas/tex-names.js';

describe('toTex', () => {
  it.each([
    // the closed forms of heatbound
    ['-g*w0*L*(L+2)/4', '-\\frac{g w_0 L (L+2)}{4}'],
    ['-g*w0*(L-1)*(L+3)/4', '-\\frac{g w_0 (L-1) (L+3)}{4}'],
    ['-g*w0*L^3*exp(-L*w0/T)', '-g w_0 L^{3} e^{-w_0 L/T}'],
    ['g*w0*L^3*exp(-L*w0/T)', 'g w_0 L^{3} e^{-w_0 L/T}'],
    ['(L+2)/(4*L)', '\\frac{L+2}{4 L}'],
    ['-g*w0*L^2/4 - g*w0*L/2', '-\\frac{g w_0 L^{2}}{4}-\\frac{g w_0 L}{2}'],
    // names, Greek letters, subscripts
    ['theta*phi + chi', '\\phi \\theta+\\chi'],
    ['gamma*omega0*sqrt(wc/T)', '\\gamma \\omega_0 \\sqrt{\\frac{w_c}{T}}'],
    ['kappa*wc^2', '\\kappa w_c^{2}'],
    ['T_hot*beta12*num', '\\beta_{12} \\mathrm{num} T_{\\mathrm{hot}}'],
    ['Gamma_0*epsilon1 + hbar*omega', '\\epsilon_1 \\Gamma_0+\\hbar \\omega'],
    // functions and powers
    ['exp(-wc/T)/(1-exp(-wc/T))', '\\frac{e^{-w_c/T}}{1-e^{-w_c/T}}'],
    ['sqrt(g*T)', '\\sqrt{g T}'],
    ['abs(x-1) + floor(L/2) + log(T)', '|x-1|+\\left\\lfloor \\frac{L}{2}\\right\\rfloor+\\ln(T)'],
    ['(g*L)^(1/3)', '(g L)^{1/3}'],
    ['L^(-2)', '\\frac{1}{L^{2}}'],
    ['g/sqrt(L)', '\\frac{g}{\\sqrt{L}}'],
    ['1/exp(x)', 'e^{-x}'],
    ['exp(x)^2', 'e^{2 x}'],
    ['x^2^3', 'x^{8}'],
    // numbers: exact, and \cdot only where digits would touch
    ['3*2^L', '3 \\cdot 2^{L}'],
    ['0.25*L', '\\frac{L}{4}'],
    ['(-1/3)*x', '-\\frac{x}{3}'],
    ['x/3 - x/3', '\\frac{x}{3}-\\frac{x}{3}'],
    ['((a+b)/c)^2', '\\frac{(a+b)^{2}}{c^{2}}'],
    ['(a/b + 1/2)^(1/3)', '\\left(\\frac{a}{b}+\\frac{1}{2}\\right)^{1/3}'],
  ])('%s -> %s', (input, tex) => {
    expect(toTex(input)).toBe(tex);
  });

  it.each([
    ['L', 'L'], ['w0', 'w_0'], ['wc', 'w_c'], ['T', 'T'], ['g12', 'g_{12}'], ['theta', '\\theta'],
    ['phi', '\\phi'], ['chi', '\\chi'], ['gamma', '\\gamma'], ['omega', '\\omega'], ['omega_c', '\\omega_c'],
    ['gammaL', '\\gamma_L'], ['pin', '\\mathrm{pin}'], ['T_hot', 'T_{\\mathrm{hot}}'], ['gain', '\\mathrm{gain}'],
  ])('names: %s -> %s', (name, tex) => {
    expect(texName(name)).toBe(tex);
  });

  it('always gives balanced braces for expressions of valid names', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/).filter((n) => !['exp', 'sqrt', 'log', 'abs', 'floor'].includes(n));
    fc.assert(fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (names) => {
      const tex = toTex(`exp(-${names.join('*')})/(1+sqrt(${names.join('+')}))`);
      let depth = 0;
      for (const c of tex) {
        depth += c === '{' ? 1 : c === '}' ? -1 : 0;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
    }), { numRuns: 100, seed: 7 });
  });
});
