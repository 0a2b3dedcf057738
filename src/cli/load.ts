/**
 * Loading a model named on the command line (a file or a built-in), with --param overrides.
 */
import { isAbsolute, relative } from 'node:path';
import { InputError, applyParamOverrides, loadModelFile, type ModelSpec } from '../lang/index.js';
import type { CliIO } from './io.js';
import { builtinModels, resolveModel } from './paths.js';

/**
 * @throws InputError (file-not-found naming the built-ins) for an unknown model
 */
export function loadModelArg(arg: string, params: readonly string[], io: CliIO): ModelSpec {
  const found = resolveModel(arg, io.cwd);
  if (!found) {
    throw new InputError({
      code: 'file-not-found', file: arg, key: '', line: 0, column: 0, token: arg,
      message: `no model file '${arg}' and no built-in model of that name; expected a path to a .yaml/.json model file or one of: ${builtinModels().join(', ')}`,
    });
  }
  // Messages name the file as the user gave it (relative to the process's directory when possible).
  const rel = relative(process.cwd(), found.path);
  const spec = loadModelFile(found.shown === arg && !isAbsolute(arg) && !rel.startsWith('..') ? rel : found.path);
  return params.length ? applyParamOverrides(spec, params) : spec;
}
