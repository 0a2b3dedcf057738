/**
 * Shared pieces of the loader: the error list it fills, key paths, and readers for the common
 * shapes of a field (a mapping with known keys, a string, an expression).
 */
import { didYouMean, errorAt, listNames } from './diagnostics.js';
import { InputError, type InputErrorCode, type InputErrorData } from './errors.js';
import type { LocatedExpr, SpeciesSpec } from './model.js';
import type { SourcePos } from './origin.js';
import { parseExpr } from './parse-expr.js';
import type { CheckResult } from './scope.js';
import { describeNode, type SourceEntry, type SourceMapping, type SourceNode } from './source-tree.js';

/** One load: the file, what the expressions are read in, and every error found so far. */
export interface LoadContext {
  readonly file: string;
  readonly errors: InputErrorData[];
  /** The model's `sites:` (v2); absent for L qubits; null when `sites:` had errors. */
  readonly sites?: readonly SpeciesSpec[] | null;
  /** The model has a boson species: bare `a`, `adag`, `n` parse as its mode operators. */
  readonly modes?: boolean;
  /** The model declares `sites:`: `Sx Sy Sz P` are then reserved names. */
  readonly v2?: boolean;
}

/** `parent.key`, or `key` at the top. */
export function keyPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

/** Records one error. */
export function fail(ctx: LoadContext, code: InputErrorCode, key: string, pos: SourcePos, token: string, message: string): null {
  ctx.errors.push(errorAt(code, { file: ctx.file, key }, pos, token, message));
  return null;
}

/** Records the errors of an expression check; true when it passed. */
export function recordCheck(ctx: LoadContext, outcome: CheckResult): boolean {
  if (outcome.ok) return true;
  ctx.errors.push(...outcome.errors);
  return false;
}

/** Records `unknown-key` for every key of `map` outside `allowed`, naming the allowed keys. */
export function rejectUnknownKeys(ctx: LoadContext, map: SourceMapping, parent: string, allowed: readonly string[], what: string): void {
  for (const entry of map.entries) {
    if (!allowed.includes(entry.key)) {
      fail(ctx, 'unknown-key', keyPath(parent, entry.key), entry.keyPos, entry.key,
        `unknown key '${entry.key}'${didYouMean(entry.key, allowed)}; ${what} takes ${listNames(allowed)}`);
    }
  }
}

/** The entry for `key`, if present. */
export function entryOf(map: SourceMapping, key: string): SourceEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

/** Records `wrong-type`: found one shape where another was expected. */
export function wrongType(ctx: LoadContext, key: string, node: SourceNode, expected: string): null {
  return fail(ctx, 'wrong-type', key, node.pos, tokenOf(node), `expected ${expected}; found ${describeNode(node)}`);
}

/** The text of a node for the `token` of an error. */
export function tokenOf(node: SourceNode): string {
  return node.kind === 'scalar' ? node.source : '';
}

/** Decimal literals that keep their exact text (`0.1` is 1/10). */
export const DECIMAL_LITERAL = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The exact text of a finite number scalar, or null if it is not finite. */
export function numberText(source: string, value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const trimmed = source.trim();
  if (DECIMAL_LITERAL.test(trimmed)) return trimmed.startsWith('+') ? trimmed.slice(1) : trimmed;
  return String(value);
}

/**
 * Reads an expression field (a string, or a number as its text) and parses it. Records
 * `wrong-type` or the parser's error and returns null on failure.
 */
export function readExpr(ctx: LoadContext, node: SourceNode, key: string, expected: string): LocatedExpr | null {
  if (node.kind !== 'scalar' || (node.type !== 'string' && node.type !== 'number')) {
    return wrongType(ctx, key, node, expected);
  }
  let text: string;
  let positions: readonly SourcePos[] | undefined;
  if (node.type === 'string') {
    text = node.value as string;
    positions = node.positions();
  } else {
    const exact = numberText(node.source, node.value as number);
    if (exact === null) return wrongType(ctx, key, node, `a finite number or ${expected}`);
    text = exact;
  }
  try {
    const origin = { file: ctx.file, key, line: node.pos.line, column: node.pos.column, quoted: node.quoted, positions };
    const expr = parseExpr(text, origin, { modes: ctx.modes === true });
    return { expr, key, text };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    ctx.errors.push(...err.errors);
    return null;
  }
}
