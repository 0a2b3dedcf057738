/** `--param name=value` from the command line. */
import { errorAt, didYouMean, listNames } from './diagnostics.js';
import { InputError, type InputErrorData } from './errors.js';
import { DECIMAL_LITERAL } from './load-context.js';
import type { ModelSpec, ParamSpec } from './model.js';

const PLACE = { file: '<command line>', key: '--param' };

/**
 * Returns `spec` with params replaced by `name=value` overrides (the last one for a name wins).
 * Positions are line 1 and the column within the override text.
 *
 * @throws {InputError} `bad-param` for text without `=`, a name the model does not define (naming
 * the ones it does), or a value that is not a finite decimal number; every bad override is reported.
 * @example
 * applyParamOverrides(spec, ['g=0.5', 'T=2']).params
 */
export function applyParamOverrides(spec: ModelSpec, overrides: ReadonlyArray<string>): ModelSpec {
  const errors: InputErrorData[] = [];
  const values = new Map<string, ParamSpec>();
  const known = spec.params.map((p) => p.name);
  for (const raw of overrides) {
    const override = String(raw);
    const eq = override.indexOf('=');
    if (eq < 0) {
      errors.push({ ...errorAt('bad-param', PLACE, { line: 1, column: 1 }, override, 'expected name=value, such as g=0.5'), source: override });
      continue;
    }
    const name = override.slice(0, eq).trim();
    const text = override.slice(eq + 1).trim();
    if (!known.includes(name)) {
      const params = known.length > 0 ? `the model's params are ${listNames(known)}` : 'the model has no params';
      errors.push({ ...errorAt('bad-param', PLACE, { line: 1, column: 1 + override.indexOf(name) }, name, `unknown param '${name}'${didYouMean(name, known)}; ${params}`), source: override });
      continue;
    }
    const value = Number(text);
    if (!DECIMAL_LITERAL.test(text) || !Number.isFinite(value)) {
      errors.push({ ...errorAt('bad-param', PLACE, { line: 1, column: eq + 2 + override.slice(eq + 1).indexOf(text) }, text,
        `expected a finite number for ${name}, such as 1, 0.1 or 2.5e-3`), source: override });
      continue;
    }
    values.set(name, { name, text: text.startsWith('+') ? text.slice(1) : text, value });
  }
  if (errors.length > 0) throw new InputError(errors);
  return { ...spec, params: spec.params.map((p) => values.get(p.name) ?? p) };
}

