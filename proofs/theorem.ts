/**
 * What a proof script is made of: hypotheses, a conclusion and a chain of named steps, each with
 * the rule that justifies it and how that is checked. Steps are data, so a test (or a user) can
 * break one on purpose and watch the checker reject it.
 */
import type { Decimal } from '../src/numeric/index.js';
import type { Quantities } from './quantities.js';

/** The constants a theorem's hypotheses name, for one instance. */
export interface Constants {
  /** ||H_S|| <= h L. */
  readonly h: Decimal;
  /** sum_alpha ||A_alpha|| <= a L. */
  readonly a: Decimal;
  /** The band: <E_i|A|E_j> = 0 when |E_i - E_j| > DeltaE. */
  readonly DeltaE: Decimal;
}

/** A hypothesis, and how to check it on an instance. */
export interface Hypothesis {
  readonly id: string;
  readonly statement: string;
  /** lhs <= rhs on the instance. */
  readonly lhs: (q: Quantities, c: Constants) => Decimal;
  readonly rhs: (q: Quantities, c: Constants) => Decimal;
  /** Which random instances satisfy it by construction (the checker samples those). */
  readonly sampleClass?: 'band';
  /**
   * A hypothesis about the growth in L (`quantity` = O(1)): not decidable at one L. Random
   * instances satisfy it by construction (bounded rates, a fixed band); on a model it is decided
   * only by the exponent of the quantity's closed form when that form is `derived`
   * (`heatbound scaling`); a conjectured form or a numeric exponent leaves it `unknown`.
   */
  readonly asymptotic?: { readonly quantity: 'deltaE' | 'gammaMax' };
}

/**
 * What a step's verdict rests on (the weakest of its checks), a closed vocabulary:
 * - `identity-checked`: an exact symbolic check for every instance the step claims: the CAS reduced
 *   lhs - rhs to exactly 0, or every entry of the symbolic matrices reduced to exactly 0 (for the
 *   matrix sizes that were run, e.g. 3x3, not every dimension), or the exponents were read off a
 *   symbolic expression and a derived closed form;
 * - `tested`: checked on finitely many cases only (seeded random instances, "tested on N models
 *   (seed S), worst margin M", or a conjectured form): evidence, never a proof;
 * - `failed`: a check failed, with the counterexample;
 * - `error`: the check had zero instances or could not run: nothing was checked.
 * A theorem's basis is the weakest of its steps' (failed < error < tested < identity-checked); a
 * theorem whose steps are at best tested is "tested, not proved".
 */
export type Basis = 'identity-checked' | 'tested' | 'failed' | 'error';

/** From weakest to strongest. */
export const basisOrder: readonly Basis[] = ['failed', 'error', 'tested', 'identity-checked'];

/** The weakest of some bases; `error` for none (nothing was checked). */
export function weakestBasis(bs: readonly Basis[]): Basis {
  if (bs.length === 0) return 'error';
  return bs.reduce<Basis>((w, b) => (basisOrder.indexOf(b) < basisOrder.indexOf(w) ? b : w), 'identity-checked');
}

/** How a step is checked beyond its random instances. */
export type StepCheck =
  /** Random instances only (inequalities by a named rule). */
  | { readonly kind: 'instances' }
  /** Both sides reduce to the same expression (CAS), and agree on instances. */
  | { readonly kind: 'algebraic'; readonly lhs: string; readonly rhs: string }
  /** An operator identity: on random instances in high precision, and on small symbolic matrices. */
  | { readonly kind: 'operator'; readonly identity: 'commutator' | 'bohr-pinching' }
  /** The growth in L of an expression, from the symbolic engine, and a family that reaches it. */
  | { readonly kind: 'scaling'; readonly expr: string; readonly exponent: number; readonly reachedBy: string };

/** One step: lhs relation rhs, justified by `rule`, using `uses`. */
export interface Step {
  readonly id: string;
  /** The inequality or identity, as the derivation writes it. */
  readonly statement: string;
  readonly rule: string;
  /** Hypotheses and earlier steps it uses. */
  readonly uses: readonly string[];
  readonly relation: '<=' | '=';
  readonly lhs: (q: Quantities, c: Constants) => Decimal;
  readonly rhs: (q: Quantities, c: Constants) => Decimal;
  readonly check: StepCheck;
  /** Why the step can lose, shown next to its slack on a model. */
  readonly slack?: string;
}

/** A theorem: hypotheses, conclusion, steps from the first side to the last. */
export interface Theorem {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly hypotheses: readonly Hypothesis[];
  readonly conclusion: string;
  readonly steps: readonly Step[];
  /** The bound the theorem establishes, on an instance (for |J| / bound). */
  readonly bound: { readonly name: string; readonly value: (q: Quantities, c: Constants) => Decimal };
  /**
   * The Coq theorem (proofs/coq/theorems.json) that proves this chain's conclusion for exact
   * matrices; the script's steps replayed on random models are then a test of the engine.
   */
  readonly coq?: string;
  /** Further Coq theorems the chain's steps correspond to (the key identity, single-channel forms). */
  readonly coqUses?: readonly string[];
}
