/**
 * steady(S), collective `steady` in the full space, the Decimal steady solver for cold baths and
 * the Decimal noise-operator norm beyond the 64-state eigensolver limit (issue 11, items 4-5).
 * Every expected value is derived independently of the engine:
 *   - collective birth-death chains in closed form: in total-spin sector j the levels are m = -j..j,
 *     A = sum_k X_k = J_+ + J_- has |<m+1|A|m>|^2 = (j-m)(j+m+1), and every flat bath has the same
 *     ratio of up to down rates, so p_{m+1}/p_m = q = sum_a g_a e^{-w0/T_a} / sum_a g_a;
 *   - starts outside the symmetric sector: the evolution is (spin-j generator) x (identity on the
 *     multiplicity space), so steady(S) = sum_j W_j(S) sigma_j with W_j the weight of S in the
 *     sectors of total spin j (1/L and (L-1)/L for one up spin; Gibbs weights for thermal(T));
 *   - norms: the exact spectrum of a single-axis Pauli sum, and numpy's eigvalsh where python3 with
 *     numpy is available (skipped, saying why, where it is not).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCurrent, computePrecise } from '../../src/engine/index.js';
import { InputError, loadModelText, parseStateText, type ModelSpec } from '../../src/lang/index.js';
import { root } from '../helpers.js';

const model = (text: string, name = 'steady-start'): ModelSpec => loadModelText(`name: ${name}\n${text}`, `${name}.yaml`);
const state = (s: string) => parseStateText(s, '<test>', '--state');

/** Superradiance-like: H = w0/2 sum Z, one collective channel per bath (flat spectra). */
const twoBath = (w0: number, baths: [number, number][]): ModelSpec => model([
  `H: "${w0}/2 * sum(k, Z[k])"`,
  'channels:',
  ...baths.flatMap(([g, T]) => [`  - A: "sum(k, X[k])"`, `    bath: { spectrum: flat, rate: ${g}, T: ${T} }`]),
  'state: steady',
  '',
].join('\n'));

/**
 * Closed form of the collective steady state in the sector of total spin j (2j qubits' symmetric
 * sector): J_alpha = w0 g_a sum_m c_m (p_m e^{-w0/T_a} - p_{m+1}), c_m = (j-m)(j+m+1) |a|^2
 * for A = a (J_+ + J_-), and Tr[A^2 rho] = sum_m p_m (c_m + c_{m-1}).
 */
function sectorClosedForm(twoJ: number, w0: number, baths: [number, number][], a = 1): { J: number[]; A2: number } {
  const j = twoJ / 2;
  const q = baths.reduce((s, [g, T]) => s + g * Math.exp(-w0 / T), 0) / baths.reduce((s, [g]) => s + g, 0);
  const p: number[] = [];
  for (let k = 0; k <= twoJ; k++) p.push(q ** k);
  const z = p.reduce((s, x) => s + x, 0);
  const pm = (k: number) => (k >= 0 && k <= twoJ ? p[k] / z : 0);
  const c = (k: number) => { const m = -j + k; return k < 0 || k >= twoJ ? 0 : (j - m) * (j + m + 1) * a * a; };
  const J = baths.map(([g, T]) => {
    let s = 0;
    for (let k = 0; k < twoJ; k++) s += c(k) * (pm(k) * Math.exp(-w0 / T) - pm(k + 1));
    return w0 * g * s;
  });
  let A2 = 0;
  for (let k = 0; k <= twoJ; k++) A2 += pm(k) * (c(k) + c(k - 1));
  return { J, A2 };
}

/** Number of copies of the total-spin-j sector among L qubits: C(L, L/2-j) - C(L, L/2-j-1). */
function multiplicity(L: number, twoJ: number): number {
  const binom = (n: number, k: number): number => { if (k < 0 || k > n) return 0; let r = 1; for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i; return r; };
  const k = (L - twoJ) / 2;
  return binom(L, k) - binom(L, k - 1);
}

