/**
 * The public surface of `src/lang`: the AST, input errors, the model spec, and the functions that
 * parse, print, check and load model files. Nothing outside `src/lang` imports its internals.
 */
export { type BinaryOp, type Expr, type QubitOpName, type SiteOpName, type Span } from './ast.js';
export { InputError, formatInputError, type InputErrorData } from './errors.js';
export { type BathSpec, type LocatedExpr, type ModelSpec, type SpeciesSpec } from './model.js';
export { commandLineOrigin, type ExprOrigin } from './origin.js';
export { parseExpr } from './parse-expr.js';
export { printExpr } from './print-expr.js';
export { withoutSpans } from './without-spans.js';
export { type CheckResult, type Scope } from './scope.js';
export { checkOperator, checkScalar, checkState, assertChecked } from './check.js';
export { parseStateText } from './state-text.js';
export { maxBosonCutoff } from './load-sites.js';
export { loadModelText, loadModelFile } from './load-model.js';
export { didYouMean } from './diagnostics.js';
export { modelsDir, builtinModelNames, builtinModelPath, loadBuiltinModel } from './builtin-models.js';
export { applyParamOverrides } from './param-overrides.js';
export { errorAt, type Origin } from './located.js';
export { containsOperator, hasIndexedCoefficients, mayCancel } from './queries.js';
export { childrenOf } from './children.js';
export { isQubitOp } from './names.js';
export { speciesOf, qubitSpecies, describeSpecies } from './sites.js';
