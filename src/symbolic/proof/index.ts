/**
 * Proofs that polynomial claims such as B(L) - |J(L)| >= 0 hold at every integer L >= L0, with
 * certificates that small, separate checkers re-verify from the polynomial alone.
 */
export { proveNonNegative } from './prove.js';
export { checkCertificate } from './check.js';
export { proveNonNegativeSymbolic, type SymbolicOptions } from './symbolic.js';
export { checkSymbolicCertificate, type SymbolicCheckOptions } from './check-symbolic.js';
export { smt2Query, type Smt2Domain, type Constraint, type QueryExtras } from './smt2.js';
export { releaseZ3, z3Solve, z3Started, type ModelValue, type Smt2Answer, type Smt2Solver } from './z3.js';
export { defaultProofOptions, defaultSymbolicProofOptions, type ProofOptions, type SymbolicProofOptions } from './options.js';
export type * from './types.js';
export { integerSignRanges, constantSign, type SignRange } from './signs.js';
