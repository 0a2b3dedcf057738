/**
 * The one fold of the symmetric method's total-spin sectors (engine/symmetric-plan foldSectors) as
 * laws run over both fields, float64 and decimal.js (QuTiP's pattern: one test body per
 * specialisation): a model engine whose sectors have closed-form spectra, folded at float64Field
 * and at decimalField(30), against brute force over every sector and against each other; then the
 * fold's two instances (engine/methods/symmetric and engine/precise/symmetric) against each other
 * on models that visit every sector.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent, evaluateSystem, preciseSymmetricSystem } from '../../src/engine/index.js';
import {
  decimalSpin, float64Spin, foldSectors, planSectors, spinSectors, symmetricTexts, type OmegaStats, type SectorEngine, type SpinScalars,
} from '../../src/engine/symmetric-plan.js';
import { decimalContext, type Complex } from '../../src/numeric/index.js';
import { loadModelText } from '../../src/lang/index.js';
import { Decimal } from 'decimal.js';

const D30 = decimalContext(30, Decimal.ROUND_HALF_EVEN);
const fields: [string, SpinScalars<unknown>][] = [
  ['float64', float64Spin as SpinScalars<unknown>],
  ['decimal(30)', decimalSpin(D30) as SpinScalars<unknown>],
];

/**
 * A model in the Dicke basis: H_S = h1 Jz + h2 Jz^2 (diagonal, energies h1 m + h2 m^2 in sector j),
 * one channel A = a1 Jz + a2 Jz^2 (its eigenvalues likewise), linear when h2 = 0 (and a2 = 0).
 */
interface Toy { readonly L: number; readonly h: readonly [number, number]; readonly a: readonly [number, number] }

/** The sector 2j = twoJ of a toy model over S.F: H_S's energies ascending, A's eigenvalues. */
interface ToySector<T> { readonly twoJ: number; readonly energies: T[]; readonly aValues: T[] }

/** The fold of a toy model over the field of S, recording the sectors visited and the tables merged. */
function foldToy<T>(S: SpinScalars<T>, m: Toy, budget = Infinity) {
  const F = S.F;
  const num = F.fromNumber;
  const build = (twoJ: number): ToySector<T> => {
    const ms = Array.from({ length: twoJ + 1 }, (_, k) => F.div(num(2 * k - twoJ), num(2)));
    const poly = ([c1, c2]: readonly [number, number]) => (x: T) => F.add(F.mul(num(c1), x), F.mul(num(c2), F.mul(x, x)));
    const energies = ms.map(poly(m.h)).sort((x, y) => F.cmp(x, y));
    return { twoJ, energies, aValues: ms.map(poly(m.a)) };
  };
  const maxAbs = (xs: readonly T[]): T => xs.reduce((b, x) => (F.cmp(F.abs(x), b) > 0 ? F.abs(x) : b), F.zero);
  // (c0, cx, cy, cz) = (0, 0, 0, c1) when c2 = 0.
  const lin = ([c1, c2]: readonly [number, number]): Complex<T>[] | null =>
    c2 === 0 ? [0, 0, 0, c1].map((x) => ({ re: num(x), im: F.zero })) : null;
  const visited: number[] = [];
  const merged: string[] = [];
  const overBudget: number[] = [];
  const E: SectorEngine<T, ToySector<T>, { value: T; how: string }, string> = {
    S, L: m.L, topTwoJ: m.L, top: build(m.L), closedFormH: true,
    linear: { H: lin(m.h), A: [lin(m.a)] },
    stats: [undefined], tails: [`top`],
    energies: (s) => s.energies,
    linearNorm: (_i, _l, value) => ({ value, how: symmetricTexts.linearHow }),
    norm: (s) => ({ value: maxAbs(s.aValues), how: `sector ${s.twoJ}` }),
    plan: () => planSectors(m.L, (n) => n, budget),
    overBudget: (p) => { overBudget.push(p.sectors.length); },
    sector: (twoJ) => { visited.push(twoJ); return build(twoJ); },
    omega: (s, _i, _twoJ, norm): { stats: OmegaStats<T>; tail: string } => ({
      stats: { deltaE: F.sub(s.energies[s.energies.length - 1], s.energies[0]), gammaMax: num(s.twoJ), omegaGammaMax: norm.value },
      tail: `omega(${s.twoJ})`,
    }),
    tailKit: () => ({
      bohr: (e) => `bohr(${e.length})`,
      merge: (t, f) => { merged.push(f ?? 'sector'); return t.join('+'); },
    }),
  };
  return { fold: foldSectors(E), visited, merged, overBudget, build };
}

