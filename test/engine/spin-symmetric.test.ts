/**
 * The symmetric method on L spins s (issue 16 item 2: permutation-symmetric spin-s ensembles),
 * against independent values:
 *   - a v2 model of spin-1/2 sites written with Sx, Sy, Sz against the v1 model written with X, Y, Z;
 *   - spin 1 and spin 3/2 at L = 2..4 against numpy on the full (2s+1)^L space
 *     (test/reference/spin_collective.py: Kronecker products of the spin matrices, eigh, the Davies J
 *     of docs/physics.md, steady from down in the span of J+^k |down>) and against the dense method;
 *   - closed forms of H = w0 Jz, A = Jx (the spin-s analogue of models/superradiance.yaml) in the
 *     sector j = Ls: J from up at T = 0 and from down at T > 0, the bounds, and the steady current
 *     between two baths from the birth-death chain of the sector summed directly;
 *   - the decimal.js engine's symmetric path on spin 1 and 3/2 against numpy and against float64
 *     within float64's error bounds;
 *   - refusals: a site sum not linear in the spin (Sz[k]^2, also 1e-20 Sz[k]^2 that float64 loses),
 *     a product over spin-1 sites, and qubit states.
 * Skips the numpy comparisons, saying why, where python3 with numpy is absent.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoMethodError, PreciseNotApplicable, computeCurrent, computePrecise, type CurrentResult } from '../../src/engine/index.js';
import { commandLineOrigin, loadModelFile, loadModelText, parseExpr, type LocatedExpr } from '../../src/lang/index.js';
import { expectClose, root } from '../helpers.js';

const python = process.env.HEATBOUND_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
const available = probe.status === 0;
const why = available ? '' : `python3 with numpy is not available (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()})`;

interface Ref {
  J: number;
  normH: number;
  width: number;
  channels: Record<'J' | 'normA' | 'deltaE' | 'gammaMax' | 'omegaGammaMax' | 'Bstate', number>[];
}
interface Chan { ax: number; az: number; g: number; T: number }

function reference(spec: { twoS: number; L: number; w0: number; chi: number; state: string; channels: Chan[] }): Ref {
  const r = spawnSync(python, [join(root, 'test', 'reference', 'spin_collective.py'), JSON.stringify(spec)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`spin_collective failed: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as Ref;
}

const stateOf = (text: string): LocatedExpr => ({ expr: parseExpr(text, commandLineOrigin('--state', '<command line>')), key: '--state', text });
const spinText = (twoS: number) => (twoS % 2 === 0 ? String(twoS / 2) : `${twoS}/2`);

/** The collective model in v2: H = w0 Jz + chi Jz^2, channel c: A = ax Jx + az sum(k, Sz[k]). */
function model(twoS: number, w0: number, chi: number, channels: Chan[]): string {
  return [
    'name: spin-collective',
    `sites: { spin: ${spinText(twoS)} }`,
    `H: "${w0} * Jz + ${chi} * Jz^2"`,
    'channels:',
    ...channels.flatMap((c) => [`  - A: "${c.ax} * Jx + ${c.az} * sum(k, Sz[k])"`, `    bath: { spectrum: flat, rate: ${c.g}, T: ${c.T} }`]),
    'state: up',
  ].join('\n');
}

/** J to 1e-8 (of the largest channel current), every term to 1e-6, against the full-space reference. */
function agree(r: CurrentResult, ref: Ref, label: string): void {
  const scale = Math.max(1e-3, ...ref.channels.map((c) => Math.abs(c.J)));
  expectClose(r.J, ref.J, 1e-8, `${label} J`, scale);
  r.channels.forEach((c, i) => {
    expectClose(c.J, ref.channels[i].J, 1e-8, `${label} channel ${i} J`, scale);
    for (const k of ['normA', 'deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate'] as const) expectClose(c[k], ref.channels[i][k], 1e-6, `${label} channel ${i} ${k}`, 1e-9);
  });
  expectClose(r.terms.normH, ref.normH, 1e-6, `${label} normH`);
  expectClose(r.terms.width, ref.width, 1e-6, `${label} width`);
  expect(r.inexact, label).toEqual([]);
}

