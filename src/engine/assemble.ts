/**
 * The result core of `current`, written once over a {@link Field} for both engines: from each
 * channel's quantities with their errors, ||H_S|| and the width of its spectrum, the channels'
 * B2tail tables and the engine's error model of B2tail, it assembles J, the overall terms, the
 * four bounds of physics.md (numeric assembleBoundsIn), B2tail (engine/tail-bound.ts), the margins
 * B - |J| and the verdicts (numeric boundVerdicts), and the ratios |J| / B. The float64 engine's
 * `CurrentResult` (engine/current.ts) and the decimal.js engine's `PreciseResult`
 * (engine/precise/current.ts) are projections of its result.
 */
import {
  assembleBoundsIn, boundVerdicts, boundedBounds,
  type AssembledBounds, type BoundArithmetic, type BoundDecision, type Bounded, type Bounds, type ChannelTerms, type Field,
  type OverallTerms, type Verdict,
} from '../numeric/index.js';
import { tailBound, type TailBoundIn, type TailInputIn } from './tail-bound.js';

/** The five bounds of `current`: the four of physics.md and B2tail, in the order of every report. */
export type CurrentBoundName = keyof Bounds | 'B2tail';
/** Bstate, B1, B1coarse, B2, B2tail. */
export const currentBoundNames: readonly CurrentBoundName[] = Object.freeze(['Bstate', 'B1', 'B1coarse', 'B2', 'B2tail']);

/** One channel's J and bound inputs, each with its absolute error bound. */
export interface CurrentChannelIn<T> extends ChannelTerms<Bounded<T>> {
  readonly J: Bounded<T>;
}

/**
 * Another admissible reading of a channel's Omega (the float64 engine's: without the matrix
 * elements within round-off of zero): its deltaE, gammaMax and omegaGammaMax.
 */
export interface OmegaReadingIn<T> {
  readonly deltaE: T;
  readonly gammaMax: T;
  readonly omegaGammaMax: T;
}

/**
 * A channel's Omega statistics over every matrix element not certified zero (numeric/channel's
 * `upper`), each with its error: with the channel's own (over the certified-nonzero elements, lower
 * bounds) they enclose the exact statistics.
 */
export interface OmegaUpperIn<T> {
  readonly deltaE: Bounded<T>;
  readonly gammaMax: Bounded<T>;
  readonly omegaGammaMax: Bounded<T>;
}

/** The Omega statistics a channel has, in the order of every report. */
export const omegaStatisticNames = Object.freeze(['deltaE', 'gammaMax', 'omegaGammaMax'] as const);
export type OmegaStatisticName = (typeof omegaStatisticNames)[number];

/** The overall terms of physics.md and the largest max |w| gamma(w) over the channels. */
export type CurrentTermsIn<T> = OverallTerms<T> & { readonly omegaGammaMax: T };

/** J, the overall terms, the four bounds and each channel's share of B_state, as plain values. */
export interface AssembledIn<T> extends AssembledBounds<T> {
  readonly J: T;
}

/** Absolute error bounds of the assembled quantities: of J, of the terms, of the four bounds and of each channel's share. */
export interface AssembledErrorsIn<T> {
  readonly J: T;
  readonly terms: Readonly<Record<keyof CurrentTermsIn<T>, T>>;
  readonly bounds: Readonly<Record<keyof Bounds, T>>;
  readonly shares: readonly T[];
}

/**
 * An engine's own error model of the assembly, where it has one (the float64 engine's a-posteriori
 * bounds, engine/errors.ts): `values` assembles the channels' values (the engine's own operations
 * in its own order), once, and `errors` gives the errors of what it assembled, from the values
 * and the inputs with their errors.
 */
export interface AssemblyErrorsIn<T> {
  readonly values: BoundArithmetic<T>;
  readonly errors: (assembled: AssembledIn<T>, input: CurrentOutcomeIn<T>) => AssembledErrorsIn<T>;
}

