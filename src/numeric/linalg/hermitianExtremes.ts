import { blockGramSchmidt } from './blockGramSchmidt.js';
import { eighReal } from './eighReal.js';
import { NoConvergenceError, requireDimension } from './errors.js';
import { mulberry32 } from './prng.js';
import { ensureSlot, randomUnit, rayleigh, subtractColumn } from './lanczosVectors.js';
import { measureExtremes } from './measureExtremes.js';
import { thickRestart } from './thickRestart.js';
import type { ComplexMatVec, LanczosExtremes } from './lanczosTypes.js';
import { resolveTolerances, type WithTolerances } from './tolerances.js';

export type { ComplexMatVec, LanczosExtremes } from './lanczosTypes.js';

/** Budgets and defaults of {@link hermitianExtremes} (not tolerances: those live in linalgTolerances). */
export const lanczosDefaults = Object.freeze({
  /** Seed of the start vector. */
  seed: 1,
  /** Budget of matrix-vector products. */
  maxIterations: 2000,
  /** Basis size bounds; between them the basis is sized to `basisBytes` of memory. */
  maxBasis: 64,
  minBasis: 12,
  basisBytes: 2 ** 29,
  /** Fresh random vectors tried after invariant subspaces before accepting the result. */
  freshStarts: 2,
  /** Fraction of the basis kept at EACH end of the spectrum by a thick restart. */
  keepPerEnd: 0.2,
});

/** Options of {@link hermitianExtremes}. */
export interface LanczosOptions extends WithTolerances {
  /** Seed of the deterministic start vector (default 1). */
  readonly seed?: number;
  /** Relative residual target; default tolerances.lanczos. */
  readonly tol?: number;
  /**
   * Largest basis kept in memory (vectors of n complex entries); thick restart beyond it. Default:
   * as many vectors as fit in lanczosDefaults.basisBytes (512 MiB), clamped to [12, 64] and to n.
   */
  readonly maxBasis?: number;
  /** Budget of matrix-vector products. */
  readonly maxIterations?: number;
  /** Fresh random start vectors tried after an invariant subspace is found. */
  readonly freshStarts?: number;
}

/**
 * Smallest and largest eigenvalue of a Hermitian operator known only through `matvec`, by thick-
 * restart Lanczos with full reorthogonalisation (Wu-Simon). Both ends are kept at each restart;
 * iteration stops when both Ritz residual bounds |beta y_last| are <= tol · max|theta|. The results
 * are then checked explicitly: min/max are Rayleigh quotients of the formed Ritz vectors and
 * errMin/errMax their true residual norms (rigorous up to the rounding of that computation).
 *
 * The start vector is random but deterministic (mulberry32(seed)). An invariant subspace
 * (beta <= invariantSubspace · max|theta|) is exact; up to `freshStarts` random vectors orthogonal
 * to the basis are then tried, so extremes outside a start vector's invariant subspace are found.
 * Remaining risk: a Ritz value can converge with a small residual to an eigenvalue that is NOT the
 * extreme one when the start vector is (nearly) orthogonal to the extreme eigenvector; a random
 * start makes that improbable, not impossible. The residual bound then still holds, but only for
 * some eigenvalue. Memory: (maxBasis + 3) complex vectors of length n.
 *
 * @throws NoConvergenceError after maxIterations products; `partial` holds the current estimates.
 * @example
 * const r = hermitianExtremes(n, (xr, xi, yr, yi) => sparseMatVec(m, xr, xi, yr, yi), { seed: 1 })
 * const norm = Math.max(Math.abs(r.min), Math.abs(r.max))
 */
