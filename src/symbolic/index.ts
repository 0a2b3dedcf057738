/**
 * The symbolic layer: exact rationals and polynomials, closed forms in L, the derivation of J(L)
 * and the bound terms from a model's structure, interpolation, proofs with certificates, and the
 * computer-algebra wrapper (nerdamer, algebrite) for display. Above lang and numeric.
 */
export {
  evalScalarIn, evalRealIn, evalIntegerIn, binderRangeIn, operatorExponent, type FieldScope,
  evalScalar, evalReal, evalInteger, binderRange, complexMul, type Complex, type ValueScope,
  evalScalarPrecise, evalRealPrecise, evalIntegerPrecise, preciseBinderRange, preciseMul,
  type PreciseComplex, type PreciseScope, type DecimalCtor,
} from './evaluate.js';
export { evalOperatorIn, collectiveFromSites, complexRing, type OperatorAlgebra, type CollectiveName } from './evaluate-operator.js';
export { siteLayout, isQubitLayout, layoutText, type SiteLayout } from './site-layout.js';
export { Q } from './rational.js';
export { Poly, type Term } from './poly.js';
export { ClosedForm, branchAt, type ParityForm } from './closed.js';
export { deriveFamily, NotDerivable, type DerivedFamily, type DerivedQuantity } from './derive.js';
export { deriveSiteFamily } from './derive-sites.js';
export { SignChange } from './decide.js';
export { relationHolds } from './assumptions.js';
export { fitPolynomial, fitPolynomialTimesExponential, logLogExponent } from './fit.js';
export { proveClaim, type ProofEntry } from './claims.js';
export {
  simplify, factor, toTex, equivalent, checkEquivalent, leadingTerm, evaluate as evaluateText,
} from './cas/index.js';
export * as proof from './proof/index.js';
export { prettyForm, prettyPoly } from './pretty.js';
export {
  siteSumLinear, uniformLocal, walkCollectiveOperator, walkLocal,
  type CoefficientRing, type CollectiveHooks, type SpinName, type LocalForm, type LocalHooks, type SectorAlgebra,
} from './collective-walk.js';
