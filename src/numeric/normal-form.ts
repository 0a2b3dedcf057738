/**
 * The one normal form of sums of product terms c * (M_s1 (x) M_s2 (x) ...), written once over the
 * coefficients ({@link TermCoefficients}): products of site factors merged per site, each local
 * factor scaled so its first nonzero entry is 1 with the factor moved into the coefficient
 * ({@link localNormalForm}), identities dropped, equal supports and matrices merged
 * ({@link productTermKey}), zero terms dropped; and on top of it the sum, scaling, product, power
 * and adjoint ({@link productTermSums}), with sums of many parts added as one running sum
 * ({@link RunningTermSum}, linear in the terms, equal to adding one part at a time). Two instances: float64 coefficients (numeric/opsum's
 * OpSum, cr + i ci) and Decimal coefficients (engine/precise/operators' PreciseOpSum), so both
 * engines collect an expression into the same terms (e.g. X[0]*Y[0] - im*Z[0] + Z[1] is the one
 * term Z[1] in both).
 *
 * The local factors of site operators have entries 0, +-1, +-i, so they stay exact in float64
 * whatever the coefficients; only the coefficients carry the working precision.
 */
import { type Local, localAdjoint, localIsDiagonal, localMul } from './local.js';

/**
 * A binary addition a + b that may carry a running form: `from(first)` starts a sum to which parts
 * are added one at a time, whose result equals first + p1 + p2 + ... added left to right with this
 * addition (the same result, exactly), only faster. Algebras whose `add` is one of these (numeric's
 * float64 and Decimal sums of product terms) get sums over many summands in linear time wherever
 * the summands are added through it (symbolic/evaluate-operator's `sum`).
 */
