/**
 * Number and table formatting: float64 numbers as decimal strings (shortest round-trip form) or
 * short ones for tables, Decimals at a given number of digits, error bounds, aligned tables.
 */
import type { Decimal } from '../numeric/index.js';

/** A real number as a decimal string that parses back to the same float64. */
export function decimal(x: number): string {
  if (Object.is(x, -0)) return '0';
  return String(x);
}

/** A number for tables: 10 significant digits, no trailing zeros. */
export function short(x: number, digits = 10): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const s = x.toPrecision(digits);
  if (a >= 1e-4 && a < 1e15 && !s.includes('e')) return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
}

/** A Decimal with `digits` significant digits, as text (no exponent for moderate magnitudes). */
export function dec(x: Decimal, digits: number): string {
  if (x.isZero()) return '0';
  if (!x.isFinite()) return x.toString();
  const s = x.toSignificantDigits(digits);
  const e = s.e;
  return e >= -7 && e < 21 ? s.toFixed() : s.toExponential();
}

/** A Decimal error bound: 3 significant digits. */
export function decError(x: Decimal): string {
  return x.isZero() ? '0' : x.toSignificantDigits(3).toExponential();
}

/** Left-aligned first column (and those in `left`), right-aligned others. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = [0]): string {
  const all = [header, ...rows];
  const w = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => r.map((v, c) => (left.includes(c) ? v.padEnd(w[c]) : v.padStart(w[c]))).join('  ').trimEnd();
  return [line(header), w.map((x) => '-'.repeat(x)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
