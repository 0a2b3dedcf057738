/** What the checker knows about the names around an expression, and what it reports. */
import type { InputErrorData } from './errors.js';

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
}

/** What an expression denotes. A scalar in operator position means scalar*Id. */
export type Sort = 'scalar' | 'operator' | 'state';

/** The outcome of a check: the expression's sort, or every error found. */
export type CheckResult =
  | { readonly ok: true; readonly sort: Sort }
  | { readonly ok: false; readonly errors: readonly InputErrorData[] };
