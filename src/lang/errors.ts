/**
 * Input errors are data: a closed set of kebab-case codes, each with where it happened (file, key,
 * line:column, the offending token) and what was expected. The CLI prints them; it never prints a
 * stack trace for one.
 */

/** The closed set of input-error codes. Extend, never rename: scripts match on them. */
export type InputErrorCode =
  | 'file-not-found'
  | 'file-unreadable'
  | 'syntax-yaml'
  | 'syntax-json'
  | 'not-a-mapping'
  | 'missing-key'
  | 'unknown-key'
  | 'wrong-type'
  | 'unexpected-token'
  | 'unexpected-end'
  | 'unknown-name'
  | 'unknown-function'
  | 'wrong-arity'
  | 'not-an-operator'
  | 'not-a-scalar'
  | 'bad-index'
  | 'bad-exponent'
  | 'bad-param'
  | 'bad-bath'
  | 'bad-state'
  | 'not-hermitian'
  | 'negative-rate'
  | 'index-out-of-range'
  | 'domain-error'
  | 'steady-not-unique'
  | 'bad-usage'
  | 'shadowed-name'
  | 'too-deep';

/** One input error, with its location. `line`/`column` are 1-based; 0 where not applicable. */
export interface InputErrorData {
  readonly code: InputErrorCode;
  /** The model file (path as given), `<command line>`, or `<input>`. */
  readonly file: string;
  /** The key path inside the model, such as `channels[0].A` or `params.g`; '' for the file itself. */
  readonly key: string;
  readonly line: number;
  readonly column: number;
  /** The offending token as written, '' if none. */
  readonly token: string;
  /** What went wrong and what was expected, as one sentence. */
  readonly message: string;
}

/**
 * Thrown (or collected) for any problem with user input. Carries one or more {@link InputErrorData}.
 *
 * @example
 * try { loadModelText(text, 'm.yaml') } catch (e) { if (e instanceof InputError) console.error(formatInputError(e)) }
 */
export class InputError extends Error {
  readonly errors: readonly InputErrorData[];
  constructor(errors: InputErrorData | readonly InputErrorData[]) {
    const list = Array.isArray(errors) ? (errors as readonly InputErrorData[]) : [errors as InputErrorData];
    super(list.map(formatOne).join('\n'));
    this.name = 'InputError';
    this.errors = list;
  }
}

function formatOne(e: InputErrorData): string {
  const where = e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file;
  const key = e.key ? ` (${e.key})` : '';
  const token = e.token ? ` at '${e.token}'` : '';
  return `${where}${key}: error[${e.code}]${token}: ${e.message}`;
}

/** One line per error: `file:line:col (key): error[code] at 'token': message`. */
export function formatInputError(err: InputError): string {
  return err.errors.map(formatOne).join('\n');
}
