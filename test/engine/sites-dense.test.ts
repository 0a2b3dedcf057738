/**
 * The dense method on v2 sites (model language v2, issue 16: spin-s sites, d-level sites, truncated
 * modes) against an independent numpy computation (test/reference/sites_ref.py: the model written
 * again as plain data, its operators Kronecker products of jmat / destroy / |i><j| matrices built
 * there, J and the terms from heatref's eigenspaces and A(w)): J to 1e-8 and every term to 1e-6.
 * And a v2 model whose sites are all spin 1/2 against the v1 model written with X, Y, Z, N.
 * Skips the numpy comparisons, saying why, where python3 with numpy and PyYAML is absent.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCurrent, type CurrentResult } from '../../src/engine/index.js';
import { commandLineOrigin, loadModelText, parseExpr, type LocatedExpr } from '../../src/lang/index.js';
import { expectClose, root } from '../helpers.js';

const python = process.env.HEATBOUND_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import numpy, yaml'], { encoding: 'utf8' });
const available = probe.status === 0;
const why = available ? '' : `python3 with numpy and PyYAML is not available (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()})`;

type Site = ['spin' | 'levels' | 'boson', number];
type Term = [number, number, [number, string][]];
interface RefSpec { dims: Site[]; H: Term[]; channels: { A: Term[]; rate: number; T: number }[]; state: unknown }
interface Ref {
  dimension: number;
  J: number;
  channels: Record<'J' | 'normA' | 'deltaE' | 'gammaMax' | 'omegaGammaMax' | 'Bstate' | 'pinchedA2', number>[];
  terms: Record<'normH' | 'width' | 'sumA2' | 'gammaMax' | 'deltaE', number>;
  bounds: Record<'Bstate' | 'B1' | 'B1coarse' | 'B2', number>;
}

function reference(spec: RefSpec): Ref {
  const r = spawnSync(python, [join(root, 'test', 'reference', 'sites_ref.py')], { input: JSON.stringify(spec), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sites_ref failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Ref;
}

/** heatbound's result against the reference: J per channel and in all to 1e-8, every term and bound to 1e-6. */
function agree(r: CurrentResult, ref: Ref, label: string): void {
  expect(r.method, label).toBe('dense');
  expect(r.dimension, label).toBe(ref.dimension);
  const scaleJ = Math.max(1e-3, ...ref.channels.map((c) => Math.abs(c.J)));
  expect(r.channels.length, label).toBe(ref.channels.length);
  r.channels.forEach((c, i) => {
    expectClose(c.J, ref.channels[i].J, 1e-8, `${label} channel ${i} J`, scaleJ);
    for (const k of ['normA', 'deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate', 'pinchedA2'] as const) {
      expectClose(c[k], ref.channels[i][k], 1e-6, `${label} channel ${i} ${k}`, 1e-9);
    }
  });
  expectClose(r.J, ref.J, 1e-8, `${label} J`, scaleJ);
  for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE'] as const) expectClose(r.terms[k], ref.terms[k], 1e-6, `${label} ${k}`, 1e-9);
  for (const k of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) expectClose(r.bounds[k], ref.bounds[k], 1e-6, `${label} ${k}`, 1e-9);
  expect(r.holds.B1, label).toBe(true);
}

/** A state as --state gives it (parsed, not checked against the model). */
const stateOf = (text: string): LocatedExpr => ({ expr: parseExpr(text, commandLineOrigin('--state', '<command line>')), key: '--state', text });

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

// --- spin-1 chain: Heisenberg with single-ion anisotropy and a transverse field, two baths.
const spin1 = `
name: spin1-chain
sites: { spin: 1 }
params: { J: 1, D: 0.3, h: 0.2 }
H: J*sum(k, 0, L-2, Sx[k]*Sx[k+1] + Sy[k]*Sy[k+1] + Sz[k]*Sz[k+1]) + D*sum(k, Sz[k]^2) + h*sum(k, Sx[k])
channels:
  - A: Sx[0]
    bath: { spectrum: flat, rate: 1, T: 0.7 }
  - A: Sz[L-1] + P[0,2][L-1] + P[2,0][L-1]
    bath: { spectrum: flat, rate: 0.5, T: 0.2 }
state: ground
`;
function spin1Ref(L: number, state: unknown): RefSpec {
  const H: Term[] = [];
  for (let k = 0; k + 1 < L; k++) for (const s of ['Sx', 'Sy', 'Sz']) H.push([1, 0, [[k, s], [k + 1, s]]]);
  for (let k = 0; k < L; k++) { H.push([0.3, 0, [[k, 'Sz'], [k, 'Sz']]]); H.push([0.2, 0, [[k, 'Sx']]]); }
  return {
    dims: range(L).map(() => ['spin', 2] as Site), H, state,
    channels: [
      { A: [[1, 0, [[0, 'Sx']]]], rate: 1, T: 0.7 },
      { A: [[1, 0, [[L - 1, 'Sz']]], [1, 0, [[L - 1, 'P 0 2']]], [1, 0, [[L - 1, 'P 2 0']]]], rate: 0.5, T: 0.2 },
    ],
  };
}

