/**
 * Input errors raised by both engines and the QuTiP export alike (a leaf module).
 */
import { InputError, type Origin } from '../lang/index.js';
import { defaultTolerances } from '../numeric/index.js';

/** The not-hermitian input error at the expression's start. */
export function notHermitian(origin: Origin, label: string, residual: number, scale: number): InputError {
  const e = origin.located.expr;
  return new InputError({
    code: 'not-hermitian', file: origin.file, key: origin.located.key, line: e.span.line, column: e.span.column,
    token: origin.located.text,
    message: `${label} must be Hermitian: max |X - X^+| = ${+residual.toPrecision(3)} (relative ${+(residual / scale).toPrecision(3)}, tolerance ${defaultTolerances.hermiticity})`,
  });
}
