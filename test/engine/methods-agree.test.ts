/**
 * The three methods agree wherever more than one applies: on every fixture model (interacting,
 * degenerate, thermal, steady, ohmic, custom spectra, complex couplings) and L = 1..6.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCurrent, NoMethodError, type CurrentResult, type MethodName } from '../../src/engine/index.js';
import { InputError } from '../../src/lang/index.js';
import { expectClose, fixture, root } from '../helpers.js';

const models = readdirSync(join(root, 'test', 'fixtures', 'models')).filter((f) => f.endsWith('.yaml')).sort();
const methods: MethodName[] = ['dense', 'diagonal', 'symmetric'];

function agree(a: CurrentResult, b: CurrentResult, label: string): void {
  const scaleJ = Math.max(1e-3, ...a.channels.map((c) => Math.abs(c.J)));
  expectClose(b.J, a.J, 1e-9, `${label} J`, scaleJ);
  a.channels.forEach((c, i) => {
    expectClose(b.channels[i].J, c.J, 1e-9, `${label} channel ${i} J`, scaleJ);
    for (const k of ['normA', 'deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate'] as const) expectClose(b.channels[i][k], c[k], 1e-9, `${label} channel ${i} ${k}`, 1e-9);
  });
  for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE'] as const) expectClose(b.terms[k], a.terms[k], 1e-9, `${label} ${k}`, 1e-9);
  for (const k of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) expectClose(b.bounds[k], a.bounds[k], 1e-9, `${label} ${k}`, 1e-9);
}

let comparisons = 0;
describe('methods agree', () => {
  for (const model of models) {
    it(model, () => {
      const spec = fixture(model);
      for (let L = 1; L <= 6; L++) {
        const rs: CurrentResult[] = [];
        for (const m of methods) {
          try {
            rs.push(computeCurrent(spec, L, { method: m }));
          } catch (err) {
            // A method that does not apply; or, for a collective model, `steady` over the full
            // space, which is not unique (the symmetric method defines it inside its sector).
            if (err instanceof NoMethodError) continue;
            if (err instanceof InputError && err.errors[0].code === 'steady-not-unique') continue;
            throw err;
          }
        }
        expect(rs.length, `${model} L=${L}: at least one method`).toBeGreaterThan(0);
        for (let i = 1; i < rs.length; i++) { agree(rs[0], rs[i], `${model} L=${L} ${rs[0].method} vs ${rs[i].method}`); comparisons++; }
      }
    });
  }
  it('compared at least five models by two or more methods', () => {
    expect(comparisons).toBeGreaterThanOrEqual(5);
  });
});
