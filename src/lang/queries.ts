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

/**
 * Whether a sum or prod over sites with an operator body has coefficients that depend on its
 * index: the index named anywhere but inside a site index (Z[k] is the same operator on each site;
 * (1 + k*d) Z[k] is not, unless d = 0 exactly, nor is P[k%2,0][k]). Nested binders are searched too.
 */
export function hasIndexedCoefficients(e: Expr): boolean {
  const mentions = (x: Expr, name: string): boolean => {
    switch (x.kind) {
      // A site index is not a coefficient; P's levels are (P[k%2,0][k] is not one operator on each site).
      case 'site': return x.levels !== undefined && (mentions(x.levels[0], name) || mentions(x.levels[1], name));
      case 'name': return x.name === name;
      case 'num': case 'str': return false;
      case 'unary': return mentions(x.arg, name);
      case 'binary': return mentions(x.left, name) || mentions(x.right, name);
      case 'call': return x.args.some((a) => mentions(a, name));
      case 'binder': return x.index !== name && (mentions(x.body, name) || (x.from !== null && mentions(x.from, name)) || (x.to !== null && mentions(x.to, name)));
    }
  };
  switch (e.kind) {
    case 'site': case 'name': case 'num': case 'str': return false;
    case 'unary': return hasIndexedCoefficients(e.arg);
    case 'binary': return hasIndexedCoefficients(e.left) || hasIndexedCoefficients(e.right);
    case 'call': return e.args.some(hasIndexedCoefficients);
    case 'binder': return (containsOperator(e.body) && mentions(e.body, e.index)) || hasIndexedCoefficients(e.body);
  }
}

/**
 * Whether float64 evaluation of an expression may cancel or round a coefficient away from its
 * exact value by more than a few roundings relative to it: it adds or subtracts (binary + or -) or
 * calls a function, or sums over sites (sum(k, ...)). Products, quotients, powers and negations of
 * literals and params are each within a few roundings of their exact value (params are literals).
 */
export function mayCancel(e: Expr): boolean {
  switch (e.kind) {
    // A site's index and levels are integers, not coefficients.
    case 'site': case 'name': case 'num': case 'str': return false;
    case 'unary': return mayCancel(e.arg);
    case 'binary': return e.op === '+' || e.op === '-' || mayCancel(e.left) || mayCancel(e.right);
    case 'call': return true;
    // A sum adds its terms (which may share a product term and cancel); a product multiplies.
    case 'binder': return e.fn === 'sum' || mayCancel(e.body) || (e.from !== null && mayCancel(e.from)) || (e.to !== null && mayCancel(e.to));
  }
}

