/**
 * The layering of ARCHITECTURE.md: imports go one way (lang, numeric -> symbolic -> engine -> cli),
 * folders are entered through their index.ts only, and there are no import cycles between folders.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const rank: Record<string, number> = { lang: 0, numeric: 0, symbolic: 1, engine: 2, cli: 3 };
// properties/ (the public property-testing kit) sits between the engine and the CLI (`verify`, `check`).
const allowed: Record<string, string[]> = {
  lang: ['lang'], numeric: ['numeric'], symbolic: ['symbolic', 'lang', 'numeric'],
  engine: ['engine', 'symbolic', 'lang', 'numeric'], cli: ['cli', 'engine', 'symbolic', 'lang', 'numeric', 'properties', 'proofs'],
  // src/index.ts: the library's entry point.
  'index.ts': ['lang', 'engine'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const src = join(root, 'src');
const edges = files(src).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from\s+'(\.[^']+)'/g)].map((m) => ({ file, target: resolve(dirname(file), m[1]) }));
});
const layerOf = (p: string): string => {
  const r = relative(src, p).split(/[\\/]/);
  return r[0] === '..' && (r[1] === 'properties' || r[1] === 'proofs') ? r[1] : r[0];
};

describe('architecture', () => {
  it('has the layers it declares', () => {
    for (const l of Object.keys(rank)) if (l !== 'symbolic') expect(statSync(join(src, l)).isDirectory()).toBe(true);
  });
  it('imports go one way', () => {
    const bad = edges.filter((e) => !(allowed[layerOf(e.file)] ?? []).includes(layerOf(e.target)));
    expect(bad.map((e) => `${relative(root, e.file)} -> ${relative(root, e.target)}`)).toEqual([]);
  });
  it('other folders are entered through index.ts', () => {
    const bad = edges.filter((e) => {
      const from = layerOf(e.file), to = layerOf(e.target);
      if (from === to) return false;
      const base = to === 'properties' || to === 'proofs' ? join(root, to) : join(src, to);
      return !/[\\/]index\.js$/.test(e.target) || relative(base, e.target).split(/[\\/]/).length !== 1;
    });
    expect(bad.map((e) => `${relative(root, e.file)} -> ${relative(root, e.target)}`)).toEqual([]);
  });
  it('properties/ and proofs/ use public APIs only', () => {
    for (const dir of ['properties', 'proofs']) {
      let list: string[] = [];
      try { list = files(join(root, dir)); } catch { continue; }
      for (const f of list) {
        for (const m of readFileSync(f, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)) {
          const t = resolve(dirname(f), m[1]);
          if (t.startsWith(src)) expect(/[\\/]src[\\/][a-z]+[\\/]index\.js$/.test(t), `${relative(root, f)} -> ${m[1]}`).toBe(true);
          // proofs/ builds on the public property-testing kit, through its index only
          else if (dir === 'proofs' && t.startsWith(join(root, 'properties'))) expect(t, `${relative(root, f)} -> ${m[1]}`).toBe(join(root, 'properties', 'index.js'));
        }
      }
    }
  });
});
