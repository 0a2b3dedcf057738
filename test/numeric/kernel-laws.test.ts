/**
 * One suite of Davies-kernel and bath-spectrum laws run over every specialisation (QuTiP's pattern):
 * the generic kernel channelStatistics over float64 and over decimal(30) (= preciseChannelHeat),
 * and the float64 scatter loop channelHeat. Random small systems (degenerate eigenspaces, sparse
 * A, pure and population parts of the state) and a two-level system with the closed form.
 */
import type { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  DenseColumns, channelHeat, channelStatistics, decimalBath, decimalContext, flatSpectrum, flatSpectrumIn,
  float64Bath, mulberry32, ohmicSpectrum, ohmicSpectrumIn, oneMinusExpNeg, preciseChannelHeat, preciseFlat,
  preciseOhmic, type BathField, type ChannelStatistics, type Eigenspaces,
} from '../../src/numeric/index.js';

const D30 = decimalContext(30, 6 /* ROUND_HALF_EVEN */);

/** A channel in plain numbers: eigenspace energies, members, A (row-major, Hermitian), a state, a bath. */
interface Sys {
  readonly spaceEnergy: number[];
  readonly members: number[][];
  readonly n: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly vectors: { weight: number; re: Float64Array; im: Float64Array }[];
  readonly populations: Float64Array | null;
  readonly bath: { kind: 'flat' | 'ohmic'; rate: number; T: number; wc: number };
}

/** A random system: up to 4 eigenspaces of 1-2 members, A with some exact zeros, a pure part and/or populations. */
function randomSystem(seed: number): Sys {
  const rnd = mulberry32(seed);
  const nS = 2 + Math.floor(rnd() * 3);
  const spaceEnergy: number[] = [], members: number[][] = [];
  let n = 0, E = -1 + rnd();
  for (let s = 0; s < nS; s++) {
    spaceEnergy.push(E);
    const size = 1 + Math.floor(rnd() * 2);
    members.push(Array.from({ length: size }, (_, k) => n + k));
    n += size;
    E += 0.2 + rnd();
  }
  const re = new Float64Array(n * n), im = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      if (rnd() < 0.3) continue;
      const a = rnd() * 2 - 1, b = i === j ? 0 : rnd() * 2 - 1;
      re[i * n + j] = a; im[i * n + j] = b; re[j * n + i] = a; im[j * n + i] = -b;
    }
  }
  const kind = seed % 3;
  const vectors: Sys['vectors'] = [];
  let populations: Float64Array | null = null;
  if (kind !== 1) {
    const vr = new Float64Array(n), vi = new Float64Array(n);
    let norm = 0;
    for (let j = 0; j < n; j++) { vr[j] = rnd() - 0.5; vi[j] = rnd() - 0.5; norm += vr[j] ** 2 + vi[j] ** 2; }
    for (let j = 0; j < n; j++) { vr[j] /= Math.sqrt(norm); vi[j] /= Math.sqrt(norm); }
    vectors.push({ weight: kind === 0 ? 1 : 0.5, re: vr, im: vi });
  }
  if (kind !== 0) {
    populations = new Float64Array(n);
    let sum = 0;
    for (let j = 0; j < n; j++) { populations[j] = rnd() < 0.2 ? 0 : rnd(); sum += populations[j]; }
    const mass = kind === 1 ? 1 : 0.5;
    for (let j = 0; j < n; j++) populations[j] *= mass / (sum || 1);
  }
  const bath = { kind: rnd() < 0.5 ? 'flat' as const : 'ohmic' as const, rate: 0.5 + rnd(), T: 0.3 + rnd(), wc: 1 + 2 * rnd() };
  return { spaceEnergy, members, n, re, im, vectors, populations, bath };
}

/** The two-level system E = (0, eps), A = sigma_x, all weight in `level` (populations) or thermal at T. */
function twoLevel(eps: number, rate: number, T: number, state: 'ground' | 'excited' | 'thermal'): Sys {
  const p1 = state === 'ground' ? 0 : state === 'excited' ? 1 : Math.exp(-eps / T) / (1 + Math.exp(-eps / T));
  return {
    spaceEnergy: [0, eps], members: [[0], [1]], n: 2,
    re: Float64Array.from([0, 1, 1, 0]), im: new Float64Array(4),
    vectors: [], populations: Float64Array.from([1 - p1, p1]),
    bath: { kind: 'flat', rate, T, wc: 1 },
  };
}

/** The statistics as numbers, whichever kernel computed them. */
type Stats = { [K in Exclude<keyof ChannelStatistics<number>, 'upper'>]: number } & {
  readonly upper: { readonly deltaE: number; readonly gammaMax: number; readonly omegaGammaMax: number };
};

