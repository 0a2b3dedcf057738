/**
 * float64 coefficients faithful to the model (engine/exact-coefficients): each product term's
 * coefficient is the rounding of its decimal.js value, so a coefficient whose float64 evaluation
 * cancels is not another model; coefficients distinct in decimal.js that are one float64 are listed
 * as inexact. The expected values come from the decimal.js engine at 40 digits and closed forms.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent, computePrecise, instantiate } from '../../src/engine/index.js';
import { channelOperator, coefficientFindings, faithfulTerms, hamiltonianOperator, minRebuildTerms } from '../../src/engine/exact-coefficients.js';
import { evalOperator } from '../../src/engine/operators.js';
import { loadModelText, type ModelSpec } from '../../src/lang/index.js';
import { decimalContext } from '../../src/numeric/index.js';
import { builtin, expectClose } from '../helpers.js';

const D = decimalContext(40);

function model(H: string, A: string, state = 'up', extra = ''): ModelSpec {
  return loadModelText(`name: m\n${extra}params: { g: 1, T: 1 }\nH: "${H}"\nchannels:\n  - A: "${A}"\n    bath: { spectrum: flat, rate: g, T: T }\nstate: ${state}\n`, 'm.yaml');
}

/** J of the decimal.js engine at 40 digits, as a number. */
function preciseJ(m: ModelSpec, L: number): number {
  return computePrecise(m, L, { digits: 40 }).J.value.toNumber();
}

