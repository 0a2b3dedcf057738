/**
 * The worker thread of `runCampaignInWorkers` (properties/campaign.ts): given the campaign in
 * `workerData`, it computes each run id it is sent ({@link computeRun}) and posts back the record,
 * or the error a run met (anything but a violation or a sample no engine computes).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeRun, type CampaignOptions } from './campaign.js';

const opts = workerData as Pick<CampaignOptions, 'classes' | 'L' | 'seed' | 'digits' | 'engine'>;
parentPort!.on('message', (run: number) => {
  try {
    parentPort!.postMessage({ run, record: computeRun(opts, run) });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    parentPort!.postMessage({ run, error: { name: e.name, message: e.message, stack: e.stack } });
  }
});
