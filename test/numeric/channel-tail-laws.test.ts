/**
 * The one rule for the terms of a channel, run over both engines' instances (QuTiP's pattern of one
 * suite over every specialisation): the float64 scatter loops (numeric/davies channelHeat,
 * numeric/tail channelTail) and the Decimal ones at 30 digits (preciseChannelHeat,
 * preciseChannelTail). The rule (numeric/channel, numeric/tail-field addWeight): every term enters
 * J and Tr[A^2 Pinch rho]; the zero threshold decides only Omega; a weight is a record of the B2tail
 * table when its frequency is in the table's set (always for a `bohr` table, for an `omega` one when
 * its pair is in Omega), else its |w| gamma q is `dropped`.
 *
 * The systems put matrix elements of A near the zero threshold z = 1e-3 (a large z, so that what
 * each rule keeps is visible): in degenerate eigenspaces, where the elements of A P_b psi are sums,
 * and in the populations. Before the rule was one, the float64 loops dropped elements of A P_b psi
 * at or below z^2 ||P_b psi||^2 (from J, from Tr[A^2 Pinch rho] and from the table) while the
 * Decimal J kept every term and its table dropped the pairs outside Omega. On the fixture below:
 * J float64 -0.05746396286622671 against Decimal -0.05746431261567519 (now both -0.0574643126156752);
 * Tr[A^2 Pinch rho] 0.17900184 against 0.1790026415 (now both the latter); the `bohr` tables' q at
 * |w| = 1 and 3/2: 1.2e-6, 6.4e-7 against 1.7455e-6, 0 (now both 1.7455e-6, 8.96e-7) and dropped
 * 4.56e-7 against 2.58e-7 (now 0, nothing is dropped from a `bohr` table); the float64 `omega`
 * table even listed |w| = 3/2, a frequency outside Omega (now dropped: 2.58e-7 in both).
 */
import type { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  DenseColumns, type Eigenspaces, channelHeat, channelTail, decimalBath, decimalContext, flatSpectrum, flatSpectrumIn,
  mulberry32, preciseChannelHeat, preciseChannelTail, tailProfile, preciseTailProfile, type TailTableIn,
} from '../../src/numeric/index.js';

const D30 = decimalContext(30, 6 /* ROUND_HALF_EVEN */);
const Fd = decimalBath(D30);
const z = 1e-3;

/** A channel in plain numbers: eigenspace energies (dyadic: exact in both fields), members, A (row-major, Hermitian), state, flat bath. */
interface Sys {
  readonly spaceEnergy: number[];
  readonly members: number[][];
  readonly n: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly vectors: { weight: number; re: Float64Array; im: Float64Array }[];
  readonly populations: Float64Array | null;
  readonly rate: number;
  readonly T: number;
}

/** Sets A_ij and A_ji = conj(A_ij). */
function setA(s: { n: number; re: Float64Array; im: Float64Array }, i: number, j: number, re: number, im = 0): void {
  s.re[i * s.n + j] = re; s.im[i * s.n + j] = im;
  s.re[j * s.n + i] = re; s.im[j * s.n + i] = i === j ? 0 : -im;
}

/**
 * The fixture: spaces E = 0 {0}, 1 {1, 2}, 5/2 {3}; A_01 = 2z, A_02 = -0.9z (the pair 0 <- 1 in
 * Omega), A_31 = A_32 = 0.8z (the pair 3 <- 1 not in Omega), A_03 = 0.6, A_12 = 0.3, A_00 = 0.2;
 * the state half psi = (|1> + |2>)/sqrt 2 and half populations (0.2, 0.1, 0.1, 0.1). In A P_1 psi
 * the element at 0 is 1.1z/sqrt 2 (0.605 z^2 <= z^2: the old float64 rule dropped it from J) and at
 * 3 it is 1.6z/sqrt 2 (1.28 z^2 > z^2: kept, in a pair outside Omega); the populations of 1 and 2
 * meet A_31, A_32 and A_02 (at most z^2: dropped by the old float64 rule, though A_02 is in Omega).
 */
