/**
 * B2tail in Decimal (numeric/tail in decimal.js arithmetic): the frequency table of one channel
 * and the profile of the band bound robust to tails,
 *
 *     |J_alpha| <= D Gamma_<=D Tr[A^2 Pinch rho] + max_{|w| > D} |w| gamma(w) Tr[rho T_>D],
 *
 * minimised over D in {0} U {distinct |w| in Omega} (the only breakpoints). Conventions as in
 * numeric/precise/kernel: hbar = k_B = 1, A(w) removes energy w, J > 0 flows into the system.
 * Pairs of eigenspaces whose elements are all at most `zero` are not in Omega; the heat their
 * weight could carry, sum |w| gamma(w) q, is returned as `dropped` (an error, not part of the bound).
 */
import type { Decimal } from 'decimal.js';
import { accumulatePairs, type PreciseOperatorColumns, type PreciseSpaces, type PreciseState } from './kernel.js';

type Ctor = typeof Decimal;

/** One channel's frequency table in Decimal: distinct |w| ascending with max gamma, max |w| gamma, summed weight. */
export interface PreciseTailTable {
  readonly d: readonly Decimal[];
  readonly g: readonly Decimal[];
  readonly mg: readonly Decimal[];
  readonly q: readonly Decimal[];
  /** Tr[A^2 Pinch rho] (including w = 0). */
  readonly pinchedA2: Decimal;
  /** Bound on the |J| carried by pairs below the zero threshold. */
  readonly dropped: Decimal;
  /** `bohr`: the maxima run over every Bohr frequency (robust, as numeric/tail); `omega`: over Omega. */
  readonly frequencies: 'bohr' | 'omega';
}

/** Every Bohr frequency is visited (two Decimal rates each) when there are at most this many pairs of eigenspaces. */
export const maxPreciseBohrPairs = 1 << 16;

/** Builds a table from records keyed by the exact |w|. */
class Records {
  private readonly at = new Map<string, number>();
  readonly d: Decimal[] = [];
  readonly g: Decimal[] = [];
  readonly mg: Decimal[] = [];
  readonly q: Decimal[] = [];
  constructor(private readonly D: Ctor) {}
  add(aw: Decimal, g: Decimal, mg: Decimal, q: Decimal): void {
    const key = aw.toString();
    let k = this.at.get(key);
    if (k === undefined) {
      k = this.d.length;
      this.at.set(key, k);
      this.d.push(aw); this.g.push(g); this.mg.push(mg); this.q.push(q);
      return;
    }
    if (g.gt(this.g[k])) this.g[k] = g;
    if (mg.gt(this.mg[k])) this.mg[k] = mg;
    this.q[k] = this.q[k].plus(q);
  }
  table(pinchedA2: Decimal, dropped: Decimal, frequencies: 'bohr' | 'omega'): PreciseTailTable {
    const order = this.d.map((_, i) => i).sort((a, b) => this.d[a].cmp(this.d[b]));
    return {
      d: order.map((i) => this.d[i]), g: order.map((i) => this.g[i]), mg: order.map((i) => this.mg[i]), q: order.map((i) => this.q[i]),
      pinchedA2, dropped, frequencies,
    };
  }
}

/**
 * The frequency table of one channel: Omega (pairs of eigenspaces with some |A_ij| > zero), the
 * weights q_w of the state (the terms of preciseChannelHeat's J), Tr[A^2 Pinch rho].
 */
export function preciseChannelTail(
  D: Ctor, spaces: PreciseSpaces, A: PreciseOperatorColumns, state: PreciseState, gamma: (w: Decimal) => Decimal, zero: Decimal,
  mode: 'auto' | 'omega' = 'auto', kms = false,
): PreciseTailTable {
  const nS = spaces.energies.length;
  const { spaceOf, members, energies } = spaces;
  const zero2 = zero.times(zero);
  const omega = new Set<number>();
  for (let j = 0; j < A.n; j++) {
    const b = spaceOf[j];
    for (const [i, v] of A.cols[j]) {
      const a = spaceOf[i];
      if (a === b) continue;
      if (v.re.times(v.re).plus(v.im.times(v.im)).gt(zero2)) omega.add(a * nS + b);
    }
  }
  const rates = new Map<number, Decimal>();
  const rate = (a: number, b: number): Decimal => {
    const key = a * nS + b;
    let g = rates.get(key);
    if (g === undefined) { g = gamma(energies[b].minus(energies[a])); rates.set(key, g); }
    return g;
  };
  const rec = new Records(D);
  const bohr = mode === 'auto' && (nS * (nS - 1)) / 2 <= maxPreciseBohrPairs;
  if (bohr) {
    addBohr(D, rec, energies, gamma, kms);
  } else {
    for (const key of omega) {
      const a = Math.floor(key / nS), b = key % nS;
      const aw = energies[b].minus(energies[a]).abs();
      const g = rate(a, b);
      rec.add(aw, g, aw.times(g), new D(0));
    }
  }
  let pinchedA2 = new D(0), dropped = new D(0);
  const addPair = (a: number, b: number, q: Decimal): void => {
    pinchedA2 = pinchedA2.plus(q);
    if (a === b || q.isZero()) return;
    const aw = energies[b].minus(energies[a]).abs();
    const g = rate(a, b);
    if (omega.has(a * nS + b)) rec.add(aw, g, aw.times(g), q);
    else dropped = dropped.plus(aw.times(g).times(q));
  };
  accumulatePairs(D, spaces, A, state, addPair);
  return rec.table(pinchedA2, dropped, bohr ? 'bohr' : 'omega');
}

