/**
 * The high-precision Hermitian eigensolver against spectra known independently of it: matrices
 * U diag(d) U^+ built exactly from a Decimal-exact unitary, non-interacting spins in fields
 * (+- sqrt(h^2 + g^2 + f^2) per site) and XX+YY chains (free fermions, 2 cos(pi k/(L+1))). The
 * references are computed in a separate 400-digit Decimal clone by plain loops, never with the
 * code under test.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { eighHermitian, mulberry32 } from '../../../src/numeric/linalg/index.js';
import {
  dAdjoint,
  dAdjointMul,
  dc,
  dcAbs2,
  dcAdd,
  dcConj,
  dcIsZero,
  dcMul,
  dcScale,
  dcSub,
  dFromFloat64,
  dHermitianResidual,
  dIdentity,
  dMaxAbs,
  type DMatrix,
  dMul,
  dSandwich,
  dToFloat64,
  dZeros,
  eighPrecise,
  type PreciseEigh,
  precision,
  PrecisionError,
} from '../../../src/numeric/precise/index.js';

/** Reference arithmetic, wide enough that every construction below is exact. */
const R = Decimal.clone({ precision: 400, rounding: Decimal.ROUND_HALF_EVEN });
const zero = new R(0);

/** A complex matrix in R (row-major), built by the tests. */
interface RefMatrix {
  readonly n: number;
  readonly re: Decimal[];
  readonly im: Decimal[];
}

function refZeros(n: number): RefMatrix {
  return { n, re: new Array<Decimal>(n * n).fill(zero), im: new Array<Decimal>(n * n).fill(zero) };
}

/** A naive a b (or a^+ b) in R. */
function refProduct(a: RefMatrix, b: RefMatrix, adjointA = false): RefMatrix {
  const n = a.n;
  const c = refZeros(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = zero;
      let si = zero;
      for (let k = 0; k < n; k++) {
        const ar = adjointA ? a.re[k * n + i] : a.re[i * n + k];
        const ai = adjointA ? a.im[k * n + i].neg() : a.im[i * n + k];
        sr = sr.plus(ar.times(b.re[k * n + j])).minus(ai.times(b.im[k * n + j]));
        si = si.plus(ar.times(b.im[k * n + j])).plus(ai.times(b.re[k * n + j]));
      }
      c.re[i * n + j] = sr;
      c.im[i * n + j] = si;
    }
  }
  return c;
}

const PHASES: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [-1, 0],
  [0, -1],
  [0.6, 0.8],
  [-0.8, 0.6],
];

/**
 * An exactly unitary dense matrix: random Givens rotations [[0.6, -0.8 conj(w)], [0.8 w, 0.6]]
 * and diagonal phases w with w in {+-1, +-i, 0.6 + 0.8i, ...}; every entry is a short decimal.
 */
function exactUnitary(n: number, seed: number): RefMatrix {
  const rnd = mulberry32(seed);
  const u = refZeros(n);
  for (let i = 0; i < n; i++) u.re[i * n + i] = new R(1);
  const c = new R('0.6');
  const s = new R('0.8');
  for (let step = 0; step < 4 * n; step++) {
    const p = Math.floor(rnd() * n);
    const q = (p + 1 + Math.floor(rnd() * (n - 1))) % n;
    const [wr, wi] = PHASES[Math.floor(rnd() * PHASES.length)];
    for (let j = 0; j < n; j++) {
      const pr = u.re[p * n + j];
      const pi = u.im[p * n + j];
      const qr = u.re[q * n + j];
      const qi = u.im[q * n + j];
      // row p <- 0.6 p - 0.8 conj(w) q ; row q <- 0.8 w p + 0.6 q
      u.re[p * n + j] = c.times(pr).minus(s.times(qr.times(wr).plus(qi.times(wi))));
      u.im[p * n + j] = c.times(pi).minus(s.times(qi.times(wr).minus(qr.times(wi))));
      u.re[q * n + j] = s.times(pr.times(wr).minus(pi.times(wi))).plus(c.times(qr));
      u.im[q * n + j] = s.times(pi.times(wr).plus(pr.times(wi))).plus(c.times(qi));
    }
    if (step % 3 === 0) {
      const [zr, zi] = PHASES[4 + (step % 2)];
      for (let j = 0; j < n; j++) {
        const xr = u.re[p * n + j];
        const xi = u.im[p * n + j];
        u.re[p * n + j] = xr.times(zr).minus(xi.times(zi));
        u.im[p * n + j] = xr.times(zi).plus(xi.times(zr));
      }
    }
  }
  return u;
}

