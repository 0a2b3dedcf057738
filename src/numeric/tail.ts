/**
 * The band bound robust to exponentially small tails, B2tail (README "A band bound robust to tails").
 *
 * Convention (physics.md §1): hbar = k_B = 1, A(w) removes energy w, J > 0 flows into the system,
 *
 *     J_alpha = - sum_w w gamma(w) q_w,       q_w = Tr[ rho A(w)^+ A(w) ] >= 0.
 *
 * For any cutoff D >= 0, split Omega at |w| = D:
 *
 *     |J_alpha| <= sum_{|w| <= D} |w| gamma q_w + sum_{|w| > D} |w| gamma q_w
 *               <= D Gamma_<=D Tr[A^2 Pinch rho] + M_>D Tr[rho T_>D],
 *
 *     Gamma_<=D = max_{w in F, |w| <= D} gamma(w),   M_>D = max_{w in F, |w| > D} |w| gamma(w),
 *     T_>D = sum_{|w| > D} A(w)^+ A(w)  (0 <= T_>D <= Pinch(A^2)),
 *
 * for any set F of frequencies containing Omega (maxima over a larger set only grow), using
 * sum_{|w| <= D} q_w <= sum_w q_w = Tr[rho Pinch(A^2)] = Tr[A^2 Pinch rho]. F is every Bohr
 * frequency of H_S where that is affordable (then B2tail does not depend on which exponentially
 * small elements of A are resolved), else Omega itself. Between two
 * consecutive distinct |w| the three quantities are constant and the first term grows with D, so
 * the minimum over D is attained at D = 0 or at a distinct |w| in Omega: those are the grid.
 *
 * The inequality holds for any partition of the frequencies into the two classes, as long as the
 * first class has |w| <= D and the second uses its true |w| gamma(w): so frequencies may be
 * collected into bins [d_{k-1}, d_k] labelled by their upper edge d_k (a coarse grid, used when
 * there are too many distinct frequencies) and the bound stays rigorous at every D = d_k.
 *
 * The weights are every term of J (numeric/channel: J adds every term; the zero threshold decides
 * only Omega). Elements at or below the zero threshold (round-off) never enter the frequency set:
 * in an `omega` table a weight of a pair outside Omega is no record (numeric/tail-field addWeight,
 * the one rule of both instances); its whole contribution to |J|, |w| gamma(w) times its weight,
 * is returned as `dropped` and carried in the error of B2tail, so it moves the reported bound by
 * at most its own size. A `bohr` table lists every frequency, so it drops nothing.
 */
import type { ColumnSource } from './columns.js';
import { bohrFrequencies, type Eigenspaces } from './eigenspaces.js';
import { Scatter, type EigenbasisState } from './davies.js';
import type { Spectrum } from './bath.js';
import { float64Field } from './field.js';
import {
  mergeTailsInto, tailProfileIn, thinTailPoints,
  type TailPointIn, type TailProfileIn, type TailSink, type TailTableIn,
} from './tail-field.js';

/** Most bits of a {@link PairSet}'s bitset (256 MiB); beyond, a Set of the pairs. */
const maxPairBits = 2 ** 31;

/**
 * A set of pairs (a, b) of eigenspaces, by key a * S + b: a bitset of S^2 bits where that is at
 * most {@link maxPairBits} (a JavaScript Set holds at most 2^24 keys, and Omega has a pair per
 * nonzero element between nondegenerate levels), else a Set.
 */
class PairSet {
  private readonly bits: Uint32Array | null;
  private readonly keys: Set<number> | null;
  constructor(S: number) {
    const n = S * S;
    this.bits = n <= maxPairBits ? new Uint32Array(Math.ceil(n / 32)) : null;
    this.keys = this.bits ? null : new Set<number>();
  }
  add(key: number): void {
    if (this.bits) this.bits[key >>> 5] |= 1 << (key & 31);
    else this.keys!.add(key);
  }
  has(key: number): boolean {
    return this.bits ? (this.bits[key >>> 5] & (1 << (key & 31))) !== 0 : this.keys!.has(key);
  }
}

/**
 * One channel's frequency table: points d (ascending), and for the frequencies labelled by each
 * point (|w| = d exactly, or |w| in (previous point, d] on a coarse grid) the largest gamma(w), the
 * largest |w| gamma(w) and the summed weight q.
 */
