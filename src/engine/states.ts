/**
 * States: the state expression evaluated at L (model-language.md, "States"), then realised in the
 * representation a method uses (product basis of 2^L, or the Dicke basis of the symmetric sector).
 */
import type { Expr } from '../lang/index.js';
import { coherentDickeAmplitudes, gaussian, mulberry32 } from '../numeric/index.js';
import { errorAt, type Origin } from '../lang/index.js';
import { evalInteger, evalReal, type ValueScope as Scope } from '../symbolic/index.js';

/** A state evaluated at L, independent of representation. */
export type StateSpec =
  | { readonly kind: 'up' | 'down' | 'ghz' | 'w' | 'ground' | 'top' | 'steady' }
  /** steady(S): the long-time limit of the Davies evolution started in S. */
  | { readonly kind: 'steadyFrom'; readonly from: StateSpec }
  | { readonly kind: 'basis'; readonly bits: string }
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
export function evalState(origin: Origin, e: Expr, scope: Scope, L: number): StateSpec {
  const bad = (node: Expr, msg: string) => errorAt(origin, node, 'bad-state', msg);
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

/** Text of a state spec, for output. */
export function stateText(s: StateSpec): string {
  switch (s.kind) {
    case 'basis': return `basis("${s.bits}")`;
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

function merge(p: number, a: RealisedState, b: RealisedState): RealisedState {
  const sv = (x: RealisedState, w: number) => x.vectors.map((v) => ({ ...v, weight: v.weight * w }));
  const sf = (x: RealisedState, w: number) => x.functions.map((f) => ({ ...f, weight: f.weight * w }));
  const ss = (x: RealisedState, w: number) => (x.steadyFrom ?? []).map((f) => ({ ...f, weight: f.weight * w }));
  const steadyFrom = [...ss(a, p), ...ss(b, 1 - p)].filter((f) => f.weight > 0);
  return {
    vectors: [...sv(a, p), ...sv(b, 1 - p)].filter((v) => v.weight > 0),
    functions: [...sf(a, p), ...sf(b, 1 - p)].filter((f) => f.weight > 0),
    steadyWeight: p * a.steadyWeight + (1 - p) * b.steadyWeight,
    ...(steadyFrom.length > 0 ? { steadyFrom } : {}),
  };
}

/** steady(S) with S realised. */
function steadyFromState(start: RealisedState): RealisedState {
  return { vectors: [], functions: [], steadyWeight: 0, steadyFrom: [{ weight: 1, start }] };
}

/** Whether a state mentions `steady` or `steady(S)` (it then needs the method's generator). */
export function mentionsSteady(s: StateSpec): boolean {
  return s.kind === 'steady' || s.kind === 'steadyFrom' || (s.kind === 'mix' && (mentionsSteady(s.a) || mentionsSteady(s.b)));
}

function pure(re: Float64Array, im: Float64Array): RealisedState {
  return { vectors: [{ weight: 1, re, im }], functions: [], steadyWeight: 0 };
}

/** Largest dimension for which mixed(seed) is realised (it has full rank: dim vectors of dim entries). */
export const maxMixedDimension = 4096;

/**
 * The state in the product basis of 2^L (site 0 is the most significant bit; bit 0 = u).
 *
 * @throws InputError for mixed(seed) beyond {@link maxMixedDimension}
 */
export function realiseProduct(s: StateSpec, L: number, origin: Origin | null, node: Expr | null): RealisedState {
  const n = 2 ** L;
  const basisVec = (indices: number[], amp: number): RealisedState => {
    const re = new Float64Array(n), im = new Float64Array(n);
    for (const i of indices) re[i] = amp;
    return pure(re, im);
  };
  switch (s.kind) {
    case 'up': return basisVec([0], 1);
    case 'down': return basisVec([n - 1], 1);
    case 'ghz': return L === 0 ? basisVec([0], 1) : basisVec([0, n - 1], Math.SQRT1_2);
    case 'basis': {
      let idx = 0;
      for (let k = 0; k < L; k++) if (s.bits[k] === 'd') idx |= 1 << (L - 1 - k);
      return basisVec([idx], 1);
    }
    case 'w':
    case 'dicke': {
      const ups = s.kind === 'dicke' ? s.n : 1;
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if (L - popcount(i) === ups) idx.push(i);
      return basisVec(idx, 1 / Math.sqrt(idx.length));
    }
    case 'product': {
      const re = new Float64Array(n), im = new Float64Array(n);
      const cu = Math.cos(s.theta / 2), sd = Math.sin(s.theta / 2);
      for (let i = 0; i < n; i++) {
        const downs = popcount(i);
        const mag = Math.pow(cu, L - downs) * Math.pow(sd, downs);
        re[i] = mag * Math.cos(downs * s.phi);
        im[i] = mag * Math.sin(downs * s.phi);
      }
      return pure(re, im);
    }
    case 'ground': case 'top':
      return { vectors: [], functions: [{ weight: 1, f: { kind: s.kind } }], steadyWeight: 0 };
    case 'thermal':
      return { vectors: [], functions: [{ weight: 1, f: s }], steadyWeight: 0 };
    case 'steady':
      return { vectors: [], functions: [], steadyWeight: 1 };
    case 'random': {
      const g = gaussian(mulberry32(s.seed));
      const re = new Float64Array(n), im = new Float64Array(n);
      let norm = 0;
      for (let i = 0; i < n; i++) { re[i] = g(); im[i] = g(); norm += re[i] ** 2 + im[i] ** 2; }
      const f = 1 / Math.sqrt(norm);
      for (let i = 0; i < n; i++) { re[i] *= f; im[i] *= f; }
      return pure(re, im);
    }
    case 'mixed': {
      if (n > maxMixedDimension) {
        const msg = `mixed(seed) has full rank: it needs ${n} vectors of ${n} amplitudes (${((n * n * 16) / 2 ** 30).toFixed(1)} GiB); use L <= ${Math.log2(maxMixedDimension)}`;
        if (origin && node) throw errorAt(origin, node, 'bad-state', msg);
        throw new RangeError(msg);
      }
      // Hilbert-Schmidt measure: rho = G G^+ / Tr, G complex Ginibre; rho = sum_k g_k g_k^+ / Tr.
      const g = gaussian(mulberry32(s.seed));
      const cols: { weight: number; re: Float64Array; im: Float64Array }[] = [];
      let total = 0;
      for (let k = 0; k < n; k++) {
        const re = new Float64Array(n), im = new Float64Array(n);
        let norm = 0;
        for (let i = 0; i < n; i++) { re[i] = g(); im[i] = g(); norm += re[i] ** 2 + im[i] ** 2; }
        const f = 1 / Math.sqrt(norm);
        for (let i = 0; i < n; i++) { re[i] *= f; im[i] *= f; }
        cols.push({ weight: norm, re, im });
        total += norm;
      }
      for (const c of cols) c.weight /= total;
      return { vectors: cols, functions: [], steadyWeight: 0 };
    }
    case 'mix':
      return merge(s.p, realiseProduct(s.a, L, origin, node), realiseProduct(s.b, L, origin, node));
    case 'steadyFrom':
      return steadyFromState(realiseProduct(s.from, L, origin, node));
  }
}

/** The state in the Dicke basis of the symmetric sector (index = number of up spins). */
export function realiseDicke(s: StateSpec, L: number): RealisedState {
  const n = L + 1;
  const at = (entries: [number, number][]): RealisedState => {
    const re = new Float64Array(n), im = new Float64Array(n);
    for (const [i, a] of entries) re[i] += a;
    return pure(re, im);
  };
  switch (s.kind) {
    case 'up': return at([[L, 1]]);
    case 'down': return at([[0, 1]]);
    case 'ghz': return L === 0 ? at([[0, 1]]) : at([[L, Math.SQRT1_2], [0, Math.SQRT1_2]]);
    case 'w': return at([[1, 1]]);
    case 'dicke': return at([[s.n, 1]]);
    case 'product': {
      const [re, im] = coherentDickeAmplitudes(L, s.theta, s.phi);
      return pure(re, im);
    }
    case 'steady': return { vectors: [], functions: [], steadyWeight: 1 };
    case 'mix': return merge(s.p, realiseDicke(s.a, L), realiseDicke(s.b, L));
    case 'steadyFrom': return steadyFromState(realiseDicke(s.from, L));
    default: throw new RangeError(`${stateText(s)} is not a state of the symmetric sector`);
  }
}

function popcount(x: number): number {
  let c = 0;
  while (x) { x &= x - 1; c++; }
  return c;
}
