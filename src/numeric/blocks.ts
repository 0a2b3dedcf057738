/**
 * Block structure of sparse matrices: the connected components of the graph with an edge i-j for
 * every nonzero (i, j). A Hermitian matrix is block diagonal over its components, so each block
 * can be diagonalised alone (magnetisation sectors of an XX chain, the two states an all-flip
 * coupling connects, ...).
 */
import type { SparseMatrix } from './sparse.js';

/**
 * The connected components of the undirected graph on 0..n-1 with an edge i-j for every pair that
 * `edges` reports (through its callback; a pair may come in either order, repeated, or as i = i):
 * the blocks over which a matrix with that pattern of nonzeros is block diagonal. Each component is
 * a sorted index list; the components come in order of their smallest index. Union-find (path
 * halving), so O((n + edges) alpha(n)). One function for every sparse format: {@link graphComponents}
 * (float64 CSR) and the precise engine's Decimal columns are its instances.
 *
 * @example
 * connectedComponents(4, (edge) => { edge(3, 0); edge(1, 1); }) // [Int32Array [0, 3], Int32Array [1], Int32Array [2]]
 */
export function connectedComponents(n: number, edges: (edge: (i: number, j: number) => void) => void): Int32Array[] {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  };
  edges((i, j) => {
    const a = find(i), b = find(j);
    // The smaller root wins, so a root is its component's smallest index.
    if (a < b) parent[b] = a; else if (b < a) parent[a] = b;
  });
  const label = new Int32Array(n);
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (r === i) { label[i] = sizes.length; sizes.push(1); } else { label[i] = label[r]; sizes[label[i]]++; }
  }
  const out = sizes.map((k) => new Int32Array(k));
  const fill = new Int32Array(sizes.length);
  for (let i = 0; i < n; i++) { const c = label[i]; out[c][fill[c]++] = i; }
  return out;
}

/**
 * Components of the pattern of m (an edge i-j for every stored (i, j), either way) as sorted index
 * lists, in order of their smallest index: {@link connectedComponents} over the CSR rows.
 */
export function graphComponents(m: SparseMatrix): Int32Array[] {
  return connectedComponents(m.n, (edge) => {
    for (let i = 0; i < m.n; i++) for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) edge(i, m.col[p]);
  });
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
