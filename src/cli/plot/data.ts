/**
 * The data of a scaling plot as a file (`plot --data FILE.csv|FILE.json`): per model, each L with
 * J, |J|, B1 and B2 and their error bounds as computed (full float64 precision), whether J is zero
 * within its error bound (not drawn), the exponent fitted over the largest L, and the L that were
 * skipped with the reason.
 */
import { extname } from 'node:path';
import type { PlotSeries } from './series.js';

/** An L of a model that could not be computed, and why (one line). */
export interface SkippedL {
  readonly L: number;
  readonly reason: string;
}

/** One model of the plot: its series and the L skipped. */
export interface PlotDataModel {
  readonly series: PlotSeries;
  readonly skipped: readonly SkippedL[];
}

/** The data file formats, by extension. */
export type PlotDataFormat = 'csv' | 'json';

/** The format of a data file from its extension (case-insensitive), or null when it has no known one. */
export function plotDataFormat(file: string): PlotDataFormat | null {
  const e = extname(file).toLowerCase();
  return e === '.csv' ? 'csv' : e === '.json' ? 'json' : null;
}

/** A number as JSON: finite ones as they are, NaN and infinities as null. */
const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The data as JSON: `{ bounds, models: [{ model, exponent, fitLs, zeroLs, points: [{ L, J, absJ,
 * B1, B2, error: { J, B1, B2 }, zero }], skipped: [{ L, reason }] }] }`; exponent null when none
 * was fitted. With `plot --channel NAME` each model also has `current: "J[NAME]"`: J, absJ and
 * error.J are then those of J[NAME] (the keys stay those of J).
 *
 * @example plotDataJson([{ series, skipped: [] }], false)
 */
export function plotDataJson(models: readonly PlotDataModel[], bounds: boolean): string {
  return JSON.stringify({
    bounds,
    models: models.map(({ series: s, skipped }) => ({
      model: s.model,
      ...(s.channel === undefined ? {} : { current: `J[${s.channel}]` }),
      exponent: num(s.exponent),
      fitLs: s.fitLs,
      zeroLs: s.zeroLs,
      points: s.points.map((p) => ({
        L: p.L, J: num(p.J), absJ: num(Math.abs(p.J)), B1: num(p.B1), B2: num(p.B2),
        error: { J: num(p.error.J), B1: num(p.error.B1), B2: num(p.error.B2) }, zero: p.zero,
      })),
      skipped,
    })),
  }, null, 2) + '\n';
}

/**
 * The columns of the CSV, in order; with `plot --channel NAME` a last column `current` holds
 * `J[NAME]` on each row of a model (J, abs_J and error_J are then those of J[NAME]).
 */
export const plotDataColumns = ['model', 'L', 'J', 'abs_J', 'B1', 'B2', 'error_J', 'error_B1', 'error_B2', 'zero_within_error', 'fitted_exponent', 'skipped'] as const;

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
function field(x: string | number | boolean): string {
  const t = typeof x === 'number' ? (Number.isNaN(x) ? '' : String(x)) : String(x);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/**
 * The data as CSV: a header ({@link plotDataColumns}) and one row per model and L, in the order
 * drawn; fitted_exponent (empty when none was fitted) repeats on each row of its model; a skipped L
 * has only model, L and the reason in skipped. A model of `plot --channel NAME` adds the column
 * `current` (`J[NAME]`).
 *
 * @example plotDataCsv([{ series, skipped: [] }]).split('\n')[0] // 'model,L,J,abs_J,...'
 */
export function plotDataCsv(models: readonly PlotDataModel[]): string {
  const named = models.some((m) => m.series.channel !== undefined);
  const rows: string[] = [[...plotDataColumns, ...(named ? ['current'] : [])].join(',')];
  for (const { series: s, skipped } of models) {
    const current = named ? [s.channel === undefined ? 'J' : `J[${s.channel}]`] : [];
    const rowsOf = [
      ...s.points.map((p) => ({ L: p.L, cells: [p.J, Math.abs(p.J), p.B1, p.B2, p.error.J, p.error.B1, p.error.B2, p.zero, s.exponent, ''] as (string | number | boolean)[] })),
      ...skipped.map((k) => ({ L: k.L, cells: ['', '', '', '', '', '', '', '', '', k.reason] as (string | number | boolean)[] })),
    ].sort((a, b) => a.L - b.L);
    for (const r of rowsOf) rows.push([s.model, r.L, ...r.cells, ...current].map(field).join(','));
  }
  return rows.join('\n') + '\n';
}
