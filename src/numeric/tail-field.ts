/**
 * B2tail's algorithm written once over a {@link Field}: the frequency table of a channel, the
 * table of every Bohr frequency, merging tables, the profile B2tail(D) over its grid of
 * breakpoints and its thinning for output. The float64 instance is numeric/tail.ts, the Decimal
 * one numeric/tail-precise.ts; the mathematics (README "A band bound robust to tails") is in the
 * module comment of numeric/tail.ts. Conventions: hbar = k_B = 1, A(w) removes energy w, J > 0
 * flows into the system.
 *
 * What each instance keeps of its own: how the weights q of one channel are harvested from its
 * representation of A and of the state (float64 scatter columns, Decimal sparse columns; which
 * weights become records is the one rule {@link addWeight}), and, for float64, behind the same
 * interfaces, a specialised accumulator (a {@link TailSink} hashing the bits of |w| into typed
 * arrays), Bohr loop and weight loop: over millions of records the generic
 * {@link FieldTailAccumulator} and {@link addBohrFrequencies} measured 1.4-2x the CPU time.
 * test/numeric/tail-laws checks that both make the same tables, test/numeric/channel-tail-laws
 * that both instances' channel tables agree.
 */
import type { Field } from './field.js';

/**
 * Which frequencies decide Gamma_<=D and M_>D: `bohr`, every Bohr frequency of H_S (robust);
 * `omega`, Omega only (too many eigenspace pairs to visit every Bohr frequency).
 */
export type TailFrequencies = 'bohr' | 'omega';

/**
 * One channel's frequency table over a field: points d (ascending) and, for the frequencies
 * labelled by each point (|w| = d exactly, or |w| in (previous point, d] on a coarse grid), the
 * largest gamma(w), the largest |w| gamma(w) and the summed weight q.
 */
export interface TailTableIn<T> {
  readonly d: ArrayLike<T>;
  readonly g: ArrayLike<T>;
  readonly mg: ArrayLike<T>;
  readonly q: ArrayLike<T>;
  /** Tr[A^2 Pinch rho] (including w = 0). */
  readonly pinchedA2: T;
  /** Bound on the |J| of the weights left out of the table (pairs outside Omega of an `omega` table, {@link addWeight}). */
  readonly dropped: T;
  /** True when the points are a coarse grid, not the distinct |w| themselves (absent: false). */
  readonly coarse?: boolean;
  readonly frequencies: TailFrequencies;
}

/** Where a channel's records go: an accumulator of a {@link TailTableIn} (of type `Table`). */
export interface TailSink<T, Table extends TailTableIn<T> = TailTableIn<T>> {
  frequencies: TailFrequencies;
  pinchedA2: T;
  dropped: T;
  /** One frequency |w| = aw with rate gam and weight q (|w| gamma is formed here). */
  add(aw: T, gam: T, q: T): void;
  /** Everything of another table: its points become records at their labels, their |w| gamma kept. */
  addTable(t: TailTableIn<T>): void;
  table(): Table;
}

/** The table a {@link FieldTailAccumulator} makes: arrays of field elements. */
export interface FieldTailTable<T> extends TailTableIn<T> {
  readonly d: readonly T[];
  readonly g: readonly T[];
  readonly mg: readonly T[];
  readonly q: readonly T[];
  readonly coarse: boolean;
}

/** max(a, b) by the field's exact comparison (a when equal). */
const fmax = <T>(F: Field<T>, a: T, b: T): T => (F.cmp(a, b) >= 0 ? a : b);

/**
 * A {@link TailSink} over any field: exact points keyed by `key` (a value that is equal exactly
 * when the field elements are, e.g. the number itself or Decimal's toString) while there are at
 * most `maxPoints`, else `bins` bins of width top / bins (top: the largest of `span` and the points
 * so far) labelled by their upper edges, so every label is at least every |w| in its bin. Each
 * point starts at 0 and takes the maximum of the rates and of |w| gamma and the sum of the weights.
 */