/**
 * Every Bohr frequency E_b - E_a (a < b), with rate max(gamma(w), gamma(-w)); `kms`: the spectrum
 * obeys gamma(-|w|) <= gamma(|w|) (flat and ohmic baths, detailed balance at T >= 0), so that
 * maximum is gamma(|w|) and the rate of the absorption side is not evaluated.
 */
function addBohr(D: Ctor, rec: Records, energies: readonly Decimal[], gamma: (w: Decimal) => Decimal, kms: boolean): void {
  for (let a = 0; a < energies.length; a++) {
    for (let b = a + 1; b < energies.length; b++) {
      const w = energies[b].minus(energies[a]);
      if (w.isZero()) continue;
      const aw = w.abs();
      const g = kms ? gamma(aw) : D.max(gamma(w), gamma(w.neg()));
      rec.add(aw, g, aw.times(g), new D(0));
    }
  }
}

/**
 * The table of every Bohr frequency of the energies (e.g. the union of every total-spin sector's
 * eigenspace energies), or null beyond maxPreciseBohrPairs pairs.
 */
export function preciseBohrTail(D: Ctor, energies: readonly Decimal[], gamma: (w: Decimal) => Decimal, kms = false): PreciseTailTable | null {
  // Equal energies of different sectors give no new frequency.
  const distinct = [...new Map(energies.map((e) => [e.toString(), e])).values()];
  const n = distinct.length;
  if ((n * (n - 1)) / 2 > maxPreciseBohrPairs) return null;
  const rec = new Records(D);
  addBohr(D, rec, distinct, gamma, kms);
  return rec.table(new D(0), new D(0), 'bohr');
}

/** Tables of one channel merged (other total-spin sectors: their Omega and weights). */
export function mergePreciseTails(D: Ctor, tables: readonly PreciseTailTable[], frequencies?: 'bohr' | 'omega'): PreciseTailTable {
  const rec = new Records(D);
  let pinchedA2 = new D(0), dropped = new D(0);
  for (const t of tables) {
    t.d.forEach((d, i) => rec.add(d, t.g[i], t.mg[i], t.q[i]));
    pinchedA2 = pinchedA2.plus(t.pinchedA2);
    dropped = dropped.plus(t.dropped);
  }
  return rec.table(pinchedA2, dropped, frequencies ?? (tables.every((t) => t.frequencies === 'bohr') ? 'bohr' : 'omega'));
}

/** B2tail(D) and its two pieces, summed over channels. */
export interface PreciseTailPoint {
  readonly D: Decimal;
  readonly value: Decimal;
  readonly band: Decimal;
  readonly tail: Decimal;
}

export interface PreciseTailProfile {
  readonly best: PreciseTailPoint;
  readonly points: readonly PreciseTailPoint[];
  /** Per channel: max |w| gamma over its table, max gamma, and Tr[A^2 Pinch rho]. */
  readonly channels: readonly { readonly omegaGammaMax: Decimal; readonly gammaMax: Decimal; readonly pinchedA2: Decimal; readonly dropped: Decimal }[];
}

/** B2tail(D) = sum_alpha [D Gamma_<=D Tr[A^2 Pinch rho] + M_>D Tr[rho T_>D]] on {0} U all points, and its minimum. */
export function preciseTailProfile(D: Ctor, channels: readonly PreciseTailTable[]): PreciseTailProfile {
  const all: Decimal[] = [new D(0)];
  for (const t of channels) all.push(...t.d);
  all.sort((a, b) => a.cmp(b));
  const grid: Decimal[] = [];
  for (const x of all) if (grid.length === 0 || !x.eq(grid[grid.length - 1])) grid.push(x);
  const G = grid.length;
  const band: Decimal[] = grid.map(() => new D(0));
  const tail: Decimal[] = grid.map(() => new D(0));
  const info: { omegaGammaMax: Decimal; gammaMax: Decimal; pinchedA2: Decimal; dropped: Decimal }[] = [];
  for (const t of channels) {
    const m = t.d.length;
    const sufM: Decimal[] = new Array<Decimal>(m + 1);
    const sufQ: Decimal[] = new Array<Decimal>(m + 1);
    sufM[m] = new D(0); sufQ[m] = new D(0);
    for (let i = m - 1; i >= 0; i--) { sufM[i] = D.max(sufM[i + 1], t.mg[i]); sufQ[i] = sufQ[i + 1].plus(t.q[i]); }
    let p = 0, gam = new D(0);
    for (let k = 0; k < G; k++) {
      const Dk = grid[k];
      while (p < m && t.d[p].lte(Dk)) { if (t.g[p].gt(gam)) gam = t.g[p]; p++; }
      band[k] = band[k].plus(Dk.times(gam).times(t.pinchedA2));
      tail[k] = tail[k].plus(sufM[p].times(sufQ[p]));
    }
    info.push({ omegaGammaMax: sufM[0], gammaMax: gam, pinchedA2: t.pinchedA2, dropped: t.dropped });
  }
  const points = grid.map((Dk, k) => ({ D: Dk, value: band[k].plus(tail[k]), band: band[k], tail: tail[k] }));
  let best = points[0];
  for (const pt of points) if (pt.value.lt(best.value)) best = pt;
  return { best, points, channels: info };
}
