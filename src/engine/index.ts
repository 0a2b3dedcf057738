/**
 * The engine: model families evaluated at L and computed by the dense, diagonal, symmetric or product
 * method. Composes lang and numeric.
 */
export { computeCurrent, NoMethodError, type CurrentResult, type ChannelResult, type NamedCurrent, type CurrentOptions, type MethodChoice, type Verdict } from './current.js';
export { modeCutoffs, maxDoubledCutoff, autoCheckDimension, type TruncationReport, type TruncationComputed, type TruncationNotComputed, type ModeCutoff, type CutoffChange } from './truncation.js';
export { holdsOf, type UpperEnds, type VerdictWord } from './result.js';
export { MethodNotApplicable, type MethodName } from './outcome.js';
export { maxManySiteTermsOfH } from './methods/index.js';
export { instantiate, type Instance } from './family.js';
export { evalOperator } from './operators.js';
export { NonFiniteError, type NonFinitePlace } from './non-finite.js';
export type { ProgressEvent, ProgressCallback, LProgress, PartProgress } from './progress.js';
// Scalar evaluation (symbolic/evaluate), re-exported for the package's entry point.
export {
  evalScalar, evalReal, evalInteger, binderRange, complexMul, type Complex, type ValueScope,
  evalScalarPrecise, evalRealPrecise, evalIntegerPrecise, preciseBinderRange, preciseMul,
  type PreciseComplex, type PreciseScope, type DecimalCtor,
} from '../symbolic/index.js';
export { evalState, stateText, type StateSpec } from './states.js';
export {
  computeScaling, numericExponent, numericText, formatLs, TheoremRefutedError, confirmLs, type ScalingResult, type ScalingExpression, type ScalingOptions,
  type FormStatus, type FormPiece, type QuantityForm, type AssumptionData, type AtomData, type Quantity, type TermName, type BoundName,
} from './scaling.js';
export {
  computePrecise, preciseSystem, buildPreciseSystem, evaluateSystem, PreciseNotApplicable, boundNames, defaultDigits,
  maxPreciseDiagonalL, maxPreciseBlock, type PreciseResult, type PreciseChannel, type PreciseOptions, type PreciseVerdict,
  type PreciseSystem, type PreciseSystemChannel, type Bounded, type PreciseMethod,
  dissipatorTerms, dissipatorCurrent, pinchState, type DissipatorTerms, preciseSymmetricSystem, preciseSectorBudget,
  preciseSteadyState, maxPreciseSteadyUnknowns, type PreciseSteadyResult, type PreciseSteadyOptions,
  preciseHypotheses, hypothesisWord, type HypothesisCheck, type HypothesisChecks, type HypothesisCheckVerdict,
} from './precise/index.js';
export { qutipScript, type QutipScriptOptions } from './export/index.js';
