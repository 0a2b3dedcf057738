/**
 * `heatbound export MODEL --L N --to qutip`: the CLI contract (always), and the exported scripts run
 * by Python with QuTiP against `heatbound current` (where QuTiP 4.x is installed: Debian's
 * python3-qutip, which `.ci/run` installs). The interpreter is HEATBOUND_PYTHON when set (and only
 * that one, so pointing it at a Python without QuTiP skips the comparison); otherwise `python3`, then
 * Debian's /usr/bin/python3.
 *
 * Agreement: per channel and in total, |J_qutip - J_heatbound| <= 1e-8 max(1, |J_heatbound|) over the
 * channels of the model (relative to the largest channel current, absolute below 1).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index.js';
import { computeCurrent } from '../../src/engine/index.js';
import { loadModelFile, parseStateText, type ModelSpec } from '../../src/lang/index.js';
import { builtin, fixture } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';
import { findQutipPython } from '../qutip-python.js';

describe('heatbound export --to qutip: the command', () => {
  it('prints a self-contained script with explicit tensor products in heatbound\'s basis', async () => {
    const r = await cli(['export', 'test/fixtures/models/tfim_periodic.yaml', '--L', '3', '--to', 'qutip']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('#!/usr/bin/env python3\n')).toBe(true);
    const imports = r.out.split('\n').filter((l) => /^(import|from) /.test(l));
    expect(imports).toEqual(['import math', 'import numpy as np', 'import scipy.linalg', 'import qutip as qt']);
    expect(r.out).toContain('L = 3\n');
    expect(r.out).toContain('u, d = qt.basis(2, 0), qt.basis(2, 1)');
    // -Jzz * sum(k, Z[k]*Z[(k+1)%L]) - h * sum(k, X[k]) at Jzz = 1, h = 0.7: one line per product term.
    for (const line of ['-qt.tensor(Z, Z, I2)', '- qt.tensor(I2, Z, Z)', '- qt.tensor(Z, I2, Z)', '- 0.7 * qt.tensor(I2, X, I2)']) expect(r.out).toContain(line);
    expect(r.out).toContain('A_2 = qt.tensor(I2, I2, X)  # channels[0], k = 2: A = "X[k]"');
    expect(r.out).toContain('gamma_0 = flat(rate=0.3, T=1)');
    expect(r.out).toContain('qt.bloch_redfield_tensor(H_br, [[hermitian(to_br(A)), spectrum(gamma)]])');
    expect(r.out).toContain('# The same J from heatbound: heatbound current test/fixtures/models/tfim_periodic.yaml --L 3 --json');
  });

  it('translates custom spectra with the params substituted, and names ohmic baths with their fields', async () => {
    const c = await cli(['export', 'test/fixtures/models/custom_gamma.yaml', '--L', '2', '--to', 'qutip', '--param', 'g=0.5']);
    expect(c.code).toBe(0);
    expect(c.out).toContain('return 0.5 * math.exp(-(w ** 2) / 2)');
    expect(c.out).toContain('return 0.5 / 4 * math.exp(-abs(w)) * (1 + 0.5 * w / (1 + w ** 2))');
    const o = await cli(['export', 'test/fixtures/models/ohmic.yaml', '--L', '2', '--to', 'qutip']);
    expect(o.out).toContain('gamma_0 = ohmic(rate=0.5, T=1, wc=2)  # rate = g, T = T, wc = wc');
  });

  it('writes states as constructions, and heatbound\'s seeded draws as their amplitudes', async () => {
    const r = await cli(['export', 'superradiance', '--L', '3', '--to', 'qutip', '--state', 'mix(0.25, dicke(1), mix(0.5, random(4), thermal(2)))']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('return 0.25 * dm(dicke(1)) + 0.75 * (0.5 * dm(RANDOM_4) + 0.5 * thermal(T=2))');
    expect(r.out).toMatch(/^RANDOM_4 = qt\.Qobj\(np\.array\(\[/m);
  });

  it('--out writes the file and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatbound-export-'));
    const r = await cli(['export', 'allflip', '--L', '2', '--to', 'qutip', '--out', 'allflip.py'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote allflip\.py: python3 allflip\.py prints J/);
    expect(readFileSync(join(dir, 'allflip.py'), 'utf8')).toContain('H = (');
  });

  it('input errors exit 2 with what was expected', async () => {
    const to = await cli(['export', 'allflip', '--L', '2', '--to', 'matlab']);
    expect(to.code).toBe(2);
    expect(to.err).toContain("expected one of: qutip; got 'matlab'");
    const L = await cli(['export', 'allflip', '--L', '2..4', '--to', 'qutip']);
    expect(L.code).toBe(2);
    expect(L.err).toContain('export writes a script for one L');
    const st = await cli(['export', 'allflip', '--L', '3', '--to', 'qutip', '--state', 'basis("ud")']);
    expect(st.code).toBe(2);
    expect(st.err).toContain('basis("ud") has 2 sites but L = 3');
    const mixed = await cli(['export', 'allflip', '--L', '9', '--to', 'qutip', '--state', 'mixed(1)']);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('mixed(seed) is exported for L <= 8 only');
  });
});

interface Exported { J: string; channels: { label: string; J: string }[]; notes: string[] }
interface Job { model: string; L: number; state?: string; spec: () => ModelSpec }

/**
 * Exports every job through the CLI into a temporary directory and runs the scripts in one Python
 * process (QuTiP is imported once; each script runs as __main__ in a fresh namespace), returning
 * each script's JSON line.
 */
