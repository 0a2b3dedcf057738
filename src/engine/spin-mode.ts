/**
 * L permutation-symmetric spins s times one truncated bosonic mode (model-language v2
 * `sites: [{ spin: s }, { boson: { cutoff: n }, count: 1 }]`, issue 16: Tavis-Cummings, Dicke):
 * the operators in a total-spin sector j times the mode, a space of dimension (2j + 1) n, index
 * p n + f (p the Dicke index of the sector, m = p - j; f the Fock number).
 *
 * Collective here means what it means for spins alone (engine/collective), with the mode's
 * operators a, adag, n (a[0] ...) as a factor anywhere: outside a sum over sites they are
 * I (x) B; inside one, a body such as Sp[k]*a + Sm[k]*adag is one one-site operator whose
 * entries are n x n mode matrices (the binder body's walk, symbolic/collective-walk `uniformLocal`,
 * over the ring of the mode's sparse matrices), so that
 *
 *   sum_k M_k = (F_uu + F_dd) (x) L/2 + (F_uu - F_dd) (x) Jz + F_ud (x) J+ + F_du (x) J-
 *
 * for qubits (F the mode matrices at the body's 2 x 2 entries); for spins s the body's linear-spin
 * part taken entry by entry of the mode (numeric/spin-sectors `linearSpinPart`), exactly linear in
 * float64 or refused. Both levels are instances of the one operator walk (symbolic/operator-walk),
 * through the collective walk's sector level (its `sectorSite` hook takes the mode outside
 * binders) and one-site level, with the float64 engine's hooks (engine/collective).
 */
import { hasIndexedCoefficients, mayCancel, type Expr, type Origin, type SiteOpName, type SpeciesSpec } from '../lang/index.js';
import { errorAt } from '../lang/index.js';
import {
  type Complex as FieldComplex, type SparseMatrix, float64Csr, float64Elementary, float64Field, linearSpinPart, sectorJm, sectorJp, sectorJz, sparseAdd, sparseAdjoint, sparseIdentity, sparseKron,
  bosonMatrices, decimalElementary, dimensionOf, maxRowAbsSum, precision, sparseMul, spinMatricesIn, type Decimal, type Local,
} from '../numeric/index.js';
import {
  binderRangeIn, evalScalarIn, layoutText, uniformLocal, walkCollectiveOperator, type DecimalCtor, type FieldScope,
  type CoefficientRing, type CollectiveHooks, type LocalForm, type LocalHooks, type SectorAlgebra, type SpinName, type ValueScope as Scope,
} from '../symbolic/index.js';
import { NotCollective, engineHooks, fieldScalars, float64Sector, nodeText, sectorMagnitude, type SectorOperator } from './collective.js';
import type { Instance } from './family.js';
import { MethodNotApplicable } from './outcome.js';
import { preciseScope } from './precise/index.js';
import { mixRealised, type RealisedState, type StateSpec } from './states.js';
import { realiseDickeFloat64 } from './dicke-states.js';

type C64 = FieldComplex<number>;

/** The sites of a spins-times-one-mode model: L spins 2s = twoS and the mode's cutoff. */
export interface SpinModeSites {
  readonly L: number;
  readonly twoS: number;
  readonly cutoff: number;
  readonly spin: SpeciesSpec;
  readonly mode: SpeciesSpec;
}

/**
 * The spins and the mode when the model's sites are one species of L spins s and one boson
 * species of count 1 (in either order), else null.
 */
export function spinModeSites(inst: Pick<Instance, 'layout' | 'L'>): SpinModeSites | null {
  const layout = inst.layout;
  if (!layout || layout.species.length !== 2) return null;
  const si = layout.species.findIndex((s) => s.kind === 'spin'), bi = layout.species.findIndex((s) => s.kind === 'boson');
  if (si < 0 || bi < 0) return null;
  return { L: layout.counts[si], twoS: layout.species[si].twoS, cutoff: layout.species[bi].dim, spin: layout.species[si], mode: layout.species[bi] };
}

/**
 * The reasons a spins-times-mode model is not for the symmetric method before any matrix: the
 * spin count is not L, there is not exactly one mode, or the spins come after the mode in the
 * Kronecker order (the sector basis puts the spins first).
 */
