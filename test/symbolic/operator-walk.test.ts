/**
 * The one operator walk (symbolic/operator-walk.ts) over its instances: float64 product terms
 * (engine/operators), Decimal product terms (engine/precise/operators), float64 CSR sector matrices
 * (engine/collective) and Decimal sector columns (engine/precise/collective). The same laws run over
 * every instance: a collective expression restricted to the symmetric sector j = L/2 is one matrix
 * in all four, and a malformed one fails with one InputError (code and message) in all four.
 */
import { describe, expect, it } from 'vitest';
import { evalCollective } from '../../src/engine/collective.js';
import { evalOperator } from '../../src/engine/operators.js';
import { evalCollectivePrecise } from '../../src/engine/precise/collective.js';
import { evalOperatorPrecise, preciseMatrix } from '../../src/engine/precise/operators.js';
import { InputError, parseExpr, type Expr, type Origin } from '../../src/lang/index.js';
import { opToSparse } from '../../src/numeric/index.js';
import { precision } from '../../src/numeric/precise/context.js';
import { Atoms } from '../../src/symbolic/atoms.js';
import { collectiveOf } from '../../src/symbolic/collective.js';
import { Poly } from '../../src/symbolic/index.js';

const L = 4;
const D = precision(30).D;

function setup(text: string): { e: Expr; origin: Origin } {
  const e = parseExpr(text, { file: 't.yaml', key: 'A', line: 1, column: 1 });
  return { e, origin: { file: 't.yaml', located: { expr: e, key: 'A', text } } };
}

type Matrix = [number, number][][]; // [row][col] = [re, im]

const zeros = (n: number): Matrix => Array.from({ length: n }, () => Array.from({ length: n }, () => [0, 0] as [number, number]));

/** The number of up spins of a product-basis index (bit L-1-k is site k, 0 = up). */
const ups = (b: number): number => { let c = 0; for (let k = 0; k < L; k++) if (((b >> k) & 1) === 0) c++; return c; };

/** <D_q| A |D_p> for the Dicke states D_p (p ups), from the product-basis matrix element get(row, col). */
function dickeProjection(entries: [number, number, number, number][]): Matrix {
  const n = 2 ** L;
  const size = Array.from({ length: L + 1 }, () => 0);
  for (let b = 0; b < n; b++) size[ups(b)]++;
  const out = zeros(L + 1);
  for (const [r, c, re, im] of entries) {
    const q = ups(r), p = ups(c);
    const w = 1 / Math.sqrt(size[q] * size[p]);
    out[q][p][0] += re * w;
    out[q][p][1] += im * w;
  }
  return out;
}

/** The operator of `text` in the sector j = L/2, from each of the four instances of the walk. */
function fourWays(text: string): Record<'floatTerms' | 'decimalTerms' | 'floatSector' | 'decimalSector', Matrix> {
  const { e, origin } = setup(text);
  const sparse = opToSparse(evalOperator(origin, e, new Map([['L', L]]), L));
  const fe: [number, number, number, number][] = [];
  for (let r = 0; r < sparse.n; r++) for (let q = sparse.rowPtr[r]; q < sparse.rowPtr[r + 1]; q++) fe.push([r, sparse.col[q], sparse.re[q], sparse.im[q]]);
  const cols = preciseMatrix(D, evalOperatorPrecise(D, origin, e, new Map([['L', new D(L)]]), L)).cols;
  const de: [number, number, number, number][] = [];
  cols.forEach((col, c) => { for (const [r, v] of col) de.push([r, c, v.re.toNumber(), v.im.toNumber()]); });
  const fs = evalCollective(origin, e, new Map([['L', L]]), L, L).matrix;
  const floatSector = zeros(L + 1);
  for (let r = 0; r < fs.n; r++) for (let q = fs.rowPtr[r]; q < fs.rowPtr[r + 1]; q++) floatSector[r][fs.col[q]] = [fs.re[q], fs.im[q]];
  const ds = evalCollectivePrecise(D, origin, e, new Map([['L', new D(L)]]), L, L).matrix;
  const decimalSector = zeros(L + 1);
  ds.cols.forEach((col, c) => { for (const [r, v] of col) decimalSector[r][c] = [v.re.toNumber(), v.im.toNumber()]; });
  return { floatTerms: dickeProjection(fe), decimalTerms: dickeProjection(de), floatSector, decimalSector };
}