/** U diag(d) U^+, exact in R. */
function withSpectrum(u: RefMatrix, d: readonly Decimal[]): RefMatrix {
  const n = u.n;
  const ud = refZeros(n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      ud.re[i * n + k] = u.re[i * n + k].times(d[k]);
      ud.im[i * n + k] = u.im[i * n + k].times(d[k]);
    }
  }
  const h = refZeros(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sr = zero;
      let si = zero;
      for (let k = 0; k < n; k++) {
        // ud_ik conj(u_jk)
        const ar = ud.re[i * n + k];
        const ai = ud.im[i * n + k];
        const br = u.re[j * n + k];
        const bi = u.im[j * n + k];
        sr = sr.plus(ar.times(br)).plus(ai.times(bi));
        si = si.plus(ai.times(br)).minus(ar.times(bi));
      }
      h.re[i * n + j] = sr;
      h.im[i * n + j] = si;
    }
  }
  return h;
}

/** Bit j of basis state s (qubit j = bit j). */
const bit = (s: number, j: number): number => (s >> j) & 1;

/** sum_j (h_j Z_j + g_j X_j + f_j Y_j) on L qubits, Z|0> = |0>, Y|0> = i|1>. */
function spinsInFields(fields: readonly (readonly [string, string, string])[]): RefMatrix {
  const L = fields.length;
  const n = 1 << L;
  const m = refZeros(n);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < L; j++) {
      const [h, g, f] = fields[j].map((x) => new R(x));
      const b = bit(s, j);
      m.re[s * n + s] = m.re[s * n + s].plus(b === 0 ? h : h.neg());
      const t = s ^ (1 << j);
      m.re[t * n + s] = m.re[t * n + s].plus(g);
      m.im[t * n + s] = m.im[t * n + s].plus(b === 0 ? f : f.neg());
    }
  }
  return m;
}

/** Its exact spectrum: all sums of +- sqrt(h^2 + g^2 + f^2), ascending. */
function spinsInFieldsSpectrum(fields: readonly (readonly [string, string, string])[]): Decimal[] {
  const e = fields.map(([h, g, f]) => new R(h).pow(2).plus(new R(g).pow(2)).plus(new R(f).pow(2)).sqrt());
  return subsetSums(e.map((x) => x.times(2)), e.reduce((acc, x) => acc.minus(x), zero));
}

/**
 * The open XX+YY chain sum_j (t_j s+_j s-_{j+1} + h.c.) + h sum_j Z_j with unit-modulus hoppings
 * t_j (complex; they gauge away on an open chain), i.e. sum_j (X_j X_{j+1} + Y_j Y_{j+1})/2 up to
 * the gauge. Bit 1 = occupied; Z = 1 - 2 n.
 */
function xxChain(L: number, hop: readonly (readonly [string, string])[], h: string): RefMatrix {
  const n = 1 << L;
  const m = refZeros(n);
  const hz = new R(h);
  for (let s = 0; s < n; s++) {
    for (let j = 0; j < L; j++) m.re[s * n + s] = m.re[s * n + s].plus(bit(s, j) === 0 ? hz : hz.neg());
    for (let j = 0; j + 1 < L; j++) {
      if (bit(s, j) === 0 && bit(s, j + 1) === 1) {
        const t = s ^ (1 << j) ^ (1 << (j + 1)); // particle hops from j+1 to j with amplitude t_j
        const [tr, ti] = hop[j];
        m.re[t * n + s] = new R(tr);
        m.im[t * n + s] = new R(ti);
        m.re[s * n + t] = new R(tr);
        m.im[s * n + t] = new R(ti).neg();
      }
    }
  }
  return m;
}

/** Free-fermion spectrum: h L + sum over occupied k of (2 cos(pi k/(L+1)) - 2 h), ascending. */
function xxChainSpectrum(L: number, h: string): Decimal[] {
  const pi = R.acos(-1);
  const hz = new R(h);
  const eps = Array.from({ length: L }, (_, k) => pi.times(k + 1).div(L + 1).cos().times(2).minus(hz.times(2)));
  return subsetSums(eps, hz.times(L));
}

