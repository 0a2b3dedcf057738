/**
 * Issue 16: the dense method on v2 sites (one species of L equal sites of dimension d) in the
 * symmetry sectors of H_S: the translation (rotating the base-d digits), the reflection (reversing
 * them) and the flip v -> d-1-v on every site (m -> -m for a spin). The results are
 * basis-independent, so they must equal the same method in the product basis within the errors
 * both report, and the numpy reference (test/reference/sites_ref.py, the model written again as
 * plain data) where it applies; the sector dimensions against the character formula
 * dim_chi = |G|^-1 sum_g conj(chi(g)) fix(g), the fixed points counted on explicit digit arrays.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelText, type ModelSpec } from '../../src/lang/index.js';
import { currentBoundNames } from '../../src/engine/assemble.js';
import { currentReport } from '../../src/engine/system.js';
import { float64System } from '../../src/engine/current.js';
import { instantiateWithState } from '../../src/engine/family.js';
import { denseSystem } from '../../src/engine/methods/dense.js';
import { stateText } from '../../src/engine/states.js';
import { float64Field, sectorBasis, sectorDimensions, siteGeneratorSignsIn, spinMatrices, type Bounded, type FieldTerm, type SymmetryGenerator } from '../../src/numeric/index.js';
import { root } from '../helpers.js';

function run(model: ModelSpec, L: number, symmetry: boolean | SymmetryGenerator[]) {
  const { inst, spec, stateOrigin } = instantiateWithState(model, L);
  const sys = denseSystem(inst, spec, stateOrigin, undefined, undefined, symmetry);
  return { report: currentReport(float64System(model.name, L, stateText(spec), sys)), notes: sys.notes };
}

/** |a - b| within both errors (and a few roundings of the values). */
function within(a: Bounded<number>, b: number, bError: number, what: string): void {
  expect(Math.abs(a.value - b), `${what}: ${a.value} vs ${b}`).toBeLessThanOrEqual(a.error + bError + 8 * Number.EPSILON * Math.max(1, Math.abs(b)));
}

type Report = ReturnType<typeof run>['report'];

/** J, every term, bound and channel quantity of two runs agree within both errors. */
function sameResults(x: Report, y: Report): void {
  const agree = (a: Bounded<number>, b: Bounded<number>, what: string) => within(a, b.value, b.error, what);
  agree(x.J, y.J, 'J');
  for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE', 'omegaGammaMax'] as const) agree(x.terms[k], y.terms[k], k);
  for (const b of currentBoundNames) agree(x.all[b], y.all[b], b);
  x.channels.forEach((c, i) => {
    for (const k of ['J', 'normA', 'pinchedA2', 'deltaE', 'Bstate'] as const) agree(c[k], y.channels[i][k], `channel ${i} ${k}`);
  });
  expect(x.verdicts).toEqual(y.verdicts);
}

// A spin-1 XXZ ring with single-ion anisotropy and a uniform transverse field: translation (and
// reflection, not used: translation gives more sectors) and the flip m -> -m (P Sx P = Sx,
// P Sz P = -Sz); a local bath on Sx[0] (connects every momentum) and a collective one on sum Sz
// (same momentum, flip sign -1).
const ring = `
name: spin1-ring
sites: { spin: 1 }
params: { D: 0.4, h: 0.3 }
H: sum(k, Sx[k]*Sx[(k+1)%L] + Sy[k]*Sy[(k+1)%L] + 0.6*Sz[k]*Sz[(k+1)%L]) + D*sum(k, Sz[k]^2) + h*sum(k, Sx[k])
channels:
  - A: Sx[0]
    bath: { spectrum: flat, rate: 1, T: 0.9 }
  - A: sum(k, Sz[k])
    bath: { spectrum: ohmic, rate: 0.5, T: 0.3, wc: 2 }
state: thermal(1.2)
`;

