/**
 * Extreme eigenvalues of a Hermitian operator given as a sum of product terms (numeric/opsum),
 * without building the 2^L matrix when the structure allows: terms on disjoint groups of sites
 * commute, so lambda_max(sum) = c0 + sum over groups of lambda_max(group) (likewise min).
 */
import { type Extremes, matvecExtremes, sparseExtremes } from './extremes.js';
import { ColumnApplier, type OpSum, opIdentityPart, opOnSites, opToSparse, siteComponents } from './opsum.js';

/** Largest site group diagonalised as its own 2^k matrix. */
export const maxGroupSites = 14;
/** Largest L for which the full sparse matrix is built for its extremes. */
export const maxSparseSites = 20;

/**
 * Extreme eigenvalues of a Hermitian OpSum on the full 2^L space.
 *
 * @example
 * normOf(opExtremes(evalOperator(...)))  // ||sum_k X_k|| = L, from L one-site groups
 */
export function opExtremes(a: OpSum, seed = 1): Extremes {
  const [c0] = opIdentityPart(a);
  const groups = siteComponents(a);
  if (groups.every((g) => g.sites.length <= maxGroupSites)) {
    let min = c0, max = c0, error = 0;
    const how = new Set<string>();
    for (const g of groups) {
      const x = sparseExtremes(opToSparse(opOnSites(g.sites, g.terms)), seed);
      min += x.min;
      max += x.max;
      error += x.error;
      how.add(x.how);
    }
    return { min, max, error, how: groups.length > 1 ? `site-groups(${groups.length}):${[...how].join('+')}` : [...how].join('+') || 'dense-blocks' };
  }
  if (a.L <= maxSparseSites) return sparseExtremes(opToSparse(a), seed);
  const n = 2 ** a.L;
  const app = new ColumnApplier(a);
  return matvecExtremes(n, (xr, xi, yr, yi) => {
    yr.fill(0); yi.fill(0);
    for (let j = 0; j < n; j++) {
      const vr = xr[j], vi = xi[j];
      if (vr === 0 && vi === 0) continue;
      const c = app.apply(j);
      for (let r = 0; r < c; r++) {
        const i = app.rows[r];
        yr[i] += app.re[r] * vr - app.im[r] * vi;
        yi[i] += app.re[r] * vi + app.im[r] * vr;
      }
    }
  }, seed);
}
