/**
 * Dense linear-algebra kernels of the numeric layer: Hermitian eigen-decompositions, extreme
 * eigenvalues of large Hermitian operators (Lanczos) and of banded Hermitian matrices (inertia
 * bisection), null spaces of square complex matrices, and a blocked real matrix product (GEMM).
 * Matrices are row-major Float64Arrays; a complex matrix is a pair (re, im). Everything not
 * exported here is internal.
 */
export { linalgTolerances, type LinalgTolerances, type WithTolerances } from './tolerances.js';
export { NoConvergenceError, NotHermitianError, DimensionError } from './errors.js';
export { checkHermitian, assertHermitian, type HermiticityCheck } from './hermiticity.js';
export { eighReal, type EighOptions, type EighRealResult, type EighRealVectors } from './eighReal.js';
export { eighHermitian, type EighHermitianResult, type EighHermitianVectors } from './eighHermitian.js';
export {
  hermitianExtremes,
  lanczosDefaults,
  type ComplexMatVec,
  type LanczosOptions,
  type LanczosExtremes,
} from './hermitianExtremes.js';
export { bandedHermitianExtremes, type BandedExtremes } from './bandedHermitianExtremes.js';
export type { HermitianBands } from './hermitianBands.js';
export { nullSpace, type NullSpaceOptions, type NullSpaceResult, type ComplexVector } from './nullSpace.js';
export { mulberry32 } from './prng.js';
export { gemm, type GemmOptions } from './gemm.js';
export { configureLinalgThreads, type LinalgThreading } from './helperThreads.js';
export { sharedFloat64Array } from './sharedFloat64Array.js';
export { matrixView, type MatrixView } from './matrixView.js';
