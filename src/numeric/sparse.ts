/**
 * Complex sparse matrices in compressed sparse row form. Values are split into `re` and `im`
 * Float64Arrays; column indices within a row are sorted and unique.
 */
export interface SparseMatrix {
  readonly n: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
  /**
   * Exact squared moduli where known (NaN where not): a collective matrix element is often
   * sqrt(integer), whose square float64 cannot give back exactly, but the integer is known.
   */
  readonly abs2?: Float64Array;
}

/** Accumulates (row, col, value) triplets; duplicates are summed by {@link TripletBuilder.build}. */
export class TripletBuilder {
  private rows: Int32Array;
  private cols: Int32Array;
  private res: Float64Array;
  private ims: Float64Array;
  private sq: Float64Array;
  private size = 0;

  constructor(readonly n: number, capacity = 16) {
    this.rows = new Int32Array(capacity);
    this.cols = new Int32Array(capacity);
    this.res = new Float64Array(capacity);
    this.ims = new Float64Array(capacity);
    this.sq = new Float64Array(capacity);
  }

  /** Adds re + i im at (row, col); `abs2` is its exact squared modulus when known. */
  add(row: number, col: number, re: number, im: number, abs2 = NaN): void {
    if (re === 0 && im === 0) return;
    if (this.size === this.rows.length) this.grow();
    const s = this.size++;
    this.rows[s] = row;
    this.cols[s] = col;
    this.res[s] = re;
    this.ims[s] = im;
    this.sq[s] = abs2;
  }

  private grow(): void {
    const cap = this.rows.length * 2;
    const r = new Int32Array(cap), c = new Int32Array(cap), a = new Float64Array(cap), b = new Float64Array(cap), q = new Float64Array(cap);
    r.set(this.rows); c.set(this.cols); a.set(this.res); b.set(this.ims); q.set(this.sq);
    this.rows = r; this.cols = c; this.res = a; this.ims = b; this.sq = q;
  }

  /** Sums duplicates and drops exact zeros. */
  build(): SparseMatrix {
    const n = this.n;
    const count = new Int32Array(n + 1);
    for (let s = 0; s < this.size; s++) count[this.rows[s] + 1]++;
    for (let i = 0; i < n; i++) count[i + 1] += count[i];
    const order = new Int32Array(this.size);
    const fill = count.slice(0, n);
    for (let s = 0; s < this.size; s++) order[fill[this.rows[s]]++] = s;
    const rowPtr = new Int32Array(n + 1);
    const col = new Int32Array(this.size);
    const re = new Float64Array(this.size);
    const im = new Float64Array(this.size);
    const abs2 = new Float64Array(this.size);
    let nnz = 0;
    const cols = this.cols;
    for (let i = 0; i < n; i++) {
      // The row's triplets by column, in place in `order`, stably (duplicates are summed in the
      // order they were added): an insertion sort for a short row (collective and site operators
      // hold a few entries per row; a comparator sort per row cost more than the rest of the
      // build, issue 17), the array sort for a long one.
      const from = count[i], to = count[i + 1];
      if (to - from > 32) {
        const row = Array.from(order.subarray(from, to)).sort((x, y) => cols[x] - cols[y]); // stable
        order.set(row, from);
      } else for (let p = from + 1; p < to; p++) {
        const s = order[p], c = cols[s];
        let q = p - 1;
        while (q >= from && cols[order[q]] > c) { order[q + 1] = order[q]; q--; }
        order[q + 1] = s;
      }
      let last = -1;
      for (let p = from; p < to; p++) {
        const s = order[p];
        const c = cols[s];
        if (c === last) {
          re[nnz - 1] += this.res[s];
          im[nnz - 1] += this.ims[s];
          abs2[nnz - 1] = NaN;
        } else {
          col[nnz] = c;
          re[nnz] = this.res[s];
          im[nnz] = this.ims[s];
          abs2[nnz] = this.sq[s];
          nnz++;
          last = c;
        }
      }
      rowPtr[i + 1] = nnz;
    }
    let known = false;
    for (let p = 0; p < nnz; p++) if (!Number.isNaN(abs2[p])) { known = true; break; }
    const m: SparseMatrix = { n, rowPtr, col: col.subarray(0, nnz), re: re.subarray(0, nnz), im: im.subarray(0, nnz) };
    return compact(known ? { ...m, abs2: abs2.subarray(0, nnz) } : m);
  }
}

