/**
 * The documents the README, `demo` and `prove` cite are in the repository (docs/), and ship with the
 * package (package.json `files`): every relative link of README.md resolves, every `NAME.md` it
 * names is docs/NAME.md or a file at that path, the physics.md sections cited (README, the built-in
 * models' descriptions that `demo` prints, the proof scripts' `source` that `prove` prints) are
 * sections of docs/physics.md, and nothing points outside the repository (`../shared`).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { theorems } from '../proofs/index.js';
import { root } from './helpers.js';

const read = (f: string): string => readFileSync(join(root, f), 'utf8');
const readme = read('README.md');
const physics = read(join('docs', 'physics.md'));
/** The numbered sections of docs/physics.md (`## 4. ...`). */
const sections = new Set([...physics.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1])));
/** The models' descriptions (printed by `demo`), the proof scripts' sources (printed by `prove`), and the sources of both commands. */
const cited: [string, string][] = [
  ...readdirSync(join(root, 'models')).map((f): [string, string] => [`models/${f}`, read(join('models', f))]),
  ...theorems.map((t): [string, string] => [`proofs: ${t.id}.source`, t.source]),
  ...['demo.ts', 'prove.ts'].map((f): [string, string] => [`src/cli/commands/${f}`, read(join('src', 'cli', 'commands', f))]),
];

/** The sections of physics.md a text cites: `physics.md §2-3`, `§2, scaling`, `physics.md section 4`. */
function citedSections(text: string): number[] {
  return [...text.matchAll(/physics\.md(?:'s)?\s+(?:§|section\s+)(\d+)(?:\s*-\s*(\d+))?/g)]
    .flatMap((m) => (m[2] ? [Number(m[1]), Number(m[2])] : [Number(m[1])]));
}

describe('the cited documents are in the repository', () => {
  it('docs/ holds physics.md and model-language.md, and the package ships docs/', () => {
    expect(existsSync(join(root, 'docs', 'physics.md'))).toBe(true);
    expect(existsSync(join(root, 'docs', 'model-language.md'))).toBe(true);
    expect((JSON.parse(read('package.json')) as { files: string[] }).files).toContain('docs');
    expect(sections).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it("README.md's relative links resolve, and each NAME.md it names is in docs/ or at that path", () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l) && !l.startsWith('#'));
    expect(links).toContain('docs/physics.md');
    expect(links).toContain('docs/model-language.md');
    expect(links.filter((l) => !existsSync(join(root, l.replace(/#.*$/, ''))))).toEqual([]);
    const named = [...new Set([...readme.matchAll(/(?<![\w./-])([\w./-]+\.md)\b/g)].map((m) => m[1]))];
    expect(named.filter((n) => !existsSync(join(root, n)) && !existsSync(join(root, 'docs', n)))).toEqual([]);
  });

  it('the physics.md sections cited by README.md, demo and prove exist', () => {
    expect(citedSections(readme).length).toBeGreaterThan(0);
    expect(citedSections(readme).filter((n) => !sections.has(n))).toEqual([]);
    for (const [where, text] of cited) expect(citedSections(text).filter((n) => !sections.has(n)), where).toEqual([]);
    expect(theorems.every((t) => citedSections(t.source).length > 0)).toBe(true);
  });

  it('nothing points outside the repository', () => {
    for (const [where, text] of [['README.md', readme] as [string, string], ...cited]) expect(text, where).not.toMatch(/\.\.\/shared|\.\.\/docs/);
  });
});
