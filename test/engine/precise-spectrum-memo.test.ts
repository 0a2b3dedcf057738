/**
 * The decimal.js engine's bath spectra remember their values by w (engine/precise/basis
 * spectrumOf), so the kernel, B2tail's table and the dissipator share each Bohr frequency's
 * gamma: what they remember must be what the spectrum computes, at every w asked again.
 */
import { describe, expect, it } from 'vitest';
import { instantiate } from '../../src/engine/index.js';
import { spectrumIn } from '../../src/engine/family.js';
import { channelScope, preciseScope, spectrumOf } from '../../src/engine/precise/basis.js';
import { loadModelText } from '../../src/lang/index.js';
import { decimalBath, precision } from '../../src/numeric/index.js';

const model = loadModelText(`name: spectra
params: { g: 0.3, T: 0.7, wc: 2.5 }
H: "sum(k, 0, L-1, Z[k])"
channels:
  - A: "X[0]"
    bath: { spectrum: flat, rate: "g", T: "T" }
  - A: "X[0]"
    bath: { spectrum: ohmic, rate: "g", T: "T", wc: "wc" }
  - A: "X[0]"
    bath: { spectrum: custom, gamma: "g/4 * exp(-abs(w)) * (1 + 0.5*w/(1 + w^2)) + 1/(w - 3)^2" }
state: down
`, 'spectra.yaml');

describe('remembered spectra', () => {
  it('every value asked again is the value computed afresh (flat, ohmic, custom; 0, -0, repeats), and a throw is thrown again', () => {
    const P = precision(40);
    const D = P.D;
    const inst = instantiate(model, 2);
    const scope = preciseScope(P, model, 2);
    const ws = ['0', '-0', '1', '-1', '0.25', '-0.25', '1e-30', '-1e-30', '2', '-2', '7.5', '-7.5'].map((t) => new D(t));
    for (const ch of inst.channels) {
      const cs = channelScope(D, scope, ch);
      const remembered = spectrumOf(P, ch, cs);
      const fresh = () => spectrumIn(decimalBath(D), ch.origin.file, ch.bath, cs).gamma;
      for (let pass = 0; pass < 3; pass++) {
        for (const w of ws) expect(remembered(w).toString(), `${ch.bath.spectrum} at w = ${w}`).toBe(fresh()(w).toString());
        // w = 3 + 0: the custom spectrum divides by zero there; the error comes every time, never a remembered value.
        const three = new D(3);
        const err = (f: () => unknown): string => { try { return `value ${String(f())}`; } catch (e) { return String(e); } };
        expect(err(() => remembered(three))).toBe(err(() => fresh()(three)));
      }
    }
  });
});