describe('one operator walk over product terms and sector matrices, float64 and Decimal', () => {
  const collective = [
    'Jx', 'Jy*Jz - 2*Jp', 'sum(k, X[k] + 0.5*Z[k])^2', 'prod(k, Sp[k]) + prod(k, Sm[k])', 'dag(Jp)*Jm/2',
    'prod(k, X[k])', 'Jz^3 - Id', 'sum(k, Z[k]*2 - Z[k]/4) * (1 + im)', '-(Jx - Jy)*Jz^0 + dag(sum(k, Sp[k]*im))',
    // dag of a scalar is its conjugate in every instance (the sector walks used to reject it).
    'dag(im)*Jz', 'Jx*dag(2 + im)',
  ];
  for (const text of collective) {
    it(`${text}: one matrix in the sector j = L/2 from all four`, () => {
      const m = fourWays(text);
      for (const got of [m.decimalTerms, m.floatSector, m.decimalSector]) {
        got.forEach((row, q) => row.forEach(([re, im], p) => {
          expect(Math.abs(re - m.floatTerms[q][p][0])).toBeLessThan(1e-12);
          expect(Math.abs(im - m.floatTerms[q][p][1])).toBeLessThan(1e-12);
        }));
      }
    });
  }

  const malformed: [string, string, string][] = [
    ['Jx / 0', 'domain-error', 'division by zero'],
    ['Jx / Jz', 'not-a-scalar', 'an operator can only be divided by a scalar'],
    ['2 / Jz', 'not-a-scalar', 'an operator can only be divided by a scalar'],
    ['Jx ^ (0 - 1)', 'bad-exponent', 'an operator power needs an integer exponent >= 0, got -1'],
    ['Jx ^ 0.5', 'domain-error', 'an operator exponent must be an integer, got 0.5'],
    ['Jx % 2', 'not-a-scalar', "'%' takes scalars, not operators"],
    ['sum(k, X[k] / 0)', 'domain-error', 'division by zero'],
  ];
  for (const [text, code, message] of malformed) {
    it(`${text}: one InputError from all four`, () => {
      const { e, origin } = setup(text);
      const runs: (() => unknown)[] = [
        () => evalOperator(origin, e, new Map([['L', L]]), L),
        () => evalOperatorPrecise(D, origin, e, new Map([['L', new D(L)]]), L),
        () => evalCollective(origin, e, new Map([['L', L]]), L, L),
        () => evalCollectivePrecise(D, origin, e, new Map([['L', new D(L)]]), L, L),
      ];
      for (const run of runs) {
        let err: unknown = null;
        try { run(); } catch (x) { err = x; }
        expect(err).toBeInstanceOf(InputError);
        expect((err as InputError).errors.map((x) => [x.code, x.message])).toEqual([[code, message]]);
      }
    });
  }

  it('the exact instance conjugates a scalar under dag too', () => {
    const { e, origin } = setup('dag(im)*Jz');
    const s = collectiveOf(e, { origin, params: new Map(), bound: new Map(), atoms: new Atoms(), size: 'L' }, Poly.variable('L')).structure;
    expect(s.kind).toBe('linear');
    if (s.kind !== 'linear') return;
    expect(s.lin.map((z) => [z.re.evaluate({ L }), z.im.evaluate({ L })])).toEqual([[0, 0], [0, 0], [0, 0], [0, -1]]);
  });
});