export class FieldTailAccumulator<T> implements TailSink<T, FieldTailTable<T>> {
  private readonly at = new Map<string | number, number>();
  private d: T[] = [];
  private g: T[] = [];
  private mg: T[] = [];
  private q: T[] = [];
  private coarse = false;
  private coarseFrom = false;
  private h: T;
  private lastKey: string | number | undefined = undefined;
  private lastIdx = -1;
  frequencies: TailFrequencies = 'bohr';
  pinchedA2: T;
  dropped: T;

  /**
   * @param span an upper bound on every |w| to come; used by the coarse grid
   * @param maxPoints exact points kept before switching to the coarse grid (Infinity: never)
   */
  constructor(
    private readonly F: Field<T>, private readonly key: (x: T) => string | number, private readonly span: T,
    private readonly maxPoints = Infinity, private readonly bins = 1 << 14,
  ) {
    this.h = F.one;
    this.pinchedA2 = F.zero;
    this.dropped = F.zero;
  }

  add(aw: T, gam: T, q: T): void {
    const F = this.F;
    const key = this.key(aw);
    let k: number;
    if (key === this.lastKey) k = this.lastIdx;
    else {
      k = this.coarse ? this.bin(aw) : this.slot(aw, key);
      if (k < 0) { this.toCoarse(); k = this.bin(aw); }
      this.lastKey = key;
      this.lastIdx = k;
    }
    this.record(k, gam, F.mul(aw, gam), q);
  }

  addTable(t: TailTableIn<T>): void {
    const F = this.F;
    for (let i = 0; i < t.d.length; i++) {
      const k0 = this.coarse ? this.bin(t.d[i]) : this.slot(t.d[i], this.key(t.d[i]));
      const k = k0 < 0 ? (this.toCoarse(), this.bin(t.d[i])) : k0;
      this.record(k, t.g[i], t.mg[i], t.q[i]);
    }
    this.lastKey = undefined;
    this.pinchedA2 = F.add(this.pinchedA2, t.pinchedA2);
    this.dropped = F.add(this.dropped, t.dropped);
    this.coarseFrom ||= t.coarse ?? false;
    if (t.frequencies === 'omega') this.frequencies = 'omega';
  }

  table(): FieldTailTable<T> {
    const F = this.F, zero = F.zero;
    const pos = (x: T): boolean => F.cmp(x, zero) > 0;
    const order = this.d.map((_, i) => i).filter((i) => !this.coarse || pos(this.g[i]) || pos(this.mg[i]) || pos(this.q[i]));
    order.sort((a, b) => F.cmp(this.d[a], this.d[b]));
    const pick = (src: readonly T[]): T[] => order.map((i) => src[i]);
    return {
      d: pick(this.d), g: pick(this.g), mg: pick(this.mg), q: pick(this.q),
      pinchedA2: this.pinchedA2, dropped: this.dropped, coarse: this.coarse || this.coarseFrom, frequencies: this.frequencies,
    };
  }

  private record(k: number, g: T, mg: T, q: T): void {
    const F = this.F;
    if (F.cmp(g, this.g[k]) > 0) this.g[k] = g;
    if (F.cmp(mg, this.mg[k]) > 0) this.mg[k] = mg;
    this.q[k] = F.add(this.q[k], q);
  }

  private push(d: T): number {
    const z = this.F.zero;
    this.d.push(d); this.g.push(z); this.mg.push(z); this.q.push(z);
    return this.d.length - 1;
  }

  /** The index of the exact point aw, or -1 when the table is full. */
  private slot(aw: T, key: string | number): number {
    const hit = this.at.get(key);
    if (hit !== undefined) return hit;
    if (this.d.length >= this.maxPoints) return -1;
    const k = this.push(aw);
    this.at.set(key, k);
    return k;
  }

