/**
 * Model arguments of the command line: a file, else a built-in model. Where the built-ins live and
 * how a name finds its file is `src/lang` (builtin-models.ts), shared with the library's
 * `loadBuiltinModel`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { builtinModelNames, builtinModelPath, modelsDir as builtinModelsDir } from '../lang/index.js';

/** The version in package.json at the package root (next to `models/`). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(dirname(builtinModelsDir()), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The directory of the built-in models. */
export function modelsDir(): string {
  return builtinModelsDir();
}

/** Names of the built-in models. */
export function builtinModels(): string[] {
  return builtinModelNames();
}

/**
 * A model argument as a file path: an existing file (relative to cwd), else a built-in name.
 * Returns the path and the name to show in errors, or null when it is neither.
 */
export function resolveModel(arg: string, cwd: string): { path: string; shown: string } | null {
  const asFile = resolve(cwd, arg);
  if (existsSync(asFile)) return { path: asFile, shown: arg };
  const p = builtinModelPath(arg);
  return p === null ? null : { path: p, shown: `models/${basename(p)}` };
}
