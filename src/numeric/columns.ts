/**
 * Column access to a Hermitian operator in the eigenbasis of H_S: `apply(j)` fills `rows/re/im`
 * with the entries of column j (rows may repeat; repeated rows are to be summed). The Davies
 * kernel only ever needs columns, so an operator can be dense, sparse or computed on the fly.
 */
import type { SparseMatrix } from './sparse.js';

export interface ColumnSource {
  readonly n: number;
  rows: Int32Array;
  re: Float64Array;
  im: Float64Array;
  /** Exact squared moduli of the entries of the last column where known (NaN where not), or null. */
  abs2?: Float64Array | null;
  apply(j: number): number;
}

/** Columns of a Hermitian sparse matrix, read as conjugated rows (A_ij = conj A_ji). */
export class SparseColumns implements ColumnSource {
  readonly n: number;
  rows: Int32Array;
  re: Float64Array;
  im: Float64Array;
  abs2: Float64Array | null;
  constructor(private readonly m: SparseMatrix) {
    this.n = m.n;
    let width = 0;
    for (let i = 0; i < m.n; i++) width = Math.max(width, m.rowPtr[i + 1] - m.rowPtr[i]);
    this.rows = new Int32Array(width);
    this.re = new Float64Array(width);
    this.im = new Float64Array(width);
    this.abs2 = m.abs2 ? new Float64Array(width) : null;
  }
  apply(j: number): number {
    const m = this.m;
    let c = 0;
    for (let p = m.rowPtr[j]; p < m.rowPtr[j + 1]; p++) {
      this.rows[c] = m.col[p];
      this.re[c] = m.re[p];
      this.im[c] = -m.im[p];
      if (this.abs2) this.abs2[c] = m.abs2![p];
      c++;
    }
    return c;
  }
}

/** Columns of a dense Hermitian matrix stored row-major (column j = conjugated row j). */
export class DenseColumns implements ColumnSource {
  rows: Int32Array;
  re: Float64Array;
  im: Float64Array;
  constructor(readonly n: number, private readonly mre: Float64Array, private readonly mim: Float64Array | null) {
    this.rows = new Int32Array(n);
    for (let i = 0; i < n; i++) this.rows[i] = i;
    this.re = new Float64Array(n);
    this.im = new Float64Array(n);
  }
  apply(j: number): number {
    const n = this.n;
    this.re.set(this.mre.subarray(j * n, j * n + n));
    if (this.mim) {
      const src = this.mim;
      for (let i = 0; i < n; i++) this.im[i] = -src[j * n + i];
    }
    return n;
  }
}
