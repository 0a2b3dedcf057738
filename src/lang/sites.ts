/**
 * Which species of sites a site operator acts on (model-language.md, v2 `sites:`). The operator's
 * name decides it; a model holds at most one species of each kind, so the answer is unique:
 *
 * - spin operators `Sx Sy Sz Sp Sm` act on the spin species; the qubit operators `X Y Z N` on a spin
 *   species of s = 1/2 only (they are Pauli matrices and |u><u|, defined for two levels);
 * - `a adag n` act on the boson species;
 * - `P[i,j]` acts on the levels species, or, in a model without one, on its only species.
 *
 * A v1 model (no `sites:`) is L qubits: one spin-1/2 species of L sites, so every qubit and spin
 * operator and `P` apply there, as in v1, and the mode operators do not.
 */
import type { SiteOpName } from './ast.js';
import type { ModelSpec, SpeciesSpec } from './model.js';

/** The species of v1 and of every file without `sites:`: L qubits. */
export const qubitSpecies: SpeciesSpec = Object.freeze({ name: 'sites', kind: 'spin', dim: 2, twoS: 1, count: null, key: 'sites' });

/** The model's species in Kronecker order: its `sites:`, or L qubits. */
export function speciesOfModel(model: Pick<ModelSpec, 'sites'>): readonly SpeciesSpec[] {
  return model.sites ?? [qubitSpecies];
}

/** The index (into {@link speciesOfModel}) of the species `op` acts on, or why none: a sentence. */
export function speciesOf(species: readonly SpeciesSpec[], op: SiteOpName): { readonly index: number } | { readonly why: string } {
  const find = (kind: SpeciesSpec['kind']) => species.findIndex((s) => s.kind === kind);
  const describe = species.map(describeSpecies).join(', ');
  switch (op) {
    case 'Sx': case 'Sy': case 'Sz': case 'Sp': case 'Sm': {
      const i = find('spin');
      return i >= 0 ? { index: i } : { why: `${op} is a spin operator and this model has no spin sites (${describe})` };
    }
    case 'X': case 'Y': case 'Z': case 'N': {
      const i = find('spin');
      if (i < 0) return { why: `${op} is a qubit operator and this model has no spin-1/2 sites (${describe})` };
      if (species[i].twoS !== 1) {
        return { why: `${op} is a qubit operator (two levels); the spin sites here are ${describeSpecies(species[i])}: use Sx, Sy, Sz, Sp, Sm or P[i,j]` };
      }
      return { index: i };
    }
    case 'a': case 'adag': case 'n': {
      const i = find('boson');
      return i >= 0 ? { index: i } : { why: `${op} is a mode operator and this model has no boson sites (${describe})` };
    }
    case 'P': {
      const i = find('levels');
      if (i >= 0) return { index: i };
      if (species.length === 1) return { index: 0 };
      return { why: `P[i,j] acts on the levels species, or on the only species; this model has ${describe}` };
    }
  }
}

/** `spin 1 (3 levels)`, `levels 3`, `boson (cutoff 20)`: a species as the messages name it. */
export function describeSpecies(s: SpeciesSpec): string {
  switch (s.kind) {
    case 'spin': return `spin ${s.twoS % 2 === 0 ? String(s.twoS / 2) : `${s.twoS}/2`} (${s.dim} levels)`;
    case 'levels': return `levels ${s.dim}`;
    case 'boson': return `boson (cutoff ${s.dim})`;
  }
}