  /** Bin k covers ((k-1) h, k h]; its label k h is at least every |w| in it. */
  private bin(aw: T): number {
    const F = this.F;
    let k = Math.ceil(F.toNumber(F.div(aw, this.h)));
    while (F.cmp(F.mul(F.fromNumber(k), this.h), aw) < 0) k++;
    while (k >= this.d.length) this.push(F.mul(F.fromNumber(this.d.length), this.h));
    return k;
  }

  private toCoarse(): void {
    const F = this.F;
    const old = { d: this.d, g: this.g, mg: this.mg, q: this.q };
    let top = this.span;
    for (const x of old.d) if (F.cmp(x, top) > 0) top = x;
    this.coarse = true;
    this.h = F.cmp(top, F.zero) > 0 ? F.div(top, F.fromNumber(this.bins)) : F.one;
    this.d = []; this.g = []; this.mg = []; this.q = [];
    this.at.clear();
    for (let i = 0; i < old.d.length; i++) this.record(this.bin(old.d[i]), old.g[i], old.mg[i], old.q[i]);
    this.lastKey = undefined;
  }
}

/**
 * Every Bohr frequency E_b - E_a (a < b, w != 0) of the energies into `sink`, with rate
 * max(gamma(w), gamma(-w)) and no weight; `kms`: the spectrum obeys gamma(-|w|) <= gamma(|w|)
 * (flat and ohmic baths, detailed balance at T >= 0), so that maximum is gamma(|w|) and the rate of
 * the absorption side is not evaluated.
 */
export function addBohrFrequencies<T>(F: Field<T>, sink: TailSink<T>, energies: ArrayLike<T>, gamma: (w: T) => T, kms = false): void {
  const S = energies.length, zero = F.zero;
  for (let a = 0; a < S; a++) {
    for (let b = a + 1; b < S; b++) {
      const w = F.sub(energies[b], energies[a]);
      if (F.cmp(w, zero) === 0) continue;
      const aw = F.abs(w);
      sink.add(aw, kms ? gamma(aw) : fmax(F, gamma(w), gamma(F.neg(w))), zero);
    }
  }
}

/**
 * The one rule for the weights of a channel's table, in both instances (numeric/tail's float64
 * loop implements it inline, test/numeric/channel-tail-laws checks that the two agree). A weight
 * q >= 0 of the pair of eigenspaces a <- b (a term of J: numeric/channel adds every term to J, the
 * zero threshold deciding only Omega), with |w| = |E_b - E_a| = aw and gamma(w) = gam:
 *
 *   - always adds to Tr[A^2 Pinch rho] (w = 0 included), so pinchedA2 is the kernel's;
 *   - w = 0 (a = b) or q = 0: nothing else;
 *   - its frequency is in the table's frequency set (`bohr`: every Bohr frequency, so always;
 *     `omega`: when the pair is in Omega, `inOmega`): a record (|w|, gamma(w), q);
 *   - else (`omega` and the pair's elements all at most the zero threshold): not a record, whose
 *     frequency would then raise the maxima for every weight; its whole |J|, |w| gamma(w) q, goes
 *     to `dropped`, which B2tail carries as an error, so it moves the bound by its own size.
 */
export function addWeight<T>(F: Field<T>, sink: TailSink<T>, aw: T, gam: T, q: T, inOmega: boolean): void {
  const zero = F.zero;
  sink.pinchedA2 = F.add(sink.pinchedA2, q);
  if (F.cmp(aw, zero) === 0 || F.cmp(q, zero) === 0) return;
  if (sink.frequencies === 'bohr' || inOmega) sink.add(aw, gam, q);
  else sink.dropped = F.add(sink.dropped, F.mul(F.mul(aw, gam), q));
}

/**
 * Tables of one channel merged into `sink` (other total-spin sectors: their Omega, their weights;
 * a Bohr table): maxima of the rates, sums of the weights, of Tr[A^2 Pinch rho] and of `dropped`.
 * Frequencies: `frequencies` when given, else `omega` if any table's is.
 */
