import { accumulateHermitianQT } from './accumulateHermitianQT.js';
import { complexReflector } from './complexReflector.js';
import { hermitianPassVectors, runHermitianPass } from './fusedPassRunner.js';
import { sharedFloat64Array } from './sharedFloat64Array.js';

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
 * to it. One pass over the trailing triangle per step, as in the real reduction, shared by rows
 * with helper threads (runHermitianPass), with results independent of the threading.
 */
export function tridiagonalizeHermitian(
  n: number,
  re: Float64Array,
  im: Float64Array,
  wantQ: boolean,
): HermitianTridiagonal {
  const wr = sharedFloat64Array(n * n);
  const wi = sharedFloat64Array(n * n);
  wr.set(re);
  wi.set(im);
  const d = new Float64Array(n);
  const er = new Float64Array(n);
  const ei = new Float64Array(n);
  const tau = new Float64Array(n);
  // vp, wp (the pending update of the previous step), v and p are complex lanes (real parts, then
  // imaginary) of one array whose roles rotate as in the real reduction.
  const lanes = hermitianPassVectors(n);
  const x = lanes.x;
  let ovp = 0;
  let owp = 2 * n;
  let ov = 4 * n;
  let op = 6 * n;
  for (let i = 0; i < n; i++) {
    // Column i of the trailing matrix with the pending update applied, into the free p lane.
    const ovpi = ovp + n, owpi = owp + n, opi = op + n;
    const wpir = x[owp + i], wpii = x[owpi + i], vpir = x[ovp + i], vpii = x[ovpi + i];
    for (let j = i; j < n; j++) {
      const ij = j * n + i;
      const vpjr = x[ovp + j], vpji = x[ovpi + j], wpjr = x[owp + j], wpji = x[owpi + j];
      x[op + j] = wr[ij] - (vpjr * wpir + vpji * wpii) - (wpjr * vpir + wpji * vpii);
      x[opi + j] = wi[ij] - (vpji * wpir - vpjr * wpii) - (wpji * vpir - wpjr * vpii);
    }
    d[i] = x[op + i];
    if (i >= n - 2) {
      if (i === n - 2) {
        er[i] = x[op + n - 1];
        ei[i] = x[opi + n - 1];
        d[n - 1] = wr[n * n - 1] - 2 * (x[ovp + n - 1] * x[owp + n - 1] + x[ovpi + n - 1] * x[owpi + n - 1]);
      }
      break;
    }
    const pr = x.subarray(op, op + n);
    const pi = x.subarray(opi, opi + n);
    const vr = x.subarray(ov, ov + n);
    const vi = x.subarray(ov + n, ov + 2 * n);
    const { tau: t, betaRe, betaIm } = complexReflector(pr, pi, i + 1, n, vr, vi);
    tau[i] = t;
    er[i] = betaRe;
    ei[i] = betaIm;
    for (let k = i + 1; k < n; k++) {
      wr[i * n + k] = vr[k]; // keep v_i in the unused upper triangle
      wi[i * n + k] = vi[k];
    }
    pr.fill(0, i + 1, n);
    pi.fill(0, i + 1, n);
    runHermitianPass(lanes, wr, wi, n, i + 1, ovp, owp, ov, op);
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
    [ovp, owp, ov, op] = [ov, op, ovp, owp];
  }
  if (!wantQ) return { d, er, ei, qtr: undefined, qti: undefined, wr, wi, tau };
  const { qtr, qti } = accumulateHermitianQT(n, wr, wi, tau);
  return { d, er, ei, qtr, qti, wr, wi, tau };
}
