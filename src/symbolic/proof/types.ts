/**
 * The data of proofs: results of the provers and the certificates the checkers re-verify.
 * Everything here is plain JSON (rationals are strings such as "3", "-7/2"), so a certificate can
 * be written to disk, read back and re-checked by `checkCertificate` / `checkSymbolicCertificate`.
 */

/** An exact rational as text: "3", "-7/2" (what `Q.toString` prints; `Q.parse` reads it back). */
export type Rational = string;

/** A sign, as in a row of a Sturm table. */
export type Sign = -1 | 0 | 1;

/** p is the zero polynomial. */
export interface ZeroCertificate {
  readonly kind: 'zero';
  readonly variable: string;
  readonly from: number;
}

/**
 * p(shift + s) = sum_k coefficients[k] s^k with every coefficient >= 0, hence p >= 0 on
 * [shift, infinity). As a top-level certificate shift equals from.
 */
export interface ShiftedCoefficientsCertificate {
  readonly kind: 'shifted-coefficients';
  readonly variable: string;
  readonly from: number;
  readonly shift: number;
  /** Ascending powers of s. */
  readonly coefficients: readonly Rational[];
}

/** The exact value of p at the integer L. */
export interface FiniteCheck {
  readonly L: number;
  readonly value: Rational;
}

/** p >= 0 at each of from, from+1, ..., tail.from - 1 (listed in order), and the tail beyond. */
export interface FiniteCheckAndTailCertificate {
  readonly kind: 'finite-check-and-tail';
  readonly variable: string;
  readonly from: number;
  readonly checked: readonly FiniteCheck[];
  readonly tail: ShiftedCoefficientsCertificate;
}

/**
 * Sturm's theorem with no root: p(from) > 0 and the Sturm chain has as many sign variations at
 * `from` as at +infinity, so p has no real root in (from, infinity) and p > 0 on [from, infinity).
 *
 * The chain is canonical: chain[0] and chain[1] are the primitive parts (coprime integer
 * coefficients, positive content) of p and p', chain[i+1] the primitive part of
 * -rem(chain[i-1], chain[i]); each polynomial is its coefficients in ascending powers.
 */
export interface SturmCertificate {
  readonly kind: 'sturm';
  readonly variable: string;
  readonly from: number;
  readonly chain: readonly (readonly Rational[])[];
  readonly signsAtFrom: readonly Sign[];
  readonly signsAtInfinity: readonly Sign[];
  readonly rootCount: 0;
  readonly valueAtFrom: Rational;
}

/** A cut point of a Sturm isolation: a rational that is not a root of p. */
export interface SturmCut {
  readonly at: Rational;
  readonly value: Rational;
  readonly signs: readonly Sign[];
}

/**
 * The closed segment between two consecutive cuts: either root-free (Sturm count 0 and p > 0 at
 * its left cut, hence p > 0 on it) or checked (its integers >= from listed with their values).
 */
export type SturmSegment =
  | { readonly kind: 'root-free' }
  | { readonly kind: 'checked'; readonly checked: readonly FiniteCheck[] };

/**
 * Sturm's theorem with the roots isolated: cuts c_0 < c_1 < ... < c_m with from - 1 < c_0 <= from,
 * segments [c_j, c_{j+1}] (root-free or with their integers checked), and a root-free tail
 * [c_m, infinity) where p(c_m) > 0. `rootCount` is the number of distinct real roots in
 * (c_0, infinity). The chain is the canonical one of `SturmCertificate`.
 */
export interface SturmIsolationCertificate {
  readonly kind: 'sturm-isolation';
  readonly variable: string;
  readonly from: number;
  readonly chain: readonly (readonly Rational[])[];
  readonly cuts: readonly SturmCut[];
  readonly segments: readonly SturmSegment[];
  readonly signsAtInfinity: readonly Sign[];
  readonly rootCount: number;
}

