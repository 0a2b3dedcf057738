/**
 * `heatbound plot MODEL... [--L A..B] [--out FILE.svg|FILE.png] [--bounds] [--param k=v]...`:
 * log-log |J| against L for each model, with the exponent fitted over the largest L in the legend,
 * grey reference slopes L, L^2, L^3 and, with --bounds, the limits B1 (dashed) and B2 (dotted).
 * Where J = 0 within its error bound (a two-bath steady state) nothing is drawn and no exponent is
 * fitted: the legend, the subtitle and the output say so.
 */
import { relative, resolve } from 'node:path';
import { computeCurrent, NoMethodError, type CurrentResult } from '../../engine/index.js';
import type { ModelSpec } from '../../lang/index.js';
import type { CliIO } from '../io.js';
import { loadModelArg } from '../load.js';
import { commandOptions, usageError, type FlagsOf } from '../options.js';
import { checkOutputTarget, type OutputTarget } from '../output.js';
import { resolveModel } from '../paths.js';
import { defaultLargeLs, defaultLs, noFit, plotFormat, plotLs, scalingPlotSpec, seriesOf, writePlot, zeroNote, type PlotSeries } from '../plot/index.js';

/** The raw flags of `plot`, as its options in the table declare them. */
export type PlotFlags = FlagsOf<typeof commandOptions.plot>;

/**
 * `--L` of `plot`: a range A..B is sampled ({@link plotLs}: every integer on a short range,
 * geometric on a long one); N or A,B,C are plotted exactly.
 *
 * @throws InputError (bad-usage) for anything else
 */
export function parsePlotLs(text: string): number[] {
  const Ls = commandOptions.plot.L.parse(text);
  return Array.isArray(Ls) ? Ls : plotLs(Ls.from, Ls.to);
}

function currentAt(arg: string, spec: ModelSpec, L: number): CurrentResult {
  try {
    return computeCurrent(spec, L);
  } catch (err) {
    if (err instanceof NoMethodError) {
      throw usageError('--L', String(L), `${arg} at L = ${L}: ${err.message.replace(/:$/m, '')}\n(plot it over a smaller --L)`);
    }
    throw err;
  }
}

/**
 * The L of one model: the given ones, or by default 1..12 and, when the symmetric method computes
 * the model (L up to 10^5 in milliseconds to a second), 20, 50, 100, ..., 100000.
 */
function resultsOf(arg: string, spec: ModelSpec, Ls: readonly number[] | null): CurrentResult[] {
  // Largest first: an L that no method reaches fails at once, before the smaller ones are computed.
  const rs = [...(Ls ?? defaultLs)].reverse().map((L) => currentAt(arg, spec, L)).reverse();
  if (Ls === null && rs[rs.length - 1].method === 'symmetric') rs.push(...defaultLargeLs.map((L) => currentAt(arg, spec, L)));
  return rs;
}

/** Runs `plot`; returns the exit code. Errors propagate to the CLI's handler; --out is written by the one output writer (a temporary file renamed onto it, never through a link nor onto a model file). */
export async function plotCommand(models: readonly string[], flags: PlotFlags, io: CliIO): Promise<number> {
  const out = flags.out;
  if (!plotFormat(out)) throw usageError('--out', out, `expected a file name ending in .svg or .png (the format follows the extension), got '${out}'`);
  const Ls = flags.L === undefined ? null : parsePlotLs(flags.L);
  const specs = models.map((arg) => ({ arg, spec: loadModelArg(arg, flags.param, io) }));
  // Refused before any work: --out a link, a directory, or one of the model files.
  const file = resolve(io.cwd, out);
  const target: OutputTarget = { path: file, shown: out, key: '--out' };
  const inputs = models.map((arg) => resolveModel(arg, io.cwd)?.path ?? arg);
  checkOutputTarget(target, inputs);
  const series: PlotSeries[] = [];
  const names = new Set<string>();
  for (const { arg, spec } of specs) {
    // Two models of one name (two files) keep apart in the legend by what was typed.
    const name = names.has(spec.name) ? `${spec.name} (${arg})` : spec.name;
    names.add(name);
    series.push(seriesOf(name, resultsOf(arg, spec, Ls)));
  }
  const bounds = flags.bounds ?? false;
  const paramText = (spec: ModelSpec) => spec.params.map((p) => `${p.name} = ${p.text}`).join(', ') || 'no params';
  const sameParams = specs.every(({ spec }) => paramText(spec) === paramText(specs[0].spec));
  const params = sameParams
    ? [`${series.map((s) => s.model).join(', ')}: ${paramText(specs[0].spec)}`]
    : specs.map(({ spec }, i) => `${series[i].model}: ${paramText(spec)}`);
  // Zeros cannot be drawn on a log axis: say so on the figure, not only in the legend.
  const zeros = series.filter((s) => s.zeroLs.length).map((s) => `${s.model}: ${zeroNote(s)}.`);
  const spec = scalingPlotSpec(series, {
    bounds,
    title: bounds ? 'Heat current |J| and its limits B1, B2 against L' : 'Heat current |J| against L',
    subtitle: [params.join('; '), 'J < 0 means heat flows out of the system; |J| is drawn. Grey: reference slopes.', ...zeros],
  });
  await writePlot(spec, [target], inputs);
  for (const s of series) {
    const fit = Number.isFinite(s.exponent) ? `|J| ~ L^${s.exponent.toFixed(3)} (fitted over L = ${s.fitLs.join(', ')})` : noFit(s);
    const zero = s.zeroLs.length && Number.isFinite(s.exponent) ? `; ${zeroNote(s)}` : '';
    io.out(`${s.model}: ${fit}${zero}; L = ${s.points[0].L}..${s.points[s.points.length - 1].L}, ${s.points.length} point${s.points.length === 1 ? '' : 's'}\n`);
  }
  const shown = relative(io.cwd, file);
  io.out(`wrote ${shown.startsWith('..') ? file : shown}\n`);
  return 0;
}