export function mergeTailsInto<T, Table extends TailTableIn<T>>(sink: TailSink<T, Table>, tables: readonly TailTableIn<T>[], frequencies?: TailFrequencies): Table {
  for (const t of tables) sink.addTable(t);
  if (frequencies) sink.frequencies = frequencies;
  return sink.table();
}

/** B2tail(D) at one D and its pieces, summed over channels. */
export interface TailPointIn<T> {
  readonly D: T;
  readonly value: T;
  /** sum_alpha D Gamma_<=D Tr[A^2 Pinch rho] and sum_alpha M_>D Tr[rho T_>D]. */
  readonly band: T;
  readonly tail: T;
}

/** What one channel's table contributes to the error of B2tail. */
export interface TailChannelSummary<T> {
  /** max |w| gamma and max gamma over the table's points. */
  readonly omegaGammaMax: T;
  readonly gammaMax: T;
  readonly pinchedA2: T;
  readonly dropped: T;
}

/** The profile B2tail(D) over the grid {0} U {every point of every channel}, and its minimum. */
export interface TailProfileIn<T> {
  /** The first grid point of least value. */
  readonly best: TailPointIn<T>;
  /** Every grid point, ascending in D. */
  readonly points: readonly TailPointIn<T>[];
  /** Per channel, in order. */
  readonly channels: readonly TailChannelSummary<T>[];
  /** max over channels of max |w| gamma, and the sum of the dropped contributions. */
  readonly omegaGammaMax: T;
  readonly dropped: T;
  /** sum_alpha max|w| gamma * Tr[A^2 Pinch rho]: the scale of the error from the factors |w| gamma(w). */
  readonly scale: T;
  /** Some table is a coarse grid. */
  readonly coarse: boolean;
}

/**
 * B2tail(D) = sum_alpha [ D Gamma_alpha,<=D Tr[A_alpha^2 Pinch rho] + M_alpha,>D Tr[rho T_alpha,>D] ]
 * on the grid of breakpoints {0} U {every point}, its minimum and per-channel summaries. Between
 * two consecutive points Gamma_<=D, M_>D and the weights are constant and the band term grows
 * with D, so the minimum over all D >= 0 is attained on the grid.
 */
