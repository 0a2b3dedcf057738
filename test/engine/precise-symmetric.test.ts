/**
 * The precise engine's symmetric path (Decimal arithmetic in the Dicke basis of j = L/2), checked
 * by independent routes: the product-basis precise path (2^L states) on collective models at small
 * L, the closed forms of physics.md §4 at large L, and the float64 symmetric method at L = 50.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  boundNames, computeCurrent, evaluateSystem, preciseSystem, preciseSymmetricSystem, PreciseNotApplicable, type PreciseResult,
} from '../../src/engine/index.js';

import { loadModelText, parseStateText, type ModelSpec } from '../../src/lang/index.js';
import { builtin, fixture } from '../helpers.js';

const collectiveFixtures = [
  'superradiance.yaml', 'allflip.yaml', 'ghz_collective.yaml', 'lmg_degenerate.yaml', 'collective_product.yaml', 'w_state.yaml',
];

/** |a - b| <= (error of a) + (error of b) for J and every bound. */
function expectAgree(a: PreciseResult, b: PreciseResult, what: string): void {
  const check = (x: { value: Decimal; error: Decimal }, y: { value: Decimal; error: Decimal }, name: string) => {
    const diff = x.value.minus(y.value).abs();
    expect(diff.lte(x.error.plus(y.error)), `${what} ${name}: ${x.value} vs ${y.value} (|diff| ${diff.toExponential(3)} > ${x.error.plus(y.error).toExponential(3)})`).toBe(true);
  };
  check(a.J, b.J, 'J');
  for (const k of boundNames) check(a.bounds[k], b.bounds[k], k);
  for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE', 'omegaGammaMax'] as const) check(a.terms[k], b.terms[k], k);
}

const symmetric = (m: ModelSpec, L: number, digits: number, state?: string): PreciseResult =>
  evaluateSystem(preciseSymmetricSystem(m, L, digits, state ? { state: parseStateText(state) } : {}));
const product = (m: ModelSpec, L: number, digits: number, state?: string): PreciseResult =>
  evaluateSystem(preciseSystem(m, L, digits, state ? { state: parseStateText(state) } : {}));

/** Collective models that reach the other branches: a general prod over sites, H not diagonal in the Dicke basis, Jy, dag. */
const extraModels: Record<string, string> = {
  hadamard: `
name: hadamard
params: { w0: 1, g: 0.7, T: 1.3 }
H: "w0 * Jz + 0.3 * Jz^2"
channels:
  - A: "prod(k, (X[k] + Z[k]) / sqrt(2)) + Jy"
    bath: { spectrum: flat, rate: g, T: T }
state: "mix(0.3, product(0.7, 0.2), dicke(1))"
`,
  twisted: `
name: twisted
params: { w0: 1, chi: 0.4, g: 0.5, T: 0.8, wc: 2 }
H: "w0 * Jx + chi * (Jp * Jp + dag(Jp * Jp))"
channels:
  - A: "Jz + 0.5 * prod(k, N[k])"
    bath: { spectrum: ohmic, rate: g, T: T, wc: wc }
  - A: "sum(k, Y[k]) / 2"
    bath: { spectrum: flat, rate: g, T: 0 }
state: "product(2.1, 1.3)"
`,
};

describe('symmetric sector against the product basis (precise, 30 digits)', () => {
  const models: [string, () => ModelSpec][] = [
    ...collectiveFixtures.map((f): [string, () => ModelSpec] => [f, () => fixture(f)]),
    ['models/superradiance', () => builtin('superradiance')],
    ['models/allflip', () => builtin('allflip')],
    ...Object.entries(extraModels).map(([k, text]): [string, () => ModelSpec] => [k, () => loadModelText(text, `${k}.yaml`)]),
  ];
  for (const [name, load] of models) {
    it(`${name}: J, the bounds and the full-space terms agree within the sum of the error bounds, L = 1..6`, () => {
      const model = load();
      for (const L of [1, 2, 3, 4, 5, 6]) {
        const a = symmetric(model, L, 30);
        expect(a.method).toBe('symmetric');
        expect(a.dimension).toBe(L + 1);
        expectAgree(a, product(model, L, 30), `${name} L=${L}`);
        expect(a.J.error.lt('1e-24')).toBe(true);
      }
    });
  }

  it('other symmetric states: up, down, ghz, w, dicke, product with a phase, mixes', () => {
    const model = fixture('lmg_degenerate.yaml');
    for (const state of ['up', 'down', 'ghz', 'w', 'dicke(2)', 'product(2.5, -0.9)', 'mix(0.25, ghz, product(1, 2))']) {
      for (const L of [3, 4]) expectAgree(symmetric(model, L, 30, state), product(model, L, 30, state), `${state} L=${L}`);
    }
  });
});

