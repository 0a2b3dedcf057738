/**
 * Permutation-symmetric operators: combinations of collective spin operators (norm O(L)) and global
 * extensive operators L * R with R a combination of products over all sites (norm <= 1 each).
 */
import fc from 'fast-check';
import { COEF_DENOMINATOR, ZERO_OPERATOR, clampToBudget, integerToward, linearText, mergeByKey, numeratorArbitrary } from './arbitraries-coefficients.js';

/** A symmetric operator text and the bound ||op|| <= perL * L valid at every L >= 1. */
export interface SymmetricOperator {
  readonly text: string;
  readonly perL: number;
}

/**
 * Collective operators linear in the total spin (||c.J|| = |c| L/2 at j = L/2), the simplest first.
 */
export const LINEAR_COLLECTIVE: readonly SymmetricOperator[] = [
  { text: 'Jz', perL: 1 / 2 },
  { text: 'Jx', perL: 1 / 2 },
  { text: 'Jy', perL: 1 / 2 },
  { text: 'sum(k, Z[k])', perL: 1 },
  { text: 'sum(k, X[k])', perL: 1 },
  { text: '(Jp + Jm)', perL: 1 },
];

/** Collective operators quadratic in the total spin, divided by L: ||Jz^2|| = L^2/4, ||Jx Jz + Jz Jx|| <= L^2/2. */
export const QUADRATIC_COLLECTIVE: readonly SymmetricOperator[] = [
  { text: 'Jz^2/L', perL: 1 / 4 },
  { text: 'Jx^2/L', perL: 1 / 4 },
  { text: '(Jx*Jz + Jz*Jx)/L', perL: 1 / 2 },
];

/** Indices in {@link LINEAR_COLLECTIVE} of the operators without a Jz component. */
const TRANSVERSE: readonly number[] = LINEAR_COLLECTIVE.flatMap((o, i) => (/Z|Jz/.test(o.text) ? [] : [i]));

/** Hermitian products over all sites of norm exactly 1 (the first one is the all-flip operator). */
export const GLOBAL_PRODUCTS: readonly string[] = [
  '(prod(k, Sp[k]) + prod(k, Sm[k]))',
  'prod(k, X[k])',
  'prod(k, Z[k])',
  'prod(k, Y[k])',
  'im*(prod(k, Sp[k]) - prod(k, Sm[k]))',
];

/** A combination sum_i c_i O_i of operators from a fixed list: indices into the list and numerators over 8. */
export interface Combination {
  readonly parts: readonly { readonly index: number; readonly numerator: number }[];
}

/**
 * Combinations of up to `maxTerms` operators from a list of `size`, coefficients n/8 with
 * sum |n| <= 8 when `budget` (so sum |c| <= 1). Shrinks toward one operator, index 0, coefficient 0.
 *
 * Summands with the same operator are merged.
 *
 * @example
 * fc.sample(combinationArbitrary(5, 2, true), 1)[0] // { parts: [{ index: 4, numerator: 6 }] }
 */
export function combinationArbitrary(size: number, maxTerms: number, budget: boolean): fc.Arbitrary<Combination> {
  return fc.array(fc.record({ index: fc.integer({ min: 0, max: size - 1 }), numerator: numeratorArbitrary() }), {
    minLength: 1, maxLength: Math.max(1, Math.floor(maxTerms)),
  }).map((parts) => {
    const nums = budget ? clampToBudget(parts.map((p) => p.numerator)) : parts.map((p) => p.numerator);
    return { parts: mergeByKey(parts.map((p, i) => ({ index: p.index, numerator: nums[i] })), (p) => String(p.index)) };
  });
}

/**
 * The text of a combination of symmetric operators and its bound per L (sum |c_i| perL_i).
 *
 * @example
 * combinationText({ parts: [{ index: 1, numerator: 4 }] }, LINEAR_COLLECTIVE) // { text: '0.5*Jx', perL: 0.25 }
 */
export function combinationText(c: Combination, ops: readonly SymmetricOperator[]): SymmetricOperator {
  const text = linearText(c.parts.map((p) => ({ coef: p.numerator / COEF_DENOMINATOR, text: ops[p.index].text })));
  return { text: text ?? ZERO_OPERATOR, perL: c.parts.reduce((t, p) => t + (Math.abs(p.numerator) / COEF_DENOMINATOR) * ops[p.index].perL, 0) };
}

