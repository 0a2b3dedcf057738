/**
 * proveNonNegative: the claims of our physics, integer-only truths, smallest counterexamples, and
 * the three strategies checked against each other and against brute force.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCertificate, proveNonNegative, type ProofResult } from '../../../src/symbolic/proof/index.js';
import { Poly } from '../../../src/symbolic/poly.js';
import { Q } from '../../../src/symbolic/rational.js';
import { c, L, poly, roundTrip, t } from './build.js';

/** Proves, and re-checks the certificate (after a JSON round trip) with the separate checker. */
function proveAndCheck(p: Poly, variable: string, from: number, options = {}): ProofResult {
  const r = proveNonNegative(p, variable, from, options);
  if (r.verdict === 'proved') expect(checkCertificate(p, variable, from, roundTrip(r.certificate))).toEqual({ ok: true });
  return r;
}

const sturmOnly = { maxFiniteChecks: 0 };

describe('superradiance: B1 = L^2 against J at m = 0 (g w0 = 1)', () => {
  const B1 = L.pow(2);
  const Jeven = L.mul(L.add(c(2))).scale(Q.of(-1, 4));
  const Jodd = L.sub(c(1)).mul(L.add(c(3))).scale(Q.of(-1, 4));

  it('even L = 2t, t >= 1: J <= 0, so |J| = -J, and B1 - |J| = 3t^2 - t >= 0', () => {
    const minusJ = Jeven.neg().subst('L', t.scale(Q.of(2)));
    expect(proveAndCheck(minusJ, 't', 1).verdict).toBe('proved');
    const gap = B1.add(Jeven).subst('L', t.scale(Q.of(2)));
    expect(gap.equals(poly(t, [0, -1, 3]))).toBe(true);
    expect(proveAndCheck(gap, 't', 1)).toEqual({
      verdict: 'proved',
      certificate: { kind: 'shifted-coefficients', variable: 't', from: 1, shift: 1, coefficients: ['2', '5', '3'] },
    });
  });

  it('odd L = 2t+1, t >= 0: J <= 0, and B1 - |J| = 3t^2 + 2t + 1 >= 0', () => {
    const odd = t.scale(Q.of(2)).add(c(1));
    expect(proveAndCheck(Jodd.neg().subst('L', odd), 't', 0)).toMatchObject({ verdict: 'proved', certificate: { kind: 'shifted-coefficients' } });
    const gap = B1.add(Jodd).subst('L', odd);
    expect(gap.equals(poly(t, [1, 2, 3]))).toBe(true);
    expect(proveAndCheck(gap, 't', 0)).toMatchObject({ verdict: 'proved', certificate: { coefficients: ['1', '2', '3'] } });
  });

  it('in L directly: B1 + J_even = (3L^2 - 2L)/4 >= 0 for L >= 1, but not a sharper 4|J| <= B1', () => {
    expect(proveAndCheck(B1.add(Jeven), 'L', 1).verdict).toBe('proved');
    // 4|J| = L^2 + 2L exceeds B1 = L^2 at every L >= 1: the ratio tends to 1/4 from above.
    expect(proveAndCheck(B1.add(Jeven.scale(Q.of(4))), 'L', 1)).toEqual({ verdict: 'refuted', counterexample: 1, value: '-2' });
  });

  it('all-flip: B1 - |J| = g w0 L^3 - g w0 L^3 is the zero polynomial', () => {
    const gap = L.pow(3).sub(L.pow(3));
    expect(proveAndCheck(gap, 'L', 1)).toEqual({ verdict: 'proved', certificate: { kind: 'zero', variable: 'L', from: 1 } });
  });
});

describe('claims true on the integers but not on the reals', () => {
  // (L - 7/2)^2 - 1/5 < 0 on (3.05, 3.95), which holds no integer.
  const dip = poly(L, ['12.05', -7, 1]);

  it('L^2 - 7L + 12.05 >= 0 for L >= 1: finite checks and a tail', () => {
    expect(proveAndCheck(dip, 'L', 1)).toEqual({
      verdict: 'proved',
      certificate: {
        kind: 'finite-check-and-tail', variable: 'L', from: 1,
        checked: [{ L: 1, value: '121/20' }, { L: 2, value: '41/20' }, { L: 3, value: '1/20' }],
        tail: { kind: 'shifted-coefficients', variable: 'L', from: 4, shift: 4, coefficients: ['1/20', '1', '1'] },
      },
    });
  });

  it('the same claim by Sturm root isolation: two roots, no integer between them', () => {
    const r = proveAndCheck(dip, 'L', 1, sturmOnly);
    expect(r).toMatchObject({ verdict: 'proved', certificate: { kind: 'sturm-isolation', rootCount: 2 } });
  });

  it('L^2 - 7L + 12.5 has no real root at all (discriminant -1): Sturm with root count 0', () => {
    const r = proveAndCheck(poly(L, ['12.5', -7, 1]), 'L', 1, sturmOnly);
    expect(r).toMatchObject({ verdict: 'proved', certificate: { kind: 'sturm', rootCount: 0, valueAtFrom: '13/2' } });
  });

  it('a dip a million steps out, past the finite-check limit: (L - 1000000.5)^2 - 1/8 >= 0', () => {
    const far = L.sub(c('1000000.5')).pow(2).sub(c('1/8'));
    const r = proveAndCheck(far, 'L', 0);
    expect(r).toMatchObject({ verdict: 'proved', certificate: { kind: 'sturm-isolation', rootCount: 2 } });
  });

  it('double roots at integers: (L - 1)^2 (L - 5)^2 >= 0 by both routes', () => {
    const p = L.sub(c(1)).pow(2).mul(L.sub(c(5)).pow(2));
    expect(proveAndCheck(p, 'L', 0).verdict).toBe('proved');
    expect(proveAndCheck(p, 'L', 0, sturmOnly)).toMatchObject({ verdict: 'proved', certificate: { kind: 'sturm-isolation' } });
  });
});

