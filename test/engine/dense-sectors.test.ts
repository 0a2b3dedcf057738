/**
 * Issue 14 items 1 (U(1)) and 2: the excitation number detected on product terms, the dense method
 * with each A kept as the blocks of H_S it connects, and beyond L = 12 a budget on the blocks
 * instead of 2^L. The block layout gives the dense layout's J, terms and bounds (and the decimal.js
 * engine's within the reported errors); the charges agree with the matrices' own entries.
 */
import { describe, expect, it } from 'vitest';
import { parseExpr, loadModelFile, loadModelText, type ModelSpec, type Origin } from '../../src/lang/index.js';
import { evalOperator } from '../../src/engine/operators.js';
import { chargeChanges, chargeClassDimension, float64Field, opToSparse, type Bounded } from '../../src/numeric/index.js';
import { currentBoundNames } from '../../src/engine/assemble.js';
import { currentReport } from '../../src/engine/system.js';
import { float64System } from '../../src/engine/current.js';
import { decimalSystem, preciseSystem } from '../../src/engine/precise/current.js';
import { instantiateWithState } from '../../src/engine/family.js';
import { denseSystem, type DenseLayout } from '../../src/engine/methods/dense.js';
import { stateText } from '../../src/engine/states.js';
import { computeCurrent, NoMethodError } from '../../src/engine/index.js';
import { decimalField } from '../../src/numeric/index.js';
import { fixture, root } from '../helpers.js';
import { join } from 'node:path';
import { runCli } from '../cli-run.js';

const origin = (text: string): Origin => {
  const expr = parseExpr(text, { file: 't.yaml', key: 'H', line: 1, column: 1 });
  return { file: 't.yaml', located: { expr, key: 'H', text } };
};

/** The charge changes read off the matrix: exc(i) - exc(j) over its nonzero entries (exc = sites in u = 0 bits). */
function matrixCharges(text: string, L: number): number[] {
  const o = origin(text);
  const m = opToSparse(evalOperator(o, o.located.expr, new Map([['L', L]]), L));
  const exc = (i: number) => { let c = 0; for (let k = 0; k < L; k++) if (((i >> k) & 1) === 0) c++; return c; };
  const qs = new Set<number>();
  for (let i = 0; i < m.n; i++) {
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) if (m.re[p] !== 0 || m.im[p] !== 0) qs.add(exc(i) - exc(m.col[p]));
  }
  return [...qs].sort((a, b) => a - b);
}

describe('the excitation number on product terms (numeric/charge)', () => {
  const cases = [
    'sum(k, 0, L-2, X[k]*X[k+1] + Y[k]*Y[k+1] + 0.5 * Z[k]*Z[k+1]) + 0.3 * sum(k, Z[k])',
    'sum(k, 0, L-2, Sp[k]*Sm[k+1] + Sm[k]*Sp[k+1])',
    'sum(k, Z[k]*Z[(k+1)%L]) + 0.7 * sum(k, X[k])',
    'X[0]', 'X[L-1] + Z[L-1]', 'Jz', 'Jx', 'Jp*Jm', 'Sp[0]*Sp[1] + Sm[0]*Sm[1]', 'Y[0]*Y[1] - X[0]*X[1]', 'prod(k, X[k])',
    'X[0]*X[1] + Y[0]*Y[1] + 1e-17 * X[0]', 'X[0]*Y[1] - Y[0]*X[1]', 'X[0]*Y[1] + Y[0]*X[1]',
  ];
  for (const text of cases) {
    it(`${text}: the charge changes are those of its matrix (L = 4, 5)`, () => {
      for (const L of [4, 5]) {
        const o = origin(text);
        expect(chargeChanges(evalOperator(o, o.located.expr, new Map([['L', L]]), L)), `L = ${L}`).toEqual(matrixCharges(text, L));
      }
    });
  }
  it('class dimensions are binomials and sum to 2^L', () => {
    for (const L of [1, 7, 16]) {
      let s = 0;
      for (let m = 0; m <= L; m++) s += chargeClassDimension(L, m);
      expect(s).toBe(2 ** L);
    }
    expect(chargeClassDimension(13, 6)).toBe(1716);
    expect(chargeClassDimension(13, 14)).toBe(0);
  });
});

