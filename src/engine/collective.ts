/**
 * Permutation-symmetric (collective) operator expressions evaluated in one total-spin sector.
 *
 * Collective means: built with + - * / ^ dag and scalars from Id, Jx Jy Jz Jp Jm, and binders over
 * all sites, sum(k, e) or prod(k, e), whose body e acts on the single site s(k), the same one-site
 * operator for every k, with s a permutation of the sites. Such operators commute with every site
 * permutation, so they act on each total-spin sector j as a known matrix (numeric/dicke).
 *
 * They are recognised by the one operator walk (symbolic/operator-walk, also that of product terms)
 * through its collective instance (symbolic/collective-walk, shared with the decimal.js engine and
 * the exact derivation). Here are what the engines supply to it: the coefficients over an
 * elementary field ({@link fieldScalars}, float64 or Decimal), the engines' errors
 * ({@link engineHooks}) and the float64 typed-array sector matrices. Linear ones (c0 + cx Jx + cy Jy + cz Jz) are tracked
 * exactly: their spectrum in sector j is c0 + |c| m, m = -j..j, which decides full-space norms
 * without visiting every sector.
 */
import { containsOperator, errorAt, isQubitOp, type Expr, type Origin, type SiteOpName } from '../lang/index.js';
import {
  type Complex as FieldComplex, type ElementaryField, type Local, type SparseMatrix, type SpinMatrices, DickeSector, float64Csr, float64Elementary, siteOperators,
  linearSpinPart, sectorSitePower, sectorSiteSum, spinMatricesIn,
} from '../numeric/index.js';
import {
  binderRangeIn, complexRing, evalIntegerIn, evalScalarIn, operatorExponent, type Complex, type FieldScope, type ValueScope as Scope,
} from '../symbolic/index.js';
import {
  siteSumLinear, uniformLocal, walkCollectiveOperator, walkLocal,
  type CoefficientRing, type CollectiveHooks, type LocalForm, type LocalHooks, type SectorAlgebra,
} from '../symbolic/index.js';

/** Coefficients (c0, cx, cy, cz), complex, of an operator linear in the collective spin. */
export type LinearSpin = readonly [Complex, Complex, Complex, Complex];

/** An operator in a sector, with its linear-spin form when it has one. */
export interface SectorOperator {
  readonly matrix: SparseMatrix;
  readonly linear: LinearSpin | null;
  /** At least the norm of the exact operator ({@link sectorMagnitude}): the size its round-off is relative to. */
  readonly magnitude: number;
}

/** Why an expression is not collective (the symmetric method does not apply). */
export class NotCollective extends Error {
  constructor(readonly reason: string) { super(reason); }
}

/** How an engine evaluates scalars (float64 or Decimal), for {@link engineHooks}. */
export interface EngineScalars<S, Scope> {
  readonly ring: CoefficientRing<S>;
  readonly origin: Origin;
  readonly L: number;
  scalar(e: Expr, scope: Scope): S;
  integer(e: Expr, scope: Scope, what: string): number;
  /** 1 / d, or null when |d|^2 is 0 (division by zero). */
  invert(d: S): S | null;
  /** 2s of the sites (1: qubits, v1 and spin-1/2 models). */
  readonly twoS: number;
  /**
   * The one-site operator `name` in the ring (d x d, d = 2s + 1): X, Y, Z, N on qubits only; Sx, Sy,
   * Sz, Sp, Sm the spin-s matrices; P with its levels [i, j] (0 <= i, j < d) |i><j|.
   */
  siteOperator(name: SiteOpName, levels: readonly [number, number] | null): LocalForm<S>;
}

/**
 * An engine's scalars over the elementary field F (float64 or Decimal): Complex<T> coefficients
 * evaluated by symbolic/evaluate, and the one-site operators of numeric/local in F. Both engines'
 * sector instances use it.
 */
