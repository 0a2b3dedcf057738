/**
 * Python literals for the exported scripts: floats that read back as the same float64, complex
 * numbers, strings, and arrays wrapped to a readable width.
 */
import { NonFiniteError } from '../non-finite.js';

/**
 * A float64 as a Python literal that reads back as the same number (JavaScript's shortest
 * round-trip text is valid Python: `0.1`, `-6`, `1e-7`, `1e+21`).
 *
 * @param what the quantity written, for the error (default: a number of the script)
 * @throws NonFiniteError (numerical trouble) for NaN and infinities, naming `what`
 * @example pyFloat(0.1) // '0.1'
 */
export function pyFloat(x: number, what = 'a number of the script'): string {
  if (!Number.isFinite(x)) throw new NonFiniteError(what, `cannot export the non-finite number ${x} (${what}): it is not finite in float64`);
  return Object.is(x, -0) ? '0' : String(x);
}

/**
 * A complex number as a Python expression: a float when the imaginary part is 0, `2.5j` when the
 * real part is 0, `complex(a, b)` otherwise.
 *
 * @example pyComplex(0, -1) // '-1j'
 */
export function pyComplex(re: number, im: number): string {
  if (im === 0) return pyFloat(re);
  if (re === 0) return `${pyFloat(im)}j`;
  return `complex(${pyFloat(re)}, ${pyFloat(im)})`;
}

/**
 * A Python string literal (double quotes, with backslashes, quotes and control characters escaped).
 *
 * @example pyString('say "hi"') // '"say \\"hi\\""'
 */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/**
 * A comment line's text: newlines folded into spaces, so model text cannot end a comment early.
 *
 * @example pyComment('a\nb') // 'a b'
 */
export function pyComment(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * A list of floats as the text of a Python list, wrapped at about `width` characters, every line
 * after the first indented by `indent`.
 *
 * @example pyFloatList([1, 0.5]) // '[1, 0.5]'
 */
export function pyFloatList(xs: ArrayLike<number>, indent = '    ', width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < xs.length; i++) {
    const item = pyFloat(xs[i]) + (i + 1 < xs.length ? ',' : '');
    if (line.length > 0 && line.length + 1 + item.length > width) { lines.push(line); line = item; }
    else line = line.length > 0 ? `${line} ${item}` : item;
  }
  lines.push(line);
  return `[${lines.join(`\n${indent}`)}]`;
}

/**
 * Text as comment lines (`# ...`) of at most about `width` characters, broken at spaces.
 *
 * @example pyCommentLines('a b', 3) // ['# a', '# b']
 */
export function pyCommentLines(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of pyComment(text).split(' ').filter((w) => w.length > 0)) {
    if (line.length > 1 && line.length + 1 + word.length > width) { lines.push(line); line = '#'; }
    line += ` ${word}`;
  }
  if (line.length > 1) lines.push(line);
  return lines;
}
