/**
 * The decimal.js engine (issue 4): closed forms of physics.md §4 at 50 digits, agreement with the
 * float64 engine within the float64 error bound on every fixture, agreement of two precisions
 * within the lower one's error bound, the second method (the dissipator), and its limits.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  computeCurrent, computePrecise, dissipatorCurrent, evaluateSystem, pinchState, preciseSystem, PreciseNotApplicable,
  boundNames,
} from '../../src/engine/index.js';
import { loadModelText, parseStateText } from '../../src/lang/index.js';
import { oneMinusExpNeg, precision } from '../../src/numeric/index.js';
import { builtin, fixture, root } from '../helpers.js';

const fixtures = readdirSync(join(root, 'test', 'fixtures', 'models')).filter((f) => f.endsWith('.yaml'));

describe('closed forms in Decimal', () => {
  it('all-flip at 50 digits: |J|/B1 = 1 within 1e-45, called equality, not a violation', () => {
    for (const L of [1, 2, 3, 5, 7]) {
      const r = computePrecise(builtin('allflip'), L, { digits: 50 });
      expect(r.J.value.eq(-(L ** 3))).toBe(true); // -g w0 L^3 with g = w0 = 1
      expect(r.ratios.B1.value.minus(1).abs().lt('1e-45')).toBe(true);
      expect(r.ratios.B1.error.lt('1e-45')).toBe(true);
      expect(r.holds.B1).toBe('tie');
      expect(r.digitsUsed).toBe(100); // the tie was recomputed at more digits
      expect(r.notes.some((n) => /equality, not a violation/.test(n))).toBe(true);
    }
  });

  it('superradiance: J = -g w0 (j+m)(j-m+1), B1 = B2 = g w0 L^2, with params that are not binary fractions', () => {
    const model = builtin('superradiance', ['g=0.1', 'w0=0.3']);
    for (const L of [2, 3, 4, 6]) {
      const j = L / 2, m = Math.floor(L / 2) - L / 2;
      const r = computePrecise(model, L, { digits: 40 });
      const expected = new Decimal('0.03').times((j + m) * (j - m + 1)).neg();
      expect(r.J.value.minus(expected).abs().lte(r.J.error)).toBe(true);
      expect(r.J.error.lt('1e-35')).toBe(true);
      expect(r.bounds.B1.value.minus(new Decimal('0.03').times(L * L)).abs().lte(r.bounds.B1.error)).toBe(true);
      expect(r.bounds.B2.value.eq(r.bounds.B1.value)).toBe(true);
    }
  });

  it('independent: every channel saturates B1, J = -g w0 L', () => {
    const r = computePrecise(builtin('independent'), 4, { digits: 30 });
    expect(r.J.value.eq(-4)).toBe(true);
    expect(r.holds.B1).toBe('tie');
    expect(r.holds.B1coarse).toBe('holds');
  });
});

describe('Decimal against float64', () => {
  for (const f of fixtures) {
    it(`${f}: J and the bounds agree within the float64 error bound`, () => {
      const model = fixture(f);
      for (const L of [1, 2, 3, 4]) {
        let p;
        try { p = computePrecise(model, L, { digits: 30 }); } catch (err) {
          expect(err).toBeInstanceOf(PreciseNotApplicable); // steady states are float64-only
          continue;
        }
        const q = computeCurrent(model, L);
        const close = (a: Decimal, aErr: Decimal, b: number, bErr: number, what: string) => {
          expect(Math.abs(a.toNumber() - b), `${f} L=${L} ${what}: ${a} vs ${b}`).toBeLessThanOrEqual(bErr + aErr.toNumber() + 1e-300);
        };
        close(p.J.value, p.J.error, q.J, q.error.J, 'J');
        if (q.inexact.length === 0) for (const b of boundNames) close(p.bounds[b].value, p.bounds[b].error, q.bounds[b], q.error.bounds[b], b);
        // The Decimal error is far below float64's.
        expect(p.J.error.toNumber()).toBeLessThan(1e-20 * Math.max(1, Math.abs(q.J)));
      }
    });
  }
});

describe('two precisions', () => {
  it('30 and 60 digits agree within the 30-digit error bound (dense and diagonal paths)', () => {
    for (const f of ['tfim_periodic.yaml', 'y_terms.yaml', 'ising_thermal.yaml', 'custom_gamma.yaml', 'ohmic.yaml']) {
      const a = computePrecise(fixture(f), 3, { digits: 30, maxDigits: 30 });
      const b = computePrecise(fixture(f), 3, { digits: 60, maxDigits: 60 });
      expect(a.J.value.minus(b.J.value).abs().lte(a.J.error.plus(b.J.error)), f).toBe(true);
      for (const k of boundNames) expect(a.bounds[k].value.minus(b.bounds[k].value).abs().lte(a.bounds[k].error.plus(b.bounds[k].error)), `${f} ${k}`).toBe(true);
      expect(b.J.error.lt(a.J.error.times('1e-25')) || b.J.error.isZero()).toBe(true);
    }
  });
});

describe('the dissipator, a second method', () => {
  it('Tr[H D(rho)] equals the kernel J, and is unchanged by pinching the state', () => {
    for (const f of ['tfim_periodic.yaml', 'xx_chain.yaml', 'y_terms.yaml', 'lmg_degenerate.yaml', 'w_state.yaml']) {
      const model = fixture(f);
      const state = parseStateText('random(5)', '<test>', '--state', model.params.map((p) => p.name));
      const sys = preciseSystem(model, 3, 30, { state });
      const kernel = evaluateSystem(sys).J;
      const full = dissipatorCurrent(sys);
      expect(full.minus(kernel.value).abs().lte(kernel.error.plus('1e-25')), f).toBe(true);
      expect(dissipatorCurrent(sys, pinchState(sys)).minus(full).abs().lt('1e-25'), f).toBe(true);
    }
  });
});

describe('near degeneracies and small frequencies (found by review)', () => {
  const neardeg = (eps: string) => loadModelText(`name: neardeg\nparams: { eps: ${eps} }\nH: "Z[L-1] + eps*Z[0]"\nchannels:\n  - A: "X[L-1] + X[0]*X[L-1]"\n    bath: { spectrum: flat, rate: 1 }\nstate: "product(pi/2, 0)"\n`, 'neardeg.yaml');
  it('levels split by 1e-32 are resolved at 30 digits (J = -2 as for any larger split), and a split below the working precision is reported inexact', () => {
    for (const eps of ['1e-10', '1e-25', '1e-32']) {
      const r = computePrecise(neardeg(eps), 2, { digits: 30 });
      expect(r.J.value.minus(-2).abs().lte(r.J.error), eps).toBe(true);
      expect(r.inexact, eps).toEqual([]);
    }
    const r = computePrecise(neardeg('1e-39'), 2, { digits: 30, maxDigits: 30 });
    expect(r.inexact.some((m) => /grouped as one eigenspace/.test(m))).toBe(true);
    expect(computePrecise(neardeg('1e-39'), 2, { digits: 60 }).J.value.toNumber()).toBeCloseTo(-2, 12);
  });
  it('1 - exp(-x) keeps its digits for tiny x (ohmic spectra at small Bohr frequencies)', () => {
    const D = precision(30).D;
    const x = new D('2e-25');
    // 1 - e^-x = x - x^2/2 + x^3/6 - ...
    expect(oneMinusExpNeg(D, x).minus(x.minus(x.pow(2).div(2))).abs().lt('1e-70')).toBe(true);
    const y = new D('0.3');
    expect(oneMinusExpNeg(D, y).minus(new D(1).minus(y.neg().exp())).abs().lt('1e-38')).toBe(true);
  });
});

describe('limits of the precise engine', () => {
  it('says why it does not apply', () => {
    expect(() => computePrecise(builtin('independent'), 11)).toThrow(/2\^L/);
  });
});
