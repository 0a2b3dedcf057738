import { accumulateRealQT } from './accumulateRealQT.js';
import { passVectors, runFusedPass } from './fusedPassRunner.js';
import { realReflector } from './realReflector.js';
import { sharedFloat64Array } from './sharedFloat64Array.js';

/** Output of {@link tridiagonalizeReal}: T = Q^T A Q with diagonal `d` and `e[i]` = T[i+1][i]. */
export interface RealTridiagonal {
  readonly d: Float64Array;
  /** Length n; `e[n-1]` is 0. */
  readonly e: Float64Array;
  /** Row-major n×n Q^T (row j = column j of Q), present when asked for. */
  readonly qt: Float64Array | undefined;
  /**
   * The reflectors H_i = I - tau_i v_i v_i^T (i < n-2) with Q = H_0 H_1 ... H_{n-3}: v_i sits in
   * row i of the row-major n×n `w`, columns i+1..n-1 (w[i][i+1] = 1); the rest of `w` is scratch.
   */
  readonly w: Float64Array;
  readonly tau: Float64Array;
}

/**
 * Householder reduction of a real symmetric matrix to tridiagonal form (the work of LAPACK dsytrd
 * with uplo = 'L'). Reads the lower triangle of `a` only and never writes to it.
 *
 * Each step makes ONE pass over the trailing lower triangle, fusing the rank-2 update
 * A - v w^T - w v^T of the previous reflector with the product A v of the current one, so the
 * matrix streams through memory once per step instead of three times; large passes are shared
 * by rows with helper threads ({@link runFusedPass}), with results independent of the threading.
 */
export function tridiagonalizeReal(n: number, a: Float64Array, wantQ: boolean): RealTridiagonal {
  const w = sharedFloat64Array(n * n);
  w.set(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tau = new Float64Array(n);
  // vp, wp (the pending update of the previous step), v and p are lanes of one array whose roles
  // rotate: after each step (v, p) become the pending (vp, wp) and the old lanes are reused.
  const lanes = passVectors(n);
  const x = lanes.x;
  let ovp = 0;
  let owp = n;
  let ov = 2 * n;
  let op = 3 * n;
  for (let i = 0; i < n; i++) {
    // Column i of the trailing matrix with the pending update applied, into the free p lane.
    const vpi = x[ovp + i];
    const wpi = x[owp + i];
    for (let j = i; j < n; j++) x[op + j] = w[j * n + i] - x[ovp + j] * wpi - x[owp + j] * vpi;
    d[i] = x[op + i];
    if (i >= n - 2) {
      if (i === n - 2) {
        e[i] = x[op + n - 1];
        d[n - 1] = w[n * n - 1] - 2 * x[ovp + n - 1] * x[owp + n - 1];
      }
      break;
    }
    const v = x.subarray(ov, ov + n);
    const { tau: t, beta } = realReflector(x.subarray(op, op + n), i + 1, n, v);
    tau[i] = t;
    e[i] = beta;
    for (let k = i + 1; k < n; k++) w[i * n + k] = v[k]; // keep v_i in the unused upper triangle
    x.fill(0, op + i + 1, op + n);
    runFusedPass(lanes, w, n, i + 1, ovp, owp, ov, op);
    let vtp = 0;
    for (let k = i + 1; k < n; k++) {
      x[op + k] *= t;
      vtp += x[op + k] * v[k];
    }
    const half = 0.5 * t * vtp;
    for (let k = i + 1; k < n; k++) x[op + k] -= half * v[k];
    [ovp, owp, ov, op] = [ov, op, ovp, owp];
  }
  return { d, e, qt: wantQ ? accumulateRealQT(n, w, tau) : undefined, w, tau };
}
