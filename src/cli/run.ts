/**
 * The CLI: argument parsing with commander, commands, and the one place where errors become
 * messages and exit codes (input errors: 2, never a stack trace).
 */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, CommanderError } from 'commander';
import { InputError, formatInputError, type InputErrorData } from '../lang/index.js';
import { maxLinalgThreads } from '../numeric/index.js';
import { currentCommand } from './commands/index.js';
import { exitCodes, type CliIO } from './io.js';
import { commandOptions, declareOptions } from './options.js';
import { failureOf } from './failure.js';
import { OutputError } from './output.js';
import { packageVersion } from './paths.js';
import { blameParamOverrides } from './param-blame.js';
import { stdinSource } from './load.js';

/**
 * Runs the CLI on `argv` (without node and script), writing through `io`.
 *
 * @returns the exit code
 * @example await run(['current', 'superradiance', '--L', '4', '--json'], io)
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  // The command line's texts that errors point into (shown under the message with a caret).
  const texts: CommandLineTexts = { param: [] };
  const program = new Command('heatbound')
    .description('Checks the limits on heat flowing into quantum many-body systems: |J| <= B1 ~ L^3, and ~ L^2 for band-limited coupling.')
    .version(packageVersion(), '--version', 'print the version of heatbound')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run heatbound --help for usage)')
    .hook('preAction', (_program, action) => {
      const o = action.opts() as { state?: unknown; param?: unknown };
      if (typeof o.state === 'string') texts.state = o.state;
      if (Array.isArray(o.param)) texts.param = o.param.map(String);
      if (action.name() === 'check' && typeof action.args[0] === 'string') texts.claim = action.args[0];
    });
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
    checkNulArguments(argv);
    await program.parseAsync(claimAsOperand(argv), { from: 'user' });
    return code;
  } catch (err) {
    return report(err, io, texts);
  }
}

/** The texts of the command line that error positions point into: `--state`, each `--param`, check's CLAIM. */
interface CommandLineTexts {
  state?: string;
  param: string[];
  claim?: string;
}

/**
 * No argument holds a NUL character: no file name or value can (the system's argument strings end
 * at one, so only a caller of {@link run} can pass it), and the file system refuses such a path
 * with an error that is no input error (it was exit 70 for `verify --out` and `export --out`).
 */
function checkNulArguments(argv: readonly string[]): void {
  const at = argv.findIndex((a) => a.includes('\u0000'));
  if (at < 0) return;
  const arg = argv[at];
  const flag = /^(--?[A-Za-z][\w-]*)=/.exec(arg)?.[1] ?? (at > 0 && /^--?[A-Za-z]/.test(argv[at - 1]) ? argv[at - 1] : argv[0] === 'check' ? 'CLAIM' : 'MODEL');
  throw new InputError({
    code: 'bad-usage', file: '<command line>', key: flag, line: 0, column: 0, token: arg,
    message: `the argument holds a NUL character (\\u0000 at position ${arg.indexOf('\u0000') + 1}), which no file name or value may hold`,
  });
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

/**
 * Each error's message, followed by its source line with a caret under the offending token, as
 * rustc and elm show them: for a model file its line (read again), for standard input and the
 * command line's texts (a claim, `--state`, `--param`) the text itself (its `source`, else the
 * command line's text for the error's key). Long lines are cut to a window around the column;
 * control, separator and bidirectional characters are shown as `\uXXXX`, as in the message.
 */
function withCarets(err: InputError, texts: CommandLineTexts, io: CliIO): string {
  const cache = new Map<string, string[] | null>();
  const linesOf = (file: string): string[] | null => {
    if (!cache.has(file)) {
      let lines: string[] | null = null;
      const text = file === '<stdin>' ? stdinSource(io) : file.startsWith('<') ? null : readSmallFile(file);
      if (text !== null) lines = text.split(/\r\n|\r|\n/);
      cache.set(file, lines);
    }
    return cache.get(file) ?? null;
  };
  const commandLineText = (e: InputErrorData): string | undefined => {
    if (e.source !== undefined) return e.source;
    if (e.key === 'CLAIM') return texts.claim;
    if (e.key === '--state') return texts.state;
    if (e.key === '--param') return texts.param.find((p) => e.token !== '' && p.slice(e.column - 1).startsWith(e.token)) ?? (texts.param.length === 1 ? texts.param[0] : undefined);
    return undefined;
  };
  return err.errors.map((e) => {
    const head = formatInputError(new InputError(e));
    if (e.line < 1 || e.column < 1) return head;
    const source = e.file === '<command line>' ? commandLineText(e)?.split(/\r\n|\r|\n/) : e.source !== undefined ? e.source.split(/\r\n|\r|\n/) : linesOf(e.file);
    const line = source?.[e.line - 1];
    if (line === undefined || e.column > line.length + 1) return head;
    return `${head}\n${sourceLine(e.line, line, e.column, e.token.length)}`;
  }).join('\n');
}

/** The widest source line shown under a message; a longer one is cut to a window around the column. */
const maxShownLine = 160;

/** `  N | line` and `    | ^^^` under the column (width the token's, at least 1), the line escaped and cut as {@link withCarets} says. */
export function sourceLine(lineNo: number, line: string, column: number, tokenLength: number): string {
  let from = 0, to = line.length;
  if (line.length > maxShownLine) {
    from = Math.max(0, Math.min(column - 1 - maxShownLine / 4, line.length - maxShownLine));
    to = Math.min(line.length, from + maxShownLine);
  }
  const shown = (a: number, b: number): string => shownText(line.slice(a, b));
  const pre = from > 0 ? '…' : '', post = to < line.length ? '…' : '';
  const before = pre + shown(from, column - 1);
  const width = Math.max(1, Math.min(tokenLength || 1, to - column + 1));
  const caret = before.replace(/[^\t]/g, ' ') + '^'.repeat(Math.max(1, shown(column - 1, column - 1 + width).length));
  const gutter = ' '.repeat(String(lineNo).length);
  return `  ${lineNo} | ${before}${shown(column - 1, to)}${post}\n  ${gutter} | ${caret}`;
}

/** Control, separator and bidirectional characters as `\uXXXX` (as formatInputError writes them). */
function shownText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A model file's text for its source lines, or null (gone, unreadable, not a regular file, over 4 MiB: never a pipe read twice). */
function readSmallFile(file: string): string | null {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > 4 * 1024 * 1024) return null;
    return readFileSync(file, 'utf8');
  } catch { return null; }
}

function report(err: unknown, io: CliIO, texts: CommandLineTexts): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return exitCodes.ok;
    return exitCodes.input;
  }
  if (err instanceof InputError) {
    io.err(withCarets(blameParamOverrides(err, texts.param), texts, io) + '\n');
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
