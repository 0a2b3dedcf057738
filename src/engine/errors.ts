/**
 * The float64 engine's error bounds of J, of every bound term and of the bounds, assembled from
 * the methods' per-channel a-posteriori bounds (engine/methods/errors.ts, numeric/heat-error.ts).
 */
import { type Bounds, type OverallTerms, defaultTolerances, gammaN } from '../numeric/index.js';
import type { ChannelOutcome, MethodOutcome } from './outcome.js';

/** Absolute error bounds of the overall terms and of each channel's quantities. */
export interface TermErrors {
  readonly terms: Readonly<Record<keyof OverallTerms | 'omegaGammaMax', number>>;
  readonly channels: readonly {
    readonly J: number; readonly normA: number; readonly pinchedA2: number; readonly deltaE: number;
    readonly gammaMax: number; readonly omegaGammaMax: number; readonly Bstate: number;
  }[];
}

/** |d(ab)| <= |a| db + |b| da + da db. */
function prod(a: number, da: number, b: number, db: number): number {
  return Math.abs(a) * db + Math.abs(b) * da + da * db;
}

/** A channel's errors; a method without a-posteriori bounds gets the a-priori estimate. */
function channelErrorsOf(c: ChannelOutcome, o: MethodOutcome): NonNullable<ChannelOutcome['errors']> {
  if (c.errors) return c.errors;
  const t = defaultTolerances;
  const rel = t.roundoffFactor * t.eps * Math.max(1, o.roundoffDimension);
  return { J: rel * c.absJ, pinchedA2: rel * c.pinchedA2, deltaE: rel * c.deltaE, gammaMax: rel * c.gammaMax, omegaGammaMax: rel * c.omegaGammaMax };
}

/**
 * Error bounds of J, the bounds and the terms. Products follow |d(ab)| <= |a| db + |b| da + da db,
 * sums add their errors, a maximum carries the largest error of its candidates (each candidate is
 * within its error, so the maximum is too); each assembled value adds its own rounding, gamma_{C+4}
 * relative for C channels (Higham Lemma 3.1).
 */
export function outcomeErrors(o: MethodOutcome, terms: OverallTerms, bounds: Bounds): { J: number; bounds: Record<keyof Bounds, number>; termErrors: TermErrors } {
  const C = o.channels.length;
  const g = gammaN(C + 4);
  let J = 0, absJ = 0, sumA2 = 0, B1 = 0, Bstate = 0, gammaMax = 0, deltaE = 0, omegaGammaMax = 0;
  const channels = o.channels.map((c) => {
    const e = channelErrorsOf(c, o);
    const a2 = c.normA * c.normA, da2 = prod(c.normA, c.normAError, c.normA, c.normAError) + gammaN(1) * a2;
    const bstate = prod(c.omegaGammaMax, e.omegaGammaMax, c.pinchedA2, e.pinchedA2) + gammaN(1) * c.omegaGammaMax * c.pinchedA2;
    J += e.J; absJ += Math.abs(c.J);
    sumA2 += da2;
    B1 += prod(c.omegaGammaMax, e.omegaGammaMax, a2, da2);
    Bstate += bstate;
    gammaMax = Math.max(gammaMax, e.gammaMax);
    deltaE = Math.max(deltaE, e.deltaE);
    omegaGammaMax = Math.max(omegaGammaMax, e.omegaGammaMax);
    return { J: e.J, normA: c.normAError, pinchedA2: e.pinchedA2, deltaE: e.deltaE, gammaMax: e.gammaMax, omegaGammaMax: e.omegaGammaMax, Bstate: bstate };
  });
  const te = o.termErrors ?? {
    normH: defaultTolerances.roundoffFactor * defaultTolerances.eps * Math.max(1, o.roundoffDimension) * terms.normH,
    width: defaultTolerances.roundoffFactor * defaultTolerances.eps * Math.max(1, o.roundoffDimension) * terms.width,
  };
  sumA2 += g * terms.sumA2;
  const wg = prod(terms.width, te.width, terms.gammaMax, gammaMax);
  const dg = prod(terms.deltaE, deltaE, terms.gammaMax, gammaMax);
  const errB: Record<keyof Bounds, number> = {
    Bstate: Bstate + g * bounds.Bstate,
    B1: B1 + g * bounds.B1,
    B1coarse: prod(terms.width * terms.gammaMax, wg, terms.sumA2, sumA2) + g * bounds.B1coarse,
    B2: prod(terms.deltaE * terms.gammaMax, dg, terms.sumA2, sumA2) + g * bounds.B2,
  };
  return {
    J: J + g * absJ,
    bounds: errB,
    termErrors: {
      terms: { normH: te.normH, width: te.width, sumA2, gammaMax, deltaE, omegaGammaMax },
      channels,
    },
  };
}
