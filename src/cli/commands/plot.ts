/**
 * `heatbound plot MODEL... [--L A..B] [--out FILE.svg|FILE.png|FILE.pdf] [--bounds] [--param k=v]...
 * [--state S] [--data FILE.csv|FILE.json] [--channel NAME]`: log-log |J| (with --channel, |J[NAME]|,
 * the current of the channel named NAME in every model) against L for each model, with the exponent
 * fitted over the largest L in the legend, grey reference slopes L, L^2, L^3 and, with --bounds,
 * the limits B1 (dashed) and B2 (dotted). Where J = 0 within its error bound (a two-bath steady
 * state) nothing is drawn and no exponent is fitted: the legend, the subtitle and the output say so.
 * An L that cannot be computed is skipped with its reason (on stderr, in the subtitle and in the
 * data file) and the figure drawn from the other L; the exit code is then 2 (no method reaches it,
 * or the model or state is invalid there) or 3 (numerical trouble, out of memory).
 */
import { relative, resolve } from 'node:path';
import { computeCurrent, NoMethodError, type CurrentResult, type ProgressCallback } from '../../engine/index.js';
import { progressDisplay } from '../progress.js';
import { blamingOverrides } from '../param-blame.js';
import { didYouMean, formatInputError, InputError, type LocatedExpr, type ModelSpec } from '../../lang/index.js';
import { NoConvergenceError, NotHermitianError, SteadyStateError } from '../../numeric/index.js';
import { exitCodes, type CliIO } from '../io.js';
import { loadModelArg } from '../load.js';
import { commandOptions, usageError, type FlagsOf } from '../options.js';
import { checkOutputTarget, writeOutput, type OutputTarget } from '../output.js';
import { resolveModel } from '../paths.js';
import {
  currentOf, defaultLargeLs, defaultLs, noFit, plotDataCsv, plotDataFormat, plotDataJson, plotFormat, plotLs, scalingPlotSpec, seriesOf, writePlot, zeroNote,
  type PlotSeries, type SkippedL,
} from '../plot/index.js';

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

/** An L that failed: why (one line) and the exit code it leads to. */
interface Failure extends SkippedL {
  readonly code: number;
}

/**
 * Why `err` at one L is a reason to skip that L (and with which exit code), or null when it is not
 * (a bug: it propagates).
 */
function failureOf(err: unknown, L: number): Failure | null {
  const line = (text: string) => text.replace(/:\n\s*/, ': ').replace(/\n\s*/g, '; ');
  if (err instanceof NoMethodError) return { L, reason: `${line(err.message)} (plot it over a smaller --L)`, code: exitCodes.input };
  if (err instanceof InputError) return { L, reason: line(formatInputError(err)), code: exitCodes.input };
  if (err instanceof NoConvergenceError || err instanceof SteadyStateError || err instanceof NotHermitianError) {
    return { L, reason: `numerical trouble: ${line(err.message)}`, code: exitCodes.numerical };
  }
  if (err instanceof RangeError && /Array buffer allocation failed|Invalid typed array length|Invalid array length/.test(err.message)) {
    return { L, reason: `out of memory: the model at this L needs more memory than is available (${err.message})`, code: exitCodes.numerical };
  }
  return null;
}

function currentAt(spec: ModelSpec, L: number, state: LocatedExpr | null, params: readonly string[], onProgress?: ProgressCallback): CurrentResult | Failure {
  try {
    return blamingOverrides(params, computeCurrent)(spec, L, { state, ...(onProgress ? { onProgress } : {}) });
  } catch (err) {
    const f = failureOf(err, L);
    if (f === null) throw err;
    return f;
  }
}

const isFailure = (r: CurrentResult | Failure): r is Failure => 'reason' in r;

/**
 * The L of one model: the given ones, or by default 1..12 and, when the symmetric method computes
 * the model (L up to 10^5 in milliseconds to a second), 20, 50, 100, ..., 100000. An L that fails
 * is returned as a failure; the others are computed all the same. `onProgress` is told as each L
 * begins and inside it (engine/progress).
 */
