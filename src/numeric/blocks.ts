/**
 * Block structure of sparse matrices: the connected components of the graph with an edge i-j for
 * every nonzero (i, j). A Hermitian matrix is block diagonal over its components, so each block
 * can be diagonalised alone (magnetisation sectors of an XX chain, the two states an all-flip
 * coupling connects, ...).
 */
import type { SparseMatrix } from './sparse.js';

/**
 * The pattern of a sparse matrix stored by rows (CSR) or by columns (CSC): line k (a row or a
 * column) has nonzeros at the indices `idx[ptr[k] .. ptr[k+1]-1]`.
 */
export interface SparsePattern {
  readonly n: number;
  readonly ptr: ArrayLike<number>;
  readonly idx: ArrayLike<number>;
}

/**
 * The connected components of the undirected graph on 0..n-1 with an edge k-i for every nonzero i
 * of line k (either way round, so stored by rows or by columns alike, symmetric or not): the blocks
 * over which a matrix with that pattern is block diagonal. Each component is a sorted index list;
 * the components come in order of their smallest index. Union-find with path halving, the smaller
 * root winning, so O((n + nonzeros) alpha(n)). One function for every sparse format:
 * {@link graphComponents} (float64 CSR) and the precise engine's Decimal columns are its instances.
 *
 * @example
 * connectedComponents({ n: 4, ptr: [0, 0, 1, 1, 2], idx: [1, 0] }) // [Int32Array [0, 3], Int32Array [1], Int32Array [2]]
 */
export function connectedComponents(pattern: SparsePattern): Int32Array[] {
  const { n, ptr, idx } = pattern;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let k = 0; k < n; k++) {
    for (let p = ptr[k]; p < ptr[k + 1]; p++) {
      let a = k, b = idx[p];
      if (a === b) continue;
      while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; }
      while (parent[b] !== b) { parent[b] = parent[parent[b]]; b = parent[b]; }
      if (a < b) parent[b] = a; else if (b < a) parent[a] = b;
    }
  }
  // Every parent is below its child (roots are smallest indices), so in ascending order a parent
  // is labelled before its children: one pass labels every index with its component.
  const label = new Int32Array(n);
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = parent[i];
    if (r === i) { label[i] = sizes.length; sizes.push(1); } else { label[i] = label[r]; sizes[label[i]]++; }
  }
  const out = sizes.map((k) => new Int32Array(k));
  const fill = new Int32Array(sizes.length);
  for (let i = 0; i < n; i++) { const c = label[i]; out[c][fill[c]++] = i; }
  return out;
}

/**
 * Components of the pattern of m (an edge i-j for every stored (i, j), either way) as sorted index
 * lists, in order of their smallest index: {@link connectedComponents} of its CSR rows.
 */
export function graphComponents(m: SparseMatrix): Int32Array[] {
  return connectedComponents({ n: m.n, ptr: m.rowPtr, idx: m.col });
}

/** The dense [re, im] sub-matrix on the given sorted indices. */
export function denseBlock(m: SparseMatrix, idx: Int32Array): [Float64Array, Float64Array] {
  const d = idx.length;
  const pos = new Map<number, number>();
  idx.forEach((v, k) => pos.set(v, k));
  const re = new Float64Array(d * d), im = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    const i = idx[a];
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
      const b = pos.get(m.col[p]);
      if (b === undefined) continue;
      re[a * d + b] += m.re[p];
      im[a * d + b] += m.im[p];
    }
  }
  return [re, im];
}

/** The largest |i - j| over stored entries. */
export function bandwidth(m: SparseMatrix): number {
  let w = 0;
  for (let i = 0; i < m.n; i++) for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) w = Math.max(w, Math.abs(m.col[p] - i));
  return w;
}

/**
 * The entries a matrix with `pattern` has between the blocks `components` (of another matrix,
 * e.g. H_S's): the sum of d_a d_b over the distinct unordered pairs a <= b of blocks that some
 * nonzero (i, j), i in a, j in b (or the other way round), connects, and the number of such
 * pairs. This is the storage of a Hermitian operator in the blocks' eigenbasis when only the
 * connected pairs on and above the diagonal are kept.
 */
export function connectedBlockEntries(components: readonly Int32Array[], pattern: SparsePattern): { entries: number; pairs: number } {
  const K = components.length;
  const label = new Int32Array(pattern.n);
  components.forEach((c, k) => { for (let i = 0; i < c.length; i++) label[c[i]] = k; });
  // Per block a, the distinct blocks its lines reach (a stamp per block), as keys min * K + max
  // (exact in float64 for K < 2^26); each unordered pair is listed at most twice (from either
  // side), then sorted and counted once. No Set: 2^17 blocks of one state can connect more pairs
  // than a Set holds (2^24).
  const stamp = new Int32Array(K).fill(-1);
  let keys = new Float64Array(1024), nk = 0;
  for (let a = 0; a < K; a++) {
    for (const k of components[a]) {
      for (let p = pattern.ptr[k]; p < pattern.ptr[k + 1]; p++) {
        const b = label[pattern.idx[p]];
        if (stamp[b] === a) continue;
        stamp[b] = a;
        if (nk === keys.length) { const grown = new Float64Array(keys.length * 2); grown.set(keys); keys = grown; }
        keys[nk++] = a <= b ? a * K + b : b * K + a;
      }
    }
  }
  const sorted = keys.subarray(0, nk).sort();
  let entries = 0, pairs = 0;
  for (let t = 0; t < nk; t++) {
    if (t > 0 && sorted[t] === sorted[t - 1]) continue;
    const a = Math.floor(sorted[t] / K), b = sorted[t] - a * K;
    entries += components[a].length * components[b].length;
    pairs++;
  }
  return { entries, pairs };
}
