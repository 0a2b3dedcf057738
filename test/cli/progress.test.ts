/**
 * Progress on a terminal (issue 14 item 4): the engine's callback (engine/progress) and the CLI's
 * bar on stderr (cli/progress), drawn only when stdout and stderr are terminals and not with
 * --json; stdout is byte-identical with and without it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type CliIO } from '../../src/cli/index.js';
import { computeCurrent, type ProgressEvent } from '../../src/engine/index.js';
import { loadModelFile } from '../../src/lang/index.js';
import { runCli } from '../cli-run.js';
import { fixture, root } from '../helpers.js';

/** The CLI in-process with stdout and stderr terminals as given. */
async function runTerminal(args: string[], tty: { out: boolean; err: boolean } = { out: true, err: true }, cwd = root) {
  let out = '', err = '';
  const io: CliIO = { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd, isTTY: tty.out, errIsTTY: tty.err };
  const code = await run(args, io);
  return { code, out, err };
}

/** stderr without the terminal's control sequences. */
const plain = (s: string) => s.replace(/\x1B\[[0-9;?]*[A-Za-z]|\x1B[78]/g, '');

const binomial = (n: number, k: number): number => (k === 0 ? 1 : (binomial(n, k - 1) * (n - k + 1)) / k);
const xx = 'test/fixtures/progress/xx_chain_graded.yaml';

describe('engine progress events', () => {
  it('the dense method reports each block of H_S once: the excitation-number classes C(L, m) of an XX chain in a graded field (no other symmetry)', () => {
    const events: ProgressEvent[] = [];
    const L = 6;
    const withEvents = computeCurrent(loadModelFile(join(root, xx)), L, { method: 'dense', onProgress: (e) => events.push(e) });
    expect(events.every((e) => e.kind === 'block' && e.count === L + 1)).toBe(true);
    expect(events.map((e) => (e.kind === 'L' ? -1 : e.index))).toEqual(Array.from({ length: L + 1 }, (_, i) => i + 1));
    const sizes = events.map((e) => (e.kind === 'L' ? 0 : e.size)).sort((a, b) => a - b);
    expect(sizes).toEqual(Array.from({ length: L + 1 }, (_, m) => binomial(L, m)).sort((a, b) => a - b));
    // The callback changes nothing in the result.
    expect(withEvents).toEqual(computeCurrent(loadModelFile(join(root, xx)), L, { method: 'dense' }));
  });

  it('the symmetric method reports each lower sector it visits: 2j = L-2, ..., 0 of dimension 2j + 1', () => {
    const events: ProgressEvent[] = [];
    const L = 6;
    const r = computeCurrent(fixture('lmg_degenerate.yaml'), L, { onProgress: (e) => events.push(e) });
    expect(r.method).toBe('symmetric');
    const sectors = L / 2 + 1;
    expect(events).toEqual(Array.from({ length: sectors - 1 }, (_, i) => ({ kind: 'sector', index: i + 2, count: sectors, size: L - 2 * (i + 1) + 1 })));
  });
});

describe('progress on a terminal', () => {
  it('a range shows each L on stderr; stdout is the same as without a terminal', async () => {
    const args = ['current', xx, '--L', '2..4'];
    const tty = await runTerminal(args);
    const piped = await runCli(args);
    expect(tty.code).toBe(0);
    expect(tty.out).toBe(piped.out);
    expect(piped.err).toBe('');
    const err = plain(tty.err);
    for (const [i, L] of [2, 3, 4].entries()) expect(err).toContain(`] ${i}/3 L`), expect(err).toContain(`computing L = ${L}`);
    // The dense method's blocks inside the last L (block 1 of L + 1 classes drawn as it starts the L's part).
    expect(err).toMatch(/computing L = 4: block \d\/5 \(dimension \d+\)/);
  });

  it('a single L of a multi-block dense model shows its blocks (count and first size as the note says)', async () => {
    const args = ['current', xx, '--L', '6'];
    const tty = await runTerminal(args);
    const piped = await runCli(args);
    expect(tty.out).toBe(piped.out);
    const note = /H_S diagonalised in (\d+) block\(s\)/.exec(tty.out);
    expect(note).not.toBeNull();
    const n = Number(note![1]);
    expect(n).toBe(7);
    const err = plain(tty.err);
    // First and last block: the classes m = 0 and m = L, one state each.
    expect(err).toContain(`current [`);
    expect(err).toContain(`0/${n} blocks`);
    expect(err).toContain(`block 1/${n} (dimension 1)`);
    expect(err).toContain(`block ${n}/${n} (dimension 1)`);
    // Cleared at the end: the last thing written erases the line.
    expect(tty.err.endsWith('\x1B[2K')).toBe(true);
  });

  it('--json: no progress, and the JSON is byte-identical with and without a terminal', async () => {
    for (const L of ['6', '2..4']) {
      const args = ['current', xx, '--L', L, '--json'];
      const tty = await runTerminal(args);
      const piped = await runCli(args);
      expect(tty.out).toBe(piped.out);
      expect(tty.err).toBe('');
    }
  });

  it('no progress when only one of stdout and stderr is a terminal', async () => {
    const args = ['current', xx, '--L', '2..3'];
    const piped = await runCli(args);
    for (const tty of [{ out: true, err: false }, { out: false, err: true }]) {
      const r = await runTerminal(args, tty);
      expect(r.out).toBe(piped.out);
      expect(r.err).toBe('');
    }
  });

  it('scaling shows the L it computes; its table is unchanged', async () => {
    const args = ['scaling', 'models/superradiance.yaml', '--L', '1..8'];
    const tty = await runTerminal(args);
    const piped = await runCli(args);
    expect(tty.out).toBe(piped.out);
    expect(piped.err).toBe('');
    const err = plain(tty.err);
    expect(err).toContain('scaling [');
    for (const L of [1, 8]) expect(err).toContain(`computing L = ${L}`);
  });

  it('plot shows each L of each model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatbound-progress-'));
    const args = ['plot', join(root, xx), '--L', '2..4', '--out', 'p.svg'];
    const tty = await runTerminal(args, { out: true, err: true }, dir);
    expect(tty.code).toBe(0);
    const err = plain(tty.err);
    expect(err).toContain('plot ');
    for (const L of [2, 3, 4]) expect(err).toContain(`computing L = ${L}`);
    const piped = await runTerminal(args, { out: false, err: false }, dir);
    expect(piped.out).toBe(tty.out);
    expect(piped.err).toBe('');
  });
});