export function hermitianExtremes(n: number, matvec: ComplexMatVec, opts: LanczosOptions = {}): LanczosExtremes {
  requireDimension(n);
  if (n === 0) throw new RangeError('hermitianExtremes: dimension must be at least 1');
  const tol = resolveTolerances(opts.tolerances);
  const relTol = opts.tol ?? tol.lanczos;
  const m = basisSize(n, opts.maxBasis);
  const budget = opts.maxIterations ?? lanczosDefaults.maxIterations;
  const maxFresh = opts.freshStarts ?? lanczosDefaults.freshStarts;
  const rand = mulberry32(opts.seed ?? lanczosDefaults.seed);
  const vr: Float64Array[] = [];
  const vi: Float64Array[] = [];
  let wr: Float64Array = new Float64Array(n);
  let wi: Float64Array = new Float64Array(n);
  const t = new Float64Array(m * m); // projected matrix, leading k×k block in use, stride m
  const h1 = new Float64Array(2 * m);
  const h2 = new Float64Array(2 * m);
  let iterations = 0;
  let restarts = 0;
  let fresh = 0;
  let estimate = { min: NaN, max: NaN, errMin: NaN, errMax: NaN };
  ensureSlot(n, vr, vi, 0);
  randomUnit(n, rand, vr[0], vi[0], vr, vi, 0, h1, h2, tol.roundOff);
  let j = 0; // index of the newest basis vector
  for (;;) {
    if (iterations >= budget) throw new NoConvergenceError('hermitianExtremes (Lanczos)', iterations, estimate);
    matvec(vr[j], vi[j], wr, wi);
    iterations++;
    // Lanczos step from the known projection (alpha, then the column of T), then a full
    // reorthogonalisation whose diagonal coefficient corrects alpha.
    const alpha = rayleigh(n, vr[j], vi[j], wr, wi);
    t[j * m + j] = alpha;
    subtractColumn(n, vr, vi, t, m, j, wr, wi);
    const beta = blockGramSchmidt(n, vr, vi, j + 1, wr, wi, h1, h2);
    t[j * m + j] = alpha + h1[2 * j];
    const k = j + 1;
    const ritz = ritzOf(t, m, k);
    const scale = Math.max(Math.abs(ritz.values[0]), Math.abs(ritz.values[k - 1]));
    const resMin = Math.abs(beta * ritz.vectors[(k - 1) * k]);
    const resMax = Math.abs(beta * ritz.vectors[(k - 1) * k + k - 1]);
    estimate = { min: ritz.values[0], max: ritz.values[k - 1], errMin: resMin, errMax: resMax };
    const breakdown = beta <= tol.invariantSubspace * scale;
    const converged = resMin <= relTol * scale && resMax <= relTol * scale;
    if (k === n || (breakdown && fresh >= maxFresh) || (!breakdown && converged)) {
      return measureExtremes(n, matvec, vr, vi, k, ritz.vectors, iterations, restarts);
    }
    let coupling = beta;
    if (breakdown) {
      fresh++;
      coupling = 0;
      // The fresh vector goes where the next Lanczos vector would: orthogonal to the basis, unit.
      if (!randomUnit(n, rand, wr, wi, vr, vi, k, h1, h2, tol.roundOff)) {
        return measureExtremes(n, matvec, vr, vi, k, ritz.vectors, iterations, restarts);
      }
    } else {
      const inv = 1 / beta;
      for (let s = 0; s < n; s++) {
        wr[s] *= inv;
        wi[s] *= inv;
      }
    }
    if (k < m) {
      // The new vector takes slot k by swapping buffers: no copy.
      ensureSlot(n, vr, vi, k);
      [vr[k], wr] = [wr, vr[k]];
      [vi[k], wi] = [wi, vi[k]];
      t[k * m + k - 1] = coupling;
      t[(k - 1) * m + k] = coupling;
      j = k;
    } else {
      j = thickRestart(n, vr, vi, wr, wi, t, m, ritz, coupling, lanczosDefaults.keepPerEnd);
      restarts++;
    }
  }
}

/** Basis size: as much as `basisBytes` allows, clamped to [minBasis, maxBasis] and to n. */
function basisSize(n: number, requested: number | undefined): number {
  const d = lanczosDefaults;
  const byMemory = Math.floor(d.basisBytes / (16 * n));
  const size = requested ?? Math.max(d.minBasis, Math.min(d.maxBasis, byMemory));
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`hermitianExtremes: maxBasis must be a positive integer, got ${size}`);
  // A restart keeps two Ritz vectors and needs room to grow: at least 4 slots unless n is smaller.
  return Math.min(n, Math.max(size, 4));
}

/** Eigen-decomposition of the leading k×k block of the projected matrix. */
function ritzOf(t: Float64Array, m: number, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = new Float64Array(k * k);
  for (let r = 0; r < k; r++) a.set(t.subarray(r * m, r * m + k), r * k);
  const { values, vectors } = eighReal(k, a, { vectors: true, validate: false });
  return { values, vectors };
}
