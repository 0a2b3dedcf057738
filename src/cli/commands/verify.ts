/**
 * `heatbound verify [--class C] [--L A..B] [--runs N] [--seed S] [--digits D] [--json] [--out FILE] [--resume]
 * [--engine float64|decimal] [--shard I/N] [--jobs N]`: a seeded campaign of random models checked
 * against every limit (properties/campaign), and `heatbound verify merge FILES... --out F`, the
 * shard files of one campaign merged into the file and summary of one process.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import {
  campaignClasses, mergeCampaignFiles, runCampaignInWorkers, type CampaignClass, type CampaignEngine, type CampaignShard, type CampaignSummary,
} from '../../../properties/index.js';
import { didYouMean } from '../../lang/index.js';
import { type VerifyEngineJson, type VerifyJson, writeJson } from '../contracts.js';
import { table } from '../format.js';
import type { CliIO } from '../io.js';
import { exitCodes } from '../io.js';
import { commandOptions, usageError, type FlagsOf } from '../options.js';
import { checkOutputTarget, isErrnoError, outputFailure, writeOutput, type OutputTarget } from '../output.js';

const options = commandOptions.verify;

/** The raw flags of `verify`, as its options in the table declare them. */
export type VerifyFlags = FlagsOf<typeof commandOptions.verify>;

/** `--class`: one class, a comma list, or all. */
export function parseClasses(text: string): CampaignClass[] {
  if (text === 'all') return [...campaignClasses];
  const list = text.split(',').map((s) => s.trim());
  for (const c of list) {
    if (!(campaignClasses as readonly string[]).includes(c)) {
      throw usageError('--class', text, `expected all or one or more of ${campaignClasses.join(', ')}, got '${c}'${didYouMean(c, campaignClasses)}`);
    }
  }
  return list as CampaignClass[];
}

/**
 * Runs `verify`; exit 1 when a limit is violated. With --out FILE the runs are appended to FILE (a
 * link, directory or device refused; on --resume every line validated and a cut last line
 * repaired, properties/campaign.ts), and the tightest models written next to it
 * ({@link writeTightest}). No space for FILE: exit 3, the runs before kept whole. --engine,
 * --shard and --jobs: see properties/campaign.ts; without them the output is as before they existed.
 */
export async function verifyCommand(flags: VerifyFlags, io: CliIO, operands: readonly string[] = [], given: (key: string) => boolean = () => false): Promise<number> {
  if (operands.length > 0) {
    if (operands[0] !== 'merge') throw usageError('verify', operands[0], `verify takes no operand but 'merge FILES...' (verify merge FILES... --out F), got '${operands[0]}'`);
    return verifyMergeCommand(operands.slice(1), flags, io, given);
  }
  const classes = parseClasses(flags.class);
  const L = options.L.parse(flags.L);
  const runs = options.runs.parse(flags.runs);
  const seed = options.seed.parse(flags.seed);
  const digits = options.digits.parse(flags.digits);
  const engine = options.engine.parse(flags.engine);
  const shard = options.shard.parse(flags.shard);
  const jobs = options.jobs.parse(flags.jobs);
  if (flags.resume && !flags.out) throw usageError('--resume', '--resume', '--resume needs --out FILE (the runs to carry on from)');
  const out = flags.out ? resolve(io.cwd, flags.out) : null;
  const outTarget: OutputTarget | null = out ? { path: out, shown: flags.out!, key: '--out' } : null;
  if (out && existsSync(out) && !flags.resume) {
    throw usageError('--out', flags.out!, `'${flags.out}' exists; add --resume to carry on with its campaign, or choose another file`);
  }
  if (outTarget) {
    // Appended to in place: never through a link, never a directory, pipe or device (a pipe would hang).
    checkOutputTarget(outTarget);
    for (const b of tightestBounds) checkOutputTarget(tightestTarget(outTarget, b, 1), [outTarget.path]);
    try {
      mkdirSync(dirname(outTarget.path), { recursive: true });
      closeSync(openSync(outTarget.path, 'a'));
    } catch (err) {
      if (isErrnoError(err)) throw outputFailure(outTarget, err, 'no run was computed');
      throw err;
    }
  }
  const what = flags.engine === undefined ? `${digits} digits` : engine === 'float64' ? 'the float64 engine' : `the decimal engine at ${digits} digits`;
  const part = shard ? `, shard ${shard.index}/${shard.count} (the runs r with r mod ${shard.count} = ${shard.index - 1})` : '';
  const threads = flags.jobs === undefined ? '' : `, ${jobs} thread${jobs === 1 ? '' : 's'}`;
  io.err(`verify: seed ${seed} (rerun with --seed ${seed}), classes ${classes.join(', ')}, L ${L[0]}..${L[1]}, ${runs} runs, ${what}${part}${threads}${out ? `, appending to ${flags.out}` : ''}\n`);
  const total = shard ? Math.ceil(Math.max(0, runs - (shard.index - 1)) / shard.count) : runs;
  const bar = io.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'verify [{bar}] {value}/{total} runs  {eta_formatted} left  last: {cls} L={L}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  bar?.start(total, 0, { cls: '', L: '' });
  let summary: CampaignSummary;
  try {
    summary = await runCampaignInWorkers({ classes, L, runs, seed, digits, out, resume: Boolean(flags.resume), engine, shard, jobs }, (done, _total, last) => {
      bar?.update(done, { cls: last.cls, L: String(last.L) });
    }, (message) => io.err(`verify: ${message}\n`));
  } catch (err) {
    if (outTarget && isErrnoError(err) && err.path === outTarget.path) {
      throw outputFailure(outTarget, err, `the runs before are kept whole in it; make room and run the same command with --resume to carry on`);
    }
    throw err;
  } finally {
    bar?.stop();
  }
  const extra: CampaignExtra = {
    ...(flags.engine !== undefined ? { engine: engineJson(engine, digits) } : {}),
    ...(shard ? { shard } : {}),
  };
  return finish(summary, outTarget, Boolean(flags.json), extra, io);
}

