/**
 * The CLI's option table: every option declared once (flag, placeholder, parser with its messages),
 * and which options each command takes, with its help text and default ({@link commandOptions}).
 * run.ts declares them with commander; a command gets the raw texts and parses each with the same
 * table entry, in its own order, so the first error it reports is the one it reported before.
 * A usage error is an InputError `bad-usage` on `<command line>` at 1:1 of the flag's text (exit 2).
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { didYouMean, InputError, parseStateText, type LocatedExpr, type ModelSpec } from '../lang/index.js';
import { autoCheckDimension } from '../engine/index.js';

/** The error at a flag's value: the whole text as the token, at 1:1 of that text (shown under the message with a caret). */
function usage(key: string, token: string, message: string): InputError {
  return usageAt(key, token, 0, token, message);
}

/** The error at `token`, which starts at offset `at` of the flag's text `source`. */
function usageAt(key: string, source: string, at: number, token: string, message: string): InputError {
  return new InputError({ code: 'bad-usage', file: '<command line>', key, line: 1, column: at + 1, token, message, source });
}

/** An option as commander declares it: `flags` is the flag and its placeholder (`--L <list>`), none for a switch. */
export interface CliOption {
  readonly flags: string;
  readonly help: string;
  /** The default text: commander shows it in the help and passes it on when the option is absent. */
  readonly default?: string;
  readonly required?: boolean;
  /** Repeatable: every occurrence is collected into a list (default []). */
  readonly repeatable?: boolean;
  /** A switch `--x` that also has its `--no-x` (this help): true, false, or undefined when neither is given (the last one given wins). */
  readonly negated?: string;
}

/** An option whose text `parse` turns into a value (InputError bad-usage when it cannot). */
export interface ParsedOption<P extends (...args: never[]) => unknown> extends CliOption {
  readonly parse: P;
}

/**
 * What commander gives a command for option O: a repeatable one's list, a `--no-x` switch's
 * boolean, the text of one with a value (undefined when absent unless required or defaulted), or
 * whether a switch was given.
 */
type TextOf<O extends CliOption> =
  O extends { readonly repeatable: true } ? string[]
    : O extends { readonly negated: string } ? boolean | undefined
    : O['flags'] extends `--no-${string}` ? boolean
      : O['flags'] extends `${string} <${string}>`
        ? (O extends { readonly required: true } | { readonly default: string } ? string : string | undefined)
        : boolean | undefined;

/** The raw flags of a command declared with `options` (one of {@link commandOptions}), keyed as there. */
export type FlagsOf<O extends Readonly<Record<string, CliOption>>> = { readonly [K in keyof O]: TextOf<O[K]> };