export function spinModeRefusal(inst: Pick<Instance, 'layout' | 'L'>, sites: SpinModeSites): string | null {
  const layout = inst.layout!;
  const bi = layout.species.indexOf(sites.mode), si = layout.species.indexOf(sites.spin);
  if (layout.counts[bi] !== 1) return `the sites (${layoutText(layout)}) have ${layout.counts[bi]} modes: the symmetric method takes spins times one mode`;
  if (sites.L !== inst.L) return `the spin species ${sites.spin.name} has ${sites.L} sites at L = ${inst.L}; the symmetric method takes sums over all L sites`;
  if (si > bi) return `the mode is declared before the spins (${layoutText(layout)}): the symmetric method takes the spins first`;
  return null;
}

/** The float64 CSR of a d x d dense one-site matrix (numeric/local's interleaved complex). */
function localToCsr(d: number, m: Local): SparseMatrix {
  return float64Csr.build(d, (put) => {
    for (let q = 0; q < d * d; q++) if (m[2 * q] !== 0 || m[2 * q + 1] !== 0) put(Math.floor(q / d), q % d, m[2 * q], m[2 * q + 1]);
  });
}

/** Whether every stored entry is exactly zero. */
function isZeroMatrix(m: SparseMatrix): boolean {
  for (let p = 0; p < m.re.length; p++) if (m.re[p] !== 0 || m.im[p] !== 0) return false;
  return true;
}

/** The ring of the mode's n x n matrices (sparse): the coefficients of a binder body's one-site operator. */
function modeRing(n: number): CoefficientRing<SparseMatrix> {
  return {
    zero: sparseIdentity(n, 0, 0), one: sparseIdentity(n), i: sparseIdentity(n, 0, 1),
    fromInteger: (k) => sparseIdentity(n, k, 0),
    add: (a, b) => sparseAdd(a, b), sub: (a, b) => sparseAdd(a, b, [1, 0], [-1, 0]), mul: (a, b) => sparseMul(a, b),
    neg: (a) => sparseAdd(a, a, [-1, 0], [0, 0]), conj: sparseAdjoint, isZero: isZeroMatrix,
  };
}

/** The sector-times-mode matrices of the sector twoJ: the sector's collective spin operators (engine/collective float64Sector) (x) I, and float64 CSR's sums, products, adjoints. */
function sectorModeAlgebra(L: number, twoJ: number, n: number): SectorAlgebra<C64, SparseMatrix> {
  const N = (twoJ + 1) * n;
  const I = sparseIdentity(n);
  const sector = float64Sector(L, twoJ);
  const named = new Map<SpinName, SparseMatrix>();
  return {
    identity: (c) => sparseIdentity(N, c.re, c.im),
    named: (name) => { let M = named.get(name); if (!M) { M = sparseKron(sector.named(name), I); named.set(name, M); } return M; },
    add: float64Csr.add, scale: float64Csr.scale, mul: float64Csr.mul, adjoint: float64Csr.adjoint,
  };
}

const isModeOp = (op: SiteOpName): boolean => op === 'a' || op === 'adag' || op === 'n';

/** The binder bodies' one-site operators over the mode ring, kept per node and scope (the sectors reuse them). */
const bodies = new WeakMap<Expr, { scope: Scope; L: number; F: LocalForm<SparseMatrix> }>();

/**
 * The operator of `e` in the sector twoJ times the mode, with no linear-spin form (the mode enters
 * everything but the pure spin parts, and the method visits every sector anyway).
 *
 * @throws NotCollective when `e` is not collective in the sense of the module comment
 * @throws InputError for evaluation errors (at the node)
 */