function expectChannels(got: readonly { J: number }[], want: number[], tol: number, what: string): void {
  expect(got.length, what).toBe(want.length);
  got.forEach((c, i) => expect(Math.abs(c.J - want[i]), `${what} J_${i}: ${c.J} vs ${want[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[i]))));
}

describe('`steady` of a collective model in the full space (dense and diagonal) = the symmetric sector from down', () => {
  const w0 = 1, baths: [number, number][] = [[1, 3], [1, 0.5]];
  const m = twoBath(w0, baths);
  it('L = 4, hot and cold bath: every method gives the closed form of the j = 2 chain', () => {
    const want = sectorClosedForm(4, w0, baths);
    expect(Math.abs(want.J[0])).toBeGreaterThan(0.5);
    for (const method of ['symmetric', 'dense', 'diagonal'] as const) {
      const r = computeCurrent(m, 4, { method });
      expectChannels(r.channels, want.J, 1e-12, method);
      if (method !== 'symmetric') expect(r.notes.join('\n'), method).toMatch(/stationary states, the start projected onto them/);
    }
  });

  it('superradiance.yaml with state steady, one bath at T = 0.7, L = 4: dense gives the Gibbs state of the sector j = 2 (Tr[A^2 rho] in closed form)', () => {
    const sr = loadModelText([
      'name: superradiance-steady', 'params: { w0: 1, g: 1, T: 0.7 }', 'H: "w0/2 * sum(k, Z[k])"', 'channels:',
      '  - A: "sum(k, X[k])"', '    bath: { spectrum: flat, rate: g, T: T }', 'state: steady', '',
    ].join('\n'), 'superradiance-steady.yaml');
    const want = sectorClosedForm(4, 1, [[1, 0.7]]);
    for (const method of ['dense', 'diagonal', 'symmetric'] as const) {
      const r = computeCurrent(sr, 4, { method });
      expect(Math.abs(r.channels[0].pinchedA2 - want.A2), `${method}: Tr[A^2 rho] ${r.channels[0].pinchedA2} vs ${want.A2}`).toBeLessThan(1e-11);
      expect(Math.abs(r.J)).toBeLessThan(1e-12);
    }
    // The full-space Gibbs state (unique only if the sectors were connected) differs: the test discriminates.
    const gibbs = computeCurrent(sr, 4, { method: 'dense', state: state('thermal(0.7)') });
    expect(Math.abs(gibbs.channels[0].pinchedA2 - want.A2)).toBeGreaterThan(0.1);
  });
});

describe('steady(S): the long-time limit from any start', () => {
  const w0 = 1, baths: [number, number][] = [[1, 3], [1, 0.5]];
  const m = twoBath(w0, baths);
  const sector = (twoJ: number) => sectorClosedForm(twoJ, w0, baths).J;
  const combine = (weights: [number, number][]): number[] => [0, 1].map((i) => weights.reduce((s, [twoJ, w]) => s + w * (twoJ === 0 ? 0 : sector(twoJ)[i]), 0));

  it('steady(down), steady(up), steady(dicke(1)) equal `steady` (all in the symmetric sector), every method', () => {
    const want = sector(4);
    for (const s of ['steady(down)', 'steady(up)', 'steady(dicke(1))', 'steady(mix(0.3, up, ghz))']) {
      for (const method of ['symmetric', 'dense', 'diagonal'] as const) expectChannels(computeCurrent(m, 4, { method, state: state(s) }).channels, want, 1e-11, `${s} ${method}`);
    }
  });

  it('steady(basis("uddd")) at L = 4: 1/4 of the j = 2 chain + 3/4 of the j = 1 chain (dense and diagonal)', () => {
    const want = combine([[4, 1 / 4], [2, 3 / 4]]);
    for (const method of ['dense', 'diagonal'] as const) expectChannels(computeCurrent(m, 4, { method, state: state('steady(basis("uddd"))') }).channels, want, 1e-11, method);
    expect(() => computeCurrent(m, 4, { method: 'symmetric', state: state('steady(basis("uddd"))') })).toThrow(/not confined to the symmetric sector/);
  });

  it('steady(thermal(T0)) at L = 4: the thermal weights of the sectors j = 2, 1, 0', () => {
    const T0 = 1.3, L = 4;
    const weights: [number, number][] = [4, 2, 0].map((twoJ) => {
      let s = 0;
      for (let k = 0; k <= twoJ; k++) s += Math.exp(-(w0 * (-twoJ / 2 + k)) / T0);
      return [twoJ, multiplicity(L, twoJ) * s];
    });
    const Z = weights.reduce((s, [, w]) => s + w, 0);
    const want = combine(weights.map(([j, w]) => [j, w / Z]));
    for (const method of ['dense', 'diagonal'] as const) expectChannels(computeCurrent(m, L, { method, state: state(`steady(thermal(${T0}))`) }).channels, want, 1e-11, method);
  });

  it('steady of a mixture is the mixture of the steady states (linear), also with plain steady inside', () => {
    const a = computeCurrent(m, 4, { method: 'diagonal', state: state('steady(thermal(1))') }).channels;
    const b = computeCurrent(m, 4, { method: 'diagonal', state: state('steady') }).channels;
    const r = computeCurrent(m, 4, { method: 'dense', state: state('steady(mix(0.25, thermal(1), steady))') }).channels;
    expectChannels(r, [0, 1].map((i) => 0.25 * a[i].J + 0.75 * b[i].J), 1e-11, 'mix');
  });

  it('a non-collective model with two closed classes: steady(S) weights them by the start, steady alone is an error', () => {
    // Qubit 1 is conserved; it switches the hot coupling of qubit 0 on (A_hot = X0 (1 + Z1) = 2 X0 N1).
    const Th = 2, Tc = 0.4, w = 1;
    const mm = model([
      'H: "0.5 * Z[0] + 0.8 * Z[1]"', 'channels:',
      '  - A: "X[0] + X[0]*Z[1]"', `    bath: { spectrum: flat, rate: 1, T: ${Th} }`,
      '  - A: "X[0]"', `    bath: { spectrum: flat, rate: 1, T: ${Tc} }`, 'state: steady', '',
    ].join('\n'), 'closed-classes');
    expect(() => computeCurrent(mm, 2, { method: 'diagonal' })).toThrow(/not unique/);
    // Qubit 1 up: a two-level chain with |A_hot|^2 = 4, |A_cold|^2 = 1; qubit 1 down: cold only (J = 0).
    const q = (4 * Math.exp(-w / Th) + Math.exp(-w / Tc)) / 5;
    const pu = q / (1 + q), pd = 1 / (1 + q);
    const branch = w * 4 * (pd * Math.exp(-w / Th) - pu);
    for (const [s, up1] of [['steady(basis("uu"))', 1], ['steady(basis("ud"))', 0], ['steady(basis("du"))', 1], ['steady(basis("dd"))', 0], ['steady(mix(0.3, basis("du"), basis("dd")))', 0.3], ['steady(product(1.1, 0.4))', Math.cos(0.55) ** 2]] as const) {
      for (const method of ['diagonal', 'dense'] as const) {
        const r = computeCurrent(mm, 2, { method, state: state(s) });
        expectChannels(r.channels, [up1 * branch, -up1 * branch], 1e-12, `${s} ${method}`);
      }
      const p = computePrecise(mm, 2, { digits: 30, state: state(s) });
      p.channels.forEach((c, i) => expect(Math.abs(c.J.value.toNumber() - (i === 0 ? 1 : -1) * up1 * branch), `${s} Decimal J_${i}`).toBeLessThan(1e-14));
    }
  });
});

describe('input errors of steady(S) name file, key, line and column', () => {
  it('a bad start, a missing one, and a start out of range', () => {
    const cases: [string, string, number][] = [['steady(bogus)', 'bad-state', 16], ['steady()', 'wrong-arity', 9], ['steady(up, down)', 'wrong-arity', 9]];
    for (const [s, code, column] of cases) {
      let err: unknown;
      try { loadModelText(`name: bad\nH: "Jz"\nchannels:\n  - A: "Jx"\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: "${s}"\n`, 'bad.yaml'); } catch (e) { err = e; }
      expect(err, s).toBeInstanceOf(InputError);
      const e = (err as InputError).errors[0];
      expect([e.code, e.file, e.key, e.line, e.column], s).toEqual([code, 'bad.yaml', 'state', 6, column]);
    }
    const m = twoBath(1, [[1, 1]]);
    expect(() => computeCurrent(m, 3, { state: state('steady(dicke(7))') })).toThrow(/dicke\(n\) needs 0 <= n <= L = 3/);
  });

  it('the CLI exits with code 2 and prints file:line:column (needs the build: dist/)', () => {
    const cli = join(root, 'dist', 'src', 'cli', 'main.js');
    if (!existsSync(cli)) { console.warn(`skipped: ${cli} is not built (npm run build)`); return; }
    const dir = mkdtempSync(join(tmpdir(), 'steady-start-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: bad\nH: "Jz"\nchannels:\n  - A: "Jx"\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: "steady(bogus)"\n');
    const r = spawnSync(process.execPath, [cli, 'current', file, '--L', '3'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:6:16 (state)`);
    expect(r.stderr).toContain("unknown state 'bogus'");
  });
});

