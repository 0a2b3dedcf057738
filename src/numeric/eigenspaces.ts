/**
 * Grouping of eigenvalues into degenerate eigenspaces. Coherences inside a degenerate eigenspace
 * carry the superradiant enhancement, so this grouping decides which terms of the Davies generator
 * survive the secular approximation.
 */
import { defaultTolerances, gammaN } from './tolerances.js';
import { float64Field } from './field.js';
import { closestNearSplit, groupLevels, groupSpread, type GroupingRule, type NearSplit as GenericNearSplit, type WeakMerge as GenericWeakMerge } from './grouping.js';

/** Eigenspaces of H_S: for each eigen-index its eigenspace, and for each eigenspace its energy and members. */
export interface Eigenspaces {
  /** Energies per eigen-index. */
  readonly energies: Float64Array;
  /** Eigenspace of each eigen-index. */
  readonly space: Int32Array;
  /** Energy of each eigenspace (the mean of its members), ascending. */
  readonly spaceEnergy: Float64Array;
  /** Members of eigenspace s are `members[start[s] .. start[s+1]-1]`. */
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** The tolerance (absolute) used to decide degeneracy. */
  readonly tolerance: number;
  /** The smallest gap between distinct eigenspaces, Infinity if there is one eigenspace. */
  readonly smallestGap: number;
  /**
   * Absolute error bound of each eigenspace energy (`spaceEnergy[s]`) against the exact eigenvalue
   * of H_S it stands for ({@link groupByError} sets it).
   */
  readonly spaceError?: Float64Array;
  /** Splittings resolved but within `nearSplitFactor` of their error bound (see {@link groupByError}). */
  readonly nearSplits?: readonly NearSplit[];
  /**
   * Consecutive levels merged by a gap above `weakMergeFraction` of their error bound (see
   * {@link groupByError}): equal within the error, but the levels may as well be distinct.
   */
  readonly weakMerges?: readonly WeakMerge[];
  /**
   * Exact levels kept apart although their exact difference is within their coefficients' error
   * (numeric/exact-levels groupExactLevels `undecided`): a bound on those differences. Whether they
   * are degenerate is not decided, so J's error covers the merged reading too ({@link readingsWidth}).
   */
  readonly undecidedWidth?: number;
  /**
   * Level differences from exact levels, where the method has them (the diagonal method's integer
   * energies, numeric/exact-levels): the kernels take the Bohr frequencies from it
   * ({@link bohrFrequencies}) instead of differences of `spaceEnergy`, which lose the small
   * differences of large levels (1e17 + 3 - (1e17 - 3) is 0 or 16 in float64, 6 exactly).
   */
  readonly bohr?: ExactBohr;
}

/** Differences of exact levels, each rounded once, with their error bound. */
export interface ExactBohr {
  /** E_j - E_i of the eigen-indices i and j, the exact difference rounded to float64. */
  frequency(i: number, j: number): number;
  /** The value is within relative |w| + absolute of the model's difference. */
  readonly relative: number;
  readonly absolute: number;
}

/**
 * The Bohr frequency E_b - E_a of eigenspaces a and b as the kernels take it: from the exact levels
 * of `spaces.bohr` where there are, else the difference of the eigenspaces' energies.
 */
export function bohrFrequencies(spaces: Eigenspaces): (a: number, b: number) => number {
  const { bohr, spaceEnergy, members, start } = spaces;
  return bohr ? (a, b) => bohr.frequency(members[start[a]], members[start[b]]) : (a, b) => spaceEnergy[b] - spaceEnergy[a];
}

/** Two consecutive levels split by more than their error bound, but by less than factor times it. */
export type NearSplit = GenericNearSplit<number>;

/** Two consecutive levels merged by a gap above `weakMergeFraction` of their error bound (their indices `anchor`, `level`). */
export type WeakMerge = GenericWeakMerge<number>;

/** The float64 grouping rule: levels compared with the previous one, within the sum of their error bounds. */
function byErrorRule(errors: Float64Array, factor: number): GroupingRule<number> {
  return { anchor: 'previous', tolerance: (p, i) => errors[i] + errors[p], nearFactor: factor, nearStrict: false, weakFraction: defaultTolerances.weakMergeFraction };
}

