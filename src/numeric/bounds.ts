/**
 * The two limits of physics.md §2-3, assembled from per-channel quantities.
 *
 *   B_state  = sum_alpha max_{w in Omega_alpha} |w| gamma_alpha(w) * Tr[A_alpha^2 Pinch(rho)]
 *   B_1      = sum_alpha max_{w in Omega_alpha} |w| gamma_alpha(w) * ||A_alpha||^2
 *   B_1coarse = W * Gamma * sum_alpha ||A_alpha||^2,     W = E_max - E_min
 *   B_2      = DeltaE_eff * Gamma * sum_alpha ||A_alpha||^2  (Gamma over Omega, which lies in the band)
 */

/** Per-channel inputs of the bounds. */
export interface ChannelTerms {
  readonly normA: number;
  readonly pinchedA2: number;
  readonly deltaE: number;
  readonly gammaMax: number;
  readonly omegaGammaMax: number;
}

/** The overall terms (physics.md names). */
export interface OverallTerms {
  readonly normH: number;
  readonly width: number;
  readonly sumA2: number;
  readonly gammaMax: number;
  readonly deltaE: number;
}

export interface Bounds {
  readonly Bstate: number;
  readonly B1: number;
  readonly B1coarse: number;
  readonly B2: number;
}

/** Overall terms and the four bounds from ||H_S||, its width, and the channels. */
export function assembleBounds(normH: number, width: number, channels: readonly ChannelTerms[]): { terms: OverallTerms; bounds: Bounds } {
  let sumA2 = 0, gammaMax = 0, deltaE = 0, Bstate = 0, B1 = 0;
  for (const c of channels) {
    const a2 = c.normA * c.normA;
    sumA2 += a2;
    gammaMax = Math.max(gammaMax, c.gammaMax);
    deltaE = Math.max(deltaE, c.deltaE);
    Bstate += c.omegaGammaMax * c.pinchedA2;
    B1 += c.omegaGammaMax * a2;
  }
  return {
    terms: { normH, width, sumA2, gammaMax, deltaE },
    bounds: { Bstate, B1, B1coarse: width * gammaMax * sumA2, B2: deltaE * gammaMax * sumA2 },
  };
}
