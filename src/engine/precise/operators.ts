/**
 * Operator expressions evaluated at L with Decimal coefficients: the same product-term form as
 * numeric/opsum, where only the coefficients carry the working precision, built by the one operator
 * walk (symbolic/operator-walk, through symbolic/evaluate-operator) over the algebra below, whose
 * sums are the one normal form (numeric/normal-form) over Decimal coefficients. The local factors
 * are products of X, Y, Z, Sp, Sm, N, whose entries are 0, ±1, ±i, so they stay exact in float64.
 * On v2 sites the engine's own form ({@link evalSitesPrecise}) keeps them exact too: a factor of a
 * site of dimension d > 2 is written as a sum of the matrix units |r><c| with its entries (such as
 * the spin-s sqrt(s(s+1) - m(m+1)) and a mode's sqrt(n)) at the working precision in the coefficients.
 */
import type { Expr, Origin } from '../../lang/index.js';
import {
  collectiveFromSites, evalOperatorIn, preciseMul, type DecimalCtor, type OperatorAlgebra, type PreciseComplex, type PreciseScope, type SiteLayout,
} from '../../symbolic/index.js';
import type { Decimal } from '../../numeric/index.js';
import { components } from './basis.js';
import { PreciseNotApplicable } from './limits.js';
import {
  bosonMatrices, bosonMatricesIn, decimalElementary, eighHermitian, forEachTermImage, levelProjector, MixedColumnApplier, productTermSums,
  siteOperators, spinMatrices, spinMatricesIn, termsAreDiagonal, TermLimitError, type Local, type Precision, type TermCoefficients, type TermSums,
} from '../../numeric/index.js';

/** c * (M_s1 (x) M_s2 (x) ...), identity elsewhere; sites sorted and distinct. */
export interface PreciseTerm {
  readonly c: PreciseComplex;
  readonly sites: readonly number[];
  readonly mats: readonly Local[];
}

/** A sum of product terms on L sites with Decimal coefficients. */
export interface PreciseOpSum {
  readonly L: number;
  readonly terms: readonly PreciseTerm[];
}

/**
 * The operator an expression denotes on L sites, with coefficients at the precision of D.
 *
 * @throws InputError located at the offending node (as engine/operators)
 */
export function evalOperatorPrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, L: number, layout?: SiteLayout): PreciseOpSum {
  return evalOperatorIn(layout ? preciseLayoutAlgebra(D, layout) : preciseTermAlgebra(D, L), origin, e, scope);
}

/**
 * Decimal coefficients on v2 sites (the layout's global sites, each factor of its site's
 * dimension, placed by symbolic/evaluate-operator as the float64 engine places them): the
 * coefficients carry the working precision, the local factors are the float64 d x d matrices of
 * numeric/local (spin-s and mode entries such as sqrt(2) rounded, so entries other than the
 * diagonal ones of Sz, n, P[i,i] and their products are float64-accurate only; the exact grouping
 * of a diagonal H_S rounds its diagonal entries to the dyadic rationals they are, numeric/exact-levels).
 */
function preciseLayoutAlgebra(D: DecimalCtor, layout: SiteLayout): OperatorAlgebra<Decimal, PreciseOpSum> {
  const N = layout.dims.length;
  const S = preciseTermSums(D);
  const A = preciseTermAlgebra(D, N);
  return { ...A, site: () => { throw new RangeError('a qubit site operator on v2 sites'); }, layout, local: (g, m) => S.site(N, g, m) };
}

/**
 * The operator an expression denotes on v2 sites with every number at the working precision of D:
 * the coefficients as in {@link evalOperatorPrecise}, and each one-site operator of a site of
 * dimension d > 2 written as sum_(r,c) M_rc |r><c| over its nonzero entries, M_rc in D (the spin-s
 * matrix elements from numeric spinMatricesIn, a mode's sqrt(m) from bosonMatricesIn, both rounded
 * once at D's precision; Sz, n and P[i,j] have half-integer entries, taken exactly). The local
 * factors are then matrix units, whose products are matrix units or zero, so every product the
 * normal form makes of them is exact in float64 and the whole operator is exact to the rounding of
 * its coefficients. Sites of dimension 2 keep their factors (entries 0, +-1/2, +-1, +-i/2, +-i: exact).
 *
 * @throws InputError located at the offending node (as engine/operators)
 */
