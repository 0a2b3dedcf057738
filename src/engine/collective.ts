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
import { containsOperator, errorAt, isQubitOp, type Expr, type Origin, type QubitOpName } from '../lang/index.js';
import {
  type Complex as FieldComplex, type ElementaryField, type Local, type SparseMatrix, DickeSector, float64Csr, float64Elementary, siteOperators,
  sectorSitePower, sectorSiteSum,
} from '../numeric/index.js';
import {
  binderRangeIn, complexRing, evalIntegerIn, evalScalarIn, operatorExponent, type Complex, type FieldScope, type ValueScope as Scope,
} from '../symbolic/index.js';
import {
  siteSumLinear, uniformLocal, walkCollectiveOperator,
  type CoefficientRing, type CollectiveHooks, type LocalForm, type LocalHooks, type SectorAlgebra,
} from '../symbolic/index.js';

/** Coefficients (c0, cx, cy, cz), complex, of an operator linear in the collective spin. */
export type LinearSpin = readonly [Complex, Complex, Complex, Complex];

/** An operator in a sector, with its linear-spin form when it has one. */
export interface SectorOperator {
  readonly matrix: SparseMatrix;
  readonly linear: LinearSpin | null;
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
  /** The one-site operator X, Y, Z, Sp, Sm, N in the ring. */
  siteOperator(name: QubitOpName | 'Sx' | 'Sy' | 'Sz'): LocalForm<S>;
}

/**
 * An engine's scalars over the elementary field F (float64 or Decimal): Complex<T> coefficients
 * evaluated by symbolic/evaluate, and the one-site operators of numeric/local in F. Both engines'
 * sector instances use it.
 */
export function fieldScalars<T>(F: ElementaryField<T>, origin: Origin, L: number): EngineScalars<FieldComplex<T>, FieldScope<T>> {
  const forms = new Map<QubitOpName | 'Sx' | 'Sy' | 'Sz', LocalForm<FieldComplex<T>>>();
  return {
    ring: complexRing(F), origin, L,
    scalar: (x, s) => evalScalarIn(F, origin, x, s),
    integer: (x, s, what) => evalIntegerIn(F, origin, x, s, what),
    invert: (d) => {
      const m2 = F.add(F.mul(d.re, d.re), F.mul(d.im, d.im));
      return F.isZero(m2) ? null : { re: F.div(d.re, m2), im: F.div(F.neg(d.im), m2) };
    },
    siteOperator: (name) => {
      let M = forms.get(name);
      if (!M) {
        // Sx, Sy, Sz on spin-1/2 sites (a v2 model of L qubits): half of X, Y, Z, exactly.
        const half = name === 'Sx' || name === 'Sy' || name === 'Sz';
        const m = siteOperators[half ? ({ Sx: 'X', Sy: 'Y', Sz: 'Z' } as const)[name] : name];
        M = [0, 1, 2, 3].map((q) => ({ re: F.fromRational(m[2 * q], half ? 2 : 1), im: F.fromRational(m[2 * q + 1], half ? 2 : 1) })) as unknown as LocalForm<FieldComplex<T>>;
        forms.set(name, M);
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
  const { origin, L, ring } = x;
  return {
    ring,
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
      if (e.op === 'Sx' || e.op === 'Sy' || e.op === 'Sz') return { site: k, M: x.siteOperator(e.op) };
      if (!isQubitOp(e.op)) throw new NotCollective(`${e.op} is not a qubit operator`);
      return { site: k, M: x.siteOperator(e.op) };
    },
    nestedBinder: (e) => { throw new NotCollective(`a nested ${e.fn} over operators`); },
    outsideBinder: (e) => { throw new NotCollective(`'${origin.located.text.slice(e.span.start, e.span.end)}' acts on one site, outside a sum or product over all sites`); },
  };
}

type C64 = FieldComplex<number>;

/**
 * The float64 sector matrices of the sector twoJ = 2j of L qubits: numeric's one DickeSector over
 * float64 CSR (float64Csr), as the Decimal path's over sparse columns (engine/precise/collective).
 */
function float64Sector(L: number, twoJ: number): SectorAlgebra<C64, SparseMatrix> {
  return new DickeSector(float64Csr, L, twoJ);
}

const toLocal = (M: LocalForm<C64>): Local => Float64Array.of(M[0].re, M[0].im, M[1].re, M[1].im, M[2].re, M[2].im, M[3].re, M[3].im);
const fromLocal = (m: Local): LocalForm<C64> => [{ re: m[0], im: m[1] }, { re: m[2], im: m[3] }, { re: m[4], im: m[5] }, { re: m[6], im: m[7] }];

/**
 * The operator of `e` in the sector twoJ = 2j of L qubits.
 *
 * @throws NotCollective when the expression is not permutation symmetric in the sense above
 * @throws InputError for evaluation errors
 */
export function evalCollective(origin: Origin, e: Expr, scope: Scope, L: number, twoJ: number): SectorOperator {
  const ring = complexRing(float64Elementary);
  const local = engineHooks(fieldScalars(float64Elementary, origin, L));
  const hooks: CollectiveHooks<C64, SparseMatrix, Scope> = {
    ...local,
    algebra: float64Sector(L, twoJ),
    binder: (b, s) => {
      const M = binderLocal(local, origin, b, s, L);
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
  return { matrix: r.matrix, linear: r.linear ? (r.linear.map((z) => [z.re, z.im]) as unknown as LinearSpin) : null };
}

/**
 * The one-site operator a binder sums or multiplies over all sites, checked site by site. It does
 * not depend on the sector, so it is kept per binder node and scope: the symmetric method visits
 * up to L/2 sectors, and re-checking L sites in each made large L quadratic.
 */
const binderLocals = new WeakMap<Expr, { scope: Scope; L: number; M: Local }>();

function binderLocal(h: LocalHooks<C64, Scope>, origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: Scope, L: number): Local {
  const hit = binderLocals.get(e);
  if (hit && hit.scope === scope && hit.L === L) return hit.M;
  const [lo, hi] = binderRangeIn(float64Elementary, origin, e, scope);
  const inner = new Map(scope);
  const M = toLocal(uniformLocal(h, e, L, lo, hi, (k) => inner.set(e.index, k)));
  binderLocals.set(e, { scope, L, M });
  return M;
}
