/**
 * The data of one model in a scaling plot: |J|, B1 and B2 at each computed L, and the exponent of
 * |J| fitted over the largest L.
 */
import type { CurrentResult } from '../../engine/index.js';
import { fitExponent } from '../../numeric/index.js';

/** One computed L of a model (hbar = k_B = 1; J > 0: heat flows into the system). */
export interface PlotPoint {
  readonly L: number;
  readonly J: number;
  readonly B1: number;
  readonly B2: number;
}

/** A model's curve: its points and the fit of log|J| against log L over the largest L. */
export interface PlotSeries {
  readonly model: string;
  readonly points: readonly PlotPoint[];
  /** d log|J| / d log L fitted over {@link fitLs}; NaN when fewer than two L have J != 0. */
  readonly exponent: number;
  /** The L of the fit: the {@link fitPoints} largest with J != 0. */
  readonly fitLs: readonly number[];
}

/** How many of the largest L the exponent is fitted over (as the demo's tables). */
export const fitPoints = 4;

/**
 * The series of `model` from its results at increasing L.
 *
 * @example seriesOf('allflip', [1, 2, 3].map((L) => computeCurrent(spec, L))).exponent // 3
 */
export function seriesOf(model: string, results: readonly CurrentResult[]): PlotSeries {
  const points = results.map((r) => ({ L: r.L, J: r.J, B1: r.bounds.B1, B2: r.bounds.B2 }));
  const tail = points.filter((p) => p.J !== 0 && Number.isFinite(p.J)).slice(-fitPoints);
  const exponent = tail.length >= 2 ? fitExponent(tail.map((p) => p.L), tail.map((p) => p.J)).exponent : NaN;
  return { model, points, exponent, fitLs: tail.map((p) => p.L) };
}
