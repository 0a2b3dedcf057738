/**
 * The symmetric method on functions of H_S over the full space (thermal(T), ground, top and mixes
 * of them with the symmetric sector's states): every total-spin sector j weighted by its
 * multiplicity and its trace (engine/sector-weights), against the dense method on the full
 * (2s+1)^L space at small L, within both methods' reported errors:
 *   - qubits (models/superradiance.yaml, a one-axis-twisting model) and spin 1
 *     (test/fixtures/v2/spin1-collective.yaml) at L = 2..8;
 *   - a ground eigenspace spanning several sectors: H = Jz^2 at even L (m = 0 in every sector,
 *     decided exactly in decimal.js: no note), and H = Jx^2 (dense sector eigensolvers: merged
 *     within the error bounds and listed in `inexact`, still agreeing with the dense method);
 *   - the weights themselves: the sum over sectors of w_j against a direct sum over the
 *     2^L levels at L = 10, and the log-space weights at L = 1000 spins 1 (no overflow);
 *   - refusals: a function of H_S inside steady(S), and the decimal.js symmetric path.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent, computePrecise, NoMethodError, type CurrentResult } from '../../src/engine/index.js';
import { commandLineOrigin, loadModelFile, loadModelText, parseExpr, type LocatedExpr, type ModelSpec } from '../../src/lang/index.js';
import { join } from 'node:path';
import { builtin, root } from '../helpers.js';
import { sectorWeights } from '../../src/engine/sector-weights.js';
import { spinSectors } from '../../src/engine/symmetric-plan.js';
import { defaultTolerances, groupByError } from '../../src/numeric/index.js';

const stateOf = (text: string): LocatedExpr => ({ expr: parseExpr(text, commandLineOrigin('--state', '<command line>')), key: '--state', text });

/** J, every channel's J, Bstate and pinched terms, the bounds: symmetric vs dense within the sum of their error bounds (and a few ulps of the scale). */
function agree(model: ModelSpec, L: number, state: string): CurrentResult {
  const s = computeCurrent(model, L, { method: 'symmetric', state: stateOf(state) });
  const d = computeCurrent(model, L, { method: 'dense', state: stateOf(state) });
  const label = `${model.name} L = ${L} ${state}`;
  const tol = (x: number, ex: number) => ex + 1e-12 * Math.max(1, Math.abs(x));
  expect(Math.abs(s.J - d.J), `${label} J ${s.J} vs ${d.J}`).toBeLessThanOrEqual(s.error.J + d.error.J + 1e-15);
  s.channels.forEach((c, i) => {
    expect(Math.abs(c.Bstate - d.channels[i].Bstate), `${label} Bstate`).toBeLessThanOrEqual(tol(c.Bstate, s.error.bounds.Bstate + d.error.bounds.Bstate));
    for (const k of ['normA', 'deltaE', 'gammaMax', 'omegaGammaMax'] as const) expect(Math.abs(c[k] - d.channels[i][k]), `${label} ${k}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c[k])));
  });
  for (const k of ['B1', 'B2', 'B2tail'] as const) expect(Math.abs(s.bounds[k] - d.bounds[k]), `${label} ${k}`).toBeLessThanOrEqual(tol(s.bounds[k], s.error.bounds[k] + d.error.bounds[k]));
  expect(s.method).toBe('symmetric');
  return s;
}

const collective = (H: string, A = 'Jx', state = 'ground'): ModelSpec =>
  loadModelText(['name: fn', 'params: { g: 0.3, T: 0.8 }', `H: "${H}"`, 'channels:', `  - A: "${A}"`, '    bath: { spectrum: flat, rate: g, T: T }', `state: ${state}`].join('\n'), 'fn.yaml');

const states = ['thermal(0.7)', 'ground', 'top', 'mix(0.35, thermal(2.5), up)', 'mix(0.5, ground, steady)'];

describe('functions of H_S over every total-spin sector: symmetric vs dense', () => {
  it('qubits: superradiance (H linear, A linear: the lower sectors visited for the state only) at L = 2..8', () => {
    const m = builtin('superradiance', ['T=0.4']);
    for (let L = 2; L <= 8; L++) for (const st of states) if (L <= 6 || !st.includes('steady')) agree(m, L, st);
  });
  it('qubits: one-axis twisting w0 Jz + chi Jz^2 with A = Jx + 0.3 Jz at L = 2..8', () => {
    const m = collective('Jz + 0.37 * Jz^2', 'Jx + 0.3 * Jz');
    for (let L = 2; L <= 8; L++) for (const st of states) if (L <= 6 || !st.includes('steady')) agree(m, L, st);
  });
  it('spin 1: test/fixtures/v2/spin1-collective.yaml at L = 2..6', () => {
    const m = loadModelFile(join(root, 'test', 'fixtures', 'v2', 'spin1-collective.yaml'));
    for (let L = 2; L <= 6; L++) for (const st of states.slice(0, 4)) agree(m, L, st);
  });
  it('a ground eigenspace spanning every sector, decided exactly: H = Jz^2 at even L (m = 0 in each sector)', () => {
    const m = collective('Jz^2');
    for (const L of [2, 4, 6, 8]) {
      const r = agree(m, L, 'ground');
      expect(r.inexact).toEqual([]);
    }
    // With a field the ground is m = -j of the top sector only: J differs from the degenerate one.
    const a = computeCurrent(collective('Jz^2'), 4, { method: 'symmetric' }), b = computeCurrent(collective('Jz^2 + 0.1*Jz'), 4, { method: 'symmetric' });
    expect(Math.abs(a.J - b.J)).toBeGreaterThan(1e-6);
  });
  it('a ground eigenspace spanning sectors that float64 cannot certify (H = Jx^2, dense sector eigensolvers): merged, listed in inexact, as the dense method', () => {
    const m = collective('Jx^2', 'Jx + 0.5 * Jz');
    for (const L of [4, 6]) {
      const r = agree(m, L, 'ground');
      expect(r.inexact.some((t) => t.startsWith('ground: the lowest levels of the total-spin sectors')), r.inexact.join('\n')).toBe(true);
    }
  });
});

describe('sector weights', () => {
  it('thermal: sum over sectors of mult_j Tr exp(-H_j/T) is the full trace (H = Jz^2 + 0.3 Jz, L = 10, levels summed directly)', () => {
    const L = 10, T = 0.9;
    const sectors = spinSectors(L).map((s) => {
      const j = s.twoJ / 2;
      const e = Float64Array.from({ length: s.twoJ + 1 }, (_, i) => { const mm = -j + i; return mm * mm + 0.3 * mm; }).sort();
      return { twoJ: s.twoJ, multiplicity: s.multiplicity, spaces: groupByError(e, new Float64Array(e.length), defaultTolerances.nearSplitFactor) };
    });
    const w = sectorWeights(sectors, { kind: 'thermal', T }, null);
    // Directly: every one of the 2^L product states has m = (ups - downs)/2, and sector j's weight is
    // the sum over its mult_j copies: w_j = mult_j sum_m exp(-E(m)/T) / sum over the 2^L states.
    let Z = 0;
    const binom = (n: number, k: number): number => { let c = 1; for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i; return c; };
    for (let ups = 0; ups <= L; ups++) { const mm = ups - L / 2; Z += binom(L, ups) * Math.exp(-(mm * mm + 0.3 * mm) / T); }
    sectors.forEach((s, k) => {
      const j = s.twoJ / 2;
      let z = 0;
      for (let i = 0; i <= s.twoJ; i++) { const mm = -j + i; z += Math.exp(-(mm * mm + 0.3 * mm) / T); }
      expect(Math.abs(w.weights[k] - (Number(s.multiplicity) * z) / Z)).toBeLessThanOrEqual(w.relError * w.weights[k] + 1e-15);
    });
    expect(w.relError).toBeLessThan(1e-12);
  });
  it('thermal at L = 1000 spins 1 (multiplicities beyond float64): finite weights summing to 1, the j ~ sqrt(L) sectors dominating at high T', () => {
    const L = 1000;
    const sectors = spinSectors(L, 2).map((s) => {
      const e = Float64Array.from({ length: s.twoJ + 1 }, (_, i) => -s.twoJ / 2 + i);
      return { twoJ: s.twoJ, multiplicity: s.multiplicity, spaces: groupByError(e, new Float64Array(e.length), defaultTolerances.nearSplitFactor) };
    });
    const w = sectorWeights(sectors, { kind: 'thermal', T: 1e6 }, null);
    let sum = 0, best = 0;
    w.weights.forEach((x, k) => { expect(Number.isFinite(x)).toBe(true); sum += x; if (x > w.weights[best]) best = k; });
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
    // At infinite T w_j = mult_j (2j+1) / 3^L, largest near j ~ sqrt(2 L/3) ~ 26 (a random walk's spread).
    expect(sectors[best].twoJ / 2).toBeGreaterThan(10);
    expect(sectors[best].twoJ / 2).toBeLessThan(60);
  });
  it('ground over sectors with unequal lowest levels within their errors and no exact decider: listed, not guessed', () => {
    const mk = (twoJ: number, e0: number, err: number) => ({ twoJ, multiplicity: 1n, spaces: groupByError(Float64Array.of(e0, e0 + 1), Float64Array.of(err, err), defaultTolerances.nearSplitFactor) });
    const w = sectorWeights([mk(2, 0, 1e-10), mk(0, 1e-11, 1e-10)], { kind: 'ground' }, null);
    expect(w.inexact.length).toBe(1);
    const near = sectorWeights([mk(2, 0, 1e-12), mk(0, 1e-10, 1e-12)], { kind: 'ground' }, null);
    expect(Array.from(near.weights)).toEqual([1, 0]);
    expect(near.inexact.length).toBe(1);
    const apart = sectorWeights([mk(2, 0, 1e-12), mk(0, 1, 1e-12)], { kind: 'ground' }, null);
    expect(apart.inexact).toEqual([]);
  });
});

describe('refusals and the decimal.js engine', () => {
  it('a function of H_S inside steady(S) is refused (auto falls to dense)', () => {
    const m = collective('Jz + 0.2*Jz^2');
    expect(() => computeCurrent(m, 4, { method: 'symmetric', state: stateOf('steady(thermal(1))') })).toThrow(NoMethodError);
    expect(computeCurrent(m, 4, { state: stateOf('steady(thermal(1))') }).method).not.toBe('symmetric');
  });
  it('thermal(T) by the symmetric method against the decimal.js engine (its product-basis path: its symmetric one refuses functions of H_S) at L = 5', () => {
    const m = collective('Jz + 0.2*Jz^2', 'Jx + 0.3 * Jz');
    for (const st of ['thermal(0.9)', 'top']) {
      const s = computeCurrent(m, 5, { method: 'symmetric', state: stateOf(st) });
      const p = computePrecise(m, 5, { digits: 30, state: stateOf(st) });
      expect(p.method).not.toBe('symmetric');
      expect(Math.abs(s.J - p.J.value.toNumber()), st).toBeLessThanOrEqual(s.error.J + p.J.error.toNumber() + 1e-25);
    }
  });
});
