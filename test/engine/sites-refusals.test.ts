/**
 * What v2 sites (issue 16) do not reach, each refusal a limitation with its reason (never a number
 * computed as if the sites were qubits): the product and symmetric methods (the diagonal one by its H_S) (NoMethodError's
 * list), the decimal.js engine beyond 2^10 states (PreciseNotApplicable); the dense method's size limit on
 * prod dims; input errors of the sites at L (a count that is not an integer >= 0, an index beyond a
 * species' count); the CLI's exit 2 naming the file and the flags.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCurrent, computePrecise, NoMethodError, PreciseNotApplicable } from '../../src/engine/index.js';
import { InputError, loadModelText } from '../../src/lang/index.js';
import { runCli } from '../cli-run.js';

const spin1 = `
name: spin1
sites: { spin: 1 }
H: sum(k, 0, L-2, Sz[k]*Sz[k+1]) + 0.3*sum(k, Sx[k])
channels:
  - each: k
    A: Sx[k]
    bath: { spectrum: flat, rate: 1, T: 0.5 }
state: thermal(1)
`;
const model = () => loadModelText(spin1, 'spin1.yaml');

function noMethod(f: () => unknown): NoMethodError {
  try { f(); } catch (err) {
    if (err instanceof NoMethodError) return err;
    throw err;
  }
  throw new Error('expected NoMethodError');
}

describe('v2 sites: the methods written for qubits refuse them with a reason', () => {
  it('--method diagonal takes v2 sites, and refuses this chain for its H_S (Sx is not diagonal)', () => {
    const err = noMethod(() => computeCurrent(model(), 2, { method: 'diagonal' }));
    expect(err.reasons.map((r) => r.method)).toEqual(['diagonal']);
    expect(err.reasons[0].reason).toMatch(/H_S is not diagonal in the product basis \(it has terms with Sx, Sy/);
  });
  for (const method of ['product'] as const) {
    it(`--method ${method}`, () => {
      const err = noMethod(() => computeCurrent(model(), 2, { method }));
      expect(err.reasons.map((r) => r.method)).toEqual([method]);
      expect(err.reasons[0].reason).toContain('not L qubits');
      expect(err.reasons[0].reason).toContain('spin 1 (3 levels) x 2');
    });
  }

  it('--method symmetric: spins s it takes (engine/methods/symmetric), this chain is not collective; levels sites and several species are refused', () => {
    expect(noMethod(() => computeCurrent(model(), 2, { method: 'symmetric', state: { expr: { kind: 'name', name: 'up', span: { start: 0, end: 2 } }, key: '--state', text: 'up' } })).reasons[0].reason)
      .toMatch(/does not run over all 2 sites/);
    const levels = loadModelText('sites: { levels: 3 }\nH: sum(k, P[1,1][k])\nchannels:\n  - A: sum(k, P[0,1][k] + P[1,0][k])\n    bath: { spectrum: flat, rate: 1 }\nstate: ground\n', 'levels.yaml');
    expect(noMethod(() => computeCurrent(levels, 2, { method: 'symmetric' })).reasons[0].reason).toMatch(/its sites are levels 3: the symmetric method takes spins/);
  });

  it('auto takes the dense method (dimension 3^L, a note on sectors), and beyond 2^22 lists every reason', () => {
    const r = computeCurrent(model(), 4);
    expect(r.method).toBe('dense');
    expect(r.dimension).toBe(81);
    expect(r.notes.some((n) => n.includes('excitation-number charges are found for qubit models only'))).toBe(true);
    // The open chain with a uniform field Sx: the reflection and the flip m -> -m (P Sx P = Sx).
    expect(r.notes.some((n) => /commutes with the spin flip m -> -m on every site and the reflection k -> L-1-k .*: 4 symmetry sectors/.test(n))).toBe(true);
    const err = noMethod(() => computeCurrent(model(), 14));
    expect(err.reasons.map((r) => r.method)).toEqual(['symmetric', 'diagonal', 'dense', 'product']);
    expect(err.reasons.find((r) => r.method === 'dense')!.reason).toContain('dimension 4782969');
  });

  it('the decimal.js engine beyond 2^10 states refuses as a limitation', () => {
    expect(computePrecise(model(), 2).dimension).toBe(9);
    expect(() => computePrecise(model(), 7)).toThrow(PreciseNotApplicable);
    expect(() => computePrecise(model(), 7)).toThrow(/have dimension 2187 > 2\^10 = 1024: the precise engine works in the product basis of at most 1024 states/);
  });

  it('a count that is not an integer >= 0 at L is bad-sites at its key; an index beyond the species\' count is index-out-of-range', () => {
    const tc = loadModelText(`
name: tc
sites:
  - { name: q, spin: 1/2 }
  - { name: c, boson: { cutoff: 3 }, count: L/2 }
H: sum(k, Sz[k]) + n[0]
channels:
  - A: a[1] + adag[1]
    bath: { spectrum: flat, rate: 1 }
state: ground
`, 'tc.yaml');
    let err: unknown = null;
    try { computeCurrent(tc, 3); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).errors[0]).toMatchObject({ code: 'bad-sites', key: 'sites[1].count' });
    err = null;
    try { computeCurrent(tc, 2); } catch (e) { err = e; }
    expect((err as InputError).errors[0]).toMatchObject({ code: 'index-out-of-range', key: 'channels[0].A' });
    expect((err as InputError).errors[0].message).toContain('0..0 of the species c');
    expect(computeCurrent(tc, 4).dimension).toBe(16 * 9);
  });

  it('the CLI: exit 2 naming the file, L and the flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sites-'));
    const file = join(dir, 'spin1.yaml');
    writeFileSync(file, spin1);
    const p = await runCli(['current', file, '--L', '2', '--method', 'product']);
    expect(p.code).toBe(2);
    expect(p.err).toContain(`${file} at L = 2 (--L 2 --method product)`);
    expect(p.err).toContain('not L qubits');
    const d = await runCli(['current', file, '--L', '7', '--digits', '30']);
    expect(d.code).toBe(2);
    expect(d.err).toContain(`${file} at L = 7 (--L 7 --digits`);
    expect(d.err).toContain('have dimension 2187 > 2^10 = 1024');
    const ok = await runCli(['current', file, '--L', '3', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ method: 'dense', dimension: 27 });
  });
});
