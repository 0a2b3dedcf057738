/**
 * What a method computes for one model at one L, before formatting.
 */
import type { TailTable } from '../numeric/index.js';

/** One channel's results. */
export interface ChannelOutcome {
  readonly J: number;
  /** sum of |terms| of J: the scale of its round-off. */
  readonly absJ: number;
  readonly normA: number;
  /** Absolute error bound on normA. */
  readonly normAError: number;
  /** How normA was obtained (analytic, dense-blocks, site-groups, banded-bisection, lanczos, ...). */
  readonly normHow: string;
  readonly pinchedA2: number;
  readonly deltaE: number;
  readonly gammaMax: number;
  readonly omegaGammaMax: number;
  /** A-posteriori error bounds of J, Tr[A^2 Pinch rho] and the Omega statistics (engine/methods/errors). */
  readonly errors?: {
    readonly J: number; readonly pinchedA2: number; readonly deltaE: number; readonly gammaMax: number; readonly omegaGammaMax: number;
    /** The errors of `upper` (absent: the a-priori estimate). */
    readonly upper?: { readonly deltaE: number; readonly gammaMax: number; readonly omegaGammaMax: number };
  };
  /**
   * The Omega statistics over every element not certified zero (numeric/channel's `upper`): the
   * exact statistics lie between deltaE, gammaMax, omegaGammaMax (lower bounds) and these.
   * Absent: equal to them (every element certified).
   */
  readonly upper?: { readonly deltaE: number; readonly gammaMax: number; readonly omegaGammaMax: number };
  /** Omega statistics from the elements clearly above round-off (see numeric/davies). */
  readonly clear?: { readonly deltaE: number; readonly gammaMax: number; readonly omegaGammaMax: number };
  /** The frequency table of B2tail (numeric/tail); absent: B2tail falls back to this channel's B_state share. */
  readonly tail?: TailTable;
}

export type MethodName = 'dense' | 'diagonal' | 'symmetric' | 'product';

export interface MethodOutcome {
  readonly method: MethodName;
  /** Dimension of the space the method worked in. */
  readonly dimension: number;
  readonly normH: number;
  readonly width: number;
  readonly channels: readonly ChannelOutcome[];
  /** Effective dimension for round-off estimates of J (largest dense block, 1 for exact structure). */
  readonly roundoffDimension: number;
  /** A-posteriori error bounds of normH and width (absent: the a-priori estimate `roundoffOf` of engine/errors.ts). */
  readonly termErrors?: { readonly normH: number; readonly width: number };
  /** Terms that are not exact full-space values, with why (empty when all are exact). */
  readonly inexact: readonly string[];
  readonly notes: readonly string[];
}

/**
 * What a float64 method hands over before its kernels run: its outcome with each channel as the
 * method prepared it (`C`) and the kernel that evaluates one (engine/methods/shared.ts
 * `channelKernel`, or the method's own, e.g. memoised over equal one-site problems). A method whose
 * channels are already evaluated hands over its {@link MethodOutcome} with the identity kernel.
 */
export interface MethodSystem<C> extends Omit<MethodOutcome, 'channels'> {
  readonly channels: readonly C[];
  readonly kernel: (c: C) => ChannelOutcome;
}

/** A method's outcome as a {@link MethodSystem} whose channels are evaluated already. */
export function evaluatedSystem(o: MethodOutcome): MethodSystem<ChannelOutcome> {
  return { ...o, kernel: (c) => c };
}

/** The outcome of a {@link MethodSystem}: its kernel run on every channel, in order. */
export function outcomeOf<C>(s: MethodSystem<C>): MethodOutcome {
  const { kernel, channels, ...rest } = s;
  return { ...rest, channels: channels.map((c) => kernel(c)) };
}

/** Why a method does not apply to a model at an L. */
export class MethodNotApplicable extends Error {
  constructor(readonly method: MethodName, readonly reason: string) {
    super(`the ${method} method does not apply: ${reason}`);
    this.name = 'MethodNotApplicable';
  }
}
