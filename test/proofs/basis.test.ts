/**
 * What a step's verdict rests on (issue 10, part 8): a step with no instance is an error, not ok;
 * a CAS residue that is not 0 is a failure; hypotheses about the growth in L are decided from
 * derived forms only, and are otherwise unknown (never "fails" from a fitted exponent).
 */
import { describe, expect, it } from 'vitest';
import {
  bound1, checkTheorem, decideGrowth, scalingL3, weakestBasis, type Hypothesis, type Theorem,
} from '../../proofs/index.js';
import { reportText, summary } from '../../src/cli/commands/prove.js';
import type { ScalingExpression } from '../../src/engine/index.js';

/** A hypothesis no instance satisfies: 1 <= 0. */
const impossible: Hypothesis = { id: 'H-impossible', statement: '1 <= 0', lhs: (q) => q.J.mul(0).plus(1), rhs: (q) => q.J.mul(0) };

describe('a step with no instances', () => {
  it('is an error, not ok, and so is its theorem (hypotheses no random model satisfies)', async () => {
    const t: Theorem = { ...bound1, hypotheses: [...bound1.hypotheses, impossible] };
    const r = await checkTheorem(t, { runs: 6, seed: 3 });
    // Every step of this theorem is checked on random instances (none is a scaling step).
    expect(t.steps.every((s) => s.check.kind !== 'scaling')).toBe(true);
    for (const s of r.steps) {
      expect(s.instances, s.id).toMatchObject({ runs: 0, drawn: 6, worstMargin: 'none' });
      expect(s.basis, s.id).toBe('error');
      expect(s.ok, s.id).toBe(false);
      expect(s.basisDetail, s.id).toMatch(/no instance/);
    }
    expect(r.basis).toBe('error');
    expect(r.ok).toBe(false);
    const text = reportText(r);
    expect(text.match(/^ {2}\[ERROR\] +\S+:/gm)?.length).toBe(t.steps.length);
    expect(text).not.toMatch(/\[tested\]|\[identity-checked\]/);
    expect(summary([r])).toMatch(new RegExp(`${t.steps.length} ERROR`));
  });

  it('with zero runs: the instance steps are errors; the scaling step, checked by exponents, is not', async () => {
    const r = await checkTheorem(scalingL3, { runs: 0, seed: 1 });
    for (const s of r.steps) {
      const kind = scalingL3.steps.find((x) => x.id === s.id)!.check.kind;
      if (kind === 'scaling') expect(s.basis, s.id).not.toBe('error');
      else expect(s.basis, s.id).toBe('error');
    }
    expect(r.basis).toBe('error');
  });
});

describe('symbolic checks', () => {
  it('a wrong algebraic step (CAS residue not 0) fails, though its numeric sides agree on every instance', async () => {
    const wrong: Theorem = {
      ...scalingL3,
      steps: scalingL3.steps.map((s) => (s.id === 'algebra-L3' ? { ...s, check: { kind: 'algebraic' as const, lhs: '2*(h*L)*Gamma*(a*L)^2', rhs: '3*h*a^2*Gamma*L^3' } } : s)),
    };
    const r = await checkTheorem(wrong, { runs: 8, seed: 5 });
    const s = r.steps.find((x) => x.id === 'algebra-L3')!;
    expect(s.instances!.runs).toBeGreaterThan(0);
    expect(s.counterexample).toBeUndefined();
    expect(s.basis).toBe('failed');
    expect(s.symbolic!.residue).not.toBe('0');
    expect(r.basis).toBe('failed');
  });

  it('the weakest basis: failed < error < tested < identity-checked; none is an error', () => {
    expect(weakestBasis(['identity-checked', 'tested'])).toBe('tested');
    expect(weakestBasis(['tested', 'error', 'identity-checked'])).toBe('error');
    expect(weakestBasis(['error', 'failed'])).toBe('failed');
    expect(weakestBasis(['identity-checked'])).toBe('identity-checked');
    expect(weakestBasis([])).toBe('error');
  });
});

describe('growth hypotheses are decided from derived forms only', () => {
  const expr = (x: Partial<ScalingExpression>): ScalingExpression => ({ expr: 'x', tex: 'x', how: 'derived', exponent: 0, leading: '1', ...x });
  it('a derived exponent decides: L^1 fails O(1), L^0 holds, a decaying exponential holds, a growing one fails', () => {
    expect(decideGrowth('deltaE', expr({ status: 'derived', exponent: 1 }))).toMatchObject({ verdict: 'fails', basis: 'derived form' });
    expect(decideGrowth('deltaE', expr({ status: 'derived', exponent: 0 }))).toMatchObject({ verdict: 'holds', basis: 'derived form' });
    expect(decideGrowth('gammaMax', expr({ status: 'derived', exponent: 'exponential', leading: '2*(1/2)^L' })).verdict).toBe('holds');
    expect(decideGrowth('gammaMax', expr({ status: 'derived', exponent: 'exponential', leading: 'exponential growth' })).verdict).toBe('fails');
  });
  it('a fitted or numeric exponent, or a missing status, is unknown, however large', () => {
    for (const status of ['conjectured', 'numeric', undefined] as const) {
      const d = decideGrowth('deltaE', expr({ status, exponent: 2, how: status ?? 'derived' }));
      expect(d, String(status)).toMatchObject({ verdict: 'unknown', basis: 'not derived' });
    }
    expect(decideGrowth('deltaE', undefined).verdict).toBe('unknown');
  });
  it('a derived upper bound that grows decides nothing', () => {
    expect(decideGrowth('deltaE', expr({ status: 'derived', how: 'upper bound', exponent: 1 })).verdict).toBe('unknown');
    expect(decideGrowth('deltaE', expr({ status: 'derived', how: 'upper bound', exponent: 0 })).verdict).toBe('holds');
  });
});
