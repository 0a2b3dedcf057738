/**
 * Errors raised while evaluating a model at a given L, located at the offending node.
 */
import type { Expr } from './ast.js';
import { InputError, type InputErrorCode } from './errors.js';
import type { LocatedExpr } from './model.js';

/** Where an expression came from: the model file and the expression with its key. */
export interface Origin {
  readonly file: string;
  readonly located: LocatedExpr;
}

/** An InputError at `node` of the expression `origin`. */
export function errorAt(origin: Origin, node: Expr, code: InputErrorCode, message: string): InputError {
  return new InputError({
    code,
    file: origin.file,
    key: origin.located.key,
    line: node.span.line,
    column: node.span.column,
    token: origin.located.text.slice(node.span.start, node.span.end),
    message,
  });
}
