/**
 * The float64 engine's error bounds of J, of every bound term and of the bounds, assembled from
 * the methods' per-channel a-posteriori bounds (engine/methods/errors.ts, numeric/heat-error.ts).
 * The result core (engine/assemble.ts) assembles the values once and asks
 * {@link float64AssemblyErrors} for the errors of what it assembled.
 */
import { type Bounded, type Bounds, type OverallTerms, defaultTolerances, gammaN } from '../numeric/index.js';
import type { ChannelOutcome, MethodOutcome } from './outcome.js';
import type { AssembledErrorsIn, AssembledIn, CurrentChannelIn, OmegaUpperIn } from './assemble.js';

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

/** The relative round-off of a method's sums over `roundoffDimension` terms (the a-priori estimate). */
export function roundoffOf(roundoffDimension: number): number {
  const t = defaultTolerances;
  return t.roundoffFactor * t.eps * Math.max(1, roundoffDimension);
}

/**
 * A channel's quantities with their error bounds: the method's a-posteriori bounds, or, for a
 * method without them, the a-priori estimate at its round-off dimension.
 */
export function channelWithErrors(c: ChannelOutcome, roundoffDimension: number): CurrentChannelIn<number> {
  const e = c.errors ?? (() => {
    const rel = roundoffOf(roundoffDimension);
    return { J: rel * c.absJ, pinchedA2: rel * c.pinchedA2, deltaE: rel * c.deltaE, gammaMax: rel * c.gammaMax, omegaGammaMax: rel * c.omegaGammaMax };
  })();
  return {
    J: { value: c.J, error: e.J }, normA: { value: c.normA, error: c.normAError }, pinchedA2: { value: c.pinchedA2, error: e.pinchedA2 },
    deltaE: { value: c.deltaE, error: e.deltaE }, gammaMax: { value: c.gammaMax, error: e.gammaMax }, omegaGammaMax: { value: c.omegaGammaMax, error: e.omegaGammaMax },
  };
}

/**
 * A channel's upper Omega statistics with their error bounds (the method's a-posteriori ones, else
 * the a-priori estimate at its round-off dimension); undefined where the kernel gave none.
 */
export function channelUpperWithErrors(c: ChannelOutcome, roundoffDimension: number): OmegaUpperIn<number> | undefined {
  const u = c.upper;
  if (!u) return undefined;
  const rel = roundoffOf(roundoffDimension);
  const e = c.errors?.upper ?? { deltaE: rel * u.deltaE, gammaMax: rel * u.gammaMax, omegaGammaMax: rel * u.omegaGammaMax };
  return { deltaE: { value: u.deltaE, error: e.deltaE }, gammaMax: { value: u.gammaMax, error: e.gammaMax }, omegaGammaMax: { value: u.omegaGammaMax, error: e.omegaGammaMax } };
}

/** Error bounds of ||H_S|| and the width: the method's a-posteriori ones, else the a-priori estimate. */
export function spectrumWithErrors(o: Pick<MethodOutcome, 'normH' | 'width' | 'termErrors' | 'roundoffDimension'>): { normH: Bounded<number>; width: Bounded<number> } {
  const te = o.termErrors ?? { normH: roundoffOf(o.roundoffDimension) * o.normH, width: roundoffOf(o.roundoffDimension) * o.width };
  return { normH: { value: o.normH, error: te.normH }, width: { value: o.width, error: te.width } };
}

/**
 * Error bounds of J, the terms, the bounds and the channels' shares of B_state, for the values the
 * float64 assembly (numeric float64Bounds) made of the channels' values. Products follow
 * |d(ab)| <= |a| db + |b| da + da db, sums add their errors, a maximum carries the largest error
 * of its candidates (each candidate is within its error, so the maximum is too); each assembled
 * value adds its own rounding, gamma_{C+4} relative for C channels (Higham Lemma 3.1).
 *
 * @param channels the channels' values with their errors ({@link channelWithErrors})
 * @param a J, terms and bounds as the core assembled them from those values
 */
