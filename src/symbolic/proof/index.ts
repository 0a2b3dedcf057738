/**
 * Proofs that polynomial claims such as B(L) - |J(L)| >= 0 hold at every integer L >= L0, with
 * certificates that small, separate checkers re-verify from the polynomial alone.
 */
export { proveNonNegative } from './prove.js';
export { checkCertificate } from './check.js';
export { proveNonNegativeSymbolic } from './symbolic.js';
export { checkSymbolicCertificate } from './check-symbolic.js';
export { smt2Query, type Constraint } from './smt2.js';
export { type Smt2Solver } from './z3.js';
export type * from './types.js';
export { integerSignRanges } from './signs.js';
