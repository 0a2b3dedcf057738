/**
 * The Coq development (issue 12): `make -C proofs/coq` and `make -C proofs/coq check` (Print
 * Assumptions) succeed where coqc is installed (skipped with a message otherwise); whether or not
 * coqc is here, the manifest proofs/coq/theorems.json must exist, every theorem it names must be
 * declared in its file, and no .v file may leave a proof unfinished or add an axiom.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coqcAvailable, declares, forbiddenIn, stripCoqComments } from '../../proofs/index.js';
import { run, type CliIO } from '../../src/cli/index.js';
import { root } from '../helpers.js';

const dir = join(root, 'proofs', 'coq');
const manifestPath = join(dir, 'theorems.json');
const hasCoq = coqcAvailable();
if (!hasCoq) console.warn('test/proofs/coq.test.ts: coqc is not on PATH: the make and make check tests are skipped (.ci/run installs Coq and MathComp)');

describe('the Coq manifest and sources', () => {
  it('proofs/coq/theorems.json exists and names theorems declared in their files', () => {
    expect(existsSync(manifestPath), `${manifestPath} must exist`).toBe(true);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name: string; file: string; statement: string; hypotheses: string[] }[];
    expect(Array.isArray(manifest)).toBe(true);
    expect(manifest.length).toBeGreaterThan(0);
    for (const t of manifest) {
      expect(typeof t.name, JSON.stringify(t)).toBe('string');
      expect(typeof t.statement, t.name).toBe('string');
      expect(Array.isArray(t.hypotheses), t.name).toBe(true);
      const file = join(root, t.file);
      expect(existsSync(file), `${t.name}: ${t.file}`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(new RegExp(`(Theorem|Lemma)\\s+${t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(stripCoqComments(text)), `Theorem|Lemma ${t.name} in ${t.file}`).toBe(true);
      expect(declares(text, t.name)).toBe(true);
    }
  });
  it('no .v file contains Admitted, admit or Axiom (nor Parameter, Conjecture)', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.v'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      // Outside comments (a comment may say "no axioms"), and the literal words anywhere in code.
      expect(forbiddenIn(text), f).toEqual([]);
      expect(stripCoqComments(text), f).not.toMatch(/\bAdmitted\b|\badmit\b|\bAxiom\b/);
    }
  });
  it('the scan sees the forbidden words in code and ignores them in comments', () => {
    expect(forbiddenIn('Lemma x : True.\nProof. admit. Admitted.')).toEqual(['Admitted', 'admit']);
    expect(forbiddenIn('Axiom ax : False.')).toEqual(['Axiom']);
    expect(forbiddenIn('(* no Axiom, nothing Admitted (* nested admit *) *)\nLemma x : True. Proof. exact I. Qed.')).toEqual([]);
    expect(declares('Theorem bound1 A : True.', 'bound1')).toBe(true);
    expect(declares('Theorem bound1_chain A : True.', 'bound1')).toBe(false);
  });
});

describe.skipIf(!hasCoq)('coqc checks the development', () => {
  it('make -C proofs/coq and make -C proofs/coq check succeed', () => {
    const build = spawnSync('make', ['-C', dir], { encoding: 'utf8', timeout: 30 * 60 * 1000 });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    const check = spawnSync('make', ['-C', dir, 'check'], { encoding: 'utf8', timeout: 30 * 60 * 1000 });
    expect(check.status, `${check.stdout}\n${check.stderr}`).toBe(0);
  }, 30 * 60 * 1000);
  it('prove --coq-check runs them and says so', async () => {
    let out = '';
    const io: CliIO = { out: (t) => { out += t; }, err: () => {}, cwd: root, isTTY: false };
    const code = await run(['prove', '--coq-check', '--json', '--runs', '2'], io);
    const j = JSON.parse(out) as { coqCheck: { check: string; checkDetail: string; forbidden: string[] } }[];
    for (const r of j) {
      expect(r.coqCheck.check, r.coqCheck.checkDetail).toBe('checked on this run');
      expect(r.coqCheck.checkDetail).toMatch(/^checked by coqc on this run/);
      expect(r.coqCheck.forbidden).toEqual([]);
    }
    expect(code).toBe(0);
  }, 30 * 60 * 1000);
});
