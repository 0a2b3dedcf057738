/**
 * A model family instantiated at one L: the scope of params and L, and the channels with `each`
 * entries expanded (k = 0..L-1, in file order) and their baths evaluated.
 */
import type { BathSpec, Expr, LocatedExpr, ModelSpec } from '../lang/index.js';
import { InputError } from '../lang/index.js';
import { evalState, type StateSpec } from './states.js';
import { flatSpectrum, ohmicSpectrum, type Spectrum } from '../numeric/index.js';
import { errorAt, type Origin } from '../lang/index.js';
import { evalReal, type ValueScope as Scope } from '../symbolic/index.js';

/** One channel at a given L. */
export interface ChannelInstance {
  /** Position in the file's channel list. */
  readonly entry: number;
  /** The site of an `each` entry, or null. */
  readonly k: number | null;
  readonly origin: Origin;
  readonly scope: Scope;
  readonly gamma: Spectrum;
  /** Where a negative custom spectrum is reported. */
  readonly gammaOrigin: Origin | null;
  /** The bath as written (the precise engine evaluates it again in Decimal). */
  readonly bath: BathSpec;
  /** The bound index name of an `each` entry, or null. */
  readonly index: string | null;
}

/** The model at one L. */
export interface Instance {
  readonly model: ModelSpec;
  readonly L: number;
  readonly scope: Scope;
  readonly H: Origin;
  readonly channels: readonly ChannelInstance[];
}

/**
 * Instantiates a model family at L.
 *
 * @throws InputError for bath fields that are not real, negative rates or temperatures
 */
export function instantiate(model: ModelSpec, L: number): Instance {
  const scope = new Map<string, number>();
  for (const p of model.params) scope.set(p.name, p.value);
  scope.set('L', L);
  const channels: ChannelInstance[] = [];
  model.channels.forEach((ch, entry) => {
    const origin: Origin = { file: model.file, located: ch.A };
    if (ch.each) {
      for (let k = 0; k < L; k++) {
        const s = new Map(scope).set(ch.each, k);
        channels.push({ entry, k, origin, scope: s, bath: ch.bath, index: ch.each, ...spectrum(model.file, ch.bath, s) });
      }
    } else {
      channels.push({ entry, k: null, origin, scope, bath: ch.bath, index: null, ...spectrum(model.file, ch.bath, scope) });
    }
  });
  return { model, L, scope, H: { file: model.file, located: model.H }, channels };
}

function spectrum(file: string, bath: BathSpec, scope: Scope): { gamma: Spectrum; gammaOrigin: Origin | null } {
  const field = (name: 'rate' | 'T' | 'wc', fallback: number | null): number => {
    const located = bath[name];
    if (!located) {
      if (fallback === null) throw new RangeError(`bath.${name} missing after checking`);
      return fallback;
    }
    const origin: Origin = { file, located };
    const v = evalReal(origin, located.expr, scope, `the bath's ${name}`);
    if (v < 0) throw errorAt(origin, located.expr, name === 'rate' ? 'negative-rate' : 'bad-bath', `the bath's ${name} must be >= 0, got ${v}`);
    if (name === 'wc' && v === 0) throw errorAt(origin, located.expr, 'bad-bath', 'the cutoff wc must be > 0');
    return v;
  };
  switch (bath.spectrum) {
    case 'flat': return { gamma: flatSpectrum(field('rate', null), field('T', 0)), gammaOrigin: null };
    case 'ohmic': return { gamma: ohmicSpectrum(field('rate', null), field('T', 0), field('wc', null)), gammaOrigin: null };
    case 'custom': {
      const located = bath.gamma!;
      const origin: Origin = { file, located };
      const inner = new Map(scope);
      const expr: Expr = located.expr;
      // Evaluating the expression tree is slow next to the kernel's loops: memoise per frequency.
      const memo = new Map<number, number>();
      return {
        gamma: (w: number) => {
          let v = memo.get(w);
          if (v === undefined) {
            inner.set('w', w);
            v = evalReal(origin, expr, inner, 'gamma(w)');
            if (memo.size < 1 << 20) memo.set(w, v);
          }
          return v;
        },
        gammaOrigin: origin,
      };
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
  return { inst, located, stateOrigin, spec: evalState(stateOrigin, located.expr, inst.scope, L) };
}
