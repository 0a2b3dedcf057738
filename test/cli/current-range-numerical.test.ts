/**
 * Issue 15: numerical trouble at one L of a range is a row / a JSON entry of kind `numerical`, and
 * the range exits 3 (2 when an input error or a limitation was met as well). No model is known to
 * trouble the solvers at one L only, so the float64 engine's computeCurrent is wrapped here to throw
 * the QL solver's NoConvergenceError at L = 3 and compute every other L as it does.
 */
import { describe, expect, it, vi } from 'vitest';
import { contractShapes, currentEntryShape } from '../../src/cli/contracts.js';
import { validateJson } from '../../src/cli/json-shape.js';
import { runCli as cli } from '../cli-run.js';

vi.mock('../../src/engine/index.js', async (importOriginal) => {
  const engine = await importOriginal<typeof import('../../src/engine/index.js')>();
  const { NoConvergenceError } = await import('../../src/numeric/index.js');
  return {
    ...engine,
    computeCurrent: (...args: Parameters<typeof engine.computeCurrent>) => {
      if (args[1] === 3) throw new NoConvergenceError('tridiagonal QL', 30);
      return engine.computeCurrent(...args);
    },
  };
});

const message = 'numerical trouble: tridiagonal QL: no convergence after 30 iterations';

describe('current --L A..B: numerical trouble at one L', () => {
  it('a single L: exit 3 and the message on stderr, as before', async () => {
    const r = await cli(['current', 'superradiance', '--L', '3']);
    expect(r).toEqual({ code: 3, out: '', err: `heatbound: ${message}\n` });
  });

  it('is a row with its reason, the other L computed; exit 3', async () => {
    const r = await cli(['current', 'superradiance', '--L', '2..4']);
    expect(r.code).toBe(3);
    const lines = r.out.split('\n');
    expect(lines[3]).toMatch(/^2 +symmetric .*all hold$/);
    expect(lines[4]).toMatch(new RegExp(`^3 +- +- +- +- +- +- +- +failed \\(numerical\\): ${message}$`));
    expect(lines[5]).toMatch(/^4 +symmetric .*all hold$/);
    expect(r.err).toBe(`heatbound: ${message}\n`);
  });

  it('is an entry of kind numerical (no code) in the JSON array; exit 3', async () => {
    const r = await cli(['current', 'superradiance', '--L', '2..4', '--json']);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.out) as Record<string, unknown>[];
    expect(json[1]).toEqual({ model: 'superradiance', L: 3, failure: { kind: 'numerical', message } });
    for (const j of json) expect(validateJson(j, currentEntryShape)).toEqual([]);
    for (const j of [json[0], json[2]]) expect(validateJson(j, contractShapes.current)).toEqual([]);
  });

  it('beside an input error at another L: exit 2', async () => {
    const r = await cli(['current', 'test/fixtures/ranges/needs-three-sites.yaml', '--L', '2..4', '--json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out) as { L: number; failure?: { kind: string } }[];
    expect(json.map((j) => j.failure?.kind ?? 'ok')).toEqual(['input', 'numerical', 'ok']);
  });
});
