/**
 * One real GEMM job: C[i][j] = alpha · sum_p op(A)[i][p] op(B)[p][j] + beta · C[i][j] for
 * i < m, j < n, with op(X)[r][s] at x[xOff + r·xStride + s], or x[xOff + s·xStride + r] when xTrans.
 * With `upper`, only entries with j + shift >= i are formed (shift places the job's columns
 * relative to the diagonal of a larger triangle); the others are not touched.
 * Plain data, so a job can be posted to a worker thread as it is.
 */
export interface GemmJob {
  m: number;
  n: number;
  k: number;
  alpha: number;
  a: Float64Array;
  aOff: number;
  aStride: number;
  aTrans: boolean;
  b: Float64Array;
  bOff: number;
  bStride: number;
  bTrans: boolean;
  c: Float64Array;
  cOff: number;
  cStride: number;
  beta: 0 | 1;
  upper: boolean;
  shift: number;
}

/**
 * A job shared out in parts: C is cut at `cuts` (columns when byColumns, else rows), and each
 * thread takes the next part from `counter` until none is left (so a busy or late thread simply
 * takes fewer parts).
 */
export interface SharedGemm {
  readonly job: GemmJob;
  readonly cuts: Int32Array;
  readonly counter: Int32Array;
  readonly byColumns: boolean;
}

/** Takes parts of `work` on the calling thread until none is left. Refers to nothing outside. */
export function takeParts(work: SharedGemm, engine: GemmEngine): void {
  const last = work.cuts.length - 1;
  for (let t = Atomics.add(work.counter, 0, 1); t < last; t = Atomics.add(work.counter, 0, 1)) {
    engine.run(engine.part(work.job, work.cuts[t], work.cuts[t + 1], work.byColumns));
  }
}

/** A GEMM engine: runs a job, or the columns (rows) from..to of one, with its own buffers. */
export interface GemmEngine {
  run(job: GemmJob): void;
  /** The part of `job` forming columns (byColumns) or rows from..to-1 of C. */
  part(job: GemmJob, from: number, to: number, byColumns: boolean): GemmJob;
}

/**
 * Creates a GEMM engine ({@link GemmEngine}) with its own packing buffers.
 *
 * Cache blocking after Goto and van de Geijn: a KC x NC panel of op(B) is packed once and stays in
 * L2/L3, an MC x KC block of op(A) in L2, and a 4x4 register tile of C (sixteen accumulators, so
 * each pair of loads feeds four multiply-adds) sweeps the packed micro-panels, which are
 * zero-padded so the tile never needs an edge case on the packed side. About 5 GFlop/s per core
 * in V8 against well under 1 for a plain triple loop on large matrices.
 *
 * The body refers to nothing outside itself: its source text is also what a worker thread runs
 * (see helperThreads.ts), so it must stay self-contained.
 */
