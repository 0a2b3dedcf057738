/**
 * High-precision eigen-decomposition of a Hermitian Decimal matrix by refinement of the float64
 * one: orthonormalise the float64 eigenvectors, rotate H into their basis (nearly diagonal), and
 * finish with cyclic complex Jacobi sweeps, which converge quadratically from there. All O(n^3)
 * work runs on scaled integers (BigInt fixed point with F fraction bits, H divided by a power of
 * two so that max|H_ij| <= 1); Decimal appears only at the boundary.
 */
import type { Decimal } from './context.js';
import { eighHermitian } from '../linalg/index.js';
import type { Precision } from './context.js';
import {
  binaryExponentBound,
  decimalToScaled,
  dHermitianResidual,
  dIdentity,
  dMaxAbs,
  type DMatrix,
  float64ToScaled,
  isqrt,
  requireMatrix,
  roundShift,
  scaledToDecimal,
  scaledToFloat64,
} from './dense.js';

/** Eigen-decomposition of a Hermitian Decimal matrix, see {@link eighPrecise}. */
export interface PreciseEigh {
  /** Eigenvalues, ascending. */
  readonly values: Decimal[];
  /** Column k = eigenvector of values[k]; orthonormal to working precision. */
  readonly vectors: DMatrix;
  /**
   * max_k || H v_k - values[k] v_k ||_2 of the returned (rounded) values and vectors, plus the
   * bound on converting H to fixed point: every eigenvalue of H lies within this of values[k]
   * (the Hermitian residual bound, for unit v_k).
   */
  readonly residual: Decimal;
  /** max_ij | (V^+ V - I)_ij | of the returned vectors. */
  readonly orthogonality: Decimal;
  /** Jacobi sweeps performed (0 when the float64 start was already exact, e.g. diagonal H). */
  readonly sweeps: number;
}

/** Options of {@link eighPrecise}. */
export interface PreciseEighOptions {
  /** Jacobi sweeps allowed before giving up (default 12; quadratic convergence needs 2 to 4). */
  readonly maxSweeps?: number;
}

/**
 * The high-precision eigensolver could not deliver the working precision: H is not Hermitian to
 * the requested digits, or the Jacobi sweeps did not converge.
 */
export class PrecisionError extends Error {
  readonly reason: 'not-hermitian' | 'no-convergence';
  /**
   * not-hermitian: max|H - H^+| / max|H|; no-convergence: the largest off-diagonal element of the
   * rotated matrix over ||H||_F when the sweeps ran out.
   */
  readonly residual: Decimal;
  /** Jacobi sweeps performed (0 for not-hermitian). */
  readonly sweeps: number;
  constructor(reason: 'not-hermitian' | 'no-convergence', residual: Decimal, sweeps: number) {
    super(
      reason === 'not-hermitian'
        ? `matrix is not Hermitian to the requested precision: max|H - H^+| / max|H| = ${residual.toExponential(3)}`
        : `Jacobi refinement did not converge in ${sweeps} sweeps: off / ||H|| = ${residual.toExponential(3)}`,
    );
    this.name = 'PrecisionError';
    this.reason = reason;
    this.residual = residual;
    this.sweeps = sweeps;
  }
}

/** A square complex fixed-point matrix (layout given where it is used). */
interface Fixed {
  readonly n: number;
  readonly re: bigint[];
  readonly im: bigint[];
}

/**
 * Eigen-decomposition of a Hermitian Decimal matrix to the working precision of P, obtained by
 * refining a float64 start (eighHermitian on H rounded to float64): the float64 eigenvectors are
 * orthonormalised (modified Gram-Schmidt, twice), M = V^+ H V is formed (off-diagonal ~1e-16 ||H||)
 * and cyclic complex Jacobi sweeps on M, accumulated into V, skip pairs with
 * |M_pq| <= workEps ||H||_F and stop when every off-diagonal |M_pq| is that small. Degenerate and
 * nearly degenerate clusters need no special care. What is decomposed is the Hermitian part
 * (H + H^+)/2, which differs from H by at most eps max|H|.
 *
 * Accuracy: residual and orthogonality are about workEps ||H|| and workEps (they are measured and
 * returned); eigenvalues are accurate to ~workEps ||H|| absolutely, not relative to their size.
 *
 * @throws PrecisionError when max|H - H^+| > eps max|H|, or when the sweeps have not converged
 *   after `maxSweeps` (default 12).
 * @throws NoConvergenceError from the float64 start (eighHermitian), which is not expected.
 * @throws RangeError on a non-finite entry or a bad maxSweeps; DimensionError on a malformed H.
 * @example
 * const P = precision(30);
 * const h = dFromFloat64(P, 2, Float64Array.of(0, 1, 1, 0), Float64Array.of(0, 0, 0, 0));
 * const { values } = eighPrecise(P, h); // [-1, 1]
 */
