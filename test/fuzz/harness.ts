/**
 * The machinery of the CLI fuzz test (cli-fuzz.test.ts) and of the longer harness kept aside
 * (long-harness.fuzz.ts, `npm run fuzz:harness`): cases written into their own directories, run in
 * child processes (runner.mjs) that are killed past a case's time or memory limit, and each
 * outcome judged ({@link defectOf}: exit 70, a hang, a stack trace, an unlocated exit 2, an exit 3
 * that does not say what, a non-finite number printed with exit 0 or 1).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from '../helpers.js';
import type { FuzzCase } from './inputs.js';

/** Resident memory past which a case is killed and reported (a bounded run of small L needs far less). */
const maxRssMB = 1500;

/**
 * Writes each case's files (and its links and directories) into a directory of its own, then runs
 * them all in `workers` child processes of the built CLI in `dist`.
 *
 * @returns the outcomes by case, and the directories
 */
export async function runCases(cases: readonly FuzzCase[], opts: { dist: string; caseMs: number; workers?: number; tag?: string }): Promise<{ results: Outcome[]; dirs: string[] }> {
  const tmp = mkdtempSync(join(tmpdir(), `heatbound-${opts.tag ?? 'fuzz'}-`));
  const dirs = cases.map((c, i) => {
    const dir = join(tmp, `c${i}`);
    mkdirSync(dir);
    for (const f of c.files) { mkdirSync(dirname(join(dir, f.name)), { recursive: true }); writeFileSync(join(dir, f.name), f.text); }
    for (const d of c.dirs ?? []) mkdirSync(join(dir, d), { recursive: true });
    for (const l of c.links ?? []) symlinkSync(l.target, join(dir, l.name));
    return dir;
  });
  const casesFile = join(tmp, 'cases.json');
  writeFileSync(casesFile, JSON.stringify({ cases, dist: opts.dist, dirs }));
  const results: Outcome[] = [];
  const workers = opts.workers ?? 2;
  await Promise.all(Array.from({ length: workers }, (_, w) => runShare(casesFile, cases.length, w, workers, results, opts.caseMs)));
  return { results, dirs };
}

/** One case and its defect, for a report. */
export function show(c: FuzzCase, o: Outcome, defect: string, i: number): string {
  const cut = (s: string, n: number): string => s.split('\n').map((l) => (l.length > n ? `${l.slice(0, n)}…[${l.length - n} more]` : l)).join('\n');
  const files = c.files.map((f) => `  --- ${f.name} ---\n${cut(f.text.slice(0, 1500), 160)}`).join('\n');
  return `#${i} ${defect} (${o.code}, ${Math.round(o.ms)} ms): ${cut(JSON.stringify(c.args), 300)}${Object.keys(c.env).length ? ` env ${JSON.stringify(c.env)}` : ''}\n${files}\n  stderr: ${cut(o.err.slice(0, 1200), 300)}`;
}

