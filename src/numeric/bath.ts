/**
 * Bath spectra gamma(w): the rate at which the bath takes energy w from the system (w > 0), or
 * gives |w| to it (w < 0). Thermal baths obey detailed balance gamma(-w) = exp(-w/T) gamma(w).
 *
 * Each spectrum is defined once over a {@link BathField} (float64 or decimal.js, passed
 * explicitly); {@link flatSpectrum}/{@link ohmicSpectrum} are its float64 instances and
 * {@link preciseFlat}/{@link preciseOhmic} its Decimal ones. The comparisons are written so that
 * NaN fails every one of them, as `w >= 0` does for a number and `w.gte(0)` for a Decimal.
 */
import type { Decimal } from './precise/index.js';
import { decimalElementary, float64Elementary, type ElementaryField } from './elementary.js';

/** A float64 bath spectrum. */
export type Spectrum = (w: number) => number;

/** A bath spectrum over the number type V. */
export type SpectrumOver<V> = (w: V) => V;

/** What a spectrum needs of its field: the elementary functions and 1 - e^-x without cancellation. */
export interface BathField<V> extends ElementaryField<V> {
  /** 1 - exp(-x), accurate also for |x| << 1 (where the direct formula cancels). */
  oneMinusExpNeg(x: V): V;
}

/** float64: 1 - e^-x = -expm1(-x). */
export const float64Bath: BathField<number> = Object.freeze({
  ...float64Elementary,
  oneMinusExpNeg: (x: number) => -Math.expm1(-x),
});

/**
 * 1 - exp(-x) in any elementary field: the direct formula for |x| >= 0.01, else the series
 * x - x^2/2! + x^3/3! - ... up to the first term at most `eps` |sum| (each term is at most 1% of
 * the previous one there).
 */
export function oneMinusExpNegSeries<V>(F: ElementaryField<V>, x: V, eps: V): V {
  if (F.cmp(F.abs(x), F.fromRational(1, 100)) >= 0) return F.sub(F.one, F.exp(F.neg(x)));
  let term = x, sum = x;
  for (let k = 2; F.cmp(F.abs(term), F.mul(eps, F.abs(sum))) > 0; k++) {
    term = F.neg(F.div(F.mul(term, x), F.fromRational(k, 1)));
    sum = F.add(sum, term);
  }
  return sum;
}

const decimalBaths = new Map<typeof Decimal, BathField<Decimal>>();

/**
 * The bath field of the Decimal constructor `D` (cached per constructor): {@link decimalElementary}
 * with 1 - e^-x by {@link oneMinusExpNegSeries} to 10^-(precision + 2) relative.
 */
export function decimalBath(D: typeof Decimal): BathField<Decimal> {
  const hit = decimalBaths.get(D);
  if (hit) return hit;
  const E = decimalElementary(D);
  const F: BathField<Decimal> = Object.freeze({
    ...E,
    oneMinusExpNeg: (x: Decimal) => oneMinusExpNegSeries(E, x, D.pow(10, -(D.precision + 2))),
  });
  decimalBaths.set(D, F);
  return F;
}

/** x >= 0 (false for NaN). */
const nonNegative = <V>(F: ElementaryField<V>, x: V): boolean => F.isZero(x) || F.cmp(x, F.zero) > 0;
/** x > 0 (false for NaN). */
const positive = <V>(F: ElementaryField<V>, x: V): boolean => F.cmp(x, F.zero) > 0;
/** x <= 0 (false for NaN). */
const nonPositive = <V>(F: ElementaryField<V>, x: V): boolean => F.isZero(x) || F.cmp(x, F.zero) < 0;

/**
 * `flat` over a field: rate for w >= 0; rate * exp(-|w|/T) for w < 0, and 0 there at T <= 0.
 *
 * @example
 * flatSpectrumIn(float64Bath, 2, 1)(-1) // 2 * exp(-1)
 */
export function flatSpectrumIn<V>(F: ElementaryField<V>, rate: V, T: V): SpectrumOver<V> {
  return (w) => (nonNegative(F, w) ? rate : positive(F, T) ? F.mul(rate, F.exp(F.div(F.neg(F.abs(w)), T))) : F.zero);
}

/**
 * `ohmic` over a field: rate * w * exp(-w/wc) / (1 - exp(-w/T)) for w > 0 (the denominator by
 * the field's oneMinusExpNeg, accurate for w << T), its limit rate * T at w = 0,
 * rate * w * exp(-w/wc) at T <= 0, and detailed balance gamma(w) = exp(-|w|/T) gamma(|w|) for w < 0
 * (0 at T <= 0).
 *
 * @example
 * ohmicSpectrumIn(float64Bath, 1, 1, 10)(0) // 1 (= rate * T)
 */
export function ohmicSpectrumIn<V>(F: BathField<V>, rate: V, T: V, wc: V): SpectrumOver<V> {
  const emission = (w: V): V => {
    if (F.isZero(w)) return F.mul(rate, T);
    const cut = F.exp(F.div(F.neg(w), wc));
    if (nonPositive(F, T)) return F.mul(F.mul(rate, w), cut);
    return F.div(F.mul(F.mul(rate, w), cut), F.oneMinusExpNeg(F.div(w, T)));
  };
  return (w) => {
    if (nonNegative(F, w)) return emission(w);
    if (nonPositive(F, T)) return F.zero;
    return F.mul(F.exp(F.div(F.neg(F.abs(w)), T)), emission(F.abs(w)));
  };
}

/** `flat` in float64: rate for w >= 0; rate * exp(-|w|/T) for w < 0, and 0 there at T = 0. */
export function flatSpectrum(rate: number, T: number): Spectrum {
  return flatSpectrumIn(float64Bath, rate, T);
}

/**
 * `ohmic` in float64: rate * w * exp(-w/wc) / (1 - exp(-w/T)) for w > 0, its limit rate * T at
 * w = 0, rate * w * exp(-w/wc) at T = 0, and detailed balance for w < 0.
 */
export function ohmicSpectrum(rate: number, T: number, wc: number): Spectrum {
  return ohmicSpectrumIn(float64Bath, rate, T, wc);
}

/** `flat` in Decimal: {@link flatSpectrumIn} over the bath field of D. */
export function preciseFlat(D: typeof Decimal, rate: Decimal, T: Decimal): (w: Decimal) => Decimal {
  return flatSpectrumIn(decimalBath(D), rate, T);
}

/**
 * `ohmic` in Decimal: rate w exp(-w/wc) / (1 - exp(-w/T)), its limit rate T at w = 0, detailed
 * balance below; {@link ohmicSpectrumIn} over the bath field of D.
 */
export function preciseOhmic(D: typeof Decimal, rate: Decimal, T: Decimal, wc: Decimal): (w: Decimal) => Decimal {
  return ohmicSpectrumIn(decimalBath(D), rate, T, wc);
}

/**
 * 1 - exp(-x) without the cancellation of the direct formula for small |x| (a series there):
 * the Decimal counterpart of -expm1(-x), the oneMinusExpNeg of the bath field of D.
 *
 * @example
 * oneMinusExpNeg(D, new D('1e-40')) // 1e-40 - 5e-81 + ..., not 0
 */
export function oneMinusExpNeg(D: typeof Decimal, x: Decimal): Decimal {
  return decimalBath(D).oneMinusExpNeg(x);
}
