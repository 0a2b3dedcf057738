/**
 * Engines as the properties see them: a function from a model at L to J and every bound term,
 * each with an absolute error bound, in Decimal. heatbound's float64 and decimal.js engines are
 * provided; users plug in their own (or a deliberately broken one) to test it against the limits.
 */
import type { Bounded as FieldBounded, Bounds, ChannelTerms, Decimal, OverallTerms } from '../src/numeric/index.js';
import { decimalContext } from '../src/numeric/index.js';
import type { ModelSpec } from '../src/lang/index.js';
import { loadModelText } from '../src/lang/index.js';
import {
  buildPreciseSystem, computeCurrent, computePrecise, evaluateSystem, PreciseNotApplicable, type CurrentResult, type UpperEnds, type PreciseResult, type PreciseSystem,
} from '../src/engine/index.js';

/** A value with an absolute error bound: numeric's one `Bounded<T>` over Decimal. */
export type Bounded = FieldBounded<Decimal>;

/** The four bounds of physics.md (numeric `Bounds`). */
export type BoundName = keyof Bounds;

/** One channel's J and bound inputs, each {@link Bounded} (numeric `ChannelTerms`). */
export type EngineChannel = ChannelTerms<Bounded> & { readonly J: Bounded };

/**
 * What an engine reports for one model at one L: the projection of an engine's result (its J,
 * bounds, terms and channels, numeric's `Bounds`, `OverallTerms` and `ChannelTerms` over
 * {@link Bounded}) that the properties judge, built by one function ({@link reportOf}).
 */
export interface EngineReport {
  /** Which engine (and precision) produced it. */
  readonly engine: string;
  readonly J: Bounded;
  readonly bounds: Readonly<Record<BoundName, Bounded>>;
  /** The overall terms and the largest max |w| gamma(w) over the channels. */
  readonly terms: OverallTerms<Bounded> & { readonly omegaGammaMax: Bounded };
  readonly channels: readonly EngineChannel[];
  /** Why some bound terms are not exact, empty when all are exact: enclosures (the bounds and Omega statistics here are then the enclosures, as value +- error) or lower bounds ({@link EngineReport.lowerBounds}). */
  readonly inexact: readonly string[];
  /**
   * True when some term is inexact for a reason other than an enclosure: the terms and bounds are
   * then lower bounds only, so an inequality with one of them on its larger side cannot fail from
   * them (the checks leave such inequalities out, and a campaign counts the check as skipped).
   * Absent (an engine of the user's that does not say): every inexact report is taken as lower
   * bounds ({@link onlyLowerBounds}).
   */
  readonly lowerBounds?: boolean;
  /** B2tail, the band bound robust to tails (README), where the engine reports it. */
  readonly B2tail?: Bounded;
  /** The current J_c of each named channel entry (the model's `name:`), by name; absent when the model names none. */
  readonly currents?: Readonly<Record<string, Bounded>>;
}

/** Whether a report's terms and bounds are lower bounds only: its `lowerBounds`, or, where an engine does not say, any inexact term. */
export function onlyLowerBounds(r: Pick<EngineReport, 'inexact' | 'lowerBounds'>): boolean {
  return r.lowerBounds ?? r.inexact.length > 0;
}

/** A model family and the L to evaluate it at. */
export interface ModelInstance {
  readonly model: ModelSpec;
  readonly L: number;
}

/** An engine under test. */
export type Engine = (m: ModelInstance) => EngineReport;

/** A sample's model, parsed (its file name is `<name>.yaml`). */
export function instanceOf(sample: { readonly name: string; readonly text: string; readonly L: number }): ModelInstance {
  return { model: loadModelText(sample.text, `${sample.name}.yaml`), L: sample.L };
}

const relFloat = 1e-12;

/**
 * The Decimal constructor of the properties' own arithmetic: wide enough that combining engine
 * values (up to 1000 digits) with exact constants never rounds below their errors.
 */
export const HP = decimalContext(1100);

/** An engine's result in its own field T, as an {@link EngineReport} is built from it. */
interface ReportSource<T> {
  readonly J: FieldBounded<T>;
  readonly bounds: Readonly<Record<BoundName, FieldBounded<T>>>;
  readonly B2tail?: FieldBounded<T>;
  readonly terms: OverallTerms<FieldBounded<T>> & { readonly omegaGammaMax: FieldBounded<T> };
  readonly channels: readonly (ChannelTerms<FieldBounded<T>> & { readonly J: FieldBounded<T> })[];
  readonly inexact: readonly string[];
  readonly lowerBounds: boolean;
  readonly currents?: readonly { readonly name: string; readonly J: FieldBounded<T> }[];
  /** The upper ends where the Omega statistics are enclosures (engine/result.ts UpperEnds). */
  readonly upper?: UpperEnds<FieldBounded<T>>;
}