/** A certificate that a univariate p is >= 0 at every integer >= from. */
export type Certificate =
  | ZeroCertificate
  | ShiftedCoefficientsCertificate
  | FiniteCheckAndTailCertificate
  | SturmCertificate
  | SturmIsolationCertificate;

/** The outcome of `proveNonNegative`. */
export type ProofResult =
  | { readonly verdict: 'proved'; readonly certificate: Certificate }
  /** counterexample: the smallest integer >= from where p < 0; value: p there, exactly. */
  | { readonly verdict: 'refuted'; readonly counterexample: number; readonly value: Rational }
  | { readonly verdict: 'unknown'; readonly reason: string };

/** What the checkers answer. */
export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** What may be assumed about a param: > 0 or >= 0. */
export type Assumption = 'positive' | 'nonnegative';

/** One piece of a monomial split: the coefficient of a param monomial is >= 0 on the integers. */
export interface MonomialPart {
  /** Powers of the params (all assumed >= 0), {} for the monomial 1. */
  readonly monomial: Readonly<Record<string, number>>;
  /** The coefficient polynomial in the variable, for readers; the checker recomputes it from p. */
  readonly coefficient: string;
  readonly certificate: Certificate;
}

/**
 * p = sum_k c_k(L) m_k(params) where every m_k is a product of params assumed >= 0 and every c_k
 * is proved >= 0 on the integers >= from.
 */
export interface MonomialSplitCertificate {
  readonly kind: 'monomial-split';
  readonly variable: string;
  readonly from: number;
  readonly assumptions: Readonly<Record<string, Assumption>>;
  readonly parts: readonly MonomialPart[];
}

/**
 * Z3 found no point with variable >= from (a real, or with domain 'integers' an integer), params
 * obeying the assumptions, and p < 0. `smt2` is the exact query (its format is fixed by
 * `smt2Query`), so the checker rebuilds it from p and re-runs it.
 */
export interface Z3Certificate {
  readonly kind: 'z3';
  readonly variable: string;
  readonly from: number;
  readonly assumptions: Readonly<Record<string, Assumption>>;
  readonly domain: 'reals' | 'integers';
  readonly smt2: string;
  readonly result: 'unsat';
  /** The claim's range end, when it has one. */
  readonly to?: number;
  /** The claim's extra assumptions, as text (the checker is given them with the claim). */
  readonly constraints?: readonly string[];
}

/** p has no params: the univariate certificate. */
export interface UnivariateWrapCertificate {
  readonly kind: 'univariate';
  readonly certificate: Certificate;
}

/** A certificate that p >= 0 for every integer variable >= from and params obeying assumptions. */
export type SymbolicCertificate = MonomialSplitCertificate | Z3Certificate | UnivariateWrapCertificate;

/** A concrete counterexample: p(L = counterexample, params) = value < 0, confirmed exactly. */
export interface SymbolicCounterexample {
  readonly counterexample: number;
  readonly params: Readonly<Record<string, Rational>>;
  readonly value: Rational;
  /** Where it came from: a Z3 model, or the cross-check at the sample or a random point. */
  readonly source: 'z3-model' | 'sample';
}

/** Z3's answer to the query "is there a counterexample over the reals?". */
export type Z3Answer = 'sat' | 'unsat' | 'unknown' | 'not-run';

/** The outcome of `proveNonNegativeSymbolic`. */
export type SymbolicProofResult =
  | {
      readonly verdict: 'proved';
      readonly certificate: SymbolicCertificate;
      /** How many param points the univariate prover confirmed (sample and random points). */
      readonly crossChecks: number;
    }
  | ({ readonly verdict: 'refuted' } & SymbolicCounterexample)
  | {
      readonly verdict: 'unknown';
      readonly reason: string;
      readonly z3: Z3Answer;
      /** A proof that the cross-check contradicted (evidence, not a result). */
      readonly claimed?: SymbolicCertificate;
      /** The counterexample that contradicted it. */
      readonly refutation?: SymbolicCounterexample;
    };
