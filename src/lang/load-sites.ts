/**
 * The `sites:` key of a v2 model file (model-language.md, "v2: sites of any dimension"): the
 * species of sites, in Kronecker order. The short form `sites: { spin: 1 }` is L sites of one kind;
 * the list form names each species and may give its count:
 *
 * ```yaml
 * sites:
 *   - { name: q, spin: 1/2 }
 *   - { name: c, boson: { cutoff: 20 }, count: 1 }
 * ```
 */
import { checkScalar } from './check.js';
import { closestName, didYouMean, listNames } from './diagnostics.js';
import type { SpeciesSpec } from './model.js';
import { IDENTIFIER } from './names.js';
import {
  DECIMAL_LITERAL, entryOf, fail, keyPath, readExpr, recordCheck, rejectUnknownKeys, tokenOf, wrongType, type LoadContext,
} from './load-context.js';
import type { SourceEntry, SourceMapping, SourceNode } from './source-tree.js';

/** The most levels a spin or levels site may have (a spin s has 2s + 1, so s <= 63/2). */
export const maxSiteLevels = 64;

/** The largest cutoff of a bosonic mode (Fock states 0..cutoff-1). */
export const maxBosonCutoff = 4096;

/** The kinds of species, as the keys that declare them. */
const KINDS: readonly SpeciesSpec['kind'][] = ['spin', 'levels', 'boson'];

/** The keys of a list entry. */
const ENTRY_KEYS: readonly string[] = ['name', ...KINDS, 'count'];

const SHORT_EXAMPLE = 'sites: { spin: 1 }, sites: { levels: 3 } or sites: { boson: { cutoff: 20 } }';
const LIST_EXAMPLE = 'sites: [{ name: q, spin: 1/2 }, { name: c, boson: { cutoff: 20 }, count: 1 }]';
const KIND_MEANING: Readonly<Record<SpeciesSpec['kind'], string>> = {
  spin: 'spin: s, a positive multiple of 1/2 (1/2, 1, 3/2, ...)',
  levels: `levels: d, an integer 2..${maxSiteLevels}`,
  boson: `boson: { cutoff: n }, an integer n = 1..${maxBosonCutoff} (Fock states 0..n-1)`,
};

/** A species as read, with the count's node kept until the params are known. */
interface SpeciesRead {
  readonly spec: Omit<SpeciesSpec, 'count'>;
  readonly count: SourceNode | null;
}

/** The species of `sites:` before their counts are read: see {@link readSiteCounts}. */
export interface SitesRead {
  readonly species: readonly SpeciesRead[];
  /**
   * Whether a boson species is declared (even one with errors): `a`, `adag`, `n` are then its
   * operators, and reserved.
   */
  readonly modes: boolean;
  /** Whether `sites:` had errors (recorded): the species are then not all known. */
  readonly failed: boolean;
}

/**
 * Reads the structure of `sites:` (kinds, dimensions, names), recording every error. The counts,
 * expressions in L and the params, are read afterwards by {@link readSiteCounts}, once the params
 * are known (and the params are read knowing whether `a`, `adag`, `n` are reserved).
 */
export function readSitesShape(ctx: LoadContext, node: SourceNode): SitesRead {
  const before = ctx.errors.length;
  const species: SpeciesRead[] = [];
  if (node.kind === 'map') {
    const kind = readKind(ctx, node, 'sites', 'the short form');
    for (const entry of node.entries) {
      if ((KINDS as readonly string[]).includes(entry.key)) continue;
      fail(ctx, 'unknown-key', keyPath('sites', entry.key), entry.keyPos, entry.key,
        `unknown key '${entry.key}'${didYouMean(entry.key, KINDS)}; the short form (${SHORT_EXAMPLE}) takes one of spin, levels or boson; a count, a name or several species are written as a list, ${LIST_EXAMPLE}`);
    }
    if (kind) species.push({ spec: { name: 'sites', key: 'sites', ...kind }, count: null });
  } else if (node.kind === 'list') {
    if (node.items.length === 0) fail(ctx, 'bad-sites', 'sites', node.pos, '', `expected at least one species, as in ${LIST_EXAMPLE}; found an empty list`);
    node.items.forEach((item, i) => {
      const read = readEntry(ctx, item, `sites[${i}]`, species);
      if (read) species.push(read);
    });
  } else {
    wrongType(ctx, 'sites', node, `the sites of the model: ${SHORT_EXAMPLE}, or a list of species such as ${LIST_EXAMPLE}`);
  }
  // A misspelt `boson` (bosn, boosn) declares a mode too: a, adag, n are then not unknown names
  // beside the misspelling's own error.
  const declares = (n: SourceNode) => n.kind === 'map' && (entryOf(n, 'boson') !== undefined || misspelt(n, ['boson'], ENTRY_KEYS));
  const modes = node.kind === 'map' ? declares(node) : node.kind === 'list' && node.items.some(declares);
  return { species, modes, failed: ctx.errors.length > before };
}

