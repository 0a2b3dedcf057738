/**
 * States: the state expression evaluated at L (model-language.md, "States"), then realised in the
 * representation a method uses (product basis of 2^L, or the Dicke basis of the symmetric sector).
 * The product basis has one realisation over a field (`realiseIn`): float64 typed arrays here
 * (`realiseProduct`), Decimal amplitudes in precise/state.ts (`realisePrecise`).
 */
import type { Expr } from '../lang/index.js';
import { float64Elementary, gaussian, mulberry32, type Complex, type ElementaryField, type Field } from '../numeric/index.js';
import { errorAt, type Origin } from '../lang/index.js';
import { evalInteger, evalReal, type SiteLayout, type ValueScope as Scope } from '../symbolic/index.js';
import { gibText } from './memory-text.js';

/** A state evaluated at L, independent of representation. */
export type StateSpec =
  | { readonly kind: 'up' | 'down' | 'ghz' | 'w' | 'ground' | 'top' | 'steady' }
  /** steady(S): the long-time limit of the Davies evolution started in S. */
  | { readonly kind: 'steadyFrom'; readonly from: StateSpec }
  | { readonly kind: 'basis'; readonly bits: string }
  /** v2 `basis("0 2 1 0")`: one level index per site, in Kronecker order. */
  | { readonly kind: 'levels'; readonly levels: readonly number[] }
  | { readonly kind: 'dicke'; readonly n: number }
  | { readonly kind: 'product'; readonly theta: number; readonly phi: number }
  | { readonly kind: 'thermal'; readonly T: number }
  | { readonly kind: 'random' | 'mixed'; readonly seed: number }
  | { readonly kind: 'mix'; readonly p: number; readonly a: StateSpec; readonly b: StateSpec };

/** A function of H_S: populations decided by the eigenspaces. */
export type FunctionOfH = { readonly kind: 'ground' | 'top' } | { readonly kind: 'thermal'; readonly T: number };

/** Weighted pure vectors plus weighted functions of H_S. */
export interface RealisedState {
  readonly vectors: { weight: number; re: Float64Array; im: Float64Array }[];
  readonly functions: { weight: number; f: FunctionOfH }[];
  /** Weight of `steady` (realised by the method itself), 0 if none. */
  readonly steadyWeight: number;
  /**
   * steady(S) parts: weight and the realised start S (realised by the method itself: the start,
   * pinched in the eigenbasis, projected onto the stationary states). Absent: none.
   */
  readonly steadyFrom?: readonly { readonly weight: number; readonly start: RealisedState }[];
}

/**
 * Evaluates a state expression at L.
 *
 * @throws InputError (bad-state) naming what was expected
 */
