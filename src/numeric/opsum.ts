/**
 * Operators on L qubits as sums of product terms: c * (M_s1 (x) M_s2 (x) ...), identity elsewhere.
 * Products of product terms stay product terms, so `prod(k, Sp[k])` is one term, not 2^L. This is
 * the exact, structure-preserving form that the compiler builds; matrices are made from it only
 * when a method needs them. Sums are kept in the one normal form of numeric/normal-form (here over
 * float64 coefficients; engine/precise/operators holds its Decimal instance).
 *
 * Basis convention: index b of the 2^L space has bit (L-1-k) equal to the state of site k,
 * 0 = u (excited), 1 = d. Site 0 is the leftmost factor of the Kronecker product (as QuTiP's tensor).
 */
import type { Complex } from './field.js';
import { type Local, localNorm } from './local.js';
import { productTermSums, termsAreDiagonal, type TermCoefficients, type TermFactors } from './normal-form.js';
import { type SparseMatrix, TripletBuilder } from './sparse.js';

export { localNormalForm, mulFactors, productTermKey } from './normal-form.js';

/** One product term: coefficient (cr + i ci) times local operators on sorted distinct sites. */
export interface ProductTerm {
  readonly cr: number;
  readonly ci: number;
  readonly sites: readonly number[];
  readonly mats: readonly Local[];
}

/** A sum of product terms on L sites. */
export interface OpSum {
  readonly L: number;
  readonly terms: readonly ProductTerm[];
}

/**
 * float64 coefficients cr + i ci of {@link ProductTerm}, for the one normal form
 * (numeric/normal-form): every product rounded before the sum, (a b).re = a.re b.re - a.im b.im,
 * (a b).im = a.re b.im + a.im b.re, and the unit factors of local normal forms multiplied in the
 * same way (also when the unit is 1, so signed zeros and NaN propagate as IEEE arithmetic says);
 * when that product leaves both parts as they are (Object.is), c itself is returned, which tells
 * the normal form's linear sum (numeric/normal-form sumTerms) that repeating it changes nothing.
 */
export const float64TermCoefficients: TermCoefficients<Complex<number>, ProductTerm> = Object.freeze({
  one: Object.freeze({ re: 1, im: 0 }),
  coefficient: (t: ProductTerm) => ({ re: t.cr, im: t.ci }),
  term: (c: Complex<number>, sites: readonly number[], mats: readonly Local[]) => ({ cr: c.re, ci: c.im, sites, mats }),
  isZero: (c: Complex<number>) => c.re === 0 && c.im === 0,
  add: (a: Complex<number>, b: Complex<number>) => ({ re: a.re + b.re, im: a.im + b.im }),
  mul: (a: Complex<number>, b: Complex<number>) => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re }),
  conj: (c: Complex<number>) => ({ re: c.re, im: -c.im }),
  mulUnit: (c: Complex<number>, fr: number, fi: number) => {
    const re = c.re * fr - c.im * fi, im = c.re * fi + c.im * fr;
    return Object.is(re, c.re) && Object.is(im, c.im) ? c : { re, im };
  },
});

/** The one normal form and its operations over float64 coefficients. */
const sums = productTermSums(float64TermCoefficients);

/** c * Id on L sites. */
export function opScalar(L: number, cr: number, ci = 0): OpSum {
  return sums.scalar(L, { re: cr, im: ci });
}

/** The local operator `m` on site k. */
export function opSite(L: number, k: number, m: Local): OpSum {
  return sums.site(L, k, m);
}

/** a + b. */
export function opAdd(a: OpSum, b: OpSum): OpSum {
  return sums.add(a, b);
}
/** A running sum first + p1 + p2 + ... equal to adding left to right with {@link opAdd}, in linear time. */
opAdd.from = sums.add.from!;

/** (cr + i ci) a. */
export function opScale(a: OpSum, cr: number, ci = 0): OpSum {
  return sums.scale(a, { re: cr, im: ci });
}

/** The ordered product a b. */
export function opMul(a: OpSum, b: OpSum): OpSum {
  return sums.mul(a, b);
}

/** a^n for an integer n >= 0 (a^0 = Id), by repeated squaring. */
export function opPow(a: OpSum, n: number): OpSum {
  return sums.pow(a, n);
}

/** The adjoint a^+. */
export function opAdjoint(a: OpSum): OpSum {
  return sums.adjoint(a);
}

/** True when every term is diagonal in the product basis (numeric/normal-form termsAreDiagonal). */
export function opIsDiagonal(a: OpSum): boolean {
  return termsAreDiagonal(a);
}

