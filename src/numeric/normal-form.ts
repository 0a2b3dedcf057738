/**
 * The one normal form of sums of product terms c * (M_s1 (x) M_s2 (x) ...), written once over the
 * coefficients ({@link TermCoefficients}): products of site factors merged per site, each local
 * factor scaled so its first nonzero entry is 1 with the factor moved into the coefficient
 * ({@link localNormalForm}), identities dropped, equal supports and matrices merged
 * ({@link productTermKey}), zero terms dropped; and on top of it the sum, scaling, product, power
 * and adjoint ({@link productTermSums}). Two instances: float64 coefficients (numeric/opsum's
 * OpSum, cr + i ci) and Decimal coefficients (engine/precise/operators' PreciseOpSum), so both
 * engines collect an expression into the same terms (e.g. X[0]*Y[0] - im*Z[0] + Z[1] is the one
 * term Z[1] in both).
 *
 * The local factors of site operators have entries 0, +-1, +-i, so they stay exact in float64
 * whatever the coefficients; only the coefficients carry the working precision.
 */
import { type Local, localAdjoint, localIsDiagonal, localMul } from './local.js';

/** The site factors of a product term: local matrices on sorted distinct sites. */
export interface TermFactors {
  readonly sites: readonly number[];
  readonly mats: readonly Local[];
}

/** A sum of product terms of type `Tm` on L sites. */
export interface TermSum<Tm> {
  readonly L: number;
  readonly terms: readonly Tm[];
}

/**
 * The coefficients of one kind of product term `Tm`: their (complex) arithmetic, and how a term
 * holds its coefficient. Every operation is as the instance rounds it; the normal form calls them
 * in a fixed order (documented at each use), so an instance decides the rounding of every result.
 */
export interface TermCoefficients<C, Tm extends TermFactors> {
  /** The coefficient 1. */
  readonly one: C;
  /** The coefficient of t. */
  coefficient(t: Tm): C;
  /** The term c * (mats on sites); sites sorted and distinct. */
  term(c: C, sites: readonly number[], mats: readonly Local[]): Tm;
  /** True for a zero coefficient (both parts zero; false for NaN). */
  isZero(c: C): boolean;
  /** a + b. */
  add(a: C, b: C): C;
  /** a b (product of terms: left term's coefficient first; scaling: the term's coefficient first). */
  mul(a: C, b: C): C;
  /** The complex conjugate of c (exact). */
  conj(c: C): C;
  /** c (fr + i fi), for the unit factor (fr, fi) of a local normal form (entries 0, +-1, +-i). */
  mulUnit(c: C, fr: number, fi: number): C;
}

