/**
 * Where each character of a scalar's value stands in the file. YAML folds lines, strips
 * indentation and decodes escapes, so the value and its source differ; a greedy alignment maps
 * every value character to the source character it came from.
 */

/** How a scalar is written: plain, quoted or as a block (`|`, `>`). */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

/** Length of an escape sequence after the backslash, in a double-quoted scalar. */
function escapeLength(next: string | undefined): number {
  if (next === 'x') return 4;
  if (next === 'u') return 6;
  if (next === 'U') return 10;
  return 2;
}

const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * Offsets into `raw` (the scalar as written) of each character of `value`, plus one entry for the
 * end. Never fails: when the alignment runs out of source, it points at the last source character.
 *
 * @example
 * alignScalar('a b', '"a\n  b"', 'double') // [1, 2, 5, 6]
 */
export function alignScalar(value: string, raw: string, style: ScalarStyle): number[] {
  const out: number[] = new Array<number>(value.length + 1);
  let p = 0;
  if (style === 'single' || style === 'double') p = 1;
  if (style === 'block') {
    const nl = raw.indexOf('\n');
    p = nl < 0 ? raw.length : nl + 1;
  }
  const last = Math.max(0, raw.length - 1);
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    for (;;) {
      if (p >= raw.length) {
        out[i] = last;
        break;
      }
      const r = raw[p];
      if (style === 'double' && r === '\\') {
        const next = raw[p + 1];
        if (isBreak(next)) {
          // An escaped line break contributes nothing to the value.
          p += 2;
          while (p < raw.length && (isBlank(raw[p]) || isBreak(raw[p]))) p++;
          continue;
        }
        out[i] = p;
        // A \U escape above U+FFFF is two UTF-16 units of the value.
        if (next === 'U' && i + 1 < value.length && c >= '\uD800' && c <= '\uDBFF') out[++i] = p;
        p += escapeLength(next);
        break;
      }
      if (style === 'single' && r === "'" && raw[p + 1] === "'" && c === "'") {
        out[i] = p;
        p += 2;
        break;
      }
      if (r === c) {
        out[i] = p;
        p++;
        break;
      }
      if ((c === ' ' || c === '\n') && isBreak(r)) {
        // A folded line break.
        out[i] = p;
        p++;
        break;
      }
      p++;
    }
  }
  out[value.length] = Math.min(p, raw.length);
  return out;
}
