/**
 * The symmetric method's shared decisions (engine/symmetric-plan, engine/dicke-states) as laws
 * run over both fields, float64 and decimal.js (QuTiP's pattern: one test body per
 * specialisation), and the two engines' symmetric results against each other on random
 * collective models.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  boundNames, computeCurrent, evaluateSystem, preciseSectorBudget, preciseSymmetricSystem, PreciseNotApplicable,
} from '../../src/engine/index.js';
import { sectorBudget } from '../../src/engine/methods/symmetric.js';
import {
  FullSpectrum, closeTail, decimalSpin, float64Spin, linearExtremes, linearNorm, lowerSectors, maxOmegaStats, planSectors,
  realLinearSpin, spectrumTerms, spinSectors, symmetricTexts, type SpinScalars,
} from '../../src/engine/symmetric-plan.js';
import { decimalDicke, float64Dicke, realiseDickeIn, steadyStartIn, type DickeVectors } from '../../src/engine/dicke-states.js';
import type { StateParameters, StateSpec } from '../../src/engine/states.js';
import { decimalContext, hermiticityTolerance, mulberry32 } from '../../src/numeric/index.js';
import { loadModelText } from '../../src/lang/index.js';

/** A seeded uniform generator on [0, 1) (mulberry32). */
const rng = mulberry32;

const D30 = decimalContext(35, Decimal.ROUND_HALF_EVEN);
const fields: [string, SpinScalars<unknown>, DickeVectors<unknown, unknown>][] = [
  ['float64', float64Spin as SpinScalars<unknown>, float64Dicke as DickeVectors<unknown, unknown>],
  ['decimal(35)', decimalSpin(D30) as SpinScalars<unknown>, decimalDicke(D30) as DickeVectors<unknown, unknown>],
];

describe('the total-spin sectors of L qubits', () => {
  it('2j = L, L-2, ..., L mod 2; multiplicities C(L, k) - C(L, k-1); dimensions times multiplicities sum to 2^L', () => {
    expect(spinSectors(3)).toEqual([{ twoJ: 3, dimension: 4, multiplicity: 1n }, { twoJ: 1, dimension: 2, multiplicity: 2n }]);
    expect(spinSectors(4).map((s) => s.multiplicity)).toEqual([1n, 3n, 2n]);
    for (let L = 0; L <= 80; L++) {
      const s = spinSectors(L);
      expect(s[0].twoJ).toBe(L);
      expect(s[s.length - 1].twoJ).toBe(L % 2);
      expect(s.every((x) => x.multiplicity > 0n && x.dimension === x.twoJ + 1)).toBe(true);
      expect(s.reduce((a, x) => a + BigInt(x.dimension) * x.multiplicity, 0n)).toBe(2n ** BigInt(L));
      expect(lowerSectors(L)).toEqual(s.slice(1).map((x) => x.twoJ));
    }
  });

  it('one budget mechanism: the sum of the costs over the lower sectors, times a factor, at most the budget', () => {
    expect(planSectors(4, (n) => n, 3)).toEqual({ sectors: [2, 0], cost: 4, within: false });
    expect(planSectors(4, (n) => n, 4)).toEqual({ sectors: [2, 0], cost: 4, within: true });
    expect(planSectors(4, (n) => n, 7, 2)).toEqual({ sectors: [2, 0], cost: 8, within: false });
    expect(planSectors(1, () => 1e99, 0)).toEqual({ sectors: [], cost: 0, within: true });
  });
});

