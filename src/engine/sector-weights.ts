/**
 * A function of H_S over the full space of L spins s, rho = f(H_S) / Tr f(H_S) (thermal(T),
 * ground, top), is block diagonal over the total-spin sectors j, sector j occurring mult_j times:
 * rho = sum_j w_j (rho_j in each of its copies, 1/mult_j each), rho_j = f(H_j) / Tr f(H_j), with
 *
 *   w_j = mult_j Tr f(H_j) / sum_k mult_k Tr f(H_k).
 *
 * Every state-dependent term (J, Tr[A^2 Pinch rho], B_state, the B2tail weights) is linear in rho
 * and equal in each copy, so it is sum_j w_j times its value in rho_j. Here are the weights and a
 * bound on their error, in float64 from the sectors' eigenspaces and their error bounds:
 *
 *   - thermal(T): log w_j = log mult_j - E0_j / T + log sum_i exp(-(E_i - E0_j) / T), normalised
 *     by log-sum-exp (mult_j reaches 10^28 at L = 100 qubits and is astronomically large for spin 1
 *     at L = 1000). If every computed E_i is within dE of an exact eigenvalue (dE: the eigenspace's
 *     error bound plus the index's distance to its eigenspace energy), each exp(-E_i/T) is within a
 *     factor exp(+-dE/T) of the exact one, so each w_j (a ratio of such sums) is within a factor
 *     exp(+-2 dE/T): relative error expm1(2 dE/T), plus the round-off of the logarithms and
 *     exponentials (each term's own, gamma_3 (1 + |argument|), and of the sums);
 *   - ground (top): the global lowest (highest) eigenspace, which may span several sectors: w_j =
 *     mult_j d_j / sum mult_k d_k over the sectors whose extreme level is that one, d_j its
 *     degeneracy in sector j. Levels of two sectors are one when equal within their error bounds,
 *     the rule of the grouping within a sector (numeric/eigenspaces groupByError, anchored at the
 *     previous level); an engine that decides levels exactly (H_S diagonal in the Dicke basis, in
 *     decimal.js) is asked first, and a merge of unequal floats it could not decide, or a split
 *     within nearSplitFactor of the error bound, is listed in `inexact` (never a silent guess).
 */
import { defaultTolerances, gammaN, logBigInt, type Eigenspaces } from '../numeric/index.js';
import type { FunctionOfH } from './states.js';

/** A sector's part in the weights: its multiplicity and H_S's eigenspaces there. */
export interface WeightedSector {
  readonly twoJ: number;
  readonly multiplicity: bigint;
  readonly spaces: Eigenspaces;
}

/** Per sector (in the order given) its weight w_j (they sum to 1), a relative error bound of each, and what could not be decided. */
export interface SectorWeights {
  readonly weights: Float64Array;
  readonly relError: number;
  readonly inexact: string[];
}

/**
 * The sign of (exact level of sector a) - (exact level of sector b) for the lowest ('ground') or
 * highest ('top') eigenvalue of each, 0 when they are equal; null when it cannot be decided exactly.
 */
export type ExactLevelCompare = (a: number, b: number, which: 'ground' | 'top') => number | null;

/** The largest error of an eigen-index's energy against an exact eigenvalue, over a sector. */
function levelError(sp: Eigenspaces): number {
  let dE = 0;
  const se = sp.spaceError;
  for (let i = 0; i < sp.energies.length; i++) {
    const s = sp.space[i];
    dE = Math.max(dE, Math.abs(sp.energies[i] - sp.spaceEnergy[s]) + (se ? se[s] : 0));
  }
  return dE;
}

/** The weights of thermal(T), T > 0 (see the module comment). */
function thermalWeights(sectors: readonly WeightedSector[], T: number): SectorWeights {
  const S = sectors.length;
  let Emin = Infinity, dE = 0;
  for (const s of sectors) { Emin = Math.min(Emin, s.spaces.spaceEnergy[0]); dE = Math.max(dE, levelError(s.spaces)); }
  const x = new Float64Array(S);
  let xErr = 0;
  sectors.forEach((s, k) => {
    const { energies, spaceEnergy } = s.spaces;
    const E0 = spaceEnergy[0];
    let sum = 0, err = 0;
    for (let i = 0; i < energies.length; i++) {
      const a = (energies[i] - E0) / T;
      const t = Math.exp(-a);
      sum += t;
      err += t * gammaN(3) * (1 + Math.abs(a));
    }
    const lsum = Math.log(sum), logm = logBigInt(s.multiplicity), shift = (E0 - Emin) / T;
    x[k] = logm - shift + lsum;
    // The absolute error of x[k]: the sum's relative error (its terms' and n additions'), the logarithms', the shift's and the additions'.
    xErr = Math.max(xErr, err / sum + gammaN(energies.length + 2) + gammaN(4) * (Math.abs(logm) + Math.abs(shift) + Math.abs(lsum) + 1));
  });
  let mx = -Infinity;
  for (let k = 0; k < S; k++) mx = Math.max(mx, x[k]);
  const w = new Float64Array(S);
  let z = 0;
  for (let k = 0; k < S; k++) { w[k] = Math.exp(x[k] - mx); z += w[k]; }
  for (let k = 0; k < S; k++) w[k] /= z;
  // Each exponential's argument is off by at most 2 xErr (x[k] and the maximum) plus its rounding relative to |x[k] - mx|.
  let argErr = 0;
  for (let k = 0; k < S; k++) argErr = Math.max(argErr, 2 * xErr + gammaN(2) * Math.abs(x[k] - mx));
  const relError = Math.expm1(2 * dE / T) + Math.expm1(2 * argErr) + gammaN(S + 4);
  return { weights: w, relError: relError * (1 + gammaN(4)), inexact: [] };
}

