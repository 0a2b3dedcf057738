/**
 * The one collective walk (symbolic/collective-walk.ts) over its three coefficient rings: the
 * float64 engine, the decimal.js engine and the exact derivation read the same linear spin forms
 * from the same expressions, and reject the same non-collective ones.
 */
import { describe, expect, it } from 'vitest';
import { evalCollective, NotCollective } from '../../src/engine/collective.js';
import { evalCollectivePrecise } from '../../src/engine/precise/collective.js';
import { parseExpr, type Expr, type Origin } from '../../src/lang/index.js';
import { precision } from '../../src/numeric/precise/context.js';
import { Atoms } from '../../src/symbolic/atoms.js';
import { collectiveOf } from '../../src/symbolic/collective.js';
import { NotDerivable, Poly } from '../../src/symbolic/index.js';

const L = 6;
const D = precision(30).D;

function setup(text: string): { e: Expr; origin: Origin } {
  const e = parseExpr(text, { file: 't.yaml', key: 'A', line: 1, column: 1 });
  return { e, origin: { file: 't.yaml', located: { expr: e, key: 'A', text } } };
}

/** The linear form [c0, cx, cy, cz] as [re, im] pairs from each of the three, or null. */
function linearForms(text: string): { float: number[][] | null; decimal: number[][] | null; exact: number[][] | null } {
  const { e, origin } = setup(text);
  const f = evalCollective(origin, e, new Map([['L', L]]), L, L);
  const d = evalCollectivePrecise(D, origin, e, new Map([['L', new D(L)]]), L, L);
  const x = collectiveOf(e, { origin, params: new Map(), bound: new Map(), atoms: new Atoms(), size: 'L' }, Poly.variable('L')).structure;
  return {
    float: f.linear ? f.linear.map((z) => [z[0], z[1]]) : null,
    decimal: d.linear ? d.linear.map((z) => [z.re.toNumber(), z.im.toNumber()]) : null,
    exact: x.kind === 'linear' ? x.lin.map((z) => [z.re.evaluate({ L }), z.im.evaluate({ L })]) : null,
  };
}

describe('one collective walk over float64, Decimal and exact coefficients', () => {
  const linear: [string, number[][]][] = [
    ['Jx', [[0, 0], [1, 0], [0, 0], [0, 0]]],
    ['Jm', [[0, 0], [1, 0], [0, -1], [0, 0]]],
    ['2*Jz - 3', [[-3, 0], [0, 0], [0, 0], [2, 0]]],
    ['dag(Jp) / 2', [[0, 0], [0.5, 0], [0, -0.5], [0, 0]]],
    ['sum(k, X[k] + 0.5*Z[k]) - Jy', [[0, 0], [2, 0], [-1, 0], [1, 0]]],
    ['sum(k, Sp[k]) + Id', [[1, 0], [1, 0], [0, 1], [0, 0]]],
    ['sum(k, N[k]^2)', [[L / 2, 0], [0, 0], [0, 0], [1, 0]]],
    ['Jx^1 + Jz^0', [[1, 0], [1, 0], [0, 0], [0, 0]]],
  ];
  for (const [text, expected] of linear) {
    it(`${text}: the same linear form in all three`, () => {
      const r = linearForms(text);
      for (const got of [r.float, r.decimal, r.exact]) {
        expect(got).not.toBeNull();
        got!.forEach((z, k) => { expect(z[0]).toBeCloseTo(expected[k][0], 12); expect(z[1]).toBeCloseTo(expected[k][1], 12); });
      }
    });
  }

  it('products of operators have no linear form', () => {
    const r = linearForms('Jx*Jz + prod(k, Sp[k])');
    expect([r.float, r.decimal, r.exact]).toEqual([null, null, null]);
  });

  const rejected: [string, string][] = [
    ['Z[0] + Jx', "'Z[0]' acts on one site, outside a sum or product over all sites"],
    ['sum(k, Jx)', 'Jx inside a sum over sites'],
    ['sum(k, Z[k]*Z[(k+1)%L])', 'a term acts on two sites: not a sum of one-site operators'],
  ];
  for (const [text, message] of rejected) {
    it(`${text}: rejected by both engines with one message, not derivable exactly`, () => {
      const { e, origin } = setup(text);
      expect(() => evalCollective(origin, e, new Map([['L', L]]), L, L)).toThrow(new NotCollective(message));
      expect(() => evalCollectivePrecise(D, origin, e, new Map([['L', new D(L)]]), L, L)).toThrow(new NotCollective(message));
      expect(() => collectiveOf(e, { origin, params: new Map(), bound: new Map(), atoms: new Atoms(), size: 'L' }, Poly.variable('L'))).toThrow(NotDerivable);
    });
  }
});

describe('exact division of an operator', () => {
  it('by a complex constant is not derivable (it used to divide by the real part)', () => {
    const { e, origin } = setup('Jx / (1 + im)');
    const ctx = { origin, params: new Map(), bound: new Map(), atoms: new Atoms(), size: 'L' };
    expect(() => collectiveOf(e, ctx, Poly.variable('L'))).toThrow(new NotDerivable("division of an operator by '1 + im'"));
    const f = evalCollective(origin, e, new Map([['L', L]]), L, L).linear!;
    expect(f[1][0]).toBeCloseTo(0.5, 15);
    expect(f[1][1]).toBeCloseTo(-0.5, 15);
  });
});
