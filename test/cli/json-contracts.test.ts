/**
 * The JSON contracts of the commands (src/cli/contracts.ts), checked at run time: each command's
 * `--json` on the built-in models, parsed, against its description, key by key — every required key
 * present, no undocumented key, verdict words among the listed ones. Errors with --json go to stderr
 * as text, with nothing on stdout.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/index.js';
import { contractShapes, currentEntryShape, currentFailureShape, jsonContracts } from '../../src/cli/contracts.js';
import { arr, num, opt, str, validateJson, words, type JsonShape } from '../../src/cli/json-shape.js';
import { runCli as cli } from '../cli-run.js';

/** Runs a command with --json and returns its parsed output, which must end in one newline. */
async function json(args: string[], codes: readonly number[] = [0]): Promise<unknown> {
  const r = await cli([...args, '--json']);
  expect(codes, r.err).toContain(r.code);
  expect(r.out.endsWith('}\n') || r.out.endsWith(']\n')).toBe(true);
  return JSON.parse(r.out);
}

/** Every departure from the shape, as one string (empty when the JSON fits). */
const departures = (value: unknown, shape: JsonShape): string => validateJson(value, shape).join('\n');

const models = ['superradiance', 'allflip', 'independent'] as const;

describe('the validator', () => {
  const shape: JsonShape = { is: 'object', fields: { a: num, b: opt(str), w: words('holds', 'violated'), xs: arr({ is: 'object', fields: { k: str } }) } };
  it('accepts a value that fits, optional keys absent', () => {
    expect(validateJson({ a: 1, w: 'holds', xs: [{ k: 'x' }] }, shape)).toEqual([]);
  });
  it('names an undocumented key, a missing key, a wrong kind and a word not listed, with their paths', () => {
    const v = { w: 'maybe', xs: [{ k: 1, extra: true }], c: 2 };
    expect(validateJson(v, shape)).toEqual([
      '$: missing key "a"',
      '$.w: expected one of holds, violated, got string "maybe"',
      '$.xs[0].k: expected a string, got number',
      '$.xs[0]: undocumented key "extra"',
      '$: undocumented key "c"',
    ]);
  });
  it('tells tagged cases apart by their tag', () => {
    const s: JsonShape = { is: 'tagged', tag: 'kind', cases: { zero: { is: 'object', fields: { kind: words('zero') } } } };
    expect(validateJson({ kind: 'zero' }, s)).toEqual([]);
    expect(validateJson({ kind: 'one' }, s)).toEqual(['$.kind: expected one of zero, got "one"']);
  });
  it('has a description for every command', () => {
    expect(Object.keys(jsonContracts).sort()).toEqual(['check', 'current', 'prove', 'proveModel', 'scaling', 'verify']);
    expect(contractShapes.scaling).toBe(jsonContracts.scaling);
  });
});

describe('current --json fits CurrentJson', () => {
  it('with a bosonic mode: the truncation report (computed, not recomputed, switched off)', async () => {
    const tc = 'test/fixtures/v2/tavis-cummings.yaml';
    const on = (await json(['current', tc, '--L', '2'])) as { truncation?: { computed: boolean; modes: unknown; dimension?: number } };
    expect(departures(on, contractShapes.current)).toBe('');
    expect(on.truncation?.computed).toBe(true);
    expect(on.truncation?.modes).toEqual([{ species: 'c', cutoff: 8, doubled: 16 }]);
    expect(on.truncation?.dimension).toBe(64);
    const drawn = (await json(['current', tc, '--L', '1', '--state', 'random(3)'])) as { truncation?: { computed: boolean; reason?: string } };
    expect(departures(drawn, contractShapes.current)).toBe('');
    expect(drawn.truncation?.computed).toBe(false);
    expect(drawn.truncation?.reason).toMatch(/random\(3\)/);
    const off = (await json(['current', tc, '--L', '2', '--no-truncation-check'])) as { truncation?: unknown };
    expect(off.truncation).toBeUndefined();
  });

  it.each(models)('%s at L = 1..3 (float64) and L = 3 --digits 30', async (m) => {
    const float = await json(['current', m, '--L', '1..3']);
    expect(Array.isArray(float)).toBe(true);
    for (const j of float as unknown[]) expect(departures(j, contractShapes.current)).toBe('');
    expect(departures(await json(['current', m, '--L', '3', '--digits', '30']), contractShapes.current)).toBe('');
  });
});

describe('current --json with Omega enclosures fits CurrentJson (the optional `upper`)', () => {
  it('bench tfim at L = 5 (float64) and collective_product at L = 30 --digits 30: upper present, exact false', async () => {
    const f = await json(['current', 'bench/models/tfim.yaml', '--L', '5']) as { upper?: { differs: string[] }; exact: boolean };
    expect(f.upper?.differs).toContain('omegaGammaMax');
    expect(f.exact).toBe(false);
    expect(departures(f, contractShapes.current)).toBe('');
    const p = await json(['current', 'test/fixtures/models/collective_product.yaml', '--L', '30', '--digits', '30']) as { upper?: { differs: string[] }; exact: boolean };
    expect(p.upper?.differs).toContain('deltaE');
    expect(p.exact).toBe(false);
    expect(departures(p, contractShapes.current)).toBe('');
  });
});

