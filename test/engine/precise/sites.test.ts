/**
 * The decimal.js engine on model-language v2 sites (issue 16): the product basis of prod dims
 * (mixed radix), every one-site factor exact at the working precision (engine/precise/operators
 * evalSitesPrecise: matrix units times Decimal entries), states on sites. Checked against the
 * float64 engine within its error bounds, against itself at a second precision, against a closed
 * form to 25 digits, and refused (a limitation) beyond 2^10 states.
 */
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  boundNames, computeCurrent, computePrecise, dissipatorCurrent, evaluateSystem, preciseHypotheses, preciseSystem, PreciseNotApplicable,
} from '../../../src/engine/index.js';
import { loadModelFile, loadModelText, parseStateText, type ModelSpec } from '../../../src/lang/index.js';
import { root } from '../../helpers.js';
import { runCli } from '../../cli-run.js';

const v2 = (f: string): ModelSpec => loadModelFile(join(root, 'test', 'fixtures', 'v2', `${f}.yaml`));

/** Each fixture at small L (dimensions 9, 27, 32, 100, 7 by the symmetric path). */
const cases: readonly [string, number][] = [
  ['qutrit-two-baths', 2], ['spin1-chain', 3], ['tavis-cummings', 2], ['tavis-cummings-n50', 1], ['spin1-collective', 3],
];

describe('v2 sites: --digits 30 against the float64 engine', () => {
  for (const [f, L] of cases) {
    it(`${f} at L = ${L}: J, every channel's J and the bounds agree within the two error bounds; the errors are below 1e-25`, () => {
      const model = v2(f);
      const p = computePrecise(model, L, { digits: 30 });
      const q = computeCurrent(model, L);
      expect(p.dimension).toBe(q.dimension);
      const close = (a: { value: Decimal; error: Decimal }, b: number, bErr: number, what: string) => {
        expect(Math.abs(a.value.toNumber() - b), `${f} ${what}: ${a.value} vs ${b}`).toBeLessThanOrEqual(bErr + a.error.toNumber() + 1e-300);
        expect(a.error.lt('1e-25'), `${f} ${what}: error ${a.error}`).toBe(true);
      };
      close(p.J, q.J, q.error.J, 'J');
      p.channels.forEach((c, i) => close(c.J, q.channels[i].J, q.termErrors.channels[i].J, `J of channel ${i}`));
      if (q.inexact.length === 0 && p.inexact.length === 0) for (const b of boundNames) close(p.bounds[b], q.bounds[b], q.error.bounds[b], b);
    });
  }
});

describe('v2 sites: two precisions', () => {
  for (const [f, L] of cases) {
    it(`${f} at L = ${L}: --digits 30 and --digits 50 agree to 1e-28`, () => {
      const a = computePrecise(v2(f), L, { digits: 30, maxDigits: 30 });
      const b = computePrecise(v2(f), L, { digits: 50, maxDigits: 50 });
      expect(a.J.value.minus(b.J.value).abs().lt('1e-28'), `${f}: ${a.J.value} vs ${b.J.value}`).toBe(true);
      for (const k of boundNames) expect(a.bounds[k].value.minus(b.bounds[k].value).abs().lt('1e-28'), `${f} ${k}`).toBe(true);
      a.channels.forEach((c, i) => expect(c.normA.value.minus(b.channels[i].normA.value).abs().lt('1e-28'), `${f} ||A|| ${i}`).toBe(true));
    });
  }
});

