/**
 * B2tail in Decimal: numeric/tail-field's algorithm over the field of a Decimal constructor, with
 * the Decimal harvest of one channel's records. The frequency table of one channel and the profile
 * of the band bound robust to tails,
 *
 *     |J_alpha| <= D Gamma_<=D Tr[A^2 Pinch rho] + max_{|w| > D} |w| gamma(w) Tr[rho T_>D],
 *
 * minimised over D in {0} U {distinct |w|} (the only breakpoints). Conventions as in
 * numeric/precise/kernel: hbar = k_B = 1, A(w) removes energy w, J > 0 flows into the system.
 * The weights are every term of J; in an `omega` table those of pairs of eigenspaces whose
 * elements are all at most `zero` (not in Omega) are no records, and the heat they could carry,
 * sum |w| gamma(w) q, is returned as `dropped` (an error, not part of the bound): numeric/tail-field's
 * addWeight, the rule of both instances.
 *
 * (This is the former numeric/precise/tail.ts: it builds on numeric/field.ts, which itself imports
 * numeric/precise, so it lives beside field.ts to keep the module graph acyclic.)
 */
import type { Decimal } from './precise/index.js';
import { decimalElementary } from './elementary.js';
import type { Field } from './field.js';
import { accumulatePairs, type PreciseOperatorColumns, type PreciseSpaces, type PreciseState } from './precise/index.js';
import {
  FieldTailAccumulator, addBohrFrequencies, addWeight, mergeTailsInto, tailProfileIn,
  type FieldTailTable, type TailChannelSummary, type TailPointIn, type TailProfileIn,
} from './tail-field.js';

type Ctor = typeof Decimal;

/**
 * One channel's frequency table in Decimal: distinct |w| ascending with max gamma, max |w| gamma,
 * summed weight; `frequencies`: `bohr` when the maxima run over every Bohr frequency (robust, as
 * numeric/tail), `omega` over Omega. Never a coarse grid.
 */
export type PreciseTailTable = FieldTailTable<Decimal>;

/** Every Bohr frequency is visited (two Decimal rates each) when there are at most this many pairs of eigenspaces. */
export const maxPreciseBohrPairs = 1 << 16;

/** The field of D (its precision and rounding; cached per constructor). */
const fieldOfCtor = (D: Ctor): Field<Decimal> => decimalElementary(D);

/** Exact points keyed by the Decimal's value (toString is canonical: no trailing zeros). */
const records = (F: Field<Decimal>): FieldTailAccumulator<Decimal> => new FieldTailAccumulator(F, (x) => x.toString(), F.zero);

/**
 * The frequency table of one channel: every Bohr frequency (`mode` 'auto', at most
 * maxPreciseBohrPairs pairs) or Omega (pairs of eigenspaces with some |A_ij| > zero), the weights
 * q_w of the state (every term of preciseChannelHeat's J, by numeric/tail-field's addWeight),
 * Tr[A^2 Pinch rho] and the dropped weights.
 *
 * @param kms the spectrum obeys gamma(-|w|) <= gamma(|w|) (see numeric/tail-field addBohrFrequencies)
 */
export function preciseChannelTail(
  D: Ctor, spaces: PreciseSpaces, A: PreciseOperatorColumns, state: PreciseState, gamma: (w: Decimal) => Decimal, zero: Decimal,
  mode: 'auto' | 'omega' = 'auto', kms = false,
): PreciseTailTable {
  const F = fieldOfCtor(D);
  const nS = spaces.energies.length;
  const { spaceOf, energies } = spaces;
  const rates = new Map<number, Decimal>();
  const rate = (a: number, b: number): Decimal => {
    const key = a * nS + b;
    let g = rates.get(key);
    if (g === undefined) { g = gamma(energies[b].minus(energies[a])); rates.set(key, g); }
    return g;
  };
  const acc = records(F);
  const bohr = mode === 'auto' && (nS * (nS - 1)) / 2 <= maxPreciseBohrPairs;
  // Omega (an `omega` table only): pairs of eigenspaces with some |A_ij| > zero.
  const omega = new Set<number>();
  if (bohr) addBohrFrequencies(F, acc, energies, gamma, kms);
  else {
    acc.frequencies = 'omega';
    const zero2 = zero.times(zero);
    for (let j = 0; j < A.n; j++) {
      const b = spaceOf[j];
      for (const [i, v] of A.cols[j]) {
        const a = spaceOf[i];
        if (a === b) continue;
        if (v.re.times(v.re).plus(v.im.times(v.im)).gt(zero2)) omega.add(a * nS + b);
      }
    }
    for (const key of omega) {
      const a = Math.floor(key / nS), b = key % nS;
      acc.add(energies[b].minus(energies[a]).abs(), rate(a, b), F.zero);
    }
  }
  // The weights: every term of J, by numeric/tail-field's one rule (w = 0 or q = 0: only into
  // Tr[A^2 Pinch rho], so their rate is not evaluated).
  accumulatePairs(D, spaces, A, state, (a, b, q) => {
    if (a === b || q.isZero()) addWeight(F, acc, F.zero, F.zero, q, false);
    else addWeight(F, acc, energies[b].minus(energies[a]).abs(), rate(a, b), q, omega.has(a * nS + b));
  });
  return acc.table();
}

/**
 * The table of every Bohr frequency of the energies (e.g. the union of every total-spin sector's
 * eigenspace energies), or null beyond maxPreciseBohrPairs pairs of distinct energies.
 */
export function preciseBohrTail(D: Ctor, energies: readonly Decimal[], gamma: (w: Decimal) => Decimal, kms = false): PreciseTailTable | null {
  // Equal energies of different sectors give no new frequency.
  const distinct = [...new Map(energies.map((e) => [e.toString(), e])).values()];
  const n = distinct.length;
  if ((n * (n - 1)) / 2 > maxPreciseBohrPairs) return null;
  const F = fieldOfCtor(D);
  const acc = records(F);
  addBohrFrequencies(F, acc, distinct, gamma, kms);
  return acc.table();
}

/** Tables of one channel merged (other total-spin sectors: their Omega and weights); `frequencies` as numeric/tail-field mergeTailsInto. */
export function mergePreciseTails(D: Ctor, tables: readonly PreciseTailTable[], frequencies?: 'bohr' | 'omega'): PreciseTailTable {
  return mergeTailsInto(records(fieldOfCtor(D)), tables, frequencies);
}

/** B2tail(D) and its two pieces, summed over channels (Decimal). */
export type PreciseTailPoint = TailPointIn<Decimal>;

/** The profile in Decimal; `channels`: per channel, max |w| gamma and max gamma over its table, Tr[A^2 Pinch rho] and its dropped |J|. */
export type PreciseTailProfile = TailProfileIn<Decimal> & { readonly channels: readonly TailChannelSummary<Decimal>[] };

/** B2tail(D) = sum_alpha [D Gamma_<=D Tr[A^2 Pinch rho] + M_>D Tr[rho T_>D]] on {0} U all points, and its minimum. */
export function preciseTailProfile(D: Ctor, channels: readonly PreciseTailTable[]): PreciseTailProfile {
  return tailProfileIn(fieldOfCtor(D), channels);
}
