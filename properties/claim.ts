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
  /**
   * The named channels' currents the claim uses (`J[hot]`), each with the 1-based column of its
   * name's first use; absent or empty when it uses none. In lhs and rhs each `J[name]` is the
   * name {@link channelCurrentName}(name), padded with spaces to the same columns.
   */
  readonly channels?: readonly { readonly name: string; readonly column: number }[];
}

/**
 * The name that stands for `J[name]`, the current of the named channel `name`, in a parsed claim
 * and in the values it is evaluated with.
 *
 * @example channelCurrentName('hot') // 'J__hot'
 */
export function channelCurrentName(name: string): string {
  return `J__${name}`;
}

/** The channel a name of {@link channelCurrentName} stands for, or null for any other name. */
export function channelOfName(name: string): string | null {
  return name.startsWith('J__') && name.length > 3 ? name.slice(3) : null;
}
