/**
 * The CLI run in-process, as the tests drive it: its exit code and what it wrote to stdout and
 * stderr (stdin: none, as from a terminal).
 */
import { run, type CliIO } from '../src/cli/index.js';
import { root } from './helpers.js';

/** `heatbound ARGS` in the directory `cwd` (default the repository root). */
export async function runCli(args: string[], cwd: string = root): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: CliIO = { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd, isTTY: false };
  const code = await run(args, io);
  return { code, out, err };
}
