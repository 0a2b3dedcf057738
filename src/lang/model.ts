/**
 * The checked, parsed form of a model file (model-language.md). A model is a family: nothing here
 * is tied to one L. Every expression keeps its key path so later stages can report errors at the
 * right place.
 */
import type { Expr } from './ast.js';

/** An expression together with where it came from. */
export interface LocatedExpr {
  readonly expr: Expr;
  /** Key path in the model, e.g. `H`, `channels[1].A`, `channels[0].bath.rate`, `state`. */
  readonly key: string;
  /** The expression text as written. */
  readonly text: string;
}

export type SpectrumKind = 'flat' | 'ohmic' | 'custom';

/** A bath. Scalar fields are expressions in params and L (`gamma` also in `w`). */
export interface BathSpec {
  readonly spectrum: SpectrumKind;
  /** flat, ohmic */
  readonly rate: LocatedExpr | null;
  /** flat, ohmic; absent means 0 */
  readonly T: LocatedExpr | null;
  /** ohmic */
  readonly wc: LocatedExpr | null;
  /** custom: an expression in `w` and params */
  readonly gamma: LocatedExpr | null;
}

/** One channel (or, with `each`, one channel per site k = 0..L-1). */
export interface ChannelSpec {
  /** The bound index name of an `each` entry, or null. */
  readonly each: string | null;
  /**
   * The entry's name (`name: hot`), unique in the model; absent or null when unnamed. An `each`
   * entry's name is the name of its group: its current is the sum over the entry's L channels.
   */
  readonly name?: string | null;
  readonly A: LocatedExpr;
  readonly bath: BathSpec;
}

/** A param with its exact decimal text (`0.1` stays 1/10) and numeric value. */
export interface ParamSpec {
  readonly name: string;
  readonly text: string;
  readonly value: number;
}

/**
 * One species of sites of a v2 model (`sites:`, model-language.md). A species is a number of
 * identical sites, each of dimension `dim`: a spin s (dim 2s + 1, basis m = s, s - 1, ..., -s: index
 * 0 is the highest m, as v1's u), a d-level particle (levels 0..d-1) or a bosonic mode truncated to
 * the Fock states 0..cutoff-1 (dim = cutoff, QuTiP's `destroy(cutoff)`). The Hilbert space is the
 * Kronecker product of the species in the order declared, each species' sites 0..count-1 in order:
 * global site number = (sum of the earlier species' counts) + k.
 */
export interface SpeciesSpec {
  /** `name:` of a list entry; the short form's one species is named `sites`. */
  readonly name: string;
  readonly kind: 'spin' | 'levels' | 'boson';
  /** The local dimension: 2s + 1, the number of levels, or the cutoff. */
  readonly dim: number;
  /** Spin species: 2s (1 for s = 1/2); 0 for the other kinds. */
  readonly twoS: number;
  /** The number of sites: an expression in L and params, an integer >= 0 at each L; null means L. */
  readonly count: LocatedExpr | null;
  /** The key path of the species, e.g. `sites` or `sites[1]`, for errors. */
  readonly key: string;
}

export interface ModelSpec {
  /** The file as given on the command line, or the built-in model's name. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  readonly H: LocatedExpr;
  readonly channels: readonly ChannelSpec[];
  /** The default state; null when the file names none (the engine then uses `ground`). */
  readonly state: LocatedExpr | null;
  /**
   * v2: the species of sites (`sites:`), at most one of each kind; absent (v1 and every file
   * without `sites:`) means L qubits, exactly as v1.
   */
  readonly sites?: readonly SpeciesSpec[];
}
