/**
 * The data types shared by the decimal.js engine's paths (product basis, Dicke basis, tails,
 * steady states): a leaf module, so that the paths import them without importing each other.
 */
import type { Decimal } from '../../numeric/index.js';
import type { LocatedExpr, Origin } from '../../lang/index.js';
import type { Bounded as FieldBounded, Precision, PreciseSpaces, PreciseState, PreciseOperatorColumns, PreciseTailTable } from '../../numeric/index.js';

/** diagonal, dense: the product basis of 2^L; symmetric: the Dicke basis of the sector j = L/2. */
export type PreciseMethod = 'diagonal' | 'dense' | 'symmetric';

/** A number and an absolute error bound on it: numeric's {@link FieldBounded} over Decimal. */
export type Bounded = FieldBounded<Decimal>;

export interface PreciseOptions {
  /** Significant digits (default 30). */
  readonly digits?: number;
  /** Ties are recomputed once at this many digits (default 2 * digits, at most 1000). */
  readonly maxDigits?: number;
  readonly state?: LocatedExpr | null;
  readonly stateFile?: string;
}

/** A channel of a precise system: A in the eigenbasis of H_S and its bath. */
export interface PreciseSystemChannel {
  /** `0`, `1`, ... or `k = 3` for an `each` entry. */
  readonly label: string;
  readonly A: PreciseOperatorColumns;
  readonly gamma: (w: Decimal) => Decimal;
  readonly norm: Bounded & { readonly how: string };
  /** Entries of A with modulus at most this count as zero when deciding Omega. */
  readonly zero: Decimal;
  /** Bound on the absolute error of each entry of A in the eigenbasis. */
  readonly entryError: Decimal;
  /**
   * Omega statistics contributed by parts of the space the system does not represent (other
   * total-spin sectors of a collective model), merged by maximum into the channel's; absent: none.
   */
  readonly extraOmega?: {
    readonly deltaE: Decimal; readonly gammaMax: Decimal; readonly omegaGammaMax: Decimal;
    /** The same over every element not certified zero (absent: the statistics themselves). */
    readonly upper?: { readonly deltaE: Decimal; readonly gammaMax: Decimal; readonly omegaGammaMax: Decimal };
  };
  /** B2tail's frequency table of those parts (their Omega), merged into the channel's. */
  readonly extraTail?: PreciseTailTable;
  readonly origin: Origin;
  readonly gammaOrigin: Origin | null;
}

/**
 * A model at one L in Decimal: eigenspaces of H_S, each channel's A in the eigenbasis, the state in
 * the eigenbasis, and the accuracy of each. Public so that callers can build second methods and
 * variants (pinched states, other kernels) on the same data.
 */
export interface PreciseSystem {
  readonly P: Precision;
  readonly model: string;
  readonly L: number;
  readonly method: PreciseMethod;
  readonly stateText: string;
  readonly dimension: number;
  readonly spaces: PreciseSpaces;
  readonly state: PreciseState;
  readonly channels: readonly PreciseSystemChannel[];
  readonly normH: Decimal;
  readonly width: Decimal;
  /** Bound on eigenvalue errors (0 on the diagonal path). */
  readonly residual: Decimal;
  /** Relative error of eigenbasis matrix elements and of J. */
  readonly relError: Decimal;
  /** Absolute error of the state's entries in the eigenbasis (a computed steady state); 0 otherwise. */
  readonly stateError?: Decimal;
  readonly notes: readonly string[];
}