/** What `verify` says beyond the summary when --engine or --shard is given. */
interface CampaignExtra {
  readonly engine?: VerifyEngineJson;
  readonly shard?: CampaignShard;
}

/** The engine of a campaign and what it means for its verdicts. */
function engineJson(engine: CampaignEngine, digits: number): VerifyEngineJson {
  return engine === 'float64' ? {
    name: 'float64', digits: null,
    meaning: 'every check on the float64 engine with its error bounds: a verdict is a margin beyond the error (a margin inside it is not a violation); pinching-identity, pinched-state and engines-agree need decimal.js and are skipped (--engine decimal runs them)',
  } : {
    name: 'decimal', digits,
    meaning: `every check in decimal.js at ${digits} digits where it applies (the float64 engine with its error bounds elsewhere, e.g. steady states); a verdict is a margin beyond the error`,
  };
}

/** Writes the tightest models next to `outTarget` and prints the summary; the exit code (1: a violation). */
function finish(summary: CampaignSummary, outTarget: OutputTarget | null, json: boolean, extra: CampaignExtra, io: CliIO): number {
  const tightFiles: Record<string, string> = {};
  if (outTarget) {
    const models = campaignModels(outTarget.path);
    for (const [b, r] of Object.entries(summary.tightest)) {
      const t = writeTightest(outTarget, b, r!.model, models, io);
      tightFiles[b] = t.path;
    }
  }
  if (json) {
    writeJson(io, { ...verifyJson(summary, tightFiles), ...extra });
  } else {
    io.out(summaryText(summary, tightFiles, extra));
  }
  return summary.violations.length > 0 ? exitCodes.refuted : exitCodes.ok;
}

/**
 * Runs `verify merge FILES... --out F`: the shard files of one campaign (properties/campaign.ts
 * mergeCampaignFiles: every line validated as on --resume, no run doubled, none missing) written
 * to F as the file one process writes, the tightest models next to it, and the summary of one
 * process (its `seconds`: the runs' own times, summed; `engine` for a float64 campaign, as its
 * shards print it with --engine float64). F must be new; exit 1 on a violation.
 */
function verifyMergeCommand(files: readonly string[], flags: VerifyFlags, io: CliIO, given: (key: string) => boolean): number {
  for (const key of Object.keys(options) as (keyof typeof options)[]) {
    if (key !== 'out' && key !== 'json' && given(key)) {
      throw usageError(`--${key}`, `--${key}`, `verify merge takes the shard files, --out F and --json; --${key} is the campaign's own (the shard files hold it)`);
    }
  }
  if (files.length === 0) throw usageError('verify', 'merge', 'verify merge needs the shard files: verify merge FILES... --out F');
  if (!flags.out) throw usageError('--out', 'merge', 'verify merge needs --out F (the merged campaign file)');
  const out = resolve(io.cwd, flags.out);
  const outTarget: OutputTarget = { path: out, shown: flags.out, key: '--out' };
  const inputs = files.map((f) => resolve(io.cwd, f));
  if (existsSync(out)) throw usageError('--out', flags.out, `'${flags.out}' exists; verify merge writes a new file (choose another --out)`);
  checkOutputTarget(outTarget, inputs);
  for (const b of tightestBounds) checkOutputTarget(tightestTarget(outTarget, b, 1), inputs);
  const merged = mergeCampaignFiles(inputs);
  mkdirSync(dirname(out), { recursive: true });
  if (!writeOutput(outTarget, merged.text, { inputs, existing: 'keep' })) {
    throw usageError('--out', flags.out, `'${flags.out}' exists; verify merge writes a new file (choose another --out)`);
  }
  const o = merged.options;
  io.err(`verify merge: ${merged.files.map((f, i) => `${files[i]} (${f.runs} runs, shard ${f.shards.join(', ')})`).join(', ')}: runs 0..${o.runs - 1} each once, seed ${o.seed}, L ${o.L[0]}..${o.L[1]}, ${o.engine === 'float64' ? 'the float64 engine' : 'decimal'}; wrote ${flags.out}\n`);
  // A float64 campaign is said as such (as its shards said it); a decimal one prints as one run without --engine.
  return finish(merged.summary, outTarget, Boolean(flags.json), o.engine === 'float64' ? { engine: engineJson('float64', o.digits) } : {}, io);
}

