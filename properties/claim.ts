/**
 * A parsed claim (the data claims.ts and claims-exact.ts share; a leaf module).
 */
import type { Expr } from '../src/lang/index.js';

export type Comparison = '<=' | '<' | '>=' | '>';

/** A parsed claim. */
export interface Claim {
  readonly text: string;
  /** The existential constant's name, or null. */
  readonly exists: string | null;
  readonly lhs: Expr;
  readonly op: Comparison;
  readonly rhs: Expr;
  /** The text of each side (the spans of lhs and rhs index into these). */
  readonly lhsText: string;
  readonly rhsText: string;
  /** Names the claim uses that are neither quantities nor the constant (model params). */
  readonly params: readonly string[];
  /** The 1-based column of each param's first use. */
  readonly paramColumns: Readonly<Record<string, number>>;
}