/**
 * Groups energies by their own error bounds: consecutive levels (in ascending order) whose gap is at
 * most the sum of their error bounds are equal within the error and share an eigenspace; any other
 * pair is resolved. A resolved gap within `factor` times the error is listed in `nearSplits`
 * (eigenvectors then rest on a gap of the size of round-off). Equal floats always group. A merge
 * by a gap above `weakMergeFraction` (1/10) of the error is listed in `weakMerges`: the levels
 * are equal within their error, but a degeneracy is not evident (a degenerate level's members
 * typically lie far closer than their bounds, e.g. 1e-16 apart against 1e-13). The float64
 * instance of {@link groupLevels}.
 *
 * Each eigenspace's energy is the mean of its members, with error bound max over members of
 * (|e_i - mean| + err_i): every member lies within err_i of the exact level it stands for.
 *
 * @param errors absolute error bound of each energy (same length as `energies`)
 * @example
 * groupByError(Float64Array.of(1, 1 + 1e-10, -1), Float64Array.of(1e-15, 1e-15, 1e-15), 1e3).spaceEnergy.length // 3
 */
export function groupByError(energies: Float64Array, errors: Float64Array, factor: number): Eigenspaces {
  const g = groupLevels(float64Field, energies, byErrorRule(errors, factor));
  const order = g.order, starts = g.start;
  const S = starts.length - 1;
  const means = new Float64Array(S);
  const spaceError = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let sum = 0;
    for (let r = starts[s]; r < starts[s + 1]; r++) sum += energies[order[r]];
    const mean = sum / (starts[s + 1] - starts[s]);
    means[s] = mean;
    // The mean itself carries the rounding of its sum: gamma_d relative to sum |e_i| / d.
    let err = 0, abs = 0;
    for (let r = starts[s]; r < starts[s + 1]; r++) {
      const i = order[r];
      err = Math.max(err, Math.abs(energies[i] - mean) + errors[i]);
      abs += Math.abs(energies[i]);
    }
    spaceError[s] = err + gammaN(starts[s + 1] - starts[s] + 1) * (abs / (starts[s + 1] - starts[s]));
  }
  return {
    energies, space: g.space, spaceEnergy: means, start: starts, members: order,
    tolerance: 2 * maxOf(errors), smallestGap: g.smallestGap ?? Infinity, spaceError, nearSplits: g.nearSplits, weakMerges: g.weakMerges,
  };
}

function maxOf(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  return m;
}

/**
 * Splits eigenspaces whose members an exact test tells apart: each space's members are partitioned
 * into classes of `same(i, j)` (tested against each class's first member), and each class becomes an
 * eigenspace with the mean of its members' energies and the space's error bound (the classes lie
 * inside the space's spread). Spaces stay in ascending order of their means.
 */
export function refineEigenspaces(spaces: Eigenspaces, same: (i: number, j: number) => boolean): Eigenspaces {
  const classes: { members: number[]; mean: number; error: number }[] = [];
  for (let s = 0; s + 1 < spaces.start.length; s++) {
    const own: number[][] = [];
    for (let r = spaces.start[s]; r < spaces.start[s + 1]; r++) {
      const i = spaces.members[r];
      const c = own.find((m) => same(m[0], i));
      if (c) c.push(i); else own.push([i]);
    }
    for (const m of own) {
      let sum = 0;
      for (const i of m) sum += spaces.energies[i];
      classes.push({ members: m, mean: own.length === 1 ? spaces.spaceEnergy[s] : sum / m.length, error: spaces.spaceError ? spaces.spaceError[s] : spaces.tolerance });
    }
  }
  if (classes.length === spaces.spaceEnergy.length) return spaces;
  classes.sort((a, b) => a.mean - b.mean);
  const n = spaces.energies.length;
  const space = new Int32Array(n), members = new Int32Array(n), start = new Int32Array(classes.length + 1);
  const spaceEnergy = new Float64Array(classes.length), spaceError = new Float64Array(classes.length);
  let r = 0, smallestGap = Infinity;
  classes.forEach((c, s) => {
    start[s] = r;
    for (const i of c.members) { members[r++] = i; space[i] = s; }
    spaceEnergy[s] = c.mean;
    spaceError[s] = c.error;
    if (s > 0) smallestGap = Math.min(smallestGap, c.mean - classes[s - 1].mean);
  });
  start[classes.length] = n;
  // A weak merge the exact test split is no merge any more.
  const weakMerges = spaces.weakMerges?.filter((m) => space[m.anchor] === space[m.level]);
  return { ...spaces, space, members, start, spaceEnergy, spaceError, smallestGap, ...(weakMerges ? { weakMerges } : {}) };
}

