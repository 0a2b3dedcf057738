/**
 * One suite of laws run over every Field instance (QuTiP's pattern of one test class run over every
 * specialisation): float64, decimal(30), decimal(60). Truth is decimal(60) (decimal(120) for the
 * decimal(60) field itself), carried as a Bounded too so that its own roundings are accounted for.
 */
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundedAdd, boundedDiv, boundedMul, boundedSqrt, boundedSub, complexAbs2, complexAdd, complexConj, complexMul,
  decide, decimalField, float64Field, verdict, type Bounded, type Field,
} from '../../src/numeric/index.js';

const SEED = 1302;
const RUNS = 150;

interface Case<T> {
  readonly F: Field<T>;
  /** The truth field, more precise than F. */
  readonly T: Field<Decimal>;
  /** A value of F in the truth field, with the error of the conversion. */
  readonly lift: (x: T) => Bounded<Decimal>;
}

const T60 = decimalField(60), T120 = decimalField(120);
const cases: [string, Case<unknown>][] = [
  ['float64', { F: float64Field, T: T60, lift: (x: number) => { const v = T60.fromNumber(x); return { value: v, error: T60.ulp(v) }; } } as Case<number>],
  ['decimal(30)', { F: decimalField(30), T: T60, lift: (x: Decimal) => ({ value: T60.add(T60.zero, x), error: T60.zero }) } as Case<Decimal>],
  ['decimal(60)', { F: decimalField(60), T: T120, lift: (x: Decimal) => ({ value: T120.add(T120.zero, x), error: T120.zero }) } as Case<Decimal>],
] as unknown as [string, Case<unknown>][];

/** Moderate doubles away from 0: magnitudes 1e-6..1e6, either sign. */
const num = fc.tuple(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.boolean()).map(([x, neg]) => (neg ? -x : x));
const pos = fc.double({ min: 1e-6, max: 1e6, noNaN: true });
/** A relative error (0..1e-6) and where in [-1, 1] of it the exact quantity lies. */
const noise = fc.tuple(fc.double({ min: 0, max: 1e-6, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }));

/** Two bounded values stand for the same quantity only if they overlap: |a - b| <= e_a + e_b. */
function overlap(T: Field<Decimal>, a: Bounded<Decimal>, b: Bounded<Decimal>): boolean {
  const d = T.abs(T.sub(a.value, b.value));
  // The subtraction and the sum are rounded in T; 4 ulps of T at |a| + |b| cover that.
  const slack = T.mul(T.fromNumber(4), T.ulp(T.add(T.abs(a.value), T.abs(b.value))));
  return T.cmp(d, T.add(T.add(a.error, b.error), slack)) <= 0;
}

