/**
 * Loading a model file (model-language.md): YAML or JSON text to a checked {@link ModelSpec}.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { checkOperator, checkState } from './check.js';
import { errorAt } from './diagnostics.js';
import { InputError, type InputErrorData } from './errors.js';
import type { LocatedExpr, ModelSpec } from './model.js';
import { readChannels } from './load-channels.js';
import { entryOf, fail, readExpr, recordCheck, rejectUnknownKeys, wrongType, type LoadContext } from './load-context.js';
import { readParams } from './load-params.js';
import { readSiteCounts, readSitesShape } from './load-sites.js';
import { readJsonSource } from './json-source.js';
import { readYamlSource } from './yaml-source.js';
import { describeNode, type SourceMapping, type SourceNode } from './source-tree.js';

/** The top-level keys of a model file. */
export const MODEL_KEYS: readonly string[] = ['sites', 'name', 'description', 'params', 'H', 'channels', 'state'];

/** The formats a model file may be written in. */
export type ModelFormat = 'yaml' | 'json';

/**
 * Loads a model from text. The format is `format`, else JSON for a `.json` file name, else YAML.
 * Every error in the file is collected before throwing.
 *
 * @param file the path as given (used in messages and for the default `name`).
 * @throws {InputError} with every error found, each naming the file, key path, line:column and
 * what was expected. No other exception escapes, whatever the text.
 * @example
 * const spec = loadModelText('H: "Jz"\nchannels:\n  - A: Jx\n    bath: { spectrum: flat, rate: 1 }\n', 'm.yaml')
 */
export function loadModelText(text: string, file = '<input>', format?: ModelFormat): ModelSpec {
  const fileName = typeof file === 'string' ? file : '<input>';
  if (typeof text !== 'string') {
    throw new InputError(errorAt('wrong-type', { file: fileName, key: '' }, { line: 0, column: 0 }, '', 'expected the text of a model file'));
  }
  try {
    // Old Mac line ends (CR alone) are line ends too; CR LF stays as YAML reads it.
    const body = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r(?!\n)/g, '\n');
    const kind = format ?? (fileName.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
    const root = kind === 'json' ? readJsonSource(body, fileName) : readYamlSource(body, fileName);
    return readModel(root, fileName);
  } catch (err) {
    if (err instanceof InputError) throw err;
    // A stack overflow or an allocation failure on pathological input is still an input error.
    if (err instanceof RangeError) {
      throw new InputError(errorAt('too-deep', { file: fileName, key: '' }, { line: 1, column: 1 }, '',
        `expected a model file of ordinary size and nesting (${err.message})`));
    }
    throw err;
  }
}

/** The largest model file read: model files are a few hundred bytes; anything this big is a mistake. */
export const maxModelFileBytes = 4 * 1024 * 1024;

/**
 * Reads and loads a model file.
 *
 * @throws {InputError} `file-not-found`, `file-unreadable` (a directory, not a regular file, larger
 * than {@link maxModelFileBytes}, no permission, not UTF-8),
 * or any error of {@link loadModelText}.
 * @example
 * const spec = loadModelFile('models/superradiance.yaml')
 */
export function loadModelFile(path: string): ModelSpec {
  const place = { file: typeof path === 'string' ? path : String(path), key: '' };
  const nowhere = { line: 0, column: 0 };
  if (typeof path !== 'string' || path === '') {
    throw new InputError(errorAt('bad-usage', place, nowhere, '', 'expected the path of a model file'));
  }
  let bytes: Buffer;
  try {
    // stat first: opening a named pipe would wait for a writer, and /dev/zero never ends.
    const st = statSync(path);
    if (!st.isFile() && !st.isDirectory()) {
      throw new InputError(errorAt('file-unreadable', place, nowhere, '', 'cannot read the file: it is not a regular file (a named pipe, device or socket); expected a model file'));
    }
    if (st.size > maxModelFileBytes) {
      throw new InputError(errorAt('file-unreadable', place, nowhere, '', `the file has ${st.size} bytes; expected a model file of at most ${maxModelFileBytes} bytes (4 MiB)`));
    }
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new InputError(errorAt('file-not-found', place, nowhere, '', 'no such file; expected the path of a .yaml, .yml or .json model file'));
    }
    const why = code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : `the system said ${code ?? 'no'}`;
    throw new InputError(errorAt('file-unreadable', place, nowhere, '', `cannot read the file: ${why}; expected a readable model file`));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(errorAt('file-unreadable', place, nowhere, '', 'the file is not UTF-8 text; expected a YAML or JSON model file'));
  }
  return loadModelText(text, path, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml');
}