describe('symmetric method on spin-s sites against the full space', () => {
  const channels: Chan[] = [{ ax: 1, az: 0, g: 0.8, T: 1.5 }, { ax: 0.6, az: 0.4, g: 0.5, T: 0.3 }];
  for (const twoS of [2, 3]) {
    for (const L of [2, 3, 4]) {
      if ((twoS + 1) ** L > 81) continue;
      it.skipIf(!available)(`spin ${spinText(twoS)}, L = ${L}: J and every term as numpy's, and as the dense method's ${why}`, () => {
        const text = model(twoS, 1, 0.17, channels);
        const spec = loadModelText(text, 'spin.yaml');
        for (const state of ['up', 'down', 'steady']) {
          const r = computeCurrent(spec, L, { method: 'symmetric', state: stateOf(state) });
          expect(r.method).toBe('symmetric');
          expect(r.dimension).toBe(L * twoS + 1);
          agree(r, reference({ twoS, L, w0: 1, chi: 0.17, state, channels }), `${state} at 2s = ${twoS}, L = ${L}`);
          // (The dense method's steady solver takes at most 1024 unknowns: 81 levels with degeneracies are more.)
          if (state === 'steady' && L === 4) continue;
          const dense = computeCurrent(spec, L, { method: 'dense', state: stateOf(state) });
          expectClose(r.J, dense.J, 1e-9, `${state}: symmetric vs dense J`, Math.max(1e-3, ...dense.channels.map((c) => Math.abs(c.J))));
          for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE'] as const) expectClose(r.terms[k], dense.terms[k], 1e-9, `${state}: ${k}`);
          for (const k of ['Bstate', 'B1', 'B2', 'B2tail'] as const) expectClose(r.bounds[k], dense.bounds[k], 1e-8, `${state}: ${k}`);
        }
      });
    }
  }
});

describe('the decimal.js engine on spin-s sites', () => {
  const channels: Chan[] = [{ ax: 1, az: 0, g: 0.8, T: 1.5 }, { ax: 0.6, az: 0.4, g: 0.5, T: 0.3 }];
  for (const [twoS, L] of [[2, 3], [3, 2]] as const) {
    it.skipIf(!available)(`spin ${spinText(twoS)}, L = ${L} at 30 digits: numpy's J and terms, float64's within its error ${why}`, () => {
      const spec = loadModelText(model(twoS, 1, 0.17, channels), 'spin.yaml');
      for (const state of ['up', 'down', 'steady']) {
        const p = computePrecise(spec, L, { digits: 30, state: stateOf(state) });
        expect(p.method).toBe('symmetric');
        expect(p.dimension).toBe(L * twoS + 1);
        const ref = reference({ twoS, L, w0: 1, chi: 0.17, state, channels });
        const scale = Math.max(1e-3, ...ref.channels.map((c) => Math.abs(c.J)));
        p.channels.forEach((c, i) => {
          expectClose(c.J.value.toNumber(), ref.channels[i].J, 1e-8, `${state} channel ${i} J`, scale);
          expectClose(c.Bstate.value.toNumber(), ref.channels[i].Bstate, 1e-6, `${state} channel ${i} Bstate`, 1e-9);
          expectClose(c.normA.value.toNumber(), ref.channels[i].normA, 1e-9, `${state} channel ${i} normA`);
        });
        expectClose(p.terms.normH.value.toNumber(), ref.normH, 1e-9, `${state} normH`);
        expectClose(p.terms.width.value.toNumber(), ref.width, 1e-9, `${state} width`);
        const f = computeCurrent(spec, L, { method: 'symmetric', state: stateOf(state) });
        f.channels.forEach((c, i) => {
          expect(Math.abs(c.J - p.channels[i].J.value.toNumber()), `${state} channel ${i}: float64 within its error`).toBeLessThanOrEqual(f.termErrors.channels[i].J + p.channels[i].J.error.toNumber());
        });
        expect(p.inexact).toEqual([]);
      }
    });
  }

  it('a site sum not linear in the spin: the symmetric path refuses it, the product basis takes it up to 2^10 states', () => {
    const sq = loadModelText('sites: { spin: 1 }\nH: "Jz + sum(k, Sz[k]^2)"\nchannels:\n  - A: Jx\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: up\n', 'sq.yaml');
    const r = computePrecise(sq, 3, { digits: 30 });
    expect(r.method).toBe('diagonal');
    expect(r.dimension).toBe(27);
    expect(() => computePrecise(sq, 7, { digits: 30 })).toThrow(PreciseNotApplicable);
    expect(() => computePrecise(sq, 7, { digits: 30 })).toThrow(/symmetric path: .*not a function of the total spin.*; product basis: .*dimension 2187 > 2\^10/);
  });
});