export function evalSitesPrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, layout: SiteLayout): PreciseOpSum {
  const N = layout.dims.length;
  const S = preciseTermSums(D);
  const A = preciseTermAlgebra(D, N);
  const exact = exactGenerators(D, layout);
  const local = (g: number, m: Local): PreciseOpSum => {
    const d = layout.dims[g];
    if (d === 2) return S.site(N, g, m);
    const entries = exact(g, m);
    const terms: PreciseTerm[] = [];
    entries.forEach((x, e) => { if (!x.re.isZero() || !x.im.isZero()) terms.push({ c: x, sites: [g], mats: [matrixUnit(d, Math.floor(e / d), e % d)] }); });
    return S.collect({ L: N, terms });
  };
  return evalOperatorIn({ ...A, site: () => { throw new RangeError('a qubit site operator on v2 sites'); }, layout, local }, origin, e, scope);
}

/**
 * How the engine's product basis evaluates a model's operators at L: on qubits (no layout)
 * {@link evalOperatorPrecise}, on v2 sites {@link evalSitesPrecise} with the sites' dimensions for
 * {@link preciseMatrix} (mixed radix).
 */
export function instanceOperators(D: DecimalCtor, L: number, layout: SiteLayout | undefined): {
  readonly operator: (origin: Origin, scope: PreciseScope) => PreciseOpSum;
  readonly dims: readonly number[] | undefined;
} {
  const onSites = (origin: Origin, scope: PreciseScope, sites: SiteLayout): PreciseOpSum => {
    try {
      return evalSitesPrecise(D, origin, origin.located.expr, scope, sites);
    } catch (err) {
      // Matrix units make d^2 terms of a d x d factor where float64 keeps one: a limitation of this form.
      if (err instanceof TermLimitError) throw new PreciseNotApplicable(`${origin.located.key} written in matrix units (every entry exact at the working digits): ${err.message}`);
      throw err;
    }
  };
  return {
    operator: (origin, scope) => (layout ? onSites(origin, scope, layout) : evalOperatorPrecise(D, origin, origin.located.expr, scope, L)),
    dims: layout?.dims,
  };
}

/** The matrix units |r><c| of dimension d, one array each (so equal factors are one array in the normal form's keys). */
const matrixUnits = new Map<string, Local>();

function matrixUnit(d: number, r: number, c: number): Local {
  const key = `${d}:${r}:${c}`;
  let u = matrixUnits.get(key);
  if (!u) { u = levelProjector(d, r, c); matrixUnits.set(key, u); }
  return u;
}

/**
 * The exact entries (at D's precision) of a site operator of the model language on global site g:
 * the float64 matrix m the walk hands over (numeric/local's spin and mode matrices, P[i,j]) is
 * recognised among the float64 generators of g's species, entry for entry, and replaced by the same
 * generator over D; a matrix none of them equals must have half-integer entries (Sz, n, P[i,j]:
 * exact in float64), taken as they are.
 *
 * @throws RangeError for a matrix that is neither (not an operator of the model language)
 */
function exactGenerators(D: DecimalCtor, layout: SiteLayout): (g: number, m: Local) => readonly PreciseComplex[] {
  const F = decimalElementary(D);
  const known = new Map<number, { float: Local[]; exact: (readonly PreciseComplex[])[] }>();
  const generators = (i: number) => {
    let hit = known.get(i);
    if (!hit) {
      const sp = layout.species[i];
      if (sp.kind === 'spin') {
        const f = spinMatrices(sp.twoS), x = spinMatricesIn(F, sp.twoS);
        hit = { float: [f.Sx, f.Sy, f.Sz, f.Sp, f.Sm], exact: [x.Sx, x.Sy, x.Sz, x.Sp, x.Sm] };
      } else if (sp.kind === 'boson') {
        const f = bosonMatrices(sp.dim), x = bosonMatricesIn(F, sp.dim);
        hit = { float: [f.a, f.adag, f.n], exact: [x.a, x.adag, x.n] };
      } else hit = { float: [], exact: [] };
      known.set(i, hit);
    }
    return hit;
  };
  return (g, m) => {
    let i = 0;
    while (i + 1 < layout.offsets.length && layout.offsets[i + 1] <= g) i++;
    const { float, exact } = generators(i);
    const q = float.findIndex((f) => f.length === m.length && f.every((v, e) => v === m[e]));
    if (q >= 0) return exact[q];
    return Array.from({ length: m.length / 2 }, (_, e) => {
      const re = m[2 * e], im = m[2 * e + 1];
      if (!Number.isInteger(2 * re) || !Number.isInteger(2 * im)) throw new RangeError(`a one-site operator on site ${g} whose entries are neither half-integers nor those of a spin or mode operator`);
      return { re: F.fromNumber(re), im: F.fromNumber(im) };
    });
  };
}

