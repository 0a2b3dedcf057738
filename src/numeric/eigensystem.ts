/**
 * The eigen-structure of a Hermitian H_S given as a sparse matrix, block by block (graph components
 * of H_S), and operators transformed into its eigenbasis: A~ = V^+ A V, computed only for the
 * block pairs that A connects.
 */
import { denseBlock, graphComponents } from './blocks.js';
import { checkBlock } from './eigenerror.js';
import { groupByError, type Eigenspaces } from './eigenspaces.js';
import { eighHermitian, gemm, matrixView, sharedFloat64Array } from './linalg/index.js';
import { type SparseMatrix, isReal } from './sparse.js';
import type { ColumnSource } from './columns.js';
import { defaultTolerances, gammaN } from './tolerances.js';

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
  /** A-posteriori error bounds of the decomposition (see {@link EigenErrors}). */
  readonly errors: EigenErrors;
}

/**
 * Error bounds of a computed eigendecomposition against the exact H_S (the model's, within
 * `inputError` of the float64 matrix in operator norm).
 *
 * - eigenvalue[i]: Kahan's theorem (Kahan 1967; Parlett, The Symmetric Eigenvalue Problem,
 *   Thm 11.5.1): for Hermitian H_b and V_b of full rank there are d_b eigenvalues of H_b, one per
 *   computed lambda_q, within ||H_b V_b - V_b Lambda_b||_2 / sigma_min(V_b) <= ||R_b||_F /
 *   sqrt(1 - eta_b); Weyl's theorem adds ||H_exact - H_float|| <= inputError.
 * - vectors: Phi >= min_W ||V - U W||_F over the exact eigenbases U, W unitary inside each exact
 *   eigenspace. Per eigenspace a (orthonormalised Q_a = V_a (V_a^+ V_a)^{-1/2}), the Davis-Kahan
 *   sin-theta theorem (Davis & Kahan 1970) with the residual of the Rayleigh quotient
 *   (<= ||R_a||_F / sqrt(1 - eta), minimal over all Lambda'), Ritz values within rho_a of the
 *   computed ones (Bauer-Fike, cond <= sqrt((1+eta)/(1-eta))) and the gap delta_a to the other
 *   exact eigenvalues gives ||sin Theta_a||_F <= ||R_a||_F / (sqrt(1-eta) delta_a); then
 *   min_W ||Q_a - U_a W||_F <= sqrt 2 ||sin Theta_a||_F, ||V_a - Q_a||_F <= sqrt(1+eta) eta_a
 *   (|(1+g)^{-1/2} - 1| <= |g| for |g| <= 1/2), and (x+y)^2 <= 2x^2 + 2y^2 sums them.
 *   Where delta_a <= 0 no theorem applies: the trivial ||sin Theta_a||_F <= sqrt(d_a) is used and
 *   the eigenspace is counted in `undetermined`.
 */
export interface EigenErrors {
  readonly eigenvalue: Float64Array;
  readonly vectors: number;
  /** Bound on ||V^+ V - I||_2 (largest over blocks). */
  readonly eta: number;
  /** The bound on ||H_exact - H_float||_2 used. */
  readonly inputError: number;
  /** Eigenspaces without a gap above their error (their vectors carry the trivial bound). */
  readonly undetermined: number;
  /** Largest eigenspace dimension. */
  readonly largestSpace: number;
}

/**
 * Diagonalises H_S block by block, bounds the errors of the result a posteriori (residuals,
 * orthonormality, gaps: {@link EigenErrors}) and groups the eigenvalues by those bounds
 * (eigenspaces.ts `groupByError`).
 *
 * @param inputError bound on ||H_exact - H||_2, the error of the float64 matrix itself
 * @param onBlock called as each block's diagonalisation begins: its number (from 1), the number
 *   of blocks and its dimension (for progress; once per block, never in the inner loops)
 */
