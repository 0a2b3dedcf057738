/**
 * The Coq development (proofs/coq, issue 12) as `prove` reports it: the manifest
 * proofs/coq/theorems.json (name, file, plain-text statement and hypotheses of each main theorem),
 * whether each named theorem is declared in its file, a scan of the .v files for Admitted / admit /
 * Axiom / Parameter / Conjecture, and, only when asked (`prove --coq-check`), the result of
 * `make -C proofs/coq` and `make -C proofs/coq check` (Print Assumptions) on this machine. Nothing
 * here says "checked" unless coqc ran on this run and succeeded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One entry of proofs/coq/theorems.json. */
export interface CoqManifestEntry {
  readonly name: string;
  /** Relative to the repository root, e.g. proofs/coq/Bounds.v. */
  readonly file: string;
  readonly statement: string;
  readonly hypotheses: readonly string[];
}

/** A manifest theorem as reported. */
export interface CoqTheorem extends CoqManifestEntry {
  /** `Theorem NAME` (or Lemma, Corollary, Proposition) occurs in `file`. */
  readonly declared: boolean;
}

/**
 * How the Coq development was checked on this run:
 * - `not on this run`: coqc was not run (the default); CI (.ci/run) runs it;
 * - `checked on this run`: make and make check (Print Assumptions) both succeeded here;
 * - `failed on this run`: one of them failed (output in `checkOutput`);
 * - `coqc not available`: --coq-check was asked, but coqc is not on PATH.
 */
export type CoqCheckStatus = 'not on this run' | 'checked on this run' | 'failed on this run' | 'coqc not available';

export interface CoqReport {
  /** The manifest's path relative to the repository root. */
  readonly manifest: string;
  readonly manifestFound: boolean;
  /** Why the manifest could not be read (absent, not JSON, wrong shape). */
  readonly manifestError?: string;
  readonly theorems: readonly CoqTheorem[];
  /** The .v files of _CoqProject (relative paths), and the forbidden words found outside comments in any .v file present (`file: word`). */
  readonly files: readonly string[];
  readonly forbidden: readonly string[];
  readonly check: CoqCheckStatus;
  /** The check in words. */
  readonly checkDetail: string;
  /** The tail of make's output when a check ran. */
  readonly checkOutput?: string;
}

/** The repository root (holding proofs/coq), from the source tree, from dist/ or from the bundled CLI (dist/src/cli/chunks). */
export function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let root = join(here, '..'); ; root = dirname(root)) {
    if (existsSync(join(root, 'proofs', 'coq')) && existsSync(join(root, 'package.json'))) return root;
    if (dirname(root) === root) return join(here, '..');
  }
}

/** The text of a .v file without its (nested) comments. */
export function stripCoqComments(text: string): string {
  let out = '', depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('(*', i)) { depth++; i++; continue; }
    if (depth > 0 && text.startsWith('*)', i)) { depth--; i++; continue; }
    if (depth === 0) out += text[i];
  }
  return out;
}

/** Words that leave a proof unfinished or add an axiom, outside comments. */
export const forbiddenCoqWords = ['Admitted', 'admit', 'Axiom', 'Axioms', 'Parameter', 'Parameters', 'Conjecture'] as const;

/** The forbidden words of a .v file's text (outside comments and strings). */
export function forbiddenIn(text: string): string[] {
  const code = stripCoqComments(text).replace(/"[^"]*"/g, '""');
  return forbiddenCoqWords.filter((w) => new RegExp(`(^|[^A-Za-z0-9_'.])${w}([^A-Za-z0-9_']|$)`).test(code));
}