export function eighPrecise(P: Precision, H: DMatrix, opts: PreciseEighOptions = {}): PreciseEigh {
  requireMatrix('eighPrecise', H);
  const maxSweeps = opts.maxSweeps ?? 12;
  if (!Number.isInteger(maxSweeps) || maxSweeps < 0) {
    throw new RangeError(`eighPrecise: maxSweeps must be a non-negative integer, got ${maxSweeps}`);
  }
  const n = H.n;
  const top = dMaxAbs(P, H);
  const skew = dHermitianResidual(P, H);
  if (skew.gt(P.eps.times(top))) throw new PrecisionError('not-hermitian', skew.div(top), 0);
  const k = binaryExponentBound(top);
  if (n === 0 || k === -Infinity) {
    const zero = new P.D(0);
    return { values: new Array<Decimal>(n).fill(zero), vectors: dIdentity(P, n), residual: zero, orthogonality: zero, sweeps: 0 };
  }
  const F = fractionBits(P, n);
  const a = hermitianPart(H, F - k);
  const v = float64Start(a, F);
  orthonormaliseColumns(v, F);
  orthonormaliseColumns(v, F);
  const m = sandwich(a, v, F);
  const normF = isqrt(sumOfSquares(a));
  const tol = (normF * decimalToScaled(P.workEps, F)) >> BigInt(F);
  const sweeps = jacobiSweeps(m, v, F, tol, maxSweeps, (off, done) => {
    const ratio = scaledToDecimal(P, isqrt(off), F).div(scaledToDecimal(P, normF, F));
    return new PrecisionError('no-convergence', ratio, done);
  });

  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => compare(m.re[x * n + x], m.re[y * n + y]));
  const values = order.map((j) => scaledToDecimal(P, m.re[j * n + j], F - k));
  const vectors: DMatrix = { n, re: new Array<Decimal>(n * n), im: new Array<Decimal>(n * n) };
  for (let c = 0; c < n; c++) {
    const src = order[c] * n;
    for (let i = 0; i < n; i++) {
      vectors.re[i * n + c] = scaledToDecimal(P, v.re[src + i], F);
      vectors.im[i * n + c] = scaledToDecimal(P, v.im[src + i], F);
    }
  }
  const { residual, orthogonality } = measure(P, a, values, vectors, F, k);
  return { values, vectors, residual, orthogonality, sweeps };
}

/** Fraction bits of the fixed point: the working digits, round-off growth over n, and margin. */
function fractionBits(P: Precision, n: number): number {
  return Math.ceil(Math.log2(10) * (P.digits + P.guard)) + 2 * Math.ceil(Math.log2(n + 1)) + 24;
}

/** round((H + H^+)/2 * 2^shift), row-major, exactly Hermitian. */
function hermitianPart(H: DMatrix, shift: number): Fixed {
  const n = H.n;
  const re = new Array<bigint>(n * n).fill(0n);
  const im = new Array<bigint>(n * n).fill(0n);
  for (let i = 0; i < n; i++) {
    re[i * n + i] = decimalToScaled(H.re[i * n + i], shift);
    decimalToScaled(H.im[i * n + i], shift); // checks finiteness; a Hermitian diagonal is real
    for (let j = i + 1; j < n; j++) {
      const ij = i * n + j;
      const ji = j * n + i;
      const r = roundShift(decimalToScaled(H.re[ij], shift) + decimalToScaled(H.re[ji], shift), 1);
      const s = roundShift(decimalToScaled(H.im[ij], shift) - decimalToScaled(H.im[ji], shift), 1);
      re[ij] = r;
      re[ji] = r;
      im[ij] = s;
      im[ji] = -s;
    }
  }
  return { n, re, im };
}

