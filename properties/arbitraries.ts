/**
 * fast-check arbitraries of random MODELS in the model language (model-language.md): each sample
 * is a model file's text plus L, with the constants of physics.md section 5 guaranteed by
 * construction (||H_S|| <= h L, sum_alpha ||A_alpha|| <= a L, sup_w gamma(w) <= rateMax, and
 * for band models the band DeltaE). Samples are built by `.map` from structured values, so
 * fast-check shrinks them toward smaller L, fewer terms and simpler coefficients.
 *
 * The building blocks live beside this file and are re-exported here.
 */
import fc from 'fast-check';
import { bandStructureArbitrary, bandSample } from './arbitraries-band.js';
import { BATH_KINDS, bathArbitrary, bathText, paramEntries, type BathKind, type BathSample } from './arbitraries-baths.js';
import { numberText } from './arbitraries-coefficients.js';
import { collectiveHamiltonianArbitrary } from './arbitraries-collective.js';
import { couplingArbitrary, type CouplingKind, type CouplingSample } from './arbitraries-couplings.js';
import { hamiltonianArbitrary, type HamiltonianSample } from './arbitraries-local.js';
import { STATE_KINDS, SYMMETRIC_STATE_KINDS, mentionsBasis, mentionsSteady, stateArbitrary, stateSampleText, type StateKind, type StateSample } from './arbitraries-states.js';

export * from './arbitraries-coefficients.js';
export * from './arbitraries-local.js';
export * from './arbitraries-collective.js';
export * from './arbitraries-couplings.js';
export * from './arbitraries-band.js';
export * from './arbitraries-baths.js';
export * from './arbitraries-states.js';

/**
 * The classes of random models:
 * `local` (k-local H, local channels), `extensive` (k-local H; local, collective and global
 * channels), `global` (k-local H, one channel A = L R), `collective` (collective H and channels,
 * symmetric states), `band` (diagonal H, band-projected channels).
 */
export type ModelClass = 'local' | 'extensive' | 'band' | 'collective' | 'global';

/** Every model class. */
export const MODEL_CLASSES: readonly ModelClass[] = ['local', 'extensive', 'global', 'collective', 'band'];

/** A random model family instance: the model file text and L, with constants guaranteed by construction. */
export interface ModelSample {
  readonly cls: ModelClass;
  /** `random-<class>`, also the model's `name:`. */
  readonly name: string;
  readonly L: number;
  /** YAML model file text (params, H, channels, state), valid for loadModelText. */
  readonly text: string;
  /** Extensivity constants guaranteed by construction: ||H_S|| <= h * L and sum_alpha ||A_alpha|| <= a * L. */
  readonly h: number;
  readonly a: number;
  /** For 'band' samples: a band DeltaE guaranteed by construction (every <E_i|A|E_j> with |E_i - E_j| > deltaE vanishes); null otherwise. */
  readonly deltaE: number | null;
  /** Upper bound on the bath rates over all frequencies (sup_w gamma(w) <= rateMax), for the L^3 property. */
  readonly rateMax: number;
}

/** Options of {@link modelArbitrary}. */
export interface ModelArbitraryOptions {
  /** Classes to draw from (default all). */
  readonly classes?: readonly ModelClass[];
  /** Inclusive range of L (default [1, 5]). Classes other than `collective` are capped at {@link MAX_DENSE_L}, `collective` at {@link MAX_COLLECTIVE_L}. */
  readonly L?: readonly [number, number];
  /** State kinds to draw from (default all that are valid for the class; `steady` only in `collective`). */
  readonly states?: readonly StateKind[];
  /** Largest number of summands at each level: local sums in H, strings per term, channels (default 3). */
  readonly maxTerms?: number;
  /** Bath kinds to draw from (default all). */
  readonly baths?: readonly BathKind[];
}

/** Largest L for the classes that need the dense (or diagonal) method. */
export const MAX_DENSE_L = 12;
/** Largest L for `collective` samples (the symmetric method). */
export const MAX_COLLECTIVE_L = 30;

/** A model before printing. */
interface ModelParts {
  readonly cls: ModelClass;
  readonly L: number;
  /** The smallest L the text is valid for (it is valid for every larger L too, unless the state is a basis state). */
  readonly minL: number;
  readonly H: HamiltonianSample;
  readonly channels: readonly { readonly coupling: CouplingSample; readonly bath: BathSample }[];
  readonly state: StateSample;
  readonly deltaE: number | null;
}