describe('refutations name the smallest counterexample', () => {
  it('L^2 - 10L + 20 >= 0 fails first at L = 3 (L = 1, 2 give 11, 4)', () => {
    const p = poly(L, [20, -10, 1]);
    expect(proveAndCheck(p, 'L', 1)).toEqual({ verdict: 'refuted', counterexample: 3, value: '-1' });
    expect(proveAndCheck(p, 'L', 1, sturmOnly)).toEqual({ verdict: 'refuted', counterexample: 3, value: '-1' });
    expect(proveAndCheck(p, 'L', 8)).toMatchObject({ verdict: 'proved' });
  });

  it('a counterexample a million steps out', () => {
    const p = L.sub(c('1000000.5')).pow(2).sub(c(1));
    expect(proveAndCheck(p, 'L', 0)).toEqual({ verdict: 'refuted', counterexample: 1_000_000, value: '-3/4' });
  });

  it('negative leading coefficients, negative constants and negative starts', () => {
    expect(proveAndCheck(poly(L, [100, 0, -1]), 'L', 0)).toEqual({ verdict: 'refuted', counterexample: 11, value: '-21' });
    expect(proveAndCheck(c(-2).sub(L.pow(3)), 'L', -5)).toEqual({ verdict: 'refuted', counterexample: -1, value: '-1' });
    expect(proveAndCheck(c(-1), 'L', 4)).toEqual({ verdict: 'refuted', counterexample: 4, value: '-1' });
    expect(proveAndCheck(L.sub(c(3)).pow(3), 'L', 0, sturmOnly)).toEqual({ verdict: 'refuted', counterexample: 0, value: '-27' });
  });

  it('a counterexample beyond the safe integers is reported as unknown, not rounded', () => {
    const p = c('100000000000000000000').sub(L);
    expect(proveNonNegative(p, 'L', 0).verdict).toBe('unknown');
  });
});

describe('input errors', () => {
  it('rejects other variables and non-integer starts', () => {
    expect(() => proveNonNegative(L.mul(t), 'L', 0)).toThrow(RangeError);
    expect(() => proveNonNegative(L, 'L', 0.5)).toThrow(RangeError);
  });
});

describe('independent routes agree with brute force', () => {
  // Integer coefficients in [-20, 20], leading coefficient nonzero: every root has |r| < 21, so
  // the sign at integers beyond 22 is the leading sign and a scan up to there decides the claim.
  const polys = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 5 })
    .filter((a) => a[a.length - 1] !== 0);

  function bruteForce(a: readonly number[], from: number): number | null {
    const end = Math.max(from, 22) + 1;
    for (let x = from; x <= end; x++) if (a.reduceRight((acc, k) => acc * x + k, 0) < 0) return x;
    return null;
  }

  it('verdict and smallest counterexample, by default and by Sturm alone', () => {
    fc.assert(fc.property(polys, fc.integer({ min: -25, max: 25 }), (a, from) => {
      const p = poly(L, a);
      const expected = bruteForce(a, from);
      for (const options of [{}, sturmOnly]) {
        const r = proveAndCheck(p, 'L', from, options);
        if (expected === null) expect(r.verdict).toBe('proved');
        else expect(r).toMatchObject({ verdict: 'refuted', counterexample: expected });
      }
    }), { seed: 20240601, numRuns: 300 });
  });

  it('products of squares of integer and half-integer linear factors (tight dips) are proved', () => {
    const roots = fc.array(fc.integer({ min: -12, max: 12 }), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(roots, fc.integer({ min: -15, max: 15 }), (rs, from) => {
      // prod (2L - r)^2 - 0 touches zero at r/2; at odd r no integer is a root.
      const p = rs.reduce<Poly>((acc, r) => acc.mul(L.scale(Q.of(2)).sub(c(r)).pow(2)), c(1));
      for (const options of [{}, sturmOnly]) expect(proveAndCheck(p, 'L', from, options).verdict).toBe('proved');
    }), { seed: 7, numRuns: 60 });
  });
});