/**
 * The float64 eigenvectors of a (scale 2^-F), as fixed point, COLUMN-major (column j at j*n). The
 * mean of the diagonal is subtracted first: it does not change the eigenvectors, and a matrix
 * like I + 1e-20 G would otherwise look like I to float64.
 */
function float64Start(a: Fixed, F: number): Fixed {
  const n = a.n;
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  let trace = 0n;
  for (let i = 0; i < n; i++) trace += a.re[i * n + i];
  const mean = trace / BigInt(n);
  for (let i = 0; i < n; i++) {
    re[i * n + i] = scaledToFloat64(a.re[i * n + i] - mean, F);
    for (let j = i + 1; j < n; j++) {
      const x = scaledToFloat64(a.re[i * n + j], F);
      const y = scaledToFloat64(a.im[i * n + j], F);
      re[i * n + j] = x;
      re[j * n + i] = x;
      im[i * n + j] = y;
      im[j * n + i] = -y;
    }
  }
  const r = eighHermitian(n, re, im, { vectors: true, validate: false });
  const vr = new Array<bigint>(n * n);
  const vi = new Array<bigint>(n * n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      vr[c * n + i] = float64ToScaled(r.vre[i * n + c], F);
      vi[c * n + i] = float64ToScaled(r.vim[i * n + c], F);
    }
  }
  return { n, re: vr, im: vi };
}

/** Modified Gram-Schmidt on the columns of a column-major fixed-point matrix, in place. */
function orthonormaliseColumns(v: Fixed, F: number): void {
  const { n, re, im } = v;
  const bf = BigInt(F);
  const half = 1n << (bf - 1n);
  for (let j = 0; j < n; j++) {
    const jo = j * n;
    for (let c = 0; c < j; c++) {
      const co = c * n;
      let pr = 0n;
      let pi = 0n;
      for (let i = 0; i < n; i++) {
        const xr = re[co + i];
        const xi = im[co + i];
        const yr = re[jo + i];
        const yi = im[jo + i];
        pr += xr * yr + xi * yi;
        pi += xr * yi - xi * yr;
      }
      pr = (pr + half) >> bf;
      pi = (pi + half) >> bf;
      if (pr === 0n && pi === 0n) continue;
      for (let i = 0; i < n; i++) {
        const xr = re[co + i];
        const xi = im[co + i];
        re[jo + i] -= (pr * xr - pi * xi + half) >> bf;
        im[jo + i] -= (pr * xi + pi * xr + half) >> bf;
      }
    }
    let s = 0n;
    for (let i = 0; i < n; i++) s += re[jo + i] * re[jo + i] + im[jo + i] * im[jo + i];
    const norm = isqrt(s);
    // Only a broken float64 start (linearly dependent vectors) can make a column vanish.
    if (norm === 0n) throw new RangeError('eighPrecise: the float64 eigenvectors are linearly dependent');
    const inv = (1n << (2n * bf)) / norm;
    for (let i = 0; i < n; i++) {
      re[jo + i] = (re[jo + i] * inv + half) >> bf;
      im[jo + i] = (im[jo + i] * inv + half) >> bf;
    }
  }
}

/** M = V^+ A V (row-major, exactly Hermitian) for row-major A and column-major V. */
function sandwich(a: Fixed, v: Fixed, F: number): Fixed {
  const n = a.n;
  const bf = BigInt(F);
  const half = 1n << (bf - 1n);
  // T = A V, column-major like V.
  const tr = new Array<bigint>(n * n);
  const ti = new Array<bigint>(n * n);
  for (let j = 0; j < n; j++) {
    const jo = j * n;
    for (let i = 0; i < n; i++) {
      const io = i * n;
      let sr = 0n;
      let si = 0n;
      for (let l = 0; l < n; l++) {
        const xr = a.re[io + l];
        const xi = a.im[io + l];
        if (xr === 0n && xi === 0n) continue;
        const yr = v.re[jo + l];
        const yi = v.im[jo + l];
        sr += xr * yr - xi * yi;
        si += xr * yi + xi * yr;
      }
      tr[jo + i] = (sr + half) >> bf;
      ti[jo + i] = (si + half) >> bf;
    }
  }
  const re = new Array<bigint>(n * n);
  const im = new Array<bigint>(n * n);
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let j = i; j < n; j++) {
      const jo = j * n;
      let sr = 0n;
      let si = 0n;
      for (let l = 0; l < n; l++) {
        const xr = v.re[io + l];
        const xi = v.im[io + l];
        const yr = tr[jo + l];
        const yi = ti[jo + l];
        sr += xr * yr + xi * yi;
        si += xr * yi - xi * yr;
      }
      sr = (sr + half) >> bf;
      si = (si + half) >> bf;
      re[io + j] = sr;
      re[j * n + i] = sr;
      im[io + j] = i === j ? 0n : si;
      im[j * n + i] = i === j ? 0n : -si;
    }
  }
  return { n, re, im };
}