/** The exact squared modulus of stored entry p, or NaN. */
function sq(m: SparseMatrix, p: number): number {
  return m.abs2 ? m.abs2[p] : NaN;
}

/** Drops stored entries that are exactly zero. */
function compact(m: SparseMatrix): SparseMatrix {
  let zeros = 0;
  for (let p = 0; p < m.re.length; p++) if (m.re[p] === 0 && m.im[p] === 0) zeros++;
  if (zeros === 0) return m;
  const b = new TripletBuilder(m.n, m.re.length);
  forEachEntryAt(m, (i, j, p) => b.add(i, j, m.re[p], m.im[p], sq(m, p)));
  return b.build();
}

function forEachEntryAt(m: SparseMatrix, f: (row: number, col: number, p: number) => void): void {
  for (let i = 0; i < m.n; i++) for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) f(i, m.col[p], p);
}

/** Calls `f` for every stored entry. */
export function forEachEntry(m: SparseMatrix, f: (row: number, col: number, re: number, im: number) => void): void {
  for (let i = 0; i < m.n; i++) for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) f(i, m.col[p], m.re[p], m.im[p]);
}

/** The n x n identity times (re + i im). */
export function sparseIdentity(n: number, re = 1, im = 0): SparseMatrix {
  const b = new TripletBuilder(n, n);
  for (let i = 0; i < n; i++) b.add(i, i, re, im);
  return b.build();
}

/** The zero matrix. */
export function sparseZero(n: number): SparseMatrix {
  return { n, rowPtr: new Int32Array(n + 1), col: new Int32Array(0), re: new Float64Array(0), im: new Float64Array(0) };
}

/** alpha X + beta Y for complex alpha, beta given as [re, im]. */
export function sparseAdd(x: SparseMatrix, y: SparseMatrix, alpha: readonly [number, number] = [1, 0], beta: readonly [number, number] = [1, 0]): SparseMatrix {
  checkSameSize(x, y);
  const b = new TripletBuilder(x.n, x.re.length + y.re.length);
  const a2 = alpha[0] * alpha[0] + alpha[1] * alpha[1];
  const b2 = beta[0] * beta[0] + beta[1] * beta[1];
  forEachEntryAt(x, (i, j, p) => { const re = x.re[p], im = x.im[p]; b.add(i, j, alpha[0] * re - alpha[1] * im, alpha[0] * im + alpha[1] * re, a2 * sq(x, p)); });
  forEachEntryAt(y, (i, j, p) => { const re = y.re[p], im = y.im[p]; b.add(i, j, beta[0] * re - beta[1] * im, beta[0] * im + beta[1] * re, b2 * sq(y, p)); });
  return b.build();
}

/** The ordered product X Y. */
export function sparseMul(x: SparseMatrix, y: SparseMatrix): SparseMatrix {
  checkSameSize(x, y);
  const b = new TripletBuilder(x.n, Math.max(16, x.re.length + y.re.length));
  for (let i = 0; i < x.n; i++) {
    for (let p = x.rowPtr[i]; p < x.rowPtr[i + 1]; p++) {
      const k = x.col[p], ar = x.re[p], ai = x.im[p];
      for (let q = y.rowPtr[k]; q < y.rowPtr[k + 1]; q++) {
        const br = y.re[q], bi = y.im[q];
        b.add(i, y.col[q], ar * br - ai * bi, ar * bi + ai * br, sq(x, p) * sq(y, q));
      }
    }
  }
  return b.build();
}

/** The adjoint X^+. */
export function sparseAdjoint(x: SparseMatrix): SparseMatrix {
  const b = new TripletBuilder(x.n, x.re.length);
  forEachEntryAt(x, (i, j, p) => b.add(j, i, x.re[p], -x.im[p], sq(x, p)));
  return b.build();
}

