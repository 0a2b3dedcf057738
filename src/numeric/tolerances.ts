/**
 * Every numerical tolerance of the numeric layer, in one place (style.md: tolerances are
 * configuration, never literals scattered in code). All are relative unless said otherwise.
 */
export interface Tolerances {
  /** Unit round-off of float64. */
  readonly eps: number;
  /** Two eigenvalues closer than `degeneracy * max(1, ||H_S||)` belong to one eigenspace. */
  readonly degeneracy: number;
  /** `||X - X^+|| > hermiticity * max(1, max |X_ij|)` makes X non-Hermitian. */
  readonly hermiticity: number;
  /** Safety factor applied to first-order round-off estimates (error = factor * eps * n * scale). */
  readonly roundoffFactor: number;
}

/** The defaults used by every computation unless a caller passes its own. */
export const defaultTolerances: Tolerances = Object.freeze({
  eps: 2.220446049250313e-16,
  degeneracy: 1e-9,
  hermiticity: 1e-10,
  roundoffFactor: 16,
});
