/**
 * Sorts of scalar and operator expressions: which nodes are scalars, which are operators, and
 * where one is used in place of the other.
 */
import type { BinaryNode, BinderNode, CallNode, Expr, NameNode } from './ast.js';
import { didYouMean, listNames } from './diagnostics.js';
import { checkIndexExpr } from './check-index.js';
import { modeOpMeaning, report, reportAt, shadowReason, type CheckContext } from './check-context.js';
import { checkCollective, checkSiteOp, siteOpsHere } from './check-site.js';
import {
  ADJOINT_FUNCTION, FREQUENCY_NAME, isFunctionName, isModeOp, isSiteOp, OPERATOR_NAMES, SCALAR_CONSTANTS,
  SIZE_NAME, STATE_FUNCTIONS, STATE_KEYWORDS, UNARY_FUNCTIONS, VARIADIC_FUNCTIONS,
} from './names.js';
import { speciesOf } from './sites.js';

/** Scalar or operator expressions. */
export type ExprMode = 'scalar' | 'operator';

/** The sort of a scalar or operator expression; null once an error has been recorded for it. */
export type ExprSort = 'scalar' | 'operator' | null;

/**
 * Decides the sort of `expr`, recording errors in `ctx`. In `scalar` mode operators are errors;
 * in `operator` mode both sorts are allowed and combine (a scalar stands for scalar*Id).
 */
export function sortOf(expr: Expr, mode: ExprMode, bound: readonly string[], ctx: CheckContext): ExprSort {
  switch (expr.kind) {
    case 'num':
      return 'scalar';
    case 'str':
      return reportAt(ctx, mode === 'scalar' ? 'not-a-scalar' : 'not-an-operator', expr,
        'a string is only allowed as the argument of basis("ud...") in a state');
    case 'name':
      return sortOfName(expr, mode, bound, ctx);
    case 'site':
      if (mode === 'scalar') {
        // A bare a, adag or n (index 0, the span of its name) is a reserved name in a model with a boson species.
        const bare = isModeOp(expr.op) && expr.span.end - expr.span.start === expr.op.length;
        return reportAt(ctx, 'not-a-scalar', expr, bare
          ? `'${expr.op}' is ${modeOpMeaning(expr.op as 'a' | 'adag' | 'n')} (${expr.op}[0]) of this model's boson species; a, adag and n are reserved in a model with a boson species; expected a scalar here`
          : `${expr.op}[..] is an operator; expected a scalar here`);
      }
      checkSiteOp(expr, bound, ctx);
      return 'operator';
    case 'unary':
      return sortOf(expr.arg, mode, bound, ctx);
    case 'binary':
      return sortOfBinary(expr, mode, bound, ctx);
    case 'call':
      return sortOfCall(expr, mode, bound, ctx);
    case 'binder':
      return sortOfBinder(expr, mode, bound, ctx);
  }
}

function scalarNames(bound: readonly string[], ctx: CheckContext): string[] {
  return [...ctx.params, SIZE_NAME, ...bound, ...SCALAR_CONSTANTS, ...(ctx.frequency ? [FREQUENCY_NAME] : [])];
}

function sortOfName(expr: NameNode, mode: ExprMode, bound: readonly string[], ctx: CheckContext): ExprSort {
  const name = expr.name;
  if (bound.includes(name) || ctx.params.has(name) || name === SIZE_NAME || SCALAR_CONSTANTS.includes(name)) return 'scalar';
  if (name === FREQUENCY_NAME && ctx.frequency) return 'scalar';
  if (OPERATOR_NAMES.includes(name)) {
    if (mode !== 'operator') return reportAt(ctx, 'not-a-scalar', expr, `'${name}' is an operator; expected a scalar here`);
    return checkCollective(expr, ctx) ? 'operator' : null;
  }
  if (isSiteOp(name)) {
    return mode === 'operator'
      ? reportAt(ctx, 'bad-index', expr, `the site operator '${name}' needs an index, as in ${name === 'P' ? 'P[0,1][k]' : `${name}[k]`}`)
      : reportAt(ctx, 'not-a-scalar', expr, `'${name}' is a site operator; expected a scalar here`);
  }
  if (isModeOp(name) && mode === 'operator' && ctx.species) {
    // Not a param or index here, and the model has no boson species (there a, adag, n parse as operators).
    const found = speciesOf(ctx.species, name);
    if ('why' in found) return reportAt(ctx, 'wrong-species', expr, found.why);
  }
  if (isFunctionName(name)) return reportAt(ctx, 'unknown-name', expr, `'${name}' is a function; call it as ${name}(...)`);
  const names = scalarNames(bound, ctx);
  const available = mode === 'operator' ? [...names, ...OPERATOR_NAMES, ...siteOpsHere(ctx)] : names;
  if (name === FREQUENCY_NAME) {
    return reportAt(ctx, 'unknown-name', expr, `'w' (the bath frequency) is only available in the gamma of a custom bath; names available here: ${listNames(available)}`);
  }
  const state = STATE_KEYWORDS.includes(name) ? ` ('${name}' is a state, allowed only in state)` : '';
  return reportAt(ctx, 'unknown-name', expr,
    `unknown name '${name}'${state}${didYouMean(name, available)}; names available here: ${listNames(available)}`);
}

