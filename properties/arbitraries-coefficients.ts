/**
 * Coefficients of random models: small integers over a fixed denominator, so that every number in a
 * generated model file is an exact decimal and fast-check shrinks it toward 0 (or toward a chosen
 * simple value), and linear combinations printed in the model language.
 */
import fc from 'fast-check';

/** The denominator of every generated operator coefficient: coefficients are n / 8 with |n| <= 8. */
export const COEF_DENOMINATOR = 8;

/**
 * A coefficient numerator in [-8, 8] (the coefficient is n / {@link COEF_DENOMINATOR}). Shrinks
 * toward 0; one draw in four is a simple value (+-8, +-4, 2), so coefficients +-1 and +-1/2 are common.
 *
 * @example
 * fc.sample(numeratorArbitrary(), 5) // e.g. [8, -3, 0, 4, 7]
 */
export function numeratorArbitrary(): fc.Arbitrary<number> {
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.integer({ min: -COEF_DENOMINATOR, max: COEF_DENOMINATOR }), weight: 3 },
    { arbitrary: fc.constantFrom(8, -8, 4, -4, 2), weight: 1 },
  );
}

/**
 * An integer in [min, max] that shrinks toward `simple` (which must lie in the range) and is drawn
 * as `simple` one time in four.
 *
 * @example
 * integerToward(4, 0, 8) // rates n/4 that shrink toward 1
 */
export function integerToward(simple: number, min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant(simple), weight: 1 },
    { arbitrary: fc.integer({ min, max }), weight: 3 },
  );
}

/**
 * Clamps numerators so that the sum of their absolute values stays within `budget`: each one is
 * cut to what the earlier ones left over. Deterministic, so shrinking a numerator never grows another.
 *
 * @example
 * clampToBudget([6, -5, 3], 8) // [6, -2, 0]
 */
export function clampToBudget(numerators: readonly number[], budget: number = COEF_DENOMINATOR): number[] {
  let left = budget;
  return numerators.map((n) => {
    const m = Math.sign(n) * Math.min(Math.abs(n), left);
    left -= Math.abs(m);
    return m === 0 ? 0 : m; // no -0
  });
}

/**
 * Merges summands with the same key (adding their numerators, in order of first appearance) and
 * drops those that end at 0. sum |n| can only decrease, so norm bounds stay valid.
 *
 * @example
 * mergeByKey([{ key: 'Z', numerator: 2 }, { key: 'X', numerator: 3 }, { key: 'Z', numerator: -2 }], (p) => p.key)
 * // [{ key: 'X', numerator: 3 }]
 */
export function mergeByKey<T extends { readonly numerator: number }>(parts: readonly T[], key: (p: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const p of parts) {
    const k = key(p), q = merged.get(k);
    merged.set(k, q ? { ...q, numerator: q.numerator + p.numerator } : p);
  }
  return [...merged.values()].filter((p) => p.numerator !== 0);
}

/**
 * A number as model-language text. Generated numbers are dyadic (n/8, n/4, n/2), so the shortest
 * JavaScript representation is their exact decimal.
 *
 * @example
 * numberText(3 / 8) // '0.375'
 */
export function numberText(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return String(x === 0 ? 0 : x);
}

/** One summand of {@link linearText}: a real coefficient and an operator text. */
export interface LinearTerm {
  readonly coef: number;
  readonly text: string;
}

/**
 * The text of sum_i coef_i * text_i, dropping zero coefficients, writing 1 * x as x and subtracting
 * negative terms; null when every coefficient is 0. Each text must be an atom or a product (it is
 * multiplied without parentheses).
 *
 * @example
 * linearText([{ coef: 0.5, text: 'X[k]' }, { coef: -1, text: 'Z[k]' }]) // '0.5*X[k] - Z[k]'
 */
export function linearText(terms: readonly LinearTerm[]): string | null {
  let out = '';
  for (const { coef, text } of terms) {
    if (coef === 0) continue;
    const mag = Math.abs(coef) === 1 ? text : `${numberText(Math.abs(coef))}*${text}`;
    out += out === '' ? (coef < 0 ? `-${mag}` : mag) : coef < 0 ? ` - ${mag}` : ` + ${mag}`;
  }
  return out === '' ? null : out;
}

/** The zero operator in the model language (a Hermitian operator of norm 0). */
export const ZERO_OPERATOR = '0*Id';