/**
 * Reads and checks each species' `count` (a scalar expression in L and `params`; absent means L)
 * and returns the species. A literal count that is not an integer >= 0 is `bad-sites` here; any
 * other count is checked at each L by the engine.
 */
export function readSiteCounts(ctx: LoadContext, read: SitesRead, params: readonly string[]): SpeciesSpec[] {
  return read.species.map(({ spec, count }) => {
    if (count === null) return { ...spec, count: null };
    const key = keyPath(spec.key, 'count');
    const located = readExpr(ctx, count, key, 'the number of sites, a scalar expression in L and params such as 1 or L - 1');
    if (located === null) return { ...spec, count: null };
    recordCheck(ctx, checkScalar(located, { file: ctx.file, params, sites: ctx.sites }));
    const literal = located.expr.kind === 'num' ? located.expr.text : located.expr.kind === 'unary' && located.expr.arg.kind === 'num' ? located.text.trim() : null;
    if (literal !== null && !/^\d+$/.test(literal)) {
      fail(ctx, 'bad-sites', key, count.pos, tokenOf(count), `expected the number of sites, an integer >= 0 (or an expression in L and params); found ${literal}`);
    }
    return { ...spec, count: located };
  });
}

function readEntry(ctx: LoadContext, item: SourceNode, key: string, earlier: readonly SpeciesRead[]): SpeciesRead | null {
  if (item.kind !== 'map') {
    return wrongType(ctx, key, item, `a species mapping such as { name: q, spin: 1/2 } or { name: c, boson: { cutoff: 20 }, count: 1 }`);
  }
  const before = ctx.errors.length;
  rejectUnknownKeys(ctx, item, key, ENTRY_KEYS, 'a species');
  const name = readName(ctx, item, key, earlier);
  const kind = readKind(ctx, item, key, 'a species');
  if (kind) {
    const same = earlier.find((s) => s.spec.kind === kind.kind);
    if (same) {
      const at = entryOf(item, kind.kind)!;
      fail(ctx, 'bad-sites', keyPath(key, kind.kind), at.keyPos, kind.kind,
        `expected at most one species of each kind; ${same.spec.key} (${same.spec.name}) is already a ${kind.kind} species`);
    }
  }
  const count = entryOf(item, 'count')?.value ?? null;
  if (ctx.errors.length > before || !kind || name === null) return null;
  return { spec: { name, key, ...kind }, count };
}

/**
 * Whether `map` has a key outside `allowed` that is a likely misspelling of one of `wanted` (`spn`
 * of spin, `level` of levels, `nmae` of name): its `unknown-key` error suggests the key, and the
 * key it stands for is not reported missing as well.
 */
function misspelt(map: SourceMapping, wanted: readonly string[], allowed: readonly string[]): boolean {
  return map.entries.some((e) => !allowed.includes(e.key) && closestName(e.key, wanted) !== null);
}

function readName(ctx: LoadContext, item: SourceMapping, key: string, earlier: readonly SpeciesRead[]): string | null {
  const entry = entryOf(item, 'name');
  const nameKey = keyPath(key, 'name');
  if (!entry && misspelt(item, ['name'], ENTRY_KEYS)) return null;
  if (!entry) return fail(ctx, 'missing-key', nameKey, item.pos, '', "missing key 'name': expected the species' name, such as name: q");
  const value = entry.value;
  if (value.kind !== 'scalar' || value.type !== 'string' || !IDENTIFIER.test(value.value as string)) {
    return wrongType(ctx, nameKey, value, 'a species name made of letters, digits and _, not starting with a digit (such as q or c)');
  }
  const name = value.value as string;
  const first = earlier.find((s) => s.spec.name === name);
  if (first) {
    return fail(ctx, 'bad-sites', nameKey, value.pos, tokenOf(value), `expected a species name used once; '${name}' already names ${first.spec.key}`);
  }
  return name;
}

/** The one kind key of a species mapping and what it declares, or null (errors recorded). */
function readKind(ctx: LoadContext, map: SourceMapping, key: string, what: string): Pick<SpeciesSpec, 'kind' | 'dim' | 'twoS'> | null {
  const kinds = map.entries.filter((e) => (KINDS as readonly string[]).includes(e.key));
  if (kinds.length === 0 && misspelt(map, KINDS, ENTRY_KEYS)) return null;
  if (kinds.length === 0) {
    return fail(ctx, 'missing-key', key, map.pos, '',
      `missing the kind of the sites: ${what} takes one of ${listNames(KINDS.map((k) => KIND_MEANING[k]), 'or')}`);
  }
  for (const extra of kinds.slice(1)) {
    fail(ctx, 'bad-sites', keyPath(key, extra.key), extra.keyPos, extra.key,
      `expected one kind per species; found ${kinds[0].key} and ${extra.key} (several species are a list: ${LIST_EXAMPLE})`);
  }
  if (kinds.length > 1) return null;
  return readKindValue(ctx, kinds[0], keyPath(key, kinds[0].key));
}

