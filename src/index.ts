/**
 * heatbound as a library: the model language, the engines (float64 and decimal.js), scaling in L.
 * The property-testing kit is `heatbound/properties`.
 */
export {
  type BinaryOp, type Expr, type SiteOpName, type Span, InputError, formatInputError,
  type InputErrorData, type BathSpec, type LocatedExpr, type ModelSpec, commandLineOrigin,
  type ExprOrigin, parseExpr, printExpr, withoutSpans, type CheckResult, type Scope, checkOperator,
  checkScalar, checkState, assertChecked, parseStateText, loadModelText, loadModelFile,
  applyParamOverrides, errorAt, type Origin, evalScalar, evalReal, evalInteger, binderRange,
  complexMul, type Complex, type ValueScope, containsOperator, hasIndexedCoefficients,
  evalScalarPrecise, evalRealPrecise, evalIntegerPrecise, preciseBinderRange, preciseMul,
  type PreciseComplex, type PreciseScope, type DecimalCtor,
} from './lang/index.js';
export {
  computeCurrent, NoMethodError, type CurrentResult, type MethodChoice, MethodNotApplicable,
  type MethodName, computeScaling, numericExponent, TheoremRefutedError, type ScalingResult,
  type ScalingExpression, type FormStatus, type QuantityForm, type AssumptionData, type AtomData,
  type Quantity, qutipScript, computePrecise, preciseSystem, buildPreciseSystem, evaluateSystem,
  PreciseNotApplicable, boundNames, type PreciseResult, type PreciseVerdict, type PreciseSystem,
  type Bounded, dissipatorTerms, dissipatorCurrent, pinchState, preciseSymmetricSystem,
  preciseHypotheses, type HypothesisCheck, type HypothesisChecks,
} from './engine/index.js';
