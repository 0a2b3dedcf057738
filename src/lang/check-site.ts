/**
 * Site operators against the model's species (v2 `sites:`): which species an operator acts on is
 * decided statically, from its name (`speciesOf`), before any L is known.
 */
import type { NameNode, SiteNode, Span } from './ast.js';
import { checkIndexExpr } from './check-index.js';
import { report, reportAt, type CheckContext } from './check-context.js';
import { isModeOp, MODE_OPS, SITE_OPS, V2_SITE_OPS } from './names.js';
import { describeSpecies, speciesOf } from './sites.js';

/** The span of an operator's name: where `wrong-species` points. */
function opSpan(node: SiteNode | NameNode, op: string): Span {
  return { ...node.span, end: node.span.start + op.length };
}

/**
 * Checks a site operator: it acts on a species of the model (`wrong-species` at its name
 * otherwise, with `speciesOf`'s sentence), its index and `P`'s levels are index expressions, and a
 * literal level of `P[i,j]` is below its species' dimension (`index-out-of-range`).
 */
export function checkSiteOp(expr: SiteNode, bound: readonly string[], ctx: CheckContext): void {
  if (!ctx.v2 && V2_SITE_OPS.includes(expr.op) && (ctx.params.has(expr.op) || bound.includes(expr.op))) {
    // A v1 file's param or index named Sx, Sy, Sz or P keeps its v1 meaning: a scalar, which takes no index.
    const what = ctx.params.has(expr.op) ? 'a param' : 'a bound index';
    report(ctx, 'unexpected-token', opSpan(expr, expr.op),
      `expected an operator after '${expr.op}'; '${expr.op}' is ${what} of this model (a v1 file, without sites:, where a name the file defines wins over the v2 operator), and it takes no index [..]`);
    return;
  }
  const found = ctx.species ? speciesOf(ctx.species, expr.op) : null;
  if (found && 'why' in found) report(ctx, 'wrong-species', opSpan(expr, expr.op), found.why);
  checkIndexExpr(expr.index, bound, ctx);
  if (!expr.levels) return;
  for (const level of expr.levels) {
    checkIndexExpr(level, bound, ctx);
    if (ctx.species && found && 'index' in found && level.kind === 'num' && /^\d+$/.test(level.text)) {
      const species = ctx.species[found.index];
      if (Number(level.text) >= species.dim) {
        reportAt(ctx, 'index-out-of-range', level,
          `expected a level 0..${species.dim - 1} of the ${describeSpecies(species)} sites; P[i,j][k] is |i><j| on site k`);
      }
    }
  }
}

/**
 * `Jx Jy Jz Jp Jm` sum the spin species' operators: in a model without spin sites they are
 * `wrong-species` (recorded; false). True when the collective operator applies.
 */
export function checkCollective(expr: NameNode, ctx: CheckContext): boolean {
  if (expr.name === 'Id' || !ctx.species || ctx.species.some((s) => s.kind === 'spin')) return true;
  report(ctx, 'wrong-species', expr.span,
    `${expr.name} is a collective spin operator (a sum over the spin sites) and this model has no spin sites (${ctx.species.map(describeSpecies).join(', ')})`);
  return false;
}

/** The site operators that apply in this model, as written in messages: `X[k]`, `P[i,j][k]`, `a[j]`. */
export function siteOpsHere(ctx: CheckContext): string[] {
  const species = ctx.species;
  return [...SITE_OPS, ...MODE_OPS]
    .filter((op) => (species ? 'index' in speciesOf(species, op) : !isModeOp(op) || ctx.modes))
    .map((op) => (op === 'P' ? 'P[i,j][k]' : isModeOp(op) ? `${op}[j]` : `${op}[k]`));
}