describe.each(cases)(`Field laws over %s (fast-check seed ${SEED})`, (_name, c) => {
  const { F, T, lift } = c as Case<unknown>;
  const x = (d: number) => F.fromNumber(d);
  const ex = (d: number): Bounded<unknown> => ({ value: x(d), error: F.zero });
  const truthOf = (b: Bounded<unknown>): Bounded<Decimal> => { const l = lift(b.value); return { value: l.value, error: T.add(l.error, lift(b.error).value) }; };
  const run = (p: fc.IPropertyWithHooks<unknown> | fc.IProperty<unknown>) => fc.assert(p as fc.IProperty<unknown>, { seed: SEED, numRuns: RUNS });

  it('has exact identities, commutativity, negation, abs and cmp', () => {
    run(fc.property(num, num, (a, b) => {
      const A = x(a), B = x(b);
      expect(F.cmp(F.add(A, F.zero), A)).toBe(0);
      expect(F.cmp(F.mul(A, F.one), A)).toBe(0);
      expect(F.cmp(F.sub(A, A), F.zero)).toBe(0);
      expect(F.cmp(F.div(A, A), F.one)).toBe(0);
      expect(F.cmp(F.add(A, B), F.add(B, A))).toBe(0);
      expect(F.cmp(F.mul(A, B), F.mul(B, A))).toBe(0);
      expect(F.cmp(F.neg(F.neg(A)), A)).toBe(0);
      expect(F.cmp(F.add(A, F.neg(A)), F.zero)).toBe(0);
      expect(F.cmp(F.abs(A), F.abs(F.neg(A)))).toBe(0);
      expect(F.cmp(A, B)).toBe(-F.cmp(B, A) || 0);
      expect(F.cmp(A, B)).toBe(Math.sign(a - b) || 0);
    }));
  });

  it('is associative and distributive within its ulp bounds', () => {
    run(fc.property(num, num, num, (a, b, d) => {
      const A = ex(a), B = ex(b), C = ex(d);
      const tr = (v: Bounded<unknown>) => truthOf(v);
      expect(overlap(T, tr(boundedAdd(F, boundedAdd(F, A, B), C)), tr(boundedAdd(F, A, boundedAdd(F, B, C))))).toBe(true);
      expect(overlap(T, tr(boundedMul(F, boundedMul(F, A, B), C)), tr(boundedMul(F, A, boundedMul(F, B, C))))).toBe(true);
      expect(overlap(T, tr(boundedMul(F, A, boundedAdd(F, B, C))), tr(boundedAdd(F, boundedMul(F, A, B), boundedMul(F, A, C))))).toBe(true);
      // a (1/a) = 1 within the bound of the two roundings.
      expect(overlap(T, tr(boundedMul(F, A, boundedDiv(F, ex(1), A))), { value: T.one, error: T.zero })).toBe(true);
      // One rounding each: |fl(a op b) - (a op b)| <= ulp(fl(a op b)).
      const [tA, tB] = [lift(A.value), lift(B.value)];
      for (const [f, t] of [[F.add, T.add], [F.sub, T.sub], [F.mul, T.mul], [F.div, T.div]] as const) {
        const z = f(A.value, B.value);
        expect(overlap(T, { value: lift(z).value, error: T.add(lift(F.ulp(z)).value, lift(z).error) }, { value: t(tA.value, tB.value), error: T.add(tA.error, tB.error) })).toBe(true);
      }
    }));
  });

  it('rounds fromRational once', () => {
    run(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (p, q) => {
      const z = F.fromRational(p, q);
      expect(overlap(T, { value: lift(z).value, error: T.add(lift(F.ulp(z)).value, lift(z).error) }, { value: T.fromRational(p, q), error: T.ulp(T.fromRational(p, q)) })).toBe(true);
    }));
  });

  it('has sqrt and exp accurate against the truth field', () => {
    run(fc.property(pos, fc.double({ min: -30, max: 30, noNaN: true }), (a, b) => {
      const A = x(a), B = x(b);
      const s = F.sqrt(A), tA = lift(A);
      const tS = boundedSqrt(T, tA);
      expect(overlap(T, { value: lift(s).value, error: T.add(lift(F.ulp(s)).value, lift(s).error) }, tS)).toBe(true);
      // Math.exp is within one IEEE ulp, decimal.js's exp correctly rounded: 2 ulp(x) covers both.
      const e = F.exp(B), tB = lift(B);
      const tE = T.exp(tB.value);
      // exp' = exp: an input error e_b moves exp by at most exp(b + e_b) e_b <= 2 exp(b) e_b here.
      const tEerr = T.add(T.mul(T.mul(T.fromNumber(2), tE), tB.error), T.ulp(tE));
      const eErr = F.add(F.ulp(e), F.ulp(e));
      expect(overlap(T, { value: lift(e).value, error: T.add(lift(eErr).value, lift(e).error) }, { value: tE, error: tEerr })).toBe(true);
      // sqrt(a)^2 and exp(b) exp(-b) within their propagated bounds.
      const sq = boundedMul(F, { value: s, error: F.ulp(s) }, { value: s, error: F.ulp(s) });
      expect(overlap(T, truthOf(sq), tA)).toBe(true);
      const one = boundedMul(F, { value: e, error: eErr }, { value: F.exp(F.neg(B)), error: F.add(F.ulp(F.exp(F.neg(B))), F.ulp(F.exp(F.neg(B)))) });
      expect(overlap(T, truthOf(one), { value: T.one, error: T.zero })).toBe(true);
    }));
  });

  it('has complex helpers that agree with the truth field', () => {
    run(fc.property(num, num, num, num, (a, b, d, e) => {
      const z = { re: x(a), im: x(b) }, w = { re: x(d), im: x(e) };
      const tz = { re: lift(z.re).value, im: lift(z.im).value }, tw = { re: lift(w.re).value, im: lift(w.im).value };
      const conj = complexConj(F, z);
      expect(F.cmp(conj.re, z.re)).toBe(0);
      expect(F.cmp(conj.im, F.neg(z.im))).toBe(0);
      const scale = T.add(T.add(T.abs(tz.re), T.abs(tz.im)), T.add(T.abs(tw.re), T.abs(tw.im)));
      // Each part: at most three roundings at most scale^2 (or scale) in size; 8 ulp(scale^2) + 8 ulp(scale) cover them.
      const tol = lift(F.add(F.mul(F.fromNumber(8), F.ulp(F.mul(x(T.toNumber(scale)), x(T.toNumber(scale))))), F.mul(F.fromNumber(8), F.ulp(x(T.toNumber(scale)))))).value;
      const close = (u: unknown, v: Decimal) => T.cmp(T.abs(T.sub(lift(u).value, v)), T.add(tol, T.mul(T.fromNumber(1e-40), T.add(T.one, T.abs(v))))) <= 0;
      const s = complexAdd(F, z, w), ts = complexAdd(T, tz, tw);
      expect(close(s.re, ts.re) && close(s.im, ts.im)).toBe(true);
      const p = complexMul(F, z, w), tp = complexMul(T, tz, tw);
      expect(close(p.re, tp.re) && close(p.im, tp.im)).toBe(true);
      expect(close(complexAbs2(F, z), complexAbs2(T, tz))).toBe(true);
    }));
  });

  it('propagates Bounded errors that bound the truth (add, sub, mul, div, sqrt and compositions)', () => {
    const input = fc.tuple(num, noise).map(([v, [rel, at]]) => ({ v, rel, at }));
    run(fc.property(input, input, input, ({ v: a, rel: ra, at: ta }, { v: b, rel: rb, at: tb }, { v: d, rel: rd, at: td }) => {
      // A bounded input of F and the exact quantity it stands for: value + at * error (in T).
      const mk = (v: number, rel: number, at: number): [Bounded<unknown>, Bounded<Decimal>] => {
        const value = x(v), error = F.abs(F.mul(value, x(rel)));
        const lv = lift(value), le = lift(error);
        return [{ value, error }, { value: T.add(lv.value, T.mul(T.fromNumber(at), le.value)), error: T.add(lv.error, le.error) }];
      };
      const [A, tA] = mk(a, ra, ta), [B, tB] = mk(b, rb, tb), [C, tC] = mk(d, rd, td);
      const ops: [string, Bounded<unknown>, Bounded<Decimal>][] = [
        ['add', boundedAdd(F, A, B), boundedAdd(T, tA, tB)],
        ['sub', boundedSub(F, A, B), boundedSub(T, tA, tB)],
        ['mul', boundedMul(F, A, B), boundedMul(T, tA, tB)],
        ['div', boundedDiv(F, A, B), boundedDiv(T, tA, tB)],
        ['(a b + c) / b', boundedDiv(F, boundedAdd(F, boundedMul(F, A, B), C), B), boundedDiv(T, boundedAdd(T, boundedMul(T, tA, tB), tC), tB)],
        ['sqrt(a^2 + b^2)', boundedSqrt(F, boundedAdd(F, boundedMul(F, A, A), boundedMul(F, B, B))), boundedSqrt(T, boundedAdd(T, boundedMul(T, tA, tA), boundedMul(T, tB, tB)))],
        ['sqrt |a|', boundedSqrt(F, { value: F.abs(A.value), error: A.error }), boundedSqrt(T, { value: T.abs(tA.value), error: tA.error })],
        ['a - a', boundedSub(F, A, A), { value: T.zero, error: T.zero }],
      ];
      for (const [name, got, truth] of ops) {
        // |truth - value| <= error (the truth's own roundings in its error).
        expect(overlap(T, truthOf(got), truth), `${name}: ${String(got.value)} +- ${String(got.error)} vs ${truth.value.toString()}`).toBe(true);
      }
    }));
  });

  it('decides verdicts: clear holds, clear violation, exact tie, margin inside the error (a tie, as in the engines)', () => {
    const b = (v: number, e = 0): Bounded<unknown> => ({ value: x(v), error: x(e) });
    for (const strict of [false, true]) {
      expect(verdict(b(1), b(2), strict, F)).toBe('holds');
      expect(verdict(b(1, 0.1), b(2, 0.1), strict, F)).toBe('holds');
      expect(verdict(b(3), b(2), strict, F)).toBe('violated');
      expect(verdict(b(3, 0.1), b(2, 0.1), strict, F)).toBe('violated');
      expect(verdict(b(2), b(2), strict, F)).toBe('tie');
      expect(verdict(b(0), b(0), strict, F)).toBe('tie');
      expect(verdict(b(1, 0.1), b(1.05, 0.1), strict, F)).toBe('tie');
      expect(verdict(b(1.05, 0.1), b(1, 0.1), strict, F)).toBe('tie');
      expect(verdict(b(2, 1e-30), b(2), strict, F)).toBe('tie');
      // decide() on the margin tells an exact tie from one within its error
      expect(decide(b(0), { strict }, F)).toMatchObject({ within: true, exact: true });
      expect(decide(b(0.05, 0.2), { strict }, F)).toMatchObject({ verdict: 'tie', within: true, exact: false });
      expect(decide(b(-0.05, 0.2), { strict, lowerBounds: true }, F)).toMatchObject({ verdict: 'unknown', within: true });
      expect(decide(b(0.5, 0.2), { strict, lowerBounds: true }, F).verdict).toBe('holds');
      // the field is inferred from the values
      expect(verdict(b(1), b(2), strict)).toBe('holds');
      expect(verdict(b(1, 0.1), b(1.05, 0.1), strict)).toBe('tie');
    }
    // one rounding apart with zero errors: decided exactly
    const one = x(1), next = F.add(one, F.ulp(one));
    expect(verdict({ value: one, error: F.zero }, { value: next, error: F.zero }, true, F)).toBe('holds');
    // (a + c) - c stands for a exactly: compared with a it is never 'violated'
    run(fc.property(num, num, (a, c) => {
      const s = boundedAdd(F, { value: x(a), error: F.zero }, { value: x(c), error: F.zero });
      const back = boundedSub(F, s, { value: x(c), error: F.zero });
      expect(verdict(back, { value: x(a), error: F.zero }, false, F)).not.toBe('violated');
      expect(verdict({ value: x(a), error: F.zero }, back, false, F)).not.toBe('violated');
    }));
  });
});

