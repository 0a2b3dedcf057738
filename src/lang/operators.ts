/**
 * The operator table: one source of precedence and associativity for both the parser and the
 * printer, so that `parse(print(ast))` equals `ast`.
 *
 * Low to high: `+ -` (left); `* / %` (left); unary `- +`; `^` (right, binds tighter than unary
 * minus: `-x^2` is `-(x^2)`); then site indexing, calls and parentheses.
 */
import type { BinaryOp } from './ast.js';

/** How a binary operator groups. */
export interface BinaryOpInfo {
  readonly precedence: number;
  readonly assoc: 'left' | 'right';
  /** Printed with spaces around it (`a + b`) or without (`a*b`). */
  readonly spaced: boolean;
}

/** Precedence and associativity of every binary operator. */
export const BINARY_OPS: Readonly<Record<BinaryOp, BinaryOpInfo>> = {
  '+': { precedence: 10, assoc: 'left', spaced: true },
  '-': { precedence: 10, assoc: 'left', spaced: true },
  '*': { precedence: 20, assoc: 'left', spaced: false },
  '/': { precedence: 20, assoc: 'left', spaced: false },
  '%': { precedence: 20, assoc: 'left', spaced: false },
  '^': { precedence: 40, assoc: 'right', spaced: false },
};

/** Precedence of unary `-` and `+`: above `* / %`, below `^`. */
export const UNARY_PRECEDENCE = 30;

/** Precedence of atoms: numbers, names, calls, site operators, parenthesised expressions. */
export const ATOM_PRECEDENCE = 100;

/** True when `text` is a binary operator. */
export function isBinaryOp(text: string): text is BinaryOp {
  return Object.hasOwn(BINARY_OPS, text);
}
