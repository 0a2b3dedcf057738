/**
 * A model family instantiated at one L, over a number field: the scope of params and L, and the
 * channels with `each` entries expanded (k = 0..L-1, in file order) and their baths evaluated,
 * with every range check of a bath field. Written once ({@link instantiateIn} and its pieces
 * {@link scopeIn}, {@link channelScopeIn}, {@link spectrumIn}); float64 ({@link instantiate}) and
 * decimal.js (engine/precise/basis `preciseScope`, `channelScope`, `spectrumOf`) are its two
 * instances, and the same bad input fails with the same InputError (code, place, message) in both.
 */
import type { BathSpec, LocatedExpr, ModelSpec } from '../lang/index.js';
import { InputError, childrenOf, type Expr } from '../lang/index.js';
import { evalState, type StateSpec } from './states.js';
import { flatSpectrumIn, float64Bath, ohmicSpectrumIn, type BathField, type Spectrum, type SpectrumOver } from '../numeric/index.js';
import { errorAt, type Origin } from '../lang/index.js';
import { evalRealIn, isQubitLayout, siteLayout, type FieldScope, type SiteLayout } from '../symbolic/index.js';

/** One channel at a given L, its scope and spectrum over the field of T. */
export interface ChannelInstanceIn<T> {
  /** Position in the file's channel list. */
  readonly entry: number;
  /** The site of an `each` entry, or null. */
  readonly k: number | null;
  readonly origin: Origin;
  readonly scope: FieldScope<T>;
  readonly gamma: SpectrumOver<T>;
  /** Where a negative custom spectrum is reported. */
  readonly gammaOrigin: Origin | null;
  /** The bath as written. */
  readonly bath: BathSpec;
  /** The bound index name of an `each` entry, or null. */
  readonly index: string | null;
}

/** One channel at a given L in float64. */
export type ChannelInstance = ChannelInstanceIn<number>;

/** The model at one L over the field of T. */
export interface InstanceIn<T> {
  readonly model: ModelSpec;
  readonly L: number;
  readonly scope: FieldScope<T>;
  readonly H: Origin;
  readonly channels: readonly ChannelInstanceIn<T>[];
  /**
   * v2 sites (`sites:`) at this L, when they are not L qubits: the species' counts, offsets and
   * every site's dimension. Absent for v1 models and for v2 models of one spin-1/2 species of L
   * sites, which are v1 models (every method applies).
   */
  readonly layout?: SiteLayout;
}

/** The model at one L in float64. */
export type Instance = InstanceIn<number>;

/**
 * A cache put around a custom spectrum (the expression tree is slow next to a kernel's loops), or
 * none. Values never change: a cache only saves evaluations.
 */
export type SpectrumCache<T> = (gamma: SpectrumOver<T>) => SpectrumOver<T>;

/** float64's cache of a custom spectrum: one entry per frequency, up to 2^20 of them. */
function memoiseByValue(gamma: Spectrum): Spectrum {
  const memo = new Map<number, number>();
  return (w: number) => {
    let v = memo.get(w);
    if (v === undefined) {
      v = gamma(w);
      if (memo.size < 1 << 20) memo.set(w, v);
    }
    return v;
  };
}

/**
 * Instantiates a model family at L over the bath field F (float64: {@link instantiate}).
 *
 * @param cache put around each custom spectrum (float64: a cache by value); none by default
 * @throws InputError for bath fields that are not real, negative rates or temperatures, a cutoff wc of 0
 * @example
 * instantiateIn(decimalBath(decimalContext(40)), model, 3).channels[0].gamma(new D(1))
 */
export function instantiateIn<T>(F: BathField<T>, model: ModelSpec, L: number, cache?: SpectrumCache<T>): InstanceIn<T> {
  const scope = scopeIn(F, model, L);
  const channels: ChannelInstanceIn<T>[] = [];
  model.channels.forEach((ch, entry) => {
    const origin: Origin = { file: model.file, located: ch.A };
    const index = ch.each;
    // A bath that does not name the entry's index is the same at every site: evaluated (and
    // checked) once, at the first, and its spectrum shared by the entry's channels.
    const perSite = index !== null && bathMentions(ch.bath, index);
    let shared: ReturnType<typeof spectrumIn<T>> | null = null;
    for (let k = 0; k < (index === null ? 1 : L); k++) {
      const at = index === null ? null : k;
      const s = channelScopeIn(F, scope, index, at);
      const spectrum = perSite ? spectrumIn(F, model.file, ch.bath, s, cache) : (shared ??= spectrumIn(F, model.file, ch.bath, s, cache));
      channels.push({ entry, k: at, origin, scope: s, bath: ch.bath, index, gamma: spectrum.gamma, gammaOrigin: spectrum.gammaOrigin });
    }
  });
  const layout = layoutIn(F, model, L, scope);
  return { model, L, scope, H: { file: model.file, located: model.H }, channels, ...(layout ? { layout } : {}) };
}

