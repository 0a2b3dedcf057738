/**
 * Operators on L qubits as sums of product terms: c * (M_s1 (x) M_s2 (x) ...), identity elsewhere.
 * Products of product terms stay product terms, so `prod(k, Sp[k])` is one term, not 2^L. This is
 * the exact, structure-preserving form that the compiler builds; matrices are made from it only
 * when a method needs them.
 *
 * Basis convention: index b of the 2^L space has bit (L-1-k) equal to the state of site k,
 * 0 = u (excited), 1 = d. Site 0 is the leftmost factor of the Kronecker product (as QuTiP's tensor).
 */
import { type Local, localAdjoint, localIsDiagonal, localMul, localNorm } from './local.js';
import { type SparseMatrix, TripletBuilder } from './sparse.js';

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

/** c * Id on L sites. */
export function opScalar(L: number, cr: number, ci = 0): OpSum {
  return collect({ L, terms: [{ cr, ci, sites: [], mats: [] }] });
}

/** The local operator `m` on site k. */
export function opSite(L: number, k: number, m: Local): OpSum {
  if (!(k >= 0 && k < L)) throw new RangeError(`site ${k} outside 0..${L - 1}`);
  return collect({ L, terms: [{ cr: 1, ci: 0, sites: [k], mats: [m] }] });
}

/** a + b. */
export function opAdd(a: OpSum, b: OpSum): OpSum {
  sameL(a, b);
  return collect({ L: a.L, terms: [...a.terms, ...b.terms] });
}

/** (cr + i ci) a. */
export function opScale(a: OpSum, cr: number, ci = 0): OpSum {
  return collect({
    L: a.L,
    terms: a.terms.map((t) => ({ ...t, cr: t.cr * cr - t.ci * ci, ci: t.cr * ci + t.ci * cr })),
  });
}

/** The ordered product a b. */
export function opMul(a: OpSum, b: OpSum): OpSum {
  sameL(a, b);
  const terms: ProductTerm[] = [];
  for (const s of a.terms) for (const t of b.terms) {
    const p = termMul(s, t);
    if (p) terms.push(p);
  }
  return collect({ L: a.L, terms });
}

/** a^n for an integer n >= 0 (a^0 = Id), by repeated squaring. */
export function opPow(a: OpSum, n: number): OpSum {
  let result = opScalar(a.L, 1);
  let base = a;
  let e = n;
  while (e > 0) {
    if (e & 1) result = opMul(result, base);
    e >>= 1;
    if (e > 0) base = opMul(base, base);
  }
  return result;
}

/** The adjoint a^+. */
export function opAdjoint(a: OpSum): OpSum {
  return collect({
    L: a.L,
    terms: a.terms.map((t) => ({ cr: t.cr, ci: -t.ci, sites: t.sites, mats: t.mats.map(localAdjoint) })),
  });
}