function subsetSums(parts: readonly Decimal[], offset: Decimal): Decimal[] {
  const out: Decimal[] = [];
  for (let mask = 0; mask < 1 << parts.length; mask++) {
    let s = offset;
    for (let k = 0; k < parts.length; k++) if ((mask >> k) & 1) s = s.plus(parts[k]);
    out.push(s);
  }
  return out.sort((a, b) => a.comparedTo(b));
}

const pow10 = (k: number): Decimal => new R(10).pow(k);

/** Asserts |actual - expected| <= tol for every entry, with a useful message. */
function expectValues(actual: readonly Decimal[], expected: readonly Decimal[], tol: Decimal): void {
  expect(actual.length).toBe(expected.length);
  let worst = zero;
  for (let k = 0; k < actual.length; k++) {
    const err = new R(actual[k]).minus(expected[k]).abs();
    if (err.gt(worst)) worst = err;
  }
  expect(worst.lte(tol), `max eigenvalue error ${worst.toExponential(3)} > ${tol.toExponential(1)}`).toBe(true);
}

/** The checks every decomposition must pass at `digits`, relative to `scale`. */
function expectAccurate(r: PreciseEigh, digits: number, scale: Decimal): void {
  const tol = pow10(5 - digits);
  for (let k = 1; k < r.values.length; k++) expect(r.values[k].gte(r.values[k - 1])).toBe(true);
  expect(r.residual.lte(tol.times(scale)), `residual ${r.residual.toExponential(3)}`).toBe(true);
  expect(r.orthogonality.lte(tol), `orthogonality ${r.orthogonality.toExponential(3)}`).toBe(true);
}

/** A matrix given in R handed to the solver (entries are read exactly, whatever their constructor). */
const asInput = (m: RefMatrix): DMatrix => m;

describe('precision', () => {
  it('works with digits + 10 guard digits and caches one per digits', () => {
    const P = precision(30);
    expect(P.D.precision).toBe(40);
    expect(P.eps.eq('1e-30')).toBe(true);
    expect(P.workEps.eq('1e-40')).toBe(true);
    expect(precision(30)).toBe(P);
    expect(new P.D(1).div(3).toString()).toBe(`0.${'3'.repeat(40)}`);
    expect(new Decimal(1).div(3).toString()).toBe(`0.${'3'.repeat(20)}`); // the global is untouched
  });
  it('rejects digits outside 16..1000', () => {
    for (const bad of [15, 1001, 20.5, Number.NaN]) expect(() => precision(bad)).toThrow(RangeError);
  });
});

describe('complex helpers', () => {
  const P = precision(20);
  it('follow complex arithmetic', () => {
    const a = dc(P, 3, 4);
    const b = dc(P, '0.5', -2);
    const sum = dcAdd(a, b);
    const diff = dcSub(a, b);
    const prod = dcMul(a, b); // (3 + 4i)(0.5 - 2i) = 1.5 + 8 + (2 - 6) i
    expect([sum.re.toNumber(), sum.im.toNumber()]).toEqual([3.5, 2]);
    expect([diff.re.toNumber(), diff.im.toNumber()]).toEqual([2.5, 6]);
    expect([prod.re.toNumber(), prod.im.toNumber()]).toEqual([9.5, -4]);
    expect(dcConj(a).im.toNumber()).toBe(-4);
    expect(dcAbs2(a).toNumber()).toBe(25);
    expect(dcScale(a, new P.D(2)).re.toNumber()).toBe(6);
    expect(dcIsZero(dc(P, 0))).toBe(true);
    expect(dcIsZero(a)).toBe(false);
  });
});

