/**
 * `heatbound verify [--class C] [--L A..B] [--runs N] [--seed S] [--digits D] [--json] [--out FILE] [--resume]`:
 * a seeded campaign of random models checked against every limit (properties/campaign).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { campaignClasses, runCampaign, type CampaignClass, type CampaignSummary } from '../../../properties/index.js';
import { type VerifyJson, writeJson } from '../contracts.js';
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
      throw usageError('--class', text, `expected all or one or more of ${campaignClasses.join(', ')}, got '${c}'`);
    }
  }
  return list as CampaignClass[];
}

/**
 * Runs `verify`; exit 1 when a limit is violated. With --out FILE the runs are appended to FILE (a
 * link, directory or device refused; on --resume every line validated and a cut last line
 * repaired, properties/campaign.ts), and the tightest models written next to it
 * ({@link writeTightest}). No space for FILE: exit 3, the runs before kept whole.
 */
export function verifyCommand(flags: VerifyFlags, io: CliIO): number {
  const classes = parseClasses(flags.class);
  const L = options.L.parse(flags.L);
  const runs = options.runs.parse(flags.runs);
  const seed = options.seed.parse(flags.seed);
  const digits = options.digits.parse(flags.digits);
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
  io.err(`verify: seed ${seed} (rerun with --seed ${seed}), classes ${classes.join(', ')}, L ${L[0]}..${L[1]}, ${runs} runs, ${digits} digits${out ? `, appending to ${flags.out}` : ''}\n`);
  const bar = io.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'verify [{bar}] {value}/{total} runs  {eta_formatted} left  last: {cls} L={L}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  bar?.start(runs, 0, { cls: '', L: '' });
  let summary: CampaignSummary;
  try {
    summary = runCampaign({ classes, L, runs, seed, digits, out, resume: Boolean(flags.resume) }, (done, _total, last) => {
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
  const tightFiles: Record<string, string> = {};
  if (outTarget) {
    const models = campaignModels(outTarget.path);
    for (const [b, r] of Object.entries(summary.tightest)) {
      const t = writeTightest(outTarget, b, r!.model, models, io);
      tightFiles[b] = t.path;
    }
  }
  if (flags.json) {
    writeJson(io, verifyJson(summary, tightFiles));
  } else {
    io.out(summaryText(summary, tightFiles));
  }
  return summary.violations.length > 0 ? exitCodes.refuted : exitCodes.ok;
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

function summaryText(s: CampaignSummary, files: Record<string, string>): string {
  const out: string[] = [];
  out.push(`verify: ${s.runs} runs (${s.resumed} resumed) in ${s.seconds.toFixed(1)} s, seed ${s.seed}, L ${s.L[0]}..${s.L[1]}`);
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
