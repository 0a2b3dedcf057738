/**
 * Loading a model named on the command line (a file or a built-in), with --param overrides.
 */
import { isAbsolute, relative } from 'node:path';
import { InputError, applyParamOverrides, didYouMean, loadModelFile, loadModelText, type ModelSpec } from '../lang/index.js';
import type { CliIO } from './io.js';
import { builtinModels, resolveModel } from './paths.js';

/** The largest model read from standard input, as for model files (4 MiB). */
const maxStdinBytes = 4 * 1024 * 1024;

/**
 * A model argument: a file, a built-in model name, or `-` for a YAML or JSON model on standard
 * input (shown as `<stdin>` in messages).
 *
 * @throws InputError (file-not-found naming the built-ins, with a suggestion) for an unknown model
 */
export function loadModelArg(arg: string, params: readonly string[], io: CliIO): ModelSpec {
  if (arg === '-') return withParams(modelFromStdin(io), params);
  const found = resolveModel(arg, io.cwd);
  if (!found) {
    throw new InputError({
      code: 'file-not-found', file: arg, key: '', line: 0, column: 0, token: arg,
      message: `no model file '${arg}' and no built-in model of that name${didYouMean(arg, builtinModels())}; expected a path to a .yaml/.json model file, - for standard input, or one of: ${builtinModels().join(', ')}`,
    });
  }
  // Messages name the file as the user gave it (relative to the process's directory when possible).
  const rel = relative(process.cwd(), found.path);
  const spec = loadModelFile(found.shown === arg && !isAbsolute(arg) && !rel.startsWith('..') ? rel : found.path);
  return withParams(spec, params);
}

function withParams(spec: ModelSpec, params: readonly string[]): ModelSpec {
  return params.length ? applyParamOverrides(spec, params) : spec;
}

function modelFromStdin(io: CliIO): ModelSpec {
  const place = { code: 'file-unreadable' as const, file: '<stdin>', key: '', line: 0, column: 0, token: '-' };
  const bytes = io.stdin?.(maxStdinBytes) ?? null;
  if (bytes === null) throw new InputError({ ...place, message: "standard input is a terminal; expected a model piped in, as in 'heatbound current - --L 4 < model.yaml'" });
  if (bytes.length > maxStdinBytes) throw new InputError({ ...place, message: `standard input has more than ${maxStdinBytes} bytes; expected a model file of at most ${maxStdinBytes} bytes (4 MiB)` });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError({ ...place, message: 'standard input is not UTF-8 text; expected a YAML or JSON model' });
  }
  stdinTexts.set(io, text);
  return loadModelText(text, '<stdin>', text.trimStart().startsWith('{') ? 'json' : 'yaml');
}

/** The model text each run read from standard input (by its io), for the source lines of its errors. */
const stdinTexts = new WeakMap<CliIO, string>();

/** The model text read from standard input through `io`, or null if none was. */
export function stdinSource(io: CliIO): string | null {
  return stdinTexts.get(io) ?? null;
}