/** True when every term is diagonal in the product basis (numeric/normal-form termsAreDiagonal, as opIsDiagonal). */
export function preciseIsDiagonal(a: PreciseOpSum): boolean {
  return termsAreDiagonal(a);
}

/**
 * Decimal coefficients of {@link PreciseTerm}, for the one normal form (numeric/normal-form): each
 * product rounded before the sum, in the order of numeric/opsum's float64 coefficients, at the
 * precision of the operands' constructor. A local normal form's unit factor is multiplied in only
 * when it is not 1 (the units are 0, +-1, +-i, so the product is exact, and skipping 1 leaves an
 * unrounded literal coefficient as it is).
 */
function decimalTermCoefficients(one: PreciseComplex): TermCoefficients<PreciseComplex, PreciseTerm> {
  return {
    one,
    coefficient: (t) => t.c,
    term: (c, sites, mats) => ({ c, sites, mats }),
    isZero: (c) => c.re.isZero() && c.im.isZero(),
    add: (a, b) => ({ re: a.re.plus(b.re), im: a.im.plus(b.im) }),
    mul: preciseMul,
    conj: (c) => ({ re: c.re, im: c.im.neg() }),
    mulUnit: (c, fr, fi) => (fr === 1 && fi === 0 ? c : { re: c.re.times(fr).minus(c.im.times(fi)), im: c.re.times(fi).plus(c.im.times(fr)) }),
  };
}

const termSums = new WeakMap<DecimalCtor, TermSums<PreciseComplex, PreciseTerm>>();

/** The one normal form (numeric/normal-form) and its operations over Decimal coefficients from D (cached per D). */
export function preciseTermSums(D: DecimalCtor): TermSums<PreciseComplex, PreciseTerm> {
  let S = termSums.get(D);
  if (!S) {
    const F = decimalElementary(D);
    S = productTermSums(decimalTermCoefficients({ re: F.one, im: F.zero }));
    termSums.set(D, S);
  }
  return S;
}

/**
 * Sums of product terms on L sites with coefficients from D, as an {@link OperatorAlgebra}: the
 * one normal form of numeric/normal-form over Decimal coefficients, so both engines collect an
 * expression into the same terms (e.g. X[0]*Y[0] - im*Z[0] + Z[1] is the one term Z[1] in both).
 */
function preciseTermAlgebra(D: DecimalCtor, L: number): OperatorAlgebra<Decimal, PreciseOpSum> {
  const F = decimalElementary(D);
  const S = preciseTermSums(D);
  const A: OperatorAlgebra<Decimal, PreciseOpSum> = {
    field: F,
    L,
    scalar: (c) => S.scalar(L, c),
    site: (k, op) => S.site(L, k, siteOperators[op]),
    collective: (name) => collectiveFromSites(A, name),
    add: S.add,
    mul: S.mul,
    scale: S.scale,
    pow: S.pow,
    adjoint: S.adjoint,
  };
  return A;
}

/** Sparse columns of a matrix in Decimal: column j maps row i to the entry (i, j). */
export interface PreciseColumns {
  readonly n: number;
  readonly cols: readonly ReadonlyMap<number, PreciseComplex>[];
}

/**
 * The matrix of `a` in the product basis (bit L-1-k of an index is site k, 0 = u), by columns:
 * the Decimal instance of the one column enumeration (numeric/opsum forEachTermImage), each
 * image's exact local-entry product fr + i fi times the term's coefficient, summed per row. With
 * `dims` (v2 sites, mixed radix): each term applied to each column by numeric's MixedColumnApplier
 * (its factors' entries exact, as {@link evalSitesPrecise} makes them).
 */