async function runExported(python: string, jobs: readonly Job[]): Promise<Exported[]> {
  const dir = mkdtempSync(join(tmpdir(), 'heatbound-qutip-'));
  const paths: string[] = [];
  for (const [i, job] of jobs.entries()) {
    const path = join(dir, `job${i}.py`);
    const r = await cli(['export', job.model, '--L', String(job.L), '--to', 'qutip', '--out', path, ...(job.state ? ['--state', job.state] : [])]);
    if (r.code !== 0) throw new Error(`export of ${job.model} failed: ${r.err}`);
    paths.push(path);
  }
  const driver = [
    'import contextlib, io, json, sys',
    'out = []',
    'for path in sys.argv[1:]:',
    '    buf = io.StringIO()',
    '    with contextlib.redirect_stdout(buf):',
    "        exec(compile(open(path).read(), path, 'exec'), {'__name__': '__main__'})",
    '    out.append(buf.getvalue().strip().splitlines()[-1])',
    "print('\\n'.join(out))",
  ].join('\n');
  const { stdout } = await promisify(execFile)(python, ['-c', driver, ...paths], { maxBuffer: 1 << 24 });
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as Exported);
}

function expectAgreement(job: Job, got: Exported): void {
  const spec = job.spec();
  const label = `${job.model} L=${job.L}${job.state ? ` --state '${job.state}'` : ''}`;
  const state = job.state ? parseStateText(job.state, '<command line>', '--state', spec.params.map((p) => p.name)) : null;
  const h = computeCurrent(spec, job.L, { state });
  const scale = Math.max(1, ...h.channels.map((c) => Math.abs(c.J)));
  expect(got.channels.length, label).toBe(h.channels.length);
  got.channels.forEach((c, i) => {
    const d = Math.abs(Number(c.J) - h.channels[i].J);
    expect(d, `${label} channel ${i}: QuTiP ${c.J}, heatbound ${h.channels[i].J}`).toBeLessThanOrEqual(1e-8 * scale);
  });
  const d = Math.abs(Number(got.J) - h.J);
  expect(d, `${label}: QuTiP J = ${got.J}, heatbound J = ${h.J}`).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(h.J)));
}

