/**
 * The high-precision (decimal.js) engine.
 */
export {
  computePrecise, preciseSystem, buildPreciseSystem, evaluateSystem, PreciseNotApplicable,
  boundNames, type PreciseResult, type PreciseVerdict, type PreciseSystem, type Bounded,
} from './current.js';
export { dissipatorTerms, dissipatorCurrent, pinchState } from './dissipator.js';
export { preciseSymmetricSystem } from './symmetric.js';
export { preciseHypotheses, type HypothesisCheck, type HypothesisChecks } from './hypotheses.js';
// For the float64 methods (engine/methods): exact re-checks in decimal.js.
export { evalOperatorPrecise } from './operators.js';
export { evalCollectivePrecise } from './collective.js';
export { preciseScope, channelScope } from './basis.js';