for (const [name, S, V] of fields) {
  const F = S.F;
  const n = (x: unknown): number => F.toNumber(x);
  const c = (re: number, im = 0) => ({ re: F.fromNumber(re), im: F.fromNumber(im) });

  describe(`the linear-spin shortcut over ${name}`, () => {
    it('a real form is kept, a complex one dropped; extremes c0 -+ |c| j, the norm max |E|, W = 2 |c| j', () => {
      expect(realLinearSpin(S, null)).toBeNull();
      expect(realLinearSpin(S, [c(1), c(0, 1e-3), c(0), c(0)])).toBeNull();
      const r = rng(7);
      for (let t = 0; t < 50; t++) {
        const co = [r() - 0.5, 4 * r() - 2, 4 * r() - 2, 4 * r() - 2];
        const lin = realLinearSpin(S, co.map((x) => c(x, 1e-3 * n(S.imaginaryTolerance))));
        expect(lin, 'an imaginary part far below the tolerance').not.toBeNull();
        const twoJ = Math.floor(r() * 200);
        const x = linearExtremes(S, lin!, twoJ);
        const abs = Math.hypot(co[1], co[2], co[3]);
        expect(n(x.min)).toBeCloseTo(co[0] - (abs * twoJ) / 2, 10);
        expect(n(x.max)).toBeCloseTo(co[0] + (abs * twoJ) / 2, 10);
        expect(n(linearNorm(S, lin!, twoJ))).toBe(Math.max(Math.abs(n(x.min)), Math.abs(n(x.max))));
        const terms = spectrumTerms(F, x);
        expect(F.cmp(terms.width, F.sub(x.max, x.min))).toBe(0);
      }
    });
    it('a linear form is complex by the one Hermiticity rule of the field: imaginary parts up to its tolerance x max(1, |c|) pass, above fail', () => {
      const tol = hermiticityTolerance(F);
      expect(F.cmp(S.imaginaryTolerance, tol)).toBe(0);
      // magnitude 4 (scale 4): 0.9 x 4 tol passes, 1.1 x 4 tol does not.
      const at = (f: number) => [c(0), c(0), c(0), { re: F.fromNumber(4), im: F.mul(F.fromNumber(4 * f), tol) }];
      expect(realLinearSpin(S, at(0.9))).not.toBeNull();
      expect(realLinearSpin(S, at(1.1))).toBeNull();
    });
  });

  describe(`the fold of the sectors over ${name}`, () => {
    it('FullSpectrum: every energy kept, extremes over all sectors, ||H_S|| = max |E|', () => {
      const s = new FullSpectrum(F, [-1, 0.5, 2].map(F.fromNumber));
      s.add([-3, 1].map(F.fromNumber));
      s.add([0].map(F.fromNumber));
      expect(s.energies.map(n)).toEqual([-1, 0.5, 2, -3, 1, 0]);
      expect([n(s.min), n(s.max)]).toEqual([-3, 2]);
      expect([n(s.terms().normH), n(s.terms().width)]).toEqual([3, 5]);
    });

    it('Omega statistics: the larger of each; closeTail: Bohr frequencies when the bath allows', () => {
      const st = (a: number, b: number, x: number) => ({ deltaE: F.fromNumber(a), gammaMax: F.fromNumber(b), omegaGammaMax: F.fromNumber(x) });
      const m = maxOmegaStats(F, maxOmegaStats(F, undefined, st(1, 5, 2)), st(3, 4, 2));
      expect([n(m.deltaE), n(m.gammaMax), n(m.omegaGammaMax)]).toEqual([3, 5, 2]);
      const merged: string[] = [];
      const kit = (bohr: boolean) => ({ bohr: (e: readonly unknown[]) => (bohr ? `bohr(${e.length})` : null), merge: (t: readonly string[], f?: string) => { merged.push(f!); return t.join('+'); } });
      expect(closeTail(kit(true), 'omega', [1, 2, 3])).toBe('omega+bohr(3)');
      expect(closeTail(kit(false), 'omega', [1, 2, 3])).toBe('omega');
      expect(merged).toEqual(['bohr', 'omega']);
    });
  });

  describe(`states in the Dicke basis over ${name}`, () => {
    const params: StateParameters<unknown> = {
      origin: null, node: null, real: (_i, _what, value) => F.fromNumber(value), child: () => params,
    };
    const amps = (v: unknown): number[][] => {
      const x = v as { re?: Float64Array; im?: Float64Array; amp?: { re: unknown; im: unknown }[] };
      return x.amp ? x.amp.map((a) => [n(a.re), n(a.im)]) : Array.from(x.re!, (re, i) => [re, x.im![i]]);
    };
    const norm2 = (v: unknown): number => amps(v).reduce((s, [re, im]) => s + re * re + im * im, 0);

    it('up, down, ghz, w, dicke(n): basis vectors of the sector (index = number of up spins)', () => {
      const L = 5;
      const one = (s: StateSpec) => realiseDickeIn(V, params, s, L).vectors;
      expect(amps(one({ kind: 'up' })[0]).map(([re]) => re)).toEqual([0, 0, 0, 0, 0, 1]);
      expect(amps(one({ kind: 'down' })[0]).map(([re]) => re)).toEqual([1, 0, 0, 0, 0, 0]);
      expect(amps(one({ kind: 'w' })[0]).map(([re]) => re)).toEqual([0, 1, 0, 0, 0, 0]);
      expect(amps(one({ kind: 'dicke', n: 3 })[0]).map(([re]) => re)).toEqual([0, 0, 0, 1, 0, 0]);
      expect(norm2(one({ kind: 'ghz' })[0])).toBeCloseTo(1, 14);
      expect(amps(steadyStartIn(V, L)).map(([re]) => re), 'steady starts from down').toEqual(amps(one({ kind: 'down' })[0]).map(([re]) => re));
    });

    it('product(theta, phi) is normalised; a mix carries weights p and 1 - p; steady and steady(S) are kept aside', () => {
      const r = rng(3);
      for (let t = 0; t < 10; t++) {
        const L = 1 + Math.floor(r() * 40), theta = 2 * Math.PI * r(), phi = 2 * Math.PI * r();
        const [v] = realiseDickeIn(V, params, { kind: 'product', theta, phi }, L).vectors;
        expect(norm2(v)).toBeCloseTo(1, 12);
      }
      const mix = realiseDickeIn(V, params, { kind: 'mix', p: 0.25, a: { kind: 'up' }, b: { kind: 'mix', p: 0.5, a: { kind: 'down' }, b: { kind: 'steady' } } }, 3);
      expect(mix.vectors.map((v) => n(v.weight))).toEqual([0.25, 0.375]);
      expect(n(mix.steadyWeight)).toBe(0.375);
      const from = realiseDickeIn(V, params, { kind: 'steadyFrom', from: { kind: 'w' } }, 3);
      expect(from.vectors).toEqual([]);
      expect(amps(from.steadyFrom![0].start.vectors[0]).map(([re]) => re)).toEqual([0, 1, 0, 0]);
      // Functions of H_S live in every total-spin sector: kept aside as functions (the method realises them per sector).
      const fn = realiseDickeIn(V, params, { kind: 'mix', p: 0.25, a: { kind: 'ground' }, b: { kind: 'thermal', T: 2 } }, 3);
      expect(fn.vectors).toEqual([]);
      expect(fn.functions.map((x) => [n(x.weight), x.f.kind])).toEqual([[0.25, 'ground'], [0.75, 'thermal']]);
      expect(() => realiseDickeIn(V, params, { kind: 'random', seed: 1 }, 3)).toThrow(/not a state of the symmetric sector/);
    });
  });
}

