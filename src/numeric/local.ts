import { float64Field } from './field.js';
import { hermitian2x2Eigenvalues } from './hermitian2x2.js';

/**
 * One-qubit operators as 2x2 complex matrices in the basis (u, d): index 0 is |u> (excited,
 * Z = +1), index 1 is |d> (ground, Z = -1). Layout: [re00, im00, re01, im01, re10, im10, re11, im11]
 * with entry (r, c) = <r|M|c>.
 */
export type Local = Float64Array;

function local(entries: readonly number[]): Local {
  return Float64Array.from(entries);
}

/** The site operators of the model language, by name. */
export const siteOperators: Readonly<Record<'X' | 'Y' | 'Z' | 'Sp' | 'Sm' | 'N' | 'I', Local>> = Object.freeze({
  X: local([0, 0, 1, 0, 1, 0, 0, 0]),
  Y: local([0, 0, 0, -1, 0, 1, 0, 0]),
  Z: local([1, 0, 0, 0, 0, 0, -1, 0]),
  Sp: local([0, 0, 1, 0, 0, 0, 0, 0]), // |u><d| raises
  Sm: local([0, 0, 0, 0, 1, 0, 0, 0]), // |d><u| lowers
  N: local([1, 0, 0, 0, 0, 0, 0, 0]), // |u><u|
  I: local([1, 0, 0, 0, 0, 0, 1, 0]),
});

/** The product a b of two local operators. */
export function localMul(a: Local, b: Local): Local {
  const out = new Float64Array(8);
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      let sr = 0, si = 0;
      for (let k = 0; k < 2; k++) {
        const ar = a[(r * 2 + k) * 2], ai = a[(r * 2 + k) * 2 + 1];
        const br = b[(k * 2 + c) * 2], bi = b[(k * 2 + c) * 2 + 1];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      out[(r * 2 + c) * 2] = sr;
      out[(r * 2 + c) * 2 + 1] = si;
    }
  }
  return out;
}

/** The adjoint of a local operator. */
export function localAdjoint(a: Local): Local {
  return local([a[0], -a[1], a[4], -a[5], a[2], -a[3], a[6], -a[7]]);
}

/** True when the local operator is diagonal. */
export function localIsDiagonal(a: Local): boolean {
  return a[2] === 0 && a[3] === 0 && a[4] === 0 && a[5] === 0;
}

/** The largest singular value (operator norm) of a 2x2 complex matrix: the square root of M^+ M's larger eigenvalue (numeric/hermitian2x2). */
export function localNorm(a: Local): number {
  // ||M||^2 is the largest eigenvalue of M^+ M = [[p, q], [conj q, s]].
  const p = a[0] ** 2 + a[1] ** 2 + a[4] ** 2 + a[5] ** 2;
  const s = a[2] ** 2 + a[3] ** 2 + a[6] ** 2 + a[7] ** 2;
  const qr = a[0] * a[2] + a[1] * a[3] + a[4] * a[6] + a[5] * a[7];
  const qi = a[0] * a[3] - a[1] * a[2] + a[4] * a[7] - a[5] * a[6];
  return Math.sqrt(Math.max(0, hermitian2x2Eigenvalues(float64Field, p, s, { re: qr, im: qi }).hi));
}

/** The complex determinant [re, im]. */
export function localDet(a: Local): [number, number] {
  const re = a[0] * a[6] - a[1] * a[7] - (a[2] * a[4] - a[3] * a[5]);
  const im = a[0] * a[7] + a[1] * a[6] - (a[2] * a[5] + a[3] * a[4]);
  return [re, im];
}
