/**
 * `prove` and the Coq development (issue 12): without a model it names the Coq theorems (from
 * proofs/coq/theorems.json) and maps each proof script to the theorem that proves it, and says
 * truthfully that coqc did not run here; with a model it checks the Coq theorems' hypotheses with
 * the engine's error bounds. The random-instance checks are reported as tests, never as proofs.
 */
import { describe, expect, it } from 'vitest';
import { theorems } from '../../proofs/index.js';
import { run } from '../../src/cli/index.js';
import { loadModelFile } from '../../src/lang/index.js';
import { preciseHypotheses, type HypothesisCheck } from '../../src/engine/index.js';
import { root } from '../helpers.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as cli } from '../cli-run.js';

const hypothesisIds = [
  'H-spectral-real', 'H-spectral-distinct', 'H-projectors-nonzero', 'H-projectors-hermitian', 'H-projectors-idempotent',
  'H-projectors-orthogonal', 'H-projectors-complete', 'H-spectral-decomposition', 'H-A-hermitian[channel 0]', 'H-A-norm[channel 0]',
  'H-rates[channel 0]', 'H-state-hermitian', 'H-state-psd', 'H-state-trace',
];

describe('prove (no model): the Coq theorems', () => {
  it('--json names the Coq theorems, maps every script to one, and does not claim a coqc run', async () => {
    const r = await cli(['prove', '--json', '--runs', '4']);
    // The reports stay an array (the JSON contract of `prove --json`), each extended by its Coq theorems.
    type CoqTheorem = { name: string; file: string; statement: string; hypotheses: string[]; declared: boolean };
    const j = JSON.parse(r.out) as {
      id: string; coq?: string; coqUses?: string[]; basis: string; basisDetail: string; coqTheorems: CoqTheorem[];
      coqCheck: { manifestFound: boolean; check: string; checkDetail: string; forbidden: string[] };
    }[];
    expect(Array.isArray(j)).toBe(true);
    expect(r.code).toBe(0);
    expect(j.map((s) => s.id)).toEqual(theorems.map((t) => t.id));
    const manifest = JSON.parse(readFileSync(join(root, 'proofs/coq/theorems.json'), 'utf8')) as { name: string }[];
    const named = new Set(j.flatMap((s) => s.coqTheorems.map((t) => t.name)));
    // Every theorem of the manifest is named by some report, with its file and statement.
    for (const m of manifest) expect(named.has(m.name), m.name).toBe(true);
    for (const s of j) {
      expect(s.coq, s.id).toBeDefined();
      expect(s.coqTheorems.map((t) => t.name)).toEqual([s.coq, ...(s.coqUses ?? [])].filter((n) => manifest.some((m) => m.name === n)));
      for (const t of s.coqTheorems) {
        expect(t.declared, t.name).toBe(true);
        expect(t.file, t.name).toMatch(/^proofs\/coq\/.+\.v$/);
        expect(t.statement.length, t.name).toBeGreaterThan(0);
      }
      // The random-instance checks are tests, not proofs.
      if (s.basis === 'tested') expect(s.basisDetail).toMatch(/^tested on random models \(an engine test, not a proof\)/);
      expect(s.coqCheck.manifestFound).toBe(true);
      expect(s.coqCheck.check).toBe('not on this run');
      expect(s.coqCheck.checkDetail).toMatch(/^checked by coqc in CI \(\.ci\/run\), not on this run/);
      expect(s.coqCheck.forbidden).toEqual([]);
    }
  });
  it('the text names each theorem, its file and statement, and never calls a test a proof', async () => {
    const r = await cli(['prove', '--runs', '4']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Coq theorems \(proofs\/coq\/theorems\.json/);
    expect(r.out).toContain('coqc: checked by coqc in CI (.ci/run), not on this run');
    expect(r.out).not.toMatch(/checked (by coqc )?on this run/);
    for (const t of theorems) expect(r.out).toMatch(new RegExp(`  ${t.coq} \\(proofs/coq/[A-Za-z]+\\.v\\): proves the chain of ${t.id}`));
    const tests = r.out.slice(r.out.indexOf('Engine tests:'));
    expect(tests.length).toBeGreaterThan(0);
    // Nothing in the engine-test part claims a proof: "proof" only in "not a proof"/"not proofs"/"proof scripts".
    expect(tests.replace(/not a proof|not proofs|proof scripts'?|the proofs are the Coq theorems above/g, '')).not.toMatch(/\bproo?f|\bproved\b|\bproven\b/i);
    expect(tests).toMatch(/tested on 4 models \(seed 20261127/);
  });
});

describe('prove MODEL --L N: the Coq hypotheses on the model', () => {
  it('allflip at L = 6: every hypothesis holds and every step of Bound 1 is an equality', async () => {
    const r = await cli(['prove', 'allflip', '--L', '6', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      coqHypotheses: { allHold: boolean; checks: HypothesisCheck[] }; coqCheck: { check: string };
      theorems: { id: string; coq?: string; allEquality: boolean; steps: { id: string; equality: boolean; holds: boolean }[] }[];
    };
    expect(j.coqHypotheses.checks.map((c) => c.id)).toEqual(hypothesisIds);
    for (const c of j.coqHypotheses.checks) expect(c.verdict, `${c.id}: ${c.how}`).toBe('holds');
    expect(j.coqHypotheses.allHold).toBe(true);
    const b1 = j.theorems.find((t) => t.id === 'bound1')!;
    expect(b1.coq).toBe(theorems[0].coq);
    for (const s of b1.steps) expect(s.equality, s.id).toBe(true);
    expect(b1.allEquality).toBe(true);
    expect(j.coqCheck.check).toBe('not on this run');
    const text = (await cli(['prove', 'allflip', '--L', '6'])).out;
    expect(text).toMatch(/largest-rate +216 +<= +216 +equality/);
    expect(text).toContain('[every step is an equality within the error]');
  });
  it('superradiance at L = 10: every hypothesis is checked (and holds); steps that lose are not equalities', async () => {
    const r = await cli(['prove', 'superradiance', '--L', '10']);
    expect(r.code).toBe(0);
    for (const id of hypothesisIds) {
      expect(r.out).toMatch(new RegExp(`\\n  ${id.replace(/[[\]]/g, '\\$&')} +[0-9.e+-]+ +[0-9.e+-]+ +(<=|>|>=) -?[0-9.e+-]+ +holds `));
    }
    expect(r.out).toContain('every hypothesis holds within its error bound');
    expect(r.out).toMatch(/largest-rate +30 +<= +60 +2 /);
    expect(r.out).toMatch(/add-w0 +60 +<= +60 +equality/);
  });
  it('a dense H_S (open TFIM, L = 4, thermal state): nonzero residuals within the error bounds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatbound-hyp-'));
    const file = join(dir, 'tfim.yaml');
    writeFileSync(file, [
      'name: tfim', 'params: { g: 1, T: 2 }', 'H: "sum(k, 0, L-2, -Z[k]*Z[k+1]) + sum(k, -0.5*X[k])"',
      'channels:', '  - A: "sum(k, Z[k])"', '    bath: { spectrum: flat, rate: g, T: T }', 'state: thermal(1)', '',
    ].join('\n'));
    const h = preciseHypotheses(loadModelFile(file), 4, 30);
    expect(h.method).toBe('dense');
    for (const c of h.checks) expect(c.verdict, `${c.id}: ${c.how}`).toBe('holds');
    const idem = h.checks.find((c) => c.id === 'H-projectors-complete')!;
    expect(Number(idem.value)).toBeGreaterThan(0);
    expect(Number(idem.value)).toBeLessThan(Number(idem.errorBound));
    expect(Number(h.checks.find((c) => c.id === 'H-rates[channel 0]')!.value)).toBeGreaterThan(0);
  });
});
