/**
 * `heatbound current MODEL --L N [--state S] [--param k=v]... [--method M] [--json]`
 *
 * With several L (`--L A,B,C`, `A..B`) every L is computed: one that fails (an input error at that
 * L, no method or path applies, numerical trouble) becomes a row, or a JSON entry, with its reason,
 * its message also on stderr, and the exit code tells the worst kind met (failure.ts). A single L
 * fails as an error, and an error in the model file or the flags stops the command at once.
 */
import { computeCurrent, computePrecise, type CurrentResult, type PreciseResult, type ProgressCallback } from '../../engine/index.js';
import { progressDisplay } from '../progress.js';
import { currentJson, currentSweepText, currentText, failedJson, failedText, preciseJson, preciseText, type CurrentJson } from '../report.js';
import { eachL, failuresText, isFailed, rangeExitCode, type FailedL } from '../failure.js';
import type { CliIO } from '../io.js';
import { writeJson } from '../contracts.js';
import { loadModelArg } from '../load.js';
import { commandOptions, usageError, type FlagsOf } from '../options.js';
import { blamingOverrides } from '../param-blame.js';

const options = commandOptions.current;

/** The raw flags of `current`, as its options in the table declare them. */
export type CurrentFlags = FlagsOf<typeof commandOptions.current>;

/** Runs `current`; returns the exit code. Errors propagate to the CLI's handler. */
export function currentCommand(model: string, flags: CurrentFlags, io: CliIO): number {
  const Ls = options.L.parse(flags.L);
  const method = options.method.parse(flags.method);
  const spec = loadModelArg(model, flags.param, io);
  const state = options.state.parse(flags.state, spec);
  if (flags.maxDigits !== undefined && flags.digits === undefined) throw usageError('--max-digits', flags.maxDigits, '--max-digits applies with --digits D only');
  if (flags.digits !== undefined) {
    const digits = options.digits.parse(flags.digits);
    if (method !== 'auto') throw usageError('--method', flags.method, '--method applies to the float64 engine; with --digits the decimal.js engine chooses its own path (symmetric, diagonal or dense)');
    const maxDigits = flags.maxDigits === undefined ? undefined : options.maxDigits.parse(flags.maxDigits);
    if (maxDigits !== undefined && maxDigits < digits) throw usageError('--max-digits', flags.maxDigits!, `--max-digits (${maxDigits}) must be at least --digits (${digits})`);
    const compute = blamingOverrides(flags.param, (L: number): PreciseResult => computePrecise(spec, L, { digits, maxDigits, state }));
    return emit(Ls, () => compute, preciseJson, preciseText, (rs) => rs.map((r) => (isFailed(r) ? failedText(spec.name, r) : preciseText(r))).join('\n'), spec.name, Boolean(flags.json), io);
  }
  const truncation = flags.truncationCheck ?? 'auto';
  const compute = (onProgress?: ProgressCallback) => blamingOverrides(flags.param, (L: number): CurrentResult => computeCurrent(spec, L, { state, method, truncation, ...(onProgress ? { onProgress } : {}) }));
  return emit(Ls, compute, currentJson, currentText, (rs) => currentSweepText(rs, spec.name), spec.name, Boolean(flags.json), io);
}

/**
 * One engine's results written out: a single L as one report (its failure is an error, as
 * before ranges), several L each computed, a failed one an entry with its reason (failure.ts).
 * On a terminal (not --json) a progress bar on stderr follows the L and the engine's blocks
 * (cli/progress); `compute` is given its callback.
 */
function emit<R extends object>(
  Ls: { readonly values: readonly number[]; readonly single: boolean }, compute: (onProgress?: ProgressCallback) => (L: number) => R,
  json: (r: R) => CurrentJson, text: (r: R) => string, sweepText: (rs: readonly (R | FailedL)[]) => string,
  model: string, asJson: boolean, io: CliIO,
): number {
  const progress = progressDisplay(io, 'current', !asJson);
  const at = compute(progress?.onProgress);
  if (Ls.single) {
    let r: R;
    try { r = at(Ls.values[0]); } finally { progress?.done(); }
    if (asJson) writeJson(io, json(r));
    else io.out(text(r));
    return 0;
  }
  let rs: (R | FailedL)[];
  try {
    rs = eachL(Ls.values, (L) => {
      progress?.onProgress({ kind: 'L', L, index: Ls.values.indexOf(L), count: Ls.values.length });
      return at(L);
    });
  } finally { progress?.done(); }
  if (asJson) writeJson(io, rs.map((r) => (isFailed(r) ? failedJson(model, r) : json(r))));
  else io.out(sweepText(rs));
  return failed(rs, io);
}

/** Writes the failures' messages to stderr; returns the range's exit code. */
function failed<R extends object>(entries: readonly (R | FailedL)[], io: CliIO): number {
  const failures = entries.filter(isFailed);
  if (failures.length) io.err(failuresText(failures));
  return rangeExitCode(failures);
}