// An open spin-1 chain with a field along z (no flip) and baths symmetric under the reflection:
// A = Sx[0] + Sx[L-1] (sign +1) and Sz[0] - Sz[L-1] (sign -1).
const open = `
name: spin1-open
sites: { spin: 1 }
params: { h: 0.25 }
H: sum(k, 0, L-2, Sx[k]*Sx[k+1] + Sy[k]*Sy[k+1] + 1.3*Sz[k]*Sz[k+1]) + h*sum(k, Sz[k]) + 0.2*sum(k, Sz[k]^2)
channels:
  - A: Sx[0] + Sx[L-1]
    bath: { spectrum: flat, rate: 1, T: 1.5 }
  - A: Sz[0] - Sz[L-1]
    bath: { spectrum: flat, rate: 0.6, T: 0.2 }
state: ground
`;

// An XXZ chain without field whose couplings grow along it (no reflection, no translation): only
// the flip m -> -m, with A = Sx[0] (sign +1) and Sz[L-1] (sign -1); spin 1 and spin 3/2.
const xxz = (spin: string) => `
name: xxz-flip
sites: { spin: ${spin} }
H: sum(k, 0, L-2, (1 + 0.15*k)*(Sx[k]*Sx[k+1] + Sy[k]*Sy[k+1]) + 0.7*Sz[k]*Sz[k+1])
channels:
  - A: Sx[0]
    bath: { spectrum: flat, rate: 1, T: 0.8 }
  - A: Sz[L-1]
    bath: { spectrum: flat, rate: 0.4, T: 0.25 }
state: thermal(0.7)
`;

// Three levels with energies 1, 0, 1 and equal hoppings 0-1, 1-2 on each site, a coupling that grows
// along an open chain (no reflection): the level reversal v -> 2 - v only, A = P[0,2][0] + P[2,0][0] (sign +1).
const levels = `
name: levels-reversal
sites: { levels: 3 }
H: sum(k, P[0,0][k] + P[2,2][k] + 0.4*(P[0,1][k] + P[1,0][k] + P[1,2][k] + P[2,1][k])) + sum(k, 0, L-2, (0.3 + 0.1*k)*P[1,1][k]*P[1,1][k+1])
channels:
  - A: P[0,2][0] + P[2,0][0]
    bath: { spectrum: flat, rate: 1, T: 2 }
  - A: P[0,0][L-1] - P[2,2][L-1]
    bath: { spectrum: flat, rate: 0.3, T: 0.5 }
state: thermal(1)
`;