export function evalState(origin: Origin, e: Expr, scope: Scope, L: number, layout?: SiteLayout): StateSpec {
  const bad = (node: Expr, msg: string) => errorAt(origin, node, 'bad-state', msg);
  if (layout) return evalLayoutState(origin, e, scope, L, layout);
  if (e.kind === 'call' && e.fn === 'basis' && e.args[0]?.kind === 'str' && /^\s*\d+(\s+\d+)*\s*$/.test(e.args[0].value)) {
    // v2 level indices on qubits: 0 = u, 1 = d.
    const levels = e.args[0].value.trim().split(/\s+/).map(Number);
    if (levels.length !== L) throw bad(e.args[0], `basis("${e.args[0].value}") has ${levels.length} sites but there are ${L}`);
    const at = levels.findIndex((v) => v > 1);
    if (at >= 0) throw bad(e.args[0], `basis("${e.args[0].value}"): site ${at} has levels 0..1, got ${levels[at]}`);
    return { kind: 'basis', bits: levels.map((v) => (v === 0 ? 'u' : 'd')).join('') };
  }
  if (e.kind === 'name') {
    if (['up', 'down', 'ghz', 'w', 'ground', 'top', 'steady'].includes(e.name)) return { kind: e.name as 'up' };
    throw bad(e, `unknown state '${e.name}'; expected up, down, ground, top, ghz, w, steady, basis("ud.."), dicke(n), product(theta, phi), thermal(T), random(seed), mixed(seed) or mix(p, s1, s2)`);
  }
  if (e.kind !== 'call') throw bad(e, 'expected a state such as up, dicke(n) or mix(p, s1, s2)');
  const arg = (i: number): Expr => e.args[i];
  switch (e.fn) {
    case 'basis': {
      const a = arg(0);
      if (a.kind !== 'str' || !/^[ud]*$/.test(a.value)) throw bad(a, 'basis takes a string of u and d, one letter per site');
      if (a.value.length !== L) throw bad(a, `basis("${a.value}") has ${a.value.length} sites but L = ${L}`);
      return { kind: 'basis', bits: a.value };
    }
    case 'dicke': {
      const n = evalInteger(origin, arg(0), scope, 'the number of up spins of dicke(n)');
      if (n < 0 || n > L) throw bad(arg(0), `dicke(n) needs 0 <= n <= L = ${L}, got n = ${n}`);
      return { kind: 'dicke', n };
    }
    case 'product':
      return { kind: 'product', theta: evalReal(origin, arg(0), scope, 'theta'), phi: evalReal(origin, arg(1), scope, 'phi') };
    case 'thermal': {
      const T = evalReal(origin, arg(0), scope, 'the temperature');
      if (T < 0) throw bad(arg(0), `thermal(T) needs T >= 0, got ${T}`);
      return T === 0 ? { kind: 'ground' } : { kind: 'thermal', T };
    }
    case 'random':
    case 'mixed': {
      const seed = evalInteger(origin, arg(0), scope, 'the seed');
      return { kind: e.fn, seed };
    }
    case 'steady':
      if (e.args.length !== 1) throw bad(e, `steady takes one state, as in steady(down); found ${e.args.length} arguments`);
      return { kind: 'steadyFrom', from: evalState(origin, arg(0), scope, L) };
    case 'mix': {
      const p = evalReal(origin, arg(0), scope, 'the weight p of mix(p, s1, s2)');
      if (p < 0 || p > 1) throw bad(arg(0), `mix(p, s1, s2) needs 0 <= p <= 1, got ${p}`);
      return { kind: 'mix', p, a: evalState(origin, arg(1), scope, L), b: evalState(origin, arg(2), scope, L) };
    }
    default:
      throw bad(e, `unknown state '${e.fn}(...)'`);
  }
}

/**
 * A state on v2 sites (model-language v2, "States"): the generic states, `up`/`down` (every spin at
 * m = +s / -s, every mode in its vacuum; none on levels sites) and `basis("0 2 1 0")`, one level
 * index per site in Kronecker order; the qubit states dicke, product, ghz, w are refused.
 *
 * @throws InputError (bad-state) naming what was expected
 */