/** What one case did. */
export interface Outcome {
  readonly code: number | 'threw' | 'timeout' | 'crash' | 'memory';
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

/** Runs cases start, start+step, ... in a child, restarting it past a case that hangs, crashes or grows too big. */
function runShare(casesFile: string, n: number, start: number, step: number, results: Outcome[], caseMs: number): Promise<void> {
  return new Promise((resolve) => {
    const spawnFrom = (from: number): void => {
      if (from >= n) { resolve(); return; }
      const child: ChildProcess = fork(join(root, 'test', 'fuzz', 'runner.mjs'), [casesFile, String(from), String(step)], {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--max-old-space-size=1024'],
      });
      let current = -1, started = 0, stderr = '';
      let settled = false;
      const finish = (i: number, o: Outcome): void => { if (results[i] === undefined) results[i] = o; };
      const stop = (why: 'timeout' | 'memory'): void => {
        if (settled) return;
        settled = true;
        clearInterval(watch);
        child.kill('SIGKILL');
        finish(current, { code: why, out: '', err: stderr.slice(-2000), ms: performance.now() - started });
        child.once('exit', () => spawnFrom(current + step));
      };
      const watch = setInterval(() => {
        if (current < 0) return;
        if (performance.now() - started > caseMs) stop('timeout');
        else if (rssMB(child.pid) > maxRssMB) stop('memory');
      }, 100);
      child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
      child.on('message', (m: { i: number; phase: string; code: number | 'threw'; out: string; err: string; ms: number }) => {
        if (m.phase === 'start') { current = m.i; started = performance.now(); } else finish(m.i, { code: m.code, out: m.out, err: m.err, ms: m.ms });
      });
      child.on('exit', (code, signal) => {
        if (settled) return;
        settled = true;
        clearInterval(watch);
        if (current >= 0 && results[current] === undefined) {
          finish(current, { code: 'crash', out: '', err: `child exited ${code ?? signal}: ${stderr.slice(-2000)}`, ms: performance.now() - started });
          spawnFrom(current + step);
        } else if (code !== 0) {
          // died before its first case: every case of this share is reported as a crash
          for (let i = from; i < n; i += step) finish(i, { code: 'crash', out: '', err: `runner failed to start (${code ?? signal}): ${stderr}`, ms: 0 });
          resolve();
        } else resolve();
      });
    };
    spawnFrom(start);
  });
}

function rssMB(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch { return 0; }
}

/** The files, flags and environment variables a case's messages may name. */
function namesOf(c: FuzzCase, dir: string): { files: Set<string>; flags: Set<string>; env: Set<string> } {
  const files = new Set(['<command line>', '<stdin>']);
  for (const f of c.files) { files.add(f.name); files.add(join(dir, f.name)); }
  for (const a of c.args) if (!a.startsWith('-')) files.add(a);
  for (const m of ['allflip', 'superradiance', 'independent']) { files.add(`models/${m}.yaml`); files.add(join(root, 'models', `${m}.yaml`)); }
  const flags = new Set(['CLAIM', 'MODEL']);
  for (const a of c.args) if (/^--?[a-zA-Z]/.test(a)) flags.add(a.replace(/=.*$/s, ''));
  return { files, flags, env: new Set(Object.keys(c.env)) };
}

/**
 * An exit-2 stderr is located when it has at least one error line and every error line (a line
 * that starts with `heatbound:` or `error:`, or holds `error[`) is one of:
 * - (no control, line-separator or bidirectional character in it, raw;)
 * - `FILE:LINE:COL (KEY): error[CODE]...` or `FILE:LINE:COL: error[CODE]...`, LINE and COL >= 1;
 * - `FILE (KEY): error[CODE]...` or `FILE: error[CODE]...`;
 * - `heatbound: FILE at L = N (--L N ...): ...` (a limitation of the model at that L), or
 *   `heatbound: FILE at L = N: ...` (plot: an L of that model skipped, and why);
 * - commander's `error: unknown option '--x'`, `error: option '--x <v>' argument missing`,
 *   `error: missing required argument 'X'`, `error: required option '--x' not specified`,
 *   `error: too many arguments...` (naming the flag or argument);
 * where FILE is a file the case gave (path as given), a built-in model (`models/NAME.yaml`), or
 * `<command line>` with KEY a flag the case gave (or CLAIM, MODEL), or `<environment>` with KEY an
 * environment variable the case set.
 *
 * @returns null when located, else the first line that is not
 */
export function located(c: FuzzCase, dir: string, err: string): string | null {
  const { files, flags, env } = namesOf(c, dir);
  const lines = err.split('\n').filter((l) => /^heatbound:|^error:|error\[/.test(l));
  if (lines.length === 0) return err.split('\n')[0] || '(empty stderr)';
  for (const l of lines) {
    if (/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/.test(l)) return `raw control character in ${JSON.stringify(l)}`;
    let m: RegExpExecArray | null;
    if ((m = /^(\S[^:]*?):(\d+):(\d+)(?: \((.*?)\))?: error\[[a-z-]+\]/.exec(l))) {
      if (!files.has(m[1]) || Number(m[2]) < 1 || Number(m[3]) < 1) return l;
      if (m[1] === '<command line>' && !(m[4] && flags.has(m[4]))) return l;
    } else if ((m = /^(\S[^:]*?)(?: \((.+?)\))?: error\[[a-z-]+\]/.exec(l))) {
      if (m[1] === '<environment>') { if (!(m[2] && env.has(m[2]))) return l; } else if (!files.has(m[1])) return l;
      if (m[1] === '<command line>' && !(m[2] && flags.has(m[2]))) return l;
    } else if ((m = /^heatbound: (.+?) at L = \d+(?: \((--L \d+[^)]*)\))?: /.exec(l))) {
      if (!files.has(m[1])) return l;
    } else if ((m = /^error: (?:unknown option|option|missing required argument|required option|too many arguments)[^']*(?:'([^']+)')?/.exec(l))) {
      // commander names the option or argument it could not take
    } else return l;
  }
  return null;
}

/** An exit-3 stderr names the quantity or resource: numerical trouble, out of memory, a non-finite quantity, an output file. */
export function saysWhat(err: string): boolean {
  return /^heatbound: .*(numerical trouble: \S|out of memory: \S|\b(J|normH|width|sumA2|gammaMax|deltaE|omegaGammaMax|Bstate|B1|B1coarse|B2|B2tail|rate|spectrum|memory|disk|device|file)\b)/m.test(err);
}

/** A defect of one case, or null. */
export function defectOf(c: FuzzCase, dir: string, o: Outcome): string | null {
  if (typeof o.code !== 'number') return o.code;
  if (![0, 1, 2, 3].includes(o.code)) return `exit ${o.code}`;
  if (/^\s+at .+:\d+:\d+\)?$/m.test(o.err) || /internal error/.test(o.err)) return 'stack trace';
  if (o.code === 2) { const l = located(c, dir, o.err); if (l !== null) return `unlocated: ${l}`; }
  if (o.code === 3 && !saysWhat(o.err)) return 'exit 3 without what';
  if ((o.code === 0 || o.code === 1) && /\bNaN\b|\bInfinity\b/.test(o.out)) return `exit ${o.code} with a non-finite number in the output`;
  return null;
}