function fixture(): Sys {
  const n = 4;
  const s = { n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
  setA(s, 0, 1, 2 * z); setA(s, 0, 2, -0.9 * z); setA(s, 3, 1, 0.8 * z); setA(s, 3, 2, 0.8 * z);
  setA(s, 0, 3, 0.6); setA(s, 1, 2, 0.3); setA(s, 0, 0, 0.2);
  const h = Math.SQRT1_2;
  return {
    spaceEnergy: [0, 1, 2.5], members: [[0], [1, 2], [3]], n, re: s.re, im: s.im,
    vectors: [{ weight: 0.5, re: Float64Array.from([0, h, h, 0]), im: new Float64Array(n) }],
    populations: Float64Array.from([0.2, 0.1, 0.1, 0.1]), rate: 0.7, T: 0.8,
  };
}

/** A random system: 2-4 eigenspaces of 1-3 members (dyadic energies), elements of A ordinary, exactly 0 or within a factor 2 of z. */
function randomSystem(seed: number): Sys {
  const rnd = mulberry32(seed);
  const nS = 2 + Math.floor(rnd() * 3);
  const spaceEnergy: number[] = [], members: number[][] = [];
  let n = 0, E = -Math.floor(rnd() * 8) / 8;
  for (let s = 0; s < nS; s++) {
    spaceEnergy.push(E);
    const size = 1 + Math.floor(rnd() * 3);
    members.push(Array.from({ length: size }, (_, k) => n + k));
    n += size;
    E += (1 + Math.floor(rnd() * 12)) / 8;
  }
  const s = { n, re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const u = rnd();
      if (u < 0.25) continue;
      const scale = u < 0.7 ? z * (0.5 + 1.5 * rnd()) : 1;
      setA(s, i, j, scale * (rnd() < 0.5 ? -1 : 1) * (0.5 + 0.5 * rnd()), i === j ? 0 : scale * (rnd() - 0.5));
    }
  }
  const vectors: Sys['vectors'] = [];
  const vr = new Float64Array(n), vi = new Float64Array(n);
  let norm = 0;
  for (let j = 0; j < n; j++) { vr[j] = rnd() - 0.5; vi[j] = rnd() < 0.5 ? 0 : rnd() - 0.5; norm += vr[j] ** 2 + vi[j] ** 2; }
  for (let j = 0; j < n; j++) { vr[j] /= Math.sqrt(norm); vi[j] /= Math.sqrt(norm); }
  vectors.push({ weight: 0.5, re: vr, im: vi });
  const populations = new Float64Array(n);
  let sum = 0;
  for (let j = 0; j < n; j++) { populations[j] = rnd() < 0.2 ? 0 : rnd(); sum += populations[j]; }
  for (let j = 0; j < n; j++) populations[j] *= 0.5 / (sum || 1);
  return { spaceEnergy, members, n, re: s.re, im: s.im, vectors, populations, rate: 0.5 + rnd(), T: 0.3 + rnd() };
}

/** A channel's J, absJ, Tr[A^2 Pinch rho], max |w| over Omega, max |w| gamma over Omega, and its table, as numbers. */
interface Out {
  readonly J: number;
  readonly absJ: number;
  readonly pinchedA2: number;
  readonly deltaE: number;
  readonly omegaGammaMax: number;
  readonly table: { d: number[]; g: number[]; mg: number[]; q: number[]; pinchedA2: number; dropped: number; frequencies: string };
  /** B2tail(D) + dropped at every grid point D. */
  readonly bounds: number[];
}

type Mode = 'auto' | 'omega';
interface Instance { run(sys: Sys, mode: Mode): Out }