interface Kernel {
  /** Relative accuracy of exactly-known laws in this specialisation. */
  readonly tol: number;
  run(sys: Sys): Stats;
}

const zero = 1e-9;

/** The inputs of the generic kernel over F: spaces, columns, state, spectrum, zero threshold. */
function inputs<V>(F: BathField<V>, sys: Sys) {
  const spaceOf = new Int32Array(sys.n);
  sys.members.forEach((m, s) => { for (const j of m) spaceOf[j] = s; });
  const cols = Array.from({ length: sys.n }, (_, j) => {
    const col = new Map<number, { re: V; im: V }>();
    for (let i = 0; i < sys.n; i++) {
      const r = sys.re[i * sys.n + j], m = sys.im[i * sys.n + j];
      if (r !== 0 || m !== 0) col.set(i, { re: F.fromNumber(r), im: F.fromNumber(m) });
    }
    return col;
  });
  const { kind, rate, T, wc } = sys.bath;
  const gamma = kind === 'flat' ? flatSpectrumIn(F, F.fromNumber(rate), F.fromNumber(T))
    : ohmicSpectrumIn(F, F.fromNumber(rate), F.fromNumber(T), F.fromNumber(wc));
  return [
    { energies: sys.spaceEnergy.map((e) => F.fromNumber(e)), members: sys.members, spaceOf },
    { n: sys.n, cols },
    {
      vectors: sys.vectors.map((v) => ({ weight: F.fromNumber(v.weight), amp: Array.from(v.re, (x, j) => ({ re: F.fromNumber(x), im: F.fromNumber(v.im[j]) })) })),
      populations: sys.populations ? Array.from(sys.populations, (p) => F.fromNumber(p)) : null,
    },
    gamma, F.fromNumber(zero),
  ] as const;
}

const keys = ['J', 'absJ', 'pinchedA2', 'deltaE', 'gammaMax', 'omegaGammaMax', 'gammaMin', 'gammaMinAt'] as const;
const toStats = <V>(F: BathField<V>, r: ChannelStatistics<V>): Stats => ({
  ...Object.fromEntries(keys.map((k) => [k, F.toNumber(r[k])])) as Omit<Stats, 'upper'>,
  upper: { deltaE: F.toNumber(r.upper.deltaE), gammaMax: F.toNumber(r.upper.gammaMax), omegaGammaMax: F.toNumber(r.upper.omegaGammaMax) },
});

/** The generic kernel over a bath field. */
function generic<V>(F: BathField<V>, tol: number): Kernel {
  return { tol, run: (sys) => toStats(F, channelStatistics(F, ...inputs(F, sys))) };
}

/** preciseChannelHeat, the Decimal wrapper of the generic kernel. */
const precise: Kernel = {
  tol: 1e-25,
  run: (sys) => toStats(decimalBath(D30), preciseChannelHeat(D30, ...inputs(decimalBath(D30), sys))),
};

/** The float64 scatter loop. */
const scatter: Kernel = {
  tol: 1e-12,
  run(sys) {
    const n = sys.n;
    const space = new Int32Array(n), energies = new Float64Array(n), start = new Int32Array(sys.members.length + 1);
    sys.members.forEach((m, s) => { for (const j of m) { space[j] = s; energies[j] = sys.spaceEnergy[s]; } start[s + 1] = start[s] + m.length; });
    const spaces: Eigenspaces = {
      energies, space, spaceEnergy: Float64Array.from(sys.spaceEnergy), start, members: Int32Array.from(sys.members.flat()),
      tolerance: 0, smallestGap: Math.min(...sys.spaceEnergy.slice(1).map((e, s) => e - sys.spaceEnergy[s])),
    };
    const { kind, rate, T, wc } = sys.bath;
    const gamma = kind === 'flat' ? flatSpectrum(rate, T) : ohmicSpectrum(rate, T, wc);
    return channelHeat(spaces, new DenseColumns(n, sys.re, sys.im), { vectors: sys.vectors, populations: sys.populations }, gamma, zero);
  },
};

const kernels: [string, Kernel][] = [
  ['float64 scatter (channelHeat)', scatter],
  ['float64 generic (channelStatistics)', generic(float64Bath, 1e-12)],
  ['decimal(30) generic (channelStatistics)', generic(decimalBath(D30), 1e-25)],
  ['decimal(30) preciseChannelHeat', precise],
];

const close = (a: number, b: number, rel: number, scale = 1): boolean => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), scale);
const seeds = Array.from({ length: 60 }, (_, k) => 1300 + k);

