/**
 * Extreme eigenvalues of a Hermitian operator given as a sum of product terms (numeric/opsum),
 * without building the 2^L matrix when the structure allows: terms on disjoint groups of sites
 * commute, so lambda_max(sum) = c0 + sum over groups of lambda_max(group) (likewise min): the
 * float64 instance of the one decomposition (numeric/site-groups), groups of up to
 * {@link maxGroupSites} sites.
 */
import { type Extremes, matvecExtremes, sparseExtremes } from './extremes.js';
import { float64Field } from './field.js';
import { ColumnApplier, type OpSum, type ProductTerm, dimensionOf, dimsOfFactors, opOnSites, opToSparse } from './opsum.js';
import { groupExtremes } from './site-groups.js';

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
export function opExtremes(a: OpSum, seed = 1, dims?: readonly number[]): Extremes {
  if (dims !== undefined) return mixedExtremes(a, dims, seed);
  const split = groupExtremes(float64Field, a.L, a.terms, {
    constant: (t: ProductTerm) => t.cr, maxGroupSites,
    extremes: (g) => sparseExtremes(opToSparse(opOnSites(g.sites, g.terms)), seed),
  });
  if (split) {
    let error = 0;
    const how = new Set<string>();
    for (const x of split.parts) { error += x.error; how.add(x.how); }
    const n = split.parts.length;
    return { min: split.min, max: split.max, error, how: n > 1 ? `site-groups(${n}):${[...how].join('+')}` : [...how].join('+') || 'dense-blocks' };
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

/** Largest dimension of a site group (or of the whole space) whose sparse matrix is built on sites of any dimensions. */
const maxMixedGroupDimension = 2 ** 20;

/**
 * {@link opExtremes} on sites of any dimensions (v2 `sites:`, `dims[g]` per site): the same
 * site-group decomposition, each group's sparse matrix in mixed radix (numeric/opsum
 * MixedColumnApplier), or the whole space's when the groups do not split it.
 */
function mixedExtremes(a: OpSum, dims: readonly number[], seed: number): Extremes {
  const groupDim = (sites: readonly number[]) => dimensionOf(sites.map((g) => dims[g]));
  const split = groupExtremes(float64Field, a.L, a.terms, {
    constant: (t: ProductTerm) => t.cr, maxGroupSites: a.L,
    extremes: (g) => {
      if (groupDim(g.sites) > maxMixedGroupDimension) throw new RangeError(`a site group of dimension ${groupDim(g.sites)} is too large for its sparse matrix`);
      const sub = opOnSites(g.sites, g.terms);
      return sparseExtremes(opToSparse(sub, dimsOfFactors(sub)), seed);
    },
  });
  if (split) {
    let error = 0;
    const how = new Set<string>();
    for (const x of split.parts) { error += x.error; how.add(x.how); }
    const n = split.parts.length;
    return { min: split.min, max: split.max, error, how: n > 1 ? `site-groups(${n}):${[...how].join('+')}` : [...how].join('+') || 'dense-blocks' };
  }
  return sparseExtremes(opToSparse(a, dims), seed);
}