describe('closed forms of physics.md §4 at large L', () => {
  it('superradiance at L = 100 and 1000, m = 0: J = -g w0 (j+m)(j-m+1), B1 = B2 = g w0 L^2, to 1e-25 relative', () => {
    for (const L of [100, 1000]) {
      const r = symmetric(builtin('superradiance'), L, 30);
      const j = L / 2;
      const expected = new Decimal(-(j * (j + 1))); // g = w0 = 1, m = floor(L/2) - L/2 = 0
      expect(r.J.value.minus(expected).abs().div(expected.abs()).lt('1e-25')).toBe(true);
      expect(r.J.error.div(expected.abs()).lt('1e-25')).toBe(true);
      expect(r.bounds.B1.value.minus(L * L).abs().lt(new Decimal(L * L).times('1e-25'))).toBe(true);
      expect(r.bounds.B2.value.minus(r.bounds.B1.value).abs().lte(r.bounds.B1.error.plus(r.bounds.B2.error))).toBe(true);
      expect(r.notes.some((n) => /linear in the collective spin/.test(n))).toBe(true);
    }
  });

  it('superradiance with params that are not binary fractions, m != 0', () => {
    const model = builtin('superradiance', ['g=0.1', 'w0=0.3']);
    const L = 301, j = new Decimal(L).div(2), m = new Decimal(150).minus(j);
    const r = symmetric(model, L, 40);
    const expected = new Decimal('0.03').times(j.plus(m)).times(j.minus(m).plus(1)).neg();
    expect(r.J.value.minus(expected).abs().lte(r.J.error)).toBe(true);
    expect(r.J.error.div(expected.abs()).lt('1e-35')).toBe(true);
  });

  it('all-flip at L = 200, 50 digits: J = -g w0 L^3 = -B1, |J|/B1 = 1 within 1e-45 (every sector visited)', () => {
    const L = 200;
    const r = symmetric(builtin('allflip'), L, 50);
    expect(r.J.value.eq(-(L ** 3))).toBe(true);
    expect(r.bounds.B1.value.minus(L ** 3).abs().lte(r.bounds.B1.error)).toBe(true);
    expect(r.ratios.B1.value.minus(1).abs().lt('1e-45')).toBe(true);
    expect(r.ratios.B1.error.lt('1e-45')).toBe(true);
    expect(r.holds.B1).toBe('tie');
    expect(r.notes.some((n) => /all 101 total-spin sectors/.test(n))).toBe(true);
  });
});

describe('against the float64 symmetric method at L = 50', () => {
  type B = { value: Decimal; error: Decimal };
  const close = (what: string, a: B, b: number, bErr: number) => {
    expect(Math.abs(a.value.toNumber() - b), `${what}: ${a.value} vs ${b}`).toBeLessThanOrEqual(bErr + a.error.toNumber() + 1e-300);
  };
  /** Both results at L = 50, computed once per fixture (two tests read lmg_degenerate.yaml's). */
  const computed = new Map<string, { p: PreciseResult; q: ReturnType<typeof computeCurrent> }>();
  const run = (f: string) => {
    let r = computed.get(f);
    if (r === undefined) {
      r = { p: symmetric(fixture(f), 50, 30), q: computeCurrent(fixture(f), 50, { method: 'symmetric' }) };
      computed.set(f, r);
    }
    const { p, q } = r;
    // Nothing undecided but, where elements of A lie at or below the zero threshold, the Omega enclosures.
    expect(q.inexact.filter((n) => !/enclosures?, not exact/.test(n))).toEqual([]);
    expect(p.J.error.toNumber()).toBeLessThan(1e-20 * Math.max(1, Math.abs(q.J)));
    return { p, q };
  };

  for (const f of ['superradiance.yaml', 'ghz_collective.yaml']) {
    it(`${f}: J and the bounds within the float64 error bound`, () => {
      const { p, q } = run(f);
      close(`${f} J`, p.J, q.J, q.error.J);
      for (const b of boundNames) close(`${f} ${b}`, p.bounds[b], q.bounds[b], q.error.bounds[b]);
    });
  }

  it('lmg_degenerate.yaml (H diagonal, A = Jx + Jz^2/4, every sector visited): state-independent bounds within the float64 error bound', () => {
    const { p, q } = run('lmg_degenerate.yaml');
    for (const b of ['B1', 'B1coarse', 'B2'] as const) close(`lmg ${b}`, p.bounds[b], q.bounds[b], q.error.bounds[b]);
    // J and Bstate (which depend on the coherent state's amplitudes) agree to 6e-15 relative ...
    expect(Math.abs(p.J.value.toNumber() - q.J)).toBeLessThan(6e-15 * Math.abs(q.J));
    expect(Math.abs(p.bounds.Bstate.value.toNumber() - q.bounds.Bstate)).toBeLessThan(6e-15 * q.bounds.Bstate);
  });

  // ... but that is above the float64 engine's own error bounds (J: |diff| 3.0e-13 > 2.3e-13;
  // Bstate: 2.7e-11 > 1.8e-11), while 30 and 45 digits agree to 3e-37: the float64 round-off
  // estimate of the product state in the Dicke basis was too small; the symmetric method's
  // round-off dimension is now L + 1 whatever H_S.
  it('lmg_degenerate.yaml: J and Bstate within the float64 error bound at L = 50', () => {
    const { p, q } = run('lmg_degenerate.yaml');
    close('lmg J', p.J, q.J, q.error.J);
    close('lmg Bstate', p.bounds.Bstate, q.bounds.Bstate, q.error.bounds.Bstate);
  });

  it('collective_product.yaml (H not diagonal: Decimal eigenbasis in blocks): J, ||H||, W and sum ||A||^2 within the float64 error bound', () => {
    const { p, q } = run('collective_product.yaml');
    close('J', p.J, q.J, q.error.J);
    close('normH', p.terms.normH, q.terms.normH, 1e-12 * q.terms.normH);
    close('width', p.terms.width, q.terms.width, 1e-12 * q.terms.width);
    close('sumA2', p.terms.sumA2, q.terms.sumA2, 1e-12 * q.terms.sumA2);
    // Omega is decided by matrix elements of Jx in the eigenbasis of H that decay exponentially
    // with |w|: float64 certifies those above ~1e-13, Decimal those above ~1e-24, and the rest
    // may be nonzero: both report enclosures, and the Decimal one lies inside the float64 one.
    expect(p.terms.deltaE.value.toNumber()).toBeGreaterThan(q.terms.deltaE);
    expect(q.exact).toBe(false);
    expect(q.upper?.differs).toContain('deltaE');
    expect(p.upper?.differs).toContain('deltaE');
    expect(p.inexact.some((n) => /deltaE, .*are enclosures, not exact/.test(n))).toBe(true);
    const qUp = q.upper!.terms.deltaE, pUp = p.upper!.terms.deltaE;
    expect(p.terms.deltaE.value.toNumber()).toBeLessThanOrEqual(qUp.value + qUp.error);
    expect(pUp.value.toNumber()).toBeLessThanOrEqual(qUp.value + qUp.error + pUp.error.toNumber());
    expect(pUp.value.toNumber()).toBeGreaterThanOrEqual(q.terms.deltaE);
    // The verdicts stand on the enclosures: 'holds' from the lower ends, as before.
    for (const b of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) {
      expect(q.verdicts[b]).toBe('holds');
      expect(p.holds[b]).toBe('holds');
    }
  });
});