/**
 * The v2 sites of a model at L (each species' `count` evaluated: an integer >= 0, else bad-sites at
 * its key), or null for a v1 model and for L qubits (one spin-1/2 species of L sites).
 *
 * @throws InputError (bad-sites) at a count that is not an integer >= 0
 */
export function layoutIn<T>(F: BathField<T>, model: ModelSpec, L: number, scope: FieldScope<T> = scopeIn(F, model, L)): SiteLayout | null {
  if (!model.sites) return null;
  const counts = model.sites.map((sp) => {
    if (sp.count === null) return L;
    const origin: Origin = { file: model.file, located: sp.count };
    const v = F.toNumber(evalRealIn(F, origin, sp.count.expr, scope, `the count of the species ${sp.name}`));
    if (!Number.isInteger(v) || v < 0) throw errorAt(origin, sp.count.expr, 'bad-sites', `the count of the species ${sp.name} must be an integer >= 0 at L = ${L}, got ${shownNumber(v)}`);
    return v;
  });
  const layout = siteLayout(model.sites, counts);
  return isQubitLayout(layout, L) ? null : layout;
}

/** A count in a message: six significant digits. */
function shownNumber(v: number): string {
  return String(+v.toPrecision(6));
}

/** Whether a name occurs anywhere in a bath's fields (a binder of the same name counts too: never missed). */
function bathMentions(bath: BathSpec, name: string): boolean {
  const stack: Expr[] = [];
  for (const f of [bath.rate, bath.T, bath.wc, bath.gamma]) if (f) stack.push(f.expr);
  while (stack.length > 0) {
    const e = stack.pop()!;
    if ((e.kind === 'name' && e.name === name) || (e.kind === 'binder' && e.index === name)) return true;
    stack.push(...childrenOf(e));
  }
  return false;
}

/**
 * Instantiates a model family at L in float64.
 *
 * @throws InputError for bath fields that are not real, negative rates or temperatures, a cutoff wc of 0
 */
export function instantiate(model: ModelSpec, L: number): Instance {
  return instantiateIn(float64Bath, model, L, memoiseByValue);
}

/**
 * The value of a param over F: its exact text (`0.1` is 1/10 in decimal.js, the nearest double in
 * float64), or the shortest decimal of its value when the text does not denote the value (a value
 * set without its text, as scaling's counterexample check does).
 */
function paramIn<T>(F: BathField<T>, p: ModelSpec['params'][number]): T {
  return F.fromText(Number(p.text) === p.value ? p.text.trim() : String(p.value));
}

/** The scope of params and L over F. */
export function scopeIn<T>(F: BathField<T>, model: ModelSpec, L: number): Map<string, T> {
  const scope = new Map<string, T>();
  for (const p of model.params) scope.set(p.name, paramIn(F, p));
  scope.set('L', F.fromNumber(L));
  return scope;
}

/**
 * The scope of one channel: with its `each` index bound to the site k (the scope itself when it
 * has none). The same names, values and order as `new Map(scope).set(index, k)`, without copying
 * the scope per channel (an `each` entry at L = 10^5 makes 10^5 of them).
 */
export function channelScopeIn<T>(F: BathField<T>, scope: FieldScope<T>, index: string | null, k: number | null): FieldScope<T> {
  return index === null || k === null ? scope : new BoundScope(scope, index, F.fromNumber(k));
}

/**
 * A scope with one name bound on top of another, read only: as `new Map(parent).set(name, value)`
 * (a name of the parent keeps its place and takes the value; a new one comes last).
 */
class BoundScope<T> implements ReadonlyMap<string, T> {
  constructor(private readonly parent: FieldScope<T>, private readonly name: string, private readonly value: T) {}

