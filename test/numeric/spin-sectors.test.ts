/**
 * The total-spin sectors of L spins s (numeric/spin-sectors): the counts c(L, M) against a
 * brute-force enumeration of the product states, the multiplicities against the dimension
 * (2s+1)^L exactly (BigInt), and against the qubit binomials at s = 1/2; the spin matrices' algebra
 * ([Sz, S+] = S+, [S+, S-] = 2 Sz, Sx^2 + Sy^2 + Sz^2 = s(s+1)); the linear-spin part of one-site
 * operators (linear ones have no rest, Sz^2 and |0><2| have one).
 */
import { describe, expect, it } from 'vitest';
import {
  float64Field, linearSpinPart, logBigInt, spinMatricesIn, spinProjectionCounts, spinSectorCounts, type Complex,
} from '../../src/numeric/index.js';
import { spinSectors } from '../../src/engine/symmetric-plan.js';

/** c(L, M) by enumerating every product state of L sites of d levels (index i <-> m = s - i). */
function bruteCounts(L: number, twoS: number): bigint[] {
  const d = twoS + 1;
  const out = Array.from({ length: L * twoS + 1 }, () => 0n);
  const total = d ** L;
  for (let x = 0; x < total; x++) {
    let y = x, down = 0;
    for (let k = 0; k < L; k++) { down += y % d; y = Math.floor(y / d); }
    // sum of (s - i) + Ls = Ls + Ls - down: n = M + Ls = 2Ls - down.
    out[L * twoS - down]++;
  }
  return out;
}

describe('spin sector counts', () => {
  it('c(L, M) equals a brute-force count of product states', () => {
    for (const twoS of [1, 2, 3, 4]) {
      for (let L = 0; L <= 6; L++) {
        if ((twoS + 1) ** L > 20000) continue;
        expect(spinProjectionCounts(L, twoS), `2s = ${twoS}, L = ${L}`).toEqual(bruteCounts(L, twoS));
      }
    }
  });

  it('sum_j (2j + 1) m_j = (2s + 1)^L exactly, up to L = 1000 at spin 1', () => {
    const cases: [number, number][] = [[2, 1], [2, 2], [2, 3], [2, 7], [2, 50], [2, 1000], [3, 1], [3, 2], [3, 5], [3, 40], [4, 9], [5, 12], [63, 3]];
    for (const [twoS, L] of cases) {
      const total = spinSectorCounts(L, twoS).reduce((a, s) => a + BigInt(s.dimension) * s.multiplicity, 0n);
      expect(total, `2s = ${twoS}, L = ${L}`).toBe(BigInt(twoS + 1) ** BigInt(L));
    }
    // c(1000, 0) at spin 1, the central coefficient of (1 + x + x^2)^1000: 476 digits, its first 20
    // and last 10 as python's integers give them by multiplying the polynomial out 1000 times.
    const c0 = spinProjectionCounts(1000, 2)[1000].toString();
    expect([c0.length, c0.slice(0, 20), c0.slice(-10)]).toEqual([476, '20423443958876529660', '2917442457']);
  });

  it('the multiplicities are the sector counts of a brute-force total-spin count (j from the Sz counts of the highest weights)', () => {
    // m_j = #{product states with M = j} - #{M = j + 1}, from the enumeration, and every sector present.
    for (const [twoS, L] of [[2, 4], [3, 3], [4, 3]] as const) {
      const c = bruteCounts(L, twoS);
      const top = L * twoS;
      const expected = [];
      for (let twoJ = top; twoJ >= 0; twoJ -= 2) {
        const m = c[(twoJ + top) / 2] - (twoJ + 2 <= top ? c[(twoJ + 2 + top) / 2] : 0n);
        if (m > 0n) expected.push({ twoJ, dimension: twoJ + 1, multiplicity: m });
      }
      expect(spinSectorCounts(L, twoS)).toEqual(expected);
    }
    // One spin 1: only j = 1 (the j = 0 sector of zero multiplicity is left out).
    expect(spinSectorCounts(1, 2)).toEqual([{ twoJ: 2, dimension: 3, multiplicity: 1n }]);
    // Two spins 1: j = 2, 1, 0 once each; three spins 3/2: 2j = 9, 7, 5, 3, 1 with 1, 2, 3, 4, 2.
    expect(spinSectorCounts(2, 2).map((s) => s.multiplicity)).toEqual([1n, 1n, 1n]);
    expect(spinSectorCounts(3, 3).map((s) => [s.twoJ, s.multiplicity])).toEqual([[9, 1n], [7, 2n], [5, 3n], [3, 4n], [1, 2n]]);
  });

  it('at s = 1/2 the counts are the binomials of the qubit sectors', () => {
    for (const L of [1, 2, 5, 12, 31]) {
      expect(spinSectorCounts(L, 1), `L = ${L}`).toEqual(spinSectors(L));
    }
  });

  it('logBigInt is the natural logarithm to float64 accuracy, also beyond 2^1024', () => {
    expect(logBigInt(1n)).toBe(0);
    expect(Math.abs(logBigInt(10n ** 20n) - 20 * Math.LN10)).toBeLessThan(1e-13 * 20 * Math.LN10);
    const big = spinProjectionCounts(1000, 2)[1000];
    const digits = big.toString();
    const approx = Math.log(Number(`0.${digits.slice(0, 17)}`)) + digits.length * Math.LN10;
    expect(Math.abs(logBigInt(big) - approx) / approx).toBeLessThan(1e-14);
  });
});

