/**
 * The two limits and their scaling corollaries as machine-checked proof scripts (physics.md §2-3):
 * theorems as data (hypotheses, conclusion, named steps with their rules), the checker that runs
 * every step's check with its evidence, and the replay of the steps on one model.
 */
export * from './theorem.js';
export * from './theorems.js';
export * from './quantities.js';
export * from './check.js';
export * from './instantiate.js';
export * from './symbolic-matrices.js';
