/**
 * `heatbound current MODEL --L N [--state S] [--param k=v]... [--method M] [--json]`
 */
import { computeCurrent, computePrecise, type CurrentResult, type PreciseResult } from '../../engine/index.js';
import { parseStateText } from '../../lang/index.js';
import { parseDigits, parseLList, parseMethod, usageError } from '../args.js';
import { currentJson, currentSweepText, currentText, preciseJson, preciseText } from '../report.js';
import type { CliIO } from '../io.js';
import { loadModelArg } from '../load.js';

export interface CurrentFlags {
  readonly L: string;
  readonly state?: string;
  readonly param: string[];
  readonly method: string;
  readonly json?: boolean;
  readonly digits?: string;
  readonly maxDigits?: string;
}

/** Runs `current`; returns the exit code. Errors propagate to the CLI's handler. */
export function currentCommand(model: string, flags: CurrentFlags, io: CliIO): number {
  const Ls = parseLList(flags.L);
  const method = parseMethod(flags.method);
  const spec = loadModelArg(model, flags.param, io);
  const state = flags.state === undefined ? null : parseStateText(flags.state, '<command line>', '--state', spec.params.map((p) => p.name));
  if (flags.maxDigits !== undefined && flags.digits === undefined) throw usageError('--max-digits', flags.maxDigits, '--max-digits applies with --digits D only');
  if (flags.digits !== undefined) {
    const digits = parseDigits(flags.digits, '--digits');
    if (method !== 'auto') throw usageError('--method', flags.method, '--method applies to the float64 engine; with --digits the decimal.js engine chooses its own path (symmetric, diagonal or dense)');
    const maxDigits = flags.maxDigits === undefined ? undefined : parseDigits(flags.maxDigits, '--max-digits');
    if (maxDigits !== undefined && maxDigits < digits) throw usageError('--max-digits', flags.maxDigits!, `--max-digits (${maxDigits}) must be at least --digits (${digits})`);
    const rs: PreciseResult[] = Ls.map((L) => computePrecise(spec, L, { digits, maxDigits, state }));
    if (flags.json) {
      const json = rs.length === 1 && !flags.L.includes(',') && !flags.L.includes('..') ? preciseJson(rs[0]) : rs.map(preciseJson);
      io.out(JSON.stringify(json, null, 2) + '\n');
    } else {
      io.out(rs.map(preciseText).join('\n'));
    }
    return 0;
  }
  const results: CurrentResult[] = [];
  for (const L of Ls) results.push(computeCurrent(spec, L, { state, method }));
  if (flags.json) {
    const json = results.length === 1 && !flags.L.includes(',') && !flags.L.includes('..') ? currentJson(results[0]) : results.map(currentJson);
    io.out(JSON.stringify(json, null, 2) + '\n');
  } else {
    io.out(results.length === 1 ? currentText(results[0]) : currentSweepText(results));
  }
  return 0;
}
