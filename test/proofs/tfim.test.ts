/**
 * Issue 10 ("Also"): the band-limited corollary's hypothesis DeltaE = O(1) on the open transverse-
 * field Ising chain. Its deltaE has no derived form (the derivation does not reach open chains), so
 * `prove` must report the hypothesis unknown, with the numbers, and never "FAILS" from a fitted
 * exponent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Instantiation } from '../../proofs/index.js';
import { instantiationText } from '../../src/cli/commands/prove.js';
import { runCli as cli } from '../cli-run.js';

const tfim = `name: tfim_open
description: open transverse-field Ising chain, one collective Z channel
params: { g: 1, T: 0 }
H: "sum(k, 0, L-2, -Z[k]*Z[k+1]) + sum(k, -0.5*X[k])"
channels:
  - A: "sum(k, Z[k])"
    bath: { spectrum: flat, rate: g, T: T }
state: up
`;

describe('prove on the open TFIM', () => {
  it('reports H-DeltaE-bounded unknown (not derived), with the numbers, never FAILS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatbound-tfim-'));
    const file = join(dir, 'tfim.yaml');
    writeFileSync(file, tfim);
    const r = await cli(['prove', file, '--L', '4', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Instantiation;
    const l2 = j.theorems.find((t) => t.id === 'scaling-L2')!;
    const h = l2.hypotheses.find((x) => x.id === 'H-DeltaE-bounded')!;
    expect(h.verdict).toBe('unknown');
    expect(h.basis).toBe('not derived');
    expect(h.holds).toBe(false);
    expect(h.growth!.status).not.toBe('derived');
    expect(h.detail).toMatch(/not derived: unknown$/);
    expect(h.detail).not.toMatch(/FAIL/i);
    // The numbers: the engine's deltaE at L = 1..4. At L = 1, H = -X/2 and A = Z: the one Bohr
    // frequency is the gap 1, so deltaE = 1. At L = 2, A = Z0 + Z1 maps (uu + dd)/sqrt 2 to
    // 2 (uu - dd)/sqrt 2 (energy -1, decoupled), and H mixes (uu + dd)/sqrt 2 with (ud + du)/sqrt 2
    // as [[-1, -1], [-1, 1]] (energies +-sqrt 2): the largest frequency A uses is 1 + sqrt 2.
    const values = h.growth!.values!;
    expect(values.map((v) => v.L)).toEqual([1, 2, 3, 4]);
    expect(Number(values[0].value)).toBeCloseTo(1, 3);
    expect(Number(values[1].value)).toBeCloseTo(1 + Math.SQRT2, 3);
    expect(h.detail).toContain(`deltaE = ${values.map((v) => v.value).join(', ')} at L = 1, ..., 4`);
    // Neither the L^2 nor the L^3 corollary is said not to apply: their growth hypotheses are unknown.
    for (const t of j.theorems.filter((x) => x.id.startsWith('scaling-'))) {
      expect(t.applicability, t.id).toBe('unknown');
      expect(t.applies, t.id).toBe(false);
      for (const x of t.hypotheses.filter((y) => y.growth)) expect(x.verdict, `${t.id}/${x.id}`).toBe('unknown');
    }
    // The text says so too.
    const text = instantiationText(j);
    const line = text.split('\n').find((l) => l.includes('hypothesis H-DeltaE-bounded'))!;
    expect(line).toMatch(/not derived: unknown \(whether the theorem applies is not decided\)$/);
    expect(text).not.toMatch(/H-(DeltaE|Gamma)-bounded.*FAILS/);
    expect(text).toMatch(/a hypothesis is unknown: the bound is not guaranteed here/);
  }, 300_000);
});
