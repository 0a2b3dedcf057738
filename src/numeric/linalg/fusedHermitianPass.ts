/**
 * One pass over rows r0..n-1 of the lower triangle of a Hermitian matrix (wr, wi): applies the
 * pending update A -= vp wp^H + wp vp^H and accumulates p += A v, using A[k][j] = conj(A[j][k]).
 * Rows go two at a time so each load of the vectors serves two entries. Diagonals are kept real.
 */
export function fusedHermitianPass(
  wr: Float64Array,
  wi: Float64Array,
  n: number,
  r0: number,
  vpr: Float64Array,
  vpi: Float64Array,
  wpr: Float64Array,
  wpi: Float64Array,
  vr: Float64Array,
  vi: Float64Array,
  pr: Float64Array,
  pi: Float64Array,
): void {
  let j = r0;
  for (; j + 1 < n; j += 2) {
    const ra = j * n;
    const rb = ra + n;
    const vpar = vpr[j], vpai = vpi[j], wpar = wpr[j], wpai = wpi[j], var_ = vr[j], vai = vi[j];
    const vpbr = vpr[j + 1], vpbi = vpi[j + 1], wpbr = wpr[j + 1], wpbi = wpi[j + 1];
    const vbr = vr[j + 1], vbi = vi[j + 1];
    let accar = 0, accai = 0, accbr = 0, accbi = 0;
    for (let k = r0; k < j; k++) {
      const vpkr = vpr[k], vpki = vpi[k], wpkr = wpr[k], wpki = wpi[k], vkr = vr[k], vki = vi[k];
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
      pr[k] += ar * var_ + ai * vai + (br * vbr + bi * vbi);
      pi[k] += ar * vai - ai * var_ + (br * vbi - bi * vbr);
    }
    hermitianRowTail(wr, wi, n, j, j, accar, accai, vpr, vpi, wpr, wpi, vr, vi, pr, pi);
    hermitianRowTail(wr, wi, n, j + 1, j, accbr, accbi, vpr, vpi, wpr, wpi, vr, vi, pr, pi);
  }
  if (j < n) hermitianRowTail(wr, wi, n, j, r0, 0, 0, vpr, vpi, wpr, wpi, vr, vi, pr, pi);
}

/** Row j, columns from..j of the pass; (accr, acci) carries the row's product with v so far. */
function hermitianRowTail(
  wr: Float64Array,
  wi: Float64Array,
  n: number,
  j: number,
  from: number,
  accr: number,
  acci: number,
  vpr: Float64Array,
  vpi: Float64Array,
  wpr: Float64Array,
  wpi: Float64Array,
  vr: Float64Array,
  vi: Float64Array,
  pr: Float64Array,
  pi: Float64Array,
): void {
  const rj = j * n;
  const vpjr = vpr[j], vpji = vpi[j], wpjr = wpr[j], wpji = wpi[j], vjr = vr[j], vji = vi[j];
  for (let k = from; k < j; k++) {
    const vpkr = vpr[k], vpki = vpi[k], wpkr = wpr[k], wpki = wpi[k], vkr = vr[k], vki = vi[k];
    const ar = wr[rj + k] - (vpjr * wpkr + vpji * wpki) - (wpjr * vpkr + wpji * vpki);
    const ai = wi[rj + k] - (vpji * wpkr - vpjr * wpki) - (wpji * vpkr - wpjr * vpki);
    wr[rj + k] = ar;
    wi[rj + k] = ai;
    accr += ar * vkr - ai * vki;
    acci += ar * vki + ai * vkr;
    pr[k] += ar * vjr + ai * vji;
    pi[k] += ar * vji - ai * vjr;
  }
  const djj = wr[rj + j] - 2 * (vpjr * wpjr + vpji * wpji);
  wr[rj + j] = djj;
  wi[rj + j] = 0;
  pr[j] += accr + djj * vjr;
  pi[j] += acci + djj * vji;
}