/**
 * An upper bound on ||a|| from the triangle inequality: sum |c| prod ||M_s||. Zero proves a = 0;
 * used to prove Hermiticity symbolically before any matrix is built.
 */
export function opNormUpperBound(a: OpSum): number {
  let s = 0;
  for (const t of a.terms) s += Math.hypot(t.cr, t.ci) * t.mats.reduce((p, m) => p * localNorm(m), 1);
  return s;
}

/**
 * Canonical form (numeric/normal-form collectTerms): each local matrix scaled so its first nonzero
 * entry is 1 (the factor moves into the coefficient), identities dropped, zero terms dropped, equal
 * terms merged.
 */
function collect(a: OpSum): OpSum {
  return sums.collect(a);
}

/**
 * Applies the operator to the basis column |j>: writes the images (row index, value) into the
 * scratch and returns how many there are. Duplicate rows may appear (they are to be summed).
 * This is the one enumeration of a product-term sum's columns: each term's coefficient is the
 * start amplitude, and each local factor in site order multiplies it by its entry,
 * (a m).re = a.re m.re - a.im m.im, (a m).im = a.re m.im + a.im m.re (zero entries skipped).
 * Other coefficient fields use it through {@link forEachTermImage}.
 */
export class ColumnApplier {
  private idxA: Int32Array;
  private reA: Float64Array;
  private imA: Float64Array;
  private idxB: Int32Array;
  private reB: Float64Array;
  private imB: Float64Array;
  /** The images of the last column: rows and values. */
  rows: Int32Array;
  re: Float64Array;
  im: Float64Array;
  private readonly bits: Int32Array[];

  /** The dimension 2^L. */
  readonly n: number;

  constructor(readonly op: OpSum) {
    this.n = 2 ** op.L;
    let cap = 1;
    for (const t of op.terms) {
      let branch = 1;
      for (const m of t.mats) {
        if (m.length !== 8) throw new RangeError('a local operator of dimension > 2 in the qubit column form: give the sites\' dimensions (MixedColumnApplier)');
        const both0 = (m[0] !== 0 || m[1] !== 0) && (m[4] !== 0 || m[5] !== 0);
        const both1 = (m[2] !== 0 || m[3] !== 0) && (m[6] !== 0 || m[7] !== 0);
        if (both0 || both1) branch *= 2;
      }
      cap += branch;
    }
    this.idxA = new Int32Array(cap); this.reA = new Float64Array(cap); this.imA = new Float64Array(cap);
    this.idxB = new Int32Array(cap); this.reB = new Float64Array(cap); this.imB = new Float64Array(cap);
    this.rows = new Int32Array(cap); this.re = new Float64Array(cap); this.im = new Float64Array(cap);
    this.bits = op.terms.map((t) => Int32Array.from(t.sites, (s) => op.L - 1 - s));
  }

  /** Fills `rows/re/im` with the images of |j>; returns their count. */
  apply(j: number): number {
    let out = 0;
    const terms = this.op.terms;
    for (let q = 0; q < terms.length; q++) {
      const t = terms[q];
      const bits = this.bits[q];
      let idx = this.idxA, re = this.reA, im = this.imA;
      let nidx = this.idxB, nre = this.reB, nim = this.imB;
      idx[0] = j; re[0] = t.cr; im[0] = t.ci;
      let count = 1;
      for (let s = 0; s < bits.length && count > 0; s++) {
        const m = t.mats[s];
        const bit = bits[s];
        let next = 0;
        for (let r = 0; r < count; r++) {
          const b = (idx[r] >> bit) & 1;
          const base = idx[r] & ~(1 << bit);
          for (let row = 0; row < 2; row++) {
            const mr = m[(row * 2 + b) * 2], mi = m[(row * 2 + b) * 2 + 1];
            if (mr === 0 && mi === 0) continue;
            nidx[next] = base | (row << bit);
            nre[next] = re[r] * mr - im[r] * mi;
            nim[next] = re[r] * mi + im[r] * mr;
            next++;
          }
        }
        count = next;
        [idx, nidx] = [nidx, idx];
        [re, nre] = [nre, re];
        [im, nim] = [nim, im];
      }
      for (let r = 0; r < count; r++) {
        this.rows[out] = idx[r]; this.re[out] = re[r]; this.im[out] = im[r]; out++;
      }
    }
    return out;
  }
}

/**
 * Visits every matrix-entry contribution of a sum of product terms on L sites, column by column
 * (j = 0 .. 2^L - 1), then term by term in order, then image by image, as {@link ColumnApplier}
 * enumerates them: `visit(row, column, term, fr, fi)` with fr + i fi the product of the term's
 * local entries on the path from column to row (the ColumnApplier of the term with coefficient 1;
 * exact for Gaussian-integer entries). The entry (row, column) is the sum over its visits of the
 * term's coefficient times (fr + i fi), in whatever field the caller's coefficients are (the
 * Decimal matrix of engine/precise/operators preciseMatrix is this over Decimal coefficients).
 */
