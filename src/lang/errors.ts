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
  | 'too-deep'
  | 'duplicate-name'
  | 'bad-sites'
  | 'wrong-species';

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
  /**
   * The text that `line` and `column` point into, where it is no file to read again (a claim, a
   * `--state` or `--param` value, standard input): the CLI shows its line with a caret under the
   * column. Absent for a model file (the CLI reads the line from the file).
   */
  readonly source?: string;
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

/**
 * Characters that would break or disguise a message line on a terminal: C0/C1 controls other than
 * tab and newline (a CR returns the cursor), the Unicode line and paragraph separators, and the
 * bidirectional embeddings, overrides and isolates (which reorder the text shown after them).
 */
const unprintable = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** `s` with each {@link unprintable} character written as its escape `\uXXXX`, so a message stays one readable line. */
function printable(s: string): string {
  return s.replace(unprintable, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function formatOne(e: InputErrorData): string {
  const where = printable(e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file);
  const key = e.key ? ` (${printable(e.key)})` : '';
  const token = e.token ? ` at '${printable(e.token)}'` : '';
  return `${where}${key}: error[${e.code}]${token}: ${printable(e.message)}`;
}

/**
 * One line per error: `file:line:col (key): error[code] at 'token': message`, control, separator
 * and bidirectional characters in the file, key, token or message written as `\uXXXX` escapes.
 */
export function formatInputError(err: InputError): string {
  return err.errors.map(formatOne).join('\n');
}