function readModel(root: SourceNode | null, file: string): ModelSpec {
  const errors: InputErrorData[] = [];
  if (root === null || root.kind !== 'map') {
    const found = root === null ? 'an empty document' : describeNode(root);
    const pos = root?.pos ?? { line: 1, column: 1 };
    throw new InputError(errorAt('not-a-mapping', { file, key: '' }, pos, '',
      `expected a mapping with keys ${MODEL_KEYS.join(', ')} (H and channels required); found ${found}`));
  }
  // v2: the species come first, since they decide what a, adag and n mean in every expression and param.
  const sitesEntry = entryOf(root, 'sites');
  const shape = sitesEntry ? readSitesShape({ file, errors }, sitesEntry.value) : null;
  const shaped: LoadContext = { file, errors, modes: shape?.modes ?? false, v2: shape !== null };
  rejectUnknownKeys(shaped, root, '', MODEL_KEYS, 'a model file');
  const name = readText(shaped, root, 'name') ?? defaultName(file);
  const description = readText(shaped, root, 'description') ?? '';
  const { params, names } = readParams(shaped, entryOf(root, 'params')?.value);
  const sites = shape ? readSiteCounts(shaped, shape, names) : undefined;
  // When sites: had errors, the species are not known: expressions are checked without them.
  const known = shape?.failed ? null : sites;
  const ctx: LoadContext = { ...shaped, ...(known !== undefined ? { sites: known } : {}) };
  const scope = { file, params: names, modes: shaped.modes, ...(known !== undefined ? { sites: known } : {}) };

  const H = readRequired(ctx, root, 'H', 'the Hamiltonian, an operator expression such as H: "w0/2 * sum(k, Z[k])"');
  if (H) recordCheck(ctx, checkOperator(H, scope));

  const channelsEntry = entryOf(root, 'channels');
  const channels = channelsEntry
    ? readChannels(ctx, channelsEntry.value, names)
    : (missing(ctx, root, 'channels', 'a list of channels such as channels: [{ A: "sum(k, X[k])", bath: { spectrum: flat, rate: 1 } }]'), []);

  let state: LocatedExpr | null = null;
  const stateEntry = entryOf(root, 'state');
  if (stateEntry) {
    state = readExpr(ctx, stateEntry.value, 'state', 'a state such as "down", "dicke(floor(L/2))" or \'basis("uudd")\'');
    if (state) recordCheck(ctx, checkState(state, scope));
  }

  if (ctx.errors.length > 0 || !H) throw new InputError(sortByPosition(ctx.errors));
  return { file, name, description, params, H, channels, state, ...(sites ? { sites } : {}) };
}

function readText(ctx: LoadContext, root: SourceMapping, key: string): string | null {
  const entry = entryOf(root, key);
  if (!entry) return null;
  const node = entry.value;
  if (node.kind === 'scalar' && node.type === 'string') return node.value as string;
  return wrongType(ctx, key, node, 'a string');
}

function readRequired(ctx: LoadContext, root: SourceMapping, key: string, expected: string): LocatedExpr | null {
  const entry = entryOf(root, key);
  if (!entry) return missing(ctx, root, key, expected);
  return readExpr(ctx, entry.value, key, expected);
}

function missing(ctx: LoadContext, root: SourceMapping, key: string, expected: string): null {
  return fail(ctx, 'missing-key', key, root.pos, '', `missing key '${key}': expected ${expected}`);
}

function defaultName(file: string): string {
  return basename(file, extname(file));
}

function sortByPosition(errors: readonly InputErrorData[]): InputErrorData[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}
