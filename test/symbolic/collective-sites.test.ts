/**
 * The collective reading of sums over sites (collective.ts) and exact square roots (scalarpoly.ts):
 * a two-site body such as Z[k]*Z[(k+1)%L] is not a one-site operator (it used to be read as
 * Z[k]^2 = 1, so the bond became the constant L), and sqrt(2)^2 is 2.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent } from '../../src/engine/index.js';
import { parseExpr, type Expr } from '../../src/lang/index.js';
import { Atoms } from '../../src/symbolic/atoms.js';
import { collectiveOf } from '../../src/symbolic/collective.js';
import { sourceKet } from '../../src/symbolic/ket.js';
import { branchAt, deriveFamily, NotDerivable, Poly, Q } from '../../src/symbolic/index.js';
import { scalarPoly, type PolyContext } from '../../src/symbolic/scalarpoly.js';
import { expectClose, fixture } from '../helpers.js';

const L = Poly.variable('L');
const parse = (text: string): Expr => parseExpr(text, { file: 't.yaml', key: 'H', line: 1, column: 1 });
const context = (text: string, params: Record<string, number> = {}): { e: Expr; ctx: PolyContext } => {
  const e = parse(text);
  return { e, ctx: { origin: { file: 't.yaml', located: { expr: e, key: 'H', text } }, params: new Map(Object.entries(params)), bound: new Map(), atoms: new Atoms(), size: 'L' } };
};
const collective = (text: string) => { const { e, ctx } = context(text, { w0: 1, Jzz: 0.3 }); return collectiveOf(e, ctx, L); };

describe('collective.ts: a body over all sites must act on one site', () => {
  it('sum(k, Z[k]*Z[(k+1)%L]) is not derived (as the constant L or anything else)', () => {
    expect(() => collective('sum(k, Z[k]*Z[(k+1)%L])')).toThrow(NotDerivable);
    expect(() => collective('sum(k, Z[k]*Z[(k+1)%L])')).toThrow(/different sites/);
    expect(() => collective('sum(k, X[k]*X[(k-1)%L] + Z[k])')).toThrow(NotDerivable);
    expect(() => collective('prod(k, Sp[k]*N[(k+2)%L])')).toThrow(NotDerivable);
  });
  it('a wrapped index on another bound name is not the summed site', () => {
    expect(() => collective('sum(k, sum(j, Z[k]*Z[(j+1)%L]))')).toThrow(NotDerivable);
  });
  it('a shift of the whole body is the same operator: sum(k, X[(k+1)%L]) = sum(k, X[k]) = 2 Jx', () => {
    const shifted = collective('sum(k, X[(k+1)%L] + 0.5*Z[(k+L+1)%L])'), plain = collective('sum(k, X[k] + 0.5*Z[k])');
    expect(shifted.structure.kind).toBe('linear');
    const lin = (s: typeof shifted) => (s.structure.kind === 'linear' ? s.structure.lin.map((c) => c.re.toString()) : []);
    expect(lin(shifted)).toEqual(lin(plain));
    // By hand: c0 = 0, cx = 2 (sum X = 2 Jx), cy = 0, cz = 1 (0.5 sum Z = Jz).
    expect(lin(plain)).toEqual(['0', '2', '0', '1']);
  });
  it('the Jz part of a field with a ring bond is the field alone only if the bond is refused', () => {
    // Before the fix, H = w0/2 sum Z + Jzz sum Z Z(k+1)%L was read as h0 = Jzz L, hz = w0: J = -g w0 L.
    expect(() => collective('w0/2*sum(k, Z[k]) + Jzz*sum(k, Z[k]*Z[(k+1)%L])')).toThrow(NotDerivable);
    const field = collective('sum(k, Z[k])');
    const k = field.op.apply(sourceKet());
    expect(k.length).toBe(1);
    expect(k[0].c.re.equals(Poly.variable('n').scale(Q.of(2)).sub(L))).toBe(true); // sum Z e_n = (2n - L) e_n, by hand
  });
  it('the model-level derivation of the ring is refused or right, never -g w0 L', () => {
    const spec = fixture('sites-ring.yaml');
    let d;
    try { d = deriveFamily(spec); } catch (err) { expect(err).toBeInstanceOf(NotDerivable); return; }
    for (const Lv of [3, 5]) expectClose(branchAt(d.J.form, Lv).evaluate({ ...d.env, L: Lv }), computeCurrent(spec, Lv).J, 1e-9, `J at L=${Lv}`);
  });
});

describe('scalarpoly.ts: exact square roots of rationals', () => {
  const poly = (text: string) => {
    const { e, ctx } = context(text, { w0: 2 });
    const p = scalarPoly(e, ctx);
    expect(p.im.isZero()).toBe(true);
    return { p: p.re, atoms: ctx.atoms };
  };
  it('sqrt(2)^2 = 2 and sqrt(c)^2 = c for rationals c', () => {
    expect(poly('sqrt(2)^2').p.equals(Poly.constant(2))).toBe(true);
    expect(poly('sqrt(2)*sqrt(2)').p.equals(Poly.constant(2))).toBe(true);
    expect(poly('sqrt(1/3)^2').p.equals(Poly.constant(Q.of(1, 3)))).toBe(true);
    expect(poly('sqrt(0.7)^2').p.equals(Poly.constant(Q.of(7, 10)))).toBe(true);
    expect(poly('sqrt(3)^5').p.toString()).toBe('9*(sqrt(3))');
    expect(poly('(1 + sqrt(2))*(1 - sqrt(2))').p.equals(Poly.constant(-1))).toBe(true);
  });
  it('sqrt of a square is rational, square factors come out', () => {
    expect(poly('sqrt(4)').p.equals(Poly.constant(2))).toBe(true);
    expect(poly('sqrt(9/4)').p.equals(Poly.constant(Q.of(3, 2)))).toBe(true);
    expect(poly('sqrt(0)').p.isZero()).toBe(true);
    const eight = poly('sqrt(8)');
    expect(eight.p.toString()).toBe('2*(sqrt(2))');
    expect(eight.p.evaluate(eight.atoms.env())).toBeCloseTo(Math.sqrt(8), 14);
    const half = poly('sqrt(0.5)');
    expect(half.p.toString()).toBe('1/2*(sqrt(2))');
    expect(poly('sqrt(0.5)*sqrt(2)').p.equals(Poly.constant(1))).toBe(true);
  });
  it('products of different roots and roots of params stay atoms', () => {
    expect(poly('sqrt(2)*sqrt(3)').p.variables()).toEqual(['(sqrt(2))', '(sqrt(3))']);
    const w = poly('sqrt(w0)^2');
    expect(w.p.variables()).toEqual(['(sqrt(w0))']);
    expect(w.p.evaluate(w.atoms.env())).toBeCloseTo(2, 14);
  });
});