export function evalSpinMode(origin: Origin, e: Expr, scope: Scope, sites: SpinModeSites, twoJ: number, exact: ExactScalars | null = null): SectorOperator {
  const { L, twoS, cutoff: n } = sites;
  const d = twoS + 1;
  const scalars = fieldScalars(float64Elementary, origin, L, twoS);
  const local = exact ? faithfulScalars(engineHooks(scalars), origin, exact) : engineHooks(scalars);
  const boson = bosonMatrices(n);
  const ring = modeRing(n);
  const modeMatrix = new Map<SiteOpName, SparseMatrix>();
  const modeOp = (site: Extract<Expr, { kind: 'site' }>, at: Scope): SparseMatrix => {
    const k = scalars.integer(site.index, at, 'a mode index');
    if (k !== 0) throw errorAt(origin, site.index, 'index-out-of-range', `mode index ${k} is outside 0..0 (the species ${sites.mode.name} has one mode)`);
    let M = modeMatrix.get(site.op);
    if (!M) { M = localToCsr(n, boson[site.op as 'a' | 'adag' | 'n']); modeMatrix.set(site.op, M); }
    return M;
  };
  const lift = (c: C64): SparseMatrix => sparseIdentity(n, c.re, c.im);
  const algebra = sectorModeAlgebra(L, twoJ, n);
  const N = (twoJ + 1) * n;
  const bodyHooks: LocalHooks<SparseMatrix, Scope> = {
    ring, dim: d,
    scalar: (x, s) => lift(local.scalar(x, s)),
    call: (x, s) => lift(local.call(x, s)),
    exponent: (at, s) => local.exponent(at, s, true),
    inverse: (at, s) => lift(local.inverse(at, s, true)),
    badOperator: (x) => local.badOperator(x, true),
    reject: (reason) => local.reject(reason),
    nestedBinder: (x) => local.nestedBinder(x),
    site: (x, s) => {
      if (isModeOp(x.op)) {
        const B = modeOp(x, s);
        return { site: null, M: Array.from({ length: d * d }, (_, q) => (q % (d + 1) === 0 ? B : ring.zero)) };
      }
      const v = local.site(x, s);
      return { site: v.site, M: v.M.map(lift) };
    },
  };
  const hooks: CollectiveHooks<C64, SparseMatrix, Scope> = {
    ...local,
    algebra,
    sectorSite: (x, s) => (isModeOp(x.op) ? { matrix: sparseKron(sparseIdentity(twoJ + 1), modeOp(x, s)), linear: null } : null),
    binder: (b, s) => {
      if (b.fn === 'prod') throw new NotCollective(`${nodeText(origin, b)}: a product over the spin sites with a mode is not taken by the symmetric method`);
      let hit = bodies.get(b);
      if (!hit || hit.scope !== s || hit.L !== L) {
        const [lo, hi] = binderRangeIn(float64Elementary, origin, b, s);
        const inner = new Map(s);
        hit = { scope: s, L, F: uniformLocal(bodyHooks, b, L, lo, hi, (k) => inner.set(b.index, k)) };
        bodies.set(b, hit);
      }
      return { matrix: siteSumInSector(hit.F, d, twoS, twoJ, L, n, nodeText(origin, b)), linear: null };
    },
  };
  const r = walkCollectiveOperator(hooks, e, scope);
  if (r.matrix.n !== N) throw new RangeError(`spin-mode operator of dimension ${r.matrix.n}, expected ${N}`);
  return { matrix: r.matrix, linear: null, magnitude: sectorMagnitude(origin, e, scope, L, twoJ, twoS, n) };
}

/**
 * sum_k M_k in the sector twoJ times the mode, M the body's d x d entries of mode matrices: for
 * qubits directly, for spins s entry by entry of the mode through the linear-spin part (refused
 * unless exactly linear in float64: no decimal.js re-check is made for the mode).
 */
function siteSumInSector(F: LocalForm<SparseMatrix>, d: number, twoS: number, twoJ: number, L: number, n: number, text: string): SparseMatrix {
  let form: readonly SparseMatrix[];
  if (twoS === 1) form = F;
  else {
    // Every mode entry (r, c) of the body: its d x d spin matrix, decomposed.
    const S = spinMatricesIn(float64Field, twoS);
    const parts = [0, 1, 2, 3].map(() => new Map<number, C64>());
    const keys = new Set<number>();
    for (const M of F) for (let r = 0; r < n; r++) for (let p = M.rowPtr[r]; p < M.rowPtr[r + 1]; p++) keys.add(r * n + M.col[p]);
    const entry = (M: SparseMatrix, r: number, c: number): C64 => {
      for (let p = M.rowPtr[r]; p < M.rowPtr[r + 1]; p++) if (M.col[p] === c) return { re: M.re[p], im: M.im[p] };
      return { re: 0, im: 0 };
    };
    for (const key of keys) {
      const r = Math.floor(key / n), c = key % n;
      const { form: f, rest } = linearSpinPart(float64Field, S, F.map((M) => entry(M, r, c)));
      if (rest !== 0) throw new NotCollective(`${text} is not linear in the spin of spin-${twoS % 2 === 0 ? twoS / 2 : `${twoS}/2`} sites exactly in float64 (its rest ${rest.toPrecision(3)}); with a mode the symmetric method makes no decimal.js re-check`);
      f.forEach((z, q) => { if (z.re !== 0 || z.im !== 0) parts[q].set(key, z); });
    }
    form = parts.map((m) => float64Csr.build(n, (put) => { for (const [key, z] of m) put(Math.floor(key / n), key % n, z.re, z.im); }));
  }
  const [a, b, c, dd] = form;
  const I = sparseIdentity(twoJ + 1);
  const terms = [
    sparseKron(I, sparseAdd(a, dd, [L / 2, 0], [L / 2, 0])),
    sparseKron(sectorJz(twoJ), sparseAdd(a, dd, [1, 0], [-1, 0])),
    sparseKron(sectorJp(twoJ), b),
    sparseKron(sectorJm(twoJ), c),
  ];
  return terms.reduce((x, y) => sparseAdd(x, y));
}

