/**
 * Levels merged into one eigenspace on weak evidence: their gap is equal to 0 within their error
 * bounds, but not small against them (above defaultTolerances.weakMergeFraction = 1/10 of the
 * bound). If the exact levels are distinct, the Davies generator drops the coherences between
 * them and J jumps; the report must say so and J's error must cover both readings.
 *
 * The model: two qubits, H = X[0] + (1 + d) X[1] with d = 1e-14 (one block of dimension 4 in the
 * product basis, two in the flip sectors), A = Z[0] + Z[1], flat bath of rate 1 at T = 1, state up.
 * The levels s0 + (1 + d) s1 (s = +-1) are distinct, the middle two 2d apart; the state up is
 * uniform over the four X eigenstates, and A flips one spin: with distinct levels
 *
 *     J = -(1/4) sum_b [f(2 s0_b) + f(2 (1 + d) s1_b)] = -(1/2) [f(2) + f(-2) + f(2 + 2d) + f(-2 - 2d)],
 *
 * f(w) = w gamma(w), gamma(w) = 1 for w > 0 and exp(w) for w < 0 (closed form, about -1.7293; the
 * decimal.js engine at 40 digits resolves the gap and agrees). The dense method merged the middle
 * levels (gap 2e-14 against a bound of about 5e-14) and reported J = -2.5940 +- 1.7e-12.
 */
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../src/lang/index.js';
import { computeCurrent, computePrecise } from '../../src/engine/index.js';
import { groupByError } from '../../src/numeric/index.js';
import { builtin } from '../helpers.js';
import { currentReport } from '../../src/engine/system.js';
import { float64System } from '../../src/engine/current.js';
import { instantiateWithState } from '../../src/engine/family.js';
import { denseSystem } from '../../src/engine/methods/dense.js';
import { stateText } from '../../src/engine/states.js';

const d = 1e-14;
const model = loadModelText([
  'name: weak-merge',
  `params: { d: ${d}, T: 1 }`,
  'H: "X[0] + (1 + d) * X[1]"',
  'channels:',
  '  - A: "Z[0] + Z[1]"',
  '    bath: { spectrum: flat, rate: 1, T: T }',
  'state: up',
].join('\n'), 'weak-merge.yaml');

const f = (w: number) => w * (w > 0 ? 1 : Math.exp(w));
const exactJ = -0.5 * (f(2) + f(-2) + f(2 + 2 * d) + f(-2 - 2 * d));

describe('a weak merge of two levels', () => {
  it('the closed form agrees with the decimal.js engine at 40 digits (distinct levels)', () => {
    const p = computePrecise(model, 2, { digits: 40 });
    expect(Math.abs(p.J.value.toNumber() - exactJ)).toBeLessThanOrEqual(1e-14);
  });

  it('dense: listed in inexact, the exact J within J +- error', () => {
    const r = computeCurrent(model, 2, { method: 'dense' });
    expect(r.method).toBe('dense');
    const note = r.inexact.find((n) => /merged into one eigenspace although their gap/.test(n));
    expect(note).toMatch(/gap 2\.00e-14, bound [0-9.]+e-14/);
    expect(Math.abs(r.J - exactJ)).toBeLessThanOrEqual(r.error.J);
    // The widening is 2 B1 (+ rounding): B1 = max|w|gamma ||A||^2 = 2 (1 + d) * 4.
    expect(r.error.J).toBeLessThan(2 * r.bounds.B1 * 1.001 + 1e-9);
    expect(r.exact).toBe(false);
  });

  it('dense in the product basis (one block of dimension 4) as well', () => {
    const { inst, spec, stateOrigin } = instantiateWithState(model, 2);
    const r = currentReport(float64System(model.name, 2, stateText(spec), denseSystem(inst, spec, stateOrigin, undefined, undefined, false)));
    expect(r.inexact.some((n) => /merged into one eigenspace although their gap/.test(n))).toBe(true);
    expect(Math.abs(r.J.value - exactJ)).toBeLessThanOrEqual(r.J.error);
  });

  it('symmetric: the sector j = 1 of H = Jx^2 + d Jx (levels 1 + d, 0, 1 - d): listed in inexact, the exact J (decimal.js, 40 digits) within J +- error', () => {
    const collective = loadModelText([
      'name: weak-merge-collective',
      `params: { d: ${d} }`,
      'H: "Jx*Jx + d*Jx"',
      'channels:',
      '  - A: "Jz"',
      '    bath: { spectrum: flat, rate: 1, T: 0.7 }',
      'state: up',
    ].join('\n'), 'weak-merge-collective.yaml');
    const r = computeCurrent(collective, 2, { method: 'symmetric' });
    expect(r.method).toBe('symmetric');
    expect(r.inexact.some((n) => n.includes('merged into one eigenspace although their gap is above 0.1 of their error bound'))).toBe(true);
    const exact = Number(computePrecise(collective, 2, { digits: 40 }).J.value.toString());
    expect(Math.abs(exact - r.J)).toBeGreaterThan(0.1); // the merged reading is another J
    expect(Math.abs(exact - r.J)).toBeLessThanOrEqual(r.error.J);
  });

  it('groupByError: a merge by a gap above 1/10 of the bound is weak, one far below it (or equal floats) is not', () => {
    const errors = Float64Array.of(1e-13, 1e-13, 1e-13, 1e-13);
    const weak = groupByError(Float64Array.of(0, 0.5e-13, 1, 1), errors, 1e3);
    expect(weak.spaceEnergy.length).toBe(2);
    expect(weak.weakMerges?.map((m) => [m.below, m.above])).toEqual([[0, 0.5e-13]]);
    const confident = groupByError(Float64Array.of(0, 1e-16, 1, 1), errors, 1e3);
    expect(confident.spaceEnergy.length).toBe(2);
    expect(confident.weakMerges).toEqual([]);
  });

  it('confident merges stay as they were: the degenerate Dicke levels of superradiance (dense) carry no weak merge', () => {
    const r = computeCurrent(builtin('superradiance'), 4, { method: 'dense' });
    expect(r.inexact).toEqual([]);
    expect(r.error.J).toBeLessThan(1e-9);
  });
});
