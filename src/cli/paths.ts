/**
 * Where the built-in models live: `models/` at the package root, found from this file whether it
 * runs from `src/` (tests) or `dist/src/` (the installed CLI).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'models'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('heatbound: cannot find the package root (models/ next to package.json)');
    dir = up;
  }
}

/** The directory of the built-in models. */
export function modelsDir(): string {
  return join(packageRoot(), 'models');
}

/** Names of the built-in models. */
export function builtinModels(): string[] {
  return readdirSync(modelsDir()).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => f.replace(/\.(ya?ml|json)$/, '')).sort();
}

/**
 * A model argument as a file path: an existing file (relative to cwd), else a built-in name.
 * Returns the path and the name to show in errors, or null when it is neither.
 */
export function resolveModel(arg: string, cwd: string): { path: string; shown: string } | null {
  const asFile = resolve(cwd, arg);
  if (existsSync(asFile)) return { path: asFile, shown: arg };
  for (const ext of ['.yaml', '.yml', '.json']) {
    const p = join(modelsDir(), arg + ext);
    if (/^[A-Za-z0-9_-]+$/.test(arg) && existsSync(p)) return { path: p, shown: `models/${arg}${ext}` };
  }
  return null;
}