/** Brute force over every sector 2j = L, L-2, ...: ||H_S||, W, ||A|| and the largest sector width. */
function bruteForce(m: Toy) {
  let lo = Infinity, hi = -Infinity, normA = 0, deltaE = 0;
  for (const { twoJ } of spinSectors(m.L)) {
    let slo = Infinity, shi = -Infinity;
    for (let k = 0; k <= twoJ; k++) {
      const x = (2 * k - twoJ) / 2;
      const e = m.h[0] * x + m.h[1] * x * x;
      slo = Math.min(slo, e); shi = Math.max(shi, e);
      normA = Math.max(normA, Math.abs(m.a[0] * x + m.a[1] * x * x));
    }
    lo = Math.min(lo, slo); hi = Math.max(hi, shi);
    if (twoJ < m.L) deltaE = Math.max(deltaE, shi - slo);
  }
  return { normH: Math.max(-lo, hi), width: hi - lo, normA, deltaE };
}

const models: Toy[] = [
  { L: 7, h: [1, 0.25], a: [0.5, -0.3] },
  { L: 12, h: [-0.7, 0.1], a: [0, 1] },
  { L: 10, h: [0.3, -0.05], a: [1.25, 0] },
  { L: 1, h: [1, 0.5], a: [0, 1] },
  { L: 9, h: [2, 0], a: [0.5, 0] },
];

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));

for (const [name, S] of fields) {
  const F = S.F;
  const n = (x: unknown): number => F.toNumber(x);
  describe(`the fold of the total-spin sectors over ${name}`, () => {
    for (const m of models) {
      it(`H_S = ${m.h[0]} Jz + ${m.h[1]} Jz^2, A = ${m.a[0]} Jz + ${m.a[1]} Jz^2, L = ${m.L}: every sector once, the full-space terms their maxima`, () => {
        const { fold, visited, merged } = foldToy(S, m);
        const b = bruteForce(m);
        close(n(fold.normH), b.normH);
        close(n(fold.width), b.width);
        close(n(fold.norms[0].value), b.normA);
        const sectors = spinSectors(m.L);
        // The multiplicities do not enter a maximum, but the sectors are all of 2^L.
        expect(sectors.reduce((s, x) => s + BigInt(x.dimension) * x.multiplicity, 0n)).toBe(2n ** BigInt(m.L));
        if (m.h[1] === 0 && m.a[1] === 0) {
          expect(fold.plan).toBeNull();
          expect(visited).toEqual([]);
          expect(fold.note).toBe(symmetricTexts.fromLinear);
          expect(fold.norms[0].how).toBe(symmetricTexts.linearHow);
          expect(fold.tails).toEqual(['top']);
          expect(fold.stats).toEqual([undefined]);
          return;
        }
        expect([m.L, ...visited]).toEqual(sectors.map((x) => x.twoJ));
        expect(fold.note).toBe(symmetricTexts.fromAll(sectors.length));
        // Tables merged once, in sector order, then closed over every Bohr frequency of all the sectors' energies.
        const energies = sectors.reduce((s, x) => s + x.dimension, 0);
        expect(fold.tails[0]).toBe(['top', ...visited.map((j) => `omega(${j})`)].join('+') + `+bohr(${energies})`);
        expect(merged).toEqual([...(visited.length > 0 ? ['sector'] : []), 'bohr']);
        if (visited.length > 0) {
          const st = fold.stats[0]!;
          close(n(st.deltaE), b.deltaE);
          expect(n(st.gammaMax)).toBe(visited[0]);
        }
      });
    }

    it('over budget: no lower sector is visited, the engine is told, and there is no note', () => {
      const m = models[0];
      const { fold, visited, overBudget, build } = foldToy(S, m, 1);
      expect(visited).toEqual([]);
      expect(overBudget).toEqual([spinSectors(m.L).length - 1]);
      expect(fold.note).toBeNull();
      const top = build(m.L);
      expect(F.cmp(fold.width, F.sub(top.energies[top.energies.length - 1], top.energies[0]))).toBe(0);
    });
  });
}

