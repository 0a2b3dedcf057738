/**
 * The random-model arbitraries of properties/arbitraries.ts, checked independently with the
 * float64 engine: every sample loads and computes, and its constants hold (||H_S|| <= h L,
 * sum ||A|| <= a L, Gamma <= rateMax, band DeltaE), families are valid over their L range,
 * shrinking reaches small models, and samples print as files that reload identically.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModelText, parseExpr, commandLineOrigin, withoutSpans, type ModelSpec } from '../../src/lang/index.js';
import { evalReal } from '../../src/symbolic/index.js';
import { computeCurrent, type CurrentResult } from '../../src/engine/index.js';
import { ohmicSpectrum } from '../../src/numeric/index.js';
import {
  CUSTOM_SPECTRA, MODEL_CLASSES, bandStructureArbitrary, bandSample, bathArbitrary, clampToBudget, hamiltonianArbitrary, linearText,
  localTermArbitrary, modelArbitrary, modelFileText, ohmicRateMax, stateSampleText, type BandSample, type ModelClass, type ModelSample,
} from '../../properties/arbitraries.js';

const TOL = 1e-9;
const compute = (s: ModelSample, L = s.L): CurrentResult => computeCurrent(loadModelText(s.text, 'sample.yaml'), L);

/** The guarantees of a sample, checked against the engine's terms at L. */
function checkGuarantees(s: ModelSample, r: CurrentResult): void {
  const L = r.L;
  expect(r.terms.normH).toBeLessThanOrEqual(s.h * L * (1 + TOL) + TOL);
  expect(r.channels.reduce((t, c) => t + c.normA, 0)).toBeLessThanOrEqual(s.a * L * (1 + TOL) + TOL);
  expect(r.terms.gammaMax).toBeLessThanOrEqual(s.rateMax * (1 + 1e-12));
  for (const c of r.channels) expect(c.gammaMax).toBeLessThanOrEqual(s.rateMax * (1 + 1e-12));
  if (s.cls === 'band') {
    expect(s.deltaE).not.toBeNull();
    expect(r.terms.deltaE).toBeLessThanOrEqual(s.deltaE! + TOL);
  } else {
    expect(s.deltaE).toBeNull();
  }
}

