/**
 * The one path of `current` for both engines: a method hands over a {@link System} (a model at one L
 * over a field: ||H_S|| and the width with their errors, its channels as the method prepared them,
 * the field's kernel, the error models, what it could not decide), and {@link currentReport} runs
 * the stages every engine shares, in one order: the kernel on each channel, B2tail's error model
 * over the channels' tables, the result core (engine/assemble.ts: J, terms, bounds, B2tail,
 * margins, verdicts, ratios), the notes on other readings of Omega, and the {@link Report}.
 * The float64 engine's `CurrentResult` (engine/current.ts) and the decimal.js engine's
 * `PreciseResult` (engine/precise/current.ts) are projections of the report.
 */
import type { Bounded, Field } from '../numeric/index.js';
import {
  assembleCurrentIn, omegaStatisticNames,
  type AssemblyErrorsIn, type CurrentChannelIn, type CurrentCoreIn, type CurrentReadingIn, type OmegaReadingIn, type OmegaUpperIn,
  type OmegaStatisticName, type UpperReadingIn,
} from './assemble.js';
import type { TailInputIn } from './tail-bound.js';
import { NonFiniteError, firstNonFinite } from './non-finite.js';
import type { UpperEnds } from './result.js';
import { namedCurrentsIn, type ChannelGroup, type NamedCurrentIn, type SumErrorIn } from './channel-currents.js';

/** One channel as the field's kernel evaluated it. */
export interface KernelChannel<T, X> {
  /** J, ||A||, Tr[A^2 Pinch rho] and the Omega statistics, each with its absolute error bound. */
  readonly quantities: CurrentChannelIn<T>;
  /** How ||A|| was obtained. */
  readonly normHow: string;
  /** The kernel's B2tail data of this channel (its frequency table and what the error model needs). */
  readonly tail: X;
  /** Another admissible reading of Omega (the float64 dense kernels': without the elements near round-off), where there is one. */
  readonly clear?: OmegaReadingIn<T>;
  /** What the kernel could not decide on this channel (the terms may then be lower bounds). */
  readonly inexact?: readonly string[];
  /** The Omega statistics over every element not certified zero, with errors (absent: every element certified, the channel's own). */
  readonly upper?: OmegaUpperIn<T>;
}

/**
 * A model at one L over the field `field`, as a method hands it to the result core.
 *
 * @typeParam C a channel as the method prepared it (A in an eigenbasis, the state there, the bath,
 *   what its errors rest on), the input of `kernel`
 * @typeParam X a channel's B2tail data as the kernel returns it, the input of `tail`
 * @typeParam M the engine's method names
 */
export interface System<T, C = unknown, X = unknown, M extends string = string> {
  readonly field: Field<T>;
  readonly model: string;
  readonly L: number;
  readonly method: M;
  /** The state as text. */
  readonly state: string;
  /** Dimension of the space the method worked in. */
  readonly dimension: number;
  readonly normH: Bounded<T>;
  readonly width: Bounded<T>;
  readonly channels: readonly C[];
  /**
   * The field's kernel on one channel: the Davies statistics and B2tail table with their errors
   * (the float64 scatter loop, numeric channelHeat; the Decimal one, preciseChannelHeat).
   */
  readonly kernel: (c: C) => KernelChannel<T, X>;
  /** The channels' B2tail tables and the engine's error model of B2tail. */
  readonly tail: (channels: readonly X[]) => TailInputIn<T>;
  /** The engine's own error model of the assembly (absent: errors propagated through it). */
  readonly assemblyErrors?: AssemblyErrorsIn<T>;
  /** The note on another reading of Omega that the kernel gave (absent: a plain note of its values). */
  readonly readingNote?: (reading: CurrentReadingIn<T>) => string;
  /** What the method could not decide (then the terms may be lower bounds: only 'holds' is decided). */
  readonly inexact: readonly string[];
  readonly notes: readonly string[];
  /** The model's named channel entries at L (engine/channel-currents.ts `channelGroups`); absent or empty: none. */
  readonly groups?: readonly ChannelGroup[];
  /** The engine's error of a sum of channels' J (absent: propagated through the sum). */
  readonly sumError?: SumErrorIn<T>;
}

