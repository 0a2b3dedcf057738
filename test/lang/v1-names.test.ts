/**
 * v1 files keep working: a v1 model (no `sites:`) may name a param or an index `P`, `Sx`, `Sy` or
 * `Sz` (names v2 gave operators), and it means what it meant before v2; with `sites:` they are reserved.
 */
import { describe, expect, test } from 'vitest';
import { computeCurrent } from '../../src/engine/index.js';
import { loadModelText, printExpr } from '../../src/lang/index.js';
import { at, errorOf, errorsOf } from './helpers.js';

const v1 = (params: string, H: string, A: string) =>
  `params: { ${params} }\nH: "${H}"\nchannels:\n  - A: "${A}"\n    bath: { spectrum: flat, rate: g, T: 1 }\nstate: thermal(2)\n`;

describe('v1 params and indices named P, Sx, Sy, Sz', () => {
  test('a v1 file with params P and Sx uses them as scalars, and computes as the same file with other names', () => {
    const named = loadModelText(v1('P: 2, Sx: 1, Sy: 0.5, Sz: 0.25, g: 0.1', 'P*sum(k, Z[k]) + Sx*sum(k, 0, L-2, X[k]*X[k+1]) + Sy*Sz*Y[0]', 'Sx*X[0] + P*Z[1]'), 'm.yaml');
    expect(named.params.map((p) => p.name)).toEqual(['P', 'Sx', 'Sy', 'Sz', 'g']);
    expect(printExpr(named.H.expr)).toBe('P*sum(k, Z[k]) + Sx*sum(k, 0, L - 2, X[k]*X[k + 1]) + Sy*Sz*Y[0]');
    const renamed = loadModelText(v1('p: 2, sx: 1, sy: 0.5, sz: 0.25, g: 0.1', 'p*sum(k, Z[k]) + sx*sum(k, 0, L-2, X[k]*X[k+1]) + sy*sz*Y[0]', 'sx*X[0] + p*Z[1]'), 'm.yaml');
    const a = computeCurrent(named, 3);
    const b = computeCurrent(renamed, 3);
    expect(a.J).toBe(b.J);
    expect(a.J).not.toBe(0);
    expect(a.bounds).toEqual(b.bounds);
  });

  test('a v1 bound index or each named P or Sx', () => {
    const spec = loadModelText(v1('g: 0.1', 'sum(P, Z[P]) + sum(Sx, 0, L-2, X[Sx]*X[Sx+1])', 'X[Sz]').replace('  - A:', '  - each: Sz\n    A:'), 'm.yaml');
    expect(spec.channels[0].each).toBe('Sz');
  });

  test('in a v1 file the operators Sx[k] and P[i,j][k] exist where the name is not a param', () => {
    expect(printExpr(loadModelText(v1('g: 0.1', 'Sx[0] + P[0,1][1] + P[1,0][1]', 'Sz[0]'), 'm.yaml').H.expr)).toBe('Sx[0] + P[0,1][1] + P[1,0][1]');
  });

  test('a v1 param named P or Sx takes no index: an error at the name, as before v2', () => {
    const text = v1('P: 2, Sx: 1, g: 0.1', 'P[0,1][0] + Z[0]', 'Sx[0]');
    const found = errorsOf(() => loadModelText(text, 'm.yaml'));
    expect(found.map((e) => `${e.code}@${e.line}:${e.column} ${e.key} ${e.token}`)).toEqual([
      `${at('unexpected-token', text, 'P[')} H P`,
      `${at('unexpected-token', text, 'Sx[')} channels[0].A Sx`,
    ]);
    expect(found[0].message).toBe("expected an operator after 'P'; 'P' is a param of this model (a v1 file, without sites:, where a name the file defines wins over the v2 operator), and it takes no index [..]");
    const bound = errorOf(() => loadModelText(v1('g: 0.1', 'sum(Sy, Sy[0])', 'X[0]'), 'm.yaml'));
    expect(bound).toMatchObject({ code: 'unexpected-token', token: 'Sy' });
    expect(bound.message).toContain("'Sy' is a bound index of this model");
  });

  test('with sites: the names P, Sx, Sy, Sz are reserved: bad-param and shadowed-name', () => {
    const text = `sites: { spin: 1 }\nparams: { P: 2, Sx: 1 }\nH: "sum(Sz, Sz[Sz])"\nchannels:\n  - each: Sy\n    A: "Sx[0]"\n    bath: { spectrum: flat, rate: 1 }\n`;
    const found = errorsOf(() => loadModelText(text, 'm.yaml'));
    expect(found.map((e) => `${e.code}@${e.line}:${e.column} ${e.key}`)).toEqual([
      `${at('bad-param', text, 'P: 2')} params.P`,
      `${at('bad-param', text, 'Sx: 1')} params.Sx`,
      `${at('shadowed-name', text, 'Sz, ')} H`,
      `${at('shadowed-name', text, 'Sy\n')} channels[0].each`,
    ]);
    expect(found[0].message).toBe("'P' is a built-in name of the model language; choose another param name");
  });
});
