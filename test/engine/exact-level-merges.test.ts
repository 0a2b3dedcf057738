/**
 * The exact grouping of a diagonal H_S (numeric/exact-levels, the diagonal method and dense on a
 * diagonal H_S) where its 40-digit coefficients are not exact: levels whose exact difference is
 * within the coefficients' error are one eigenspace (levels equal within their error bounds are,
 * as in every grouping), the merge listed in `inexact`. Before, they were kept apart: with chi =
 * 0.1/0.3 = 1/3 the levels m + chi m^2 at m = 0 and m = -3 are degenerate, and dense gave J =
 * 0.01318 +- 1.2e-12 where the decimal.js engine and the symmetric method give 0.010544.
 * The coefficients' error is weighted by each term's largest diagonal entry: sqrt(2) n^7 on two
 * modes of cutoff 150 (entries up to 149^7) was grouped "exactly" with splits the swapped model merged.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent, computePrecise } from '../../src/engine/index.js';
import { loadModelText } from '../../src/lang/index.js';

const third = loadModelText(`
name: third
H: "(1/3)*Z[0] + (1/3)*Z[1] - (2/3)*Z[2]"
channels:
  - A: "X[0] + X[1] + X[2]"
    bath: { spectrum: flat, rate: 1, T: 0.7 }
state: thermal(1)
`, 'third.yaml');

const spinMode = loadModelText(`
name: spin-mode-diagonal
sites:
  - { name: q, spin: 1/2 }
  - { name: c, boson: { cutoff: 3 }, count: 1 }
params: { w0: 1, g: 0.1 }
H: "w0*sum(k, Sz[k]) + (0.1/0.3)*sum(k, Sz[k])*sum(j, Sz[j])"
channels:
  - A: "a + adag + sum(k, Sx[k])"
    bath: { spectrum: flat, rate: g, T: 0.5 }
state: ground
`, 'spin-mode-diagonal.yaml');

const modes = (first: string, second: string) => loadModelText(`
name: n7
sites: [{ name: c, boson: { cutoff: 150 }, count: 2 }]
H: "${first}*n[0]^7 + ${second}*n[1]^7"
channels:
  - A: "a[0] + adag[0] + a[1] + adag[1]"
    bath: { spectrum: flat, rate: 1, T: 1 }
state: ground
`, 'n7.yaml');

const merged = (r: { inexact: readonly string[] }) => r.inexact.some((n) => n.includes('merged into one eigenspace as equal within the error of their 40-digit coefficients'));

describe('exact levels equal within their coefficients\' error are one eigenspace', () => {
  it('1/3 Z0 + 1/3 Z1 - 2/3 Z2: the diagonal and the dense method merge the two zero levels, J as decimal.js at 30 digits', () => {
    const exact = Number(computePrecise(third, 3, { digits: 30 }).J.value.toString());
    for (const method of ['diagonal', 'dense'] as const) {
      const r = computeCurrent(third, 3, { method });
      expect(merged(r), method).toBe(true);
      expect(r.notes.some((n) => n.includes('5 eigenspaces')), method).toBe(true);
      expect(Math.abs(r.J - exact), method).toBeLessThanOrEqual(r.error.J);
    }
  });

  it('spins times a mode with chi = 0.1/0.3: dense, symmetric and decimal.js give one J', () => {
    const exact = Number(computePrecise(spinMode, 4, { digits: 30 }).J.value.toString());
    for (const method of ['dense', 'symmetric'] as const) {
      const r = computeCurrent(spinMode, 4, { method });
      expect(Math.abs(r.J - exact), `${method}: ${r.J} vs ${exact}`).toBeLessThanOrEqual(r.error.J);
      expect(r.error.J).toBeLessThan(1e-9);
    }
  });

  it('the error is weighted by the diagonal entries: sqrt(2) n^7 and sqrt(8)/2 n^7 on two modes group alike in either order', () => {
    const a = computeCurrent(modes('sqrt(2)', 'sqrt(8)/2'), 1, { method: 'diagonal' });
    const b = computeCurrent(modes('sqrt(8)/2', 'sqrt(2)'), 1, { method: 'diagonal' });
    const count = (r: { notes: readonly string[] }) => r.notes.find((n) => /eigenspaces of the diagonal H_S/.test(n));
    expect(count(a)).toBe(count(b));
    // 150^2 levels, the pairs (i, j) and (j, i) with i != j degenerate: 150 + (150^2 - 150) / 2 = 11325 eigenspaces.
    expect(count(a)).toMatch(/^11325 eigenspaces/);
    expect(merged(a) && merged(b)).toBe(true);
  });
});
