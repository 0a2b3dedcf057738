/**
 * `export --to qutip` on v2 sites (issue 16): the script names the one-site operators with QuTiP's
 * jmat / destroy / create / num / basis in the dimensions of the sites (tensor in heatbound's
 * Kronecker order), and run by Python with QuTiP 4.x it gives heatbound's J per channel and in
 * total, |J_qutip - J_heatbound| <= 1e-8 max(1e-3, max |J_channel|): a spin-1 chain, a qutrit with
 * two baths and Tavis-Cummings (2 qubits, cutoff 4 and 5) in ground, thermal, basis, steady, steady(S),
 * random and mixed states (heatbound's seeded draws of dimension prod dims, written out as amplitudes).
 * Skips the runs, saying why, where no Python imports QuTiP 4.x.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { describe, expect, it } from 'vitest';
import { computeCurrent, qutipScript } from '../../src/engine/index.js';
import { commandLineOrigin, loadModelText, parseExpr, type LocatedExpr } from '../../src/lang/index.js';
import { findQutipPython } from '../qutip-python.js';

const { python, why } = findQutipPython();

const stateOf = (text: string): LocatedExpr => ({ expr: parseExpr(text, commandLineOrigin('--state', '<command line>')), key: '--state', text });

const spin1 = `
name: spin1-chain
sites: { spin: 1 }
params: { J: 1, D: 0.3, h: 0.2 }
H: J*sum(k, 0, L-2, Sx[k]*Sx[k+1] + Sy[k]*Sy[k+1] + Sz[k]*Sz[k+1]) + D*sum(k, Sz[k]^2) + h*sum(k, Sx[k])
channels:
  - A: Sx[0]
    bath: { spectrum: flat, rate: 1, T: 0.7 }
  - A: Sz[L-1] + P[0,2][L-1] + P[2,0][L-1]
    bath: { spectrum: flat, rate: 0.5, T: 0.2 }
state: ground
`;
const qutrit = `
name: qutrit-two-baths
sites: { levels: 3 }
params: { e1: 1, e2: 2.5, g: 0.15 }
H: sum(k, e1*P[1,1][k] + e2*P[2,2][k] + g*(P[0,1][k] + P[1,0][k]))
channels:
  - A: P[0,2][0] + P[2,0][0]
    bath: { spectrum: flat, rate: 1, T: 3 }
  - A: P[1,2][0] + P[2,1][0]
    bath: { spectrum: ohmic, rate: 0.7, T: 0.25, wc: 4 }
state: steady
`;
const tavis = (cutoff: number) => `
name: tavis-cummings
sites:
  - { name: q, spin: 1/2 }
  - { name: c, boson: { cutoff: ${cutoff} }, count: 1 }
params: { wc: 1, wq: 1.1, g: 0.2 }
H: wc*n + wq*Jz + g*sum(k, a*Sp[k] + adag*Sm[k])
channels:
  - A: a + adag
    bath: { spectrum: flat, rate: 0.3, T: 0.4 }
  - each: k
    A: Sx[k]
    bath: { spectrum: flat, rate: 0.2, T: 2 }
state: thermal(0.7)
`;

const jobs: { label: string; text: string; L: number; state?: string }[] = [
  { label: 'spin-1 chain, ground', text: spin1, L: 2 },
  { label: 'spin-1 chain, basis("0 2")', text: spin1, L: 2, state: 'basis("0 2")' },
  { label: 'qutrit, two baths, steady', text: qutrit, L: 1 },
  { label: 'two qutrits, random(7)', text: qutrit, L: 2, state: 'random(7)' },
  { label: 'two qutrits, mix(0.3, mixed(2), steady(basis("2 0")))', text: qutrit, L: 2, state: 'mix(0.3, mixed(2), steady(basis("2 0")))' },
  { label: 'Tavis-Cummings, cutoff 4, thermal', text: tavis(4), L: 2 },
  { label: 'Tavis-Cummings, cutoff 5, down', text: tavis(5), L: 2, state: 'down' },
  // The v2 fixture models of test/fixtures/v2 (lang's), as written.
  ...['spin1-chain', 'qutrit-two-baths', 'tavis-cummings'].map((name) => ({ label: `fixture ${name}`, text: readFileSync(join(root, 'test', 'fixtures', 'v2', `${name}.yaml`), 'utf8'), L: 2 })),
];

describe('export --to qutip on v2 sites: the script', () => {
  it('names jmat, destroy / create / num and |i><j| in the sites\' dimensions, DIMS in Kronecker order', () => {
    const py = qutipScript(loadModelText(tavis(4), 'tc.yaml'), 2);
    expect(py).toContain('DIMS = [2, 2, 4]');
    expect(py).toContain('qt.tensor(I2, I2, qt.num(4))');
    expect(py).toMatch(/qt\.tensor\(I2, Sp, qt\.destroy\(4\)\)|qt\.tensor\(I2, Sp, qt\.create\(4\)\)/);
    const s1 = qutipScript(loadModelText(spin1, 's1.yaml'), 2);
    expect(s1).toContain("qt.jmat(1, 'x')");
    expect(s1).toContain('qt.basis(3, 0) * qt.basis(3, 2).dag()');
  });
});

describe.skipIf(python === null)(`export --to qutip on v2 sites, run by QuTiP${why ? ` (skipped: ${why})` : ''}`, () => {
  for (const job of jobs) {
    it(job.label, () => {
      const model = loadModelText(job.text, 'model.yaml');
      const opts = job.state ? { state: stateOf(job.state) } : {};
      const r = computeCurrent(model, job.L, opts);
      const py = qutipScript(model, job.L, opts);
      const out = spawnSync(python!, ['-'], { input: py, encoding: 'utf8' });
      expect(out.status, out.stderr).toBe(0);
      const got = JSON.parse(out.stdout.trim().split('\n').pop()!) as { J: string; channels: { J: string }[] };
      const scale = Math.max(1e-3, ...r.channels.map((c) => Math.abs(c.J)));
      expect(got.channels.length).toBe(r.channels.length);
      r.channels.forEach((c, i) => expect(Math.abs(Number(got.channels[i].J) - c.J), `${job.label} channel ${i}`).toBeLessThanOrEqual(1e-8 * scale));
      expect(Math.abs(Number(got.J) - r.J), job.label).toBeLessThanOrEqual(1e-8 * scale);
    });
  }
});