export function fieldScalars<T>(F: ElementaryField<T>, origin: Origin, L: number, twoS = 1): EngineScalars<FieldComplex<T>, FieldScope<T>> {
  const forms = new Map<string, LocalForm<FieldComplex<T>>>();
  const d = twoS + 1;
  const zero: FieldComplex<T> = { re: F.zero, im: F.zero };
  let spin: SpinMatrices<T> | null = null;
  const make = (name: SiteOpName, levels: readonly [number, number] | null): LocalForm<FieldComplex<T>> => {
    if (name === 'P') {
      const [i, j] = levels!;
      return Array.from({ length: d * d }, (_, q) => (q === i * d + j ? { re: F.one, im: F.zero } : zero));
    }
    if (twoS === 1 && isQubitOp(name)) {
      const m = siteOperators[name];
      return [0, 1, 2, 3].map((q) => ({ re: F.fromRational(m[2 * q], 1), im: F.fromRational(m[2 * q + 1], 1) }));
    }
    spin ??= spinMatricesIn(F, twoS);
    switch (name) {
      case 'Sx': case 'Sy': case 'Sz': case 'Sp': case 'Sm': return spin[name];
      default: throw new RangeError(`${name} is not an operator of a spin ${twoS}/2`);
    }
  };
  return {
    ring: complexRing(F), origin, L, twoS,
    scalar: (x, s) => evalScalarIn(F, origin, x, s),
    integer: (x, s, what) => evalIntegerIn(F, origin, x, s, what),
    invert: (d) => {
      const m2 = F.add(F.mul(d.re, d.re), F.mul(d.im, d.im));
      return F.isZero(m2) ? null : { re: F.div(d.re, m2), im: F.div(F.neg(d.im), m2) };
    },
    siteOperator: (name, levels) => {
      const key = levels ? `${name}[${levels[0]},${levels[1]}]` : name;
      let M = forms.get(key);
      if (!M) {
        M = make(name, levels);
        forms.set(key, M);
      }
      return M;
    },
  };
}

/**
 * The walk's hooks shared by both engines: their error messages (NotCollective, InputError located
 * at the offending node) and one-site operators at fixed site indices.
 */
export function engineHooks<S, Scope>(x: EngineScalars<S, Scope>): LocalHooks<S, Scope> & Pick<CollectiveHooks<S, never, Scope>, 'outsideBinder'> {
  const { origin, L, ring, twoS } = x;
  const d = twoS + 1;
  return {
    ring, dim: d,
    scalar: (e, scope) => x.scalar(e, scope),
    call: (e, scope) => x.scalar(e, scope),
    exponent: (at, scope) => operatorExponent(origin, at, x.integer(at, scope, 'an operator exponent')),
    inverse: (at, scope) => {
      if (containsOperator(at)) throw errorAt(origin, at, 'not-a-scalar', 'an operator can only be divided by a scalar');
      const inv = x.invert(x.scalar(at, scope));
      if (inv === null) throw errorAt(origin, at, 'domain-error', 'division by zero');
      return inv;
    },
    badOperator: (e) => { throw errorAt(origin, e, 'not-a-scalar', `'${e.op}' takes scalars, not operators`); },
    reject: (reason) => { throw new NotCollective(reason); },
    site: (e, scope) => {
      const k = x.integer(e.index, scope, 'a site index');
      if (k < 0 || k >= L) throw errorAt(origin, e.index, 'index-out-of-range', `site index ${k} is outside 0..${L - 1} at L = ${L}`);
      if (e.op === 'P') {
        if (!e.levels) throw errorAt(origin, e, 'bad-index', 'P needs its levels: P[i,j][k]');
        const lv = e.levels.map((t) => {
          const v = x.integer(t, scope, 'a level of P[i,j]');
          if (v < 0 || v >= d) throw errorAt(origin, t, 'index-out-of-range', `level ${v} is outside 0..${d - 1} (a site of ${d} levels)`);
          return v;
        }) as unknown as readonly [number, number];
        return { site: k, M: x.siteOperator('P', lv) };
      }
      const spinOp = e.op === 'Sx' || e.op === 'Sy' || e.op === 'Sz' || e.op === 'Sp' || e.op === 'Sm';
      if (!spinOp && !(twoS === 1 && isQubitOp(e.op))) {
        throw new NotCollective(twoS === 1 ? `${e.op} is not an operator of the spin sites` : `${e.op} is not an operator of a spin ${spinOf(twoS)} (use Sx, Sy, Sz, Sp, Sm or P[i,j])`);
      }
      return { site: k, M: x.siteOperator(e.op, null) };
    },
    nestedBinder: (e) => { throw new NotCollective(`a nested ${e.fn} over operators`); },
    outsideBinder: (e) => { throw new NotCollective(`'${origin.located.text.slice(e.span.start, e.span.end)}' acts on one site, outside a sum or product over all sites`); },
  };
}

