/**
 * Band-limited noise (physics.md sections 3 and 5): H_S = h sum_k Z_k + J sum_k Z_k Z_{k+1} (open
 * chain, diagonal in the product basis) and couplings made of Pauli strings P on <= 2 neighbouring
 * sites projected onto the band |E_i - E_j| <= DeltaE.
 *
 * Flipping the sites F of P (its X and Y factors) changes the energy of a product state by
 *   dE = sum_{i in F} -2 h z_i + sum_{bonds (i,i+1) with exactly one end in F} -2 J z_i z_{i+1},
 * which depends only on z on F and its neighbours. The projection of P is P * sum_c Pi_c over the
 * configurations c of those sites with |dE(c)| <= DeltaE, Pi_c a product of N[i] (z = +1) and
 * (Id - N[i]) (z = -1). The set of allowed c is closed under flipping F (dE changes sign), so
 * Pi P = P Pi and the projection is Hermitian with norm <= 1.
 *
 * The chain ends have no outer neighbour. So that one text is right at every L, the outer
 * neighbours k-1 and k+s of a string on sites k..k+s-1 are written with wrapped indices and their
 * bonds are weighted by masks, min(k, 1) (k-1 exists) and min(L-s-k, 1) (k+s exists): where a mask
 * is 0 the allowed set does not depend on that neighbour, and N + (Id - N) = Id removes it exactly
 * (even when the wrapped index lands on a site of the string, as at L <= 3).
 */
import fc from 'fast-check';
import { COEF_DENOMINATOR, ZERO_OPERATOR, clampToBudget, linearText, mergeByKey, numeratorArbitrary, type LinearTerm } from './arbitraries-coefficients.js';
import type { CouplingSample } from './arbitraries-couplings.js';
import { pauliStringText, type Pauli, type PauliTerm } from './arbitraries-local.js';

/** Pauli letters for band strings, the simplest flip first. */
export const BAND_PAULIS: readonly Pauli[] = ['X', 'Z', 'Y', 'I'];

/** One band-projected channel: Pauli strings on `window` (1 or 2) neighbouring sites at k. */
export interface BandChannel {
  readonly window: 1 | 2;
  /** `each: k` (one channel per site; only for window 1) instead of one channel summed over k. */
  readonly each: boolean;
  /** Coefficients n/8 with sum |n| <= 8. */
  readonly strings: readonly PauliTerm[];
}

/** A band model in structured form (numerators over 8; the band DeltaE = band/4). */
export interface BandStructure {
  readonly field: number;
  readonly coupling: number;
  readonly band: number;
  readonly channels: readonly BandChannel[];
}

/** A band model: H_S, its extensivity constant, the guaranteed band and the projected channels. */
export interface BandSample {
  readonly H: string;
  readonly h: number;
  readonly deltaE: number;
  readonly couplings: readonly CouplingSample[];
}

/** Options of {@link bandArbitrary}. */
export interface BandOptions {
  /** Largest number of channels and of strings per channel (default 3). */
  readonly maxTerms?: number;
}

/**
 * Random band-limited models: h, J in [-1, 1] (multiples of 1/8), DeltaE = n/4 in [0, 4], and up
 * to `maxTerms` channels, each a combination (sum |c| <= 1) of band-projected Pauli strings summed
 * over the chain (or one channel per site). ||H|| <= (|h| + |J|) L and sum ||A|| <= a L.
 *
 * @example
 * fc.sample(bandArbitrary(), 1)[0].couplings[0].A // an `each: k` channel:
 * // 'X[k]*(min(k, 1)*(N[(k+L-1)%L]*min(L-1-k, 1)*(Id - N[(k+1)%L]) + (Id - N[(k+L-1)%L])) + (1 - min(k, 1))*((1 - min(L-1-k, 1))*N[(k+1)%L] + (Id - N[(k+1)%L])))'
 */
export function bandArbitrary(opts: BandOptions = {}): fc.Arbitrary<BandSample> {
  return bandStructureArbitrary(opts).map(bandSample);
}

/**
 * The structured values behind {@link bandArbitrary} (what fast-check shrinks); {@link bandSample}
 * prints them.
 *
 * @example
 * fc.sample(bandStructureArbitrary({ maxTerms: 1 }), 1)[0]
 * // { field: -8, coupling: -6, band: 12, channels: [{ window: 2, each: false, strings: [{ numerator: 6, paulis: ['I', 'I'] }] }] }
 */
