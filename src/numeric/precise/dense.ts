/**
 * Dense complex matrices in Decimal, and the scaled-integer (BigInt fixed-point) kernels that do
 * their O(n^3) arithmetic. decimal.js allocates a new object for every operation and needs about a
 * microsecond per product at 40 digits; a BigInt product of the same width takes a fifteenth of
 * that. So products convert each row (or column) to integers carrying a shared power of two,
 * accumulate exactly, and round once, back to the working precision.
 */
import type { Decimal } from './context.js';
import { DimensionError } from '../linalg/index.js';
import type { Precision } from './context.js';

/** A dense n x n complex matrix in Decimal, row-major: entry (i, j) at i*n + j. */
export interface DMatrix {
  readonly n: number;
  readonly re: Decimal[];
  readonly im: Decimal[];
}

const LOG2_10 = Math.log2(10);

/**
 * The n x n zero matrix.
 *
 * @example
 * const z = dZeros(precision(20), 3);
 */
export function dZeros(P: Precision, n: number): DMatrix {
  requireOrder(n);
  const zero = new P.D(0);
  return { n, re: new Array<Decimal>(n * n).fill(zero), im: new Array<Decimal>(n * n).fill(zero) };
}

/**
 * The n x n identity matrix.
 *
 * @example
 * const id = dIdentity(precision(20), 3);
 */
export function dIdentity(P: Precision, n: number): DMatrix {
  const m = dZeros(P, n);
  const one = new P.D(1);
  for (let i = 0; i < n; i++) m.re[i * n + i] = one;
  return m;
}

/**
 * The Decimal matrix holding exactly the binary values of a row-major float64 pair (re, im): no
 * rounding, 0.1 becomes 0.1000000000000000055511151231257827021181583404541015625.
 *
 * @throws DimensionError if re or im does not have n*n entries; RangeError on a non-finite entry.
 * @example
 * const m = dFromFloat64(precision(20), 1, Float64Array.of(0.5), Float64Array.of(0));
 */
export function dFromFloat64(P: Precision, n: number, re: Float64Array, im: Float64Array): DMatrix {
  requireOrder(n);
  if (re.length !== n * n) throw new DimensionError('dFromFloat64: re', n * n, re.length);
  if (im.length !== n * n) throw new DimensionError('dFromFloat64: im', n * n, im.length);
  const out = { n, re: new Array<Decimal>(n * n), im: new Array<Decimal>(n * n) };
  for (let k = 0; k < n * n; k++) {
    out.re[k] = float64ToDecimal(P, re[k]);
    out.im[k] = float64ToDecimal(P, im[k]);
  }
  return out;
}

/**
 * The nearest float64 of every entry, as a row-major pair (re, im).
 *
 * @example
 * const { re, im } = dToFloat64(dIdentity(precision(20), 2));
 */
export function dToFloat64(m: DMatrix): { re: Float64Array; im: Float64Array } {
  requireMatrix('dToFloat64', m);
  const re = new Float64Array(m.n * m.n);
  const im = new Float64Array(m.n * m.n);
  for (let k = 0; k < re.length; k++) {
    re[k] = m.re[k].toNumber();
    im[k] = m.im[k].toNumber();
  }
  return { re, im };
}

/**
 * The conjugate transpose a^+ (exact).
 *
 * @example
 * const ah = dAdjoint(a);
 */
export function dAdjoint(a: DMatrix): DMatrix {
  requireMatrix('dAdjoint', a);
  const n = a.n;
  const out = { n, re: new Array<Decimal>(n * n), im: new Array<Decimal>(n * n) };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out.re[i * n + j] = a.re[j * n + i];
      out.im[i * n + j] = a.im[j * n + i].neg();
    }
  }
  return out;
}

/**
 * The product a b. Each entry is an exact sum of exact products of the inputs rounded to
 * `digits + guard + 8 + log2 n` bits relative to the largest entry of their row of a and column of
 * b, then rounded once to the working precision of P.
 *
 * @throws DimensionError if a and b have different orders.
 * @example
 * const c = dMul(P, a, b);
 */
