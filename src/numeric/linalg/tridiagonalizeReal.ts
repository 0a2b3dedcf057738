import { accumulateRealQT } from './accumulateRealQ.js';
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
    fusedUpdateAndProduct(w, n, i + 1, vp, wp, v, p);
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

/**
 * One pass over rows r0..n-1 of the lower triangle: applies the pending update
 * A -= vp wp^T + wp vp^T and accumulates p += A v (symmetric, from the lower triangle only).
 * Rows go four at a time so each load of vp[k], wp[k], v[k], p[k] serves four entries.
 */
function fusedUpdateAndProduct(
  w: Float64Array,
  n: number,
  r0: number,
  vp: Float64Array,
  wp: Float64Array,
  v: Float64Array,
  p: Float64Array,
): void {
  let j = r0;
  for (; j + 3 < n; j += 4) {
    const ra = j * n;
    const rb = ra + n;
    const rc = rb + n;
    const rd = rc + n;
    const vpa = vp[j];
    const wpa = wp[j];
    const va = v[j];
    const vpb = vp[j + 1];
    const wpb = wp[j + 1];
    const vb = v[j + 1];
    const vpc = vp[j + 2];
    const wpc = wp[j + 2];
    const vc = v[j + 2];
    const vpd = vp[j + 3];
    const wpd = wp[j + 3];
    const vd = v[j + 3];
    let acca = 0;
    let accb = 0;
    let accc = 0;
    let accd = 0;
    for (let k = r0; k < j; k++) {
      const vpk = vp[k];
      const wpk = wp[k];
      const vk = v[k];
      const a = w[ra + k] - vpa * wpk - wpa * vpk;
      const b = w[rb + k] - vpb * wpk - wpb * vpk;
      const c = w[rc + k] - vpc * wpk - wpc * vpk;
      const d = w[rd + k] - vpd * wpk - wpd * vpk;
      w[ra + k] = a;
      w[rb + k] = b;
      w[rc + k] = c;
      w[rd + k] = d;
      acca += a * vk;
      accb += b * vk;
      accc += c * vk;
      accd += d * vk;
      p[k] += a * va + b * vb + (c * vc + d * vd);
    }
    rowTail(w, n, j, j, acca, vp, wp, v, p);
    rowTail(w, n, j + 1, j, accb, vp, wp, v, p);
    rowTail(w, n, j + 2, j, accc, vp, wp, v, p);
    rowTail(w, n, j + 3, j, accd, vp, wp, v, p);
  }
  for (; j < n; j++) rowTail(w, n, j, r0, 0, vp, wp, v, p);
}

/** Row j, columns from..j of the fused pass; `acc` carries the row's dot product so far. */
function rowTail(
  w: Float64Array,
  n: number,
  j: number,
  from: number,
  acc: number,
  vp: Float64Array,
  wp: Float64Array,
  v: Float64Array,
  p: Float64Array,
): void {
  const rj = j * n;
  const vpj = vp[j];
  const wpj = wp[j];
  const vj = v[j];
  for (let k = from; k < j; k++) {
    const a = w[rj + k] - vpj * wp[k] - wpj * vp[k];
    w[rj + k] = a;
    acc += a * v[k];
    p[k] += a * vj;
  }
  const ajj = w[rj + j] - 2 * vpj * wpj;
  w[rj + j] = ajj;
  p[j] += acc + ajj * vj;
}