/** Whether `name` is declared as a Theorem, Lemma, Corollary or Proposition in the text. */
export function declares(text: string, name: string): boolean {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|\\s)(Theorem|Lemma|Corollary|Proposition)\\s+${esc}(\\s|:|$)`, 'm').test(stripCoqComments(text));
}

function parseManifest(text: string): CoqManifestEntry[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('expected a JSON array of { name, file, statement, hypotheses }');
  return data.map((x: unknown, i) => {
    const o = x as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.name !== 'string' || typeof o.file !== 'string' || typeof o.statement !== 'string'
      || !Array.isArray(o.hypotheses) || !o.hypotheses.every((h) => typeof h === 'string')) {
      throw new Error(`entry ${i}: expected { name: string, file: string, statement: string, hypotheses: string[] }`);
    }
    return { name: o.name, file: o.file, statement: o.statement, hypotheses: o.hypotheses as string[] };
  });
}

/** Whether coqc is on PATH. */
export function coqcAvailable(): boolean {
  const r = spawnSync('coqc', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Runs `make -C proofs/coq` then `make -C proofs/coq check`. */
export function runCoqCheck(root = repoRoot()): { ok: boolean; step: string; output: string } {
  const dir = join(root, 'proofs', 'coq');
  for (const args of [['-C', dir], ['-C', dir, 'check']]) {
    const r = spawnSync('make', args, { encoding: 'utf8', timeout: 30 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`;
    const step = `make ${args.join(' ').replace(dir, relative(root, dir))}`;
    if (r.status !== 0) return { ok: false, step, output };
    if (args.length === 3) return { ok: true, step, output };
  }
  return { ok: false, step: 'make', output: '' };
}

/**
 * The report of the Coq development.
 *
 * @param opts.check run make and make check here (otherwise the status is `not on this run`)
 */
export function coqReport(opts: { check?: boolean; root?: string } = {}): CoqReport {
  const root = opts.root ?? repoRoot();
  const dir = join(root, 'proofs', 'coq');
  const manifest = 'proofs/coq/theorems.json';
  // Every .v file present is scanned (generated ones too); the files reported are _CoqProject's.
  const present = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v')).sort().map((f) => `proofs/coq/${f}`) : [];
  const project = join(dir, '_CoqProject');
  const listed = existsSync(project) ? readFileSync(project, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.endsWith('.v')).map((f) => `proofs/coq/${f}`) : [];
  const files = listed.length ? listed : present;
  const forbidden = present.flatMap((f) => forbiddenIn(readFileSync(join(root, f), 'utf8')).map((w) => `${f}: ${w}`));
  let entries: CoqManifestEntry[] = [];
  let manifestError: string | undefined;
  const path = join(root, manifest);
  if (!existsSync(path)) manifestError = `${manifest} not found`;
  else {
    try { entries = parseManifest(readFileSync(path, 'utf8')); } catch (err) { manifestError = `${manifest}: ${(err as Error).message}`; }
  }
  const theorems: CoqTheorem[] = entries.map((e) => {
    const p = join(root, e.file);
    return { ...e, declared: existsSync(p) && declares(readFileSync(p, 'utf8'), e.name) };
  });
  let check: CoqCheckStatus = 'not on this run';
  let checkDetail = 'checked by coqc in CI (.ci/run), not on this run (prove --coq-check runs make -C proofs/coq and make -C proofs/coq check here)';
  let checkOutput: string | undefined;
  if (opts.check) {
    if (!coqcAvailable()) {
      check = 'coqc not available';
      checkDetail = 'not checked: --coq-check needs coqc (Coq 8.16 and MathComp) on PATH; CI (.ci/run) checks it';
    } else {
      const r = runCoqCheck(root);
      checkOutput = r.output.split('\n').slice(-40).join('\n');
      if (r.ok) {
        check = 'checked on this run';
        checkDetail = 'checked by coqc on this run: make -C proofs/coq and make -C proofs/coq check (Print Assumptions via check-assumptions.sh) succeeded';
      } else {
        check = 'failed on this run';
        checkDetail = `${r.step} FAILED on this run (see checkOutput)`;
      }
    }
  }
  return {
    manifest, manifestFound: manifestError === undefined || existsSync(path), ...(manifestError ? { manifestError } : {}),
    theorems, files, forbidden, check, checkDetail, ...(checkOutput !== undefined ? { checkOutput } : {}),
  };
}
