/**
 * k-local operators: real combinations of Pauli strings on k <= 3 neighbouring sites with the sum
 * of |coefficients| at most 1 (so each term has norm <= 1), summed over the chain with open or
 * periodic boundaries (physics.md section 5, "k-local sums").
 */
import fc from 'fast-check';
import { COEF_DENOMINATOR, ZERO_OPERATOR, clampToBudget, linearText, mergeByKey, numeratorArbitrary } from './arbitraries-coefficients.js';

/** A one-site Pauli factor (`I` is the identity). */
export type Pauli = 'I' | 'X' | 'Y' | 'Z';

/** Pauli letters, the simplest first (so shrinking goes to Z). */
export const PAULIS: readonly Pauli[] = ['Z', 'X', 'Y', 'I'];

/** One Pauli string c * P_0 P_1 ... on consecutive sites (offset j acts on site k + j). */
export interface PauliTerm {
  /** The coefficient is numerator / {@link COEF_DENOMINATOR}. */
  readonly numerator: number;
  readonly paulis: readonly Pauli[];
}

/**
 * A Hermitian operator on `span` neighbouring sites: sum_P c_P P over Pauli strings with real c_P and
 * sum_P |c_P| = `norm` <= 1, hence ||term|| <= norm <= 1.
 */
export interface LocalTerm {
  readonly span: number;
  readonly strings: readonly PauliTerm[];
  /** sum_P |c_P|: a bound on the operator norm. */
  readonly norm: number;
}

/** Options of {@link localTermArbitrary}. */
export interface LocalTermOptions {
  /** Largest number of neighbouring sites (1..3, default 3). */
  readonly maxSpan?: number;
  /** Largest number of Pauli strings (default 3). */
  readonly maxStrings?: number;
}

/**
 * Random Hermitian terms on k <= 3 neighbouring sites with norm <= 1: a real combination of Pauli
 * strings whose |coefficients| (multiples of 1/8) sum to at most 1. Shrinks toward one site, one
 * string, coefficient 0.
 *
 * @example
 * fc.sample(localTermArbitrary({ maxSpan: 2 }), 1)[0]
 * // { span: 2, strings: [{ numerator: 3, paulis: ['Z', 'X'] }, { numerator: 4, paulis: ['X', 'I'] }, { numerator: 1, paulis: ['I', 'I'] }], norm: 1 }
 */
export function localTermArbitrary(opts: LocalTermOptions = {}): fc.Arbitrary<LocalTerm> {
  const maxSpan = Math.max(1, Math.min(3, Math.floor(opts.maxSpan ?? 3)));
  const maxStrings = Math.max(1, Math.floor(opts.maxStrings ?? 3));
  const pauli = fc.constantFrom(...PAULIS);
  return fc.record({
    span: fc.integer({ min: 1, max: maxSpan }),
    strings: fc.array(fc.record({ numerator: numeratorArbitrary(), paulis: fc.tuple(pauli, pauli, pauli) }), { minLength: 1, maxLength: maxStrings }),
  }).map(({ span, strings }) => {
    const nums = clampToBudget(strings.map((s) => s.numerator));
    const kept = mergeByKey(strings.map((s, i) => ({ numerator: nums[i], paulis: s.paulis.slice(0, span) })), (s) => s.paulis.join(''));
    return { span, strings: kept, norm: kept.reduce((t, s) => t + Math.abs(s.numerator), 0) / COEF_DENOMINATOR };
  });
}

/** How a local term is placed on the chain. */
export type Boundary = 'open' | 'periodic';

/** A real site-dependent factor f(k) with |f(k)| <= 1 on k = 0..L-1 multiplying a local sum. */
export type Modulation = 'none' | 'ramp' | 'cos';

const MODULATION_TEXT: Record<Modulation, string | null> = { none: null, ramp: '(k+1)/L', cos: 'cos(k)' };

/**
 * Sites actually acted on: one past the last offset with a non-identity factor (at least 1).
 *
 * @example
 * effectiveSpan({ span: 3, strings: [{ numerator: 8, paulis: ['X', 'Z', 'I'] }], norm: 1 }) // 2
 */
export function effectiveSpan(term: LocalTerm): number {
  let s = 1;
  for (const p of term.strings) p.paulis.forEach((q, j) => { if (q !== 'I') s = Math.max(s, j + 1); });
  return s;
}

/**
 * Whether the wrapped string (site (k+j)%L) can be non-Hermitian for some L >= minL: two different
 * non-identity Paulis landing on one site when L < span.
 *
 * @example
 * wrapMayCollide(['X', 'Z'], 1) // true: at L = 1, X[0]*Z[0] = -i Y[0]
 * wrapMayCollide(['Z', 'Z'], 1) // false: Z[0]*Z[0] = Id
 */
export function wrapMayCollide(paulis: readonly Pauli[], minL: number): boolean {
  for (let L = Math.max(1, minL); L < paulis.length; L++) {
    for (let i = 0; i < paulis.length; i++) {
      for (let j = i + L; j < paulis.length; j += L) {
        if (paulis[i] !== 'I' && paulis[j] !== 'I' && paulis[i] !== paulis[j]) return true;
      }
    }
  }
  return false;
}

/**
 * The product of the string's site operators, with offset j on site `site(j)`; `Id` when all identity.
 *
 * @example
 * pauliStringText(['X', 'I', 'Z'], siteAt(false)) // 'X[k]*Z[k+2]'
 */
export function pauliStringText(paulis: readonly Pauli[], site: (offset: number) => string): string {
  const f = paulis.flatMap((p, j) => (p === 'I' ? [] : [`${p}[${site(j)}]`]));
  return f.length === 0 ? 'Id' : f.join('*');
}