describe('the dense method on v2 sites in symmetry sectors equals the product basis', () => {
  const cases: [string, string, number, RegExp, number][] = [
    ['spin-1 ring: flip and translation (complex sectors)', ring, 4, /spin flip m -> -m on every site and the translation/, 8],
    ['spin-1 ring at L = 5', ring, 5, /spin flip m -> -m on every site and the translation/, 10],
    ['open spin-1 chain, symmetric baths: reflection', open, 4, /commutes with the reflection k -> L-1-k \(/, 2],
    ['spin-1 XXZ chain without field: flip', xxz('1'), 4, /commutes with the spin flip m -> -m on every site \(/, 2],
    ['spin-3/2 XXZ chain without field: flip', xxz('3/2'), 3, /commutes with the spin flip m -> -m on every site \(/, 2],
    ['three levels, open chain: the level reversal', levels, 4, /commutes with the level reversal v -> d-1-v on every site \(/, 2],
  ];
  for (const [label, text, L, note, sectors] of cases) {
    it(label, () => {
      const model = loadModelText(text, 'm.yaml');
      const withSectors = run(model, L, true);
      const without = run(model, L, false);
      const line = withSectors.notes.find((n) => n.includes('symmetry sectors'));
      expect(line, withSectors.notes.join('\n')).toMatch(note);
      expect(line).toContain(`: ${sectors} symmetry sectors`);
      expect(without.notes.some((n) => n.includes('symmetry sectors'))).toBe(false);
      sameResults(withSectors.report, without.report);
      expect(withSectors.report.J.value).not.toBe(0);
    });
  }

  it('a species of a fixed count (3 spin-1 sites at L = 5): the note names its sites, not L', () => {
    const model = loadModelText(`name: three
sites:
  - { name: s, spin: 1, count: 3 }
H: sum(k, 0, 2, Sx[k]*Sx[(k+1)%3] + Sy[k]*Sy[(k+1)%3] + 0.5*Sz[k]*Sz[(k+1)%3]) + 0.2*sum(k, 0, 2, Sx[k])
channels:
  - A: Sx[0]
    bath: { spectrum: flat, rate: 1, T: 1 }
state: thermal(1)
`, 'three.yaml');
    const r = run(model, 5, true);
    expect(r.notes.find((n) => n.includes('symmetry sectors'))).toMatch(/the translation k -> k\+1 mod 3 .*: 6 symmetry sectors/);
    sameResults(r.report, run(model, 5, false).report);
  });

  it('the ring with one generator at a time (translation alone, flip alone) agrees too', () => {
    const model = loadModelText(ring, 'ring.yaml');
    const without = run(model, 4, false);
    for (const g of ['translation', 'flip', 'reflection'] as const) {
      const one = run(model, 4, [g]);
      expect(one.notes.some((n) => n.includes(g === 'flip' ? 'spin flip m -> -m' : g) && n.includes('symmetry sectors')), g).toBe(true);
      sameResults(one.report, without.report);
    }
  });

  it('a model that breaks the symmetry gets no sectors: a field on one site, a coefficient different only beyond float64', () => {
    const field = loadModelText(ring.replace('+ h*sum(k, Sx[k])', '+ h*sum(k, Sx[k]) + 0.3*Sz[0]'), 'field.yaml');
    expect(run(field, 4, true).notes.some((n) => n.includes('symmetry sectors'))).toBe(false);
    // 1 + 1e-17 on one bond is 1 in float64, not in decimal.js: no translation (the flip remains).
    const tiny = loadModelText(ring.replace('+ D*sum', '+ 1e-17*Sz[0]*Sz[1] + D*sum'), 'tiny.yaml');
    const notes = run(tiny, 4, true).notes.filter((n) => n.includes('symmetry sectors'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/commutes with the spin flip m -> -m on every site \(/);
    // Three levels on a ring with a hopping 0-1: the translation, and no level reversal.
    const levels = loadModelText(`
name: three-level-ring
sites: { levels: 3 }
H: sum(k, P[1,1][k] + 2.5*P[2,2][k] + 0.2*(P[0,1][k]*P[1,0][(k+1)%L] + P[1,0][k]*P[0,1][(k+1)%L]))
channels:
  - A: P[0,2][0] + P[2,0][0]
    bath: { spectrum: flat, rate: 1, T: 2 }
state: thermal(1)
`, 'levels.yaml');
    // Levels 0, 1, 2 with energies 0, 1, 2.5: no level reversal; the ring's translation holds.
    const ln = run(levels, 4, true).notes.filter((n) => n.includes('symmetry sectors'));
    expect(ln).toHaveLength(1);
    expect(ln[0]).toMatch(/commutes with the translation k -> k\+1 mod L \(/);
    sameResults(run(levels, 4, true).report, run(levels, 4, false).report);
  });
});

describe('signs of operators on spin-1 sites under the generators (matrix-unit expansion)', () => {
  const { Sx, Sy, Sz } = spinMatrices(2);
  const term = (c: number, ...f: [number, Float64Array][]): FieldTerm<number> => ({ re: c, im: 0, sites: f.map(([s]) => s), mats: f.map(([, m]) => m) });
  const gens: SymmetryGenerator[] = ['flip', 'reflection', 'translation'];
  const signs = (terms: FieldTerm<number>[], L = 3) => siteGeneratorSignsIn(float64Field, L, 3, terms, gens, 0);
  // P Sx P = Sx, P Sy P = -Sy, P Sz P = -Sz for the reversal P of m = 1, 0, -1.
  it('one-site and collective operators', () => {
    expect(signs([term(1, [0, Sz]), term(1, [1, Sz]), term(1, [2, Sz])])).toEqual([-1, 1, 1]);
    expect(signs([term(1, [0, Sx]), term(1, [1, Sx]), term(1, [2, Sx])])).toEqual([1, 1, 1]);
    expect(signs([term(1, [0, Sz]), term(-1, [2, Sz])])).toEqual([-1, -1, null]);
    expect(signs([term(1, [0, Sx]), term(1, [2, Sx])])).toEqual([1, 1, null]);
    expect(signs([term(1, [0, Sy])])).toEqual([-1, null, null]);
  });
  it('bonds: an XXZ ring is invariant, a field on one site or a bond with another coefficient breaks it', () => {
    const ring = (J: (k: number) => number) => [0, 1, 2].flatMap((k) => [term(J(k), [k, Sx], [(k + 1) % 3, Sx]), term(J(k), [k, Sy], [(k + 1) % 3, Sy]), term(0.5, [k, Sz], [(k + 1) % 3, Sz])]);
    expect(signs(ring(() => 1))).toEqual([1, 1, 1]);
    expect(signs([...ring(() => 1), term(0.1, [1, Sz])])).toEqual([null, 1, null]);
    expect(signs(ring((k) => 1 + 0.1 * k))).toEqual([1, null, null]);
    // Sx Sx + Sy Sy = (S+ S- + S- S+)/2: the same operator in another form is found equal.
    expect(signs([term(1, [0, Sx], [1, Sx]), term(1, [0, Sy], [1, Sy])], 2).slice(0, 2)).toEqual([1, 1]);
  });
});

/** The digits of i in base d, site 0 least significant (any fixed order: the groups are the same). */
const digits = (i: number, d: number, L: number) => Array.from({ length: L }, (_, k) => Math.floor(i / d ** k) % d);

describe('sector dimensions on base-d digits against the character formula', () => {
  // fix(F^a C^t) counted on digit arrays; chi_{f,k}(a, t) = (-1)^(f a) exp(2 pi i k t / N).
  for (const [d, L, gens] of [[3, 4, ['translation']], [3, 5, ['flip', 'translation']], [4, 3, ['flip', 'reflection']], [3, 4, ['reflection']], [5, 3, ['flip']], [2, 5, ['flip', 'translation']]] as [number, number, SymmetryGenerator[]][]) {
    it(`d = ${d}, L = ${L}, ${gens.join(' and ')}`, () => {
      const basis = sectorBasis(L, gens, d);
      const n = d ** L;
      expect(basis.n).toBe(n);
      const flip = gens.includes('flip');
      const cyc = gens.includes('translation') ? 'translation' : gens.includes('reflection') ? 'reflection' : null;
      const N = cyc === 'translation' ? L : cyc === 'reflection' ? 2 : 1;
      const act = (v: number[], a: number, t: number): number[] => {
        let w = [...v];
        for (let s = 0; s < t; s++) w = cyc === 'translation' ? w.map((_, k) => w[(k + 1) % L]) : [...w].reverse();
        return a === 1 ? w.map((x) => d - 1 - x) : w;
      };
      const fix = (a: number, t: number) => {
        let c = 0;
        for (let i = 0; i < n; i++) { const v = digits(i, d, L); if (act(v, a, t).every((x, k) => x === v[k])) c++; }
        return c;
      };
      const order = (flip ? 2 : 1) * N;
      const expected: number[] = [];
      for (let f = 0; f < (flip ? 2 : 1); f++) {
        for (let k = 0; k < N; k++) {
          let re = 0;
          for (let a = 0; a < (flip ? 2 : 1); a++) for (let t = 0; t < N; t++) re += (f * a % 2 ? -1 : 1) * Math.cos(2 * Math.PI * k * t / N) * fix(a, t);
          expected.push(Math.round(re / order));
        }
      }
      // Momentum k and -k have equal dimensions, so the orientation of the rotation does not matter.
      expect(sectorDimensions(basis)).toEqual(expected);
      expect(expected.reduce((x, y) => x + y, 0)).toBe(n);
      if (gens.length === 1 && cyc === 'translation' && L === 4) expect(expected[0]).toBe((d ** 4 + d ** 2 + 2 * d) / 4);
    });
  }
});

// --- numpy: the reflection-symmetric open chain and the flip-only XXZ chain at L = 3 (27 states).
const python = process.env.HEATBOUND_PYTHON ?? 'python3';
const probe = spawnSync(python, ['-c', 'import numpy, yaml'], { encoding: 'utf8' });
const available = probe.status === 0;
const why = available ? '' : `python3 with numpy and PyYAML is not available (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()})`;
type Term = [number, number, [number, string][]];

function reference(L: number, H: Term[], channels: { A: Term[]; rate: number; T: number }[], state: unknown): { J: number; channels: { J: number }[] } {
  const spec = { dims: Array.from({ length: L }, () => ['spin', 2]), H, channels, state };
  const r = spawnSync(python, [join(root, 'test', 'reference', 'sites_ref.py')], { input: JSON.stringify(spec), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sites_ref failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { J: number; channels: { J: number }[] };
}

describe.skipIf(!available)(`v2 sites in sectors against numpy${why ? ` (skipped: ${why})` : ''}`, () => {
  const L = 3;
  const bonds = (f: (k: number) => number, zz: number): Term[] => Array.from({ length: L - 1 }, (_, k) => [[f(k), 0, [[k, 'Sx'], [k + 1, 'Sx']]], [f(k), 0, [[k, 'Sy'], [k + 1, 'Sy']]], [zz, 0, [[k, 'Sz'], [k + 1, 'Sz']]]] as Term[]).flat();
  const sites = (c: number, op: string): Term[] => Array.from({ length: L }, (_, k) => [c, 0, [[k, op]]] as Term);
  it('open spin-1 chain with symmetric baths (reflection sectors)', () => {
    const r = run(loadModelText(open, 'open.yaml'), L, true);
    expect(r.notes.some((n) => /commutes with the reflection/.test(n))).toBe(true);
    const H = [...bonds(() => 1, 1.3), ...sites(0.25, 'Sz'), ...Array.from({ length: L }, (_, k) => [0.2, 0, [[k, 'Sz'], [k, 'Sz']]] as Term)];
    const ref = reference(L, H, [
      { A: [[1, 0, [[0, 'Sx']]], [1, 0, [[L - 1, 'Sx']]]], rate: 1, T: 1.5 },
      { A: [[1, 0, [[0, 'Sz']]], [-1, 0, [[L - 1, 'Sz']]]], rate: 0.6, T: 0.2 },
    ], 'ground');
    within(r.report.J, ref.J, 1e-8 * Math.max(1e-3, Math.abs(ref.J)), 'J');
    r.report.channels.forEach((c, i) => within(c.J, ref.channels[i].J, 1e-8 * Math.max(1e-3, Math.abs(ref.channels[i].J)), `channel ${i} J`));
  });
  it('spin-1 ring with flat baths (flip and translation sectors), thermal state', () => {
    const r = run(loadModelText(ring.replace('ohmic', 'flat').replace(', wc: 2', ''), 'ring.yaml'), L, true);
    expect(r.notes.some((n) => /spin flip m -> -m on every site and the translation/.test(n))).toBe(true);
    const per = (c: number, op: string): Term[] => Array.from({ length: L }, (_, k) => [c, 0, [[k, op], [(k + 1) % L, op]]] as Term);
    const H = [...per(1, 'Sx'), ...per(1, 'Sy'), ...per(0.6, 'Sz'), ...Array.from({ length: L }, (_, k) => [0.4, 0, [[k, 'Sz'], [k, 'Sz']]] as Term), ...sites(0.3, 'Sx')];
    const ref = reference(L, H, [{ A: [[1, 0, [[0, 'Sx']]]], rate: 1, T: 0.9 }, { A: sites(1, 'Sz'), rate: 0.5, T: 0.3 }], { thermal: 1.2 });
    within(r.report.J, ref.J, 1e-8 * Math.max(1e-3, Math.abs(ref.J)), 'J');
    r.report.channels.forEach((c, i) => within(c.J, ref.channels[i].J, 1e-8 * Math.max(1e-3, Math.abs(ref.channels[i].J)), `channel ${i} J`));
  });
  it('XXZ chain without field (flip sectors), thermal state', () => {
    const model = loadModelText(xxz('1'), 'xxz.yaml');
    const r = run(model, L, true);
    expect(r.notes.some((n) => /commutes with the spin flip m -> -m/.test(n))).toBe(true);
    const ref = reference(L, bonds((k) => 1 + 0.15 * k, 0.7), [
      { A: [[1, 0, [[0, 'Sx']]]], rate: 1, T: 0.8 },
      { A: [[1, 0, [[L - 1, 'Sz']]]], rate: 0.4, T: 0.25 },
    ], { thermal: 0.7 });
    within(r.report.J, ref.J, 1e-8 * Math.max(1e-3, Math.abs(ref.J)), 'J');
    r.report.channels.forEach((c, i) => within(c.J, ref.channels[i].J, 1e-8 * Math.max(1e-3, Math.abs(ref.channels[i].J)), `channel ${i} J`));
  });
});
