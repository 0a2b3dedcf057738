/**
 * Tolerances of the dense linear-algebra kernels, in one place (mathjs `config`, QuTiP
 * `CoreOptions`). Every kernel takes `opts.tolerances` as a partial override of
 * {@link linalgTolerances}; no kernel hard-codes a tolerance of its own.
 */

/** The tolerances used by `src/numeric/linalg`. All are relative unless stated otherwise. */
export interface LinalgTolerances {
  /** Unit round-off of float64 (2^-52): deflation test of the QL iteration and pivot floors. */
  readonly roundOff: number;
  /** Largest accepted max|A - A^H| / max|A| before a matrix is declared not Hermitian. */
  readonly hermiticity: number;
  /** Null-space rank decision: a pivot |R_kk| <= rank * |R_00| counts as zero. */
  readonly rank: number;
  /** Lanczos stops when both Ritz residual bounds are <= lanczos * max|theta|. */
  readonly lanczos: number;
  /** A Lanczos coefficient beta <= invariantSubspace * max|theta| signals an invariant subspace. */
  readonly invariantSubspace: number;
  /** QL iteration budget per eigenvalue: the whole solve may use this many times n sweeps. */
  readonly qlSweepsPerEigenvalue: number;
  /**
   * Divide-and-conquer deflation: in a merge of D + rho z z^T, a pair is taken as converged when
   * its coupling is below deflation * max(max|D|, max|z|) (LAPACK dlaed2's 8 eps).
   */
  readonly deflation: number;
  /** Rational-iteration steps per root of the secular equation before pure bisection takes over. */
  readonly secularIterations: number;
}

/**
 * The default tolerances.
 *
 * @example
 * eighHermitian(n, re, im, { tolerances: { hermiticity: 1e-9 } }) // loosen one field only
 */
export const linalgTolerances: LinalgTolerances = Object.freeze({
  roundOff: 2 ** -52,
  hermiticity: 1e-12,
  rank: 1e-10,
  lanczos: 1e-10,
  invariantSubspace: 1e-12,
  qlSweepsPerEigenvalue: 30,
  deflation: 8 * 2 ** -52,
  secularIterations: 30,
});

/** Option field shared by the kernels: a partial override of {@link linalgTolerances}. */
export interface WithTolerances {
  readonly tolerances?: Partial<LinalgTolerances>;
}

/** Merges a partial override onto {@link linalgTolerances}. */
export function resolveTolerances(override?: Partial<LinalgTolerances>): LinalgTolerances {
  return override === undefined ? linalgTolerances : { ...linalgTolerances, ...override };
}