describe('float64 coefficients from their decimal.js values', () => {
  it('1e17*Z[0] + Z[0] - 1e17*Z[0]: the term Z[0] with coefficient 1, not 0 (float64 cancels it)', () => {
    const m = model('1e17*Z[0] + Z[0] - 1e17*Z[0] + Z[1]', 'X[0]');
    const inst = instantiate(m, 2);
    // float64 alone loses the Z[0] term.
    const float = evalOperator(inst.H, inst.H.located.expr, inst.scope, 2);
    expect(float.terms.filter((t) => t.sites.length === 1 && t.sites[0] === 0 && t.cr !== 0).map((t) => t.cr)).toEqual([]);
    const H = hamiltonianOperator(inst);
    expect(H.terms.map((t) => [t.sites, t.cr, t.ci])).toEqual([[[0], 1, 0], [[1], 1, 0]]);
    // up: A = X[0] takes |uu> (E = 2) to |du> (E = 0): J = -2 g (w = 2, flat rate g); the decimal.js engine agrees.
    const exact = preciseJ(m, 2);
    expectClose(exact, -2, 1e-30, 'decimal.js J');
    for (const method of ['dense', 'diagonal'] as const) {
      const r = computeCurrent(m, 2, { method });
      expect(Math.abs(r.J - exact)).toBeLessThanOrEqual(r.error.J);
      expect(r.terms.deltaE).toBe(2);
      expect(r.notes.some((n) => n.startsWith('H: the float64 evaluation of 1 product-term coefficient(s) lost digits'))).toBe(true);
    }
  });

  it('(0.1+0.2-0.3)*X[0]: no term (exactly 0), not 5.55e-17 X[0]; A = Z[0] then commutes with H_S, J = 0 and Omega is empty, exactly', () => {
    const m = model('Z[0] + Z[1]', '(0.1+0.2-0.3)*X[0] + Z[0]');
    const inst = instantiate(m, 2);
    const A = channelOperator(inst, inst.channels[0]);
    expect(A.terms.map((t) => [t.sites, t.cr])).toEqual([[[0], 1]]);
    for (const method of ['dense', 'diagonal'] as const) {
      const r = computeCurrent(m, 2, { method });
      expect(r.J).toBe(0);
      expect(r.terms.deltaE).toBe(0);
      // No element of A near zero between levels: Omega is exact, not an enclosure.
      expect(r.upper).toBeUndefined();
      expect(r.inexact).toEqual([]);
    }
    expect(computePrecise(m, 2, { digits: 40 }).terms.deltaE.value.toNumber()).toBe(0);
  });

  it('(1+1e-17)/2 and 1/2 collide in float64: the dense method lists it as inexact (the diagonal method groups exactly and gives the decimal.js J)', () => {
    // up = |++> + |+-> + |-+> + |--> (X basis, halves): its coherence between the levels c0 - c1
    // and c1 - c0 of c0 X[0] + c1 X[1] is pinched away exactly (they differ by 1e-17) but kept in
    // float64 (both 0), and Z[0] + Z[1] takes both to |++> and |-->.
    const m = model('(1+1e-17)/2*X[0] + 1/2*X[1]', 'Z[0] + Z[1]');
    const exact = preciseJ(m, 2);
    const dense = computeCurrent(m, 2, { method: 'dense' });
    expect(dense.exact).toBe(false);
    expect(dense.inexact.some((t) => t.includes('0.5 and 0.500000000000000005 both 0.5'))).toBe(true);
    // It is listed because the float64 operator's J is another one (the coherence kept).
    expect(Math.abs(dense.J - exact)).toBeGreaterThan(0.1);
    // On the diagonal form of the same model (Z for X) the exact levels decide it.
    const diagonal = computeCurrent(model('(1+1e-17)/2*Z[0] + 1/2*Z[1]', 'X[0] + X[1]', 'dicke(1)'), 2, { method: 'diagonal' });
    expect(diagonal.inexact).toEqual([]);
    const closed = -(1 - Math.exp(-1));
    expect(Math.abs(diagonal.J - closed)).toBeLessThanOrEqual(diagonal.error.J + 1e-15);
  });

  it('v2 sites: 1e17*Sz[0] + Sz[0] - 1e17*Sz[0] on a spin 1 is Sz[0] (closed form from up under Sx: J = -1/2, |<0|Sx|1>|^2 = 1/2 at w = 1)', () => {
    const m = model('1e17*Sz[0] + Sz[0] - 1e17*Sz[0]', 'Sx[0]', 'up', 'sites: { spin: 1 }\n');
    const inst = instantiate(m, 1);
    expect(hamiltonianOperator(inst).terms.map((t) => t.cr)).toEqual([1]);
    // Spin 1, m = 1 -> m = 0 under Sx: |<0|Sx|1>|^2 = 1/2, w = 1, flat rate g = 1: J = -1/2.
    for (const method of ['dense', 'diagonal'] as const) {
      const r = computeCurrent(m, 1, { method });
      expect(Math.abs(r.J + 0.5)).toBeLessThanOrEqual(r.error.J);
    }
  });

  it('the product method too: sum(k, (1e17 + 1 - 1e17) Z[k]) with one-site baths X[k] from up is J = -2 L (each site: w = 2, rate 1), not 0 +- 0', () => {
    const m = loadModelText(`
name: product-cancel
H: "sum(k, (1e17 + 1 - 1e17)*Z[k])"
channels:
  - each: k
    A: "X[k]"
    bath: { spectrum: flat, rate: 1, T: 0.7 }
state: up
`, 'product-cancel.yaml');
    const r = computeCurrent(m, 3, { method: 'product' });
    expect(r.method).toBe('product');
    expect(Math.abs(r.J + 6)).toBeLessThanOrEqual(r.error.J);
    expect(r.notes.some((n) => n.includes('lost digits to cancellation'))).toBe(true);
  });

  it('a sum over sites that cancels (terms 1, -1e17, 1e17 of Z[0]) is Z[0] in the product, dense and diagonal methods (J = -2 from up, as decimal.js)', () => {
    const m = loadModelText(`
name: sum-cancel
params: { T: 1 }
H: "sum(k, (-1)^k * 1e17 * 1e-17^(0^k) * Z[0])"
channels:
  - A: "X[0]"
    bath: { spectrum: flat, rate: 1, T: T }
state: up
`, 'sum-cancel.yaml');
    const exact = Number(computePrecise(m, 3, { digits: 40 }).J.value.toString());
    expectClose(exact, -2, 1e-30, 'decimal.js');
    for (const method of ['product', 'dense', 'diagonal'] as const) {
      const r = computeCurrent(m, 3, { method });
      expect(Math.abs(r.J - exact), method).toBeLessThanOrEqual(r.error.J);
      expect(r.terms.normH, method).toBeCloseTo(1, 12);
    }
  });

  it('a model float64 evaluates exactly keeps its operators bit for bit (the same objects)', () => {
    for (const name of ['allflip', 'independent', 'superradiance']) {
      for (const L of [2, 3, 5, 8]) {
        const inst = instantiate(builtin(name), L);
        const float = evalOperator(inst.H, inst.H.located.expr, inst.scope, L);
        expect(hamiltonianOperator(inst)).toEqual(float);
        for (const ch of inst.channels) expect(channelOperator(inst, ch)).toEqual(evalOperator(ch.origin, ch.origin.located.expr, ch.scope, L));
      }
    }
  });

  it('a sum of more terms than the dimension (and than minRebuildTerms) keeps its float64 coefficients, and a note says so', () => {
    const m = model('(sum(k, X[k] + Y[k] + Z[k]))^3', 'X[0]');
    const inst = instantiate(m, 4);
    const float = evalOperator(inst.H, inst.H.located.expr, inst.scope, 4);
    expect(float.terms.length).toBeGreaterThan(minRebuildTerms);
    expect(hamiltonianOperator(inst)).toEqual(float);
    expect(coefficientFindings(inst).map((f) => f.text)).toEqual([`H: ${float.terms.length} product terms, more than the 64 evaluated again in decimal.js here: the coefficients are their float64 evaluations (a cancellation in them is not detected)`]);
  });

  it('faithfulTerms returns float itself when every rounding agrees, and counts terms only one side has', () => {
    const m = model('0.1*Z[0] + 0.2*Z[1]', 'X[0]');
    const inst = instantiate(m, 2);
    const float = evalOperator(inst.H, inst.H.located.expr, inst.scope, 2);
    const dec = (x: number) => new D(x);
    const same = faithfulTerms(float, { terms: float.terms.map((t) => ({ c: { re: dec(t.cr), im: dec(0) }, sites: t.sites, mats: t.mats })) });
    expect(same.op).toBe(float);
    expect(same.changed).toBe(0);
    const dropped = faithfulTerms(float, { terms: [{ c: { re: dec(0.1), im: dec(0) }, sites: float.terms[0].sites, mats: float.terms[0].mats }] });
    expect(dropped.op.terms.length).toBe(1);
    expect(dropped.cancelled).toBe(1);
  });
});

