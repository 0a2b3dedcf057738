/**
 * The one decomposition of a Hermitian sum of product terms by the sites its terms connect, over a
 * number field: A = c0 + sum_g A_g, c0 the identity part and A_g the terms on one connected group g
 * of sites (union-find over the terms' supports). Terms on disjoint groups commute, so the spectrum
 * of A is c0 plus the Minkowski sum of the groups' spectra and
 * lambda_max(A) = c0 + sum_g lambda_max(A_g) (likewise min). Both engines are instances: the float64
 * one (numeric/opextremes, groups of up to 14 sites diagonalised as sparse matrices) and the Decimal
 * one (engine/precise/current, groups of one site, each an exact 2 x 2 eigenproblem).
 */
import type { Field } from './field.js';

/** What the decomposition needs of a product term: the sorted distinct sites it acts on (none: the identity). */
export interface SiteTerm {
  readonly sites: readonly number[];
}

/** The terms on one connected group of sites, in their order in the sum; `sites` ascending. */
export interface SiteGroup<Term> {
  readonly sites: number[];
  readonly terms: Term[];
}

/**
 * Splits terms on L sites into the identity terms (no site) and the connected components of the
 * other terms' supports, in the order of each component's first term.
 *
 * @example
 * siteGroups(3, [{ sites: [] }, { sites: [0] }, { sites: [1, 2] }]).groups.map((g) => g.sites) // [[0], [1, 2]]
 */
export function siteGroups<Term extends SiteTerm>(L: number, terms: readonly Term[]): { identity: Term[]; groups: SiteGroup<Term>[] } {
  const parent = Array.from({ length: L }, (_, i) => i);
  const find = (x: number): number => { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; };
  for (const t of terms) for (let q = 1; q < t.sites.length; q++) parent[find(t.sites[q])] = find(t.sites[0]);
  const identity: Term[] = [];
  const groups = new Map<number, SiteGroup<Term>>();
  for (const t of terms) {
    if (t.sites.length === 0) { identity.push(t); continue; }
    const r = find(t.sites[0]);
    if (!groups.has(r)) groups.set(r, { sites: [], terms: [] });
    groups.get(r)!.terms.push(t);
  }
  for (let s = 0; s < L; s++) groups.get(find(s))?.sites.push(s);
  return { identity, groups: [...groups.values()] };
}

/** The smallest and largest eigenvalue of a Hermitian operator (and whatever else an engine reports of them). */
export interface EigenRange<T> {
  readonly min: T;
  readonly max: T;
}

/** How an engine instantiates {@link groupExtremes}. */
export interface GroupExtremesOptions<T, Term, X extends EigenRange<T>> {
  /** The real part of an identity term's coefficient, in the field. */
  readonly constant: (t: Term) => T;
  /** The largest group the engine diagonalises; a larger group makes the decomposition not apply. */
  readonly maxGroupSites: number;
  /** The extremes of one group's terms (as an operator on the group's sites). */
  readonly extremes: (g: SiteGroup<Term>) => X;
}

/**
 * The extreme eigenvalues of the Hermitian sum of `terms` on L sites from its {@link siteGroups}:
 * min = c0 + sum_g min_g and max = c0 + sum_g max_g, added in F left to right starting from c0
 * (c0: the identity terms' constants summed, the first as it is), with every group's own result in
 * `parts` (group order). Null when a group has more than `maxGroupSites` sites.
 *
 * @example
 * // ||sum_k X_k|| on L sites: L one-site groups of extremes -1, 1
 * groupExtremes(float64Field, L, terms, { constant: (t) => t.cr, maxGroupSites: 1, extremes: () => ({ min: -1, max: 1 }) })
 * // { min: -L, max: L, parts: [...] }
 */
export function groupExtremes<T, Term extends SiteTerm, X extends EigenRange<T>>(
  F: Field<T>, L: number, terms: readonly Term[], opts: GroupExtremesOptions<T, Term, X>,
): { min: T; max: T; parts: X[] } | null {
  const { identity, groups } = siteGroups(L, terms);
  if (!groups.every((g) => g.sites.length <= opts.maxGroupSites)) return null;
  let c0 = identity.length > 0 ? opts.constant(identity[0]) : F.zero;
  for (let k = 1; k < identity.length; k++) c0 = F.add(c0, opts.constant(identity[k]));
  let min = c0, max = c0;
  const parts: X[] = [];
  for (const g of groups) {
    const x = opts.extremes(g);
    min = F.add(min, x.min);
    max = F.add(max, x.max);
    parts.push(x);
  }
  return { min, max, parts };
}
