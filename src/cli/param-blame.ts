/**
 * `--param` values blamed for the model errors they cause (issue 17): an error at the flag, not at
 * the model file's expression that uses the param.
 */
import { InputError, type InputErrorData } from '../lang/index.js';

const PLACE = { file: '<command line>', key: '--param' };

/**
 * The codes of errors that a value can cause where a model expression is evaluated (a bath's T or
 * rate out of range, log(0), a state or an index out of range, an exponent): the errors a
 * `--param` value may be to blame for.
 */
const valueCodes: ReadonlySet<InputErrorData['code']> = new Set(['bad-bath', 'negative-rate', 'domain-error', 'bad-state', 'index-out-of-range', 'bad-index', 'bad-exponent']);

/**
 * `err` with each error that an override is to blame for reported at the flag: an error of a
 * {@link valueCodes} kind in the model file whose offending expression uses a param that `--param`
 * set (`T: T` with `--param T=-1`) becomes an error at `<command line>` (key `--param`, line 1,
 * the column of the value in its override, the override as its source line), saying which value
 * was given, what the model expected, and where the model uses it. Other errors are kept as they are.
 *
 * @returns `err` itself when no error is to blame on an override
 * @example
 * blameParamOverrides(err, ['T=-1']) // <command line>:1:3 (--param): error[bad-bath] at '-1': --param T=-1: the bath's T must be >= 0, ...
 */
export function blameParamOverrides(err: InputError, overrides: ReadonlyArray<string>): InputError {
  const given = new Map<string, { override: string; text: string; column: number }>();
  for (const raw of overrides) {
    const override = String(raw);
    const eq = override.indexOf('=');
    if (eq < 0) continue;
    const name = override.slice(0, eq).trim(), text = override.slice(eq + 1).trim();
    given.set(name, { override, text, column: eq + 2 + override.slice(eq + 1).indexOf(text) });
  }
  if (given.size === 0) return err;
  let changed = false;
  const errors = err.errors.map((e) => {
    if (e.file === PLACE.file || !valueCodes.has(e.code)) return e;
    const used = (e.token.match(/[A-Za-z_][A-Za-z_0-9]*/g) ?? []).find((n) => given.has(n));
    if (used === undefined) return e;
    const o = given.get(used)!;
    changed = true;
    const at = `${e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file}${e.key ? ` (${e.key})` : ''}`;
    return {
      code: e.code, ...PLACE, line: 1, column: o.column, token: o.text, source: o.override,
      message: `--param ${used}=${o.text}: ${e.message}, where the model uses ${used} in '${e.token}' at ${at}; expected a value of ${used} for which the model is valid there`,
    } satisfies InputErrorData;
  });
  return changed ? new InputError(errors) : err;
}

/**
 * `compute` with an {@link InputError} it throws blamed on `overrides` ({@link blameParamOverrides}).
 *
 * @example
 * const compute = blamingOverrides(flags.param, (L: number) => computeCurrent(spec, L))
 */
export function blamingOverrides<A extends unknown[], R>(overrides: ReadonlyArray<string> | undefined, compute: (...args: A) => R): (...args: A) => R {
  if (!overrides?.length) return compute;
  return (...args: A): R => {
    try {
      return compute(...args);
    } catch (err) {
      throw err instanceof InputError ? blameParamOverrides(err, overrides) : err;
    }
  };
}
