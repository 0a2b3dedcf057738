import { linalgThreading } from './helperThreads.js';

/** Arrays shorter than this are never worth sharing: products over them stay on one thread. */
const MIN_SHARED = 1 << 14;

/**
 * A zeroed Float64Array of `length`, in a SharedArrayBuffer when products over it may be split
 * across threads (so {@link gemm} hands it to helper threads without copying), else an ordinary
 * one (also when shorter than `minLength`). Indistinguishable from `new Float64Array(length)`
 * apart from its `buffer`.
 *
 * @example
 * const z = sharedFloat64Array(n * n) // eigenvector matrix that GEMMs will read and write
 */
export function sharedFloat64Array(length: number, minLength = MIN_SHARED): Float64Array {
  if (linalgThreading().threads < 2 || length < minLength) return new Float64Array(length);
  return new Float64Array(new SharedArrayBuffer(8 * length));
}