const numbers = <T>(t: TailTableIn<T>, num: (x: T) => number): Out['table'] => ({
  d: Array.from(t.d as ArrayLike<T>, num), g: Array.from(t.g as ArrayLike<T>, num), mg: Array.from(t.mg as ArrayLike<T>, num), q: Array.from(t.q as ArrayLike<T>, num),
  pinchedA2: num(t.pinchedA2), dropped: num(t.dropped), frequencies: t.frequencies,
});

/** The float64 instance: the scatter loops. */
const float64: Instance = {
  run(sys, mode) {
    const n = sys.n;
    const space = new Int32Array(n), energies = new Float64Array(n), start = new Int32Array(sys.members.length + 1);
    sys.members.forEach((m, s) => { for (const j of m) { space[j] = s; energies[j] = sys.spaceEnergy[s]; } start[s + 1] = start[s] + m.length; });
    const spaces: Eigenspaces = {
      energies, space, spaceEnergy: Float64Array.from(sys.spaceEnergy), start, members: Int32Array.from(sys.members.flat()),
      tolerance: 0, smallestGap: Math.min(...sys.spaceEnergy.slice(1).map((e, s) => e - sys.spaceEnergy[s])),
    };
    const gamma = flatSpectrum(sys.rate, sys.T);
    const A = new DenseColumns(n, sys.re, sys.im);
    const state = { vectors: sys.vectors, populations: sys.populations };
    const h = channelHeat(spaces, A, state, gamma, z);
    const t = channelTail(spaces, A, state, gamma, z, mode);
    const p = tailProfile([t]);
    return {
      J: h.J, absJ: h.absJ, pinchedA2: h.pinchedA2, deltaE: h.deltaE, omegaGammaMax: h.omegaGammaMax,
      table: numbers(t, (x) => x), bounds: p.points.map((x) => x.value + p.dropped),
    };
  },
};

/** The Decimal instance at 30 digits: preciseChannelHeat (the generic kernel) and preciseChannelTail. */
const decimal30: Instance = {
  run(sys, mode) {
    const d = (x: number): Decimal => Fd.fromNumber(x);
    const spaceOf = new Int32Array(sys.n);
    sys.members.forEach((m, s) => { for (const j of m) spaceOf[j] = s; });
    const cols = Array.from({ length: sys.n }, (_, j) => {
      const col = new Map<number, { re: Decimal; im: Decimal }>();
      for (let i = 0; i < sys.n; i++) {
        const r = sys.re[i * sys.n + j], m = sys.im[i * sys.n + j];
        if (r !== 0 || m !== 0) col.set(i, { re: d(r), im: d(m) });
      }
      return col;
    });
    const spaces = { energies: sys.spaceEnergy.map(d), members: sys.members, spaceOf };
    const A = { n: sys.n, cols };
    const state = {
      vectors: sys.vectors.map((v) => ({ weight: d(v.weight), amp: Array.from(v.re, (x, j) => ({ re: d(x), im: d(v.im[j]) })) })),
      populations: sys.populations ? Array.from(sys.populations, d) : null,
    };
    const gamma = flatSpectrumIn(Fd, d(sys.rate), d(sys.T));
    const h = preciseChannelHeat(D30, spaces, A, state, gamma, d(z));
    const t = preciseChannelTail(D30, spaces, A, state, gamma, d(z), mode);
    const p = preciseTailProfile(D30, [t]);
    const num = (x: Decimal): number => x.toNumber();
    return {
      J: num(h.J), absJ: num(h.absJ), pinchedA2: num(h.pinchedA2), deltaE: num(h.deltaE), omegaGammaMax: num(h.omegaGammaMax),
      table: numbers(t, num), bounds: p.points.map((x) => num(x.value.plus(p.dropped))),
    };
  },
};

