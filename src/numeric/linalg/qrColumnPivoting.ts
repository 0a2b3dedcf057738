import { columnNorms, downdateNorms } from './columnNorms.js';
import { complexReflector } from './complexReflector.js';
import { qrFusedPass } from './qrFusedPass.js';

/** Result of {@link qrColumnPivoting}, stopped at the numerical rank. */
export interface PivotedQr {
  /**
   * Row-major n×n; rows 0..rank-1 hold R (upper triangle) of (A / max|A_ij|) P = Q R, in pivoted
   * column order. The scaling changes neither the rank decision nor the null space.
   */
  readonly rr: Float64Array;
  readonly ri: Float64Array;
  /** perm[j] = original index of pivoted column j. */
  readonly perm: Int32Array;
  readonly rank: number;
  /** |R_00| (the largest column norm, of the scaled matrix). */
  readonly r00: number;
  /** |R_{rank-1, rank-1}| (0 when rank = 0). */
  readonly lastKept: number;
  /** Largest remaining column norm when the factorisation stopped (0 at full rank). */
  readonly firstDropped: number;
}

/**
 * Householder QR with column pivoting (Businger-Golub) of a square complex matrix, stopped as soon
 * as every remaining column norm is <= relTol · |R_00|. Q is not formed. Column norms are
 * downdated with LAPACK's guard (Drmac-Bujanovic) and recomputed when cancellation threatens.
 *
 * Each step makes one pass over the trailing block: the previous reflector's update is applied
 * lazily, fused with forming v^H A for the next reflector, whose column is updated on its own first.
 */
export function qrColumnPivoting(n: number, re: Float64Array, im: Float64Array, relTol: number, roundOff: number): PivotedQr {
  // Work on A / max|A_ij|: column norms are sums of squares, and rank decisions are scale-free.
  const wr = re.slice();
  const wi = im.slice();
  let big = 0;
  for (let i = 0; i < wr.length; i++) big = Math.max(big, Math.abs(wr[i]), Math.abs(wi[i]));
  if (big > 0) {
    for (let i = 0; i < wr.length; i++) {
      wr[i] /= big;
      wi[i] /= big;
    }
  }
  const perm = Int32Array.from({ length: n }, (_, j) => j);
  const vn1 = columnNorms(n, wr, wi);
  const vn2 = vn1.slice();
  const guard = Math.sqrt(roundOff);
  let vr = new Float64Array(n), vi = new Float64Array(n); // current reflector (rows k..)
  let pvr = new Float64Array(n), pvi = new Float64Array(n); // pending reflector
  let yr = new Float64Array(n), yi = new Float64Array(n); // pending v^H A (columns)
  let nyr = new Float64Array(n), nyi = new Float64Array(n);
  const xr = new Float64Array(n);
  const xi = new Float64Array(n);
  let ptau = 0; // pending tau; 0 means nothing pending
  let r00 = 0;
  let lastKept = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) {
      finishRow(n, k - 1, wr, wi, ptau, yr, yi);
      downdateNorms(n, k, wr, wi, vn1, vn2, guard, ptau, pvr, pvi, yr, yi);
    }
    let p = k;
    for (let c = k + 1; c < n; c++) if (vn1[c] > vn1[p]) p = c;
    if (k === 0) r00 = vn1[p];
    if (!(vn1[p] > relTol * r00)) {
      return { rr: wr, ri: wi, perm, rank: k, r00, lastKept, firstDropped: vn1[p] };
    }
    if (p !== k) swapColumns(n, k, p, wr, wi, perm, vn1, vn2, yr, yi);
    // Column k with the pending reflector applied, then its own reflector.
    for (let j = k; j < n; j++) {
      const ar = pvr[j], ai = pvi[j];
      xr[j] = wr[j * n + k] - ptau * (ar * yr[k] - ai * yi[k]);
      xi[j] = wi[j * n + k] - ptau * (ar * yi[k] + ai * yr[k]);
    }
    const { tau, betaRe, betaIm } = complexReflector(xr, xi, k, n, vr, vi);
    wr[k * n + k] = betaRe;
    wi[k * n + k] = betaIm;
    lastKept = Math.hypot(betaRe, betaIm);
    nyr.fill(0);
    nyi.fill(0);
    qrFusedPass(n, k, wr, wi, ptau, pvr, pvi, yr, yi, vr, vi, nyr, nyi);
    [pvr, pvi, vr, vi] = [vr, vi, pvr, pvi];
    [yr, yi, nyr, nyi] = [nyr, nyi, yr, yi];
    ptau = tau;
  }
  return { rr: wr, ri: wi, perm, rank: n, r00, lastKept, firstDropped: 0 };
}

/** Row `row` of R beyond the diagonal: the pending update applied (v[row] = 1). */
function finishRow(n: number, row: number, wr: Float64Array, wi: Float64Array, tau: number, yr: Float64Array, yi: Float64Array): void {
  if (tau === 0) return;
  const base = row * n;
  for (let c = row + 1; c < n; c++) {
    wr[base + c] -= tau * yr[c];
    wi[base + c] -= tau * yi[c];
  }
}

/** Swaps columns k and p everywhere they live: the matrix, the permutation, norms and y. */
function swapColumns(
  n: number,
  k: number,
  p: number,
  wr: Float64Array,
  wi: Float64Array,
  perm: Int32Array,
  vn1: Float64Array,
  vn2: Float64Array,
  yr: Float64Array,
  yi: Float64Array,
): void {
  for (let j = 0; j < n; j++) {
    const a = j * n + k;
    const b = j * n + p;
    let t = wr[a];
    wr[a] = wr[b];
    wr[b] = t;
    t = wi[a];
    wi[a] = wi[b];
    wi[b] = t;
  }
  for (const arr of [vn1, vn2, yr, yi]) {
    const t = arr[k];
    arr[k] = arr[p];
    arr[p] = t;
  }
  const t = perm[k];
  perm[k] = perm[p];
  perm[p] = t;
}
