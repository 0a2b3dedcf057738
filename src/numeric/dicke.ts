/**
 * Collective operators in one total-spin sector j of L qubits, written once over a field: the
 * matrix elements below are defined here and built in any {@link SparseAlgebra} (the float64 CSR
 * of numeric/sparse, the Decimal sparse columns of the precise engine). The sector's basis is
 * |j, m>, indexed by p = m + j = 0..2j; in the fully symmetric sector j = L/2, p is the number of
 * up spins and |j, m> is the Dicke state. Sizes are given as twoJ = 2j (an integer).
 *
 *     Jz |j,m> = m |j,m>,   J+ |j,m> = sqrt((j-m)(j+m+1)) |j,m+1>,   J- |j,m> = sqrt((j+m)(j-m+1)) |j,m-1>.
 */
import { complexAbs2, complexMul, type Complex, type Field } from './field.js';
import type { Local } from './local.js';
import { float64Csr, type SparseAlgebra } from './sector-matrix.js';
import type { SparseMatrix } from './sparse.js';

/** A one-site operator over a field: [<u|M|u>, <u|M|d>, <d|M|u>, <d|M|d>] = [a, b, c, d]. */
export type OneSite<T> = readonly [Complex<T>, Complex<T>, Complex<T>, Complex<T>];

/** The collective spin operators of a sector by name (J+ is Jp, J- is Jm). */
export type DickeSpinName = 'Jx' | 'Jy' | 'Jz' | 'Jp' | 'Jm';

/**
 * Largest sector dimension for which a general (non-monomial) M^{(x)L} is built densely in float64:
 * float64 has no wider field for its alternating binomial sum ({@link DickeSector.sitePower}),
 * which loses precision beyond (checked against exact rationals; test/numeric/dicke-laws checks
 * it against decimal(30) to 1e-12 up to this size).
 */
export const maxGeneralPowerDimension = 25;

/**
 * The operators of the sector twoJ = 2j of L qubits in the algebra K: Jz, J+, J- (each built once,
 * on first use), the named spin operators, sum_k M_k and prod_k M_k of a one-site M, and K's
 * matrix operations. Its methods are those of symbolic's SectorAlgebra.
 *
 * @example
 * new DickeSector(float64Csr, 4, 4).named('Jx') // the 5 x 5 float64 CSR matrix of Jx at j = 2
 */
export class DickeSector<T, M> {
  private readonly F: Field<T>;
  private jzCache: M | null = null;
  private jpCache: M | null = null;
  private jmCache: M | null = null;
  private jxCache: M | null = null;
  private jyCache: M | null = null;

  constructor(readonly K: SparseAlgebra<T, M>, readonly L: number, readonly twoJ: number) {
    this.F = K.F;
  }

  /** c times Id. */
  identity(c: Complex<T>): M {
    const n = this.twoJ + 1;
    return this.K.build(n, (put) => { for (let p = 0; p < n; p++) put(p, p, c.re, c.im); });
  }

  /** Jz = diag(p - j), exact squared moduli (p - j)^2. */
  get jz(): M {
    const { F, twoJ } = this;
    this.jzCache ??= this.K.build(twoJ + 1, (put) => {
      for (let p = 0; p <= twoJ; p++) put(p, p, F.fromRational(2 * p - twoJ, 2), F.zero, (p - twoJ / 2) ** 2);
    });
    return this.jzCache;
  }

  /** J+ |p> = sqrt((2j - p)(p + 1)) |p + 1>, exact squared moduli (2j - p)(p + 1). */
  get jp(): M {
    const { F, twoJ } = this;
    this.jpCache ??= this.K.build(twoJ + 1, (put) => {
      for (let p = 0; p < twoJ; p++) { const k = (twoJ - p) * (p + 1); put(p + 1, p, F.sqrt(F.fromRational(k, 1)), F.zero, k); }
    });
    return this.jpCache;
  }

  /**
   * J- |p> = sqrt(p (2j - p + 1)) |p - 1>, exact squared moduli p (2j - p + 1): the transpose of J+
   * (its entries are real), which reuses J+'s square roots once J+ is built.
   */
  get jm(): M {
    const { F, K, twoJ } = this;
    this.jmCache ??= this.jpCache
      ? K.build(twoJ + 1, (put) => K.forEachEntry(this.jp, (r, c, v) => put(c, r, v.re, v.im, r * (twoJ - c))))
      : K.build(twoJ + 1, (put) => {
        for (let p = 1; p <= twoJ; p++) { const k = p * (twoJ - p + 1); put(p - 1, p, F.sqrt(F.fromRational(k, 1)), F.zero, k); }
      });
    return this.jmCache;
  }