describe.each(kernels)('Davies kernel laws: %s', (_name, K) => {
  it('a two-level system with a flat bath has the closed form', () => {
    const eps = 0.7, rate = 1.3, T = 0.4;
    const down = rate * Math.exp(-eps / T);
    const g = K.run(twoLevel(eps, rate, T, 'ground'));
    expect(close(g.J, eps * down, K.tol)).toBe(true); // the bath lifts the system: heat flows in
    expect(close(g.pinchedA2, 1, K.tol)).toBe(true);
    expect([g.deltaE, g.gammaMax, g.gammaMinAt]).toEqual([eps, rate, -eps]);
    expect(close(g.omegaGammaMax, eps * rate, K.tol)).toBe(true);
    expect(close(g.gammaMin, down, K.tol)).toBe(true);
    const e = K.run(twoLevel(eps, rate, T, 'excited'));
    expect(close(e.J, -eps * rate, K.tol)).toBe(true);
    expect(close(e.absJ, eps * rate, K.tol)).toBe(true);
    // Detailed balance: the Gibbs state at the bath's temperature exchanges no heat.
    const t = K.run(twoLevel(eps, rate, T, 'thermal'));
    expect(Math.abs(t.J)).toBeLessThanOrEqual(1e-15 * t.absJ + 1e-16);
  });

  it('on random systems: Tr[A^2 Pinch rho] of populations, |J| <= absJ, the band statistics of Omega', () => {
    for (const seed of seeds) {
      const sys = randomSystem(seed);
      const r = K.run(sys);
      expect(Math.abs(r.J)).toBeLessThanOrEqual(r.absJ * (1 + K.tol));
      const spaceOf = (i: number): number => sys.members.findIndex((m) => m.includes(i));
      let pinched = 0, deltaE = 0;
      if (sys.populations) {
        for (let j = 0; j < sys.n; j++) for (let i = 0; i < sys.n; i++) pinched += sys.populations[j] * (sys.re[i * sys.n + j] ** 2 + sys.im[i * sys.n + j] ** 2);
      }
      for (let j = 0; j < sys.n; j++) {
        for (let i = 0; i < sys.n; i++) {
          const a = spaceOf(i), b = spaceOf(j);
          if (a !== b && (sys.re[i * sys.n + j] !== 0 || sys.im[i * sys.n + j] !== 0)) deltaE = Math.max(deltaE, Math.abs(sys.spaceEnergy[b] - sys.spaceEnergy[a]));
        }
      }
      if (sys.vectors.length === 0) expect(close(r.pinchedA2, pinched, 1e-12)).toBe(true);
      expect(close(r.deltaE, deltaE, 1e-15)).toBe(true);
      expect(r.gammaMin).toBeGreaterThanOrEqual(0);
      expect(r.gammaMin).toBeLessThanOrEqual(r.gammaMax);
      expect(r.omegaGammaMax).toBeLessThanOrEqual(r.deltaE * r.gammaMax * (1 + 1e-15));
    }
  });

  it('upper statistics: over every element computed above 0, those at or below the zero threshold too; exact zeros never', () => {
    // Three levels 0, 1, 3: A_01 = 1 (certified), A_02 = 1e-10 (below the threshold 1e-9: may be
    // nonzero), A_12 = 0 (an exact zero, not stored). Omega = {+-1}; the upper set adds +-3.
    const n = 3, re = new Float64Array(n * n);
    re[1] = re[3] = 1; re[2] = re[6] = 1e-10;
    const sys: Sys = {
      spaceEnergy: [0, 1, 3], members: [[0], [1], [2]], n, re, im: new Float64Array(n * n),
      vectors: [], populations: Float64Array.from([1, 0, 0]), bath: { kind: 'flat', rate: 1.5, T: 0.5, wc: 1 },
    };
    const r = K.run(sys);
    expect([r.deltaE, r.gammaMax]).toEqual([1, 1.5]);
    expect(close(r.omegaGammaMax, 1.5, K.tol)).toBe(true);
    expect([r.upper.deltaE, r.upper.gammaMax]).toEqual([3, 1.5]);
    expect(close(r.upper.omegaGammaMax, 4.5, K.tol)).toBe(true);
    // Every element certified: the upper statistics are the statistics.
    re[2] = re[6] = 0.5;
    const c = K.run(sys);
    expect([c.upper.deltaE, c.upper.gammaMax, c.upper.omegaGammaMax]).toEqual([c.deltaE, c.gammaMax, c.omegaGammaMax]);
    expect(c.deltaE).toBe(3);
    // On random systems: upper >= lower, equal where no element is at or below the threshold.
    for (const seed of seeds) {
      const x = K.run(randomSystem(seed));
      expect(x.upper.deltaE).toBeGreaterThanOrEqual(x.deltaE);
      expect(x.upper.gammaMax).toBeGreaterThanOrEqual(x.gammaMax);
      expect(x.upper.omegaGammaMax).toBeGreaterThanOrEqual(x.omegaGammaMax);
    }
  });

  it('agrees with decimal(30) to 1e-12 relative on random systems', () => {
    const truth = kernels[2][1];
    for (const seed of seeds) {
      const sys = randomSystem(seed);
      const r = K.run(sys), t = truth.run(sys);
      expect(close(r.J, t.J, 1e-12, t.absJ)).toBe(true);
      for (const k of ['absJ', 'pinchedA2', 'deltaE', 'gammaMax', 'omegaGammaMax', 'gammaMin', 'gammaMinAt'] as const) {
        expect(close(r[k], t[k], 1e-12), `${k} (seed ${seed})`).toBe(true);
      }
    }
  });
});