/** How a command uses an option: its help text there, its default, whether it is required. */
interface Use {
  readonly help: string;
  readonly default?: string;
  readonly required?: boolean;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** Declares `options` on `cmd` in their order (the order of the help). */
export function declareOptions(cmd: Command, options: Readonly<Record<string, CliOption>>): Command {
  for (const o of Object.values(options)) {
    if (o.repeatable) cmd.option(o.flags, o.help, collect, []);
    else if (o.required) cmd.requiredOption(o.flags, o.help, o.default);
    else cmd.option(o.flags, o.help, o.default);
    if (o.negated) cmd.option(o.flags.replace(/^--/, '--no-'), o.negated);
  }
  return cmd;
}

/** Largest number of L values one `--L` may list. */
const maxLValues = 10_000;

/**
 * Largest L of any command: the largest any method reaches in reasonable time and memory (the
 * symmetric method at L = 10^6 takes about 20 s and 0.5 GB on a 2-core machine); beyond it the
 * command is refused before any work starts.
 */
export const maxL = 1_000_000;
const maxLText = `L is at most ${maxL} (the largest L a method reaches: the symmetric method takes about 20 s and 0.5 GB at L = 10^6)`;

/** Largest L of `prove MODEL`: its steps are replayed in decimal.js (L = 10^5 takes about 35 s and 0.5 GB). */
const maxProveL = 100_000;

const lRangeText = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/;

/**
 * `--L N`, `A..B` or `A,B,C` as a list of integers >= 1: the one parser under every meaning of `--L`.
 *
 * @throws InputError (bad-usage) for anything else, an L above {@link maxL}, an empty range or one of more than {@link maxLValues} values
 * @example parseLList('1..3') // [1, 2, 3]
 */
export function parseLList(text: string): number[] {
  // Each value's error points at the value (its offset `at` in the text, past leading white space).
  const int = (s: string, at: number): number => {
    const token = s.trim(), where = at + s.indexOf(token === '' ? s : token);
    if (!/^\s*\d+\s*$/.test(s)) throw usageAt('--L', text, token === '' ? at : where, token === '' ? text : token, `expected N, A..B or A,B,C with whole numbers >= 1, got '${text}'`);
    const v = Number(s);
    if (v < 1) throw usageAt('--L', text, where, token, `L must be a whole number >= 1, got ${token}`);
    // (A number beyond 2^53 is no safe integer, and far above maxL: said as too large.)
    if (v > maxL || !Number.isSafeInteger(v)) throw usageAt('--L', text, where, token, `${maxLText}, got ${token}`);
    return v;
  };
  const range = lRangeText.exec(text);
  if (range) {
    const a = int(range[1], text.indexOf(range[1])), b = int(range[2], text.indexOf(range[2], text.indexOf('..') + 2));
    if (b < a) throw usage('--L', text, `the range ${a}..${b} is empty; expected A..B with A <= B`);
    if (b - a + 1 > maxLValues) throw usage('--L', text, `the range ${a}..${b} has more than ${maxLValues} values`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const parts = text.split(',');
  let at = 0;
  return parts.map((p) => { const v = int(p, at); at += p.length + 1; return v; });
}

/**
 * `--L A..B` (or N, A,B,C) as the range [min, max] of the L it lists.
 *
 * @example parseLRange('2,5,3') // [2, 5]
 */
function parseLRange(text: string): [number, number] {
  const Ls = parseLList(text);
  return [Math.min(...Ls), Math.max(...Ls)];
}

/** Largest L of a `verify` campaign (random dense models in decimal.js grow like 2^L). */
const maxVerifyL = 8;

/** The L listed by `--L` and whether the text was one N (then `current --json` prints one object, not a list). */
export interface LList {
  readonly values: number[];
  readonly single: boolean;
}

/**
 * `--L`, one option with one parser ({@link parseLList}) in the meanings the commands give it.
 * Each meaning takes the command's help text (and default) and fixes the placeholder.
 */
export const lOption = {
  /** N, A..B or A,B,C: every L listed (`current`). */
  list: <const U extends Use>(use: U) => ({
    ...use, flags: '--L <list>' as const,
    parse: (text: string): LList => ({ values: parseLList(text), single: !text.includes(',') && !text.includes('..') }),
  }),
  /** One L (`prove MODEL`, `export`); `tooMany` is the command's message for a text listing more; at most `maxL` when given. */
  one: <const U extends Use & { readonly tooMany: (text: string) => string; readonly maxL?: { readonly L: number; readonly why: (L: number) => string } }>({ tooMany, maxL: most, ...use }: U) => ({
    ...use, flags: '--L <N>' as const,
    parse: (text: string): number => {
      const Ls = parseLList(text);
      if (Ls.length !== 1) throw usage('--L', text, tooMany(text));
      if (most && Ls[0] > most.L) throw usage('--L', text, most.why(Ls[0]));
      return Ls[0];
    },
  }),
  /** The range [min, max] of the L listed (`verify`, `check`), max at most `maxL` when given (`why` says why). */
  range: <const U extends Use & { readonly maxL?: { readonly L: number; readonly why: (L: number) => string } }>({ maxL, ...use }: U) => ({
    ...use, flags: '--L <range>' as const,
    parse: (text: string): [number, number] => {
      const L = parseLRange(text);
      if (maxL && L[1] > maxL.L) throw usage('--L', text, maxL.why(L[1]));
      return L;
    },
  }),
  /** A range of at least 6 values of L (`scaling` confirms its forms on them), as its ends. */
  scaling: <const U extends Use>(use: U) => ({
    ...use, flags: '--L <range>' as const,
    parse: (text: string): { Lmin: number; Lmax: number } => {
      const [Lmin, Lmax] = parseLRange(text);
      if (Lmax - Lmin < 5) throw usage('--L', text, 'scaling needs a range of at least 6 values of L (A..B with B - A >= 5) to confirm its forms');
      return { Lmin, Lmax };
    },
  }),
  /**
   * `plot`: a range A..B to be sampled (any length: the plot samples it), or the L of N or A,B,C,
   * sorted without repeats.
   */
  plot: <const U extends Use>(use: U) => ({
    ...use, flags: '--L <range>' as const,
    parse: (text: string): { from: number; to: number } | number[] => {
      const range = lRangeText.exec(text);
      if (!range) return [...new Set(parseLList(text))].sort((a, b) => a - b);
      const from = Number(range[1]), to = Number(range[2]);
      if (from < 1) throw usage('--L', text, `L must be a whole number >= 1, got '${text}'`);
      if (to > maxL || !Number.isSafeInteger(to)) throw usage('--L', text, `${maxLText}, got ${range[2]}`);
      if (to < from) throw usage('--L', text, `the range ${from}..${to} is empty; expected A..B with A <= B`);
      return { from, to };
    },
  }),
} as const;

/** `--param k=v` (repeatable); the overrides are applied by the model loader (load.ts). */
function paramOption(help = 'override a param (repeatable)') {
  return { flags: '--param <k=v>', help, repeatable: true } as const;
}

/** `--state S`: a state checked against the model's params; null when absent (the model's own). */
function stateOption(help = "a state overriding the model's, e.g. 'dicke(3)'") {
  return {
    flags: '--state <state>' as const, help,
    parse: (text: string | undefined, spec: ModelSpec): LocatedExpr | null => (text === undefined ? null : parseStateText(text, '<command line>', '--state', spec.params.map((p) => p.name), spec.sites)),
  };
}

/** `--json`. */
function jsonOption(help = 'print JSON') {
  return { flags: '--json', help } as const;
}

/**
 * Significant digits of the decimal.js engine, 16..1000 (`--digits`, `--max-digits`).
 *
 * @example parseDigits('30', '--digits') // 30
 */
function parseDigits(text: string, key: string): number {
  const v = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(v) || v < 16 || v > 1000) throw usage(key, text, `expected a whole number of digits from 16 to 1000, got '${text}'`);
  return v;
}

/** `--digits D`. */
function digitsOption<const U extends Use>(use: U) {
  return { ...use, flags: '--digits <D>' as const, parse: (text: string): number => parseDigits(text, '--digits') };
}

/**
 * A whole number >= min.
 *
 * @example parseWhole('7', '--seed') // 7
 */
function parseWhole(text: string, key: string, min = 0): number {
  const v = /^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(v) || v < min) throw usage(key, text, `expected a whole number >= ${min}, got '${text}'`);
  return v;
}

/** `--seed S`, a whole number >= 0; absent (no default), a random one (the command prints it, so a run can be repeated). */
function seedOption<const U extends Use>(use: U) {
  return { ...use, flags: '--seed <S>' as const, parse: (text: string | undefined): number => (text === undefined ? Math.floor(Math.random() * 2 ** 31) : parseWhole(text, '--seed')) };
}

/** `--runs N`, a whole number from `min` to `max` (a campaign past `max` runs would take days: refused before it starts). */
function runsOption<const U extends Use & { readonly min: number; readonly max: number }>({ min, max, ...use }: U) {
  return {
    ...use, flags: '--runs <N>' as const,
    parse: (text: string): number => {
      const v = parseWhole(text, '--runs', min);
      if (v > max) throw usage('--runs', text, `expected a whole number from ${min} to ${max}, got '${text}'`);
      return v;
    },
  };
}

/** `--method`. */
function parseMethod(text: string): 'auto' | 'dense' | 'diagonal' | 'symmetric' | 'product' {
  const methods = ['auto', 'dense', 'diagonal', 'symmetric', 'product'];
  if (methods.includes(text)) return text as 'auto';
  throw usage('--method', text, `expected auto, dense, diagonal or symmetric, or product (non-interacting H, one-site channels), got '${text}'${didYouMean(text, methods)}`);
}

/** A non-negative number (`prove`'s `--h`, `--a`, `--deltaE`); undefined when absent. */
function nonNegative(key: string) {
  return (text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const v = Number(text);
    if (!/^\s*[0-9.eE+-]+\s*$/.test(text) || !Number.isFinite(v) || v < 0) throw usage(key, text, `expected a non-negative number, got '${text}'`);
    return v;
  };
}

/** Where `plot` writes without --out (relative to the working directory). */
const defaultPlotFile = 'out/plot.svg';

/**
 * The options of each command, in the order of its help, keyed by commander's name for them
 * (`--max-digits` -> `maxDigits`, `--no-families` -> `families`).
 */
export const commandOptions = {
  current: {
    L: lOption.list({ help: 'N, A..B or A,B,C', required: true }),
    state: stateOption(),
    param: paramOption(),
    method: { flags: '--method <m>', help: 'auto, dense, diagonal, symmetric or product', default: 'auto', parse: parseMethod },
    digits: digitsOption({ help: 'compute in decimal.js with D significant digits (16..1000), every number with its error bound' }),
    maxDigits: { flags: '--max-digits <D>', help: 'with --digits: recompute ties at D digits (default 2x --digits)', parse: (text: string) => parseDigits(text, '--max-digits') },
    json: jsonOption('print JSON (numbers as decimal strings)'),
    truncationCheck: {
      flags: '--truncation-check', negated: 'for models with bosonic modes: skip the run with every cutoff doubled (the change from n to 2n)',
      help: `for models with bosonic modes: make the run with every cutoff doubled also where its dimension is above ${autoCheckDimension} (below it, it is made unasked)`,
    },
  },
  scaling: {
    L: lOption.scaling({ help: 'the L used to check and interpolate, A..B (default 1..12)' }),
    param: paramOption(),
    json: jsonOption(),
    tex: { flags: '--tex', help: 'expressions in LaTeX' },
    coq: { flags: '--coq', help: 'the proved bounds |J| <= B1, B2 as Coq lemmas over the closed forms, with proofs coqc checks' },
  },
  verify: {
    class: { flags: '--class <c>', help: 'all, or one or more (comma-separated) of local, extensive, global, band, collective, two-bath', default: 'all' },
    L: lOption.range({
      help: 'the range of L, A..B', default: '1..4',
      maxL: { L: maxVerifyL, why: (L) => `verify computes every model in decimal.js: L up to ${maxVerifyL}, got ${L}` },
    }),
    runs: runsOption({ help: 'number of random models', default: '100', min: 1, max: 1_000_000 }),
    seed: seedOption({ help: 'campaign seed (printed when omitted, so a run can be repeated)' }),
    digits: digitsOption({ help: 'decimal.js digits of the checks', default: '30' }),
    json: jsonOption('print the summary as JSON'),
    out: { flags: '--out <FILE>', help: 'append each run to FILE as one JSON line; write the tightest models next to it' },
    resume: { flags: '--resume', help: 'skip the runs already in --out FILE' },
    engine: {
      flags: '--engine <E>', help: "decimal (default: every check in decimal.js at --digits where it applies) or float64 (the checks on the float64 engine with its error bounds; the decimal.js checks skipped)",
      parse: (text: string | undefined): 'float64' | 'decimal' => {
        if (text === undefined || text === 'decimal') return 'decimal';
        if (text === 'float64') return 'float64';
        throw usage('--engine', text, `expected float64 or decimal, got '${text}'`);
      },
    },
    shard: {
      flags: '--shard <I/N>', help: 'compute only shard I of N (1 <= I <= N): the runs r with r mod N = I-1; merge the shards with verify merge',
      parse: (text: string | undefined): { index: number; count: number } | null => {
        if (text === undefined) return null;
        const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
        const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
        if (!m || !Number.isSafeInteger(count) || count < 1 || count > 1_000_000 || index < 1 || index > count) {
          throw usage('--shard', text, `expected I/N with whole numbers 1 <= I <= N <= 1000000 (shard I of N, as Slurm's array task ids 1..N), got '${text}'`);
        }
        return { index, count };
      },
    },
    jobs: {
      flags: '--jobs <N>', help: 'worker threads (default: the number of cores); the results are the same for every N',
      parse: (text: string | undefined): number => {
        if (text === undefined) return availableParallelism();
        const v = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
        if (!Number.isSafeInteger(v) || v < 1 || v > 256) throw usage('--jobs', text, `expected a whole number of threads from 1 to 256, got '${text}'`);
        return v;
      },
    },
  },
  prove: {
    L: lOption.one({
      help: 'the L of the model', tooMany: () => 'prove MODEL takes one L',
      maxL: { L: maxProveL, why: (L) => `prove MODEL replays its steps in decimal.js: L up to ${maxProveL} (L = 10^5 takes about 35 s and 0.5 GB), got ${L}` },
    }),
    runs: runsOption({ help: 'random instances per theorem', default: '40', min: 1, max: 100_000 }),
    seed: seedOption({ help: 'seed of the random instances', default: '20261127' }),
    digits: digitsOption({ help: 'decimal.js digits', default: '30' }),
    h: { flags: '--h <X>', help: "the model's claimed ||H_S|| <= h L (default: the tightest at this L)", parse: nonNegative('--h') },
    a: { flags: '--a <X>', help: "the model's claimed sum ||A|| <= a L (default: the tightest at this L)", parse: nonNegative('--a') },
    deltaE: { flags: '--deltaE <X>', help: "the model's claimed band DeltaE (default: the tightest at this L)", parse: nonNegative('--deltaE') },
    param: paramOption(),
    state: stateOption("a state overriding the model's"),
    coqCheck: { flags: '--coq-check', help: 'run make -C proofs/coq and make -C proofs/coq check (Print Assumptions) here; needs coqc' },
    json: jsonOption(),
  },
  check: {
    class: { flags: '--class <c>', help: 'random-search classes: all, or local, extensive, global, band, collective, two-bath (comma-separated; as verify --class)', default: 'extensive' },
    models: { flags: '--models <DIR>', help: 'also judge every model file in DIR' },
    families: { flags: '--no-families', help: 'skip the built-in families' },
    runs: runsOption({ help: 'random models to search', default: '200', min: 0, max: 1_000_000 }),
    seed: seedOption({ help: 'search seed (printed when omitted)' }),
    L: lOption.range({ help: 'L range of the random search, A..B', default: '1..5' }),
    json: jsonOption(),
  },
  plot: {
    L: lOption.plot({ help: 'A..B (every integer on a short range, about 8 per decade on a long one) or A,B,C; default 1..12, and up to 100000 for models the symmetric method computes' }),
    out: { flags: '--out <FILE>', help: 'FILE.svg, FILE.png or FILE.pdf (the format follows the extension)', default: defaultPlotFile },
    bounds: { flags: '--bounds', help: 'also draw the limits B1 and B2 of each model, in its colour (default: |J| only)' },
    param: paramOption('override a param of every model (repeatable)'),
    state: stateOption("a state overriding every model's, e.g. 'dicke(3)'"),
    data: { flags: '--data <FILE>', help: 'also write what is drawn (L, J, |J|, B1, B2 per model, the fitted exponents, the L skipped) to FILE.csv or FILE.json' },
    channel: { flags: '--channel <NAME>', help: "draw J[NAME], the current of the channel named NAME (a channel's name: in the model; an each entry's channels summed), in place of the total J" },
  },
  export: {
    L: lOption.one({ help: 'one L', required: true, tooMany: (text) => `export writes a script for one L; expected a single whole number N, got '${text}'` }),
    to: { flags: '--to <target>', help: 'qutip (the only target)', required: true },
    param: paramOption(),
    state: stateOption(),
    out: { flags: '--out <FILE>', help: 'write the script to FILE (default: stdout)' },
  },
  demo: {
    quick: { flags: '--quick', help: 'small L only' },
  },
} as const satisfies Record<string, Record<string, CliOption | ParsedOption<(...args: never[]) => unknown>>>;

export { usage as usageError };