export interface TailTable extends TailTableIn<number> {
  readonly d: Float64Array;
  readonly g: Float64Array;
  readonly mg: Float64Array;
  readonly q: Float64Array;
  /** Tr[A^2 Pinch rho] (including w = 0). */
  readonly pinchedA2: number;
  /** sum over the weights that are no record (pairs outside Omega of an `omega` table) of |w| gamma(w) times the weight: bounds their |J|. */
  readonly dropped: number;
  /** True when the points are a coarse grid (too many distinct |w|), not the distinct |w| themselves. */
  readonly coarse: boolean;
  /**
   * Which frequencies decide Gamma_<=D and M_>D: `bohr`, every Bohr frequency of H_S in the space
   * (independent of the size of A's elements: the robust form); `omega`, Omega only (too many
   * eigenspace pairs to visit every Bohr frequency).
   */
  readonly frequencies: 'bohr' | 'omega';
}

/** Every Bohr frequency is visited when the eigenspaces have at most this many pairs; else Omega. */
export const maxBohrPairs = 1 << 23;

/** Distinct |w| kept exactly up to this many per table; beyond, a coarse grid of `coarseBins`. */
export const maxTailPoints = 1 << 16;
export const coarseBins = 1 << 14;

/**
 * Accumulates (|w|, gamma, q) records into a TailTable: exact points while they are few (an
 * open-addressing hash on the float64 value), else bins of width `span / coarseBins` labelled by
 * their upper edges. The float64 specialisation of numeric/tail-field's FieldTailAccumulator (the
 * same tables, test/numeric/tail-laws), kept for speed: typed arrays and a hash on the bits of |w|
 * instead of boxed arrays and a Map, on the hot path of every channel of every `current`.
 */
export class TailAccumulator implements TailSink<number, TailTable> {
  private size = 0;
  private cap = 256;
  private d = new Float64Array(this.cap);
  private g = new Float64Array(this.cap);
  private mg = new Float64Array(this.cap);
  private q = new Float64Array(this.cap);
  private slots = new Int32Array(1024).fill(-1);
  private coarse = false;
  private h = 0;
  private lastW = NaN;
  private lastIdx = -1;
  private coarseFrom = false;
  frequencies: 'bohr' | 'omega' = 'bohr';
  pinchedA2 = 0;
  dropped = 0;

  /** @param span an upper bound on every |w| to come (the width of the spectrum); used by the coarse grid. */
  constructor(private readonly span: number) {}

  /** Incremented whenever the points are re-binned (the indices of {@link indexOf} change). */
  epoch = 0;

  add(aw: number, gam: number, q: number): void {
    let k: number;
    if (aw === this.lastW) k = this.lastIdx;
    else {
      k = this.indexOf(aw);
      this.lastW = aw;
      this.lastIdx = k;
    }
    this.addAt(k, aw, gam, q);
  }

  /** The index of the point that labels |w| = aw (made if new; may re-bin the table, see {@link epoch}). */
  indexOf(aw: number): number {
    const k = this.coarse ? this.bin(aw) : this.slot(aw);
    if (k >= 0) return k;
    this.toCoarse();
    return this.bin(aw);
  }

  /** {@link add} at a known index k = indexOf(aw) (valid while {@link epoch} is unchanged). */
  addAt(k: number, aw: number, gam: number, q: number): void {
    if (gam > this.g[k]) this.g[k] = gam;
    const m = aw * gam;
    if (m > this.mg[k]) this.mg[k] = m;
    this.q[k] += q;
  }

  /** Everything of another table (its points become records at their labels, true |w| gamma kept). */
  addTable(t: TailTableIn<number>): void {
    for (let i = 0; i < t.d.length; i++) {
      const k0 = this.coarse ? this.bin(t.d[i]) : this.slot(t.d[i]);
      const k = k0 < 0 ? (this.toCoarse(), this.bin(t.d[i])) : k0;
      if (t.g[i] > this.g[k]) this.g[k] = t.g[i];
      if (t.mg[i] > this.mg[k]) this.mg[k] = t.mg[i];
      this.q[k] += t.q[i];
    }
    this.lastW = NaN;
    this.pinchedA2 += t.pinchedA2;
    this.dropped += t.dropped;
    this.coarseFrom ||= t.coarse ?? false;
    if (t.frequencies === 'omega') this.frequencies = 'omega';
  }

