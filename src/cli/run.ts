/**
 * The CLI: argument parsing with commander, commands, and the one place where errors become
 * messages and exit codes (input errors: 2, never a stack trace).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, CommanderError } from 'commander';
import { InputError, formatInputError } from '../lang/index.js';
import { maxLinalgThreads } from '../numeric/index.js';
import { currentCommand } from './commands/index.js';
import { exitCodes, type CliIO } from './io.js';
import { commandOptions, declareOptions } from './options.js';
import { failureOf } from './failure.js';
import { OutputError } from './output.js';
import { packageVersion } from './paths.js';

/**
 * Runs the CLI on `argv` (without node and script), writing through `io`.
 *
 * @returns the exit code
 * @example await run(['current', 'superradiance', '--L', '4', '--json'], io)
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = new Command('heatbound')
    .description('Checks the limits on heat flowing into quantum many-body systems: |J| <= B1 ~ L^3, and ~ L^2 for band-limited coupling.')
    .version(packageVersion(), '--version', 'print the version of heatbound')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run heatbound --help for usage)');
  const command = (name: keyof typeof commandOptions, description: string): Command =>
    declareOptions(program.command(name).description(description), commandOptions[name]);
  command('current', 'J and every term of both limits for a model at one or more L')
    .argument('<MODEL>', 'a model file (.yaml/.json) or a built-in model name')
    .action((model: string, flags) => { code = currentCommand(model, flags, io); });
  command('scaling', 'J(L), every bound term and the bounds as closed forms in L, exponents, limits, and proofs for all L')
    .argument('<MODEL>', 'a model file (.yaml/.json) or a built-in model name')
    .action(async (model: string, flags) => { const { scalingCommand } = await import('./commands/scaling.js'); code = await scalingCommand(model, flags, io); });
  command('verify', 'a seeded campaign of random models checked against every limit; violations shrink to a minimal model file; `verify merge FILES... --out F` merges the shard files of one campaign')
    .argument('[merge FILES...]', "'merge' and the shard files of one campaign (verify --shard I/N --out FILE): merged into --out F, the file and summary of one process")
    .action(async (operands: string[], flags, cmd: Command) => {
      const { verifyCommand } = await import('./commands/verify.js');
      code = await verifyCommand(flags, io, operands, (key) => cmd.getOptionValueSource(key) === 'cli');
    });
  command('prove', 'the Coq theorems of the two limits (proofs/coq) and the proof scripts as engine tests: every step with what it rests on (identity-checked, tested on N models, failed, error); with MODEL --L N, the Coq hypotheses checked on that model, the steps on it and how much each loses')
    .argument('[MODEL]', 'a model file or built-in model to replay the steps on')
    .action(async (model: string | undefined, flags, cmd: Command) => { const { proveCommand } = await import('./commands/prove.js'); code = await proveCommand(model, flags, io, (key) => cmd.getOptionValueSource(key) === 'cli'); });
  command('check', "judge a claimed inequality, e.g. 'abs(J) <= 2*L^2' or 'exists c: abs(J) <= c*L^3', on the families and by random search")
    .argument('<CLAIM>', `an inequality over J, J[name] (a named channel's current), L, normH, width, sumA2, gammaMax, deltaE, omegaGammaMax, Bstate, B1, B1coarse, B2 and params, optionally 'exists c: ...'`)
    .action(async (claim: string, flags) => { const { checkCommand } = await import('./commands/check.js'); code = await checkCommand(claim, flags, io); });
  command('plot', 'log-log |J| against L for each model, fitted exponents, reference slopes L, L^2, L^3; --bounds adds B1 (dashed) and B2 (dotted); SVG, PNG or PDF')
    .argument('<MODEL...>', 'model files (.yaml/.json) or built-in model names')
    .action(async (models: string[], flags) => { const { plotCommand } = await import('./commands/plot.js'); code = await plotCommand(models, flags, io); });
  command('export', "a self-contained QuTiP script that builds the model at L and prints J from QuTiP's Bloch-Redfield tensor (secular), to compare with `current`")
    .argument('<MODEL>', 'a model file (.yaml/.json) or a built-in model name')
    .action(async (model: string, flags) => { const { exportCommand } = await import('./commands/export.js'); code = exportCommand(model, flags, io); });
  command('demo', 'the three scaling classes L, L^2, L^3 of the built-in families, and which limit each meets')
    .action(async (flags) => { const { demoCommand } = await import('./commands/demo.js'); code = await demoCommand(flags, io); });
  try {
    checkThreadsVariable();
    await program.parseAsync(claimAsOperand(argv), { from: 'user' });
    return code;
  } catch (err) {
    return report(err, io);
  }
}

/** HEATBOUND_THREADS, when set, is an integer 1..maxLinalgThreads (1000 threads would be started). */
function checkThreadsVariable(): void {
  const text = process.env.HEATBOUND_THREADS;
  if (text === undefined) return;
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (n >= 1 && n <= maxLinalgThreads) return;
  throw new InputError({
    code: 'bad-usage', file: '<environment>', key: 'HEATBOUND_THREADS', line: 0, column: 0, token: text,
    message: `expected an integer 1..${maxLinalgThreads}, the threads of the dense kernels (this machine has ${availableParallelism()} cores), got '${text}'`,
  });
}