export function preciseMatrix(D: DecimalCtor, a: PreciseOpSum, dims?: readonly number[]): PreciseColumns {
  const n = dims ? dims.reduce((x, d) => x * d, 1) : 2 ** a.L;
  const cols: Map<number, PreciseComplex>[] = Array.from({ length: n }, () => new Map());
  const add = (row: number, j: number, t: PreciseTerm, fr: number, fi: number): void => {
    const v = { re: t.c.re.times(fr).minus(t.c.im.times(fi)), im: t.c.re.times(fi).plus(t.c.im.times(fr)) };
    const col = cols[j];
    const prev = col.get(row);
    col.set(row, prev ? { re: prev.re.plus(v.re), im: prev.im.plus(v.im) } : v);
  };
  if (!dims) {
    forEachTermImage(a.L, a.terms, add);
    return { n, cols };
  }
  // One applier per term (coefficient 1), so each image is attributed to its term, columns outermost as on qubits.
  const appliers = a.terms.map((t) => new MixedColumnApplier({ L: a.L, terms: [{ cr: 1, ci: 0, sites: t.sites, mats: t.mats }] }, dims));
  for (let j = 0; j < n; j++) {
    a.terms.forEach((t, q) => {
      const app = appliers[q];
      const c = app.apply(j);
      for (let r = 0; r < c; r++) add(app.rows[r], j, t, app.re[r], app.im[r]);
    });
  }
  return { n, cols };
}

/** ||A|| with an absolute error bound and how it was obtained. */
export interface PreciseNorm {
  readonly value: Decimal;
  readonly error: Decimal;
  readonly how: string;
}

/**
 * ||A|| when a connected block of A's matrix exceeds `maxBlock` (the Decimal eigensolver's limit),
 * or null when every block is within it (the caller diagonalises the blocks). Two rigorous routes,
 * neither of which needs the spectrum of H_S (so the diagonal path reaches L = 10 whatever A is):
 *
 *  1. exact structure: A expanded in Pauli strings, when every site carries at most one Pauli axis
 *     (X, Y or Z) over all strings. A local rotation maps that axis to Z on each site, so A is
 *     unitarily equivalent to sum_s c_s prod_{k in s} Z_k, diagonal in the product basis: its
 *     eigenvalues are sum_s c_s prod_{k in s} sigma_k over the 2^L sign vectors sigma, and ||A|| is
 *     their largest modulus, exact at the working precision (e.g. sum_k X_k X_{k+1}, sum_k Y_k Y_{k+1} + h Y_k).
 *  2. otherwise an enclosure lo <= ||A|| <= hi, reported as the midpoint with error (hi - lo)/2 plus
 *     rounding: lo = max |v^+ A v| / v^+ v over float64 extreme eigenvectors v of each block
 *     (a Rayleigh quotient is a lower bound for any v; evaluated in Decimal), and hi from
 *     lambda_max(A) <= lambda_max(B+), B+ = diag(A) + |offdiag(A)| (x^+ A x <= |x|^T B+ |x|), and
 *     lambda_max(B+) <= max_i (B+ x)_i / x_i for any x > 0 (Collatz-Wielandt: B+ + cI is entrywise
 *     non-negative), with x the float64 Perron vector of B+; likewise -lambda_min(A) with
 *     B- = -diag(A) + |offdiag(A)|. hi = lo to float64 accuracy when A is sign-structured
 *     (a diagonal unitary makes its off-diagonal entries non-negative, as for transverse-field and
 *     XX couplings); otherwise the interval is wider, and the error says so.
 */
export function preciseNormBeyondBlocks(P: Precision, a: PreciseOpSum, m: PreciseColumns, maxBlock: number): PreciseNorm | null {
  const blocks = components(m);
  const largest = Math.max(0, ...blocks.map((b) => b.length));
  if (largest <= maxBlock) return null;
  return pauliAxisNorm(P, a) ?? enclosureNorm(P, m, blocks, largest);
}

/** Largest number of sign vectors enumerated by the Pauli-axis route (2^L). */
const maxSignVectors = 2 ** 16;