/** A channel of a report: its quantities, its share of B_state, how ||A|| was obtained and its B2tail data. */
export interface ReportChannel<T, X = unknown> extends CurrentChannelIn<T> {
  /** This channel's share of B_state: omegaGammaMax Tr[A^2 Pinch rho]. */
  readonly Bstate: Bounded<T>;
  readonly normHow: string;
  readonly tail: X;
}

/** The result of `current` over a field: the result core's, with the system's description and messages. */
export interface Report<T, X = unknown, M extends string = string> extends Omit<CurrentCoreIn<T>, 'channels' | 'upper'> {
  readonly model: string;
  readonly L: number;
  readonly method: M;
  readonly state: string;
  readonly dimension: number;
  readonly channels: readonly ReportChannel<T, X>[];
  /** The method's, then the kernel's, then one per other reading of Omega; empty when every term is exact. */
  readonly inexact: readonly string[];
  /**
   * True when some term is inexact for a reason other than an enclosure (the method's or the
   * kernel's inexact messages): the terms and bounds are then lower bounds only, so no inequality
   * with a bound on its larger side can be found violated from them (the verdicts say unknown).
   */
  readonly lowerBounds: boolean;
  readonly notes: readonly string[];
  /** The current of each named channel entry, in file order; present only when the model names one. */
  readonly currents?: readonly NamedCurrentIn<T>[];
  /**
   * The upper ends of the enclosures (terms, bounds, channels' statistics and shares under every
   * element not certified zero); present only where some statistic's upper value is above its own.
   */
  readonly upper?: UpperReadingIn<T>;
}

/** True when a reading of Omega differs from the channel's own. */
function differs<T>(F: Field<T>, c: CurrentChannelIn<T>, r: OmegaReadingIn<T>): boolean {
  return F.cmp(r.deltaE, c.deltaE.value) !== 0 || F.cmp(r.gammaMax, c.gammaMax.value) !== 0 || F.cmp(r.omegaGammaMax, c.omegaGammaMax.value) !== 0;
}

/**
 * The report of `current` of a system, for both engines: the kernel on each channel in order; the
 * result core over the channels' quantities, B2tail from the tables under the system's error
 * model, the terms taken as lower bounds when the method or the kernel could not decide something;
 * when a kernel gave another reading of Omega that differs, the bounds under every channel's
 * reading (the others keep their own) and a verdict only where both agree, with a note.
 *
 * @throws NonFiniteError when a number of the result (J, a channel's value, a term, a bound, a
 *   margin, B2tail's report, or any of their errors) is not finite in the field: never a NaN or
 *   an Infinity in a result, and so never a verdict on one
 * @example
 * const b = (value: number) => ({ value, error: 0 });
 * const r = currentReport({
 *   field: float64Field, model: 'hand', L: 1, method: 'hand', state: 'up', dimension: 2,
 *   normH: b(2), width: b(4), channels: [0], inexact: [], notes: [],
 *   kernel: () => ({ quantities: { J: b(-64), normA: b(4), pinchedA2: b(16), deltaE: b(4), gammaMax: b(1), omegaGammaMax: b(4) }, normHow: 'hand', tail: null }),
 *   tail: () => ({ tables: [{ d: [4], g: [1], mg: [4], q: [16], pinchedA2: 16, dropped: 0, frequencies: 'bohr' }], error: () => 0 }),
 * });
 * r.all.B1.value // 64 = max|w|gamma ||A||^2; r.channels[0].Bstate.value // 64
 */
