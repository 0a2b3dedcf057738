/**
 * The engine: model families evaluated at L and computed by the dense, diagonal or symmetric
 * method. Composes lang and numeric.
 */
export { computeCurrent, NoMethodError, type CurrentResult, type MethodChoice } from './current.js';
export { MethodNotApplicable, type MethodName } from './outcome.js';
export {
  computeScaling, numericExponent, TheoremRefutedError, type ScalingResult, type ScalingExpression,
  type FormStatus, type QuantityForm, type AssumptionData, type AtomData, type Quantity,
} from './scaling.js';
export {
  computePrecise, preciseSystem, buildPreciseSystem, evaluateSystem, PreciseNotApplicable,
  boundNames, type PreciseResult, type PreciseVerdict, type PreciseSystem, type Bounded,
  dissipatorTerms, dissipatorCurrent, pinchState, preciseSymmetricSystem, preciseHypotheses,
  type HypothesisCheck, type HypothesisChecks,
} from './precise/index.js';
export { qutipScript } from './export/index.js';
