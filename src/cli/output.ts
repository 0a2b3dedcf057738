/**
 * The one writer of the files heatbound writes (`plot --out`, `export --out`, verify's
 * `FILE.tightest-B.yaml`, the demo's figure): the bytes go to a temporary file in the target's
 * directory, are fsynced, and the temporary file is renamed onto the target, so a reader sees the
 * old file or the new one, never half of one. A target that is a symbolic link, a directory or
 * another non-regular file, or that is the same file (device and inode) as an input of the command,
 * is refused before anything is written. A failed write leaves the target as it was and no
 * temporary file: out of space or over the file size limit (ENOSPC, EDQUOT, EFBIG, EIO) is a
 * resource problem (exit 3, {@link OutputError}); permissions and paths (EACCES, EROFS, ENOENT,
 * ...) are input errors (exit 2, naming the flag and the file).
 */
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../lang/index.js';
import { exitCodes } from './io.js';

/** A file a command writes: its absolute path, the name to show, and the flag it comes from ('' for none). */
export interface OutputTarget {
  readonly path: string;
  readonly shown: string;
  readonly key: string;
}

/** The file-system calls the writer makes (injected by tests to simulate failures). */
export type OutputFs = Pick<typeof nodeFs,
  'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'linkSync' | 'unlinkSync' | 'fchmodSync' | 'lstatSync' | 'statSync' | 'mkdirSync'>;

/** A write that failed for want of a resource (space, quota, file size, the device): exit 3. */
export class OutputError extends Error {
  /** The exit code of the CLI for it ({@link exitCodes}.numerical: a resource problem, not bad input). */
  readonly exitCode: number = exitCodes.numerical;
  constructor(message: string, readonly file: string, readonly code: string) {
    super(message);
    this.name = 'OutputError';
  }
}

const resourceCodes: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device', EDQUOT: 'the disk quota is exceeded', EFBIG: 'the file would exceed the file size limit (ulimit -f)',
  EIO: 'the device reported an input/output error',
};
const pathCodes: Readonly<Record<string, string>> = {
  EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'the file system is read-only', ENOENT: 'its directory does not exist',
  ENOTDIR: 'a part of its path is not a directory', EISDIR: 'it is a directory', ENAMETOOLONG: 'the name is too long', ELOOP: 'too many symbolic links in its path',
  EEXIST: 'it exists', EXDEV: 'its directory is on another device', EBUSY: 'it is busy', ETXTBSY: 'it is busy',
};

/** Whether `err` is an error of a system call (it has an errno code such as 'ENOSPC'). */
export function isErrnoError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code!);
}

function refusal(t: OutputTarget, message: string): InputError {
  return new InputError({ code: 'bad-usage', file: t.key ? '<command line>' : t.shown, key: t.key, line: 0, column: 0, token: t.shown, message });
}

/**
 * The error to report for a failed write of `t` ({@link OutputError}, exit 3, for a resource
 * problem; InputError bad-usage, exit 2, for anything else the system refused), with `what` saying
 * what happened to the file (e.g. "it is unchanged").
 */
export function outputFailure(t: OutputTarget, err: NodeJS.ErrnoException & { code: string }, what = 'it is unchanged and no temporary file is left'): InputError | OutputError {
  const resource = resourceCodes[err.code];
  const flag = t.key ? ` (${t.key})` : '';
  if (resource) return new OutputError(`cannot write '${t.shown}'${flag}: ${resource} (${err.code}); ${what}`, t.path, err.code);
  const why = pathCodes[err.code] ?? err.message;
  return refusal(t, `cannot write '${t.shown}': ${why} (${err.code}); expected a file name in a writable directory; ${what}`);
}