/**
 * Random models of the requested classes, as file text + L with guaranteed constants h, a,
 * rateMax (and deltaE for band models). Every sample loads with loadModelText and is computable by
 * computeCurrent at its L. Shrinks toward the smallest L, one term, coefficients 0, the simplest
 * state and bath.
 *
 * @throws RangeError when the options leave no class with a valid L range or no state kind
 * @example
 * fc.assert(fc.property(modelArbitrary({ classes: ['extensive'] }), (s) => {
 *   const r = computeCurrent(loadModelText(s.text, 'sample.yaml'), s.L)
 *   return Math.abs(r.J) <= 2 * s.h * s.a ** 2 * s.rateMax * s.L ** 3 + 1e-9
 * }))
 */
export function modelArbitrary(opts: ModelArbitraryOptions = {}): fc.Arbitrary<ModelSample> {
  const [lo, hi] = opts.L ?? [1, 5];
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) throw new RangeError(`modelArbitrary: L must be a range of integers [min, max] with 1 <= min <= max, got [${lo}, ${hi}]`);
  const classes = MODEL_CLASSES.filter((c) => !opts.classes || opts.classes.includes(c));
  const maxTerms = Math.max(1, Math.floor(opts.maxTerms ?? 3));
  const baths = opts.baths ?? BATH_KINDS;
  const arbs: fc.Arbitrary<ModelSample>[] = [];
  const skipped: string[] = [];
  for (const cls of classes) {
    const top = Math.min(hi, cls === 'collective' ? MAX_COLLECTIVE_L : MAX_DENSE_L);
    const kinds = classStateKinds(cls, top, opts.states);
    if (lo > top) { skipped.push(`${cls}: L <= ${top}`); continue; }
    if (kinds.length === 0) { skipped.push(`${cls}: no allowed state kind`); continue; }
    arbs.push(classArbitrary(cls, { L: [lo, top], kinds, maxTerms, baths }).map(sampleOf));
  }
  if (arbs.length === 0) throw new RangeError(`modelArbitrary: no class can be generated with these options (${skipped.join('; ')})`);
  return fc.oneof(...arbs);
}

/** State kinds a class may use at L up to `top`, intersected with the requested ones. */
function classStateKinds(cls: ModelClass, top: number, requested: readonly StateKind[] | undefined): StateKind[] {
  const own: readonly StateKind[] = cls === 'collective'
    // thermal(T) is not in the symmetric sector: the dense method computes it, for L <= 12.
    ? [...SYMMETRIC_STATE_KINDS, ...(top <= MAX_DENSE_L ? (['thermal'] as const) : [])]
    // A unique steady state is not guaranteed for random non-collective models.
    : STATE_KINDS.filter((k) => k !== 'steady');
  const kinds = own.filter((k) => !requested || requested.includes(k));
  return kinds.some((k) => k !== 'mix') ? kinds : [];
}

interface ClassOptions {
  readonly L: readonly [number, number];
  readonly kinds: readonly StateKind[];
  readonly maxTerms: number;
  readonly baths: readonly BathKind[];
}

const LOCAL_COUPLINGS: Record<Exclude<ModelClass, 'band'>, readonly CouplingKind[]> = {
  local: ['each', 'sum'],
  extensive: ['each', 'sum', 'collective', 'global'],
  global: ['global'],
  collective: ['collective', 'global'],
};

