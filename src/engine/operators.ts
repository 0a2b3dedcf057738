/**
 * Operator expressions evaluated at a given L into sums of float64 product terms (numeric/opsum):
 * the one operator walk (symbolic/operator-walk, lifted to product terms by symbolic/evaluate-operator)
 * over the product-term algebra below.
 */
import type { Expr, Origin } from '../lang/index.js';
import { evalOperatorIn, collectiveFromSites, type OperatorAlgebra, type SiteLayout, type ValueScope as Scope } from '../symbolic/index.js';
import { assertFiniteOperator } from './non-finite.js';
import {
  float64Elementary, opAdd, opAdjoint, opMul, opPow, opScalar, opScale, opSite, siteOperators, type OpSum,
} from '../numeric/index.js';

/**
 * Sums of float64 product terms on L sites (numeric/opsum) as an {@link OperatorAlgebra}; `site`
 * may be replaced by one that gives the same sums faster (the product method's cached site forms).
 */
export function productTermAlgebra(L: number, site: OperatorAlgebra<number, OpSum>['site'] = (k, op) => opSite(L, k, siteOperators[op])): OperatorAlgebra<number, OpSum> {
  const A: OperatorAlgebra<number, OpSum> = {
    field: float64Elementary,
    L,
    scalar: (c) => opScalar(L, c.re, c.im),
    site,
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
 * @throws NonFiniteError (engine/non-finite) when a coefficient is not finite in float64 (`exp(1000)*Z[0]`),
 *   at the sub-expression that overflows
 */
export function evalOperator(origin: Origin, e: Expr, scope: Scope, L: number, layout?: SiteLayout): OpSum {
  const op = evalOperatorIn(layout ? layoutAlgebra(layout) : productTermAlgebra(L), origin, e, scope);
  assertFiniteOperator(op, origin, e, scope);
  return op;
}

/** One algebra per layout (the walk keeps its view per algebra and origin). */
const layoutAlgebras = new WeakMap<SiteLayout, OperatorAlgebra<number, OpSum>>();

/**
 * Sums of float64 product terms on v2 sites: on the layout's sites (global site numbers, each
 * factor of its site's dimension), v2 operators placed by symbolic/evaluate-operator.
 */
function layoutAlgebra(layout: SiteLayout): OperatorAlgebra<number, OpSum> {
  let A = layoutAlgebras.get(layout);
  if (!A) {
    const N = layout.dims.length;
    A = { ...productTermAlgebra(N, () => { throw new RangeError('a qubit site operator on v2 sites'); }), layout, local: (g, m) => opSite(N, g, m) };
    layoutAlgebras.set(layout, A);
  }
  return A;
}