/**
 * The `inexact` entry for eigenspaces merged from energies that are exact in their method (a
 * diagonal H_S) but differ as floats: equal within round-off, yet not decided equal (empty if none).
 */
export function mergedUnequalNotes(spaces: Eigenspaces, what = 'H_S'): string[] {
  const { merged, widest } = groupSpread(float64Field, spaces.energies, spaces.members, spaces.start);
  if (merged === 0) return [];
  return [`${what} has ${merged} eigenspace(s) merged from float64 energies that differ within their round-off (widest spread ${widest.toPrecision(3)}): whether those levels are degenerate is not decided in float64; use --digits`];
}

/**
 * A bound on every gap between the exact levels inside the eigenspaces that hold a weak merge
 * (0 when there is none): the members of space s lie within spaceError[s] of its energy, and
 * each exact level within its own bound of its member, so two of them lie within 2 spaceError[s].
 * Where those levels are distinct, the Davies generator has Bohr frequencies of at most this size
 * between them.
 */
export function weakMergeWidth(spaces: Eigenspaces): number {
  let width = 0;
  for (const m of spaces.weakMerges ?? []) {
    const s = spaces.space[m.level];
    width = Math.max(width, 2 * (spaces.spaceError ? spaces.spaceError[s] : spaces.tolerance));
  }
  return width;
}

/**
 * Where a grouping rests on a reading the computation cannot decide (weak merges, undecided
 * splits of exact levels): a bound on the gaps of the exact levels involved, for J's error to cover
 * the other reading (engine/methods/shared mergeJump); null when every merge and split is decided.
 */
export function readingsWidth(spaces: Eigenspaces): number | null {
  const weak = (spaces.weakMerges?.length ?? 0) > 0;
  if (!weak && spaces.undecidedWidth === undefined) return null;
  return Math.max(weak ? weakMergeWidth(spaces) : 0, spaces.undecidedWidth ?? 0);
}

/**
 * The `inexact` entry for weak merges of a grouping (empty when there are none): levels merged
 * although their gap is not small against their error bound. If the exact levels are distinct,
 * the Davies generator drops the coherences between them and J may differ by up to the |J| <= B1
 * bound of each reading; the float64 methods widen J's error by that (engine/methods/shared
 * channelKernel's `weakMerge`).
 */
export function weakMergeNotes(spaces: Eigenspaces, what = 'H_S'): string[] {
  const ws = spaces.weakMerges ?? [];
  if (ws.length === 0) return [];
  const worst = ws.reduce((a, b) => (b.gap / b.error > a.gap / a.error ? b : a));
  return [`${what} has ${ws.length} pair(s) of levels merged into one eigenspace although their gap is above ${defaultTolerances.weakMergeFraction} of their error bound (widest relative to its bound: E = ${worst.below} and ${worst.above}, gap ${worst.gap.toPrecision(3)}, bound ${worst.error.toPrecision(3)}): whether they are degenerate is not evident in float64, and if they are distinct the Davies generator drops their coherences, so J's error covers both readings (|J| <= B1 for each: 2 B1 per channel); use --digits`];
}

/** The `inexact` entries for near splittings of a grouping (empty when there are none). */
export function nearSplitNotes(spaces: Eigenspaces, what = 'H_S'): string[] {
  const ns = spaces.nearSplits ?? [];
  const worst = closestNearSplit(float64Field, ns);
  if (worst === null) return [];
  return [`${what} has ${ns.length} splitting(s) of levels within ${defaultTolerances.nearSplitFactor} times their round-off error (closest: E = ${worst.below} and ${worst.above}, gap ${worst.gap.toPrecision(3)}, error ${worst.error.toPrecision(3)}): the levels are kept apart, but whether they are degenerate (which decides the coherences the Davies kernel keeps) is not certain in float64; use --digits`];
}