// --- a qutrit engine: three levels, a hot bath on 0-2 and a cold one on 1-2, a drive-free coupling 0-1.
const qutrit = `
name: qutrit-two-baths
sites: { levels: 3 }
params: { e1: 1, e2: 2.5, g: 0.15 }
H: sum(k, e1*P[1,1][k] + e2*P[2,2][k] + g*(P[0,1][k] + P[1,0][k])) + 0.05*sum(k, 0, L-2, P[2,2][k]*P[2,2][k+1])
channels:
  - name: hot
    A: P[0,2][0] + P[2,0][0]
    bath: { spectrum: flat, rate: 1, T: 3 }
  - name: cold
    A: P[1,2][L-1] + P[2,1][L-1]
    bath: { spectrum: flat, rate: 0.7, T: 0.25 }
state: thermal(1)
`;
function qutritRef(L: number, state: unknown): RefSpec {
  const H: Term[] = [];
  for (let k = 0; k < L; k++) H.push([1, 0, [[k, 'P 1 1']]], [2.5, 0, [[k, 'P 2 2']]], [0.15, 0, [[k, 'P 0 1']]], [0.15, 0, [[k, 'P 1 0']]]);
  for (let k = 0; k + 1 < L; k++) H.push([0.05, 0, [[k, 'P 2 2'], [k + 1, 'P 2 2']]]);
  return {
    dims: range(L).map(() => ['levels', 3] as Site), H, state,
    channels: [
      { A: [[1, 0, [[0, 'P 0 2']]], [1, 0, [[0, 'P 2 0']]]], rate: 1, T: 3 },
      { A: [[1, 0, [[L - 1, 'P 1 2']]], [1, 0, [[L - 1, 'P 2 1']]]], rate: 0.7, T: 0.25 },
    ],
  };
}

// --- Tavis-Cummings: L qubits and a cavity mode truncated at the cutoff; a lossy cavity and a hot bath per qubit.
const tavis = (cutoff: number) => `
name: tavis-cummings
sites:
  - { name: q, spin: 1/2 }
  - { name: c, boson: { cutoff: ${cutoff} }, count: 1 }
params: { wc: 1, wq: 1.1, g: 0.2 }
H: wc*n + wq*Jz + g*sum(k, a*Sp[k] + adag*Sm[k])
channels:
  - name: cavity
    A: a + adag
    bath: { spectrum: flat, rate: 0.3, T: 0.4 }
  - each: k
    A: Sx[k]
    bath: { spectrum: flat, rate: 0.2, T: 2 }
state: ground
`;
function tavisRef(L: number, cutoff: number, state: unknown): RefSpec {
  const c = L;
  const H: Term[] = [[1, 0, [[c, 'n']]]];
  for (let k = 0; k < L; k++) H.push([1.1, 0, [[k, 'Sz']]], [0.2, 0, [[c, 'a'], [k, 'Sp']]], [0.2, 0, [[c, 'adag'], [k, 'Sm']]]);
  return {
    dims: [...range(L).map(() => ['spin', 1] as Site), ['boson', cutoff]], H, state,
    channels: [
      { A: [[1, 0, [[c, 'a']]], [1, 0, [[c, 'adag']]]], rate: 0.3, T: 0.4 },
      ...range(L).map((k) => ({ A: [[1, 0, [[k, 'Sx']]]] as Term[], rate: 0.2, T: 2 })),
    ],
  };
}

