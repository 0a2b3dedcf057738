/**
 * The eigen-structure of a Hermitian H_S given as a sparse matrix, block by block (graph components
 * of H_S), and operators transformed into its eigenbasis: A~ = V^+ A V, computed only for the
 * block pairs that A connects.
 */
import { denseBlock, graphComponents } from './blocks.js';
import { groupEigenspaces, type Eigenspaces } from './eigenspaces.js';
import { eighHermitian, gemm, matrixView, sharedFloat64Array } from './linalg/index.js';
import { type SparseMatrix, isReal } from './sparse.js';

/** One block of H_S: its basis indices and its eigenvectors (column q of the row-major d x d arrays). */
interface Block {
  readonly idx: Int32Array;
  readonly offset: number;
  readonly vre: Float64Array;
  readonly vim: Float64Array | null;
}

/** The eigen-decomposition of H_S. Eigen-index offset+q is eigenvector q of block `blockOf`. */
export interface EigenSystem {
  readonly n: number;
  readonly spaces: Eigenspaces;
  readonly blocks: readonly Block[];
  /** True when some eigenvector has an imaginary part. */
  readonly complex: boolean;
  /** Largest block dimension (sets the round-off scale). */
  readonly largestBlock: number;
}

/**
 * Diagonalises H_S block by block.
 *
 * @param degeneracy absolute tolerance for grouping eigenvalues into eigenspaces
 */
export function eigenSystem(H: SparseMatrix, degeneracy: (normH: number) => number): EigenSystem {
  const comps = graphComponents(H);
  const energies = new Float64Array(H.n);
  const blocks: Block[] = [];
  let offset = 0;
  let complex = false;
  let largestBlock = 0;
  const real = isReal(H);
  for (const idx of comps) {
    const d = idx.length;
    largestBlock = Math.max(largestBlock, d);
    const [re, im] = denseBlock(H, idx);
    hermitianPart(d, re, im);
    const eig = eighHermitian(d, re, im, { vectors: true });
    energies.set(eig.values, offset);
    let vim: Float64Array | null = null;
    if (!real) {
      for (let p = 0; p < eig.vim.length; p++) if (eig.vim[p] !== 0) { vim = eig.vim; complex = true; break; }
    }
    blocks.push({ idx, offset, vre: eig.vre, vim });
    offset += d;
  }
  let normH = 0;
  for (let i = 0; i < energies.length; i++) normH = Math.max(normH, Math.abs(energies[i]));
  return { n: H.n, spaces: groupEigenspaces(energies, degeneracy(normH)), blocks, complex, largestBlock };
}

/** psi~ = V^+ psi for a vector in the original basis. */
export function vectorToEigenbasis(sys: EigenSystem, re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const ore = new Float64Array(sys.n), oim = new Float64Array(sys.n);
  for (const b of sys.blocks) {
    const d = b.idx.length;
    for (let x = 0; x < d; x++) {
      const pr = re[b.idx[x]], pi = im[b.idx[x]];
      if (pr === 0 && pi === 0) continue;
      for (let q = 0; q < d; q++) {
        const vr = b.vre[x * d + q], vi = b.vim ? b.vim[x * d + q] : 0;
        // conj(v) * psi
        ore[b.offset + q] += vr * pr + vi * pi;
        oim[b.offset + q] += vr * pi - vi * pr;
      }
    }
  }
  return [ore, oim];
}

/**
 * A~ = V^+ A V as a dense row-major n x n matrix (imaginary part null when everything is real).
 * Only block pairs (a, b) with A_ab != 0 are multiplied.
 */