/**
 * The term as an operator expression with offset j on site `site(j)`, or null when it is 0.
 * `wrapped`: sites are taken mod L, so strings that may collide for some L >= minL are written
 * as their Hermitian part (P + dag(P))/2 (norm still <= 1; equal to P when no sites collide).
 *
 * @example
 * localTermText(t, (j) => (j === 0 ? 'k' : `(k+${j})%L`), true, 1) // '0.5*(X[k]*Z[(k+1)%L] + dag(X[k]*Z[(k+1)%L]))/2 - 0.5*Y[k]'
 */
export function localTermText(term: LocalTerm, site: (offset: number) => string, wrapped: boolean, minL: number): string | null {
  return linearText(term.strings.map((s) => {
    const p = pauliStringText(s.paulis, site);
    const text = wrapped && wrapMayCollide(s.paulis, minL) ? `(${p} + dag(${p}))/2` : p;
    return { coef: s.numerator / COEF_DENOMINATOR, text };
  }));
}

/**
 * Site texts for a term at k: open sums use k+j, wrapped ones (k+j)%L.
 *
 * @example
 * siteAt(true)(2) // '(k+2)%L'
 */
export function siteAt(wrapped: boolean): (offset: number) => string {
  return (j) => (j === 0 ? 'k' : wrapped ? `(k+${j})%L` : `k+${j}`);
}

/** A local term summed over the chain. */
export interface LocalSum {
  readonly term: LocalTerm;
  readonly boundary: Boundary;
  readonly modulation: Modulation;
}

/** Options shared by the chain arbitraries. */
export interface LocalSumOptions extends LocalTermOptions {
  readonly boundaries?: readonly Boundary[];
  /** The smallest L the model must be valid for (decides where wrapped strings need their Hermitian part; default 1). */
  readonly minL?: number;
}

/**
 * Random sums over the chain of one local term: open (`sum(k, 0, L-s, ...)`, L-s+1 <= L terms) or
 * periodic (`sum(k, ...)` with `%L`, L terms), optionally times f(k) with |f| <= 1. Norm <= L * term.norm.
 *
 * @example
 * localSumText(fc.sample(localSumArbitrary(), 1)[0], 1) // e.g. 'sum(k, (k+1)/L*(0.5*Z[k] - 0.5*Y[k]))'
 */
export function localSumArbitrary(opts: LocalSumOptions = {}): fc.Arbitrary<LocalSum> {
  const boundaries = opts.boundaries && opts.boundaries.length > 0 ? opts.boundaries : (['open', 'periodic'] as const);
  return fc.record({
    term: localTermArbitrary(opts),
    boundary: fc.constantFrom(...boundaries),
    modulation: fc.constantFrom<Modulation>('none', 'ramp', 'cos'),
  });
}

/**
 * The text of a local sum valid for every L >= minL, or null when its term is 0.
 *
 * @example
 * localSumText({ term, boundary: 'periodic', modulation: 'none' }, 1) // 'sum(k, Z[k]*Z[(k+1)%L])'
 */
export function localSumText(sum: LocalSum, minL: number): string | null {
  const span = effectiveSpan(sum.term);
  const wrapped = sum.boundary === 'periodic' && span > 1;
  const body = localTermText(sum.term, siteAt(wrapped), wrapped, minL);
  if (body === null) return null;
  return `sum(k, ${wrapped || span === 1 ? '' : `0, L-${span}, `}${modulated(body, sum.modulation)})`;
}

/**
 * The body times the modulation factor.
 *
 * @example
 * modulated('X[k]', 'cos') // 'cos(k)*(X[k])'
 */
export function modulated(body: string, modulation: Modulation): string {
  const f = MODULATION_TEXT[modulation];
  return f === null ? body : `${f}*(${body})`;
}

/** A Hamiltonian (or any extensive operator) with its extensivity constant: ||op|| <= h * L for every L. */
export interface HamiltonianSample {
  readonly text: string;
  readonly h: number;
}

/** Options of {@link hamiltonianArbitrary}. */
export interface HamiltonianOptions extends LocalSumOptions {
  /** Largest number of local sums (default 3). */
  readonly maxTerms?: number;
}

/**
 * Random k-local Hamiltonians: sums over the chain of up to `maxTerms` local terms (k <= 3, norm
 * <= 1 each), open or periodic. h = sum of the terms' norms, so ||H|| <= h L at every L >= minL
 * (a periodic 2-site sum at L = 2 counts each bond twice: still L terms).
 *
 * @example
 * fc.sample(hamiltonianArbitrary({ maxTerms: 2, minL: 3 }), 1)[0]
 * // { text: 'sum(k, (k+1)/L*(0.375*Z[k]*X[(k+1)%L]*Z[(k+2)%L] + 0.5*X[k]*Y[(k+2)%L] + 0.125*Id)) + sum(k, 0, L-2, -0.75*Id - 0.125*Y[k]*Z[k+1])', h: 1.875 }
 */
export function hamiltonianArbitrary(opts: HamiltonianOptions = {}): fc.Arbitrary<HamiltonianSample> {
  const minL = opts.minL ?? 1;
  return fc.array(localSumArbitrary(opts), { minLength: 1, maxLength: Math.max(1, Math.floor(opts.maxTerms ?? 3)) }).map((sums) => {
    const parts = sums.map((s) => ({ text: localSumText(s, minL), norm: s.term.norm })).filter((p) => p.text !== null);
    return {
      text: parts.length === 0 ? ZERO_OPERATOR : parts.map((p) => p.text).join(' + '),
      h: parts.reduce((t, p) => t + p.norm, 0),
    };
  });
}
