import { readSync } from 'node:fs';

/**
 * The CLI's view of the world, injected so tests can drive commands without a process.
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Directory that relative model paths resolve against. */
  readonly cwd: string;
  /** Whether stdout is a terminal (progress output only then). */
  readonly isTTY: boolean;
  /** Whether stderr is a terminal: progress bars (cli/progress) are drawn on it when it and stdout are. */
  readonly errIsTTY?: boolean;
  /**
   * Standard input (a model given as `-`): its first `max` bytes and more (a longer input is cut
   * at max + 1 bytes), or null when stdin is a terminal.
   */
  readonly stdin?: (max: number) => Uint8Array | null;
}

/** The real process's IO. */
export const processIO: CliIO = {
  out: (t) => { process.stdout.write(t); },
  err: (t) => { process.stderr.write(t); },
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  errIsTTY: Boolean(process.stderr.isTTY),
  stdin: (max) => (process.stdin.isTTY ? null : readAtMost(0, max + 1)),
};

/** Exit codes: 0 ok, 1 a checked claim/bound failed, 2 input or usage error, 3 numerical trouble, 70 internal error. */
export const exitCodes = Object.freeze({ ok: 0, refuted: 1, input: 2, numerical: 3, internal: 70 });

/** Reads fd until its end or `limit` bytes (so /dev/zero on stdin stops), waiting out EAGAIN. */
function readAtMost(fd: number, limit: number): Uint8Array {
  const buf = Buffer.alloc(limit);
  let n = 0;
  while (n < limit) {
    let got: number;
    try {
      got = readSync(fd, buf, n, limit - n, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); continue; }
      if (code === 'EOF') break;
      throw err;
    }
    if (got === 0) break;
    n += got;
  }
  return buf.subarray(0, n);
}
