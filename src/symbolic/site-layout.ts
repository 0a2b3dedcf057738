/**
 * The sites of a model at one L (model-language v2, `sites:`): each species' count, its first
 * global site and every site's dimension, in Kronecker order (species in declaration order, each
 * species' sites 0..count-1; global site g = offset(species) + k). The one-site matrix of a v2
 * site operator on a species (spin-s matrices, level projectors, truncated mode operators; numeric/local).
 */
import { describeSpecies, printExpr, type ModelSpec, type SiteOpName, type SpeciesSpec } from '../lang/index.js';
import { bosonMatrices, levelProjector, siteOperators, spinMatrices, type Local } from '../numeric/index.js';

/** A model's sites at one L. */
export interface SiteLayout {
  readonly species: readonly SpeciesSpec[];
  /** The number of sites of each species at this L. */
  readonly counts: readonly number[];
  /** The global site number of each species' site 0. */
  readonly offsets: readonly number[];
  /** The dimension of each global site (length: the total number of sites). */
  readonly dims: readonly number[];
}

/** The layout of species with the given counts. */
export function siteLayout(species: readonly SpeciesSpec[], counts: readonly number[]): SiteLayout {
  const offsets: number[] = [];
  const dims: number[] = [];
  species.forEach((s, i) => {
    offsets.push(dims.length);
    for (let k = 0; k < counts[i]; k++) dims.push(s.dim);
  });
  return { species, counts, offsets, dims };
}

/** True when every site is a qubit of one spin-1/2 species of L sites: the layout of v1 (its operators are v1's). */
export function isQubitLayout(layout: SiteLayout, L: number): boolean {
  return layout.species.length === 1 && layout.species[0].kind === 'spin' && layout.species[0].twoS === 1 && layout.counts[0] === L;
}

/**
 * Null when the model's sites are L qubits at every L (v1, or one spin-1/2 species of L sites):
 * the sites the derivations (derive, derive-sites) read, whose J_z is sum Z/2. Otherwise the
 * reason they are not, for a NotDerivable: a spin-s J_z written the same way has other sectors.
 */
export function notQubitsAtEveryL(model: ModelSpec): string | null {
  const sites = model.sites;
  if (!sites) return null;
  if (sites.length === 1 && sites[0].kind === 'spin' && sites[0].twoS === 1 && sites[0].count === null) return null;
  const text = sites.map((s) => `${s.name}: ${describeSpecies(s)} x ${s.count === null ? 'L' : printExpr(s.count.expr)}`).join(', ');
  return `the derivations are for L qubits; this model's sites are ${text}`;
}

/** The species as text, for notes: `spin 1 (3 levels) x 4, boson (cutoff 5) x 1`. */
export function layoutText(layout: SiteLayout): string {
  return layout.species.map((s, i) => `${s.name}: ${describeSpecies(s)} x ${layout.counts[i]}`).join(', ');
}

const spinCache = new Map<number, ReturnType<typeof spinMatrices>>();
const bosonCache = new Map<number, ReturnType<typeof bosonMatrices>>();

/**
 * The one-site matrix of `op` on a site of species `s` (the species `speciesOf` chose for it), with
 * the levels (i, j) of `P[i,j]`: v1's qubit matrices on a spin 1/2 for X, Y, Z, N (and Sp, Sm, which
 * are equal there), spin-s matrices, |i><j|, and a, adag, n truncated to the cutoff.
 */
export function speciesLocal(s: SpeciesSpec, op: SiteOpName, levels: readonly [number, number] | null): Local {
  switch (op) {
    case 'X': case 'Y': case 'Z': case 'N': return siteOperators[op];
    case 'Sx': case 'Sy': case 'Sz': case 'Sp': case 'Sm': {
      if (s.twoS === 1 && (op === 'Sp' || op === 'Sm')) return siteOperators[op];
      let m = spinCache.get(s.twoS);
      if (!m) { m = spinMatrices(s.twoS); spinCache.set(s.twoS, m); }
      return m[op];
    }
    case 'P': return levelProjector(s.dim, levels![0], levels![1]);
    case 'a': case 'adag': case 'n': {
      let m = bosonCache.get(s.dim);
      if (!m) { m = bosonMatrices(s.dim); bosonCache.set(s.dim, m); }
      return m[op];
    }
  }
}
