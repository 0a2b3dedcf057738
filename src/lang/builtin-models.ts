/**
 * The built-in models: the model files in `models/` at the package root, found from this file
 * whether it runs from `src/` (tests), `dist/src/` (the built CLI) or an installed package
 * (`node_modules/heatbound/dist/src/`). The CLI resolves a model argument with these, and the
 * library loads a built-in by name with {@link loadBuiltinModel}.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { didYouMean } from './diagnostics.js';
import { InputError } from './errors.js';
import { loadModelFile } from './load-model.js';
import type { ModelSpec } from './model.js';

/** The extensions a built-in model file may have, in the order they are looked for. */
const extensions = ['.yaml', '.yml', '.json'] as const;

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'models'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('heatbound: cannot find the package root (models/ next to package.json)');
    dir = up;
  }
}

/** The directory of the built-in models (`models/` at the package root). */
export function modelsDir(): string {
  return join(packageRoot(), 'models');
}

/** Names of the built-in models (their file names without extension), sorted. */
export function builtinModelNames(): string[] {
  return readdirSync(modelsDir()).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => f.replace(/\.(ya?ml|json)$/, '')).sort();
}

/**
 * The file of the built-in model `name` (`models/NAME.yaml`, `.yml` or `.json`), or null when there
 * is none. A name is letters, digits, `_` and `-` only, so it never reaches outside `models/`.
 */
export function builtinModelPath(name: string): string | null {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(name)) return null;
  for (const ext of extensions) {
    const p = join(modelsDir(), name + ext);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * The built-in model `name` (one of {@link builtinModelNames}), loaded and checked as
 * {@link loadModelFile} loads a file; its `file` is the path of the model file in the package.
 *
 * @example
 * const spec = loadBuiltinModel('superradiance');
 * @throws InputError `file-not-found` naming the built-in models, for a name that is not one of them
 */
export function loadBuiltinModel(name: string): ModelSpec {
  const path = builtinModelPath(name);
  if (path === null) {
    const shown = typeof name === 'string' ? name : String(name);
    throw new InputError({
      code: 'file-not-found', file: shown, key: '', line: 0, column: 0, token: shown,
      message: `no built-in model '${shown}'${didYouMean(shown, builtinModelNames())}; expected one of: ${builtinModelNames().join(', ')}`,
    });
  }
  return loadModelFile(path);
}