/** What the core assembles a result of `current` from. */
export interface CurrentOutcomeIn<T> {
  readonly channels: readonly CurrentChannelIn<T>[];
  readonly normH: Bounded<T>;
  readonly width: Bounded<T>;
  /** The channels' B2tail tables and the engine's error model of B2tail. */
  readonly tail: TailInputIn<T>;
  /** The terms may be lower bounds of the quantities (a method's or the digits' inexact decisions): only 'holds' is decided. */
  readonly lowerBounds: boolean;
  /**
   * Further admissible readings of the channels' Omega (one entry per channel each): the four
   * bounds are assembled under each too, and a verdict stands only where every reading agrees
   * (B2tail is not re-read).
   */
  readonly alternatives?: readonly (readonly OmegaReadingIn<T>[])[];
  /**
   * Each channel's upper Omega statistics (undefined: equal to its own). Where one is above the
   * channel's own, the terms and the four bounds are enclosures: they are assembled under the
   * upper values too ({@link CurrentCoreIn} `upper`), and a verdict stands only where both
   * readings agree ('holds' from the lower values, 'violated' only above the upper ones).
   */
  readonly upper?: readonly (OmegaUpperIn<T> | undefined)[];
  /**
   * The engine's own error model of the assembly; without it every error is propagated through the
   * assembly ({@link boundedBounds}: every rounding counted, a maximum with the larger error).
   */
  readonly assemblyErrors?: AssemblyErrorsIn<T>;
}

/** The terms and the four bounds under one reading of Omega. */
export interface CurrentReadingIn<T> {
  readonly terms: CurrentTermsIn<Bounded<T>>;
  readonly bounds: Bounds<Bounded<T>>;
}

/**
 * The terms, the four bounds and the shares under the upper Omega statistics (every element not
 * certified zero counted), with the channels read so and which statistics differ from the lower.
 */
export interface UpperReadingIn<T> extends CurrentReadingIn<T> {
  readonly channels: readonly CurrentChannelIn<T>[];
  readonly shares: readonly Bounded<T>[];
  /** The statistics whose upper value is above the lower one in some channel (never empty). */
  readonly differs: readonly OmegaStatisticName[];
}

/** The one result of `current` over a field, before either engine's projection. */
export interface CurrentCoreIn<T> extends CurrentReadingIn<T> {
  /** J = sum of the channels' J. */
  readonly J: Bounded<T>;
  /** The channels as given. */
  readonly channels: readonly CurrentChannelIn<T>[];
  /** Each channel's share of B_state: omegaGammaMax Tr[A^2 Pinch rho]. */
  readonly shares: readonly Bounded<T>[];
  /** The five bounds (the four of `bounds` and B2tail). */
  readonly all: Readonly<Record<CurrentBoundName, Bounded<T>>>;
  /** B - |J| with error e_B + e_J, per bound. */
  readonly margins: Readonly<Record<CurrentBoundName, Bounded<T>>>;
  readonly decisions: Readonly<Record<CurrentBoundName, BoundDecision<T>>>;
  readonly verdicts: Readonly<Record<CurrentBoundName, Verdict>>;
  /** |J| / B with its first-order error (0 / 0 = 0, x / 0 = infinity with error 0). */
  readonly ratios: Readonly<Record<CurrentBoundName, Bounded<T>>>;
  /** B2tail: its bound, profile and report. */
  readonly tail: TailBoundIn<T>;
  /** The terms and bounds under each alternative reading, in the order given. */
  readonly alternatives: readonly CurrentReadingIn<T>[];
  /** The upper ends of the enclosures where some channel's upper statistics are above its own, else null. */
  readonly upper: UpperReadingIn<T> | null;
}

/** J and one reading's terms, bounds and shares. */
interface Assembled<T> extends CurrentReadingIn<T> {
  readonly J: Bounded<T>;
  readonly shares: readonly Bounded<T>[];
}

/** The channels' values, for an arithmetic of plain values. */
function channelValues<T>(c: CurrentChannelIn<T>): ChannelTerms<T> & { readonly J: T } {
  return { J: c.J.value, normA: c.normA.value, pinchedA2: c.pinchedA2.value, deltaE: c.deltaE.value, gammaMax: c.gammaMax.value, omegaGammaMax: c.omegaGammaMax.value };
}

/** Each value with its error, key by key. */
function zip<T, K extends string>(values: Readonly<Record<K, T>>, errors: Readonly<Record<K, T>>): Record<K, Bounded<T>> {
  const out = {} as Record<K, Bounded<T>>;
  for (const k of Object.keys(values) as K[]) out[k] = { value: values[k], error: errors[k] };
  return out;
}