  /** Jz, Jp, Jm, and Jx = (J+ + J-)/2, Jy = (J+ - J-)/2i (each built once: matrices are never changed in place). */
  named(name: DickeSpinName): M {
    const { F } = this;
    switch (name) {
      case 'Jz': return this.jz;
      case 'Jx': return (this.jxCache ??= this.add(this.scale(this.jp, { re: F.fromRational(1, 2), im: F.zero }), this.jm, { re: F.fromRational(1, 2), im: F.zero }));
      case 'Jy': return (this.jyCache ??= this.add(this.scale(this.jp, { re: F.zero, im: F.fromRational(-1, 2) }), this.jm, { re: F.zero, im: F.fromRational(1, 2) }));
      case 'Jp': return this.jp;
      case 'Jm': return this.jm;
    }
  }

  /** a + beta b. */
  add(a: M, b: M, beta: Complex<T>): M { return this.K.add(a, b, beta); }
  /** c a. */
  scale(a: M, c: Complex<T>): M { return this.K.scale(a, c); }
  /** a b. */
  mul(a: M, b: M): M { return this.K.mul(a, b); }
  /** a^+. */
  adjoint(a: M): M { return this.K.adjoint(a); }

  /** sum_k M_k = (a+d) L/2 + (a-d) Jz + b J+ + c J-; a term whose coefficient is exactly 0 is left out (not built). */
  siteSum(M: OneSite<T>): M {
    const { F } = this;
    const [a, b, c, d] = M;
    const halfL = F.fromRational(this.L, 2);
    let s = this.identity({ re: F.mul(F.add(a.re, d.re), halfL), im: F.mul(F.add(a.im, d.im), halfL) });
    const cz = { re: F.sub(a.re, d.re), im: F.sub(a.im, d.im) };
    if (!isZero(F, cz)) s = this.add(s, this.jz, cz);
    if (!isZero(F, b)) s = this.add(s, this.jp, b);
    if (!isZero(F, c)) s = this.add(s, this.jm, c);
    return s;
  }

  /**
   * prod_k M_k = M^{(x)L} on the sector: det(M)^{L/2-j} times the symmetric power Sym^{2j}(M)
   * (Schur-Weyl duality). A monomial M (diagonal or anti-diagonal) gives a monomial matrix for any
   * size; a general M is built densely up to `limit` (its alternating sum cancels: it runs in
   * K.widen of as many more digits as it may lose, where K has a wider field).
   *
   * @param limit the largest sector dimension for a general M
   * @param tooLarge the error for a general M on a larger sector (default a RangeError)
   * @throws the error of `tooLarge`
   */
  sitePower(M: OneSite<T>, limit: number, tooLarge: (n: number) => Error = (n) => new RangeError(`prod over all sites of a general one-site operator needs a dense ${n} x ${n} sector matrix (limit ${limit})`)): M {
    const { F, K, twoJ, L } = this;
    const n = twoJ + 1;
    const [a, b, c, d] = M;
    const ad = complexMul(F, a, d), bc = complexMul(F, b, c);
    const scale = complexPow(F, { re: F.sub(ad.re, bc.re), im: F.sub(ad.im, bc.im) }, (L - twoJ) / 2, K.realPower);
    const entry = (x: Complex<T>, y: Complex<T>): Complex<T> => complexMul(F, scale, complexMul(F, x, y));
    const monomial = (isZero(F, b) && isZero(F, c)) || (isZero(F, a) && isZero(F, d));
    // scale = det(M)^(L/2-j) is 0: so is every entry.
    if (monomial && isZero(F, scale)) return K.build(n, () => undefined);
    if (isZero(F, b) && isZero(F, c)) {
      // |p ups> -> a^p d^(2j-p) |p ups>
      const ap = complexPowers(F, a, twoJ, K.realPower), dp = complexPowers(F, d, twoJ, K.realPower);
      return K.build(n, (put) => { for (let p = 0; p <= twoJ; p++) { const v = entry(ap[p], dp[twoJ - p]); put(p, p, v.re, v.im); } });
    }
    if (isZero(F, a) && isZero(F, d)) {
      // M|u> = c|d>, M|d> = b|u>: |p ups> -> c^p b^(2j-p) |(2j-p) ups>
      const cp = complexPowers(F, c, twoJ, K.realPower), bp = complexPowers(F, b, twoJ, K.realPower);
      return K.build(n, (put) => { for (let p = 0; p <= twoJ; p++) { const v = entry(cp[p], bp[twoJ - p]); put(twoJ - p, p, v.re, v.im); } });
    }
    if (n > limit) throw tooLarge(n);
    return this.generalPower(M, scale);
  }

