/**
 * The failures a command reports with exit 2 (limitations) or 3 (numerical trouble), as data: the
 * one place their messages are written (cli/run.ts prints them for a single command), and the
 * failures at one L of a range (`current MODEL --L A,B,C`): the range goes on, the failed
 * L becomes an entry with its reason, and the exit code at the end tells the worst kind met. The
 * message is the one the same command prints for that L alone (`--L N`) on stderr, without its
 * `heatbound: ` prefix (an input error, which has none, without the source line and caret under it).
 */
import { NoMethodError, NonFiniteError, PreciseNotApplicable } from '../engine/index.js';
import { InputError, formatInputError, type InputErrorData } from '../lang/index.js';
import { NoConvergenceError, NotHermitianError, SteadyStateError, TermLimitError } from '../numeric/index.js';
import { exitCodes } from './io.js';

/**
 * What kind of failure: an error in the input at this L (`input`, exit 2), no method or engine path
 * applies at this L (`limitation`, exit 2), or numerical trouble: no convergence, a steady state the
 * solver could not find, out of memory (`numerical`, exit 3).
 */
export type FailureKind = 'input' | 'limitation' | 'numerical';

/** Why one L failed, in the JSON of `current` (contract of issue 15; extended, never renamed). */
export interface FailureJson {
  readonly kind: FailureKind;
  /** The input error's code (the first one's, when there are several); only for kind `input`. */
  readonly code?: InputErrorData['code'];
  /** The message of the single-L command, without `heatbound: `; it may hold several lines. */
  readonly message: string;
}

/** One L of a range that failed. */
export interface FailedL {
  readonly L: number;
  readonly failure: FailureJson;
  /** The reason in one line, for a row of a table: the message's first, without the site (`FILE at L = N (--L N): `) and a final colon. */
  readonly summary: string;
}

/**
 * The failure `err` stands for, or null when it is none of the kinds a range goes on after (an
 * internal error, which stops the command as it does for one L).
 */
export function failureOf(err: unknown): FailureJson | null {
  return described(err)?.failure ?? null;
}

/** The failure `err` stands for, with the site its message names (null: none). */
function described(err: unknown): { failure: FailureJson; site: string } | null {
  if (err instanceof InputError) return { failure: { kind: 'input', code: err.errors[0]?.code, message: formatInputError(err) }, site: '' };
  if (err instanceof PreciseNotApplicable) {
    const site = err.where ? `${err.where.file} at L = ${err.where.L} (--L ${err.where.L} --digits): ` : '';
    return { failure: { kind: 'limitation', message: site + err.message }, site };
  }
  if (err instanceof NoMethodError) {
    const w = err.where;
    const flags = w ? `--L ${w.L}${w.method && w.method !== 'auto' ? ` --method ${w.method}` : ''}` : '';
    const site = w ? `${w.file} at L = ${w.L} (${flags}): ` : '';
    return { failure: { kind: 'limitation', message: site + err.message }, site };
  }
  if (err instanceof NoConvergenceError || err instanceof SteadyStateError || err instanceof NotHermitianError) {
    return { failure: { kind: 'numerical', message: `numerical trouble: ${err.message}` }, site: '' };
  }
  // A number that overflows the engine's field on valid input: numerical trouble, at its expression when it has one.
  if (err instanceof NonFiniteError) {
    const w = err.where;
    return { failure: { kind: 'numerical', message: `numerical trouble: ${w ? `${w.line > 0 ? `${w.file}:${w.line}:${w.column}` : w.file} (${w.key}) at '${w.token}': ` : ''}${err.message}` }, site: '' };
  }
  if (err instanceof TermLimitError) {
    return { failure: { kind: 'numerical', message: `out of memory: the model at this L needs more memory than heatbound allows (${err.message})` }, site: '' };
  }
  if (err instanceof RangeError && /Array buffer allocation failed|Invalid typed array length|Invalid array length/.test(err.message)) {
    return { failure: { kind: 'numerical', message: `out of memory: the model at this L needs more memory than is available (${err.message})` }, site: '' };
  }
  return null;
}

/**
 * `compute(L)` for every L, a failure of a kind {@link failureOf} knows becoming a {@link FailedL}
 * (any other error is thrown on at once).
 */
export function eachL<R>(Ls: readonly number[], compute: (L: number) => R): (R | FailedL)[] {
  return Ls.map((L) => {
    try {
      return compute(L);
    } catch (err) {
      const d = described(err);
      if (d === null) throw err;
      return { L, failure: d.failure, summary: d.failure.message.slice(d.site.length).split('\n')[0].replace(/:$/, '') };
    }
  });
}

/** Whether an entry of {@link eachL} is a failure. */
export function isFailed<R extends object>(entry: R | FailedL): entry is FailedL {
  return 'failure' in entry;
}

/** The exit code of a range: 2 when any L failed on its input or a limitation, else 3 when any met numerical trouble, else 0. */
export function rangeExitCode(failures: readonly FailedL[]): number {
  if (failures.some((f) => f.failure.kind !== 'numerical')) return exitCodes.input;
  return failures.length ? exitCodes.numerical : exitCodes.ok;
}

/** The failures' messages as the single-L command prints them on stderr, one after the other. */
export function failuresText(failures: readonly FailedL[]): string {
  return failures.map((f) => `${f.failure.kind === 'input' ? '' : 'heatbound: '}${f.failure.message}\n`).join('');
}
