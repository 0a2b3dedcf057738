/**
 * `scaling --coq` (issue 12): the proved family statements as Coq lemmas whose proofs coqc checks;
 * a tampered coefficient makes coqc reject the file. Skips, saying so, where coqc is missing
 * (.ci/run installs it from Debian).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type CliIO } from '../../src/cli/index.js';
import { root } from '../helpers.js';

const hasCoq = spawnSync('coqc', ['--version']).status === 0;
if (!hasCoq) console.warn('scaling-coq.test.ts: coqc not found; the Coq checks are skipped (install Debian package coq)');

async function coqOf(model: string): Promise<string> {
  let out = '';
  const io: CliIO = { out: (t) => { out += t; }, err: () => {}, cwd: root, isTTY: false };
  expect(await run(['scaling', model, '--coq'], io)).toBe(0);
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'heatbound-coq-'));
function coqc(name: string, text: string): { ok: boolean; err: string } {
  const file = join(tmp, `${name}.v`);
  writeFileSync(file, text);
  const r = spawnSync('coqc', [file], { cwd: tmp, encoding: 'utf8', timeout: 240_000 });
  return { ok: r.status === 0, err: `${r.stdout}${r.stderr}` };
}

describe.skipIf(!hasCoq)('scaling --coq', () => {
  it('superradiance: both bounds on both parity branches, accepted by coqc; a tampered coefficient is rejected', async () => {
    const text = await coqOf('superradiance');
    for (const n of ['B1_holds_even', 'B1_holds_odd', 'B2_holds_even', 'B2_holds_odd']) expect(text).toContain(`Lemma ${n} :`);
    expect(text).not.toMatch(/Admitted|admit|Axiom/);
    const ok = coqc('superradiance', text);
    expect(ok.err).toBe('');
    expect(ok.ok).toBe(true);
    // physics.md: J = -g w0 (L/2)(L/2 + 1) for even L, i.e. -(1/4) L^2 - (1/2) L at g = w0 = 1.
    const J = /Definition B1_J_even \(.*?\) : R := (.*)\./.exec(text)![1];
    expect(J).toContain('(1/4) * L ^ 2');
    const tampered = text.replace(J, J.replace('(1/4) * L ^ 2', '(1/5) * L ^ 2'));
    expect(tampered).not.toBe(text);
    const bad = coqc('tampered', tampered);
    expect(bad.ok).toBe(false);
  }, 300_000);

  it('all-flip meets Bound 1 exactly: B1 + J = 0 is part of the certificate', async () => {
    const text = await coqOf('allflip');
    expect(text).toMatch(/B1_B [^=]*\+ B1_J [^=]*= 0\)/);
    expect(coqc('allflip', text).ok).toBe(true);
  }, 300_000);

  it('what is not proved is not stated: an unproved bound is a comment, never an admitted lemma', async () => {
    const file = join(tmp, 'ghz.yaml');
    writeFileSync(file, readFileSync(join(root, 'test/fixtures/models/ghz_collective.yaml'), 'utf8'));
    const text = await coqOf(file);
    expect(text).not.toMatch(/Admitted|admit|Axiom/);
    expect(coqc('ghz', text).ok).toBe(true);
  }, 300_000);
});
