/**
 * Parsing of command-line values shared by commands: L lists, params, methods.
 */
import { InputError } from '../lang/index.js';

function usage(key: string, token: string, message: string): InputError {
  return new InputError({ code: 'bad-usage', file: '<command line>', key, line: 0, column: 0, token, message });
}

/** Largest number of L values one `--L` may list. */
export const maxLValues = 10_000;

/**
 * `--L N`, `A..B` or `A,B,C` as a list of integers >= 1.
 *
 * @example parseLList('1..3') // [1, 2, 3]
 */
export function parseLList(text: string): number[] {
  const int = (s: string): number => {
    if (!/^\s*\d+\s*$/.test(s)) throw usage('--L', text, `expected N, A..B or A,B,C with whole numbers >= 1, got '${text}'`);
    const v = Number(s);
    if (v < 1 || !Number.isSafeInteger(v)) throw usage('--L', text, `L must be a whole number >= 1, got ${s.trim()}`);
    return v;
  };
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (range) {
    const a = int(range[1]), b = int(range[2]);
    if (b < a) throw usage('--L', text, `the range ${a}..${b} is empty; expected A..B with A <= B`);
    if (b - a + 1 > maxLValues) throw usage('--L', text, `the range ${a}..${b} has more than ${maxLValues} values`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  return text.split(',').map(int);
}

/** `--method`. */
export function parseMethod(text: string): 'auto' | 'dense' | 'diagonal' | 'symmetric' {
  if (['auto', 'dense', 'diagonal', 'symmetric'].includes(text)) return text as 'auto';
  throw usage('--method', text, `expected auto, dense, diagonal or symmetric, got '${text}'`);
}

/** `--digits D`: significant digits of the decimal.js engine, 16..1000. */
export function parseDigits(text: string, key: string): number {
  const v = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(v) || v < 16 || v > 1000) throw usage(key, text, `expected a whole number of digits from 16 to 1000, got '${text}'`);
  return v;
}

/** A whole number >= min (`--runs`, `--seed`). */
export function parseWhole(text: string, key: string, min = 0): number {
  const v = /^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(v) || v < min) throw usage(key, text, `expected a whole number >= ${min}, got '${text}'`);
  return v;
}

export { usage as usageError };