export interface Addition<Op> {
  (a: Op, b: Op): Op;
  /** A running left-to-right sum starting at `first`. */
  readonly from?: (first: Op) => RunningSum<Op>;
}

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
  /**
   * c (fr + i fi), for the unit factor (fr, fi) of a local normal form (entries 0, +-1, +-i): zero
   * only when c is. It may return c itself when the product leaves c as it is (both instances do
   * for the unit 1), which tells {@link RunningTermSum} that repeating it changes nothing.
   */
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
 * and the division is exact. When the division leaves every entry of m as it is (m is already in
 * normal form, e.g. X or Z), mat is m itself rather than a copy (local matrices are values: nothing
 * writes into a term's factors).
 */
export function localNormalForm(m: Local): { fr: number; fi: number; mat: Local; identity: boolean } | null {
  const mat = normalised(m);
  return mat === null ? null : { fr: unitRe, fi: unitIm, mat, identity: unitIdentity };
}

// The unit factor and identity flag of the last call of `normalised` (scratch, so the hot loop of
// collectTerms allocates no result objects).
let unitRe = 1, unitIm = 0, unitIdentity = false;

/** At most this many normalised copies are kept for sharing (see `shared`). */
const maxShared = 4096;
/** Normalised copies by their exact entries (signed zeros told apart), so equal copies are one array. */
const sharedCopies = new Map<string, Local>();

/** The one array for the entries of n (a normalised copy), exactly as they are. */
function shared(n: Local): Local {
  let key = '';
  for (let e = 0; e < 8; e++) key += (Object.is(n[e], -0) ? '-0' : String(n[e])) + ',';
  const hit = sharedCopies.get(key);
  if (hit) return hit;
  if (sharedCopies.size < maxShared) sharedCopies.set(key, n);
  return n;
}

/** {@link localNormalForm}'s matrix, or null for m = 0; its unit and identity flag in the scratch above. */
function normalised(m: Local): Local | null {
  if (m.length !== 8) return normalisedAny(m);
  let f = -1;
  for (let e = 0; e < 4; e++) if (m[2 * e] !== 0 || m[2 * e + 1] !== 0) { f = e; break; }
  if (f < 0) return null;
  const fr = m[2 * f], fi = m[2 * f + 1];
  const d = fr * fr + fi * fi;
  unitRe = fr; unitIm = fi;
  let same = true;
  for (let e = 0; e < 4 && same; e++) {
    const xr = m[2 * e], xi = m[2 * e + 1];
    const nr = e === f ? 1 : (xr * fr + xi * fi) / d, ni = e === f ? 0 : (xi * fr - xr * fi) / d;
    same = Object.is(nr, xr) && Object.is(ni, xi);
  }
  let n: Local;
  if (same) n = m;
  else {
    n = new Float64Array(8);
    for (let e = 0; e < 4; e++) {
      const xr = m[2 * e], xi = m[2 * e + 1];
      n[2 * e] = (xr * fr + xi * fi) / d;
      n[2 * e + 1] = (xi * fr - xr * fi) / d;
    }
    n[2 * f] = 1;
    n[2 * f + 1] = 0;
    n = shared(n);
  }
  unitIdentity = n[0] === 1 && n[1] === 0 && n[2] === 0 && n[3] === 0 && n[4] === 0 && n[5] === 0 && n[6] === 1 && n[7] === 0;
  return n;
}

/**
 * The normal form of a local factor of dimension d > 2 (v2 sites): its entries (spin-s matrices,
 * sqrt(m) of a mode) are not units, so the factor is kept as it is (unit 1, no division), only
 * told zero (null) or the identity.
 */
function normalisedAny(m: Local): Local | null {
  let nonzero = false;
  for (let e = 0; e < m.length; e++) if (m[e] !== 0) { nonzero = true; break; }
  if (!nonzero) return null;
  unitRe = 1; unitIm = 0;
  const d = Math.round(Math.sqrt(m.length / 2));
  let identity = true;
  for (let r = 0; r < d && identity; r++) {
    for (let c = 0; c < d; c++) {
      if (m[(r * d + c) * 2] !== (r === c ? 1 : 0) || m[(r * d + c) * 2 + 1] !== 0) { identity = false; break; }
    }
  }
  unitIdentity = identity;
  return m;
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
 * Merge keys of product terms within one normal form: equal to each other exactly when their
 * {@link productTermKey}s are, but built from a small number per distinct local matrix (matrices
 * with the same entries as text, so 0 and -0 alike, get the same number), and a number rather than
 * a string for a one-site term.
 */
/**
 * A d x d local matrix's entries as text: its length and the nonzero entries with their places (0
 * and -0 alike), so a mode's truncated a (d nonzeros of 2 d^2 numbers) is not written out whole.
 */
function entriesText(m: Local): string {
  let text = `${m.length}`;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) text += ` ${i}:${m[i]}`;
  return text;
}

class TermKeys {
  private readonly ofMat = new Map<Local, number>();
  private readonly ofEntries = new Map<string, number>();

  private id(m: Local): number {
    let id = this.ofMat.get(m);
    if (id === undefined) {
      const text = m.length === 8 ? `${m[0]},${m[1]},${m[2]},${m[3]},${m[4]},${m[5]},${m[6]},${m[7]}` : entriesText(m);
      id = this.ofEntries.get(text);
      if (id === undefined) { id = this.ofEntries.size; this.ofEntries.set(text, id); }
      this.ofMat.set(m, id);
    }
    return id;
  }

  key(sites: readonly number[], mats: readonly Local[]): string | number {
    if (sites.length === 0) return '';
    if (sites.length === 1) {
      const s = sites[0], id = this.id(mats[0]);
      if (Number.isInteger(s) && s >= 0) {
        // A small integer when it can be (a faster Map key), else a negative one: never equal.
        if (s < 2 ** 26 && id < 16) return s * 16 + id;
        if (s < 2 ** 31 && id < 2 ** 20) return -1 - (s * 2 ** 20 + id);
      }
    }
    let key = '';
    for (let q = 0; q < sites.length; q++) key += `${q > 0 ? '|' : ''}${sites[q]}:${this.id(mats[q])}`;
    return key;
  }
}

/** A term in normal form being merged: its coefficient, factors, and (in a sum) the step that last set it. */
interface Merged<C> { c: C; readonly key: string | number; readonly sites: readonly number[]; mats: readonly Local[]; step: number }

/**
 * The normal form of one term merged into `merged`: its coefficient times the unit of each local
 * factor (site by site in order: `mulUnit`), identities dropped, then added to an equal term's
 * coefficient (or a new entry at the end). `resolve` brings an existing entry up to date first.
 * Returns the entry, or null for a term with a zero coefficient or a zero factor (skipped).
 */
function mergeTerm<C, Tm extends TermFactors>(
  K: TermCoefficients<C, Tm>, keys: TermKeys, merged: Map<string | number, Merged<C>>, t: Tm, step: number,
  resolve: ((m: Merged<C>) => void) | null,
): Merged<C> | null {
  let c = K.coefficient(t);
  if (K.isZero(c)) return null;
  const n = t.sites.length;
  let sites: number[] | null = null, mats: Local[] | null = null;
  for (let q = 0; q < n; q++) {
    const m = t.mats[q];
    const nm = normalised(m);
    if (nm === null) return null;
    c = K.mulUnit(c, unitRe, unitIm);
    if (sites === null && (unitIdentity || nm !== m)) { sites = t.sites.slice(0, q) as number[]; mats = t.mats.slice(0, q) as Local[]; }
    if (sites !== null && !unitIdentity) { sites.push(t.sites[q]); mats!.push(nm); }
  }
  const s = sites ?? t.sites, ms = mats ?? t.mats;
  const key = keys.key(s, ms);
  const prev = merged.get(key);
  if (prev) {
    if (resolve) resolve(prev);
    prev.c = K.add(prev.c, c);
    prev.step = step;
    return prev;
  }
  const entry: Merged<C> = { c, key, sites: s, mats: ms, step };
  merged.set(key, entry);
  return entry;
}

/**
 * True when collecting a term again leaves this normalised factor's entries as text and its unit
 * exactly 1: all entries finite (their sum is, which may also fail for finite entries near the
 * largest double, and then the caller takes the slow path). With an infinite or NaN entry the
 * first entry the normal form divides by may move, or an entry may turn NaN, so the term's key
 * may change on the next collect and it must really be collected again.
 */
function regular(m: Local): boolean {
  if (m.length !== 8) {
    let s = 0;
    for (let e = 0; e < m.length; e++) s += m[e];
    return Number.isFinite(s);
  }
  return Number.isFinite(m[0] + m[1] + m[2] + m[3] + m[4] + m[5] + m[6] + m[7]);
}


/** mulUnit(c, 1, 0) applied `times` times, stopping once it returns c itself (then it changes nothing). */
function unitTimes<C, Tm extends TermFactors>(K: TermCoefficients<C, Tm>, c: C, times: number): C {
  while (times-- > 0) {
    const next = K.mulUnit(c, 1, 0);
    if (next === c) break;
    c = next;
  }
  return c;
}

/**
 * Normalised factors normalised `times` times more, as collecting their term again that often
 * does (their unit stays 1; the division by it may still turn a -0 entry into 0): the same array
 * when no factor changes. Stops per factor once it comes back as itself.
 */
function renormalised(mats: readonly Local[], times: number): readonly Local[] {
  let out: Local[] | null = null;
  for (let q = 0; q < mats.length; q++) {
    let x = mats[q];
    for (let i = 0; i < times; i++) {
      const y = normalised(x)!;
      if (y === x) break;
      x = y;
    }
    if (x !== mats[q]) (out ??= mats.slice())[q] = x;
  }
  return out ?? mats;
}

/**
 * The normal form of a sum: in each term, each local matrix scaled so its first nonzero entry is 1
 * (the coefficient multiplied by the factor, site by site in order: `mulUnit`), identities dropped;
 * terms with a zero coefficient or a zero factor dropped; equal terms merged (coefficients added in
 * the order of the terms); merged terms that cancel to zero dropped. Terms keep the order of their
 * first occurrence. Idempotent.
 */
export function collectTerms<C, Tm extends TermFactors>(K: TermCoefficients<C, Tm>, a: TermSum<Tm>): TermSum<Tm> {
  const merged = new Map<string | number, Merged<C>>();
  const keys = new TermKeys();
  for (const t of a.terms) mergeTerm(K, keys, merged, t, 0, null);
  const terms: Tm[] = [];
  for (const m of merged.values()) if (!K.isZero(m.c)) terms.push(K.term(m.c, m.sites, m.mats));
  return { L: a.L, terms };
}

/**
 * A sum of product terms added one part at a time, left to right, equal to `add(add(first, p1),
 * p2)` and so on (the same terms, order and coefficients, rounded alike) but in time linear in the
 * number of terms rather than quadratic: one running merge instead of a collect of the whole partial
 * sum per part, and no part kept once added. Each addition merges the part's terms into the running
 * sum's and drops those that cancel at that step, as `add` does; what `add` also does to the terms
 * a part does not touch (collecting them again, which normalises their factors once more and
 * multiplies their coefficient by the unit 1 once per factor) is done when the term is next
 * touched or at the end, stopping as soon as it changes nothing (`mulUnit(c, 1, 0)` returning c
 * itself, a factor coming back as itself). This needs `mulUnit` by a unit to be zero only for c
 * zero, which holds in both instances. From a part with a local factor whose normal form has an
 * infinite or NaN entry (which collecting again may change) on, parts are added with `add` itself.
 */
export class RunningTermSum<C, Tm extends TermFactors> implements RunningSum<TermSum<Tm>> {
  private first: TermSum<Tm> | null;
  private readonly L: number;
  private readonly merged = new Map<string | number, Merged<C>>();
  private readonly keys = new TermKeys();
  /** The number of parts added after the first (the step of `add` the sum is at). */
  private step = 0;
  /** The sum as `add` gives it, once the running merge is given up (an irregular factor). */
  private plain: TermSum<Tm> | null = null;
  private readonly touched: Merged<C>[] = [];
  private readonly resolve = (m: Merged<C>): void => this.upTo(m, this.step);

  constructor(private readonly K: TermCoefficients<C, Tm>, first: TermSum<Tm>) {
    this.first = first;
    this.L = first.L;
  }

  /** Adds the next part. @throws RangeError when it is on another number of sites */
  add(part: TermSum<Tm>): void {
    const { K, merged, keys } = this;
    if (part.L !== this.L) sameL({ L: this.L, terms: [] }, part);
    if (this.plain !== null) { this.plain = collectTerms(K, { L: this.L, terms: [...this.plain.terms, ...part.terms] }); return; }
    if (this.first !== null) {
      // Step 1: one collect of the first part and this one.
      const first = this.first;
      this.first = null;
      this.step = 1;
      if (!allRegular(first) || !allRegular(part)) { this.plain = collectTerms(K, { L: this.L, terms: [...first.terms, ...part.terms] }); return; }
      for (const t of first.terms) mergeTerm(K, keys, merged, t, 1, null);
      for (const t of part.terms) mergeTerm(K, keys, merged, t, 1, null);
      for (const [key, m] of merged) if (K.isZero(m.c)) merged.delete(key);
      return;
    }
    if (!allRegular(part)) { this.plain = collectTerms(K, { L: this.L, terms: [...this.current().terms, ...part.terms] }); return; }
    const step = ++this.step;
    if (part.terms.length === 1) {
      // One term (a site operator of a sum over sites): as the loop below, without the list.
      const m = mergeTerm(K, keys, merged, part.terms[0], step, this.resolve);
      if (m && K.isZero(m.c) && merged.get(m.key) === m) merged.delete(m.key);
      return;
    }
    const touched = this.touched;
    for (const t of part.terms) {
      const m = mergeTerm(K, keys, merged, t, step, this.resolve);
      if (m) touched.push(m);
    }
    for (const m of touched) if (K.isZero(m.c) && merged.get(m.key) === m) merged.delete(m.key);
    touched.length = 0;
  }

  /** The sum so far. */
  result(): TermSum<Tm> {
    return this.first ?? this.plain ?? this.current();
  }

  /**
   * The sum so far times `by`, exactly as `again(result(), by)` of {@link productTermSums} makes
   * it (each term's coefficient times `by`, each factor normalised once more, the coefficient
   * times the unit 1 once per factor, zero terms dropped), from the running merge itself without
   * making the sum's own terms first; `general` (that `again`) where the merge was given up or a
   * factor is not regular.
   */
  scaledBy(by: C, general: (a: TermSum<Tm>) => TermSum<Tm>): TermSum<Tm> {
    if (this.first !== null || this.plain !== null) return general(this.result());
    const K = this.K;
    const next = new Map<Local, Local | null>();
    const terms: Tm[] = [];
    for (const m of this.merged.values()) {
      this.upTo(m, this.step);
      if (K.isZero(m.c)) continue;
      let mats = m.mats;
      for (let q = 0; q < mats.length; q++) {
        const x = m.mats[q];
        let n = next.get(x);
        if (n === undefined) { n = regular(x) ? normalised(x) : null; next.set(x, n); }
        if (n === null) return general(this.current());
        if (n !== x) { if (mats === m.mats) mats = m.mats.slice(); (mats as Local[])[q] = n; }
      }
      let c = K.mul(m.c, by);
      if (K.isZero(c)) continue;
      for (let q = 0; q < m.sites.length; q++) c = K.mulUnit(c, 1, 0);
      if (!K.isZero(c)) terms.push(K.term(c, m.sites, mats));
    }
    return { L: this.L, terms };
  }

  /** The running merge as the sum `add` would have made by now. */
  private current(): TermSum<Tm> {
    const terms: Tm[] = [];
    for (const m of this.merged.values()) {
      this.upTo(m, this.step);
      if (!this.K.isZero(m.c)) terms.push(this.K.term(m.c, m.sites, m.mats));
    }
    return { L: this.L, terms };
  }

  /** An entry as `add` made it by step `now`: collected again once per step since it was last set. */
  private upTo(m: Merged<C>, now: number): void {
    const steps = now - m.step;
    if (steps <= 0) return;
    m.c = unitTimes(this.K, m.c, steps * m.sites.length);
    m.mats = renormalised(m.mats, steps);
    m.step = now;
  }
}

/** A left-to-right sum built one part at a time ({@link Addition.from}). */
export interface RunningSum<Op> {
  /** Adds the next part. */
  add(part: Op): void;
  /** The sum of the parts so far. */
  result(): Op;
}

/** True when every factor of every term has a regular normal form ({@link regular}). */
function allRegular<Tm extends TermFactors>(a: TermSum<Tm>): boolean {
  for (const t of a.terms) {
    for (const m of t.mats) {
      const n = normalised(m);
      if (n !== null && !regular(n)) return false;
    }
  }
  return true;
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
  /** a + b (the terms of a, then those of b); `add.from` starts a running sum ({@link RunningTermSum}). */
  readonly add: Addition<TermSum<Tm>>;
  /** parts[0] + parts[1] + ... added left to right with `add`, in linear time ({@link RunningTermSum}). */
  sum(parts: readonly TermSum<Tm>[]): TermSum<Tm>;
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
  // The sums returned here, all in normal form: collecting one again (with finite local entries,
  // else the keyed path) merges nothing and finds the unit 1 in every factor, so it only normalises the factors once more (which changes at most the
  // sign of a zero entry) and multiplies each coefficient by 1 once per factor; that is all `again`
  // does, with the same calls of K in the same order as collectTerms, and no keys.
  const normal = new WeakSet<TermSum<Tm>>();
  const known = (a: TermSum<Tm>): TermSum<Tm> => { normal.add(a); return a; };
  const again = (a: TermSum<Tm>, by: C | null): TermSum<Tm> => {
    // Each distinct factor (terms share them) normalised once more, or null when it is not regular.
    const next = new Map<Local, Local | null>();
    const terms: Tm[] = [];
    for (const t of a.terms) {
      let mats = t.mats;
      for (let q = 0; q < mats.length; q++) {
        const m = t.mats[q];
        let n = next.get(m);
        if (n === undefined) { n = regular(m) ? normalised(m) : null; next.set(m, n); }
        if (n === null) {
          return known(collectTerms(K, by === null ? a : { L: a.L, terms: a.terms.map((u) => K.term(K.mul(K.coefficient(u), by), u.sites, u.mats)) }));
        }
        if (n !== m) { if (mats === t.mats) mats = t.mats.slice(); (mats as Local[])[q] = n; }
      }
      let c = by === null ? K.coefficient(t) : K.mul(K.coefficient(t), by);
      if (K.isZero(c)) continue;
      for (let q = 0; q < t.sites.length; q++) c = K.mulUnit(c, 1, 0);
      if (!K.isZero(c)) terms.push(K.term(c, t.sites, mats));
    }
    return known({ L: a.L, terms });
  };
  const collect = (a: TermSum<Tm>): TermSum<Tm> => (normal.has(a) ? again(a, null) : known(collectTerms(K, a)));
  const scalar = (L: number, c: C): TermSum<Tm> => collect({ L, terms: [K.term(c, [], [])] });
  const mul = (a: TermSum<Tm>, b: TermSum<Tm>): TermSum<Tm> => {
    sameL(a, b);
    const count = a.terms.length * b.terms.length;
    if (count > maxProductTerms) throw new TermLimitError(count);
    const terms: Tm[] = [];
    for (const s of a.terms) for (const t of b.terms) {
      const f = mulFactors(s, t);
      terms.push(K.term(K.mul(K.coefficient(s), K.coefficient(t)), f.sites, f.mats));
    }
    return collect({ L: a.L, terms });
  };
  // Results of running sums whose terms are made when first read, by the run they came from: a
  // scaled one (c * sum(k, ...)) is made from the run at once (RunningTermSum.scaledBy), and
  // the sum's own terms, which only the scaling would read, are never made.
  const runs = new WeakMap<TermSum<Tm>, RunningTermSum<C, Tm>>();
  // A running sum whose result is registered as a normal form (once a part has been added).
  const from = (first: TermSum<Tm>): RunningSum<TermSum<Tm>> => {
    const run = new RunningTermSum(K, first);
    let parts = 1;
    // The result handed out and not yet read: its terms are made before the run moves on.
    let handed: TermSum<Tm> | null = null;
    return {
      add: (p) => {
        if (handed !== null) { void handed.terms; handed = null; }
        run.add(p);
        parts++;
      },
      result: () => {
        if (parts === 1) return run.result();
        if (handed !== null) return handed;
        let make: RunningTermSum<C, Tm> | null = run;
        let terms: readonly Tm[] | null = null;
        const lazy = Object.defineProperty({ L: first.L }, 'terms', {
          enumerable: true,
          get: (): readonly Tm[] => {
            if (terms === null) { terms = make!.result().terms; make = null; runs.delete(lazy); }
            return terms;
          },
        }) as TermSum<Tm>;
        handed = lazy;
        runs.set(lazy, run);
        return known(lazy);
      },
    };
  };
  const sum = (parts: readonly TermSum<Tm>[]): TermSum<Tm> => {
    if (parts.length === 0) throw new RangeError('a sum of no operators');
    const run = from(parts[0]);
    for (let i = 1; i < parts.length; i++) run.add(parts[i]);
    return run.result();
  };
  const add: Addition<TermSum<Tm>> = Object.assign((a: TermSum<Tm>, b: TermSum<Tm>): TermSum<Tm> => {
    sameL(a, b);
    return collect({ L: a.L, terms: [...a.terms, ...b.terms] });
  }, { from });
  return {
    coefficients: K,
    collect,
    scalar,
    site: (L, k, m) => {
      if (!(k >= 0 && k < L)) throw new RangeError(`site ${k} outside 0..${L - 1}`);
      return collect({ L, terms: [K.term(K.one, [k], [m])] });
    },
    add,
    sum,
    scale: (a, c) => {
      const run = runs.get(a);
      if (run !== undefined) return known(run.scaledBy(c, (x) => again(x, c)));
      return normal.has(a) ? again(a, c) : collect({ L: a.L, terms: a.terms.map((t) => K.term(K.mul(K.coefficient(t), c), t.sites, t.mats)) });
    },
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

/**
 * The most product terms one product of two operator sums may make before they are collected
 * (2^18, some 50 MB of terms): (sum(k, X[k]))^2 makes L^2, allowed up to L = 512; at L = 10^5 it
 * would make 10^10 and exhaust the memory long before any method could refuse the model.
 */
export const maxProductTerms = 2 ** 18;

/** A product of two operator sums over {@link maxProductTerms} terms: refused before it is made. */
export class TermLimitError extends RangeError {
  constructor(readonly terms: number) {
    super(`a product of two operator sums would make ${terms} product terms before collecting (at most ${maxProductTerms} = 2^18): too many for the product-term form at this L`);
    this.name = 'TermLimitError';
  }
}
