/**
 * engine/collective's float64 sector algebra is numeric's one DickeSector over float64Csr: its
 * matrices are bit for bit those the engine built by hand before (identity by sparseIdentity,
 * Jx and Jy as sparseAdd of J+ and J- with the factors 1/2 and -+i/2, add and scale by sparseAdd),
 * exact squared moduli included; and walking an expression gives the same matrix as composing them.
 */
import { describe, expect, it } from 'vitest';
import {
  DickeSector, float64Csr, sectorJm, sectorJp, sectorJz, sparseAdd, sparseIdentity, sparseMul, type SparseMatrix,
} from '../../src/numeric/index.js';
import { evalCollective } from '../../src/engine/collective.js';
import { loadModelText } from '../../src/lang/index.js';
import { instantiateWithState } from '../../src/engine/family.js';

const bits = (m: SparseMatrix) => ({ n: m.n, rowPtr: [...m.rowPtr], col: [...m.col], re: [...m.re].map((x) => Object.is(x, -0) ? '-0' : x), im: [...m.im].map((x) => Object.is(x, -0) ? '-0' : x), abs2: m.abs2 ? [...m.abs2].map(String) : null });

describe('the float64 sector algebra is DickeSector(float64Csr)', () => {
  it('named operators, identity, add and scale equal the hand-built ones bit for bit (2j = 0..40)', () => {
    for (let twoJ = 0; twoJ <= 40; twoJ++) {
      const S = new DickeSector(float64Csr, twoJ + 2, twoJ);
      const old: Record<string, SparseMatrix> = {
        Jz: sectorJz(twoJ), Jp: sectorJp(twoJ), Jm: sectorJm(twoJ),
        Jx: sparseAdd(sectorJp(twoJ), sectorJm(twoJ), [0.5, 0], [0.5, 0]),
        Jy: sparseAdd(sectorJp(twoJ), sectorJm(twoJ), [0, -0.5], [0, 0.5]),
      };
      for (const name of ['Jx', 'Jy', 'Jz', 'Jp', 'Jm'] as const) expect(bits(S.named(name)), `${name} 2j=${twoJ}`).toEqual(bits(old[name]));
      // Jm after Jp (the transpose of the cached J+) is the same matrix as Jm built alone.
      expect(bits(S.jm)).toEqual(bits(sectorJm(twoJ)));
      const c = { re: 0.3, im: -1.7 };
      expect(bits(S.identity(c))).toEqual(bits(sparseIdentity(twoJ + 1, c.re, c.im)));
      expect(bits(S.scale(old.Jx, c))).toEqual(bits(sparseAdd(old.Jx, old.Jx, [c.re, c.im], [0, 0])));
      expect(bits(S.add(old.Jx, old.Jy, c))).toEqual(bits(sparseAdd(old.Jx, old.Jy, [1, 0], [c.re, c.im])));
      expect(bits(S.mul(old.Jx, old.Jy))).toEqual(bits(sparseMul(old.Jx, old.Jy)));
    }
  });

  it('a walked expression is the composition of the sector operators', () => {
    const model = loadModelText('name: c\nH: "Jz + 0.5*Jx*Jy - 2*Jp*Jm"\nchannels:\n  - A: "Jx"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n');
    const L = 6;
    const { inst } = instantiateWithState(model, L);
    const H = evalCollective(inst.H, inst.H.located.expr, inst.scope, L, L).matrix;
    const S = new DickeSector(float64Csr, L, L);
    const expected = S.add(S.add(S.named('Jz'), S.mul(S.named('Jx'), S.named('Jy')), { re: 0.5, im: 0 }), S.mul(S.named('Jp'), S.named('Jm')), { re: -2, im: 0 });
    const dense = (m: SparseMatrix) => { const d = Array.from({ length: m.n * m.n }, () => [0, 0]); for (let i = 0; i < m.n; i++) for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) d[i * m.n + m.col[p]] = [m.re[p], m.im[p]]; return d; };
    const a = dense(H), b = dense(expected);
    a.forEach((z, k) => { expect(Math.abs(z[0] - b[k][0])).toBeLessThan(1e-12); expect(Math.abs(z[1] - b[k][1])).toBeLessThan(1e-12); });
  });
});
