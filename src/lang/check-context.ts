/** The state shared by the checker's walks over one expression. */
import type { Expr, Span } from './ast.js';
import { errorAtSpan, type ErrorPlace } from './diagnostics.js';
import type { InputErrorCode, InputErrorData } from './errors.js';
import type { SpeciesSpec } from './model.js';
import { FREQUENCY_NAME, isModeOp, isReservedName, SIZE_NAME } from './names.js';

/** One walk: where the text is, what names exist, and the errors found so far. */
export interface CheckContext {
  readonly place: ErrorPlace;
  readonly text: string;
  readonly params: ReadonlySet<string>;
  /** Whether `w` (the bath frequency) is in scope. */
  readonly frequency: boolean;
  /** The model's species in Kronecker order (L qubits for v1); null when `sites:` had errors (species checks skipped). */
  readonly species: readonly SpeciesSpec[] | null;
  /** The model has a boson species, so `a`, `adag`, `n` are its operators and reserved. */
  readonly modes: boolean;
  /** The model declares `sites:` (v2): `basis(...)` then takes level indices, not u and d. */
  readonly v2: boolean;
  readonly errors: InputErrorData[];
}

/** Records one error at a span of the expression. */
export function report(ctx: CheckContext, code: InputErrorCode, span: Span, message: string): null {
  ctx.errors.push(errorAtSpan(code, ctx.place, ctx.text, span, message));
  return null;
}

/** Records one error at a node. */
export function reportAt(ctx: CheckContext, code: InputErrorCode, node: Expr, message: string): null {
  return report(ctx, code, node.span, message);
}

/** Which names a model reserves beyond v1's: `a adag n` with a boson species (`modes`), `Sx Sy Sz P` with `sites:` (`v2`). */
export interface Reserved {
  readonly modes?: boolean;
  readonly v2?: boolean;
}

/**
 * Why `index` may not be bound here, or null: a bound index must not shadow a param, `L`, another
 * bound index or a built-in name (see {@link Reserved}).
 */
export function shadowReason(
  index: string,
  params: ReadonlySet<string>,
  bound: readonly string[],
  frequency: boolean,
  reserved: Reserved = {},
): string | null {
  const modes = reserved.modes === true;
  if (params.has(index)) return `'${index}' is a param; choose another index name`;
  if (index === SIZE_NAME) return `'L' is the number of sites; choose another index name`;
  if (bound.includes(index)) return `'${index}' is already bound by an enclosing sum, prod or each; choose another index name`;
  if (index === FREQUENCY_NAME && frequency) return `'w' is the bath frequency here; choose another index name`;
  if (modes && isModeOp(index)) return `'${index}' is ${modeOpMeaning(index)} of this model's boson species; choose another index name such as k, j or m`;
  if (isReservedName(index, reserved.v2 === true)) return `'${index}' is a built-in name; choose another index name such as k, j or m`;
  return null;
}

/** What a mode operator is, for messages: `the annihilation operator a`. */
export function modeOpMeaning(op: 'a' | 'adag' | 'n'): string {
  return op === 'a' ? 'the annihilation operator a' : op === 'adag' ? 'the creation operator adag' : 'the number operator n';
}
