/**
 * `heatbound current MODEL --L N [--state S] [--param k=v]... [--method M] [--json]`
 */
import { computeCurrent, computePrecise, type CurrentResult, type PreciseResult } from '../../engine/index.js';
import { currentJson, currentSweepText, currentText, preciseJson, preciseText } from '../report.js';
import type { CliIO } from '../io.js';
import { writeJson } from '../contracts.js';
import { loadModelArg } from '../load.js';
import { commandOptions, usageError, type FlagsOf } from '../options.js';

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
    const rs: PreciseResult[] = Ls.values.map((L) => computePrecise(spec, L, { digits, maxDigits, state }));
    if (flags.json) {
      const json = Ls.single ? preciseJson(rs[0]) : rs.map(preciseJson);
      writeJson(io, json);
    } else {
      io.out(rs.map(preciseText).join('\n'));
    }
    return 0;
  }
  const results: CurrentResult[] = [];
  for (const L of Ls.values) results.push(computeCurrent(spec, L, { state, method }));
  if (flags.json) {
    const json = Ls.single ? currentJson(results[0]) : results.map(currentJson);
    writeJson(io, json);
  } else {
    io.out(results.length === 1 ? currentText(results[0]) : currentSweepText(results));
  }
  return 0;
}