describe('dense Decimal matrices', () => {
  const P = precision(30);
  it('convert float64 exactly and back', () => {
    const m = dFromFloat64(P, 1, Float64Array.of(0.1), Float64Array.of(-3 * 2 ** -60));
    expect(m.re[0].toFixed()).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(m.im[0].eq(new R(-3).times(new R(2).pow(-60)))).toBe(true);
    const back = dToFloat64(m);
    expect([back.re[0], back.im[0]]).toEqual([0.1, -3 * 2 ** -60]);
    expect(() => dFromFloat64(P, 1, Float64Array.of(Number.NaN), Float64Array.of(0))).toThrow(RangeError);
  });
  it('multiply like a naive loop in 400 digits', () => {
    const rnd = mulberry32(11);
    const n = 5;
    const mk = (): RefMatrix => {
      const m = refZeros(n);
      for (let k = 0; k < n * n; k++) {
        // Mixed magnitudes and exact decimals, to exercise the per-row scaling.
        m.re[k] = new R((rnd() - 0.5).toFixed(12)).times(pow10(Math.floor(rnd() * 6) - 3));
        m.im[k] = k % 7 === 0 ? zero : new R((rnd() - 0.5).toFixed(9));
      }
      return m;
    };
    const a = mk();
    const b = mk();
    const cases: [DMatrix, RefMatrix][] = [
      [dMul(P, a, b), refProduct(a, b)],
      [dAdjointMul(P, a, b), refProduct(a, b, true)],
      [dSandwich(P, a, b), refProduct(a, refProduct(b, a), true)],
    ];
    for (const [got, want] of cases) {
      const scale = new R(dMaxAbs(P, want));
      for (let k = 0; k < n * n; k++) {
        expect(new R(got.re[k]).minus(want.re[k]).abs().lte(scale.times(pow10(-36)))).toBe(true);
        expect(new R(got.im[k]).minus(want.im[k]).abs().lte(scale.times(pow10(-36)))).toBe(true);
      }
    }
    const ah = dAdjoint(a);
    expect(ah.re[1].eq(a.re[n]) && ah.im[1].eq(a.im[n].neg())).toBe(true);
  });
  it('measure hermiticity and size', () => {
    const m = dZeros(P, 2);
    m.re[1] = new P.D(3);
    m.re[2] = new P.D(3);
    m.im[1] = new P.D(4);
    m.im[2] = new P.D(-4);
    expect(dHermitianResidual(P, m).isZero()).toBe(true);
    expect(dMaxAbs(P, m).eq(5)).toBe(true);
    m.im[2] = new P.D(-1); // |4i - conj(-i)| = |3i|
    expect(dHermitianResidual(P, m).eq(3)).toBe(true);
    expect(dHermitianResidual(P, dIdentity(P, 3)).isZero()).toBe(true);
  });
});

describe('eighPrecise: small and degenerate inputs', () => {
  const P = precision(30);
  it('accepts n = 0 and n = 1', () => {
    const empty = eighPrecise(P, dZeros(P, 0));
    expect(empty.values).toEqual([]);
    const one = dZeros(P, 1);
    one.re[0] = new P.D('-2.5');
    const r = eighPrecise(P, one);
    expect(r.values[0].eq('-2.5')).toBe(true);
    expect(r.vectors.re[0].abs().eq(1) || r.vectors.im[0].abs().eq(1)).toBe(true);
  });
  it('returns a diagonal matrix without sweeps and the zero matrix as it is', () => {
    const d = dZeros(P, 3);
    d.re[0] = new P.D(2);
    d.re[4] = new P.D(-1);
    d.re[8] = new P.D('0.5');
    const r = eighPrecise(P, d);
    expect(r.sweeps).toBe(0);
    expect(r.values.map((x) => x.toNumber())).toEqual([-1, 0.5, 2]);
    expect(eighPrecise(P, dZeros(P, 4)).values.every((x) => x.isZero())).toBe(true);
  });
  it('diagonalises sigma_y', () => {
    const y = dZeros(P, 2);
    y.im[1] = new P.D(-1);
    y.im[2] = new P.D(1);
    const r = eighPrecise(P, y);
    expectValues(r.values, [new R(-1), new R(1)], pow10(-38));
    expectAccurate(r, 30, new R(1));
  });
});

