/**
 * The one site-group decomposition (numeric/site-groups) run with the same laws over both fields
 * (float64 and decimal(30)): the split partitions the terms into connected groups, and the
 * extremes c0 + sum of group extremes are those of the whole operator (here diagonal one- and
 * two-site operators, whose spectrum is the set of basis-state values, enumerated in the field).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalField, float64Field, groupExtremes, opExtremes, opScalar, opSite, opAdd, opMul, siteGroups, type Field } from '../../src/numeric/index.js';

const SEED = 1319;

/** A diagonal product term: c times diag(d0, d1) on each of its sites (ints, so every field is exact on them). */
interface DiagTerm { readonly sites: readonly number[]; readonly c: number; readonly diag: readonly (readonly [number, number])[] }

const termOn = (L: number, maxSites: number): fc.Arbitrary<DiagTerm> =>
  fc.uniqueArray(fc.integer({ min: 0, max: L - 1 }), { minLength: 0, maxLength: maxSites }).chain((sites) =>
    fc.record({
      sites: fc.constant([...sites].sort((a, b) => a - b)),
      c: fc.integer({ min: -9, max: 9 }),
      diag: fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })), { minLength: sites.length, maxLength: sites.length }),
    }));
const opArb = (maxSites: number) => fc.integer({ min: 1, max: 6 }).chain((L) => fc.record({ L: fc.constant(L), terms: fc.array(termOn(L, maxSites), { maxLength: 8 }) }));

/** The value of the diagonal term on basis state b (bit s of b: site s's level), in F. */
function valueAt<T>(F: Field<T>, t: DiagTerm, b: number): T {
  let v = F.fromRational(t.c, 1);
  t.sites.forEach((s, i) => { v = F.mul(v, F.fromRational(t.diag[i][(b >> s) & 1], 1)); });
  return v;
}

/** Brute force over the 2^n basis states of the listed sites: min and max of the sum of the terms. */
function bruteExtremes<T>(F: Field<T>, sites: readonly number[], terms: readonly DiagTerm[]): { min: T; max: T } {
  let min: T | null = null, max: T | null = null;
  for (let k = 0; k < 2 ** sites.length; k++) {
    let b = 0;
    sites.forEach((s, i) => { if ((k >> i) & 1) b |= 1 << s; });
    let v = F.zero;
    for (const t of terms) v = F.add(v, valueAt(F, t, b));
    if (min === null || F.cmp(v, min) < 0) min = v;
    if (max === null || F.cmp(v, max) > 0) max = v;
  }
  return { min: min!, max: max! };
}

const fields: [string, Field<unknown>][] = [['float64', float64Field as Field<unknown>], ['decimal(30)', decimalField(30) as unknown as Field<unknown>]];

describe('siteGroups', () => {
  it('splits the identity terms off and partitions the rest into connected groups of disjoint sites', () => {
    fc.assert(fc.property(opArb(3), ({ L, terms }) => {
      const { identity, groups } = siteGroups(L, terms);
      expect(identity).toEqual(terms.filter((t) => t.sites.length === 0));
      expect(groups.flatMap((g) => g.terms).length + identity.length).toBe(terms.length);
      const owner = new Map<number, number>();
      groups.forEach((g, i) => {
        expect(g.sites).toEqual([...g.sites].sort((a, b) => a - b));
        for (const s of g.sites) { expect(owner.has(s)).toBe(false); owner.set(s, i); }
      });
      groups.forEach((g, i) => { for (const t of g.terms) for (const s of t.sites) expect(owner.get(s)).toBe(i); });
      // groups are in the order of their first term, each group's terms in the order of the sum
      const firsts = groups.map((g) => terms.indexOf(g.terms[0]));
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
      for (const g of groups) { const idx = g.terms.map((t) => terms.indexOf(t)); expect(idx).toEqual([...idx].sort((a, b) => a - b)); }
    }), { seed: SEED, numRuns: 200 });
  });
});

describe.each(fields)('groupExtremes over %s', (_name, F) => {
  it('c0 + the sum of group extremes are the extremes of the whole operator (exact on integers)', () => {
    fc.assert(fc.property(opArb(2), ({ L, terms }) => {
      const got = groupExtremes(F, L, terms, {
        constant: (t) => F.fromRational(t.c, 1), maxGroupSites: L,
        extremes: (g) => bruteExtremes(F, g.sites, g.terms),
      })!;
      const all = bruteExtremes(F, Array.from({ length: L }, (_, s) => s), terms);
      expect(F.cmp(got.min, all.min)).toBe(0);
      expect(F.cmp(got.max, all.max)).toBe(0);
      expect(got.parts.length).toBe(siteGroups(L, terms).groups.length);
    }), { seed: SEED, numRuns: 150 });
  });

  it('applies only when every group fits maxGroupSites (1: the one-site rule of the Decimal engine)', () => {
    fc.assert(fc.property(opArb(3), fc.integer({ min: 1, max: 3 }), ({ L, terms }, max) => {
      const fits = siteGroups(L, terms).groups.every((g) => g.sites.length <= max);
      const got = groupExtremes(F, L, terms, { constant: (t) => F.fromRational(t.c, 1), maxGroupSites: max, extremes: () => ({ min: F.zero, max: F.zero }) });
      expect(got !== null).toBe(fits);
      if (max === 1) expect(got !== null).toBe(terms.every((t) => t.sites.length <= 1));
    }), { seed: SEED, numRuns: 150 });
  });

  it('is c0 alone for an operator without sites, and F.zero for the empty sum', () => {
    const opts = { constant: (t: DiagTerm) => F.fromRational(t.c, 1), maxGroupSites: 1, extremes: () => ({ min: F.one, max: F.one }) };
    const c = groupExtremes(F, 3, [{ sites: [], c: 5, diag: [] }], opts)!;
    expect([F.cmp(c.min, F.fromRational(5, 1)), F.cmp(c.max, F.fromRational(5, 1)), c.parts.length]).toEqual([0, 0, 0]);
    const z = groupExtremes(F, 3, [], opts)!;
    expect([F.cmp(z.min, F.zero), F.cmp(z.max, F.zero)]).toEqual([0, 0]);
  });
});

describe('opExtremes (the float64 instance)', () => {
  it('reports site groups: 2 + sum_k Z_k + X_0 X_1 on 4 sites has extremes 2 -+ (sqrt(5) + 2) from 3 groups', () => {
    const L = 4, Z = new Float64Array([1, 0, 0, 0, 0, 0, -1, 0]), X = new Float64Array([0, 0, 1, 0, 1, 0, 0, 0]);
    let a = opScalar(L, 2);
    for (let k = 0; k < L; k++) a = opAdd(a, opSite(L, k, Z));
    a = opAdd(a, opMul(opSite(L, 0, X), opSite(L, 1, X)));
    const e = opExtremes(a);
    expect(e.how.startsWith('site-groups(3):')).toBe(true);
    expect(e.max).toBeCloseTo(4 + Math.sqrt(5), 12);
    expect(e.min).toBeCloseTo(-Math.sqrt(5), 12);
  });
});