describe('Decimal steady states: cold baths, collective `steady` and steady(S)', () => {
  /** H = Jz, A = Jx + Jz on a cold bath (T = Tc) and a weak hot one (T = 5, rate 0.01). */
  const cold = (Tc: number) => model([
    `params: { Tc: ${Tc}, Th: 5 }`, 'H: "Jz"', 'channels:',
    '  - A: "Jx + Jz"', '    bath: { spectrum: flat, rate: 1, T: Tc }',
    '  - A: "Jx + Jz"', '    bath: { spectrum: flat, rate: 0.01, T: Th }', 'state: steady', '',
  ].join('\n'), 'cold-two-bath');

  it('H = Jz, a cold bath at T = 0.2 and a hot one at T = 5, L = 8, 30 digits: solves, agrees with float64 and the closed form', () => {
    // Populations span q^8 ~ 2e-15 (q = (e^-5 + 0.01 e^-0.2) / 1.01); the old partial pivoting
    // in energy order left a last pivot of 2e-24 > tolerance 5e-25: "no null vector".
    const m = cold(0.2);
    const p = computePrecise(m, 8, { digits: 30 });
    const f = computeCurrent(m, 8);
    // Jx = (J_+ + J_-)/2: a = 1/2; Jz adds pure dephasing (w = 0), no change of populations.
    const want = sectorClosedForm(8, 1, [[1, 0.2], [0.01, 5]], 0.5).J;
    p.channels.forEach((c, i) => {
      const v = c.J.value.toNumber();
      expect(Math.abs(v - f.channels[i].J), `J_${i} vs float64`).toBeLessThanOrEqual(Math.max(f.error.J, 1e-14) + c.J.error.toNumber());
      expect(Math.abs(v - want[i]), `J_${i} vs closed form`).toBeLessThan(1e-13 * Math.abs(want[i]) + 1e-16);
      expect(c.J.error.lt('1e-20'), `J_${i} error ${c.J.error}`).toBe(true);
    });
    expect(p.J.value.abs().lt('1e-25'), 'J_hot + J_cold = 0 in the steady state').toBe(true);
  });

  it('colder still (T = 0.05: populations spanning e^-160) at 30 digits', () => {
    const m = cold(0.05);
    const p = computePrecise(m, 8, { digits: 30 });
    const want = sectorClosedForm(8, 1, [[1, 0.05], [0.01, 5]], 0.5).J;
    p.channels.forEach((c, i) => expect(Math.abs(c.J.value.toNumber() - want[i]), `J_${i}`).toBeLessThan(1e-13 * Math.abs(want[i]) + 1e-18));
  });

  it('product basis (L = 4): collective `steady` and steady(basis("uddd")) against the closed forms', () => {
    const w0 = 1, baths: [number, number][] = [[1, 3], [1, 0.5]];
    const m = twoBath(w0, baths);
    // ghz-free start outside the sector forces the product basis; plain steady via mix with up.
    const s1 = computePrecise(m, 4, { digits: 30, state: state('steady(basis("uddd"))') });
    expect(s1.method).not.toBe('symmetric');
    const j4 = sectorClosedForm(4, w0, baths).J, j2 = sectorClosedForm(2, w0, baths).J;
    s1.channels.forEach((c, i) => expect(Math.abs(c.J.value.toNumber() - (j4[i] / 4 + (3 * j2[i]) / 4)), `J_${i}`).toBeLessThan(1e-13));
    const s2 = computePrecise(m, 4, { digits: 30, state: state('mix(0.5, steady, basis("uddd"))') });
    const f2 = computeCurrent(m, 4, { method: 'dense', state: state('mix(0.5, steady, basis("uddd"))') });
    s2.channels.forEach((c, i) => expect(Math.abs(c.J.value.toNumber() - f2.channels[i].J), `J_${i}`).toBeLessThan(1e-12));
    // The symmetric path: steady(up) in the Dicke basis.
    const s3 = computePrecise(m, 4, { digits: 30, state: state('steady(up)') });
    expect(s3.method).toBe('symmetric');
    s3.channels.forEach((c, i) => expect(Math.abs(c.J.value.toNumber() - j4[i]), `J_${i}`).toBeLessThan(1e-13));
  });
});

