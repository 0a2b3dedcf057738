/**
 * Which sites the symmetric method can take (model-language.md v2 `sites:`): one species of L spins
 * s, any s (v1 models and files without `sites:` are L qubits, s = 1/2). Its collective spin
 * J = sum_k S_k then acts on the total-spin sectors j = Ls, Ls - 1, ... (numeric/spin-sectors).
 */
import { containsOperator, describeSpecies, speciesOfModel, type Expr, type ModelSpec } from '../lang/index.js';
import { evalIntegerIn, type FieldScope } from '../symbolic/index.js';
import { float64Elementary } from '../numeric/index.js';
import { MethodNotApplicable } from './outcome.js';

/**
 * 2s of the model's sites when they are one species of L spins s, for the symmetric method.
 *
 * @throws MethodNotApplicable('symmetric') for several species, levels or boson sites, or a spin
 *   species whose count is not L
 * @throws InputError when the count does not evaluate to an integer
 * @example
 * symmetricTwoS(v1Model, 4, scope) // 1
 */
export function symmetricTwoS(model: Pick<ModelSpec, 'sites' | 'file'>, L: number, scope: FieldScope<number>): number {
  const species = speciesOfModel(model);
  if (species.length !== 1) {
    throw new MethodNotApplicable('symmetric', `the model has ${species.length} species of sites (${species.map(describeSpecies).join(', ')}); the symmetric method takes one species of spins`);
  }
  const [s] = species;
  if (s.kind !== 'spin') throw new MethodNotApplicable('symmetric', `its sites are ${describeSpecies(s)}: the symmetric method takes spins (sums of Sx, Sy, Sz over all sites)`);
  if (s.count !== null) {
    const origin = { file: model.file, located: s.count };
    const n = evalIntegerIn(float64Elementary, origin, s.count.expr, scope, 'the number of sites');
    if (n !== L) throw new MethodNotApplicable('symmetric', `the spin species ${s.name} has ${n} sites at L = ${L}; the symmetric method takes sums over all L sites`);
  }
  return s.twoS;
}

/**
 * Whether `e` has a sum or product over sites whose body is more than one site operator
 * (`sum(k, w0 * Sz[k])`, `sum(k, Sz[k]^2)`): over spins s > 1/2 such a body is linear in the spin
 * only if float64 says so and decimal.js agrees (a tiny non-linear part, 1e-20 Sz[k]^2, is lost
 * in float64's entries), so the symmetric method re-checks those in decimal.js.
 */
export function hasCompoundBinder(e: Expr): boolean {
  switch (e.kind) {
    case 'site': case 'name': case 'num': case 'str': return false;
    case 'unary': return hasCompoundBinder(e.arg);
    case 'binary': return hasCompoundBinder(e.left) || hasCompoundBinder(e.right);
    case 'call': return e.args.some(hasCompoundBinder);
    case 'binder': return (containsOperator(e.body) && e.body.kind !== 'site') || hasCompoundBinder(e.body);
  }
}
