/**
 * Two-bath models (a hot and a cold thermal bath on different sites) in their steady state, for the
 * second law: heat flows in from the hotter bath and out to the colder (physics.md §6).
 */
import fc from 'fast-check';
import type { TwoBathSample } from './properties.js';

const q = (n: number, d: number): string => (n % d === 0 ? String(n / d) : `${n}/${d}`);

/**
 * Random chains of 1..maxL qubits: fields h_k Z_k and couplings J_k X_k X_{k+1}; the hot bath
 * couples to site 0 through a X + b Z, the cold bath to the last site; flat KMS spectra with
 * T_hot > T_cold > 0; the channels are named hot and cold (claims may use J[hot], J[cold]).
 * Shrinks toward fewer sites and simpler numbers.
 */
export function twoBathArbitrary(maxL = 3): fc.Arbitrary<TwoBathSample> {
  return fc.integer({ min: 1, max: maxL }).chain((L) => fc.record({
    L: fc.constant(L),
    h: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: L, maxLength: L }),
    J: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: Math.max(0, L - 1), maxLength: Math.max(0, L - 1) }),
    ah: fc.integer({ min: 1, max: 4 }), bh: fc.integer({ min: 0, max: 4 }),
    ac: fc.integer({ min: 1, max: 4 }), bc: fc.integer({ min: 0, max: 4 }),
    Tc: fc.integer({ min: 1, max: 8 }), dT: fc.integer({ min: 1, max: 8 }),
    rh: fc.integer({ min: 1, max: 4 }), rc: fc.integer({ min: 1, max: 4 }),
  })).map((g) => {
    const H = [
      ...g.h.map((h, k) => `${q(h, 4)}*Z[${k}]`),
      ...g.J.map((j, k) => (j === 0 ? '' : `${q(j, 4)}*X[${k}]*X[${k + 1}]`)).filter((t) => t !== ''),
    ].join(' + ');
    const A = (a: number, b: number, k: number): string => `${q(a, 4)}*X[${k}]${b ? ` + ${q(b, 4)}*Z[${k}]` : ''}`;
    const Thot = (g.Tc + g.dT) / 4, Tcold = g.Tc / 4;
    const text = [
      'name: random-two-bath',
      `H: "${H}"`,
      'channels:',
      '  - name: hot',
      `    A: "${A(g.ah, g.bh, 0)}"`,
      `    bath: { spectrum: flat, rate: "${q(g.rh, 4)}", T: "${q(g.Tc + g.dT, 4)}" }`,
      '  - name: cold',
      `    A: "${A(g.ac, g.bc, g.L - 1)}"`,
      `    bath: { spectrum: flat, rate: "${q(g.rc, 4)}", T: "${q(g.Tc, 4)}" }`,
      'state: steady',
      '',
    ].join('\n');
    return {
      cls: 'local' as const, name: 'random-two-bath', L: g.L, text,
      h: g.h.reduce((m, h) => m + h / 4, 0) / g.L + g.J.reduce((m, j) => m + Math.abs(j) / 4, 0) / g.L,
      a: ((g.ah + g.bh) / 4 + (g.ac + g.bc) / 4) / g.L, deltaE: null, rateMax: Math.max(g.rh, g.rc) / 4,
      Thot, Tcold,
    };
  });
}