describe('a v2 spin-1/2 model is the v1 model', () => {
  it('Sx, Sy, Sz sums and Jz^2 give the v1 numbers', () => {
    const v2 = loadModelText(`sites: { spin: 1/2 }
params: { w0: 1, chi: 0.3, g: 0.7 }
H: "w0 * sum(k, Sz[k]) + chi * Jz^2 + 0.2 * sum(k, Sx[k] + Sy[k])"
channels:
  - A: "sum(k, Sx[k]) + 0.5 * Jz"
    bath: { spectrum: flat, rate: g, T: 0.8 }
state: steady
`, 'v2.yaml');
    const v1 = loadModelText(`params: { w0: 1, chi: 0.3, g: 0.7 }
H: "w0/2 * sum(k, Z[k]) + chi * Jz^2 + 0.1 * sum(k, X[k] + Y[k])"
channels:
  - A: "1/2 * sum(k, X[k]) + 0.5 * Jz"
    bath: { spectrum: flat, rate: g, T: 0.8 }
state: steady
`, 'v1.yaml');
    for (const L of [3, 8, 40]) {
      for (const state of ['up', 'down', 'steady']) {
        const a = computeCurrent(v2, L, { method: 'symmetric', state: stateOf(state) });
        const b = computeCurrent(v1, L, { method: 'symmetric', state: stateOf(state) });
        expectClose(a.J, b.J, 1e-12, `L = ${L} ${state} J`);
        for (const k of ['normH', 'width', 'sumA2', 'deltaE'] as const) expectClose(a.terms[k], b.terms[k], 1e-12, `L = ${L} ${state} ${k}`);
        for (const k of ['Bstate', 'B1', 'B2', 'B2tail'] as const) expectClose(a.bounds[k], b.bounds[k], 1e-12, `L = ${L} ${state} ${k}`);
      }
    }
  });
});

