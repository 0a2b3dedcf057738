/**
 * Grouping of energy levels into eigenspaces by their error, written once over a {@link Field}:
 * the float64 engine (`groupByError` in eigenspaces.ts) and the precise engine
 * (`groupEigenspaces` in engine/precise/basis.ts) are its two instances. What the engines' notes
 * on a grouping report (its near splittings, {@link closestNearSplit}; the spread of levels merged
 * although unequal, {@link groupSpread}) is computed here for both; each note's wording is its
 * engine's own (float64 sends the user to --digits, the precise engine to raise them).
 *
 * The two engines' rules differ in two explicit parameters of {@link GroupingRule}, not in code:
 * - `anchor`: float64 compares each level with the previous one (a chain of small gaps is one
 *   eigenspace; every level is within the sum of its neighbours' errors of them); Decimal compares
 *   with the group's first (lowest) level, which is the eigenspace's energy there.
 * - `tolerance` and `nearFactor`/`nearStrict`: float64 uses the sum of the two levels' own error
 *   bounds and lists a gap within (<=) 1000 times it; Decimal one degeneracy tolerance for every
 *   pair and a gap strictly below 1000 times it.
 */
import type { Field } from './field.js';

/** How levels are told apart: see the module comment for the two engines' choices. */
export interface GroupingRule<T> {
  /**
   * 'previous': a level joins the current eigenspace when within tolerance of the level just below
   * it; 'first': when within tolerance of the eigenspace's first (lowest) level. The gap of a level
   * is measured from this anchor (also for `smallestGap` and near splittings).
   */
  readonly anchor: 'previous' | 'first';
  /** The largest gap at which levels `anchor` and `level` (indices into the energies) are equal within error. */
  tolerance(anchor: number, level: number): T;
  /** A resolved gap within `nearFactor` times its tolerance is a near splitting. */
  readonly nearFactor: T;
  /** True: within means gap < nearFactor * tolerance; false: gap <= nearFactor * tolerance. */
  readonly nearStrict: boolean;
  /** A merged gap above this fraction of its tolerance is a weak merge ({@link LevelGroups} `weakMerges`); absent: none are recorded. */
  readonly weakFraction?: T;
}

/** Two consecutive eigenspaces whose energies (anchor below, level above) are resolved by a gap within the near factor of its error. */
export interface NearSplit<T = number> {
  readonly below: T;
  readonly above: T;
  readonly gap: T;
  readonly error: T;
}

/** Two consecutive levels merged into one eigenspace by a gap above the rule's weak fraction of its tolerance (the levels' indices: `anchor` below, `level` above). */
export interface WeakMerge<T = number> extends NearSplit<T> {
  readonly anchor: number;
  readonly level: number;
}

/** Levels grouped into eigenspaces, in ascending order of energy. */
export interface LevelGroups<T> {
  /** The level indices in ascending order of energy (a stable sort: equal energies keep their index order). */
  readonly order: Int32Array;
  /** Eigenspace s holds the levels `order[start[s] .. start[s+1]-1]` (ascending); start has one entry per space plus n. */
  readonly start: Int32Array;
  /** The eigenspace of each level. */
  readonly space: Int32Array;
  /** The smallest gap (from its anchor) of a level that opens an eigenspace; null when there is one eigenspace or none. */
  readonly smallestGap: T | null;
  /** The resolved gaps within the near factor of their tolerance, in ascending order of energy. */
  readonly nearSplits: readonly NearSplit<T>[];
  /** The merged gaps above the weak fraction of their tolerance, in ascending order of energy (empty without `weakFraction`). */
  readonly weakMerges: readonly WeakMerge<T>[];
}

/**
 * Groups `energies` into eigenspaces under `rule`: sorted ascending, a level opens a new eigenspace
 * when its gap from its anchor exceeds the tolerance, else it joins the current one. So the
 * eigenspaces partition the levels, and two consecutive levels closer than their tolerance share one.
 * A merge by a gap above `weakFraction` times the tolerance is listed (the evidence of a
 * degeneracy is weak there: the levels may as well be distinct).
 *
 * @example
 * groupLevels(float64Field, [1, -1, 1 + 1e-12], { anchor: 'previous', tolerance: () => 1e-9, nearFactor: 1e3, nearStrict: false }).start // Int32Array [0, 1, 3]
 */
export function groupLevels<T>(F: Field<T>, energies: ArrayLike<T>, rule: GroupingRule<T>): LevelGroups<T> {
  const n = energies.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => F.cmp(energies[a], energies[b]));
  const space = new Int32Array(n);
  const starts: number[] = [];
  const nearSplits: NearSplit<T>[] = [];
  const weakMerges: WeakMerge<T>[] = [];
  const weak = rule.weakFraction;
  const previous = rule.anchor === 'previous';
  let smallestGap: T | null = null;
  let first = 0;
  let lastTol: T | undefined, nearTol: T | undefined;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    let split = r === 0;
    if (r > 0) {
      const p = previous ? order[r - 1] : order[first];
      const gap = F.sub(energies[i], energies[p]);
      const tol = rule.tolerance(p, i);
      split = F.cmp(gap, tol) > 0;
      if (split) {
        if (smallestGap === null || F.cmp(gap, smallestGap) < 0) smallestGap = gap;
        // One product per distinct tolerance (one in all for a constant tolerance).
        if (tol !== lastTol) { lastTol = tol; nearTol = F.mul(rule.nearFactor, tol); }
        const c = F.cmp(gap, nearTol as T);
        if (rule.nearStrict ? c < 0 : c <= 0) nearSplits.push({ below: energies[p], above: energies[i], gap, error: tol });
      } else if (weak !== undefined && F.cmp(gap, F.mul(weak, tol)) > 0) {
        weakMerges.push({ below: energies[p], above: energies[i], gap, error: tol, anchor: p, level: i });
      }
    }
    if (split) { starts.push(r); first = r; }
    space[i] = starts.length - 1;
  }
  starts.push(n);
  return { order, start: Int32Array.from(starts), space, smallestGap, nearSplits, weakMerges };
}

/**
 * How far the members of each eigenspace lie apart: the number of eigenspaces whose members are not
 * all equal and the widest spread, max - min over an eigenspace's members (its last minus its first
 * member when they are ascending, as {@link groupLevels} leaves them).
 */
export function groupSpread<T>(F: Field<T>, energies: ArrayLike<T>, members: ArrayLike<number>, start: ArrayLike<number>): { merged: number; widest: T } {
  let merged = 0, widest = F.zero;
  for (let s = 0; s + 1 < start.length; s++) {
    if (start[s + 1] - start[s] < 2) continue;
    let lo = energies[members[start[s]]], hi = lo;
    for (let r = start[s] + 1; r < start[s + 1]; r++) {
      const e = energies[members[r]];
      if (F.cmp(e, lo) < 0) lo = e;
      if (F.cmp(e, hi) > 0) hi = e;
    }
    if (F.cmp(hi, lo) > 0) {
      merged++;
      const spread = F.sub(hi, lo);
      if (F.cmp(spread, widest) > 0) widest = spread;
    }
  }
  return { merged, widest };
}

/** The closest near splitting relative to its error (the first of equals), or null when there is none. */
export function closestNearSplit<T>(F: Field<T>, nearSplits: readonly NearSplit<T>[]): NearSplit<T> | null {
  if (nearSplits.length === 0) return null;
  return nearSplits.reduce((a, b) => (F.cmp(F.div(b.gap, b.error), F.div(a.gap, a.error)) < 0 ? b : a));
}