describe('eighPrecise: U diag(d) U^+ with an exact unitary', () => {
  const n = 12;
  const u = exactUnitary(n, 2024);
  const d = ['7.25', '-1', '0.5', '2', '-3', '-1', '0.5', '2', '-1', '1', '5', '2'].map((x) => new R(x));
  d[6] = d[6].plus('1e-20'); // 0.5 split by 1e-20
  d[7] = d[7].plus('1e-20'); // 2, 2 + 1e-20, 2 + 2e-20
  d[11] = d[11].plus('2e-20');
  const h = withSpectrum(u, d);
  const sorted = [...d].sort((a, b) => a.comparedTo(b));

  it('uses a unitary that is exact (U^+ U = I with no round-off at all)', () => {
    const g = refProduct(u, u, true);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        expect(g.re[i * n + j].eq(i === j ? 1 : 0) && g.im[i * n + j].isZero()).toBe(true);
      }
    }
  });

  for (const digits of [30, 50]) {
    it(`finds the spectrum, split clusters included, to 1e-${digits - 5} (digits ${digits})`, () => {
      const P = precision(digits);
      const r = eighPrecise(P, asInput(h));
      const scale = new R('7.25');
      expectValues(r.values, sorted, pow10(5 - digits).times(scale));
      expectAccurate(r, digits, scale);
      // 1e-20 splits are resolved: 0.5 | 0.5 + 1e-20 and 2 | 2 + 1e-20 | 2 + 2e-20.
      for (const c of [4, 7, 8]) {
        const split = new R(r.values[c + 1]).minus(r.values[c]);
        expect(split.minus('1e-20').abs().lte(pow10(5 - digits).times(scale)), `split at ${c}`).toBe(true);
      }
      // Eigenvectors: each column of U lies in the span of the computed vectors of its cluster.
      const order = d.map((x, k) => ({ x, k })).sort((a, b) => a.x.comparedTo(b.x));
      for (let c = 0; c < n; c++) {
        const k = order[c].k;
        let weight = zero;
        for (let c2 = 0; c2 < n; c2++) {
          if (!sorted[c2].eq(sorted[c])) continue;
          let sr = zero;
          let si = zero;
          for (let i = 0; i < n; i++) {
            // conj(u_ik) v_i,c2
            const ur = u.re[i * n + k];
            const ui = u.im[i * n + k];
            const vr = r.vectors.re[i * n + c2];
            const vi = r.vectors.im[i * n + c2];
            sr = sr.plus(ur.times(vr)).plus(ui.times(vi));
            si = si.plus(ur.times(vi)).minus(ui.times(vr));
          }
          weight = weight.plus(sr.pow(2)).plus(si.pow(2));
        }
        expect(new R(1).minus(weight).abs().lte(pow10(5 - digits)), `vector ${c}`).toBe(true);
      }
    });
  }

  it('does not depend on the magnitude of H (scaled by 1e-400 and 1e400, outside float64)', () => {
    const P = precision(30);
    for (const e of [-400, 400]) {
      const f = pow10(e);
      const scaled = { n, re: h.re.map((x) => x.times(f)), im: h.im.map((x) => x.times(f)) };
      const r = eighPrecise(P, scaled);
      expectValues(r.values, sorted.map((x) => x.times(f)), pow10(-25).times('7.25').times(f));
      expectAccurate(r, 30, new R('7.25').times(f));
    }
  });
});

describe('eighPrecise: Pauli sums with closed-form spectra', () => {
  const fields: [string, string, string][] = [
    ['0.3', '0.4', '1.2'], // |field| = 1.3 exactly, three times: binomial degeneracies
    ['0.3', '0.4', '1.2'],
    ['1', '1', '1'], // sqrt 3
    ['0.3', '0.4', '1.2'],
    ['0.5', '-0.25', '0'], // sqrt(0.3125)
  ];
  for (const digits of [30, 50]) {
    it(`spins in fields on 5 qubits (digits ${digits})`, () => {
      const P = precision(digits);
      const r = eighPrecise(P, asInput(spinsInFields(fields)));
      const scale = new R(4);
      expectValues(r.values, spinsInFieldsSpectrum(fields), pow10(5 - digits).times(scale));
      expectAccurate(r, digits, scale);
    });
  }
  it('spins in fields on 3 and 4 qubits', () => {
    const P = precision(30);
    for (const L of [3, 4]) {
      const f = fields.slice(2, 2 + L);
      const r = eighPrecise(P, asInput(spinsInFields(f)));
      expectValues(r.values, spinsInFieldsSpectrum(f), pow10(-25).times(4));
      expectAccurate(r, 30, new R(4));
    }
  });

  const hop: [string, string][] = [['1', '0'], ['0.6', '0.8'], ['0', '1'], ['-0.8', '0.6'], ['0.6', '-0.8']];
  for (const digits of [30, 50]) {
    it(`complex XX+YY chain on 6 qubits, free-fermion spectrum (digits ${digits})`, () => {
      const P = precision(digits);
      const r = eighPrecise(P, asInput(xxChain(6, hop, '0.125')));
      const scale = new R(6);
      expectValues(r.values, xxChainSpectrum(6, '0.125'), pow10(5 - digits).times(scale));
      expectAccurate(r, digits, scale);
    });
  }
  it('XX+YY chains on 3..5 qubits without field (particle-hole degeneracies)', () => {
    const P = precision(30);
    for (const L of [3, 4, 5]) {
      const r = eighPrecise(P, asInput(xxChain(L, hop, '0')));
      expectValues(r.values, xxChainSpectrum(L, '0'), pow10(-25).times(L));
      expectAccurate(r, 30, new R(L));
    }
  });
});

