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
import { sectorInputError } from '../../src/engine/methods/errors.js';
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

  it('the cancelling H: the symmetric method refuses it (its float64 matrix lost digits), dense computes it as decimal.js does (L = 10); the error bound of a sector matrix covers its parts (L = 40)', () => {
    for (const L of [10, 40]) {
      let err: unknown = null;
      try { computeCurrent(model(1e6), L, { method: 'symmetric' }); } catch (e) { err = e; }
      expect(err, `L = ${L}`).toBeInstanceOf(NoMethodError);
      expect((err as NoMethodError).reasons[0].reason).toMatch(/float64 evaluates H as another operator than the model writes/);
    }
    const exact = Number(computePrecise(model(0), 10, { digits: 30 }).J.value.toString());
    const dense = computeCurrent(model(1e6), 10);
    expect(dense.method).not.toBe('symmetric');
    expect(Math.abs(dense.J - exact)).toBeLessThanOrEqual(dense.error.J);
    // In a larger sector the sector matrix's error bound is relative to the size of its parts
    // (sectorMagnitude), so it covers the c L^2 u the cancellation leaves (the matrix itself, j = 20).
    const { inst } = instantiateWithState(model(1e6), 40);
    const H = inst.H.located.expr;
    const cancelled = evalCollective(inst.H, H, inst.scope, 40, 40);
    const plain = evalCollective(inst.H, instantiateWithState(model(0), 40).inst.H.located.expr, instantiateWithState(model(0), 40).inst.scope, 40, 40);
    let worst = 0;
    for (let r = 0; r < 41; r++) {
      const row = (m: typeof cancelled.matrix) => { const out = new Map<number, number>(); for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) out.set(m.col[p], m.re[p]); return out; };
      const a = row(cancelled.matrix), b = row(plain.matrix);
      for (const c of new Set([...a.keys(), ...b.keys()])) worst = Math.max(worst, Math.abs((a.get(c) ?? 0) - (b.get(c) ?? 0)));
    }
    expect(worst).toBeGreaterThan(1e-12);
    expect(worst).toBeLessThanOrEqual(sectorInputError(cancelled.matrix, cancelled.magnitude));
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

  it('operator sums that cancel: 1e17 Jz + Jz - 1e17 Jz (qubits), and 1e17 sum Sz ... - 1e17 sum Sz with a mode, are refused by the symmetric method; auto computes the model as written', () => {
    const qubits = loadModelText(`name: j\nH: "1e17*Jz + Jz - 1e17*Jz"\nchannels:\n  - A: Jx\n    bath: { spectrum: flat, rate: 1, T: 0 }\nstate: up\n`, 'j.yaml');
    expect(() => computeCurrent(qubits, 3, { method: 'symmetric' })).toThrow(/another operator than the model writes/);
    // From up at T = 0 under Jx: J = -w sum_m |<m-1|Jx|m>|^2 ... = -(1/4)(2j) w = -0.75 at L = 3 (the dense method, decimal.js).
    const q = computeCurrent(qubits, 3);
    expect(Math.abs(q.J + 0.75)).toBeLessThanOrEqual(q.error.J);
    const mode = (extra: string) => loadModelText([
      'name: tc-cancel', 'sites:', '  - { name: q, spin: 1/2 }', '  - { name: c, boson: { cutoff: 4 }, count: 1 }',
      'params: { wc: 1, w0: 1, g: 0.1, kappa: 0.05 }',
      `H: "wc*n${extra} + w0*sum(k, Sz[k]) + g*sum(k, a*Sp[k] + adag*Sm[k])"`,
      'channels:', '  - A: "a + adag"', '    bath: { spectrum: flat, rate: kappa, T: 0 }', 'state: up',
    ].join('\n'), 'tc-cancel.yaml');
    const cancelling = mode(' + 1e17*sum(k, Sz[k]) - 1e17*sum(k, Sz[k])');
    expect(() => computeCurrent(cancelling, 4, { method: 'symmetric' })).toThrow(/smaller than its parts in float64|is zero in float64/);
    const plain = computeCurrent(mode(''), 4, { method: 'symmetric' });
    const auto = computeCurrent(cancelling, 4);
    expect(auto.method).toBe('dense');
    expect(Math.abs(auto.J - plain.J)).toBeLessThanOrEqual(auto.error.J + plain.error.J);
  });
});

