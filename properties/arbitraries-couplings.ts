/**
 * Channels (noise operators A_alpha) of random models, each with the bound on the sum of the norms
 * of the channels it expands into: local (`each: k` or a sum of local terms), collective, global.
 */
import fc from 'fast-check';
import { ZERO_OPERATOR } from './arbitraries-coefficients.js';
import { collectiveOperatorArbitrary, globalOperatorArbitrary } from './arbitraries-collective.js';
import { effectiveSpan, localSumArbitrary, localSumText, localTermArbitrary, localTermText, modulated, siteAt, type Modulation } from './arbitraries-local.js';

/**
 * `each`: one channel per site, A_k a local term at k (sites wrap with %L);
 * `sum`: one channel, a sum of local terms over the chain; `collective`: one channel, a
 * combination of collective spin operators; `global`: one channel A = L * R with ||R|| <= 1.
 */
export type CouplingKind = 'each' | 'sum' | 'collective' | 'global';

/** Every coupling kind, the simplest first. */
export const COUPLING_KINDS: readonly CouplingKind[] = ['each', 'sum', 'collective', 'global'];

/** One `channels:` entry without its bath. */
export interface CouplingSample {
  readonly kind: CouplingKind;
  /** The bound index of an `each` entry (`k`), or null. */
  readonly each: string | null;
  /** The operator text (Hermitian at every L the options allow). */
  readonly A: string;
  /** sum over the channels of this entry of ||A|| <= a * L at every L. */
  readonly a: number;
}

/** Options of {@link couplingArbitrary}. */
export interface CouplingOptions {
  readonly kinds?: readonly CouplingKind[];
  /** Largest number of summands at each level (default 3). */
  readonly maxTerms?: number;
  /** Smallest L the entry must be valid for (default 1). */
  readonly minL?: number;
}

/**
 * Random channel entries of the given kinds. `each` entries give L channels of norm <= a each;
 * `sum` and `collective` entries one channel of norm <= a L; `global` entries L * R, ||R|| <= a <= 1.
 *
 * @example
 * fc.sample(couplingArbitrary({ kinds: ['each'] }), 1)[0]
 * // { kind: 'each', each: 'k', A: '0.625*Z[k] + 0.375*X[k]', a: 1 }
 */
export function couplingArbitrary(opts: CouplingOptions = {}): fc.Arbitrary<CouplingSample> {
  const kinds = COUPLING_KINDS.filter((k) => !opts.kinds || opts.kinds.includes(k));
  if (kinds.length === 0) throw new RangeError('couplingArbitrary: no coupling kinds to draw from');
  const maxTerms = Math.max(1, Math.floor(opts.maxTerms ?? 3));
  const minL = opts.minL ?? 1;
  const local = { maxStrings: maxTerms, minL };
  const byKind: Record<CouplingKind, fc.Arbitrary<CouplingSample>> = {
    each: fc.record({ term: localTermArbitrary(local), modulation: fc.constantFrom<Modulation>('none', 'ramp', 'cos') }).map(({ term, modulation }) => {
      const wrapped = effectiveSpan(term) > 1;
      const body = localTermText(term, siteAt(wrapped), wrapped, minL);
      return { kind: 'each' as const, each: 'k', A: body === null ? ZERO_OPERATOR : modulated(body, modulation), a: term.norm };
    }),
    sum: localSumArbitrary(local).map((s) => ({ kind: 'sum' as const, each: null, A: localSumText(s, minL) ?? ZERO_OPERATOR, a: s.term.norm })),
    collective: collectiveOperatorArbitrary(maxTerms).map((o) => ({ kind: 'collective' as const, each: null, A: o.text, a: o.perL })),
    global: globalOperatorArbitrary(maxTerms).map((o) => ({ kind: 'global' as const, each: null, A: o.text, a: o.perL })),
  };
  return fc.oneof({ withCrossShrink: true }, ...kinds.map((k) => byKind[k]));
}