describe('float64 and 30 digits on random collective models', () => {
  const r = rng(20251203);
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(r() * xs.length)];
  const num = (): string => (Math.round((r() * 2 - 1) * 1000) / 1000).toString();
  for (let t = 0; t < 8; t++) {
    const H = pick([`${num()} * Jz`, `Jz + ${num()} * Jz^2`, `${num()} * Jz + 0.5 * Jx`, `sum(k, Z[k]) / 2 + ${num()} * Jz * Jz`]);
    const A = pick(['Jx', `Jz + ${num()} * Jx`, 'Jp + Jm', `sum(k, X[k]) + ${num()} * Jz^2`, 'Jy']);
    const bath = pick(['{ spectrum: flat, rate: 0.7, T: 1.3 }', '{ spectrum: ohmic, rate: 0.4, T: 0.6, wc: 2 }', '{ spectrum: flat, rate: 1, T: 0 }']);
    const state = pick(['up', 'dicke(1)', 'product(0.7, 0.3)', 'mix(0.4, ghz, down)', 'w']);
    const L = 2 + Math.floor(r() * 14);
    const text = `name: random${t}\nH: "${H}"\nchannels:\n  - A: "${A}"\n    bath: ${bath}\nstate: "${state}"\n`;
    it(`H = ${H}, A = ${A}, ${state}, L = ${L}: J, the bounds and the terms agree within both error bounds`, () => {
      const m = loadModelText(text);
      const q = computeCurrent(m, L, { method: 'symmetric' });
      const p = evaluateSystem(preciseSymmetricSystem(m, L, 30));
      const close = (what: string, a: { value: Decimal; error: Decimal }, b: number, bErr: number) =>
        expect(Math.abs(a.value.toNumber() - b), `${what}: ${a.value} vs ${b}`).toBeLessThanOrEqual(bErr + a.error.toNumber() + 1e-12 * Math.abs(b) + 1e-300);
      close('J', p.J, q.J, q.error.J);
      for (const b of boundNames) close(b, p.bounds[b], q.bounds[b], q.error.bounds[b]);
      close('normH', p.terms.normH, q.terms.normH, 0);
      close('width', p.terms.width, q.terms.width, 0);
      expect(p.notes.some((x) => x.startsWith('full-space terms: exact'))).toBe(true);
      expect(q.notes.some((x) => x.startsWith('full-space terms: exact'))).toBe(true);
    });
  }
});