/** The model's params in decimal.js (40 digits, the literals exact), for the scalars' re-evaluation. */
export interface ExactScalars {
  readonly D: DecimalCtor;
  readonly base: FieldScope<Decimal>;
}

/**
 * `local` with every scalar that may cancel in float64 (a sum, a difference, a function:
 * lang mayCancel) the rounding of its decimal.js value: (1e17 + 1 - 1e17) n is n, not 0. The float64
 * scope's names that are not the model's params (L's binder indices, a channel's index) are
 * integers, exact in decimal.js too.
 */
function faithfulScalars<H extends { scalar(e: Expr, s: Scope): C64; call(e: Extract<Expr, { kind: 'call' }>, s: Scope): C64 }>(local: H, origin: Origin, exact: ExactScalars): H {
  const F = decimalElementary(exact.D);
  const toDecimal = (s: Scope): FieldScope<Decimal> => {
    const m = new Map(exact.base);
    for (const [k, v] of s) { const p = exact.base.get(k); if (p === undefined || p.toNumber() !== v) m.set(k, new exact.D(v)); }
    return m;
  };
  const faithful = (x: Expr, s: Scope, f: C64): C64 => {
    if (!mayCancel(x)) return f;
    const z = evalScalarIn(F, origin, x, toDecimal(s));
    return { re: z.re.toNumber(), im: z.im.toNumber() };
  };
  return { ...local, scalar: (x, s) => faithful(x, s, local.scalar(x, s)), call: (x, s) => faithful(x, s, local.call(x, s)) };
}

/**
 * H_S and every A in the sector twoJ times the mode.
 *
 * @throws MethodNotApplicable('symmetric') when the model is not collective in this sense, or a
 *   site sum's coefficients depend on the index (decided exactly only in decimal.js, which this
 *   path does not use)
 */
export function spinModeOperators(inst: Instance, sites: SpinModeSites, twoJ: number): { H: SectorOperator; A: SectorOperator[] } {
  const exprs = [inst.H.located.expr, ...inst.channels.map((ch) => ch.origin.located.expr)];
  if (exprs.some(hasIndexedCoefficients)) {
    throw new MethodNotApplicable('symmetric', 'a sum over the spin sites has coefficients that depend on the index: with a mode the symmetric method does not re-check in decimal.js that they are one value');
  }
  try {
    const exact = exactScalarsOf(inst);
    const H = evalSpinMode(inst.H, inst.H.located.expr, inst.scope, sites, twoJ, exact);
    const A = inst.channels.map((ch) => evalSpinMode(ch.origin, ch.origin.located.expr, ch.scope, sites, twoJ, exact));
    // In the top sector (where J lives, and where a site sum's size bound L ||M|| is its norm's
    // order; a lower sector can hold an exact 0, Jz at j = 0).
    if (twoJ === sites.L * sites.twoS) [H, ...A].forEach((op, i) => noCancellation(op, i === 0 ? inst.H.located.key : inst.channels[i - 1].origin.located.key, twoJ));
    return { H, A };
  } catch (err) {
    if (err instanceof NotCollective) throw new MethodNotApplicable('symmetric', err.message);
    throw err;
  }
}

/** A vector of the sector (Dicke basis, 2j + 1) times the mode in its vacuum: amplitude at p n + 0 (cutoff 1: unchanged). */
export function withVacuum(v: Float64Array, cutoff: number): Float64Array {
  if (cutoff === 1) return v;
  const w = new Float64Array(v.length * cutoff);
  for (let p = 0; p < v.length; p++) w[p * cutoff] = v[p];
  return w;
}