  /**
   * <q|Sym^N(M)|p> = sqrt(C(N,p)/C(N,q)) sum_i C(p,i) C(N-p,q-i) a^i c^(p-i) b^(q-i) d^(N-p-q+i), N = 2j,
   * with exact (BigInt) binomials. The alternating sum cancels up to (|a|+|b|+|c|+|d|)^N / ||M||^N;
   * it runs in K.widen of that many more digits, and each entry is rounded back to F once.
   */
  private generalPower(M: OneSite<T>, scale: Complex<T>): M {
    const { F, K } = this;
    const N = this.twoJ;
    const abs = M.map((z) => F.toNumber(F.sqrt(complexAbs2(F, z))));
    // ||M||_2 >= max |entry|, and the terms of a sum are at most (sum |entries|)^N times a binomial ratio <= 2^N.
    const top = Math.max(...abs);
    const W = K.widen(Math.max(0, Math.ceil(N * Math.log10((2 * abs.reduce((s, x) => s + x, 0)) / top))) + 5);
    const [pa, pb, pc, pd] = M.map((z) => complexPowers(W, z, N, W === F ? K.realPower : undefined));
    const C = binomials(N);
    // x + 0 in F: the element of F nearest the W value x (one rounding).
    const back = (x: T): T => F.add(x, F.zero);
    return K.build(N + 1, (put) => {
      for (let p = 0; p <= N; p++) {
        for (let q = 0; q <= N; q++) {
          let sr = W.zero, si = W.zero;
          for (let i = Math.max(0, p + q - N); i <= Math.min(p, q); i++) {
            const t = complexMul(W, complexMul(W, pa[i], pc[p - i]), complexMul(W, pb[q - i], pd[N - p - q + i]));
            const coef = W.fromRational(C[p][i] * C[N - p][q - i], 1n);
            sr = W.add(sr, W.mul(t.re, coef));
            si = W.add(si, W.mul(t.im, coef));
          }
          const f = W.sqrt(W.fromRational(C[N][p], C[N][q]));
          const v = complexMul(W, scale, { re: W.mul(sr, f), im: W.mul(si, f) });
          put(q, p, back(v.re), back(v.im));
        }
      }
    }, (N + 1) * (N + 1));
  }
}

function isZero<T>(F: Field<T>, z: Complex<T>): boolean {
  return F.cmp(z.re, F.zero) === 0 && F.cmp(z.im, F.zero) === 0;
}

/** z^k for an integer k >= 0, 0^0 = 1: by `realPower` for a real z where given, else by squaring. */
export function complexPow<T>(F: Field<T>, z: Complex<T>, k: number, realPower?: (x: T, k: number) => T): Complex<T> {
  if (k === 0) return { re: F.one, im: F.zero };
  if (realPower && F.cmp(z.im, F.zero) === 0) return { re: realPower(z.re, k), im: F.zero };
  let acc: Complex<T> = { re: F.one, im: F.zero };
  let base = z;
  let e = k;
  while (e > 0) {
    if (e & 1) acc = complexMul(F, acc, base);
    e = Math.floor(e / 2);
    if (e > 0) base = complexMul(F, base, base);
  }
  return acc;
}

/**
 * [z^0, z^1, ..., z^n] (0^0 = 1): by `realPower` for a real z where given, else each from the
 * previous by one multiplication.
 */
