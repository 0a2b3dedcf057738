/**
 * Shared test helpers: loading built-in and fixture models, relative comparison.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { applyParamOverrides, loadModelFile, type ModelSpec } from '../src/lang/index.js';

export const root = join(fileURLToPath(import.meta.url), '..', '..');

/** A built-in model with param overrides. */
export function builtin(name: string, params: string[] = []): ModelSpec {
  const spec = loadModelFile(join(root, 'models', `${name}.yaml`));
  return params.length ? applyParamOverrides(spec, params) : spec;
}

/** A fixture model from test/fixtures/models. */
export function fixture(file: string): ModelSpec {
  return loadModelFile(join(root, 'test', 'fixtures', 'models', file));
}

/** |actual - expected| <= rel * max(|expected|, floor). */
export function expectClose(actual: number, expected: number, rel: number, what: string, floor = 1): void {
  const tol = rel * Math.max(Math.abs(expected), floor);
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`${what}: got ${actual}, expected ${expected} (|diff| ${Math.abs(actual - expected)} > ${tol})`);
  }
}
