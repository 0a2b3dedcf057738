/**
 * The scalar interface: one algorithm written once over a `Field<T>` passed explicitly (as SymPy
 * passes a domain, as mathjs dispatches over number/BigNumber), with two instances, float64
 * ({@link float64Field}) and decimal.js at a given number of digits ({@link decimalField}).
 *
 * On top of it: complex numbers over a field ({@link Complex}), values with a rigorous absolute
 * error bound ({@link Bounded}) and their propagation rules, and the one {@link Verdict} with the
 * one function deciding it from a bounded margin ({@link decide}).
 *
 * The contract of `ulp` on which every rule rests: for a field element x >= 0 produced by one
 * rounded operation (add, sub, mul, div, sqrt, fromRational, fromNumber) of exact value z,
 * (i) |z - x| <= ulp(x), and (ii) the rounded x + ulp(x) is >= x + |z - x| (adding ulp(x) rounds
 * up at least past the rounding that made x), and the rounded x - ulp(x) is <= z. Both instances
 * round to nearest, so (i) holds with a factor 2 to spare; (ii) is shown at each instance.
 */
import { Decimal } from './precise/index.js';
import { decimalContext } from './precise/index.js';

/** A (rounded) scalar field: the operations every numeric algorithm of heatbound needs. */
export interface Field<T> {
  /** A name for reports and test titles: 'float64', 'decimal(30)'. */
  readonly name: string;
  readonly zero: T;
  readonly one: T;
  /** True when the operations never round (ulp is 0); false for both instances here. */
  readonly exact: boolean;
  /** The field element nearest p / q (one rounding), for integers p and q != 0. */
  fromRational(p: number | bigint, q: number | bigint): T;
  /** The field element nearest the float64 x (one rounding at most). */
  fromNumber(x: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  /** -a, exact. */
  neg(a: T): T;
  /** The sign of a - b (-1, 0, 1), exact. */
  cmp(a: T, b: T): -1 | 0 | 1;
  /** |a|, exact. */
  abs(a: T): T;
  /** The square root of a >= 0, correctly rounded in both instances. */
  sqrt(a: T): T;
  /** e^a: correctly rounded in decimal.js, within about one ulp in float64 (Math.exp). */
  exp(a: T): T;
  /** A bound on one rounding at x (see the module comment for its exact contract). */
  ulp(x: T): T;
  /** The nearest float64. */
  toNumber(x: T): number;
}

const sign = (c: number): -1 | 0 | 1 => (c < 0 ? -1 : c > 0 ? 1 : 0);

/** 2^-52 and the smallest subnormal 2^-1074. */
const EPS52 = 2 ** -52;
const TINY = Number.MIN_VALUE;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** 2^e for any integer e, exact wherever 2^e is a double (two factors below 2^-1022). */
function pow2(e: number): number {
  return e < -1022 ? 2 ** (e + 1022) * 2 ** -1022 : 2 ** e;
}

/**
 * The double nearest p / q (ties to even), one rounding for any integers: when both are at most
 * 2^53 in size they convert exactly and IEEE division rounds once; otherwise the quotient is taken
 * in bigint with 55 or 56 bits, rounded to the double's precision (53 bits, fewer where the result
 * is subnormal) with the remainder as sticky bit, then scaled by a power of two, exactly.
 */
function float64Ratio(p: number | bigint, q: number | bigint): number {
  if (typeof p === 'number' && typeof q === 'number' && Number.isSafeInteger(p) && Number.isSafeInteger(q)) return p / q;
  let a = BigInt(p);
  let b = BigInt(q);
  if (b === 0n) return Number(a) / 0;
  if (b < 0n) [a, b] = [-a, -b];
  const negative = a < 0n;
  if (negative) a = -a;
  if (a <= SAFE && b <= SAFE) return (negative ? -Number(a) : Number(a)) / Number(b);
  const k = 55 - (a.toString(2).length - b.toString(2).length); // a 2^k / b lies in [2^54, 2^56)
  const scaledA = k >= 0 ? a << BigInt(k) : a;
  const scaledB = k >= 0 ? b : b << BigInt(-k);
  const Q = scaledA / scaledB;
  const sticky = scaledA % scaledB !== 0n;
  const d = Math.max(Q.toString(2).length - 53, k - 1074); // bits dropped: to 53, or to the 2^-1074 grid
  const kept = Q >> BigInt(d);
  const rest = Q - (kept << BigInt(d));
  const half = 1n << BigInt(d - 1);
  const up = rest > half || (rest === half && (sticky || (kept & 1n) === 1n));
  const m = Number(up ? kept + 1n : kept); // at most 2^53: exact
  const x = m * pow2(d - k); // exact, or overflow to Infinity
  return negative ? -x : x;
}

/**
 * IEEE double precision, round to nearest even. ulp(x) = 2^-52 |x| + 2^-1074: the spacing of the
 * doubles at x is at most 2^-52 |x| (at least the subnormal spacing 2^-1074), and one rounding to
 * nearest errs by at most half a spacing, so (i). For (ii): 2^-52 |x| is at least the spacing above
 * x, so x + ulp(x) is at least the next double and rounds (monotonically) to at least it; likewise
 * x - ulp(x) rounds to at most the previous double, below every value that rounds to x.
 */
export const float64Field: Field<number> = Object.freeze({
  name: 'float64',
  zero: 0,
  one: 1,
  exact: false,
  fromRational: (p: number | bigint, q: number | bigint) => float64Ratio(p, q),
  fromNumber: (x: number) => x,
  add: (a: number, b: number) => a + b,
  sub: (a: number, b: number) => a - b,
  mul: (a: number, b: number) => a * b,
  div: (a: number, b: number) => a / b,
  neg: (a: number) => -a,
  cmp: (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0),
  abs: (a: number) => Math.abs(a),
  sqrt: (a: number) => Math.sqrt(a),
  exp: (a: number) => Math.exp(a),
  ulp: (x: number) => Math.abs(x) * EPS52 + TINY,
  toNumber: (x: number) => x,
});

const decimalFields = new Map<number, Field<Decimal>>();

/**
 * decimal.js with `digits` significant digits, rounding half to even; the constructor comes from
 * {@link decimalContext} (cached). Every operation rounds with the field's own constructor: an
 * operand of that constructor calls its instance method (decimal.js rounds with `this.constructor`,
 * and copies the other operand into it), any other through the constructor's static method (which
 * copies both), so operands made elsewhere are rounded to `digits` here; both give the same digits. ulp(x) = 10^(e - digits + 1),
 * one unit in the last of `digits` places of x (exponent e): one rounding to nearest errs by at most
 * half of it (also when the result rounds up to a power of ten), so (i); x +- ulp(x) is exact
 * (at most one carry, to a power of ten, which is representable), so (ii). Underflow (exponents
 * below -9e15) is not modelled: ulp(0) = 0.
 */
export function decimalField(digits: number): Field<Decimal> {
  if (!Number.isInteger(digits) || digits < 1 || digits > 1e9) throw new RangeError(`decimalField: digits must be an integer in 1..1e9, got ${digits}`);
  const hit = decimalFields.get(digits);
  if (hit) return hit;
  const F = decimalFieldOver(decimalContext(digits, Decimal.ROUND_HALF_EVEN));
  decimalFields.set(digits, F);
  return F;
}

/**
 * The field of the Decimal constructor `D` (its precision and rounding mode), as
 * {@link decimalField} is for `decimalContext(digits, ROUND_HALF_EVEN)`: every operation rounds with
 * D (an operand of D by its instance method, others by D's static method), ulp(x) one unit in the last of D's `precision` places of x. Not cached.
 */
export function decimalFieldOver(D: typeof Decimal): Field<Decimal> {
  const digits = D.precision;
  const zero = new D(0);
  const infinity = new D(Infinity);
  // 10^e by exponent, made once each (Decimal values are immutable, so sharing them is safe).
  const units = new Map<number, Decimal>();
  const unitAt = (e: number): Decimal => {
    let u = units.get(e);
    if (u === undefined) units.set(e, (u = new D(`1e${e}`)));
    return u;
  };
  return Object.freeze({
    name: `decimal(${digits})`,
    zero,
    one: new D(1),
    exact: false,
    fromRational: (p: number | bigint, q: number | bigint) => D.div(new D(p.toString()), new D(q.toString())),
    // toPrecision(100) is the double's exact value whenever it has at most 100 significant digits.
    fromNumber: (x: number) => (Number.isFinite(x) ? D.add(new D(x.toPrecision(100)), 0) : new D(x)),
    add: (a: Decimal, b: Decimal) => (a.constructor === D ? a.plus(b) : D.add(a, b)),
    sub: (a: Decimal, b: Decimal) => (a.constructor === D ? a.minus(b) : D.sub(a, b)),
    mul: (a: Decimal, b: Decimal) => (a.constructor === D ? a.times(b) : D.mul(a, b)),
    div: (a: Decimal, b: Decimal) => (a.constructor === D ? a.div(b) : D.div(a, b)),
    neg: (a: Decimal) => a.neg(),
    cmp: (a: Decimal, b: Decimal) => sign(a.cmp(b)),
    abs: (a: Decimal) => a.abs(),
    sqrt: (a: Decimal) => (a.constructor === D ? a.sqrt() : D.sqrt(a)),
    exp: (a: Decimal) => (a.constructor === D ? a.exp() : D.exp(a)),
    ulp: (x: Decimal) => (!x.isFinite() ? infinity : x.isZero() ? zero : unitAt(x.e - digits + 1)),
    toNumber: (x: Decimal) => x.toNumber(),
  });
}

/** The field a value belongs to: float64 for a number, decimalField(its constructor's precision) for a Decimal. */
export function fieldOf<T>(x: T): Field<T> {
  if (typeof x === 'number') return float64Field as unknown as Field<T>;
  if (Decimal.isDecimal(x)) return decimalField((x.constructor as typeof Decimal).precision) as unknown as Field<T>;
  throw new TypeError('fieldOf: neither a number nor a Decimal');
}

// --- complex numbers over a field -----------------------------------------------------------

/** re + i im over a field. */
export interface Complex<T> {
  readonly re: T;
  readonly im: T;
}

/** a + b (one rounding per part). */
export function complexAdd<T>(F: Field<T>, a: Complex<T>, b: Complex<T>): Complex<T> {
  return { re: F.add(a.re, b.re), im: F.add(a.im, b.im) };
}

/** a b, each real product rounded before the sum. */
export function complexMul<T>(F: Field<T>, a: Complex<T>, b: Complex<T>): Complex<T> {
  return { re: F.sub(F.mul(a.re, b.re), F.mul(a.im, b.im)), im: F.add(F.mul(a.re, b.im), F.mul(a.im, b.re)) };
}

/** The conjugate of a (exact). */
export function complexConj<T>(F: Field<T>, a: Complex<T>): Complex<T> {
  return { re: a.re, im: F.neg(a.im) };
}

/** |a|^2 = re^2 + im^2. */
export function complexAbs2<T>(F: Field<T>, a: Complex<T>): T {
  return F.add(F.mul(a.re, a.re), F.mul(a.im, a.im));
}

// --- values with an error bound --------------------------------------------------------------

/** A computed `value` and a bound `error` >= 0 on its distance to the exact quantity it stands for. */
export interface Bounded<T> {
  readonly value: T;
  readonly error: T;
}

/** x with the given error (default 0: x is the quantity itself). */
export function bounded<T>(F: Field<T>, value: T, error: T = F.zero): Bounded<T> {
  return { value, error };
}

/** For x >= 0 the rounded x: at least x and at least the exact value x was rounded from (ulp contract (ii)). */
function up<T>(F: Field<T>, x: T): T {
  return F.exact ? x : F.add(x, F.ulp(x));
}
/** For x > 0: at most x and at most the exact value x was rounded from. */
function down<T>(F: Field<T>, x: T): T {
  return F.exact ? x : F.sub(x, F.ulp(x));
}
/** Upper bounds on a + b and a b (a, b >= 0): each rounded operation followed by `up`. */
const addUp = <T>(F: Field<T>, a: T, b: T): T => up(F, F.add(a, b));
const mulUp = <T>(F: Field<T>, a: T, b: T): T => up(F, F.mul(a, b));
/** An upper bound on a / b (a >= 0, b > 0). */
const divUp = <T>(F: Field<T>, a: T, b: T): T => up(F, F.div(a, b));
const infinity = <T>(F: Field<T>): T => F.fromNumber(Infinity);
/** One rounding of the computed value z (0 in an exact field). */
const rounding = <T>(F: Field<T>, z: T): T => (F.exact ? F.zero : F.ulp(z));

/**
 * x + y. With z = fl(x~ + y~): |(x + y) - z| <= |x - x~| + |y - y~| + |x~ + y~ - z|
 * <= e_x + e_y + ulp(z); every sum of the bound is rounded upwards.
 */
export function boundedAdd<T>(F: Field<T>, x: Bounded<T>, y: Bounded<T>): Bounded<T> {
  const z = F.add(x.value, y.value);
  return { value: z, error: addUp(F, addUp(F, x.error, y.error), rounding(F, z)) };
}

/** x - y: as {@link boundedAdd} with -y (negation is exact): e_x + e_y + ulp(z). */
export function boundedSub<T>(F: Field<T>, x: Bounded<T>, y: Bounded<T>): Bounded<T> {
  const z = F.sub(x.value, y.value);
  return { value: z, error: addUp(F, addUp(F, x.error, y.error), rounding(F, z)) };
}

/**
 * x y. From x y - x~ y~ = x~ (y - y~) + y~ (x - x~) + (x - x~)(y - y~):
 * |x y - z| <= |x~| e_y + |y~| e_x + e_x e_y + ulp(z), z = fl(x~ y~); no first-order truncation,
 * every product and sum of the bound rounded upwards.
 */
export function boundedMul<T>(F: Field<T>, x: Bounded<T>, y: Bounded<T>): Bounded<T> {
  const z = F.mul(x.value, y.value);
  const a = mulUp(F, F.abs(x.value), y.error), b = mulUp(F, F.abs(y.value), x.error), c = mulUp(F, x.error, y.error);
  return { value: z, error: addUp(F, addUp(F, addUp(F, a, b), c), rounding(F, z)) };
}

/**
 * x / y, for |y~| > e_y (else the error is infinite: y may be 0). From
 * x/y - x~/y~ = ((x - x~) - (x~/y~)(y - y~)) / y and |y| >= |y~| - e_y > 0:
 * |x/y - z| <= (e_x + |x~/y~| e_y) / (|y~| - e_y) + ulp(z), z = fl(x~/y~), with |x~/y~| <= |z| + ulp(z);
 * the numerator is rounded upwards and the denominator downwards.
 */
export function boundedDiv<T>(F: Field<T>, x: Bounded<T>, y: Bounded<T>): Bounded<T> {
  const z = F.div(x.value, y.value);
  const ay = F.abs(y.value);
  const gap = F.sub(ay, y.error);
  if (F.cmp(gap, F.zero) <= 0) return { value: z, error: infinity(F) };
  const den = F.cmp(y.error, F.zero) === 0 ? ay : down(F, gap);
  if (F.cmp(den, F.zero) <= 0) return { value: z, error: infinity(F) };
  const q = addUp(F, F.abs(z), rounding(F, z));
  const num = addUp(F, x.error, mulUp(F, q, y.error));
  return { value: z, error: addUp(F, divUp(F, num, den), rounding(F, z)) };
}

/**
 * sqrt(x) of a quantity known to be >= 0 (x~ may be slightly negative by round-off). Two bounds,
 * the smaller is taken: |sqrt x - sqrt x~| = |x - x~| / (sqrt x + sqrt x~) <= e_x / sqrt(x~) for
 * x~ > 0, and |sqrt a - sqrt b| <= sqrt |a - b| <= sqrt(e_x) for any a, b >= 0; plus ulp(z) for
 * z = fl(sqrt x~). For x~ <= 0 the value is 0 and x <= x~ + e_x <= e_x, so sqrt x <= sqrt(e_x).
 * sqrt(x~) >= down(z) and up(fl(sqrt e_x)) >= sqrt(e_x), sqrt being correctly rounded.
 */
export function boundedSqrt<T>(F: Field<T>, x: Bounded<T>): Bounded<T> {
  const rootErr = F.cmp(x.error, F.zero) === 0 ? F.zero : up(F, F.sqrt(x.error));
  if (F.cmp(x.value, F.zero) <= 0) return { value: F.zero, error: rootErr };
  const z = F.sqrt(x.value);
  let e = rootErr;
  const lo = down(F, z);
  if (F.cmp(lo, F.zero) > 0) {
    const rel = divUp(F, x.error, lo);
    if (F.cmp(rel, e) < 0) e = rel;
  }
  return { value: z, error: addUp(F, e, rounding(F, z)) };
}

// --- the verdict ---------------------------------------------------------------------------

/**
 * How a bound (or any inequality between bounded quantities) fares: the one verdict type of the
 * engines, the CLI, the properties and the proofs.
 *
 * - 'holds': the margin exceeds its error, so the exact margin is > 0;
 * - 'violated': the margin is below minus its error (for a strict claim also at minus its error),
 *   and every term is exact;
 * - 'tie': the margin lies within its error, exact equality (margin and error 0) included
 *   ({@link Decision} tells the two apart);
 * - 'unknown': the terms are only lower bounds (a method's `inexact` terms) and the margin does
 *   not exceed its error, so nothing but 'holds' could be decided.
 */
export type Verdict = 'holds' | 'violated' | 'tie' | 'unknown';

/** A verdict and what its caller needs besides the word. */
export interface Decision {
  readonly verdict: Verdict;
  /** The margin lies within its error (|m| <= e): a tie, or with lower-bound terms an 'unknown' that more digits may settle. */
  readonly within: boolean;
  /** Margin and error are both exactly 0: the quantities are equal, not only within round-off. */
  readonly exact: boolean;
}

/** How {@link decide} reads a margin. */
export interface DecideOptions {
  /** The claim is m > 0 (a margin of exactly minus its error, exact equality included, violates it); default m >= 0. */
  readonly strict?: boolean;
  /** The terms are only lower bounds of the quantities they stand for: no 'violated', no 'tie'. */
  readonly lowerBounds?: boolean;
}

/**
 * The verdict on the claim "margin >= 0" (> 0 when `strict`) from a computed margin m with an
 * error bound e (for a bound B on |J|: m = B - |J|, e = e_B + e_J): 'holds' when m > e, 'violated'
 * when m < -e (or m = -e when strict), 'tie' otherwise; with `lowerBounds` everything but 'holds'
 * is 'unknown'. The comparisons are exact (`F.cmp`); `F` defaults to the field of m.value.
 *
 * @example
 * decide({ value: 0, error: 1e-12 }).verdict // 'tie' (within: true, exact: false)
 * decide({ value: -1, error: 0.1 }, { lowerBounds: true }).verdict // 'unknown'
 */
export function decide<T>(m: Bounded<T>, opts: DecideOptions = {}, F: Field<T> = fieldOf(m.value)): Decision {
  const above = F.cmp(m.value, m.error), below = F.cmp(m.value, F.neg(m.error));
  const within = above <= 0 && below >= 0;
  const exact = within && F.cmp(m.error, F.zero) === 0;
  if (above > 0) return { verdict: 'holds', within, exact };
  if (opts.lowerBounds) return { verdict: 'unknown', within, exact };
  if (below < 0 || (opts.strict && below === 0)) return { verdict: 'violated', within, exact };
  return { verdict: 'tie', within, exact };
}

/**
 * The claim lhs <= rhs (lhs < rhs when `strict`) between the exact quantities that two bounded
 * values stand for, in the words of {@link Verdict}: when both errors are 0 the values are compared
 * exactly ('tie' at equality, strict or not: the caller, who knows which it asked, reads it), else
 * the margin rhs - lhs (a {@link boundedSub}, whose error covers its rounding) is {@link decide}d,
 * so a margin within its error is a 'tie' as in the engines. Use {@link decide} on the margin
 * itself to tell an exact tie from one within round-off. `F` defaults to the field of lhs.value.
 */
export function verdict<T>(lhs: Bounded<T>, rhs: Bounded<T>, strict: boolean, F: Field<T> = fieldOf(lhs.value)): Verdict {
  if (F.cmp(lhs.error, F.zero) === 0 && F.cmp(rhs.error, F.zero) === 0) {
    const c = F.cmp(lhs.value, rhs.value);
    return c < 0 ? 'holds' : c > 0 ? 'violated' : 'tie';
  }
  return decide(boundedSub(F, rhs, lhs), { strict }, F).verdict;
}
