/**
 * An element of A in H_S's eigenbasis computed as exactly 0.0 is an exact zero only where no
 * rounding entered it (never computed: between blocks A does not connect; or between blocks of
 * dimension 1, whose eigenvectors are exact unit vectors). Inside a block of dimension > 1 the
 * eigenvectors carry errors, and a computed 0.0 may stand for a nonzero element: the Omega
 * statistics over it belong to the upper ends of their enclosures.
 *
 * The model: one qubit, H = X + d Z with d = 1e-17, A = X, a flat bath. Exactly, the eigenvectors
 * are (cos t, sin t), (-sin t, cos t) with tan 2t = 1/d, and A's off-diagonal element is
 * cos 2t = d / sqrt(1 + d^2) != 0: the Bohr frequencies +-2 sqrt(1 + d^2) are in Omega, so
 * deltaE = max|w|gamma = 2 sqrt(1 + d^2), gammaMax = 1 and B1 = max|w|gamma ||A||^2 = 2 sqrt(1 + d^2)
 * (closed form; the decimal.js engine at 40 digits gives the same, checked below). In float64 the
 * eigenvectors come out as (1, +-1)/sqrt 2 and the element as 0.0: the report used to call B1
 * exactly 0.
 */
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../src/lang/index.js';
import { computeCurrent, computePrecise } from '../../src/engine/index.js';
import { roundedZeros, eigenSystem, type SparseMatrix } from '../../src/numeric/index.js';
import { currentReport } from '../../src/engine/system.js';
import { float64System } from '../../src/engine/current.js';
import { instantiateWithState } from '../../src/engine/family.js';
import { denseSystem } from '../../src/engine/methods/dense.js';
import { stateText } from '../../src/engine/states.js';

const model = loadModelText([
  'name: computed-zero',
  'params: { d: 1e-17, T: 1 }',
  'H: "X[0] + d * Z[0]"',
  'channels:',
  '  - A: "X[0]"',
  '    bath: { spectrum: flat, rate: 1, T: T }',
  'state: up',
].join('\n'), 'computed-zero.yaml');

/** The closed form of deltaE, max|w|gamma and B1 (d^2 = 1e-34 is far below float64's resolution of 2). */
const exactB1 = 2 * Math.sqrt(1 + 1e-34);

describe('a computed 0.0 inside a block of dimension 2 is not an exact zero', () => {
  it.each(['dense', 'product'] as const)('%s: B1 is an enclosure containing the exact 2 sqrt(1 + d^2), not an exact 0', (method) => {
    const r = computeCurrent(model, 1, { method });
    expect(r.method).toBe(method);
    expect(r.exact).toBe(false);
    const lo = r.bounds.B1 - r.error.bounds.B1;
    const up = r.upper?.bounds.B1;
    expect(up).toBeDefined();
    expect(lo).toBeLessThanOrEqual(exactB1);
    expect(up!.value + up!.error).toBeGreaterThanOrEqual(exactB1);
    expect(r.upper!.terms.deltaE.value + r.upper!.terms.deltaE.error).toBeGreaterThanOrEqual(exactB1);
    expect(r.inexact.some((n) => /B1 in \[0, 2\]/.test(n))).toBe(true);
  });

  it('symmetric (the sector j = 1/2 of H = 2 Jx + d 2 Jz, A = 2 Jx): the same enclosure', () => {
    const collective = loadModelText([
      'name: computed-zero-collective',
      'params: { d: 1e-17, T: 1 }',
      'H: "2*Jx + d*2*Jz"',
      'channels:',
      '  - A: "2*Jx"',
      '    bath: { spectrum: flat, rate: 1, T: T }',
      'state: up',
    ].join('\n'), 'computed-zero-collective.yaml');
    const r = computeCurrent(collective, 1, { method: 'symmetric' });
    expect(r.method).toBe('symmetric');
    expect(r.exact).toBe(false);
    const up = r.upper?.bounds.B1;
    expect(up).toBeDefined();
    expect(r.bounds.B1 - r.error.bounds.B1).toBeLessThanOrEqual(exactB1);
    expect(up!.value + up!.error).toBeGreaterThanOrEqual(exactB1);
  });

  it('dense with A kept as the blocks it connects (BlockColumns): the same enclosure', () => {
    const { inst, spec, stateOrigin } = instantiateWithState(model, 1);
    const r = currentReport(float64System(model.name, 1, stateText(spec), denseSystem(inst, spec, stateOrigin, 'blocks')));
    const up = r.upper?.bounds.B1;
    expect(up).toBeDefined();
    expect(r.bounds.B1.value - r.bounds.B1.error).toBeLessThanOrEqual(exactB1);
    expect(up!.value + up!.error).toBeGreaterThanOrEqual(exactB1);
  });

  it('the decimal.js engine at 40 digits (a second precision) agrees with the closed form', () => {
    const p = computePrecise(model, 1, { digits: 40 });
    expect(Math.abs(p.bounds.B1.value.toNumber() - exactB1)).toBeLessThanOrEqual(1e-15);
  });

  it('roundedZeros: blocks of dimension 1 are exact, elements A does not connect are never rounded', () => {
    // H = diag(1, -1) (+) [[0, 1], [1, 0]] on indices 0, 1 | 2, 3; A connects 0 <-> 1 and 1 <-> 2.
    const m = (n: number, entries: [number, number, number][]): SparseMatrix => {
      const rowPtr = new Int32Array(n + 1), col: number[] = [], re: number[] = [];
      const sorted = [...entries].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (const [i, j, v] of sorted) { rowPtr[i + 1]++; col.push(j); re.push(v); }
      for (let i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
      return { n, rowPtr, col: Int32Array.from(col), re: Float64Array.from(re), im: new Float64Array(col.length) };
    };
    const H = m(4, [[0, 0, 1], [1, 1, -1], [2, 3, 1], [3, 2, 1]]);
    const A = m(4, [[0, 1, 1], [1, 0, 1], [1, 2, 1], [2, 1, 1]]);
    const sys = eigenSystem(H, 0);
    const z = roundedZeros(sys, A, false);
    const blockOf = (x: number) => sys.blocks.findIndex((b) => b.idx.includes(x));
    const at = (x: number) => sys.blocks[blockOf(x)].offset;
    expect([...z.exact].filter((e) => e === 1).length).toBe(2);
    expect(z.exact[at(0)]).toBe(1);
    expect(z.exact[at(2)]).toBe(0);
    expect(z.connects(at(0), at(1))).toBe(true);
    expect(z.connects(at(1), at(2))).toBe(true);
    expect(z.connects(at(0), at(2))).toBe(false); // A has no entry between {0} and {2, 3}: exact zeros
    expect(roundedZeros(sys, A, true).connects(at(0), at(2))).toBe(true);
  });
});
