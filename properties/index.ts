/**
 * heatbound's property-based testing kit, public API: fast-check arbitraries of random models
 * (each a model file), engines as functions, and the limits as properties.
 */
export {
  type ModelClass, type ModelSample, modelArbitrary, modelFileText, localTermArbitrary,
  hamiltonianArbitrary, couplingArbitrary, bathArbitrary, stateArbitrary,
} from './arbitraries.js';
export {
  type Bounded, type EngineReport, type Engine, instanceOf, reportOfCurrent, reportOfPrecise,
  float64Engine, preciseEngine, autoEngine,
} from './engine.js';
export {
  PropertyViolation, checkBoundChain, checkCubicLimit, checkBandLimit, checkTailBound,
  checkPinchingIdentity, checkPinchedState, checkEnginesAgree, checkSecondLaw, property,
  describeFailure,
} from './properties.js';
export { twoBathArbitrary } from './two-bath.js';
export { type CampaignClass, campaignClasses, type CampaignSummary, runCampaign } from './campaign.js';
export {
  checkClaimParams, parseClaim, claimScope, type Counterexample, type FamilyJudgement,
  familyScaling, judgeFamily, searchClaim,
} from './claims.js';
export { type FamilyForms, NotExact, decideClaimExactly } from './claims-exact.js';
export { type FamilyClasses, familyClasses } from './claims-classes.js';
export { checkClaimNames } from './claims-names.js';
