/**
 * The laws of the one bound assembly (numeric/bounds.ts) and the one verdict rule, run over every
 * field (float64 and decimal(30), QuTiP's pattern of one test class run over every specialisation):
 * the hand-computed case, the order Bstate <= B1 <= B2 <= B1coarse <= 2 ||H_S|| Gamma sum ||A||^2 of
 * docs/physics.md §2-3 on consistent channel statistics, rigorous error propagation against a
 * decimal(120) truth, decimal(30) against float64, and both engines' verdicts on a built-in model.
 */
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCurrent, computePrecise, boundNames, MethodNotApplicable, NoMethodError } from '../../src/engine/index.js';
import { firstApplicable } from '../../src/engine/method-choice.js';
import {
  assembleBounds, assembleBoundsIn, boundedBounds, boundVerdicts, decimalField, float64Bounds, float64Field, verdict,
  type Bounded, type ChannelTerms, type Field,
} from '../../src/numeric/index.js';
import { builtin } from '../helpers.js';

const SEED = 1313;
const RUNS = 100;
const fourBounds = ['Bstate', 'B1', 'B1coarse', 'B2'] as const;

/** Truth: decimal(120), exact on the dyadic inputs below and their products and sums. */
const T = decimalField(120);
const cases: [string, Field<unknown>][] = [
  ['float64', float64Field as Field<unknown>],
  ['decimal(30)', decimalField(30) as Field<unknown>],
];

/**
 * A dyadic number p / 8, 1/8 .. 512, and a fraction in [0, 1] in eighths: the statistics built from
 * them below (products of up to five) are exact in float64, in decimal(30) and in the truth.
 */
const dyadic = fc.integer({ min: 1, max: 4096 }).map((p) => p / 8);
const frac = fc.integer({ min: 0, max: 8 }).map((p) => p / 8);

/** Channel statistics consistent with physics.md: Tr[A^2 Pinch rho] <= ||A||^2, max |w| gamma <= DeltaE Gamma_alpha, DeltaE <= W. */
interface Stats { readonly normH: number; readonly width: number; readonly channels: ChannelTerms[] }
const stats: fc.Arbitrary<Stats> = fc.tuple(dyadic, frac, fc.array(fc.tuple(dyadic, frac, frac, dyadic, frac), { minLength: 1, maxLength: 6 }))
  .map(([normH, w, chans]) => {
    const width = 2 * normH * w;
    return {
      normH, width,
      channels: chans.map(([normA, p, d, gammaMax, o]) => {
        const deltaE = width * d;
        return { normA, pinchedA2: normA * normA * p, deltaE, gammaMax, omegaGammaMax: deltaE * gammaMax * o };
      }),
    };
  });

/** The statistics as bounded values of F (exact conversions: dyadic with few digits). */
function inField<V>(F: Field<V>, s: Stats): { normH: Bounded<V>; width: Bounded<V>; channels: ChannelTerms<Bounded<V>>[] } {
  const b = (x: number): Bounded<V> => ({ value: F.fromNumber(x), error: F.zero });
  return {
    normH: b(s.normH), width: b(s.width),
    channels: s.channels.map((c) => ({ normA: b(c.normA), pinchedA2: b(c.pinchedA2), deltaE: b(c.deltaE), gammaMax: b(c.gammaMax), omegaGammaMax: b(c.omegaGammaMax) })),
  };
}

/** A value of either field in the truth field (a double has at most 767 significant digits; fromNumber keeps 100). */
const lift = (x: unknown): Decimal => (typeof x === 'number' ? T.fromNumber(x) : T.add(T.zero, x as Decimal));

/** The bounded x stands for a quantity the bounded truth also stands for: |x - t| <= e_x + e_t. */
function contains(x: Bounded<unknown>, truth: Bounded<Decimal>): boolean {
  return T.cmp(T.abs(T.sub(lift(x.value), truth.value)), T.add(lift(x.error), truth.error)) <= 0;
}

const run = (p: fc.IProperty<unknown>) => fc.assert(p, { seed: SEED, numRuns: RUNS });

