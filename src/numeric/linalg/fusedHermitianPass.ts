/**
 * One pass over rows j0..j1-1 (columns r0..j) of the trailing lower triangle (from row and column
 * r0) of a Hermitian matrix (wr, wi): applies the pending update A -= vp wp^H + wp vp^H and
 * accumulates p += A v, using A[k][j] = conj(A[j][k]). The four complex vectors are lanes of ONE
 * array `x` (as in fusedSymmetricPass): vp at ovp (real parts; imaginary parts n further on), wp
 * at owp, v at ov, p at op. Rows go two at a time so each load of the vectors serves two entries.
 * Diagonals are kept real. Row ranges that tile r0..n-1 may run on different threads, each
 * accumulating into its own p lane, summed afterwards.
 *
 * Refers to nothing but {@link hermitianRowTail}: helper threads run its source text
 * (helperThreads.ts).
 */
export function fusedHermitianPass(
  wr: Float64Array,
  wi: Float64Array,
  n: number,
  r0: number,
  j0: number,
  j1: number,
  x: Float64Array,
  ovp: number,
  owp: number,
  ov: number,
  op: number,
): void {
  const ovpi = ovp + n, owpi = owp + n, ovi = ov + n, opi = op + n;
  let j = j0;
  for (; j + 1 < j1; j += 2) {
    const ra = j * n;
    const rb = ra + n;
    const vpar = x[ovp + j], vpai = x[ovpi + j], wpar = x[owp + j], wpai = x[owpi + j], var_ = x[ov + j], vai = x[ovi + j];
    const vpbr = x[ovp + j + 1], vpbi = x[ovpi + j + 1], wpbr = x[owp + j + 1], wpbi = x[owpi + j + 1];
    const vbr = x[ov + j + 1], vbi = x[ovi + j + 1];
    let accar = 0, accai = 0, accbr = 0, accbi = 0;
    for (let k = r0; k < j; k++) {
      const vpkr = x[ovp + k], vpki = x[ovpi + k], wpkr = x[owp + k], wpki = x[owpi + k], vkr = x[ov + k], vki = x[ovi + k];
      // a = A[j][k] - vp_j conj(wp_k) - wp_j conj(vp_k)
      const ar = wr[ra + k] - (vpar * wpkr + vpai * wpki) - (wpar * vpkr + wpai * vpki);
      const ai = wi[ra + k] - (vpai * wpkr - vpar * wpki) - (wpai * vpkr - wpar * vpki);
      const br = wr[rb + k] - (vpbr * wpkr + vpbi * wpki) - (wpbr * vpkr + wpbi * vpki);
      const bi = wi[rb + k] - (vpbi * wpkr - vpbr * wpki) - (wpbi * vpkr - wpbr * vpki);
      wr[ra + k] = ar;
      wi[ra + k] = ai;
      wr[rb + k] = br;
      wi[rb + k] = bi;
      accar += ar * vkr - ai * vki;
      accai += ar * vki + ai * vkr;
      accbr += br * vkr - bi * vki;
      accbi += br * vki + bi * vkr;
      // p_k += conj(a) v_j + conj(b) v_{j+1}
      x[op + k] += ar * var_ + ai * vai + (br * vbr + bi * vbi);
      x[opi + k] += ar * vai - ai * var_ + (br * vbi - bi * vbr);
    }
    hermitianRowTail(wr, wi, n, j, j, accar, accai, x, ovp, owp, ov, op);
    hermitianRowTail(wr, wi, n, j + 1, j, accbr, accbi, x, ovp, owp, ov, op);
  }
  if (j < j1) hermitianRowTail(wr, wi, n, j, r0, 0, 0, x, ovp, owp, ov, op);
}

/** Row j, columns from..j of the pass; (accr, acci) carries the row's product with v so far. */
export function hermitianRowTail(
  wr: Float64Array,
  wi: Float64Array,
  n: number,
  j: number,
  from: number,
  accr: number,
  acci: number,
  x: Float64Array,
  ovp: number,
  owp: number,
  ov: number,
  op: number,
): void {
  const ovpi = ovp + n, owpi = owp + n, ovi = ov + n, opi = op + n;
  const rj = j * n;
  const vpjr = x[ovp + j], vpji = x[ovpi + j], wpjr = x[owp + j], wpji = x[owpi + j], vjr = x[ov + j], vji = x[ovi + j];
  for (let k = from; k < j; k++) {
    const vpkr = x[ovp + k], vpki = x[ovpi + k], wpkr = x[owp + k], wpki = x[owpi + k], vkr = x[ov + k], vki = x[ovi + k];
    const ar = wr[rj + k] - (vpjr * wpkr + vpji * wpki) - (wpjr * vpkr + wpji * vpki);
    const ai = wi[rj + k] - (vpji * wpkr - vpjr * wpki) - (wpji * vpkr - wpjr * vpki);
    wr[rj + k] = ar;
    wi[rj + k] = ai;
    accr += ar * vkr - ai * vki;
    acci += ar * vki + ai * vkr;
    x[op + k] += ar * vjr + ai * vji;
    x[opi + k] += ar * vji - ai * vjr;
  }
  const djj = wr[rj + j] - 2 * (vpjr * wpjr + vpji * wpji);
  wr[rj + j] = djj;
  wi[rj + j] = 0;
  x[op + j] += accr + djj * vjr;
  x[opi + j] += acci + djj * vji;
}

/**
 * A Hermitian pass cut by rows, as SharedRows in fusedSymmetricPass: each thread takes the next
 * range t from `counter` until none is left, accumulating into its own complex p lane at
 * `pc` + 2t·n of `x`.
 */
export interface SharedHermitianRows {
  readonly wr: Float64Array;
  readonly wi: Float64Array;
  readonly n: number;
  readonly r0: number;
  readonly x: Float64Array;
  readonly ovp: number;
  readonly owp: number;
  readonly ov: number;
  readonly pc: number;
  readonly cuts: Int32Array;
  readonly parts: number;
  readonly counter: Int32Array;
}

/** Takes row ranges of `work` until none is left (refers to nothing but fusedHermitianPass). */
export function takeHermitianRows(work: SharedHermitianRows): void {
  const { n, r0, cuts, x } = work;
  for (let t = Atomics.add(work.counter, 0, 1); t < work.parts; t = Atomics.add(work.counter, 0, 1)) {
    const op = work.pc + 2 * t * n;
    x.fill(0, op + r0, op + cuts[t + 1]);
    x.fill(0, op + n + r0, op + n + cuts[t + 1]);
    fusedHermitianPass(work.wr, work.wi, n, r0, cuts[t], cuts[t + 1], x, work.ovp, work.owp, work.ov, op);
  }
}