const xxz = loadModelFile(join(root, 'bench', 'models', 'xxz.yaml'));
const collective = loadModelText(`name: xxz-collective
params: { J: 1, Delta: 0.7, h: 0.4, g: 0.5, T: 1.5 }
H: "J * sum(k, 0, L-2, X[k]*X[k+1] + Y[k]*Y[k+1] + Delta * Z[k]*Z[k+1]) + h * sum(k, Z[k])"
channels:
  - A: "Jz"
    bath: { spectrum: ohmic, rate: g, T: T, wc: 2 }
  - A: "X[0] + 0.5 * Z[1]"
    bath: { spectrum: flat, rate: g, T: 0 }
state: "product(pi/3, 0.2)"
`, 'xxz-collective.yaml');
const tfim = loadModelFile(join(root, 'bench', 'models', 'tfim.yaml'));
// Complex Hermitian and U(1): a Dzyaloshinskii-Moriya chain (complex eigenvectors, complex A~).
const dm = loadModelText(`name: dm
params: { h: 1, D: 0.4, J: 0.8, g: 1, T: 0.7 }
H: "h * sum(k, Z[k]) + D * sum(k, 0, L-2, X[k]*Y[k+1] - Y[k]*X[k+1]) + J * sum(k, 0, L-2, X[k]*X[k+1] + Y[k]*Y[k+1])"
channels:
  - A: "Y[0] + 0.3 * Z[L-1]"
    bath: { spectrum: flat, rate: g, T: T }
  - A: "Sp[0]*Sm[L-1] + dag(Sp[0]*Sm[L-1])"
    bath: { spectrum: flat, rate: "g/3", T: "2*T" }
state: "product(pi/3, pi/5)"
`, 'dm.yaml');

function report(model: ModelSpec, L: number, layout: DenseLayout) {
  const { inst, spec, stateOrigin } = instantiateWithState(model, L);
  return currentReport(float64System(model.name, L, stateText(spec), denseSystem(inst, spec, stateOrigin, layout)));
}

describe('the dense method with each A as the blocks it connects', () => {
  const cases: [string, number, ModelSpec][] = [
    ['xxz, two end baths, thermal', 7, xxz], ['xxz with a collective Jz channel, product state', 6, collective],
    ['tfim (one block, no U(1))', 6, tfim], ['xx_chain (degenerate, collective Jx)', 6, fixture('xx_chain.yaml')],
    ['ohmic (XXZ + Jp Jm, top state)', 5, fixture('ohmic.yaml')], ['dm (complex, U(1))', 6, dm], ['steady_two_baths (steady state)', 4, fixture('steady_two_baths.yaml')],
  ];
  it.each(cases)('%s at L = %i: J, every term, bound and channel equal the dense layout\'s; errors of the same size', (_, L, model) => {
    const full = report(model, L, 'full'), blocks = report(model, L, 'blocks');
    const same = (a: Bounded<number>, b: Bounded<number>, what: string) => {
      expect(Math.abs(a.value - b.value), what).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(b.value)));
      // The errors rest on the same bounds; elements at round-off (which differ with the rounding
      // of the blocks below the diagonal, now conjugate transposes) move them slightly.
      expect(a.error, `${what} error`).toBeLessThanOrEqual(b.error * 1.01 + 1e-300);
    };
    same(blocks.J, full.J, 'J');
    for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE', 'omegaGammaMax'] as const) same(blocks.terms[k], full.terms[k], k);
    for (const b of currentBoundNames) same(blocks.all[b], full.all[b], b);
    blocks.channels.forEach((c, i) => {
      for (const k of ['J', 'normA', 'pinchedA2', 'deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate'] as const) same(c[k], full.channels[i][k], `channel ${i} ${k}`);
    });
    expect(blocks.verdicts).toEqual(full.verdicts);
  });

  it.each([['xxz', 4, xxz], ['xxz with a collective Jz channel', 4, collective], ['xx_chain', 4, fixture('xx_chain.yaml')], ['dm (complex)', 4, dm]] as const)('%s at L = %i: within the reported errors of the decimal.js engine', (_, L, model) => {
    const f = report(model, L, 'blocks');
    const d = currentReport(decimalSystem(preciseSystem(model, L, 30, {})));
    const D = decimalField(30);
    const within = (a: Bounded<number>, b: Bounded<unknown>, what: string) => {
      const bv = D.toNumber(b.value as never), be = D.toNumber(b.error as never);
      expect(Math.abs(a.value - bv), what).toBeLessThanOrEqual(a.error + be + 4 * Number.EPSILON * Math.max(1, Math.abs(a.value)));
    };
    within(f.J, d.J, 'J');
    for (const b of currentBoundNames) within(f.all[b], d.all[b], b);
    f.channels.forEach((c, i) => within(c.J, d.channels[i].J, `channel ${i} J`));
    expect(float64Field.toNumber(f.J.value)).toBe(f.J.value);
  });
});

