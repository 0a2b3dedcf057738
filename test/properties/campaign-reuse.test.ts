/**
 * A campaign computes each run's engine result and precise system once and reuses them across the
 * checks (issue 15's throughput): the reused pieces must be what each check computes on its own.
 * Each is compared with the public check that builds and evaluates everything again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoEngine, checkPinchedState, checkPinchingIdentity, instanceOf, modelArbitrary, type EngineReport, type ModelSample,
} from '../../properties/index.js';
import { autoEngineRun } from '../../properties/engine.js';
import { pinchedStateIn, pinchingIdentityIn } from '../../properties/properties.js';
import { computeRun, ratioText } from '../../properties/campaign.js';
import { HP } from '../../properties/engine.js';
import { decimalContext } from '../../src/numeric/index.js';
import { PreciseNotApplicable } from '../../src/engine/index.js';

const digits = 30;

/** A report with every Decimal as its exact text, for deep comparison. */
const plain = (r: EngineReport): unknown => JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === 'object' && v !== null && 'toFixed' in v && 'd' in v ? String(v) : v)));

/** What a check gives: its value as text, or the name and message of what it throws. */
function outcome(f: () => unknown): string {
  try {
    return `value ${String(f())}`;
  } catch (err) {
    return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
}

const samples = (classes: Parameters<typeof modelArbitrary>[0], n: number, seed: number): ModelSample[] => fc.sample(modelArbitrary(classes), { seed, numRuns: n });

describe('one engine run per campaign run', () => {
  const cases: [string, ModelSample[]][] = [
    ['every class, L 1..4', samples({ L: [1, 4] }, 10, 15)],
    ['collective (symmetric path, steady states)', samples({ classes: ['collective'], L: [1, 6] }, 4, 16)],
    ['band beyond the precise engine (L 11..12: float64 fallback)', samples({ classes: ['band'], L: [11, 12] }, 2, 17)],
  ];
  for (const [what, list] of cases) {
    it(`autoEngineRun reports as autoEngine, and its system and result give the checks' own values: ${what}`, () => {
      for (const s of list) {
        const inst = instanceOf(s);
        const run = autoEngineRun(inst, digits);
        expect(plain(run.report), s.text).toEqual(plain(autoEngine(digits)(inst)));
        const kernel = () => run.result?.J ?? (() => { throw run.failure; })();
        expect(outcome(() => (run.system ? pinchingIdentityIn(run.system) : (() => { throw run.failure; })())))
          .toBe(outcome(() => checkPinchingIdentity(inst, { digits })));
        expect(outcome(() => (run.system ? pinchedStateIn(run.system, kernel) : (() => { throw run.failure; })())))
          .toBe(outcome(() => checkPinchedState(inst, { digits })));
        if (run.system === null) expect(run.failure).toBeInstanceOf(PreciseNotApplicable);
        if (s.L > 10 && s.cls === 'band') expect(run.report.engine.startsWith('float64')).toBe(true);
      }
    }, 120_000);
  }
});

describe('arbitraries built once per thread', () => {
  it('a reused arbitrary draws and shrinks as a freshly built one', () => {
    const fails = (x: ModelSample): boolean => !(x.L >= 2 && x.text.includes('X['));
    const reused = modelArbitrary({ classes: ['local'], L: [1, 4] });
    for (let seed = 1; seed <= 6; seed++) {
      const fresh = modelArbitrary({ classes: ['local'], L: [1, 4] });
      expect(fc.sample(reused, { seed, numRuns: 3 })).toEqual(fc.sample(fresh, { seed, numRuns: 3 }));
      const a = fc.check(fc.property(reused, fails), { seed, numRuns: 30 });
      const b = fc.check(fc.property(modelArbitrary({ classes: ['local'], L: [1, 4] }), fails), { seed, numRuns: 30 });
      expect(a.counterexample).toEqual(b.counterexample);
      expect(a.counterexamplePath).toBe(b.counterexamplePath);
    }
  });
  it('a run computed again (its arbitrary reused) is the same record', () => {
    const opts = { classes: ['local', 'band', 'two-bath'] as const, L: [1, 3] as const, seed: 9, digits, engine: 'float64' as const };
    for (const i of [0, 1, 2, 0]) {
      const { ms: _a, ...first } = computeRun(opts, i);
      const { ms: _b, ...again } = computeRun(opts, i);
      expect(again).toEqual(first);
    }
  });
});

describe('ratios divided at 40 digits first', () => {
  const exact = (x: InstanceType<typeof HP>, B: InstanceType<typeof HP>): string => x.div(B).toSignificantDigits(12).toString();
  it('the text is the quotient at the values\' own precision rounded to 12 digits: random doubles, rounding midpoints, exact ties', () => {
    const pairs: [string, string][] = [
      ['1', '3'], ['2', '3'], ['1', '1'], ['0', '5'], ['7', '7'], ['1', '8'],
      // Quotients on a 12-digit midpoint, and within 1e-30 of one on either side.
      ['0.1234567890125', '1'], ['1234567890125', '1e13'], ['0.12345678901250000000000000000001', '1'], ['0.12345678901249999999999999999999', '1'],
      ['9.9999999999995', '1'], ['9.99999999999949999999999999999999999999999', '1'], ['9.999999999999500000000000000000000000000001', '1'],
      // 45 digits: at 40 they round up onto the midpoint (or the next power of ten), at 1100 they stay below.
      [`0.1234567890124${'9'.repeat(32)}`, '1'], [`9.99999999999949${'9'.repeat(30)}`, '1'], [`1.00000000000049${'9'.repeat(30)}`, '-1'],
      ['0.5', '4e12'], ['1', '1.00000000000050000000000000000000000000000000001'], ['1e-300', '3e300'], ['123456789012.5', '1e11'],
    ];
    const draw = fc.sample(fc.tuple(fc.double({ min: 1e-12, max: 1e12, noNaN: true }), fc.double({ min: 1e-12, max: 1e12, noNaN: true })), { seed: 3, numRuns: 300 });
    for (const [a, b] of [...pairs, ...draw.map(([a, b]) => [String(a), String(b)] as [string, string])]) {
      expect(ratioText(new HP(a), new HP(b)), `${a} / ${b}`).toBe(exact(new HP(a), new HP(b)));
    }
  });
  it('in the decimal.js engine\'s precision (at most 40 digits) it is that division itself', () => {
    const D = decimalContext(35);
    for (const [a, b] of [['1', '3'], ['0.1234567890125', '1'], ['2', '7']]) expect(ratioText(new D(a), new D(b))).toBe(new D(a).div(b).toSignificantDigits(12).toString());
  });
});