/**
 * The Kronecker product A (x) B, of dimension A.n B.n (row i B.n + f), products that are exactly zero
 * left out; rows in order, columns sorted (each row of A's columns sorted, B's likewise).
 */
export function sparseKron(A: SparseMatrix, B: SparseMatrix): SparseMatrix {
  const n = A.n * B.n;
  const nnz = A.re.length * B.re.length;
  const rowPtr = new Int32Array(n + 1), col = new Int32Array(nnz), re = new Float64Array(nnz), im = new Float64Array(nnz);
  let q = 0;
  for (let i = 0; i < A.n; i++) {
    for (let f = 0; f < B.n; f++) {
      for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) {
        const ar = A.re[p], ai = A.im[p], c0 = A.col[p] * B.n;
        for (let t = B.rowPtr[f]; t < B.rowPtr[f + 1]; t++) {
          const br = B.re[t], bi = B.im[t];
          const xr = ar * br - ai * bi, xi = ar * bi + ai * br;
          if (xr === 0 && xi === 0) continue;
          col[q] = c0 + B.col[t]; re[q] = xr; im[q] = xi; q++;
        }
      }
      rowPtr[i * B.n + f + 1] = q;
    }
  }
  return { n, rowPtr, col: col.slice(0, q), re: re.slice(0, q), im: im.slice(0, q) };
}

/** The largest row sum of moduli, max_i sum_j |X_ij|: a bound on ||X||_2 when |X| is symmetric (X Hermitian). */
export function maxRowAbsSum(x: SparseMatrix): number {
  let best = 0;
  for (let i = 0; i < x.n; i++) {
    let s = 0;
    for (let p = x.rowPtr[i]; p < x.rowPtr[i + 1]; p++) s += Math.hypot(x.re[p], x.im[p]);
    best = Math.max(best, s);
  }
  return best;
}

/** max_ij |X_ij|. */
export function maxAbsEntry(x: SparseMatrix): number {
  let r = 0;
  for (let p = 0; p < x.re.length; p++) r = Math.max(r, Math.hypot(x.re[p], x.im[p]));
  return r;
}

/** True when every stored entry lies on the diagonal. */
export function isDiagonal(x: SparseMatrix): boolean {
  for (let i = 0; i < x.n; i++) for (let p = x.rowPtr[i]; p < x.rowPtr[i + 1]; p++) if (x.col[p] !== i) return false;
  return true;
}

/** The diagonal as [re, im]. */
export function diagonalOf(x: SparseMatrix): [Float64Array, Float64Array] {
  const re = new Float64Array(x.n), im = new Float64Array(x.n);
  for (let i = 0; i < x.n; i++) {
    for (let p = x.rowPtr[i]; p < x.rowPtr[i + 1]; p++) {
      if (x.col[p] === i) { re[i] = x.re[p]; im[i] = x.im[p]; }
    }
  }
  return [re, im];
}

/** True when every imaginary part is zero. */
export function isReal(x: SparseMatrix): boolean {
  for (let p = 0; p < x.im.length; p++) if (x.im[p] !== 0) return false;
  return true;
}

/** y = X v for complex vectors split into re/im parts (y is overwritten). */
export function sparseMatVec(x: SparseMatrix, vr: Float64Array, vi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  for (let i = 0; i < x.n; i++) {
    let sr = 0, si = 0;
    for (let p = x.rowPtr[i]; p < x.rowPtr[i + 1]; p++) {
      const j = x.col[p], ar = x.re[p], ai = x.im[p];
      sr += ar * vr[j] - ai * vi[j];
      si += ar * vi[j] + ai * vr[j];
    }
    yr[i] = sr;
    yi[i] = si;
  }
}

/** The dense row-major [re, im] copy. */
export function sparseToDense(x: SparseMatrix): [Float64Array, Float64Array] {
  const n = x.n;
  const re = new Float64Array(n * n), im = new Float64Array(n * n);
  forEachEntry(x, (i, j, a, b) => { re[i * n + j] += a; im[i * n + j] += b; });
  return [re, im];
}

function checkSameSize(x: SparseMatrix, y: SparseMatrix): void {
  if (x.n !== y.n) throw new RangeError(`dimension mismatch: ${x.n} vs ${y.n}`);
}
