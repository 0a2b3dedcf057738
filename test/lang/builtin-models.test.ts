/**
 * Built-in models by name from the library (`loadBuiltinModel`, `builtinModelNames` of `heatbound`),
 * and the CLI resolving a model argument with the same lookup (src/cli/paths.ts).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinModelNames, InputError, loadBuiltinModel, loadModelFile } from '../../src/index.js';
import { builtinModelPath, modelsDir } from '../../src/lang/index.js';
import { builtinModels, resolveModel } from '../../src/cli/paths.js';
import { root } from '../helpers.js';

describe('built-in models by name', () => {
  it('are the model files of models/, sorted, the same list the CLI offers', () => {
    expect(modelsDir()).toBe(join(root, 'models'));
    const files = readdirSync(join(root, 'models')).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => f.replace(/\.[^.]+$/, '')).sort();
    expect(builtinModelNames()).toEqual(files);
    expect(builtinModelNames()).toEqual(['allflip', 'independent', 'spin1-chain', 'superradiance', 'tavis-cummings']);
    expect(builtinModels()).toEqual(builtinModelNames());
  });

  it('load as their files load', () => {
    for (const name of builtinModelNames()) {
      const path = join(root, 'models', `${name}.yaml`);
      expect(builtinModelPath(name)).toBe(path);
      expect(loadBuiltinModel(name)).toEqual(loadModelFile(path));
    }
    expect(loadBuiltinModel('superradiance').name).toBe('superradiance');
  });

  it('an unknown name is an input error naming the built-ins; a name never reaches outside models/', () => {
    for (const name of ['superradience', '../package', 'models/allflip', 'allflip.yaml', '', ' allflip']) {
      expect(builtinModelPath(name), name).toBeNull();
      let err: unknown;
      try { loadBuiltinModel(name); } catch (e) { err = e; }
      expect(err, name).toBeInstanceOf(InputError);
      const e = (err as InputError).errors[0];
      expect(e.code).toBe('file-not-found');
      const suggestion = e.message.match(/ \(did you mean '(\w+)'\?\)/)?.[0] ?? '';
      expect(e.message).toBe(`no built-in model '${name}'${suggestion}; expected one of: allflip, independent, spin1-chain, superradiance, tavis-cummings`);
      if (name === 'superradience') expect(suggestion).toBe(" (did you mean 'superradiance'?)");
    }
    expect(() => loadBuiltinModel(42 as unknown as string)).toThrow(InputError);
  });

  it('the CLI: a file of that name in the directory wins, else the built-in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatbound-builtin-'));
    try {
      expect(resolveModel('allflip', dir)).toEqual({ path: join(root, 'models', 'allflip.yaml'), shown: 'models/allflip.yaml' });
      writeFileSync(join(dir, 'allflip'), 'H: "Z[0]"\n');
      expect(resolveModel('allflip', dir)).toEqual({ path: join(dir, 'allflip'), shown: 'allflip' });
      expect(resolveModel('nope', dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
