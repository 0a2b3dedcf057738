/**
 * The symbolic layer: exact rationals and polynomials, closed forms in L, the derivation of J(L)
 * and the bound terms from a model's structure, interpolation, proofs with certificates, and the
 * computer-algebra wrapper (nerdamer, algebrite) for display. Above lang and numeric.
 */
export { Q } from './rational.js';
export { Poly, type Term } from './poly.js';
export { ClosedForm, branchAt, mapParity, zipParity, type Base, type ExpTerm, type ParityForm } from './closed.js';
export { deriveFamily, NotDerivable, type DerivedFamily, type DerivedQuantity } from './derive.js';
export { deriveSiteFamily } from './derive-sites.js';
export { SignChange, Decider } from './decide.js';
export { type ClaimContext } from './claims.js';
export { addAssumption, assumptionText, relationHolds, type DerivationAssumption, type Relation } from './assumptions.js';
export { fitPolynomial, fitPolynomialTimesExponential, interpolate, logLogExponent, rationalize, type PolynomialFit, type PolyExpFit } from './fit.js';
export { proveClaim, type ProofEntry, type ProofPiece } from './claims.js';
export { simplify, factor, toTex, equivalent, checkEquivalent, leadingTerm, evaluate as evaluateText, type EquivalenceCheck, type LeadingTerm } from './cas/index.js';
export * as proof from './proof/index.js';
export { prettyForm, prettyPoly } from './pretty.js';
