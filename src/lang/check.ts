/**
 * The checker's public entry points: decide the sort of a located expression and collect every
 * error in it, with codes and absolute spans.
 */
import type { CheckContext } from './check-context.js';
import { sortOf } from './check-expr.js';
import { checkStateExpr } from './check-state.js';
import { errorAtSpan } from './diagnostics.js';
import { InputError } from './errors.js';
import type { LocatedExpr } from './model.js';
import type { CheckResult, Scope } from './scope.js';
import { speciesOfModel } from './sites.js';

/** Options of {@link checkOperator}. */
export interface OperatorCheckOptions {
  /** Reject a bare scalar (a channel's A must be an operator); H allows one (scalar*Id). */
  readonly requireOperator?: boolean;
}

function contextFor(located: LocatedExpr, scope: Scope): CheckContext {
  const species = scope.sites === null ? null : speciesOfModel({ sites: scope.sites });
  return {
    place: { file: scope.file, key: located.key },
    text: located.text,
    params: new Set(scope.params),
    frequency: scope.frequency ?? false,
    species,
    modes: scope.modes ?? species?.some((s) => s.kind === 'boson') ?? false,
    v2: scope.sites !== undefined,
    errors: [],
  };
}

function result(ctx: CheckContext, sort: CheckResult & { ok: true }): CheckResult {
  return ctx.errors.length > 0 ? { ok: false, errors: ctx.errors } : sort;
}

/**
 * Checks an operator expression (H or a channel's A): site operators, `Id`, `J*`, `sum`/`prod`,
 * `+ - * /`, `^n` and `dag`, with scalar coefficients.
 *
 * @example
 * checkOperator(spec.H, { file: spec.file, params: ['g'] }) // { ok: true, sort: 'operator' }
 */
export function checkOperator(located: LocatedExpr, scope: Scope, options: OperatorCheckOptions = {}): CheckResult {
  const ctx = contextFor(located, scope);
  const sort = sortOf(located.expr, 'operator', scope.indices ?? [], ctx);
  if (sort === 'scalar' && options.requireOperator) {
    ctx.errors.push(
      errorAtSpan('not-an-operator', ctx.place, ctx.text, located.expr.span,
        'expected an operator such as X[k] or sum(k, X[k]); a scalar (a multiple of Id) couples to nothing'),
    );
  }
  return result(ctx, { ok: true, sort: sort ?? 'operator' });
}

/**
 * Checks a scalar expression (bath fields, state arguments): numbers, params, `L`, `pi`, `im`,
 * `+ - * / ^`, the scalar functions, bound indices of `scope.indices`, and `w` when
 * `scope.frequency` is set.
 *
 * @example
 * checkScalar(bath.rate, { file: 'm.yaml', params: ['g', 'w0'] })
 */
export function checkScalar(located: LocatedExpr, scope: Scope): CheckResult {
  const ctx = contextFor(located, scope);
  sortOf(located.expr, 'scalar', scope.indices ?? [], ctx);
  return result(ctx, { ok: true, sort: 'scalar' });
}

/**
 * Checks a state expression: a keyword (`up down ground top ghz w steady`) or a constructor
 * (`dicke product basis thermal random mixed mix`) whose arguments are scalars in params and L.
 *
 * @example
 * checkState(spec.state!, { file: spec.file, params: [] })
 */
export function checkState(located: LocatedExpr, scope: Scope): CheckResult {
  const ctx = contextFor(located, scope);
  checkStateExpr(located.expr, ctx);
  return result(ctx, { ok: true, sort: 'state' });
}

/**
 * Throws the errors of a failed check.
 *
 * @throws {InputError} with every error of `outcome` when it is not ok.
 */
export function assertChecked(outcome: CheckResult): void {
  if (!outcome.ok) throw new InputError(outcome.errors);
}
