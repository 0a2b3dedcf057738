/**
 * The laws of the one product-term normal form (numeric/normal-form), run over both of its
 * instances (QuTiP's pattern of one test class run over every specialisation): float64
 * coefficients (numeric/opsum's OpSum) and Decimal coefficients at 30 digits (engine/precise's
 * PreciseOpSum). Coefficients are small dyadic rationals, so every sum and product is exact in
 * both fields and the laws hold with equality; then both engines' operator evaluators are held to
 * the same terms on random expressions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpr, type Origin } from '../../src/lang/index.js';
import { evalOperator } from '../../src/engine/operators.js';
import { evalOperatorPrecise, preciseTermSums } from '../../src/engine/precise/operators.js';
import {
  float64TermCoefficients, localMul, precision, productTermKey, productTermSums, siteOperators,
  type Local, type TermFactors, type TermSum, type TermSums,
} from '../../src/numeric/index.js';

const SEED = 1313;
const RUNS = 200;
const D = precision(30).D;

/** One instance of the normal form, with conversions from and to float64 pairs. */
interface Instance<C, Tm extends TermFactors> {
  readonly S: TermSums<C, Tm>;
  readonly of: (re: number, im: number) => C;
  readonly pair: (c: C) => [number, number];
}

const instances: [string, Instance<unknown, TermFactors>][] = [
  ['float64', {
    S: productTermSums(float64TermCoefficients),
    of: (re, im) => ({ re, im }),
    pair: (c) => [c.re, c.im],
  } as Instance<{ re: number; im: number }, TermFactors & { cr: number; ci: number }>],
  ['decimal(30)', {
    S: preciseTermSums(D),
    of: (re, im) => ({ re: new D(re), im: new D(im) }),
    pair: (c) => [c.re.toNumber(), c.im.toNumber()],
  } as Instance<{ re: InstanceType<typeof D>; im: InstanceType<typeof D> }, TermFactors & { c: unknown }>],
] as unknown as [string, Instance<unknown, TermFactors>][];

const L = 3;
const names = ['X', 'Y', 'Z', 'Sp', 'Sm', 'N', 'I'] as const;
/** Dyadic coefficients k/4, |k| <= 8, zero included (a zero term is dropped). */
const dyadic = fc.integer({ min: -8, max: 8 }).map((k) => k / 4);
/** A raw (not collected) term: a coefficient, and one product of site operators per site (1..3 factors, maybe 0). */
const rawTerm = fc.record({
  re: dyadic,
  im: dyadic,
  factors: fc.array(fc.tuple(fc.integer({ min: 0, max: L - 1 }), fc.constantFrom(...names)), { minLength: 0, maxLength: 4 }),
});
const rawSum = fc.array(rawTerm, { minLength: 0, maxLength: 5 });
type Raw = { re: number; im: number; factors: [number, (typeof names)[number]][] }[];

/** The sum of the raw terms, each a product of site operators built by the instance itself. */
function build<C, Tm extends TermFactors>(I: Instance<C, Tm>, raw: Raw): TermSum<Tm> {
  let acc = I.S.scalar(L, I.of(0, 0));
  for (const t of raw) {
    let p = I.S.scalar(L, I.of(t.re, t.im));
    for (const [k, op] of t.factors) p = I.S.mul(p, I.S.site(L, k, siteOperators[op]));
    acc = I.S.add(acc, p);
  }
  return acc;
}

/** The sum as a map key -> coefficient pair, and the number of its terms (a key occurring twice would be a bug). */
function table<C, Tm extends TermFactors>(I: Instance<C, Tm>, a: TermSum<Tm>): Map<string, [number, number]> {
  const m = new Map<string, [number, number]>();
  for (const t of a.terms) m.set(productTermKey(t.sites, t.mats), unsigned(I.pair(I.S.coefficients.coefficient(t))));
  expect(m.size).toBe(a.terms.length);
  return m;
}

/** The pair with -0 read as 0 (toEqual tells them apart; the fields' signed zeros are not a law). */
const unsigned = ([re, im]: [number, number]): [number, number] => [re + 0, im + 0];

const same = <C, Tm extends TermFactors>(I: Instance<C, Tm>, a: TermSum<Tm>, b: TermSum<Tm>): void => {
  expect(table(I, a)).toEqual(table(I, b));
};

