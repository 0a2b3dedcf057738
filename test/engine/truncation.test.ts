/**
 * The truncation report of models with bosonic modes (engine/truncation, issue 16 item 4): the
 * run with every cutoff doubled, checked against closed forms of the truncated oscillator and
 * against a direct run of the model written with the doubled cutoff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../src/lang/index.js';
import { autoCheckDimension, computeCurrent, maxDoubledCutoff, modeCutoffs, type TruncationComputed } from '../../src/engine/index.js';
import { undoubledReason } from '../../src/engine/truncation.js';
import { expectClose, root } from '../helpers.js';

/** One mode, H = w n, A = a + adag, a flat bath (rate g, temperature T), a thermal state at T0. */
const oscillator = (cutoff: number, state = 'thermal(T0)') => loadModelText(`
name: oscillator
sites: { boson: { cutoff: ${cutoff} } }
params: { wm: 1.3, g: 0.2, T: 0.7, T0: 1.1 }
H: "wm*n[0]"
channels:
  - A: "a[0] + adag[0]"
    bath: { spectrum: flat, rate: g, T: T }
state: ${state}
`, 'oscillator.yaml');

/**
 * J of the oscillator truncated to the Fock states 0..N-1 (physics.md section 1): A(w) = a and
 * A(-w) = adag (truncated), gamma(w) = g and gamma(-w) = g exp(-w/T), so
 * J = -w g <adag a> + w g exp(-w/T) <a adag>_N with <a adag>_N = sum_{m <= N-2} p_m (m+1),
 * p_m = exp(-m w/T0) / Z.
 */
function oscillatorJ(N: number, w = 1.3, g = 0.2, T = 0.7, T0 = 1.1): number {
  const p = Array.from({ length: N }, (_, m) => Math.exp(-m * w / T0));
  const Z = p.reduce((a, b) => a + b, 0);
  let n = 0, aad = 0;
  for (let m = 0; m < N; m++) {
    n += (p[m] / Z) * m;
    if (m <= N - 2) aad += (p[m] / Z) * (m + 1);
  }
  return -w * g * n + w * g * Math.exp(-w / T) * aad;
}

const computed = (t: ReturnType<typeof computeCurrent>['truncation']): TruncationComputed => {
  if (!t?.computed) throw new Error(`no truncation report: ${JSON.stringify(t)}`);
  return t;
};

