/** `--state` given on the command line. */
import { assertChecked, checkState } from './check.js';
import type { LocatedExpr } from './model.js';
import { commandLineOrigin } from './origin.js';
import { parseExpr } from './parse-expr.js';

/**
 * Parses and checks a state given as text, such as the CLI's `--state "dicke(2)"`. Positions are
 * line 1, column = character position in the text.
 *
 * @param params the model's param names, which state arguments may use (`thermal(T)`).
 * @throws {InputError} the same errors as a `state:` key in a model file.
 * @example
 * parseStateText('mix(0.5, up, down)').expr.kind // 'call'
 */
export function parseStateText(
  text: string,
  file = '<command line>',
  key = '--state',
  params: readonly string[] = [],
): LocatedExpr {
  const expr = parseExpr(text, commandLineOrigin(key, file));
  const located: LocatedExpr = { expr, key, text };
  assertChecked(checkState(located, { file, params }));
  return located;
}