export function float64AssemblyErrors(
  channels: readonly CurrentChannelIn<number>[], normH: Bounded<number>, width: Bounded<number>, a: AssembledIn<number>,
): AssembledErrorsIn<number> {
  const { terms, bounds } = a;
  const g = gammaN(channels.length + 4);
  let J = 0, absJ = 0, sumA2 = 0, B1 = 0, Bstate = 0, gammaMax = 0, deltaE = 0, omegaGammaMax = 0;
  // A plain loop (the sums are locals, not a closure's: no boxed number per channel), each
  // channel's own terms computed once for a run of one shared quantities object (10^5 channels).
  const shares: number[] = new Array<number>(channels.length);
  let prev: CurrentChannelIn<number> | null = null;
  let da2 = 0, bstate = 0, b1 = 0;
  for (let i = 0; i < channels.length; i++) {
    const c = channels[i];
    if (c !== prev) {
      prev = c;
      const normA = c.normA.value, normAError = c.normA.error;
      const a2 = normA * normA;
      da2 = prod(normA, normAError, normA, normAError) + gammaN(1) * a2;
      bstate = prod(c.omegaGammaMax.value, c.omegaGammaMax.error, c.pinchedA2.value, c.pinchedA2.error) + gammaN(1) * c.omegaGammaMax.value * c.pinchedA2.value;
      b1 = prod(c.omegaGammaMax.value, c.omegaGammaMax.error, a2, da2);
    }
    J += c.J.error; absJ += Math.abs(c.J.value);
    sumA2 += da2;
    B1 += b1;
    Bstate += bstate;
    gammaMax = Math.max(gammaMax, c.gammaMax.error);
    deltaE = Math.max(deltaE, c.deltaE.error);
    omegaGammaMax = Math.max(omegaGammaMax, c.omegaGammaMax.error);
    shares[i] = bstate;
  }
  sumA2 += g * terms.sumA2;
  const wg = prod(terms.width, width.error, terms.gammaMax, gammaMax);
  const dg = prod(terms.deltaE, deltaE, terms.gammaMax, gammaMax);
  return {
    J: J + g * absJ,
    terms: { normH: normH.error, width: width.error, sumA2, gammaMax, deltaE, omegaGammaMax },
    bounds: {
      Bstate: Bstate + g * bounds.Bstate,
      B1: B1 + g * bounds.B1,
      B1coarse: prod(terms.width * terms.gammaMax, wg, terms.sumA2, sumA2) + g * bounds.B1coarse,
      B2: prod(terms.deltaE * terms.gammaMax, dg, terms.sumA2, sumA2) + g * bounds.B2,
    },
    shares,
  };
}

/**
 * The error bound of a sum of channels' J in float64 (a named channel's current,
 * engine/channel-currents.ts), as {@link float64AssemblyErrors} bounds J: the channels' errors
 * added, and the rounding of the sum, gamma_{C+4} relative to sum |J_c| for C channels. For every
 * channel of the model it is the error of J.
 *
 * @example
 * float64SumError([{ J: { value: 1, error: 0 } }]) // gamma_5 = 5u / (1 - 5u)
 */
export function float64SumError(channels: readonly { readonly J: Bounded<number> }[]): number {
  let e = 0, abs = 0;
  for (const c of channels) { e += c.J.error; abs += Math.abs(c.J.value); }
  return e + gammaN(channels.length + 4) * abs;
}

/**
 * Error bounds of J, the bounds and the terms of a method's outcome, given the terms and bounds
 * assembled from its values ({@link channelWithErrors}, {@link spectrumWithErrors} and
 * {@link float64AssemblyErrors} in one call; `current` itself goes through the result core).
 */
export function outcomeErrors(o: MethodOutcome, terms: OverallTerms, bounds: Bounds): { J: number; bounds: Record<keyof Bounds, number>; termErrors: TermErrors } {
  const channels = o.channels.map((c) => channelWithErrors(c, o.roundoffDimension));
  const { normH, width } = spectrumWithErrors(o);
  const e = float64AssemblyErrors(channels, normH, width, { J: 0, terms: { ...terms, omegaGammaMax: 0 }, bounds, shares: [] });
  return {
    J: e.J,
    bounds: { ...e.bounds },
    termErrors: {
      terms: e.terms,
      channels: channels.map((c, i) => ({
        J: c.J.error, normA: c.normA.error, pinchedA2: c.pinchedA2.error, deltaE: c.deltaE.error,
        gammaMax: c.gammaMax.error, omegaGammaMax: c.omegaGammaMax.error, Bstate: e.shares[i],
      })),
    },
  };
}