type C64 = FieldComplex<number>;

/**
 * The float64 sector matrices of the sector twoJ = 2j (of L qubits, or of L spins s): numeric's one
 * DickeSector over float64 CSR (float64Csr), as the Decimal path's over sparse columns
 * (engine/precise/collective).
 */
export function float64Sector(L: number, twoJ: number): SectorAlgebra<C64, SparseMatrix> {
  return new DickeSector(float64Csr, L, twoJ);
}

const toLocal = (M: LocalForm<C64>): Local => Float64Array.of(M[0].re, M[0].im, M[1].re, M[1].im, M[2].re, M[2].im, M[3].re, M[3].im);
const fromLocal = (m: Local): LocalForm<C64> => [{ re: m[0], im: m[1] }, { re: m[2], im: m[3] }, { re: m[4], im: m[5] }, { re: m[6], im: m[7] }];

/** The text of a node as written in its expression. */
export function nodeText(origin: Origin, e: Expr): string {
  return origin.located.text.slice(e.span.start, e.span.end);
}

/** `1`, `3/2`: the spin s of 2s. */
const spinOf = (twoS: number): string => (twoS % 2 === 0 ? String(twoS / 2) : `${twoS}/2`);

/** Why sum(k, M_k) over spin-s sites is not collective when M is not linear in the spin. */
export function notLinearInSpin(text: string, twoS: number): string {
  const n = twoS + 1;
  return `${text} is permutation symmetric but not a function of the total spin (its one-site operator is not linear in Sx, Sy, Sz at spin ${spinOf(twoS)}): it needs the SU(${n}) sectors, which the symmetric method does not build`;
}

/** Why prod(k, M_k) over spin-s sites (s > 1/2) is refused. */
export function productOverSpins(text: string, twoS: number): string {
  return `${text}: a product over all sites of spin-${spinOf(twoS)} operators is not a function of the total spin in general; the symmetric method takes products over sites of qubits only`;
}

/**
 * A binder body over spin-s sites (s > 1/2) as the spin-1/2 form of its linear-spin part
 * (numeric/spin-sectors `linearSpinPart`), so that the qubit site sums apply: sum_k M_k = a0 L +
 * cz Jz + cp J+ + cm J-. The rest must be at most `tolerance` times max(1, the largest entry);
 * `rounded` tells a rest that is not exactly zero (the caller re-checks in decimal.js).
 *
 * @throws NotCollective when it is not linear in the spin
 */
export function spinSumForm<T>(F: ElementaryField<T>, twoS: number, M: LocalForm<FieldComplex<T>>, text: string, tolerance: T): { form: LocalForm<FieldComplex<T>>; rounded: boolean } {
  const { form, rest } = linearSpinPart(F, spinMatricesIn(F, twoS), M);
  let scale = F.one;
  for (const z of M) { const a = F.hypot(z.re, z.im); if (F.cmp(a, scale) > 0) scale = a; }
  if (!(F.cmp(rest, F.mul(tolerance, scale)) <= 0)) throw new NotCollective(notLinearInSpin(text, twoS));
  return { form, rounded: !F.isZero(rest) };
}

/** float64: a rest of a linear-spin decomposition up to this (times the largest entry) is round-off, re-checked in decimal.js. */
const spinRestTolerance = 1e-12;