export function dMul(P: Precision, a: DMatrix, b: DMatrix): DMatrix {
  requirePair('dMul', a, b);
  const bits = productBits(P, a.n);
  return productOfScaled(P, a.n, scaledVectors(a, bits, 'rows'), scaledVectors(b, bits, 'columns'));
}

/**
 * The product a^+ b, with the accuracy of {@link dMul} (relative to the columns of a and of b).
 *
 * @throws DimensionError if a and b have different orders.
 * @example
 * const gram = dAdjointMul(P, v, v); // V^+ V
 */
export function dAdjointMul(P: Precision, a: DMatrix, b: DMatrix): DMatrix {
  requirePair('dAdjointMul', a, b);
  const bits = productBits(P, a.n);
  return productOfScaled(P, a.n, scaledVectors(a, bits, 'conjColumns'), scaledVectors(b, bits, 'columns'));
}

/**
 * V^+ A V, as two products ({@link dMul} then {@link dAdjointMul}); for unitary V this is A in the
 * basis of the columns of V.
 *
 * @throws DimensionError if V and A have different orders.
 * @example
 * const m = dSandwich(P, vectors, h); // nearly diagonal for eigenvectors of h
 */
export function dSandwich(P: Precision, V: DMatrix, A: DMatrix): DMatrix {
  return dAdjointMul(P, V, dMul(P, A, V));
}

/**
 * max_ij |a_ij - conj(a_ji)| (complex modulus), 0 for an exactly Hermitian matrix.
 *
 * @example
 * if (dHermitianResidual(P, h).gt(P.eps.times(dMaxAbs(P, h)))) throw new Error('not Hermitian');
 */
export function dHermitianResidual(P: Precision, a: DMatrix): Decimal {
  requireMatrix('dHermitianResidual', a);
  const { D } = P;
  const n = a.n;
  let worst = new D(0);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const dr = D.sub(a.re[i * n + j], a.re[j * n + i]);
      const di = D.add(a.im[i * n + j], a.im[j * n + i]);
      const s = dr.times(dr).plus(di.times(di));
      if (s.gt(worst)) worst = s;
    }
  }
  return worst.sqrt();
}

/**
 * max_ij |a_ij| (complex modulus).
 *
 * @example
 * const scale = dMaxAbs(P, h);
 */
export function dMaxAbs(P: Precision, a: DMatrix): Decimal {
  requireMatrix('dMaxAbs', a);
  let worst = new P.D(0);
  for (let k = 0; k < a.re.length; k++) {
    const s = P.D.mul(a.re[k], a.re[k]).plus(P.D.mul(a.im[k], a.im[k]));
    if (s.gt(worst)) worst = s;
  }
  return worst.sqrt();
}

/** Throws unless `m` is a well-formed square matrix. */
export function requireMatrix(what: string, m: DMatrix): void {
  requireOrder(m.n);
  if (m.re.length !== m.n * m.n) throw new DimensionError(`${what}: re`, m.n * m.n, m.re.length);
  if (m.im.length !== m.n * m.n) throw new DimensionError(`${what}: im`, m.n * m.n, m.im.length);
}

function requireOrder(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`matrix order must be a non-negative integer, got ${n}`);
}

function requirePair(what: string, a: DMatrix, b: DMatrix): void {
  requireMatrix(`${what}: a`, a);
  requireMatrix(`${what}: b`, b);
  if (b.re.length !== a.re.length) throw new DimensionError(`${what}: b`, a.re.length, b.re.length);
}

// ---------------------------------------------------------------------------------------------
// Scaled-integer kernels. A scaled integer v with shift s stands for v * 2^-s.

/** n vectors of length n, vector r at r*n..r*n+n-1, vector r scaled by 2^shift[r]. */
interface ScaledVectors {
  readonly re: bigint[];
  readonly im: bigint[];
  readonly shift: Int32Array;
}

function productBits(P: Precision, n: number): number {
  return Math.ceil(LOG2_10 * (P.digits + P.guard)) + 8 + Math.ceil(Math.log2(n + 1));
}

