/**
 * The dense method on an H_S diagonal in the product basis groups its levels as the diagonal method
 * does (exactly, from the decimal.js coefficients: numeric/exact-levels), not by float64 equality:
 * levels w0 + k 1e-17 are distinct exactly but equal as floats, and merging them keeps coherences
 * between them that fake superradiance.
 *
 * Qubits: H = sum_k (1 + k 1e-17)/2 Z[k], A = sum_k X[k], state random(1), L = 3. The exact J
 * (distinct levels) is the decimal.js engine's at 40 digits, -0.92109887...; the dense method
 * reported -0.7227 +- 1.1e-12 (4 eigenspaces instead of 8). Spin-1 sites (v2): H = sum_k (1 + k
 * 1e-17) Sz[k], L = 2, against the diagonal method (the decimal.js engine does not take v2 sites).
 */
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../src/lang/index.js';
import { computeCurrent, computePrecise } from '../../src/engine/index.js';

const qubits = loadModelText([
  'name: split-qubits',
  'params: { T: 1 }',
  'H: "sum(k, (1 + k*1e-17)/2 * Z[k])"',
  'channels:',
  '  - A: "sum(k, X[k])"',
  '    bath: { spectrum: flat, rate: 1, T: T }',
  'state: random(1)',
].join('\n'), 'split-qubits.yaml');

const spins = loadModelText([
  'name: split-spins',
  'sites: { spin: 1 }',
  'params: { T: 1 }',
  'H: "sum(k, (1 + k*1e-17) * Sz[k])"',
  'channels:',
  '  - A: "sum(k, Sx[k])"',
  '    bath: { spectrum: flat, rate: 1, T: T }',
  'state: random(1)',
].join('\n'), 'split-spins.yaml');

describe('dense on a diagonal H_S: levels grouped exactly', () => {
  it('qubits at L = 3: eight eigenspaces, J = the decimal.js engine\'s at 40 digits within its error', () => {
    const exact = computePrecise(qubits, 3, { digits: 40 }).J.value.toNumber();
    expect(exact).toBeCloseTo(-0.92109887, 7);
    const r = computeCurrent(qubits, 3, { method: 'dense' });
    expect(r.method).toBe('dense');
    expect(Math.abs(r.J - exact)).toBeLessThanOrEqual(r.error.J);
    expect(r.notes.some((n) => /8 eigenspaces \(H_S diagonal: grouped exactly/.test(n))).toBe(true);
    expect(r.inexact).toEqual([]);
  });

  it('spin-1 sites at L = 2: nine eigenspaces, J = the diagonal method\'s within both errors', () => {
    const d = computeCurrent(spins, 2, { method: 'diagonal' });
    const r = computeCurrent(spins, 2, { method: 'dense' });
    expect(Math.abs(r.J - d.J)).toBeLessThanOrEqual(r.error.J + d.error.J);
    expect(r.notes.some((n) => /9 eigenspaces \(H_S diagonal: grouped exactly/.test(n))).toBe(true);
    for (const b of ['Bstate', 'B1', 'B2'] as const) expect(Math.abs(r.bounds[b] - d.bounds[b])).toBeLessThanOrEqual(r.error.bounds[b] + d.error.bounds[b]);
  });
});
