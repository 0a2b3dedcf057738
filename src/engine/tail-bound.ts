/**
 * B2tail at the engine level, written once over a {@link Field}: the profile of the channels'
 * frequency tables (numeric tailProfileIn), its minimum over D as a bounded value whose error the
 * engine's error model gives, the report for output (cutoff D, pieces, thinned profile), and the
 * verdict of B2tail >= |J|. The float64 engine's instance is engine/tail.ts, the decimal.js
 * engine's engine/precise/tail.ts; they differ only in their error models.
 */
import {
  decide, tailProfileIn, thinTailPoints,
  type Bounded, type Field, type TailFrequencies, type TailProfileIn, type TailTableIn, type Verdict,
} from '../numeric/index.js';

/** What the engines report about B2tail besides the bound itself, over a field. */
export interface TailReportIn<T> {
  /** The cutoff D of the best B2tail (0: no band term; max |w|: the whole of Omega is the band). */
  readonly D: T;
  /** B2tail's two pieces at D: sum D Gamma_<=D Tr[A^2 Pinch rho] and sum M_>D Tr[rho T_>D]. */
  readonly band: T;
  readonly tail: T;
  /** B2tail(D) on the grid of breakpoints (thinned to at most 256 points, always with the best). */
  readonly profile: readonly { readonly D: T; readonly value: T }[];
  /** Number of breakpoints (distinct |w| plus D = 0) the minimum was taken over. */
  readonly gridPoints: number;
  /** Some channel's table is a coarse grid (still rigorous). */
  readonly coarse: boolean;
  /** Bound on the |J| of the weights left out of the tables (pairs outside Omega of `omega` tables; in the error of B2tail). */
  readonly dropped: T;
  /** `bohr` when every channel's maxima run over every Bohr frequency, else `omega`. */
  readonly frequencies: TailFrequencies;
}

/** What B2tail is computed from: the channels' frequency tables and the engine's error model of the minimum. */
export interface TailInputIn<T> {
  readonly tables: readonly TailTableIn<T>[];
  /** A bound on the error of the minimum of the profile (how the engine's sums, frequencies, rates and dropped terms may move it). */
  readonly error: (p: TailProfileIn<T>) => T;
}

/** B2tail with its error, the profile it is the minimum of, and its report. */
export interface TailBoundIn<T> {
  readonly bound: Bounded<T>;
  readonly profile: TailProfileIn<T>;
  readonly report: TailReportIn<T>;
}

/**
 * B2tail = min over D of sum_alpha [D Gamma_<=D Tr[A^2 Pinch rho] + M_>D Tr[rho T_>D]] over the
 * channels' tables, with the absolute error `error(profile)` (the engine's error model: how its
 * sums, frequencies, rates and dropped terms may move the minimum).
 */
export function tailBound<T>(F: Field<T>, tables: readonly TailTableIn<T>[], error: (p: TailProfileIn<T>) => T): TailBoundIn<T> {
  const p = tailProfileIn(F, tables);
  const best = p.best;
  return {
    bound: { value: best.value, error: error(p) },
    profile: p,
    report: {
      D: best.D, band: best.band, tail: best.tail,
      profile: thinTailPoints(F, p.points, best).map((x) => ({ D: x.D, value: x.value })),
      gridPoints: p.points.length, coarse: p.coarse, dropped: p.dropped,
      frequencies: tables.every((t) => t.frequencies === 'bohr') ? 'bohr' : 'omega',
    },
  };
}

/**
 * The verdict on B2tail >= |J| ({@link decide} on the margin B2tail - |J| with error e_B2tail + e_J);
 * `lowerBounds`: the method's terms are only lower bounds, so only 'holds' can be decided.
 */
export function tailVerdict<T>(F: Field<T>, J: Bounded<T>, tail: Bounded<T>, lowerBounds: boolean): Verdict {
  return decide({ value: F.sub(tail.value, F.abs(J.value)), error: F.add(J.error, tail.error) }, { lowerBounds }, F).verdict;
}
