/**
 * The symmetric method on L spins times one truncated mode (issue 16: Tavis-Cummings, Dicke):
 * each total-spin sector times the mode, H_S in the blocks of its sparsity pattern, the state over
 * every sector. Against independent values:
 *   - the dense method on the full 2^L n space at L = 1..4 (cutoff 8): Tavis-Cummings
 *     (test/fixtures/v2/tavis-cummings.yaml) for thermal, ground, top, up, down and mixes; a Dicke
 *     variant with counter-rotating terms (parity blocks, not excitation-number ones); spin 1;
 *   - the numpy reference test/reference/tc_ref.py (numpy only, the sectors with their
 *     multiplicities) at L = 20 for Tavis-Cummings and L = 6 for Dicke: J to 1e-8, every term to 1e-6;
 *   - the blocks come from H's structure: L + n - 1 + ... excitation-number blocks of Tavis-Cummings,
 *     two parity blocks of Dicke, in the top sector;
 *   - refusals (steady, prod over the spins with a mode, index-dependent coefficients) and the
 *     choice of `auto` (dense up to a product dimension of 4096, symmetric beyond).
 * Skips the numpy comparisons, saying why, where python3 with numpy is absent.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoMethodError, computeCurrent, type CurrentResult } from '../../src/engine/index.js';
import { commandLineOrigin, loadModelFile, loadModelText, parseExpr, type LocatedExpr, type ModelSpec } from '../../src/lang/index.js';
import { expectClose, root } from '../helpers.js';

const python = process.env.HEATBOUND_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
const available = probe.status === 0;
const why = available ? '' : `(skipped: python3 with numpy is not available: ${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()})`;

const stateOf = (text: string): LocatedExpr => ({ expr: parseExpr(text, commandLineOrigin('--state', '<command line>')), key: '--state', text });
const tc = (): ModelSpec => loadModelFile(join(root, 'test', 'fixtures', 'v2', 'tavis-cummings.yaml'));

/** Spins times a mode in v2; cr: the counter-rotating coupling of Dicke (J+ adag + J- a). */
function model(opts: { spin?: string; cutoff?: number; cr?: number; H?: string; A?: string; state?: string } = {}): ModelSpec {
  const cr = opts.cr ?? 0;
  const H = opts.H ?? `wc*n + w0*Jz + g*sum(k, Sp[k]*a + Sm[k]*adag)${cr ? ` + ${cr}*sum(k, Sp[k]*adag + Sm[k]*a)` : ''}`;
  return loadModelText([
    'name: spin-mode',
    'sites:',
    `  - { name: q, spin: ${opts.spin ?? '1/2'} }`,
    `  - { name: c, boson: { cutoff: ${opts.cutoff ?? 8} }, count: 1 }`,
    'params: { wc: 1, w0: 1, g: 0.1, kappa: 0.05, T: 0.5, T0: 1 }',
    `H: "${H}"`,
    'channels:',
    `  - A: "${opts.A ?? 'a + adag'}"`,
    '    bath: { spectrum: flat, rate: kappa, T: T }',
    `state: ${opts.state ?? 'thermal(T0)'}`,
  ].join('\n'), 'spin-mode.yaml');
}

/** Symmetric vs dense within the sum of their error bounds (and round-off of the terms). */
function agree(m: ModelSpec, L: number, state: string): CurrentResult {
  const s = computeCurrent(m, L, { method: 'symmetric', state: stateOf(state) });
  const d = computeCurrent(m, L, { method: 'dense', state: stateOf(state) });
  const label = `${m.name} L = ${L} ${state}`;
  expect(s.method).toBe('symmetric');
  expect(Math.abs(s.J - d.J), `${label} J ${s.J} vs ${d.J}`).toBeLessThanOrEqual(s.error.J + d.error.J + 1e-15);
  // Omega's statistics (and what is built from them) are enclosures where elements of A near the
  // zero threshold may be nonzero (the `upper` ends): the two methods' enclosures must meet. The
  // sectors' smaller errors certify more elements (Dicke at L = 2: an element of 2.9e-10 between the
  // lowest and highest levels, numpy, is certified by the symmetric method and an enclosure in dense).
  const meet = (what: string, a: [number, number], b: [number, number]) =>
    expect(Math.max(a[0], b[0]), `${label} ${what}: [${a}] and [${b}] do not meet`).toBeLessThanOrEqual(Math.min(a[1], b[1]) * (1 + 1e-9) + 1e-12);
  const ends = (r: CurrentResult, i: number, k: 'deltaE' | 'gammaMax' | 'omegaGammaMax' | 'Bstate'): [number, number] => [r.channels[i][k], r.upper?.channels[i][k].value ?? r.channels[i][k]];
  s.channels.forEach((c, i) => {
    expect(Math.abs(c.normA - d.channels[i].normA), `${label} normA`).toBeLessThanOrEqual(1e-9 * Math.max(1, c.normA));
    for (const k of ['deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate'] as const) meet(k, ends(s, i, k), ends(d, i, k));
  });
  for (const k of ['normH', 'width'] as const) expect(Math.abs(s.terms[k] - d.terms[k]), `${label} ${k}`).toBeLessThanOrEqual(1e-9 * Math.max(1, d.terms[k]));
  for (const k of ['B1', 'B2'] as const) {
    const e = (r: CurrentResult): [number, number] => [r.bounds[k] - r.error.bounds[k], (r.upper?.bounds[k].value ?? r.bounds[k]) + r.error.bounds[k]];
    meet(k, e(s), e(d));
  }
  return s;
}