/** The bounds a campaign may write a tightest model for. */
const tightestBounds = ['Bstate', 'B1', 'B1coarse', 'B2'] as const;

/** `FILE.tightest-B.yaml`, and for k > 1 the k-th candidate `FILE.tightest-B.k.yaml`. */
function tightestTarget(out: OutputTarget, bound: string, k: number): OutputTarget {
  const suffix = `.tightest-${bound}${k > 1 ? `.${k}` : ''}.yaml`;
  return { path: out.path + suffix, shown: out.shown + suffix, key: '--out' };
}

/** The model files of the runs in the campaign file `file` (its lines were validated by the campaign). */
function campaignModels(file: string): Set<string> {
  const models = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const m = (JSON.parse(line) as { model?: unknown }).model;
      if (typeof m === 'string') models.add(m);
    } catch { /* not a run: holds no model */ }
  }
  return models;
}

/** Whether the regular file `path` holds one of `models` (then it is this campaign's, written by an earlier part of it). */
function holdsCampaignModel(path: string, models: ReadonlySet<string>): boolean {
  try { return models.has(readFileSync(path, 'utf8')); } catch { return false; }
}

/**
 * Writes the tightest model for `bound` next to the campaign file. An existing
 * `FILE.tightest-B.yaml` is replaced only when it holds a model of this campaign (written by an
 * earlier part of it, before a --resume); another campaign's file is kept, and the model goes to the
 * first free `FILE.tightest-B.2.yaml`, `.3.yaml`, ..., which is said on stderr.
 */
function writeTightest(out: OutputTarget, bound: string, model: string, models: ReadonlySet<string>, io: CliIO): OutputTarget {
  for (let k = 1; k <= 1000; k++) {
    const t = tightestTarget(out, bound, k);
    const st = checkOutputTarget(t, [out.path]);
    const ours = st !== null && holdsCampaignModel(t.path, models);
    if (st !== null && !ours) continue;
    if (!writeOutput(t, model, { inputs: [out.path], existing: ours ? 'replace' : 'keep' })) continue;
    if (k > 1) io.err(`verify: ${tightestTarget(out, bound, 1).shown} holds another campaign's model: kept it, wrote ${t.shown}\n`);
    return t;
  }
  throw usageError('--out', out.shown, `'${out.shown}.tightest-${bound}.yaml' and its 999 numbered alternatives hold other campaigns' models; move them or choose another --out`);
}

/**
 * The JSON of `verify` (the contract {@link VerifyJson}): the campaign's summary and where the
 * tightest models were written.
 */
export function verifyJson(s: CampaignSummary, tightestFiles: Readonly<Record<string, string>>): VerifyJson {
  return {
    seed: s.seed, classes: s.classes, L: s.L, runs: s.runs, resumed: s.resumed, byClass: s.byClass, violations: s.violations,
    tightest: s.tightest, checks: s.checks, seconds: s.seconds, tightestFiles,
  };
}

function summaryText(s: CampaignSummary, files: Record<string, string>, extra: CampaignExtra = {}): string {
  const out: string[] = [];
  out.push(`verify: ${s.runs} runs (${s.resumed} resumed) in ${s.seconds.toFixed(1)} s, seed ${s.seed}, L ${s.L[0]}..${s.L[1]}`);
  if (extra.shard) out.push(`shard ${extra.shard.index}/${extra.shard.count}: the runs r with r mod ${extra.shard.count} = ${extra.shard.index - 1} (verify merge the shard files for the whole campaign)`);
  if (extra.engine) out.push(`engine: ${extra.engine.name}${extra.engine.digits === null ? '' : ` (${extra.engine.digits} digits)`}: ${extra.engine.meaning}`);
  out.push(`by class: ${Object.entries(s.byClass).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  out.push('');
  out.push(table(['check', 'ok', 'skipped', 'violated'], Object.entries(s.checks).map(([k, c]) => [k, String(c.ok), String(c.skipped), String(c.violated)])));
  out.push(table(['bound', 'largest |J|/B', 'class', 'L', 'run', 'run seed', 'model file'], Object.entries(s.tightest).map(([b, r]) => [
    b, r!.ratios[b as 'B1'] ?? '-', r!.cls, String(r!.L), String(r!.run), String(r!.seed), files[b] ?? '(use --out to write it)',
  ])));
  if (s.violations.length === 0) {
    out.push('no violation: every limit held on every run (margins beyond the numerical error)');
  } else {
    out.push(`${s.violations.length} VIOLATION(S); the first, shrunk to a minimal model:`);
    const v = s.violations[0];
    out.push(`  run ${v.run} (run seed ${v.seed}), class ${v.cls}: ${v.violation}`);
    out.push(v.model);
  }
  return out.join('\n') + '\n';
}
