import type { BandStorage } from './hermitianBands.js';

/**
 * Number of negative pivots of B = sign · (A - sigma I) for a Hermitian tridiagonal A (band storage
 * with p = 1), by the Sturm recurrence q_i = b_ii - |b_{i,i-1}|^2 / q_{i-1}. By Sylvester's law it
 * is the number of negative eigenvalues of B; the recurrence is backward stable (Kahan). A pivot
 * smaller than `pivmin` in magnitude is replaced by -pivmin. Stops counting at `stopAt`.
 */
export function sturmCount(
  n: number,
  s: BandStorage,
  sigma: number,
  sign: 1 | -1,
  pivmin: number,
  stopAt: number,
): number {
  const diag = s.br[0];
  const er = s.br[1];
  const ei = s.bi[1];
  let count = 0;
  let q = 1;
  for (let i = 0; i < n; i++) {
    const off2 = i === 0 ? 0 : er[i - 1] * er[i - 1] + ei[i - 1] * ei[i - 1];
    q = sign * (diag[i] - sigma) - off2 / q;
    if (Math.abs(q) < pivmin) q = -pivmin;
    if (q < 0 && ++count >= stopAt) return count;
  }
  return count;
}

/**
 * Number of negative pivots of B = sign · (A - sigma I) for a Hermitian band matrix of half-
 * bandwidth p, from the banded LDL^H factorisation without pivoting (O(n p^2), O(p^2) memory: the
 * last p rows of L live in a ring buffer). Tiny pivots (< pivmin) become -pivmin. Exact inertia
 * in exact arithmetic; in floating point the count is reliable when B is near definite, which is
 * all that bisection for the extreme eigenvalues asks (count 0 versus count >= 1).
 */
export function bandedNegativeCount(
  n: number,
  s: BandStorage,
  sigma: number,
  sign: 1 | -1,
  pivmin: number,
  stopAt: number,
): number {
  const p = s.p;
  const w = p + 1; // ring rows
  const lr = new Float64Array(w * p); // L[i][i-p+o] at ring row i % w, column o
  const li = new Float64Array(w * p);
  const dPiv = new Float64Array(w);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const row = (i % w) * p;
    const j0 = Math.max(0, i - p);
    for (let j = j0; j < i; j++) {
      // B_ij = sign · conj(A[j][i]) for the strictly lower part.
      const d = i - j;
      let xr = sign * s.br[d][j];
      let xi = -sign * s.bi[d][j];
      const jrow = (j % w) * p;
      for (let k = Math.max(j0, j - p); k < j; k++) {
        // x -= L_ik D_k conj(L_jk)
        const a = row + (k - i + p);
        const b = jrow + (k - j + p);
        const dk = dPiv[k % w];
        const pr = lr[a] * dk;
        const pi = li[a] * dk;
        xr -= pr * lr[b] + pi * li[b];
        xi -= pi * lr[b] - pr * li[b];
      }
      const dj = dPiv[j % w];
      lr[row + (j - i + p)] = xr / dj;
      li[row + (j - i + p)] = xi / dj;
    }
    let q = sign * (s.br[0][i] - sigma);
    for (let k = j0; k < i; k++) {
      const a = row + (k - i + p);
      q -= (lr[a] * lr[a] + li[a] * li[a]) * dPiv[k % w];
    }
    if (Math.abs(q) < pivmin) q = -pivmin;
    dPiv[i % w] = q;
    if (q < 0 && ++count >= stopAt) return count;
  }
  return count;
}
