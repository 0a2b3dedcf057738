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
}

/** The real process's IO. */
export const processIO: CliIO = {
  out: (t) => { process.stdout.write(t); },
  err: (t) => { process.stderr.write(t); },
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
};

/** Exit codes: 0 ok, 1 a checked claim/bound failed, 2 input or usage error, 3 numerical trouble, 70 internal error. */
export const exitCodes = Object.freeze({ ok: 0, refuted: 1, input: 2, numerical: 3, internal: 70 });