interface Ref { J: number; normA: number; deltaE: number; gammaMax: number; omegaGammaMax: number; Bstate: number; normH: number; width: number; B1: number; B2: number }
function reference(spec: Record<string, number>): Ref {
  const r = spawnSync(python, [join(root, 'test', 'reference', 'tc_ref.py'), JSON.stringify(spec)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tc_ref failed: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as Ref;
}

const states = ['thermal(1)', 'ground', 'top', 'up', 'down', 'mix(0.3, thermal(0.4), up)'];

describe('spins times a mode: symmetric vs dense', () => {
  it('Tavis-Cummings (test/fixtures/v2/tavis-cummings.yaml) at L = 1..4, cutoff 8', () => {
    for (let L = 1; L <= 4; L++) for (const st of states) agree(tc(), L, st);
  });
  it('every spin up or down times a Fock state, basis("0 .. 0 k"), and mixes with thermal(T), at L = 1..3', () => {
    for (let L = 1; L <= 3; L++) {
      const up = (k: number) => `basis("${[...Array(L).fill(0), k].join(' ')}")`, down = (k: number) => `basis("${[...Array(L).fill(1), k].join(' ')}")`;
      for (const st of [up(3), down(5), up(7), `mix(0.4, ${up(2)}, thermal(1))`]) agree(tc(), L, st);
    }
    const m = model({ spin: '1', cutoff: 6 });
    agree(m, 2, 'basis("2 2 4")');
    // A spin configuration that is not permutation symmetric is refused.
    expect(() => computeCurrent(tc(), 3, { method: 'symmetric', state: stateOf('basis("0 1 0 2")') })).toThrow(/not confined to the symmetric sector/);
  });
  it('Dicke with counter-rotating terms (parity blocks) at L = 1..3', () => {
    const m = model({ cr: 0.07 });
    for (let L = 1; L <= 3; L++) for (const st of ['thermal(1)', 'ground', 'up']) agree(m, L, st);
    // Written as X[k] (a + adag): the same operator.
    const x = model({ H: 'wc*n + w0/2*sum(k, Z[k]) + g*sum(k, X[k]*(a + adag))' });
    for (const st of ['thermal(0.8)', 'top']) agree(x, 3, st);
  });
  it('spin 1 times a mode (cutoff 6) at L = 1..3, A on the spins and the mode', () => {
    const m = model({ spin: '1', cutoff: 6, A: 'a + adag + 0.5*Jx' });
    for (let L = 1; L <= 3; L++) for (const st of ['thermal(1)', 'ground', 'up']) agree(m, L, st);
  });
  it('a diagonal H_S with levels merged from unequal floats (w0 Jz + chi Jz^2, no mode term) at L = 4..6, ground and thermal', () => {
    // The sector times the mode is indexed p n + f; its levels are not the Dicke diagonal's (which
    // has 2j + 1 entries; reading them was a DecimalError): the merge stays listed in inexact.
    // chi = 0.1/0.3 = 1/3: m and -3 - m are degenerate, in float64 only within round-off.
    const m = model({ cutoff: 3, H: 'w0*sum(k, Sz[k]) + (0.1/0.3)*sum(k, Sz[k])*sum(j, Sz[j])', A: 'a + adag + sum(k, Sx[k])' });
    for (const L of [4, 5, 6]) for (const state of ['ground', 'thermal(T0)']) {
      const r = computeCurrent(m, L, { method: 'symmetric', state: stateOf(state) });
      expect(r.inexact.some((n) => n.includes('merged from float64 energies that differ within their round-off'))).toBe(true);
    }
    // chi = 1/4: m and -4 - m degenerate exactly in float64 too: the numbers are dense's.
    const exact = model({ cutoff: 3, H: 'w0*sum(k, Sz[k]) + 0.25*sum(k, Sz[k])*sum(j, Sz[j])', A: 'a + adag + sum(k, Sx[k])' });
    for (const L of [4, 5, 6]) for (const state of ['ground', 'thermal(T0)']) agree(exact, L, state);
  });

  it('a scalar that cancels in float64 is rebuilt from decimal.js: (1e17 + wc - 1e17) n and sum(k, (1e17 + 1 - 1e17) Z[k]) are wc n and Jz times 2', () => {
    const plain = model({ H: 'wc*n + w0*Jz + g*sum(k, Sp[k]*a + Sm[k]*adag)' });
    const cancelling = model({ H: '(1e17 + wc - 1e17)*n + w0/2*sum(k, (1e17 + 1 - 1e17)*Z[k]) + g*sum(k, Sp[k]*a + Sm[k]*adag)' });
    for (const L of [3, 12]) {
      const a = computeCurrent(plain, L, { method: 'symmetric' }), b = computeCurrent(cancelling, L, { method: 'symmetric' });
      expect(Math.abs(a.J - b.J), `L = ${L}`).toBeLessThanOrEqual(a.error.J + b.error.J);
      expect(b.terms.normH).toBeCloseTo(a.terms.normH, 9);
    }
  });

  it('the blocks of H_S are read off its structure: excitation number (Tavis-Cummings), parity (Dicke)', () => {
    // Top sector 2j = 4, cutoff 8: excitation numbers p + f = 0..11 (12 blocks, largest min(5, 8) = 5).
    const t = computeCurrent(tc(), 4, { method: 'symmetric' });
    expect(t.notes.join('\n')).toContain('(the top sector: 12 block(s), largest 5)');
    const d = computeCurrent(model({ cr: 0.07 }), 4, { method: 'symmetric' });
    expect(d.notes.join('\n')).toContain('(the top sector: 2 block(s), largest 20)');
    expect(t.notes).toContain('mode c truncated at cutoff 8 (Fock states 0..7): the numbers are those of the truncated model');
  });
});

describe('spins times a mode against the numpy reference (test/reference/tc_ref.py)', () => {
  const base = { wc: 1, w0: 1, g: 0.1, kappa: 0.05, T: 0.5, T0: 1 };
  const check = (r: CurrentResult, ref: Ref, label: string) => {
    const scale = Math.max(1e-3, Math.abs(ref.J));
    expectClose(r.J, ref.J, 1e-8, `${label} J`, scale);
    expect(Math.abs(r.J - ref.J), `${label} J within its error`).toBeLessThanOrEqual(r.error.J + 1e-12);
    const c = r.channels[0];
    for (const k of ['normA', 'deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate'] as const) expectClose(c[k], ref[k], 1e-6, `${label} ${k}`, 1e-9);
    expectClose(r.terms.normH, ref.normH, 1e-6, `${label} normH`);
    expectClose(r.terms.width, ref.width, 1e-6, `${label} width`);
    expectClose(r.bounds.B1, ref.B1, 1e-6, `${label} B1`);
    expectClose(r.bounds.B2, ref.B2, 1e-6, `${label} B2`);
  };
  it.skipIf(!available)(`Tavis-Cummings at L = 20, cutoff 8 and 12 ${why}`, () => {
    for (const n of [8, 12]) {
      const r = computeCurrent(model({ cutoff: n }), 20, { method: 'symmetric' });
      check(r, reference({ L: 20, n, ...base }), `TC L = 20 n = ${n}`);
    }
    // auto takes the symmetric method here (2^20 x 8 is far beyond the dense method's full layout).
    expect(computeCurrent(model(), 20).method).toBe('symmetric');
  });
  it.skipIf(!available)(`Dicke (counter-rotating 0.07) at L = 6, cutoff 8 ${why}`, () => {
    const r = computeCurrent(model({ cr: 0.07 }), 6, { method: 'symmetric' });
    check(r, reference({ L: 6, n: 8, cr: 0.07, ...base }), 'Dicke L = 6');
  });
});

describe('spins times a mode: refusals and the method choice', () => {
  it('steady, a product over the spins with the mode and index-dependent coefficients are refused, naming why', () => {
    expect(() => computeCurrent(tc(), 3, { method: 'symmetric', state: stateOf('steady') })).toThrow(/steady with a mode/);
    expect(() => computeCurrent(model({ H: 'wc*n + prod(k, Z[k])*a + prod(k, Z[k])*adag' }), 3, { method: 'symmetric' })).toThrow(/a product over the spin sites with a mode/);
    expect(() => computeCurrent(model({ H: 'wc*n + sum(k, (1 + k*1e-17)*Sp[k]*a + (1 + k*1e-17)*Sm[k]*adag)' }), 3, { method: 'symmetric' })).toThrow(/depend on the index/);
    expect(() => computeCurrent(tc(), 3, { method: 'symmetric', state: stateOf('steady') })).toThrow(NoMethodError);
  });
  it('auto: dense up to a product dimension of 4096 (L = 9 at cutoff 8), symmetric beyond', () => {
    expect(computeCurrent(tc(), 3).method).toBe('dense');
    expect(computeCurrent(tc(), 10).method).toBe('symmetric');
  });
});
