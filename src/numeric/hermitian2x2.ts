/**
 * The spectrum of a 2 x 2 Hermitian matrix [[a, b], [conj b, d]] in closed form, over a field:
 * (a + d)/2 -+ sqrt(((a - d)/2)^2 + |b|^2), each operation one rounding of `F`.
 */
import { type Complex, type Field } from './field.js';

/**
 * The two eigenvalues lo <= hi of [[a, b], [conj b, d]] (a, d real), in the order of operations
 * mid = (a + d)/2, rad = sqrt(((a - d)/2)^2 + b.re^2 + b.im^2), mid -+ rad.
 *
 * @example
 * hermitian2x2Eigenvalues(float64Field, 1, -1, { re: 0, im: 0 }) // { lo: -1, hi: 1 }
 */
export function hermitian2x2Eigenvalues<T>(F: Field<T>, a: T, d: T, b: Complex<T>): { lo: T; hi: T } {
  const two = F.fromNumber(2);
  const mid = F.div(F.add(a, d), two);
  const half = F.div(F.sub(a, d), two);
  const rad = F.sqrt(F.add(F.add(F.mul(half, half), F.mul(b.re, b.re)), F.mul(b.im, b.im)));
  return { lo: F.sub(mid, rad), hi: F.add(mid, rad) };
}

/**
 * ||M||_2 = max(|lo|, |hi|) of the Hermitian [[a, b], [conj b, d]] (see {@link hermitian2x2Eigenvalues}).
 *
 * @example
 * hermitian2x2Norm(float64Field, 0, 0, { re: 0, im: 2 }) // 2
 */
export function hermitian2x2Norm<T>(F: Field<T>, a: T, d: T, b: Complex<T>): T {
  const { lo, hi } = hermitian2x2Eigenvalues(F, a, d, b);
  const x = F.abs(lo), y = F.abs(hi);
  return F.cmp(y, x) > 0 ? y : x;
}