function evalLayoutState(origin: Origin, e: Expr, scope: Scope, L: number, layout: SiteLayout): StateSpec {
  const bad = (node: Expr, msg: string) => errorAt(origin, node, 'bad-state', msg);
  const qubitOnly = 'is a qubit state; on these sites use ground, top, thermal(T), steady, steady(S), random(seed), mixed(seed), mix(p, s1, s2), up, down or basis("0 1 ...")';
  const sub = (x: Expr) => evalLayoutState(origin, x, scope, L, layout);
  // Sites that are all spin 1/2 (a count other than L): the qubit states of as many qubits.
  const qubits = layout.species.every((sp, i) => layout.counts[i] === 0 || (sp.kind === 'spin' && sp.twoS === 1));
  if (qubits && ((e.kind === 'name' && (e.name === 'ghz' || e.name === 'w')) || (e.kind === 'call' && (e.fn === 'dicke' || e.fn === 'product')))) {
    return evalState(origin, e, scope, layout.dims.length);
  }
  if (e.kind === 'name') {
    if (e.name === 'up' || e.name === 'down') {
      const lv = layout.species.findIndex((sp, i) => sp.kind === 'levels' && layout.counts[i] > 0);
      if (lv >= 0) throw bad(e, `no ${e.name} for levels sites (the species ${layout.species[lv].name}); use basis(...) or ground`);
      return { kind: e.name };
    }
    if (e.name === 'ground' || e.name === 'top' || e.name === 'steady') return { kind: e.name };
    if (e.name === 'ghz' || e.name === 'w') throw bad(e, `${e.name} ${qubitOnly}`);
    throw bad(e, `unknown state '${e.name}'; expected up, down, ground, top, steady, basis("0 1 .."), thermal(T), random(seed), mixed(seed), steady(S) or mix(p, s1, s2)`);
  }
  if (e.kind !== 'call') throw bad(e, 'expected a state such as ground, basis("0 1 0") or mix(p, s1, s2)');
  switch (e.fn) {
    case 'basis': {
      const a = e.args[0];
      const n = layout.dims.length;
      if (a?.kind !== 'str' || !/^\s*\d+(\s+\d+)*\s*$/.test(a.value)) throw bad(a ?? e, `basis takes a string of level indices separated by spaces, one per site (${n} sites), as in basis("${Array.from({ length: Math.min(n, 4) }, () => '0').join(' ')}")`);
      const levels = a.value.trim().split(/\s+/).map(Number);
      if (levels.length !== n) throw bad(a, `basis("${a.value}") has ${levels.length} sites but there are ${n} at L = ${L}`);
      const at = levels.findIndex((v, g) => v >= layout.dims[g]);
      if (at >= 0) throw bad(a, `basis("${a.value}"): site ${at} has levels 0..${layout.dims[at] - 1}, got ${levels[at]}`);
      return { kind: 'levels', levels };
    }
    case 'dicke': case 'product': throw bad(e, `${e.fn}(...) ${qubitOnly}`);
    case 'steady':
      if (e.args.length !== 1) throw bad(e, `steady takes one state, as in steady(down); found ${e.args.length} arguments`);
      return { kind: 'steadyFrom', from: sub(e.args[0]) };
    case 'mix': {
      const p = evalReal(origin, e.args[0], scope, 'the weight p of mix(p, s1, s2)');
      if (p < 0 || p > 1) throw bad(e.args[0], `mix(p, s1, s2) needs 0 <= p <= 1, got ${p}`);
      return { kind: 'mix', p, a: sub(e.args[1]), b: sub(e.args[2]) };
    }
    default:
      return evalState(origin, e, scope, L);
  }
}

/**
 * A state on v2 sites in the product basis of prod dims (mixed radix, site 0 the most significant
 * digit): up / down (spins at m = +s / -s: index 0 / dim - 1; modes in the vacuum, index 0), the
 * levels of basis("..."), the functions of H_S, steady, random(seed) and mixed(seed) (draws of
 * dimension prod dims), mixtures and steady(S).
 *
 * @throws InputError for mixed(seed) beyond {@link maxMixedDimension}
 */
export function realiseOnSites(s: StateSpec, layout: SiteLayout, origin: Origin | null, node: Expr | null): RealisedState {
  return realiseOnSitesIn(float64Vectors, float64Parameters(origin, node), s, layout);
}

/**
 * {@link realiseOnSites} over the field of `vectors`, its parameters (T, p) read from `params`:
 * one realisation on v2 sites for float64 and Decimal (precise/state.ts), as {@link realiseIn} is on qubits.
 *
 * @throws InputError for mixed(seed) beyond {@link maxMixedDimension}
 */
export function realiseOnSitesIn<T, V>(vectors: ProductVectors<T, V>, params: StateParameters<T>, s: StateSpec, layout: SiteLayout): RealisedIn<T, V> {
  const F = vectors.F;
  const dims = layout.dims;
  let n = 1;
  for (const d of dims) n *= d;
  const none = { vectors: [], functions: [], steadyWeight: F.zero };
  const basis = (digit: (g: number) => number): RealisedIn<T, V> => {
    let idx = 0;
    for (let g = 0; g < dims.length; g++) idx = idx * dims[g] + digit(g);
    return { ...none, vectors: [{ weight: F.one, ...vectors.at(n, [[idx, F.one]]) }] };
  };
  const kindOf: string[] = [];
  layout.species.forEach((sp, i) => { for (let k = 0; k < layout.counts[i]; k++) kindOf.push(sp.kind); });
  switch (s.kind) {
    case 'up': return basis(() => 0);
    case 'down': return basis((g) => (kindOf[g] === 'spin' ? dims[g] - 1 : 0));
    case 'levels': return basis((g) => s.levels[g]);
    case 'random': case 'mixed': return vectors.drawn(drawFloat64(s, n, params.origin, params.node));
    case 'mix': {
      const p = params.real(0, 'the weight p of mix(p, s1, s2)', s.p);
      return mixRealised(F, p, realiseOnSitesIn(vectors, params.child(1), s.a, layout), realiseOnSitesIn(vectors, params.child(2), s.b, layout));
    }
    case 'steadyFrom': return { ...none, steadyFrom: [{ weight: F.one, start: realiseOnSitesIn(vectors, params.child(0), s.from, layout) }] };
    // The functions of H_S and steady as on qubits; the qubit states on sites that are all spin 1/2
    // (evalLayoutState lets them through only there): the same basis.
    case 'ground': case 'top': case 'thermal': case 'steady':
    case 'dicke': case 'product': case 'ghz': case 'w': return realiseIn(vectors, params, s, dims.length);
    default: throw new RangeError(`the state ${stateText(s)} is not one of v2 sites`);
  }
}