function readKindValue(ctx: LoadContext, entry: SourceEntry, key: string): Pick<SpeciesSpec, 'kind' | 'dim' | 'twoS'> | null {
  const node = entry.value;
  switch (entry.key) {
    case 'spin': {
      const twoS = twiceSpin(node);
      if (twoS === null) {
        if (node.kind !== 'scalar' || (node.type !== 'number' && node.type !== 'string')) {
          return wrongType(ctx, key, node, 'a spin s, a positive multiple of 1/2 such as 1/2, 1 or 3/2');
        }
        return fail(ctx, 'bad-sites', key, node.pos, tokenOf(node),
          `expected a spin s > 0 that is a multiple of 1/2, written 1/2, 1, 3/2 (or 0.5, 1.5); found ${tokenOf(node)}`);
      }
      if (twoS + 1 > maxSiteLevels) {
        return fail(ctx, 'bad-sites', key, node.pos, tokenOf(node),
          `a spin s has 2s + 1 levels; expected at most ${maxSiteLevels} levels per site (s <= 63/2); found s = ${tokenOf(node)} (${twoS + 1} levels)`);
      }
      return { kind: 'spin', dim: twoS + 1, twoS };
    }
    case 'levels': {
      const d = integerOf(ctx, node, key, `the number of levels, an integer 2..${maxSiteLevels} such as 3`);
      if (d === null) return null;
      if (d < 2 || d > maxSiteLevels) {
        return fail(ctx, 'bad-sites', key, node.pos, tokenOf(node), `expected the number of levels, an integer 2..${maxSiteLevels}; found ${tokenOf(node)}`);
      }
      return { kind: 'levels', dim: d, twoS: 0 };
    }
    default: {
      if (node.kind !== 'map') return wrongType(ctx, key, node, `a mapping { cutoff: n }, the mode truncated to the Fock states 0..n-1 (n = 1..${maxBosonCutoff})`);
      rejectUnknownKeys(ctx, node, key, ['cutoff'], 'a boson species');
      const cutoff = entryOf(node, 'cutoff');
      const cutoffKey = keyPath(key, 'cutoff');
      if (!cutoff && misspelt(node, ['cutoff'], ['cutoff'])) return null;
      if (!cutoff) return fail(ctx, 'missing-key', cutoffKey, node.pos, '', `missing key 'cutoff': expected the number of Fock states kept, an integer 1..${maxBosonCutoff}, as in boson: { cutoff: 20 }`);
      const n = integerOf(ctx, cutoff.value, cutoffKey, `the cutoff, an integer 1..${maxBosonCutoff} such as 20`);
      if (n === null) return null;
      if (n < 1 || n > maxBosonCutoff) {
        return fail(ctx, 'bad-sites', cutoffKey, cutoff.value.pos, tokenOf(cutoff.value),
          `expected the cutoff n (Fock states 0..n-1), an integer 1..${maxBosonCutoff}; found ${tokenOf(cutoff.value)}`);
      }
      return { kind: 'boson', dim: n, twoS: 0 };
    }
  }
}

/** 2s of a spin written as a number (1, 0.5, 1.5) or a string ("1/2", "3/2", "1", "1.5"), or null. */
function twiceSpin(node: SourceNode): number | null {
  if (node.kind !== 'scalar') return null;
  let value: number;
  if (node.type === 'number') {
    value = node.value as number;
  } else if (node.type === 'string') {
    const text = (node.value as string).trim();
    const half = /^(\d+)\s*\/\s*2$/.exec(text);
    if (half) return positiveInteger(Number(half[1]));
    if (!DECIMAL_LITERAL.test(text)) return null;
    value = Number(text);
  } else {
    return null;
  }
  return positiveInteger(2 * value);
}

function positiveInteger(x: number): number | null {
  return Number.isSafeInteger(x) && x > 0 ? x : null;
}

/** An integer-valued number scalar, or null with `wrong-type` / `bad-sites` recorded. */
function integerOf(ctx: LoadContext, node: SourceNode, key: string, expected: string): number | null {
  if (node.kind !== 'scalar' || node.type !== 'number') return wrongType(ctx, key, node, expected);
  const value = node.value as number;
  if (!Number.isSafeInteger(value)) return fail(ctx, 'bad-sites', key, node.pos, tokenOf(node), `expected ${expected}; found ${tokenOf(node)}`);
  return value;
}
