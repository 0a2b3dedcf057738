import { DimensionError, NotHermitianError, requireDimension } from './errors.js';
import { hypot } from './hypot.js';

/**
 * A Hermitian banded matrix by its main and upper diagonals: `re[k]`, `im[k]` hold diagonal
 * `offsets[k]` (>= 0), of length n - offsets[k], entry i being A[i][i + offsets[k]]. The lower
 * diagonals are the conjugates. Missing diagonals are zero.
 */
export interface HermitianBands {
  readonly offsets: readonly number[];
  readonly re: readonly Float64Array[];
  readonly im: readonly Float64Array[];
}

/**
 * Dense band storage: diagonal d in rows br[d], bi[d] (d = 0..p), after validation, divided by
 * `scale` = max|A_ij| (1 for the zero matrix) so that squares of entries neither overflow nor
 * underflow: eigenvalues of the stored matrix times `scale` are those of A.
 */
export interface BandStorage {
  readonly p: number;
  readonly br: readonly Float64Array[];
  readonly bi: readonly Float64Array[];
  readonly scale: number;
}

/**
 * Checks a {@link HermitianBands} against n and gathers it into scaled dense band storage.
 * Trailing diagonals that are entirely zero do not count towards the bandwidth p.
 *
 * @throws DimensionError on a wrong diagonal length; RangeError on a bad or repeated offset;
 *   NotHermitianError if the main diagonal has an imaginary part above `hermiticity` · max|A|.
 */
export function toBandStorage(n: number, bands: HermitianBands, hermiticity: number): BandStorage {
  requireDimension(n);
  const { offsets, re, im } = bands;
  if (re.length !== offsets.length || im.length !== offsets.length) {
    throw new DimensionError('bands: re/im arrays per offset', offsets.length, Math.min(re.length, im.length));
  }
  const seen = new Set<number>();
  let p = 0;
  let maxEntry = 0;
  for (let k = 0; k < offsets.length; k++) {
    const d = offsets[k];
    if (!Number.isInteger(d) || d < 0 || seen.has(d)) throw new RangeError(`bands: bad or repeated offset ${d}`);
    seen.add(d);
    const len = Math.max(0, n - d);
    if (re[k].length !== len) throw new DimensionError(`bands: re of offset ${d}`, len, re[k].length);
    if (im[k].length !== len) throw new DimensionError(`bands: im of offset ${d}`, len, im[k].length);
    for (let i = 0; i < len; i++) {
      const mag = hypot(re[k][i], im[k][i]);
      if (!Number.isFinite(mag)) throw new RangeError(`bands: non-finite entry at offset ${d}, index ${i}`);
      if (mag > maxEntry) maxEntry = mag;
      if (mag > 0 && d > p) p = d;
    }
  }
  const br: Float64Array[] = [];
  const bi: Float64Array[] = [];
  for (let d = 0; d <= p; d++) {
    br.push(new Float64Array(Math.max(0, n - d)));
    bi.push(new Float64Array(Math.max(0, n - d)));
  }
  let diagIm = 0;
  for (let k = 0; k < offsets.length; k++) {
    const d = offsets[k];
    if (d > p) continue;
    br[d].set(re[k]);
    if (d > 0) bi[d].set(im[k]);
    else for (let i = 0; i < n; i++) diagIm = Math.max(diagIm, Math.abs(im[k][i]));
  }
  if (diagIm > hermiticity * maxEntry) throw new NotHermitianError(diagIm / maxEntry, hermiticity);
  const scale = maxEntry > 0 ? maxEntry : 1;
  for (let d = 0; d <= p; d++) {
    for (let i = 0; i < br[d].length; i++) {
      br[d][i] /= scale;
      bi[d][i] /= scale;
    }
  }
  return { p, br, bi, scale };
}

/** Gershgorin interval [lo, hi] containing every eigenvalue, and the diagonal's range. */
export function gershgorin(
  n: number,
  s: BandStorage,
): { lo: number; hi: number; diagMin: number; diagMax: number } {
  const radius = new Float64Array(n);
  for (let d = 1; d <= s.p; d++) {
    const r = s.br[d];
    const m = s.bi[d];
    for (let i = 0; i < n - d; i++) {
      const mag = hypot(r[i], m[i]);
      radius[i] += mag;
      radius[i + d] += mag;
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  let diagMin = Infinity;
  let diagMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = s.br[0][i];
    lo = Math.min(lo, a - radius[i]);
    hi = Math.max(hi, a + radius[i]);
    diagMin = Math.min(diagMin, a);
    diagMax = Math.max(diagMax, a);
  }
  return { lo, hi, diagMin, diagMax };
}
