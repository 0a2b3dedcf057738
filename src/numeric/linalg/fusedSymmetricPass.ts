/**
 * One pass over rows j0..j1-1 (columns r0..j) of the trailing lower triangle (from row and
 * column r0) of the row-major n×n `w`: applies the pending update A -= vp wp^T + wp vp^T and
 * accumulates p += A v (symmetric, from the lower triangle only). The four vectors are lanes of
 * ONE array `x`, at offsets ovp, owp, ov and op (V8 then checks one object in the inner loop,
 * about 15% faster than four arrays). Rows go four at a time so each load of vp[k], wp[k], v[k],
 * p[k] serves four entries. Row ranges that tile r0..n-1 may run on different threads, each
 * accumulating into its own p lane, summed afterwards.
 *
 * Refers to nothing but {@link rowTail}: helper threads run its source text (helperThreads.ts).
 */
export function fusedSymmetricPass(
  w: Float64Array,
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
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const ra = j * n;
    const rb = ra + n;
    const rc = rb + n;
    const rd = rc + n;
    const vpa = x[ovp + j], wpa = x[owp + j], va = x[ov + j];
    const vpb = x[ovp + j + 1], wpb = x[owp + j + 1], vb = x[ov + j + 1];
    const vpc = x[ovp + j + 2], wpc = x[owp + j + 2], vc = x[ov + j + 2];
    const vpd = x[ovp + j + 3], wpd = x[owp + j + 3], vd = x[ov + j + 3];
    let acca = 0;
    let accb = 0;
    let accc = 0;
    let accd = 0;
    for (let k = r0; k < j; k++) {
      const vpk = x[ovp + k];
      const wpk = x[owp + k];
      const vk = x[ov + k];
      const a = w[ra + k] - vpa * wpk - wpa * vpk;
      const b = w[rb + k] - vpb * wpk - wpb * vpk;
      const c = w[rc + k] - vpc * wpk - wpc * vpk;
      const d = w[rd + k] - vpd * wpk - wpd * vpk;
      w[ra + k] = a;
      w[rb + k] = b;
      w[rc + k] = c;
      w[rd + k] = d;
      acca += a * vk;
      accb += b * vk;
      accc += c * vk;
      accd += d * vk;
      x[op + k] += a * va + b * vb + (c * vc + d * vd);
    }
    rowTail(w, n, j, j, acca, x, ovp, owp, ov, op);
    rowTail(w, n, j + 1, j, accb, x, ovp, owp, ov, op);
    rowTail(w, n, j + 2, j, accc, x, ovp, owp, ov, op);
    rowTail(w, n, j + 3, j, accd, x, ovp, owp, ov, op);
  }
  for (; j < j1; j++) rowTail(w, n, j, r0, 0, x, ovp, owp, ov, op);
}

/** Row j, columns from..j of the fused pass; `acc` carries the row's dot product so far. */
export function rowTail(
  w: Float64Array,
  n: number,
  j: number,
  from: number,
  acc: number,
  x: Float64Array,
  ovp: number,
  owp: number,
  ov: number,
  op: number,
): void {
  const rj = j * n;
  const vpj = x[ovp + j];
  const wpj = x[owp + j];
  const vj = x[ov + j];
  for (let k = from; k < j; k++) {
    const a = w[rj + k] - vpj * x[owp + k] - wpj * x[ovp + k];
    w[rj + k] = a;
    acc += a * x[ov + k];
    x[op + k] += a * vj;
  }
  const ajj = w[rj + j] - 2 * vpj * wpj;
  w[rj + j] = ajj;
  x[op + j] += acc + ajj * vj;
}

/**
 * A fused pass cut by rows: rows r0..n-1 are cut at cuts[0..parts], and each thread takes the next
 * range t from `counter` until none is left, accumulating into its own p lane at `pc` + t·n of
 * `x`, so the sum over lanes does not depend on who took what.
 */
export interface SharedRows {
  readonly w: Float64Array;
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

/** Takes row ranges of `work` until none is left (refers to nothing but fusedSymmetricPass). */
export function takeRows(work: SharedRows): void {
  const { n, r0, cuts, x } = work;
  for (let t = Atomics.add(work.counter, 0, 1); t < work.parts; t = Atomics.add(work.counter, 0, 1)) {
    const op = work.pc + t * n;
    x.fill(0, op + r0, op + cuts[t + 1]);
    fusedSymmetricPass(work.w, n, r0, cuts[t], cuts[t + 1], x, work.ovp, work.owp, work.ov, op);
  }
}
