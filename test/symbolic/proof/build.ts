/**
 * Small builders for the proof tests: polynomials from rationals written as text.
 */
import { Poly } from '../../../src/symbolic/poly.js';
import { Q } from '../../../src/symbolic/rational.js';

export const L = Poly.variable('L');
export const t = Poly.variable('t');
export const g = Poly.variable('g');
export const w0 = Poly.variable('w0');

/** A constant from text: c('12.05'), c('-1/4'). */
export function c(text: string | number): Poly {
  return Poly.constant(Q.parse(String(text)));
}

/** sum_k coeffs[k] x^k (ascending), coefficients as text or numbers. */
export function poly(x: Poly, coeffs: readonly (string | number)[]): Poly {
  return coeffs.reduce<Poly>((acc, k, i) => acc.add(c(k).mul(x.pow(i))), Poly.ZERO);
}

/** A JSON round trip: what a certificate looks like after being written to disk and read back. */
export function roundTrip<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
