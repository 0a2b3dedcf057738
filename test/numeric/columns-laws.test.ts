/**
 * The laws of the one column enumeration of product-term sums (numeric/opsum ColumnApplier, and
 * forEachTermImage for other fields), run over both of its instances: float64 (ColumnApplier and
 * opToSparse) and Decimal at 30 digits (engine/precise's preciseMatrix). On random sums both give
 * the columns of the Kronecker-product reference, and each other's: exactly on dyadic coefficients
 * (every product and sum exact in both fields), within 1e-12 on arbitrary float64 coefficients.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preciseMatrix, preciseTermSums, type PreciseOpSum } from '../../src/engine/precise/operators.js';
import {
  ColumnApplier, opAdd, opMul, opScalar, opSite, opToSparse, precision, siteOperators, type Local, type OpSum,
} from '../../src/numeric/index.js';

const SEED = 1313;
const RUNS = 150;
const D = precision(30).D;

const names = ['X', 'Y', 'Z', 'Sp', 'Sm', 'N', 'I'] as const;
type Raw = { re: number; im: number; factors: [number, (typeof names)[number]][] }[];

const rawSum = (L: number, coefficient: fc.Arbitrary<number>): fc.Arbitrary<Raw> => fc.array(fc.record({
  re: coefficient,
  im: coefficient,
  factors: fc.array(fc.tuple(fc.integer({ min: 0, max: L - 1 }), fc.constantFrom(...names)), { minLength: 0, maxLength: 5 }),
}), { minLength: 0, maxLength: 6 });
/** Dyadic coefficients k/4, |k| <= 8. */
const dyadic = fc.integer({ min: -8, max: 8 }).map((k) => k / 4);
/** Arbitrary float64 coefficients in [-3, 3]. */
const real = fc.double({ min: -3, max: 3, noNaN: true });
const sizes = fc.integer({ min: 1, max: 4 });

function floatSum(L: number, raw: Raw): OpSum {
  let acc = opScalar(L, 0);
  for (const t of raw) {
    let p = opScalar(L, t.re, t.im);
    for (const [k, op] of t.factors) p = opMul(p, opSite(L, k, siteOperators[op]));
    acc = opAdd(acc, p);
  }
  return acc;
}

function decimalSum(L: number, raw: Raw): PreciseOpSum {
  const S = preciseTermSums(D);
  let acc = S.scalar(L, { re: new D(0), im: new D(0) });
  for (const t of raw) {
    let p = S.scalar(L, { re: new D(t.re), im: new D(t.im) });
    for (const [k, op] of t.factors) p = S.mul(p, S.site(L, k, siteOperators[op]));
    acc = S.add(acc, p);
  }
  return acc;
}

type Dense = [number, number][][];
const zeros = (n: number): Dense => Array.from({ length: n }, () => Array.from({ length: n }, (): [number, number] => [0, 0]));

/** The reference: each raw term as c * (kron over sites of the product of its factors on that site), summed. */
function reference(L: number, raw: Raw): Dense {
  const n = 2 ** L;
  const out = zeros(n);
  const id: Local = siteOperators.I;
  const mul = (a: Local, b: Local): Local => {
    const m = new Float64Array(8);
    for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) for (let k = 0; k < 2; k++) {
      const ar = a[(r * 2 + k) * 2], ai = a[(r * 2 + k) * 2 + 1], br = b[(k * 2 + c) * 2], bi = b[(k * 2 + c) * 2 + 1];
      m[(r * 2 + c) * 2] += ar * br - ai * bi;
      m[(r * 2 + c) * 2 + 1] += ar * bi + ai * br;
    }
    return m as unknown as Local;
  };
  for (const t of raw) {
    const locals: Local[] = Array.from({ length: L }, () => id);
    for (const [k, op] of t.factors) locals[k] = mul(locals[k], siteOperators[op]);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let vr = t.re, vi = t.im;
      for (let k = 0; k < L; k++) {
        const bi = (i >> (L - 1 - k)) & 1, bj = (j >> (L - 1 - k)) & 1;
        const m = locals[k];
        const mr = m[(bi * 2 + bj) * 2], mi = m[(bi * 2 + bj) * 2 + 1];
        [vr, vi] = [vr * mr - vi * mi, vr * mi + vi * mr];
      }
      out[i][j][0] += vr;
      out[i][j][1] += vi;
    }
  }
  return out;
}