/** Route 1 of preciseNormBeyondBlocks, or null when some site carries two Pauli axes. */
function pauliAxisNorm(P: Precision, a: PreciseOpSum): PreciseNorm | null {
  const D = P.D;
  const L = a.L;
  // Pauli strings need sites of dimension 2 (v2 sites of higher dimension: the enclosure).
  if (2 ** L > maxSignVectors || a.terms.some((t) => t.mats.some((m) => m.length !== 8))) return null;
  // Pauli coefficients of a local 2x2 matrix M = aI + bX + cY + dZ (entries Gaussian integers, so
  // halves are exact): a = (M00+M11)/2, b = (M01+M10)/2, c = i(M01-M10)/2, d = (M00-M11)/2.
  const pauli = (mat: Local): [number, number, number, number][] => {
    const e = (r: number, c: number): [number, number] => [mat[(r * 2 + c) * 2], mat[(r * 2 + c) * 2 + 1]];
    const [m00r, m00i] = e(0, 0), [m01r, m01i] = e(0, 1), [m10r, m10i] = e(1, 0), [m11r, m11i] = e(1, 1);
    const out: [number, number, number, number][] = [
      [0, (m00r + m11r) / 2, (m00i + m11i) / 2, 0], [1, (m01r + m10r) / 2, (m01i + m10i) / 2, 0],
      [2, -(m01i - m10i) / 2, (m01r - m10r) / 2, 0], [3, (m00r - m11r) / 2, (m00i - m11i) / 2, 0],
    ];
    return out.filter(([, re, im]) => re !== 0 || im !== 0);
  };
  const strings = new Map<string, { re: Decimal; im: Decimal; mask: number; axes: number[] }>();
  for (const t of a.terms) {
    let partial: { re: Decimal; im: Decimal; mask: number; axes: number[] }[] = [{ re: t.c.re, im: t.c.im, mask: 0, axes: [] }];
    t.sites.forEach((site, q) => {
      const next: typeof partial = [];
      for (const p of partial) {
        for (const [axis, cr, ci] of pauli(t.mats[q])) {
          const re = p.re.times(cr).minus(p.im.times(ci)), im = p.re.times(ci).plus(p.im.times(cr));
          next.push(axis === 0 ? { re, im, mask: p.mask, axes: p.axes } : { re, im, mask: p.mask | (1 << (L - 1 - site)), axes: [...p.axes, site * 4 + axis] });
        }
      }
      partial = next;
    });
    for (const p of partial) {
      const key = p.axes.slice().sort((x, y) => x - y).join(',');
      const prev = strings.get(key);
      if (prev) strings.set(key, { ...prev, re: prev.re.plus(p.re), im: prev.im.plus(p.im) });
      else strings.set(key, p);
    }
  }
  const axisOf = new Int8Array(L);
  let imag = new D(0);
  const live: { c: Decimal; mask: number }[] = [];
  for (const s of strings.values()) {
    if (s.re.isZero() && s.im.isZero()) continue;
    for (const sa of s.axes) {
      const site = Math.floor(sa / 4), axis = sa % 4;
      if (axisOf[site] !== 0 && axisOf[site] !== axis) return null;
      axisOf[site] = axis;
    }
    imag = imag.plus(s.im.abs());
    live.push({ c: s.re, mask: s.mask });
  }
  // sigma_k = +1 for bit k of b clear; the string's value is (-1)^popcount(mask & b).
  let lo: Decimal | null = null, hi: Decimal | null = null;
  let absSum = new D(0);
  for (const s of live) absSum = absSum.plus(s.c.abs());
  for (let b = 0; b < 2 ** L; b++) {
    let v = new D(0);
    for (const s of live) v = parity(s.mask & b) ? v.minus(s.c) : v.plus(s.c);
    if (lo === null || v.lt(lo)) lo = v;
    if (hi === null || v.gt(hi)) hi = v;
  }
  const value = lo === null || hi === null ? new D(0) : D.max(lo.abs(), hi.abs());
  // Rounding of the sums (at most |strings| additions of terms <= absSum) and the anti-Hermitian
  // residue of the coefficients (imag: ||A - A_h|| <= sum |Im c_s|).
  const error = P.workEps.times(absSum).times(live.length + 1).plus(imag).plus(P.eps.times(value));
  return { value, error, how: 'pauli-axis-exact' };
}

function parity(x: number): boolean {
  let p = false;
  while (x) { x &= x - 1; p = !p; }
  return p;
}