describe('Decimal ||A|| beyond the 64-state block limit (H_S diagonal)', () => {
  const withA = (A: string) => model(`H: "sum(k, (1 + k/10) * Z[k])"\nchannels:\n  - A: "${A}"\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: up\n`, 'norm-beyond');

  it('sum_k X_k X_{k+1} at L = 8 (parity blocks of 128): exact, ||A|| = L - 1', () => {
    const r = computePrecise(withA('sum(k, 0, L-2, X[k]*X[k+1])'), 8, { digits: 30 });
    expect(r.channels[0].normHow).toBe('pauli-axis-exact');
    expect(r.channels[0].normA.value.minus(7).abs().lt('1e-28')).toBe(true);
  });

  const python = process.env.HEATBOUND_PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
  const numpy = probe.status === 0;
  /** ||A|| by numpy.linalg.eigvalsh of the dense matrix built from Pauli strings (site 0 leftmost). */
  const numpyNorm = (L: number, terms: [number, string][]): number => {
    const code = [
      'import numpy as np, json, sys',
      'P = {"I": np.eye(2), "X": np.array([[0, 1], [1, 0]]), "Y": np.array([[0, -1j], [1j, 0]]), "Z": np.diag([1.0, -1.0])}',
      `L = ${L}`, `terms = json.loads(${JSON.stringify(JSON.stringify(terms))})`,
      'A = 0',
      'for c, s in terms:',
      '    M = np.array([[1.0]])',
      '    for ch in s: M = np.kron(M, P[ch])',
      '    A = A + c * M',
      'print(repr(float(np.max(np.abs(np.linalg.eigvalsh(A))))))',
    ].join('\n');
    const r = spawnSync(python, ['-c', code], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return Number(r.stdout.trim());
  };
  const chain = (L: number, f: (k: number) => [number, string][]): [number, string][] => Array.from({ length: L }, (_, k) => f(k)).flat();
  const str = (L: number, ops: Record<number, string>) => Array.from({ length: L }, (_, k) => ops[k] ?? 'I').join('');

  it.skipIf(!numpy)(`against numpy eigvalsh: a single-axis Y chain (exact) and a transverse-field chain (enclosure), L = 8${numpy ? '' : ' [skipped: python3 with numpy is not available]'}`, () => {
    const L = 8;
    const y = computePrecise(withA('sum(k, 0, L-2, (1 + k/3) * Y[k]*Y[k+1]) + 0.7 * Y[0]'), L, { digits: 30 });
    const yRef = numpyNorm(L, [...chain(L - 1, (k) => [[1 + k / 3, str(L, { [k]: 'Y', [k + 1]: 'Y' })]]), [0.7, str(L, { 0: 'Y' })]]);
    expect(y.channels[0].normHow).toBe('pauli-axis-exact');
    expect(Math.abs(y.channels[0].normA.value.toNumber() - yRef)).toBeLessThan(1e-10 * yRef);
    const t = computePrecise(withA('sum(k, 0, L-2, X[k]*X[k+1]) + 0.3 * sum(k, Z[k])'), L, { digits: 30 });
    const tRef = numpyNorm(L, [...chain(L - 1, (k) => [[1, str(L, { [k]: 'X', [k + 1]: 'X' })]]), ...chain(L, (k) => [[0.3, str(L, { [k]: 'Z' })]])]);
    const n = t.channels[0].normA;
    expect(t.channels[0].normHow).toMatch(/^enclosure-128/);
    // Rigorous enclosure: contains the reference (to the reference's own accuracy) and is tight for this sign-structured A.
    expect(Math.abs(n.value.toNumber() - tRef)).toBeLessThanOrEqual(n.error.toNumber() + 1e-12 * tRef);
    expect(n.error.toNumber()).toBeLessThan(1e-9 * tRef);
  });

  it('a non-sign-structured A: an honest (wider) enclosure that contains the float64 Lanczos value', () => {
    const m = withA('sum(k, 0, L-2, X[k]*Y[k+1]) + sum(k, X[k])');
    const p = computePrecise(m, 8, { digits: 30 });
    const f = computeCurrent(m, 8);
    const n = p.channels[0].normA;
    expect(p.channels[0].normHow).toMatch(/^enclosure/);
    expect(Math.abs(n.value.toNumber() - f.channels[0].normA)).toBeLessThanOrEqual(n.error.toNumber() + 1e-9);
  });
});

describe('a steady state too large for a method', () => {
  it('is refused before its blocks are built (w0/2 sum Z with two local baths at L = 16: was 6 min and 17 GB)', async () => {
    const { readFileSync } = await import('node:fs');
    const file = join(root, 'test/fixtures/handsolved/12-two-bath-steady-local.yaml');
    const m = loadModelText(readFileSync(file, 'utf8'), file);
    // A degenerate spectrum (17 levels, 2^16 states) needs sum_a dims_a^2 = C(32, 16) unknowns.
    expect(() => computeCurrent(m, 16)).toThrow(/601080390 block-diagonal unknowns/);
  }, 30_000);
});