describe.each(instances)('the product-term normal form over %s coefficients', (_name, I) => {
  it('collect is idempotent, and every result is collected', () => {
    fc.assert(fc.property(rawSum, (raw) => {
      const a = build(I, raw);
      same(I, I.S.collect(a), a);
      // An uncollected input: the raw terms as written (no local normal form, repeated keys).
      const loose: TermSum<TermFactors> = {
        L,
        terms: raw.map((t) => I.S.coefficients.term(I.of(t.re, t.im), ...sorted(t.factors))),
      };
      const once = I.S.collect(loose);
      same(I, I.S.collect(once), once);
      same(I, once, a);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('addition is commutative and has 0 as identity', () => {
    fc.assert(fc.property(rawSum, rawSum, (x, y) => {
      const a = build(I, x), b = build(I, y);
      same(I, I.S.add(a, b), I.S.add(b, a));
      same(I, I.S.add(a, I.S.scalar(L, I.of(0, 0))), a);
    }), { seed: SEED, numRuns: RUNS });
  });

  it('the adjoint is an involution and (ab)^+ = b^+ a^+', () => {
    fc.assert(fc.property(rawSum, rawSum, (x, y) => {
      const a = build(I, x), b = build(I, y);
      same(I, I.S.adjoint(I.S.adjoint(a)), a);
      same(I, I.S.adjoint(I.S.mul(a, b)), I.S.mul(I.S.adjoint(b), I.S.adjoint(a)));
    }), { seed: SEED, numRuns: RUNS });
  });

  it('a^3 = a (a a), a^0 = Id, and scaling distributes over the sum', () => {
    fc.assert(fc.property(rawSum, rawSum, dyadic, dyadic, (x, y, re, im) => {
      const a = build(I, x), b = build(I, y), c = I.of(re, im);
      same(I, I.S.pow(a, 3), I.S.mul(a, I.S.mul(a, a)));
      same(I, I.S.pow(a, 0), I.S.scalar(L, I.of(1, 0)));
      same(I, I.S.scale(I.S.add(a, b), c), I.S.add(I.S.scale(a, c), I.S.scale(b, c)));
    }), { seed: SEED, numRuns: RUNS });
  });
});

/** A raw product of site operators as sorted sites with one local matrix each (products merged per site). */
function sorted(factors: readonly [number, (typeof names)[number]][]): [number[], Local[]] {
  const bySite = new Map<number, Local>();
  for (const [k, op] of factors) {
    const m = siteOperators[op];
    const prev = bySite.get(k);
    bySite.set(k, prev ? localMul(prev, m) : m);
  }
  const sites = [...bySite.keys()].sort((p, q) => p - q);
  return [sites, sites.map((s) => bySite.get(s)!)];
}

describe('both instances build the same terms', () => {
  it('random sums have equal keys and coefficients over float64 and decimal(30)', () => {
    const [[, F], [, P]] = instances;
    fc.assert(fc.property(rawSum, rawSum, (x, y) => {
      for (const [f, p] of [
        [build(F, x), build(P, x)],
        [F.S.mul(build(F, x), F.S.adjoint(build(F, y))), P.S.mul(build(P, x), P.S.adjoint(build(P, y)))],
        [F.S.pow(F.S.add(build(F, x), build(F, y)), 2), P.S.pow(P.S.add(build(P, x), build(P, y)), 2)],
      ] as const) expect(table(P, p)).toEqual(table(F, f));
    }), { seed: SEED, numRuns: RUNS });
  });
});

const origin = (text: string): Origin => {
  const expr = parseExpr(text, { file: 't.yaml', key: 'H', line: 1, column: 1 });
  return { file: 't.yaml', located: { expr, key: 'H', text } };
};

/** Random operator expressions of the model language on 3 sites. */
const siteText = fc.tuple(fc.constantFrom('X', 'Y', 'Z', 'Sp', 'Sm', 'N'), fc.integer({ min: 0, max: 2 })).map(([o, k]) => `${o}[${k}]`);
const factorText = fc.oneof(siteText, fc.constantFrom('Id', 'im', '0.5', '2', '-1', 'Jx', 'Jz'));
/** A product with a site operator in it (dag of a scalar is not an operator expression). */
const productText = fc.tuple(fc.array(factorText, { maxLength: 2 }), siteText, fc.array(factorText, { maxLength: 1 }))
  .map(([l, s, r]) => [...l, s, ...r].join('*'));
const exprText = fc.tuple(fc.array(fc.tuple(fc.constantFrom(' + ', ' - '), productText), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean())
  .map(([terms, dag, square]) => {
    const body = terms.map(([s, p], i) => (i === 0 && s === ' + ' ? p : `${i === 0 ? '-' : s}${p}`)).join('');
    const d = dag ? `dag(${body})` : body;
    return square ? `(${d})^2` : d;
  });

describe('both engines evaluate an expression into the same product terms', () => {
  const count = (text: string): { f: Map<string, [number, number]>; d: Map<string, [number, number]> } => {
    const o = origin(text);
    const f = evalOperator(o, o.located.expr, new Map(), 3);
    const d = evalOperatorPrecise(D, o, o.located.expr, new Map(), 3);
    const fm = new Map(f.terms.map((t) => [productTermKey(t.sites, t.mats), unsigned([t.cr, t.ci])]));
    const dm = new Map(d.terms.map((t) => [productTermKey(t.sites, t.mats), unsigned([t.c.re.toNumber(), t.c.im.toNumber()])]));
    expect(fm.size).toBe(f.terms.length);
    expect(dm.size).toBe(d.terms.length);
    return { f: fm, d: dm };
  };

  it('X[0]*Y[0] - im*Z[0] + Z[1] is the one term Z[1] in both', () => {
    const { f, d } = count('X[0]*Y[0] - im*Z[0] + Z[1]');
    expect([...f.keys()]).toEqual(['1:1,0,0,0,0,0,-1,0']);
    expect(d).toEqual(f);
    expect(f.get('1:1,0,0,0,0,0,-1,0')).toEqual([1, 0]);
  });

  it('random expressions: equal term counts, keys and coefficients', () => {
    fc.assert(fc.property(exprText, (text) => {
      const { f, d } = count(text);
      expect([...d.keys()].sort()).toEqual([...f.keys()].sort());
      // Dyadic literals: the coefficients are exact in both engines.
      for (const [k, c] of f) expect(d.get(k)).toEqual(c);
    }), { seed: SEED, numRuns: 300 });
  });
});
