/**
 * README.md's sections on the public API, shared by the architecture test (every export of the
 * properties kit documented there) and the tests that run their examples: the properties section
 * (`heatbound/properties`, test/properties/readme.test.ts) and the library section (`heatbound`,
 * test/readme-library.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.js';

/** The heading of README.md's section on `properties/`. */
export const propertiesHeading = '### Property-based testing of your own code: `properties/`';

/** The heading of README.md's section on the library API (`heatbound`). */
export const libraryHeading = '## Library API: `heatbound`';

/**
 * The text of a section of README.md, from its heading (a whole line, `#`s included) up to the next
 * heading of its level or above.
 */
export function readmeSection(heading: string, readme: string = readFileSync(join(root, 'README.md'), 'utf8')): string {
  const at = readme.startsWith(`${heading}\n`) ? -1 : readme.indexOf(`\n${heading}\n`);
  if (at < 0 && !readme.startsWith(`${heading}\n`)) throw new Error(`README.md has no section '${heading}'`);
  const start = at + 1;
  const level = /^#+/.exec(heading)![0].length;
  // Headings only outside code blocks (a `# comment` line in a ```sh block is not one).
  const lines = readme.slice(start).split('\n');
  let fenced = false, end = lines.length;
  for (let i = 1; i < lines.length; i++) {
    if (/^```/.test(lines[i])) fenced = !fenced;
    const m = !fenced && /^(#+) /.exec(lines[i]);
    if (m && m[1].length <= level) { end = i; break; }
  }
  return lines.slice(0, end).join('\n');
}

/** The text of README.md's properties section, from its heading up to the next heading of its level. */
export function propertiesSection(readme: string = readFileSync(join(root, 'README.md'), 'utf8')): string {
  return readmeSection(propertiesHeading, readme);
}

/** The text of README.md's library section, from its heading up to the next heading of its level. */
export function librarySection(readme: string = readFileSync(join(root, 'README.md'), 'utf8')): string {
  return readmeSection(libraryHeading, readme);
}

/** The ```ts code blocks of a markdown text, without their fences. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/**
 * tsc (strict, NodeNext) over the example files `example0.ts`, ... of `dir`, from that directory: no
 * tsconfig.json there, so these flags are the whole configuration. Returns what tsc said and its status.
 */
export function typecheckExamples(dir: string, count: number): { error: Error | null; output: string; status: number | null } {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  const r = spawnSync(tsc, [
    '--noEmit', '--strict', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
    '--skipLibCheck', '--esModuleInterop', '--resolveJsonModule', '--types', 'node',
    ...Array.from({ length: count }, (_, i) => join(dir, `example${i}.ts`)),
  ], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
  return { error: r.error ?? null, output: `${r.stdout}${r.stderr}`, status: r.status };
}
