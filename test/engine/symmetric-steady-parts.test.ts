/**
 * The steady parts of a state in the symmetric sector, solved by the one orchestration
 * (engine/steady-parts `steadyPartsIn`) in both engines: the float64 symmetric method
 * (engine/steady-start `steadyParts`) and the Decimal symmetric path (engine/precise/symmetric)
 * agree on J and every channel's J within their error bounds, for plain `steady` and steady(S).
 */
import { describe, expect, it } from 'vitest';
import { parseStateText } from '../../src/lang/index.js';
import { computeCurrent } from '../../src/engine/index.js';
import { evaluateSystem, preciseSymmetricSystem } from '../../src/engine/precise/index.js';
import { fixture } from '../helpers.js';

describe('steady parts in the symmetric sector, float64 and Decimal', () => {
  for (const f of ['steady_collective.yaml', 'steady_parity.yaml']) {
    for (const s of ['steady', 'steady(up)', 'steady(ghz)', 'steady(product(1, 0.5))']) {
      it(`${f} ${s}`, () => {
        for (const L of [4, 12]) {
          const state = parseStateText(s);
          const p = preciseSymmetricSystem(fixture(f), L, 30, { state });
          const e = evaluateSystem(p);
          const q = computeCurrent(fixture(f), L, { state });
          expect(q.method).toBe('symmetric');
          expect(Math.abs(e.J.value.toNumber() - q.J), `L=${L}`).toBeLessThanOrEqual(q.error.J + e.J.error.toNumber());
          e.channels.forEach((c, i) => expect(Math.abs(c.J.value.toNumber() - q.channels[i].J)).toBeLessThanOrEqual(q.error.J + c.J.error.toNumber()));
          // Each steady part is announced, then the Decimal solver's notes follow as they are.
          const head = s === 'steady' ? /^steady: the steady state inside the symmetric sector/ : /^steady\(S\): the long-time limit from /;
          const at = p.notes.findIndex((n) => head.test(n));
          expect(at).toBeGreaterThanOrEqual(0);
          expect(p.notes[at + 1]).toMatch(/^steady state in Decimal: residual/);
        }
      });
    }
  }
});
