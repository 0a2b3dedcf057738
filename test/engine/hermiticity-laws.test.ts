/**
 * The one Hermiticity rule (numeric/hermitian.ts) as laws run over both fields (QuTiP's pattern):
 * max |X_ij - conj(X_ji)| <= tol(F) max(1, max |X_ij|), tol(float64) = 1e-10 and tol(decimal(p)) =
 * 100 x 10^-p; Hermitian inputs pass, perturbations above the tolerance fail, below it pass, every
 * representation (column maps, CSR, diagonal, product terms) reads the same, and both engines
 * word the failure alike (engine/input-errors.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  columnMapEntries, decimalField, diagonalEntries, float64Field, hermiticity, hermiticityTolerance, opHermiticity, opSumEntries,
  opAdd, opScale, opSite, opToSparse, siteOperators, sparseEntries, type Complex, type Field, type OpSum,
} from '../../src/numeric/index.js';
import { assertHermitianIn } from '../../src/engine/input-errors.js';
import { computeCurrent, computePrecise } from '../../src/engine/index.js';
import { InputError, loadModelText, type Origin } from '../../src/lang/index.js';

const SEED = 1313;
const fields: [string, Field<unknown>][] = [
  ['float64', float64Field as Field<unknown>],
  ['decimal(40)', decimalField(40) as unknown as Field<unknown>],
];

/** A random Hermitian n x n matrix with small integer entries (column maps), and its size. */
const hermitian = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.array(fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 })), { minLength: n * n, maxLength: n * n }).map((xs) => ({ n, xs })));

function columns<T>(F: Field<T>, n: number, xs: [number, number][]): Map<number, Complex<T>>[] {
  const cols = Array.from({ length: n }, () => new Map<number, Complex<T>>());
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const [re, im] = xs[i * n + j];
      if (re === 0 && im === 0 && i !== j) continue;
      cols[j].set(i, { re: F.fromNumber(re), im: F.fromNumber(i === j ? 0 : im) });
      if (i !== j) cols[i].set(j, { re: F.fromNumber(re), im: F.fromNumber(-im) });
    }
  }
  return cols;
}

const origin: Origin = { file: 'm.yaml', located: { key: 'A', text: 'A', expr: { span: { line: 1, column: 1 } } } } as unknown as Origin;
const shape = /^A must be Hermitian: max \|X - X\^\+\| = [0-9.e+-]+ \(relative [0-9.e+-]+, tolerance ([0-9.e+-]+)\)$/;

