/**
 * Dense linear-algebra kernels of the numeric layer: Hermitian eigen-decompositions, extreme
 * eigenvalues of large Hermitian operators (Lanczos) and of banded Hermitian matrices (inertia
 * bisection), null spaces of square complex matrices, and a blocked real matrix product (GEMM).
 * Matrices are row-major Float64Arrays; a complex matrix is a pair (re, im). Everything not
 * exported here is internal.
 */
export { linalgTolerances } from './tolerances.js';
export { NoConvergenceError, NotHermitianError, DimensionError } from './errors.js';
export { checkHermitian } from './hermiticity.js';
export { eighReal } from './eighReal.js';
export { eighHermitian } from './eighHermitian.js';
export { hermitianExtremes } from './hermitianExtremes.js';
export { bandedHermitianExtremes } from './bandedHermitianExtremes.js';
export type { HermitianBands } from './hermitianBands.js';
export { nullSpace, type NullSpaceResult } from './nullSpace.js';
export { mulberry32 } from './prng.js';
export { gemm } from './gemm.js';
export { configureLinalgThreads, maxLinalgThreads } from './helperThreads.js';
export { sharedFloat64Array } from './sharedFloat64Array.js';
export { matrixView, type MatrixView } from './matrixView.js';
