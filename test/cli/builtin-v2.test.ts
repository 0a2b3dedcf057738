/**
 * The built-in models of sites (issue 16): `tavis-cummings` (L qubits and one lossy cavity mode)
 * and `spin1-chain` (a spin-1 XXZ chain with D Sz^2 between two baths), by name through the CLI:
 * listed with the other built-ins, computed by `current`, and the scripts of `export --to qutip`
 * run by Python with QuTiP 4.x against `current --json`: |J_qutip - J_heatbound| <= 1e-8
 * max(1, |J|) in total and per channel (QuTiP's Bloch-Redfield tensor, an independent route).
 * The runs skip, saying why, where no Python imports QuTiP 4.x.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { builtinModelNames, loadBuiltinModel } from '../../src/index.js';
import { runCli as cli } from '../cli-run.js';
import { findQutipPython } from '../qutip-python.js';

const { python, why } = findQutipPython();

/** The part of `current --json` read here (numbers are decimal strings). */
interface CurrentOut { model: string; L: number; method: string; J: string; channels: { J: string }[]; truncation?: { computed: boolean } }

describe('the built-in models of sites, by name', () => {
  it('are listed with the other built-ins, in the library and in the CLI\'s list of model names', async () => {
    expect(builtinModelNames()).toEqual(expect.arrayContaining(['tavis-cummings', 'spin1-chain']));
    const r = await cli(['current', 'tavis-cumings', '--L', '3']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("(did you mean 'tavis-cummings'?)");
    expect(r.err).toMatch(/one of: .*spin1-chain.*tavis-cummings/);
  });

  it('declare their sites: L spins 1/2 and one boson mode; L spins 1', () => {
    const tc = loadBuiltinModel('tavis-cummings');
    expect(tc.sites!.map((s) => [s.name, s.kind, s.dim])).toEqual([['q', 'spin', 2], ['c', 'boson', 8]]);
    expect(tc.channels.map((c) => c.name)).toEqual(['cavity']);
    const s1 = loadBuiltinModel('spin1-chain');
    expect(s1.sites!.map((s) => [s.kind, s.dim])).toEqual([['spin', 3]]);
    expect(s1.channels.map((c) => c.name)).toEqual(['hot', 'cold']);
  });

  it('current tavis-cummings --L 3 and current spin1-chain --L 4 run (dense, 2^3 x 8 = 64 and 3^4 = 81 levels)', async () => {
    const tc = JSON.parse((await cli(['current', 'tavis-cummings', '--L', '3', '--json'])).out) as CurrentOut;
    expect(tc).toMatchObject({ model: 'tavis-cummings', L: 3, method: 'dense' });
    // The cavity at T = 0 only takes energy: the system loses heat.
    expect(Number(tc.J)).toBeLessThan(0);
    expect(tc.truncation?.computed).toBe(true);
    const s1 = JSON.parse((await cli(['current', 'spin1-chain', '--L', '4', '--json'])).out) as CurrentOut;
    expect(s1).toMatchObject({ model: 'spin1-chain', L: 4, method: 'dense' });
    expect(s1.channels).toHaveLength(2);
  });

  it('prove replays the steps on them in decimal.js (product basis up to 1024 states), beyond as a limitation naming the model file and L, exit 2', async () => {
    const ok = await cli(['prove', 'spin1-chain', '--L', '2']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/exponent-L2/);
    const r = await cli(['prove', 'spin1-chain', '--L', '7']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^heatbound: \S*models\/spin1-chain\.yaml at L = 7 \(--L 7 --digits\): the precise engine does not apply: .*dimension 2187 > 2\^10 = 1024/);
  });
});

const jobs: { name: string; L: number }[] = [
  { name: 'tavis-cummings', L: 2 }, { name: 'tavis-cummings', L: 3 },
  { name: 'spin1-chain', L: 3 }, { name: 'spin1-chain', L: 4 },
];

describe.skipIf(python === null)(`the built-in models of sites agree with QuTiP to 1e-8${why ? ` (skipped: ${why})` : ''}`, () => {
  for (const { name, L } of jobs) {
    it(`${name} at L = ${L}: export --to qutip run by Python, against current --json`, async () => {
      const ex = await cli(['export', name, '--L', String(L), '--to', 'qutip']);
      expect(ex.code, ex.err).toBe(0);
      const out = spawnSync(python!, ['-'], { input: ex.out, encoding: 'utf8' });
      expect(out.status, out.stderr).toBe(0);
      const got = JSON.parse(out.stdout.trim().split('\n').pop()!) as { J: string; channels: { J: string }[] };
      const h = JSON.parse((await cli(['current', name, '--L', String(L), '--json'])).out) as CurrentOut;
      const scale = Math.max(1, ...h.channels.map((c) => Math.abs(Number(c.J))));
      expect(got.channels.length).toBe(h.channels.length);
      h.channels.forEach((c, i) => expect(Math.abs(Number(got.channels[i].J) - Number(c.J)), `${name} channel ${i}: QuTiP ${got.channels[i].J}, heatbound ${c.J}`).toBeLessThanOrEqual(1e-8 * scale));
      expect(Math.abs(Number(got.J) - Number(h.J)), `${name}: QuTiP ${got.J}, heatbound ${h.J}`).toBeLessThanOrEqual(1e-8 * scale);
    }, 60_000);
  }
});