describe('modelArbitrary', () => {
  MODEL_CLASSES.forEach((cls, i) => {
    it(`${cls}: every sample loads, computes and meets h, a, rateMax${cls === 'band' ? ' and its band' : ''}`, () => {
      fc.assert(fc.property(modelArbitrary({ classes: [cls] }), (s) => {
        expect(s.cls).toBe(cls);
        expect(s.name).toBe(`random-${cls}`);
        expect(s.L).toBeGreaterThanOrEqual(1);
        expect(s.L).toBeLessThanOrEqual(5);
        checkGuarantees(s, compute(s));
      }), { seed: 4101 + i, numRuns: 80 });
    });
  });

  it('a sample is a family: valid, with the same guarantees, at every L its description names', () => {
    for (const [range, seed] of [[[1, 3], 4201], [[2, 4], 4202], [[3, 5], 4203]] as const) {
      fc.assert(fc.property(modelArbitrary({ L: range }), (s) => {
        const spec = loadModelText(s.text, 'sample.yaml');
        const from = /valid at every L >= (\d+)$/.exec(spec.description);
        // A basis("ud..") state names one letter per site: that file is valid at its own L only.
        if (!from) expect(spec.description).toMatch(new RegExp(`valid at L = ${s.L} only`));
        const Ls = from ? Array.from({ length: 6 - Number(from[1]) }, (_, i) => Number(from[1]) + i) : [s.L];
        expect(from === null || Number(from[1]) <= range[0]).toBe(true);
        for (const L of Ls) checkGuarantees(s, compute(s, L));
      }), { seed, numRuns: 25 });
    }
  });

  it('collective samples reach L = 30 with the symmetric method', () => {
    fc.assert(fc.property(modelArbitrary({ classes: ['collective'], L: [13, 30] }), (s) => {
      const r = compute(s);
      expect(r.method).toBe('symmetric');
      checkGuarantees(s, r);
    }), { seed: 4301, numRuns: 15 });
  });

  it('collective samples with `steady` have a unique steady state in the symmetric sector', () => {
    fc.assert(fc.property(modelArbitrary({ classes: ['collective'], L: [1, 8], states: ['steady', 'mix', 'dicke'] }), (s) => {
      checkGuarantees(s, compute(s));
    }), { seed: 4401, numRuns: 40 });
  });

  it('respects the options: classes, L, states, baths, maxTerms', () => {
    const xs = fc.sample(modelArbitrary({ classes: ['local', 'band'], L: [2, 3], states: ['dicke'], baths: ['ohmic'], maxTerms: 1 }), { seed: 4501, numRuns: 60 });
    for (const s of xs) {
      expect(['local', 'band']).toContain(s.cls);
      expect([2, 3]).toContain(s.L);
      const spec = loadModelText(s.text, 'sample.yaml');
      expect(spec.state!.text).toMatch(/^dicke\(/);
      expect(spec.channels.length).toBe(1);
      expect(spec.channels.every((c) => c.bath.spectrum === 'ohmic')).toBe(true);
    }
    expect(new Set(xs.map((s) => s.cls)).size).toBe(2);
  });

  it('rejects options that leave nothing to generate', () => {
    expect(() => modelArbitrary({ classes: ['local'], L: [13, 14] })).toThrow(RangeError);
    expect(() => modelArbitrary({ L: [0, 3] })).toThrow(RangeError);
    expect(() => modelArbitrary({ classes: ['local'], states: ['steady'] })).toThrow(RangeError);
    expect(modelArbitrary({ L: [13, 20] })).toBeDefined(); // only collective remains
  });

  it('is reproducible under a seed', () => {
    const a = fc.sample(modelArbitrary(), { seed: 4601, numRuns: 20 });
    const b = fc.sample(modelArbitrary(), { seed: 4601, numRuns: 20 });
    expect(a).toEqual(b);
  });

  it('shrinks toward the smallest failing L and a single term with coefficient 0', () => {
    const out = fc.check(fc.property(modelArbitrary(), (s) => s.L < 3), { seed: 4701, numRuns: 200 });
    expect(out.failed).toBe(true);
    const s = out.counterexample![0];
    expect(s.L).toBe(3);
    const spec = loadModelText(s.text, 'sample.yaml');
    expect(spec.channels.length).toBe(1);
    expect(spec.H.text).toBe('0*Id');
    expect(spec.channels[0].A.text).toBe('0*Id');
    expect(spec.state!.text).toBe('up');
    expect(s.text.trimEnd().split('\n').length).toBeLessThanOrEqual(8); // name, description, params, H, channels, A, bath, state
  });

  it('shrinks coefficients toward simple values (a failing a >= 1 ends at a = 1 exactly, L = 1, H = 0)', () => {
    const out = fc.check(fc.property(modelArbitrary({ classes: ['local', 'extensive', 'global'] }), (s) => s.a < 1), { seed: 4801, numRuns: 200 });
    expect(out.failed).toBe(true);
    const s = out.counterexample![0];
    expect(s.a).toBe(1);
    expect(s.L).toBe(1);
    const spec = loadModelText(s.text, 'sample.yaml');
    // One channel, or two whose coefficients add up to 1 (a local minimum: neither can go).
    expect(spec.channels.length).toBeLessThanOrEqual(2);
    expect(spec.H.text).toBe('0*Id');
    expect(spec.state!.text).toBe('up');
    for (const c of spec.channels) expect(c.A.text.length).toBeLessThanOrEqual(40);
  });
});

describe('modelFileText', () => {
  const shape = (m: ModelSpec) => ({
    name: m.name,
    params: m.params.map((p) => [p.name, p.value]),
    H: withoutSpans(m.H.expr),
    channels: m.channels.map((c) => ({
      each: c.each, A: withoutSpans(c.A.expr), spectrum: c.bath.spectrum,
      fields: (['rate', 'T', 'wc', 'gamma'] as const).map((f) => (c.bath[f] ? withoutSpans(c.bath[f]!.expr) : null)),
    })),
    state: m.state ? withoutSpans(m.state.expr) : null,
  });

  it('prints samples as files that reload identically and name how to rerun them', () => {
    fc.assert(fc.property(modelArbitrary(), (s) => {
      const file = modelFileText(s);
      expect(file.endsWith(s.text)).toBe(true);
      expect(file).toContain(`class ${s.cls}, L = ${s.L}`);
      expect(file).toContain(`h = ${s.h}`);
      expect(file).toContain(`a = ${s.a}`);
      expect(file).toContain(s.deltaE === null ? 'band: none' : `deltaE = ${s.deltaE}`);
      expect(file).toContain(`heatbound current ${s.name}.yaml --L ${s.L}`);
      const again = loadModelText(file, `${s.name}.yaml`);
      const first = loadModelText(s.text, `${s.name}.yaml`);
      expect(shape(again)).toEqual(shape(first));
      const [r1, r2] = [computeCurrent(first, s.L), computeCurrent(again, s.L)];
      expect(r2.J).toBe(r1.J);
      expect(r2.bounds).toEqual(r1.bounds);
    }), { seed: 4901, numRuns: 40 });
  });
});

describe('building blocks', () => {
  it('localTermArbitrary: Pauli strings on <= 3 sites with sum |c| <= 1 (multiples of 1/8)', () => {
    fc.assert(fc.property(localTermArbitrary(), (t) => {
      expect(t.span).toBeGreaterThanOrEqual(1);
      expect(t.span).toBeLessThanOrEqual(3);
      const sum = t.strings.reduce((x, p) => x + Math.abs(p.numerator), 0) / 8;
      expect(t.norm).toBe(sum);
      expect(t.norm).toBeLessThanOrEqual(1);
      for (const p of t.strings) {
        expect(p.paulis.length).toBe(t.span);
        expect(p.numerator).not.toBe(0);
      }
    }), { seed: 5001, numRuns: 300 });
  });

  it('hamiltonianArbitrary: periodic sums are Hermitian at every L >= 1 (wrapped strings that collide are symmetrised)', () => {
    fc.assert(fc.property(hamiltonianArbitrary({ boundaries: ['periodic'] }), (H) => {
      const spec = loadModelText(`H: ${JSON.stringify(H.text)}\nchannels:\n  - A: "Jx"\n    bath: { spectrum: flat, rate: 1 }\nstate: "random(1)"\n`, 'h.yaml');
      for (const L of [1, 2, 3, 4]) expect(computeCurrent(spec, L).terms.normH).toBeLessThanOrEqual(H.h * L * (1 + TOL) + TOL);
    }), { seed: 5101, numRuns: 60 });
  });

  it('bathArbitrary: sup_w gamma(w) <= rateMax on a fine grid, tight for ohmic baths at T = 0', () => {
    const grid = Array.from({ length: 40001 }, (_, i) => -20 + i * 1e-3);
    let worst = 0;
    fc.assert(fc.property(bathArbitrary(), (b) => {
      let sup = 0;
      if (b.kind === 'flat') expect(b.rateMax).toBe(b.rate);
      if (b.kind === 'ohmic') {
        const g = ohmicSpectrum(b.rate, b.T, b.wc);
        for (const w of grid) sup = Math.max(sup, g(w));
        expect(sup).toBeLessThanOrEqual(b.rateMax * (1 + 1e-12));
        if (b.T === 0) expect(sup).toBeGreaterThanOrEqual(b.rateMax * (1 - 1e-6));
        if (b.rate > 0) worst = Math.max(worst, b.rateMax / sup);
      }
      if (b.kind === 'custom') {
        const text = CUSTOM_SPECTRA[b.shape].replaceAll('{g}', 'g');
        const expr = parseExpr(text, commandLineOrigin('gamma'));
        const origin = { file: '<test>', located: { expr, key: 'gamma', text } };
        for (const w of grid.filter((_, i) => i % 10 === 0)) {
          const v = evalReal(origin, expr, new Map([['g', b.rate], ['w', w]]), 'gamma');
          expect(v).toBeGreaterThanOrEqual(0);
          sup = Math.max(sup, v);
        }
        expect(sup).toBeLessThanOrEqual(b.rateMax * (1 + 1e-12));
      }
    }), { seed: 5201, numRuns: 120 });
    // The bound rate * max(T, wc exp(T/wc - 1)) is within a factor 1.5 of the true supremum.
    expect(worst).toBeLessThan(1.5);
  });

  it('ohmicRateMax: the closed forms at both ends', () => {
    expect(ohmicRateMax(1, 0, 2)).toBeCloseTo(2 / Math.E, 15);
    expect(ohmicRateMax(0.5, 3, 2)).toBe(1.5);
  });

  describe('band models', () => {
    const yaml = (b: BandSample): string => [
      `H: ${JSON.stringify(b.H)}`, 'channels:',
      ...b.couplings.flatMap((c) => [c.each ? `  - each: k\n    A: ${JSON.stringify(c.A)}` : `  - A: ${JSON.stringify(c.A)}`, '    bath: { spectrum: flat, rate: 1, T: 1 }']),
      'state: "random(7)"', '',
    ].join('\n');

    it('the dense method (another route than the diagonal one) finds no Bohr frequency beyond the band', () => {
      fc.assert(fc.property(bandStructureArbitrary(), fc.integer({ min: 1, max: 5 }), (st, L) => {
        const b = bandSample(st);
        const spec = loadModelText(yaml(b), 'band.yaml');
        const dense = computeCurrent(spec, L, { method: 'dense' });
        for (const c of dense.channels) expect(c.deltaE).toBeLessThanOrEqual(b.deltaE + TOL);
        expect(computeCurrent(spec, L).terms.deltaE).toBeCloseTo(dense.terms.deltaE, 9);
      }), { seed: 5301, numRuns: 60 });
    });

    it('the projection matters: without it the coupling often reaches beyond the band', () => {
      const xs = fc.sample(fc.tuple(bandStructureArbitrary(), fc.integer({ min: 2, max: 5 })), { seed: 5401, numRuns: 80 });
      let cut = 0;
      for (const [st, L] of xs) {
        const b = bandSample(st);
        const wide = bandSample({ ...st, band: 64 }); // |dE| <= 8 < 16: no projection at all
        const d = computeCurrent(loadModelText(yaml(b), 'b.yaml'), L).terms.deltaE;
        const dWide = computeCurrent(loadModelText(yaml(wide), 'w.yaml'), L).terms.deltaE;
        expect(d).toBeLessThanOrEqual(b.deltaE + TOL);
        if (dWide > b.deltaE + TOL) cut++;
      }
      expect(cut).toBeGreaterThan(10);
    });
  });

  it('stateSampleText: basis bits repeat to length L; angles in lowest terms', () => {
    expect(stateSampleText({ kind: 'basis', bits: ['u', 'd'] }, 5)).toBe('basis("ududu")');
    expect(stateSampleText({ kind: 'mix', p: 2, a: { kind: 'up' }, b: { kind: 'product', theta: 4, phi: 6 } }, 3)).toBe('mix(0.25, up, product(pi/2, 3*pi/4))');
    expect(stateSampleText({ kind: 'dicke', n: 'floor(L/2)' }, 3)).toBe('dicke(floor(L/2))');
  });

  it('clampToBudget and linearText', () => {
    expect(clampToBudget([6, -5, 3])).toEqual([6, -2, 0]);
    expect(linearText([{ coef: 0.5, text: 'X[k]' }, { coef: -1, text: 'Z[k]' }, { coef: 0, text: 'Y[k]' }])).toBe('0.5*X[k] - Z[k]');
    expect(linearText([{ coef: -0.25, text: 'Jx' }])).toBe('-0.25*Jx');
    expect(linearText([{ coef: 0, text: 'Jx' }])).toBeNull();
  });
});

/** Every class appears under the default options. */
it('modelArbitrary draws every class by default', () => {
  const seen = new Set<ModelClass>(fc.sample(modelArbitrary(), { seed: 5501, numRuns: 100 }).map((s) => s.cls));
  expect([...seen].sort()).toEqual([...MODEL_CLASSES].sort());
});