describe.each(fields)('the Hermiticity rule over %s', (_name, F) => {
  const tol = hermiticityTolerance(F);
  it('its tolerance comes from the field\'s configuration', () => {
    expect(String(tol)).toBe(F === (float64Field as Field<unknown>) ? '1e-10' : '1e-38');
  });
  it('Hermitian matrices pass with residual 0', () => {
    fc.assert(fc.property(hermitian, ({ n, xs }) => {
      const h = hermiticity(F, columnMapEntries(F, columns(F, n, xs)));
      expect(h.hermitian).toBe(true);
      expect(F.cmp(h.residual, F.zero)).toBe(0);
      expect(F.cmp(h.scale, F.one)).toBeGreaterThanOrEqual(0);
    }), { seed: SEED, numRuns: 60 });
  });
  it('a perturbation above the tolerance fails, one below it passes, and the message has one shape', () => {
    fc.assert(fc.property(hermitian, fc.boolean(), ({ n, xs }, imaginary) => {
      for (const [factor, fails] of [[4, true], [0.25, false]] as const) {
        const cols = columns(F, n, xs);
        const scale = hermiticity(F, columnMapEntries(F, cols)).scale;
        const delta = F.mul(F.mul(F.fromNumber(factor), tol), scale);
        // Perturb X_{0, n-1} (the diagonal when n = 1: only an imaginary part breaks Hermiticity there).
        const j = n - 1, old = cols[j].get(0) ?? { re: F.zero, im: F.zero };
        const im = imaginary || n === 1;
        cols[j].set(0, im ? { re: old.re, im: F.add(old.im, delta) } : { re: F.add(old.re, delta), im: old.im });
        const h = hermiticity(F, columnMapEntries(F, cols));
        expect(h.hermitian).toBe(!fails);
        if (fails) {
          let message = '';
          try { assertHermitianIn(F, origin, 'A', h); } catch (e) { message = (e as InputError).errors[0].message; }
          expect(message).toMatch(shape);
          expect(shape.exec(message)![1]).toBe(String(tol));
        } else {
          expect(() => assertHermitianIn(F, origin, 'A', h)).not.toThrow();
        }
      }
    }), { seed: SEED, numRuns: 40 });
  });
  it('a diagonal reads as its column map does', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -2, max: 2 })), { minLength: 1, maxLength: 6 }), (d) => {
      const re = d.map(([r]) => F.fromNumber(r)), im = d.map(([, i]) => F.fromNumber(i));
      const cols = d.map((_, i) => new Map([[i, { re: re[i], im: im[i] }]]));
      const a = hermiticity(F, diagonalEntries(F, re, im)), b = hermiticity(F, columnMapEntries(F, cols));
      expect([a.hermitian, String(a.residual), String(a.scale)]).toEqual([b.hermitian, String(b.residual), String(b.scale)]);
      expect(a.hermitian).toBe(d.every(([, i]) => i === 0));
    }), { seed: SEED, numRuns: 40 });
  });
});

describe('float64 representations read alike', () => {
  const L = 2;
  const s = (name: 'X' | 'Y' | 'Z' | 'Sp' | 'Sm', k: number): OpSum => opSite(L, k, siteOperators[name]);
  it('CSR, product-term columns and the symbolic shortcut agree', () => {
    const ops: [OpSum, boolean][] = [
      [opAdd(s('X', 0), s('Z', 1)), true],
      [opAdd(s('Sp', 0), s('Sm', 0)), true],
      [s('Sp', 0), false],
      [opAdd(s('Z', 0), opScale(s('Z', 1), 0, 1)), false],
    ];
    for (const [op, isH] of ops) {
      const a = hermiticity(float64Field, sparseEntries(opToSparse(op))), b = hermiticity(float64Field, opSumEntries(op)), c = opHermiticity(op);
      expect([a.hermitian, b.hermitian, c.hermitian]).toEqual([isH, isH, isH]);
      if (!isH) expect([b.residual, c.residual, b.scale]).toEqual([a.residual, a.residual, a.scale]);
    }
  });
});

describe('both engines word a non-Hermitian H alike', () => {
  const bath = 'bath: { spectrum: flat, rate: 1, T: 1 }';
  const model = loadModelText(`H: "Z[0] + im*Z[1]"\nchannels:\n  - A: "X[0]"\n    ${bath}\nstate: up\n`, 'm.yaml');
  const messageOf = (f: () => unknown): string => {
    try { f(); } catch (e) { if (e instanceof InputError) return e.errors[0].message; throw e; }
    return '';
  };
  it('float64 (dense and diagonal) and Decimal: the same residual and relative size, each its own tolerance', () => {
    const dense = messageOf(() => computeCurrent(model, 2, { method: 'dense' }));
    const diagonal = messageOf(() => computeCurrent(model, 2, { method: 'diagonal' }));
    const precise = messageOf(() => computePrecise(model, 2, { digits: 30 }));
    expect(dense).toBe('H must be Hermitian: max |X - X^+| = 2 (relative 1.41, tolerance 1e-10)');
    expect(diagonal).toBe(dense);
    // The Decimal engine works with 30 + 10 guard digits: tolerance 100 x 10^-40.
    expect(precise).toBe('H must be Hermitian: max |X - X^+| = 2 (relative 1.41, tolerance 1e-38)');
  });
});
