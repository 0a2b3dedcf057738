/**
 * The layering of ARCHITECTURE.md: imports go one way (lang, numeric -> symbolic -> engine -> cli),
 * folders are entered through their index.ts only (at any depth), and there are no import cycles
 * between source files (type-only imports and re-exports included).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';
import { propertiesSection, tsBlocks } from './readme.js';

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

/**
 * The relative module specifiers a file imports statically: `import ... from`, `import type ...
 * from`, `export ... from`, `export * from` and bare `import '...'`, over several lines too.
 * Dynamic `import()` (lazy loading in the CLI) is not a module-level edge.
 */
export function importSpecifiers(text: string): string[] {
  return [...text.matchAll(/^[ \t]*(?:import|export)\b(?:[^'";]*?\bfrom\s*|\s*)['"](\.[^'"]+)['"]/gm)].map((m) => m[1]);
}

/**
 * The import cycles of a directed graph: its strongly connected components with more than one
 * node, or one node importing itself (Tarjan), each as one closed path a -> ... -> a.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); c.push(w); } while (w !== v);
      if (c.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(c);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  // One shortest closed path through each component (breadth-first inside it), for the message.
  return components.map((c) => {
    const inC = new Set(c), start = [...c].sort()[0];
    const prev = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!inC.has(w)) continue;
        if (w === start) {
          const path = [start];
          for (let u = v; u !== start; u = prev.get(u)!) path.splice(1, 0, u);
          return [...path, start];
        }
        if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
      }
    }
    return [...c, c[0]];
  });
}

const src = join(root, 'src');
const sourceFiles = ['src', 'properties', 'proofs'].flatMap((d) => { try { return files(join(root, d)); } catch { return []; } });
const edges = sourceFiles.flatMap((file) =>
  importSpecifiers(readFileSync(file, 'utf8')).map((spec) => ({ file, target: resolve(dirname(file), spec) })));
const layerOf = (p: string): string => {
  const r = relative(src, p).split(/[\\/]/);
  return r[0] === '..' && (r[1] === 'properties' || r[1] === 'proofs') ? r[1] : r[0];
};
/** The folder a layer lives in: src/<layer>, properties/ or proofs/ (src/ for src/index.ts). */
const layerRoot = (p: string): string => {
  const l = layerOf(p);
  return l === 'properties' || l === 'proofs' ? join(root, l) : l === 'index.ts' ? src : join(src, l);
};
const within = (dir: string, top: string): boolean => dir === top || dir.startsWith(top + sep);
const show = (e: { file: string; target: string }): string => `${relative(root, e.file)} -> ${relative(root, e.target)}`;

/**
 * The paths a markdown text names in its code spans, each with the line it is on and the folders a
 * bare name there is looked up in. A code span is a path when it has no spaces or placeholders
 * (`<layer>`) and is not `index.ts` alone, and either starts with a folder of the repository or a layer (`src/...`, `test/...`,
 * `numeric/...`, resolved under the root or `src/`) or is a file name (`ket.ts`, resolved at the
 * root or in the folders of the paths named before it on its table row or paragraph, and their parents).
 * `{a,b}` stands for each alternative, `*` for any characters within one path segment.
 */
export function namedPaths(markdown: string): { line: number; span: string; found: boolean }[] {
  const top = /^(?:src|test|properties|proofs|bench|models|docs|lang|numeric|symbolic|engine|cli)(?:\/|$)/;
  const fileName = /^[\w.*{},-]+\.(?:ts|js|py|json|sh|ya?ml|md|v)$/;
  const braces = (p: string): string[] => {
    const m = /\{([^{}]*)\}/.exec(p);
    return m ? m[1].split(',').flatMap((alt) => braces(p.slice(0, m.index) + alt + p.slice(m.index + m[0].length))) : [p];
  };
  /** The existing paths under `base` matching `pattern` (segments with `*` matched against the folder's entries). */
  const matching = (base: string, pattern: string): string[] => pattern.split('/').filter((s) => s).reduce<string[]>((at, seg) => at.flatMap((dir) => {
    if (!seg.includes('*')) return existsSync(join(dir, seg)) ? [join(dir, seg)] : [];
    const re = new RegExp(`^${seg.split('*').map((x) => x.replace(/[.+?^$()[\]\\|]/g, '\\$&')).join('[^/]*')}$`);
    try { return readdirSync(dir).filter((f) => re.test(f)).map((f) => join(dir, f)); } catch { return []; }
  }), [base]);
  const out: { line: number; span: string; found: boolean }[] = [];
  let bases: string[] = [];
  markdown.split('\n').forEach((text, i) => {
    // Bare names refer to the paths named before them on the same table row, or in the same paragraph.
    if (text.startsWith('|') || text.trim() === '') bases = [];
    for (const [, span] of text.matchAll(/`([^`\n]+)`/g)) {
      // `index.ts` alone is every folder's entry point, not one file.
      if (/[\s<>]/.test(span) || span === 'index.ts' || !(top.test(span) || (!span.includes('/') && fileName.test(span)))) continue;
      const where = top.test(span) ? [root, src] : [root, ...bases];
      const hits = braces(span).map((p) => where.flatMap((b) => matching(b, p)));
      out.push({ line: i + 1, span, found: hits.every((h) => h.length > 0) });
      for (const h of hits.flat()) {
        for (let d = statSync(h).isDirectory() ? h : dirname(h); within(d, root) && d !== root; d = dirname(d)) if (!bases.includes(d)) bases.push(d);
      }
    }
  });
  return out;
}

describe('architecture', () => {
  it('has the layers it declares', () => {
    for (const l of Object.keys(rank)) if (l !== 'symbolic') expect(statSync(join(src, l)).isDirectory()).toBe(true);
  });
  it('finds every import form', () => {
    expect(importSpecifiers([
      "import { a } from './a.js';", "import type { B } from '../b.js';", "export { c } from './c.js';",
      "export * from './d/index.js';", "export type { E } from './e.js';", "import './f.js';",
      "import {\n  g,\n  type H,\n} from './g.js';", "const s = './not-an-import.js';", "export const t = './nor-this.js';",
      "  const { p } = await import('./lazy.js');", "import fc from 'fast-check';",
    ].join('\n'))).toEqual(['./a.js', '../b.js', './c.js', './d/index.js', './e.js', './f.js', './g.js']);
  });
  it('finds import cycles (self-test on a synthetic graph)', () => {
    const g = new Map<string, string[]>([
      ['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []], // a -> b -> c -> a
      ['e', ['f']], ['f', ['e']], // e <-> f
      ['g', ['g']], // g imports itself
      ['h', ['a', 'd']], ['i', ['h']], // acyclic, pointing into a cycle
    ]);
    const found = importCycles(g);
    expect(found).toHaveLength(3);
    expect(found).toContainEqual(['a', 'b', 'c', 'a']);
    expect(found).toContainEqual(['e', 'f', 'e']);
    expect(found).toContainEqual(['g', 'g']);
    expect(importCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });
  it('imports go one way', () => {
    // From src/ (properties/ and proofs/ are checked below).
    const bad = edges.filter((e) => e.file.startsWith(src + sep) && !(allowed[layerOf(e.file)] ?? []).includes(layerOf(e.target)));
    expect(bad.map(show)).toEqual([]);
  });
  it('other layers are entered through their index.ts', () => {
    const bad = edges.filter((e) => {
      const from = layerOf(e.file), to = layerOf(e.target);
      if (from === to) return false;
      const base = to === 'properties' || to === 'proofs' ? join(root, to) : join(src, to);
      return !/[\\/]index\.js$/.test(e.target) || relative(base, e.target).split(/[\\/]/).length !== 1;
    });
    expect(bad.map(show)).toEqual([]);
  });
  it('other folders are entered through their index.ts, at any depth', () => {
    // A file imports files of its own folder, and of the folders above it in its layer (a sub-folder
    // is part of its parent, whose index.ts re-exports it), directly; any other folder (a sibling, a
    // child, a cousin) only through that folder's index.ts.
    const bad = edges.filter((e) => {
      const from = dirname(e.file), to = dirname(e.target);
      if (within(from, to) && within(to, layerRoot(e.file))) return false;
      return !/[\\/]index\.js$/.test(e.target);
    });
    expect(bad.map(show)).toEqual([]);
  });
  it('has no import cycles between source files (type-only imports and re-exports included)', () => {
    const graph = new Map<string, string[]>(sourceFiles.map((f) => [f, []]));
    for (const e of edges) graph.get(e.file)!.push(e.target.replace(/\.js$/, '.ts'));
    const unresolved = edges.filter((e) => !graph.has(e.target.replace(/\.js$/, '.ts')));
    expect(unresolved.map(show)).toEqual([]);
    expect(importCycles(graph).map((c) => c.map((f) => relative(root, f)).join(' -> '))).toEqual([]);
  });
  it('every index.ts lists its exports by name (no `export * from`)', () => {
    const bad = sourceFiles.filter((f) => /[\\/]index\.ts$/.test(f) && /^[ \t]*export\s+\*\s+from\b/m.test(readFileSync(f, 'utf8')));
    expect(bad.map((f) => relative(root, f))).toEqual([]);
  });
  it('decimal.js is imported by one module (numeric/precise/context.ts: its constructors, Decimal.clone)', () => {
    const all = sourceFiles;
    const importers = all.filter((f) => /^[ \t]*(?:import|export)\b[^'";]*?['"]decimal\.js['"]/m.test(readFileSync(f, 'utf8')));
    expect(importers.map((f) => relative(root, f))).toEqual([join('src', 'numeric', 'precise', 'context.ts')]);
    const clones = all.filter((f) => /\bDecimal\.clone\s*\(/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    expect(clones.map((f) => relative(root, f))).toEqual([join('src', 'numeric', 'precise', 'context.ts')]);
  });
  it('an internal index.ts exports only values used outside its folder (types of their signatures may stay)', () => {
    // src/index.ts and properties/index.ts are the package's public API; properties/index.ts is held
    // to its own rule below (public = documented in README.md).
    const everywhere = [...sourceFiles, ...['test', 'bench'].flatMap((d) => files(join(root, d)))];
    const texts = new Map(everywhere.map((f) => [f, readFileSync(f, 'utf8')]));
    const bad: string[] = [];
    for (const f of sourceFiles) {
      if (!/[\\/]index\.ts$/.test(f) || f === join(src, 'index.ts') || f === join(root, 'properties', 'index.ts')) continue;
      const folder = dirname(f) + sep;
      const values = [...texts.get(f)!.matchAll(/export\s*\{([^}]*)\}\s*from/g)].flatMap((m) => m[1].split(','))
        .map((p) => p.trim()).filter((p) => p && !p.startsWith('type ')).map((p) => p.split(/\s+as\s+/).pop()!.trim());
      for (const name of values) {
        const word = new RegExp(`\\b${name}\\b`);
        if (!everywhere.some((g) => !g.startsWith(folder) && word.test(texts.get(g)!))) bad.push(`${relative(root, f)}: ${name}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('the public kit properties/index.ts exports exactly what README.md documents in its properties section', () => {
    const kit = readFileSync(join(root, 'properties', 'index.ts'), 'utf8');
    const exported = [...kit.matchAll(/export\s*\{([^}]*)\}\s*from/g)].flatMap((m) => m[1].split(','))
      .map((p) => p.trim().replace(/^type\s+/, '')).filter((p) => p).map((p) => p.split(/\s+as\s+/).pop()!.trim());
    expect(exported.length).toBeGreaterThan(20);
    expect(/^[ \t]*export\b(?![^;]*\bfrom\b)/m.test(kit), 'properties/index.ts only re-exports').toBe(false);
    const section = propertiesSection();
    // Each export is named in a code span: `name`, or `name(...)` for a call.
    expect(exported.filter((n) => !new RegExp(`\`${n}[\`(]`).test(section))).toEqual([]);
    // Each function the section documents as a call, and each name its examples import from the kit, is exported.
    const called = [...section.matchAll(/`([A-Za-z_$][\w$]*)\(/g)].map((m) => m[1]);
    const imported = tsBlocks(section).flatMap((code) => [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'heatbound\/properties'/g)])
      .flatMap((m) => m[1].split(',')).map((p) => p.trim().replace(/^type\s+/, '')).filter((p) => p);
    expect(imported.length).toBeGreaterThan(0);
    expect([...new Set([...called, ...imported])].filter((n) => !exported.includes(n))).toEqual([]);
  });
  it('ARCHITECTURE.md names only files and folders that exist', () => {
    const named = namedPaths(readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8'));
    expect(named.length).toBeGreaterThan(100);
    // The rule itself, on a made-up row: a missing path, a folder, bare names in it, a glob and braces; not paths: a package name, a span with spaces.
    expect(namedPaths('| x | `src/nope.ts`, `src/lang` (`ast.ts`, `nope.ts`), `models/*.yaml`, `src/numeric/{field,nope}.ts`, `heatbound/properties`, `a b.ts` |')
      .map((n) => [n.span, n.found])).toEqual([['src/nope.ts', false], ['src/lang', true], ['ast.ts', true], ['nope.ts', false], ['models/*.yaml', true], ['src/numeric/{field,nope}.ts', false]]);
    expect(named.filter((n) => !n.found).map((n) => `ARCHITECTURE.md:${n.line}: ${n.span}`)).toEqual([]);
  });
  it('properties/ and proofs/ use public APIs only', () => {
    for (const dir of ['properties', 'proofs']) {
      let list: string[] = [];
      try { list = files(join(root, dir)); } catch { continue; }
      for (const f of list) {
        for (const spec of importSpecifiers(readFileSync(f, 'utf8'))) {
          const t = resolve(dirname(f), spec);
          if (t.startsWith(src)) expect(/[\\/]src[\\/][a-z]+[\\/]index\.js$/.test(t), `${relative(root, f)} -> ${spec}`).toBe(true);
          // proofs/ builds on the public property-testing kit, through its index only
          else if (dir === 'proofs' && t.startsWith(join(root, 'properties'))) expect(t, `${relative(root, f)} -> ${spec}`).toBe(join(root, 'properties', 'index.js'));
        }
      }
    }
  });
});
