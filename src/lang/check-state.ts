/** State expressions: `up`, `dicke(floor(L/2))`, `basis("uudd")`, `mix(p, s1, s2)`, ... */
import type { Expr } from './ast.js';
import { reportAt, type CheckContext } from './check-context.js';
import { didYouMean } from './diagnostics.js';
import { sortOf } from './check-expr.js';
import { STATE_FORMS, STATE_FUNCTIONS, STATE_KEYWORDS } from './names.js';

const USAGE: Readonly<Record<string, string>> = {
  dicke: 'dicke(n)',
  product: 'product(theta, phi)',
  basis: 'basis("ud...")',
  thermal: 'thermal(T)',
  random: 'random(seed)',
  mixed: 'mixed(seed)',
  mix: 'mix(p, s1, s2)',
  steady: 'steady(S), the long-time limit from the state S',
};

/** Checks a state expression, recording errors in `ctx`. */
export function checkStateExpr(expr: Expr, ctx: CheckContext): void {
  if (expr.kind === 'name') {
    if (STATE_KEYWORDS.includes(expr.name)) return;
    const hint = didYouMean(expr.name, [...STATE_KEYWORDS, ...Object.keys(STATE_FUNCTIONS)]);
    reportAt(ctx, 'bad-state', expr, `unknown state '${expr.name}'${hint}; expected one of ${STATE_FORMS}`);
    return;
  }
  if (expr.kind !== 'call' || !Object.hasOwn(STATE_FUNCTIONS, expr.fn)) {
    const hint = expr.kind === 'call' ? didYouMean(expr.fn, Object.keys(STATE_FUNCTIONS)) : '';
    reportAt(ctx, 'bad-state', expr, `expected a state${hint}: one of ${STATE_FORMS}`);
    return;
  }
  const fn = expr.fn;
  if (expr.args.length !== STATE_FUNCTIONS[fn]) {
    const n = STATE_FUNCTIONS[fn];
    reportAt(ctx, 'wrong-arity', expr, `${fn} takes ${n} argument${n === 1 ? '' : 's'}, as in ${USAGE[fn]}; found ${expr.args.length}`);
    return;
  }
  if (fn === 'basis') {
    const arg = expr.args[0];
    if (arg.kind !== 'str' || !/^[ud]+$/.test(arg.value)) {
      reportAt(ctx, 'bad-state', arg, 'expected a string of u (up) and d (down), one per site, as in basis("uudd")');
    }
    return;
  }
  if (fn === 'mix') {
    scalarArg(expr.args[0], ctx);
    checkStateExpr(expr.args[1], ctx);
    checkStateExpr(expr.args[2], ctx);
    return;
  }
  if (fn === 'steady') {
    // steady(S): S is any state (checked with its own position in the errors).
    checkStateExpr(expr.args[0], ctx);
    return;
  }
  for (const arg of expr.args) scalarArg(arg, ctx);
}

function scalarArg(arg: Expr, ctx: CheckContext): void {
  sortOf(arg, 'scalar', [], ctx);
}