/** Rows, columns or conjugated columns (the rows of a^+) of a, each scaled to `bits` bits. */
function scaledVectors(a: DMatrix, bits: number, mode: 'rows' | 'columns' | 'conjColumns'): ScaledVectors {
  const n = a.n;
  const re = new Array<bigint>(n * n);
  const im = new Array<bigint>(n * n);
  const shift = new Int32Array(n);
  const rowStride = mode === 'rows' ? n : 1;
  const entryStride = mode === 'rows' ? 1 : n;
  for (let v = 0; v < n; v++) {
    let top = -Infinity;
    for (let k = 0; k < n; k++) {
      const idx = v * rowStride + k * entryStride;
      top = Math.max(top, decimalExponent(a.re[idx]), decimalExponent(a.im[idx]));
    }
    const s = top === -Infinity ? 0 : bits - Math.ceil((top + 1) * LOG2_10);
    shift[v] = s;
    for (let k = 0; k < n; k++) {
      const idx = v * rowStride + k * entryStride;
      re[v * n + k] = decimalToScaled(a.re[idx], s);
      const y = decimalToScaled(a.im[idx], s);
      im[v * n + k] = mode === 'conjColumns' ? -y : y;
    }
  }
  return { re, im, shift };
}

/** C_ij = sum_k L_i[k] R_j[k], summed exactly and rounded once to the working precision. */
function productOfScaled(P: Precision, n: number, L: ScaledVectors, R: ScaledVectors): DMatrix {
  const out = { n, re: new Array<Decimal>(n * n), im: new Array<Decimal>(n * n) };
  const { re: lr, im: li } = L;
  const { re: rr, im: ri } = R;
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let j = 0; j < n; j++) {
      const jo = j * n;
      let sr = 0n;
      let si = 0n;
      for (let k = 0; k < n; k++) {
        const ar = lr[io + k];
        const ai = li[io + k];
        if (ar === 0n && ai === 0n) continue;
        const br = rr[jo + k];
        const bi = ri[jo + k];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      const s = L.shift[i] + R.shift[j];
      out.re[io + j] = scaledToDecimal(P, sr, s);
      out.im[io + j] = scaledToDecimal(P, si, s);
    }
  }
  return out;
}

/** Base-10 exponent of the leading digit of x, -Infinity for zero. @throws RangeError if not finite. */
export function decimalExponent(x: Decimal): number {
  if (!x.isFinite()) throw new RangeError(`non-finite Decimal entry: ${x.toString()}`);
  return x.isZero() ? -Infinity : x.e;
}

/** The smallest k with |x| < 2^k (possibly up to 4 too large); -Infinity for zero. */
export function binaryExponentBound(x: Decimal): number {
  const e = decimalExponent(x);
  return e === -Infinity ? e : Math.ceil((e + 1) * LOG2_10);
}

/** round(x * 2^shift), ties away from zero. @throws RangeError if x is not finite. */
export function decimalToScaled(x: Decimal, shift: number): bigint {
  if (decimalExponent(x) === -Infinity) return 0n;
  const words = x.d;
  let digits = String(words[0]);
  for (let w = 1; w < words.length; w++) digits += String(words[w]).padStart(7, '0');
  const e10 = x.e - (digits.length - 1);
  let num = BigInt(digits);
  let den = 1n;
  if (e10 >= 0) num *= pow10(e10);
  else den = pow10(-e10);
  if (shift >= 0) num <<= BigInt(shift);
  else den <<= BigInt(-shift);
  const q = den === 1n ? num : (2n * num + den) / (2n * den);
  return x.s < 0 ? -q : q;
}

/** v * 2^-shift, correctly rounded to the working precision of P. */
export function scaledToDecimal(P: Precision, v: bigint, shift: number): Decimal {
  if (v === 0n) return new P.D(0);
  const digits = P.D.precision;
  const keep = Math.ceil(digits * LOG2_10) + 8;
  const drop = bitLength(v) - keep;
  if (drop > 0) {
    v = shortenToOdd(v, drop);
    shift -= drop;
  }
  const exact = shift <= 0 ? (v << BigInt(-shift)).toString() : `${v * pow5(shift)}e-${shift}`;
  return new P.D(exact).toSignificantDigits(digits);
}

