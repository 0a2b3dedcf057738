/**
 * The diagonal method on v2 sites (issue 16): H_S diagonal in the product basis of spins s, levels
 * and modes, its levels grouped exactly (decimal.js coefficients times the dyadic diagonal entries
 * of the one-site factors, numeric/exact-levels exactSiteLevels). Checked against the dense method
 * (a second method: an eigensolver on the same sites) and, where float64 cannot see a splitting,
 * against the dense method at a splitting it can see (J of a diagonal H_S depends on the splitting
 * d only through the Bohr frequencies, J(d) = J(0+) + O(d), once the eigenspaces are fixed).
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent } from '../../src/engine/index.js';
import { commandLineOrigin, loadModelText, parseExpr, type LocatedExpr } from '../../src/lang/index.js';
import { dyadicOf, exactSiteLevels, groupExactLevels } from '../../src/numeric/index.js';
import { expectClose } from '../helpers.js';

const stateOf = (text: string): LocatedExpr => ({ expr: parseExpr(text, commandLineOrigin('--state', '<command line>')), key: '--state', text });

const spin1 = (d: string) => loadModelText(`
name: spin1-diagonal
sites: { spin: 1 }
params: { D: 0.3, h: 1, d: ${d} }
H: "sum(k, D*Sz[k]^2 + (h + k*d)*Sz[k])"
channels:
  - A: "sum(k, Sx[k])"
    bath: { spectrum: flat, rate: 1, T: 1 }
state: random(1)
`, 'spin1-diagonal.yaml');

const qutrit = loadModelText(`
name: qutrit-diagonal
sites: { levels: 3 }
params: { e1: 1, e2: 2.5, U: 0.4 }
H: "sum(k, e1*P[1,1][k] + e2*P[2,2][k]) + U*sum(k, 0, L-2, P[2,2][k]*P[2,2][k+1])"
channels:
  - A: "P[0,1][k] + P[1,0][k] + P[1,2][k] + P[2,1][k]"
    each: k
    bath: { spectrum: flat, rate: 0.5, T: 0.8 }
state: thermal(1.5)
`, 'qutrit-diagonal.yaml');

const spinsAndMode = loadModelText(`
name: dispersive
sites:
  - { name: q, spin: 1/2 }
  - { name: c, boson: { cutoff: 5 }, count: 1 }
params: { wc: 1, w0: 1.7, chi: 0.05 }
H: "wc*n + w0*Jz + chi*n*Jz"
channels:
  - A: "a + adag"
    bath: { spectrum: flat, rate: 0.1, T: 0.6 }
  - A: "Jx"
    bath: { spectrum: flat, rate: 0.2, T: 0.3 }
state: thermal(1)
`, 'dispersive.yaml');

describe('the diagonal method on v2 sites', () => {
  const cases = [
    { name: 'spin 1, D Sz^2 + h Sz', model: spin1('0.1'), L: 3, states: ['random(1)', 'thermal(0.7)', 'basis("0 2 1")', 'mixed(4)'] },
    { name: 'qutrits with a P[2,2] P[2,2] coupling', model: qutrit, L: 3, states: ['thermal(1.5)', 'random(2)', 'ground'] },
    { name: 'spins and a mode, dispersive coupling', model: spinsAndMode, L: 2, states: ['thermal(1)', 'random(5)', 'top'] },
  ];
  for (const c of cases) {
    it(`agrees with the dense method: ${c.name}`, () => {
      for (const s of c.states) {
        const state = stateOf(s);
        const diag = computeCurrent(c.model, c.L, { method: 'diagonal', state });
        const dense = computeCurrent(c.model, c.L, { method: 'dense', state });
        expect(diag.method).toBe('diagonal');
        expect(diag.dimension).toBe(dense.dimension);
        expect(Math.abs(diag.J - dense.J), `J in ${s}`).toBeLessThanOrEqual(diag.error.J + dense.error.J);
        for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE'] as const) expectClose(diag.terms[k], dense.terms[k], 1e-10, `${k} in ${s}`);
        for (const k of ['Bstate', 'B1', 'B2'] as const) expectClose(diag.bounds[k], dense.bounds[k], 1e-9, `${k} in ${s}`);
        expect(diag.verdicts).toEqual(dense.verdicts);
      }
    });
  }

  it('is what auto chooses for a diagonal H_S on v2 sites, its levels grouped exactly', () => {
    const r = computeCurrent(qutrit, 3);
    expect(r.method).toBe('diagonal');
    expect(r.notes.some((n) => /grouped exactly: integer energies from the decimal.js coefficients and the dyadic diagonal entries/.test(n))).toBe(true);
  });

  it('splits levels that float64 merges: (h + k 1e-17) Sz[k] is not uniform, and J is the limit of visible splittings', () => {
    const exact = computeCurrent(spin1('1e-17'), 3);
    expect(exact.method).toBe('diagonal');
    // The dense method sees the splitting 1e-11 (far above its round-off): J(1e-17) = J(1e-11) + O(1e-11).
    const visible = computeCurrent(spin1('1e-11'), 3, { method: 'dense' });
    expect(Math.abs(exact.J - visible.J)).toBeLessThan(1e-9);
    // The uniform model (d = 0) has degenerate levels whose coherences the kernel keeps: another J.
    const uniform = computeCurrent(spin1('0'), 3);
    expect(Math.abs(exact.J - uniform.J)).toBeGreaterThan(0.05);
  });

  it('falls back to the float64 grouping for an irrational diagonal entry (P[0,2] Sm^2 on a spin 3/2: 2 sqrt(3))', () => {
    const m = loadModelText(`
name: p32
sites: { spin: 3/2 }
H: "sum(k, P[0,2][k]*Sm[k]^2 + Sp[k]^2*P[2,0][k] + Sz[k])"
channels:
  - A: "Sx[0]"
    bath: { spectrum: flat, rate: 1, T: 1 }
state: random(3)
`, 'p32.yaml');
    const r = computeCurrent(m, 2);
    expect(r.method).toBe('diagonal');
    expect(r.notes.some((n) => n.includes('grouped within float64 round-off'))).toBe(true);
    const dense = computeCurrent(m, 2, { method: 'dense' });
    expect(Math.abs(r.J - dense.J)).toBeLessThanOrEqual(r.error.J + dense.error.J);
  });
});

describe('exact levels on sites of any dimension', () => {
  it('recognises dyadic rationals and only them', () => {
    expect(dyadicOf(0.75)).toEqual({ p: 3n, q: 2 });
    expect(dyadicOf(-2)).toEqual({ p: -2n, q: 0 });
    expect(dyadicOf(Math.sqrt(2) * Math.sqrt(2))).toEqual({ p: 2n, q: 0 });
    expect(dyadicOf(Math.SQRT2)).toBeNull();
    expect(dyadicOf(0.1)).toBeNull();
  });

  it('groups two spin-1 Sz into the levels -2..2 with multiplicities 1, 2, 3, 2, 1', () => {
    const Sz = Float64Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0]);
    const levels = exactSiteLevels([3, 3], 0, [{ re: 1n, im: 0n, sites: [0], mats: [Sz] }, { re: 1n, im: 0n, sites: [1], mats: [Sz] }], 0);
    expect(levels).not.toBeNull();
    const g = groupExactLevels(levels!);
    expect(Array.from(g.spaceEnergy)).toEqual([-2, -1, 0, 1, 2]);
    const sizes = Array.from({ length: 5 }, (_, q) => g.start[q + 1] - g.start[q]);
    expect(sizes).toEqual([1, 2, 3, 2, 1]);
  });
});