const instances: [string, Instance, number][] = [
  ['float64 (channelHeat, channelTail)', float64, 1e-13],
  ['decimal(30) (preciseChannelHeat, preciseChannelTail)', decimal30, 1e-25],
];
const modes: Mode[] = ['auto', 'omega'];
const seeds = Array.from({ length: 50 }, (_, k) => 2600 + k);
const systems: [string, Sys][] = [['the fixture', fixture()], ...seeds.map((s): [string, Sys] => [`seed ${s}`, randomSystem(s)])];
const close = (a: number, b: number, rel: number, scale = 0): boolean => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), scale);

/** J (every term), Tr[A^2 Pinch rho] and sum |w| gamma(w) q over the pairs outside Omega, computed here by the definition. */
function byDefinition(sys: Sys): { J: number; pinchedA2: number; outside: number } {
  const spaceOf = (i: number): number => sys.members.findIndex((m) => m.includes(i));
  const gamma = flatSpectrum(sys.rate, sys.T);
  const inOmega = (a: number, b: number): boolean => sys.members[a].some((i) => sys.members[b].some((j) => sys.re[i * sys.n + j] ** 2 + sys.im[i * sys.n + j] ** 2 > z * z));
  let J = 0, pinchedA2 = 0, outside = 0;
  const add = (a: number, b: number, q: number): void => {
    pinchedA2 += q;
    if (a === b) return;
    const w = sys.spaceEnergy[b] - sys.spaceEnergy[a];
    J -= w * gamma(w) * q;
    if (!inOmega(a, b)) outside += Math.abs(w) * gamma(w) * q;
  };
  for (const v of sys.vectors) {
    sys.members.forEach((mb, b) => {
      const xr = new Float64Array(sys.n), xi = new Float64Array(sys.n);
      for (const j of mb) for (let i = 0; i < sys.n; i++) {
        const ar = sys.re[i * sys.n + j], ai = sys.im[i * sys.n + j];
        xr[i] += ar * v.re[j] - ai * v.im[j]; xi[i] += ar * v.im[j] + ai * v.re[j];
      }
      for (let i = 0; i < sys.n; i++) add(spaceOf(i), b, v.weight * (xr[i] ** 2 + xi[i] ** 2));
    });
  }
  if (sys.populations) {
    for (let j = 0; j < sys.n; j++) for (let i = 0; i < sys.n; i++) add(spaceOf(i), spaceOf(j), sys.populations[j] * (sys.re[i * sys.n + j] ** 2 + sys.im[i * sys.n + j] ** 2));
  }
  return { J, pinchedA2, outside };
}

describe.each(instances)('the terms of a channel: %s', (_name, K, tol) => {
  it.each(modes)('every term in J and Tr[A^2 Pinch rho], Omega by the threshold, the table by the one weight rule (%s)', (mode) => {
    for (const [label, sys] of systems) {
      const r = K.run(sys, mode);
      const t = r.table;
      const def = byDefinition(sys);
      // Every term: Tr[A^2 Pinch rho] of the kernel and of the table is the full sum.
      expect(close(r.J, def.J, 1e-13, r.absJ), `${label}: J ${r.J} vs ${def.J}`).toBe(true);
      expect(close(r.pinchedA2, def.pinchedA2, 1e-13), label).toBe(true);
      expect(close(t.pinchedA2, r.pinchedA2, tol), label).toBe(true);
      expect(Math.abs(r.J)).toBeLessThanOrEqual(r.absJ * (1 + tol));
      // The weights in the table add up to at most Tr[A^2 Pinch rho] (the w = 0 ones are not records).
      expect(t.q.reduce((s, x) => s + x, 0)).toBeLessThanOrEqual(t.pinchedA2 * (1 + tol));
      if (mode === 'auto') {
        // A `bohr` table lists every frequency: nothing is dropped.
        expect(t.frequencies, label).toBe('bohr');
        expect(t.dropped, label).toBe(0);
      } else {
        // An `omega` table: its points are Omega's |w|, and what is dropped is the |J| the pairs outside Omega could carry.
        expect(t.frequencies).toBe('omega');
        expect(close(t.d.length === 0 ? 0 : t.d[t.d.length - 1], r.deltaE, tol), label).toBe(true);
        expect(close(t.mg.reduce((s, x) => Math.max(s, x), 0), r.omegaGammaMax, tol), label).toBe(true);
        expect(close(t.dropped, def.outside, 1e-12, 1e-300), `${label}: dropped ${t.dropped} vs ${def.outside}`).toBe(true);
      }
      // B2tail(D) plus what is dropped bounds |J| at every D of the grid.
      for (const b of r.bounds) expect(Math.abs(r.J), label).toBeLessThanOrEqual(b * (1 + tol) + 1e-300);
    }
  });
});

