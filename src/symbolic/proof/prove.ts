/**
 * `proveNonNegative`: p(L) >= 0 for every integer L >= from, for a univariate p with rational
 * coefficients, with a certificate that `checkCertificate` re-verifies.
 */
import { Q } from '../rational.js';
import type { Poly } from '../poly.js';
import {
  cauchyBound, ceil, denseOf, evalInteger, integerForm, leading, negate, shift, type Dense,
} from './dense.js';
import { defaultProofOptions, type ProofOptions } from './options.js';
import { sturmProof } from './sturm.js';
import type { FiniteCheck, ProofResult, ShiftedCoefficientsCertificate } from './types.js';

/**
 * Proves p(variable) >= 0 at every integer variable >= from, or refutes it with the smallest
 * integer counterexample. Strategies, in order: (a) the coefficients of p(from + s) are all >= 0;
 * (b) they are from some L1 on (the least such L1, found by bisection below Cauchy's root bound),
 * and p is checked exactly at from..L1-1 when there are at most `maxFiniteChecks` of them;
 * (c) Sturm's theorem, with the real roots >= from isolated by exact bisection and the integers
 * next to them checked.
 *
 * @param p a polynomial in `variable` only, with rational coefficients
 * @param from an integer (a safe one)
 * @throws RangeError if p has another variable or `from` is not a safe integer
 * @example
 * const L = Poly.variable('L');
 * proveNonNegative(L.pow(2).sub(L.scale(Q.of(10))).add(Poly.constant(20)), 'L', 1)
 * // { verdict: 'refuted', counterexample: 3, value: '-1' }
 */
export function proveNonNegative(p: Poly, variable: string, from: number, options: Partial<ProofOptions> = {}): ProofResult {
  if (!Number.isSafeInteger(from)) throw new RangeError(`from must be a safe integer, got ${from}`);
  const opts = { ...defaultProofOptions, ...options };
  const a = denseOf(p, variable);
  if (a.length === 0) return { verdict: 'proved', certificate: { kind: 'zero', variable, from } };
  const direct = shift(a, Q.of(from));
  if (allNonNegative(direct)) return { verdict: 'proved', certificate: shifted(variable, from, from, direct) };

  // (b) Beyond `end` the claim is settled by a tail: p >= 0 there if p's leading coefficient is
  // positive, else p(end) < 0 is a counterexample; so scanning from..end finds the answer.
  const positive = leading(a).sign() > 0;
  const tailStart = leastTail(positive ? a : negate(a), BigInt(from));
  // With a negative leading coefficient, -p(t + s) >= 0 coefficientwise and -p is not zero, so
  // -p(t + 1) > 0: a counterexample exists at or before t + 1.
  const end = positive ? tailStart - 1n : tailStart + 1n;
  if (end - BigInt(from) < BigInt(opts.maxFiniteChecks)) {
    const scan = scanIntegers(a, BigInt(from), end);
    if (!Array.isArray(scan)) return scan;
    if (!positive) throw new Error('unreachable: no counterexample before a negative tail');
    const tail = shifted(variable, Number(tailStart), Number(tailStart), shift(a, Q.of(tailStart)));
    return { verdict: 'proved', certificate: { kind: 'finite-check-and-tail', variable, from, checked: scan, tail } };
  }
  // (c)
  return sturmProof(a, variable, from, opts);
}

function allNonNegative(c: Dense): boolean {
  return c.every((x) => x.sign() >= 0);
}

function shifted(variable: string, from: number, at: number, c: Dense): ShiftedCoefficientsCertificate {
  return { kind: 'shifted-coefficients', variable, from, shift: at, coefficients: c.map(String) };
}

/**
 * The least integer t >= from with every coefficient of a(t + s) >= 0 (a has a positive leading
 * coefficient). The property holds beyond every root's modulus, hence at ceil(Cauchy bound), and is
 * monotone in t (a(t + d + s) is a(t + s') at s' = s + d), so bisection finds the least t.
 */
function leastTail(a: Dense, from: bigint): bigint {
  const ok = (t: bigint): boolean => allNonNegative(shift(a, Q.of(t)));
  let hi = ceil(cauchyBound(a));
  if (hi < from) hi = from;
  // Cauchy's bound guarantees ok(hi); the loop only guards that argument.
  while (!ok(hi)) hi = from + 2n * (hi - from) + 1n;
  let lo = from - 1n; // ok(lo) is treated as false: the answer is >= from
  while (hi - lo > 1n) {
    const mid = lo + (hi - lo) / 2n;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Exact values of a at from..end; the first negative one refutes. */
function scanIntegers(a: Dense, from: bigint, end: bigint): FiniteCheck[] | ProofResult {
  const { coeffs, den } = integerForm(a);
  const out: FiniteCheck[] = [];
  for (let L = from; L <= end; L++) {
    const v = evalInteger(coeffs, L);
    const value = Q.of(v, den).toString();
    if (v < 0n) return { verdict: 'refuted', counterexample: Number(L), value };
    out.push({ L: Number(L), value });
  }
  return out;
}
