/**
 * Output into a pipe its reader closes early (`heatbound scaling m.yaml | head -5`): the CLI stops
 * quietly, with no unhandled EPIPE stack trace (issue 15 review: it printed `Error: write EPIPE`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers.js';

const main = join(root, 'dist', 'src', 'cli', 'main.js');

/** Runs the CLI, closes its stdout after the first chunk, and returns its exit code and stderr. */
function closedEarly(args: string[]): Promise<{ code: number | null; stderr: string; firstChunk: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let firstChunk = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.once('data', (d: Buffer) => { firstChunk = d.toString(); child.stdout.destroy(); });
    child.on('close', (code) => resolve({ code, stderr, firstChunk }));
  });
}

describe('a reader that closes the pipe early', () => {
  for (const args of [['scaling', 'superradiance'], ['current', 'superradiance', '--L', '1..400']]) {
    it(`heatbound ${args.join(' ')}: no stack trace, exit 0`, async () => {
      const r = await closedEarly(args);
      expect(r.firstChunk.length).toBeGreaterThan(0);
      expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
      expect(r.code).toBe(0);
    }, 120_000);
  }
});