describe('closed forms in the sector j = Ls (H = w0 Jz, A = Jx)', () => {
  // A = Jx = (J+ + J-)/2: A(w0) = J-/2, A(-w0) = J+/2; <j,m|J+J-|j,m> = (j+m)(j-m+1), <J-J+> = (j-m)(j+m+1).
  const text = (twoS: number, T: number, state: string) => `sites: { spin: ${spinText(twoS)} }
params: { w0: 1.3, g: 0.4, T: ${T} }
H: "w0 * Jz"
channels:
  - A: Jx
    bath: { spectrum: flat, rate: g, T: T }
state: ${state}
`;
  const w0 = 1.3, g = 0.4;
  for (const twoS of [2, 3, 4]) {
    for (const L of [1, 7, 200, 1000]) {
      it(`spin ${spinText(twoS)}, L = ${L}`, () => {
        const j = (L * twoS) / 2;
        // up at T = 0: only emission, m = j: J = -g w0 (2j)/4 = -g w0 Ls/2.
        const up = computeCurrent(loadModelText(text(twoS, 0, 'up'), 'up.yaml'), L);
        expect(up.method).toBe('symmetric');
        expectClose(up.J, -g * w0 * j / 2, 1e-12, 'J(up, T = 0)');
        // B1 = Gamma max|w| ||A||^2 = g w0 (Ls)^2, B2 likewise (DeltaE = w0); ||H_S|| = w0 Ls, W = 2 w0 Ls.
        expectClose(up.bounds.B1, g * w0 * j * j, 1e-12, 'B1');
        expectClose(up.bounds.B2, g * w0 * j * j, 1e-12, 'B2');
        expectClose(up.terms.normH, w0 * j, 1e-12, 'normH');
        expectClose(up.terms.width, 2 * w0 * j, 1e-12, 'width');
        expectClose(up.terms.deltaE, w0, 1e-12, 'deltaE');
        // Bstate = g w0 <A^2> at up = g w0 <Jx^2> = g w0 j/2.
        expectClose(up.bounds.Bstate, g * w0 * j / 2, 1e-12, 'Bstate(up)');
        // down at T: only absorption, m = -j: J = w0 g e^{-w0/T} (2j)/4.
        const T = 0.9;
        const down = computeCurrent(loadModelText(text(twoS, T, 'down'), 'down.yaml'), L);
        expectClose(down.J, g * w0 * Math.exp(-w0 / T) * j / 2, 1e-12, 'J(down, T)');
      });
    }
  }

  it('the steady current between two baths is that of the birth-death chain of the sector, superradiant while the state spreads over it', () => {
    const twoS = 2, gh = 0.3, gc = 0.2, Th = 50, Tc = 20;
    const m2 = (L: number) => loadModelText(`sites: { spin: 1 }
params: { w0: ${w0}, gh: ${gh}, gc: ${gc} }
H: "w0 * Jz"
channels:
  - A: Jx
    bath: { spectrum: flat, rate: gh, T: ${Th} }
  - A: "sum(k, Sx[k])"
    bath: { spectrum: flat, rate: gc, T: ${Tc} }
state: steady
`, `two-${L}.yaml`);
    const closed = (L: number): number => {
      // Populations p_m ∝ r^(m + j): up and down rates between m and m + 1 share the factor
      // (j - m)(j + m + 1)/4, so their ratio is r = (gh e_h + gc e_c)/(gh + gc).
      const j = (L * twoS) / 2, eh = Math.exp(-w0 / Th), ec = Math.exp(-w0 / Tc);
      const r = (gh * eh + gc * ec) / (gh + gc);
      let z = 0, J = 0, p = 1;
      for (let k = 0; k <= 2 * j; k++) {
        const m = k - j;
        const down = (j + m) * (j - m + 1) / 4, up = (j - m) * (j + m + 1) / 4;
        // J_h = -w0 gh <A(w0)^+ A(w0)> + w0 gh e_h <A(-w0)^+ A(-w0)>.
        J += p * gh * w0 * (eh * up - down);
        z += p;
        p *= r;
      }
      return J / z;
    };
    const Js: number[] = [];
    for (const L of [2, 10, 100, 1000]) {
      const r = computeCurrent(m2(L), L);
      expect(r.method).toBe('symmetric');
      expectClose(r.channels[0].J, closed(L), 1e-9, `J_hot at L = ${L}`);
      expectClose(r.channels[1].J, -closed(L), 1e-9, `J_cold at L = ${L}`);
      Js.push(r.channels[0].J);
    }
    // Superradiant while the steady populations spread over the whole sector (2Ls below about
    // 1/(1 - r) = 35 levels): from L = 10 to 100 J_hot grows faster than L (about 51 times); beyond,
    // the populations sit near m = -j, where the rates grow as j, and J_hot grows as L (12.8 times
    // from L = 100 to 1000).
    expect(Js[2] / Js[1]).toBeGreaterThan(30);
    expect(Js[3] / Js[2]).toBeGreaterThan(10);
    expect(Js[3] / Js[2]).toBeLessThan(20);
  });
});

describe('a steady state beyond the dense solver (2Ls + 1 = 1201 levels): the birth-death chain in its own order', () => {
  it('w0 Jz + chi Jz^2 at L = 600 spins 1, two baths through Jx: J from the chain m <-> m + 1 summed directly', () => {
    const L = 600, w0 = 1, chi = 0.03, g = 0.1, Th = 2, Tc = 0.5;
    const spec = loadModelFile(join(root, 'test', 'fixtures', 'v2', 'spin1-collective.yaml'));
    const r = computeCurrent(spec, L);
    expect(r.method).toBe('symmetric');
    expect(r.notes).toContain('steady state: birth-death chain (levels in the order of the chain)');
    // Energies E_m = w0 m + chi m^2 (not monotone in m: the chain is not in energy order);
    // <m+1|Jx|m> = sqrt((j-m)(j+m+1))/2; a flat bath gives gamma(x) = g for x >= 0, g e^{x/T} below.
    const j = L;
    const gamma = (x: number, T: number) => (x >= 0 ? g : g * Math.exp(x / T));
    const logp: number[] = [0];
    for (let m = -j; m < j; m++) {
      const w = w0 + chi * (2 * m + 1);
      logp.push(logp[logp.length - 1] + Math.log(gamma(-w, Th) + gamma(-w, Tc)) - Math.log(gamma(w, Th) + gamma(w, Tc)));
    }
    const top = Math.max(...logp);
    const p = logp.map((x) => Math.exp(x - top));
    const z = p.reduce((a, b) => a + b, 0);
    let Jh = 0;
    for (let m = -j; m < j; m++) {
      const w = w0 + chi * (2 * m + 1), k2 = (j - m) * (j + m + 1) / 4, i = m + j;
      Jh += w * k2 * (p[i] * gamma(-w, Th) - p[i + 1] * gamma(w, Th)) / z;
    }
    expectClose(r.currents!.find((c) => c.name === 'hot')!.J, Jh, 1e-8, 'J[hot]');
    expectClose(r.currents!.find((c) => c.name === 'cold')!.J, -Jh, 1e-8, 'J[cold]');
  });
});

