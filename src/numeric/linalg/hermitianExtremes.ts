import { blockGramSchmidt } from './blockGramSchmidt.js';
import { eighReal } from './eighReal.js';
import { NoConvergenceError, requireDimension } from './errors.js';
import { mulberry32 } from './prng.js';
import { combineBasis, ritzVector } from './ritzBasis.js';
import { resolveTolerances, type WithTolerances } from './tolerances.js';

/** y = A x for a Hermitian A; must not modify x. */
export type ComplexMatVec = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => void;

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
  /** Largest basis kept in memory (vectors of n complex entries); thick restart beyond it. */
  readonly maxBasis?: number;
  /** Budget of matrix-vector products. */
  readonly maxIterations?: number;
  /** Fresh random start vectors tried after an invariant subspace is found. */
  readonly freshStarts?: number;
}

/** Smallest and largest eigenvalue with rigorous residual bounds. */
export interface LanczosExtremes {
  readonly min: number;
  readonly max: number;
  /** ||A x - min x|| for the unit Ritz vector x: SOME eigenvalue lies within errMin of min. */
  readonly errMin: number;
  readonly errMax: number;
  /** Matrix-vector products used (including the two final residual checks). */
  readonly iterations: number;
  /** Thick restarts performed. */
  readonly restarts: number;
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
      return finish(n, matvec, vr, vi, k, ritz.vectors, iterations, restarts);
    }
    let coupling = beta;
    if (breakdown) {
      fresh++;
      coupling = 0;
      // The fresh vector goes where the next Lanczos vector would: orthogonal to the basis, unit.
      if (!randomUnit(n, rand, wr, wi, vr, vi, k, h1, h2, tol.roundOff)) {
        return finish(n, matvec, vr, vi, k, ritz.vectors, iterations, restarts);
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
      j = thickRestart(n, vr, vi, wr, wi, t, m, ritz, coupling);
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

/**
 * Keeps the lowest and highest Ritz vectors (a fraction keepPerEnd of the basis at each end), puts the next Lanczos vector (w) after
 * them and rebuilds the projected matrix as diag(theta) plus the arrow of couplings beta y_last.
 * Returns the index of the new newest vector.
 */
function thickRestart(
  n: number,
  vr: Float64Array[],
  vi: Float64Array[],
  wr: Float64Array,
  wi: Float64Array,
  t: Float64Array,
  m: number,
  ritz: { values: Float64Array; vectors: Float64Array },
  coupling: number,
): number {
  const perEnd = Math.max(1, Math.floor(m * lanczosDefaults.keepPerEnd));
  const keep: number[] = [];
  for (let i = 0; i < perEnd; i++) keep.push(i);
  for (let i = m - perEnd; i < m; i++) if (i >= perEnd) keep.push(i);
  combineBasis(n, vr, vi, m, ritz.vectors, keep);
  const kk = keep.length;
  vr[kk].set(wr);
  vi[kk].set(wi);
  t.fill(0);
  for (let i = 0; i < kk; i++) {
    t[i * m + i] = ritz.values[keep[i]];
    const c = coupling * ritz.vectors[(m - 1) * m + keep[i]];
    t[kk * m + i] = c;
    t[i * m + kk] = c;
  }
  return kk;
}

/** Re(x^H y). */
function rayleigh(n: number, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  for (let s = 0; s < n; s++) {
    s0 += xr[s] * yr[s];
    s1 += xi[s] * yi[s];
  }
  return s0 + s1;
}

/** w -= sum_{i <= j} T[i][j] v_i over the non-zero entries of column j of T (real). */
function subtractColumn(
  n: number,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  t: Float64Array,
  m: number,
  j: number,
  wr: Float64Array,
  wi: Float64Array,
): void {
  for (let i = 0; i <= j; i++) {
    const c = t[i * m + j];
    if (c === 0) continue;
    const ar = vr[i];
    const ai = vi[i];
    for (let s = 0; s < n; s++) {
      wr[s] -= c * ar[s];
      wi[s] -= c * ai[s];
    }
  }
}

/** Allocates basis slots up to index k. */
function ensureSlot(n: number, vr: Float64Array[], vi: Float64Array[], k: number): void {
  while (vr.length <= k) {
    vr.push(new Float64Array(n));
    vi.push(new Float64Array(n));
  }
}

/**
 * Fills (xr, xi) with a random unit vector orthogonal to the first `count` basis vectors. Returns
 * false if nothing is left after orthogonalisation (the basis already spans C^n, up to rounding).
 */
function randomUnit(
  n: number,
  rand: () => number,
  xr: Float64Array,
  xi: Float64Array,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  count: number,
  h1: Float64Array,
  h2: Float64Array,
  roundOff: number,
): boolean {
  let norm2 = 0;
  for (let s = 0; s < n; s++) {
    xr[s] = 2 * rand() - 1;
    xi[s] = 2 * rand() - 1;
    norm2 += xr[s] * xr[s] + xi[s] * xi[s];
  }
  const before = Math.sqrt(norm2);
  const after = count > 0 ? blockGramSchmidt(n, vr, vi, count, xr, xi, h1, h2) : before;
  if (!(after > before * Math.sqrt(n) * roundOff)) return false;
  const inv = 1 / after;
  for (let s = 0; s < n; s++) {
    xr[s] *= inv;
    xi[s] *= inv;
  }
  return true;
}

/**
 * Forms the Ritz vectors of the lowest and highest Ritz values and measures them directly:
 * Rayleigh quotient rho = x^H A x / x^H x and residual ||A x - rho x|| / ||x||.
 */
function finish(
  n: number,
  matvec: ComplexMatVec,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  k: number,
  y: Float64Array,
  iterations: number,
  restarts: number,
): LanczosExtremes {
  const xr = new Float64Array(n);
  const xi = new Float64Array(n);
  const ar = new Float64Array(n);
  const ai = new Float64Array(n);
  const measure = (col: number): { rho: number; res: number } => {
    ritzVector(n, vr, vi, k, y, col, xr, xi);
    matvec(xr, xi, ar, ai);
    let xx = 0;
    let xax = 0;
    for (let s = 0; s < n; s++) {
      xx += xr[s] * xr[s] + xi[s] * xi[s];
      xax += xr[s] * ar[s] + xi[s] * ai[s];
    }
    const rho = xax / xx;
    let rr = 0;
    for (let s = 0; s < n; s++) {
      const dr = ar[s] - rho * xr[s];
      const di = ai[s] - rho * xi[s];
      rr += dr * dr + di * di;
    }
    return { rho, res: Math.sqrt(rr / xx) };
  };
  const lo = measure(0);
  const hi = k === 1 ? lo : measure(k - 1);
  return {
    min: lo.rho,
    max: hi.rho,
    errMin: lo.res,
    errMax: hi.res,
    iterations: iterations + (k === 1 ? 1 : 2),
    restarts,
  };
}