export function eigenSystem(H: SparseMatrix, inputError: number, onBlock?: (index: number, count: number, size: number) => void): EigenSystem {
  const comps = graphComponents(H);
  const energies = new Float64Array(H.n);
  const eigenvalue = new Float64Array(H.n);
  const residual = new Float64Array(H.n);
  const blocks: Block[] = [];
  let offset = 0;
  let complex = false;
  let largestBlock = 0;
  let eta = 0, gram2 = 0;
  const real = isReal(H);
  const localOf = new Int32Array(H.n);
  for (const idx of comps) {
    const d = idx.length;
    largestBlock = Math.max(largestBlock, d);
    onBlock?.(blocks.length + 1, comps.length, d);
    const [re, im] = denseBlock(H, idx);
    hermitianPart(d, re, im);
    const eig = eighHermitian(d, re, im, { vectors: true });
    energies.set(eig.values, offset);
    let vim: Float64Array | null = null;
    if (!real) {
      for (let p = 0; p < eig.vim.length; p++) if (eig.vim[p] !== 0) { vim = eig.vim; complex = true; break; }
    }
    for (let l = 0; l < d; l++) localOf[idx[l]] = l;
    const chk = checkBlock(H, idx, localOf, eig.values, eig.vre, vim);
    let r2 = 0;
    for (let q = 0; q < d; q++) { r2 += chk.residual[q] ** 2; residual[offset + q] = chk.residual[q]; }
    eta = Math.max(eta, chk.gram);
    gram2 += chk.gram ** 2;
    // Kahan: one exact eigenvalue of the block per computed one within ||R_b||_F / sigma_min(V_b).
    const kahan = chk.gram < 1 ? Math.sqrt(r2) * (1 + gammaN(d + 2)) / Math.sqrt(1 - chk.gram) : Infinity;
    for (let q = 0; q < d; q++) eigenvalue[offset + q] = kahan + inputError;
    blocks.push({ idx, offset, vre: eig.vre, vim });
    offset += d;
  }
  const spaces = groupByError(energies, eigenvalue, defaultTolerances.nearSplitFactor);
  const S = spaces.spaceEnergy.length;
  let Emax = 0;
  for (let i = 0; i < eigenvalue.length; i++) Emax = Math.max(Emax, eigenvalue[i]);
  let theta2 = 0, undetermined = 0, largestSpace = 0;
  const usable = eta < 0.5;
  for (let s = 0; s < S; s++) largestSpace = Math.max(largestSpace, spaces.start[s + 1] - spaces.start[s]);
  // H_exact is block diagonal over the same graph components (a structural zero of the float64
  // matrix is one of the model's: no term reaches it), so each eigenspace's part in a block competes
  // only with that block's other eigenvalues, and delta H moves it only within the block: the
  // Davis-Kahan theorem is applied per (eigenspace, block). A part that fills its block is exact.
  for (const b of blocks) {
    const d = b.idx.length;
    let q0 = 0;
    while (q0 < d) {
      const a = spaces.space[b.offset + q0];
      let q1 = q0 + 1;
      while (q1 < d && spaces.space[b.offset + q1] === a) q1++;
      const m = q1 - q0;
      if (m < d) {
        let ra2 = 0;
        for (let q = q0; q < q1; q++) ra2 += residual[b.offset + q] ** 2;
        // Residual against the exact H_S: ||delta H Q||_F <= sqrt(m) ||delta H||.
        const Ra = Math.sqrt(ra2) * (1 + gammaN(m + 2)) + Math.sqrt(m) * inputError;
        const lo = energies[b.offset + q0], hi = energies[b.offset + q1 - 1];
        const below = q0 > 0 ? lo - energies[b.offset + q0 - 1] : Infinity;
        const above = q1 < d ? energies[b.offset + q1] - hi : Infinity;
        const rho = usable ? (Ra / (1 - eta)) * Math.sqrt((1 + eta) / (1 - eta)) : Infinity;
        const delta = Math.min(below, above) - Emax - rho;
        if (usable && delta > 0) theta2 += (Ra / (Math.sqrt(1 - eta) * delta)) ** 2;
        else { theta2 += m; undetermined++; }
      }
      q0 = q1;
    }
  }
  const vectors = usable ? Math.sqrt(2 * (1 + eta) * gram2 + 4 * theta2) * (1 + gammaN(4)) : Infinity;
  return {
    n: H.n, spaces, blocks, complex, largestBlock,
    errors: { eigenvalue, vectors, eta, inputError, undetermined, largestSpace },
  };
}

