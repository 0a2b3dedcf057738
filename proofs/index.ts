/**
 * The two limits and their scaling corollaries as proof scripts (physics.md §2-3): theorems as
 * data (hypotheses, conclusion, named steps with their rules), the checker that runs every step's
 * check and says what its verdict rests on (`Basis`: identity-checked, tested, failed, error; a
 * random-instance test is never a proof), and the replay of the steps on one model.
 */
export { type Hypothesis, type Basis, weakestBasis, type Theorem } from './theorem.js';
export { bound1, bound2, scalingL3, theorems } from './theorems.js';
export { type Quantities } from './quantities.js';
export { type TheoremReport, checkTheorem, checkTheorems } from './check.js';
export { type Instantiation, instantiate, decideGrowth } from './instantiate.js';
export { symbolicCommutator, symbolicPinching } from './symbolic-matrices.js';
export {
  type CoqReport, stripCoqComments, forbiddenIn, declares, coqcAvailable, coqReport,
} from './coq-manifest.js';