describe('budget reasons, one text each', () => {
  const allflip = loadModelText('name: allflip\nparams: { w0: 1, g: 1 }\nH: "w0 * Jz"\nchannels:\n  - A: "prod(k, X[k])"\n    bath: { spectrum: flat, rate: g, T: 0 }\nstate: up\n');

  it('Decimal: over preciseSectorBudget the symmetric path does not apply, saying how long it would take', () => {
    let reason = '';
    try { preciseSymmetricSystem(allflip, 2000, 30); } catch (err) {
      expect(err).toBeInstanceOf(PreciseNotApplicable);
      reason = (err as PreciseNotApplicable).reason;
    }
    expect(reason).toMatch(/^H_S or an A is not linear in the collective spin, so the full-space terms need all 1001 total-spin sectors: about \d+ s in Decimal \(budget 30 s\)$/);
    expect(symmetricTexts.overBudget(3, 4e7, preciseSectorBudget)).toBe('H_S or an A is not linear in the collective spin, so the full-space terms need all 3 total-spin sectors: about 40 s in Decimal (budget 30 s)');
  });

  it('float64: over sectorBudget the terms come from j = L/2 only and are marked inexact (lower bounds)', () => {
    // H not diagonal in the Dicke basis: a dense eigendecomposition per lower sector, about n^3
    // operations each, L^4 / 8 in all, beyond sectorBudget at L = 300.
    const twisted = loadModelText('name: twisted\nH: "Jz + 0.3 * Jx * Jx"\nchannels:\n  - A: "Jx"\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: up\n');
    expect(300 ** 4 / 8).toBeGreaterThan(sectorBudget);
    const q = computeCurrent(twisted, 300, { method: 'symmetric' });
    expect(q.inexact).toContain(symmetricTexts.topOnly(151));
    const small = computeCurrent(twisted, 40, { method: 'symmetric' });
    expect(small.notes).toContain(symmetricTexts.fromAll(21));
    expect(small.inexact.filter((x) => x.startsWith('normH, width, normA'))).toEqual([]);
  });
});
