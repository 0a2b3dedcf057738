/**
 * The limits of the provers, in one place (no literals scattered in the code).
 */

/** Limits of `proveNonNegative` (and of the checkers, which refuse larger certificates). */
export interface ProofOptions {
  /** Most integers evaluated one by one before switching to Sturm root isolation. */
  readonly maxFiniteChecks: number;
  /** Most bisection steps of the Sturm root isolation before answering 'unknown'. */
  readonly maxIsolationSteps: number;
}

/** Limits of `proveNonNegativeSymbolic`. */
export interface SymbolicProofOptions extends ProofOptions {
  /** Z3's time limit per query, in milliseconds. */
  readonly z3TimeoutMs: number;
  /** Random param points (besides the sample) at which the univariate prover cross-checks. */
  readonly randomSamples: number;
  /** Seed of those random points, so results are reproducible. */
  readonly seed: number;
}

export const defaultProofOptions: ProofOptions = {
  maxFiniteChecks: 100_000,
  maxIsolationSteps: 20_000,
};

export const defaultSymbolicProofOptions: SymbolicProofOptions = {
  ...defaultProofOptions,
  z3TimeoutMs: 10_000,
  randomSamples: 3,
  seed: 20_240_601,
};