  table(): TailTable {
    const n = this.size;
    // The points in ascending order of d: a coarse table's bins are made in that order (bin k is
    // labelled k h), of which the empty ones are left out; an exact table's distinct points are
    // sorted as numbers (a typed array's sort) and found again by their slot. (Was a comparator
    // sort of indices and a mapped copy per array: merging the tables of L/2 sectors, once per
    // sector, spent seconds here at L ~ 3000.)
    let order: Int32Array;
    if (this.coarse) {
      let m = 0;
      order = new Int32Array(n);
      for (let i = 0; i < n; i++) if (this.g[i] > 0 || this.mg[i] > 0 || this.q[i] > 0) order[m++] = i;
      order = order.subarray(0, m);
    } else {
      const sorted = this.d.slice(0, n).sort();
      order = new Int32Array(n);
      let found = true;
      for (let i = 0; i < n && found; i++) found = (order[i] = this.find(sorted[i])) >= 0;
      if (!found) {
        // A point that is no number (never equal to itself): the indices sorted by comparison, as d's order.
        order = Int32Array.from(Array.from({ length: n }, (_, i) => i).sort((x, y) => this.d[x] - this.d[y]));
      }
    }
    const pick = (src: Float64Array): Float64Array => {
      const out = new Float64Array(order.length);
      for (let i = 0; i < order.length; i++) out[i] = src[order[i]];
      return out;
    };
    return {
      d: pick(this.d), g: pick(this.g), mg: pick(this.mg), q: pick(this.q),
      pinchedA2: this.pinchedA2, dropped: this.dropped, coarse: this.coarse || this.coarseFrom, frequencies: this.frequencies,
    };
  }

  private push(d: number): number {
    if (this.size === this.cap) {
      this.cap *= 2;
      const grow = (a: Float64Array) => { const b = new Float64Array(this.cap); b.set(a); return b; };
      this.d = grow(this.d); this.g = grow(this.g); this.mg = grow(this.mg); this.q = grow(this.q);
    }
    this.d[this.size] = d;
    return this.size++;
  }

  /** The index of the exact point aw, or -1 when it is not in the table (NaN is never found). */
  private find(aw: number): number {
    const mask = this.slots.length - 1;
    for (let s = hash(aw) & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s];
      if (k < 0 || this.d[k] === aw) return k;
    }
  }

  /** The index of the exact point aw, or -1 when the table is full. */
  private slot(aw: number): number {
    const mask = this.slots.length - 1;
    let s = hash(aw) & mask;
    for (;;) {
      const k = this.slots[s];
      if (k < 0) break;
      if (this.d[k] === aw) return k;
      s = (s + 1) & mask;
    }
    if (this.size >= maxTailPoints) return -1;
    const k = this.push(aw);
    this.slots[s] = k;
    if (2 * this.size > this.slots.length) this.rehash();
    return k;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let s = hash(this.d[k]) & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = k;
    }
    this.slots = slots;
  }

  /** Bin k covers ((k-1) h, k h]; its label k h is at least every |w| in it. */
  private bin(aw: number): number {
    let k = Math.ceil(aw / this.h);
    while (k * this.h < aw) k++;
    while (k >= this.size) this.push(this.size * this.h);
    return k;
  }

  private toCoarse(): void {
    const old = { d: this.d.slice(0, this.size), g: this.g.slice(0, this.size), mg: this.mg.slice(0, this.size), q: this.q.slice(0, this.size) };
    let top = this.span;
    for (const x of old.d) if (x > top) top = x;
    this.coarse = true;
    this.epoch++;
    this.h = top > 0 ? top / coarseBins : 1;
    this.size = 0;
    this.cap = coarseBins + 2;
    this.d = new Float64Array(this.cap); this.g = new Float64Array(this.cap); this.mg = new Float64Array(this.cap); this.q = new Float64Array(this.cap);
    for (let i = 0; i < old.d.length; i++) {
      const k = this.bin(old.d[i]);
      if (old.g[i] > this.g[k]) this.g[k] = old.g[i];
      if (old.mg[i] > this.mg[k]) this.mg[k] = old.mg[i];
      this.q[k] += old.q[i];
    }
    this.lastW = NaN;
  }
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/**
 * A hash of the bits of x whose low bits (the slot, `& mask`) depend on every bit: the high bits
 * folded down (murmur3's finaliser). Integers and other short mantissas have zero low words and
 * high words ending in zeros; without the folding they all fell into a few slots, and a table of a
 * few thousand points took O(points) probes per lookup (issue 17: allflip at L = 2477 spent 9 s of
 * its 15 here).
 */
