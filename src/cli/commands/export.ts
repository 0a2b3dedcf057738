/**
 * `heatbound export MODEL --L N --to qutip [--param k=v]... [--state S] [--out FILE]`
 */
import { resolve } from 'node:path';
import { qutipScript } from '../../engine/index.js';
import type { CliIO } from '../io.js';
import { loadModelArg } from '../load.js';
import { commandOptions, usageError, type FlagsOf } from '../options.js';
import { checkOutputTarget, writeOutput, type OutputTarget } from '../output.js';
import { resolveModel } from '../paths.js';

/** The raw flags of `export`, as its options in the table declare them. */
export type ExportFlags = FlagsOf<typeof commandOptions.export>;

/** The export targets. */
export const exportTargets = ['qutip'] as const;

/** A shell word: quoted when it holds anything but safe characters. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_./=:,+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs `export`: writes the script to --out FILE (saying so on stdout; through the one output
 * writer: a temporary file renamed onto FILE, never through a link nor onto the model file) or to
 * stdout; returns the exit code. Errors propagate to the CLI's handler (input errors: exit 2; no
 * space for FILE: exit 3).
 */
export function exportCommand(model: string, flags: ExportFlags, io: CliIO): number {
  if (!(exportTargets as readonly string[]).includes(flags.to)) {
    throw usageError('--to', flags.to, `expected one of: ${exportTargets.join(', ')}; got '${flags.to}'`);
  }
  const L = commandOptions.export.L.parse(flags.L);
  const spec = loadModelArg(model, flags.param, io);
  // The model file is an input: --out may not be it (`export m.yaml --out m.yaml` replaced the model).
  const inputs = [resolveModel(model, io.cwd)?.path ?? model];
  const target: OutputTarget | null = flags.out === undefined ? null : { path: resolve(io.cwd, flags.out), shown: flags.out, key: '--out' };
  if (target) checkOutputTarget(target, inputs);
  const state = commandOptions.export.state.parse(flags.state, spec);
  const common = [
    shellWord(model), '--L', String(L),
    ...flags.param.flatMap((p) => ['--param', shellWord(p)]),
    ...(flags.state === undefined ? [] : ['--state', shellWord(flags.state)]),
  ];
  const script = qutipScript(spec, L, {
    state,
    source: resolveModel(model, io.cwd)?.shown ?? model,
    command: ['heatbound', 'export', ...common, '--to', flags.to].join(' '),
    compare: ['heatbound', 'current', ...common, '--json'].join(' '),
  });
  if (target === null) {
    io.out(script);
    return 0;
  }
  writeOutput(target, script, { inputs });
  io.out(`wrote ${target.shown}: python3 ${shellWord(target.shown)} prints J from QuTiP (needs QuTiP 4.x, numpy, scipy)\n`);
  return 0;
}