/** J, terms, bounds and shares of the channels' values, assembled once by `V`. */
function valuesOf<T>(V: BoundArithmetic<T>, o: CurrentOutcomeIn<T>, channels: readonly CurrentChannelIn<T>[]): AssembledIn<T> {
  // Channels may share one quantities object (a method's shared outcome): its values are read once.
  // (A channel that is the one before it, a run of a shared outcome, takes its values without a lookup.)
  const seen = new Map<CurrentChannelIn<T>, ChannelTerms<T> & { readonly J: T }>();
  const plain = new Array<ChannelTerms<T> & { readonly J: T }>(channels.length);
  for (let i = 0; i < channels.length; i++) {
    const c = channels[i];
    if (i > 0 && c === channels[i - 1]) { plain[i] = plain[i - 1]; continue; }
    let v = seen.get(c);
    if (v === undefined) { v = channelValues(c); seen.set(c, v); }
    plain[i] = v;
  }
  const J = plain.reduce((s, c) => V.add(s, c.J), V.zero);
  return { J, ...assembleBoundsIn(V, o.normH.value, o.width.value, plain) };
}

/**
 * Each share with its error; a share equal to the one before it in value and error (the channels
 * of a shared outcome, 10^5 of them) is that same object (read only).
 */
function sharesWithErrors<T>(values: readonly T[], errors: readonly T[]): Bounded<T>[] {
  const out: Bounded<T>[] = new Array<Bounded<T>>(values.length);
  let prev: Bounded<T> | null = null;
  for (let i = 0; i < values.length; i++) {
    const value = values[i], error = errors[i];
    out[i] = prev !== null && Object.is(prev.value, value) && Object.is(prev.error, error) ? prev : (prev = { value, error });
  }
  return out;
}

/** Values with the engine's errors, key by key. */
function withErrors<T>(a: AssembledIn<T>, e: AssembledErrorsIn<T>): Assembled<T> {
  return {
    J: { value: a.J, error: e.J },
    terms: zip<T, keyof CurrentTermsIn<T>>(a.terms, e.terms),
    bounds: zip<T, keyof Bounds>(a.bounds, e.bounds),
    shares: sharesWithErrors(a.shares, e.shares),
  };
}

/** J, terms, bounds and shares of the channels with every error propagated through the assembly. */
function propagated<T>(F: Field<T>, o: CurrentOutcomeIn<T>, channels: readonly CurrentChannelIn<T>[]): Assembled<T> {
  const A = boundedBounds(F);
  const J = channels.reduce((s, c) => A.add(s, c.J), A.zero);
  const { terms, bounds, shares } = assembleBoundsIn(A, o.normH, o.width, channels);
  return { J, terms, bounds, shares };
}

/** |J| / B with error e_J / B + |J| e_B / B^2 (first order, as the decimal.js engine has always reported it). */
function ratioIn<T>(F: Field<T>, absJ: Bounded<T>, B: Bounded<T>): Bounded<T> {
  if (F.cmp(B.value, F.zero) === 0) return { value: F.cmp(absJ.value, F.zero) === 0 ? F.zero : F.fromNumber(Infinity), error: F.zero };
  return { value: F.div(absJ.value, B.value), error: F.add(F.div(absJ.error, B.value), F.div(F.mul(absJ.value, B.error), F.mul(B.value, B.value))) };
}

/**
 * The result of `current` over `F` from a computed outcome: J = sum of the channels' J; terms,
 * bounds and shares by numeric assembleBoundsIn (errors propagated, or the values assembled once
 * by the engine's `assemblyErrors` and their errors from its model); B2tail by engine/tail-bound's tailBound over the given tables and error
 * model; margins and verdicts by numeric boundVerdicts (`lowerBounds`: only 'holds' is decided;
 * each alternative reading of Omega is decided with the main reading's errors where the engine
 * gave its own, else with its own propagated errors, and a verdict stands only where all agree);
 * ratios |J| / B.
 *
 * @example
 * const b = (value: number) => ({ value, error: 0 });
 * const r = assembleCurrentIn(float64Field, {
 *   channels: [{ J: b(-64), normA: b(4), pinchedA2: b(16), deltaE: b(4), gammaMax: b(1), omegaGammaMax: b(4) }],
 *   normH: b(2), width: b(4), lowerBounds: false,
 *   tail: { tables: [{ d: [4], g: [1], mg: [4], q: [16], pinchedA2: 16, dropped: 0, frequencies: 'bohr' }], error: () => 0 },
 * });
 * r.all.B1.value // 64 (and B2tail: 64 at D = 0); r.verdicts.B1 // 'tie' (margin 0 within the roundings counted); r.ratios.B1.value // 1
 */
