/**
 * `npm run build`, after tsc: the CLI bundled into dist/src/cli/main.js (the `bin`) and its lazily
 * loaded commands into dist/src/cli/chunks/, from tsc's dist/src/cli/program.js. Node loads ~240
 * small ES modules and yaml's ~70 CommonJS files one by one in ~0.2 s, a few files in a fraction of
 * that: issue 14's `current independent --L 100000` in under a second as a whole process.
 *
 * What is bundled: this package's modules and the pure JavaScript packages the start-up of every
 * command needs (yaml, commander, cli-progress and what they require). Every other package stays
 * an import from node_modules (pdfkit, vega and resvg read their own files, z3-solver its wasm;
 * nothing downloads at run time). The bundle runs the very modules of dist/ (one copy of each in
 * the process), so it computes what they compute; modules that find files from their own place
 * (built-in models, proofs/coq, the campaign worker) look from the package root.
 *
 * Without this step (tsc alone) dist/src/cli/main.js imports program.js: the same program,
 * unbundled. `node scripts/bundle-cli.mjs ROOT` bundles the dist/ of another package root.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

// The package root whose dist/ is bundled: this checkout, or the one given (test/package.test.ts's stage).
const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'src', 'cli');
const bundled = /^(yaml|commander|cli-progress|string-width|strip-ansi|ansi-regex|is-fullwidth-code-point|emoji-regex)(\/|$)/;

const build = await rolldown({
  input: join(cli, 'program.js'),
  platform: 'node',
  // Bare imports of other packages stay imports (resolved from node_modules at run time).
  external: (id) => id.startsWith('node:') || (!id.startsWith('.') && !id.startsWith('/') && !bundled.test(id)),
  logLevel: 'warn',
});
rmSync(join(cli, 'chunks'), { recursive: true, force: true });
const { output } = await build.write({
  dir: cli, format: 'esm', entryFileNames: 'main.js', chunkFileNames: 'chunks/[name]-[hash].js',
  banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
});
await build.close();

// Functions whose source text is sent to worker threads (a line `const f = ${f.toString()};` of a
// worker's source, numeric/linalg's helper threads) must keep their names: the worker declares
// them by those names and they call each other by them.
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  for (const [, name] of chunk.code.matchAll(/^const \w+ = \(?\$\{(\w+)\.toString\(\)\}/gm)) {
    if (!new RegExp(`function ${name}\\(`).test(chunk.code)) {
      throw new Error(`bundle-cli: ${name}, sent to worker threads as source, was renamed in ${chunk.fileName}`);
    }
  }
}
