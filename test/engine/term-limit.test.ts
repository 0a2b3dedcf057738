/**
 * A product of two operator sums too large for the product-term form is refused before it is made
 * (issue 17: (sum X)^2 at L = 10^5 exhausted the memory, a fatal out-of-heap abort, before every
 * method had refused the model).
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent, NoMethodError } from '../../src/engine/index.js';
import { loadModelText } from '../../src/lang/index.js';
import { maxProductTerms, TermLimitError } from '../../src/numeric/index.js';

const lmg = loadModelText(`name: lmg
params: { h: 1, lam: 1, g: 1, T: 0.5 }
H: "h * sum(k, Z[k])/2 - lam/L * (sum(k, X[k])/2)^2"
channels:
  - A: "sum(k, X[k])"
    bath: { spectrum: flat, rate: g, T: T }
state: "thermal(0.5)"
`, 'lmg.yaml');

describe('the product-term limit', () => {
  it('(sum X)^2 beyond the limit: the product method names the limit, no method applies (exit 2), nothing is built', () => {
    const L = Math.ceil(Math.sqrt(maxProductTerms)) + 100;
    let err: unknown = null;
    try { computeCurrent(lmg, L); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(NoMethodError);
    const product = (err as NoMethodError).reasons.find((r) => r.method === 'product');
    expect(product?.reason).toMatch(new RegExp(`would make ${L * L} product terms .*at most ${maxProductTerms}`));
  }, 120_000);

  it('at L = 10^5 too (10^10 terms)', () => {
    expect(() => computeCurrent(lmg, 100000)).toThrow(NoMethodError);
  }, 120_000);

  it('below the limit the model is computed as before (L = 8, dense; auto takes the symmetric method, thermal(T) over every sector), and the error names its count', () => {
    const d = computeCurrent(lmg, 8, { method: 'dense' });
    const s = computeCurrent(lmg, 8);
    expect(s.method).toBe('symmetric');
    expect(Math.abs(s.J - d.J)).toBeLessThanOrEqual(s.error.J + d.error.J + 1e-15);
    expect(new TermLimitError(maxProductTerms + 1).message).toContain(String(maxProductTerms + 1));
  }, 120_000);
});
