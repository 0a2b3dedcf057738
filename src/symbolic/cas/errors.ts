/**
 * The errors of the CAS wrapper. Library-internal errors never escape: they are caught where a
 * library is called. What callers can see is invalid input text or an unbound variable.
 */

/** Why an expression text is not valid input. */
export type CasSyntaxCode =
  | 'empty-expression'
  | 'unexpected-character'
  | 'unexpected-token'
  | 'unexpected-end'
  | 'unclosed-parenthesis'
  | 'unknown-function'
  | 'function-without-call'
  | 'bad-number';

/** Invalid expression text, with the offending span [start, end) in the text. */
export class CasSyntaxError extends Error {
  override readonly name = 'CasSyntaxError';
  constructor(
    readonly code: CasSyntaxCode,
    readonly text: string,
    readonly start: number,
    readonly end: number,
    detail: string,
  ) {
    super(`${code} at ${start}: ${detail} in '${text}'`);
  }
}

/** `evaluate` was not given a value for every variable of the expression. */
export class CasEvaluationError extends Error {
  override readonly name = 'CasEvaluationError';
  readonly code = 'unbound-variable';
  constructor(readonly missing: readonly string[], readonly text: string) {
    super(`no value for ${missing.join(', ')} in '${text}'`);
  }
}