describe('beyond L = 12: the budget is per block', () => {
  // A diagonal H_S forced through the dense method: 2^13 blocks of one state, each A connecting
  // pairs of them; the diagonal method computes the same model independently.
  const diag = loadModelText(`name: zz
params: { g: 0.5, T: 1 }
H: "sum(k, 0, L-2, Z[k]*Z[k+1]) + 0.37 * sum(k, Z[k]) + 0.11 * Z[0]"
channels:
  - A: "X[0]"
    bath: { spectrum: flat, rate: g, T: T }
  - A: "Jz + X[L-1]"
    bath: { spectrum: flat, rate: g, T: T }
state: "thermal(1)"
`, 'zz.yaml');

  it('a model whose blocks fit is accepted at L = 13 and equals the diagonal method', () => {
    const dense = computeCurrent(diag, 13, { method: 'dense' });
    const diagonal = computeCurrent(diag, 13, { method: 'diagonal' });
    expect(dense.method).toBe('dense');
    expect(dense.notes.join(' ')).toMatch(/8192 block\(s\), largest 1;.*blocks of H_S it connects/);
    expect(Math.abs(dense.J - diagonal.J)).toBeLessThanOrEqual(dense.error.J + diagonal.error.J);
    for (const b of currentBoundNames) expect(Math.abs(dense.bounds[b] - diagonal.bounds[b]), b).toBeLessThanOrEqual(dense.error.bounds[b] + diagonal.error.bounds[b]);
    dense.channels.forEach((c, i) => expect(Math.abs(c.J - diagonal.channels[i].J)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c.J))));
  });

  const refusal = (model: ModelSpec, L: number): string => {
    try {
      computeCurrent(model, L, { method: 'dense' });
    } catch (err) {
      if (err instanceof NoMethodError) return err.reasons[0].reason;
      throw err;
    }
    throw new Error('accepted');
  };
  // A transverse-field chain without any symmetry the method finds: a site-dependent field breaks
  // the reflection and the translation, a longitudinal field on site 0 the spin flip.
  const plain = loadModelText(`name: tfim-plain
params: { g: 0.5, T: 1 }
H: "sum(k, Z[k]*Z[(k+1)%L]) + 0.7 * sum(k, (1 + k/10) * X[k]) + 0.3 * Z[0]"
channels:
  - A: "X[0]"
    bath: { spectrum: flat, rate: g, T: T }
state: "thermal(1)"
`, 'tfim-plain.yaml');
  it('without a conserved excitation number or a symmetry, L = 13 is refused as one block of 2^L', () => {
    expect(refusal(plain, 13)).toMatch(/^L = 13 > 12: H_S does not conserve the excitation number .*some terms change it.*commutes with none of the spin flip.*about 3\.0 GiB/);
  });
  it('an XXZ chain (excitation number and reflection) at L = 16 is refused by its blocks (largest 6470), at L = 17 before any matrix is built', () => {
    // C(16, 8) = 12870 states in the middle class, C(8, 4) = 70 of them reflection-symmetric: sectors of 6470 and 6400.
    expect(refusal(xxz, 16)).toMatch(/^L = 16 > 12: H_S's 32 blocks \(largest 6470\).* about \d+\.\d GiB \(at most 4\.0 GiB\)/);
    // sum_m C(17, m)^2 / 2 = C(34, 17) / 2 numbers of 8 bytes: 8.7 GiB.
    expect(refusal(xxz, 17)).toMatch(/^L = 17 > 12: H_S's 2 symmetry sectors within its excitation-number classes would need about 8\.7 GiB for the eigenvectors alone if they split no further/);
    // Finite sizes at any L (engine/memory-text), without building anything.
    expect(refusal(xxz, 100_000)).toMatch(/^L = 100000 > 12: .*largest about 2\^\d+\) would need about 2\^\d+ GiB/);
  });
  it('the CLI names the model, L and the budget, exit 2', async () => {
    const r = await runCli(['current', 'bench/models/xxz.yaml', '--L', '16']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bench\/models\/xxz\.yaml at L = 16 \(--L 16\)/);
    expect(r.err).toMatch(/dense: L = 16 > 12: H_S's 32 blocks \(largest 6470\)/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
