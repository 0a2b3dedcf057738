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