describe('truncation report (cutoff n -> 2n)', () => {
  it('gives J at n and 2n equal to the truncated oscillator closed form', () => {
    for (const N of [2, 3, 6]) {
      const r = computeCurrent(oscillator(N), 1, { truncation: true });
      const t = computed(r.truncation);
      expect(t.modes).toEqual([{ species: 'sites', cutoff: N, doubled: 2 * N }]);
      expectClose(t.J.cutoff, oscillatorJ(N), 1e-12, `J at ${N}`);
      expectClose(t.J.doubled, oscillatorJ(2 * N), 1e-12, `J at ${2 * N}`);
      expectClose(t.J.change, oscillatorJ(2 * N) - oscillatorJ(N), 1e-10, `change at ${N}`, 1e-3);
      // ||H_S|| = w (N - 1): the truncated spectrum's top.
      expectClose(t.terms.normH.cutoff, 1.3 * (N - 1), 1e-13, 'normH at n');
      expectClose(t.terms.normH.doubled, 1.3 * (2 * N - 1), 1e-13, 'normH at 2n');
      expect(t.dimension).toBe(2 * N);
    }
  });

  it('equals a direct run of the model written with the doubled cutoff (Tavis-Cummings, L = 2)', () => {
    const text = readFileSync(join(root, 'test', 'fixtures', 'v2', 'tavis-cummings.yaml'), 'utf8');
    expect(text).toContain('cutoff: 8');
    const model = loadModelText(text, 'tavis-cummings.yaml');
    const direct = computeCurrent(loadModelText(text.replace('cutoff: 8', 'cutoff: 16'), 'tc16.yaml'), 2);
    const t = computed(computeCurrent(model, 2, { truncation: true }).truncation);
    expect(t.J.doubled).toBe(direct.J);
    for (const [k, c] of Object.entries(t.terms)) expect(c.doubled, k).toBe((direct.terms as unknown as Record<string, number>)[k]);
    for (const [k, c] of Object.entries(t.bounds)) expect(c.doubled, k).toBe((direct.bounds as unknown as Record<string, number>)[k]);
    expect(t.verdicts).toEqual(direct.verdicts);
  });

  it("'auto' (current's default) makes the run at 2n up to the dimension autoCheckDimension, true beyond it", () => {
    expect(autoCheckDimension).toBe(4096);
    // Three qubits beside the oscillator, coupled to nothing: J is the oscillator's. Cutoff 256: the
    // run at 2n has dimension 8 x 512 = 4096, made; cutoff 512: 8192, left out with the way to ask for it.
    const withQubit = (cutoff: number) => loadModelText(`
name: qubit-and-oscillator
sites:
  - { name: q, spin: 1/2, count: 3 }
  - { name: c, boson: { cutoff: ${cutoff} }, count: 1 }
params: { wq: 0.9, wm: 1.3, g: 0.2, T: 0.7, T0: 1.1 }
H: "wq*sum(k, Sz[k]) + wm*n[0]"
channels:
  - A: "a[0] + adag[0]"
    bath: { spectrum: flat, rate: g, T: T }
state: thermal(T0)
`, 'qubit-and-oscillator.yaml');
    const within = computed(computeCurrent(withQubit(256), 1, { truncation: 'auto' }).truncation);
    expect(within.dimension).toBe(4096);
    expectClose(within.J.doubled, oscillatorJ(512), 1e-12, 'J at 512');
    const beyond = computeCurrent(withQubit(512), 1, { truncation: 'auto' });
    expect(beyond.truncation?.computed).toBe(false);
    expect(beyond.truncation && !beyond.truncation.computed && beyond.truncation.reason).toMatch(/dimension about 8192\) is beyond the automatic check's 4096: `--truncation-check` makes it/);
    expectClose(beyond.J, oscillatorJ(512), 1e-12, 'J at 512, the run itself');
    const forced = computed(computeCurrent(withQubit(512), 1, { truncation: true }).truncation);
    expect(forced.dimension).toBe(8192);
    expectClose(forced.J.doubled, oscillatorJ(1024), 1e-12, 'J at 1024');
  });

  it('is absent unless asked for, and for models without modes', () => {
    expect(computeCurrent(oscillator(4), 1).truncation).toBeUndefined();
    const qubits = loadModelText(`
name: q
H: "sum(k, Z[k])"
channels:
  - A: "X[0]"
    bath: { spectrum: flat, rate: 1, T: 1 }
state: up
`, 'q.yaml');
    expect(computeCurrent(qubits, 2, { truncation: true }).truncation).toBeUndefined();
  });

  it('is not made for a state drawn on the truncated space, nor beyond the largest cutoff', () => {
    const drawn = computeCurrent(oscillator(3, 'random(7)'), 1, { truncation: true }).truncation;
    expect(drawn?.computed).toBe(false);
    expect(drawn && !drawn.computed && drawn.reason).toMatch(/random\(7\) is drawn on the truncated space/);
    const mixed = computeCurrent(oscillator(3, 'mix(0.5, thermal(T0), mixed(3))'), 1, { truncation: true }).truncation;
    expect(mixed && !mixed.computed && mixed.reason).toMatch(/mixed\(3\)/);
    const top = modeCutoffs(oscillator(maxDoubledCutoff / 2 + 1, 'ground'));
    expect(undoubledReason(top, { kind: 'ground' })).toMatch(/cutoff 2049: doubled, 4098 is above the largest cutoff 4096/);
    expect(undoubledReason(modeCutoffs(oscillator(maxDoubledCutoff / 2)), { kind: 'ground' })).toBeNull();
  });
});