export function currentReport<T, C, X, M extends string>(sys: System<T, C, X, M>): Report<T, X, M> {
  const F = sys.field;
  const evaluated = sys.channels.map((c) => sys.kernel(c));
  const inexact = [...sys.inexact];
  for (const c of evaluated) if (c.inexact) inexact.push(...c.inexact);
  const other = evaluated.some((c) => c.clear !== undefined && differs(F, c.quantities, c.clear));
  const lowerBounds = inexact.length > 0;
  const core = assembleCurrentIn(F, {
    channels: evaluated.map((c) => c.quantities),
    normH: sys.normH, width: sys.width,
    tail: sys.tail(evaluated.map((c) => c.tail)),
    lowerBounds,
    alternatives: other ? [evaluated.map(({ quantities: q, clear }) => clear ?? { deltaE: q.deltaE.value, gammaMax: q.gammaMax.value, omegaGammaMax: q.omegaGammaMax.value })] : [],
    upper: evaluated.map((c) => c.upper),
    assemblyErrors: sys.assemblyErrors,
  });
  assertFiniteCore(F, sys, core);
  // After the core: an enclosure is no reason to decide only 'holds' (its upper ends decide 'violated').
  if (core.upper) inexact.push(enclosureNote(F, core, core.upper));
  const plain = (r: CurrentReadingIn<T>) => `another reading of Omega gives deltaE = ${F.toNumber(r.terms.deltaE.value)}, B1 = ${F.toNumber(r.bounds.B1.value)}, B2 = ${F.toNumber(r.bounds.B2.value)}`;
  for (const r of core.alternatives) inexact.push((sys.readingNote ?? plain)(r));
  const currents = sys.groups && sys.groups.length > 0 ? namedCurrentsIn(F, core.channels, sys.groups, sys.sumError) : null;
  if (currents) assertFiniteCurrents(F, sys, currents);
  return {
    J: core.J, shares: core.shares, terms: core.terms, bounds: core.bounds, all: core.all, margins: core.margins, decisions: core.decisions,
    verdicts: core.verdicts, ratios: core.ratios, tail: core.tail, alternatives: core.alternatives,
    model: sys.model, L: sys.L, method: sys.method, state: sys.state, dimension: sys.dimension,
    channels: reportChannels(core, evaluated),
    inexact, lowerBounds, notes: sys.notes,
    ...(currents ? { currents } : {}),
    ...(core.upper ? { upper: core.upper } : {}),
  };
}

/**
 * The upper ends of a report's enclosures as the engines' results carry them (a channel equal to
 * the one before it, a shared outcome's, maps to the same object).
 */
export function upperEnds<T>(up: UpperReadingIn<T>): UpperEnds<Bounded<T>> {
  const channels = new Array<UpperEnds<Bounded<T>>['channels'][number]>(up.channels.length);
  for (let i = 0; i < channels.length; i++) {
    const c = up.channels[i], share = up.shares[i];
    channels[i] = i > 0 && c === up.channels[i - 1] && share === up.shares[i - 1] ? channels[i - 1]
      : { deltaE: c.deltaE, gammaMax: c.gammaMax, omegaGammaMax: c.omegaGammaMax, Bstate: share };
  }
  const t = up.terms, b = up.bounds;
  return {
    differs: up.differs, channels,
    terms: { deltaE: t.deltaE, gammaMax: t.gammaMax, omegaGammaMax: t.omegaGammaMax },
    bounds: { Bstate: b.Bstate, B1: b.B1, B1coarse: b.B1coarse, B2: b.B2 },
  };
}

/** The report's words for the Omega statistics. */
const statisticWords: Readonly<Record<OmegaStatisticName, string>> = { deltaE: 'deltaE', gammaMax: 'gammaMax', omegaGammaMax: 'max|w|gamma' };

/**
 * The `inexact` entry of an enclosure: which statistics and bounds are enclosures, their two ends,
 * how they are decided and how to make them tighter.
 */
