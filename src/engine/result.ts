/**
 * What `current` returns (the float64 engine's result types): a leaf module, so that the
 * method-independent pieces (engine/tail.ts) and current.ts import them without importing each other.
 */
import type { Bounded, Bounds, OverallTerms, Verdict as VerdictWord } from '../numeric/index.js';
import type { TermErrors } from './errors.js';
import type { MethodName } from './outcome.js';
import type { TailReportIn } from './tail-bound.js';
import type { TruncationReport } from './truncation.js';

/**
 * What `current` reports about B2tail besides the bound itself: engine/tail-bound's report in
 * float64 (cutoff D, its two pieces, the thinned profile, grid size, coarse, dropped, frequencies).
 */
export type TailReport = TailReportIn<number>;

export type { VerdictWord };

/**
 * The float64 engine's spelling of a {@link VerdictWord} in `CurrentResult.holds` and the JSON of
 * `current` (kept for users' scripts): `true` for 'holds', `false` for 'violated', else the word
 * ('tie': equal within the error; 'unknown': the bound terms are lower bounds and |J| is not
 * below them beyond the error, or the bound is an enclosure and |J| is not beyond both its ends).
 */
export type Verdict = true | false | 'tie' | 'unknown';

/**
 * A verdict word in the spelling of `holds` ({@link Verdict}).
 *
 * @example
 * holdsOf('holds') // true
 * holdsOf('tie') // 'tie'
 */
export function holdsOf(v: VerdictWord): Verdict {
  return v === 'holds' ? true : v === 'violated' ? false : v;
}

export interface ChannelResult {
  readonly J: number;
  readonly normA: number;
  readonly deltaE: number;
  readonly gammaMax: number;
  readonly omegaGammaMax: number;
  /** This channel's share of B_state: omegaGammaMax * Tr[A^2 Pinch(rho)]. */
  readonly Bstate: number;
  /** Tr[A^2 Pinch(rho)]. */
  readonly pinchedA2: number;
  /** How ||A|| was obtained. */
  readonly normHow: string;
}

/**
 * The heat current of one named channel entry (`name:` in the model): J_c with its absolute error
 * bound, and how many channels it sums (L for an `each` entry, else 1). J > 0: heat flows into
 * the system from this entry's baths; J is the sum over all channels.
 */
export interface NamedCurrent {
  readonly name: string;
  readonly J: number;
  readonly error: number;
  readonly channels: number;
}

/**
 * The upper ends of the enclosures of `current` (both engines; B a value with its error): the
 * Omega statistics over every matrix element of A not certified zero, per channel and overall, and
 * the four bounds built on them. Reported only where some statistic's upper end is above its lower
 * one (the value reported as the statistic itself, over the certified-nonzero elements).
 */
export interface UpperEnds<B> {
  /** The statistics whose ends differ in some channel: 'deltaE', 'gammaMax', 'omegaGammaMax'. */
  readonly differs: readonly ('deltaE' | 'gammaMax' | 'omegaGammaMax')[];
  readonly channels: readonly { readonly deltaE: B; readonly gammaMax: B; readonly omegaGammaMax: B; readonly Bstate: B }[];
  readonly terms: { readonly deltaE: B; readonly gammaMax: B; readonly omegaGammaMax: B };
  readonly bounds: Bounds<B>;
}

export interface CurrentResult {
  readonly model: string;
  readonly L: number;
  readonly method: MethodName;
  readonly state: string;
  readonly J: number;
  readonly channels: readonly ChannelResult[];
  readonly terms: OverallTerms;
  /** The four bounds of physics.md and B2tail, the band bound robust to tails (engine/tail.ts). */
  readonly bounds: Bounds & { readonly B2tail: number };
  /** Each bound's verdict as `true`/`false`/'tie'/'unknown' (the JSON's `holds`). */
  readonly holds: Readonly<Record<keyof Bounds | 'B2tail', Verdict>>;
  /** The same verdicts as words ('holds', 'violated', 'tie', 'unknown'), shared with the decimal.js engine. */
  readonly verdicts: Readonly<Record<keyof Bounds | 'B2tail', VerdictWord>>;
  /** Absolute error bounds of J and of each bound (a posteriori: engine/errors.ts). */
  readonly error: { readonly J: number; readonly bounds: Readonly<Record<keyof Bounds | 'B2tail', number>> };
  /** B2tail's cutoff D and profile. */
  readonly tail: TailReport;
  /** Absolute error bounds of every term and of each channel's quantities (engine/errors.ts). */
  readonly termErrors: TermErrors;
  /** True when every bound term is the exact full-space value. */
  readonly exact: boolean;
  readonly inexact: readonly string[];
  /** True when the terms are lower bounds only (inexact for a reason other than an enclosure: engine/system Report). */
  readonly lowerBounds: boolean;
  readonly notes: readonly string[];
  readonly dimension: number;
  /** Each bound's margin B - |J| with its error e_B + e_J: what its verdict decides (numeric boundVerdicts, via engine/assemble). */
  readonly margins: Readonly<Record<keyof Bounds | 'B2tail', Bounded<number>>>;
  /** |J| / B with its first-order error (engine/assemble; the value Infinity when B = 0 < |J|, 0 when both are 0). */
  readonly ratios: Readonly<Record<keyof Bounds | 'B2tail', Bounded<number>>>;
  /** The current of each named channel entry, in file order; present only when the model names a channel. */
  readonly currents?: readonly NamedCurrent[];
  /**
   * Where the Omega statistics are enclosures (elements of A at or below the zero threshold that are
   * not exact zeros): their upper ends and the bounds' (each with its error bound). Absent: exact.
   */
  readonly upper?: UpperEnds<Bounded<number>>;
  /** With `truncation: true` for a model with bosonic modes: the change from each cutoff n to 2n (engine/truncation). */
  readonly truncation?: TruncationReport;
}
