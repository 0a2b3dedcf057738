/**
 * Exact levels of a diagonal H_S (numeric/exact-levels): integer energies in limbs, checked against
 * hand sums. 0.1 Z0 + 0.2 Z1 - 0.3 Z2 has the levels 0.1 s0 + 0.2 s1 - 0.3 s2 (s = +-1): -0.6, -0.4,
 * -0.2, 0 (twice: uuu and ddd), 0.2, 0.4, 0.6; float64 gives 0.1 + 0.2 - 0.3 = 5.55e-17 for uuu.
 */
import { describe, expect, it } from 'vitest';
import { exactDiagonalLevels, groupExactLevels, siteOperators } from '../../src/numeric/index.js';
import { limbBase } from '../../src/numeric/exact-levels.js';

const Z = siteOperators.Z;
/** A signed integer as balanced limbs of base 10^12 (K limbs). */
function limbs(N: bigint, K: number): Float64Array {
  const out = new Float64Array(K), B = BigInt(limbBase);
  for (let k = 0; k < K - 1; k++) {
    let d = ((N % B) + B) % B;
    if (d >= B / 2n) d -= B;
    out[k] = Number(d);
    N = (N - d) / B;
  }
  out[K - 1] = Number(N);
  return out;
}
const term = (N: bigint, site: number, K: number) => ({ re: limbs(N, K), im: new Float64Array(K), sites: [site], mats: [Z] });

describe('exact levels of a diagonal H_S', () => {
  it('0.1 Z0 + 0.2 Z1 - 0.3 Z2: uuu and ddd are exactly degenerate at 0, seven eigenspaces', () => {
    const levels = exactDiagonalLevels(3, 1, 1, [term(1n, 0, 1), term(2n, 1, 1), term(-3n, 2, 1)], 0)!;
    const g = groupExactLevels(levels);
    expect(Array.from(g.spaceEnergy).map((e) => Math.round(e * 10))).toEqual([-6, -4, -2, 0, 2, 4, 6]);
    // index 0 = uuu, 7 = ddd (bit L-1-k is site k, 0 = u)
    expect(g.space[0]).toBe(g.space[7]);
    expect(g.energies[0]).toBe(0);
    expect(g.undecided).toEqual([]);
    expect(0.1 + 0.2 - 0.3).not.toBe(0); // what float64 would have summed
  });

  it('(1 + k 1e-17)/2 on 3 sites: 8 distinct levels that float64 cannot tell apart beyond 4 values', () => {
    // c_k = (1 + k 1e-17)/2 = (5e16 + 5k) 10^-17: 18 digits, two limbs.
    const K = 2, s = 17;
    const levels = exactDiagonalLevels(3, K, s, [0, 1, 2].map((k) => term(50_000_000_000_000_000n + 5n * BigInt(k), k, K)), 0)!;
    const g = groupExactLevels(levels);
    expect(g.spaceEnergy.length).toBe(8);
    // float64 cannot hold the 1e-17 offsets: every level is within round-off of +-0.5 or +-1.5.
    for (const e of g.energies) expect(Math.min(...[-1.5, -0.5, 0.5, 1.5].map((v) => Math.abs(e - v)))).toBeLessThan(4e-16);
    // Ascending: ddd (-1.5 - 1.5e-17) first, uuu (+1.5 + 1.5e-17) last, and the orders within the
    // float64 ties follow the exact sums: udd (k = 0 up) = -0.5 - 1.5e-17 + 0 < dud (k = 1 up).
    expect(g.members[0]).toBe(7);
    expect(g.members[7]).toBe(0);
    expect(g.members[1]).toBe(0b011);
    expect(g.members[2]).toBe(0b101);
    expect(g.members[3]).toBe(0b110);
  });

  it('Bohr frequencies from the exact levels: 1e17 Z0 + 2 Z1 + 3 Z2 has 4 and 6 inside each cluster (float64 levels: 0 or 16)', () => {
    const K = 2;
    const levels = exactDiagonalLevels(3, K, 0, [term(100_000_000_000_000_000n, 0, K), term(2n, 1, K), term(3n, 2, K)], 0)!;
    const g = groupExactLevels(levels);
    // uuu (index 0) = 1e17 + 5, udu (0b010) = 1e17 + 1, uud (0b001) = 1e17 - 1, ddd (7) = -1e17 - 5.
    expect(g.bohr!.frequency(0b010, 0)).toBe(4);
    expect(g.bohr!.frequency(0b001, 0)).toBe(6);
    expect(g.bohr!.frequency(0, 0b001)).toBe(-6);
    expect(g.bohr!.frequency(7, 0)).toBe(2e17 + 10);
    expect(g.bohr!.frequency(0b011, 0b011)).toBe(0);
    // What the levels' float64 values give instead.
    expect(g.energies[0] - g.energies[0b010]).not.toBe(4);
    expect(g.bohr!.absolute).toBeLessThan(1e-300);
  });

  it('balanced limbs order negative and positive sums exactly across limb boundaries', () => {
    // One site: E = +-N 10^-0 with N = 10^12 - 1 (a full low limb) against a second term of +-1.
    const K = 2;
    const levels = exactDiagonalLevels(2, K, 0, [term(999_999_999_999n, 0, K), term(1n, 1, K)], 0)!;
    const g = groupExactLevels(levels);
    expect(Array.from(g.spaceEnergy)).toEqual([-1e12, -999_999_999_998, 999_999_999_998, 1e12]);
  });

  it('levels within the coefficients\' own error are undecided, not silently merged or split', () => {
    const levels = exactDiagonalLevels(2, 1, 3, [term(1000n, 0, 1), term(1001n, 1, 1)], 0.01)!;
    const g = groupExactLevels(levels);
    expect(g.undecided.length).toBe(1);
    expect(g.undecided[0].gap).toBeCloseTo(0.002, 12);
  });

  it('says when the exact sum is beyond its budget', () => {
    expect(exactDiagonalLevels(20, 1, 0, [term(1n, 0, 1)], 0, 1000)).toBeNull();
  });
});
