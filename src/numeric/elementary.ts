/**
 * A {@link Field} with the elementary functions of the model language (pi, log, sin, cos, floor,
 * ceil, powers, remainders, literals), so that one scalar evaluator (symbolic/evaluate) serves
 * float64 and decimal.js alike. Two instances: {@link float64Elementary} (Math) and
 * {@link decimalElementary} (a given Decimal constructor, its precision and rounding mode).
 */
import type { Decimal } from './precise/index.js';
import { decimalFieldOver, float64Field, type Field } from './field.js';

/** A field with the scalar functions and tests the model language needs. */
export interface ElementaryField<T> extends Field<T> {
  readonly pi: T;
  /**
   * An imaginary part at most `realTolerance` max(1, |re|) is round-off, not an error, where a real
   * value is required: 1e-12 in float64, 10^-(precision - 5) in decimal.js.
   */
  readonly realTolerance: T;
  /** The value of a decimal literal: the nearest double, or the exact Decimal (not rounded). */
  fromText(text: string): T;
  /** sqrt(a^2 + b^2). */
  hypot(a: T, b: T): T;
  /** The natural logarithm of a > 0. */
  log(a: T): T;
  sin(a: T): T;
  cos(a: T): T;
  floor(a: T): T;
  ceil(a: T): T;
  /** The nearest integer. */
  round(a: T): T;
  /** a^b for real a >= 0 (or an integer b). */
  pow(a: T, b: T): T;
  /** The truncated remainder of a / b (the sign of a), as JavaScript's %. */
  mod(a: T, b: T): T;
  min(xs: readonly T[]): T;
  max(xs: readonly T[]): T;
  /** True for 0 and -0 (false for NaN). */
  isZero(a: T): boolean;
  isInteger(a: T): boolean;
  isFinite(a: T): boolean;
}

/** float64 with Math's functions. */
export const float64Elementary: ElementaryField<number> = Object.freeze({
  ...float64Field,
  pi: Math.PI,
  realTolerance: 1e-12,
  fromText: (text: string) => Number(text),
  hypot: (a: number, b: number) => Math.hypot(a, b),
  log: Math.log, sin: Math.sin, cos: Math.cos, floor: Math.floor, ceil: Math.ceil, round: Math.round,
  pow: (a: number, b: number) => Math.pow(a, b),
  mod: (a: number, b: number) => a % b,
  min: (xs: readonly number[]) => Math.min(...xs),
  max: (xs: readonly number[]) => Math.max(...xs),
  isZero: (a: number) => a === 0,
  isInteger: (a: number) => Number.isInteger(a),
  isFinite: (a: number) => Number.isFinite(a),
});

const decimalElementaries = new Map<typeof Decimal, ElementaryField<Decimal>>();

/**
 * The elementary field of the Decimal constructor `D` (cached per constructor): the field
 * operations of {@link decimalFieldOver}, the functions as decimal.js computes them at D's
 * precision (pi = acos(-1); round by D's rounding mode).
 */
export function decimalElementary(D: typeof Decimal): ElementaryField<Decimal> {
  const hit = decimalElementaries.get(D);
  if (hit) return hit;
  const F: ElementaryField<Decimal> = Object.freeze({
    ...decimalFieldOver(D),
    pi: D.acos(-1),
    realTolerance: new D(10).pow(-(D.precision - 5)),
    fromText: (text: string) => new D(text),
    hypot: (a: Decimal, b: Decimal) => D.sqrt(D.add(D.mul(a, a), D.mul(b, b))),
    log: (a: Decimal) => D.ln(a),
    sin: (a: Decimal) => D.sin(a),
    cos: (a: Decimal) => D.cos(a),
    floor: (a: Decimal) => D.floor(a),
    ceil: (a: Decimal) => D.ceil(a),
    round: (a: Decimal) => D.round(a),
    pow: (a: Decimal, b: Decimal) => D.pow(a, b),
    mod: (a: Decimal, b: Decimal) => D.mod(a, b),
    min: (xs: readonly Decimal[]) => D.min(...xs),
    max: (xs: readonly Decimal[]) => D.max(...xs),
    isZero: (a: Decimal) => a.isZero(),
    isInteger: (a: Decimal) => a.isInteger(),
    isFinite: (a: Decimal) => a.isFinite(),
  });
  decimalElementaries.set(D, F);
  return F;
}
