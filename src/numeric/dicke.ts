/**
 * Collective operators in one total-spin sector j of L qubits. The sector's basis is |j, m>,
 * indexed by p = m + j = 0..2j; in the fully symmetric sector j = L/2, p is the number of up spins
 * and |j, m> is the Dicke state. Sizes are given as twoJ = 2j (an integer).
 */
import { type Local, localDet } from './local.js';
import { type SparseMatrix, TripletBuilder, sparseAdd, sparseIdentity } from './sparse.js';

/** Jz: diag(m), m = p - j. */
export function sectorJz(twoJ: number): SparseMatrix {
  const b = new TripletBuilder(twoJ + 1, twoJ + 1);
  for (let p = 0; p <= twoJ; p++) b.add(p, p, p - twoJ / 2, 0, (p - twoJ / 2) ** 2);
  return b.build();
}

/** J+ |j,m> = sqrt((j-m)(j+m+1)) |j,m+1>. */
export function sectorJp(twoJ: number): SparseMatrix {
  const b = new TripletBuilder(twoJ + 1, twoJ + 1);
  for (let p = 0; p < twoJ; p++) b.add(p + 1, p, Math.sqrt((twoJ - p) * (p + 1)), 0, (twoJ - p) * (p + 1));
  return b.build();
}

/** J- |j,m> = sqrt((j+m)(j-m+1)) |j,m-1>. */
export function sectorJm(twoJ: number): SparseMatrix {
  const b = new TripletBuilder(twoJ + 1, twoJ + 1);
  for (let p = 1; p <= twoJ; p++) b.add(p - 1, p, Math.sqrt(p * (twoJ - p + 1)), 0, p * (twoJ - p + 1));
  return b.build();
}

/**
 * sum_k M_k on the sector j of L qubits: (a+d) L/2 + (a-d) Jz + b J+ + c J-, with
 * M = [[a, b], [c, d]] in the basis (u, d).
 */
export function sectorSiteSum(M: Local, L: number, twoJ: number): SparseMatrix {
  const n = twoJ + 1;
  const [ar, ai, br, bi, cr, ci, dr, di] = M;
  let s = sparseIdentity(n, ((ar + dr) * L) / 2, ((ai + di) * L) / 2);
  s = sparseAdd(s, sectorJz(twoJ), [1, 0], [ar - dr, ai - di]);
  s = sparseAdd(s, sectorJp(twoJ), [1, 0], [br, bi]);
  s = sparseAdd(s, sectorJm(twoJ), [1, 0], [cr, ci]);
  return s;
}

/** Largest sector dimension for which a general (non-monomial) M^{(x)L} is built densely. */
export const maxGeneralPowerDimension = 25; // the alternating binomial sum loses precision beyond (checked against exact rationals)

/**
 * prod_k M_k = M^{(x)L} on the sector j: det(M)^{L/2-j} times the symmetric power Sym^{2j}(M)
 * (Schur-Weyl duality). Monomial M (diagonal or anti-diagonal) gives a monomial matrix for any
 * size; a general M is built densely up to {@link maxGeneralPowerDimension}.
 *
 * @throws RangeError for a general M on a larger sector
 */
export function sectorSitePower(M: Local, L: number, twoJ: number): SparseMatrix {
  const n = twoJ + 1;
  const a: C = [M[0], M[1]], b: C = [M[2], M[3]], c: C = [M[4], M[5]], d: C = [M[6], M[7]];
  const det = localDet(M);
  const scale = cpow(det, (L - twoJ) / 2);
  const out = new TripletBuilder(n, n);
  const isZero = (z: C): boolean => z[0] === 0 && z[1] === 0;
  if (isZero(b) && isZero(c)) {
    // |p ups> -> a^p d^(2j-p) |p ups>
    for (let p = 0; p <= twoJ; p++) {
      const v = cmul(scale, cmul(cpow(a, p), cpow(d, twoJ - p)));
      out.add(p, p, v[0], v[1]);
    }
    return out.build();
  }
  if (isZero(a) && isZero(d)) {
    // M|u> = c|d>, M|d> = b|u>: |p ups> -> c^p b^(2j-p) |(2j-p) ups>
    for (let p = 0; p <= twoJ; p++) {
      const v = cmul(scale, cmul(cpow(c, p), cpow(b, twoJ - p)));
      out.add(twoJ - p, p, v[0], v[1]);
    }
    return out.build();
  }
  if (n > maxGeneralPowerDimension) {
    throw new RangeError(`prod over all sites of a general one-site operator needs a dense ${n} x ${n} sector matrix (limit ${maxGeneralPowerDimension})`);
  }
  // <p'|Sym(M)|p> = sqrt(C(N,p)/C(N,p')) sum_i C(p,i) C(N-p,p'-i) a^i c^(p-i) b^(p'-i) d^(N-p-p'+i)
  const N = twoJ;
  const lb = logBinomials(N);
  const table = Array.from({ length: N + 1 }, (_, m) => logBinomials(m));
  for (let p = 0; p <= N; p++) {
    for (let q = 0; q <= N; q++) {
      let s: C = [0, 0];
      for (let i = Math.max(0, p + q - N); i <= Math.min(p, q); i++) {
        const coef = Math.exp(table[p][i] + table[N - p][q - i]);
        const t = cmul(cmul(cpow(a, i), cpow(c, p - i)), cmul(cpow(b, q - i), cpow(d, N - p - q + i)));
        s = [s[0] + coef * t[0], s[1] + coef * t[1]];
      }
      const f = Math.exp(0.5 * (lb[p] - lb[q]));
      const v = cmul(scale, [s[0] * f, s[1] * f]);
      out.add(q, p, v[0], v[1]);
    }
  }
  return out.build();
}

type C = readonly [number, number];

function cmul(x: C, y: C): C {
  return [x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]];
}

/** z^k for an integer k >= 0 with 0^0 = 1. */
function cpow(z: C, k: number): C {
  if (k === 0) return [1, 0];
  if (z[1] === 0) return [Math.pow(z[0], k), 0];
  const r = Math.pow(Math.hypot(z[0], z[1]), k);
  const t = Math.atan2(z[1], z[0]) * k;
  return [r * Math.cos(t), r * Math.sin(t)];
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
