import { accumulateRealQT } from './accumulateRealQT.js';
import { fusedSymmetricPass } from './fusedSymmetricPass.js';
import { realReflector } from './realReflector.js';

/** Output of {@link tridiagonalizeReal}: T = Q^T A Q with diagonal `d` and `e[i]` = T[i+1][i]. */
export interface RealTridiagonal {
  readonly d: Float64Array;
  /** Length n; `e[n-1]` is 0. */
  readonly e: Float64Array;
  /** Row-major n×n Q^T (row j = column j of Q), present when asked for. */
  readonly qt: Float64Array | undefined;
}

/**
 * Householder reduction of a real symmetric matrix to tridiagonal form (the work of LAPACK dsytrd
 * with uplo = 'L'). Reads the lower triangle of `a` only and never writes to it.
 *
 * Each step makes ONE pass over the trailing lower triangle, fusing the rank-2 update
 * A - v w^T - w v^T of the previous reflector with the product A v of the current one, so the
 * matrix streams through memory once per step instead of three times.
 */
export function tridiagonalizeReal(n: number, a: Float64Array, wantQ: boolean): RealTridiagonal {
  const w = a.slice();
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const tau = new Float64Array(n);
  let vp = new Float64Array(n); // reflector of the previous step (pending update)
  let wp = new Float64Array(n);
  let v = new Float64Array(n);
  let p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Column i of the trailing matrix with the pending update applied.
    const vpi = vp[i];
    const wpi = wp[i];
    const x = p; // p is free until the fused pass below
    for (let j = i; j < n; j++) x[j] = w[j * n + i] - vp[j] * wpi - wp[j] * vpi;
    d[i] = x[i];
    if (i >= n - 2) {
      if (i === n - 2) {
        e[i] = x[n - 1];
        d[n - 1] = w[n * n - 1] - 2 * vp[n - 1] * wp[n - 1];
      }
      break;
    }
    const { tau: t, beta } = realReflector(x, i + 1, n, v);
    tau[i] = t;
    e[i] = beta;
    for (let k = i + 1; k < n; k++) w[i * n + k] = v[k]; // keep v_i in the unused upper triangle
    p.fill(0, i + 1, n);
    fusedSymmetricPass(w, n, i + 1, vp, wp, v, p);
    let vtp = 0;
    for (let k = i + 1; k < n; k++) {
      p[k] *= t;
      vtp += p[k] * v[k];
    }
    const half = 0.5 * t * vtp;
    for (let k = i + 1; k < n; k++) p[k] -= half * v[k];
    // (v, p) become the pending update; the old pending buffers are recycled.
    const sv = vp;
    const sw = wp;
    vp = v;
    wp = p;
    v = sv;
    p = sw;
  }
  return { d, e, qt: wantQ ? accumulateRealQT(n, w, tau) : undefined };
}
