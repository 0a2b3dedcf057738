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
}
