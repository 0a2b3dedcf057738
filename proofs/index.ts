/**
 * The two limits and their scaling corollaries as proof scripts (physics.md §2-3): theorems as
 * data (hypotheses, conclusion, named steps with their rules), the checker that runs every step's
 * check and says what its verdict rests on (`Basis`: identity-checked, tested, failed, error; a
 * random-instance test is never a proof), and the replay of the steps on one model.
 */
export * from './theorem.js';
export * from './theorems.js';
export * from './quantities.js';
export * from './check.js';
export * from './instantiate.js';
export * from './symbolic-matrices.js';
export * from './coq-manifest.js';