export function tailProfileIn<T>(F: Field<T>, channels: readonly TailTableIn<T>[]): TailProfileIn<T> {
  const zero = F.zero;
  const all: T[] = [zero];
  // A table shared by many channels (the product method's one outcome for 10^5 sites) adds its
  // points once: its later copies come after its first in the stable sort, so the grid is the same.
  const uses = new Map<TailTableIn<T>, number>();
  // (A run of one table, 10^5 channels of a shared outcome, is counted without a lookup per channel.)
  let last: TailTableIn<T> | null = null, lastUses = 0;
  for (const t of channels) {
    if (t === last) { lastUses++; continue; }
    if (last !== null) uses.set(last, lastUses);
    const n = uses.get(t);
    if (n === undefined) for (let i = 0; i < t.d.length; i++) all.push(t.d[i]);
    last = t; lastUses = (n ?? 0) + 1;
  }
  if (last !== null) uses.set(last, lastUses);
  all.sort((a, b) => F.cmp(a, b));
  const grid: T[] = [];
  for (const x of all) if (grid.length === 0 || F.cmp(x, grid[grid.length - 1]) !== 0) grid.push(x);
  const G = grid.length;
  const band: T[] = new Array<T>(G).fill(zero), tail: T[] = new Array<T>(G).fill(zero);
  let omegaGammaMax = zero, dropped = zero, scale = zero, coarse = false;
  const info: TailChannelSummary<T>[] = [];
  /**
   * A table's terms: its max |w| gamma and its share of `scale`, and, at each grid point D, what
   * it adds to the band piece (D Gamma_<=D Tr[A^2 Pinch rho]) and to the tail piece (M_>D Q_>D);
   * `add` makes them (into `band` and `tail` at once, for a table used once; kept for a shared
   * table, whose copies add the same values).
   */
  const terms = (t: TailTableIn<T>, keep: boolean): { top: T; share: T; bandAt: T[] | null; tailAt: T[] | null; info: TailChannelSummary<T> } => {
    const m = t.d.length;
    // Suffix max of |w| gamma and suffix sum of q over points > D; prefix max of gamma over points <= D.
    const sufM: T[] = new Array<T>(m + 1), sufQ: T[] = new Array<T>(m + 1);
    sufM[m] = zero; sufQ[m] = zero;
    for (let i = m - 1; i >= 0; i--) { sufM[i] = fmax(F, sufM[i + 1], t.mg[i]); sufQ[i] = F.add(sufQ[i + 1], t.q[i]); }
    const bandAt: T[] | null = keep ? new Array<T>(G) : null, tailAt: T[] | null = keep ? new Array<T>(G) : null;
    let p = 0, gam = zero;
    for (let k = 0; k < G; k++) {
      const D = grid[k];
      while (p < m && F.cmp(t.d[p], D) <= 0) { if (F.cmp(t.g[p], gam) > 0) gam = t.g[p]; p++; }
      const b = F.mul(F.mul(D, gam), t.pinchedA2), q = F.mul(sufM[p], sufQ[p]);
      if (bandAt !== null && tailAt !== null) { bandAt[k] = b; tailAt[k] = q; }
      else { band[k] = F.add(band[k], b); tail[k] = F.add(tail[k], q); }
    }
    return { top: sufM[0], share: F.mul(sufM[0], t.pinchedA2), bandAt, tailAt, info: { omegaGammaMax: sufM[0], gammaMax: gam, pinchedA2: t.pinchedA2, dropped: t.dropped } };
  };
  const shared = new Map<TailTableIn<T>, ReturnType<typeof terms>>();
  let prevTable: TailTableIn<T> | null = null, prevTerms: ReturnType<typeof terms> | undefined;
  for (const t of channels) {
    dropped = F.add(dropped, t.dropped);
    coarse ||= t.coarse ?? false;
    // (The table before, if this is it again, is a shared one: its kept terms, without a lookup.)
    let x = t === prevTable ? prevTerms : shared.get(t);
    if (x === undefined) {
      const keep = uses.get(t)! > 1;
      x = terms(t, keep);
      if (keep) shared.set(t, x);
    }
    prevTable = t; prevTerms = x;
    omegaGammaMax = fmax(F, omegaGammaMax, x.top);
    scale = F.add(scale, x.share);
    if (x.bandAt !== null && x.tailAt !== null) {
      for (let k = 0; k < G; k++) { band[k] = F.add(band[k], x.bandAt[k]); tail[k] = F.add(tail[k], x.tailAt[k]); }
    }
    info.push(x.info);
  }
  const points: TailPointIn<T>[] = grid.map((D, k) => ({ D, value: F.add(band[k], tail[k]), band: band[k], tail: tail[k] }));
  let best = points[0];
  for (const pt of points) if (F.cmp(pt.value, best.value) < 0) best = pt;
  return { best, points, channels: info, omegaGammaMax, dropped, scale, coarse };
}

/** At most `max` points of a profile for output: evenly spread in D, always with its first, last and best. */
export function thinTailPoints<T>(F: Field<T>, pts: readonly TailPointIn<T>[], best: TailPointIn<T>, max = 256): readonly TailPointIn<T>[] {
  if (pts.length <= max) return pts;
  const top = pts[pts.length - 1].D;
  const keep = new Set<number>([0, pts.length - 1, pts.indexOf(best)]);
  const parts = F.fromNumber(max - 2);
  let k = 0;
  for (let s = 1; s < max - 2; s++) {
    const target = F.div(F.mul(top, F.fromNumber(s)), parts);
    while (k < pts.length - 1 && F.cmp(pts[k].D, target) < 0) k++;
    keep.add(k);
  }
  return [...keep].sort((a, b) => a - b).map((i) => pts[i]);
}
