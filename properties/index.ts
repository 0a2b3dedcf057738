/**
 * heatbound's property-based testing kit, public API (`heatbound/properties`): fast-check
 * arbitraries of random models (each a model file), engines as functions, the limits as
 * properties, verification campaigns and claims. Exactly the names README.md documents in its
 * properties section (test/architecture.test.ts holds it to that); helpers used only by heatbound's
 * own tests are imported from their modules.
 */
export {
  type ModelClass, type ModelSample, modelArbitrary, modelFileText, localTermArbitrary,
  hamiltonianArbitrary, couplingArbitrary, bathArbitrary, stateArbitrary,
} from './arbitraries.js';
export {
  type Bounded, type EngineReport, type Engine, instanceOf, float64Engine, preciseEngine, autoEngine,
} from './engine.js';
export {
  PropertyViolation, checkBoundChain, checkCubicLimit, checkBandLimit, checkTailBound,
  checkPinchingIdentity, checkPinchedState, checkEnginesAgree, checkSecondLaw, property,
  describeFailure,
} from './properties.js';
export { twoBathArbitrary } from './two-bath.js';
export {
  type CampaignClass, campaignClasses, type CampaignSummary, runCampaign, runSeed,
  type CampaignEngine, type CampaignShard,
} from './campaign.js';
export { type MergedCampaign, mergeCampaignFiles } from './campaign-merge.js';
export { runCampaignInWorkers } from './campaign-workers.js';
export {
  checkClaimChannels, checkClaimParams, parseClaim, type Counterexample, type FamilyJudgement, familyScaling,
  judgeFamily, searchClaim,
} from './claims.js';
export { type FamilyClasses, familyClasses } from './claims-classes.js';
export { checkClaimNames } from './claims-names.js';