/**
 * Cyclic (row order) complex Jacobi sweeps on the row-major Hermitian m, rotations accumulated
 * into the columns of the column-major v. Returns the sweeps done once max_{p<q} |m_pq| <= tol.
 */
function jacobiSweeps(
  m: Fixed,
  v: Fixed,
  F: number,
  tol: bigint,
  maxSweeps: number,
  failure: (offSquared: bigint, sweeps: number) => Error,
): number {
  const n = m.n;
  const tolSq = tol * tol;
  for (let sweeps = 0; ; sweeps++) {
    const off = maxOffDiagonalSquared(m);
    if (off <= tolSq) return sweeps;
    if (sweeps === maxSweeps) throw failure(off, sweeps);
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const gr = m.re[p * n + q];
        const gi = m.im[p * n + q];
        if (gr * gr + gi * gi > tolSq) rotate(m, v, F, p, q);
      }
    }
  }
}

/**
 * One complex Jacobi rotation U = [[c, s u], [-s conj(u), c]] on the pair (p, q), u = m_pq/|m_pq|,
 * t = s/c the real Jacobi tangent of [[m_pp, |m_pq|], [|m_pq|, m_qq]]: m <- U^+ m U, v <- v U.
 * Written as x' = x + (-(1-c) x - conj(σ) y), y' = y + (σ x - (1-c) y), σ = s u, so that near the
 * identity the products involve only small integers.
 */
function rotate(m: Fixed, v: Fixed, F: number, p: number, q: number): void {
  const n = m.n;
  const bf = BigInt(F);
  const one = 1n << bf;
  const half = one >> 1n;
  const mr = m.re;
  const mi = m.im;
  const pq = p * n + q;
  const gr = mr[pq];
  const gi = mi[pq];
  // |g| at scale 2^2F, so that u = g/|g| is unit to 2^-F even when g has few significant bits.
  const g2 = gr * gr + gi * gi;
  const gh = isqrt(g2 << (2n * bf));
  const a = mr[p * n + p];
  const b = mr[q * n + q];
  const dh = (b - a) << bf;
  const root = isqrt(dh * dh + 4n * gh * gh);
  let t = ((2n * gh) << bf) / ((dh < 0n ? -dh : dh) + root);
  if (dh < 0n) t = -t;
  const r = isqrt((one << bf) + t * t);
  const c = ((one << bf) + (r >> 1n)) / r;
  const s = (t * c + half) >> bf;
  const cm1 = one - c;
  const sr = (s * ((gr << (2n * bf)) / gh) + half) >> bf;
  const si = (s * ((gi << (2n * bf)) / gh) + half) >> bf;
  const tg = (t * gh + (1n << (2n * bf - 1n))) >> (2n * bf);
  mr[p * n + p] = a - tg;
  mr[q * n + q] = b + tg;
  mr[pq] = 0n;
  mi[pq] = 0n;
  mr[q * n + p] = 0n;
  mi[q * n + p] = 0n;
  for (let i = 0; i < n; i++) {
    if (i === p || i === q) continue;
    const ip = i * n + p;
    const iq = i * n + q;
    const xr = mr[ip];
    const xi = mi[ip];
    const yr = mr[iq];
    const yi = mi[iq];
    const nxr = xr + ((half - cm1 * xr - sr * yr - si * yi) >> bf);
    const nxi = xi + ((half - cm1 * xi - sr * yi + si * yr) >> bf);
    const nyr = yr + ((half + sr * xr - si * xi - cm1 * yr) >> bf);
    const nyi = yi + ((half + sr * xi + si * xr - cm1 * yi) >> bf);
    mr[ip] = nxr;
    mi[ip] = nxi;
    mr[iq] = nyr;
    mi[iq] = nyi;
    mr[p * n + i] = nxr;
    mi[p * n + i] = -nxi;
    mr[q * n + i] = nyr;
    mi[q * n + i] = -nyi;
  }
  const vr = v.re;
  const vi = v.im;
  const po = p * n;
  const qo = q * n;
  for (let i = 0; i < n; i++) {
    const xr = vr[po + i];
    const xi = vi[po + i];
    const yr = vr[qo + i];
    const yi = vi[qo + i];
    vr[po + i] = xr + ((half - cm1 * xr - sr * yr - si * yi) >> bf);
    vi[po + i] = xi + ((half - cm1 * xi - sr * yi + si * yr) >> bf);
    vr[qo + i] = yr + ((half + sr * xr - si * xi - cm1 * yr) >> bf);
    vi[qo + i] = yi + ((half + sr * xi + si * xr - cm1 * yi) >> bf);
  }
}

