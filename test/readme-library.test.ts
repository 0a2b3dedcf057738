/**
 * The examples of README.md's library section ("Library API: `heatbound`") run as written: each
 * ```ts block is type-checked (strict tsc) and executed, with `heatbound` mapped to this checkout's
 * src/index.ts, and what each `console.log` prints is compared with the comment the README writes
 * for it (the comment at the end of its line, else the comment lines right after it).
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { root } from './helpers.js';
import { librarySection, tsBlocks, typecheckExamples } from './readme.js';

const section = librarySection();
const blocks = tsBlocks(section);
/** The block with the package's specifier pointing into this checkout. */
const local = (code: string): string => code.replaceAll(`from 'heatbound'`, `from '${join(root, 'src', 'index.js')}'`);

/** What the README says each `console.log` of a block prints, in order. */
export function expectedLogs(code: string): string[] {
  const lines = code.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (!line.includes('console.log(')) return;
    const trailing = /\)\s*;?\s*\/\/ (.*)$/.exec(line);
    if (trailing) { out.push(trailing[1].trimEnd()); return; }
    const following: string[] = [];
    for (let j = i + 1; j < lines.length && /^\s*\/\/ /.test(lines[j]); j++) following.push(lines[j].replace(/^\s*\/\/ /, '').trimEnd());
    out.push(following.join('\n'));
  });
  return out;
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'heatbound-readme-library-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  blocks.forEach((code, i) => writeFileSync(join(dir, `example${i}.ts`), `${local(code)}\nexport {};\n`));
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

/** Runs block i and returns what it logged, each call as console.log prints it. */
async function run(i: number): Promise<string[]> {
  const logged: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { logged.push(format(...args)); });
  try {
    await import(pathToFileURL(join(dir, `example${i}.ts`)).href);
  } finally {
    spy.mockRestore();
  }
  return logged;
}

describe("README.md's library examples", () => {
  it('reads the expected output from the comments', () => {
    expect(expectedLogs("console.log(a);   // 1 2\nconsole.log(b);\n// x\n  // y\nz();\n// not this")).toEqual(['1 2', 'x\ny']);
  });

  it('are two, use the typed main API, and type-check (strict)', () => {
    expect(blocks).toHaveLength(2);
    for (const name of ['loadBuiltinModel', 'builtinModelNames', 'computeCurrent', 'computeScaling', 'loadModelText', 'computePrecise']) {
      expect(blocks.some((b) => new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from 'heatbound'`).test(b)), name).toBe(true);
    }
    const r = typecheckExamples(dir, blocks.length);
    expect(r.error).toBeNull();
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  }, 240_000);

  it('a built-in model by name, one L, the family in L: prints what the README says', async () => {
    const expected = expectedLogs(blocks[0]);
    expect(expected).toHaveLength(3);
    expect(await run(0)).toEqual(expected);
  }, 120_000);

  it('a model from its text in both engines, and an input error: prints what the README says', async () => {
    const expected = expectedLogs(blocks[1]);
    expect(expected).toHaveLength(3);
    expect(await run(1)).toEqual(expected);
  }, 120_000);
});
