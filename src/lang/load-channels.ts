/** The `channels` list: each channel's coupling operator A, its bath, an optional `each` index and an optional name. */
import { checkOperator } from './check.js';
import { shadowReason } from './check-context.js';
import type { ChannelSpec, LocatedExpr } from './model.js';
import type { Scope } from './scope.js';
import { IDENTIFIER } from './names.js';
import { readBath } from './load-bath.js';
import {
  entryOf, fail, keyPath, readExpr, recordCheck, rejectUnknownKeys, tokenOf, wrongType, type LoadContext,
} from './load-context.js';
import type { SourceMapping, SourceNode } from './source-tree.js';

const CHANNEL_KEYS: readonly string[] = ['A', 'bath', 'each', 'name'];

/** Reads and checks `channels`; channels with errors are left out (their errors are recorded). */
export function readChannels(ctx: LoadContext, node: SourceNode, params: readonly string[]): ChannelSpec[] {
  if (node.kind !== 'list') {
    wrongType(ctx, 'channels', node, 'a list of channels, each with A and bath (e.g. - A: "sum(k, X[k])")');
    return [];
  }
  if (node.items.length === 0) {
    fail(ctx, 'wrong-type', 'channels', node.pos, '', 'expected at least one channel; found an empty list');
    return [];
  }
  const channels: ChannelSpec[] = [];
  const named = new Map<string, { readonly key: string; readonly line: number }>();
  node.items.forEach((item, i) => {
    const key = `channels[${i}]`;
    const channel = readChannel(ctx, item, key, params);
    const name = item.kind === 'map' ? entryOf(item, 'name') : undefined;
    if (name && name.value.kind === 'scalar' && name.value.type === 'string' && IDENTIFIER.test(name.value.value as string)) {
      // Names are unique in a model: the second use is the error, pointing at the first.
      const first = named.get(name.value.value as string);
      if (first) {
        fail(ctx, 'duplicate-name', keyPath(key, 'name'), name.value.pos, tokenOf(name.value),
          `expected a channel name used once in the model; '${name.value.value}' already names ${first.key} (line ${first.line})`);
        return;
      }
      named.set(name.value.value as string, { key, line: name.value.pos.line });
    }
    if (channel) channels.push(channel);
  });
  return channels;
}

function readChannel(ctx: LoadContext, node: SourceNode, key: string, params: readonly string[]): ChannelSpec | null {
  if (node.kind !== 'map') return wrongType(ctx, key, node, 'a channel mapping with A, bath and optionally each');
  const before = ctx.errors.length;
  rejectUnknownKeys(ctx, node, key, CHANNEL_KEYS, 'a channel');
  const each = readEach(ctx, node, key, params);
  const indices = each ? [each] : [];
  const A = readA(ctx, node, key, { file: ctx.file, params, indices, sites: ctx.sites, modes: ctx.modes === true });
  const bathEntry = entryOf(node, 'bath');
  const bathKey = keyPath(key, 'bath');
  const bath = bathEntry
    ? readBath(ctx, bathEntry.value, bathKey, { params, indices, sites: ctx.sites })
    : fail(ctx, 'missing-key', bathKey, node.pos, '', "missing key 'bath': expected a bath such as { spectrum: flat, rate: g }");
  const name = readName(ctx, node, key);
  if (ctx.errors.length > before || !A || !bath) return null;
  return { each, A, bath, ...(name !== null ? { name } : {}) };
}

/**
 * The channel's `name`, or null when absent: an identifier (letters, digits and _, not starting
 * with a digit), as `J[name]` in claims and `plot --channel name` refer to it. A malformed one is
 * recorded as an error.
 */
function readName(ctx: LoadContext, node: SourceMapping, key: string): string | null {
  const entry = entryOf(node, 'name');
  if (!entry) return null;
  const value = entry.value;
  if (value.kind !== 'scalar' || value.type !== 'string' || !IDENTIFIER.test(value.value as string)) {
    wrongType(ctx, keyPath(key, 'name'), value, 'a channel name made of letters, digits and _, not starting with a digit (such as hot)');
    return null;
  }
  return value.value as string;
}

function readA(ctx: LoadContext, node: SourceMapping, key: string, scope: Scope): LocatedExpr | null {
  const entry = entryOf(node, 'A');
  const aKey = keyPath(key, 'A');
  if (!entry) return fail(ctx, 'missing-key', aKey, node.pos, '', 'missing key \'A\': expected the coupling operator, such as A: "sum(k, X[k])"');
  const A = readExpr(ctx, entry.value, aKey, 'an operator expression such as "sum(k, X[k])"');
  if (!A || !recordCheck(ctx, checkOperator(A, scope, { requireOperator: true }))) return null;
  return A;
}

/**
 * The `each` index, or null when absent. A malformed one is recorded as an error; a well-formed
 * name that shadows another is still returned, so that A and the bath are checked with it bound.
 */
function readEach(ctx: LoadContext, node: SourceMapping, key: string, params: readonly string[]): string | null {
  const entry = entryOf(node, 'each');
  if (!entry) return null;
  const value = entry.value;
  const eachKey = keyPath(key, 'each');
  if (value.kind !== 'scalar' || value.type !== 'string' || !IDENTIFIER.test(value.value as string)) {
    wrongType(ctx, eachKey, value, 'an index name such as k');
    return null;
  }
  const name = value.value as string;
  const shadow = shadowReason(name, new Set(params), [], false, { modes: ctx.modes === true, v2: ctx.v2 === true });
  if (shadow) fail(ctx, 'shadowed-name', eachKey, value.pos, tokenOf(value), `expected a fresh index name: ${shadow}`);
  return name;
}