function resultsOf(spec: ModelSpec, Ls: readonly number[] | null, state: LocatedExpr | null, params: readonly string[], onProgress?: ProgressCallback): { results: CurrentResult[]; failures: Failure[] } {
  const first = [...(Ls ?? defaultLs)].reverse();
  let count = first.length, index = 0;
  const at = (L: number) => {
    onProgress?.({ kind: 'L', L, index: index++, count });
    return currentAt(spec, L, state, params, onProgress);
  };
  // Largest first: an L that no method reaches fails at once, before the smaller ones are computed.
  const rs = first.map(at).reverse();
  const ok = rs.filter((r): r is CurrentResult => !isFailure(r));
  if (Ls === null && ok.length && ok[ok.length - 1].method === 'symmetric') {
    count += defaultLargeLs.length;
    rs.push(...defaultLargeLs.map(at));
  }
  return { results: rs.filter((r): r is CurrentResult => !isFailure(r)), failures: rs.filter(isFailure) };
}

/**
 * Runs `plot`; returns the exit code (0; 2 or 3 when an L was skipped, see the module comment).
 * Usage errors propagate to the CLI's handler, as does a figure with nothing to draw (every L of
 * every model failed: the first failure). --out and --data are written by the one output writer
 * (a temporary file renamed onto it, never through a link nor onto a model file).
 */