const fields: [string, BathField<unknown>, number][] = [
  ['float64', float64Bath as BathField<unknown>, 1e-14],
  ['decimal(30)', decimalBath(D30) as unknown as BathField<unknown>, 1e-28],
];

describe.each(fields)('bath spectrum laws: %s', (_name, F, tol) => {
  const x = (v: number): unknown => F.fromNumber(v);
  const num = (v: unknown): number => F.toNumber(v);
  it('detailed balance gamma(-w) = exp(-w/T) gamma(w), flat and ohmic; ohmic(0) = rate T; 0 below at T = 0', () => {
    for (const [rate, T, wc] of [[1, 0.5, 2], [0.3, 2, 0.7], [2, 1e-3, 5]]) {
      const flat = flatSpectrumIn(F, x(rate), x(T)), ohmic = ohmicSpectrumIn(F, x(rate), x(T), x(wc));
      for (const w of [1e-9, 1e-3, 0.3, 1, 4]) {
        const boltz = F.exp(F.div(F.neg(x(w)), x(T)));
        for (const g of [flat, ohmic]) {
          const lhs = num(g(F.neg(x(w)))), rhs = num(F.mul(boltz, g(x(w))));
          expect(close(lhs, rhs, 10 * tol, 1e-300)).toBe(true);
        }
      }
      expect(close(num(ohmic(F.zero)), rate * T, tol)).toBe(true);
      expect(num(flatSpectrumIn(F, x(rate), F.zero)(x(-1)))).toBe(0);
      expect(num(ohmicSpectrumIn(F, x(rate), F.zero, x(wc))(x(-1)))).toBe(0);
    }
  });
  it('oneMinusExpNeg is 1 - e^-x without cancellation for small x', () => {
    for (const v of [1e-12, 1e-5, 0.009, 0.011, 0.5, 3]) {
      const series = v - v * v / 2 + v ** 3 / 6 - v ** 4 / 24;
      const want = v < 1e-3 ? series : 1 - Math.exp(-v);
      expect(close(num(F.oneMinusExpNeg(x(v))), want, v < 1e-3 ? 1e-15 : 1e-15)).toBe(true);
    }
  });
});

describe('the float64 and Decimal spectra are instances of one definition', () => {
  it('flatSpectrum/ohmicSpectrum are the float64 formulas exactly, NaN in, NaN out', () => {
    const flat = flatSpectrum(1.5, 0.8), ohmic = ohmicSpectrum(1.5, 0.8, 2.5);
    for (const w of [-3, -0.25, -1e-7, 0, 1e-7, 0.25, 3]) {
      expect(flat(w)).toBe(w >= 0 ? 1.5 : 1.5 * Math.exp(-Math.abs(w) / 0.8));
      const em = (v: number): number => (v === 0 ? 1.5 * 0.8 : (1.5 * v * Math.exp(-v / 2.5)) / -Math.expm1(-v / 0.8));
      expect(ohmic(w)).toBe(w >= 0 ? em(w) : Math.exp(-Math.abs(w) / 0.8) * em(Math.abs(w)));
    }
    expect(flat(NaN)).toBeNaN();
    expect(ohmic(NaN)).toBeNaN();
  });
  it('preciseFlat/preciseOhmic/oneMinusExpNeg agree with float64 to 1e-14 relative', () => {
    const d = (v: number): Decimal => new D30(v);
    const pf = preciseFlat(D30, d(1.5), d(0.8)), po = preciseOhmic(D30, d(1.5), d(0.8), d(2.5));
    const flat = flatSpectrum(1.5, 0.8), ohmic = ohmicSpectrum(1.5, 0.8, 2.5);
    for (const w of [-3, -0.25, -1e-7, 0, 1e-7, 0.25, 3]) {
      expect(close(pf(d(w)).toNumber(), flat(w), 1e-14)).toBe(true);
      expect(close(po(d(w)).toNumber(), ohmic(w), 1e-14)).toBe(true);
    }
    expect(close(oneMinusExpNeg(D30, d(1e-6)).toNumber(), -Math.expm1(-1e-6), 1e-15)).toBe(true);
  });
});
