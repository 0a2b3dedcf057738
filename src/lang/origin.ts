/**
 * Where an expression's text stands in its file, so that parsed nodes get absolute line:column.
 */

/** A 1-based line and column in a file. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

/**
 * Where an expression's text comes from.
 *
 * `line`/`column` is the position of the scalar that holds the text (for a quoted scalar, of its
 * opening quote: `quoted` then shifts the text one column right). When the loader knows the exact
 * position of every character (multi-line or escaped scalars) it passes them in `positions`, one per
 * character plus one for the end of the text, and those win.
 */
export interface ExprOrigin {
  readonly file: string;
  readonly key: string;
  readonly line: number;
  readonly column: number;
  readonly quoted?: boolean;
  readonly positions?: readonly SourcePos[];
}

/** The origin of text given on the command line: line 1, column 1. */
export function commandLineOrigin(key: string, file = '<command line>'): ExprOrigin {
  return { file, key, line: 1, column: 1 };
}

/**
 * Makes a function from offsets in `text` to absolute positions in the file.
 *
 * Without `positions`, a newline inside the text moves to the next line, column 1.
 *
 * @example
 * positionLocator('a+b', { file: 'm.yaml', key: 'H', line: 5, column: 4, quoted: true })(2) // { line: 5, column: 7 }
 */
export function positionLocator(text: string, origin: ExprOrigin): (offset: number) => SourcePos {
  const positions = origin.positions;
  if (positions && positions.length > 0) {
    return (offset) => positions[Math.max(0, Math.min(offset, positions.length - 1))];
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const firstColumn = origin.column + (origin.quoted ? 1 : 0);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo === 0
      ? { line: origin.line, column: firstColumn + at }
      : { line: origin.line + lo, column: at - lineStarts[lo] + 1 };
  };
}
