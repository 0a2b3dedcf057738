/**
 * Input errors raised by both engines and the QuTiP export alike (a leaf module).
 */
import { InputError, errorAt, type Origin } from '../lang/index.js';
import { defaultTolerances, type Field, type Hermiticity, type SteadyStateError } from '../numeric/index.js';

/**
 * The not-hermitian input error at the expression's start.
 *
 * @param tolerance the relative tolerance as the field writes it (default float64's)
 */
export function notHermitian(origin: Origin, label: string, residual: number, scale: number, tolerance = String(defaultTolerances.hermiticity)): InputError {
  const e = origin.located.expr;
  return new InputError({
    code: 'not-hermitian', file: origin.file, key: origin.located.key, line: e.span.line, column: e.span.column,
    token: origin.located.text,
    message: `${label} must be Hermitian: max |X - X^+| = ${+residual.toPrecision(3)} (relative ${+(residual / scale).toPrecision(3)}, tolerance ${tolerance})`,
  });
}

/**
 * Throws not-hermitian unless the reading `h` of the one Hermiticity rule (numeric hermiticity,
 * over the field F) passed, with F's residual, scale and tolerance in the message.
 */
export function assertHermitianIn<T>(F: Field<T>, origin: Origin, label: string, h: Hermiticity<T>): void {
  if (!h.hermitian) throw notHermitian(origin, label, F.toNumber(h.residual), F.toNumber(h.scale), String(h.tolerance));
}

/**
 * The negative-rate input error of both engines, at the channel's bath (or its coupling when the
 * bath has no expression): the spectrum is negative at a Bohr frequency in use.
 *
 * @param at, value the frequency and gamma there, written by the engine's number style
 * @param where an optional place inside the model (a total-spin sector)
 */
export function negativeRate(ch: { readonly origin: Origin; readonly gammaOrigin?: Origin | null }, at: string, value: string, where = ''): InputError {
  const o = ch.gammaOrigin ?? ch.origin;
  return errorAt(o, o.located.expr, 'negative-rate', `the spectrum is negative at a Bohr frequency in use${where ? ` (${where})` : ''}: gamma(${at}) = ${value}; rates must be >= 0`);
}

/**
 * A SteadyStateError of either engine's steady-state solver as the input error at the state:
 * steady-not-unique, negative-rate, or bad-state, with the solver's message.
 */
export function steadyStateInputError(err: SteadyStateError, stateOrigin: Origin): InputError {
  const e = stateOrigin.located.expr;
  return new InputError({
    code: err.reason === 'not-unique' ? 'steady-not-unique' : err.reason === 'negative-rate' ? 'negative-rate' : 'bad-state',
    file: stateOrigin.file, key: stateOrigin.located.key, line: e.span.line, column: e.span.column, token: stateOrigin.located.text, message: err.message,
  });
}