describe('current --L A,B --json with a failed L fits CurrentEntryJson', () => {
  it.each([
    ['test/fixtures/ranges/needs-three-sites.yaml', '2..3', 'input'],
    ['bench/models/tfim.yaml', '2,18', 'limitation'],
  ])('%s at L = %s (a failure of kind %s)', async (m, Ls, kind) => {
    const entries = await json(['current', m, '--L', Ls], [2]) as { failure?: { kind: string } }[];
    expect(departures(entries.find((e) => !e.failure), contractShapes.current)).toBe('');
    expect(departures(entries.find((e) => e.failure), currentFailureShape)).toBe('');
    for (const e of entries) expect(departures(e, currentEntryShape)).toBe('');
    expect(entries.map((e) => e.failure?.kind)).toEqual(Ls === '2..3' ? [kind, undefined] : [undefined, kind]);
  });
});

// Families whose forms are numeric or conjectured (allflip_thermal), start at a later L or come in
// pieces (sites-ring), or have atoms (product_theta, w_state), beside the built-in ones.
const scalingFixtures = ['test/fixtures/models/allflip_thermal.yaml', 'test/fixtures/models/sites-ring.yaml', 'test/fixtures/scaling/product_theta.yaml', 'test/fixtures/models/w_state.yaml'];

describe('scaling --json fits ScalingJson', () => {
  it.each(scalingFixtures)('%s', async (m) => {
    expect(departures(await json(['scaling', m]), contractShapes.scaling)).toBe('');
  }, 120_000);
  it.each(models)('%s', async (m) => {
    const j = await json(['scaling', m]);
    expect(departures(j, contractShapes.scaling)).toBe('');
    // The certificates are described to their last key (a checker's certificate, not any JSON).
    const pieces = (j as { proofs: { certificate: { pieces: { certificate: Record<string, unknown> }[] } | null }[] }).proofs.flatMap((p) => p.certificate?.pieces ?? []);
    expect(pieces.length).toBeGreaterThan(0);
    pieces[0].certificate.extra = 1;
    expect(departures(j, contractShapes.scaling)).toMatch(/^\$\.proofs\[\d+\]\.certificate\.pieces\[0\]\.certificate: undocumented key "extra"$/m);
  }, 120_000);
});

describe('prove --json fits ProveJson and ProveModelJson', () => {
  it.each(models)('prove %s --L 3', async (m) => {
    expect(departures(await json(['prove', m, '--L', '3']), contractShapes.proveModel)).toBe('');
  }, 120_000);
  it('prove (no model)', async () => {
    const j = await json(['prove', '--runs', '4', '--seed', '7']);
    expect(Array.isArray(j)).toBe(true);
    expect(departures(j, contractShapes.prove)).toBe('');
  }, 300_000);
});

describe('verify and check --json fit VerifyJson and CheckJson', () => {
  it('verify --L 1..2 --runs 12 --seed 7', async () => {
    const j = await json(['verify', '--L', '1..2', '--runs', '12', '--seed', '7']);
    expect(departures(j, contractShapes.verify)).toBe('');
    expect(Object.keys((j as { tightest: object }).tightest).length).toBeGreaterThan(0);
  }, 300_000);
  it('check, refuted (exit 1) with a counterexample from the random search', async () => {
    const j = await json(['check', 'abs(J) <= 2*L^3', '--seed', '941446125'], [1]) as { verdict: string; counterexamples: unknown[] };
    expect(departures(j, contractShapes.check)).toBe('');
    expect(j.verdict).toBe('refuted');
    expect(j.counterexamples.length).toBeGreaterThan(0);
  }, 300_000);
  it('check, refuted by a family exactly, and an exists claim with --class band (excluded families)', async () => {
    const refuted = await json(['check', 'abs(J) <= 5000*L^2', '--runs', '0'], [1]) as { search: unknown; families: { verdict: string; exact?: unknown; confirmation: unknown }[] };
    expect(departures(refuted, contractShapes.check)).toBe('');
    expect(refuted.search).toBeNull();
    expect(refuted.families.some((f) => f.verdict === 'refuted' && f.exact && f.confirmation)).toBe(true);
    const exists = await json(['check', 'exists c: abs(J) <= c*L^2', '--class', 'band', '--runs', '0']) as { excluded: unknown[] };
    expect(departures(exists, contractShapes.check)).toBe('');
    expect(exists.excluded.length).toBeGreaterThan(0);
  }, 300_000);
});

describe('errors with --json: text on stderr, nothing on stdout', () => {
  it.each([
    [['scaling', 'no-such-model', '--json'], 2],
    [['prove', 'allflip', '--json'], 2],
    [['check', 'abs(J) <=', '--json'], 2],
    [['verify', '--class', 'nope', '--json'], 2],
  ] as const)('%j exits %i', async (args, code) => {
    const r = await cli([...args]);
    expect(r.code).toBe(code);
    expect(r.out).toBe('');
    expect(r.err).not.toBe('');
  });
});
