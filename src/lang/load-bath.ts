/** A channel's `bath`: its spectrum and the scalar fields that spectrum takes. */
import { checkScalar } from './check.js';
import { listNames } from './diagnostics.js';
import type { BathSpec, LocatedExpr, SpeciesSpec, SpectrumKind } from './model.js';
import {
  entryOf, fail, keyPath, readExpr, recordCheck, rejectUnknownKeys, tokenOf, wrongType, type LoadContext,
} from './load-context.js';
import type { SourceMapping, SourceNode } from './source-tree.js';

type BathField = 'rate' | 'T' | 'wc' | 'gamma';

/** Fields of each spectrum: required, then optional. */
const SPECTRA: Readonly<Record<SpectrumKind, { required: readonly BathField[]; optional: readonly BathField[] }>> = {
  flat: { required: ['rate'], optional: ['T'] },
  ohmic: { required: ['rate', 'wc'], optional: ['T'] },
  custom: { required: ['gamma'], optional: [] },
};

const ALL_FIELDS: readonly string[] = ['spectrum', 'rate', 'T', 'wc', 'gamma'];

const FIELD_MEANING: Readonly<Record<BathField, string>> = {
  rate: 'the rate, a scalar expression such as g or 0.1',
  T: 'the temperature, a scalar expression such as T or 0.5',
  wc: 'the cutoff frequency, a scalar expression such as 10',
  gamma: "gamma(w), a scalar expression in w, params and L such as 'g * w^2'",
};

/** What a bath reads in: the model's params and the channel's `each` index. */
export interface BathScope {
  readonly params: readonly string[];
  readonly indices: readonly string[];
  /** The model's species (v2), for the names `a`, `adag`, `n`; absent for L qubits. */
  readonly sites?: readonly SpeciesSpec[] | null;
}

/** Reads and checks a bath; null (with errors recorded) when it is not usable. */
export function readBath(ctx: LoadContext, node: SourceNode, key: string, scope: BathScope): BathSpec | null {
  if (node.kind !== 'map') return wrongType(ctx, key, node, 'a bath mapping such as { spectrum: flat, rate: g, T: T }');
  const spectrumEntry = entryOf(node, 'spectrum');
  const spectrum = readSpectrum(ctx, node, spectrumEntry?.value, key);
  if (spectrum === null) {
    rejectUnknownKeys(ctx, node, key, ALL_FIELDS, 'a bath');
    return null;
  }
  const { required, optional } = SPECTRA[spectrum];
  const allowed: readonly string[] = ['spectrum', ...required, ...optional];
  for (const entry of node.entries) {
    if (allowed.includes(entry.key) || !ALL_FIELDS.includes(entry.key)) continue;
    fail(ctx, 'bad-bath', keyPath(key, entry.key), entry.keyPos, entry.key,
      `a ${spectrum} bath takes ${listNames(allowed.slice(1))}, not ${entry.key}`);
  }
  rejectUnknownKeys(ctx, node, key, ALL_FIELDS, 'a bath');
  const fields: Partial<Record<BathField, LocatedExpr | null>> = {};
  let ok = true;
  for (const field of [...required, ...optional]) {
    const entry = entryOf(node, field);
    const fieldKey = keyPath(key, field);
    if (!entry) {
      if (required.includes(field)) {
        fail(ctx, 'missing-key', fieldKey, node.pos, '', `missing key '${field}': a ${spectrum} bath needs ${FIELD_MEANING[field]}`);
        ok = false;
      }
      continue;
    }
    const located = readExpr(ctx, entry.value, fieldKey, FIELD_MEANING[field]);
    const checked = located !== null && recordCheck(ctx, checkScalar(located, {
      file: ctx.file, params: scope.params, indices: scope.indices, frequency: field === 'gamma', sites: scope.sites,
    }));
    ok &&= checked;
    fields[field] = located;
  }
  if (!ok) return null;
  return { spectrum, rate: fields.rate ?? null, T: fields.T ?? null, wc: fields.wc ?? null, gamma: fields.gamma ?? null };
}

function readSpectrum(ctx: LoadContext, bath: SourceMapping, node: SourceNode | undefined, key: string): SpectrumKind | null {
  const spectrumKey = keyPath(key, 'spectrum');
  if (!node) return fail(ctx, 'missing-key', spectrumKey, bath.pos, '', "missing key 'spectrum': expected flat, ohmic or custom");
  if (node.kind === 'scalar' && node.type === 'string' && Object.hasOwn(SPECTRA, node.value as string)) {
    return node.value as SpectrumKind;
  }
  return fail(ctx, 'bad-bath', spectrumKey, node.pos, tokenOf(node), `expected spectrum flat, ohmic or custom; found ${describe(node)}`);
}

function describe(node: SourceNode): string {
  return node.kind === 'scalar' && node.type === 'string' ? `'${String(node.value)}'` : tokenOf(node) || node.kind;
}
