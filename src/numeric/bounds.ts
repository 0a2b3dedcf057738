/**
 * The two limits of physics.md §2-3, assembled from per-channel quantities, written once over a
 * {@link BoundArithmetic} of quantities Q: plain float64 numbers ({@link float64Bounds}) or values
 * with an error bound over any field ({@link boundedBounds}, e.g. decimal.js).
 *
 *   B_state  = sum_alpha max_{w in Omega_alpha} |w| gamma_alpha(w) * Tr[A_alpha^2 Pinch(rho)]
 *   B_1      = sum_alpha max_{w in Omega_alpha} |w| gamma_alpha(w) * ||A_alpha||^2
 *   B_1coarse = W * Gamma * sum_alpha ||A_alpha||^2,     W = E_max - E_min
 *   B_2      = DeltaE_eff * Gamma * sum_alpha ||A_alpha||^2  (Gamma over Omega, which lies in the band)
 */
import { boundedAdd, boundedMul, type Bounded, type Field } from './field.js';

/** Per-channel inputs of the bounds, in quantities Q (default float64). */
export interface ChannelTerms<Q = number> {
  readonly normA: Q;
  readonly pinchedA2: Q;
  readonly deltaE: Q;
  readonly gammaMax: Q;
  readonly omegaGammaMax: Q;
}

/** The overall terms (physics.md names). */
export interface OverallTerms<Q = number> {
  readonly normH: Q;
  readonly width: Q;
  readonly sumA2: Q;
  readonly gammaMax: Q;
  readonly deltaE: Q;
}

/** The four bounds of physics.md. */
export interface Bounds<Q = number> {
  readonly Bstate: Q;
  readonly B1: Q;
  readonly B1coarse: Q;
  readonly B2: Q;
}

/**
 * What the bound formulas compute with: sums, products and maxima of non-negative quantities Q.
 * For values with errors, `add` and `mul` propagate the errors, and `max` takes the larger value
 * with the larger of the two errors: |max(x, y) - max(x~, y~)| <= max(|x - x~|, |y - y~|), so the
 * chosen candidate's own error would not do (a smaller value with a larger error may stand for the
 * larger quantity).
 */
export interface BoundArithmetic<Q> {
  readonly zero: Q;
  add(a: Q, b: Q): Q;
  mul(a: Q, b: Q): Q;
  max(a: Q, b: Q): Q;
}

/** Plain float64 numbers, IEEE operations (the float64 engine's errors are assembled in engine/errors.ts). */
export const float64Bounds: BoundArithmetic<number> = Object.freeze({
  zero: 0,
  add: (a: number, b: number) => a + b,
  mul: (a: number, b: number) => a * b,
  max: (a: number, b: number) => Math.max(a, b),
});

/**
 * Values with an error bound over `F`: {@link boundedAdd} and {@link boundedMul} (every rounding
 * of the assembly counted), and the maximum by value (the first of equal values) with the larger
 * error (as engine/errors.ts does for the float64 engine).
 *
 * @example
 * const A = boundedBounds(decimalField(40));
 * A.mul({ value: x, error: ex }, { value: y, error: ey }) // x y, error |x| ey + |y| ex + ex ey + rounding
 */
export function boundedBounds<T>(F: Field<T>): BoundArithmetic<Bounded<T>> {
  return {
    zero: { value: F.zero, error: F.zero },
    add: (a, b) => boundedAdd(F, a, b),
    mul: (a, b) => boundedMul(F, a, b),
    max: (a, b) => {
      const error = F.cmp(b.error, a.error) > 0 ? b.error : a.error;
      return { value: F.cmp(b.value, a.value) > 0 ? b.value : a.value, error };
    },
  };
}

/** The overall terms, the bounds, and each channel's share of B_state (its omegaGammaMax Tr[A^2 Pinch rho]). */
export interface AssembledBounds<Q> {
  readonly terms: OverallTerms<Q> & { readonly omegaGammaMax: Q };
  readonly bounds: Bounds<Q>;
  readonly shares: readonly Q[];
}

/**
 * Overall terms and the four bounds from ||H_S||, the width W of its spectrum and the channels,
 * in the arithmetic `A`. The order of operations is fixed (sums channel by channel from zero,
 * products left to right), so that the float64 instance gives the same bits as written by hand.
 *
 * @example
 * assembleBoundsIn(float64Bounds, 2, 4, [{ normA: 4, pinchedA2: 16, deltaE: 4, gammaMax: 1, omegaGammaMax: 4 }]).bounds
 * // { Bstate: 64, B1: 64, B1coarse: 64, B2: 64 }
 */
export function assembleBoundsIn<Q>(A: BoundArithmetic<Q>, normH: Q, width: Q, channels: readonly ChannelTerms<Q>[]): AssembledBounds<Q> {
  let sumA2 = A.zero, gammaMax = A.zero, deltaE = A.zero, omegaGammaMax = A.zero, Bstate = A.zero, B1 = A.zero;
  const shares: Q[] = [];
  for (const c of channels) {
    const a2 = A.mul(c.normA, c.normA);
    const share = A.mul(c.omegaGammaMax, c.pinchedA2);
    shares.push(share);
    sumA2 = A.add(sumA2, a2);
    gammaMax = A.max(gammaMax, c.gammaMax);
    deltaE = A.max(deltaE, c.deltaE);
    omegaGammaMax = A.max(omegaGammaMax, c.omegaGammaMax);
    Bstate = A.add(Bstate, share);
    B1 = A.add(B1, A.mul(c.omegaGammaMax, a2));
  }
  return {
    terms: { normH, width, sumA2, gammaMax, deltaE, omegaGammaMax },
    bounds: { Bstate, B1, B1coarse: A.mul(A.mul(width, gammaMax), sumA2), B2: A.mul(A.mul(deltaE, gammaMax), sumA2) },
    shares,
  };
}

/**
 * Overall terms and the four bounds from ||H_S||, its width, and the channels, in float64
 * ({@link assembleBoundsIn} over {@link float64Bounds}).
 *
 * @example
 * assembleBounds(2, 4, [{ normA: 4, pinchedA2: 16, deltaE: 4, gammaMax: 1, omegaGammaMax: 4 }]).bounds.B1 // 64
 */
export function assembleBounds(normH: number, width: number, channels: readonly ChannelTerms[]): { terms: OverallTerms; bounds: Bounds } {
  const { terms: { omegaGammaMax: _, ...terms }, bounds } = assembleBoundsIn(float64Bounds, normH, width, channels);
  return { terms, bounds };
}