function ofSparse(a: OpSum): Dense {
  const S = opToSparse(a);
  const out = zeros(S.n);
  for (let i = 0; i < S.n; i++) for (let p = S.rowPtr[i]; p < S.rowPtr[i + 1]; p++) out[i][S.col[p]] = [S.re[p], S.im[p]];
  return out;
}

function ofApplier(a: OpSum): Dense {
  const app = new ColumnApplier(a);
  const out = zeros(app.n);
  for (let j = 0; j < app.n; j++) {
    const c = app.apply(j);
    for (let r = 0; r < c; r++) { out[app.rows[r]][j][0] += app.re[r]; out[app.rows[r]][j][1] += app.im[r]; }
  }
  return out;
}

function ofPrecise(a: PreciseOpSum): Dense {
  const m = preciseMatrix(D, a);
  const out = zeros(m.n);
  m.cols.forEach((col, j) => { for (const [i, v] of col) out[i][j] = [v.re.toNumber(), v.im.toNumber()]; });
  return out;
}

/** -0 read as 0 (signed zeros are not a law of the enumeration). */
const unsigned = (d: Dense): Dense => d.map((row) => row.map(([re, im]): [number, number] => [re + 0, im + 0]));

const close = (a: Dense, b: Dense, tol: number): void => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) {
    worst = Math.max(worst, Math.abs(a[i][j][0] - b[i][j][0]), Math.abs(a[i][j][1] - b[i][j][1]));
  }
  expect(worst).toBeLessThanOrEqual(tol);
};

const instances: [string, (L: number, raw: Raw) => Dense][] = [
  ['float64 opToSparse', (L, raw) => ofSparse(floatSum(L, raw))],
  ['float64 ColumnApplier', (L, raw) => ofApplier(floatSum(L, raw))],
  ['decimal(30) preciseMatrix', (L, raw) => ofPrecise(decimalSum(L, raw))],
];

describe.each(instances)('the columns of a product-term sum, %s', (_name, columns) => {
  it('are the Kronecker-product reference, exactly on dyadic coefficients', () => {
    fc.assert(fc.property(sizes.chain((L) => fc.tuple(fc.constant(L), rawSum(L, dyadic))), ([L, raw]) => {
      expect(unsigned(columns(L, raw))).toEqual(unsigned(reference(L, raw)));
    }), { seed: SEED, numRuns: RUNS });
  });

  it('are the Kronecker-product reference within 1e-12 on arbitrary coefficients', () => {
    fc.assert(fc.property(sizes.chain((L) => fc.tuple(fc.constant(L), rawSum(L, real))), ([L, raw]) => {
      close(columns(L, raw), reference(L, raw), 1e-12);
    }), { seed: SEED, numRuns: RUNS });
  });
});

describe('float64 and Decimal(30) columns agree', () => {
  it('exactly on dyadic coefficients, within 1e-12 otherwise', () => {
    fc.assert(fc.property(sizes.chain((L) => fc.tuple(fc.constant(L), rawSum(L, dyadic), rawSum(L, real))), ([L, exact, any]) => {
      expect(unsigned(ofSparse(floatSum(L, exact)))).toEqual(unsigned(ofPrecise(decimalSum(L, exact))));
      close(ofSparse(floatSum(L, any)), ofPrecise(decimalSum(L, any)), 1e-12);
    }), { seed: SEED, numRuns: RUNS });
  });
});
