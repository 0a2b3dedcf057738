/**
 * Claims decided exactly from closed forms (properties/claims-exact.ts), on forms built here from
 * `deriveFamily` (independent of `scaling`), checked against physics.md's closed forms evaluated by
 * brute force in exact rational arithmetic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/lang/index.js';
import type { QuantityForm } from '../../src/engine/index.js';
import { deriveFamily, type DerivedQuantity } from '../../src/symbolic/index.js';
import { familyClasses, parseClaim } from '../../properties/index.js';
import { NotExact, decideClaimExactly, type FamilyForms } from '../../properties/claims-exact.js';
import { builtin } from '../helpers.js';

/** The forms of a family from `deriveFamily`, as `ScalingResult.forms` holds them. */
function formsOf(model: ModelSpec, mark: Partial<Record<string, Partial<QuantityForm>>> = {}): FamilyForms {
  const d = deriveFamily(model);
  const q = (name: string, x: DerivedQuantity | null): QuantityForm | null =>
    x ? { status: 'derived', upperBound: x.how === 'upper bound', pieces: [{ from: d.range.from, to: d.range.to, form: x.form }], ...mark[name] } : null;
  return {
    J: q('J', d.J),
    normH: q('normH', d.terms.normH), width: q('width', d.terms.width), sumA2: q('sumA2', d.terms.sumA2), gammaMax: q('gammaMax', d.terms.gammaMax), deltaE: q('deltaE', d.terms.deltaE),
    Bstate: q('Bstate', d.bounds.Bstate), B1: q('B1', d.bounds.B1), B1coarse: q('B1coarse', d.bounds.B1coarse), B2: q('B2', d.bounds.B2),
  };
}

/** Exact rationals as [num, den] with den > 0 (BigInt), independent of src/symbolic. */
type R = [bigint, bigint];
const r = (n: bigint | number, d: bigint | number = 1n): R => [BigInt(n), BigInt(d)];
const add = (a: R, b: R): R => [a[0] * b[1] + b[0] * a[1], a[1] * b[1]];
const mul = (a: R, b: R): R => [a[0] * b[0], a[1] * b[1]];
const cmp = (a: R, b: R): number => { const x = a[0] * b[1] - b[0] * a[1]; return x > 0n ? 1 : x < 0n ? -1 : 0; };

/** |J(L)| from physics.md section 4 at g = w0 = 1 (the built-in params). */
const absJ: Record<string, (L: number) => R> = {
  allflip: (L) => r(BigInt(L) ** 3n),
  independent: (L) => r(L),
  // j = L/2, m = floor(L/2) - L/2: (j+m)(j-m+1) = floor(L/2) * (L - floor(L/2) + 1)
  superradiance: (L) => r(BigInt(Math.floor(L / 2)) * BigInt(L - Math.floor(L / 2) + 1)),
};

/** The first L in 1..N where `abs(J) op a L^2 + b L + c` fails, by brute force. */
function bruteFirstFailure(family: string, op: string, a: R, b: R, c: R, N: number): number | null {
  for (let L = 1; L <= N; L++) {
    const rhs = add(add(mul(a, r(L * L)), mul(b, r(L))), c);
    const s = cmp(absJ[family](L), rhs);
    const holds = op === '<=' ? s <= 0 : op === '<' ? s < 0 : op === '>=' ? s >= 0 : s > 0;
    if (!holds) return L;
  }
  return null;
}

const families = ['allflip', 'independent', 'superradiance'];

