/**
 * `heatbound scaling --json`: the JSON contract of the symbolic issue, and usage errors.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scalingJson } from '../../src/cli/commands/scaling.js';
import type { ScalingResult } from '../../src/engine/index.js';
import { root } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

/** A product-state family: its forms use the atom p = cos(theta/2)^2. */
const productModel = join(root, 'test/fixtures/scaling/product_theta.yaml');

describe('heatbound scaling', () => {
  it('--json has the contract keys', async () => {
    const r = await cli(['scaling', 'superradiance', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ['model', 'J', 'terms', 'bounds', 'ratios', 'proofs']) expect(j).toHaveProperty(k);
    for (const k of ['expr', 'tex', 'how', 'exponent', 'leading']) expect(j.J).toHaveProperty(k);
    expect(Object.keys(j.terms)).toEqual(expect.arrayContaining(['normH', 'width', 'sumA2', 'gammaMax', 'deltaE']));
    expect(Object.keys(j.bounds)).toEqual(expect.arrayContaining(['B1', 'B2']));
    expect(Object.keys(j.ratios)).toEqual(['B1', 'B2']);
    expect(j.J.expr).toHaveProperty('even');
    expect(j.J.expr).toHaveProperty('odd');
    expect(j.J.exponent).toBe(2);
    for (const p of j.proofs) for (const k of ['claim', 'verdict', 'certificate']) expect(p).toHaveProperty(k);
  });
  it('--json carries the assumptions and atoms as data, always, and not the exact forms', async () => {
    const r = await cli(['scaling', 'superradiance', '--json']);
    const j = JSON.parse(r.out);
    expect(j.atoms).toEqual({});
    expect(Array.isArray(j.assumptions)).toBe(true);
    expect(j.assumptions.length).toBeGreaterThan(0);
    for (const a of j.assumptions) {
      expect(typeof a.expr).toBe('string');
      expect(['>', '>=', '<', '<=', '=', '!=']).toContain(a.relation);
      expect(typeof a.why).toBe('string');
      expect(a.holdsAtParams).toBe(true);
    }
    expect(j.assumptions).toContainEqual(expect.objectContaining({ expr: 'w0', relation: '>' }));
    expect(j).not.toHaveProperty('forms');
    expect(j.J.status).toBe('derived');
  });
  it('--json of a product state has the atom p with its expression and value', async () => {
    const r = await cli(['scaling', productModel, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.atoms.p.expr).toBe('cos(theta/2)^2');
    expect(j.atoms.p.value).toBeCloseTo(Math.cos(1 / 2) ** 2, 14);
    expect(JSON.stringify(j.J.expr)).toMatch(/\bp\b/);
  });
  it('atoms and assumptions are present even when the result has none (empty)', () => {
    const bare = { model: 'm', J: {}, terms: {}, bounds: {}, ratios: { B1: 'unknown', B2: 'unknown' }, proofs: [], notes: [] } as unknown as ScalingResult;
    Object.defineProperty(bare, 'forms', { value: {}, enumerable: false });
    const j = JSON.parse(JSON.stringify(scalingJson(bare)));
    expect(j.atoms).toEqual({});
    expect(j.assumptions).toEqual([]);
    expect(j).not.toHaveProperty('forms');
  });
  it('the table says the status, the assumptions and the atoms', async () => {
    const r = await cli(['scaling', productModel]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^quantity\s+expression\s+exponent\s+leading coefficient\s+status/m);
    expect(r.out).toMatch(/^assuming w0 > 0/m);
    expect(r.out).toMatch(/^atom p: cos\(theta\/2\)\^2 = 0\.770151/m);
  });
  it('--tex prints LaTeX', async () => {
    const r = await cli(['scaling', 'allflip', '--tex']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('w_0 L^{3}');
  });
  it('a range too short to confirm anything is a usage error', async () => {
    const r = await cli(['scaling', 'allflip', '--L', '1..3']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/at least 6/);
  });
});