describe('the fold gives the same terms over float64 and decimal(30)', () => {
  for (const m of models) {
    it(`L = ${m.L}: ||H_S||, W, ||A|| within 1e-12`, () => {
      const [f, d] = fields.map(([, S]) => foldToy(S, m).fold);
      const num = (x: unknown) => (typeof x === 'number' ? x : (x as Decimal).toNumber());
      close(num(f.normH), num(d.normH));
      close(num(f.width), num(d.width));
      close(num(f.norms[0].value), num(d.norms[0].value));
    });
  }
});

describe("the fold's two instances: engine/methods/symmetric (float64) and engine/precise/symmetric (30 digits)", () => {
  const cases: [string, number][] = [
    ['name: lmg\nH: "Jz + 0.25 * Jz^2"\nchannels:\n  - A: "sum(k, X[k]) + 0.3 * Jz^2"\n    bath: { spectrum: ohmic, rate: 0.4, T: 0.6, wc: 2 }\nstate: "product(0.7, 0.3)"\n', 11],
    ['name: twisted\nH: "Jz + 0.3 * Jx * Jx"\nchannels:\n  - A: "Jx"\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: up\n', 12],
    ['name: allflip\nparams: { w0: 1, g: 1 }\nH: "w0 * Jz"\nchannels:\n  - A: "prod(k, X[k])"\n    bath: { spectrum: flat, rate: g, T: 0 }\nstate: up\n', 9],
    ['name: two\nH: "0.5 * Jz + 0.5 * Jx"\nchannels:\n  - A: "Jp + Jm"\n    bath: { spectrum: flat, rate: 0.7, T: 1.3 }\n  - A: "Jz * Jz + 0.2 * Jx"\n    bath: { spectrum: flat, rate: 1, T: 0 }\nstate: w\n', 8],
  ];
  for (const [text, L] of cases) {
    const m = loadModelText(text);
    it(`${m.name} at L = ${L}: every sector visited by both; normH, width, every normA, deltaE, gammaMax, omegaGammaMax agree`, () => {
      const q = computeCurrent(m, L, { method: 'symmetric' });
      const p = evaluateSystem(preciseSymmetricSystem(m, L, 30));
      expect(q.notes).toContain(symmetricTexts.fromAll(spinSectors(L).length));
      const agree = (what: string, a: { value: Decimal; error: Decimal }, b: number) =>
        expect(Math.abs(a.value.toNumber() - b), `${what}: ${a.value} vs ${b}`).toBeLessThanOrEqual(a.error.toNumber() + 1e-12 * Math.max(1, Math.abs(b)));
      agree('normH', p.terms.normH, q.terms.normH);
      agree('width', p.terms.width, q.terms.width);
      q.channels.forEach((c, i) => {
        agree(`normA ${i}`, p.channels[i].normA, c.normA);
        agree(`deltaE ${i}`, p.channels[i].deltaE, c.deltaE);
        agree(`gammaMax ${i}`, p.channels[i].gammaMax, c.gammaMax);
        agree(`omegaGammaMax ${i}`, p.channels[i].omegaGammaMax, c.omegaGammaMax);
      });
    });
  }
});
