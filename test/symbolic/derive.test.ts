/**
 * Derived closed forms against physics.md's and against the numeric engine: the three reference
 * families exactly (as polynomials), and a property test over random collective models.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCurrent } from '../../src/engine/index.js';
import { loadModelText } from '../../src/lang/index.js';
import { branchAt, deriveFamily, NotDerivable, Poly, Q, type ParityForm } from '../../src/symbolic/index.js';
import { builtin, expectClose } from '../helpers.js';

const L = Poly.variable('L'), g = Poly.variable('g'), w0 = Poly.variable('w0');
const c = (n: number, d = 1) => Poly.constant(Q.of(n, d));
const polyOf = (f: ParityForm, branch: 'even' | 'odd' | 'single'): Poly => {
  const form = f.kind === 'single' ? f.form : f[branch as 'even' | 'odd'];
  const p = form.asPoly();
  if (!p) throw new Error('not a polynomial');
  return p;
};

describe('the reference families, derived', () => {
  it('superradiance: -g w0 L(L+2)/4 (even L), -g w0 (L-1)(L+3)/4 (odd L); B1 = B2 = g w0 L^2', () => {
    const d = deriveFamily(builtin('superradiance'));
    expect(d.J.form.kind).toBe('parity');
    expect(polyOf(d.J.form, 'even').equals(g.mul(w0).mul(L).mul(L.add(c(2))).scale(Q.of(-1, 4)))).toBe(true);
    expect(polyOf(d.J.form, 'odd').equals(g.mul(w0).mul(L.sub(c(1))).mul(L.add(c(3))).scale(Q.of(-1, 4)))).toBe(true);
    expect(polyOf(d.bounds.B1!.form, 'single').equals(g.mul(w0).mul(L.pow(2)))).toBe(true);
    expect(polyOf(d.bounds.B2!.form, 'single').equals(g.mul(w0).mul(L.pow(2)))).toBe(true);
    expect(polyOf(d.terms.deltaE!.form, 'single').equals(w0)).toBe(true);
  });
  it('all-flip: J = -g w0 L^3 = -B1, deltaE = L w0', () => {
    const d = deriveFamily(builtin('allflip'));
    const J = polyOf(d.J.form, 'single');
    expect(J.equals(g.mul(w0).mul(L.pow(3)).neg())).toBe(true);
    expect(polyOf(d.bounds.B1!.form, 'single').equals(J.neg())).toBe(true);
    expect(polyOf(d.terms.deltaE!.form, 'single').equals(w0.mul(L))).toBe(true);
  });
  it('independent: J = -g w0 L, sumA2 = L', () => {
    const d = deriveFamily(builtin('independent'));
    expect(polyOf(d.J.form, 'single').equals(g.mul(w0).mul(L).neg())).toBe(true);
    expect(polyOf(d.terms.sumA2!.form, 'single').equals(L)).toBe(true);
  });
  it('all-flip at fixed T > 0 from the ground state: g w0 L^3 exp(-L w0/T), the bath kills the growth', () => {
    const spec = loadModelText('params: { w0: 1, g: 1, T: 0.5 }\nH: "w0/2 * sum(k, Z[k])"\nchannels:\n  - A: "L * (prod(k, Sp[k]) + prod(k, Sm[k]))"\n    bath: { spectrum: flat, rate: g, T: T }\nstate: down\n', 'allflip-T.yaml');
    const d = deriveFamily(spec);
    const f = d.J.form.kind === 'single' ? d.J.form.form : null;
    expect(f?.terms.length).toBe(1);
    expect(f!.terms[0].base?.text).toBe('exp(-(w0)/(T))');
    expect(f!.terms[0].poly.equals(g.mul(w0).mul(L.pow(3)))).toBe(true);
    for (const Lv of [1, 2, 5, 9]) expectClose(f!.evaluate({ ...d.env, L: Lv }), computeCurrent(spec, Lv).J, 1e-10, `L=${Lv}`, 1e-300);
  });
  it('says why a model is not derivable', () => {
    expect(() => deriveFamily(loadModelText('H: "sum(k, Z[k]*Z[(k+1)%L])"\nchannels:\n  - A: "Jx"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n', 'x.yaml'))).toThrow(NotDerivable);
  });
});

describe('property: derived closed forms agree with the engine', () => {
  const coef = fc.integer({ min: -4, max: 4 }).map((k) => k / 2);
  const model = fc.record({
    hz: fc.constantFrom(1, 0.5, 2, -1.5), h0: coef,
    ax: coef, ay: coef, az: coef, a0: coef, flip: fc.constantFrom(0, 1, 2),
    T: fc.constantFrom(0, 0.7, 2), rate: fc.constantFrom(1, 0.3),
    state: fc.constantFrom('dicke(1)', 'dicke(L-1)', 'dicke(floor(L/2))', 'dicke(ceil(L/2))', 'up', 'down', 'w', 'ghz', 'mix(0.3, up, dicke(L-2))', 'dicke(2)', 'product(1.1, 0.4)', 'product(pi/3, 2)'),
    each: fc.boolean(),
    ohmic: fc.boolean(),
  });
  it('J, Bstate and B1 at L = 3..8', () => {
    fc.assert(fc.property(model, (m) => {
      const A = `${m.ax}*Jx + ${m.ay}*Jy + ${m.az}*Jz + ${m.a0}${m.flip ? ` + ${m.flip}*(prod(k, Sp[k]) + prod(k, Sm[k]))` : ''}`;
      const each = m.each && !['dicke(1)', 'dicke(L-1)', 'dicke(floor(L/2))', 'dicke(ceil(L/2))', 'w', 'ghz', 'mix(0.3, up, dicke(L-2))', 'dicke(2)'].includes(m.state)
        ? `\n  - each: k\n    A: "${m.ax}*X[k] + ${m.az}*Z[k]"\n    bath: { spectrum: flat, rate: ${m.rate}, T: ${m.T} }` : '';
      const text = `params: { T: ${m.T} }\nH: "${m.hz}*Jz + ${m.h0}"\nchannels:\n  - A: "${A}"\n    bath: { spectrum: ${m.ohmic && !m.flip ? 'ohmic' : 'flat'}, rate: ${m.rate}, T: T${m.ohmic && !m.flip ? ', wc: 2.5' : ''} }${each}\nstate: "${m.state}"\n`;
      const spec = loadModelText(text, 'random.yaml');
      const d = deriveFamily(spec);
      for (let Lv = 3; Lv <= 8; Lv++) {
        const r = computeCurrent(spec, Lv);
        const scale = Math.max(1e-9, Math.abs(r.bounds.B1));
        const J = branchAt(d.J.form, Lv).evaluate({ ...d.env, L: Lv });
        expect(Math.abs(J - r.J), `${text} L=${Lv}: J ${J} vs ${r.J}`).toBeLessThanOrEqual(1e-9 * scale);
        const Bs = branchAt(d.bounds.Bstate!.form, Lv).evaluate({ ...d.env, L: Lv });
        expect(Math.abs(Bs - r.bounds.Bstate), `${text} L=${Lv}: Bstate`).toBeLessThanOrEqual(1e-9 * Math.max(1e-9, r.bounds.Bstate));
        if (d.bounds.B1) {
          const B1 = branchAt(d.bounds.B1.form, Lv).evaluate({ ...d.env, L: Lv });
          if (d.bounds.B1.how === 'derived') expect(Math.abs(B1 - r.bounds.B1), `${text} L=${Lv}: B1 ${B1} vs ${r.bounds.B1}`).toBeLessThanOrEqual(1e-9 * scale);
          else expect(B1, `${text} L=${Lv}: the upper bound of B1 is below it`).toBeGreaterThanOrEqual(r.bounds.B1 * (1 - 1e-12));
        }
      }
    }), { seed: 4242, numRuns: 60 });
  });
});
