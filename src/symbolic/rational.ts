/**
 * Exact rational numbers on bigint: the arithmetic of closed forms and proof certificates.
 * Decimal literals are exact: Q.parse('0.1') is 1/10.
 */
export class Q {
  /** Always reduced, den > 0. */
  private constructor(readonly num: bigint, readonly den: bigint) {}

  static readonly ZERO = new Q(0n, 1n);
  static readonly ONE = new Q(1n, 1n);

  /** n/d from integers (numbers must be safe integers). */
  static of(n: bigint | number, d: bigint | number = 1n): Q {
    const a = typeof n === 'bigint' ? n : BigInt(checkInt(n));
    const b = typeof d === 'bigint' ? d : BigInt(checkInt(d));
    if (b === 0n) throw new RangeError('rational with zero denominator');
    return Q.reduce(a, b);
  }

  /**
   * Exact value of a decimal or fraction text: "3", "-0.25", "1e-3", "2/3".
   *
   * @throws RangeError for text that is not a finite decimal or fraction
   */
  static parse(text: string): Q {
    const t = text.trim();
    const frac = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(t);
    if (frac) return Q.of(BigInt(frac[1]), BigInt(frac[2]));
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal number: '${text}'`);
    const digits = (m[2] || '0') + (m[3] ?? '');
    let exp = -(m[3] ?? '').length + (m[4] ? Number(m[4]) : 0);
    let num = BigInt(digits);
    let den = 1n;
    if (exp > 0) num *= 10n ** BigInt(exp);
    else if (exp < 0) den = 10n ** BigInt(-exp);
    exp = 0;
    return Q.reduce(m[1] === '-' ? -num : num, den);
  }

  /** The shortest decimal that reads back as x (so a param written 0.1 becomes 1/10). */
  static fromNumber(x: number): Q {
    if (!Number.isFinite(x)) throw new RangeError(`not finite: ${x}`);
    if (Number.isInteger(x) && Number.isSafeInteger(x)) return Q.of(x);
    return Q.parse(x.toString()) ;
  }

  /**
   * The exact value of a float64 (its binary fraction, m / 2^k), not the shortest decimal:
   * Q.ofDouble(0.1) is 3602879701896397/36028797018963968.
   */
  static ofDouble(x: number): Q {
    if (!Number.isFinite(x)) throw new RangeError(`not finite: ${x}`);
    let m = x, k = 0n;
    // Doubling is exact; at most 1074 steps (the smallest subnormal is 2^-1074).
    while (!Number.isInteger(m)) { m *= 2; k++; }
    return Q.reduce(BigInt(m), 1n << k);
  }

  private static reduce(a: bigint, b: bigint): Q {
    if (b < 0n) { a = -a; b = -b; }
    const g = gcd(a < 0n ? -a : a, b);
    return g === 1n ? new Q(a, b) : new Q(a / g, b / g);
  }

  add(o: Q): Q { return Q.reduce(this.num * o.den + o.num * this.den, this.den * o.den); }
  sub(o: Q): Q { return Q.reduce(this.num * o.den - o.num * this.den, this.den * o.den); }
  mul(o: Q): Q { return Q.reduce(this.num * o.num, this.den * o.den); }
  div(o: Q): Q {
    if (o.num === 0n) throw new RangeError('division by zero');
    return Q.reduce(this.num * o.den, this.den * o.num);
  }
  neg(): Q { return new Q(-this.num, this.den); }
  abs(): Q { return this.num < 0n ? this.neg() : this; }
  /** this^k for an integer k (negative k inverts). */
  pow(k: number): Q {
    if (k < 0) return Q.ONE.div(this).pow(-k);
    return Q.reduce(this.num ** BigInt(k), this.den ** BigInt(k));
  }
  sign(): -1 | 0 | 1 { return this.num < 0n ? -1 : this.num > 0n ? 1 : 0; }
  isZero(): boolean { return this.num === 0n; }
  isInteger(): boolean { return this.den === 1n; }
  cmp(o: Q): -1 | 0 | 1 { return this.sub(o).sign(); }
  equals(o: Q): boolean { return this.num === o.num && this.den === o.den; }
  /** Nearest float64. */
  toNumber(): number {
    const n = Number(this.num), d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    // Scale both down to avoid Infinity/Infinity.
    const shift = BigInt(Math.max(this.num.toString(2).length, this.den.toString(2).length) - 1000);
    return Number(this.num >> (shift > 0n ? shift : 0n)) / Number(this.den >> (shift > 0n ? shift : 0n));
  }
  /** "3", "-3/4". */
  toString(): string { return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`; }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function checkInt(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  return n;
}
