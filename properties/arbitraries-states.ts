/**
 * States of random models (model-language.md, "States"), as structured values printed into the
 * model file. Every bound holds for every state (physics.md section 5), so states are random too.
 */
import fc from 'fast-check';

/** The state forms of the model language. */
export type StateKind =
  | 'up' | 'down' | 'ghz' | 'w' | 'ground' | 'top' | 'basis' | 'dicke' | 'product' | 'thermal' | 'random' | 'mixed' | 'steady' | 'mix';

/** Every state kind, the simplest first. */
export const STATE_KINDS: readonly StateKind[] = [
  'up', 'down', 'ghz', 'w', 'ground', 'top', 'basis', 'dicke', 'product', 'thermal', 'random', 'mixed', 'steady', 'mix',
];

/**
 * State kinds confined to the symmetric sector (computable by the symmetric method at any L).
 * `steady` there means the steady state of the sector reached from `down`.
 */
export const SYMMETRIC_STATE_KINDS: readonly StateKind[] = ['up', 'down', 'ghz', 'w', 'dicke', 'product', 'steady', 'mix'];

/** Texts of n for dicke(n), valid (0 <= n <= L) at every L >= 1. */
export const DICKE_COUNTS: readonly string[] = ['0', 'floor(L/2)', 'L', 'min(1, L)', 'ceil(L/2)', 'floor(L/3)', 'L-1'];

/** A state as a structured value (angles in units of pi/8, temperatures in units of 1/4, p in units of 1/8). */
export type StateSample =
  | { readonly kind: 'up' | 'down' | 'ghz' | 'w' | 'ground' | 'top' | 'steady' }
  | { readonly kind: 'basis'; readonly bits: readonly ('u' | 'd')[] }
  | { readonly kind: 'dicke'; readonly n: string }
  | { readonly kind: 'product'; readonly theta: number; readonly phi: number }
  | { readonly kind: 'thermal'; readonly T: number }
  | { readonly kind: 'random' | 'mixed'; readonly seed: number }
  | { readonly kind: 'mix'; readonly p: number; readonly a: StateSample; readonly b: StateSample };

/** Options of {@link stateArbitrary}. */
export interface StateOptions {
  /** Kinds to draw from (default all but `steady`, whose uniqueness depends on the model). */
  readonly kinds?: readonly StateKind[];
}

/**
 * Random states of the given kinds. `mix(p, s1, s2)` mixes two states of the other kinds; `basis`
 * bits repeat to length L when printed ({@link stateSampleText}). Shrinks toward the first kind
 * (`up` when present) and small parameters.
 *
 * @example
 * fc.sample(stateArbitrary({ kinds: ['dicke', 'product'] }), 2) // [{ kind: 'dicke', n: 'floor(L/2)' }, { kind: 'product', theta: 6, phi: 12 }]
 */
export function stateArbitrary(opts: StateOptions = {}): fc.Arbitrary<StateSample> {
  const kinds = STATE_KINDS.filter((k) => (opts.kinds ? opts.kinds.includes(k) : k !== 'steady'));
  const base = kinds.filter((k) => k !== 'mix');
  if (base.length === 0) throw new RangeError('stateArbitrary: no state kinds to draw from (mix needs another kind)');
  const one = (k: StateKind): fc.Arbitrary<StateSample> => {
    switch (k) {
      case 'basis': return fc.array(fc.constantFrom<'u' | 'd'>('u', 'd'), { minLength: 1, maxLength: 12 }).map((bits) => ({ kind: k, bits }));
      case 'dicke': return fc.constantFrom(...DICKE_COUNTS).map((n) => ({ kind: k, n }));
      case 'product': return fc.record({ theta: fc.integer({ min: 0, max: 8 }), phi: fc.integer({ min: 0, max: 15 }) }).map((a) => ({ kind: k, ...a }));
      case 'thermal': return fc.integer({ min: 1, max: 16 }).map((T) => ({ kind: k, T }));
      case 'random': case 'mixed': return fc.nat({ max: 9999 }).map((seed) => ({ kind: k, seed }));
      case 'mix': throw new RangeError('mix is drawn from the other kinds');
      default: return fc.constant({ kind: k } as StateSample);
    }
  };
  const baseArb = fc.oneof({ withCrossShrink: true }, ...base.map(one));
  if (!kinds.includes('mix')) return baseArb;
  const mix = fc.record({ p: fc.integer({ min: 0, max: 8 }), a: baseArb, b: baseArb }).map(({ p, a, b }): StateSample => ({ kind: 'mix', p, a, b }));
  return fc.oneof({ withCrossShrink: true }, { arbitrary: baseArb, weight: base.length }, { arbitrary: mix, weight: 1 });
}

/**
 * Whether the state (or a part of a mix) is `steady`.
 *
 * @example
 * mentionsSteady({ kind: 'mix', p: 4, a: { kind: 'up' }, b: { kind: 'steady' } }) // true
 */
export function mentionsSteady(s: StateSample): boolean {
  return s.kind === 'steady' || (s.kind === 'mix' && (mentionsSteady(s.a) || mentionsSteady(s.b)));
}

/**
 * Whether the state (or a part of a mix) is a `basis` state, whose text fixes L.
 *
 * @example
 * mentionsBasis({ kind: 'basis', bits: ['u', 'd'] }) // true
 */
export function mentionsBasis(s: StateSample): boolean {
  return s.kind === 'basis' || (s.kind === 'mix' && (mentionsBasis(s.a) || mentionsBasis(s.b)));
}

/**
 * The state in the model language at L (only `basis` depends on L: its bits repeat to length L).
 *
 * @example
 * stateSampleText({ kind: 'mix', p: 2, a: { kind: 'up' }, b: { kind: 'product', theta: 4, phi: 0 } }, 3) // 'mix(0.25, up, product(pi/2, 0))'
 */
export function stateSampleText(s: StateSample, L: number): string {
  switch (s.kind) {
    case 'basis': return `basis("${Array.from({ length: L }, (_, i) => s.bits[i % s.bits.length]).join('')}")`;
    case 'dicke': return `dicke(${s.n})`;
    case 'product': return `product(${piTimes(s.theta, 8)}, ${piTimes(s.phi, 8)})`;
    case 'thermal': return `thermal(${s.T / 4})`;
    case 'random': case 'mixed': return `${s.kind}(${s.seed})`;
    case 'mix': return `mix(${s.p / 8}, ${stateSampleText(s.a, L)}, ${stateSampleText(s.b, L)})`;
    default: return s.kind;
  }
}

/** n pi / d as text in lowest terms: 0, pi, pi/2, 3*pi/8. */
function piTimes(n: number, d: number): string {
  if (n === 0) return '0';
  const g = gcd(n, d);
  const [p, q] = [n / g, d / g];
  return `${p === 1 ? '' : `${p}*`}pi${q === 1 ? '' : `/${q}`}`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}