/** round(x * 2^shift) for a finite double. */
export function float64ToScaled(x: number, shift: number): bigint {
  const { negative, mant, exp2 } = float64Parts(x);
  const s = exp2 + shift;
  const q = s >= 0 ? mant << BigInt(s) : roundShift(mant, -s);
  return negative ? -q : q;
}

/** The double nearest to v * 2^-shift (round-to-odd first, so there is no double rounding). */
export function scaledToFloat64(v: bigint, shift: number): number {
  const drop = bitLength(v) - 64;
  if (drop > 0) {
    v = shortenToOdd(v, drop);
    shift -= drop;
  }
  let x = Number(v);
  // Scale in steps so that the intermediate never overflows or underflows early.
  while (shift > 1000) {
    x *= 2 ** -1000;
    shift -= 1000;
  }
  while (shift < -1000) {
    x *= 2 ** 1000;
    shift += 1000;
  }
  return x * 2 ** -shift;
}

/** round(x / 2^s) for s >= 1, ties toward +infinity. */
export function roundShift(x: bigint, s: number): bigint {
  const b = BigInt(s);
  return (x + (1n << (b - 1n))) >> b;
}

/** floor(sqrt(x)) for x >= 0. @throws RangeError for negative x. */
export function isqrt(x: bigint): bigint {
  if (x < 0n) throw new RangeError('isqrt of a negative number');
  if (x < 4503599627370496n) return BigInt(Math.floor(Math.sqrt(Number(x))));
  const half = Math.max(0, (bitLength(x) - 52) >> 1);
  const h = BigInt(half);
  // An overestimate from the leading 52..53 bits, then Newton from above.
  let r = (BigInt(Math.floor(Math.sqrt(Number(x >> (2n * h))))) + 2n) << h;
  for (;;) {
    const next = (r + x / r) >> 1n;
    if (next >= r) return r;
    r = next;
  }
}

/** Number of bits of |v| (0 for 0). */
export function bitLength(v: bigint): number {
  if (v < 0n) v = -v;
  if (v === 0n) return 0;
  const hex = v.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/** v / 2^drop truncated toward zero, with the last bit set if anything nonzero was dropped. */
function shortenToOdd(v: bigint, drop: number): bigint {
  const negative = v < 0n;
  const a = negative ? -v : v;
  const b = BigInt(drop);
  let q = a >> b;
  if (q << b !== a) q |= 1n;
  return negative ? -q : q;
}

/** x = (-1)^negative * mant * 2^exp2 exactly, mant odd (or 0). @throws RangeError if not finite. */
function float64Parts(x: number): { negative: boolean; mant: bigint; exp2: number } {
  if (!Number.isFinite(x)) throw new RangeError(`non-finite float64 entry: ${x}`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2 = -1074;
  if (biased !== 0) {
    mant |= 1n << 52n;
    exp2 = biased - 1075;
  }
  if (mant === 0n) return { negative: hi >>> 31 === 1, mant, exp2: 0 };
  while ((mant & 1n) === 0n) {
    mant >>= 1n;
    exp2++;
  }
  return { negative: hi >>> 31 === 1, mant, exp2 };
}

function float64ToDecimal(P: Precision, x: number): Decimal {
  const { negative, mant, exp2 } = float64Parts(x);
  const sign = negative ? '-' : '';
  if (exp2 >= 0) return new P.D(sign + (mant << BigInt(exp2)).toString());
  return new P.D(`${sign}${mant * pow5(-exp2)}e${exp2}`);
}

const pow10Cache = new Map<number, bigint>();
const pow5Cache = new Map<number, bigint>();

function pow10(k: number): bigint {
  let p = pow10Cache.get(k);
  if (p === undefined) {
    p = 10n ** BigInt(k);
    if (pow10Cache.size < 4096) pow10Cache.set(k, p);
  }
  return p;
}

function pow5(k: number): bigint {
  let p = pow5Cache.get(k);
  if (p === undefined) {
    p = 5n ** BigInt(k);
    if (pow5Cache.size < 4096) pow5Cache.set(k, p);
  }
  return p;
}
