/**
 * One suite of laws for the grouping of levels into eigenspaces and for the block decomposition,
 * run over every Field instance (float64, decimal(30), decimal(60)): the grouping is a partition of
 * the levels, levels closer than their tolerance share an eigenspace and levels of different ones
 * are resolved, and the Decimal and float64 instances group the same spectra alike. The components
 * of random (also asymmetric) patterns match a union-find reference in every sparse format. The
 * engines' wrappers (groupByError, groupEigenspaces, graphComponents, components) are checked
 * against the code they replaced.
 */
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closestNearSplit, connectedComponents, decimalField, float64Field, gammaN, groupByError, groupLevels, groupSpread,
  precision, type Field, type GroupingRule, type SparseMatrix,
} from '../../src/numeric/index.js';
import { components, groupEigenspaces, type BlockEigen } from '../../src/engine/precise/basis.js';
import { graphComponents } from '../../src/numeric/blocks.js';

const SEED = 1305;
const RUNS = 120;

const fields: [string, Field<unknown>][] = [
  ['float64', float64Field], ['decimal(30)', decimalField(30)], ['decimal(60)', decimalField(60)],
] as unknown as [string, Field<unknown>][];

/**
 * Random spectra on a grid of 2^-20 (exact in every field, so differences are exact too): a few
 * clusters of levels a few grid steps apart, so chains, ties and resolved gaps all occur.
 */
const spectrum = fc.array(fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 24 })
  .map((xs) => xs.map(([c, d]) => c + d * 2 ** -20));
/** A tolerance off the grid (an odd multiple of 2^-22), so no gap equals it. */
const tolerance = fc.integer({ min: 0, max: 20 }).map((k) => (2 * k + 1) * 2 ** -22);
const anchor = fc.constantFrom<'previous' | 'first'>('previous', 'first');

function rule<T>(F: Field<T>, anchorOf: 'previous' | 'first', tol: number, strict: boolean): GroupingRule<T> {
  const t = F.fromNumber(tol);
  return { anchor: anchorOf, tolerance: () => t, nearFactor: F.fromNumber(4), nearStrict: strict };
}

