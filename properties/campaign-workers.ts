/**
 * Campaigns on worker threads: {@link runCampaignInWorkers} hands the run ids to workers
 * (campaign-worker.ts) and appends their records in run order, so the file and the summary are
 * those of one thread.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { lineOf, openCampaignFile, runAll, runsToDo, summarise, type CampaignOptions, type CampaignSummary, type RunRecord } from './campaign.js';

/**
 * The worker script of {@link runCampaignInWorkers}: the built campaign-worker.js next to this
 * module (dist/properties), or, in the bundled CLI (dist/src/cli/chunks, scripts/bundle-cli.mjs),
 * the one in dist/properties of the same build; null when this module runs from the TypeScript
 * sources (vitest), where there is none (a build elsewhere might be stale or being rewritten, so
 * it is not used).
 */
function workerScript(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = here.endsWith(join('dist', 'src', 'cli', 'chunks'));
  const js = bundled ? join(here, '..', '..', '..', 'properties', 'campaign-worker.js') : join(here, 'campaign-worker.js');
  return existsSync(js) ? js : null;
}

/**
 * runCampaign (campaign.ts) on `jobs` worker threads (at most one per run to do): each worker
 * computes the runs it is handed (computeRun), and this thread appends them in run order, so the
 * file, the progress and the summary are those of one thread (only `ms` and `seconds` differ).
 * With jobs <= 1, one run to do, or no built worker script (this module run from the TypeScript
 * sources, as the tests import it), it runs in this thread: the same records.
 *
 * @example await runCampaignInWorkers({ classes: ['band'], L: [1, 4], runs: 1000, seed: 7, digits: 30, out: null, resume: false, engine: 'float64', jobs: 2 })
 * @throws as runCampaign; an error a worker meets (not a violation, not a sample no engine
 *   computes) stops every worker and is thrown here
 */
export async function runCampaignInWorkers(
  opts: CampaignOptions & { readonly jobs: number },
  progress: (done: number, total: number, last: RunRecord) => void = () => {},
  notice: (message: string) => void = () => {},
): Promise<CampaignSummary> {
  const t0 = Date.now();
  const { previous, sink } = opts.out ? openCampaignFile(opts.out, opts, notice) : { previous: [], sink: null };
  try {
    const todo = runsToDo(opts, previous);
    const script = opts.jobs > 1 && todo.length > 1 ? workerScript() : null;
    if (script === null) return runAll(opts, previous, sink, progress, t0);
    const records: RunRecord[] = [...previous];
    await new Promise<void>((resolveAll, rejectAll) => {
      const { classes, L, seed, digits, engine } = opts;
      const workers = Array.from({ length: Math.min(opts.jobs, todo.length) }, () => new Worker(script, { workerData: { classes, L, seed, digits, engine } }));
      const results = new Map<number, RunRecord>();
      let handed = 0, written = 0, failed = false;
      const stop = (err: unknown): void => {
        if (failed) return;
        failed = true;
        for (const w of workers) void w.terminate();
        rejectAll(err);
      };
      const hand = (w: Worker): void => { if (handed < todo.length) w.postMessage(todo[handed++]); };
      for (const w of workers) {
        w.on('message', (m: { run: number; record?: RunRecord; error?: { name: string; message: string; stack?: string } }) => {
          if (failed) return;
          if (m.error) {
            const err = new Error(`run ${m.run}: ${m.error.name}: ${m.error.message}`);
            if (m.error.stack) err.stack = m.error.stack;
            stop(err);
            return;
          }
          results.set(m.run, m.record!);
          hand(w);
          try {
            // In run order: the file and the progress are those of one thread.
            while (written < todo.length && results.has(todo[written])) {
              const rec = results.get(todo[written])!;
              results.delete(todo[written++]);
              sink?.append(lineOf(opts, rec));
              records.push(rec);
              progress(records.length, opts.runs, rec);
            }
          } catch (err) {
            stop(err);
            return;
          }
          if (written === todo.length) {
            for (const x of workers) void x.terminate();
            resolveAll();
          }
        });
        w.on('error', stop);
        // Two runs in hand each, so a worker never waits for its next run.
        hand(w);
        hand(w);
      }
    });
    return summarise(opts, records, previous.length, (Date.now() - t0) / 1000);
  } finally {
    sink?.close();
  }
}