export function assembleCurrentIn<T>(F: Field<T>, o: CurrentOutcomeIn<T>): CurrentCoreIn<T> {
  const own = o.assemblyErrors;
  let main: Assembled<T>;
  let assemble: (channels: readonly CurrentChannelIn<T>[]) => Assembled<T>;
  if (own) {
    // The values are assembled once; their errors are those of the main reading, which the
    // alternative readings carry too.
    const values = valuesOf(own.values, o, o.channels);
    const errors = own.errors(values, o);
    main = withErrors(values, errors);
    assemble = (channels) => withErrors(valuesOf(own.values, o, channels), errors);
  } else {
    main = propagated(F, o, o.channels);
    assemble = (channels) => propagated(F, o, channels);
  }
  const alternatives = (o.alternatives ?? []).map((reading): CurrentReadingIn<T> => {
    const channels = o.channels.map((c, i) => ({
      ...c,
      deltaE: { value: reading[i].deltaE, error: c.deltaE.error },
      gammaMax: { value: reading[i].gammaMax, error: c.gammaMax.error },
      omegaGammaMax: { value: reading[i].omegaGammaMax, error: c.omegaGammaMax.error },
    }));
    const { terms, bounds } = assemble(channels);
    return { terms, bounds };
  });
  const upper = upperReading(F, o, own ? (channels) => {
    // The upper values with their own errors (the engine's model on those channels).
    const values = valuesOf(own.values, o, channels);
    return withErrors(values, own.errors(values, { ...o, channels }));
  } : (channels) => propagated(F, o, channels));
  const tail = tailBound(F, o.tail.tables, o.tail.error);
  const all: Record<CurrentBoundName, Bounded<T>> = { ...main.bounds, B2tail: tail.bound };
  // B2tail is not re-read: its maxima run over every Bohr frequency, or over Omega with the weights
  // outside it in its error (numeric/tail-field addWeight), so it bounds |J| either way.
  const decisions = boundVerdicts(F, main.J, all, currentBoundNames, { lowerBounds: o.lowerBounds },
    [...alternatives, ...(upper ? [upper] : [])].map((r) => ({ ...r.bounds, B2tail: tail.bound })));
  const absJ: Bounded<T> = { value: F.abs(main.J.value), error: main.J.error };
  const margins = {} as Record<CurrentBoundName, Bounded<T>>;
  const verdicts = {} as Record<CurrentBoundName, Verdict>;
  const ratios = {} as Record<CurrentBoundName, Bounded<T>>;
  for (const b of currentBoundNames) {
    margins[b] = decisions[b].margin;
    verdicts[b] = decisions[b].verdict;
    ratios[b] = ratioIn(F, absJ, all[b]);
  }
  return {
    J: main.J, channels: o.channels, shares: main.shares, terms: main.terms, bounds: main.bounds, all, margins, decisions, verdicts, ratios, tail,
    alternatives, upper,
  };
}

/**
 * The channels under their upper Omega statistics (each value the larger of the two, with the
 * upper's error) assembled by `assemble`, or null when no channel's upper statistics are above its own.
 */
function upperReading<T>(F: Field<T>, o: CurrentOutcomeIn<T>, assemble: (channels: readonly CurrentChannelIn<T>[]) => Assembled<T>): UpperReadingIn<T> | null {
  const ups = o.upper;
  if (!ups || ups.every((u) => u === undefined)) return null;
  const differs = new Set<OmegaStatisticName>();
  // A channel without upper statistics, or whose upper ones are its own, is that same object.
  const channels = o.channels.map((c, i) => {
    const u = ups[i];
    if (u === undefined) return c;
    const above = omegaStatisticNames.filter((k) => F.cmp(u[k].value, c[k].value) > 0);
    if (above.length === 0) return c;
    for (const k of above) differs.add(k);
    // The larger value, with the larger error of the two (the upper end covers the lower's too).
    const read = (k: OmegaStatisticName): Bounded<T> => F.cmp(u[k].value, c[k].value) > 0
      ? { value: u[k].value, error: F.cmp(u[k].error, c[k].error) >= 0 ? u[k].error : c[k].error } : c[k];
    return { ...c, deltaE: read('deltaE'), gammaMax: read('gammaMax'), omegaGammaMax: read('omegaGammaMax') };
  });
  if (differs.size === 0) return null;
  const { terms, bounds, shares } = assemble(channels);
  return { terms, bounds, shares, channels, differs: omegaStatisticNames.filter((k) => differs.has(k)) };
}