describe('the float64 and Decimal instances agree where the rules used to differ', () => {
  it.each(modes)('J, Tr[A^2 Pinch rho] and the B2tail table on the fixture and on random near-threshold systems (%s)', (mode) => {
    for (const [label, sys] of systems) {
      const f = float64.run(sys, mode), d = decimal30.run(sys, mode);
      expect(close(f.J, d.J, 1e-12, d.absJ), `${label}: J ${f.J} vs ${d.J}`).toBe(true);
      for (const k of ['absJ', 'pinchedA2', 'deltaE', 'omegaGammaMax'] as const) expect(close(f[k], d[k], 1e-12), `${label}: ${k}`).toBe(true);
      const ft = f.table, dt = d.table;
      expect(ft.frequencies).toBe(dt.frequencies);
      expect(ft.d).toEqual(dt.d);
      for (const k of ['g', 'mg', 'q'] as const) ft[k].forEach((x, i) => expect(close(x, dt[k][i], 1e-12, 1e-300), `${label}: ${k}[${i}] ${x} vs ${dt[k][i]}`).toBe(true));
      expect(close(ft.pinchedA2, dt.pinchedA2, 1e-12), label).toBe(true);
      expect(close(ft.dropped, dt.dropped, 1e-12, 1e-300), `${label}: dropped ${ft.dropped} vs ${dt.dropped}`).toBe(true);
      f.bounds.forEach((x, i) => expect(close(x, d.bounds[i], 1e-12), label).toBe(true));
    }
  });

  it('the fixture exercises both sides of the rule: terms below z^2 ||P_b psi||^2 in J, a pair outside Omega dropped from an omega table', () => {
    const sys = fixture();
    const f = float64.run(sys, 'omega');
    // The pairs 3 <- 1 (w = -3/2: 0.5 * 1.28 z^2 from psi, 0.1 * 0.64 z^2 from each population of
    // 1 and 2) and 1 <- 3 (w = 3/2: 0.1 * 2 * 0.64 z^2) are outside Omega: dropped.
    const gamma = flatSpectrum(sys.rate, sys.T);
    const zz = z * z;
    expect(close(f.table.dropped, 1.5 * gamma(-1.5) * (0.64 + 0.128) * zz + 1.5 * gamma(1.5) * 0.128 * zz, 1e-12)).toBe(true);
    expect(f.table.d).toEqual([1, 2.5]);
    // The terms at or below z^2 ||P_b psi||^2 (which the old float64 rule left out of J) are in J:
    // A P_1 psi at 0 (0.605 z^2), the populations of 2 and 0 through A_02 = -0.9 z, those of 1, 2
    // through A_31, A_32 and that of 3 through A_13, A_23 (0.64 z^2). Their sum of w gamma(w) q is
    // what the old J differed by.
    const def = byDefinition(sys);
    const small = gamma(1) * (0.5 * 0.605 + 0.1 * 0.81) * zz - gamma(-1) * 0.2 * 0.81 * zz
      - 1.5 * gamma(-1.5) * 0.2 * 0.64 * zz + 1.5 * gamma(1.5) * 0.2 * 0.64 * zz;
    expect(Math.abs(small)).toBeGreaterThan(1e-7);
    expect(close(f.J, def.J, 1e-13, f.absJ)).toBe(true);
  });
});