describe.each(cases)(`bound assembly laws over %s (fast-check seed ${SEED})`, (_name, F) => {
  const A = boundedBounds(F);

  it('gives the hand-computed bounds (physics.md formulas, two channels)', () => {
    // sumA2 = 1 + 4 = 5, Gamma = 3, DeltaE = 2; Bstate = 6 * 1/2 + 1 * 1 = 4, B1 = 6 * 1 + 1 * 4 = 10,
    // B1coarse = W Gamma sumA2 = 5 * 3 * 5 = 75, B2 = DeltaE Gamma sumA2 = 2 * 3 * 5 = 30.
    const s: Stats = {
      normH: 3, width: 5,
      channels: [
        { normA: 1, pinchedA2: 0.5, deltaE: 2, gammaMax: 3, omegaGammaMax: 6 },
        { normA: 2, pinchedA2: 1, deltaE: 1, gammaMax: 1, omegaGammaMax: 1 },
      ],
    };
    const { normH, width, channels } = inField(F, s);
    const r = assembleBoundsIn(A, normH, width, channels);
    const want = { Bstate: 4, B1: 10, B1coarse: 75, B2: 30 };
    for (const b of fourBounds) expect(F.toNumber(r.bounds[b].value), b).toBe(want[b]);
    expect(F.toNumber(r.terms.sumA2.value)).toBe(5);
    expect(F.toNumber(r.terms.gammaMax.value)).toBe(3);
    expect(F.toNumber(r.terms.deltaE.value)).toBe(2);
    expect(F.toNumber(r.terms.omegaGammaMax.value)).toBe(6);
    expect(r.shares.map((x) => F.toNumber(x.value))).toEqual([3, 1]);
    // Exact inputs: only the assembly's own roundings, far below the values.
    for (const b of fourBounds) expect(F.toNumber(r.bounds[b].error)).toBeLessThan(1e-12);
  });

  it('orders the bounds: Bstate <= B1 <= B2 <= B1coarse <= 2 ||H_S|| Gamma sum ||A||^2 (physics.md §2-3)', () => {
    run(fc.property(stats, (s) => {
      const { normH, width, channels } = inField(F, s);
      const { terms, bounds: B } = assembleBoundsIn(A, normH, width, channels);
      const coarsest = A.mul(A.mul(A.mul({ value: F.fromNumber(2), error: F.zero }, normH), terms.gammaMax), terms.sumA2);
      const chain = [B.Bstate, B.B1, B.B2, B.B1coarse, coarsest];
      for (let i = 0; i + 1 < chain.length; i++) expect(verdict(chain[i], chain[i + 1], false, F), `link ${i}`).not.toBe('violated');
    }));
  });

  it('propagates errors rigorously: the exact bounds of inputs known within their errors lie within the computed errors', () => {
    const noisy = fc.tuple(stats, fc.array(fc.tuple(frac, fc.integer({ min: -8, max: 8 })), { minLength: 32, maxLength: 32 }));
    run(fc.property(noisy, ([s, noise]) => {
      // Each input x gets the error x r / 64 and the exact value x + x r t / 512, |t| <= 8: dyadic again.
      let k = 0;
      const perturb = <V>(G: Field<V>, x: number) => {
        const [r, t] = noise[k++ % noise.length];
        return { value: G.fromNumber(x), error: G.fromNumber((x * r) / 64), exact: x + (x * r * t) / 512 };
      };
      const mk = (x: number) => { const p = perturb(F, x); return { b: { value: p.value, error: p.error }, exact: p.exact }; };
      const nH = mk(s.normH), W = mk(s.width);
      const chans = s.channels.map((c) => ({
        normA: mk(c.normA), pinchedA2: mk(c.pinchedA2), deltaE: mk(c.deltaE), gammaMax: mk(c.gammaMax), omegaGammaMax: mk(c.omegaGammaMax),
      }));
      const pick = (f: 'b' | 'exact') => chans.map((c) => ({
        normA: c.normA[f], pinchedA2: c.pinchedA2[f], deltaE: c.deltaE[f], gammaMax: c.gammaMax[f], omegaGammaMax: c.omegaGammaMax[f],
      }));
      const got = assembleBoundsIn(A, nH.b, W.b, pick('b') as ChannelTerms<Bounded<unknown>>[]);
      const TA = boundedBounds(T);
      const tb = (x: number): Bounded<Decimal> => ({ value: T.fromNumber(x), error: T.zero });
      const ex = pick('exact') as ChannelTerms<number>[];
      const truth = assembleBoundsIn(TA, tb(nH.exact), tb(W.exact), ex.map((c) => ({
        normA: tb(c.normA), pinchedA2: tb(c.pinchedA2), deltaE: tb(c.deltaE), gammaMax: tb(c.gammaMax), omegaGammaMax: tb(c.omegaGammaMax),
      })));
      for (const b of fourBounds) expect(contains(got.bounds[b], truth.bounds[b]), b).toBe(true);
      for (const t of ['sumA2', 'gammaMax', 'deltaE', 'omegaGammaMax'] as const) expect(contains(got.terms[t], truth.terms[t]), t).toBe(true);
    }));
  });

  it('decides |J| <= B by the margin B - |J| with error e_B + e_J, the same words in every field', () => {
    const b = (v: number, e: number): Bounded<unknown> => ({ value: F.fromNumber(v), error: F.fromNumber(e) });
    const J = b(-64, 1e-10);
    const bounds = { Bstate: b(64, 1e-10), B1: b(65, 1e-10), B1coarse: b(63, 1e-10), B2: b(64 + 1.5e-10, 1e-10) };
    const d = boundVerdicts(F, J, bounds, fourBounds, {});
    expect(fourBounds.map((k) => d[k].verdict)).toEqual(['tie', 'holds', 'violated', 'tie']);
    expect(F.toNumber(d.B1.margin.value)).toBe(1);
    expect(F.toNumber(d.B1.margin.error)).toBeCloseTo(2e-10, 20);
    // Lower-bound terms: only 'holds' is decided.
    const lower = boundVerdicts(F, J, bounds, fourBounds, { lowerBounds: true });
    expect(fourBounds.map((k) => lower[k].verdict)).toEqual(['unknown', 'holds', 'unknown', 'unknown']);
    // A second reading that disagrees (B1 = 63 there) leaves no verdict; one that agrees keeps it.
    const alt = { ...bounds, B1: b(63, 1e-10) };
    const both = boundVerdicts(F, J, bounds, fourBounds, {}, [alt]);
    expect(fourBounds.map((k) => both[k].verdict)).toEqual(['tie', 'unknown', 'violated', 'tie']);
  });
});