describe.skipIf(!available)(`v2 sites in the dense method against numpy${why ? ` (skipped: ${why})` : ''}`, () => {
  it('a spin-1 chain at L = 2, 3 in the ground state, thermal(0.8) and basis("0 2 1")', () => {
    const model = loadModelText(spin1, 'spin1.yaml');
    for (const L of [2, 3]) agree(computeCurrent(model, L), reference(spin1Ref(L, 'ground')), `spin-1 L=${L} ground`);
    agree(computeCurrent(model, 3, { state: stateOf('thermal(0.8)') }), reference(spin1Ref(3, { thermal: 0.8 })), 'spin-1 thermal');
    agree(computeCurrent(model, 3, { state: stateOf('basis("0 2 1")') }), reference(spin1Ref(3, { levels: [0, 2, 1] })), 'spin-1 basis');
  });

  it('a qutrit with two baths at L = 1, 2 (and its named currents)', () => {
    const model = loadModelText(qutrit, 'qutrit.yaml');
    for (const L of [1, 2]) {
      const r = computeCurrent(model, L);
      const ref = reference(qutritRef(L, { thermal: 1 }));
      agree(r, ref, `qutrit L=${L}`);
      expect(r.currents?.map((c) => c.name)).toEqual(['hot', 'cold']);
      expectClose(r.currents![0].J, ref.channels[0].J, 1e-8, 'J[hot]', 1e-3);
    }
  });

  it('Tavis-Cummings with 2 and 3 qubits, cutoffs 4 and 6', () => {
    for (const [L, cutoff] of [[2, 4], [2, 6], [3, 5]] as const) {
      const r = computeCurrent(loadModelText(tavis(cutoff), 'tc.yaml'), L);
      agree(r, reference(tavisRef(L, cutoff, 'ground')), `tavis-cummings L=${L} cutoff ${cutoff}`);
      expect(r.notes.some((n) => n.includes(`mode c truncated at cutoff ${cutoff}`))).toBe(true);
    }
    agree(computeCurrent(loadModelText(tavis(4), 'tc.yaml'), 2, { state: stateOf('basis("1 0 3")') }), reference(tavisRef(2, 4, { levels: [1, 0, 3] })), 'tavis-cummings basis');
  });
});

// --- (a) sites that are all spin 1/2 (or two levels) against the v1 model with X, Y, Z, N.
const v1 = `
name: xxz
params: { h: 0.3, D: 0.7 }
H: sum(k, 0, L-2, X[k]*X[k+1] + Y[k]*Y[k+1] + D*Z[k]*Z[k+1]) + h*sum(k, Z[k]) + 0.2*X[0]
channels:
  - each: k
    A: X[k] + 0.5*Z[k]
    bath: { spectrum: ohmic, rate: 1, T: 0.8, wc: 3 }
  - A: Sp[0]*Sm[L-1] + Sm[0]*Sp[L-1] + N[1]
    bath: { spectrum: flat, rate: 0.4, T: 0.1 }
state: thermal(0.6)
`;
const v2spin = `
name: xxz
sites: { spin: 1/2 }
params: { h: 0.3, D: 0.7 }
H: 4*sum(k, 0, L-2, Sx[k]*Sx[k+1] + Sy[k]*Sy[k+1] + D*Sz[k]*Sz[k+1]) + 2*h*sum(k, Sz[k]) + 0.4*Sx[0]
channels:
  - each: k
    A: 2*Sx[k] + Sz[k]
    bath: { spectrum: ohmic, rate: 1, T: 0.8, wc: 3 }
  - A: Sp[0]*Sm[L-1] + Sm[0]*Sp[L-1] + P[0,0][1]
    bath: { spectrum: flat, rate: 0.4, T: 0.1 }
state: thermal(0.6)
`;
const v2levels = `
name: xxz
sites: { levels: 2 }
params: { h: 0.3, D: 0.7 }
H: sum(k, 0, L-2, 2*(P[0,1][k]*P[1,0][k+1] + P[1,0][k]*P[0,1][k+1]) + D*(P[0,0][k] - P[1,1][k])*(P[0,0][k+1] - P[1,1][k+1])) + h*sum(k, P[0,0][k] - P[1,1][k]) + 0.2*(P[0,1][0] + P[1,0][0])
channels:
  - each: k
    A: P[0,1][k] + P[1,0][k] + 0.5*(P[0,0][k] - P[1,1][k])
    bath: { spectrum: ohmic, rate: 1, T: 0.8, wc: 3 }
  - A: P[0,1][0]*P[1,0][L-1] + P[1,0][0]*P[0,1][L-1] + P[0,0][1]
    bath: { spectrum: flat, rate: 0.4, T: 0.1 }
state: thermal(0.6)
`;