/** The weights of ground or top (see the module comment). */
function extremeWeights(sectors: readonly WeightedSector[], which: 'ground' | 'top', exact: ExactLevelCompare | null): SectorWeights {
  const S = sectors.length;
  const level = (k: number): number => { const e = sectors[k].spaces.spaceEnergy; return which === 'ground' ? e[0] : e[e.length - 1]; };
  const error = (k: number): number => { const se = sectors[k].spaces.spaceError; return se ? (which === 'ground' ? se[0] : se[se.length - 1]) : 0; };
  const degeneracy = (k: number): number => {
    const st = sectors[k].spaces.start;
    const s = which === 'ground' ? 0 : st.length - 2;
    return st[s + 1] - st[s];
  };
  // Sectors from the best extreme level on (lowest for ground, highest for top).
  const key = (k: number): number => (which === 'ground' ? level(k) : -level(k));
  const order = Array.from({ length: S }, (_, k) => k).sort((a, b) => key(a) - key(b) || a - b);
  let n = 1;
  while (n < S && Math.abs(level(order[n]) - level(order[n - 1])) <= error(order[n]) + error(order[n - 1])) n++;
  let group = order.slice(0, n);
  const inexact: string[] = [];
  const name = (k: number): string => `2j = ${sectors[k].twoJ}`;
  let decided = n === 1;
  if (n > 1 && exact) {
    // The exact best among the candidates, then those equal to it exactly.
    let best = group[0], ok = true;
    for (const k of group.slice(1)) {
      const c = exact(k, best, which);
      if (c === null) { ok = false; break; }
      if ((which === 'ground' && c < 0) || (which === 'top' && c > 0)) best = k;
    }
    if (ok) {
      const eq = group.filter((k) => k === best || exact(k, best, which) === 0);
      group = eq;
      decided = true;
    }
  }
  if (!decided) {
    const unequal = group.filter((k) => level(k) !== level(group[0]));
    if (unequal.length > 0) {
      inexact.push(`${which}: the ${which === 'ground' ? 'lowest' : 'highest'} levels of the total-spin sectors ${group.map(name).join(', ')} (${group.map((k) => level(k)).join(', ')}) are equal within their error bounds and taken as one degenerate ${which} eigenspace; whether they are degenerate is not certain in float64, and it decides the ${which} state's weights`);
    }
  }
  if (n < S) {
    const next = order[n], last = order[n - 1];
    const gap = Math.abs(level(next) - level(last)), err = error(next) + error(last);
    if (gap <= defaultTolerances.nearSplitFactor * err && !(exact && exact(next, last, which) !== null)) {
      inexact.push(`${which}: the ${which === 'ground' ? 'lowest' : 'highest'} levels of the total-spin sectors ${name(last)} and ${name(next)} (${level(last)} and ${level(next)}) are split by ${gap.toPrecision(3)}, within ${defaultTolerances.nearSplitFactor} times their error ${err.toPrecision(3)}: they are kept apart, but whether the ${which} eigenspace spans both is not certain in float64`);
    }
  }
  const w = new Float64Array(S);
  let z = 0;
  for (const k of group) z += Number(sectors[k].multiplicity) * degeneracy(k);
  if (!Number.isFinite(z)) {
    // Multiplicities beyond float64: the ratios in log space.
    const lg = group.map((k) => logBigInt(sectors[k].multiplicity) + Math.log(degeneracy(k)));
    const mx = Math.max(...lg);
    let zz = 0;
    for (const v of lg) zz += Math.exp(v - mx);
    group.forEach((k, q) => { w[k] = Math.exp(lg[q] - mx) / zz; });
    return { weights: w, relError: gammaN(2 * group.length + 8) * (1 + Math.max(...lg.map(Math.abs))), inexact };
  }
  for (const k of group) w[k] = (Number(sectors[k].multiplicity) * degeneracy(k)) / z;
  // Each multiplicity rounded to float64 once, the products and the sum of the group.
  return { weights: w, relError: gammaN(2 * group.length + 8), inexact };
}

/**
 * The weights w_j of a function of H_S over the sectors (see the module comment).
 *
 * @param exact decides the extreme levels of two sectors exactly where the engine can (null: float64's grouping rule only)
 * @example
 * sectorWeights(sectors, { kind: 'thermal', T: 1 }, null).weights // one per sector, summing to 1
 */
export function sectorWeights(sectors: readonly WeightedSector[], f: FunctionOfH, exact: ExactLevelCompare | null): SectorWeights {
  if (sectors.length === 0) throw new RangeError('sectorWeights needs at least one sector');
  return f.kind === 'thermal' ? thermalWeights(sectors, f.T) : extremeWeights(sectors, f.kind, exact);
}
