/** Structural helpers over {@link Expr} that do not recurse on the call stack. */
import type { Expr } from './ast.js';

/** The direct sub-expressions of a node, left to right. */
export function childrenOf(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'num':
    case 'str':
    case 'name':
      return [];
    case 'site':
      return expr.levels ? [expr.levels[0], expr.levels[1], expr.index] : [expr.index];
    case 'unary':
      return [expr.arg];
    case 'binary':
      return [expr.left, expr.right];
    case 'call':
      return expr.args;
    case 'binder':
      return expr.from && expr.to ? [expr.from, expr.to, expr.body] : [expr.body];
  }
}

/**
 * The first node found deeper than `limit` (the root has depth 1), or null. Iterative, so it is
 * safe on any tree the parser can build.
 */
export function nodeDeeperThan(expr: Expr, limit: number): Expr | null {
  const stack: Array<[Expr, number]> = [[expr, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return node;
    for (const child of childrenOf(node)) stack.push([child, depth + 1]);
  }
  return null;
}
