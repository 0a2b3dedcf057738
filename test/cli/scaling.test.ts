/**
 * `heatbound scaling --json`: the JSON contract of the symbolic issue, and usage errors.
 */
import { describe, expect, it } from 'vitest';
import { run, type CliIO } from '../../src/cli/index.js';
import { root } from '../helpers.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: CliIO = { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: root, isTTY: false };
  return { code: await run(args, io), out, err };
}

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
