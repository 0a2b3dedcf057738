/**
 * A-posteriori error bounds of a computed eigendecomposition H_b V = V Lambda of one Hermitian
 * block: the residual of every computed eigenpair and the loss of orthonormality of V, both
 * bounded including the round-off of computing them. The theorems that turn them into eigenvalue
 * and eigenspace errors are applied in eigensystem.ts.
 */
import { gemm, matrixView, sharedFloat64Array } from './linalg/index.js';
import type { SparseMatrix } from './sparse.js';
import { gammaN } from './tolerances.js';

/** What one block's check finds. */
export interface BlockCheck {
  /** Per eigenpair q: an upper bound of the exact ||H_b v_q - lambda_q v_q|| (H_b the float64 block). */
  readonly residual: Float64Array;
  /** An upper bound of ||V^+ V - I||_F (hence of ||V^+ V - I||_2). */
  readonly gram: number;
  /** max over rows of sum_j |H_ij| (bounds || |H_b| ||_2, |H_b| being symmetric). */
  readonly rowAbs: number;
  /** Largest number of stored entries in a row of the block. */
  readonly rowNonzeros: number;
}

/** Columns per panel of the Gram product (bounds its scratch memory at d x 512). */
const GRAM_PANEL = 512;

/**
 * Residuals and orthonormality of the eigenvectors (columns of the row-major d x d `vre`, `vim`)
 * of H restricted to the sorted indices `idx` (a graph component, so H_b v needs no other rows).
 *
 * Round-off of the check itself: an entry of H v - lambda v sums k+1 complex products (k stored
 * entries in its row), so its computed value is within gamma_{2k+4} (|H| |v| + |lambda| |v|)
 * of the exact one (Higham Lemma 3.1 with sqrt(2) gamma_2 per complex product); its column norm is
 * therefore within gamma_{2k+4} (|| |H| || + |lambda|) ||v|| of the computed one, and the computed
 * sqrt of the computed sum of d squares is within gamma_{d+2} (relative). An entry of V^+ V is an
 * inner product of length 2d (real and imaginary parts), within gamma_{2d} |v_p| |v_q|, so the
 * whole error matrix has Frobenius norm <= gamma_{2d} sum_q ||v_q||^2.
 *
 * @example
 * // H = diag(1, 2) with V = I: residual 0, gram 0 (up to the check's own round-off bound)
 */
export function checkBlock(
  H: SparseMatrix, idx: Int32Array, localOf: Int32Array, values: Float64Array, vre: Float64Array, vim: Float64Array | null,
): BlockCheck {
  const d = idx.length;
  const rr = new Float64Array(d), ri = new Float64Array(d), res2 = new Float64Array(d), col2 = new Float64Array(d);
  let rowAbs = 0, rowNonzeros = 0;
  for (let xl = 0; xl < d; xl++) {
    const x = idx[xl];
    rr.fill(0); ri.fill(0);
    let abs = 0;
    rowNonzeros = Math.max(rowNonzeros, H.rowPtr[x + 1] - H.rowPtr[x]);
    for (let p = H.rowPtr[x]; p < H.rowPtr[x + 1]; p++) {
      const yl = localOf[H.col[p]];
      const hr = H.re[p], hi = H.im[p];
      abs += Math.hypot(hr, hi);
      const o = yl * d;
      if (vim) {
        for (let q = 0; q < d; q++) { const vr = vre[o + q], vi = vim[o + q]; rr[q] += hr * vr - hi * vi; ri[q] += hr * vi + hi * vr; }
      } else if (hi !== 0) {
        for (let q = 0; q < d; q++) { const vr = vre[o + q]; rr[q] += hr * vr; ri[q] += hi * vr; }
      } else {
        for (let q = 0; q < d; q++) rr[q] += hr * vre[o + q];
      }
    }
    rowAbs = Math.max(rowAbs, abs);
    const o = xl * d;
    for (let q = 0; q < d; q++) {
      const vr = vre[o + q], vi = vim ? vim[o + q] : 0;
      const a = rr[q] - values[q] * vr, b = ri[q] - values[q] * vi;
      res2[q] += a * a + b * b;
      col2[q] += vr * vr + vi * vi;
    }
  }
  const gRes = gammaN(2 * rowNonzeros + 4), gNorm = gammaN(d + 2);
  const residual = new Float64Array(d);
  let sumCol2 = 0;
  for (let q = 0; q < d; q++) {
    const norm = Math.sqrt(col2[q]) * (1 + gNorm);
    sumCol2 += col2[q] * (1 + gNorm);
    residual[q] = Math.sqrt(res2[q]) * (1 + gNorm) + gRes * (rowAbs + Math.abs(values[q])) * norm;
  }
  return { residual, gram: gramDeviation(d, vre, vim) + gammaN(2 * d) * sumCol2, rowAbs, rowNonzeros };
}

/** The computed ||V^+ V - I||_F, by panels of columns (upper triangle, off-diagonal entries twice). */
function gramDeviation(d: number, vre: Float64Array, vim: Float64Array | null): number {
  if (d === 1) {
    const s = vre[0] * vre[0] + (vim ? vim[0] * vim[0] : 0);
    return Math.abs(s - 1);
  }
  let sum = 0;
  const w = Math.min(d, GRAM_PANEL);
  const gr = sharedFloat64Array(d * w), gi = vim ? sharedFloat64Array(d * w) : null;
  const vr = sharedCopy(vre), vi = vim ? sharedCopy(vim) : null;
  for (let q0 = 0; q0 < d; q0 += w) {
    const q1 = Math.min(d, q0 + w), cols = q1 - q0;
    // Rows 0..q1-1 of V^+ V[:, q0..q1-1]: the entries (p, q) with p < q1 include the upper triangle.
    const m = q1;
    const out = matrixView(gr, cols);
    gemm(m, cols, d, 1, matrixView(vr, d, 0, true), matrixView(vr, d, q0), out, { beta: 0 });
    if (vi && gi) {
      gemm(m, cols, d, 1, matrixView(vi, d, 0, true), matrixView(vi, d, q0), out);
      const outI = matrixView(gi, cols);
      gemm(m, cols, d, 1, matrixView(vr, d, 0, true), matrixView(vi, d, q0), outI, { beta: 0 });
      gemm(m, cols, d, -1, matrixView(vi, d, 0, true), matrixView(vr, d, q0), outI);
    }
    for (let p = 0; p < m; p++) {
      for (let c = 0; c < cols; c++) {
        const q = q0 + c;
        if (p > q) continue;
        const re = gr[p * cols + c] - (p === q ? 1 : 0), im = gi ? gi[p * cols + c] : 0;
        sum += (p === q ? 1 : 2) * (re * re + im * im);
      }
    }
  }
  return Math.sqrt(sum) * (1 + gammaN(d * d + 2));
}

function sharedCopy(x: Float64Array): Float64Array {
  if (x.buffer instanceof SharedArrayBuffer) return x;
  const y = sharedFloat64Array(x.length);
  y.set(x);
  return y;
}