export function createGemmEngine(): GemmEngine {
  const TILE = 4;
  const KC = 256;
  const MC = 96;
  const NC = 1024;
  // Packed A at [0, MC·KC), packed B after it: one array, so the tile's loop checks one object.
  const B0 = MC * KC;
  const packed = new Float64Array(MC * KC + KC * NC);
  const edge = new Float64Array(TILE * TILE);

  function kernel(kc: number, x: Float64Array, ap: number, bp: number, c: Float64Array, co: number, ldc: number): void {
    let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
    let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
    let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
    let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
    for (let p = 0; p < kc; p++) {
      const a0 = x[ap], a1 = x[ap + 1], a2 = x[ap + 2], a3 = x[ap + 3];
      const b0 = x[bp], b1 = x[bp + 1], b2 = x[bp + 2], b3 = x[bp + 3];
      c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
      c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
      c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
      c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      ap += 4;
      bp += 4;
    }
    c[co] += c00; c[co + 1] += c01; c[co + 2] += c02; c[co + 3] += c03;
    co += ldc;
    c[co] += c10; c[co + 1] += c11; c[co + 2] += c12; c[co + 3] += c13;
    co += ldc;
    c[co] += c20; c[co + 1] += c21; c[co + 2] += c22; c[co + 3] += c23;
    co += ldc;
    c[co] += c30; c[co + 1] += c31; c[co + 2] += c32; c[co + 3] += c33;
  }

  /** Rows i0.. (mc of them), columns p0.. (kc) of alpha·op(A) as TILE-row micro-panels. */
  function packA(job: GemmJob, i0: number, mc: number, p0: number, kc: number): void {
    const { a, aOff, aStride, alpha } = job;
    for (let t = 0; t < mc; t += TILE) {
      const base = t * kc;
      const rows = Math.min(TILE, mc - t);
      for (let r = rows; r < TILE; r++) for (let p = 0; p < kc; p++) packed[base + p * TILE + r] = 0;
      if (job.aTrans) {
        for (let p = 0; p < kc; p++) {
          const src = aOff + (p0 + p) * aStride + i0 + t;
          const dst = base + p * TILE;
          for (let r = 0; r < rows; r++) packed[dst + r] = alpha * a[src + r];
        }
      } else {
        for (let r = 0; r < rows; r++) {
          const src = aOff + (i0 + t + r) * aStride + p0;
          for (let p = 0; p < kc; p++) packed[base + p * TILE + r] = alpha * a[src + p];
        }
      }
    }
  }

  /** Rows p0.. (kc), columns j0.. (nc) of op(B) as TILE-column micro-panels. */
  function packB(job: GemmJob, p0: number, kc: number, j0: number, nc: number): void {
    const { b, bOff, bStride } = job;
    for (let t = 0; t < nc; t += TILE) {
      const base = t * kc;
      const cols = Math.min(TILE, nc - t);
      for (let s = cols; s < TILE; s++) for (let p = 0; p < kc; p++) packed[B0 + base + p * TILE + s] = 0;
      if (job.bTrans) {
        for (let s = 0; s < cols; s++) {
          const src = bOff + (j0 + t + s) * bStride + p0;
          for (let p = 0; p < kc; p++) packed[B0 + base + p * TILE + s] = b[src + p];
        }
      } else {
        for (let p = 0; p < kc; p++) {
          const src = bOff + (p0 + p) * bStride + j0 + t;
          const dst = base + p * TILE;
          for (let s = 0; s < cols; s++) packed[B0 + dst + s] = b[src + s];
        }
      }
    }
  }

  /** Every register tile of the packed A block against the packed B panel. */
  function macroKernel(job: GemmJob, mc: number, nc: number, kc: number, i0: number, j0: number): void {
    const { c, cOff, cStride: ldc, upper, shift } = job;
    for (let t = 0; t < nc; t += TILE) {
      const cols = Math.min(TILE, nc - t);
      const j = j0 + t;
      for (let s = 0; s < mc; s += TILE) {
        const rows = Math.min(TILE, mc - s);
        const i = i0 + s;
        if (upper && j + shift + cols - 1 < i) break; // this tile and all below it are below the diagonal
        if (rows === TILE && cols === TILE && (!upper || j + shift >= i + TILE - 1)) {
          kernel(kc, packed, s * kc, B0 + t * kc, c, cOff + i * ldc + j, ldc);
          continue;
        }
        edge.fill(0);
        kernel(kc, packed, s * kc, B0 + t * kc, edge, 0, TILE);
        for (let r = 0; r < rows; r++) {
          const row = cOff + (i + r) * ldc + j;
          const from = upper ? Math.max(0, i + r - j - shift) : 0;
          for (let q = from; q < cols; q++) c[row + q] += edge[r * TILE + q];
        }
      }
    }
  }

  function part(job: GemmJob, from: number, to: number, byColumns: boolean): GemmJob {
    if (byColumns) {
      const bOff = job.bOff + (job.bTrans ? from * job.bStride : from);
      return { ...job, n: to - from, bOff, cOff: job.cOff + from, shift: job.shift + from };
    }
    const aOff = job.aOff + (job.aTrans ? from : from * job.aStride);
    return { ...job, m: to - from, aOff, cOff: job.cOff + from * job.cStride, shift: job.shift - from };
  }

  function run(job: GemmJob): void {
    const { m, n, k, upper, shift } = job;
    if (job.beta === 0) {
      for (let i = 0; i < m; i++) {
        const row = job.cOff + i * job.cStride;
        const from = upper ? Math.min(Math.max(i - shift, 0), n) : 0;
        job.c.fill(0, row + from, row + n);
      }
    }
    if (m === 0 || n === 0 || k === 0 || job.alpha === 0) return;
    for (let j0 = 0; j0 < n; j0 += NC) {
      const nc = Math.min(NC, n - j0);
      // With `upper`, rows below the last column of this panel contribute nothing.
      const mEnd = upper ? Math.min(m, Math.max(0, j0 + nc + shift)) : m;
      for (let p0 = 0; p0 < k; p0 += KC) {
        const kc = Math.min(KC, k - p0);
        packB(job, p0, kc, j0, nc);
        for (let i0 = 0; i0 < mEnd; i0 += MC) {
          const mc = Math.min(MC, mEnd - i0);
          packA(job, i0, mc, p0, kc);
          macroKernel(job, mc, nc, kc, i0, j0);
        }
      }
    }
  }

  return { run, part };
}