describe('the float64 instance', () => {
  it('gives the bits of the bounded float64 assembly and of assembleBounds', () => {
    run(fc.property(stats, (s) => {
      const plain = assembleBoundsIn(float64Bounds, s.normH, s.width, s.channels);
      const { normH, width, channels } = inField(float64Field, s);
      const withErrors = assembleBoundsIn(boundedBounds(float64Field), normH, width, channels);
      const old = assembleBounds(s.normH, s.width, s.channels);
      for (const b of fourBounds) {
        expect(Object.is(plain.bounds[b], withErrors.bounds[b].value), b).toBe(true);
        expect(Object.is(plain.bounds[b], old.bounds[b]), b).toBe(true);
      }
      expect(Object.keys(old.terms)).toEqual(['normH', 'width', 'sumA2', 'gammaMax', 'deltaE']);
      // The formulas as written by hand in float64, in the same order.
      let sumA2 = 0, B1 = 0, Bstate = 0, gammaMax = 0, deltaE = 0;
      for (const c of s.channels) {
        const a2 = c.normA * c.normA;
        sumA2 += a2; B1 += c.omegaGammaMax * a2; Bstate += c.omegaGammaMax * c.pinchedA2;
        gammaMax = Math.max(gammaMax, c.gammaMax); deltaE = Math.max(deltaE, c.deltaE);
      }
      expect(old.bounds).toEqual({ Bstate, B1, B1coarse: s.width * gammaMax * sumA2, B2: deltaE * gammaMax * sumA2 });
    }));
  });

  it('agrees with decimal(30) on random channel statistics (the two results overlap within their errors)', () => {
    const D30 = decimalField(30);
    run(fc.property(stats, (s) => {
      const f = inField(float64Field, s), d = inField(D30, s);
      const rf = assembleBoundsIn(boundedBounds(float64Field), f.normH, f.width, f.channels);
      const rd = assembleBoundsIn(boundedBounds(D30), d.normH, d.width, d.channels);
      for (const b of fourBounds) {
        expect(contains(rf.bounds[b], { value: lift(rd.bounds[b].value), error: lift(rd.bounds[b].error) }), b).toBe(true);
        expect(Math.abs(rf.bounds[b].value - rd.bounds[b].value.toNumber())).toBeLessThanOrEqual(1e-14 * rf.bounds[b].value);
      }
    }));
  });
});

describe('one method choice and one verdict rule for both engines', () => {
  it('firstApplicable: the first method that applies, every reason in order, other errors at once', () => {
    const calls: string[] = [];
    const notApplicable = (err: unknown) => (err instanceof MethodNotApplicable ? err : null);
    const none = (rs: MethodNotApplicable[]) => new NoMethodError(rs);
    expect(firstApplicable(['symmetric', 'diagonal', 'dense'] as const, (m) => {
      calls.push(m);
      if (m === 'symmetric') throw new MethodNotApplicable(m, 'not collective');
      return m;
    }, notApplicable, none)).toBe('diagonal');
    expect(calls).toEqual(['symmetric', 'diagonal']);
    try {
      firstApplicable(['symmetric', 'dense'] as const, (m) => { throw new MethodNotApplicable(m, `no ${m}`); }, notApplicable, none);
      expect.fail('no method applies');
    } catch (err) {
      expect(err).toBeInstanceOf(NoMethodError);
      expect((err as NoMethodError).reasons.map((r) => r.reason)).toEqual(['no symmetric', 'no dense']);
    }
    expect(() => firstApplicable(['dense'] as const, () => { throw new RangeError('bug'); }, notApplicable, none)).toThrow(RangeError);
  });

  it('the float64 and decimal.js engines give the same verdict words on a built-in model', () => {
    const model = builtin('independent');
    const f = computeCurrent(model, 3), p = computePrecise(model, 3, { digits: 30 });
    expect(boundNames.map((b) => f.verdicts[b])).toEqual(boundNames.map((b) => p.holds[b]));
    for (const b of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) expect(f.bounds[b]).toBeCloseTo(p.bounds[b].value.toNumber(), 12);
  });
});
