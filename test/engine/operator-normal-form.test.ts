/**
 * The float64 (numeric/opsum via engine/operators) and Decimal (engine/precise/operators) operator
 * evaluators collect an expression into the same normal form: one local matrix per site scaled to a
 * first nonzero entry 1, equal supports and matrices merged, zero coefficients dropped.
 */
import { describe, expect, it } from 'vitest';
import { parseExpr, type Origin } from '../../src/lang/index.js';
import { evalOperator } from '../../src/engine/operators.js';
import { evalOperatorPrecise } from '../../src/engine/precise/operators.js';
import { precision } from '../../src/numeric/index.js';

const origin = (text: string): Origin => {
  const expr = parseExpr(text, { file: 't.yaml', key: 'H', line: 1, column: 1 });
  return { file: 't.yaml', located: { expr, key: 'H', text } };
};

const key = (sites: readonly number[], mats: readonly Float64Array[]): string =>
  sites.map((s, q) => `${s}:${Array.from(mats[q]).map((x) => x + 0).join(',')}`).join('|');

function both(text: string, L: number) {
  const o = origin(text);
  const f = evalOperator(o, o.located.expr, new Map(), L);
  const P = precision(30);
  const d = evalOperatorPrecise(P.D, o, o.located.expr, new Map(), L);
  const fm = new Map(f.terms.map((t) => [key(t.sites, t.mats), [t.cr, t.ci]]));
  const dm = new Map(d.terms.map((t) => [key(t.sites, t.mats), [t.c.re.toNumber(), t.c.im.toNumber()]]));
  return { f: f.terms.length, d: d.terms.length, fm, dm };
}

describe('one normal form for float64 and Decimal product terms', () => {
  it.each([
    // X0 Y0 = i Z0: the first two cancel, leaving Z[1] alone.
    ['X[0]*Y[0] - im*Z[0] + Z[1]', 3, 1],
    ['Y[0]*X[0] + im*Z[0]', 2, 0],
    // XX + YY = 2 (Sp Sm + Sm Sp) as operators, but in different local matrices: 4 terms in both.
    ['Y[0]*Y[1] + X[0]*X[1] - 2*(Sp[0]*Sm[1] + Sm[0]*Sp[1])', 2, 4],
    // dag(Y) + Y = 2 Y, 0 X[1] dropped, Z Z = Id.
    ['dag(Y[0]) + Y[0] + 0*X[1] + Z[0]*Z[0]', 2, 2],
    ['sum(k, 0, 2, X[k]*Y[k]) - im*sum(k, 0, 2, Z[k]) + 0.5*Y[1]*Z[2]', 3, 1],
    ['(X[0] + im*Y[0])*(X[0] - im*Y[0]) - 2*Id - 2*Z[0] + N[1]*N[1]', 3, 1],
    // Id (from the squares) and XX, YY, ZZ on the 3 pairs.
    ['Jx*Jx + Jy*Jy + Jz*Jz', 3, 10],
  ])('%s at L = %i: %i terms in both engines, equal coefficients', (text, L, terms) => {
    const r = both(text, L);
    expect(r.f).toBe(terms);
    expect(r.d).toBe(terms);
    expect([...r.dm.keys()].sort()).toEqual([...r.fm.keys()].sort());
    for (const [k, [re, im]] of r.fm) {
      const [dre, dim] = r.dm.get(k)!;
      expect(Math.abs(dre - re)).toBeLessThanOrEqual(1e-14 * (1 + Math.abs(re)));
      expect(Math.abs(dim - im)).toBeLessThanOrEqual(1e-14 * (1 + Math.abs(im)));
    }
  });
});
