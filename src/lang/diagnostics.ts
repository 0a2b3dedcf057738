/**
 * Small constructors for {@link InputErrorData}, so every error carries file, key, line:column, the
 * offending token and a message in the same shape.
 */
import type { Span } from './ast.js';
import type { InputErrorCode, InputErrorData } from './errors.js';
import type { SourcePos } from './origin.js';

/** Longest token quoted in a message; longer ones are cut with an ellipsis. */
const MAX_TOKEN = 40;

/** Cuts a token to a readable length. */
export function shortToken(token: string): string {
  const oneLine = token.replace(/\s+/g, ' ');
  return oneLine.length > MAX_TOKEN ? `${oneLine.slice(0, MAX_TOKEN - 1)}…` : oneLine;
}

/** Where an error is: the file, the key path, and a position. */
export interface ErrorPlace {
  readonly file: string;
  readonly key: string;
}

/** Builds one error at a position. */
export function errorAt(
  code: InputErrorCode,
  place: ErrorPlace,
  pos: SourcePos,
  token: string,
  message: string,
): InputErrorData {
  return { code, file: place.file, key: place.key, line: pos.line, column: pos.column, token: shortToken(token), message };
}

/** Builds one error at an expression node, quoting its text. */
export function errorAtSpan(
  code: InputErrorCode,
  place: ErrorPlace,
  text: string,
  span: Span,
  message: string,
): InputErrorData {
  return errorAt(code, place, span, text.slice(span.start, span.end), message);
}

/** Joins names as `a, b and c` (or `a, b or c`) for messages. */
export function listNames(names: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (names.length === 0) return '(none)';
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

/** The candidate closest to `name` by edit distance, if close enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.min(2, Math.floor(name.length / 3)));
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (candidate !== name && (d < bestDistance || (d === bestDistance && best === null))) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** " (did you mean 'x'?)" or ''. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const best = closestName(name, candidates);
  return best ? ` (did you mean '${best}'?)` : '';
}

/** Edit distance with adjacent transpositions counted as one edit (optimal string alignment): 'hto' is 1 from 'hot'. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}