/**
 * A quantity known to lie in [lower - e_l, upper + e_u] (an enclosure of `current`) as one value
 * with an error: the interval's midpoint and half-width, so that a claim or property judged on it
 * holds or fails only where it does at every point of the enclosure (the lower end alone, with its
 * own small error, is not the quantity: claims judged on it were refuted and passed wrongly).
 */
function enclosed(lo: Bounded, hi: Bounded | undefined): Bounded {
  if (!hi) return lo;
  const a = lo.value.minus(lo.error), b = hi.value.plus(hi.error);
  if (b.lte(lo.value.plus(lo.error))) return lo;
  return { value: a.plus(b).div(2), error: b.minus(a).div(2) };
}

/** The one projection: every value of `r` taken into Decimal by `lift`, key by key. */
function reportOf<T>(engine: string, r: ReportSource<T>, lift: (b: FieldBounded<T>) => Bounded): EngineReport {
  const u = r.upper;
  const up = (b: FieldBounded<T> | undefined): Bounded | undefined => (b === undefined ? undefined : lift(b));
  const bounds = {} as Record<BoundName, Bounded>;
  for (const k of Object.keys(r.bounds) as BoundName[]) {
    bounds[k] = enclosed(lift(r.bounds[k]), up((u?.bounds as Readonly<Record<string, FieldBounded<T>>> | undefined)?.[k]));
  }
  const t = r.terms;
  return {
    engine,
    J: lift(r.J),
    bounds,
    ...(r.B2tail !== undefined ? { B2tail: lift(r.B2tail) } : {}),
    terms: {
      normH: lift(t.normH), width: lift(t.width), sumA2: lift(t.sumA2),
      gammaMax: enclosed(lift(t.gammaMax), up(u?.terms.gammaMax)), deltaE: enclosed(lift(t.deltaE), up(u?.terms.deltaE)),
      omegaGammaMax: enclosed(lift(t.omegaGammaMax), up(u?.terms.omegaGammaMax)),
    },
    channels: r.channels.map((c, i) => {
      const cu = u?.channels[i];
      return {
        J: lift(c.J), normA: lift(c.normA), gammaMax: enclosed(lift(c.gammaMax), up(cu?.gammaMax)), omegaGammaMax: enclosed(lift(c.omegaGammaMax), up(cu?.omegaGammaMax)),
        pinchedA2: lift(c.pinchedA2), deltaE: enclosed(lift(c.deltaE), up(cu?.deltaE)),
      };
    }),
    inexact: r.inexact,
    lowerBounds: r.lowerBounds,
    ...(r.currents ? { currents: Object.fromEntries(r.currents.map((c) => [c.name, lift(c.J)])) } : {}),
  };
}

/** A float64 value with its error, in the properties' Decimal. */
function fromNumber(b: FieldBounded<number>): Bounded {
  return { value: new HP(b.value), error: new HP(b.error) };
}

/** The float64 engine's result as a report, with the engine's own error bounds. */
export function reportOfCurrent(r: CurrentResult): EngineReport {
  const b = (value: number, error: number): FieldBounded<number> => ({ value, error });
  const t = (x: number): FieldBounded<number> => b(x, relFloat * Math.abs(x));
  const omegaGammaMax = r.channels.reduce((m, c) => Math.max(m, c.omegaGammaMax), 0);
  // The engine's a-posteriori term errors (engine/errors.ts); a result without them (an older
  // engine, a user's) falls back to a relative 1e-12.
  const te = (r as Partial<Pick<CurrentResult, 'termErrors'>>).termErrors;
  return reportOf(`float64/${r.method}`, {
    J: b(r.J, r.error.J),
    bounds: {
      Bstate: b(r.bounds.Bstate, r.error.bounds.Bstate),
      B1: b(r.bounds.B1, r.error.bounds.B1),
      B1coarse: b(r.bounds.B1coarse, r.error.bounds.B1coarse),
      B2: b(r.bounds.B2, r.error.bounds.B2),
    },
    ...(r.bounds.B2tail !== undefined ? { B2tail: b(r.bounds.B2tail, r.error.bounds.B2tail) } : {}),
    terms: te ? {
      normH: b(r.terms.normH, te.terms.normH), width: b(r.terms.width, te.terms.width), sumA2: b(r.terms.sumA2, te.terms.sumA2),
      gammaMax: b(r.terms.gammaMax, te.terms.gammaMax), deltaE: b(r.terms.deltaE, te.terms.deltaE), omegaGammaMax: b(omegaGammaMax, te.terms.omegaGammaMax),
    } : {
      normH: t(r.terms.normH), width: t(r.terms.width), sumA2: t(r.terms.sumA2),
      gammaMax: t(r.terms.gammaMax), deltaE: t(r.terms.deltaE), omegaGammaMax: t(omegaGammaMax),
    },
    channels: r.channels.map((c, i) => {
      const e = te?.channels[i];
      const pinched = c.pinchedA2 ?? (c.omegaGammaMax > 0 ? c.Bstate / c.omegaGammaMax : 0);
      return e ? {
        J: b(c.J, e.J), normA: b(c.normA, e.normA), gammaMax: b(c.gammaMax, e.gammaMax), omegaGammaMax: b(c.omegaGammaMax, e.omegaGammaMax),
        pinchedA2: b(pinched, e.pinchedA2 + 2 * Number.EPSILON * pinched), deltaE: b(c.deltaE, e.deltaE),
      } : {
        J: t(c.J), normA: t(c.normA), gammaMax: t(c.gammaMax), omegaGammaMax: t(c.omegaGammaMax), pinchedA2: t(pinched), deltaE: t(c.deltaE),
      };
    }),
    inexact: r.inexact,
    lowerBounds: r.lowerBounds,
    ...(r.currents ? { currents: r.currents.map((c) => ({ name: c.name, J: b(c.J, c.error) })) } : {}),
    ...(r.upper ? { upper: r.upper } : {}),
  }, fromNumber);
}

