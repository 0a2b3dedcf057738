/**
 * Verdicts carry their accuracy: where Omega is decided by matrix elements near round-off (nearly
 * degenerate eigenvectors of a dense model mixing), the output says so, gives the bounds without
 * those elements, and never claims a verdict the two disagree on.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCurrent } from '../../src/engine/index.js';
import { loadModelFile } from '../../src/lang/index.js';
import { root } from '../helpers.js';

describe('Omega near round-off', () => {
  it('a transverse-field Ising chain at L = 10 reports the sensitivity of deltaE', () => {
    const r = computeCurrent(loadModelFile(join(root, 'bench', 'models', 'tfim.yaml')), 10, { method: 'dense' });
    expect(r.exact).toBe(false);
    expect(r.inexact.join(' ')).toMatch(/within 1000 times round-off of zero.*without them deltaE = /);
    for (const v of Object.values(r.holds)) expect(v).not.toBe(false);
  });
  it('the reference families are decided cleanly', () => {
    for (const m of ['superradiance', 'allflip']) {
      const r = computeCurrent(loadModelFile(join(root, 'models', `${m}.yaml`)), 6, { method: 'dense' });
      expect(r.exact, m).toBe(true);
    }
  });
});