export function bandStructureArbitrary(opts: BandOptions = {}): fc.Arbitrary<BandStructure> {
  const maxTerms = Math.max(1, Math.floor(opts.maxTerms ?? 3));
  const pauli = fc.constantFrom(...BAND_PAULIS);
  const channel = fc.record({
    window: fc.constantFrom<1 | 2>(1, 2),
    each: fc.boolean(),
    strings: fc.array(fc.record({ numerator: numeratorArbitrary(), paulis: fc.tuple(pauli, pauli) }), { minLength: 1, maxLength: maxTerms }),
  }).map(({ window, each, strings }): BandChannel => {
    const nums = clampToBudget(strings.map((s) => s.numerator));
    return {
      window, each: each && window === 1,
      strings: mergeByKey(strings.map((s, i) => ({ numerator: nums[i], paulis: s.paulis.slice(0, window) })), (s) => s.paulis.join('')),
    };
  });
  return fc.record({
    field: numeratorArbitrary(),
    coupling: numeratorArbitrary(),
    band: fc.integer({ min: 0, max: 16 }),
    channels: fc.array(channel, { minLength: 1, maxLength: maxTerms }),
  });
}

/**
 * The model texts of a band structure.
 *
 * @example
 * bandSample({ field: 8, coupling: 0, band: 8, channels: [{ window: 1, each: false, strings: [{ numerator: 8, paulis: ['X'] }] }] })
 * // { H: 'sum(k, Z[k])', h: 1, deltaE: 2, couplings: [{ kind: 'sum', each: null, A: 'sum(k, X[k])', a: 1 }] } (a flip costs 2 <= DeltaE)
 * // with band: 0 the flip is projected out: A: '0*Id', a: 0
 */
export function bandSample(s: BandStructure): BandSample {
  const H = linearText([
    { coef: s.field / COEF_DENOMINATOR, text: 'sum(k, Z[k])' },
    { coef: s.coupling / COEF_DENOMINATOR, text: 'sum(k, 0, L-2, Z[k]*Z[k+1])' },
  ]) ?? ZERO_OPERATOR;
  const couplings = s.channels.map((ch): CouplingSample => {
    const site = bandSite(ch.window);
    // Strings that flip the same sites share one projector: (sum_P c_P P) * Pi.
    const groups = new Map<string, { flipped: number[]; strings: PauliTerm[] }>();
    for (const p of ch.strings) {
      const flipped = p.paulis.flatMap((q, o) => (q === 'X' || q === 'Y' ? [o] : []));
      const g = groups.get(flipped.join(',')) ?? { flipped, strings: [] };
      g.strings.push(p);
      groups.set(flipped.join(','), g);
    }
    const terms: LinearTerm[] = [];
    let a = 0;
    for (const g of groups.values()) {
      const pi = bandProjector(ch.window, g.flipped, s.field, s.coupling, 2 * s.band);
      if (pi.kind === 'zero') continue;
      const own = g.strings.map((p) => ({ coef: p.numerator / COEF_DENOMINATOR, text: pauliStringText(p.paulis, site) }));
      a += own.reduce((t, x) => t + Math.abs(x.coef), 0);
      if (pi.kind === 'one') { terms.push(...own); continue; }
      const times = (P: string): string => (pi.scalar ? `${pi.text}*${P}` : `${P}*${pi.text}`);
      if (own.length === 1) terms.push({ coef: own[0].coef, text: times(own[0].text) });
      else terms.push({ coef: 1, text: times(`(${linearText(own)})`) });
    }
    const body = linearText(terms);
    if (body === null) return { kind: ch.each ? 'each' : 'sum', each: ch.each ? 'k' : null, A: ZERO_OPERATOR, a: 0 };
    if (ch.each) return { kind: 'each', each: 'k', A: body, a };
    return { kind: 'sum', each: null, A: `sum(k, ${ch.window === 2 ? '0, L-2, ' : ''}${body})`, a };
  });
  return { H, h: (Math.abs(s.field) + Math.abs(s.coupling)) / COEF_DENOMINATOR, deltaE: s.band / 4, couplings };
}

