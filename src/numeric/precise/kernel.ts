/**
 * The Decimal shapes of a Davies channel (eigenspaces, state, noise operator by sparse columns) and
 * the one accumulation of the pinched weights every Davies kernel over sparse columns shares:
 *
 *     q_ab = Tr[ P_b rho P_b  P_b A P_a A P_b ],   J = - sum_{a, b} (E_b - E_a) gamma(E_b - E_a) q_ab,
 *
 * for a state given as weighted pure vectors (eigenbasis amplitudes) plus populations of a function
 * of H_S. For a pure component psi it forms phi = A P_b psi per eigenspace b, so coherences inside
 * degenerate eigenspaces enter exactly, as in the float64 kernel.
 *
 * {@link accumulatePairsIn} is written over any {@link PairArithmetic} (an ElementaryField of
 * numeric/elementary is one): numeric/channel's generic kernel channelStatistics (whose Decimal
 * instance is preciseChannelHeat) and precise/tail's B2tail table use it. It lives here, below
 * numeric/field, because numeric/field imports this folder (for the Decimal constructors): nothing
 * here may import the field modules without an import cycle.
 */
import type { Decimal } from './context.js';

type Ctor = typeof Decimal;

/** A complex number in Decimal (structurally the same as the lang and context types). */
export interface Cx { readonly re: Decimal; readonly im: Decimal }

/** Eigenspaces of H_S: energies and the eigen-indices of each. */
export interface PreciseSpaces {
  readonly energies: readonly Decimal[];
  readonly members: readonly (readonly number[])[];
  /** Eigenspace of each eigen-index. */
  readonly spaceOf: Int32Array;
}

/** A state in the eigenbasis. */
export interface PreciseState {
  readonly vectors: readonly { readonly weight: Decimal; readonly amp: readonly Cx[] }[];
  /** Populations of the eigen-indices (a function of H_S), or null. */
  readonly populations: readonly Decimal[] | null;
}

/** A noise operator in the eigenbasis, by sparse columns. */
export interface PreciseOperatorColumns {
  readonly n: number;
  readonly cols: readonly ReadonlyMap<number, Cx>[];
}

/** The arithmetic {@link accumulatePairsIn} needs: a subset of numeric/field's Field (which satisfies it). */
export interface PairArithmetic<V> {
  readonly zero: V;
  add(a: V, b: V): V;
  sub(a: V, b: V): V;
  mul(a: V, b: V): V;
  /** True for 0 (false for NaN). */
  isZero(a: V): boolean;
}

/** A complex number over V (numeric/field's Complex<V>). */
interface ComplexOver<V> { readonly re: V; readonly im: V }

/** Eigenspaces of H_S over V: the energy of each, its eigen-indices, and the eigenspace of each eigen-index. */
export interface SpacesOver<V> {
  readonly energies: readonly V[];
  readonly members: readonly (readonly number[])[];
  readonly spaceOf: Int32Array;
}

/** A state in the eigenbasis over V: weighted pure vectors and populations of the eigen-indices (or null). */
export interface StateOver<V> {
  readonly vectors: readonly { readonly weight: V; readonly amp: readonly ComplexOver<V>[] }[];
  readonly populations: readonly V[] | null;
}

/** A noise operator in the eigenbasis over V by sparse columns: cols[j] maps i to <i|A|j> (each i once). */
export interface ColumnsOver<V> {
  readonly n: number;
  readonly cols: readonly ReadonlyMap<number, ComplexOver<V>>[];
}

/**
 * Calls add(a, b, q) with q = Tr[P_b rho P_b A P_a A P_b] (the weight of the pair of eigenspaces
 * a <- b in the pinched state; a = b included), for the state's vectors and then its populations,
 * in the arithmetic F: the accumulation the Davies kernel, the tail bound and the dissipator share.
 */
export function accumulatePairsIn<V>(
  F: PairArithmetic<V>, spaces: SpacesOver<V>, A: ColumnsOver<V>, state: StateOver<V>, add: (a: number, b: number, q: V) => void,
): void {
  const { spaceOf, members } = spaces;
  const nS = members.length;
  for (const { weight, amp } of state.vectors) {
    for (let b = 0; b < nS; b++) {
      const phi = new Map<number, ComplexOver<V>>();
      for (const j of members[b]) {
        const p = amp[j];
        if (F.isZero(p.re) && F.isZero(p.im)) continue;
        for (const [i, v] of A.cols[j]) {
          const re = F.sub(F.mul(v.re, p.re), F.mul(v.im, p.im));
          const im = F.add(F.mul(v.re, p.im), F.mul(v.im, p.re));
          const prev = phi.get(i);
          phi.set(i, prev ? { re: F.add(prev.re, re), im: F.add(prev.im, im) } : { re, im });
        }
      }
      if (phi.size === 0) continue;
      const q = new Map<number, V>();
      for (const [i, v] of phi) {
        const a = spaceOf[i];
        q.set(a, F.add(q.get(a) ?? F.zero, F.add(F.mul(v.re, v.re), F.mul(v.im, v.im))));
      }
      for (const [a, s] of q) add(a, b, F.mul(s, weight));
    }
  }
  if (state.populations) {
    const pop = state.populations;
    for (let b = 0; b < nS; b++) {
      const q = new Map<number, V>();
      for (const j of members[b]) {
        const p = pop[j];
        if (F.isZero(p)) continue;
        for (const [i, v] of A.cols[j]) {
          const a = spaceOf[i];
          q.set(a, F.add(q.get(a) ?? F.zero, F.mul(F.add(F.mul(v.re, v.re), F.mul(v.im, v.im)), p)));
        }
      }
      for (const [a, s] of q) add(a, b, s);
    }
  }
}

const pairArithmetics = new WeakMap<Ctor, PairArithmetic<Decimal>>();

/**
 * The Decimal arithmetic of D for {@link accumulatePairsIn}. The operands are D's (the caller's
 * data), so the instance methods round as D's static ones (numeric/field's decimal field) do, and
 * save the copy of the first operand those make.
 */
function decimalPairs(D: Ctor): PairArithmetic<Decimal> {
  let hit = pairArithmetics.get(D);
  if (!hit) {
    hit = Object.freeze({
      zero: new D(0), add: (a: Decimal, b: Decimal) => a.plus(b), sub: (a: Decimal, b: Decimal) => a.minus(b),
      mul: (a: Decimal, b: Decimal) => a.times(b), isZero: (a: Decimal) => a.isZero(),
    });
    pairArithmetics.set(D, hit);
  }
  return hit;
}

/** {@link accumulatePairsIn} in the Decimal arithmetic of D. */
export function accumulatePairs(D: Ctor, spaces: PreciseSpaces, A: PreciseOperatorColumns, state: PreciseState, add: (a: number, b: number, q: Decimal) => void): void {
  accumulatePairsIn(decimalPairs(D), spaces, A, state, add);
}