/** Text of a state spec, for output. */
export function stateText(s: StateSpec): string {
  switch (s.kind) {
    case 'basis': return `basis("${s.bits}")`;
    case 'levels': return `basis("${s.levels.join(' ')}")`;
    case 'dicke': return `dicke(${s.n})`;
    case 'product': return `product(${s.theta}, ${s.phi})`;
    case 'thermal': return `thermal(${s.T})`;
    case 'random': case 'mixed': return `${s.kind}(${s.seed})`;
    case 'mix': return `mix(${s.p}, ${stateText(s.a)}, ${stateText(s.b)})`;
    case 'steadyFrom': return `steady(${stateText(s.from)})`;
    default: return s.kind;
  }
}

/** Whether a state lives in the symmetric sector (up, down, dicke, product, ghz, w, steady, mixes of them). */
export function isSymmetricState(s: StateSpec): boolean {
  switch (s.kind) {
    case 'up': case 'down': case 'dicke': case 'product': case 'ghz': case 'w': case 'steady': return true;
    case 'mix': return isSymmetricState(s.a) && isSymmetricState(s.b);
    case 'steadyFrom': return isSymmetricState(s.from);
    default: return false;
  }
}

/** Why a state needs the full space, or null. */
export function nonSymmetricPart(s: StateSpec): string | null {
  if (s.kind === 'mix') return nonSymmetricPart(s.a) ?? nonSymmetricPart(s.b);
  if (s.kind === 'steadyFrom') return nonSymmetricPart(s.from);
  return isSymmetricState(s) ? null : stateText(s);
}

/** A function of H_S over a field (the temperature of thermal(T) in it). */
export type FunctionOfHIn<T> = { readonly kind: 'ground' | 'top' } | { readonly kind: 'thermal'; readonly T: T };

/**
 * A state realised over the field T: weighted pure vectors in the representation V (float64
 * re/im arrays, Decimal amplitudes), weighted functions of H_S, the weight of `steady` and the
 * steady(S) parts (`RealisedState` and precise/state.ts `PreciseRealisedState` are its two instances).
 */
export interface RealisedIn<T, V> {
  readonly vectors: ({ weight: T } & V)[];
  readonly functions: { weight: T; f: FunctionOfHIn<T> }[];
  readonly steadyWeight: T;
  readonly steadyFrom?: readonly { readonly weight: T; readonly start: RealisedIn<T, V> }[];
}

/** Where a realisation reads a state's parameters (theta, phi, T, p) and its sub-states'. */
export interface StateParameters<T> {
  readonly origin: Origin | null;
  /** The state's expression (for errors), null when none. */
  readonly node: Expr | null;
  /** Parameter i of the state in the field; `value` is its float64 value in the spec. */
  real(i: number, what: string, value: number): T;
  /** The parameters of sub-state i (mix: 1 and 2, steady(S): 0). */
  child(i: number): StateParameters<T>;
}

/** How one representation makes the pure vectors of the product basis of 2^L. */
export interface ProductVectors<T, V> {
  readonly F: ElementaryField<T>;
  /** The vector of n amplitudes with amplitude a at index i for each [i, a], zero elsewhere. */
  at(n: number, entries: readonly (readonly [number, T])[]): V;
  /** The vector with amplitude amps[d] at each index of 2^L with d down spins. */
  byDowns(L: number, amps: readonly Complex<T>[]): V;
  /** random(seed), mixed(seed): the float64 draw `r` in this representation. */
  drawn(r: RealisedState): RealisedIn<T, V>;
}

