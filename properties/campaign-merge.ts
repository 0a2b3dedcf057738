/**
 * Merging a campaign's shard files ({@link mergeCampaignFiles}): every line validated as a resume
 * validates it (campaign.ts recordProblem), no run twice, none missing; the file and the summary of
 * one process.
 */
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../src/lang/index.js';
import {
  badLines, isInt, isObject, recordProblem, summarise, type CampaignClass, type CampaignLine, type CampaignOptions, type CampaignSummary, type RunRecord,
} from './campaign.js';

/** The files {@link mergeCampaignFiles} merged: what each held. */
export interface MergedFile {
  readonly file: string;
  readonly runs: number;
  /** The shards its lines are of ('I/N'; 'all' for lines without a shard). */
  readonly shards: readonly string[];
}

/** The campaign {@link mergeCampaignFiles} made of shard files. */
export interface MergedCampaign {
  /** The campaign the files are parts of (seed, classes, L, engine and runs from their lines). */
  readonly options: CampaignOptions;
  /** The summary one process running the whole campaign gives (`seconds`: the runs' own times, summed; `resumed` 0). */
  readonly summary: CampaignSummary;
  /** The campaign file one process writes: every run's line, in run order, without its shard. */
  readonly text: string;
  readonly files: readonly MergedFile[];
}

/**
 * Merges the files of a campaign's shards (`verify --shard I/N --out FILE`, or any part of it).
 * Every line is validated as on resume (one campaign's seed, classes, L and engine; each run's seed,
 * class and model drawn again), across the files no run may appear twice, and every run id below
 * the campaign's runs (from the shards' lines) must be there.
 *
 * @example mergeCampaignFiles(['out/shard-1.jsonl', 'out/shard-2.jsonl']).summary.runs
 * @throws InputError (bad-usage) naming file:line for bad or doubled lines, and the missing run ids
 *   with the shard each belongs to
 */
export function mergeCampaignFiles(files: readonly string[]): MergedCampaign {
  const texts = files.map((file) => {
    const refuse = (message: string): InputError => new InputError({ code: 'bad-usage', file: '<command line>', key: 'verify merge', line: 0, column: 0, token: file, message });
    try {
      // A device or pipe is never read (/dev/zero never ends, a pipe waits for a writer).
      const st = statSync(file);
      if (st.isDirectory()) throw refuse(`'${file}' is a directory; expected a shard file (verify --shard I/N --out FILE)`);
      if (!st.isFile()) throw refuse(`'${file}' is not a regular file (a device, pipe or socket); expected a shard file (verify --shard I/N --out FILE)`);
      return readFileSync(file, 'utf8');
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw refuse(`cannot read '${file}': ${(err as Error).message}`);
    }
  });
  // The campaign: from the first line that names one (every line is then checked against it).
  let first: Record<string, unknown> | null = null;
  let runs = 0, tagged = false;
  for (const text of texts) {
    for (const line of text.split('\n')) {
      let x: unknown;
      try { x = JSON.parse(line); } catch { continue; }
      if (!isObject(x)) continue;
      if (first === null && isInt(x.campaignSeed) && Array.isArray(x.classes) && Array.isArray(x.Lrange)) first = x;
      const sh = x.shard;
      if (isObject(sh) && isInt(sh.runs)) { tagged = true; runs = Math.max(runs, sh.runs); } else if (!tagged && isInt(x.run)) runs = Math.max(runs, x.run + 1);
    }
  }
  if (first === null) {
    throw new InputError({ code: 'bad-usage', file: '<command line>', key: 'verify merge', line: 0, column: 0, token: files.join(' '), message: 'no run of a verify campaign in these files (verify --shard I/N --out FILE writes them)' });
  }
  const opts: CampaignOptions = {
    classes: first.classes as CampaignClass[], L: first.Lrange as [number, number], runs, seed: first.campaignSeed as number,
    digits: 30, out: null, resume: false, engine: first.campaignEngine === 'float64' ? 'float64' : 'decimal',
  };
  const seen = new Map<number, string>();
  const lines = new Map<number, string>();
  const records: RunRecord[] = [];
  const bad: { file: string; line: number; message: string }[] = [];
  const merged: MergedFile[] = [];
  const counts = new Set<number>();
  files.forEach((file, f) => {
    const text = texts[f];
    const shards = new Set<string>();
    let n = 0;
    const all = text.split('\n');
    all.forEach((line, i) => {
      if (!line.trim()) return;
      if (i === all.length - 1) {
        bad.push({ file, line: i + 1, message: 'the last line was cut by an interruption (no line end): finish that shard first (verify --shard I/N --out FILE --resume, with the campaign\'s flags)' });
        return;
      }
      const problem = recordProblem(line, opts, seen, 'any');
      if (typeof problem === 'string') { bad.push({ file, line: i + 1, message: problem }); return; }
      const { shard, ...rest } = JSON.parse(line) as CampaignLine;
      if (shard) counts.add(shard.count);
      shards.add(shard ? `${shard.index}/${shard.count}` : 'all');
      seen.set(problem.run, `${file}:${i + 1}`);
      lines.set(problem.run, JSON.stringify(rest));
      records.push(problem);
      n++;
    });
    merged.push({ file, runs: n, shards: [...shards].sort() });
  });
  if (bad.length > 0) throw badLines(bad, 'verify merge', '(merge only the files verify --shard I/N --out wrote for one campaign, each run once; fix or remove the lines above)');
  const missing: number[] = [];
  for (let i = 0; i < runs; i++) if (!seen.has(i)) missing.push(i);
  if (missing.length > 0) {
    const count = counts.size === 1 ? [...counts][0] : null;
    const byShard = new Map<string, number[]>();
    for (const i of missing) {
      const key = count === null ? 'runs' : `shard ${(i % count) + 1}/${count}`;
      byShard.set(key, [...(byShard.get(key) ?? []), i]);
    }
    const list = [...byShard].map(([k, ids]) => `${k}: ${idRanges(ids)} (${ids.length})`).join('; ');
    throw new InputError({
      code: 'bad-usage', file: '<command line>', key: 'verify merge', line: 0, column: 0, token: files.join(' '),
      message: `${missing.length} of the campaign's ${runs} runs are in none of the files: ${list}\n(run or resume the shards that hold them: verify --shard I/N --out FILE --resume, with the campaign's flags)`,
    });
  }
  const seconds = records.reduce((t, r) => t + r.ms, 0) / 1000;
  const summary = summarise(opts, records, 0, seconds);
  const text = [...lines].sort((a, b) => a[0] - b[0]).map(([, l]) => l + '\n').join('');
  return { options: opts, summary, text, files: merged };
}

/** Run ids as ranges: 0..3, 7, 9..10. */
function idRanges(ids: readonly number[]): string {
  const out: string[] = [];
  for (let k = 0; k < ids.length;) {
    let j = k;
    while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
    out.push(j === k ? String(ids[k]) : `${ids[k]}..${ids[j]}`);
    if (out.length === 20 && j + 1 < ids.length) { out.push('...'); break; }
    k = j + 1;
  }
  return out.join(', ');
}
