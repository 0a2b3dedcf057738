/**
 * The data of one model in a scaling plot: |J|, B1 and B2 at each computed L with their error
 * bounds, and the exponent of |J| fitted over the largest L. A value within its error bound of 0
 * is zero: it is not drawn (a log axis has no 0) and no exponent is fitted to it.
 */
import type { CurrentResult } from '../../engine/index.js';
import { fitExponent } from '../../numeric/index.js';

/** One computed L of a model (hbar = k_B = 1; J > 0: heat flows into the system). */
export interface PlotPoint {
  readonly L: number;
  readonly J: number;
  readonly B1: number;
  readonly B2: number;
  /** Absolute error bounds (round-off) of J, B1 and B2. */
  readonly error: { readonly J: number; readonly B1: number; readonly B2: number };
  /** |J| <= its error bound: J is 0 within round-off (a two-bath steady state, a dark state). */
  readonly zero: boolean;
}

/** A model's curve: its points and the fit of log|J| against log L over the largest L. */
export interface PlotSeries {
  readonly model: string;
  readonly points: readonly PlotPoint[];
  /** d log|J| / d log L fitted over {@link fitLs}; NaN when fewer than two L have J != 0 beyond its error. */
  readonly exponent: number;
  /** The L of the fit: the {@link fitPoints} largest where J is nonzero beyond its error bound. */
  readonly fitLs: readonly number[];
  /** The L where J = 0 within its error bound (not drawn). */
  readonly zeroLs: readonly number[];
  /** The named channel whose current J[channel] the points hold (`plot --channel`); absent: the total J. */
  readonly channel?: string;
}

/** How many of the largest L the exponent is fitted over (as the demo's tables). */
export const fitPoints = 4;

/**
 * Whether `value` is zero within its absolute error bound `error` (a value that is not finite is
 * not zero).
 *
 * @example isZeroWithin(-5.6e-17, 7.7e-15) // true
 */
export function isZeroWithin(value: number, error: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= (Number.isFinite(error) ? Math.max(0, error) : 0);
}

/**
 * The series of `model` from its results at increasing L: of J, or with `channel` of the current
 * J[channel] of that named channel (`plot --channel`; every result must report it).
 *
 * @throws RangeError when a result does not report the current of `channel`
 * @example seriesOf('allflip', [1, 2, 3].map((L) => computeCurrent(spec, L))).exponent // 3
 */
export function seriesOf(model: string, results: readonly CurrentResult[], channel?: string): PlotSeries {
  const points: PlotPoint[] = results.map((r) => {
    const c = channel === undefined ? null : r.currents?.find((x) => x.name === channel);
    if (c === undefined) throw new RangeError(`the result of ${model} at L = ${r.L} reports no current of the channel '${channel}'`);
    const J = c ? c.J : r.J;
    const error = { J: c ? c.error : r.error?.J ?? 0, B1: r.error?.bounds?.B1 ?? 0, B2: r.error?.bounds?.B2 ?? 0 };
    return { L: r.L, J, B1: r.bounds.B1, B2: r.bounds.B2, error, zero: isZeroWithin(J, error.J) };
  });
  const tail = points.filter((p) => !p.zero && Number.isFinite(p.J)).slice(-fitPoints);
  const exponent = tail.length >= 2 ? fitExponent(tail.map((p) => p.L), tail.map((p) => p.J)).exponent : NaN;
  return { model, points, exponent, fitLs: tail.map((p) => p.L), zeroLs: points.filter((p) => p.zero).map((p) => p.L), ...(channel === undefined ? {} : { channel }) };
}

/** The largest error bound of J over the series' zero points (0 when there are none). */
export function zeroBound(s: PlotSeries): number {
  return Math.max(0, ...s.points.filter((p) => p.zero).map((p) => p.error.J));
}