/**
 * The operator of `e` in the sector twoJ = 2j of L qubits (twoS = 1), or of L spins s (twoS = 2s):
 * `rounded` when a site sum over spins s > 1/2 was taken as linear in the spin up to round-off.
 *
 * @param sector the sector's matrices (J+, J-, Jz built once), shared by the expressions of one sector
 * @throws NotCollective when the expression is not permutation symmetric in the sense above
 * @throws InputError for evaluation errors
 */
export function evalCollective(
  origin: Origin, e: Expr, scope: Scope, L: number, twoJ: number, twoS = 1, sector: SectorAlgebra<C64, SparseMatrix> = float64Sector(L, twoJ),
): SectorOperator & { readonly rounded: boolean } {
  const ring = complexRing(float64Elementary);
  const local = engineHooks(fieldScalars(float64Elementary, origin, L, twoS));
  let rounded = false;
  const hooks: CollectiveHooks<C64, SparseMatrix, Scope> = {
    ...local,
    algebra: sector,
    binder: (b, s) => {
      const loc = binderLocal(local, origin, b, s, L, twoS);
      rounded ||= loc.rounded;
      const M = loc.M;
      if (b.fn === 'sum') return { matrix: sectorSiteSum(M, L, twoJ), linear: siteSumLinear(ring, fromLocal(M), { re: L / 2, im: 0 }) };
      try {
        return { matrix: sectorSitePower(M, L, twoJ), linear: null };
      } catch (err) {
        if (err instanceof RangeError) throw new NotCollective(err.message);
        throw err;
      }
    },
  };
  const r = walkCollectiveOperator(hooks, e, scope);
  return {
    matrix: r.matrix, linear: r.linear ? (r.linear.map((z) => [z.re, z.im]) as unknown as LinearSpin) : null, rounded,
    magnitude: sectorMagnitude(origin, e, scope, L, twoJ, twoS),
  };
}

/**
 * The one-site operator a binder sums or multiplies over all sites, checked site by site (for
 * spins s > 1/2: its spin-1/2 form, {@link spinSumForm}). It does not depend on the sector, so it
 * is kept per binder node and scope: the symmetric method visits up to L/2 sectors, and
 * re-checking L sites in each made large L quadratic.
 */
const binderLocals = new WeakMap<Expr, { scope: Scope; L: number; twoS: number; M: Local; rounded: boolean }>();

function binderLocal(h: LocalHooks<C64, Scope>, origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: Scope, L: number, twoS: number): { M: Local; rounded: boolean } {
  const hit = binderLocals.get(e);
  if (hit && hit.scope === scope && hit.L === L && hit.twoS === twoS) return hit;
  const [lo, hi] = binderRangeIn(float64Elementary, origin, e, scope);
  const inner = new Map(scope);
  const body = uniformLocal(h, e, L, lo, hi, (k) => inner.set(e.index, k));
  let form = body, rounded = false;
  if (twoS > 1) {
    if (e.fn === 'prod') throw new NotCollective(productOverSpins(nodeText(origin, e), twoS));
    ({ form, rounded } = spinSumForm(float64Elementary, twoS, body, nodeText(origin, e), spinRestTolerance));
  }
  const out = { scope, L, twoS, M: toLocal(form), rounded };
  binderLocals.set(e, out);
  return out;
}

// --- the size of the exact operator, from the same walk over magnitudes --------------------------

/*
 * A bound on the size of the exact operator of a collective expression in a total-spin sector (and
 * times a truncated mode), from the same walk as its matrix (symbolic/collective-walk) over
 * magnitudes: every scalar its modulus, every collective spin operator its norm in the sector,
 * a + beta b -> |a| + |beta| |b|, a b -> |a| |b|, a^k -> |a|^k; a binder body's one-site operator
 * as its entries' moduli (sums and products of them bound the moduli of the exact entries), a sum
 * over the L sites L times the body's norm bound, a product over them its L-th power.
 *
 * The round-off of a sector matrix is relative to this size (methods/errors sectorInputError), not
 * to the computed matrix, which may have cancelled: Jz + c (J+ J- - J- J+ - 2 Jz) is Jz, and its
 * float64 matrix carries errors of about c L^2 u that a bound relative to ||Jz|| misses.
 */