  get size(): number { return this.parent.has(this.name) ? this.parent.size : this.parent.size + 1; }
  get(key: string): T | undefined { return key === this.name ? this.value : this.parent.get(key); }
  has(key: string): boolean { return key === this.name || this.parent.has(key); }

  *entries(): MapIterator<[string, T]> {
    for (const [key, v] of this.parent) yield [key, key === this.name ? this.value : v];
    if (!this.parent.has(this.name)) yield [this.name, this.value];
  }

  *keys(): MapIterator<string> { for (const [key] of this.entries()) yield key; }
  *values(): MapIterator<T> { for (const [, v] of this.entries()) yield v; }
  [Symbol.iterator](): MapIterator<[string, T]> { return this.entries(); }

  forEach(f: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
    for (const [key, v] of this.entries()) f.call(thisArg, v, key, this);
  }
}

/** A number in an input error's message: six significant digits, the same in every field. */
function shown<T>(F: BathField<T>, v: T): string {
  return String(+F.toNumber(v).toPrecision(6));
}

/**
 * gamma(w) of a bath over F, with its fields checked: rate, T >= 0 and wc > 0 (T absent is 0);
 * a custom spectrum is evaluated at each w (through `cache`), its values checked by the kernel.
 *
 * @throws InputError (negative-rate at the rate, bad-bath at T or wc, and the evaluator's errors) at the field
 */
export function spectrumIn<T>(F: BathField<T>, file: string, bath: BathSpec, scope: FieldScope<T>, cache?: SpectrumCache<T>): { gamma: SpectrumOver<T>; gammaOrigin: Origin | null } {
  const field = (name: 'rate' | 'T' | 'wc', absent: 'zero' | 'required'): T => {
    const located = bath[name];
    if (!located) {
      if (absent === 'required') throw new RangeError(`bath.${name} missing after checking`);
      return F.zero;
    }
    const origin: Origin = { file, located };
    const v = evalRealIn(F, origin, located.expr, scope, `the bath's ${name}`);
    if (F.cmp(v, F.zero) < 0) throw errorAt(origin, located.expr, name === 'rate' ? 'negative-rate' : 'bad-bath', `the bath's ${name} must be >= 0, got ${shown(F, v)}`);
    if (name === 'wc' && F.isZero(v)) throw errorAt(origin, located.expr, 'bad-bath', 'the cutoff wc must be > 0');
    return v;
  };
  switch (bath.spectrum) {
    case 'flat': return { gamma: flatSpectrumIn(F, field('rate', 'required'), field('T', 'zero')), gammaOrigin: null };
    case 'ohmic': return { gamma: ohmicSpectrumIn(F, field('rate', 'required'), field('T', 'zero'), field('wc', 'required')), gammaOrigin: null };
    case 'custom': {
      const located = bath.gamma!;
      const origin: Origin = { file, located };
      const inner = new Map(scope);
      const gamma = (w: T): T => { inner.set('w', w); return evalRealIn(F, origin, located.expr, inner, 'gamma(w)'); };
      return { gamma: cache ? cache(gamma) : gamma, gammaOrigin: origin };
    }
  }
}

/** A model at L with its state evaluated (the model's own, or the one given instead). */
export interface StatedInstance {
  readonly inst: Instance;
  readonly located: LocatedExpr;
  readonly stateOrigin: Origin;
  readonly spec: StateSpec;
}

/**
 * Checks L, instantiates the model and evaluates its state (or `opts.state`, from `opts.stateFile`).
 *
 * @throws InputError for a bad L, a missing state, errors in the model or the state at L
 */
export function instantiateWithState(model: ModelSpec, L: number, opts: { readonly state?: LocatedExpr | null; readonly stateFile?: string } = {}): StatedInstance {
  if (!Number.isInteger(L) || L < 1) {
    throw new InputError({ code: 'bad-usage', file: '<command line>', key: '--L', line: 0, column: 0, token: String(L), message: `L must be an integer >= 1, got ${L}` });
  }
  const inst = instantiate(model, L);
  const located = opts.state ?? model.state;
  if (!located) {
    throw new InputError({ code: 'missing-key', file: model.file, key: 'state', line: 1, column: 1, token: '', message: 'the model names no state: add `state:` to the file or pass --state' });
  }
  const stateOrigin: Origin = { file: opts.state ? (opts.stateFile ?? '<command line>') : model.file, located };
  return { inst, located, stateOrigin, spec: evalState(stateOrigin, located.expr, inst.scope, L, inst.layout) };
}