/** The local factors of the product s t of two product terms (sites sorted and merged). */
export function mulFactors(s: TermFactors, t: TermFactors): { sites: number[]; mats: Local[] } {
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

/**
 * The normal form of one local factor: m = (fr + i fi) mat with mat's first nonzero entry 1 (f is
 * that entry of m), or null when m = 0. `identity` when mat is the identity (the factor is then
 * dropped from its term). The factors of site operators have entries 0, +-1, +-i, so f is a unit
 * and the division is exact.
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
 * True when every term of the sum is diagonal in the product basis (each local factor diagonal:
 * Z, N, Id and their products): the one predicate of both coefficient fields, as only the local
 * factors decide it.
 *
 * @example
 * termsAreDiagonal({ L: 2, terms: [{ sites: [0], mats: [Z] }, { sites: [0, 1], mats: [N, Z] }] }) // true
 */
export function termsAreDiagonal(a: TermSum<TermFactors>): boolean {
  return a.terms.every((t) => t.mats.every(localIsDiagonal));
}

/**
 * The normal form of a sum: in each term, each local matrix scaled so its first nonzero entry is 1
 * (the coefficient multiplied by the factor, site by site in order: `mulUnit`), identities dropped;
 * terms with a zero coefficient or a zero factor dropped; equal terms merged (coefficients added in
 * the order of the terms); merged terms that cancel to zero dropped. Terms keep the order of their
 * first occurrence. Idempotent.
 */
export function collectTerms<C, Tm extends TermFactors>(K: TermCoefficients<C, Tm>, a: TermSum<Tm>): TermSum<Tm> {
  const merged = new Map<string, { c: C; sites: number[]; mats: Local[] }>();
  for (const t of a.terms) {
    let c = K.coefficient(t);
    const sites: number[] = [];
    const mats: Local[] = [];
    let zero = K.isZero(c);
    for (let q = 0; q < t.sites.length && !zero; q++) {
      const nf = localNormalForm(t.mats[q]);
      if (nf === null) { zero = true; break; }
      c = K.mulUnit(c, nf.fr, nf.fi);
      if (!nf.identity) { sites.push(t.sites[q]); mats.push(nf.mat); }
    }
    if (zero) continue;
    const key = productTermKey(sites, mats);
    const prev = merged.get(key);
    if (prev) prev.c = K.add(prev.c, c);
    else merged.set(key, { c, sites, mats });
  }
  const terms: Tm[] = [];
  for (const m of merged.values()) if (!K.isZero(m.c)) terms.push(K.term(m.c, m.sites, m.mats));
  return { L: a.L, terms };
}

/** The operations on sums of product terms with coefficients K, each result in normal form. */
export interface TermSums<C, Tm extends TermFactors> {
  /** The coefficients. */
  readonly coefficients: TermCoefficients<C, Tm>;
  /** The normal form of a ({@link collectTerms}). */
  collect(a: TermSum<Tm>): TermSum<Tm>;
  /** c * Id on L sites. */
  scalar(L: number, c: C): TermSum<Tm>;
  /** The local operator m on site k (0 <= k < L). */
  site(L: number, k: number, m: Local): TermSum<Tm>;
  /** a + b (the terms of a, then those of b). */
  add(a: TermSum<Tm>, b: TermSum<Tm>): TermSum<Tm>;
  /** c a (each coefficient times c). */
  scale(a: TermSum<Tm>, c: C): TermSum<Tm>;
  /** The ordered product a b (every term of a times every term of b, a's terms outermost). */
  mul(a: TermSum<Tm>, b: TermSum<Tm>): TermSum<Tm>;
  /** a^n for an integer n >= 0 (a^0 = Id), by repeated squaring. */
  pow(a: TermSum<Tm>, n: number): TermSum<Tm>;
  /** The adjoint a^+ (conjugate coefficients, adjoint local factors). */
  adjoint(a: TermSum<Tm>): TermSum<Tm>;
}

/** The sums of product terms over the coefficients K: the one normal form and its operations. */
export function productTermSums<C, Tm extends TermFactors>(K: TermCoefficients<C, Tm>): TermSums<C, Tm> {
  const collect = (a: TermSum<Tm>): TermSum<Tm> => collectTerms(K, a);
  const scalar = (L: number, c: C): TermSum<Tm> => collect({ L, terms: [K.term(c, [], [])] });
  const mul = (a: TermSum<Tm>, b: TermSum<Tm>): TermSum<Tm> => {
    sameL(a, b);
    const terms: Tm[] = [];
    for (const s of a.terms) for (const t of b.terms) {
      const f = mulFactors(s, t);
      terms.push(K.term(K.mul(K.coefficient(s), K.coefficient(t)), f.sites, f.mats));
    }
    return collect({ L: a.L, terms });
  };
  return {
    coefficients: K,
    collect,
    scalar,
    site: (L, k, m) => {
      if (!(k >= 0 && k < L)) throw new RangeError(`site ${k} outside 0..${L - 1}`);
      return collect({ L, terms: [K.term(K.one, [k], [m])] });
    },
    add: (a, b) => {
      sameL(a, b);
      return collect({ L: a.L, terms: [...a.terms, ...b.terms] });
    },
    scale: (a, c) => collect({ L: a.L, terms: a.terms.map((t) => K.term(K.mul(K.coefficient(t), c), t.sites, t.mats)) }),
    mul,
    pow: (a, n) => {
      let result = scalar(a.L, K.one);
      let base = a;
      let e = n;
      while (e > 0) {
        if (e & 1) result = mul(result, base);
        e >>= 1;
        if (e > 0) base = mul(base, base);
      }
      return result;
    },
    adjoint: (a) => collect({ L: a.L, terms: a.terms.map((t) => K.term(K.conj(K.coefficient(t)), t.sites, t.mats.map(localAdjoint))) }),
  };
}

function sameL(a: TermSum<unknown>, b: TermSum<unknown>): void {
  if (a.L !== b.L) throw new RangeError(`operators on different numbers of sites: ${a.L} and ${b.L}`);
}
