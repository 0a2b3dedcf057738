/**
 * `steady` and `steady(S)` in the float64 methods (model-language.md, "States"): the steady state
 * of -i[H_S, .] + D, and the long-time limit reached from a start S. Several steady states (closed
 * sets of levels, conserved coherences in degenerate eigenspaces, conserved total spin) are told
 * apart by the start: the pinched start is projected onto the stationary states by the conserved
 * quantities (left null vectors of the generator), numeric/steady.
 *
 * Plain `steady` of a collective model (H_S and every A permutation symmetric) is `steady(down)`
 * in every method: the full space of the dense and diagonal methods then gives the symmetric
 * sector's answer.
 */
import type { Origin } from '../lang/index.js';
import { type ColumnSource, type Complex, type EigenbasisState, type Eigenspaces, type Field, float64Field, steadyState } from '../numeric/index.js';
import { steadyPartsIn, type SteadyEngine } from './steady-parts.js';
import type { Instance } from './family.js';
import { NotCollective, type SectorOperator, evalCollective, float64Sector } from './collective.js';
import { MethodNotApplicable } from './outcome.js';
import { symmetricTwoS } from './spin-species.js';
import type { RealisedState } from './states.js';

type SteadyChannels = () => { A: ColumnSource; gamma: (w: number) => number }[];

/**
 * The steady parts of a realised state (`steady` with weight steadyWeight, each steady(S) with
 * its weight), as eigenbasis vectors and populations to add to the rest of the state: the one
 * orchestration of engine/steady-parts with numeric/steady's float64 solver.
 *
 * @param realise the eigenbasis state of a start S (the caller's own realisation, recursive)
 * @param defaultStart where plain `steady` starts when its steady state is not unique (null: the
 *   non-uniqueness is an error)
 * @throws InputError (steady-not-unique, negative-rate, bad-state) at the state when stateOrigin is set
 */
export function steadyParts(
  st: RealisedState, spaces: Eigenspaces, steadyChannels: SteadyChannels, zero: number, notes: string[], stateOrigin: Origin | null,
  defaultStart: Float64Array | EigenbasisState | null, realise: (start: RealisedState) => EigenbasisState,
): EigenbasisState {
  const engine: SteadyEngine<number, EigenVector, SteadyStart, RealisedState> = {
    F: float64Field,
    solve: (start) => {
      const ss = steadyState(spaces, steadyChannels(), zero, start);
      return { state: ss, error: 0, notes: [ss.how] };
    },
    defaultStart,
    realise,
    labels: { steady: 'steady state', from: 'steady state reached from the given start' },
  };
  const { state } = steadyPartsIn(engine, { vectors: [], populations: null }, st, stateOrigin, notes);
  return { vectors: state.vectors, populations: state.populations && Float64Array.from(state.populations) };
}

/** An eigenbasis vector of numeric/steady: real and imaginary parts. */
type EigenVector = { readonly re: Float64Array; readonly im: Float64Array };
type SteadyStart = Float64Array | EigenbasisState;

/** Whether plain `steady` occurs in a realised state, also inside the start of a steady(S). */
export function mentionsPlainSteady(st: RealisedState): boolean {
  return st.steadyWeight > 0 || (st.steadyFrom ?? []).some((f) => mentionsPlainSteady(f.start));
}

/** True when H_S and every A are permutation symmetric (the symmetric method's operators exist). */
export function isCollective(inst: Instance): boolean {
  try {
    collectiveOperators(inst, inst.L * symmetricTwoS(inst));
    return true;
  } catch (err) {
    if (err instanceof MethodNotApplicable) return false;
    throw err;
  }
}

/**
 * Where plain `steady` starts in a product-basis method: `down` (all qubits down, or every spin s
 * at m = -s: the last basis state) in the eigenbasis for a collective model, else null (a steady state that is not unique
 * is an error).
 */
export function productSteadyStart(inst: Instance, toEigen: (re: Float64Array, im: Float64Array) => [Float64Array, Float64Array]): EigenbasisState | null {
  if (!isCollective(inst)) return null;
  // down: every site at its last level (m = -s), the last basis state of the mixed radix too.
  const n = inst.layout ? inst.layout.dims.reduce((a, d) => a * d, 1) : 2 ** inst.L;
  return productDownIn(float64Field, n, (amp) => {
    const [re, im] = toEigen(Float64Array.from(amp, (c) => c.re), Float64Array.from(amp, (c) => c.im));
    return { re, im };
  });
}

/**
 * `down` (all qubits down: the last of the n product basis states, amplitude one) over a field, as
 * the state of one vector of weight one: `toEigen` turns its amplitudes (product basis order) into
 * the vector in the eigenbasis, in the caller's layout. The one definition behind
 * {@link productSteadyStart} (float64) and engine/precise productDown (Decimal).
 *
 * @example
 * productDownIn(float64Field, 4, (amp) => ({ amp })).vectors[0].amp[3] // { re: 1, im: 0 }
 */
export function productDownIn<T, V extends object>(F: Field<T>, n: number, toEigen: (amp: Complex<T>[]) => V): { vectors: (V & { weight: T })[]; populations: null } {
  const amp: Complex<T>[] = Array.from({ length: n }, (_, i) => ({ re: i === n - 1 ? F.one : F.zero, im: F.zero }));
  return { vectors: [{ weight: F.one, ...toEigen(amp) }], populations: null };
}

/**
 * The sector operators in the sector twoJ = 2j (of L qubits, or of L spins s: twoS = 2s, from the
 * model's sites), `rounded` when a site sum was taken as linear in the spin up to round-off (the
 * symmetric method re-checks it in decimal.js), or why the model is not collective.
 */
export function collectiveOperators(inst: Instance, twoJ: number, twoS = symmetricTwoS(inst), checked = false): { H: SectorOperator; A: SectorOperator[]; rounded: boolean } {
  try {
    // Whether an operator is collective is decided by its structure, in any sector: first in the
    // smallest one (dimension 1 or 2), so a model that is not collective (independent emitters at
    // L = 10^5) is refused before H is built in the sector of dimension twoJ + 1 (not again when
    // the caller has `checked` it in another sector).
    const smallest = (inst.L * twoS) % 2;
    if (!checked && twoJ > smallest + 2) {
      evalCollective(inst.H, inst.H.located.expr, inst.scope, inst.L, smallest, twoS);
      for (const ch of inst.channels) evalCollective(ch.origin, ch.origin.located.expr, ch.scope, inst.L, smallest, twoS);
    }
    const sector = float64Sector(inst.L, twoJ);
    const H = evalCollective(inst.H, inst.H.located.expr, inst.scope, inst.L, twoJ, twoS, sector);
    const A = inst.channels.map((ch) => evalCollective(ch.origin, ch.origin.located.expr, ch.scope, inst.L, twoJ, twoS, sector));
    return { H, A, rounded: H.rounded || A.some((a) => a.rounded) };
  } catch (err) {
    if (err instanceof NotCollective) throw new MethodNotApplicable('symmetric', err.message);
    throw err;
  }
}
