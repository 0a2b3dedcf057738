/**
 * Memory sizes in limitation messages, finite at any L: `12.0 GiB`, and beyond 2^50 GiB the power
 * of two (`2^2170 GiB`), where 2^(2L) bytes would print as `Infinity GiB`.
 */

/**
 * A size of 2^log2Bytes bytes in GiB.
 *
 * @example gibText(2 * 14 + Math.log2(48)) // '12.0'
 * @example gibText(2 * 1100 + Math.log2(48)) // '2^2176'
 */
export function gibText(log2Bytes: number): string {
  const log2Gib = log2Bytes - 30;
  return log2Gib < 50 ? (2 ** log2Gib).toFixed(1) : `2^${Math.round(log2Gib)}`;
}

/** log2 of the dimension prod dims of sites, finite at any number of sites. */
export function log2Dimension(dims: readonly number[]): number {
  let bits = 0;
  for (const d of dims) bits += Math.log2(d);
  return bits;
}

/**
 * The dimension prod dims of sites as a finite text at any size: the integer while it is exact in
 * float64 (`531441`), beyond 2^53 the powers of the sites' dimensions and the order of magnitude
 * (`3^1000 (about 1.3e477)`, `2^1000 x 8 (about 8.6e301)`), where the product would print as
 * `Infinity` or as a rounded float.
 *
 * @example dimensionText([3, 3, 3]) // '27'
 * @example dimensionText(Array(1000).fill(3)) // '3^1000 (about 1.3e477)'
 */
export function dimensionText(dims: readonly number[]): string {
  let n = 1;
  for (const d of dims) n *= d;
  if (Number.isSafeInteger(n)) return String(n);
  const counts = new Map<number, number>();
  for (const d of dims) counts.set(d, (counts.get(d) ?? 0) + 1);
  const powers = [...counts].filter(([d]) => d !== 1).map(([d, k]) => (k === 1 ? String(d) : `${d}^${k}`)).join(' x ');
  let log10 = 0;
  for (const d of dims) log10 += Math.log10(d);
  let exponent = Math.floor(log10);
  let mantissa = Number((10 ** (log10 - exponent)).toFixed(1));
  if (mantissa >= 10) { mantissa /= 10; exponent += 1; }
  return `${powers} (about ${mantissa.toFixed(1)}e${exponent})`;
}
