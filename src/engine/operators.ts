/**
 * Operator expressions evaluated at a given L into sums of float64 product terms (numeric/opsum):
 * the one operator walk (symbolic/operator-walk, lifted to product terms by symbolic/evaluate-operator)
 * over the product-term algebra below.
 */
import type { Expr, Origin } from '../lang/index.js';
import { evalOperatorIn, collectiveFromSites, type OperatorAlgebra, type ValueScope as Scope } from '../symbolic/index.js';
import {
  float64Elementary, opAdd, opAdjoint, opMul, opPow, opScalar, opScale, opSite, siteOperators, type OpSum,
} from '../numeric/index.js';

/** Sums of float64 product terms on L sites (numeric/opsum) as an {@link OperatorAlgebra}. */
function productTermAlgebra(L: number): OperatorAlgebra<number, OpSum> {
  const A: OperatorAlgebra<number, OpSum> = {
    field: float64Elementary,
    L,
    scalar: (c) => opScalar(L, c.re, c.im),
    site: (k, op) => opSite(L, k, siteOperators[op]),
    collective: (name) => collectiveFromSites(A, name),
    add: opAdd,
    mul: opMul,
    scale: (a, c) => opScale(a, c.re, c.im),
    pow: opPow,
    adjoint: opAdjoint,
  };
  return A;
}

/**
 * The operator an expression denotes on L sites. A scalar result means scalar * Id.
 *
 * @throws InputError (index-out-of-range, domain-error, bad-exponent) located at the node
 */
export function evalOperator(origin: Origin, e: Expr, scope: Scope, L: number): OpSum {
  return evalOperatorIn(productTermAlgebra(L), origin, e, scope);
}
