/**
 * The public surface of `src/lang`: the AST, input errors, the model spec, and the functions that
 * parse, print, check and load model files. Nothing outside `src/lang` imports its internals.
 */
export type {
  BinaryNode, BinaryOp, BinderNode, CallNode, Expr, NameNode, NumNode, SiteNode, SiteOpName, Span, StrNode, UnaryNode,
} from './ast.js';
export { InputError, formatInputError, type InputErrorCode, type InputErrorData } from './errors.js';
export type { BathSpec, ChannelSpec, LocatedExpr, ModelSpec, ParamSpec, SpectrumKind } from './model.js';

export { commandLineOrigin, type ExprOrigin, type SourcePos } from './origin.js';
export { parseExpr, MAX_EXPR_DEPTH } from './parse-expr.js';
export { printExpr } from './print-expr.js';
export { withoutSpans, type SpanFree } from './without-spans.js';
export { BINARY_OPS, UNARY_PRECEDENCE, type BinaryOpInfo } from './operators.js';
export {
  SITE_OPS, OPERATOR_NAMES, SCALAR_CONSTANTS, UNARY_FUNCTIONS, VARIADIC_FUNCTIONS, STATE_KEYWORDS, STATE_FUNCTIONS,
  isReservedName,
} from './names.js';
export type { CheckResult, Scope, Sort } from './scope.js';
export { checkOperator, checkScalar, checkState, assertChecked, type OperatorCheckOptions } from './check.js';
export { parseStateText } from './state-text.js';
export { loadModelText, loadModelFile, MODEL_KEYS, type ModelFormat } from './load-model.js';
export { applyParamOverrides } from './param-overrides.js';
export { errorAt, type Origin } from './located.js';
export { evalScalar, evalReal, evalInteger, binderRange, mul as complexMul, type Complex, type Scope as ValueScope } from './evaluate.js';
export { containsOperator, hasIndexedCoefficients } from './queries.js';
export {
  evalScalarPrecise, evalRealPrecise, evalIntegerPrecise, preciseBinderRange, preciseMul,
  type PreciseComplex, type PreciseScope, type DecimalCtor,
} from './evaluate-precise.js';