describe(`float64 fromRational beyond 2^53 (fast-check seed ${SEED})`, () => {
  const bits = new DataView(new ArrayBuffer(8));
  /** The next double above (dir 1) or below (dir -1) a finite x >= 0. */
  const neighbour = (x: number, dir: 1 | -1): number => {
    bits.setFloat64(0, x);
    bits.setBigUint64(0, bits.getBigUint64(0) + BigInt(dir));
    return bits.getFloat64(0);
  };
  /** A finite double x >= 0 as an exact rational [n, 2^s]. */
  const exact = (x: number): [bigint, bigint] => {
    bits.setFloat64(0, x);
    const u = bits.getBigUint64(0), e = Number(u >> 52n), f = u & ((1n << 52n) - 1n);
    const m = e === 0 ? f : f | (1n << 52n), s = 1075 - Math.max(e, 1);
    return s >= 0 ? [m, 1n << BigInt(s)] : [m << BigInt(-s), 1n];
  };
  /** |y - p/q| as an exact rational, to compare by cross-multiplication. */
  const dist = (y: number, p: bigint, q: bigint): [bigint, bigint] => {
    const [n, d] = exact(y);
    const num = n * q - p * d;
    return [num < 0n ? -num : num, d * q];
  };
  const cmp = ([a, b]: [bigint, bigint], [c, d]: [bigint, bigint]) => { const l = a * d, r = c * b; return l < r ? -1 : l > r ? 1 : 0; };
  /** x is the double nearest p / q (p, q > 0): no neighbour is strictly nearer, and at a tie x is even. */
  const nearest = (x: number, p: bigint, q: bigint): boolean => {
    const a = Math.abs(x);
    const d = dist(a, p, q), up = dist(neighbour(a, 1), p, q), down = a > 0 ? dist(neighbour(a, -1), p, q) : up;
    if (cmp(d, up) > 0 || cmp(d, down) > 0) return false;
    bits.setFloat64(0, a);
    return (cmp(d, up) !== 0 && cmp(d, down) !== 0) || (bits.getBigUint64(0) & 1n) === 0n;
  };
  const big = fc.bigInt({ min: 1n, max: 1n << 200n });

  it('is the nearest double (one rounding) for integers of up to 200 bits', () => {
    fc.assert(fc.property(big, big, fc.boolean(), (p, q, neg) => {
      const x = float64Field.fromRational(neg ? -p : p, q);
      expect(Math.sign(x)).toBe(neg ? -1 : 1);
      expect(nearest(x, p, q)).toBe(true);
    }), { seed: SEED, numRuns: 300 });
  });

  it('rounds where converting p and q first would round three times', () => {
    // p = 2^54 + 1 and q = 2^54 - 1: Number(p) / Number(q) gives 1, the nearest double is 1 + 2^-52.
    const p = (1n << 54n) + 1n, q = (1n << 54n) - 1n;
    expect(Number(p) / Number(q)).toBe(1);
    expect(float64Field.fromRational(p, q)).toBe(1 + 2 ** -52);
  });

  it('reaches the subnormals and the overflow as IEEE division would', () => {
    for (const [p, q] of [[3n, 1n << 1075n], [1n, 3n << 1070n], [(1n << 1100n) + 7n, 1n << 2000n], [(1n << 60n) + 1n, 1n << 1100n]] as const) {
      expect(nearest(float64Field.fromRational(p, q), p, q)).toBe(true);
    }
    expect(float64Field.fromRational(1n, 1n << 1080n)).toBe(0);
    expect(float64Field.fromRational(5n << 1100n, 3n)).toBe(Infinity);
    const [n, d] = exact(Number.MAX_VALUE);
    expect(float64Field.fromRational(n * 3n, d * 3n)).toBe(Number.MAX_VALUE);
  });
});