function maxOffDiagonalSquared(m: Fixed): bigint {
  const n = m.n;
  let worst = 0n;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = m.re[i * n + j];
      const y = m.im[i * n + j];
      const s = x * x + y * y;
      if (s > worst) worst = s;
    }
  }
  return worst;
}

function sumOfSquares(a: Fixed): bigint {
  let s = 0n;
  for (let k = 0; k < a.re.length; k++) s += a.re[k] * a.re[k] + a.im[k] * a.im[k];
  return s;
}

function compare(x: bigint, y: bigint): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Residual and orthogonality of the returned Decimal values and vectors, in exact integer
 * arithmetic on their fixed-point images (F fraction bits, far finer than the working precision).
 * The residual adds ||(H + H^+)/2 - 2^k a||_2 <= 2 n 2^(k-F), the cost of converting H.
 */
function measure(
  P: Precision,
  a: Fixed,
  values: Decimal[],
  vectors: DMatrix,
  F: number,
  k: number,
): { residual: Decimal; orthogonality: Decimal } {
  const n = a.n;
  const vr = new Array<bigint>(n * n);
  const vi = new Array<bigint>(n * n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      vr[c * n + i] = decimalToScaled(vectors.re[i * n + c], F);
      vi[c * n + i] = decimalToScaled(vectors.im[i * n + c], F);
    }
  }
  let worstResidual = 0n;
  for (let c = 0; c < n; c++) {
    const co = c * n;
    const lambda = decimalToScaled(values[c], F - k);
    let s = 0n;
    for (let i = 0; i < n; i++) {
      const io = i * n;
      let rr = -lambda * vr[co + i];
      let ri = -lambda * vi[co + i];
      for (let l = 0; l < n; l++) {
        const xr = a.re[io + l];
        const xi = a.im[io + l];
        if (xr === 0n && xi === 0n) continue;
        rr += xr * vr[co + l] - xi * vi[co + l];
        ri += xr * vi[co + l] + xi * vr[co + l];
      }
      s += rr * rr + ri * ri;
    }
    if (s > worstResidual) worstResidual = s;
  }
  let worstGram = 0n;
  const unit = 1n << BigInt(2 * F);
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let j = i; j < n; j++) {
      const jo = j * n;
      let gr = i === j ? -unit : 0n;
      let gi = 0n;
      for (let l = 0; l < n; l++) {
        gr += vr[io + l] * vr[jo + l] + vi[io + l] * vi[jo + l];
        gi += vr[io + l] * vi[jo + l] - vi[io + l] * vr[jo + l];
      }
      const s = gr * gr + gi * gi;
      if (s > worstGram) worstGram = s;
    }
  }
  const conversion = new P.D(2 * n).times(new P.D(2).pow(k - F));
  return {
    residual: scaledToDecimal(P, isqrt(worstResidual), 2 * F - k).plus(conversion),
    orthogonality: scaledToDecimal(P, isqrt(worstGram), 2 * F),
  };
}