function sortOfBinary(expr: BinaryNode, mode: ExprMode, bound: readonly string[], ctx: CheckContext): ExprSort {
  const opSpan = expr.opSpan ?? expr.span;
  if (expr.op === '%') {
    sortOf(expr.left, mode, bound, ctx);
    sortOf(expr.right, mode, bound, ctx);
    return report(ctx, 'unexpected-token', opSpan, "expected + - * / ^; '%' is only for index arithmetic, as in X[(k+1)%L]");
  }
  const left = sortOf(expr.left, mode, bound, ctx);
  const right = sortOf(expr.right, mode, bound, ctx);
  if (expr.op === '/' && right === 'operator') {
    return reportAt(ctx, 'not-a-scalar', expr.right, 'expected a scalar divisor; an operator cannot divide');
  }
  // Whether an operator's exponent is an integer >= 0 depends on params and L: the engine checks it.
  if (expr.op === '^' && right === 'operator') {
    return reportAt(ctx, 'bad-exponent', expr.right, 'expected a scalar exponent; found an operator');
  }
  if (left === null || right === null) return null;
  if (expr.op === '/' || expr.op === '^') return left;
  return left === 'operator' || right === 'operator' ? 'operator' : 'scalar';
}

function sortOfCall(expr: CallNode, mode: ExprMode, bound: readonly string[], ctx: CheckContext): ExprSort {
  const fn = expr.fn;
  const arity = (ok: boolean, expected: string): boolean => {
    if (!ok) reportAt(ctx, 'wrong-arity', expr, `${fn} takes ${expected}; found ${expr.args.length}`);
    return ok;
  };
  if (UNARY_FUNCTIONS.includes(fn) || VARIADIC_FUNCTIONS.includes(fn)) {
    const ok = UNARY_FUNCTIONS.includes(fn)
      ? arity(expr.args.length === 1, `1 argument, as in ${fn}(x)`)
      : arity(expr.args.length >= 2, `2 or more arguments, as in ${fn}(a, b)`);
    let sorted = ok;
    for (const arg of expr.args) {
      const sort = sortOf(arg, mode, bound, ctx);
      if (sort === 'operator') {
        reportAt(ctx, 'not-a-scalar', arg, `${fn} takes a scalar; found an operator`);
      }
      if (sort !== 'scalar') sorted = false;
    }
    return sorted ? 'scalar' : null;
  }
  if (fn === ADJOINT_FUNCTION) {
    if (mode === 'scalar') {
      return reportAt(ctx, 'unknown-function', expr, `dag is only available in operator expressions (H and channel A); ${scalarFunctions()}`);
    }
    if (!arity(expr.args.length === 1, '1 argument, as in dag(Sp[0])')) {
      for (const arg of expr.args) sortOf(arg, mode, bound, ctx);
      return null;
    }
    return sortOf(expr.args[0], mode, bound, ctx);
  }
  if (Object.hasOwn(STATE_FUNCTIONS, fn)) {
    return reportAt(ctx, 'unknown-function', expr, `'${fn}' makes a state and is allowed only in state; ${availableFunctions(mode)}`);
  }
  for (const arg of expr.args) sortOf(arg, mode, bound, ctx);
  const known = [...UNARY_FUNCTIONS, ...VARIADIC_FUNCTIONS, ...(mode === 'operator' ? [ADJOINT_FUNCTION, 'sum', 'prod'] : [])];
  return reportAt(ctx, 'unknown-function', expr, `unknown function '${fn}'${didYouMean(fn, known)}; ${availableFunctions(mode)}`);
}

function scalarFunctions(): string {
  return `scalar functions are ${listNames([...UNARY_FUNCTIONS, ...VARIADIC_FUNCTIONS])}`;
}

function availableFunctions(mode: ExprMode): string {
  return mode === 'operator'
    ? `functions available here: ${listNames([...UNARY_FUNCTIONS, ...VARIADIC_FUNCTIONS, 'dag', 'sum', 'prod'])}`
    : scalarFunctions();
}

function sortOfBinder(expr: BinderNode, mode: ExprMode, bound: readonly string[], ctx: CheckContext): ExprSort {
  if (mode === 'scalar') {
    return reportAt(ctx, 'unknown-function', expr, `${expr.fn} is only available in operator expressions (H and channel A); ${scalarFunctions()}`);
  }
  const shadow = shadowReason(expr.index, ctx.params, bound, ctx.frequency, { modes: ctx.modes, v2: ctx.v2 });
  if (shadow) report(ctx, 'shadowed-name', expr.indexSpan, `expected a fresh index name: ${shadow}`);
  if (expr.from) checkIndexExpr(expr.from, bound, ctx);
  if (expr.to) checkIndexExpr(expr.to, bound, ctx);
  return sortOf(expr.body, mode, [...bound, expr.index], ctx);
}