/**
 * Collective couplings: a combination (sum |c| <= 1) of linear and quadratic collective operators,
 * e.g. `0.5*Jx + 0.25*Jz^2/L`. ||A|| <= perL * L.
 *
 * @example
 * fc.sample(collectiveOperatorArbitrary(), 1)[0] // { text: '0.75*Jz + 0.25*Jx^2/L', perL: 0.4375 }
 */
export function collectiveOperatorArbitrary(maxTerms = 3): fc.Arbitrary<SymmetricOperator> {
  const ops = [...LINEAR_COLLECTIVE, ...QUADRATIC_COLLECTIVE];
  return combinationArbitrary(ops.length, maxTerms, true).map((c) => combinationText(c, ops));
}

/**
 * Global extensive couplings A = L * R with R = sum_i c_i G_i, G_i products over all sites of norm 1
 * ({@link GLOBAL_PRODUCTS}, including the all-flip prod Sp + prod Sm) and sum |c_i| <= 1, so
 * ||A|| <= L. perL is sum |c_i|.
 *
 * @example
 * fc.sample(globalOperatorArbitrary(), 1)[0] // { text: 'L*(0.375*(prod(k, Sp[k]) + prod(k, Sm[k])))', perL: 0.375 }
 */
export function globalOperatorArbitrary(maxTerms = 3): fc.Arbitrary<SymmetricOperator> {
  return combinationArbitrary(GLOBAL_PRODUCTS.length, maxTerms, true).map((c) => {
    const R = combinationText(c, GLOBAL_PRODUCTS.map((text) => ({ text, perL: 1 })));
    if (R.text === ZERO_OPERATOR) return R;
    // One product with coefficient 1 is an atom already (prod(...) or parenthesised).
    const single = c.parts.length === 1 && c.parts[0].numerator === COEF_DENOMINATOR && !GLOBAL_PRODUCTS[c.parts[0].index].startsWith('im*');
    return { text: single ? `L*${R.text}` : `L*(${R.text})`, perL: R.perL };
  });
}

/** A collective Hamiltonian with its extensivity constant, and whether it is linear in the total spin. */
export interface CollectiveHamiltonian {
  readonly text: string;
  readonly h: number;
  /** Linear in the total spin with a nonzero Jz part: its spectrum in the sector j = L/2 is non-degenerate. */
  readonly linear: boolean;
}

/**
 * Collective Hamiltonians w0 * Jz (w0 in (0, 1], shrinking toward 1) plus optional transverse linear
 * terms (Jx, Jy, sum X, Jp + Jm) and optional quadratic ones (Jz^2/L, ...), h = sum |c_i| perL_i.
 * Each value holds the full Hamiltonian and its linear part alone: the linear part has a
 * non-degenerate spectrum in the symmetric sector (its Jz part cannot cancel), which a unique
 * `steady` state there needs.
 *
 * @example
 * fc.sample(collectiveHamiltonianArbitrary(), 1)[0]
 * // { linearPart: { text: '0.75*Jz', h: 0.375, linear: true }, full: { text: '0.75*Jz - Jz^2/L - 0.875*Jx^2/L', h: 0.84375, linear: false } }
 */
export function collectiveHamiltonianArbitrary(maxTerms = 3): fc.Arbitrary<{ readonly linearPart: CollectiveHamiltonian; readonly full: CollectiveHamiltonian }> {
  return fc.record({
    w0: integerToward(COEF_DENOMINATOR, 1, COEF_DENOMINATOR),
    // Transverse terms only (never Jz or sum Z), so they cannot cancel the Jz part.
    linear: fc.array(fc.record({ index: fc.constantFrom(...TRANSVERSE), numerator: numeratorArbitrary() }), { maxLength: Math.max(0, maxTerms - 1) }),
    quadratic: fc.array(fc.record({ index: fc.integer({ min: 0, max: QUADRATIC_COLLECTIVE.length - 1 }), numerator: numeratorArbitrary() }), { maxLength: Math.max(0, maxTerms - 1) }),
  }).map(({ w0, linear, quadratic }) => {
    const ops = [...LINEAR_COLLECTIVE, ...QUADRATIC_COLLECTIVE];
    const lin = mergeByKey([{ index: 0, numerator: w0 }, ...linear], (p) => String(p.index));
    const quad = mergeByKey(quadratic.map((p) => ({ index: p.index + LINEAR_COLLECTIVE.length, numerator: p.numerator })), (p) => String(p.index));
    const a = combinationText({ parts: lin }, ops), b = combinationText({ parts: [...lin, ...quad] }, ops);
    const linearPart = { text: a.text, h: a.perL, linear: true };
    return { linearPart, full: quad.length === 0 ? linearPart : { text: b.text, h: b.perL, linear: false } };
  });
}