/** A rendered factor: 0, 1, a scalar expression in k and L, or an operator (`sum`: needs parentheses to be multiplied). */
type Rendered =
  | { readonly kind: 'zero' } | { readonly kind: 'one' }
  | { readonly kind: 'scalar'; readonly text: string; readonly sum: boolean } | { readonly kind: 'op'; readonly text: string; readonly sum: boolean };

/** A two-way split of configurations by commuting diagonal projectors (or 0/1 scalars) Q and 1 - Q. */
interface Split {
  /** The configurations (bit c of the set) where Q = 1. */
  readonly ones: bigint;
  readonly up: string;
  readonly down: string;
  readonly scalar: boolean;
}

/** The band projector Pi of a Pauli string: 0, 1 (no projection needed), or a factor (a 0/1 scalar or a diagonal operator, parenthesised as needed). */
export type BandProjector = { readonly kind: 'zero' } | { readonly kind: 'one' } | { readonly kind: 'factor'; readonly text: string; readonly scalar: boolean };

const projectorCache = new Map<string, BandProjector>();

/**
 * The band projector for Pauli strings on `window` sites at k that flip the sites `flipped`
 * (offsets of their X and Y factors), for H = (field Z + coupling ZZ)/8 and band delta8/8:
 * P * Pi is the band projection of any such string P (Pi depends only on the flipped sites).
 *
 * Pi = sum over allowed configurations, written as the shortest decision tree whose nodes split by
 * a site (N, Id - N), a pair of sites ((Id +- Z Z)/2) or a mask (m, 1 - m). Each leaf is a
 * product of commuting projectors (or 0/1 scalars), so the text is exact in floating point.
 *
 * @example
 * // H = sum ZZ, band 0: one flip at k must leave the energy unchanged (neighbours opposite, or none)
 * bandProjector(1, [0], 0, 8, 0)
 * // { kind: 'factor', text: '(min(k, 1)*min(L-1-k, 1)*(Id - Z[(k+L-1)%L]*Z[(k+1)%L])/2 + (1 - min(k, 1))*(1 - min(L-1-k, 1))*Id)', scalar: false }
 */
export function bandProjector(window: number, flipped: readonly number[], field: number, coupling: number, delta8: number): BandProjector {
  const key = `${window}|${flipped.join(',')}|${field}|${coupling}|${delta8}`;
  let r = projectorCache.get(key);
  if (!r) {
    r = projectorUncached(window, new Set(flipped), field, coupling, delta8);
    if (projectorCache.size < 1 << 16) projectorCache.set(key, r);
  }
  return r;
}

/**
 * Site texts of a window of s sites at k: the outer neighbours wrap.
 *
 * @example
 * [-1, 0, 1, 2].map(bandSite(2)) // ['(k+L-1)%L', 'k', 'k+1', '(k+2)%L']
 */
export function bandSite(s: number): (offset: number) => string {
  return (o) => (o === 0 ? 'k' : o === -1 ? '(k+L-1)%L' : o === s ? `(k+${s})%L` : `k+${o}`);
}

