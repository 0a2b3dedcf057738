/**
 * `scaling` on site-resolved models (issue 10, item 6): ring bonds with % wrap, site-dependent
 * coefficients and families defined only from some L on are derived site by site when the
 * collective derivation does not apply. Every expected value is a closed form solved by hand (in
 * the fixtures' headers) or the engine at L the derivation never saw.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent, computeScaling } from '../../src/engine/index.js';
import { loadModelFile, loadModelText } from '../../src/lang/index.js';
import { branchAt } from '../../src/symbolic/index.js';

const formAt = (r: Awaited<ReturnType<typeof computeScaling>>, q: 'J' | 'B1' | 'B2' | 'normH', L: number, env: Record<string, number> = {}) => {
  const f = r.forms![q]!;
  const piece = f.pieces.find((p) => L >= p.from && (p.to === null || L <= p.to))!;
  return branchAt(piece.form, L).evaluate({ ...r.env, ...env, L });
};

/** A family defined from L = 3 on (site 2 exists). */
const openText = `params: { h: 1, c: 0.25, g: 1, T: 0 }
H: "h*sum(k, N[k]) + c*Z[2]"
channels:
  - each: k
    A: "X[k]"
    bath: { spectrum: flat, rate: g, T: T }
state: up
`;

describe('scaling derives site-resolved families', () => {
  it('the Ising ring in a field: J = -g L (w0 + 4 Jzz), proved for L >= 3', async () => {
    const spec = loadModelFile('test/fixtures/models/sites-ring.yaml');
    const r = await computeScaling(spec);
    expect(r.J.status).toBe('derived');
    expect(r.J.validFrom).toBe(3);
    for (const L of [3, 7, 1000]) expect(formAt(r, 'J', L)).toBeCloseTo(-L * (1 + 4 * 0.3), 9);
    expect(formAt(r, 'J', 20)).toBeCloseTo(computeCurrent(spec, 20).J, 9);
    expect(r.proofs.map((p) => p.verdict)).toEqual(['proved', 'proved']);
    expect(r.proofs[0].claim).toContain('L >= 3');
    expect(r.notes.some((n) => n.includes('derived site by site'))).toBe(true);
  }, 120_000);

  it("model-language.md's site-dependent field: J = -g w0 (3L - 1)/2, not an input error", async () => {
    const spec = loadModelFile('test/fixtures/sites/sites-field.yaml');
    const r = await computeScaling(spec);
    expect(r.J.status).toBe('derived');
    for (const L of [1, 5, 400]) expect(formAt(r, 'J', L)).toBeCloseTo(-(3 * L - 1) / 2, 9);
    expect(formAt(r, 'normH', 17)).toBeCloseTo((3 * 17 - 1) / 4, 9);
    expect(r.proofs[0].verdict).toBe('proved');
    // deltaE = w0 (2L - 1)/L is not a polynomial times b^L: B2 is not derived, so not proved.
    expect(r.bounds.B2.status).not.toBe('derived');
    expect(r.proofs[1].verdict).toBe('unknown');
  }, 120_000);

  it('a family defined from L = 3 on is accepted; the L it does not exist at are named', async () => {
    const spec = loadModelText(openText, 'open.yaml');
    expect(() => computeCurrent(spec, 2)).toThrow();
    const r = await computeScaling(spec);
    expect(r.notes.some((n) => n.startsWith('the model is not defined for L = 1..2'))).toBe(true);
    // By hand: up has N = 1 and Z = 1 at every site; flipping site k releases h, and 2c more at
    // site 2: J = -g (L h + 2c) for L >= 3.
    const byHand = (L: number) => -(L + 0.5);
    for (const L of [5, 9]) expect(computeCurrent(spec, L).J).toBeCloseTo(byHand(L), 9);
    expect(r.J.status).toBe('derived');
    expect(r.J.validFrom).toBe(4);
    for (const L of [6, 50]) expect(formAt(r, 'J', L)).toBeCloseTo(byHand(L), 9);
    expect(r.proofs.map((p) => p.verdict)).toEqual(['proved', 'proved']);
  }, 120_000);
});

describe('check on a family defined from L = 3 on', () => {
  // By hand J = -(L + 1/2) for L >= 3 (above): |J| <= 2L holds at every L, |J| <= L + 0.4 fails at L = 3.
  it('decides from the site-resolved forms and the engine at L = 3, skipping L where the model does not exist', async () => {
    const { judgeFamily, parseClaim } = await import('../../properties/index.js');
    const spec = loadModelText(openText, 'open.yaml');
    const holds = await judgeFamily(parseClaim('abs(J) <= 2*L'), spec, 'open.yaml', openText);
    expect(holds.verdict).not.toBe('refuted');
    expect(holds.decided).toBe('derived forms, every L');
    const fails = await judgeFamily(parseClaim('abs(J) <= L + 0.4'), spec, 'open.yaml', openText);
    expect(fails.verdict).toBe('refuted');
    expect(fails.firstFailingL).toBe(3);
  }, 120_000);
});
