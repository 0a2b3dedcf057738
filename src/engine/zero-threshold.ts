/**
 * The one rule that says which matrix elements of a noise operator A, taken in an eigenbasis of
 * H_S, are zero, over a field. Every engine uses it: the float64 methods (engine/methods/shared
 * zeroThreshold) and the Decimal engine (engine/precise/basis preciseZeroThreshold). An element
 * with |A_ij| <= max(roundoff, 100 vectorError) scale is zero. `roundoff` is the relative
 * round-off the computed elements may carry, `vectorError` the relative error of the eigenvectors
 * (0 where they are exact), `scale` the size of A. So A(w) != 0 is decided against the errors of
 * the computation, never against an absolute size, and a small but real coupling stays in Omega.
 */
import type { Field } from '../numeric/index.js';

/** Elements within this many eigenvector errors (relative to the scale of A) count as zero. */
export const vectorErrorFactor = 100;

/**
 * max(roundoff, {@link vectorErrorFactor} vectorError) scale, each product one rounding of `F`
 * (a tie keeps `roundoff`).
 *
 * @example
 * zeroThresholdIn(float64Field, 16 * 2 ** -52, 0, 2) // 7.105427357601002e-15
 */
export function zeroThresholdIn<T>(F: Field<T>, roundoff: T, vectorError: T, scale: T): T {
  const vectors = F.mul(vectorError, F.fromNumber(vectorErrorFactor));
  return F.mul(F.cmp(vectors, roundoff) > 0 ? vectors : roundoff, scale);
}

/** Matrix elements within this factor of the zero threshold (either side) are near it. */
export const nearZeroFactor = 1e3;

/**
 * True when matrix elements near the zero threshold decide Omega: the largest element counted as
 * zero is above zero / {@link nearZeroFactor}, or the smallest counted as nonzero is below
 * zero {@link nearZeroFactor} (numeric/channel's largestZero and smallestNonzero).
 *
 * @example
 * nearZeroThreshold(float64Field, { largestZero: 0, smallestNonzero: 1e-9 }, 1e-14) // false
 */
export function nearZeroThreshold<T>(F: Field<T>, h: { readonly largestZero: T; readonly smallestNonzero: T | null }, zero: T): boolean {
  const k = F.fromNumber(nearZeroFactor);
  return F.cmp(h.largestZero, F.div(zero, k)) > 0 || (h.smallestNonzero !== null && F.cmp(h.smallestNonzero, F.mul(zero, k)) < 0);
}
