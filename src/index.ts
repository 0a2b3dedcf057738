/**
 * heatbound as a library: the model language, the engines (float64 and decimal.js), scaling in L.
 * The property-testing kit is `heatbound/properties`.
 */
export {
  type BinaryOp, type Expr, type SiteOpName, type Span, InputError, formatInputError,
  type InputErrorData, type BathSpec, type LocatedExpr, type ModelSpec, commandLineOrigin,
  type ExprOrigin, parseExpr, printExpr, withoutSpans, type CheckResult, type Scope, checkOperator,
  checkScalar, checkState, assertChecked, parseStateText, loadModelText, loadModelFile,
  builtinModelNames, loadBuiltinModel,
  applyParamOverrides, errorAt, type Origin, containsOperator, hasIndexedCoefficients,
} from './lang/index.js';
export {
  evalScalar, evalReal, evalInteger, binderRange, complexMul, type Complex, type ValueScope,
  evalScalarPrecise, evalRealPrecise, evalIntegerPrecise, preciseBinderRange, preciseMul,
  type PreciseComplex, type PreciseScope, type DecimalCtor,
  computeCurrent, NoMethodError, NonFiniteError, type CurrentResult, type ChannelResult, type NamedCurrent, type CurrentOptions,
  type ProgressEvent, type ProgressCallback, type LProgress, type PartProgress,
  type MethodChoice, type Verdict, holdsOf, type UpperEnds, type VerdictWord, MethodNotApplicable, type MethodName, instantiate,
  type Instance, evalOperator, evalState, stateText, type StateSpec, computeScaling,
  numericExponent, TheoremRefutedError, confirmLs, type ScalingResult, type ScalingExpression,
  type ScalingOptions, type FormStatus, type FormPiece, type QuantityForm, type AssumptionData,
  type AtomData, type Quantity, type TermName, type BoundName, computePrecise, preciseSystem,
  buildPreciseSystem, evaluateSystem, PreciseNotApplicable, boundNames, defaultDigits,
  maxPreciseDiagonalL, maxPreciseBlock, type PreciseResult, type PreciseChannel,
  type PreciseOptions, type PreciseVerdict, type PreciseSystem, type PreciseSystemChannel,
  type Bounded, type PreciseMethod, dissipatorTerms, dissipatorCurrent, pinchState,
  type DissipatorTerms, preciseSymmetricSystem, preciseSectorBudget, preciseSteadyState,
  maxPreciseSteadyUnknowns, type PreciseSteadyResult, type PreciseSteadyOptions, preciseHypotheses,
  type HypothesisCheck, type HypothesisChecks, type HypothesisCheckVerdict, qutipScript,
  type QutipScriptOptions,
} from './engine/index.js';