/** mix(p, a, b) of two realisations (product or Dicke basis): a's parts weighted p, b's 1 - p, parts of weight 0 dropped. */
export function mixRealised<T, V>(F: Field<T>, p: T, a: RealisedIn<T, V>, b: RealisedIn<T, V>): RealisedIn<T, V> {
  const q = F.sub(F.one, p);
  const scaled = <X extends { weight: T }>(xs: readonly X[], w: T): X[] => xs.map((x) => ({ ...x, weight: F.mul(x.weight, w) }));
  const both = <X extends { weight: T }>(xa: readonly X[], xb: readonly X[]): X[] =>
    [...scaled(xa, p), ...scaled(xb, q)].filter((x) => F.cmp(x.weight, F.zero) !== 0);
  const steadyFrom = both(a.steadyFrom ?? [], b.steadyFrom ?? []);
  return {
    vectors: both(a.vectors, b.vectors),
    functions: both(a.functions, b.functions),
    steadyWeight: F.add(F.mul(p, a.steadyWeight), F.mul(q, b.steadyWeight)),
    ...(steadyFrom.length > 0 ? { steadyFrom } : {}),
  };
}

/** Whether a state mentions `steady` or `steady(S)` (it then needs the method's generator). */
export function mentionsSteady(s: StateSpec): boolean {
  return s.kind === 'steady' || s.kind === 'steadyFrom' || (s.kind === 'mix' && (mentionsSteady(s.a) || mentionsSteady(s.b)));
}

/** Largest dimension for which mixed(seed) is realised (it has full rank: dim vectors of dim entries). */
export const maxMixedDimension = 4096;

/**
 * The state in the product basis of 2^L (site 0 is the most significant bit; bit 0 = u) over the
 * field of `vectors`, its parameters read from `params`: one realisation for float64 and Decimal.
 * random(seed) and mixed(seed) are float64 draws by definition, handed to `vectors.drawn`.
 *
 * @throws InputError for mixed(seed) beyond {@link maxMixedDimension}
 */
export function realiseIn<T, V>(vectors: ProductVectors<T, V>, params: StateParameters<T>, s: StateSpec, L: number): RealisedIn<T, V> {
  const F = vectors.F;
  const n = 2 ** L;
  const none = { vectors: [], functions: [], steadyWeight: F.zero };
  const pure = (v: V): RealisedIn<T, V> => ({ ...none, vectors: [{ weight: F.one, ...v }] });
  const at = (entries: [number, T][]) => pure(vectors.at(n, entries));
  switch (s.kind) {
    case 'up': return at([[0, F.one]]);
    case 'down': return at([[n - 1, F.one]]);
    case 'ghz': {
      const a = F.sqrt(F.fromRational(1, 2));
      return L === 0 ? at([[0, F.one]]) : at([[0, a], [n - 1, a]]);
    }
    case 'basis': {
      let idx = 0;
      for (let k = 0; k < L; k++) if (s.bits[k] === 'd') idx |= 1 << (L - 1 - k);
      return at([[idx, F.one]]);
    }
    case 'w':
    case 'dicke': {
      const downs = L - (s.kind === 'dicke' ? s.n : 1);
      const a = F.div(F.one, F.sqrt(F.fromNumber(binomial(L, downs))));
      const zero = { re: F.zero, im: F.zero };
      return pure(vectors.byDowns(L, Array.from({ length: L + 1 }, (_, d) => (d === downs ? { re: a, im: F.zero } : zero))));
    }
    case 'product': {
      const theta = params.real(0, 'theta', s.theta), phi = params.real(1, 'phi', s.phi);
      const half = F.div(theta, F.fromRational(2, 1));
      const cu = F.cos(half), sd = F.sin(half);
      const amps = Array.from({ length: L + 1 }, (_, downs) => {
        const mag = F.mul(F.pow(cu, F.fromNumber(L - downs)), F.pow(sd, F.fromNumber(downs)));
        const ph = F.mul(phi, F.fromNumber(downs));
        return { re: F.mul(mag, F.cos(ph)), im: F.mul(mag, F.sin(ph)) };
      });
      return pure(vectors.byDowns(L, amps));
    }
    case 'ground': case 'top':
      return { ...none, functions: [{ weight: F.one, f: { kind: s.kind } }] };
    case 'thermal':
      return { ...none, functions: [{ weight: F.one, f: { kind: 'thermal', T: params.real(0, 'the temperature', s.T) } }] };
    case 'steady':
      return { ...none, steadyWeight: F.one };
    case 'random': case 'mixed':
      return vectors.drawn(drawFloat64(s, 2 ** L, params.origin, params.node));
    case 'mix': {
      const p = params.real(0, 'the weight p of mix(p, s1, s2)', s.p);
      return mixRealised(F, p, realiseIn(vectors, params.child(1), s.a, L), realiseIn(vectors, params.child(2), s.b, L));
    }
    case 'steadyFrom':
      return { ...none, steadyFrom: [{ weight: F.one, start: realiseIn(vectors, params.child(0), s.from, L) }] };
    case 'levels':
      throw new RangeError(`${stateText(s)} is a state of v2 sites (engine/states realiseOnSites), not of L qubits`);
  }
}

