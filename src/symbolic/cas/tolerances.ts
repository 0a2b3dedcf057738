/**
 * The numerical settings of the CAS wrapper in one place (style.md: tolerances are configuration).
 * eps and roundoffFactor are the numeric layer's defaults (src/numeric/tolerances.ts), repeated
 * so that the wrapper does not load the numeric layer (~0.5 s) for two constants.
 */

export interface CasTolerances {
  /** Unit round-off of float64. */
  readonly eps: number;
  /** Safety factor on first-order round-off bounds: |a - b| <= factor * (err(a) + err(b)) is equal. */
  readonly roundoffFactor: number;
  /** Random points at which two expressions are compared. */
  readonly samples: number;
  /** Points that must evaluate to finite values (with a finite error bound) for a numeric verdict. */
  readonly minUsableSamples: number;
  /** Sizes at which a leading term is checked: expr / leading term must tend to 1 across them. */
  readonly largeSizes: readonly number[];
  /** Largest |log(expr / leading term)| accepted at those sizes. */
  readonly asymptotic: number;
  /** Seed of the sample points: the same points on every call and machine. */
  readonly seed: number;
}

export const casTolerances: CasTolerances = Object.freeze({
  eps: 2.220446049250313e-16,
  roundoffFactor: 16,
  samples: 6,
  minUsableSamples: 3,
  largeSizes: Object.freeze([1e6, 1e7]),
  asymptotic: 1e-3,
  seed: 20240611,
});