export function forEachTermImage<Tm extends TermFactors>(
  L: number, terms: readonly Tm[], visit: (row: number, column: number, term: Tm, fr: number, fi: number) => void,
): void {
  const n = 2 ** L;
  // One applier per term, so each image is attributed to its term.
  const appliers = terms.map((t) => new ColumnApplier({ L, terms: [{ cr: 1, ci: 0, sites: t.sites, mats: t.mats }] }));
  for (let j = 0; j < n; j++) {
    for (let q = 0; q < terms.length; q++) {
      const app = appliers[q];
      const c = app.apply(j);
      for (let r = 0; r < c; r++) visit(app.rows[r], j, terms[q], app.re[r], app.im[r]);
    }
  }
}

/**
 * Applies an operator on sites of any dimensions (model-language v2: `dims[g]` the dimension of
 * global site g, mixed radix: index = sum_g i_g prod_{h > g} dims[h], site 0 the leftmost factor)
 * to the basis column |j>, as {@link ColumnApplier} does on qubits: each term's coefficient is the
 * start amplitude, each local factor in site order multiplies it by its entry (zero entries skipped).
 */
export class MixedColumnApplier {
  rows: Int32Array;
  re: Float64Array;
  im: Float64Array;
  /** The dimension prod dims. */
  readonly n: number;
  private readonly stride: Float64Array;
  private idxA: Float64Array; private reA: Float64Array; private imA: Float64Array;
  private idxB: Float64Array; private reB: Float64Array; private imB: Float64Array;

  constructor(readonly op: OpSum, readonly dims: readonly number[]) {
    if (dims.length !== op.L) throw new RangeError(`${dims.length} site dimensions for an operator on ${op.L} sites`);
    this.stride = new Float64Array(op.L);
    let n = 1;
    for (let g = op.L - 1; g >= 0; g--) { this.stride[g] = n; n *= dims[g]; }
    this.n = n;
    let cap = 1;
    for (const t of op.terms) {
      let branch = 1;
      t.mats.forEach((m, q) => {
        const d = dims[t.sites[q]];
        if (m.length !== 2 * d * d) throw new RangeError(`a local operator of dimension ${Math.round(Math.sqrt(m.length / 2))} on site ${t.sites[q]} of dimension ${d}`);
        let most = 0;
        for (let c = 0; c < d; c++) {
          let nz = 0;
          for (let r = 0; r < d; r++) if (m[(r * d + c) * 2] !== 0 || m[(r * d + c) * 2 + 1] !== 0) nz++;
          most = Math.max(most, nz);
        }
        branch *= Math.max(1, most);
      });
      cap += branch;
    }
    this.idxA = new Float64Array(cap); this.reA = new Float64Array(cap); this.imA = new Float64Array(cap);
    this.idxB = new Float64Array(cap); this.reB = new Float64Array(cap); this.imB = new Float64Array(cap);
    this.rows = new Int32Array(cap); this.re = new Float64Array(cap); this.im = new Float64Array(cap);
  }

  /** Fills `rows/re/im` with the images of |j>; returns their count. */
  apply(j: number): number {
    let out = 0;
    const { dims, stride } = this;
    for (const t of this.op.terms) {
      let idx = this.idxA, re = this.reA, im = this.imA;
      let nidx = this.idxB, nre = this.reB, nim = this.imB;
      idx[0] = j; re[0] = t.cr; im[0] = t.ci;
      let count = 1;
      for (let q = 0; q < t.sites.length && count > 0; q++) {
        const m = t.mats[q], g = t.sites[q], d = dims[g], st = stride[g];
        let next = 0;
        for (let r = 0; r < count; r++) {
          const c = Math.floor(idx[r] / st) % d;
          const base = idx[r] - c * st;
          for (let row = 0; row < d; row++) {
            const mr = m[(row * d + c) * 2], mi = m[(row * d + c) * 2 + 1];
            if (mr === 0 && mi === 0) continue;
            nidx[next] = base + row * st;
            nre[next] = re[r] * mr - im[r] * mi;
            nim[next] = re[r] * mi + im[r] * mr;
            next++;
          }
        }
        count = next;
        [idx, nidx] = [nidx, idx];
        [re, nre] = [nre, re];
        [im, nim] = [nim, im];
      }
      for (let r = 0; r < count; r++) {
        this.rows[out] = idx[r]; this.re[out] = re[r]; this.im[out] = im[r]; out++;
      }
    }
    return out;
  }
}