function fileId(fs: OutputFs, path: string): string | null {
  try {
    const s = fs.statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Refuses a target that cannot be written safely: a symbolic link (the write would land elsewhere),
 * a directory, a device, pipe or socket, or the same file (device and inode, so also through
 * another name or a hard link) as one of `inputs`. A missing target is fine.
 *
 * @returns the target's status when it exists as a regular file, else null
 * @throws InputError (bad-usage, exit 2) naming the flag, the file and what was expected
 */
export function checkOutputTarget(t: OutputTarget, inputs: readonly string[] = [], fs: OutputFs = nodeFs): nodeFs.Stats | null {
  let st: nodeFs.Stats;
  try {
    st = fs.lstatSync(t.path);
  } catch (err) {
    if (isErrnoError(err) && err.code === 'ENOENT') return null;
    if (isErrnoError(err)) throw outputFailure(t, err, 'nothing was written');
    throw err;
  }
  if (st.isSymbolicLink()) throw refusal(t, `'${t.shown}' is a symbolic link; expected a regular file or a new file name (heatbound does not write through links)`);
  if (st.isDirectory()) throw refusal(t, `'${t.shown}' is a directory; expected a file name`);
  if (!st.isFile()) throw refusal(t, `'${t.shown}' is not a regular file (a device, pipe or socket); expected a regular file or a new file name`);
  const id = `${st.dev}:${st.ino}`;
  const same = inputs.find((p) => fileId(fs, p) === id);
  if (same !== undefined) throw refusal(t, `'${t.shown}' is the same file as the input '${same}'; expected another file name (writing it would replace the input)`);
  return st;
}

/** How {@link writeOutput} treats an existing target: replace it, or leave it and write nothing. */
export type ExistingTarget = 'replace' | 'keep';

/** Options of {@link writeOutput}. */
export interface WriteOptions {
  /** Files the command reads: the target may not be one of them. */
  readonly inputs?: readonly string[];
  /** 'replace' (default): an existing regular file is replaced (its permissions kept); 'keep': it is left alone and false returned. */
  readonly existing?: ExistingTarget;
  /** Create the target's directory (and its parents) when missing. */
  readonly makeDirs?: boolean;
  readonly fs?: OutputFs;
}

let counter = 0;

/**
 * Writes `data` to `t` through a temporary file in the same directory: write, fsync, rename (with
 * existing 'keep', a hard link, which fails when the target exists, so no file is ever replaced).
 *
 * @returns true when written; false when existing is 'keep' and the target exists
 * @throws InputError (exit 2) for a refused target ({@link checkOutputTarget}) or a permission/path failure,
 *   OutputError (exit 3) when space, quota or the file size limit ran out; the target is unchanged then
 */
export function writeOutput(t: OutputTarget, data: string | Uint8Array, opts: WriteOptions = {}): boolean {
  const fs = opts.fs ?? nodeFs;
  const st = checkOutputTarget(t, opts.inputs, fs);
  const keep = opts.existing === 'keep';
  if (st && keep) return false;
  const dir = dirname(t.path);
  if (opts.makeDirs) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      if (isErrnoError(err)) throw outputFailure(t, err, 'nothing was written');
      throw err;
    }
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tmp = join(dir, `.${basename(t.path)}.${process.pid}.${++counter}.tmp`);
  let fd: number | null = null;
  let created = false;
  try {
    fd = fs.openSync(tmp, 'wx', 0o666);
    created = true;
    if (st) fs.fchmodSync(fd, st.mode & 0o7777);
    for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    if (!keep) {
      fs.renameSync(tmp, t.path);
      created = false;
      return true;
    }
    try {
      fs.linkSync(tmp, t.path);
    } catch (err) {
      if (isErrnoError(err) && err.code === 'EEXIST') return false;
      throw err;
    }
    return true;
  } catch (err) {
    if (isErrnoError(err)) throw outputFailure(t, err);
    throw err;
  } finally {
    if (fd !== null) { try { fs.closeSync(fd); } catch { /* already failing */ } }
    if (created) { try { fs.unlinkSync(tmp); } catch { /* gone already */ } }
  }
}
