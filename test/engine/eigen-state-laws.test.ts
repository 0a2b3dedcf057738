/**
 * The functions of H_S as eigen-populations (engine/eigen-state.ts) are written once over a Field:
 * one suite of laws run over float64 and decimal(30) on random spectra with degeneracies (the
 * populations sum to the total weight, ground and top are uniform over their eigenspace, thermal
 * ratios are exp(-dE/T)), the two fields agree to 1e-13, and each engine's instance gives the
 * numbers of the copy it replaced (copied below): the float64 one bit for bit, the Decimal one
 * digit for digit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalContext, decimalElementary, decimalField, float64Field, groupByError, type Decimal, type Eigenspaces, type Field,
} from '../../src/numeric/index.js';
import { eigenPopulations, type EigenLayout, type WeightOrder } from '../../src/engine/eigen-state.js';
import { functionPopulations } from '../../src/engine/methods/shared.js';
import type { FunctionOfHIn, RealisedState } from '../../src/engine/states.js';

const SEED = 1213;
const RUNS = 60;

type Fn = { weight: number; f: FunctionOfHIn<number> };

/** A spectrum of 1..6 levels, each 1..3 times, the copies split by round-off, in shuffled order. */
const spectrum = fc.record({
  levels: fc.array(fc.record({ e: fc.integer({ min: -300, max: 300 }), mult: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 6 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
}).map(({ levels, seed }) => {
  const seen = new Set<number>();
  const es: number[] = [];
  for (const { e, mult } of levels) {
    if (seen.has(e)) continue;
    seen.add(e);
    for (let k = 0; k < mult; k++) es.push(e / 100 + k * 1e-14);
  }
  // A deterministic shuffle: eigen-indices are not sorted by energy.
  let s = seed;
  for (let i = es.length - 1; i > 0; i--) { s = (s * 1103515245 + 12345) % 2147483648; const j = s % (i + 1); [es[i], es[j]] = [es[j], es[i]]; }
  return groupByError(Float64Array.from(es), new Float64Array(es.length).fill(1e-12), 1e3);
});

const fnArb: fc.Arbitrary<Fn> = fc.record({
  weight: fc.integer({ min: 1, max: 16 }).map((k) => k / 8),
  f: fc.oneof(
    fc.constant<FunctionOfHIn<number>>({ kind: 'ground' }),
    fc.constant<FunctionOfHIn<number>>({ kind: 'top' }),
    fc.integer({ min: 1, max: 50 }).map((k): FunctionOfHIn<number> => ({ kind: 'thermal', T: k / 10 })),
  ),
});

function layoutIn<T>(F: Field<T>, sp: Eigenspaces): EigenLayout<T> {
  return {
    energies: Array.from(sp.energies, (e) => F.fromNumber(e)), lowest: F.fromNumber(sp.spaceEnergy[0]), count: sp.spaceEnergy.length,
    members: (s) => sp.members.subarray(sp.start[s], sp.start[s + 1]),
  };
}

function fnsIn<T>(F: Field<T>, fns: readonly Fn[]): { weight: T; f: FunctionOfHIn<T> }[] {
  return fns.map(({ weight, f }) => ({ weight: F.fromNumber(weight), f: f.kind === 'thermal' ? { kind: 'thermal', T: F.fromNumber(f.T) } : f }));
}

const fields: [string, Field<unknown>, number][] = [
  ['float64', float64Field as Field<unknown>, 1e-13],
  ['decimal(30)', decimalField(30) as unknown as Field<unknown>, 1e-25],
];
const orders: WeightOrder[] = ['weight-first', 'normalise-first'];

describe.each(fields)('eigen-populations over %s', (_name, F, tol) => {
  const num = (x: unknown) => F.toNumber(x);
  const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

  it('are null without functions', () => {
    const sp = groupByError(Float64Array.of(0, 1), Float64Array.of(1e-12, 1e-12), 1e3);
    expect(eigenPopulations(F, layoutIn(F, sp), [], 'weight-first')).toBeNull();
  });

  it('sum to the total weight', () => {
    fc.assert(fc.property(spectrum, fc.array(fnArb, { minLength: 1, maxLength: 3 }), fc.constantFrom(...orders), (sp, fns, order) => {
      const pop = eigenPopulations(F, layoutIn(F, sp), fnsIn(F, fns), order)!;
      const total = pop.reduce((a, b) => F.add(a, b), F.zero);
      expect(close(num(total), fns.reduce((a, f) => a + f.weight, 0), 10 * tol)).toBe(true);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('spread ground and top uniformly over their eigenspace, zero elsewhere', () => {
    fc.assert(fc.property(spectrum, fc.constantFrom<'ground' | 'top'>('ground', 'top'), fc.constantFrom(...orders), (sp, kind, order) => {
      const pop = eigenPopulations(F, layoutIn(F, sp), fnsIn(F, [{ weight: 0.75, f: { kind } }]), order)!;
      const s = kind === 'ground' ? 0 : sp.spaceEnergy.length - 1;
      const d = sp.start[s + 1] - sp.start[s];
      for (let i = 0; i < pop.length; i++) {
        const expected = sp.space[i] === s ? 0.75 / d : 0;
        expect(close(num(pop[i]), expected, tol)).toBe(true);
      }
    }), { seed: SEED, numRuns: RUNS });
  });

  it('give thermal ratios exp(-(E_i - E_j)/T)', () => {
    fc.assert(fc.property(spectrum, fc.integer({ min: 2, max: 50 }), fc.constantFrom(...orders), (sp, k, order) => {
      const T = k / 10;
      const pop = eigenPopulations(F, layoutIn(F, sp), fnsIn(F, [{ weight: 1.5, f: { kind: 'thermal', T } }]), order)!;
      for (let i = 0; i < pop.length; i++) {
        const j = (i + 1) % pop.length;
        const ratio = F.toNumber(F.div(pop[i], pop[j]));
        expect(close(ratio, Math.exp(-(sp.energies[i] - sp.energies[j]) / T), 1e-12)).toBe(true);
      }
    }), { seed: SEED, numRuns: RUNS });
  });
});

// The copies the one function replaced (methods/shared.ts and precise/current.ts before).
function oldFloat(spaces: Eigenspaces, functions: RealisedState['functions']): Float64Array | null {
  if (functions.length === 0) return null;
  const n = spaces.energies.length;
  const pop = new Float64Array(n);
  const S = spaces.spaceEnergy.length;
  for (const { weight, f } of functions) {
    if (f.kind === 'thermal') {
      const e0 = spaces.spaceEnergy[0];
      let z = 0;
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) { w[i] = Math.exp(-(spaces.energies[i] - e0) / f.T); z += w[i]; }
      for (let i = 0; i < n; i++) pop[i] += (weight * w[i]) / z;
    } else {
      const s = f.kind === 'ground' ? 0 : S - 1;
      const d = spaces.start[s + 1] - spaces.start[s];
      for (let q = spaces.start[s]; q < spaces.start[s + 1]; q++) pop[spaces.members[q]] += weight / d;
    }
  }
  return pop;
}

type DecimalFn = { weight: Decimal; f: FunctionOfHIn<Decimal> };
interface OldSpaces { energies: Decimal[]; members: number[][] }
function oldDecimal(D: typeof Decimal, fns: readonly DecimalFn[], spaces: OldSpaces, energies: Decimal[]): Decimal[] | null {
  const n = energies.length;
  let populations: Decimal[] | null = null;
  for (const { weight, f } of fns) {
    populations ??= Array.from({ length: n }, () => new D(0));
    const p: Decimal[] = Array.from({ length: n }, () => new D(0));
    if (f.kind === 'thermal') {
      const E0 = spaces.energies[0];
      let Z = new D(0);
      for (let i = 0; i < n; i++) { p[i] = energies[i].minus(E0).neg().div(f.T).exp(); Z = Z.plus(p[i]); }
      for (let i = 0; i < n; i++) p[i] = p[i].div(Z);
    } else {
      const m = spaces.members[f.kind === 'ground' ? 0 : spaces.members.length - 1];
      for (const i of m) p[i] = new D(1).div(m.length);
    }
    for (let i = 0; i < n; i++) populations[i] = populations[i].plus(p[i].times(weight));
  }
  return populations;
}

describe('eigen-populations across fields and engines', () => {
  const F = decimalField(30);

  it('agree between float64 and decimal(30) to 1e-13', () => {
    fc.assert(fc.property(spectrum, fc.array(fnArb, { minLength: 1, maxLength: 3 }), fc.constantFrom(...orders), (sp, fns, order) => {
      const a = eigenPopulations(float64Field, layoutIn(float64Field, sp), fns, order)!;
      const b = eigenPopulations(F, layoutIn(F, sp), fnsIn(F, fns), order)!;
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i].toNumber())).toBeLessThanOrEqual(1e-13);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('the float64 instance (functionPopulations) gives the bits of the copy it replaced', () => {
    fc.assert(fc.property(spectrum, fc.array(fnArb, { minLength: 0, maxLength: 3 }), (sp, fns) => {
      const now = functionPopulations(sp, fns), before = oldFloat(sp, fns);
      if (before === null) { expect(now).toBeNull(); return; }
      expect(Array.from(now!)).toEqual(Array.from(before));
    }), { seed: SEED, numRuns: RUNS });
  });

  it("the Decimal instance ('normalise-first' over the Decimal constructor) gives the digits of the copy it replaced", () => {
    const D = decimalContext(30, 6 /* ROUND_HALF_EVEN */);
    const E = decimalElementary(D);
    fc.assert(fc.property(spectrum, fc.array(fnArb, { minLength: 1, maxLength: 3 }), (sp, fns) => {
      // Energies as the Decimal engine has them (not exactly the doubles: a third is inexact), the
      // lowest eigenspace's energy its first member's, members per eigenspace.
      const energies = Array.from(sp.energies, (e) => new D(e).div(3));
      const members = Array.from({ length: sp.spaceEnergy.length }, (_, s) => Array.from(sp.members.subarray(sp.start[s], sp.start[s + 1])));
      const spaces: OldSpaces = { energies: members.map((m) => energies[m[0]]), members };
      const dfns: DecimalFn[] = fns.map(({ weight, f }) => ({ weight: new D(weight).div(3), f: f.kind === 'thermal' ? { kind: 'thermal', T: new D(f.T).div(7) } : f }));
      const layout: EigenLayout<Decimal> = { energies, lowest: spaces.energies[0], count: members.length, members: (s) => members[s] };
      const now = eigenPopulations(E, layout, dfns, 'normalise-first')!, before = oldDecimal(D, dfns, spaces, energies)!;
      expect(now.map((x) => x.toString())).toEqual(before.map((x) => x.toString()));
    }), { seed: SEED, numRuns: RUNS });
  });
});
