/** State expressions: `up`, `dicke(floor(L/2))`, `basis("uudd")`, `mix(p, s1, s2)`, ... */
import type { Expr } from './ast.js';
import { reportAt, type CheckContext } from './check-context.js';
import { didYouMean } from './diagnostics.js';
import { sortOf } from './check-expr.js';
import type { SpeciesSpec } from './model.js';
import { STATE_FORMS, STATE_FUNCTIONS, STATE_KEYWORDS } from './names.js';
import { describeSpecies } from './sites.js';

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

/** The states defined only for qubits (spin-1/2 sites): the Dicke, product, GHZ and W states. */
const QUBIT_STATES: readonly string[] = ['dicke', 'product', 'ghz', 'w'];

/** The generic states of a model with sites of any dimension, for messages. */
const GENERIC_STATES = 'ground, top, thermal(T), steady, steady(S), random(seed), mixed(seed), mix(p, s1, s2) or basis("0 1 ...")';

/** Checks a state expression, recording errors in `ctx`. */
export function checkStateExpr(expr: Expr, ctx: CheckContext): void {
  if (expr.kind === 'name') {
    if (STATE_KEYWORDS.includes(expr.name)) {
      checkForSites(expr.name, expr, ctx);
      return;
    }
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
  if (!checkForSites(fn, expr, ctx)) return;
  if (fn === 'basis') {
    const arg = expr.args[0];
    if (ctx.v2 && ctx.species) {
      checkLevelsBasis(arg, ctx.species, ctx);
    } else if (!ctx.v2 && (arg.kind !== 'str' || !/^[ud]+$/.test(arg.value))) {
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

/**
 * Whether the state `name` exists for the model's sites (recording `bad-state` when not): `up` and
 * `down` need no levels species, `dicke product ghz w` qubits only.
 */
function checkForSites(name: string, node: Expr, ctx: CheckContext): boolean {
  const species = ctx.species;
  if (!species) return true;
  const here = species.map(describeSpecies).join(', ');
  if ((name === 'up' || name === 'down') && species.some((s) => s.kind === 'levels')) {
    reportAt(ctx, 'bad-state', node,
      `no ${name} for levels sites (this model has ${here}): up and down put spins at m = +s or -s and modes in the vacuum; use basis(...) or ground`);
    return false;
  }
  if (QUBIT_STATES.includes(name) && !species.every((s) => s.kind === 'spin' && s.twoS === 1)) {
    const written = name === 'dicke' ? 'dicke(n)' : name === 'product' ? 'product(theta, phi)' : name;
    reportAt(ctx, 'bad-state', node,
      `${written} is a state of qubits (spin-1/2 sites only), and this model has ${here}; expected one of ${GENERIC_STATES}`);
    return false;
  }
  return true;
}

/**
 * The v2 `basis("0 2 1 0")`: level indices (digits) separated by white space, one per site in
 * Kronecker order, each below its site's dimension. Their number must be the number of sites at L,
 * which the engine checks; here the syntax, and each index against the largest dimension (against
 * the one dimension when every species has it).
 */
function checkLevelsBasis(arg: Expr, species: readonly SpeciesSpec[], ctx: CheckContext): void {
  const example = species.every((s) => s.kind === 'spin' && s.twoS === 1) ? 'basis("0 1 1 0") (0 = up, 1 = down)' : 'basis("0 2 1 0")';
  const usage = `level indices separated by spaces, one per site in Kronecker order, as in ${example}`;
  if (arg.kind !== 'str') {
    reportAt(ctx, 'bad-state', arg, `expected a string of ${usage}`);
    return;
  }
  const words = arg.value.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0 || !words.every((w) => /^\d+$/.test(w))) {
    const hint = /^[ud\s]+$/.test(arg.value) && arg.value.trim() !== '' ? '; u and d are v1 qubit letters, and a model with sites: takes level indices' : '';
    reportAt(ctx, 'bad-state', arg, `expected a string of ${usage}; found "${arg.value}"${hint}`);
    return;
  }
  const dims = [...new Set(species.map((s) => s.dim))];
  const limit = Math.max(...dims);
  const bad = words.find((w) => Number(w) >= limit);
  if (bad !== undefined) {
    const which = dims.length === 1 ? `the sites here have ${limit} levels (${species.map(describeSpecies).join(', ')})` : `no site here has more than ${limit} levels`;
    const joined = words.length === 1 && words[0].length > 1 ? ' (separate the levels by spaces, as in "0 1 1 0")' : '';
    reportAt(ctx, 'bad-state', arg, `expected level indices 0..${limit - 1}: ${which}; found ${bad}${joined}`);
  }
}
