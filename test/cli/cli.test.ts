/**
 * The CLI driven through injected IO (and once as a process, as a user runs it): the JSON contract
 * of `current`, L lists, and input errors with exit code 2, their location, and no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'heatbound-cli-'));
function modelFile(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe('heatbound current --json', () => {
  it('one L gives one object with the contract keys, numbers as decimal strings', async () => {
    const r = await cli(['current', 'superradiance', '--L', '4', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ['model', 'L', 'method', 'J', 'channels', 'terms', 'bounds', 'holds']) expect(j).toHaveProperty(k);
    expect(j.model).toBe('superradiance');
    expect(j.L).toBe(4);
    expect(j.J).toBe('-6');
    expect(Object.keys(j.terms).sort()).toEqual(['deltaE', 'gammaMax', 'normH', 'sumA2', 'width']);
    // The contract's four bounds, extended by B2tail (issue 11): one |w| = w0 here, so every cutoff D
    // gives w0 Gamma Tr[A^2 Pinch rho] = Bstate = <(J+ + J-)^2> = 2 (j(j+1) - m^2) = 12 at j = 2, m = 0.
    expect(Object.keys(j.bounds).sort()).toEqual(['B1', 'B1coarse', 'B2', 'B2tail', 'Bstate']);
    expect(j.bounds.B2tail).toBe(j.bounds.Bstate);
    expect(j.bounds.Bstate).toBe('12');
    for (const k of ['J', 'normA', 'deltaE', 'gammaMax', 'omegaGammaMax']) expect(typeof j.channels[0][k]).toBe('string');
    expect(j.bounds.B1).toBe('16');
    expect(j.holds.B1).toBe(true);
  });
  it('a range or list of L gives an array, in order', async () => {
    const a = JSON.parse((await cli(['current', 'allflip', '--L', '1..3', '--json'])).out);
    expect(a.map((x: { L: number; J: string }) => [x.L, x.J])).toEqual([[1, '-1'], [2, '-8'], [3, '-27']]);
    const b = JSON.parse((await cli(['current', 'independent', '--L', '2,5', '--json'])).out);
    expect(b.map((x: { J: string }) => x.J)).toEqual(['-2', '-5']);
    expect(b[1].channels).toHaveLength(5);
  });
  it('--state, --param and --method are honoured', async () => {
    const r = JSON.parse((await cli(['current', 'superradiance', '--L', '6', '--state', 'dicke(6)', '--param', 'g=2', '--method', 'dense', '--json'])).out);
    expect(r.method).toBe('dense');
    expect(Number(r.J)).toBeCloseTo(-2 * 6, 10);
  });
  it('the readable table names every bound and verdict', async () => {
    const r = await cli(['current', 'allflip', '--L', '3']);
    expect(r.code).toBe(0);
    for (const w of ['B1coarse', 'Bstate', 'normH', 'tie']) expect(r.out).toContain(w);
  });
});

describe('input errors: exit 2, located, no stack trace', () => {
  const bad = async (args: string[], ...patterns: RegExp[]) => {
    const r = await cli(args);
    expect(r.code, r.err).toBe(2);
    for (const p of patterns) expect(r.err).toMatch(p);
    expect(r.err).not.toMatch(/\n\s+at /);
    return r;
  };
  it('unknown model', () => bad(['current', 'nosuchmodel', '--L', '3'], /no model file 'nosuchmodel'/, /superradiance/));
  it('bad --L', async () => {
    await bad(['current', 'superradiance', '--L', 'x'], /--L/, /expected N, A\.\.B or A,B,C/);
    await bad(['current', 'superradiance', '--L', '5..2'], /empty/);
    await bad(['current', 'superradiance', '--L', '0'], /L must be a whole number >= 1/);
  });
  it('missing --L', () => bad(['current', 'superradiance'], /--L/));
  it('unknown --param', () => bad(['current', 'superradiance', '--L', '3', '--param', 'nope=1'], /--param/, /nope/));
  it('bad --state, located', () => bad(['current', 'superradiance', '--L', '3', '--state', 'dicke(2'], /<command line>:1:\d+/, /--state/));
  it('--state out of range at this L', () => bad(['current', 'superradiance', '--L', '3', '--state', 'dicke(5)'], /dicke\(n\) needs 0 <= n <= L = 3/));
  it('unknown --method', () => bad(['current', 'superradiance', '--L', '3', '--method', 'fast'], /expected auto, dense, diagonal or symmetric/));
  it('a method that does not apply names why', () => bad(['current', 'independent', '--L', '3', '--method', 'symmetric'], /symmetric/, /X\[k\]|one site/));
  it('an error in a model file names file, key, line:column', async () => {
    const p = modelFile('bad.yaml', 'name: bad\nparams: { g: 1 }\nH: "Z[0] +"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: g }\nstate: up\n');
    await bad(['current', p, '--L', '2'], /bad\.yaml:3:\d+/, /\(H\)/);
  });
  it('a non-Hermitian coupling says which and by how much', async () => {
    const p = modelFile('nh.yaml', 'H: "Z[0]"\nchannels:\n  - A: "Sp[0]"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n');
    await bad(['current', p, '--L', '1'], /channels\[0\]\.A/, /Hermitian/, /max \|X - X\^\+\| = 1/);
  });
  it('an index out of range at this L', async () => {
    const p = modelFile('oob.yaml', 'H: "sum(k, Z[k]*Z[k+1])"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n');
    await bad(['current', p, '--L', '3'], /oob\.yaml:1:\d+/, /site index 3 is outside 0\.\.2/);
  });
  it('a custom spectrum negative at a Bohr frequency in use', async () => {
    const p = modelFile('neg.yaml', 'H: "Z[0]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: custom, gamma: "w" }\nstate: up\n');
    await bad(['current', p, '--L', '1'], /neg\.yaml:4:\d+/, /negative/);
  });
});

describe('as a user runs it', () => {
  it('superradiance at L = 100000 in dicke(30000): J = -2100030000', () => {
    const p = spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), 'current', 'superradiance', '--L', '100000', '--state', 'dicke(30000)', '--json'], { encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout).J).toBe('-2100030000');
  });
  it('a usage error exits 2', () => {
    const p = spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), 'current', 'superradiance', '--L', 'abc'], { encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stderr).not.toMatch(/\n\s+at /);
  });
});
