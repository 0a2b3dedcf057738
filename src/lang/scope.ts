/** What the checker knows about the names around an expression, and what it reports. */
import type { InputErrorData } from './errors.js';
import type { SpeciesSpec } from './model.js';

/** The names an expression may use besides the built-ins. */
export interface Scope {
  /** The model file, for error messages. */
  readonly file: string;
  /** Param names of the model. */
  readonly params: readonly string[];
  /** Indices bound outside the expression (a channel's `each`), ranging over 0..L-1. */
  readonly indices?: readonly string[];
  /** Whether the bath frequency `w` may appear (a custom spectrum's `gamma`). */
  readonly frequency?: boolean;
  /**
   * The model's species (v2 `sites:`, `ModelSpec.sites`); absent means L qubits (v1). Decides which
   * site operators apply (`speciesOf`), whether `a`, `adag`, `n` are reserved, and which states exist.
   * `null`: the model's `sites:` had errors (reported there), so the checks that need the species
   * are skipped rather than reported against a guess.
   */
  readonly sites?: readonly SpeciesSpec[] | null;
  /** The model has a boson species (bare `a`, `adag`, `n` are its operators); by default decided from `sites`. */
  readonly modes?: boolean;
}

/** What an expression denotes. A scalar in operator position means scalar*Id. */
export type Sort = 'scalar' | 'operator' | 'state';

/** The outcome of a check: the expression's sort, or every error found. */
export type CheckResult =
  | { readonly ok: true; readonly sort: Sort }
  | { readonly ok: false; readonly errors: readonly InputErrorData[] };
