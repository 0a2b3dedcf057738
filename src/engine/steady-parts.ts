/**
 * The steady parts of a realised state, written once for both engines (model-language.md,
 * "States"): plain `steady` (started where the engine says when its steady state is not unique)
 * and every steady(S) (the long-time limit from S, realised by the engine), each solved and added
 * to the rest of the state with its weight; a SteadyStateError of the solver becomes the input
 * error at the state (input-errors `steadyStateInputError`).
 *
 * The solvers stay specialised behind {@link SteadySolver}: numeric/steady's float64 null space
 * (engine/steady-start `steadyParts`) and the Decimal elimination of engine/precise/steady
 * (engine/precise/basis `withSteady`, `withSteadyParts`; engine/precise/symmetric `symmetricSteadyParts`).
 */
import type { Origin } from '../lang/index.js';
import { SteadyStateError, type Field } from '../numeric/index.js';
import { steadyStateInputError } from './input-errors.js';

/** A state in an eigenbasis over W: weighted vectors (amplitudes V) and the populations of the eigen-indices, or null. */
export interface EigenStateIn<W, V> {
  readonly vectors: readonly ({ readonly weight: W } & V)[];
  readonly populations: ArrayLike<W> | null;
}

/** {@link EigenStateIn} as the orchestration builds it. */
export interface BuiltStateIn<W, V> {
  readonly vectors: ({ weight: W } & V)[];
  readonly populations: W[] | null;
}

/** The steady parts of a realised state: the weight of `steady` (0: none) and each steady(S) with its weight and start. */
export interface SteadyPartsOf<W, R> {
  readonly steadyWeight: W;
  readonly steadyFrom?: readonly { readonly weight: W; readonly start: R }[];
}

/** One engine's steady-state solver. */
export interface SteadySolver<W, V, Start> {
  /** The field of the weights and errors. */
  readonly F: Field<W>;
  /**
   * The steady state reached from `start` (null: it must be unique), the error of its entries and
   * the notes on how it was found.
   *
   * @throws SteadyStateError (not-unique, negative-rate; too-large: a size limit, passed on as it is)
   */
  solve(start: Start | null): { readonly state: EigenStateIn<W, V>; readonly error: W; readonly notes: readonly string[] };
}

/** A steady-state solver with what the orchestration of all steady parts of a state needs besides. */
export interface SteadyEngine<W, V, Start, R> extends SteadySolver<W, V, Start> {
  /** Where plain `steady` starts when its steady state is not unique (null: that is an error). */
  readonly defaultStart: Start | null;
  /** The eigenbasis state of the start S of a steady(S), its own steady parts included. */
  realise(start: R): Start;
  /** What the notes of plain `steady` and of steady(S) are prefixed with (`label: note`; null: the notes as they are). */
  readonly labels: { readonly steady: string | null; readonly from: string | null };
}

/** state + weight part: the vectors appended with their weights scaled, the populations added. */
export function plusWeighted<W, V>(F: Field<W>, state: EigenStateIn<W, V>, part: EigenStateIn<W, V>, weight: W): BuiltStateIn<W, V> {
  const vectors: ({ weight: W } & V)[] = [...state.vectors, ...part.vectors.map((v) => ({ ...v, weight: F.mul(v.weight, weight) }))];
  let populations = state.populations ? Array.from(state.populations) : null;
  const p = part.populations;
  if (p) {
    populations ??= Array.from({ length: p.length }, () => F.zero);
    for (let i = 0; i < p.length; i++) populations[i] = F.add(populations[i], F.mul(p[i], weight));
  }
  return { vectors, populations };
}

/**
 * `state` plus `weight` times the steady state reached from `start`, with the error of the entries
 * (the solver's, times the weight) and the solver's notes.
 *
 * @param stateOrigin where a SteadyStateError is reported as an input error; null: it is thrown as it is
 * @throws InputError (steady-not-unique, negative-rate, bad-state) at the state when stateOrigin is set
 * @throws SteadyStateError too-large (a size limit of the method at this L, not an error in the model)
 */
export function plusSteady<W, V, Start>(
  solver: SteadySolver<W, V, Start>, state: EigenStateIn<W, V>, weight: W, start: Start | null, stateOrigin: Origin | null,
): { state: BuiltStateIn<W, V>; error: W; notes: readonly string[] } {
  let ss;
  try {
    ss = solver.solve(start);
  } catch (err) {
    // Too many unknowns is a size limit of the method at this L (computeCurrent tries the next
    // method, then reports that none applies), not an error in the model.
    if (err instanceof SteadyStateError && stateOrigin && err.reason !== 'too-large') throw steadyStateInputError(err, stateOrigin);
    throw err;
  }
  const { F } = solver;
  return { state: plusWeighted(F, state, ss.state, weight), error: F.mul(ss.error, weight), notes: ss.notes };
}

/**
 * `state` plus the steady parts of `realised`: plain `steady` (weight steadyWeight, from the
 * engine's defaultStart) and every steady(S) (from the engine's realisation of S), in this order,
 * with the sum of their entry errors. Each note of a solve is pushed to `notes` as
 * `label: note` (or as it is, for a null label) as soon as it is solved (after the notes of realising its start).
 *
 * @throws as {@link plusSteady}
 */
export function steadyPartsIn<W, V, Start, R, S extends EigenStateIn<W, V>>(
  engine: SteadyEngine<W, V, Start, R>, state: S, realised: SteadyPartsOf<W, R>, stateOrigin: Origin | null, notes: string[],
): { state: S | BuiltStateIn<W, V>; error: W } {
  const { F } = engine;
  let out: S | BuiltStateIn<W, V> = state, error = F.zero;
  const add = (weight: W, start: Start | null, label: string | null): void => {
    const r = plusSteady(engine, out, weight, start, stateOrigin);
    out = r.state;
    error = F.add(error, r.error);
    for (const t of r.notes) notes.push(label === null ? t : `${label}: ${t}`);
  };
  if (F.cmp(realised.steadyWeight, F.zero) > 0) add(realised.steadyWeight, engine.defaultStart, engine.labels.steady);
  for (const part of realised.steadyFrom ?? []) add(part.weight, engine.realise(part.start), engine.labels.from);
  return { state: out, error };
}
