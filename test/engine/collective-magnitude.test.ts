/**
 * The size bound of a collective operator in a sector (engine/collective sectorMagnitude), against
 * which the symmetric method measures the round-off of its float64 sector matrices. A sum that
 * cancels exactly, Jz + c (J+ J- - J- J+ - 2 Jz) = Jz, is computed with errors of about c L^2 u: its
 * error bound must cover them. The exact values: the model with c = 0 (the same operator), computed
 * by the symmetric and the dense method, and by decimal.js at 30 digits.
 */
import { describe, expect, it } from 'vitest';
import { NoMethodError, computeCurrent, computePrecise } from '../../src/engine/index.js';
import { evalCollective, sectorMagnitude } from '../../src/engine/collective.js';
import { instantiateWithState } from '../../src/engine/family.js';
import { loadModelText } from '../../src/lang/index.js';

const model = (c: number) => loadModelText(`
name: cancel
params: { c: ${c} }
H: "Jz + 0.3*Jz*Jz + c*(Jp*Jm - Jm*Jp - 2*Jz)"
channels:
  - A: "Jx"
    bath: { spectrum: flat, rate: 1, T: 0.7 }
state: thermal(1)
`, 'cancel.yaml');

describe('the size of a collective operator bounds its exact norm, also where the computed matrix cancelled', () => {
  it('magnitudes: |Jz| = j, |Jx| <= j + 1/2, sums of moduli, products, a site sum L times its body', () => {
    const { inst } = instantiateWithState(model(1e6), 10);
    const m = (text: string, twoJ: number) => {
      const e = loadModelText(`name: m\nH: "${text}"\nchannels:\n  - A: Jx\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n`, 'm.yaml').H.expr;
      return sectorMagnitude(inst.H, e, inst.scope, 10, twoJ, 1);
    };
    expect(m('Jz', 10)).toBe(5);
    expect(m('Jx', 10)).toBe(5.5);
    expect(m('2*Jz - 3*Jx', 10)).toBe(10 + 16.5);
    expect(m('Jz*Jz*Jz', 6)).toBe(27);
    expect(m('sum(k, X[k] - 0.5*Z[k])', 10)).toBe(10 * 1.5);
    // The cancelling sum: its size is that of its parts, c (2 (j + 1/2)^2 + 2 j), not of Jz.
    const H = inst.H.located.expr;
    expect(sectorMagnitude(inst.H, H, inst.scope, 10, 10, 1)).toBeCloseTo(5 + 0.3 * 25 + 1e6 * (2 * 5.5 ** 2 + 10), 3);
    const op = evalCollective(inst.H, H, inst.scope, 10, 10);
    expect(op.magnitude).toBe(sectorMagnitude(inst.H, H, inst.scope, 10, 10, 1));
  });

  it('the symmetric method on the cancelling H: J within its error bound of the exact J (L = 10, 40)', () => {
    for (const L of [10, 40]) {
      const got = computeCurrent(model(1e6), L, { method: 'symmetric' });
      // The same operator written without the cancelling part: decimal.js at 30 digits in the
      // product basis at L = 10; at L = 40 the symmetric method (with its own error bound).
      const plain = computeCurrent(model(0), L, { method: 'symmetric' });
      const exact = L <= 10 ? { J: Number(computePrecise(model(0), L, { digits: 30 }).J.value.toString()), error: 0 } : { J: plain.J, error: plain.error.J };
      expect(Math.abs(got.J - exact.J), `L = ${L}: ${got.J} vs ${exact.J}, error ${got.error.J}`).toBeLessThanOrEqual(got.error.J + exact.error);
      // The cancellation is real: the float64 J is off by more than the c = 0 model's error bound.
      expect(Math.abs(got.J - exact.J)).toBeGreaterThan(plain.error.J + exact.error);
    }
  });

  it('a coefficient that cancels in float64 ((1e17 + 1 - 1e17) Jz, also inside a site sum) is refused by the symmetric method, and auto computes the model as written', () => {
    for (const H of ['(1e17 + 1 - 1e17)*Jz + 0.2*Jz*Jz', 'sum(k, (1e17 + 1 - 1e17)/2*Z[k]) + 0.2*Jz*Jz']) {
      const m = loadModelText(`name: sc\nH: "${H}"\nchannels:\n  - A: Jx\n    bath: { spectrum: flat, rate: 1, T: 0.7 }\nstate: up\n`, 'sc.yaml');
      let err: unknown = null;
      try { computeCurrent(m, 3, { method: 'symmetric' }); } catch (e) { err = e; }
      expect(err, H).toBeInstanceOf(NoMethodError);
      expect((err as NoMethodError).reasons[0].reason).toMatch(/float64 evaluates H as another operator than the model writes/);
      const exact = Number(computePrecise(m, 3, { digits: 30 }).J.value.toString());
      const auto = computeCurrent(m, 3);
      expect(Math.abs(auto.J - exact), `${H}: ${auto.method} ${auto.J} vs ${exact}`).toBeLessThanOrEqual(auto.error.J);
    }
  });
});