function classArbitrary(cls: ModelClass, o: ClassOptions): fc.Arbitrary<ModelParts> {
  const L = fc.integer({ min: o.L[0], max: o.L[1] });
  const bath = bathArbitrary({ kinds: o.baths });
  const state = cls === 'collective' ? collectiveStateArbitrary(o.kinds) : stateArbitrary({ kinds: o.kinds });
  const minL = o.L[0];
  if (cls === 'band') {
    return fc.record({
      L, state, band: bandStructureArbitrary({ maxTerms: o.maxTerms }),
      baths: fc.array(bath, { minLength: o.maxTerms, maxLength: o.maxTerms }),
    }).map(({ L, state, band, baths }) => {
      const b = bandSample(band);
      // Band texts do not depend on the range: valid at every L >= 1.
      return { cls, L, minL: 1, state, H: { text: b.H, h: b.h }, deltaE: b.deltaE, channels: b.couplings.map((coupling, i) => ({ coupling, bath: baths[i] })) };
    });
  }
  const channel = fc.record({ coupling: couplingArbitrary({ kinds: LOCAL_COUPLINGS[cls], maxTerms: o.maxTerms, minL }), bath });
  const channels = cls === 'global' ? channel.map((c) => [c]) : fc.array(channel, { minLength: 1, maxLength: o.maxTerms });
  if (cls === 'collective') {
    return fc.record({ L, state, H: collectiveHamiltonianArbitrary(o.maxTerms), channels }).map(({ L, state, H, channels }) => ({
      // `steady` in the symmetric sector is unique when H_S is non-degenerate there: keep H linear.
      cls, L, minL: 1, state, channels, deltaE: null, H: mentionsSteady(state) ? H.linearPart : H.full,
    }));
  }
  return fc.record({ L, state, H: hamiltonianArbitrary({ maxTerms: o.maxTerms, maxStrings: o.maxTerms, minL }), channels }).map(({ L, state, H, channels }) => ({
    cls, L, minL, state, H, channels, deltaE: null,
  }));
}

/**
 * States of collective models: `thermal(T)` (outside the symmetric sector, so computed densely) only
 * on its own, never mixed with `steady`, which is defined inside the sector.
 */
function collectiveStateArbitrary(kinds: readonly StateKind[]): fc.Arbitrary<StateSample> {
  const symmetric = kinds.filter((k) => k !== 'thermal');
  const arbs = [
    ...(symmetric.some((k) => k !== 'mix') ? [stateArbitrary({ kinds: symmetric })] : []),
    ...(kinds.includes('thermal') ? [stateArbitrary({ kinds: ['thermal'] })] : []),
  ];
  return fc.oneof(...arbs);
}

function sampleOf(p: ModelParts): ModelSample {
  const name = `random-${p.cls}`;
  const params: (readonly [string, number])[] = [];
  const valid = mentionsBasis(p.state) ? `at L = ${p.L} only (its basis state names one letter per site)` : `at every L >= ${p.minL}`;
  const lines = [`name: ${name}`, `description: ${quote(`a random ${p.cls} model sampled by heatbound's properties/arbitraries.ts, valid ${valid}`)}`];
  const channelLines: string[] = [];
  p.channels.forEach(({ coupling, bath }, i) => {
    const b = bathText(bath, String(i));
    params.push(...b.params);
    channelLines.push(coupling.each ? `  - each: ${coupling.each}\n    A: ${quote(coupling.A)}` : `  - A: ${quote(coupling.A)}`);
    channelLines.push(`    bath: ${b.yaml}`);
  });
  lines.push(`params: { ${paramEntries(params).join(', ')} }`, `H: ${quote(p.H.text)}`, 'channels:', ...channelLines, `state: ${quote(stateSampleText(p.state, p.L))}`);
  return {
    cls: p.cls, name, L: p.L, text: `${lines.join('\n')}\n`,
    h: p.H.h,
    a: p.channels.reduce((t, c) => t + c.coupling.a, 0),
    deltaE: p.deltaE,
    rateMax: p.channels.reduce((t, c) => Math.max(t, c.bath.rateMax), 0),
  };
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function quote(s: string): string {
  return JSON.stringify(s);
}

/**
 * The sample as a model file: its text behind a header comment giving the class, L, the guaranteed
 * constants h, a, deltaE and rateMax, and the command that reruns it.
 *
 * @example
 * writeFileSync('random-local.yaml', modelFileText(sample)) // then: heatbound current random-local.yaml --L 3
 */
export function modelFileText(s: ModelSample): string {
  const header = [
    `# ${s.name}: a random model sampled by heatbound's properties (fast-check), class ${s.cls}, L = ${s.L}`,
    `# guaranteed by construction: ||H_S|| <= h L with h = ${numberText(s.h)}; sum_alpha ||A_alpha|| <= a L with a = ${numberText(s.a)}`,
    `# band: ${s.deltaE === null ? 'none' : `every <E_i|A|E_j> with |E_i - E_j| > deltaE = ${numberText(s.deltaE)} vanishes`}; sup_w gamma(w) <= rateMax = ${s.rateMax} for every bath`,
    '# the guarantees hold for the params as written, at every L where the description says the model is valid',
    `# rerun: heatbound current ${s.name}.yaml --L ${s.L}`,
  ];
  return `${header.join('\n')}\n${s.text}`;
}