/** True when every term is diagonal in the product basis. */
export function opIsDiagonal(a: OpSum): boolean {
  return a.terms.every((t) => t.mats.every(localIsDiagonal));
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

/** The local factors of the product s t of two product terms (sites sorted and merged). */
export function mulFactors(
  s: { readonly sites: readonly number[]; readonly mats: readonly Local[] },
  t: { readonly sites: readonly number[]; readonly mats: readonly Local[] },
): { sites: number[]; mats: Local[] } {
  const sites: number[] = [];
  const mats: Local[] = [];
  let i = 0, j = 0;
  while (i < s.sites.length || j < t.sites.length) {
    const a = i < s.sites.length ? s.sites[i] : Infinity;
    const b = j < t.sites.length ? t.sites[j] : Infinity;
    if (a === b) { sites.push(a); mats.push(localMul(s.mats[i], t.mats[j])); i++; j++; }
    else if (a < b) { sites.push(a); mats.push(s.mats[i]); i++; }
    else { sites.push(b); mats.push(t.mats[j]); j++; }
  }
  return { sites, mats };
}

function termMul(s: ProductTerm, t: ProductTerm): ProductTerm | null {
  return { cr: s.cr * t.cr - s.ci * t.ci, ci: s.cr * t.ci + s.ci * t.cr, ...mulFactors(s, t) };
}

/**
 * The normal form of one local factor: m = (fr + i fi) mat with mat's first nonzero entry 1 (f is
 * that entry of m), or null when m = 0. `identity` when mat is the identity (the factor is then
 * dropped from its term). The factors of site operators have entries 0, +-1, +-i, so f is a unit
 * and the division is exact. The one normal form of both engines' product terms (float64 here,
 * Decimal coefficients in engine/precise/operators).
 */
export function localNormalForm(m: Local): { fr: number; fi: number; mat: Local; identity: boolean } | null {
  let f = -1;
  for (let e = 0; e < 4; e++) if (m[2 * e] !== 0 || m[2 * e + 1] !== 0) { f = e; break; }
  if (f < 0) return null;
  const fr = m[2 * f], fi = m[2 * f + 1];
  const d = fr * fr + fi * fi;
  const n = new Float64Array(8);
  for (let e = 0; e < 4; e++) {
    const xr = m[2 * e], xi = m[2 * e + 1];
    n[2 * e] = (xr * fr + xi * fi) / d;
    n[2 * e + 1] = (xi * fr - xr * fi) / d;
  }
  n[2 * f] = 1;
  n[2 * f + 1] = 0;
  const identity = n[0] === 1 && n[1] === 0 && n[2] === 0 && n[3] === 0 && n[4] === 0 && n[5] === 0 && n[6] === 1 && n[7] === 0;
  return { fr, fi, mat: n, identity };
}

/** The merge key of a product term in normal form: equal supports and local matrices, equal keys. */
export function productTermKey(sites: readonly number[], mats: readonly Local[]): string {
  return sites.map((s, q) => `${s}:${Array.from(mats[q]).join(',')}`).join('|');
}

/**
 * Canonical form: each local matrix scaled so its first nonzero entry is 1 (the factor moves into
 * the coefficient), identities dropped, zero terms dropped, equal terms merged.
 */
function collect(a: OpSum): OpSum {
  const merged = new Map<string, { cr: number; ci: number; sites: number[]; mats: Local[] }>();
  for (const t of a.terms) {
    let cr = t.cr, ci = t.ci;
    const sites: number[] = [];
    const mats: Local[] = [];
    let zero = cr === 0 && ci === 0;
    for (let q = 0; q < t.sites.length && !zero; q++) {
      const nf = localNormalForm(t.mats[q]);
      if (nf === null) { zero = true; break; }
      const { fr, fi } = nf;
      const ncr = cr * fr - ci * fi;
      ci = cr * fi + ci * fr;
      cr = ncr;
      if (!nf.identity) { sites.push(t.sites[q]); mats.push(nf.mat); }
    }
    if (zero) continue;
    const key = productTermKey(sites, mats);
    const prev = merged.get(key);
    if (prev) { prev.cr += cr; prev.ci += ci; }
    else merged.set(key, { cr, ci, sites, mats });
  }
  const terms = [...merged.values()].filter((t) => t.cr !== 0 || t.ci !== 0);
  return { L: a.L, terms };
}

function sameL(a: OpSum, b: OpSum): void {
  if (a.L !== b.L) throw new RangeError(`operators on different numbers of sites: ${a.L} and ${b.L}`);
}

/**
 * Applies the operator to the basis column |j>: writes the images (row index, value) into the
 * scratch and returns how many there are. Duplicate rows may appear (they are to be summed).
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

/** The sparse matrix of the operator on the 2^L space. */
export function opToSparse(a: OpSum): SparseMatrix {
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

/** The diagonal of a diagonal operator (its eigenvalues in the product basis), real and imaginary parts. */
export function opDiagonal(a: OpSum): [Float64Array, Float64Array] {
  const n = 2 ** a.L;
  const re = new Float64Array(n), im = new Float64Array(n);
  for (const t of a.terms) {
    const bits = t.sites.map((s) => a.L - 1 - s);
    for (let j = 0; j < n; j++) {
      let vr = t.cr, vi = t.ci;
      for (let s = 0; s < bits.length; s++) {
        const b = (j >> bits[s]) & 1;
        const m = t.mats[s];
        const mr = m[(b * 2 + b) * 2], mi = m[(b * 2 + b) * 2 + 1];
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

/**
 * Groups the sites into connected components of the terms' supports (union-find). Terms on
 * disjoint components commute, so the spectrum of the sum is the Minkowski sum of the parts'.
 */
export function siteComponents(a: OpSum): { sites: number[]; terms: ProductTerm[] }[] {
  const parent = Array.from({ length: a.L }, (_, i) => i);
  const find = (x: number): number => { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; };
  for (const t of a.terms) for (let q = 1; q < t.sites.length; q++) parent[find(t.sites[q])] = find(t.sites[0]);
  const groups = new Map<number, { sites: number[]; terms: ProductTerm[] }>();
  for (const t of a.terms) {
    if (t.sites.length === 0) continue;
    const r = find(t.sites[0]);
    if (!groups.has(r)) groups.set(r, { sites: [], terms: [] });
    groups.get(r)!.terms.push(t);
  }
  for (let s = 0; s < a.L; s++) groups.get(find(s))?.sites.push(s);
  return [...groups.values()];
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
