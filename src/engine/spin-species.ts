/**
 * Which sites the symmetric method can take (model-language.md v2 `sites:`): one species of L spins
 * s, any s (v1 models and files without `sites:` are L qubits, s = 1/2). Its collective spin
 * J = sum_k S_k then acts on the total-spin sectors j = Ls, Ls - 1, ... (numeric/spin-sectors).
 */
import { containsOperator, describeSpecies, type Expr } from '../lang/index.js';
import type { Instance } from './family.js';
import { MethodNotApplicable } from './outcome.js';
import { stateText, type StateSpec } from './states.js';

/**
 * 2s of the model's sites when they are one species of L spins s, for the symmetric method: 1 for
 * v1 models and v2 models of L qubits (no layout), else from the instance's layout.
 *
 * @throws MethodNotApplicable('symmetric') for several species, levels or boson sites, or a spin
 *   species whose count is not L
 * @example
 * symmetricTwoS(instantiate(v1Model, 4)) // 1
 */
export function symmetricTwoS(inst: Pick<Instance, 'layout' | 'L'>): number {
  const layout = inst.layout;
  if (!layout) return 1;
  const { species, counts } = layout;
  if (species.length !== 1) {
    throw new MethodNotApplicable('symmetric', `the model has ${species.length} species of sites (${species.map(describeSpecies).join(', ')}); the symmetric method takes one species of spins`);
  }
  const [s] = species;
  if (s.kind !== 'spin') throw new MethodNotApplicable('symmetric', `its sites are ${describeSpecies(s)}: the symmetric method takes spins (sums of Sx, Sy, Sz over all sites)`);
  if (counts[0] !== inst.L) throw new MethodNotApplicable('symmetric', `the spin species ${s.name} has ${counts[0]} sites at L = ${inst.L}; the symmetric method takes sums over all L sites`);
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

/** The part of a state that is a qubit state only (dicke, product, ghz, w: model-language.md v2), or null. */
export function qubitOnlyPart(s: StateSpec): string | null {
  switch (s.kind) {
    case 'mix': return qubitOnlyPart(s.a) ?? qubitOnlyPart(s.b);
    case 'steadyFrom': return qubitOnlyPart(s.from);
    case 'dicke': case 'product': case 'ghz': case 'w': return `${stateText(s)} (a qubit state; spins s > 1/2 take up, down, steady)`;
    default: return null;
  }
}
