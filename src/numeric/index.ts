/**
 * The numeric layer: Hilbert spaces of L qubits, operators (product-term sums, sparse, collective
 * sectors), eigen-structure, the Davies decomposition and the heat current. Knows nothing of the
 * model language.
 */
export { defaultTolerances, gammaN } from './tolerances.js';
export {
  type HermiticityEntries, type Hermiticity, hermiticityTolerance, hermiticity, sparseEntries, columnMapEntries, diagonalEntries,
  opSumEntries, opHermiticity,
} from './hermitian.js';
export { type Local, siteOperators, localMul, levelProjector, spinMatrices, bosonMatrices, bosonMatricesIn, localDim } from './local.js';
export {
  type SparseMatrix, sparseIdentity, sparseAdd, sparseMul, sparseAdjoint, sparseKron, maxRowAbsSum,
  maxAbsEntry, isDiagonal, diagonalOf, isReal,
} from './sparse.js';
export {
  type ProductTerm, type OpSum, opScalar, opSite, opAdd, opScale, opMul, opPow, opAdjoint,
  opIsDiagonal, opNormUpperBound, ColumnApplier, MixedColumnApplier, forEachTermImage, opToSparse, opDiagonal, productTermKey,
} from './opsum.js';
export {
  sectorJz, sectorJp, sectorJm, sectorSiteSum, sectorSitePower, coherentDickeAmplitudes,
  DickeSector, type OneSite, type DickeSpinName, maxGeneralPowerDimension,
} from './dicke.js';
export {
  type SpinSectorCount, type SpinMatrices, spinProjectionCounts, spinSectorCounts, spinMatricesIn, linearSpinPart, logBigInt,
} from './spin-sectors.js';
export {
  type SparseAlgebra, type EntrySink, type ColumnMatrix, columnAlgebra, decimalColumnAlgebra, float64Csr, columnIsDiagonal,
} from './sector-matrix.js';
export {
  type Spectrum, flatSpectrum, ohmicSpectrum, type SpectrumOver, type BathField, float64Bath, decimalBath,
  flatSpectrumIn, ohmicSpectrumIn, preciseFlat, preciseOhmic, oneMinusExpNeg,
} from './bath.js';
export {
  type Eigenspaces, bohrFrequencies, groupByError, refineEigenspaces, mergedUnequalNotes, nearSplitNotes, weakMergeNotes, weakMergeWidth, readingsWidth,
} from './eigenspaces.js';
export {
  type GroupingRule, type LevelGroups, groupLevels, groupSpread, closestNearSplit,
} from './grouping.js';
export { type SparsePattern, connectedComponents, connectedBlockEntries, graphComponents } from './blocks.js';
export { chargeChanges, chargeClassDimension } from './charge.js';
export { balancedLimbs, type ExactLevels, exactDiagonalLevels, groupExactLevels, exactSiteLevels, dyadicOf, type DiagonalSiteTerm } from './exact-levels.js';
export { type ColumnSource, SparseColumns, DenseColumns } from './columns.js';
export { type EigenbasisState, type ChannelHeat, channelHeat } from './davies.js';
export {
  type ChannelStatistics, type ChannelStatisticsOver, type SpacesOver, type StateOver, type ColumnsOver,
  type PreciseChannelHeat, channelStatistics, preciseChannelHeat,
} from './channel.js';
export { type HeatPerturbation, type ChannelErrors, heatErrors } from './heat-error.js';
export {
  type TailTable, channelTail, bohrTail, mergeTails, type TailPoint, tailProfile, thinProfile,
} from './tail.js';
export {
  type TailTableIn, type TailFrequencies, type TailProfileIn, FieldTailAccumulator,
  addBohrFrequencies, mergeTailsInto, tailProfileIn, thinTailPoints,
} from './tail-field.js';
export {
  type PreciseTailTable, preciseChannelTail, preciseBohrTail, mergePreciseTails, type PreciseTailPoint, preciseTailProfile,
} from './tail-precise.js';
export { type OverallTerms, type Bounds, type ChannelTerms, assembleBounds } from './bounds.js';
export { type BoundArithmetic, type AssembledBounds, assembleBoundsIn, float64Bounds, boundedBounds } from './bounds.js';
export { type BoundDecision, boundVerdicts } from './bound-verdicts.js';
export { normOf, sparseExtremes } from './extremes.js';
export { opExtremes } from './opextremes.js';
export { groupExtremes, siteGroups, type SiteGroup, type SiteTerm, type EigenRange, type GroupExtremesOptions } from './site-groups.js';
export { gaussian, mulberry32 } from './random.js';
export { NoConvergenceError, NotHermitianError, eighHermitian, eighReal, maxLinalgThreads } from './linalg/index.js';
export { SteadyStateError, steadyState, closedCommunicatingClasses } from './steady.js';
export {
  type EigenSystem, eigenSystem, eigenbasisOperatorError, eigenbasisVectorError,
  vectorToEigenbasis, operatorToEigenbasis, type OperatorBlocks, operatorBlocks, BlockColumns, type RoundedZeros, roundedZeros,
} from './eigensystem.js';
export { fitExponent } from './fit.js';
export {
  type Decimal, precision, decimalContext, type Precision, type DMatrix, dZeros, dMul, dAdjointMul, eighPrecise, type Cx,
  type PreciseSpaces, type PreciseState, type PreciseOperatorColumns,
} from './precise/index.js';
export { type Field, float64Field, decimalField } from './field.js';
export { hermitian2x2Eigenvalues, hermitian2x2Norm } from './hermitian2x2.js';
export { type ElementaryField, float64Elementary, decimalElementary } from './elementary.js';
export { type Complex, complexAdd, complexMul, complexConj, complexAbs2 } from './field.js';
export { type Bounded, bounded, boundedAdd, boundedSub, boundedMul, boundedDiv, boundedSqrt } from './field.js';
export { type Verdict, decide, verdict } from './field.js';
export {
  type TermFactors, type TermSum, type TermCoefficients, type TermSums, type Addition, type RunningSum, productTermSums, termsAreDiagonal,
  maxProductTerms, TermLimitError,
} from './normal-form.js';
export { float64TermCoefficients, dimensionOf } from './opsum.js';
export {
  commutingGenerators, connectedSectors, generatorSignsIn, operatorCharacter, sectorBasis, siteGeneratorSignsIn, sectorDimensions, sectorVectorError, toSectorBasis, vectorToSectorBasis,
  type FieldTerm, type SectorBasis, type SectorMatrix, type SymmetryGenerator,
} from './symmetry.js';
