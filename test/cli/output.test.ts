/**
 * The one output writer (issue 17): every file heatbound writes goes to a temporary file in the
 * target's directory, is fsynced and renamed onto the target; links, directories, devices and the
 * command's inputs are refused (exit 2, naming the flag and the file); out of space or over the
 * size limit is exit 3 with the file named, the target unchanged and no temporary file left.
 *
 * Disk full is real where it can be without root: writes redirected to /dev/full (ENOSPC from the
 * kernel) through the injectable fs layer, and `ulimit -f` in a child process (EFBIG: node ignores
 * SIGXFSZ, so the write fails instead of the process being killed). Errors no unprivileged test can
 * provoke here (EDQUOT, EROFS; EACCES as root) are injected.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError, writeOutput, type OutputFs, type OutputTarget } from '../../src/cli/output.js';
import { InputError } from '../../src/lang/index.js';
import { root } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

const main = join(root, 'dist', 'src', 'cli', 'main.js');
/** The built CLI in a shell with `ulimit -f blocks` (1024-byte blocks): writes beyond fail with EFBIG. */
function limited(blocks: number, args: string[], cwd: string): { status: number | null; signal: NodeJS.Signals | null; stderr: string } {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const p = spawnSync('bash', ['-c', `ulimit -f ${blocks} && exec '${process.execPath}' '${main}' ${quoted}`], { cwd, encoding: 'utf8' });
  return { status: p.status, signal: p.signal, stderr: p.stderr };
}

const fresh = (): string => mkdtempSync(join(tmpdir(), 'heatbound-output-'));
const temps = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const target = (dir: string, name: string): OutputTarget => ({ path: join(dir, name), shown: name, key: '--out' });