/**
 * `check '-J <= 1'`: a claim may start with a minus sign, which commander would read as an option.
 * An argument that starts with '-' and holds '<', '>', '=' or a space, and is not `--flag=value`, is
 * no option of `check`: the first such argument before any `--` is moved just behind a `--`, where
 * it can only be the claim (a malformed one, such as '-J = 1', then gets the claim's own message).
 */
function claimAsOperand(argv: readonly string[]): string[] {
  const args = [...argv];
  if (args[0] !== 'check') return args;
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  const at = args.findIndex((a, k) => k > 0 && k < end && a.startsWith('-') && /[<>=\s]/.test(a) && !/^--?[A-Za-z][\w-]*=/.test(a));
  if (at < 0) return args;
  const [claim] = args.splice(at, 1);
  if (end === argv.length) return [...args, '--', claim];
  args.splice(end, 0, claim); // just behind the '--' (which moved one place left)
  return args;
}

/** Each error's message, followed by its source line with a caret under the offending token. */
function withCarets(err: InputError): string {
  const cache = new Map<string, string[] | null>();
  const linesOf = (file: string): string[] | null => {
    if (!cache.has(file)) {
      let lines: string[] | null = null;
      try { lines = file.startsWith('<') ? null : readFileSync(file, 'utf8').split(/\r\n|\r|\n/); } catch { lines = null; }
      cache.set(file, lines);
    }
    return cache.get(file) ?? null;
  };
  return err.errors.map((e) => {
    const head = formatInputError(new InputError(e));
    const line = e.line > 0 ? linesOf(e.file)?.[e.line - 1] : undefined;
    if (line === undefined || e.column < 1) return head;
    const width = Math.max(1, Math.min(e.token.length || 1, line.length - e.column + 1));
    return `${head}\n  ${e.line} | ${line}\n  ${' '.repeat(String(e.line).length)} | ${' '.repeat(e.column - 1)}${'^'.repeat(width)}`;
  }).join('\n');
}

function report(err: unknown, io: CliIO): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return exitCodes.ok;
    return exitCodes.input;
  }
  if (err instanceof InputError) {
    io.err(withCarets(err) + '\n');
    return exitCodes.input;
  }
  if (err instanceof OutputError) {
    io.err(`heatbound: ${err.message}\n`);
    return err.exitCode;
  }
  // Limitations (naming the model file and the flags) and numerical trouble: cli/failure.ts words them.
  const failure = failureOf(err);
  if (failure) {
    io.err(`heatbound: ${failure.message}\n`);
    return failure.kind === 'numerical' ? exitCodes.numerical : exitCodes.input;
  }
  const e = err as Error;
  io.err(`heatbound: internal error: ${e?.message ?? String(err)}\n(please report this with the command that caused it${process.env.HEATBOUND_DEBUG ? '' : '; set HEATBOUND_DEBUG=1 for a stack trace'})\n`);
  if (process.env.HEATBOUND_DEBUG) io.err(String(e?.stack) + '\n');
  return exitCodes.internal;
}