/** basis("0 .. 0 k") (every spin up) or basis("2s .. 2s k") (every spin down) times Fock k: its Dicke index p (2Ls: up, 0: down) and k; null otherwise. */
export function fockState(s: Extract<StateSpec, { kind: 'levels' }>, mode: SpinModeSites): { p: number; k: number } | null {
  const spins = s.levels.slice(0, mode.L), k = s.levels[mode.L];
  if (s.levels.length !== mode.L + 1) return null;
  if (spins.every((v) => v === 0)) return { p: mode.L * mode.twoS, k };
  if (spins.every((v) => v === mode.twoS)) return { p: 0, k };
  return null;
}

/** The state in the top sector times the mode (the mode's vacuum for the sector's states, Fock k for basis("0 .. 0 k")), or in the sector alone (cutoff 1). */
export function realiseWithMode(s: StateSpec, L: number, topTwoJ: number, cutoff: number, mode: SpinModeSites | null): RealisedState {
  if (mode && s.kind === 'levels') {
    const at = fockState(s, mode)!;
    const re = new Float64Array((topTwoJ + 1) * cutoff), im = new Float64Array(re.length);
    re[at.p * cutoff + at.k] = 1;
    return { vectors: [{ weight: 1, re, im }], functions: [], steadyWeight: 0 };
  }
  if (mode && s.kind === 'mix') return mixRealised(float64Field, s.p, realiseWithMode(s.a, L, topTwoJ, cutoff, mode), realiseWithMode(s.b, L, topTwoJ, cutoff, mode));
  const st = realiseDickeFloat64(s, L, topTwoJ);
  return cutoff === 1 ? st : { ...st, vectors: st.vectors.map((v) => ({ weight: v.weight, re: withVacuum(v.re, cutoff), im: withVacuum(v.im, cutoff) })) };
}

/**
 * A sum of operators that cancels in float64 (1e17 Jz + w0 Jz - 1e17 Jz) leaves a matrix far
 * smaller than its parts, and with a mode there is no decimal.js walk to rebuild it from: a matrix
 * whose expression's size (sectorMagnitude) is more than {@link cancellationFactor} times its own
 * largest row sum has lost digits to cancellation, and the method refuses it (the dense method
 * rebuilds such coefficients from decimal.js).
 */
function noCancellation(op: SectorOperator, key: string, twoJ: number): void {
  const rowAbs = maxRowAbsSum(op.matrix);
  if (op.magnitude > cancellationFactor * rowAbs) {
    throw new MethodNotApplicable('symmetric', `${key} in the sector 2j = ${twoJ} times the mode is ${rowAbs === 0 ? 'zero' : `${(op.magnitude / rowAbs).toPrecision(3)} times smaller than its parts`} in float64 (a sum that cancels; with a mode the symmetric method has no decimal.js walk to rebuild it): the dense method (coefficients from decimal.js) takes it`);
  }
}

/** How much smaller than its parts (sectorMagnitude) a sector matrix may be before its sum is taken to cancel. */
const cancellationFactor = 1e6;

const exactScalars = new WeakMap<Instance, ExactScalars>();

/** The instance's params in decimal.js, made once (every sector's operators use them). */
function exactScalarsOf(inst: Instance): ExactScalars {
  let x = exactScalars.get(inst);
  if (!x) { const P = precision(40); x = { D: P.D, base: preciseScope(P, inst.model, inst.L) }; exactScalars.set(inst, x); }
  return x;
}

/** The largest product-basis dimension at which `auto` leaves spins times a mode to the dense method (its full layout, engine/methods/dense maxDenseDimension). */
export const spinModeDenseDimension = 2 ** 12;

/**
 * Why `auto` passes over the symmetric method for spins times one mode at this size, or null: up
 * to {@link spinModeDenseDimension} the dense method on the full space is as fast (one eigensolver
 * of at most 4096, no sectors to visit); beyond, the sectors times the mode are far smaller than
 * the full space's blocks. `--method symmetric` takes it at any size.
 */
export function spinModeStepsAside(inst: Instance): string | null {
  // Only spins times a mode that the symmetric method would take (else it gives its own reason).
  const mode = spinModeSites(inst);
  if (!mode || spinModeRefusal(inst, mode)) return null;
  const n = dimensionOf(inst.layout?.dims ?? []);
  return n <= spinModeDenseDimension ? `spins times a mode of product dimension ${n} <= ${spinModeDenseDimension}: auto leaves it to the dense method (--method symmetric takes it)` : null;
}