const { python, why } = findQutipPython();
const Ls = [2, 3, 4];
const acceptance: Job[] = [
  { model: 'independent', spec: () => builtin('independent') },
  { model: 'superradiance', spec: () => builtin('superradiance') },
  { model: 'allflip', spec: () => builtin('allflip') },
  { model: 'test/fixtures/models/tfim_periodic.yaml', spec: () => fixture('tfim_periodic.yaml') },
  { model: 'test/fixtures/models/xx_chain.yaml', spec: () => fixture('xx_chain.yaml') },
].flatMap((j) => Ls.map((L) => ({ ...j, L })));
const yTerms = (state: string): Job => ({ model: 'test/fixtures/models/y_terms.yaml', L: 3, state, spec: () => fixture('y_terms.yaml') });
const states: Job[] = [
  yTerms('mix(0.3, random(7), mix(0.5, mixed(3), thermal(0.8)))'),
  yTerms('mix(0.5, ground, top)'),
  yTerms('mix(0.5, basis("udu"), mix(0.5, ghz, w))'),
  yTerms('product(1.1, 0.7)'),
];
const steadyUnique: Job = { model: 'test/fixtures/models/steady_two_baths.yaml', L: 3, spec: () => fixture('steady_two_baths.yaml') };
const steadyCollective: Job = { model: 'test/fixtures/models/steady_collective.yaml', L: 3, spec: () => fixture('steady_collective.yaml') };

// Two levels 2e-11 apart (|ud> and |du>): heatbound's error bounds (about 1e-15) split them, so the
// coherence of dicke(1) between them is pinched away; a fixed tolerance of 1e-9 ||H_S|| merged them
// in the script (J = -3.4587 there, twice the rate, against heatbound's -1.7293).
const splitDir = mkdtempSync(join(tmpdir(), 'heatbound-split-'));
const splitPath = join(splitDir, 'split.yaml');
writeFileSync(splitPath, 'name: split\nparams: { g: 1, T: 1, e: 1e-11 }\nH: "Z[0] + (1 + e)*Z[1]"\nchannels:\n  - A: "X[0] + X[1]"\n    bath: { spectrum: flat, rate: g, T: T }\nstate: dicke(1)\n');
const split: Job = { model: splitPath, L: 2, spec: () => loadModelFile(splitPath) };

describe.skipIf(!python)(`exported scripts run by QuTiP agree with heatbound current to 1e-8${python ? '' : ` (skipped: ${why})`}`, () => {
  const all = [...acceptance, ...states, steadyUnique, steadyCollective, split];
  let results: Exported[] = [];
  beforeAll(async () => { results = await runExported(python!, all); }, 120_000);
  const resultOf = (job: Job): Exported => results[all.indexOf(job)];

  it(`the three built-in families and two interacting models, L = ${Ls.join(', ')}`, () => {
    for (const job of acceptance) expectAgreement(job, resultOf(job));
  });

  it('every kind of state: seeded draws, functions of H_S, mixtures, a unique steady state', () => {
    for (const job of states) expectAgreement(job, resultOf(job));
    const st = resultOf(steadyUnique);
    expect(st.notes.join(' ')).toContain('steady: unique');
    expectAgreement(steadyUnique, st);
    expect(Number(st.channels[0].J)).toBeGreaterThan(0); // the hot bath heats
  });

  it('levels 2e-11 apart: the script groups eigenvalues by heatbound\'s error bounds, not a fixed tolerance, and gets its J', async () => {
    const r = await cli(['current', splitPath, '--L', '2', '--json']);
    expect(r.code).toBe(0);
    const h = JSON.parse(r.out) as { J: string; error: { J: string } };
    // Closed form: dicke(1) pinched is |ud>, |du> with weight 1/2 each (E = -e, e), each decaying to
    // |dd> (w = 2, 2 + 2e; rate 1) and excited to |uu> (w = -2 - 2e, -2; rate e^-|w|):
    // J = -(2 + e) + (1 + e) e^(-2 - 2e) + e^-2 = -2 (1 - e^-2) to within 1e-10.
    expect(Math.abs(Number(h.J) + 2 * (1 - Math.exp(-2)))).toBeLessThan(1e-9);
    const got = resultOf(split);
    expect(Math.abs(Number(got.J) - Number(h.J))).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(Number(h.J))));
    // The rule is stated in the script.
    const script = await cli(['export', splitPath, '--L', '2', '--to', 'qutip']);
    expect(script.out).toContain('at most the sum of their two bounds');
    expect(script.out).toMatch(/^H_INPUT_ERROR = \d/m);
  });

  it('a collective steady state that is not unique: the long-time limit from down, as heatbound', () => {
    const st = resultOf(steadyCollective);
    expect(st.notes.join(' ')).toMatch(/steady: not unique \(\d+ independent steady states\); used the long-time limit from down/);
    expectAgreement(steadyCollective, st);
  });
});
