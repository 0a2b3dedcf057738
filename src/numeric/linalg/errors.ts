/**
 * Typed numerical failures of the linear-algebra kernels. Each carries the numbers a caller needs
 * to report or recover, never just a message.
 */

/**
 * An iteration (QL sweeps, Lanczos) used up its budget before meeting its convergence test.
 *
 * @example
 * try { eighReal(n, a) } catch (e) { if (e instanceof NoConvergenceError) log(e.iterations) }
 */
export class NoConvergenceError extends Error {
  /** Iterations (sweeps or matrix-vector products) spent. */
  readonly iterations: number;
  /** Optional best estimates at the point of failure, for callers that can use partial results. */
  readonly partial: Readonly<Record<string, number>> | undefined;
  constructor(what: string, iterations: number, partial?: Record<string, number>) {
    super(`${what}: no convergence after ${iterations} iterations`);
    this.name = 'NoConvergenceError';
    this.iterations = iterations;
    this.partial = partial === undefined ? undefined : Object.freeze({ ...partial });
  }
}

/**
 * A matrix that must be Hermitian (or real symmetric) is not, within the hermiticity tolerance.
 * `residual` is max|A - A^H| / max|A| (NaN if the matrix holds a non-finite entry).
 */
export class NotHermitianError extends Error {
  readonly residual: number;
  readonly tolerance: number;
  constructor(residual: number, tolerance: number) {
    super(`matrix is not Hermitian: max|A - A^H| / max|A| = ${residual} > ${tolerance}`);
    this.name = 'NotHermitianError';
    this.residual = residual;
    this.tolerance = tolerance;
  }
}

/** An array length does not match the stated dimension (a dimension check is a type check). */
export class DimensionError extends Error {
  readonly expected: number;
  readonly actual: number;
  constructor(what: string, expected: number, actual: number) {
    super(`${what}: expected length ${expected}, got ${actual}`);
    this.name = 'DimensionError';
    this.expected = expected;
    this.actual = actual;
  }
}

/** Throws {@link DimensionError} unless `array.length === expected`. */
export function requireLength(what: string, array: ArrayLike<number>, expected: number): void {
  if (array.length !== expected) throw new DimensionError(what, expected, array.length);
}

/** Throws RangeError unless `n` is a non-negative integer. */
export function requireDimension(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`dimension must be a non-negative integer, got ${n}`);
}