describe('claims decided exactly from derived forms', () => {
  it("'abs(J) <= 5000*L^2' fails on all-flip first at L = 5001 (J = -g w0 L^3), and the strict one at L = 5000", () => {
    const forms = formsOf(builtin('allflip'));
    const d = decideClaimExactly(parseClaim('abs(J) <= 5000*L^2'), forms, builtin('allflip'));
    expect(d.basis).toBe('derived');
    expect(d.range).toEqual({ from: 1, to: null });
    expect(d.verdict).toBe('fails');
    expect(d.firstFailingL).toBe(bruteFirstFailure('allflip', '<=', r(5000), r(0), r(0), 6000));
    expect(d.firstFailingL).toBe(5001);
    // at L = 5000 the two sides are equal: a strict claim fails there
    expect(decideClaimExactly(parseClaim('abs(J) < 5000*L^2'), forms, builtin('allflip')).firstFailingL).toBe(5000);
  });

  it('agrees with brute force over physics.md closed forms on random polynomial claims (parity branches, abs, strict and not)', () => {
    const forms = Object.fromEntries(families.map((f) => [f, formsOf(builtin(f))]));
    const coef = fc.integer({ min: -40, max: 40 }).map((k) => ({ text: `(${k / 8})`, q: r(k, 8) }));
    fc.assert(fc.property(fc.constantFrom(...families), fc.constantFrom('<=', '<', '>=', '>'), coef, coef, coef, (family, op, a, b, c) => {
      const claim = parseClaim(`abs(J) ${op} ${a.text}*L^2 + ${b.text}*L + ${c.text}`);
      const d = decideClaimExactly(claim, forms[family], builtin(family));
      const N = 3000;
      const brute = bruteFirstFailure(family, op, a.q, b.q, c.q, N);
      if (brute !== null) expect(d.firstFailingL, claim.text).toBe(brute);
      else expect(d.firstFailingL === null || d.firstFailingL > N, `${claim.text} on ${family}: ${d.firstFailingL}`).toBe(true);
      expect(d.verdict).toBe(d.firstFailingL === null ? 'holds' : 'fails');
    }), { seed: 10, numRuns: 150 });
  });

  it('splits by parity: abs(J) <= B1*(L+1)/(4*L) fails on superradiance first at L = 2, while (L+2)/(4L) holds for every L', () => {
    const m = builtin('superradiance'), forms = formsOf(m);
    // physics.md: B1 = g w0 L^2; |J| = floor(L/2)(L - floor(L/2) + 1)
    const brute = (k: number) => { for (let L = 1; L <= 200; L++) if (cmp(absJ.superradiance(L), r(BigInt(L) * BigInt(L + k), 4n)) > 0) return L; return null; };
    expect(decideClaimExactly(parseClaim('abs(J) <= B1*(L+1)/(4*L)'), forms, m).firstFailingL).toBe(brute(1));
    expect(brute(1)).toBe(2);
    const holds = decideClaimExactly(parseClaim('abs(J) <= B1*(L+2)/(4*L)'), forms, m);
    expect(brute(2)).toBeNull();
    expect(holds.verdict).toBe('holds');
    expect(holds.range.to).toBeNull();
  });

  it('exists c: unbounded on all-flip with a concrete c and its first failing L, bounded on superradiance with the limit 1/4', () => {
    const claim = parseClaim('exists c: abs(J) <= c*L^2');
    const af = decideClaimExactly(claim, formsOf(builtin('allflip')), builtin('allflip'));
    expect(af.verdict).toBe('fails');
    expect(af.exists?.kind).toBe('unbounded');
    const w = af.exists!.witness!;
    // L^3 <= c L^2 iff L <= c: the first failing L is floor(c) + 1
    expect(w.L).toBe(Math.floor(Number(w.c)) + 1);
    const sr = decideClaimExactly(claim, formsOf(builtin('superradiance')), builtin('superradiance'));
    expect(sr.verdict).toBe('holds');
    expect(sr.exists?.limit).toBe('1/4'); // |J| ~ g w0 L^2 / 4
    // a lower-bound claim: the largest working c shrinks to 0 on all-flip (|J| = L^3 < c L^4 for L > 1/c)
    const low = decideClaimExactly(parseClaim('exists c: abs(J) >= c*L^4'), formsOf(builtin('allflip')), builtin('allflip'));
    expect(low.exists?.kind).toBe('vanishing');
    const lw = low.exists!.witness!;
    const [n, dd] = lw.c.split('/').map(Number);
    expect(lw.L).toBe(Math.floor((dd ?? 1) / n) + 1);
  });

  it('never decides from conjectured forms, and falls back where the claim is not a rational function of L', () => {
    const m = builtin('allflip');
    const conj = formsOf(m, { J: { status: 'conjectured' } });
    expect(() => decideClaimExactly(parseClaim('abs(J) <= 5000*L^2'), conj, m)).toThrow(NotExact);
    // as a guide it still points to L = 5001
    expect(decideClaimExactly(parseClaim('abs(J) <= 5000*L^2'), conj, m, 'guide')).toMatchObject({ basis: 'guide', firstFailingL: 5001 });
    for (const text of ['abs(J) <= pi*L^3', 'abs(J) <= omegaGammaMax*sumA2', 'abs(J) <= exp(L)', 'abs(J) <= L^2.5*L']) {
      expect(() => decideClaimExactly(parseClaim(text), formsOf(m), m), text).toThrow(NotExact);
    }
  });

  it('an upper-bound form proves a claim it enters decreasingly, and refutes nothing', () => {
    const m = builtin('allflip');
    const upper = formsOf(m, { normH: { upperBound: true } });
    // normH = w0 L / 2 (physics.md): normH <= L holds, with the upper bound too
    expect(decideClaimExactly(parseClaim('normH <= L'), upper, m)).toMatchObject({ basis: 'derived upper bound', verdict: 'holds' });
    // failing with an upper bound is not a refutation
    expect(() => decideClaimExactly(parseClaim('normH <= L/4'), upper, m)).toThrow(/refutes nothing/);
    // a claim that grows with normH cannot use its upper bound
    expect(() => decideClaimExactly(parseClaim('normH >= L/4'), upper, m)).toThrow(/upper bound/);
    // the exact form decides both
    expect(decideClaimExactly(parseClaim('normH <= L/4'), formsOf(m), m).firstFailingL).toBe(1);
  });

  it('classes from derived forms: all-flip is extensive but not band (deltaE = L w0); superradiance and independent are both', () => {
    const cls = (f: string) => familyClasses(formsOf(builtin(f)), builtin(f)).classes;
    expect(cls('allflip')).toEqual(['extensive']);
    expect(cls('superradiance')).toEqual(['band', 'extensive']);
    expect(cls('independent')).toEqual(['band', 'extensive']);
    // conjectured forms show nothing
    const m = builtin('superradiance');
    expect(familyClasses(formsOf(m, { deltaE: { status: 'conjectured' } }), m).classes).toEqual(['extensive']);
    expect(familyClasses(undefined, m).classes).toEqual([]);
  });
});