/** Route 2 of preciseNormBeyondBlocks. */
function enclosureNorm(P: Precision, m: PreciseColumns, blocks: number[][], largest: number): PreciseNorm {
  const D = P.D;
  let lo = new D(0), hi = new D(0);
  for (const idx of blocks) {
    const k = idx.length;
    const pos = new Map(idx.map((g, i) => [g, i]));
    // Float64 copies of the block, of B+ and of B- (for the eigenvectors only: the bounds are in Decimal).
    const re = new Float64Array(k * k), im = new Float64Array(k * k), bp = new Float64Array(k * k), bm = new Float64Array(k * k);
    const entries: [number, number, Decimal, Decimal][] = [];
    idx.forEach((g, c) => {
      for (const [row, v] of m.cols[g]) {
        const r = pos.get(row);
        if (r === undefined) continue;
        entries.push([r, c, v.re, v.im]);
        re[r * k + c] = v.re.toNumber(); im[r * k + c] = v.im.toNumber();
        if (r === c) { bp[r * k + c] = re[r * k + c]; bm[r * k + c] = -re[r * k + c]; } else { const x = Math.hypot(re[r * k + c], im[r * k + c]); bp[r * k + c] = x; bm[r * k + c] = x; }
      }
    });
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) {
      // Symmetrise the float64 copies (round-off of toNumber), for the eigensolver's Hermiticity check.
      const r = (re[i * k + j] + re[j * k + i]) / 2, s = (im[i * k + j] - im[j * k + i]) / 2;
      re[i * k + j] = r; re[j * k + i] = r; im[i * k + j] = s; im[j * k + i] = -s;
      const p = (bp[i * k + j] + bp[j * k + i]) / 2;
      bp[i * k + j] = p; bp[j * k + i] = p; bm[i * k + j] = p; bm[j * k + i] = p;
    }
    for (let i = 0; i < k; i++) im[i * k + i] = 0;
    const eig = eighHermitian(k, re, im, { vectors: true, validate: false });
    // Lower bound: Rayleigh quotients of the extreme eigenvectors, in Decimal.
    for (const q of [0, k - 1]) {
      const vr = Array.from({ length: k }, (_, x) => new D(eig.vre[x * k + q])), vi = Array.from({ length: k }, (_, x) => new D(eig.vim[x * k + q]));
      let num = new D(0), den = new D(0);
      for (let x = 0; x < k; x++) den = den.plus(vr[x].pow(2)).plus(vi[x].pow(2));
      for (const [r, c, ar, ai] of entries) {
        // conj(v_r) A_rc v_c, real part (A Hermitian: the imaginary parts cancel in the sum).
        const tr = ar.times(vr[c]).minus(ai.times(vi[c])), ti = ar.times(vi[c]).plus(ai.times(vr[c]));
        num = num.plus(vr[r].times(tr).plus(vi[r].times(ti)));
      }
      if (!den.isZero()) { const rq = num.div(den).abs(); if (rq.gt(lo)) lo = rq; }
    }
    // Upper bounds: Collatz-Wielandt with the float64 Perron vectors of B+ and B-.
    for (const [B, sign] of [[bp, 1], [bm, -1]] as const) {
      const pe = eighHermitian(k, B, new Float64Array(k * k), { vectors: true, validate: false });
      let vmax = 0;
      for (let x = 0; x < k; x++) vmax = Math.max(vmax, Math.abs(pe.vre[x * k + k - 1]));
      // x > 0: |v| with a floor (any positive x gives a valid bound; the floor only loosens it).
      const xs = Array.from({ length: k }, (_, x) => new D(Math.max(Math.abs(pe.vre[x * k + k - 1]), vmax * 1e-12, Number.MIN_VALUE)));
      const y: Decimal[] = new Array<Decimal>(k).fill(new D(0));
      for (const [r, c, ar, ai] of entries) {
        const b = r === c ? ar.times(sign) : ar.pow(2).plus(ai.pow(2)).sqrt();
        y[r] = y[r].plus(b.times(xs[c]));
      }
      let bound: Decimal | null = null;
      for (let x = 0; x < k; x++) { const t = y[x].div(xs[x]); if (bound === null || t.gt(bound)) bound = t; }
      if (bound !== null) {
        // sqrt and division round at the working precision: inflate by a few units.
        const up = bound.abs().times(new D(1).plus(P.workEps.times(4 * k)));
        if (up.gt(hi)) hi = up;
      }
    }
  }
  if (hi.lt(lo)) hi = lo;
  const value = lo.plus(hi).div(2);
  const error = hi.minus(lo).div(2).plus(P.workEps.times(8).times(hi)).plus(P.eps.times(value));
  return { value, error, how: `enclosure-${largest} (Rayleigh quotient <= ||A|| <= Collatz-Wielandt bound of diag(A) + |offdiag(A)|)` };
}