function projectorUncached(s: number, flipped: ReadonlySet<number>, field: number, coupling: number, delta8: number): BandProjector {
  const site = bandSite(s);
  const sites = [...new Set([...flipped].flatMap((o) => [o - 1, o, o + 1]))].filter((o) => o >= -1 && o <= s).sort((x, y) => x - y);
  // Variables: bit i of a configuration is site sites[i] up (z = +1), then the masks (1: the bond exists).
  const masks = [
    ...(sites.includes(-1) ? [{ text: 'min(k, 1)', bond: -1 }] : []),
    ...(sites.includes(s) ? [{ text: `min(L-${s}-k, 1)`, bond: s - 1 }] : []),
  ];
  const n = sites.length + masks.length;
  const bit = (c: number, i: number): number => (c >> i) & 1;
  const z = (c: number, o: number): number => (bit(c, sites.indexOf(o)) ? 1 : -1);
  const allowed = (c: number): boolean => {
    let dE = 0;
    for (const o of flipped) dE += -2 * field * z(c, o);
    for (let o = -1; o < s; o++) {
      if (flipped.has(o) === flipped.has(o + 1)) continue;
      const m = masks.findIndex((x) => x.bond === o);
      if (m >= 0 && !bit(c, sites.length + m)) continue;
      dE += -2 * coupling * z(c, o) * z(c, o + 1);
    }
    return Math.abs(dE) <= delta8;
  };
  const configs = 1 << n;
  const setOf = (pred: (c: number) => boolean): bigint => {
    let x = 0n;
    for (let c = 0; c < configs; c++) if (pred(c)) x |= 1n << BigInt(c);
    return x;
  };
  const allowedSet = setOf(allowed);
  const splits: Split[] = [
    ...sites.map((o, i) => ({ ones: setOf((c) => bit(c, i) === 1), up: `N[${site(o)}]`, down: `(Id - N[${site(o)}])`, scalar: false })),
    ...sites.flatMap((a, i) => sites.slice(i + 1).map((b, d) => {
      const j = i + 1 + d, zz = `Z[${site(a)}]*Z[${site(b)}]`;
      return { ones: setOf((c) => bit(c, i) === bit(c, j)), up: `(Id + ${zz})/2`, down: `(Id - ${zz})/2`, scalar: false };
    })),
    ...masks.map((m, i) => ({ ones: setOf((c) => bit(c, sites.length + i) === 1), up: m.text, down: `(1 - ${m.text})`, scalar: true })),
  ];
  const memo = new Map<bigint, Rendered>();
  const best = (set: bigint): Rendered => {
    const known = memo.get(set);
    if (known) return known;
    let r: Rendered;
    if ((set & allowedSet) === 0n) r = { kind: 'zero' };
    else if ((set & allowedSet) === set) r = { kind: 'one' };
    else {
      r = { kind: 'zero' };
      let len = Infinity;
      for (const sp of splits) {
        const s1 = set & sp.ones, s0 = set & ~sp.ones;
        if (s1 === 0n || s0 === 0n) continue;
        const wrap = sp.scalar ? scale : times;
        const cand = plus(wrap(sp.up, best(s1)), wrap(sp.down, best(s0)));
        const l = textLength(cand);
        if (l < len) { r = cand; len = l; }
      }
    }
    memo.set(set, r);
    return r;
  };
  const r = best(setOf(() => true));
  return r.kind === 'zero' || r.kind === 'one' ? r : { kind: 'factor', text: paren(r), scalar: r.kind === 'scalar' };
}

function textLength(r: Rendered): number {
  return r.kind === 'zero' ? 0 : r.kind === 'one' ? 1 : r.text.length;
}

function paren(r: { text: string; sum: boolean }): string {
  return r.sum ? `(${r.text})` : r.text;
}

/** A 0/1 scalar factor times r. */
function scale(s: string, r: Rendered): Rendered {
  switch (r.kind) {
    case 'zero': return r;
    case 'one': return { kind: 'scalar', text: s, sum: false };
    case 'scalar': return { kind: 'scalar', text: `${s}*${paren(r)}`, sum: false };
    case 'op': return { kind: 'op', text: `${s}*${paren(r)}`, sum: false };
  }
}

/** A diagonal projector times r. */
function times(projector: string, r: Rendered): Rendered {
  switch (r.kind) {
    case 'zero': return r;
    case 'one': return { kind: 'op', text: projector, sum: false };
    case 'scalar': return { kind: 'op', text: `${paren(r)}*${projector}`, sum: false };
    case 'op': return { kind: 'op', text: `${projector}*${paren(r)}`, sum: false };
  }
}

function plus(a: Rendered, b: Rendered): Rendered {
  if (a.kind === 'zero') return b;
  if (b.kind === 'zero') return a;
  const t = (r: Rendered): string => (r.kind === 'one' ? '1' : (r as { text: string }).text);
  if (a.kind !== 'op' && b.kind !== 'op') return { kind: 'scalar', text: `${t(a)} + ${t(b)}`, sum: true };
  // A scalar added to an operator is written times Id.
  const o = (r: Rendered): string => (r.kind === 'op' ? r.text : r.kind === 'one' ? 'Id' : `${paren(r as { text: string; sum: boolean })}*Id`);
  return { kind: 'op', text: `${o(a)} + ${o(b)}`, sum: true };
}
