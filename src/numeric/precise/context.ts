/**
 * Working precisions and complex numbers for the high-precision (Decimal) numeric layer. Each
 * precision owns a private Decimal constructor made by {@link decimalContext} (the one `Decimal.clone`
 * site), so the global decimal.js settings are never read or changed.
 */
import { Decimal } from 'decimal.js';

/** decimal.js's class, for types and the rounding constants; a constructor of a precision comes from {@link decimalContext}. */
export { Decimal };

/** Guard digits carried beyond the requested ones by every {@link Precision}. */
export const GUARD_DIGITS = 10;

/** Smallest and largest number of requested significant digits {@link precision} accepts. */
export const PRECISION_DIGITS = Object.freeze({ min: 16, max: 1000 });

/**
 * A working precision: `digits` significant decimal digits requested by the user; the Decimal
 * constructor `D` works with `digits + guard` digits, rounding half to even; `eps` = 10^-digits is
 * the accuracy promised to the user and `workEps` = 10^-(digits + guard) the unit of the arithmetic.
 */
export interface Precision {
  readonly digits: number;
  readonly guard: number;
  readonly D: typeof Decimal;
  /** 10^-digits, exactly: the one relative unit of every engine error term ("unit" in engine/precise). */
  readonly eps: Decimal;
  readonly workEps: Decimal;
}

const cache = new Map<number, Precision>();
const contexts = new Map<string, typeof Decimal>();

/**
 * The (cached) Decimal constructor with `precision` significant digits and rounding mode `rounding`
 * (a decimal.js ROUND_* constant; default ROUND_HALF_UP, decimal.js's own default), every other
 * setting decimal.js's defaults. This is the one place a Decimal constructor is made
 * (`Decimal.clone`): every layer that needs one asks here, so equal settings share one constructor
 * and the global decimal.js settings are never read or changed.
 *
 * @throws RangeError unless `precision` is an integer in 1..1e9 (decimal.js's range).
 * @example
 * const D = decimalContext(60); // as Decimal.clone({ precision: 60 })
 */
export function decimalContext(precision: number, rounding: Decimal.Rounding = Decimal.ROUND_HALF_UP): typeof Decimal {
  if (!Number.isInteger(precision) || precision < 1 || precision > 1e9) {
    throw new RangeError(`decimalContext: precision must be an integer in 1..1e9, got ${precision}`);
  }
  const key = `${precision}:${rounding}`;
  const hit = contexts.get(key);
  if (hit !== undefined) return hit;
  const D = Decimal.clone({ precision, rounding });
  contexts.set(key, D);
  return D;
}

/**
 * The (cached, immutable) working precision for `digits` requested significant digits.
 *
 * @throws RangeError unless `digits` is an integer in 16..1000.
 * @example
 * const P = precision(30); // P.D has precision 40, P.eps = 1e-30
 * const third = new P.D(1).div(3);
 */
export function precision(digits: number): Precision {
  if (!Number.isInteger(digits) || digits < PRECISION_DIGITS.min || digits > PRECISION_DIGITS.max) {
    throw new RangeError(
      `precision: digits must be an integer in ${PRECISION_DIGITS.min}..${PRECISION_DIGITS.max}, got ${digits}`,
    );
  }
  const hit = cache.get(digits);
  if (hit !== undefined) return hit;
  const D = decimalContext(digits + GUARD_DIGITS, Decimal.ROUND_HALF_EVEN);
  const P: Precision = Object.freeze({
    digits,
    guard: GUARD_DIGITS,
    D,
    eps: new D(`1e-${digits}`),
    workEps: new D(`1e-${digits + GUARD_DIGITS}`),
  });
  cache.set(digits, P);
  return P;
}

/** A complex number in Decimal. */
export interface DC {
  readonly re: Decimal;
  readonly im: Decimal;
}

/**
 * The complex number re + i im in the constructor of `P` (values are taken exactly, not rounded).
 *
 * @example
 * const i = dc(precision(20), 0, 1);
 */
export function dc(P: Precision, re: Decimal.Value, im: Decimal.Value = 0): DC {
  return { re: new P.D(re), im: new P.D(im) };
}

/** a + b, rounded to the precision of a's constructor. */
export function dcAdd(a: DC, b: DC): DC {
  return { re: a.re.plus(b.re), im: a.im.plus(b.im) };
}

/** a - b, rounded to the precision of a's constructor. */
export function dcSub(a: DC, b: DC): DC {
  return { re: a.re.minus(b.re), im: a.im.minus(b.im) };
}

/** a b, each real product rounded before the sum (a's constructor). */
export function dcMul(a: DC, b: DC): DC {
  return {
    re: a.re.times(b.re).minus(a.im.times(b.im)),
    im: a.re.times(b.im).plus(a.im.times(b.re)),
  };
}

/** The complex conjugate of a (exact). */
export function dcConj(a: DC): DC {
  return { re: a.re, im: a.im.neg() };
}

/** |a|^2 = re^2 + im^2. */
export function dcAbs2(a: DC): Decimal {
  return a.re.times(a.re).plus(a.im.times(a.im));
}

/** |a|, the modulus. */
export function dcAbs(a: DC): Decimal {
  return dcAbs2(a).sqrt();
}

/** k a for a real k. */
export function dcScale(a: DC, k: Decimal): DC {
  return { re: a.re.times(k), im: a.im.times(k) };
}

/** Whether a is exactly zero. */
export function dcIsZero(a: DC): boolean {
  return a.re.isZero() && a.im.isZero();
}