/** random(seed): a Gaussian vector, normalised; mixed(seed): Hilbert-Schmidt measure. */
function drawFloat64(s: { readonly kind: 'random' | 'mixed'; readonly seed: number }, n: number, origin: Origin | null, node: Expr | null): RealisedState {
  if (s.kind === 'mixed' && n > maxMixedDimension) {
    const msg = `mixed(seed) has full rank: it needs ${n} vectors of ${n} amplitudes (${gibText(2 * Math.log2(n) + 4)} GiB); use ${Number.isInteger(Math.log2(n)) ? `L <= ${Math.log2(maxMixedDimension)}` : `a dimension of at most ${maxMixedDimension}`}`;
    if (origin && node) throw errorAt(origin, node, 'bad-state', msg);
    throw new RangeError(msg);
  }
  // mixed: rho = G G^+ / Tr, G complex Ginibre; rho = sum_k g_k g_k^+ / Tr.
  const g = gaussian(mulberry32(s.seed));
  const cols: { weight: number; re: Float64Array; im: Float64Array }[] = [];
  let total = 0;
  for (let k = 0; k < (s.kind === 'random' ? 1 : n); k++) {
    const re = new Float64Array(n), im = new Float64Array(n);
    let norm = 0;
    for (let i = 0; i < n; i++) { re[i] = g(); im[i] = g(); norm += re[i] ** 2 + im[i] ** 2; }
    const f = 1 / Math.sqrt(norm);
    for (let i = 0; i < n; i++) { re[i] *= f; im[i] *= f; }
    cols.push({ weight: norm, re, im });
    total += norm;
  }
  if (s.kind === 'random') cols[0].weight = 1;
  else for (const c of cols) c.weight /= total;
  return { vectors: cols, functions: [], steadyWeight: 0 };
}

/** float64 vectors: re and im as typed arrays. */
const float64Vectors: ProductVectors<number, { re: Float64Array; im: Float64Array }> = {
  F: float64Elementary,
  at(n, entries) {
    const re = new Float64Array(n), im = new Float64Array(n);
    for (const [i, a] of entries) re[i] = a;
    return { re, im };
  },
  byDowns(L, amps) {
    const n = 2 ** L;
    const re = new Float64Array(n), im = new Float64Array(n);
    for (let i = 0; i < n; i++) { const a = amps[popcount(i)]; re[i] = a.re; im[i] = a.im; }
    return { re, im };
  },
  drawn: (r) => r,
};

/** The parameters of a float64 realisation: the spec's own values. */
function float64Parameters(origin: Origin | null, node: Expr | null): StateParameters<number> {
  const params: StateParameters<number> = { origin, node, real: (_i, _what, value) => value, child: () => params };
  return params;
}

/**
 * The state in the product basis of 2^L in float64 (site 0 is the most significant bit; bit 0 = u).
 *
 * @throws InputError for mixed(seed) beyond {@link maxMixedDimension}
 */
export function realiseProduct(s: StateSpec, L: number, origin: Origin | null, node: Expr | null): RealisedState {
  return realiseIn(float64Vectors, float64Parameters(origin, node), s, L);
}

/** C(L, k), exact for the L of the product basis. */
function binomial(L: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (L - k + i)) / i;
  return c;
}

/** The number of set bits of x >= 0 (the down spins of a product-basis index). */
export function popcount(x: number): number {
  let c = 0;
  while (x) { x &= x - 1; c++; }
  return c;
}
