/**
 * Every numerical tolerance of the numeric layer, in one place (style.md: tolerances are
 * configuration, never literals scattered in code). All are relative unless said otherwise.
 */
export interface Tolerances {
  /** Machine epsilon of float64 (2^-52); used as the unit round-off u, twice the true 2^-53, so every
   * Higham constant built from it over-estimates by a factor 2. */
  readonly eps: number;
  /** In float64 `max |X_ij - conj(X_ji)| > hermiticity * max(1, max |X_ij|)` makes X non-Hermitian (numeric/hermitian.ts). */
  readonly hermiticity: number;
  /**
   * The Hermiticity tolerance of Decimal arithmetic with p working digits, in units of 10^-p:
   * `max |X - X^+| > decimalHermiticityUnits * 10^-p * max(1, max |X_ij|)` makes X non-Hermitian
   * (numeric/hermitian.ts hermiticityTolerance).
   */
  readonly decimalHermiticityUnits: number;
  /** Safety factor applied to first-order round-off estimates (error = factor * eps * n * scale). */
  readonly roundoffFactor: number;
  /**
   * A splitting of two levels larger than their error bound but within this factor of it is
   * reported in `inexact`: the levels are resolved, but their eigenvectors are barely determined.
   */
  readonly nearSplitFactor: number;
  /**
   * Two levels merged although their gap is above this fraction of their error bound are a weak
   * merge (numeric/eigenspaces groupByError `weakMerges`): equal within the error, but with little
   * evidence of a degeneracy, so the Davies generator of distinct levels (their coherences dropped)
   * is as admissible as the merged one, and the report says so.
   */
  readonly weakMergeFraction: number;
  /**
   * Roundings in each float64 coefficient of a product term (evaluation of its scalar expression,
   * products and collected sums): a coefficient is within `inputRoundings * eps` (relative) of the
   * model's exact (decimal) value. Literals round once, params and L-arithmetic a few times; the
   * model files and random models use at most a handful of operations per coefficient.
   */
  readonly inputRoundings: number;
  /**
   * Roundings in one evaluation of a bath spectrum gamma(w) at a float64 w: flat is exp, a
   * division and a product (<= 3, exp within 1 ulp); ohmic adds expm1, a second exp and three
   * products/divisions (<= 8); custom spectra are assumed to stay within this budget.
   */
  readonly spectrumRoundings: number;
}

/** The defaults used by every computation unless a caller passes its own. */
export const defaultTolerances: Tolerances = Object.freeze({
  eps: 2.220446049250313e-16,
  hermiticity: 1e-10,
  decimalHermiticityUnits: 100,
  roundoffFactor: 16,
  nearSplitFactor: 1e3,
  weakMergeFraction: 0.1,
  inputRoundings: 8,
  spectrumRoundings: 16,
});

/**
 * Higham's gamma_n = n u / (1 - n u): |fl(sum of n terms) - sum| <= gamma_{n-1} sum |terms|, and a
 * product of n roundings (1 + d_i), |d_i| <= u, lies within gamma_n of 1 (Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., Lemma 3.1). Infinity when n u >= 1/2 (no bound).
 *
 * @example
 * gammaN(2) // ~ 4.44e-16
 */
export function gammaN(n: number, u = defaultTolerances.eps): number {
  const x = Math.max(0, n) * u;
  return x >= 0.5 ? Infinity : x / (1 - x);
}
