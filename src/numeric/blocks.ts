/**
 * Block structure of sparse matrices: the connected components of the graph with an edge i-j for
 * every nonzero (i, j). A Hermitian matrix is block diagonal over its components, so each block
 * can be diagonalised alone (magnetisation sectors of an XX chain, the two states an all-flip
 * coupling connects, ...).
 */
import type { SparseMatrix } from './sparse.js';

/** Components as sorted index lists, in order of their smallest index. */
export function graphComponents(m: SparseMatrix): Int32Array[] {
  const n = m.n;
  const label = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const out: Int32Array[] = [];
  for (let s = 0; s < n; s++) {
    if (label[s] >= 0) continue;
    let head = 0, tail = 0;
    queue[tail++] = s;
    label[s] = out.length;
    while (head < tail) {
      const i = queue[head++];
      for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
        const j = m.col[p];
        if (label[j] < 0) { label[j] = out.length; queue[tail++] = j; }
      }
    }
    const comp = queue.slice(0, tail);
    comp.sort();
    out.push(comp);
  }
  return out;
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
