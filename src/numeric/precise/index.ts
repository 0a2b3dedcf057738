/**
 * High-precision (decimal.js) dense complex Hermitian linear algebra: working precisions, Decimal
 * complex numbers and matrices, and an eigensolver that refines the float64 one to any number of
 * digits. decimal.js stays private to the numeric layer; every precision has its own constructor.
 */
export {
  Decimal, precision, decimalContext, type Precision, dc, dcAdd, dcSub, dcMul, dcConj, dcAbs2, dcScale, dcIsZero,
} from './context.js';
export {
  type DMatrix,
  dZeros,
  dIdentity,
  dFromFloat64,
  dToFloat64,
  dMul,
  dAdjointMul,
  dAdjoint,
  dHermitianResidual,
  dMaxAbs,
  dSandwich,
} from './dense.js';
export { eighPrecise, PrecisionError, type PreciseEigh } from './eigh.js';
export {
  type Cx, type PreciseSpaces, type PreciseState, type PreciseOperatorColumns, type PairArithmetic, accumulatePairsIn,
  type SpacesOver, type StateOver, type ColumnsOver, accumulatePairs,
} from './kernel.js';