/**
 * Bound on ||fl(V^+ A V) - U^+ A_exact U||_2 (U the exact eigenbasis matched to V, see
 * {@link EigenErrors}) for the float64 matrix A within `inputError` of A_exact and `normA` >= ||A_exact||:
 *
 *   V^+ A V - U^+ A_exact U = V^+ (A - A_exact) V + F^+ A_exact V + U^+ A_exact F,   F = V - U W,
 *
 * so ||.|| <= inputError (1 + eta) + normA Phi (1 + sqrt(1 + eta)); and the product's round-off:
 * W = A V_b sums k products (k stored entries per row of A) and V_a^+ W sums d_a, so entrywise
 * |fl - exact| <= gamma_{2k+2} |V_a|^T |A| |V_b| + gamma_{2d+2} |V_a|^T |W|, of Frobenius norm
 * <= (gamma_{2k+2} + gamma_{2d+2}) || |A| ||_2 ||V||_F^2 with ||V||_F^2 <= n (1 + eta).
 */
export function eigenbasisOperatorError(sys: EigenSystem, A: SparseMatrix, inputError: number, normA: number): number {
  const { eta, vectors } = sys.errors;
  let k = 0, rowAbs = 0;
  for (let i = 0; i < A.n; i++) {
    k = Math.max(k, A.rowPtr[i + 1] - A.rowPtr[i]);
    let s = 0;
    for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) s += Math.hypot(A.re[p], A.im[p]);
    rowAbs = Math.max(rowAbs, s);
  }
  const rounding = (gammaN(2 * k + 2) + gammaN(2 * sys.largestBlock + 2)) * rowAbs * sys.n * (1 + eta);
  return (inputError * (1 + eta) + normA * vectors * (1 + Math.sqrt(1 + eta)) + rounding) * (1 + gammaN(4));
}

/**
 * Bound on ||fl(V^+ psi) - U^+ psi|| per unit ||psi||: F^+ psi gives Phi, and the product's
 * round-off (inner products of length 2 d_b) gamma_{2d+2} || |V_b| ||_2 <= gamma_{2d+2} sqrt(d (1 + eta)).
 */
export function eigenbasisVectorError(sys: EigenSystem): number {
  const { eta, vectors } = sys.errors;
  return vectors + gammaN(2 * sys.largestBlock + 2) * Math.sqrt(sys.largestBlock * (1 + eta));
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
  const { blockOf, localOf } = blockIndex(sys);
  for (const bb of sys.blocks) {
    const { wre, wim } = sourceProducts(sys, A, bb, complex, blockOf, localOf);
    for (const [a, wr] of wre) {
      // A~ is Hermitian: of a diagonal block only the upper triangle is computed, then mirrored.
      const ba = sys.blocks[a];
      conjTransposeProduct(ba, wr, wim.get(a) ?? null, bb.idx.length, ba === bb, ore, oim, n, ba.offset * n + bb.offset);
    }
  }
  mirrorDiagonalBlocks(sys, ore, oim);
  return [ore, oim];
}

/** Block k of each basis index and its place in that block. */
function blockIndex(sys: EigenSystem): { blockOf: Int32Array; localOf: Int32Array } {
  const blockOf = new Int32Array(sys.n);
  const localOf = new Int32Array(sys.n);
  sys.blocks.forEach((b, k) => b.idx.forEach((x, l) => { blockOf[x] = k; localOf[x] = l; }));
  return { blockOf, localOf };
}

