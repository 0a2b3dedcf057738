/**
 * B2tail's algorithm (numeric/tail-field) is written once over a Field: one suite of laws run over
 * both instances, float64 and decimal(30) (QuTiP's pattern of one test class run over every
 * specialisation): a hand-computed table and profile, merging is associative and commutative with
 * 'omega' winning, the profile's band term is non-decreasing and its tail term non-increasing in D
 * with the best point its first minimum, thinning keeps the first, last and best points. Across
 * the fields: decimal(30) agrees with float64 on random tables, and the float64 instance's
 * specialised accumulator (bohrTail, mergeTails) makes exactly the tables of the generic one,
 * on the coarse grid too.
 */
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FieldTailAccumulator, addBohrFrequencies, bohrTail, decimalField, float64Field, mergeTails, mergeTailsInto,
  mergePreciseTails, preciseTailProfile, tailProfile, tailProfileIn, thinProfile, thinTailPoints,
  type Field, type TailFrequencies, type TailTable, type TailTableIn,
} from '../../src/numeric/index.js';

const SEED = 1313;
const RUNS = 60;

interface Case<T> {
  readonly F: Field<T>;
  /** Equal exactly when the elements are (the accumulator's key). */
  readonly key: (x: T) => string | number;
}
const D30 = decimalField(30);
const cases: [string, Case<unknown>][] = [
  ['float64', { F: float64Field, key: (x: number) => x } as Case<number>],
  ['decimal(30)', { F: D30, key: (x: Decimal) => x.toString() } as Case<Decimal>],
] as unknown as [string, Case<unknown>][];

/** One record (|w|, gamma, q) as doubles. */
interface Rec { readonly aw: number; readonly g: number; readonly q: number }

/**
 * Dyadic records (|w| = i/8, gamma = j/1024, q = k/1024; few distinct |w|, so points collide):
 * every sum and product of the algorithm is exact in both fields, so laws hold with equality.
 */
const dyadic = fc.record({
  aw: fc.integer({ min: 1, max: 24 }).map((i) => i / 8),
  g: fc.integer({ min: 0, max: 1024 }).map((j) => j / 1024),
  q: fc.integer({ min: 0, max: 1024 }).map((k) => k / 1024),
});
/** Records of general doubles (round-off everywhere). */
const general = fc.record({
  aw: fc.double({ min: 1e-3, max: 10, noNaN: true }),
  g: fc.double({ min: 0, max: 2, noNaN: true }),
  q: fc.double({ min: 0, max: 1, noNaN: true }),
});
/** A table's records, its Tr[A^2 Pinch rho] (at least its weights), its dropped |J| and frequencies. */
const tableArb = (rec: fc.Arbitrary<Rec>) => fc.record({
  recs: fc.array(rec, { maxLength: 25 }),
  extra: fc.integer({ min: 0, max: 1024 }).map((k) => k / 1024),
  dropped: fc.integer({ min: 0, max: 64 }).map((k) => k / 1024),
  frequencies: fc.constantFrom<TailFrequencies>('bohr', 'omega'),
});
type TableSpec = { recs: Rec[]; extra: number; dropped: number; frequencies: TailFrequencies };

function build<T>(c: Case<T>, s: TableSpec): TailTableIn<T> {
  const { F } = c;
  const acc = new FieldTailAccumulator(F, c.key, F.zero);
  for (const r of s.recs) acc.add(F.fromNumber(r.aw), F.fromNumber(r.g), F.fromNumber(r.q));
  acc.pinchedA2 = F.add(s.recs.reduce((x, r) => F.add(x, F.fromNumber(r.q)), F.zero), F.fromNumber(s.extra));
  acc.dropped = F.fromNumber(s.dropped);
  acc.frequencies = s.frequencies;
  return acc.table();
}

