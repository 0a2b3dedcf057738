/**
 * The examples of README.md's properties section run as written: each ```ts block is type-checked
 * (strict tsc) and executed, with `heatbound` and `heatbound/properties` mapped to this checkout's
 * src/index.ts and properties/index.ts, and what it prints is compared with what the README says.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { root } from '../helpers.js';
import { propertiesSection, tsBlocks, typecheckExamples } from '../readme.js';
import { runCampaign, runSeed } from '../../properties/index.js';

const blocks = tsBlocks(propertiesSection());
/** The block with the package's specifiers pointing into this checkout. */
const local = (code: string): string => code
  .replaceAll(`from 'heatbound/properties'`, `from '${join(root, 'properties', 'index.js')}'`)
  .replaceAll(`from 'heatbound'`, `from '${join(root, 'src', 'index.js')}'`);

let dir = '';
beforeAll(() => {
  // Outside the repository, with its node_modules linked so that fast-check resolves to the same module.
  dir = mkdtempSync(join(tmpdir(), 'heatbound-readme-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n'); // ES modules, as a user of the package writes them
  blocks.forEach((code, i) => writeFileSync(join(dir, `example${i}.ts`), `${local(code)}\nexport {};\n`));
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

/** Runs block i (from the package root, where its paths are relative to) and returns what it logged. */
async function run(i: number): Promise<string[]> {
  const logged: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')); });
  const cwd = process.cwd();
  process.chdir(root);
  try {
    await import(pathToFileURL(join(dir, `example${i}.ts`)).href);
  } finally {
    process.chdir(cwd);
    spy.mockRestore();
  }
  return logged;
}

describe("README.md's properties examples", () => {
  it('are three, and type-check (strict)', () => {
    expect(blocks).toHaveLength(3);
    const r = typecheckExamples(dir, blocks.length);
    expect(r.error).toBeNull();
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  }, 240_000);

  it('testing your own engine: the doubled J is caught by the bound chain, with a shrunk model file', async () => {
    const [out] = await run(0);
    expect(out).toMatch(/^bound-chain: \|J\| <= B_state fails/);
    expect(out).toMatch(/--- model \(L = 1, seed 42, /);
    expect(out).toContain('# rerun: heatbound current random-');
  }, 120_000);

  it('a campaign, and one of its runs replayed alone from runSeed', async () => {
    const out = await run(1);
    expect(out[0]).toBe('0 {"ok":4,"skipped":0,"violated":0}');
    expect(out[1]).toMatch(/^# random-collective: a random model sampled by heatbound's properties/);
    // "the same sample the campaign drew": the campaign's own line for run 3
    const file = join(dir, 'runs.jsonl');
    runCampaign({ classes: ['band', 'collective'], L: [1, 3], runs: 4, seed: 7, digits: 30, out: file, resume: false });
    const line = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { run: number; seed: number; model: string }).find((r) => r.run === 3)!;
    expect(line.seed).toBe(runSeed(7, 3));
    expect(line.model).toBe(out[1]);
  }, 120_000);

  it('claims: all-flip refuted at L = 5001 for every L, and a random search shrinks a counterexample', async () => {
    const out = await run(2);
    expect(out[0]).toBe('refuted 5001');
    expect(out[1]).toMatch(/^1 # random-/);
  }, 240_000);
});
