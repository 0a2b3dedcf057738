/**
 * Syntactic questions about expressions that several layers ask.
 */
import type { Expr } from './ast.js';

const operatorNames = new Set(['Id', 'Jx', 'Jy', 'Jz', 'Jp', 'Jm']);

/** Whether an expression mentions an operator (a site operator, Id or a collective operator). */
export function containsOperator(e: Expr): boolean {
  switch (e.kind) {
    case 'site': return true;
    case 'name': return operatorNames.has(e.name);
    case 'num': case 'str': return false;
    case 'unary': return containsOperator(e.arg);
    case 'binary': return containsOperator(e.left) || containsOperator(e.right);
    case 'call': return e.args.some(containsOperator);
    case 'binder': return containsOperator(e.body);
  }
}