function sameTable<T>(F: Field<T>, a: TailTableIn<T>, b: TailTableIn<T>): void {
  expect(a.d.length).toBe(b.d.length);
  for (const k of ['d', 'g', 'mg', 'q'] as const) {
    for (let i = 0; i < a.d.length; i++) expect(F.cmp(a[k][i], b[k][i]), `${k}[${i}]`).toBe(0);
  }
  expect(F.cmp(a.pinchedA2, b.pinchedA2)).toBe(0);
  expect(F.cmp(a.dropped, b.dropped)).toBe(0);
  expect(a.frequencies).toBe(b.frequencies);
  expect(a.coarse ?? false).toBe(b.coarse ?? false);
}

describe.each(cases)('B2tail laws over %s', (_name, c) => {
  const F = c.F;
  const n = (x: number) => F.fromNumber(x);
  const eq = (a: unknown, x: number) => expect(F.cmp(a as never, n(x)), `${F.toNumber(a as never)} vs ${x}`).toBe(0);

  it('builds and minimises a hand-computed table', () => {
    // |w| = 1: gamma 1/8 (q 1/2) and 1/16 (q 1/2); |w| = 2: gamma 1/8 (q 1/8). Tr[A^2 Pinch rho] = 1.
    const acc = new FieldTailAccumulator(F, c.key, F.zero);
    acc.add(n(1), n(0.125), n(0.5));
    acc.add(n(2), n(0.125), n(0.125));
    acc.add(n(1), n(0.0625), n(0.5));
    acc.pinchedA2 = n(1);
    const t = acc.table();
    [1, 2].forEach((x, i) => eq(t.d[i], x));
    [0.125, 0.125].forEach((x, i) => eq(t.g[i], x));
    [0.125, 0.25].forEach((x, i) => eq(t.mg[i], x));
    [1, 0.125].forEach((x, i) => eq(t.q[i], x));
    // B2tail(0) = M_>0 Q_>0 = 1/4 * 9/8; B2tail(1) = 1 * 1/8 * 1 + 1/4 * 1/8; B2tail(2) = 2 * 1/8 * 1.
    const p = tailProfileIn(F, [t]);
    expect(p.points.map((x) => F.toNumber(x.D))).toEqual([0, 1, 2]);
    expect(p.points.map((x) => F.toNumber(x.value))).toEqual([0.28125, 0.15625, 0.25]);
    eq(p.best.D, 1); eq(p.best.band, 0.125); eq(p.best.tail, 0.03125);
    eq(p.omegaGammaMax, 0.25); eq(p.scale, 0.25);
    eq(p.channels[0].gammaMax, 0.125);
  });

  it('lists every Bohr frequency with rate max(gamma(w), gamma(-w))', () => {
    // Energies 0, 1, 3, 3: frequencies 1, 2, 3 (w = 0 skipped); gamma(w) = 1/2 for w > 0, 1/4 below.
    const gamma = (w: unknown) => (F.cmp(w as never, F.zero) > 0 ? n(0.5) : n(0.25));
    for (const kms of [false, true]) {
      const acc = new FieldTailAccumulator(F, c.key, n(3));
      addBohrFrequencies(F, acc, [n(0), n(1), n(3), n(3)], gamma, kms);
      const t = acc.table();
      [1, 2, 3].forEach((x, i) => { eq(t.d[i], x); eq(t.g[i], 0.5); eq(t.mg[i], x / 2); eq(t.q[i], 0); });
      expect(t.frequencies).toBe('bohr');
    }
  });

  it('merges associatively and commutatively, omega winning', () => {
    fc.assert(fc.property(tableArb(dyadic), tableArb(dyadic), tableArb(dyadic), (a, b, x) => {
      const [ta, tb, tx] = [a, b, x].map((s) => build(c, s));
      const merge = (ts: TailTableIn<unknown>[]) => mergeTailsInto(new FieldTailAccumulator(F, c.key, F.zero), ts as never);
      const left = merge([merge([ta, tb]) as never, tx]);
      const right = merge([ta, merge([tb, tx]) as never]);
      sameTable(F, left, right);
      sameTable(F, left, merge([tx, tb, ta]));
      sameTable(F, left, merge([ta, tb, tx]));
      expect(left.frequencies).toBe([a, b, x].some((s) => s.frequencies === 'omega') ? 'omega' : 'bohr');
      expect(mergeTailsInto(new FieldTailAccumulator(F, c.key, F.zero), [ta, tb], 'bohr').frequencies).toBe('bohr');
    }), { seed: SEED, numRuns: RUNS });
  });

  it('has a band term non-decreasing and a tail term non-increasing in D; the best is the first minimum', () => {
    fc.assert(fc.property(fc.array(tableArb(general), { minLength: 1, maxLength: 3 }), (specs) => {
      const p = tailProfileIn(F, specs.map((s) => build(c, s)));
      const pts = p.points;
      eq(pts[0].D, 0);
      for (let k = 1; k < pts.length; k++) {
        expect(F.cmp(pts[k].D, pts[k - 1].D)).toBe(1);
        expect(F.cmp(pts[k].band, pts[k - 1].band)).toBeGreaterThanOrEqual(0);
        expect(F.cmp(pts[k].tail, pts[k - 1].tail)).toBeLessThanOrEqual(0);
      }
      const first = pts.findIndex((x) => pts.every((y) => F.cmp(x.value, y.value) <= 0));
      expect(pts.indexOf(p.best)).toBe(first);
      // The last point has no tail left.
      eq(pts[pts.length - 1].tail, 0);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('gives the same profile when channels share one table object as with equal copies of it', () => {
    // The product method hands one table to many channels; the profile reads a shared table once.
    fc.assert(fc.property(fc.array(tableArb(general), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(2), { minLength: 1, maxLength: 8 }), (specs, picks) => {
      const own = specs.map((s) => build(c, s));
      const shared = picks.map((i) => own[i % own.length]);
      const copies = picks.map((i) => build(c, specs[i % specs.length]));
      const a = tailProfileIn(F, shared), b = tailProfileIn(F, copies);
      expect(a.points.length).toBe(b.points.length);
      a.points.forEach((x, k) => {
        for (const key of ['D', 'value', 'band', 'tail'] as const) expect(Object.is(x[key], b.points[k][key]) || F.cmp(x[key], b.points[k][key]) === 0, `${key}[${k}]`).toBe(true);
      });
      expect(a.points.indexOf(a.best)).toBe(b.points.indexOf(b.best));
      for (const key of ['omegaGammaMax', 'dropped', 'scale'] as const) expect(F.cmp(a[key], b[key])).toBe(0);
      expect(a.coarse).toBe(b.coarse);
      expect(a.channels.length).toBe(picks.length);
      a.channels.forEach((x, k) => {
        for (const key of ['omegaGammaMax', 'gammaMax', 'pinchedA2', 'dropped'] as const) expect(F.cmp(x[key], b.channels[k][key])).toBe(0);
      });
    }), { seed: SEED, numRuns: RUNS });
  });

  it('thins a profile to at most max points, keeping the first, the last and the best, ascending', () => {
    fc.assert(fc.property(fc.array(tableArb(general), { minLength: 1, maxLength: 3 }), fc.integer({ min: 4, max: 20 }), (specs, max) => {
      const p = tailProfileIn(F, specs.map((s) => build(c, s)));
      const thin = thinTailPoints(F, p.points, p.best, max);
      if (p.points.length <= max) expect(thin).toBe(p.points);
      else expect(thin.length).toBeLessThanOrEqual(max);
      expect(thin[0]).toBe(p.points[0]);
      expect(thin[thin.length - 1]).toBe(p.points[p.points.length - 1]);
      expect(thin).toContain(p.best);
      for (let k = 1; k < thin.length; k++) expect(F.cmp(thin[k].D, thin[k - 1].D)).toBe(1);
    }), { seed: SEED, numRuns: RUNS });
  });
});

describe('B2tail across the fields', () => {
  const toF = (s: TableSpec) => build({ F: float64Field, key: (x: number) => x }, s);
  const toD = (s: TableSpec) => build({ F: D30, key: (x: Decimal) => x.toString() }, s);

  it('decimal(30) agrees with float64 on random tables (same grid, values within round-off)', () => {
    fc.assert(fc.property(fc.array(tableArb(general), { minLength: 1, maxLength: 3 }), (specs) => {
      const pf = tailProfile(specs.map(toF) as TailTable[]);
      const pd = preciseTailProfile(D30.zero.constructor as typeof Decimal, specs.map(toD) as never);
      expect(pd.points.length).toBe(pf.points.length);
      const close = (a: Decimal, b: number) => expect(Math.abs(a.toNumber() - b)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(b)));
      pf.points.forEach((x, k) => {
        expect(pd.points[k].D.toNumber()).toBe(x.D);
        close(pd.points[k].value, x.value); close(pd.points[k].band, x.band); close(pd.points[k].tail, x.tail);
      });
      close(pd.best.value, pf.best.value);
      close(pd.scale, pf.scale); close(pd.dropped, pf.dropped); close(pd.omegaGammaMax, pf.omegaGammaMax);
      expect(thinProfile(pf, 8).length).toBeLessThanOrEqual(8);
      // The Decimal instance's merge is the generic one.
      sameTable(D30, mergePreciseTails(D30.zero.constructor as typeof Decimal, specs.map(toD) as never), mergeTailsInto(new FieldTailAccumulator(D30, (x) => x.toString(), D30.zero), specs.map(toD)));
    }), { seed: SEED, numRuns: RUNS });
  });

  it("float64's specialised accumulator makes the generic accumulator's tables (Bohr, merge)", () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { maxLength: 30 }), fc.boolean(), (energies, kms) => {
      const gamma = (w: number) => (w > 0 ? 1 / (1 + w) : Math.exp(w) / (1 - w));
      const spec = bohrTail(energies, gamma, kms)!;
      const acc = new FieldTailAccumulator(float64Field, (x) => x, 10);
      addBohrFrequencies(float64Field, acc, energies, gamma, kms);
      sameTable(float64Field, spec, acc.table());
    }), { seed: SEED, numRuns: RUNS });
    fc.assert(fc.property(fc.array(tableArb(general), { minLength: 1, maxLength: 3 }), (specs) => {
      const tables = specs.map(toF);
      sameTable(float64Field, mergeTails(0, tables as TailTable[]), mergeTailsInto(new FieldTailAccumulator(float64Field, (x) => x, 0, 1 << 16), tables));
    }), { seed: SEED, numRuns: RUNS });
  });

  it('on the coarse grid too (more distinct |w| than maxTailPoints = 2^16, bins of width top / 2^14)', () => {
    const N = 70000;
    const acc = new FieldTailAccumulator(float64Field, (x) => x, 0);
    for (let i = 0; i < N; i++) acc.add(1 + i / N + (i % 7) * 1e-9, 0.5 + (i % 13) / 26, (i % 5) / 8);
    acc.pinchedA2 = 1;
    const exact = acc.table();
    const spec = mergeTails(2, [exact as unknown as TailTable]);
    const gen = mergeTailsInto(new FieldTailAccumulator(float64Field, (x) => x, 2, 1 << 16, 1 << 14), [exact]);
    expect(spec.coarse).toBe(true);
    expect(spec.d.length).toBeLessThanOrEqual((1 << 14) + 2);
    sameTable(float64Field, spec, gen);
    // Each label is at least every |w| binned under it, so the coarse profile is still a bound: it is not below the exact one.
    expect(tailProfile([spec]).best.value).toBeGreaterThanOrEqual(tailProfile([exact as unknown as TailTable]).best.value);
  });
});
