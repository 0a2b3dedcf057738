/**
 * `scaling` on model-language v2 sites (issue 16, item 2): the derivations are for L qubits, so a
 * model of spin-s sites or with a mode is never derived (a spin-1 J_z written as `Jz` is not the
 * qubits' J_z, whose sectors j <= L/2 the collective derivation assumes); its forms are conjectured
 * from the engine's values, which come from the methods that take v2 sites. A v2 model of L
 * qubits (`sites: { spin: 1/2 }`) is derived as its v1 twin is.
 *
 * Expected values, by hand: L spin-1 sites, H = w0 Jz + chi Jz^2 (Jz = m in -L..L), A = Jx twice:
 * ||H_S|| = max_m |w0 m + chi m^2| = w0 L + chi L^2 (at m = L), ||Jx|| = L (the sector j = L), so
 * sumA2 = 2 L^2; gammaMax = g (flat baths).
 */
import { describe, expect, it } from 'vitest';
import { computeScaling } from '../../src/engine/index.js';
import { loadModelFile, loadModelText } from '../../src/lang/index.js';
import { branchAt, deriveFamily, deriveSiteFamily, NotDerivable } from '../../src/symbolic/index.js';

type Scaling = Awaited<ReturnType<typeof computeScaling>>;
const formAt = (r: Scaling, q: 'J' | 'normH' | 'sumA2' | 'gammaMax', L: number): number => {
  const f = r.forms![q]!;
  const piece = f.pieces.find((p) => L >= p.from && (p.to === null || L <= p.to))!;
  return branchAt(piece.form, L).evaluate({ ...r.env, L });
};

describe('scaling on v2 sites', () => {
  const spin1 = loadModelFile('test/fixtures/v2/spin1-collective.yaml');

  it('the derivations refuse spin-1 sites and a mode as NotDerivable, naming the sites', () => {
    expect(() => deriveFamily(spin1)).toThrow(NotDerivable);
    expect(() => deriveFamily(spin1)).toThrow(/derivations are for L qubits; this model's sites are sites: spin 1 \(3 levels\) x L/);
    expect(() => deriveSiteFamily(spin1)).toThrow(NotDerivable);
    const tc = loadModelFile('test/fixtures/v2/tavis-cummings.yaml');
    expect(() => deriveFamily(tc)).toThrow(/c: boson \(cutoff 8\) x 1/);
  });

  it('L spin-1 sites: conjectured forms equal to the hand-derived ones, never derived, no proof', async () => {
    const r = await computeScaling(spin1);
    const statuses = [r.J, ...Object.values(r.terms), ...Object.values(r.bounds)].map((e) => e.status);
    expect(statuses).not.toContain('derived');
    expect(r.terms.normH.status).toBe('conjectured');
    expect(r.terms.sumA2.status).toBe('conjectured');
    for (const L of [3, 17, 100]) {
      expect(formAt(r, 'normH', L)).toBeCloseTo(L + 0.03 * L * L, 9);
      expect(formAt(r, 'sumA2', L)).toBeCloseTo(2 * L * L, 9);
    }
    expect(r.proofs.every((p) => p.verdict !== 'proved')).toBe(true);
    expect(r.notes.some((n) => n.includes('the derivations are for L qubits'))).toBe(true);
  }, 120_000);

  it('a v2 model of L qubits derives as its v1 twin (superradiance written with Sz, Sx)', async () => {
    const v2 = loadModelText(`name: sr2
sites: { spin: 1/2 }
params: { w0: 1, g: 1, T: 0 }
H: "w0 * sum(k, Sz[k])"
channels:
  - A: "2*sum(k, Sx[k])"
    bath: { spectrum: flat, rate: g, T: T }
state: "dicke(floor(L/2))"
`, 'sr2.yaml');
    const r = await computeScaling(v2);
    expect(r.J.status).toBe('derived');
    // Dicke 1954 (physics.md): J = -g w0 (j + m)(j - m + 1) in dicke(k) = |j = L/2, m = k - j>, k = floor(L/2).
    for (const L of [4, 7, 1000]) {
      const j = L / 2, m = Math.floor(L / 2) - j;
      expect(formAt(r, 'J', L)).toBeCloseTo(-(j + m) * (j - m + 1), 6);
    }
  }, 120_000);
});