type M = readonly Complex<number>[];
const mul = (d: number, a: M, b: M): Complex<number>[] => Array.from({ length: d * d }, (_, q) => {
  const r = Math.floor(q / d), c = q % d;
  let re = 0, im = 0;
  for (let k = 0; k < d; k++) { const x = a[r * d + k], y = b[k * d + c]; re += x.re * y.re - x.im * y.im; im += x.re * y.im + x.im * y.re; }
  return { re, im };
});
const lin = (terms: [number, M][]): Complex<number>[] => terms[0][1].map((_, q) => ({ re: terms.reduce((s, [c, m]) => s + c * m[q].re, 0), im: terms.reduce((s, [c, m]) => s + c * m[q].im, 0) }));
const maxDiff = (a: M, b: M) => Math.max(...a.map((z, q) => Math.hypot(z.re - b[q].re, z.im - b[q].im)));

describe('spin matrices and their linear part', () => {
  it('satisfy the spin algebra at s = 1/2 .. 5/2', () => {
    for (const twoS of [1, 2, 3, 4, 5]) {
      const S = spinMatricesIn(float64Field, twoS);
      const d = twoS + 1, s = twoS / 2;
      const comm = (a: M, b: M) => lin([[1, mul(d, a, b)], [-1, mul(d, b, a)]]);
      expect(maxDiff(comm(S.Sz, S.Sp), S.Sp)).toBeLessThan(1e-12);
      expect(maxDiff(comm(S.Sp, S.Sm), lin([[2, S.Sz]]))).toBeLessThan(1e-12);
      const casimir = lin([[1, mul(d, S.Sx, S.Sx)], [1, mul(d, S.Sy, S.Sy)], [1, mul(d, S.Sz, S.Sz)]]);
      const id = Array.from({ length: d * d }, (_, q) => ({ re: q % (d + 1) === 0 ? s * (s + 1) : 0, im: 0 }));
      expect(maxDiff(casimir, id), `2s = ${twoS}`).toBeLessThan(1e-12);
    }
  });

  it('a linear one-site operator has no rest and its spin-1/2 form has the same decomposition', () => {
    const S = spinMatricesIn(float64Field, 2);
    const id = Array.from({ length: 9 }, (_, q) => ({ re: q % 4 === 0 ? 1 : 0, im: 0 }));
    const M = lin([[0.7, id], [1.5, S.Sz], [0.3, S.Sx], [-0.2, S.Sy]]);
    const { form, rest } = linearSpinPart(float64Field, S, M);
    expect(rest).toBeLessThan(1e-15);
    // a0 = 0.7, cz = 1.5, cp = 0.15 + 0.1 i, cm = 0.15 - 0.1 i: [a0 + cz/2, cp, cm, a0 - cz/2].
    const want = [[1.45, 0], [0.15, 0.1], [0.15, -0.1], [-0.05, 0]];
    form.forEach((z, q) => { expect(z.re).toBeCloseTo(want[q][0], 14); expect(z.im).toBeCloseTo(want[q][1], 14); });
  });

  it('Sz^2 and |0><2| at spin 1 have a rest: not functions of the total spin', () => {
    const S = spinMatricesIn(float64Field, 2);
    expect(linearSpinPart(float64Field, S, mul(3, S.Sz, S.Sz)).rest).toBeGreaterThan(0.3);
    const P02 = Array.from({ length: 9 }, (_, q) => ({ re: q === 2 ? 1 : 0, im: 0 }));
    expect(linearSpinPart(float64Field, S, P02).rest).toBe(1);
    // At s = 1/2 every operator is linear: Sz^2 = 1/4.
    const H = spinMatricesIn(float64Field, 1);
    expect(linearSpinPart(float64Field, H, mul(2, H.Sz, H.Sz)).rest).toBe(0);
  });
});