describe.each(fields)(`level grouping over %s (fast-check seed ${SEED})`, (_name, F0) => {
  const F = F0 as Field<unknown>;
  it('is a partition of the levels into runs of the ascending order', () => {
    fc.assert(fc.property(spectrum, tolerance, anchor, (xs, tol, a) => {
      const e = xs.map((x) => F.fromNumber(x));
      const g = groupLevels(F, e, rule(F, a, tol, false));
      const n = e.length;
      expect([...g.order].sort((p, q) => p - q)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(g.start[0]).toBe(0);
      expect(g.start[g.start.length - 1]).toBe(n);
      for (let s = 0; s + 1 < g.start.length; s++) {
        expect(g.start[s + 1]).toBeGreaterThan(g.start[s]);
        for (let r = g.start[s]; r < g.start[s + 1]; r++) expect(g.space[g.order[r]]).toBe(s);
      }
      for (let r = 1; r < n; r++) {
        const c = F.cmp(e[g.order[r - 1]], e[g.order[r]]);
        expect(c <= 0).toBe(true);
        if (c === 0) expect(g.order[r - 1]).toBeLessThan(g.order[r]);
      }
    }), { seed: SEED, numRuns: RUNS });
  });

  it('merges levels closer than the tolerance and resolves the others; the smallest gap and near splits are the resolved gaps', () => {
    fc.assert(fc.property(spectrum, tolerance, anchor, fc.boolean(), (xs, tol, a, strict) => {
      const e = xs.map((x) => F.fromNumber(x));
      const g = groupLevels(F, e, rule(F, a, tol, strict));
      const t = F.fromNumber(tol), near = F.fromNumber(4 * tol);
      const gaps: unknown[] = [];
      let nearCount = 0;
      for (let r = 1; r < e.length; r++) {
        const i = g.order[r], prev = g.order[r - 1];
        const first = g.order[g.start[g.space[prev]]];
        const from = a === 'previous' ? prev : first;
        const gap = F.sub(e[i], e[from]);
        const within = F.cmp(gap, t) <= 0;
        // Closer than the tolerance (to the anchor): one eigenspace; further: a new one.
        expect(g.space[i] === g.space[prev]).toBe(within);
        // Consecutive levels closer than the tolerance always share an eigenspace.
        if (F.cmp(F.sub(e[i], e[prev]), t) <= 0 && a === 'previous') expect(g.space[i]).toBe(g.space[prev]);
        if (!within) {
          gaps.push(gap);
          const c = F.cmp(gap, near);
          if (strict ? c < 0 : c <= 0) nearCount++;
        }
      }
      if (a === 'first') {
        // Every member lies within the tolerance of its eigenspace's first (lowest) level.
        for (let s = 0; s + 1 < g.start.length; s++) {
          const lo = e[g.order[g.start[s]]];
          for (let r = g.start[s]; r < g.start[s + 1]; r++) expect(F.cmp(F.sub(e[g.order[r]], lo), t) <= 0).toBe(true);
        }
      }
      expect(g.nearSplits.length).toBe(nearCount);
      if (gaps.length === 0) expect(g.smallestGap).toBeNull();
      else expect(F.cmp(g.smallestGap, gaps.reduce((m, x) => (F.cmp(x, m) < 0 ? x : m))) === 0).toBe(true);
      const spread = groupSpread(F, e, g.order, g.start);
      let merged = 0;
      for (let s = 0; s + 1 < g.start.length; s++) if (F.cmp(e[g.order[g.start[s + 1] - 1]], e[g.order[g.start[s]]]) !== 0) merged++;
      expect(spread.merged).toBe(merged);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('groups like the float64 instance on the same spectrum (exact grid values)', () => {
    fc.assert(fc.property(spectrum, tolerance, anchor, fc.boolean(), (xs, tol, a, strict) => {
      const g = groupLevels(F, xs.map((x) => F.fromNumber(x)), rule(F, a, tol, strict));
      const h = groupLevels(float64Field, xs, rule(float64Field, a, tol, strict));
      expect([...g.order]).toEqual([...h.order]);
      expect([...g.start]).toEqual([...h.start]);
      expect([...g.space]).toEqual([...h.space]);
      expect(g.smallestGap === null ? null : F.toNumber(g.smallestGap)).toBe(h.smallestGap);
      expect(g.nearSplits.map((s) => [F.toNumber(s.below), F.toNumber(s.above), F.toNumber(s.gap)])).toEqual(h.nearSplits.map((s) => [s.below, s.above, s.gap]));
      const c = closestNearSplit(F, g.nearSplits), d = closestNearSplit(float64Field, h.nearSplits);
      expect(c === null ? null : F.toNumber(c.above)).toBe(d === null ? null : d.above);
    }), { seed: SEED, numRuns: RUNS });
  });
});

// --- the engines' wrappers against the code they replaced --------------------------------------

/** groupByError as it was written before the generic grouping (float64 only). */
function oldGroupByError(energies: Float64Array, errors: Float64Array, factor: number) {
  const n = energies.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => energies[a] - energies[b]);
  const space = new Int32Array(n);
  const starts: number[] = [];
  let smallestGap = Infinity;
  const nearSplits: { below: number; above: number; gap: number; error: number }[] = [];
  for (let r = 0; r < n; r++) {
    const i = order[r];
    let split = r === 0;
    if (r > 0) {
      const p = order[r - 1];
      const gap = energies[i] - energies[p];
      const err = errors[i] + errors[p];
      split = gap > err;
      if (split) {
        smallestGap = Math.min(smallestGap, gap);
        if (gap <= factor * err) nearSplits.push({ below: energies[p], above: energies[i], gap, error: err });
      }
    }
    if (split) starts.push(r);
    space[i] = starts.length - 1;
  }
  starts.push(n);
  const S = starts.length - 1;
  const means = new Float64Array(S), spaceError = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let sum = 0;
    for (let r = starts[s]; r < starts[s + 1]; r++) sum += energies[order[r]];
    const mean = sum / (starts[s + 1] - starts[s]);
    means[s] = mean;
    let err = 0, abs = 0;
    for (let r = starts[s]; r < starts[s + 1]; r++) {
      const i = order[r];
      err = Math.max(err, Math.abs(energies[i] - mean) + errors[i]);
      abs += Math.abs(energies[i]);
    }
    spaceError[s] = err + gammaN(starts[s + 1] - starts[s] + 1) * (abs / (starts[s + 1] - starts[s]));
  }
  return { space, spaceEnergy: means, start: Int32Array.from(starts), members: order, smallestGap, spaceError, nearSplits };
}

/** groupEigenspaces's grouping as it was written before (Decimal only): energies, members, minGap, spread. */
function oldGroupEigenspaces(D: typeof Decimal, energiesIn: Decimal[], degTol: Decimal) {
  const n = energiesIn.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => energiesIn[a].cmp(energiesIn[b]));
  const energies: Decimal[] = [], members: number[][] = [];
  const spaceOf = new Int32Array(n);
  let minGap: Decimal | null = null;
  for (const i of order) {
    const e = energiesIn[i];
    const last = energies.length - 1;
    if (last >= 0 && e.minus(energies[last]).lte(degTol)) members[last].push(i);
    else {
      if (last >= 0) { const g = e.minus(energies[last]); if (minGap === null || g.lt(minGap)) minGap = g; }
      energies.push(e);
      members.push([i]);
    }
    spaceOf[i] = energies.length - 1;
  }
  const spread = members.reduce((m, g) => {
    if (g.length < 2) return m;
    const es = g.map((i) => energiesIn[i]);
    return D.max(m, D.max(...es).minus(D.min(...es)));
  }, new D(0));
  return { energies, members, spaceOf, minGap, spread, near: minGap !== null && minGap.lt(degTol.times(1e3)) };
}

/** Clustered doubles: level c plus d units of 10^-k (so float64 spectra with round-off-sized gaps). */
const clustered = fc.tuple(
  fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 40 }),
  fc.integer({ min: 10, max: 17 }),
).map(([xs, k]) => xs.map(([c, d]) => c * 0.7 + d * 10 ** -k));

describe(`the engines' groupings are the generic one (fast-check seed ${SEED})`, () => {
  it('groupByError (float64) gives what it gave before', () => {
    fc.assert(fc.property(clustered, fc.integer({ min: 0, max: 8 }), (xs, k) => {
      const e = Float64Array.from(xs);
      const errs = Float64Array.from(xs, (_, i) => ((i * 7) % 5) * 10 ** -(k + 9));
      const a = groupByError(e, errs, 1e3), b = oldGroupByError(e, errs, 1e3);
      expect([...a.members]).toEqual([...b.members]);
      expect([...a.start]).toEqual([...b.start]);
      expect([...a.space]).toEqual([...b.space]);
      expect([...a.spaceEnergy]).toEqual([...b.spaceEnergy]);
      expect([...a.spaceError!]).toEqual([...b.spaceError]);
      expect(a.smallestGap).toBe(b.smallestGap);
      expect(a.nearSplits).toEqual(b.nearSplits);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('groupEigenspaces (Decimal) gives what it gave before, notes included', () => {
    const P = precision(16), D = P.D;
    const levels = fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(levels, fc.integer({ min: 19, max: 27 }), fc.boolean(), (xs, k, exact) => {
      // Levels c / 2 + d 10^-k at 26 working digits: gaps around the degeneracy tolerance
      // max(100 x 10^-26 max(1, ||H||), 100 residual) and around 1000 times it.
      const energies = xs.map(([c, d]) => D.add(new D(c).div(2), new D(`${d}e-${k}`)));
      const residual = exact ? new D(0) : new D(`1e-${k + 1}`);
      const eig: BlockEigen = { n: energies.length, energies, blocks: null, residual };
      const g = groupEigenspaces(P, eig, 'here: ');
      const normH = D.max(...energies.map((e) => e.abs()));
      const degTol = D.max(P.workEps.times(100).times(D.max(1, normH)), residual.times(100));
      const old = oldGroupEigenspaces(D, energies, degTol);
      expect(g.spaces.energies.map(String)).toEqual(old.energies.map(String));
      expect(g.spaces.members).toEqual(old.members);
      expect([...g.spaces.spaceOf]).toEqual([...old.spaceOf]);
      expect(g.minGap === null ? null : g.minGap.toString()).toBe(old.minGap === null ? null : old.minGap.toString());
      expect(g.normH.toString()).toBe(normH.toString());
      expect(g.Emin.toString()).toBe(D.min(...energies).toString());
      expect(g.Emax.toString()).toBe(D.max(...energies).toString());
      expect(g.notes.some((t) => t.includes('two eigenspaces are'))).toBe(old.near);
      expect(g.notes.some((t) => t.includes('were grouped'))).toBe(!old.spread.isZero() && exact);
      if (!old.spread.isZero() && exact) expect(g.notes.find((t) => t.includes('were grouped'))).toContain(`levels up to ${old.spread.toSignificantDigits(6).toString()} apart`);
    }), { seed: SEED, numRuns: RUNS });
  });
});

// --- block decomposition -------------------------------------------------------------------------

/** Components by a plain union-find (no path compression), relabelled to sorted lists by smallest index. */
function referenceComponents(n: number, pairs: readonly (readonly [number, number])[]): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const root = (x: number): number => (parent[x] === x ? x : root(parent[x]));
  for (const [i, j] of pairs) { const a = root(i), b = root(j); if (a !== b) parent[Math.max(a, b)] = Math.min(a, b); }
  const by = new Map<number, number[]>();
  for (let i = 0; i < n; i++) { const r = root(i); by.set(r, [...(by.get(r) ?? []), i]); }
  return [...by.values()].sort((a, b) => a[0] - b[0]);
}

/** A CSR matrix with a 1 at every pair (duplicates summed). */
function csr(n: number, pairs: readonly (readonly [number, number])[]): SparseMatrix {
  const rows: number[][] = Array.from({ length: n }, () => []);
  for (const [i, j] of pairs) if (!rows[i].includes(j)) rows[i].push(j);
  const rowPtr = new Int32Array(n + 1), col: number[] = [];
  rows.forEach((r, i) => { r.sort((a, b) => a - b); col.push(...r); rowPtr[i + 1] = col.length; });
  return { n, rowPtr, col: Int32Array.from(col), re: new Float64Array(col.length).fill(1), im: new Float64Array(col.length) };
}

/** The BFS over CSR rows that graphComponents was before (correct for symmetric patterns). */
function oldGraphComponents(m: SparseMatrix): Int32Array[] {
  const label = new Int32Array(m.n).fill(-1), queue = new Int32Array(m.n), out: Int32Array[] = [];
  for (let s = 0; s < m.n; s++) {
    if (label[s] >= 0) continue;
    let head = 0, tail = 0;
    queue[tail++] = s;
    label[s] = out.length;
    while (head < tail) {
      const i = queue[head++];
      for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) { const j = m.col[p]; if (label[j] < 0) { label[j] = out.length; queue[tail++] = j; } }
    }
    const comp = queue.slice(0, tail);
    comp.sort();
    out.push(comp);
  }
  return out;
}

const pattern = fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(
  fc.constant(n),
  n === 0 ? fc.constant([] as [number, number][]) : fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 2 * n }),
));