describe('where the symmetric path does not apply', () => {
  const reason = (fn: () => unknown): string => {
    try { fn(); } catch (err) {
      expect(err).toBeInstanceOf(PreciseNotApplicable);
      return (err as PreciseNotApplicable).reason;
    }
    return expect.fail('expected PreciseNotApplicable');
  };

  it('models that are not collective', () => {
    expect(reason(() => preciseSymmetricSystem(builtin('independent'), 4, 30))).toMatch(/not collective.*X\[k\].*one site/);
    expect(reason(() => preciseSymmetricSystem(fixture('site_dependent.yaml'), 4, 30))).toMatch(/not collective/);
  });

  it('states outside the symmetric sector, functions of H_S (full-space states) and steady', () => {
    const m = builtin('superradiance');
    for (const s of ['thermal(1)', 'ground', 'top', 'basis("udud")', 'random(3)', 'mix(0.5, up, thermal(2))']) {
      expect(reason(() => preciseSymmetricSystem(m, 4, 30, { state: parseStateText(s) }))).toMatch(/not confined to the symmetric sector/);
    }
    expect(reason(() => preciseSymmetricSystem(fixture('steady_collective.yaml'), 4, 30, { state: parseStateText('mix(0.5, up, steady)') }))).toMatch(/steady/);
  });

  it('steady in the symmetric sector (reached from down) agrees with the float64 symmetric method', () => {
    for (const f of ['steady_collective.yaml', 'steady_parity.yaml']) {
      for (const L of [4, 12, 24]) {
        const p = evaluateSystem(preciseSymmetricSystem(fixture(f), L, 30));
        const q = computeCurrent(fixture(f), L);
        expect(Math.abs(p.J.value.toNumber() - q.J), `${f} L=${L}`).toBeLessThanOrEqual(q.error.J + p.J.error.toNumber());
        p.channels.forEach((c, i) => expect(Math.abs(c.J.value.toNumber() - q.channels[i].J), `${f} L=${L} channel ${i}`).toBeLessThanOrEqual(q.error.J + c.J.error.toNumber()));
      }
    }
  });

  it('blocks beyond the Decimal eigensolver', () => {
    // A = Jx + Jz^2/4 is one tridiagonal block of L + 1 states in the top sector.
    expect(reason(() => preciseSymmetricSystem(fixture('lmg_degenerate.yaml'), 64, 30))).toMatch(/block of dimension 65 > 64/);
    const general = loadModelText('name: g\nH: "Jz"\nchannels:\n  - A: "prod(k, X[k] + Z[k])"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n');
    expect(reason(() => preciseSymmetricSystem(general, 64, 30))).toMatch(/neither diagonal nor anti-diagonal/);
  });
});