export async function plotCommand(models: readonly string[], flags: PlotFlags, io: CliIO): Promise<number> {
  const out = flags.out;
  if (!plotFormat(out)) throw usageError('--out', out, `expected a file name ending in .svg, .png or .pdf (the format follows the extension), got '${out}'`);
  const dataFile = flags.data;
  if (dataFile !== undefined && !plotDataFormat(dataFile)) throw usageError('--data', dataFile, `expected a file name ending in .csv or .json (the format follows the extension), got '${dataFile}'`);
  const Ls = flags.L === undefined ? null : parsePlotLs(flags.L);
  const specs = models.map((arg) => {
    const spec = loadModelArg(arg, flags.param, io);
    return { arg, spec, state: commandOptions.plot.state.parse(flags.state, spec) };
  });
  const channel = flags.channel;
  if (channel !== undefined) {
    for (const { arg, spec } of specs) {
      const named = spec.channels.flatMap((c) => (c.name ? [c.name] : []));
      if (named.includes(channel)) continue;
      throw usageError('--channel', channel, `'${channel}' is not a named channel of ${arg} (${named.length ? `its named channels: ${named.join(', ')})${didYouMean(channel, named)}` : "it names no channel: give a channel 'name:' in the model file)"}`);
    }
  }
  // Refused before any work: --out or --data a link, a directory, or one of the model files.
  const file = resolve(io.cwd, out);
  const target: OutputTarget = { path: file, shown: out, key: '--out' };
  const inputs = models.map((arg) => resolveModel(arg, io.cwd)?.path ?? arg);
  checkOutputTarget(target, inputs);
  const dataTarget: OutputTarget | null = dataFile === undefined ? null : { path: resolve(io.cwd, dataFile), shown: dataFile, key: '--data' };
  if (dataTarget) {
    if (dataTarget.path === file) throw usageError('--data', dataFile!, `'${dataFile}' is also the --out file; expected another file name`);
    checkOutputTarget(dataTarget, inputs);
  }
  const drawn: { arg: string; spec: ModelSpec; series: PlotSeries; failures: Failure[] }[] = [];
  const failed: { arg: string; failures: Failure[] }[] = [];
  const names = new Set<string>();
  for (const { arg, spec, state } of specs) {
    // On a terminal, a progress bar over this model's L (cli/progress), cleared before its messages.
    const progress = progressDisplay(io, `plot ${arg}`);
    let computed: ReturnType<typeof resultsOf>;
    try { computed = resultsOf(spec, Ls, state, flags.param, progress?.onProgress); } finally { progress?.done(); }
    const { results, failures } = computed;
    for (const f of failures) io.err(`heatbound: ${arg} at L = ${f.L}: ${f.reason}; skipped\n`);
    if (!results.length) { failed.push({ arg, failures }); continue; }
    // Two models of one name (two files) keep apart in the legend by what was typed.
    const base = names.has(spec.name) ? `${spec.name} (${arg})` : spec.name;
    names.add(base);
    const name = channel === undefined ? base : `${base} J[${channel}]`;
    drawn.push({ arg, spec, series: seriesOf(name, results, channel), failures });
  }
  const failures = [...drawn, ...failed].flatMap((d) => d.failures);
  const code = failures.length ? Math.max(...failures.map((f) => f.code)) : exitCodes.ok;
  if (!drawn.length) {
    // A summary after each L's located message (above), as the other commands' status lines: `plot: ...`.
    io.err(`plot: nothing to plot: no L of ${models.length === 1 ? models[0] : 'any model'} could be computed (the reasons above); nothing was written\n`);
    return code;
  }
  const series = drawn.map((d) => d.series);
  const bounds = flags.bounds ?? false;
  const stateText = flags.state === undefined ? '' : `; state ${flags.state}`;
  const paramText = (spec: ModelSpec) => (spec.params.map((p) => `${p.name} = ${p.text}`).join(', ') || 'no params') + stateText;
  const sameParams = drawn.every(({ spec }) => paramText(spec) === paramText(drawn[0].spec));
  const params = sameParams
    ? [`${series.map((s) => s.model).join(', ')}: ${paramText(drawn[0].spec)}`]
    : drawn.map(({ spec, series: s }) => `${s.model}: ${paramText(spec)}`);
  // Zeros cannot be drawn on a log axis: say so on the figure, not only in the legend.
  const zeros = series.filter((s) => s.zeroLs.length).map((s) => `${s.model}: ${zeroNote(s)}.`);
  const skipped = [
    ...drawn.filter((d) => d.failures.length).map((d) => `${d.series.model}: not computed at L = ${d.failures.map((f) => f.L).join(', ')} (see the output), not drawn.`),
    ...failed.map((d) => `${d.arg}: not computed at any L (see the output), not drawn.`),
  ];
  const what = channel === undefined ? '|J|' : `|J[${channel}]|`;
  const spec = scalingPlotSpec(series, {
    bounds,
    title: channel === undefined
      ? (bounds ? 'Heat current |J| and its limits B1, B2 against L' : 'Heat current |J| against L')
      : `Heat current ${what} of the channel ${channel}${bounds ? ' and the limits B1, B2' : ''} against L`,
    subtitle: [params.join('; '), channel === undefined
      ? 'J < 0 means heat flows out of the system; |J| is drawn. Grey: reference slopes.'
      : `J[${channel}] < 0 means heat flows out of the system into the baths of ${channel}; ${what} is drawn. Grey: reference slopes.`, ...zeros, ...skipped],
    ...(channel === undefined ? {} : { yTitle: `${what}${bounds ? ', B1, B2' : ''} (energy / time; ħ = k_B = 1)` }),
  });
  await writePlot(spec, [target], inputs);
  if (dataTarget) {
    const data = [
      ...drawn.map((d) => ({ series: d.series, skipped: d.failures.map(({ L, reason }) => ({ L, reason })) })),
      ...failed.map((d) => ({ series: seriesOf(d.arg, [], channel), skipped: d.failures.map(({ L, reason }) => ({ L, reason })) })),
    ];
    writeOutput(dataTarget, plotDataFormat(dataTarget.path) === 'csv' ? plotDataCsv(data) : plotDataJson(data, bounds), { inputs, makeDirs: true });
  }
  for (const s of series) {
    const fit = Number.isFinite(s.exponent) ? `|${currentOf(s)}| ~ L^${s.exponent.toFixed(3)} (fitted over L = ${s.fitLs.join(', ')})` : noFit(s);
    const zero = s.zeroLs.length && Number.isFinite(s.exponent) ? `; ${zeroNote(s)}` : '';
    io.out(`${s.model}: ${fit}${zero}; L = ${s.points[0].L}..${s.points[s.points.length - 1].L}, ${s.points.length} point${s.points.length === 1 ? '' : 's'}\n`);
  }
  const shownOf = (path: string) => { const r = relative(io.cwd, path); return r.startsWith('..') ? path : r; };
  io.out(`wrote ${shownOf(file)}${dataTarget ? ` and ${shownOf(dataTarget.path)}` : ''}\n`);
  return code;
}
