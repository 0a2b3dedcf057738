/**
 * Extreme eigenvalues (and so operator norms) of Hermitian operators, exploiting structure first:
 * block (graph-component) decomposition with dense eigenvalues of small blocks, inertia bisection
 * for narrow bands, and Lanczos only for what is left. Each result says how it was obtained and
 * carries an error bound.
 */
import { bandedHermitianExtremes, eighHermitian, hermitianExtremes } from './linalg/index.js';
import { bandwidth, denseBlock, graphComponents } from './blocks.js';
import { hermitianPart } from './eigensystem.js';
import { type SparseMatrix, diagonalOf, isDiagonal, sparseMatVec } from './sparse.js';
import { defaultTolerances } from './tolerances.js';

/** Smallest and largest eigenvalue with absolute error bounds. */
export interface Extremes {
  readonly min: number;
  readonly max: number;
  readonly error: number;
  /** How they were obtained: 'dense-blocks', 'banded-bisection', 'lanczos', 'analytic', 'site-components'. */
  readonly how: string;
}

/** Largest block that is diagonalised densely for its extremes. */
export const maxDenseBlock = 1024;
/** Widest band handled by inertia bisection. */
export const maxBisectionBand = 8;

/** The operator norm max(|min|, |max|) of Hermitian extremes. */
export function normOf(x: Extremes): number {
  return Math.max(Math.abs(x.min), Math.abs(x.max));
}

/**
 * Extreme eigenvalues of a Hermitian sparse matrix.
 *
 * @example
 * normOf(sparseExtremes(opToSparse(A)))
 */
export function sparseExtremes(m: SparseMatrix, seed = 1): Extremes {
  if (m.n === 0) return { min: 0, max: 0, error: 0, how: 'dense-blocks' };
  if (isDiagonal(m)) {
    const [d] = diagonalOf(m);
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < m.n; i++) { min = Math.min(min, d[i]); max = Math.max(max, d[i]); }
    return { min, max, error: 0, how: 'diagonal' };
  }
  const comps = graphComponents(m);
  const largest = comps.reduce((a, c) => Math.max(a, c.length), 0);
  if (largest <= maxDenseBlock) return denseBlockExtremes(m, comps);
  if (comps.length === 1 && bandwidth(m) <= maxBisectionBand) return bandedExtremes(m);
  let min = Infinity, max = -Infinity, error = 0;
  const how = new Set<string>();
  for (const c of comps) {
    const sub = c.length <= maxDenseBlock ? denseBlockExtremes(m, [c]) : lanczosBlock(m, c, seed);
    min = Math.min(min, sub.min);
    max = Math.max(max, sub.max);
    error = Math.max(error, sub.error);
    how.add(sub.how);
  }
  return { min, max, error, how: [...how].join('+') };
}

function denseBlockExtremes(m: SparseMatrix, comps: Int32Array[]): Extremes {
  let min = Infinity, max = -Infinity, scale = 0;
  for (const c of comps) {
    const [re, im] = denseBlock(m, c);
    hermitianPart(c.length, re, im);
    const { values } = eighHermitian(c.length, re, im, { vectors: false });
    min = Math.min(min, values[0]);
    max = Math.max(max, values[values.length - 1]);
    scale = Math.max(scale, c.length);
  }
  const t = defaultTolerances;
  return { min, max, error: t.roundoffFactor * t.eps * scale * Math.max(Math.abs(min), Math.abs(max)), how: 'dense-blocks' };
}

function bandedExtremes(m: SparseMatrix): Extremes {
  const w = bandwidth(m);
  const offsets: number[] = [];
  const re: Float64Array[] = [];
  const im: Float64Array[] = [];
  for (let d = 0; d <= w; d++) { offsets.push(d); re.push(new Float64Array(m.n - d)); im.push(new Float64Array(m.n - d)); }
  for (let i = 0; i < m.n; i++) {
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
      const d = m.col[p] - i;
      if (d < 0) continue;
      re[d][i] = m.re[p];
      im[d][i] = m.im[p];
    }
  }
  const r = bandedHermitianExtremes(m.n, { offsets, re, im });
  const t = defaultTolerances;
  const scale = Math.max(Math.abs(r.min), Math.abs(r.max));
  return { min: r.min, max: r.max, error: t.roundoffFactor * t.eps * (w + 1) * scale * 4, how: 'banded-bisection' };
}

function lanczosBlock(m: SparseMatrix, comp: Int32Array, seed: number): Extremes {
  const n = m.n;
  const xr = new Float64Array(n), xi = new Float64Array(n), yr = new Float64Array(n), yi = new Float64Array(n);
  const d = comp.length;
  const r = hermitianExtremes(d, (ar: Float64Array, ai: Float64Array, br: Float64Array, bi: Float64Array) => {
    xr.fill(0); xi.fill(0);
    for (let k = 0; k < d; k++) { xr[comp[k]] = ar[k]; xi[comp[k]] = ai[k]; }
    sparseMatVec(m, xr, xi, yr, yi);
    for (let k = 0; k < d; k++) { br[k] = yr[comp[k]]; bi[k] = yi[comp[k]]; }
  }, { seed });
  return { min: r.min, max: r.max, error: Math.max(r.errMin, r.errMax), how: 'lanczos' };
}

/** Extremes of an operator given only as a matrix-vector product (on-the-fly operators). */
export function matvecExtremes(n: number, matvec: (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => void, seed = 1): Extremes {
  const r = hermitianExtremes(n, matvec, { seed });
  return { min: r.min, max: r.max, error: Math.max(r.errMin, r.errMax), how: 'lanczos' };
}