describe('v2 sites: a closed form', () => {
  // One spin 1, H = w1 Sx, A = Sz, a flat bath (gamma(x) = g for x >= 0, g e^{-|x|/T} for x < 0),
  // state basis("0") = |m_z = +1>. In the eigenbasis |x_m> of Sx (E_m = w1 m, m = 1, 0, -1), Sz acts
  // as Sx does in the z basis: <x_{m-1}|Sz|x_m> has modulus 1/sqrt(2) (m = 1, 0), nothing else between
  // distinct levels, so A(w1) = sum_m c_m |x_{m-1}><x_m| and A(-w1) = A(w1)^+, with the one Bohr frequency
  // w1 from two pairs. H A(x) = A(x) (H - x) gives Tr[H D(rho)] = -sum_x x gamma(x) Tr[rho A(x)^+ A(x)], and
  // A(w1)^+ A(w1) = (P_1 + P_0)/2, A(-w1)^+ A(-w1) = (P_0 + P_-1)/2 (P_m = |x_m><x_m|). The populations
  // q_m = |<x_m|z_+1>|^2 = |d^1_{m,1}(pi/2)|^2 are 1/4, 1/2, 1/4, so
  //   J = -w1 g (q_1 + q_0)/2 + w1 g e^{-w1/T} (q_0 + q_-1)/2 = (3/8) w1 g (e^{-w1/T} - 1).
  // At w1 = 1, g = 0.1, T = 0.5: J = 0.0375 (e^-2 - 1); ||A|| = ||Sz|| = 1, DeltaE = w1.
  const text = `
name: spin1-closed
sites: { spin: 1 }
params: { w1: 1, g: 0.1, T: 0.5 }
H: "w1*Sx[0]"
channels:
  - A: "Sz[0]"
    bath: { spectrum: flat, rate: g, T: T }
state: basis("0")
`;
  it('one spin 1: J = (3/8) w1 g (e^{-w1/T} - 1) to 25 digits, on the dense path (Sx\'s sqrt(2)/2 at the working precision)', () => {
    const r = computePrecise(loadModelText(text, 'spin1-closed.yaml'), 1, { digits: 30 });
    const D = Decimal.clone({ precision: 60 });
    const exact = new D('0.0375').times(new D(-2).exp().minus(1));
    expect(r.method).toBe('dense');
    expect(r.J.value.minus(exact).abs().lt('1e-25'), `${r.J.value} vs ${exact}`).toBe(true);
    expect(r.J.value.minus(exact).abs().lte(r.J.error.plus('1e-40')), `within the reported error ${r.J.error}`).toBe(true);
    expect(r.channels[0].normA.value.minus(1).abs().lt('1e-25')).toBe(true);
    expect(r.channels[0].deltaE.value.minus(1).abs().lt('1e-25')).toBe(true);
  });
});

describe('v2 sites: a closed form with a mode', () => {
  // One mode truncated to the Fock states 0, 1, 2, H = wc n, A = a + adag, a flat bath, state
  // thermal(T0). The levels m wc are equally spaced, so the one Bohr frequency wc has
  // A(wc) = a (removes wc) and A(-wc) = adag (truncated: adag|2> = 0); H A(x) = A(x) (H - x) gives
  // J = -sum_x x gamma(x) Tr[rho A(x)^+ A(x)] with a^+ a = n = diag(0, 1, 2) and, truncated,
  // a adag = diag(1, 2, 0) (|<1|a|2>|^2 = sqrt(2)^2 = 2). With p_m = e^{-m wc/T0} / Z:
  //   J = wc g [e^{-wc/T} (p_0 + 2 p_1) - (p_1 + 2 p_2)].
  const text = `
name: mode-closed
sites: { boson: { cutoff: 3 } }
params: { wc: 1, g: 0.1, T: 0.5, T0: 1 }
H: "wc*n"
channels:
  - A: "a + adag"
    bath: { spectrum: flat, rate: g, T: T }
state: thermal(T0)
`;
  it('one mode of three levels: J = wc g [e^{-wc/T} (p_0 + 2 p_1) - (p_1 + 2 p_2)] to 25 digits', () => {
    const r = computePrecise(loadModelText(text, 'mode-closed.yaml'), 1, { digits: 30 });
    const D = Decimal.clone({ precision: 60 });
    const x = new D(-1).exp(); // e^{-wc/T0}
    const Z = x.pow(0).plus(x).plus(x.pow(2));
    const [p0, p1, p2] = [new D(1).div(Z), x.div(Z), x.pow(2).div(Z)];
    const exact = new D('0.1').times(new D(-2).exp().times(p0.plus(p1.times(2))).minus(p1.plus(p2.times(2))));
    expect(r.J.value.minus(exact).abs().lt('1e-25'), `${r.J.value} vs ${exact}`).toBe(true);
    expect(r.J.value.minus(exact).abs().lte(r.J.error.plus('1e-40')), `within the reported error ${r.J.error}`).toBe(true);
    // a + adag on three levels is [[0, 1, 0], [1, 0, sqrt 2], [0, sqrt 2, 0]]: eigenvalues 0, +-sqrt(3).
    expect(r.channels[0].normA.value.minus(new D(3).sqrt()).abs().lt('1e-25'), `${r.channels[0].normA.value}`).toBe(true);
  });
});

