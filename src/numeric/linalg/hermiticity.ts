import { NotHermitianError } from './errors.js';
import { hypot } from './hypot.js';

/** Result of {@link checkHermitian}: `residual` is max|A - A^H| / max|A| (0 for the zero matrix). */
export type HermiticityCheck =
  | { readonly ok: true; readonly residual: number }
  | { readonly ok: false; readonly residual: number };

/**
 * Measures how far a row-major n×n matrix (re, im) is from Hermitian: max|A - A^H| / max|A|.
 * Pass `im = undefined` for a real matrix (then it measures symmetry). A non-finite entry gives
 * residual NaN, which never passes.
 *
 * @example
 * checkHermitian(2, Float64Array.of(1, 2, 2, 1), undefined, 1e-12) // { ok: true, residual: 0 }
 */
export function checkHermitian(
  n: number,
  re: Float64Array,
  im: Float64Array | undefined,
  tolerance: number,
): HermiticityCheck {
  let maxEntry = 0;
  let maxDiff = 0;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const xr = re[ri + j];
      const yr = re[j * n + i];
      const xi = im === undefined ? 0 : im[ri + j];
      const yi = im === undefined ? 0 : im[j * n + i];
      // A_ij - conj(A_ji)
      const dr = xr - yr;
      const di = xi + yi;
      const diff = hypot(dr, di);
      const mag = hypot(xr, xi);
      if (Number.isNaN(diff) || Number.isNaN(mag)) return { ok: false, residual: NaN };
      if (diff > maxDiff) maxDiff = diff;
      if (mag > maxEntry) maxEntry = mag;
    }
  }
  const residual = maxDiff === 0 ? 0 : maxDiff / maxEntry;
  return residual <= tolerance ? { ok: true, residual } : { ok: false, residual };
}

/**
 * Throws {@link NotHermitianError} unless {@link checkHermitian} passes.
 *
 * @throws NotHermitianError with the measured residual.
 */
export function assertHermitian(
  n: number,
  re: Float64Array,
  im: Float64Array | undefined,
  tolerance: number,
): void {
  const check = checkHermitian(n, re, im, tolerance);
  if (!check.ok) throw new NotHermitianError(check.residual, tolerance);
}
