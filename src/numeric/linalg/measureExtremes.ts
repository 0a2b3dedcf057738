import type { ComplexMatVec, LanczosExtremes } from './lanczosTypes.js';
import { ritzVector } from './ritzBasis.js';

/**
 * Forms the Ritz vectors of the lowest and highest Ritz values and measures them directly:
 * Rayleigh quotient rho = x^H A x / x^H x and residual ||A x - rho x|| / ||x||.
 */
export function measureExtremes(
  n: number,
  matvec: ComplexMatVec,
  vr: readonly Float64Array[],
  vi: readonly Float64Array[],
  k: number,
  y: Float64Array,
  iterations: number,
  restarts: number,
): LanczosExtremes {
  const xr = new Float64Array(n);
  const xi = new Float64Array(n);
  const ar = new Float64Array(n);
  const ai = new Float64Array(n);
  const measure = (col: number): { rho: number; res: number } => {
    ritzVector(n, vr, vi, k, y, col, xr, xi);
    matvec(xr, xi, ar, ai);
    let xx = 0;
    let xax = 0;
    for (let s = 0; s < n; s++) {
      xx += xr[s] * xr[s] + xi[s] * xi[s];
      xax += xr[s] * ar[s] + xi[s] * ai[s];
    }
    const rho = xax / xx;
    let rr = 0;
    for (let s = 0; s < n; s++) {
      const dr = ar[s] - rho * xr[s];
      const di = ai[s] - rho * xi[s];
      rr += dr * dr + di * di;
    }
    return { rho, res: Math.sqrt(rr / xx) };
  };
  const lo = measure(0);
  const hi = k === 1 ? lo : measure(k - 1);
  return {
    min: lo.rho,
    max: hi.rho,
    errMin: lo.res,
    errMax: hi.res,
    iterations: iterations + (k === 1 ? 1 : 2),
    restarts,
  };
}
