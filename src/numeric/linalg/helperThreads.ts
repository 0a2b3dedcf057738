import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fusedSymmetricPass, rowTail, type SharedRows, takeRows } from './fusedSymmetricPass.js';
import { createGemmEngine, type SharedGemm, takeParts } from './gemmEngine.js';

/** How the dense kernels use worker threads; see {@link configureLinalgThreads}. */
export interface LinalgThreading {
  /** Threads per kernel, the calling one included; 1 keeps everything on the calling thread. */
  readonly threads: number;
  /** Products of fewer flops (2mnk) than this stay on the calling thread. */
  readonly minFlops: number;
}

/** Work for a helper: parts of a matrix product, or row ranges of a tridiagonalisation pass. */
export type HelperTask =
  | { readonly kind: 'gemm'; readonly work: SharedGemm }
  | { readonly kind: 'rows'; readonly work: SharedRows };

/** A task as posted: with the id under which it is offered in `ctrl`. */
type Posted = HelperTask & { readonly id: number };

/** One helper thread: a worker running the kernels, and the word it reports back in. */
export interface Helper {
  readonly worker: Worker;
  /**
   * [0]: id while task `id` (a multiple of 4) waits for the helper, id + 1 once the helper has
   * claimed it, id + 2 when done, id + 3 when it threw, 0 when the caller took it back unclaimed.
   * Ids are never reused back to back, so a late message for an older task never claims.
   */
  readonly ctrl: Int32Array;
  /** Id of the task last offered. */
  id: number;
}

/** The most threads the dense kernels start (HEATBOUND_THREADS above it is capped here; the CLI refuses it). */
export const maxLinalgThreads = 64;

const ENV = 'HEATBOUND_THREADS';
let setting: LinalgThreading = { threads: defaultThreads(), minFlops: 3e7 };
let helpers: Helper[] = [];
let broken = false;

/**
 * Sets the threading of the dense kernels (default: the machine's available parallelism, capped
 * at 8, or the integer in the environment variable HEATBOUND_THREADS, at most {@link maxLinalgThreads}). Results do not depend on
 * it: every number is computed in the same order whichever thread computes it.
 *
 * @example
 * configureLinalgThreads({ threads: 1 }) // single-threaded
 */
export function configureLinalgThreads(opts: Partial<LinalgThreading>): void {
  setting = { ...setting, ...opts };
}

/** The current threading. */
export function linalgThreading(): LinalgThreading {
  return setting;
}

/**
 * Helpers for `count` extra threads, started on first use and kept (unref'ed, so they never hold
 * the process open). Returns fewer, possibly none, where workers cannot be started.
 */
export function helperThreads(count: number): readonly Helper[] {
  while (!broken && helpers.length < count) {
    try {
      const ctrl = new Int32Array(new SharedArrayBuffer(4));
      const worker = new Worker(workerSource(), { eval: true, workerData: { ctrl } });
      worker.unref();
      helpers.push({ worker, ctrl, id: 0 });
    } catch {
      broken = true;
    }
  }
  return helpers.slice(0, count);
}

/**
 * Offers a task to a helper. Tasks are shared out in parts through a counter, and the caller takes
 * parts too, so a helper that is late (or never starts) only means the caller takes more; then
 * {@link awaitHelper} waits for the helper only if it has claimed the task.
 */
export function postToHelper(h: Helper, task: HelperTask): void {
  h.id = h.id >= 1 << 29 ? 4 : h.id + 4;
  Atomics.store(h.ctrl, 0, h.id);
  const posted: Posted = { ...task, id: h.id };
  h.worker.postMessage(posted);
}

/**
 * Once the calling thread has taken every part it could: takes the task back if the helper has not
 * claimed it yet, else blocks until the helper is done (Atomics.wait: the helper needs nothing
 * from this thread's event loop).
 *
 * @throws Error if the task threw in the helper, or it did not finish within ten minutes.
 */
export function awaitHelper(h: Helper): void {
  if (Atomics.compareExchange(h.ctrl, 0, h.id, 0) === h.id) return;
  while (Atomics.load(h.ctrl, 0) === h.id + 1) {
    if (Atomics.wait(h.ctrl, 0, h.id + 1, 600_000) === 'timed-out') {
      broken = true;
      throw new Error('linalg: a helper thread did not finish its share');
    }
  }
  if (Atomics.load(h.ctrl, 0) === h.id + 3) throw new Error('linalg: a helper thread failed');
}

/** Stops the helper threads (they are restarted on demand). */
export function stopHelperThreads(): Promise<unknown> {
  const stopping = helpers.map((h) => h.worker.terminate());
  helpers = [];
  return Promise.all(stopping);
}

/**
 * The helpers' program: the kernels' own source text (each refers to nothing outside what is
 * listed here), and a handler claiming tasks and answering through `ctrl`.
 */
function workerSource(): string {
  return `
const { parentPort, workerData } = require('node:worker_threads');
const engine = (${createGemmEngine.toString()})();
const takeParts = ${takeParts.toString()};
const rowTail = ${rowTail.toString()};
const fusedSymmetricPass = ${fusedSymmetricPass.toString()};
const takeRows = ${takeRows.toString()};
const ctrl = workerData.ctrl;
parentPort.on('message', (task) => {
  // A task the caller has taken back, or an older one, is skipped.
  if (Atomics.compareExchange(ctrl, 0, task.id, task.id + 1) !== task.id) return;
  let status = task.id + 2;
  try {
    if (task.kind === 'gemm') takeParts(task.work, engine);
    else takeRows(task.work);
  } catch {
    status = task.id + 3;
  }
  Atomics.store(ctrl, 0, status);
  Atomics.notify(ctrl, 0);
});
`;
}

function defaultThreads(): number {
  const env = Number(process.env[ENV]);
  if (Number.isInteger(env) && env >= 1) return Math.min(env, maxLinalgThreads);
  return Math.max(1, Math.min(8, availableParallelism()));
}