export function operatorToEigenbasis(sys: EigenSystem, A: SparseMatrix): [Float64Array, Float64Array | null] {
  const n = sys.n;
  const complex = sys.complex || !isReal(A);
  const ore = sharedFloat64Array(n * n);
  const oim = complex ? sharedFloat64Array(n * n) : null;
  const blockOf = new Int32Array(n);
  const localOf = new Int32Array(n);
  sys.blocks.forEach((b, k) => b.idx.forEach((x, l) => { blockOf[x] = k; localOf[x] = l; }));
  for (const bb of sys.blocks) {
    const db = bb.idx.length;
    // W = A[:, idx_b] V_b, stored per target block a as (d_a x d_b), only where A reaches.
    const wre = new Map<number, Float64Array>();
    const wim = new Map<number, Float64Array>();
    for (let yl = 0; yl < db; yl++) {
      const y = bb.idx[yl];
      for (let p = A.rowPtr[y]; p < A.rowPtr[y + 1]; p++) {
        // A[x, y] = conj(A[y, x]) (A Hermitian)
        const x = A.col[p];
        const ar = A.re[p], ai = -A.im[p];
        const a = blockOf[x], xl = localOf[x];
        let wr = wre.get(a), wi = wim.get(a);
        if (!wr) {
          wr = sharedFloat64Array(sys.blocks[a].idx.length * db); wre.set(a, wr);
          if (complex) { wi = sharedFloat64Array(sys.blocks[a].idx.length * db); wim.set(a, wi); }
        }
        const row = xl * db;
        const vrow = yl * db;
        if (!complex) {
          for (let q = 0; q < db; q++) wr[row + q] += ar * bb.vre[vrow + q];
        } else {
          for (let q = 0; q < db; q++) {
            const vr = bb.vre[vrow + q], vi = bb.vim ? bb.vim[vrow + q] : 0;
            wr[row + q] += ar * vr - ai * vi;
            wi![row + q] += ar * vi + ai * vr;
          }
        }
      }
    }
    for (const [a, wr] of wre) {
      // A~ is Hermitian: of a diagonal block only the upper triangle is computed, then mirrored.
      conjTransposeProduct(sys.blocks[a], wr, wim.get(a) ?? null, db, sys.blocks[a] === bb, ore, oim, n, bb.offset);
    }
  }
  mirrorDiagonalBlocks(sys, ore, oim);
  return [ore, oim];
}

/**
 * C = V_a^+ W (d_a x d_b) into out[offset_a + p, colOffset + q] (added to what is there); with
 * `upper`, only q >= p is formed and the rest is not touched. Real and imaginary parts go through
 * the blocked real GEMM: V^+ W = (Vr^T Wr + Vi^T Wi) + i (Vr^T Wi - Vi^T Wr).
 */
function conjTransposeProduct(
  ba: Block, wr: Float64Array, wi: Float64Array | null, db: number, upper: boolean,
  ore: Float64Array, oim: Float64Array | null, n: number, colOffset: number,
): void {
  const da = ba.idx.length;
  const vr = matrixView(ba.vre, da, 0, true);
  const vi = ba.vim ? matrixView(ba.vim, da, 0, true) : null;
  const at = ba.offset * n + colOffset;
  const opts = { upper };
  gemm(da, db, da, 1, vr, matrixView(wr, db), matrixView(ore, n, at), opts);
  if (vi && wi) gemm(da, db, da, 1, vi, matrixView(wi, db), matrixView(ore, n, at), opts);
  if (!oim) return;
  if (wi) gemm(da, db, da, 1, vr, matrixView(wi, db), matrixView(oim, n, at), opts);
  if (vi) gemm(da, db, da, -1, vi, matrixView(wr, db), matrixView(oim, n, at), opts);
}

/** Fills the lower triangle of each diagonal block from its upper triangle (A~ is Hermitian). */
function mirrorDiagonalBlocks(sys: EigenSystem, ore: Float64Array, oim: Float64Array | null): void {
  const n = sys.n;
  const tile = 32; // tile by tile, so the column-wise reads stay in cache
  for (const b of sys.blocks) {
    const d = b.idx.length, o = b.offset;
    for (let p0 = 0; p0 < d; p0 += tile) for (let q0 = p0; q0 < d; q0 += tile) {
      const pEnd = Math.min(p0 + tile, d), qEnd = Math.min(q0 + tile, d);
      for (let p = p0; p < pEnd; p++) for (let q = Math.max(q0, p + 1); q < qEnd; q++) {
        ore[(o + q) * n + o + p] = ore[(o + p) * n + o + q];
        if (oim) oim[(o + q) * n + o + p] = -oim[(o + p) * n + o + q];
      }
    }
  }
}

/**
 * Replaces a dense block by its Hermitian part (M + M^+)/2 in place: the caller has checked
 * Hermiticity to the engine's tolerance, and the eigensolver's own check is stricter.
 */
export function hermitianPart(d: number, re: Float64Array, im: Float64Array): void {
  for (let a = 0; a < d; a++) {
    im[a * d + a] = 0;
    for (let b = a + 1; b < d; b++) {
      const r = (re[a * d + b] + re[b * d + a]) / 2, i = (im[a * d + b] - im[b * d + a]) / 2;
      re[a * d + b] = r; re[b * d + a] = r; im[a * d + b] = i; im[b * d + a] = -i;
    }
  }
}
