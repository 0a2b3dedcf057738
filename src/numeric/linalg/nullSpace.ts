import { requireDimension, requireLength } from './errors.js';
import { qrColumnPivoting } from './qrColumnPivoting.js';
import { resolveTolerances, type WithTolerances } from './tolerances.js';

/** Options of {@link nullSpace}. */
export interface NullSpaceOptions extends WithTolerances {
  /** Relative rank tolerance: pivots |R_kk| <= tol · |R_00| count as zero. Default tolerances.rank. */
  readonly tol?: number;
}

/** A complex vector as two Float64Arrays. */
export interface ComplexVector {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Null space of a square matrix and the evidence for the rank decision. */
export interface NullSpaceResult {
  /** Orthonormal basis of the numerical null space (n - rank vectors). */
  readonly basis: ComplexVector[];
  /** Numerical rank. */
  readonly rank: number;
  /** |R_{rank-1,rank-1}| / |R_00|: the smallest pivot kept (1 at rank 1; NaN at rank 0). */
  readonly smallestPivotRatio: number;
  /**
   * Largest remaining column norm / |R_00| when the factorisation stopped: every dropped pivot is
   * at most this (0 at full rank; NaN for the zero matrix). The decision margin is the gap between
   * this and smallestPivotRatio, on either side of the tolerance.
   */
  readonly droppedPivotRatio: number;
  /** The relative tolerance used. */
  readonly tol: number;
}

/**
 * Numerical null space of a square complex (not necessarily Hermitian) n×n matrix, row-major
 * (re, im), not modified: QR with column pivoting, A P = Q [R11 R12; 0 R22], stopped when every
 * remaining column norm is <= tol · |R_00| (so ||R22||_2 <= sqrt(n - rank) · that). The null
 * vectors P [-R11^-1 R12; I] are then orthonormalised. Column pivoting reveals rank reliably in
 * practice; rare Kahan-type matrices can hide a small singular value from it.
 *
 * @example
 * // Steady state of a Lindblad generator L (vectorised): the basis vector, reshaped, is rho.
 * const { basis, rank, smallestPivotRatio, droppedPivotRatio } = nullSpace(d * d, lre, lim)
 */
export function nullSpace(n: number, re: Float64Array, im: Float64Array, opts: NullSpaceOptions = {}): NullSpaceResult {
  requireDimension(n);
  requireLength('nullSpace: re', re, n * n);
  requireLength('nullSpace: im', im, n * n);
  const tolerances = resolveTolerances(opts.tolerances);
  const tol = opts.tol ?? tolerances.rank;
  const qr = qrColumnPivoting(n, re, im, tol, tolerances.roundOff);
  const { rr, ri, perm, rank } = qr;
  const basis: ComplexVector[] = [];
  const zr = new Float64Array(rank);
  const zi = new Float64Array(rank);
  for (let c = rank; c < n; c++) {
    backSubstitute(n, rank, rr, ri, c, zr, zi);
    const vr = new Float64Array(n);
    const vi = new Float64Array(n);
    for (let i = 0; i < rank; i++) {
      vr[perm[i]] = zr[i];
      vi[perm[i]] = zi[i];
    }
    vr[perm[c]] = 1;
    basis.push({ re: vr, im: vi });
  }
  orthonormalise(n, basis);
  return {
    basis,
    rank,
    smallestPivotRatio: rank === 0 ? NaN : qr.lastKept / qr.r00,
    droppedPivotRatio: rank === n ? 0 : qr.firstDropped / qr.r00,
    tol,
  };
}

/** Solves R11 z = -R12[:, c] by back substitution (R11 = leading rank×rank block of R). */
function backSubstitute(
  n: number,
  rank: number,
  rr: Float64Array,
  ri: Float64Array,
  c: number,
  zr: Float64Array,
  zi: Float64Array,
): void {
  for (let i = rank - 1; i >= 0; i--) {
    const row = i * n;
    let sr = -rr[row + c];
    let si = -ri[row + c];
    for (let l = i + 1; l < rank; l++) {
      sr -= rr[row + l] * zr[l] - ri[row + l] * zi[l];
      si -= rr[row + l] * zi[l] + ri[row + l] * zr[l];
    }
    // z_i = s / R_ii
    const dr = rr[row + i];
    const di = ri[row + i];
    const d2 = dr * dr + di * di;
    zr[i] = (sr * dr + si * di) / d2;
    zi[i] = (si * dr - sr * di) / d2;
  }
}

/** Modified Gram-Schmidt, applied twice, in place. */
function orthonormalise(n: number, vs: ComplexVector[]): void {
  for (let k = 0; k < vs.length; k++) {
    const x = vs[k];
    for (let pass = 0; pass < 2; pass++) {
      for (let l = 0; l < k; l++) {
        const u = vs[l];
        let hr = 0;
        let hi = 0;
        for (let t = 0; t < n; t++) {
          hr += u.re[t] * x.re[t] + u.im[t] * x.im[t];
          hi += u.re[t] * x.im[t] - u.im[t] * x.re[t];
        }
        for (let t = 0; t < n; t++) {
          x.re[t] -= hr * u.re[t] - hi * u.im[t];
          x.im[t] -= hr * u.im[t] + hi * u.re[t];
        }
      }
    }
    let s = 0;
    for (let t = 0; t < n; t++) s += x.re[t] * x.re[t] + x.im[t] * x.im[t];
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < n; t++) {
      x.re[t] *= inv;
      x.im[t] *= inv;
    }
  }
}