describe(`block decomposition (fast-check seed ${SEED})`, () => {
  it('connectedComponents, graphComponents (CSR) and components (Decimal columns) match a union-find reference on random patterns', () => {
    const D = precision(16).D;
    fc.assert(fc.property(pattern, ([n, pairs]) => {
      const ref = referenceComponents(n, pairs);
      // The pairs as lines (rows or columns) in the order drawn, repeats and self-pairs kept.
      const ptr = new Int32Array(n + 1), idx: number[] = [];
      for (let k = 0; k < n; k++) { for (const [i, j] of pairs) if (i === k) idx.push(j); ptr[k + 1] = idx.length; }
      expect(connectedComponents({ n, ptr, idx }).map((c) => [...c])).toEqual(ref);
      expect(graphComponents(csr(n, pairs)).map((c) => [...c])).toEqual(ref);
      const cols = Array.from({ length: n }, () => new Map<number, { re: Decimal; im: Decimal }>());
      for (const [i, j] of pairs) cols[j].set(i, { re: new D(1), im: new D(0) });
      expect(components({ n, cols })).toEqual(ref);
    }), { seed: SEED, numRuns: 3 * RUNS });
  });

  it('graphComponents is the BFS it replaced on symmetric patterns (Hermitian matrices)', () => {
    fc.assert(fc.property(pattern, ([n, pairs]) => {
      const m = csr(n, [...pairs, ...pairs.map(([i, j]) => [j, i] as const)]);
      expect(graphComponents(m).map((c) => [...c])).toEqual(oldGraphComponents(m).map((c) => [...c]));
    }), { seed: SEED, numRuns: 3 * RUNS });
  });

  it('an entry on one side only still joins its two indices (the BFS over rows split them)', () => {
    const m = csr(2, [[1, 0]]);
    expect(graphComponents(m).map((c) => [...c])).toEqual([[0, 1]]);
    expect(oldGraphComponents(m).map((c) => [...c])).toEqual([[0], [1]]);
  });
});