describe('the diagonal method: Bohr frequencies from the exact levels', () => {
  it('1e17*Z[0] + 2*Z[1] + 3*Z[2] under X[1] + X[2] from up: J = -(4 + 6) g, DeltaE = 6, B2 = 6 * 4 (closed forms; float64 levels gave 0 +- 1.6e3)', () => {
    const m = model('1e17*Z[0] + 2*Z[1] + 3*Z[2]', 'X[1] + X[2]');
    const r = computeCurrent(m, 3, { method: 'diagonal' });
    expect(Math.abs(r.J + 10)).toBeLessThanOrEqual(r.error.J);
    expect(r.error.J).toBeLessThan(1e-9);
    expect(r.terms.deltaE).toBe(6);
    expect(r.termErrors.terms.deltaE).toBeLessThan(1e-12);
    expect(Math.abs(r.bounds.B2 - 24)).toBeLessThanOrEqual(r.error.bounds.B2);
    expect(r.error.bounds.B2).toBeLessThan(1e-9);
    // The dense method groups a diagonal H_S as the diagonal method does, with its Bohr frequencies
    // (its eigenvalue errors, from the float64 levels of size 1e17, stay in J's error).
    const dense = computeCurrent(m, 3, { method: 'dense' });
    expect(Math.abs(dense.J + 10)).toBeLessThanOrEqual(dense.error.J);
    expect(dense.J).toBeCloseTo(-10, 9);
    expect(dense.terms.deltaE).toBe(6);
    // The decimal.js engine at 40 digits agrees.
    expectClose(preciseJ(m, 3), -10, 1e-30, 'decimal.js J');
  });

  it('a steady state between two baths from the exact Bohr frequencies: the channels\' currents of the decimal.js engine', () => {
    const bath = (T: string) => `    bath: { spectrum: flat, rate: g, T: ${T} }`;
    const m = loadModelText([
      'name: m', 'params: { g: 1, Th: 2, Tc: 0.5 }', 'H: "1e17*Z[0] + 2*Z[1] + 3*Z[2] + Z[1]*Z[2]"',
      'channels:', '  - A: "X[0] + X[1]"', bath('Th'), '  - A: "X[1] + X[2]"', bath('Tc'), 'state: steady', '',
    ].join('\n'), 'm.yaml');
    const exact = computePrecise(m, 3, { digits: 40 }).channels.map((c) => c.J.value.toNumber());
    expect(exact[0]).toBeGreaterThan(0.29);
    const r = computeCurrent(m, 3, { method: 'diagonal' });
    r.channels.forEach((c, i) => expectClose(c.J, exact[i], 1e-12, `J of channel ${i}`));
  });

  it('v2 sites: 1e17*Sz[0] + 2*Sz[1] on two spins 1 under Sx[1] from up: J = -1 (|<0|Sx|1>|^2 = 1/2 at w = 2), DeltaE = 2', () => {
    const m = model('1e17*Sz[0] + 2*Sz[1]', 'Sx[1]', 'up', 'sites: { spin: 1 }\n');
    const r = computeCurrent(m, 2, { method: 'diagonal' });
    // m = 1 -> 0 on site 1: |<0|Sx|1>|^2 = 1/2, w = 2, flat rate 1: J = -1.
    expect(Math.abs(r.J + 1)).toBeLessThanOrEqual(r.error.J);
    expect(r.error.J).toBeLessThan(1e-9);
    expect(r.terms.deltaE).toBe(2);
  });
});

describe('the diagonal method: thermal states from the exact levels', () => {
  it('thermal(1) of 1e17*Z[0] + 2*Z[1] + 3*Z[2] under a bath at T = 2: the decimal.js J (float64 levels: equal weights inside each cluster, an infinite error)', () => {
    const m = loadModelText('name: m\nparams: { g: 1 }\nH: "1e17*Z[0] + 2*Z[1] + 3*Z[2]"\nchannels:\n  - A: "X[1] + X[2]"\n    bath: { spectrum: flat, rate: g, T: 2 }\nstate: thermal(1)\n', 'm.yaml');
    const exact = preciseJ(m, 3);
    expect(Math.abs(exact)).toBeGreaterThan(0.1);
    const r = computeCurrent(m, 3, { method: 'diagonal' });
    expect(Math.abs(r.J - exact)).toBeLessThanOrEqual(r.error.J);
    expect(r.error.J).toBeLessThan(1e-9);
  });
});
