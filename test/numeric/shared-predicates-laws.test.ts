/**
 * Two small pieces written once for both engines, as laws run over both fields (QuTiP's pattern):
 * the diagonality of a product-term sum (numeric/normal-form termsAreDiagonal, behind opIsDiagonal
 * and preciseIsDiagonal) and the closed-form spectrum of a 2 x 2 Hermitian matrix
 * (numeric/hermitian2x2, behind the Decimal block norms).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preciseIsDiagonal, preciseTermSums, type PreciseOpSum } from '../../src/engine/precise/operators.js';
import {
  decimalField, float64Field, float64TermCoefficients, hermitian2x2Eigenvalues, hermitian2x2Norm, opIsDiagonal, precision, productTermSums,
  siteOperators, termsAreDiagonal, type Field, type OpSum, type TermFactors, type TermSum, type TermSums,
} from '../../src/numeric/index.js';

const SEED = 1317;
const D = precision(30).D;
const L = 3;
const names = ['X', 'Y', 'Z', 'Sp', 'Sm', 'N', 'I'] as const;
const rawSum = fc.array(
  fc.record({
    re: fc.integer({ min: -4, max: 4 }),
    factors: fc.array(fc.tuple(fc.integer({ min: 0, max: L - 1 }), fc.constantFrom(...names)), { maxLength: 4 }),
  }),
  { maxLength: 5 },
);
type Raw = { re: number; factors: [number, (typeof names)[number]][] }[];

function build<C, Tm extends TermFactors>(S: TermSums<C, Tm>, of: (x: number) => C, raw: Raw): TermSum<Tm> {
  let acc = S.scalar(L, of(0));
  for (const t of raw) {
    let p = S.scalar(L, of(t.re));
    for (const [k, op] of t.factors) p = S.mul(p, S.site(L, k, siteOperators[op]));
    acc = S.add(acc, p);
  }
  return acc;
}

describe('one diagonality predicate over the normal form of both coefficient fields', () => {
  it('opIsDiagonal (float64) and preciseIsDiagonal (Decimal) are termsAreDiagonal, and agree on every sum', () => {
    const S64 = productTermSums(float64TermCoefficients);
    const SD = preciseTermSums(D);
    fc.assert(fc.property(rawSum, (raw) => {
      const a = build(S64, (x) => ({ re: x, im: 0 }), raw) as unknown as OpSum;
      const b = build(SD, (x) => ({ re: new D(x), im: new D(0) }), raw) as unknown as PreciseOpSum;
      expect(opIsDiagonal(a)).toBe(termsAreDiagonal(a));
      expect(preciseIsDiagonal(b)).toBe(termsAreDiagonal(b));
      expect(opIsDiagonal(a)).toBe(preciseIsDiagonal(b));
      // Diagonal exactly when no surviving term has an X, Y, Sp or Sm factor (Z, N, I and their products are diagonal).
      const offDiagonal = a.terms.some((t) => t.mats.some((m) => m[2] !== 0 || m[3] !== 0 || m[4] !== 0 || m[5] !== 0));
      expect(opIsDiagonal(a)).toBe(!offDiagonal);
    }), { seed: SEED, numRuns: 200 });
  });
});

const fields: [string, Field<unknown>][] = [
  ['float64', float64Field as Field<unknown>],
  ['decimal(30)', decimalField(30) as Field<unknown>],
];

describe.each(fields)('the 2 x 2 Hermitian closed form over %s', (_name, F) => {
  const n = (x: unknown) => F.toNumber(x);
  const entry = fc.integer({ min: -40, max: 40 }).map((k) => k / 8);
  it('lo <= hi; lo + hi = a + d, lo hi = a d - |b|^2; the norm is max |lo|, |hi|', () => {
    fc.assert(fc.property(entry, entry, entry, entry, (a, d, br, bi) => {
      const x = hermitian2x2Eigenvalues(F, F.fromNumber(a), F.fromNumber(d), { re: F.fromNumber(br), im: F.fromNumber(bi) });
      expect(F.cmp(x.lo, x.hi)).toBeLessThanOrEqual(0);
      const scale = 1 + Math.abs(a) + Math.abs(d) + Math.abs(br) + Math.abs(bi);
      expect(Math.abs(n(F.add(x.lo, x.hi)) - (a + d))).toBeLessThanOrEqual(1e-14 * scale);
      expect(Math.abs(n(F.mul(x.lo, x.hi)) - (a * d - br * br - bi * bi))).toBeLessThanOrEqual(1e-13 * scale * scale);
      const norm = hermitian2x2Norm(F, F.fromNumber(a), F.fromNumber(d), { re: F.fromNumber(br), im: F.fromNumber(bi) });
      expect(n(norm)).toBe(Math.max(Math.abs(n(x.lo)), Math.abs(n(x.hi))));
    }), { seed: SEED, numRuns: 300 });
  });

  it('diagonal matrices: the entries themselves; the Pauli matrices: -1 and 1', () => {
    const c = (re: number, im = 0) => ({ re: F.fromNumber(re), im: F.fromNumber(im) });
    const x = hermitian2x2Eigenvalues(F, F.fromNumber(3), F.fromNumber(-2), c(0));
    expect([n(x.lo), n(x.hi)]).toEqual([-2, 3]);
    for (const [a, d, b] of [[0, 0, c(1)], [0, 0, c(0, -1)], [1, -1, c(0)]] as const) {
      const p = hermitian2x2Eigenvalues(F, F.fromNumber(a), F.fromNumber(d), b);
      expect([n(p.lo), n(p.hi)]).toEqual([-1, 1]);
    }
  });
});

describe('the 2 x 2 closed form gives the same spectrum over float64 and decimal(30)', () => {
  it('within 1e-14 of the entries', () => {
    const entry = fc.double({ min: -100, max: 100, noNaN: true });
    fc.assert(fc.property(entry, entry, entry, entry, (a, d, br, bi) => {
      const [f, g] = fields.map(([, F]) => {
        const x = hermitian2x2Eigenvalues(F, F.fromNumber(a), F.fromNumber(d), { re: F.fromNumber(br), im: F.fromNumber(bi) });
        return [F.toNumber(x.lo), F.toNumber(x.hi)];
      });
      const scale = 1 + Math.abs(a) + Math.abs(d) + Math.abs(br) + Math.abs(bi);
      expect(Math.abs(f[0] - g[0])).toBeLessThanOrEqual(1e-14 * scale);
      expect(Math.abs(f[1] - g[1])).toBeLessThanOrEqual(1e-14 * scale);
    }), { seed: SEED, numRuns: 300 });
  });
});