describe('refusals', () => {
  const base = (H: string, A = 'Jx', state = 'up') => loadModelText(`sites: { spin: 1 }
H: "${H}"
channels:
  - A: "${A}"
    bath: { spectrum: flat, rate: 1, T: 1 }
state: ${state}
`, 'refuse.yaml');
  const reason = (spec: ReturnType<typeof base>, L: number): string => {
    try {
      computeCurrent(spec, L, { method: 'symmetric' });
    } catch (err) {
      if (err instanceof NoMethodError) return err.reasons.map((r) => r.reason).join('; ');
      throw err;
    }
    return 'no refusal';
  };

  it('a site sum that is not linear in the spin: permutation symmetric, but not a function of the total spin', () => {
    expect(reason(base('Jz + sum(k, Sz[k]^2)'), 6)).toMatch(/sum\(k, Sz\[k\]\^2\) is permutation symmetric but not a function of the total spin .* SU\(3\) sectors/);
    expect(reason(base('Jz', 'sum(k, P[0,2][k] + P[2,0][k])'), 6)).toMatch(/not a function of the total spin/);
    // 1e-20 Sz^2 is lost in float64's entries (1 + 1e-20 = 1); decimal.js keeps it.
    expect(reason(base('sum(k, Sz[k] + 1e-20 * Sz[k]^2)'), 6)).toMatch(/not a function of the total spin.*in exact arithmetic/);
    // auto falls back: H_S is diagonal in the product basis, so the diagonal method computes it, as the dense one does.
    const auto = computeCurrent(base('Jz + sum(k, Sz[k]^2)'), 3);
    const dense = computeCurrent(base('Jz + sum(k, Sz[k]^2)'), 3, { method: 'dense' });
    expect(auto.method).toBe('diagonal');
    expect(Math.abs(auto.J - dense.J)).toBeLessThanOrEqual(auto.error.J + dense.error.J);
  });

  it('linear bodies written as products pass: Sx^2 + Sy^2 + Sz^2 = s(s+1) on every site', () => {
    const r = computeCurrent(base('Jz + sum(k, Sx[k]*Sx[k] + Sy[k]*Sy[k] + Sz[k]*Sz[k])'), 5, { method: 'symmetric' });
    const plain = computeCurrent(base('Jz + 10'), 5, { method: 'symmetric' });
    expectClose(r.J, plain.J, 1e-12, 'J');
    expectClose(r.terms.normH, plain.terms.normH, 1e-12, 'normH');
  });

  it('a product over spin-1 sites, and qubit states', () => {
    expect(reason(base('Jz', 'prod(k, Sx[k]) + Jx'), 4)).toMatch(/a product over all sites of spin-1 operators/);
    const dicke = () => computeCurrent(base('Jz'), 4, { method: 'symmetric', state: stateOf('dicke(2)') });
    expect(dicke).toThrow();
  });
});

describe('the fixture test/fixtures/v2/spin1-collective.yaml', () => {
  it.skipIf(!available)(`at L = 3 as numpy's full space ${why}`, () => {
    const spec = loadModelFile(join(root, 'test', 'fixtures', 'v2', 'spin1-collective.yaml'));
    const r = computeCurrent(spec, 3);
    expect(r.method).toBe('symmetric');
    agree(r, reference({ twoS: 2, L: 3, w0: 1, chi: 0.03, state: 'steady', channels: [{ ax: 1, az: 0, g: 0.1, T: 2 }, { ax: 1, az: 0, g: 0.1, T: 0.5 }] }), 'fixture');
  });
});