describe('eighPrecise refines the float64 start', () => {
  it('agrees with float64 to ~1e-13 and beats it by far (XX+YY, 6 qubits)', () => {
    const P = precision(30);
    const h = xxChain(6, [['1', '0'], ['0.6', '0.8'], ['1', '0'], ['0', '1'], ['1', '0']], '0.3');
    const exact = xxChainSpectrum(6, '0.3');
    const r = eighPrecise(P, asInput(h));
    const { re, im } = dToFloat64(asInput(h));
    const f = eighHermitian(64, re, im);
    let floatError = 0;
    for (let k = 0; k < 64; k++) {
      expect(Math.abs(r.values[k].toNumber() - f.values[k])).toBeLessThan(1e-13 * 6);
      floatError = Math.max(floatError, new R(f.values[k]).minus(exact[k]).abs().toNumber());
    }
    expect(floatError).toBeGreaterThan(1e-17); // float64 is limited by round-off ...
    expectValues(r.values, exact, pow10(-28)); // ... the refinement is not
    expect(r.residual.lt('1e-30')).toBe(true);
    expect(r.sweeps).toBeGreaterThan(0);
  });

  it('refines a random dense complex matrix (n = 40) at 30 and 50 digits', () => {
    const n = 40;
    const rnd = mulberry32(5);
    const re = new Float64Array(n * n);
    const im = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      re[i * n + i] = 2 * rnd() - 1;
      for (let j = i + 1; j < n; j++) {
        re[i * n + j] = re[j * n + i] = 2 * rnd() - 1;
        im[i * n + j] = 2 * rnd() - 1;
        im[j * n + i] = -im[i * n + j];
      }
    }
    const f = eighHermitian(n, re, im);
    for (const digits of [30, 50]) {
      const P = precision(digits);
      const h = dFromFloat64(P, n, re, im);
      const r = eighPrecise(P, h);
      expectAccurate(r, digits, new R(n));
      for (let k = 0; k < n; k++) expect(Math.abs(r.values[k].toNumber() - f.values[k])).toBeLessThan(1e-13 * n);
      // The trace is an invariant the solver never looks at.
      let trace = zero;
      for (let i = 0; i < n; i++) trace = trace.plus(h.re[i * n + i]);
      const sum = r.values.reduce((acc, x) => acc.plus(x), zero);
      expect(sum.minus(trace).abs().lte(pow10(5 - digits).times(n))).toBe(true);
    }
  });
});

describe('eighPrecise failures', () => {
  const P = precision(30);
  it('raises PrecisionError on a non-Hermitian matrix', () => {
    const m = dZeros(P, 3);
    m.re[1] = new P.D(1);
    m.re[3] = new P.D('1.000001');
    expect(() => eighPrecise(P, m)).toThrow(PrecisionError);
    try {
      eighPrecise(P, m);
    } catch (e) {
      expect(e instanceof PrecisionError && e.reason === 'not-hermitian').toBe(true);
    }
    const complexDiagonal = dZeros(P, 2);
    complexDiagonal.im[0] = new P.D(1);
    expect(() => eighPrecise(P, complexDiagonal)).toThrow(PrecisionError);
  });
  it('accepts a skew part below eps max|H| (it decomposes the Hermitian part)', () => {
    const m = dZeros(P, 2);
    m.re[1] = new P.D(1);
    m.re[2] = new P.D(1).plus('1e-34'); // skew 1e-34 < 1e-30
    const r = eighPrecise(P, m);
    const half = new R(1).plus('5e-35');
    expectValues(r.values, [half.neg(), half], pow10(-38));
  });
  it('raises PrecisionError when the sweeps run out', () => {
    const m = dZeros(P, 2);
    m.re[1] = new P.D(1);
    m.re[2] = new P.D(1);
    m.re[0] = new P.D('1e-3');
    // The float64 start leaves ~1e-17 off the diagonal; no sweep allowed.
    let error: unknown;
    try {
      eighPrecise(P, m, { maxSweeps: 0 });
    } catch (e) {
      error = e;
    }
    expect(error instanceof PrecisionError && error.reason === 'no-convergence' && error.sweeps === 0).toBe(true);
    expect(() => eighPrecise(P, m, { maxSweeps: -1 })).toThrow(RangeError);
  });
});
