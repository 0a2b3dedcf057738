import { fusedSymmetricPass, type SharedRows, takeRows } from './fusedSymmetricPass.js';
import { awaitHelper, helperThreads, linalgThreading, postToHelper } from './helperThreads.js';
import { sharedFloat64Array } from './sharedFloat64Array.js';

/** Most row ranges per pass, and the fewest rows per range. */
const MAX_PARTS = 8;
const ROWS_PER_PART = 96;
/** Passes over fewer lower-triangle entries than this stay on the calling thread. */
const MIN_SHARED_ENTRIES = 1 << 17;

/**
 * The vectors of a reduction of order n as lanes of one array (see fusedSymmetricPass): lanes 0..3
 * hold vp, wp, v and p (their roles rotate between steps), lanes 4.. the per-range partial sums.
 * Lives in shared memory when threads are in use.
 */
export interface PassVectors {
  readonly x: Float64Array;
  readonly cuts: Int32Array;
  readonly counter: Int32Array;
}

/** Allocates {@link PassVectors} for order n. */
export function passVectors(n: number): PassVectors {
  const shared = linalgThreading().threads > 1;
  const int32 = (len: number): Int32Array => new Int32Array(shared ? new SharedArrayBuffer(4 * len) : new ArrayBuffer(4 * len));
  return { x: sharedFloat64Array((4 + MAX_PARTS) * n, 0), cuts: int32(MAX_PARTS + 1), counter: int32(1) };
}

/**
 * p[r0..n) = (A v)[r0..n) after the pending update A -= vp wp^T + wp vp^T of the trailing lower
 * triangle of w ({@link fusedSymmetricPass}), with vp, wp, v, p the lanes of s.x at the given
 * offsets; p must be zero on r0..n. Large passes are cut into row ranges of about equal area,
 * taken by the calling thread and helper threads; each range sums into its own lane, and the lanes
 * are added in a fixed order, so p does not depend on the threading. w must be shared
 * (sharedFloat64Array) for helpers to take part.
 */
export function runFusedPass(
  s: PassVectors,
  w: Float64Array,
  n: number,
  r0: number,
  ovp: number,
  owp: number,
  ov: number,
  op: number,
): void {
  const rows = n - r0;
  const parts = Math.max(1, Math.min(MAX_PARTS, Math.floor(rows / ROWS_PER_PART)));
  const { x, cuts } = s;
  if (parts === 1) {
    fusedSymmetricPass(w, n, r0, r0, n, x, ovp, owp, ov, op);
    return;
  }
  // Row j costs j - r0 + 1 entries: equal areas end at r0 + rows·sqrt(t / parts).
  cuts[0] = r0;
  for (let t = 1; t < parts; t++) cuts[t] = Math.max(cuts[t - 1], r0 + (Math.round((rows * Math.sqrt(t / parts)) / 4) << 2));
  cuts[parts] = n;
  Atomics.store(s.counter, 0, 0);
  const pc = 4 * n;
  const work: SharedRows = { w, n, r0, x, ovp, owp, ov, pc, cuts, parts, counter: s.counter };
  const { threads } = linalgThreading();
  const share = threads > 1 && (rows * rows) / 2 >= MIN_SHARED_ENTRIES && allShared(w, x, cuts);
  const helpers = share ? helperThreads(threads - 1) : [];
  for (const h of helpers) postToHelper(h, { kind: 'rows', work });
  takeRows(work);
  for (const h of helpers) awaitHelper(h);
  for (let t = 0; t < parts; t++) {
    const o = pc + t * n;
    const end = cuts[t + 1];
    for (let k = r0; k < end; k++) x[op + k] += x[o + k];
  }
}

/** True when every array lives in shared memory (a plain one would reach a helper as a copy). */
function allShared(...arrays: (Float64Array | Int32Array)[]): boolean {
  return arrays.every((a) => a.buffer instanceof SharedArrayBuffer);
}