/** The product of the site dimensions (the Hilbert space's dimension; 2^L for qubits). */
export function dimensionOf(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** The site dimensions of an operator whose every site carries a factor in some term (a site group), read from the factors. */
export function dimsOfFactors(a: OpSum): number[] {
  const dims = new Array<number>(a.L).fill(0);
  for (const t of a.terms) t.mats.forEach((m, q) => { dims[t.sites[q]] = Math.round(Math.sqrt(m.length / 2)); });
  if (dims.some((d) => d === 0)) throw new RangeError('a site without a factor: its dimension is not known');
  return dims;
}

/**
 * The sparse matrix of the operator on the 2^L space, or with `dims` (v2 sites: the dimension of
 * each site) on the space of dimension prod dims in mixed radix ({@link MixedColumnApplier}).
 */
export function opToSparse(a: OpSum, dims?: readonly number[]): SparseMatrix {
  if (dims !== undefined) {
    const n = dimensionOf(dims);
    if (n > 2 ** 26) throw new RangeError(`dimension ${n} is too large for a sparse matrix`);
    const app = new MixedColumnApplier(a, dims);
    const b = new TripletBuilder(n, Math.max(16, n * Math.max(1, a.terms.length)));
    for (let j = 0; j < n; j++) {
      const c = app.apply(j);
      for (let r = 0; r < c; r++) b.add(app.rows[r], j, app.re[r], app.im[r]);
    }
    return b.build();
  }
  if (a.L > 26) throw new RangeError(`2^${a.L} is too large for a sparse matrix`);
  const n = 2 ** a.L;
  const app = new ColumnApplier(a);
  const b = new TripletBuilder(n, Math.max(16, n * Math.max(1, a.terms.length)));
  for (let j = 0; j < n; j++) {
    const c = app.apply(j);
    for (let r = 0; r < c; r++) b.add(app.rows[r], j, app.re[r], app.im[r]);
  }
  return b.build();
}

/**
 * The diagonal of a diagonal operator (its eigenvalues in the product basis), real and imaginary
 * parts; with `dims` on sites of those dimensions (mixed radix, as {@link MixedColumnApplier}).
 */
export function opDiagonal(a: OpSum, dims?: readonly number[]): [Float64Array, Float64Array] {
  // Qubits are sites of dimension 2: bit L-1-k of the index is digit k of the mixed radix.
  return mixedDiagonal(a, dims ?? new Array<number>(a.L).fill(2));
}

/** {@link opDiagonal} on sites of dimensions `dims`: entry (i_g, i_g) of each factor at the site's digit i_g of the index. */
function mixedDiagonal(a: OpSum, dims: readonly number[]): [Float64Array, Float64Array] {
  if (dims.length !== a.L) throw new RangeError(`${dims.length} site dimensions for an operator on ${a.L} sites`);
  const n = dimensionOf(dims);
  const stride = new Float64Array(a.L);
  for (let g = a.L - 1, st = 1; g >= 0; g--) { stride[g] = st; st *= dims[g]; }
  const re = new Float64Array(n), im = new Float64Array(n);
  // Qubits (L <= 30): the digit of site g is a bit, read by a shift (the division is several times slower).
  const bits = a.L <= 30 && dims.every((d) => d === 2);
  for (const t of a.terms) {
    for (let j = 0; j < n; j++) {
      let vr = t.cr, vi = t.ci;
      for (let s = 0; s < t.sites.length; s++) {
        const g = t.sites[s], d = dims[g];
        const i = bits ? (j >>> (a.L - 1 - g)) & 1 : Math.floor(j / stride[g]) % d;
        const m = t.mats[s];
        const mr = m[(i * d + i) * 2], mi = m[(i * d + i) * 2 + 1];
        const nr = vr * mr - vi * mi;
        vi = vr * mi + vi * mr;
        vr = nr;
      }
      re[j] += vr;
      im[j] += vi;
    }
  }
  return [re, im];
}

/** The identity part (coefficient of the empty product). */
export function opIdentityPart(a: OpSum): [number, number] {
  const t = a.terms.find((x) => x.sites.length === 0);
  return t ? [t.cr, t.ci] : [0, 0];
}

/** Restricts a set of terms to the listed sites, relabelled 0..m-1 in order, as an OpSum on m sites. */
export function opOnSites(sites: readonly number[], terms: readonly ProductTerm[]): OpSum {
  const pos = new Map(sites.map((s, i) => [s, i]));
  return collect({
    L: sites.length,
    terms: terms.map((t) => ({ ...t, sites: t.sites.map((s) => pos.get(s)!) })),
  });
}
