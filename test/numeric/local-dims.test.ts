/**
 * Local operators of any dimension (model language v2): the spin-s matrices against their algebra
 * ([Sx, Sy] = i Sz, S^2 = s(s+1) Id, S+ = Sx + i Sy), the truncated mode ([a, adag] = Id but in the
 * last Fock state, n = adag a), the 2 x 2 paths equal to v1's, and the mixed-radix matrix of a
 * product term against the Kronecker product written out here.
 */
import { describe, expect, it } from 'vitest';
import { bosonMatrices, levelProjector, localMul, opSite, opMul, opAdd, opToSparse, siteOperators, spinMatrices, type Local } from '../../src/numeric/index.js';
import { localAdjoint } from '../../src/numeric/local.js';

const sub = (a: Local, b: Local) => a.map((x, i) => x - b[i]);
const scale = (a: Local, re: number, im: number) => { const o = new Float64Array(a.length); for (let q = 0; q < a.length / 2; q++) { o[2 * q] = re * a[2 * q] - im * a[2 * q + 1]; o[2 * q + 1] = re * a[2 * q + 1] + im * a[2 * q]; } return o; };
const eye = (d: number) => { const o = new Float64Array(2 * d * d); for (let i = 0; i < d; i++) o[2 * (i * d + i)] = 1; return o; };
const maxAbs = (a: Float64Array) => Math.max(0, ...Array.from(a, Math.abs));

describe('local operators of dimension d', () => {
  for (const twoS of [1, 2, 3, 4]) {
    it(`spin ${twoS}/2: [Sx, Sy] = i Sz, S^2 = s(s+1), S+ = Sx + i Sy, Sm = S+^+`, () => {
      const { Sx, Sy, Sz, Sp, Sm } = spinMatrices(twoS);
      const s = twoS / 2, d = twoS + 1;
      expect(maxAbs(sub(sub(localMul(Sx, Sy), localMul(Sy, Sx)), scale(Sz, 0, 1)))).toBeLessThan(1e-14);
      const S2 = [Sx, Sy, Sz].map((m) => localMul(m, m)).reduce((a, b) => a.map((x, i) => x + b[i]));
      expect(maxAbs(sub(S2, scale(eye(d), s * (s + 1), 0)))).toBeLessThan(1e-13);
      expect(maxAbs(sub(Sp, Sx.map((x, i) => x + scale(Sy, 0, 1)[i])))).toBeLessThan(1e-15);
      expect(maxAbs(sub(Sm, localAdjoint(Sp)))).toBe(0);
      expect(Sz[0]).toBe(s); // index 0 is m = s
    });
  }
  it('at s = 1/2 Sp, Sm are v1\'s and Sx, Sy, Sz half the Paulis, exactly', () => {
    const j = spinMatrices(1);
    expect(Array.from(j.Sp)).toEqual(Array.from(siteOperators.Sp));
    expect(Array.from(j.Sm)).toEqual(Array.from(siteOperators.Sm));
    expect(Array.from(j.Sx)).toEqual(Array.from(siteOperators.X, (x) => x / 2));
    expect(Array.from(j.Sy)).toEqual(Array.from(siteOperators.Y, (x) => x / 2));
    expect(Array.from(j.Sz)).toEqual(Array.from(siteOperators.Z, (x) => x / 2));
  });
  it('a truncated mode: [a, adag] = Id but -(d-1) in the last Fock state, n = adag a', () => {
    const d = 6;
    const { a, adag, n } = bosonMatrices(d);
    const c = sub(localMul(a, adag), localMul(adag, a));
    const want = eye(d); want[2 * ((d - 1) * d + d - 1)] = -(d - 1);
    expect(maxAbs(sub(c, want))).toBeLessThan(1e-14);
    expect(maxAbs(sub(n, localMul(adag, a)))).toBeLessThan(1e-14);
  });
  it('the mixed-radix matrix of Sx (x) |0><2| (x) a on dims [3, 3, 4] is their Kronecker product', () => {
    const dims = [3, 3, 4];
    const A = spinMatrices(2).Sx, B = levelProjector(3, 0, 2), C = bosonMatrices(4).a;
    const op = opMul(opMul(opSite(3, 0, A), opSite(3, 1, B)), opSite(3, 2, C));
    const sum = opAdd(op, opSite(3, 1, levelProjector(3, 1, 1)));
    const m = opToSparse(sum, dims);
    const n = 36;
    const dense = new Float64Array(n * n);
    for (let r = 0; r < n; r++) for (let p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) dense[r * n + m.col[p]] += m.re[p];
    const ent = (M: Local, d: number, r: number, c: number) => M[2 * (r * d + c)];
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const [r0, r1, r2] = [Math.floor(r / 12), Math.floor(r / 4) % 3, r % 4], [c0, c1, c2] = [Math.floor(c / 12), Math.floor(c / 4) % 3, c % 4];
        const want = ent(A, 3, r0, c0) * ent(B, 3, r1, c1) * ent(C, 4, r2, c2) + (r0 === c0 && r2 === c2 ? ent(levelProjector(3, 1, 1), 3, r1, c1) : 0);
        expect(Math.abs(dense[r * n + c] - want)).toBeLessThan(1e-15);
      }
    }
  });
});
