import { requireDimension } from './errors.js';
import { createGemmEngine, type GemmJob, type SharedGemm, takeParts } from './gemmEngine.js';
import { awaitHelper, helperThreads, linalgThreading, postToHelper } from './helperThreads.js';
import type { MatrixView } from './matrixView.js';

/** Options of {@link gemm}. */
export interface GemmOptions {
  /** 1 (default): C += alpha op(A) op(B). 0: C is overwritten (its old values are never read). */
  readonly beta?: 0 | 1;
  /** Form only the entries C[i][j] with j >= i; the others are not touched. */
  readonly upper?: boolean;
}

const engine = createGemmEngine();

/** Parts per thread when a product is shared out: enough for the threads to even out. */
const PARTS_PER_THREAD = 6;
/** Narrowest part (columns or rows of C). */
const MIN_PART = 64;

/**
 * Real matrix product C = alpha · op(A) · op(B) + beta · C with op(A) m×k, op(B) k×n and C m×n,
 * all strided row-major views ({@link MatrixView}; `trans` on A or B multiplies by the transpose,
 * `trans` on C is ignored). Cache-blocked with packed panels and a 4x4 register tile (see
 * gemmEngine.ts), about 5 GFlop/s per core in V8. Large products are cut into parts by columns
 * (or rows) of C which the calling thread and worker threads take in turn (see
 * {@link configureLinalgThreads}); every entry is summed in the same order however the work is cut,
 * so results do not depend on the threading. They agree with the naive loop to rounding, not
 * bitwise. C must not overlap A or B.
 *
 * @throws RangeError if a dimension is not a non-negative integer.
 * @example
 * // C (2x2) = A (2x3) · B^T, with B stored as 2x3
 * gemm(2, 2, 3, 1, matrixView(a, 3), matrixView(b, 3, 0, true), matrixView(c, 2), { beta: 0 })
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: MatrixView,
  b: MatrixView,
  c: MatrixView,
  opts: GemmOptions = {},
): void {
  requireDimension(m);
  requireDimension(n);
  requireDimension(k);
  const job: GemmJob = {
    m, n, k, alpha,
    a: a.data, aOff: a.offset, aStride: a.stride, aTrans: a.trans === true,
    b: b.data, bOff: b.offset, bStride: b.stride, bTrans: b.trans === true,
    c: c.data, cOff: c.offset, cStride: c.stride,
    beta: opts.beta ?? 1, upper: opts.upper === true, shift: 0,
  };
  const { threads, minFlops } = linalgThreading();
  const byColumns = job.upper || n >= m;
  const cuts = threads > 1 && 2 * m * n * k >= minFlops && alpha !== 0 ? cutPoints(job, byColumns, threads) : null;
  const helpers = cuts === null ? [] : helperThreads(threads - 1);
  if (cuts === null || helpers.length === 0) {
    engine.run(job);
    return;
  }
  const sa = shareable(job.a, job.aOff, job.aTrans ? k : m, job.aStride, job.aTrans ? m : k);
  const sb = shareable(job.b, job.bOff, job.bTrans ? n : k, job.bStride, job.bTrans ? k : n);
  const sc = shareable(job.c, job.cOff, m, job.cStride, n);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const work: SharedGemm = {
    job: {
      ...job,
      a: sa.data, aOff: job.aOff - sa.base,
      b: sb.data, bOff: job.bOff - sb.base,
      c: sc.data, cOff: job.cOff - sc.base,
    },
    cuts, counter, byColumns,
  };
  for (const h of helpers) postToHelper(h, { kind: 'gemm', work });
  takeParts(work, engine);
  for (const h of helpers) awaitHelper(h);
  if (sc.data !== job.c) job.c.set(sc.data.subarray(0, sc.length), sc.base); // the window and its gaps
}

/**
 * Where to cut C (columns when byColumns, else rows) into parts of about equal work, at multiples
 * of the 4-wide register tile and at least {@link MIN_PART} apart; for `upper`, column j weighs
 * the rows it has in the triangle. Null when the product is too narrow to share.
 */
function cutPoints(job: GemmJob, byColumns: boolean, threads: number): Int32Array | null {
  const len = byColumns ? job.n : job.m;
  const pieces = Math.min(threads * PARTS_PER_THREAD, Math.floor(len / MIN_PART));
  if (pieces < 2) return null;
  const weight = (j: number): number => (job.upper ? Math.min(job.m, Math.max(0, j + job.shift + 1)) : 1);
  let total = 0;
  for (let j = 0; j < len; j++) total += byColumns ? weight(j) : 1;
  const cuts = [0];
  let acc = 0;
  for (let j = 0; j < len; j++) {
    acc += byColumns ? weight(j) : 1;
    const at = Math.min(len, (j + 4) & ~3);
    if (acc >= (total * cuts.length) / pieces && at - cuts[cuts.length - 1] >= MIN_PART && len - at >= MIN_PART / 2) cuts.push(at);
  }
  cuts.push(len);
  const out = new Int32Array(new SharedArrayBuffer(4 * cuts.length));
  out.set(cuts);
  return out;
}

/**
 * The array itself when it lives in shared memory (base 0), else a shared copy of the stored
 * window (`rows` rows of `cols` at `off`, rows `stride` apart, and the gaps between them), whose
 * index i holds x[base + i].
 */
function shareable(
  x: Float64Array, off: number, rows: number, stride: number, cols: number,
): { data: Float64Array; base: number; length: number } {
  if (x.buffer instanceof SharedArrayBuffer) return { data: x, base: 0, length: x.length };
  const end = rows === 0 || cols === 0 ? off : off + (rows - 1) * stride + cols;
  const length = end - off;
  const data = new Float64Array(new SharedArrayBuffer(8 * Math.max(1, length)));
  data.set(x.subarray(off, end));
  return { data, base: off, length };
}