export function complexPowers<T>(F: Field<T>, z: Complex<T>, n: number, realPower?: (x: T, k: number) => T): Complex<T>[] {
  const out: Complex<T>[] = [{ re: F.one, im: F.zero }];
  if (realPower && F.cmp(z.im, F.zero) === 0) {
    for (let k = 1; k <= n; k++) out.push({ re: realPower(z.re, k), im: F.zero });
    return out;
  }
  const zero = isZero(F, z);
  for (let k = 1; k <= n; k++) out.push(zero ? { re: F.zero, im: F.zero } : complexMul(F, out[k - 1], z));
  return out;
}

/** Binomial coefficients C(m, i), m = 0..N, exactly (BigInt). */
export function binomials(N: number): bigint[][] {
  const t: bigint[][] = [[1n]];
  for (let m = 1; m <= N; m++) {
    const row: bigint[] = [1n];
    for (let i = 1; i < m; i++) row.push(t[m - 1][i - 1] + t[m - 1][i]);
    row.push(1n);
    t.push(row);
  }
  return t;
}

// --- the float64 CSR instance under its historical names ---------------------------------------

/** A float64 one-site operator (numeric/local) as complex entries. */
function oneSite(M: Local): OneSite<number> {
  return [{ re: M[0], im: M[1] }, { re: M[2], im: M[3] }, { re: M[4], im: M[5] }, { re: M[6], im: M[7] }];
}

/** Jz: diag(m), m = p - j (float64 CSR). */
export function sectorJz(twoJ: number): SparseMatrix {
  return new DickeSector(float64Csr, twoJ, twoJ).jz;
}

/** J+ |j,m> = sqrt((j-m)(j+m+1)) |j,m+1> (float64 CSR). */
export function sectorJp(twoJ: number): SparseMatrix {
  return new DickeSector(float64Csr, twoJ, twoJ).jp;
}

/** J- |j,m> = sqrt((j+m)(j-m+1)) |j,m-1> (float64 CSR). */
export function sectorJm(twoJ: number): SparseMatrix {
  return new DickeSector(float64Csr, twoJ, twoJ).jm;
}

/**
 * sum_k M_k on the sector j of L qubits: (a+d) L/2 + (a-d) Jz + b J+ + c J-, with
 * M = [[a, b], [c, d]] in the basis (u, d) (float64 CSR; {@link DickeSector.siteSum}).
 */
export function sectorSiteSum(M: Local, L: number, twoJ: number): SparseMatrix {
  return new DickeSector(float64Csr, L, twoJ).siteSum(oneSite(M));
}

/**
 * prod_k M_k = M^{(x)L} on the sector j (float64 CSR; {@link DickeSector.sitePower}): a monomial
 * M at any size, a general M up to {@link maxGeneralPowerDimension}.
 *
 * @throws RangeError for a general M on a larger sector
 */
export function sectorSitePower(M: Local, L: number, twoJ: number): SparseMatrix {
  return new DickeSector(float64Csr, L, twoJ).sitePower(oneSite(M), maxGeneralPowerDimension);
}

function logBinomials(N: number): Float64Array {
  const out = new Float64Array(N + 1);
  for (let k = 1; k <= N; k++) out[k] = out[k - 1] + Math.log((N - k + 1) / k);
  return out;
}

/**
 * Amplitudes of the coherent spin state (every qubit cos(theta/2)|u> + e^{i phi} sin(theta/2)|d>)
 * in the Dicke basis of L qubits: sqrt(C(L,p)) cos^p(theta/2) (e^{i phi} sin(theta/2))^(L-p).
 */
export function coherentDickeAmplitudes(L: number, theta: number, phi: number): [Float64Array, Float64Array] {
  const re = new Float64Array(L + 1), im = new Float64Array(L + 1);
  const lb = logBinomials(L);
  const cu = Math.cos(theta / 2), sd = Math.sin(theta / 2);
  for (let p = 0; p <= L; p++) {
    const k = L - p;
    if ((cu === 0 && p > 0) || (sd === 0 && k > 0)) continue;
    const logMag = 0.5 * lb[p] + (p > 0 ? p * Math.log(Math.abs(cu)) : 0) + (k > 0 ? k * Math.log(Math.abs(sd)) : 0);
    const sign = (cu < 0 && p % 2 === 1 ? -1 : 1) * (sd < 0 && k % 2 === 1 ? -1 : 1);
    const mag = sign * Math.exp(logMag);
    re[p] = mag * Math.cos(k * phi);
    im[p] = mag * Math.sin(k * phi);
  }
  return [re, im];
}
