/**
 * `heatbound verify [--class C] [--L A..B] [--runs N] [--seed S] [--digits D] [--json] [--out FILE] [--resume]`:
 * a seeded campaign of random models checked against every limit (properties/campaign).
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { campaignClasses, runCampaign, type CampaignClass, type CampaignSummary } from '../../../properties/index.js';
import { type VerifyJson, writeJson } from '../contracts.js';
import { table } from '../format.js';
import type { CliIO } from '../io.js';
import { exitCodes } from '../io.js';
import { commandOptions, usageError, type FlagsOf } from '../options.js';

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

/** Runs `verify`; exit 1 when a limit is violated. */
export function verifyCommand(flags: VerifyFlags, io: CliIO): number {
  const classes = parseClasses(flags.class);
  const L = options.L.parse(flags.L);
  const runs = options.runs.parse(flags.runs);
  const seed = options.seed.parse(flags.seed);
  const digits = options.digits.parse(flags.digits);
  if (flags.resume && !flags.out) throw usageError('--resume', '--resume', '--resume needs --out FILE (the runs to carry on from)');
  const out = flags.out ? resolve(io.cwd, flags.out) : null;
  if (out && existsSync(out) && !flags.resume) {
    throw usageError('--out', flags.out!, `'${flags.out}' exists; add --resume to carry on with its campaign, or choose another file`);
  }
  if (out) {
    try {
      if (existsSync(out) && statSync(out).isDirectory()) throw new Error('it is a directory');
      mkdirSync(dirname(out), { recursive: true });
      closeSync(openSync(out, 'a'));
    } catch (err) {
      throw usageError('--out', flags.out!, `cannot append to '${flags.out}': ${(err as Error).message}`);
    }
  }
  io.err(`verify: seed ${seed} (rerun with --seed ${seed}), classes ${classes.join(', ')}, L ${L[0]}..${L[1]}, ${runs} runs, ${digits} digits${out ? `, appending to ${flags.out}` : ''}\n`);
  const bar = io.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'verify [{bar}] {value}/{total} runs  {eta_formatted} left  last: {cls} L={L}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  bar?.start(runs, 0, { cls: '', L: '' });
  let summary: CampaignSummary;
  try {
    summary = runCampaign({ classes, L, runs, seed, digits, out, resume: Boolean(flags.resume) }, (done, _total, last) => {
      bar?.update(done, { cls: last.cls, L: String(last.L) });
    });
  } finally {
    bar?.stop();
  }
  const tightFiles: Record<string, string> = {};
  if (out) {
    for (const [b, r] of Object.entries(summary.tightest)) {
      const file = `${out}.tightest-${b}.yaml`;
      writeFileSync(file, r!.model);
      tightFiles[b] = file;
    }
  }
  if (flags.json) {
    writeJson(io, verifyJson(summary, tightFiles));
  } else {
    io.out(summaryText(summary, tightFiles));
  }
  return summary.violations.length > 0 ? exitCodes.refuted : exitCodes.ok;
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