function enclosureNote<T>(F: Field<T>, core: CurrentCoreIn<T>, up: UpperReadingIn<T>): string {
  const n = (x: T): string => String(+F.toNumber(x).toPrecision(10));
  const range = (name: string, lo: T, hi: T): string => `${name} in [${n(lo)}, ${n(hi)}]`;
  const stats = up.differs.map((k) => statisticWords[k]);
  const terms = omegaStatisticNames.filter((k) => F.cmp(up.terms[k].value, core.terms[k].value) > 0)
    .map((k) => range(statisticWords[k], core.terms[k].value, up.terms[k].value));
  const bounds = (['Bstate', 'B1', 'B1coarse', 'B2'] as const).filter((k) => F.cmp(up.bounds[k].value, core.bounds[k].value) > 0)
    .map((k) => range(k, core.bounds[k].value, up.bounds[k].value));
  const tighten = F.name === 'float64'
    ? 'symmetry sectors (the dense method takes the spin flip, reflection and translation where H_S has them: exact zeros between sectors, smaller errors) or the decimal.js engine (--digits D, where it applies) certify more elements'
    : 'more digits (--digits) certify more elements';
  return `${stats.join(', ')} ${stats.length === 1 ? 'is an enclosure' : 'are enclosures'}, not exact: Omega counts the elements of A certified nonzero (above the zero threshold), `
    + `and elements at or below it that are not exact zeros may be nonzero; counting them too: ${[...terms, ...bounds].join(', ')} (the upper ends: \`upper\` in the JSON). `
    + `A bound holds when |J| is below its lower end, is violated only when |J| is above its upper end, else unknown; ${tighten}`;
}

/**
 * Every named current is finite (its channels' J are, so only a sum that overflows is not).
 *
 * @throws NonFiniteError naming `currents.NAME` or its error
 */
function assertFiniteCurrents<T>(F: Field<T>, sys: { readonly model: string; readonly L: number; readonly method: string }, currents: readonly NamedCurrentIn<T>[]): void {
  const finite = (x: T): boolean => F.toNumber(F.sub(x, x)) === 0;
  for (const c of currents) {
    for (const [what, x] of [[`currents.${c.name}`, c.J.value], [`error.currents.${c.name}`, c.J.error]] as const) {
      if (finite(x)) continue;
      const name = F.name === 'float64' ? 'float64' : 'decimal.js';
      throw new NonFiniteError(what, `${what} is not finite in ${name} (${F.toNumber(x)}) for the model ${sys.model} at L = ${sys.L} (method ${sys.method})`);
    }
  }
}

/**
 * The report's channels: each channel's quantities, share and kernel data; a channel with the
 * same quantities, share and kernel result as the one before it (a shared outcome, 10^5 channels)
 * is that same object (read only).
 */
function reportChannels<T, X>(core: CurrentCoreIn<T>, evaluated: readonly KernelChannel<T, X>[]): ReportChannel<T, X>[] {
  const out: ReportChannel<T, X>[] = new Array<ReportChannel<T, X>>(core.channels.length);
  let prev: ReportChannel<T, X> | null = null;
  for (let i = 0; i < out.length; i++) {
    const c = core.channels[i], share = core.shares[i], k = evaluated[i];
    if (prev !== null && i > 0 && c === core.channels[i - 1] && share === core.shares[i - 1] && k === evaluated[i - 1]) { out[i] = prev; continue; }
    prev = {
      J: c.J, normA: c.normA, pinchedA2: c.pinchedA2, deltaE: c.deltaE, gammaMax: c.gammaMax, omegaGammaMax: c.omegaGammaMax,
      Bstate: share, normHow: k.normHow, tail: k.tail,
    };
    out[i] = prev;
  }
  return out;
}

const channelKeys = ['J', 'normA', 'pinchedA2', 'deltaE', 'gammaMax', 'omegaGammaMax'] as const;