describe('v2 sites: the symmetric path says what it lacks', () => {
  it('a function of H_S on collective spin-1 sites: the symmetric path names the missing sector weights, the product basis computes it', () => {
    const model = v2('spin1-collective');
    const thermal = parseStateText('thermal(1)', '<test>', '--state', model.params.map((p) => p.name), model.sites);
    expect(computePrecise(model, 3, { digits: 30, state: thermal }).dimension).toBe(27);
    expect(() => computePrecise(model, 8, { digits: 30, state: thermal }))
      .toThrow(/symmetric path: the state thermal\(1\) is not confined to the symmetric sector: a function of H_S spans every total-spin sector, and the decimal\.js symmetric path does not weigh the sectors .*; product basis: .*dimension 6561 > 2\^10/);
  });
});

describe('v2 sites: states and a second method', () => {
  it('basis("0 2"), mix(p, s1, s2), random(seed), top and steady on the qutrits agree with float64', () => {
    const model = v2('qutrit-two-baths');
    for (const s of ['basis("0 2")', 'mix(0.3, ground, basis("1 1"))', 'random(3)', 'mixed(2)', 'top', 'steady']) {
      const state = parseStateText(s, '<test>', '--state', model.params.map((p) => p.name), model.sites);
      const p = computePrecise(model, 2, { digits: 30, state });
      const q = computeCurrent(model, 2, { state });
      expect(Math.abs(p.J.value.toNumber() - q.J), s).toBeLessThanOrEqual(q.error.J + p.J.error.toNumber() + 1e-300);
      expect(p.J.error.lt('1e-25'), `${s}: error ${p.J.error}`).toBe(true);
    }
  });

  it('Tr[H D(rho)] equals the kernel J on spin-1 and spin-times-mode sites (a random state)', () => {
    for (const [f, L] of [['spin1-chain', 2], ['tavis-cummings', 1]] as const) {
      const model = v2(f);
      const state = parseStateText('random(5)', '<test>', '--state', model.params.map((p) => p.name), model.sites);
      const sys = preciseSystem(model, L, 30, { state });
      const kernel = evaluateSystem(sys).J;
      expect(dissipatorCurrent(sys).minus(kernel.value).abs().lte(kernel.error.plus('1e-25')), f).toBe(true);
    }
  });
});

describe('v2 sites: the limits', () => {
  it('beyond 2^10 states: a limitation naming the sites and the dimension (finite at any L)', async () => {
    expect(() => computePrecise(v2('spin1-chain'), 7)).toThrow(PreciseNotApplicable);
    expect(() => computePrecise(v2('spin1-chain'), 7)).toThrow(/spin 1 \(3 levels\) x 7\) have dimension 2187 > 2\^10 = 1024/);
    expect(() => computePrecise(v2('spin1-chain'), 1000)).toThrow(/dimension about 10\^477 > 2\^10/);
    const d = await runCli(['current', join(root, 'test', 'fixtures', 'v2', 'spin1-chain.yaml'), '--L', '7', '--digits', '30']);
    expect(d.code).toBe(2);
    expect(d.err).toContain('have dimension 2187 > 2^10 = 1024');
  });

  it('an operator that makes too many matrix-unit terms (a power of spin-31/2 sums): a limitation at its key, not an out-of-memory error', () => {
    const big = loadModelText('sites: { spin: 31/2 }\nH: "(Sx[0] + Sx[1])^4 + Sz[0]"\nchannels:\n  - A: "Sx[0]"\n    bath: { spectrum: flat, rate: 0.1, T: 1 }\nstate: up\n', 'big.yaml');
    let err: unknown = null;
    try { computePrecise(big, 2); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(PreciseNotApplicable);
    expect(() => { throw err; }).toThrow(/H written in matrix units \(every entry exact at the working digits\): a product of two operator sums would make \d+ product terms/);
  });
});

describe('v2 sites: prove\'s hypothesis checks', () => {
  it('the qutrits: the spectral decomposition, Hermiticity, ||A|| and the rates hold in the mixed-radix product basis', () => {
    const r = preciseHypotheses(v2('qutrit-two-baths'), 2, 30);
    const verdict = (id: string) => r.checks.filter((c) => c.id.startsWith(id)).map((c) => c.verdict);
    for (const id of ['H-spectral-decomposition', 'H-projectors-complete', 'H-A-hermitian', 'H-A-norm', 'H-rates']) {
      expect(verdict(id).length, id).toBeGreaterThan(0);
      expect(verdict(id).every((v) => v === 'holds'), id).toBe(true);
    }
    expect(r.checks.find((c) => c.id === 'H-spectral-decomposition')!.space).toContain('prod dims');
  });
});
