/** `--state` given on the command line. */
import { assertChecked, checkState } from './check.js';
import type { LocatedExpr, SpeciesSpec } from './model.js';
import { commandLineOrigin } from './origin.js';
import { parseExpr } from './parse-expr.js';

/**
 * Parses and checks a state given as text, such as the CLI's `--state "dicke(2)"`. Positions are
 * line 1, column = character position in the text.
 *
 * @param params the model's param names, which state arguments may use (`thermal(T)`).
 * @param sites the model's species (`ModelSpec.sites`, v2): which states exist and what `basis(...)` takes.
 * @throws {InputError} the same errors as a `state:` key in a model file.
 * @example
 * parseStateText('mix(0.5, up, down)').expr.kind // 'call'
 */
export function parseStateText(
  text: string,
  file = '<command line>',
  key = '--state',
  params: readonly string[] = [],
  sites?: readonly SpeciesSpec[],
): LocatedExpr {
  const expr = parseExpr(text, commandLineOrigin(key, file), { modes: sites?.some((s) => s.kind === 'boson') ?? false });
  const located: LocatedExpr = { expr, key, text };
  assertChecked(checkState(located, { file, params, ...(sites ? { sites } : {}) }));
  return located;
}