/** Whether every number {@link coreNumbers} names is finite: plain loops, no names (the common path). */
function allFinite<T>(core: CurrentCoreIn<T>, finite: (x: T) => boolean): boolean {
  const ok = (b: Bounded<T>): boolean => finite(b.value) && finite(b.error);
  if (!ok(core.J)) return false;
  // (A channel or share that is the one before it, a shared outcome's, is checked once.)
  let prevChannel: CurrentChannelIn<T> | null = null, prevShare: Bounded<T> | null = null;
  for (const c of core.channels) {
    if (c === prevChannel) continue;
    prevChannel = c;
    for (const k of channelKeys) if (!ok(c[k])) return false;
  }
  for (const b of core.shares) {
    if (b === prevShare) continue;
    prevShare = b;
    if (!ok(b)) return false;
  }
  for (const group of [core.terms, core.all, core.margins] as readonly Readonly<Record<string, Bounded<T>>>[]) {
    for (const k in group) if (!ok(group[k])) return false;
  }
  const t = core.tail.report;
  return finite(t.D) && finite(t.band) && finite(t.tail) && finite(t.dropped);
}

/** The numbers of a result core by quantity name (the JSON's names): values first, then errors. */
function* coreNumbers<T>(core: CurrentCoreIn<T>): Generator<readonly [string, T]> {
  yield ['J', core.J.value];
  for (const [i, c] of core.channels.entries()) for (const k of channelKeys) yield [`channels[${i}].${k}`, c[k].value];
  for (const [i, b] of core.shares.entries()) yield [`channels[${i}].Bstate`, b.value];
  for (const [k, b] of Object.entries(core.terms) as [string, Bounded<T>][]) yield [`terms.${k}`, b.value];
  for (const [k, b] of Object.entries(core.all) as [string, Bounded<T>][]) yield [`bounds.${k}`, b.value];
  for (const [k, b] of Object.entries(core.margins) as [string, Bounded<T>][]) yield [`margins.${k}`, b.value];
  const t = core.tail.report;
  yield ['tail.D', t.D]; yield ['tail.band', t.band]; yield ['tail.tail', t.tail]; yield ['tail.dropped', t.dropped];
  yield ['error.J', core.J.error];
  for (const [i, c] of core.channels.entries()) for (const k of channelKeys) yield [`error.channels[${i}].${k}`, c[k].error];
  for (const [i, b] of core.shares.entries()) yield [`error.channels[${i}].Bstate`, b.error];
  for (const [k, b] of Object.entries(core.terms) as [string, Bounded<T>][]) yield [`error.terms.${k}`, b.error];
  for (const [k, b] of Object.entries(core.all) as [string, Bounded<T>][]) yield [`error.bounds.${k}`, b.error];
  for (const [k, b] of Object.entries(core.margins) as [string, Bounded<T>][]) yield [`error.margins.${k}`, b.error];
}

/**
 * Every number of the result core is finite in the system's field (x - x is exactly 0 for a
 * finite x in a rounded field, NaN for an infinity or a NaN): O(channels).
 *
 * @throws NonFiniteError naming the first quantity that is not
 */
function assertFiniteCore<T>(F: Field<T>, sys: { readonly model: string; readonly L: number; readonly method: string }, core: CurrentCoreIn<T>): void {
  const finite = (x: T): boolean => F.toNumber(F.sub(x, x)) === 0;
  if (allFinite(core, finite)) return;
  const bad = firstNonFinite(coreNumbers(core), finite)!;
  const value = [...coreNumbers(core)].find(([name]) => name === bad)![1];
  const float = F.name === 'float64';
  const hint = float ? '; the decimal.js engine (--digits D) may hold them' : '';
  const name = float ? 'float64' : 'decimal.js';
  throw new NonFiniteError(bad, `${bad} is not finite in ${name} (${F.toNumber(value)}) for the model ${sys.model} at L = ${sys.L} (method ${sys.method}): the model's values overflow ${name}${hint}`);
}