/** A named pipe, made with mkfifo(1) (node:fs has no mkfifo). */
function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo ${path} failed`);
}

describe('writeOutput: temporary file, fsync, rename', () => {
  it('writes the file whole, keeps the permissions of the file it replaces, and leaves no temporary file', () => {
    const dir = fresh();
    const t = target(dir, 'a.txt');
    expect(writeOutput(t, 'one\n')).toBe(true);
    expect(readFileSync(t.path, 'utf8')).toBe('one\n');
    chmodSync(t.path, 0o640);
    const before = statSync(t.path).ino;
    expect(writeOutput(t, 'two\n')).toBe(true);
    expect(readFileSync(t.path, 'utf8')).toBe('two\n');
    expect(statSync(t.path).mode & 0o777).toBe(0o640);
    expect(statSync(t.path).ino, 'renamed onto it: a new inode').not.toBe(before);
    expect(temps(dir)).toEqual([]);
  });

  it("'keep' never replaces an existing file (a hard link, which fails when the name exists)", () => {
    const dir = fresh();
    const t = target(dir, 'k.txt');
    writeFileSync(t.path, 'earlier\n');
    expect(writeOutput(t, 'later\n', { existing: 'keep' })).toBe(false);
    expect(readFileSync(t.path, 'utf8')).toBe('earlier\n');
    const u = target(dir, 'new.txt');
    expect(writeOutput(u, 'later\n', { existing: 'keep' })).toBe(true);
    expect(readFileSync(u.path, 'utf8')).toBe('later\n');
    expect(temps(dir)).toEqual([]);
  });

  it('disk full (writes to /dev/full: a real ENOSPC) is an OutputError, exit 3, naming the file; the target is unchanged, no temporary file left', () => {
    const dir = fresh();
    const t = target(dir, 'full.svg');
    writeFileSync(t.path, 'the old figure');
    const full = fs.openSync('/dev/full', 'w');
    const fullFs: OutputFs = { ...fs, writeSync: ((_fd: number, ...rest: unknown[]) => (fs.writeSync as (...a: unknown[]) => number)(full, ...rest)) as typeof fs.writeSync };
    let err: unknown;
    try { writeOutput(t, 'x'.repeat(100_000), { fs: fullFs }); } catch (e) { err = e; }
    fs.closeSync(full);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as OutputError).exitCode).toBe(3);
    expect((err as OutputError).code).toBe('ENOSPC');
    expect((err as Error).message).toMatch(/cannot write 'full\.svg' \(--out\): no space left on the device \(ENOSPC\)/);
    expect(readFileSync(t.path, 'utf8')).toBe('the old figure');
    expect(temps(dir)).toEqual([]);
  });

  it('EDQUOT and EFBIG are exit 3; EACCES, EROFS and EPERM are exit 2 (InputError) naming the flag and the file; none leaves a temporary file', () => {
    const failing = (code: string, call: 'writeSync' | 'openSync' | 'renameSync'): OutputFs => ({
      ...fs,
      [call]: () => { throw Object.assign(new Error(`${code}: injected`), { code }); },
    } as OutputFs);
    for (const [code, call, exit] of [['EDQUOT', 'writeSync', 3], ['EFBIG', 'writeSync', 3], ['EACCES', 'openSync', 2], ['EROFS', 'openSync', 2], ['EPERM', 'renameSync', 2]] as const) {
      const dir = fresh();
      let err: unknown;
      try { writeOutput(target(dir, 'p.py'), 'print(1)\n', { fs: failing(code, call) }); } catch (e) { err = e; }
      if (exit === 3) {
        expect(err, code).toBeInstanceOf(OutputError);
        expect((err as OutputError).exitCode).toBe(3);
      } else {
        expect(err, code).toBeInstanceOf(InputError);
        expect((err as InputError).errors[0].key).toBe('--out');
        expect((err as InputError).errors[0].token).toBe('p.py');
      }
      expect((err as Error).message, code).toContain(`(${code})`);
      expect(existsSync(join(dir, 'p.py')), code).toBe(false);
      expect(temps(dir), code).toEqual([]);
    }
  });
});

describe('plot --out and export --out: refused targets (exit 2, before any work)', () => {
  it('a symbolic link is refused and what it points to is untouched (was: followed and overwritten)', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'precious.txt'), 'keep me');
    symlinkSync('precious.txt', join(dir, 'fig.svg'));
    symlinkSync('precious.txt', join(dir, 'script.py'));
    const p = await cli(['plot', 'allflip', '--L', '1..3', '--out', 'fig.svg'], dir);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/\(--out\).*'fig\.svg' is a symbolic link; expected a regular file or a new file name/);
    const e = await cli(['export', 'allflip', '--L', '2', '--to', 'qutip', '--out', 'script.py'], dir);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/\(--out\).*'script\.py' is a symbolic link/);
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me');
    expect(lstatSync(join(dir, 'fig.svg')).isSymbolicLink()).toBe(true);
  });

  it('a directory is refused with exit 2 (was: EISDIR, exit 70)', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'fig.svg'));
    mkdirSync(join(dir, 'script.py'));
    const p = await cli(['plot', 'allflip', '--L', '1..3', '--out', 'fig.svg'], dir);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/\(--out\).*'fig\.svg' is a directory; expected a file name/);
    const e = await cli(['export', 'allflip', '--L', '2', '--to', 'qutip', '--out', 'script.py'], dir);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/'script\.py' is a directory/);
  });

  it('a device or a pipe is refused (nothing would be renamed onto it)', async () => {
    const dir = fresh();
    mkfifo(join(dir, 'pipe.py'));
    const e = await cli(['export', 'allflip', '--L', '2', '--to', 'qutip', '--out', 'pipe.py'], dir);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/'pipe\.py' is not a regular file/);
    const d = await cli(['export', 'allflip', '--L', '2', '--to', 'qutip', '--out', '/dev/null'], dir);
    expect(d.code).toBe(2);
    expect(d.err).toMatch(/'\/dev\/null' is not a regular file/);
  });

  it('the model file itself, by any name (another spelling, a hard link), is refused and stays as it was (was: export m.yaml --out m.yaml replaced the model)', async () => {
    const dir = fresh();
    const model = readFileSync(join(root, 'models', 'allflip.yaml'), 'utf8');
    writeFileSync(join(dir, 'm.yaml'), model);
    linkSync(join(dir, 'm.yaml'), join(dir, 'hard.py'));
    mkdirSync(join(dir, 'sub'));
    for (const out of ['m.yaml', './sub/../m.yaml', join(dir, 'm.yaml'), 'hard.py']) {
      const e = await cli(['export', 'm.yaml', '--L', '2', '--to', 'qutip', '--out', out], dir);
      expect(e.code, out).toBe(2);
      expect(e.err, out).toMatch(/\(--out\).*is the same file as the input '.*m\.yaml'; expected another file name/);
    }
    writeFileSync(join(dir, 'm.svg'), model);
    const p = await cli(['plot', 'm.svg', '--L', '1..2', '--out', 'm.svg'], dir);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/is the same file as the input/);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(model);
    expect(readFileSync(join(dir, 'm.svg'), 'utf8')).toBe(model);
  });

  it('an unwritable place is exit 2 naming --out and the file (never exit 70)', async () => {
    const dir = fresh();
    const e = await cli(['export', 'allflip', '--L', '2', '--to', 'qutip', '--out', 'no/such/dir/x.py'], dir);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/\(--out\).*cannot write 'no\/such\/dir\/x\.py': its directory does not exist \(ENOENT\)/);
  });
});

describe('out of file size (ulimit -f in a child: a real EFBIG)', () => {
  it('export --out and plot --out: exit 3 naming the file, no file and no temporary file left (was: exit 70 or a cut file)', () => {
    const dir = fresh();
    const e = limited(2, ['export', 'allflip', '--L', '3', '--to', 'qutip', '--out', 'big.py'], dir);
    expect(e.signal, 'SIGXFSZ is ignored by node: the write fails, the process lives').toBeNull();
    expect(e.status, e.stderr).toBe(3);
    expect(e.stderr).toMatch(/cannot write 'big\.py' \(--out\): the file would exceed the file size limit \(ulimit -f\) \(EFBIG\); it is unchanged/);
    const p = limited(4, ['plot', 'allflip', '--L', '1..3', '--out', 'big.svg'], dir);
    expect(p.status, p.stderr).toBe(3);
    expect(p.stderr).toMatch(/cannot write 'big\.svg' \(--out\).*\(EFBIG\)/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