/** Two results equal within their error bounds (J, every channel's terms, the terms and bounds). */
function same(a: CurrentResult, b: CurrentResult, label: string): void {
  const close = (x: number, y: number, e: number, what: string) => expect(Math.abs(x - y), `${label} ${what}: ${x} vs ${y}`).toBeLessThanOrEqual(e + 1e-12 * Math.max(1, Math.abs(y)));
  close(a.J, b.J, a.error.J + b.error.J, 'J');
  a.channels.forEach((c, i) => {
    close(c.J, b.channels[i].J, a.termErrors.channels[i].J + b.termErrors.channels[i].J, `channel ${i} J`);
    for (const k of ['normA', 'deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate', 'pinchedA2'] as const) {
      close(c[k], b.channels[i][k], a.termErrors.channels[i][k] + b.termErrors.channels[i][k] + 1e-9 * Math.abs(c[k]), `channel ${i} ${k}`);
    }
  });
  for (const k of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) close(a.bounds[k], b.bounds[k], a.error.bounds[k] + b.error.bounds[k], k);
}

describe('v2 sites of spin 1/2 and of two levels are v1 qubits', () => {
  it('sites: { spin: 1/2 } with Sx, Sy, Sz, P gives the numbers of the v1 model with X, Y, Z, N, in every method that applies', () => {
    for (const L of [2, 3, 4]) {
      const a = computeCurrent(loadModelText(v1, 'v1.yaml'), L);
      const b = computeCurrent(loadModelText(v2spin, 'v2.yaml'), L);
      expect(b.method).toBe(a.method);
      same(b, a, `spin 1/2 L=${L}`);
    }
  });

  it('sites: { levels: 2 } (mixed radix of dimension 2, the v2 path) gives the numbers of the v1 model', () => {
    for (const L of [2, 3, 4]) {
      const a = computeCurrent(loadModelText(v1, 'v1.yaml'), L, { method: 'dense' });
      const b = computeCurrent(loadModelText(v2levels, 'v2.yaml'), L);
      expect(b.method).toBe('dense');
      expect(b.dimension).toBe(2 ** L);
      same(b, a, `levels 2 L=${L}`);
    }
  });

  it('a spin-1/2 species of 3 sites at L = 5 is the v1 model of 3 qubits', () => {
    const body = `
params: { h: 0.3 }
H: 4*Sx[0]*Sx[1] + 4*Sy[1]*Sy[2] + 2*h*(Sz[0] - Sz[2]) + 0.4*Sx[2]
channels:
  - A: 2*Sx[0] + Sz[1]
    bath: { spectrum: ohmic, rate: 1, T: 0.8, wc: 3 }
  - A: Sp[0]*Sm[2] + Sm[0]*Sp[2] + P[0,0][1]
    bath: { spectrum: flat, rate: 0.4, T: 0.1 }
state: ground
`;
    const b = computeCurrent(loadModelText(`name: three\nsites:\n  - { name: q, spin: 1/2, count: 3 }${body}`, 'v2.yaml'), 5, { state: stateOf('basis("0 1 1")') });
    const a = computeCurrent(loadModelText(`name: three
params: { h: 0.3 }
H: X[0]*X[1] + Y[1]*Y[2] + h*(Z[0] - Z[2]) + 0.2*X[2]
channels:
  - A: X[0] + 0.5*Z[1]
    bath: { spectrum: ohmic, rate: 1, T: 0.8, wc: 3 }
  - A: Sp[0]*Sm[2] + Sm[0]*Sp[2] + N[1]
    bath: { spectrum: flat, rate: 0.4, T: 0.1 }
state: basis("udd")
`, 'v1.yaml'), 3, { method: 'dense' });
    expect(b.method).toBe('dense');
    expect(b.dimension).toBe(8);
    same(b, a, 'count 3');
    // The qubit states on these sites: dicke(1) of the three qubits.
    const bw = computeCurrent(loadModelText(`name: three\nsites:\n  - { name: q, spin: 1/2, count: 3 }${body}`, 'v2.yaml'), 5, { state: stateOf('dicke(1)') });
    const aw = computeCurrent(loadModelText(`name: three
params: { h: 0.3 }
H: X[0]*X[1] + Y[1]*Y[2] + h*(Z[0] - Z[2]) + 0.2*X[2]
channels:
  - A: X[0] + 0.5*Z[1]
    bath: { spectrum: ohmic, rate: 1, T: 0.8, wc: 3 }
  - A: Sp[0]*Sm[2] + Sm[0]*Sp[2] + N[1]
    bath: { spectrum: flat, rate: 0.4, T: 0.1 }
state: w
`, 'v1.yaml'), 3, { method: 'dense' });
    same(bw, aw, 'count 3, dicke(1)');
});
});