function hash(x: number): number {
  f64[0] = x;
  let h = u32[0] ^ Math.imul(u32[1], 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * One channel's frequency table: the frequencies that decide Gamma_<=D and M_>D, the weights q_w
 * of the state (every term of numeric/davies channelHeat's J, by numeric/tail-field's addWeight),
 * Tr[A^2 Pinch rho] and the dropped weights. Reads the same inputs as channelHeat.
 *
 * The frequencies are every Bohr frequency E_b - E_a of the eigenspaces (rate max(gamma(w),
 * gamma(-w))) when there are at most maxBohrPairs pairs: a superset of Omega that does not depend
 * on how small A's elements are, so exponentially small elements (resolved or lost to round-off)
 * cannot move the maxima. Otherwise Omega (elements |A_ij| > zero between different eigenspaces).
 *
 * @param zero entries of A with modulus at most this count as zero when deciding Omega (as for channelHeat)
 */
export function channelTail(spaces: Eigenspaces, A: ColumnSource, state: EigenbasisState, gamma: Spectrum, zero: number, mode: 'auto' | 'omega' = 'auto'): TailTable {
  const n = A.n;
  const { space, spaceEnergy } = spaces;
  // Exact levels (numeric/exact-levels): the Bohr frequencies from their differences.
  const exact = spaces.bohr ? bohrFrequencies(spaces) : null;
  const span = spaceEnergy.length > 0 ? (exact ? exact(0, spaceEnergy.length - 1) : spaceEnergy[spaceEnergy.length - 1] - spaceEnergy[0]) : 0;
  const acc = new TailAccumulator(span);
  const sc = new Scatter(A);
  const accRe = sc.re, accIm = sc.im, touched = sc.touched;
  const zero2 = zero * zero;

  const S = spaceEnergy.length;
  if (mode === 'auto' && (S * (S - 1)) / 2 <= maxBohrPairs) {
    if (exact) addBohrOf(acc, S, exact, gamma);
    else addBohr(acc, spaceEnergy, gamma);
  }
  else acc.frequencies = 'omega';
  const bohr = acc.frequencies === 'bohr';
  // Omega (an `omega` table only): every element above the threshold between different eigenspaces
  // is a frequency; its pairs a * S + b decide which weights are records.
  const omega = bohr ? null : new PairSet(S);
  for (let j = 0; j < n && !bohr; j++) {
    sc.add(j, 1, 0);
    const b = space[j];
    for (let t = 0; t < sc.count; t++) {
      const i = touched[t];
      const a = space[i];
      if (a === b) continue;
      if (accRe[i] * accRe[i] + accIm[i] * accIm[i] <= zero2) continue;
      const w = exact ? exact(a, b) : spaceEnergy[b] - spaceEnergy[a];
      acc.add(Math.abs(w), gamma(w), 0);
      omega!.add(a * S + b);
    }
    sc.reset();
  }

  // The weights q_w: every term of J (phi = A P_b psi per eigenspace b, as channelHeat), by
  // numeric/tail-field's rule addWeight, inline: all in Tr[A^2 Pinch rho]; a != b a record when
  // its frequency is in the table's set, else its |w| gamma q dropped.
  // Per eigenspace a, for the current b (and epoch of the table): the point of |E_b - E_a| and
  // gamma(E_b - E_a), so that the elements of one pair look them up once (the same records).
  const stamp = new Int32Array(S).fill(-1), pointOf = new Int32Array(S), rateOf = new Float64Array(S), awOf = new Float64Array(S);
  let mark = -1, markB = -1, markEpoch = -1;
  const harvest = (b: number, weight: number): void => {
    if (b !== markB || acc.epoch !== markEpoch) { mark++; markB = b; markEpoch = acc.epoch; }
    const Eb = spaceEnergy[b];
    for (let t = 0; t < sc.count; t++) {
      const i = touched[t];
      const p2 = weight * sc.abs2(i);
      acc.pinchedA2 += p2;
      const a = space[i];
      if (a === b || p2 === 0) continue;
      if (stamp[a] !== mark) {
        const w = exact ? exact(a, b) : Eb - spaceEnergy[a];
        awOf[a] = Math.abs(w);
        rateOf[a] = gamma(w);
        pointOf[a] = bohr || omega!.has(a * S + b) ? acc.indexOf(awOf[a]) : -1;
        // A re-binned table (its first coarse point) leaves this index valid and the others stale.
        if (acc.epoch !== markEpoch) { mark++; markEpoch = acc.epoch; }
        stamp[a] = mark;
      }
      if (pointOf[a] >= 0) acc.addAt(pointOf[a], awOf[a], rateOf[a], p2);
      else acc.dropped += awOf[a] * rateOf[a] * p2;
    }
    sc.reset();
  };
  const nSpaces = spaceEnergy.length;
  for (const v of state.vectors) {
    for (let b = 0; b < nSpaces; b++) {
      if (sc.addSpace(spaces, b, v.re, v.im) > 0) harvest(b, v.weight);
    }
  }
  if (state.populations) {
    const pop = state.populations;
    for (let j = 0; j < n; j++) {
      if (pop[j] === 0) continue;
      sc.add(j, 1, 0);
      harvest(space[j], pop[j]);
    }
  }
  return acc.table();
}

/**
 * Every Bohr frequency E_b - E_a (a < b) of the energies, with rate max(gamma(w), gamma(-w)):
 * numeric/tail-field's addBohrFrequencies specialised to float64 (the same records, test/numeric/
 * tail-laws), kept because the generic loop measured 10-20% slower over millions of pairs.
 */
function addBohr(acc: TailAccumulator, energies: ArrayLike<number>, gamma: Spectrum, kms = false): void {
  const S = energies.length;
  for (let a = 0; a < S; a++) {
    for (let b = a + 1; b < S; b++) {
      const w = Math.abs(energies[b] - energies[a]);
      if (w === 0) continue;
      acc.add(w, kms ? gamma(w) : Math.max(gamma(w), gamma(-w)), 0);
    }
  }
}

/** {@link addBohr} over S levels whose differences `w(a, b)` = E_b - E_a are given (exact levels). */
function addBohrOf(acc: TailAccumulator, S: number, w: (a: number, b: number) => number, gamma: Spectrum): void {
  for (let a = 0; a < S; a++) {
    for (let b = a + 1; b < S; b++) {
      const x = Math.abs(w(a, b));
      if (x === 0) continue;
      acc.add(x, Math.max(gamma(x), gamma(-x)), 0);
    }
  }
}

/**
 * The table of every Bohr frequency of a spectrum given as energies (e.g. the union of the
 * total-spin sectors' eigenspace energies: the full-space Bohr frequencies), or null when there are
 * more than maxBohrPairs pairs. Merge it into a channel's table to make its maxima robust.
 */
export function bohrTail(energies: ArrayLike<number>, gamma: Spectrum, kms = false): TailTable | null {
  const S = energies.length;
  if ((S * (S - 1)) / 2 > maxBohrPairs) return null;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < S; i++) { lo = Math.min(lo, energies[i]); hi = Math.max(hi, energies[i]); }
  const acc = new TailAccumulator(S > 0 ? hi - lo : 0);
  addBohr(acc, energies, gamma, kms);
  return acc.table();
}

/** Merges frequency tables of one channel (other total-spin sectors: their Omega, their weights). */
export function mergeTails(span: number, tables: readonly TailTable[], frequencies?: 'bohr' | 'omega'): TailTable {
  return mergeTailsInto(new TailAccumulator(span), tables, frequencies);
}

/** B2tail(D) at one D and its pieces, summed over channels (float64). */
export type TailPoint = TailPointIn<number>;

/** The profile B2tail(D) over the grid {0} U {every point of every channel}, its minimum and its error scales (float64). */
export type TailProfile = TailProfileIn<number>;

/**
 * B2tail(D) = sum_alpha [ D Gamma_alpha,<=D Tr[A_alpha^2 Pinch rho] + M_alpha,>D Tr[rho T_alpha,>D] ]
 * on the grid of breakpoints, and its minimum (numeric/tail-field over float64).
 */
export function tailProfile(channels: readonly TailTable[]): TailProfile {
  return tailProfileIn(float64Field, channels);
}

/** At most `max` points of a profile for output: evenly spread in D, always with its first, last and best. */
export function thinProfile(p: TailProfile, max = 256): readonly TailPoint[] {
  return thinTailPoints(float64Field, p.points, p.best, max);
}
