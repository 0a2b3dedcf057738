/**
 * The words of a hypothesis (engine/precise/hypotheses, proofs/instantiate) are a mapping of the one
 * verdict (numeric/field decide), with the same laws over both fields: a non-strict claim m >= 0
 * with error e 'fails' exactly when m < -e, 'holds' otherwise ('tie' included), and a verdict
 * from lower-bound terms that does not hold stays 'unknown'.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, decimalField, float64Field, type Field, type Verdict } from '../../src/numeric/index.js';
import { hypothesisWord } from '../../src/engine/index.js';

const fields: [string, Field<unknown>][] = [['float64', float64Field as Field<unknown>], ['decimal(30)', decimalField(30) as unknown as Field<unknown>]];

describe('hypothesisWord', () => {
  it('maps every verdict: violated -> fails, unknown -> unknown, holds and tie -> holds', () => {
    const all: Verdict[] = ['holds', 'violated', 'tie', 'unknown'];
    expect(all.map(hypothesisWord)).toEqual(['holds', 'fails', 'holds', 'unknown']);
  });

  describe.each(fields)('over %s', (_name, F) => {
    it('fails exactly when the margin is below minus its error; never fails on lower-bound terms', () => {
      fc.assert(fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 20 }), fc.boolean(), (m, e, lower) => {
        const d = decide({ value: F.fromRational(m, 7), error: F.fromRational(e, 7) }, { lowerBounds: lower }, F);
        const w = hypothesisWord(d.verdict);
        if (lower) expect(w).toBe(m > e ? 'holds' : 'unknown');
        else expect(w).toBe(m < -e ? 'fails' : 'holds');
      }), { seed: 1319, numRuns: 300 });
    });
  });
});