/** W = A[:, idx_b] V_b for one source block b, stored per target block a as (d_a x d_b), only where A reaches (and only for a <= `upTo`). */
function sourceProducts(
  sys: EigenSystem, A: SparseMatrix, bb: Block, complex: boolean, blockOf: Int32Array, localOf: Int32Array, upTo = Infinity,
): { wre: Map<number, Float64Array>; wim: Map<number, Float64Array> } {
  const db = bb.idx.length;
  const wre = new Map<number, Float64Array>();
  const wim = new Map<number, Float64Array>();
  for (let yl = 0; yl < db; yl++) {
    const y = bb.idx[yl];
    for (let p = A.rowPtr[y]; p < A.rowPtr[y + 1]; p++) {
      // A[x, y] = conj(A[y, x]) (A Hermitian)
      const x = A.col[p];
      const ar = A.re[p], ai = -A.im[p];
      const a = blockOf[x], xl = localOf[x];
      if (a > upTo) continue;
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
  return { wre, wim };
}

/**
 * A~ = V^+ A V block by block: for each block a of H_S, the blocks (a, b), b >= a, of A~ that A
 * connects (A_ab != 0), each d_a x d_b row-major, in ascending b; the blocks below the diagonal
 * are their conjugate transposes (A~ Hermitian) and not stored. The pairs A does not connect are
 * exactly zero and not stored either (a symmetry of H_S that A respects or changes by fixed
 * amounts: a sparse pattern between blocks), so the memory is about half that of the connected
 * pairs, not n^2. A stored block is the same product as {@link operatorToEigenbasis}'s block (a, b).
 */
export interface OperatorBlocks {
  readonly n: number;
  /** Per block a of H_S, the stored blocks (a, b), b >= a, in ascending b (imaginary part null when everything is real). */
  readonly rows: readonly (readonly { readonly b: number; readonly re: Float64Array; readonly im: Float64Array | null }[])[];
  /** Offset (first eigen-index) and dimension of each block of H_S. */
  readonly offsets: Int32Array;
  readonly sizes: Int32Array;
  /** Largest modulus of a stored entry. */
  readonly scale: number;
}

/** A in the eigenbasis of H_S as the blocks A connects ({@link OperatorBlocks}). */
export function operatorBlocks(sys: EigenSystem, A: SparseMatrix): OperatorBlocks {
  const complex = sys.complex || !isReal(A);
  const { blockOf, localOf } = blockIndex(sys);
  const K = sys.blocks.length;
  const rows: { b: number; re: Float64Array; im: Float64Array | null }[][] = Array.from({ length: K }, () => []);
  sys.blocks.forEach((bb, kb) => {
    const { wre, wim } = sourceProducts(sys, A, bb, complex, blockOf, localOf, kb);
    const db = bb.idx.length;
    for (const [a, wr] of wre) {
      const ba = sys.blocks[a], da = ba.idx.length;
      const re = new Float64Array(da * db), im = complex ? new Float64Array(da * db) : null;
      sparseRowsProduct(ba, wr, wim.get(a) ?? null, db, a === kb, re, im, db, 0);
      if (a === kb) mirrorBlock(da, re, im, da, 0);
      rows[a].push({ b: kb, re, im });
    }
  });
  let scale = 0;
  for (const row of rows) {
    row.sort((x, y) => x.b - y.b);
    for (const { re, im } of row) {
      for (let p = 0; p < re.length; p++) {
        const v = im ? Math.hypot(re[p], im[p]) : Math.abs(re[p]);
        if (v > scale) scale = v;
      }
    }
  }
  return {
    n: sys.n, rows, scale,
    offsets: Int32Array.from(sys.blocks, (b) => b.offset), sizes: Int32Array.from(sys.blocks, (b) => b.idx.length),
  };
}

/**
 * Which elements of an operator in the eigenbasis, computed as exactly 0, are exact zeros. An
 * element between blocks of H_S that A does not connect is never computed (an exact zero, whether
 * stored as 0 or not stored); between two blocks of dimension 1 whose eigenvectors are exact unit
 * vectors it is the element of A itself (no rounding: the round-off of the working basis is A's
 * input error); anywhere else it is a product with the eigenvectors of a block of dimension > 1,
 * which carry errors (`EigenErrors.vectors`): a computed 0 there is within its error of 0 and may
 * be a nonzero element, so it is no exact zero (the Omega statistics' upper ends count it,
 * numeric/davies channelHeat).
 */
export interface RoundedZeros {
  /** 1 at an eigen-index whose eigenvector is an exact unit vector (a block of dimension 1 whose entry is +-1). */
  readonly exact: Uint8Array;
  /** True when A connects the blocks of eigen-indices i and j (so the element (i, j) was computed). */
  connects(i: number, j: number): boolean;
}

/**
 * The {@link RoundedZeros} of A in the eigenbasis of `sys`: for the dense n x n layout (every
 * element visited: `stored` false) A's block pairs are read from its sparse pattern; for
 * {@link BlockColumns} (`stored` true: only the connected blocks are visited) every visited
 * element was computed.
 *
 * @example
 * // H_S = X (one block of dimension 2): any element of A in its eigenbasis may carry rounding
 * roundedZeros(eigenSystem(H, 0), A, false).exact // Uint8Array [0, 0]
 */
export function roundedZeros(sys: EigenSystem, A: SparseMatrix, stored: boolean): RoundedZeros {
  const exact = new Uint8Array(sys.n);
  const blockOfEigen = new Int32Array(sys.n);
  sys.blocks.forEach((b, k) => {
    blockOfEigen.fill(k, b.offset, b.offset + b.idx.length);
    if (b.idx.length === 1 && Math.abs(b.vre[0]) === 1 && (b.vim === null || b.vim[0] === 0)) exact[b.offset] = 1;
  });
  if (stored) return { exact, connects: () => true };
  // Every eigenvector exact: the kernel never asks (a computed 0 between exact vectors is exact).
  if (exact.every((e) => e === 1)) return { exact, connects: () => false };
  const { blockOf } = blockIndex(sys);
  const K = sys.blocks.length;
  // The kernel asks once per element computed 0 (up to n^2 of them): a table of the block pairs
  // where it fits (K <= 4096, the dense layout's n), else a set.
  const table = K * K <= 2 ** 24 ? new Uint8Array(K * K) : null;
  const pairs = table ? null : new Set<number>();
  for (let x = 0; x < A.n; x++) {
    for (let p = A.rowPtr[x]; p < A.rowPtr[x + 1]; p++) {
      const a = blockOf[x], b = blockOf[A.col[p]];
      if (table) { table[a * K + b] = 1; table[b * K + a] = 1; } else { pairs!.add(a * K + b); pairs!.add(b * K + a); }
    }
  }
  return {
    exact,
    connects: table ? (i, j) => table[blockOfEigen[i] * K + blockOfEigen[j]] === 1 : (i, j) => pairs!.has(blockOfEigen[i] * K + blockOfEigen[j]),
  };
}

/**
 * Columns of {@link OperatorBlocks}, the stored entries and their conjugate transposes only, in
 * ascending row: the entries of the dense A~'s column j that are not exact zeros of the block
 * pattern. Column j of block b takes, per block a, column j of the stored (a, b) when a < b (a
 * strided read), else the conjugated row j of the stored (b, a) (A~ Hermitian).
 */
export class BlockColumns implements ColumnSource {
  readonly n: number;
  rows: Int32Array;
  re: Float64Array;
  im: Float64Array;
  private readonly blockOfEigen: Int32Array;
  /** Per block b, the blocks a it meets in ascending a: the stored block and whether column j is read down it (a < b) or along its row j, conjugated. */
  private readonly parts: { a: number; re: Float64Array; im: Float64Array | null; down: boolean }[][];
  constructor(private readonly ops: OperatorBlocks) {
    this.n = ops.n;
    this.blockOfEigen = new Int32Array(ops.n);
    const K = ops.rows.length;
    this.parts = Array.from({ length: K }, () => []);
    ops.rows.forEach((row, a) => {
      this.blockOfEigen.fill(a, ops.offsets[a], ops.offsets[a] + ops.sizes[a]);
      for (const { b, re, im } of row) {
        if (b === a) this.parts[a].push({ a, re, im, down: false });
        else {
          this.parts[b].push({ a, re, im, down: true }); // column j of b, down the stored (a, b)
          this.parts[a].push({ a: b, re, im, down: false }); // column j of a, the conjugated row j of (a, b)
        }
      }
    });
    let width = 0;
    for (const list of this.parts) {
      list.sort((x, y) => x.a - y.a);
      let w = 0;
      for (const { a } of list) w += ops.sizes[a];
      width = Math.max(width, w);
    }
    this.rows = new Int32Array(width);
    this.re = new Float64Array(width);
    this.im = new Float64Array(width);
  }
  apply(j: number): number {
    const { ops } = this;
    const b = this.blockOfEigen[j], p = j - ops.offsets[b], db = ops.sizes[b];
    const rows = this.rows, ore = this.re, oim = this.im;
    let c = 0;
    for (const { a, re, im, down } of this.parts[b]) {
      const da = ops.sizes[a], o = ops.offsets[a];
      if (down) {
        // A~[i, j] of the stored (a, b), d_a x d_b: its column p.
        for (let q = 0, at = p; q < da; q++, at += db) { ore[c + q] = re[at]; oim[c + q] = im ? im[at] : 0; }
      } else {
        // A~[i, j] = conj A~[j, i], row p of the stored (b, a), d_b x d_a.
        const at = p * da;
        ore.set(re.subarray(at, at + da), c);
        if (im) { for (let q = 0; q < da; q++) oim[c + q] = -im[at + q]; } else oim.fill(0, c, c + da);
      }
      for (let q = 0; q < da; q++) rows[c + q] = o + q;
      c += da;
    }
    return c;
  }
}

/**
 * C = V_a^+ W (d_a x d_b) into out[at + p n + q] (row stride n; added to what is there); with
 * `upper`, only q >= p is formed and the rest is not touched. Real and imaginary parts go through
 * the blocked real GEMM: V^+ W = (Vr^T Wr + Vi^T Wi) + i (Vr^T Wi - Vi^T Wr).
 */
function conjTransposeProduct(
  ba: Block, wr: Float64Array, wi: Float64Array | null, db: number, upper: boolean,
  ore: Float64Array, oim: Float64Array | null, n: number, at: number,
): void {
  const da = ba.idx.length;
  conjTransposeRows(ba.vre, ba.vim, da, da, wr, wi, db, upper, ore, oim, n, at);
}

/** C = Vg^+ Wg for Vg (k x d_a) and Wg (k x d_b), both row-major: {@link conjTransposeProduct} over k rows. */
function conjTransposeRows(
  vre: Float64Array, vim: Float64Array | null, da: number, k: number, wr: Float64Array, wi: Float64Array | null, db: number, upper: boolean,
  ore: Float64Array, oim: Float64Array | null, n: number, at: number,
): void {
  const vr = matrixView(vre, da, 0, true);
  const vi = vim ? matrixView(vim, da, 0, true) : null;
  const opts = { upper };
  gemm(da, db, k, 1, vr, matrixView(wr, db), matrixView(ore, n, at), opts);
  if (vi && wi) gemm(da, db, k, 1, vi, matrixView(wi, db), matrixView(ore, n, at), opts);
  if (!oim) return;
  if (wi) gemm(da, db, k, 1, vr, matrixView(wi, db), matrixView(oim, n, at), opts);
  if (vi) gemm(da, db, k, -1, vi, matrixView(wr, db), matrixView(oim, n, at), opts);
}

/**
 * V_a^+ W over the rows of W that are not all zero only (an operator on few sites reaches part of
 * a block: X[0] from one excitation-number class reaches the states of the next with site 0
 * flipped, about half of them): the rows of V_a and W gathered, then {@link conjTransposeRows}.
 */
function sparseRowsProduct(
  ba: Block, wr: Float64Array, wi: Float64Array | null, db: number, upper: boolean,
  ore: Float64Array, oim: Float64Array | null, n: number, at: number,
): void {
  const da = ba.idx.length;
  const keep: number[] = [];
  for (let x = 0; x < da; x++) {
    let any = false;
    for (let q = x * db, end = q + db; q < end && !any; q++) any = wr[q] !== 0 || (wi !== null && wi[q] !== 0);
    if (any) keep.push(x);
  }
  const k = keep.length;
  if (k === da) { conjTransposeProduct(ba, wr, wi, db, upper, ore, oim, n, at); return; }
  if (k === 0) return;
  const gvr = sharedFloat64Array(k * da), gvi = ba.vim ? sharedFloat64Array(k * da) : null;
  const gwr = sharedFloat64Array(k * db), gwi = wi ? sharedFloat64Array(k * db) : null;
  keep.forEach((x, r) => {
    gvr.set(ba.vre.subarray(x * da, x * da + da), r * da);
    if (gvi) gvi.set(ba.vim!.subarray(x * da, x * da + da), r * da);
    gwr.set(wr.subarray(x * db, x * db + db), r * db);
    if (gwi) gwi.set(wi!.subarray(x * db, x * db + db), r * db);
  });
  conjTransposeRows(gvr, gvi, da, k, gwr, gwi, db, upper, ore, oim, n, at);
}

/** Fills the lower triangle of each diagonal block from its upper triangle (A~ is Hermitian). */
function mirrorDiagonalBlocks(sys: EigenSystem, ore: Float64Array, oim: Float64Array | null): void {
  for (const b of sys.blocks) mirrorBlock(b.idx.length, ore, oim, sys.n, b.offset * sys.n + b.offset);
}

/** Fills the lower triangle of the d x d block at `at` (row stride n) from its upper triangle. */
function mirrorBlock(d: number, ore: Float64Array, oim: Float64Array | null, n: number, at: number): void {
  const tile = 32; // tile by tile, so the column-wise reads stay in cache
  for (let p0 = 0; p0 < d; p0 += tile) for (let q0 = p0; q0 < d; q0 += tile) {
    const pEnd = Math.min(p0 + tile, d), qEnd = Math.min(q0 + tile, d);
    for (let p = p0; p < pEnd; p++) for (let q = Math.max(q0, p + 1); q < qEnd; q++) {
      ore[at + q * n + p] = ore[at + p * n + q];
      if (oim) oim[at + q * n + p] = -oim[at + p * n + q];
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
