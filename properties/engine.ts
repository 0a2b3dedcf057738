/**
 * Engines as the properties see them: a function from a model at L to J and every bound term,
 * each with an absolute error bound, in Decimal. heatbound's float64 and decimal.js engines are
 * provided; users plug in their own (or a deliberately broken one) to test it against the limits.
 */
import type { Decimal } from '../src/numeric/index.js';
import { decimalContext } from '../src/numeric/index.js';
import type { ModelSpec } from '../src/lang/index.js';
import { loadModelText } from '../src/lang/index.js';
import { computeCurrent, computePrecise, PreciseNotApplicable, type CurrentResult, type PreciseResult } from '../src/engine/index.js';

/** A value with an absolute error bound. */
export interface Bounded {
  readonly value: Decimal;
  readonly error: Decimal;
}

export type BoundName = 'Bstate' | 'B1' | 'B1coarse' | 'B2';

/** What an engine reports for one model at one L. */
export interface EngineReport {
  /** Which engine (and precision) produced it. */
  readonly engine: string;
  readonly J: Bounded;
  readonly bounds: Readonly<Record<BoundName, Bounded>>;
  readonly terms: {
    readonly normH: Bounded; readonly width: Bounded; readonly sumA2: Bounded;
    readonly gammaMax: Bounded; readonly deltaE: Bounded; readonly omegaGammaMax: Bounded;
  };
  readonly channels: readonly {
    readonly J: Bounded; readonly normA: Bounded; readonly gammaMax: Bounded;
    readonly omegaGammaMax: Bounded; readonly pinchedA2: Bounded; readonly deltaE: Bounded;
  }[];
  /** Why some bound terms are not exact (they are then lower bounds), empty when all are exact. */
  readonly inexact: readonly string[];
  /** B2tail, the band bound robust to tails (README), where the engine reports it. */
  readonly B2tail?: Bounded;
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

function fromNumber(value: number, error: number): Bounded {
  return { value: new HP(value), error: new HP(error) };
}

/** The float64 engine's result as a report, with the engine's own error bounds. */
export function reportOfCurrent(r: CurrentResult): EngineReport {
  const t = (x: number): Bounded => fromNumber(x, relFloat * Math.abs(x));
  const omegaGammaMax = r.channels.reduce((m, c) => Math.max(m, c.omegaGammaMax), 0);
  // The engine's a-posteriori term errors (engine/errors.ts); a result without them (an older
  // engine, a user's) falls back to a relative 1e-12.
  const te = (r as Partial<Pick<CurrentResult, 'termErrors'>>).termErrors;
  return {
    engine: `float64/${r.method}`,
    J: fromNumber(r.J, r.error.J),
    bounds: {
      Bstate: fromNumber(r.bounds.Bstate, r.error.bounds.Bstate),
      B1: fromNumber(r.bounds.B1, r.error.bounds.B1),
      B1coarse: fromNumber(r.bounds.B1coarse, r.error.bounds.B1coarse),
      B2: fromNumber(r.bounds.B2, r.error.bounds.B2),
    },
    ...(r.bounds.B2tail !== undefined ? { B2tail: fromNumber(r.bounds.B2tail, r.error.bounds.B2tail) } : {}),
    terms: te ? {
      normH: fromNumber(r.terms.normH, te.terms.normH), width: fromNumber(r.terms.width, te.terms.width), sumA2: fromNumber(r.terms.sumA2, te.terms.sumA2),
      gammaMax: fromNumber(r.terms.gammaMax, te.terms.gammaMax), deltaE: fromNumber(r.terms.deltaE, te.terms.deltaE), omegaGammaMax: fromNumber(omegaGammaMax, te.terms.omegaGammaMax),
    } : {
      normH: t(r.terms.normH), width: t(r.terms.width), sumA2: t(r.terms.sumA2),
      gammaMax: t(r.terms.gammaMax), deltaE: t(r.terms.deltaE), omegaGammaMax: t(omegaGammaMax),
    },
    channels: r.channels.map((c, i) => {
      const e = te?.channels[i];
      const pinched = c.pinchedA2 ?? (c.omegaGammaMax > 0 ? c.Bstate / c.omegaGammaMax : 0);
      return e ? {
        J: fromNumber(c.J, e.J), normA: fromNumber(c.normA, e.normA), gammaMax: fromNumber(c.gammaMax, e.gammaMax), omegaGammaMax: fromNumber(c.omegaGammaMax, e.omegaGammaMax),
        pinchedA2: fromNumber(pinched, e.pinchedA2 + 2 * Number.EPSILON * pinched), deltaE: fromNumber(c.deltaE, e.deltaE),
      } : {
        J: t(c.J), normA: t(c.normA), gammaMax: t(c.gammaMax), omegaGammaMax: t(c.omegaGammaMax), pinchedA2: t(pinched), deltaE: t(c.deltaE),
      };
    }),
    inexact: r.inexact,
  };
}

/** The decimal.js engine's result as a report. */
export function reportOfPrecise(r: PreciseResult): EngineReport {
  return {
    engine: `decimal${r.digitsUsed}/${r.method}`,
    J: r.J,
    bounds: r.bounds,
    ...(r.bounds.B2tail ? { B2tail: r.bounds.B2tail } : {}),
    terms: r.terms,
    channels: r.channels.map((c) => ({
      J: c.J, normA: c.normA, gammaMax: c.gammaMax, omegaGammaMax: c.omegaGammaMax, pinchedA2: c.pinchedA2, deltaE: c.deltaE,
    })),
    inexact: r.inexact,
  };
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