/** Magnitudes: non-negative numbers, where a difference is bounded by the sum. */
const magnitudes: CoefficientRing<number> = {
  zero: 0, one: 1, i: 1,
  fromInteger: (n) => Math.abs(n),
  add: (a, b) => a + b, sub: (a, b) => a + b, mul: (a, b) => a * b,
  neg: (a) => a, conj: (a) => a, isZero: (a) => a === 0,
};

/** The norms of the sector's operators: ||Jz|| = j; ||J+-||, ||Jx||, ||Jy|| <= max_m sqrt((j - m)(j + m + 1)) <= j + 1/2. */
function sectorNorms(twoJ: number): SectorAlgebra<number, number> {
  return {
    identity: (c) => c,
    named: (name) => (name === 'Jz' ? twoJ / 2 : (twoJ + 1) / 2),
    add: (a, b, beta) => a + beta * b,
    scale: (a, c) => c * a,
    mul: (a, b) => a * b,
    adjoint: (a) => a,
  };
}

/** A bound on the spectral norm of a d x d matrix whose entries' moduli are at most M's: max(largest row sum, largest column sum). */
function normBound(M: LocalForm<number>, d: number): number {
  let row = 0, col = 0;
  for (let r = 0; r < d; r++) {
    let sr = 0, sc = 0;
    for (let c = 0; c < d; c++) { sr += M[r * d + c]; sc += M[c * d + r]; }
    row = Math.max(row, sr); col = Math.max(col, sc);
  }
  return Math.max(row, col);
}

/** The mode's operators: ||a|| = ||adag|| = sqrt(n - 1), ||n|| = n - 1 at cutoff n. */
const modeNorm = (op: string, cutoff: number): number => (op === 'n' ? cutoff - 1 : Math.sqrt(cutoff - 1));
const isModeOp = (op: string): boolean => op === 'a' || op === 'adag' || op === 'n';

/**
 * The size bound of `e` in the sector twoJ of L spins s (twoS = 2s), times a mode of `cutoff` Fock
 * states where given: at least the spectral norm of its exact operator there. The expression is
 * one the sector's own walk took (evalCollective, evalSpinMode): this walk makes no checks of its own.
 */
export function sectorMagnitude(origin: Origin, e: Expr, scope: Scope, L: number, twoJ: number, twoS: number, cutoff: number | null = null): number {
  const d = twoS + 1;
  const values = fieldScalars(float64Elementary, origin, L, twoS);
  const scalars: EngineScalars<number, Scope> = {
    ring: magnitudes, origin, L, twoS,
    scalar: (x, s) => { const z = values.scalar(x, s); return Math.hypot(z.re, z.im); },
    integer: (x, s, what) => values.integer(x, s, what),
    invert: (x) => (x === 0 ? null : 1 / x),
    siteOperator: (name, levels) => values.siteOperator(name, levels).map((z) => Math.hypot(z.re, z.im)),
  };
  const local = engineHooks(scalars);
  const bodyHooks: LocalHooks<number, Scope> = {
    ...local,
    // The mode's operator in a body: its norm on the diagonal of the spin's d x d (engine/spin-mode).
    site: (x, s) => (cutoff !== null && isModeOp(x.op)
      ? { site: null, M: Array.from({ length: d * d }, (_, q) => (q % (d + 1) === 0 ? modeNorm(x.op, cutoff) : 0)) }
      : local.site(x, s)),
  };
  const hooks: CollectiveHooks<number, number, Scope> = {
    ...local,
    algebra: sectorNorms(twoJ),
    sectorSite: (x) => (cutoff !== null && isModeOp(x.op) ? { matrix: modeNorm(x.op, cutoff), linear: null } : null),
    binder: (b, s) => {
      const [lo] = binderRangeIn(float64Elementary, origin, b, s);
      const body = walkLocal(bodyHooks, b.body, new Map(s).set(b.index, lo)).M;
      const n = normBound(body, d);
      return { matrix: b.fn === 'sum' ? L * n : n ** L, linear: null };
    },
  };
  return walkCollectiveOperator(hooks, e, scope).matrix;
}
