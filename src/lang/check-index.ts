/**
 * Index expressions: what goes inside `X[...]` and in binder bounds. Integer arithmetic in bound
 * indices, `L` and integer literals, with `+ - * %` and unary minus.
 */
import type { Expr } from './ast.js';
import { didYouMean, listNames } from './diagnostics.js';
import { report, reportAt, type CheckContext } from './check-context.js';
import { isReservedName, SIZE_NAME } from './names.js';

const ALLOWED =
  'index expressions are integer arithmetic in bound indices, L and integer literals with + - * % (e.g. (k+1)%L)';

/** Checks an index expression, recording `bad-index` or `unknown-name` errors in `ctx`. */
export function checkIndexExpr(expr: Expr, bound: readonly string[], ctx: CheckContext): void {
  switch (expr.kind) {
    case 'num':
      if (!/^\d+$/.test(expr.text)) reportAt(ctx, 'bad-index', expr, `expected an integer literal; ${ALLOWED}`);
      return;
    case 'name': {
      if (bound.includes(expr.name) || expr.name === SIZE_NAME) return;
      if (ctx.params.has(expr.name)) {
        reportAt(ctx, 'bad-index', expr, `'${expr.name}' is a param, and params may not appear in an index; ${ALLOWED}`);
        return;
      }
      const known = [...bound, SIZE_NAME];
      if (isReservedName(expr.name, ctx.v2)) {
        reportAt(ctx, 'bad-index', expr, `'${expr.name}' may not appear in an index; ${ALLOWED}`);
        return;
      }
      reportAt(ctx, 'unknown-name', expr,
        `unknown name '${expr.name}' in an index${didYouMean(expr.name, known)}; names available here: ${listNames(known)}`);
      return;
    }
    case 'unary':
      checkIndexExpr(expr.arg, bound, ctx);
      return;
    case 'binary':
      if (expr.op === '/' || expr.op === '^') {
        report(ctx, 'bad-index', expr.opSpan ?? expr.span, `'${expr.op}' is not allowed in an index; ${ALLOWED}`);
      }
      checkIndexExpr(expr.left, bound, ctx);
      checkIndexExpr(expr.right, bound, ctx);
      return;
    case 'str':
    case 'site':
    case 'call':
    case 'binder': {
      const what = expr.kind === 'str' ? 'a string' : expr.kind === 'site' ? 'an operator' : `a call of ${expr.fn}`;
      reportAt(ctx, 'bad-index', expr, `found ${what} in an index; ${ALLOWED}`);
      return;
    }
  }
}
