/**
 * The printer: canonical text with the fewest parentheses that parse back to the same tree.
 * Precedence comes from {@link BINARY_OPS}, the table the parser uses.
 */
import type { Expr } from './ast.js';
import { ATOM_PRECEDENCE, BINARY_OPS, UNARY_PRECEDENCE } from './operators.js';

/**
 * Prints an expression as canonical text: `a + b`, `a*b`, `-x^2`, `sum(k, 0, L - 1, Z[k])`,
 * `P[0,1][k]`; a bare mode operator `a` (index 0) prints as `a[0]`, which parses in every model.
 * `parseExpr(printExpr(e))` equals `e` up to spans.
 *
 * @example
 * printExpr(parseExpr('((a)) * (b + c)', origin)) // 'a*(b + c)'
 */
export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'num':
      return expr.text;
    case 'str':
      return `"${expr.value}"`;
    case 'name':
      return expr.name;
    case 'site':
      return expr.levels
        ? `${expr.op}[${printExpr(expr.levels[0])},${printExpr(expr.levels[1])}][${printExpr(expr.index)}]`
        : `${expr.op}[${printExpr(expr.index)}]`;
    case 'call':
      return `${expr.fn}(${expr.args.map(printExpr).join(', ')})`;
    case 'binder': {
      const bounds = expr.from && expr.to ? `, ${printExpr(expr.from)}, ${printExpr(expr.to)}` : '';
      return `${expr.fn}(${expr.index}${bounds}, ${printExpr(expr.body)})`;
    }
    case 'unary':
      return `${expr.op}${wrap(expr.arg, precedenceOf(expr.arg) < UNARY_PRECEDENCE)}`;
    case 'binary': {
      const info = BINARY_OPS[expr.op];
      const lp = precedenceOf(expr.left);
      const rp = precedenceOf(expr.right);
      const leftParens = lp < info.precedence || (lp === info.precedence && info.assoc === 'right');
      // A unary operand on the right never needs parentheses: its operator cannot be read as binary.
      const rightParens =
        expr.right.kind !== 'unary' && (rp < info.precedence || (rp === info.precedence && info.assoc === 'left'));
      const op = info.spaced ? ` ${expr.op} ` : expr.op;
      return `${wrap(expr.left, leftParens)}${op}${wrap(expr.right, rightParens)}`;
    }
  }
}

function precedenceOf(expr: Expr): number {
  if (expr.kind === 'binary') return BINARY_OPS[expr.op].precedence;
  if (expr.kind === 'unary') return UNARY_PRECEDENCE;
  return ATOM_PRECEDENCE;
}

function wrap(expr: Expr, parens: boolean): string {
  const text = printExpr(expr);
  return parens ? `(${text})` : text;
}
