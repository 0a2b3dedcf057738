/**
 * The one rule that says which matrix elements of a noise operator A, taken in an eigenbasis of
 * H_S, are zero, over a field. Every engine uses it: the float64 methods (engine/methods/shared
 * zeroThreshold) and the Decimal engine (engine/precise/basis preciseZeroThreshold). An element
 * with |A_ij| <= max(roundoff, 100 vectorError) scale is zero. `roundoff` is the relative
 * round-off the computed elements may carry, `vectorError` the relative error of the eigenvectors
 * (0 where they are exact), `scale` the size of A. So A(w) != 0 is decided against the errors of
 * the computation, never against an absolute size, and a small but real coupling stays in Omega.
 * The threshold is never below the elements' error bounds, so an element above it is certified
 * nonzero; one at or below it (computed above 0, or computed 0 where rounding entered it: inside a
 * block of H_S of dimension > 1, numeric/eigensystem roundedZeros) may be nonzero or zero: the Omega
 * statistics over the certified elements are lower ends and over every such element upper ends of
 * enclosures of the exact ones (numeric/channel `upper`, engine/assemble's upper reading).
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