/**
 * The decimal.js engine's result as a report, its values as they are. `bounds` keeps every bound
 * the engine reports (B2tail among them, so claims may name it), as before.
 */
export function reportOfPrecise(r: PreciseResult): EngineReport {
  return reportOf(`decimal${r.digitsUsed}/${r.method}`, {
    J: r.J, bounds: r.bounds, ...(r.bounds.B2tail ? { B2tail: r.bounds.B2tail } : {}), terms: r.terms, channels: r.channels, inexact: r.inexact, lowerBounds: r.lowerBounds,
    ...(r.currents ? { currents: r.currents } : {}), ...(r.upper ? { upper: r.upper } : {}),
  }, (x) => x);
}

/** heatbound's float64 engine (method chosen automatically). */
export function float64Engine(): Engine {
  return ({ model, L }) => reportOfCurrent(computeCurrent(model, L));
}

/** heatbound's decimal.js engine at `digits` significant digits; ties are not recomputed. */
export function preciseEngine(digits = 30): Engine {
  return ({ model, L }) => reportOfPrecise(computePrecise(model, L, { digits, maxDigits: digits }));
}

/** The decimal.js engine where it applies, the float64 engine elsewhere (steady states, large L). */
export function autoEngine(digits = 30): Engine {
  const precise = preciseEngine(digits), float = float64Engine();
  return (m) => {
    try {
      return precise(m);
    } catch (err) {
      if (err instanceof PreciseNotApplicable) return float(m);
      throw err;
    }
  };
}

/**
 * One computation of {@link autoEngine}(digits) on `m` that keeps what the decimal.js checks need
 * again (internal to properties/: a campaign computes each run's system once for every check).
 * `report` is autoEngine's report: at maxDigits = digits, computePrecise is evaluateSystem of
 * buildPreciseSystem (no second precision), and where that does not apply, the float64 engine's.
 * `system` is the precise system (null when building it did not apply: `failure` says why);
 * `result` its evaluation (null when that did not apply: `failure`).
 *
 * @throws as autoEngine (errors other than PreciseNotApplicable)
 */
export function autoEngineRun(m: ModelInstance, digits = 30): AutoEngineRun {
  let system: PreciseSystem;
  try {
    system = buildPreciseSystem(m.model, m.L, digits, { digits, maxDigits: digits });
  } catch (err) {
    if (err instanceof PreciseNotApplicable) return { report: float64Engine()(m), system: null, result: null, failure: err };
    throw err;
  }
  try {
    const result = evaluateSystem(system);
    return { report: reportOfPrecise(result), system, result, failure: null };
  } catch (err) {
    if (err instanceof PreciseNotApplicable) return { report: float64Engine()(m), system, result: null, failure: err };
    throw err;
  }
}

/** What {@link autoEngineRun} computed: the report, and the precise system and result where they apply. */
export interface AutoEngineRun {
  readonly report: EngineReport;
  readonly system: PreciseSystem | null;
  readonly result: PreciseResult | null;
  /** Why the precise system or its evaluation did not apply (null when both did). */
  readonly failure: PreciseNotApplicable | null;
}
