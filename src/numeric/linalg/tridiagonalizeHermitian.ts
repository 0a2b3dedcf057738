import { accumulateHermitianQT } from './accumulateHermitianQT.js';
import { complexReflector } from './complexReflector.js';
import { fusedHermitianPass } from './fusedHermitianPass.js';

/**
 * Output of {@link tridiagonalizeHermitian}: T = Q^H A Q, Hermitian tridiagonal with real diagonal
 * `d` and complex subdiagonal `e[i]` = T[i+1][i] = (er[i], ei[i]); `e[n-1]` = 0.
 */
export interface HermitianTridiagonal {
  readonly d: Float64Array;
  readonly er: Float64Array;
  readonly ei: Float64Array;
  /** Row-major n×n Q^T, the plain transpose (row j = column j of Q), present when asked for. */
  readonly qtr: Float64Array | undefined;
  readonly qti: Float64Array | undefined;
  /**
   * The reflectors H_i = I - tau_i v_i v_i^H (i < n-2, tau_i real) with Q = H_0 H_1 ... H_{n-3}:
   * v_i sits in row i of (wr, wi), columns i+1..n-1 (v_i[i+1] = 1); the rest is scratch.
   */
  readonly wr: Float64Array;
  readonly wi: Float64Array;
  readonly tau: Float64Array;
}

/**
 * Householder reduction of a complex Hermitian matrix to Hermitian tridiagonal form (LAPACK zhetrd,
 * uplo = 'L'), with Hermitian reflectors H = I - tau v v^H and updates A - v w^H - w v^H. Reads the
 * lower triangle of (re, im) only (the imaginary part of the diagonal is ignored) and never writes
 * to it. One pass over the trailing triangle per step, as in the real reduction.
 */
export function tridiagonalizeHermitian(
  n: number,
  re: Float64Array,
  im: Float64Array,
  wantQ: boolean,
): HermitianTridiagonal {
  const wr = re.slice();
  const wi = im.slice();
  const d = new Float64Array(n);
  const er = new Float64Array(n);
  const ei = new Float64Array(n);
  const tau = new Float64Array(n);
  let vpr = new Float64Array(n), vpi = new Float64Array(n); // pending reflector
  let wpr = new Float64Array(n), wpi = new Float64Array(n); // pending companion w
  let vr = new Float64Array(n), vi = new Float64Array(n);
  let pr = new Float64Array(n), pi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Column i of the trailing matrix with the pending update applied (p is free until the pass).
    const xr = pr;
    const xi = pi;
    const wpir = wpr[i], wpii = wpi[i], vpir = vpr[i], vpii = vpi[i];
    for (let j = i; j < n; j++) {
      const ij = j * n + i;
      xr[j] = wr[ij] - (vpr[j] * wpir + vpi[j] * wpii) - (wpr[j] * vpir + wpi[j] * vpii);
      xi[j] = wi[ij] - (vpi[j] * wpir - vpr[j] * wpii) - (wpi[j] * vpir - wpr[j] * vpii);
    }
    d[i] = xr[i];
    if (i >= n - 2) {
      if (i === n - 2) {
        er[i] = xr[n - 1];
        ei[i] = xi[n - 1];
        d[n - 1] = wr[n * n - 1] - 2 * (vpr[n - 1] * wpr[n - 1] + vpi[n - 1] * wpi[n - 1]);
      }
      break;
    }
    const { tau: t, betaRe, betaIm } = complexReflector(xr, xi, i + 1, n, vr, vi);
    tau[i] = t;
    er[i] = betaRe;
    ei[i] = betaIm;
    for (let k = i + 1; k < n; k++) {
      wr[i * n + k] = vr[k]; // keep v_i in the unused upper triangle
      wi[i * n + k] = vi[k];
    }
    pr.fill(0, i + 1, n);
    pi.fill(0, i + 1, n);
    fusedHermitianPass(wr, wi, n, i + 1, vpr, vpi, wpr, wpi, vr, vi, pr, pi);
    // p <- tau p; w = p - (tau/2)(v^H p) v, where v^H p is real for Hermitian A.
    let vhp = 0;
    for (let k = i + 1; k < n; k++) {
      pr[k] *= t;
      pi[k] *= t;
      vhp += vr[k] * pr[k] + vi[k] * pi[k];
    }
    const half = 0.5 * t * vhp;
    for (let k = i + 1; k < n; k++) {
      pr[k] -= half * vr[k];
      pi[k] -= half * vi[k];
    }
    [vpr, vpi, wpr, wpi, vr, vi, pr, pi] = [vr, vi, pr, pi, vpr, vpi, wpr, wpi];
  }
  if (!wantQ) return { d, er, ei, qtr: undefined, qti: undefined, wr, wi, tau };
  const { qtr, qti } = accumulateHermitianQT(n, wr, wi, tau);
  return { d, er, ei, qtr, qti, wr, wi, tau };
}
