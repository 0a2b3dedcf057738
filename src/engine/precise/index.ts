/**
 * The high-precision (decimal.js) engine.
 */
export {
  computePrecise, preciseSystem, buildPreciseSystem, evaluateSystem, PreciseNotApplicable, boundNames, defaultDigits,
  maxPreciseDiagonalL, maxPreciseBlock,
  type PreciseResult, type PreciseChannel, type PreciseOptions, type PreciseVerdict, type PreciseSystem,
  type PreciseSystemChannel, type Bounded, type BoundName, type PreciseMethod,
} from './current.js';
export { dissipatorTerms, dissipatorCurrent, pinchState, type DissipatorTerms } from './dissipator.js';
export { preciseSymmetricSystem, preciseSectorBudget } from './symmetric.js';
export { preciseSteadyState, maxPreciseSteadyUnknowns, type PreciseSteadyResult, type PreciseSteadyOptions } from './steady.js';
export { preciseHypotheses, hypothesisWord, type HypothesisCheck, type HypothesisChecks, type HypothesisCheckVerdict } from './hypotheses.js';
// For the float64 methods (engine/methods): exact re-checks in decimal.js.
export { evalOperatorPrecise, evalSitesPrecise } from './operators.js';
export { evalCollectivePrecise } from './collective.js';
export { preciseScope, channelScope } from './basis.js';
