/** Types shared by the Lanczos driver and its helpers. */

/** y = A x for a Hermitian A; must not modify x. */
export type ComplexMatVec = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => void;

/** Smallest and largest eigenvalue with rigorous residual bounds. */
export interface LanczosExtremes {
  readonly min: number;
  readonly max: number;
  /** ||A x - min x|| for the unit Ritz vector x: SOME eigenvalue lies within errMin of min. */
  readonly errMin: number;
  readonly errMax: number;
  /** Matrix-vector products used (including the two final residual checks). */
  readonly iterations: number;
  /** Thick restarts performed. */
  readonly restarts: number;
}
