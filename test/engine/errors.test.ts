/**
 * Errors found while evaluating a model at L (model-language.md): each with its code, the file, the
 * key and line:column; and a fuzz test: random small models through the whole engine raise only
 * input errors or "no method applies", never anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCurrent, computePrecise, NoMethodError, type MethodChoice } from '../../src/engine/index.js';
import { InputError, loadModelText, parseStateText, type InputErrorData } from '../../src/lang/index.js';

function errorOf(text: string, L: number, opts: { state?: string; method?: MethodChoice } = {}): InputErrorData {
  const spec = loadModelText(text, 'm.yaml');
  try {
    computeCurrent(spec, L, { state: opts.state ? parseStateText(opts.state) : null, method: opts.method });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).errors[0];
  }
  return expect.fail('expected an InputError');
}

const bath = 'bath: { spectrum: flat, rate: 1, T: 1 }';

describe('evaluation errors carry code, key and line:column', () => {
  it('non-Hermitian H, by every method that sees it', () => {
    for (const method of ['dense', 'diagonal'] as const) {
      const e = errorOf(`H: "Z[0] + im*Z[1]"\nchannels:\n  - A: "X[0]"\n    ${bath}\nstate: up\n`, 2, { method });
      expect([e.code, e.key, e.line, e.column]).toEqual(['not-hermitian', 'H', 1, 5]);
      expect(e.message).toMatch(/H must be Hermitian: max \|X - X\^\+\| = 2/);
    }
    const e = errorOf(`H: "Jz + im*Jx"\nchannels:\n  - A: "Jx"\n    ${bath}\nstate: up\n`, 3, { method: 'symmetric' });
    expect([e.code, e.key]).toEqual(['not-hermitian', 'H']);
  });
  it('non-Hermitian A names its channel', () => {
    const e = errorOf(`H: "Jz"\nchannels:\n  - A: "Jx"\n    ${bath}\n  - A: "Jp"\n    ${bath}\nstate: up\n`, 3);
    expect([e.code, e.key, e.line]).toEqual(['not-hermitian', 'channels[1].A', 5]);
    const f = errorOf(`H: "sum(k, Z[k])"\nchannels:\n  - each: k\n    A: "Sp[k]"\n    ${bath}\nstate: up\n`, 3);
    expect(f.message).toMatch(/k = 0/);
  });
  it('a custom spectrum negative at a Bohr frequency in use', () => {
    const e = errorOf('H: "Z[0]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: custom, gamma: "1 - w" }\nstate: up\n', 1);
    expect([e.code, e.key, e.line]).toEqual(['negative-rate', 'channels[0].bath.gamma', 4]);
    expect(e.message).toMatch(/gamma\(2\) = -1/);
  });
  it('a steady state that is not unique names why', () => {
    const e = errorOf(`H: "Z[0] + 2*Z[1]"\nchannels:\n  - A: "X[0]"\n    ${bath}\nstate: steady\n`, 2);
    expect([e.code, e.key, e.line]).toEqual(['steady-not-unique', 'state', 5]);
    expect(e.message).toMatch(/closed sets of levels/);
  });
  it('states that do not fit L', () => {
    expect(errorOf(`H: "Jz"\nchannels:\n  - A: "Jx"\n    ${bath}\nstate: 'basis("udu")'\n`, 2).message).toMatch(/3 sites but L = 2/);
    expect(errorOf(`H: "Jz"\nchannels:\n  - A: "Jx"\n    ${bath}\nstate: "dicke(L+1)"\n`, 2).message).toMatch(/0 <= n <= L = 2/);
    expect(errorOf(`H: "Jz"\nchannels:\n  - A: "Jx"\n    ${bath}\nstate: "mix(1.5, up, down)"\n`, 2).code).toBe('bad-state');
    expect(errorOf(`H: "Jz"\nchannels:\n  - A: "Jx"\n    ${bath}\nstate: "dicke(L/2)"\n`, 3).message).toMatch(/must be an integer/);
  });
  it('a site index outside 0..L-1, and a fractional operator power', () => {
    const e = errorOf(`H: "sum(k, Z[k]*Z[k+1])"\nchannels:\n  - A: "X[0]"\n    ${bath}\nstate: up\n`, 3);
    expect([e.code, e.key, e.line, e.column]).toEqual(['index-out-of-range', 'H', 1, 19]);
    expect(errorOf(`H: "Z[0]^(L/2)"\nchannels:\n  - A: "X[0]"\n    ${bath}\nstate: up\n`, 3).code).toBe('domain-error');
  });
  it('integers beyond 2^53 - 1 and operator powers beyond 1024 are refused, in both engines (issue 17)', () => {
    // Before: Z[0]^9007199254740993 was read as an even power (H = Id, J = 0, exit 0), and
    // Jx^1000000000 ran without end.
    const model = (h: string) => `H: "${h}"\nchannels:\n  - A: "Jx"\n    ${bath}\nstate: up\n`;
    const big = errorOf(model('Z[0]^9007199254740993'), 3);
    expect([big.code, big.key, big.column, big.token]).toEqual(['domain-error', 'H', 10, '9007199254740993']);
    expect(big.message).toMatch(/at most 2\^53 - 1 = 9007199254740991 in size/);
    // The literal as written, not its float64 rounding (was 'got 9007199254740992').
    expect(big.message).toMatch(/, got 9007199254740993$/);
    expect(errorOf(model('Z[9007199254740993]'), 3).code).toBe('domain-error');
    for (const method of ['symmetric', 'dense'] as const) {
      const e = errorOf(model('Jx^1000000000'), 3, { method });
      expect([e.code, e.column, e.message], method).toEqual(['bad-exponent', 8, 'an operator power needs an exponent of at most 1024, got 1000000000']);
    }
    // The sign of a negative base's integer power beyond 1024 is the exponent's parity.
    const spec = loadModelText(model('(-1)^2001*Jz'), 'm.yaml');
    expect(computeCurrent(spec, 3).J).toBeCloseTo(computeCurrent(loadModelText(model('-Jz'), 'm.yaml'), 3).J, 12);
    // The Decimal engine reads the literal exactly and refuses it the same way.
    for (const h of ['Z[0]^9007199254740993', 'Jx^1025']) {
      let caught: unknown = null;
      try { computePrecise(loadModelText(model(h), 'm.yaml'), 3, { digits: 20 }); } catch (err) { caught = err; }
      expect(caught, h).toBeInstanceOf(InputError);
      expect((caught as InputError).errors[0].code, h).toBe(h.startsWith('Jx') ? 'bad-exponent' : 'domain-error');
    }
    expect(errorOf(model('(-1)^9007199254740993*Jz'), 3).message).toMatch(/a negative base \(-1\) needs an integer exponent of at most 2\^53 - 1/);
  });
  it('negative bath fields', () => {
    const e = errorOf('params: { g: 1 }\nH: "Z[0]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: "g - 2" }\nstate: up\n', 1);
    expect([e.code, e.key]).toEqual(['negative-rate', 'channels[0].bath.rate']);
  });
});

describe('fuzz: random small models through the engine', () => {
  const site = fc.constantFrom('X', 'Y', 'Z', 'Sp', 'Sm', 'N');
  const idx = fc.constantFrom('0', '1', 'k', '(k+1)%L', 'L-1', '2');
  const term: fc.Arbitrary<string> = fc.oneof(
    fc.tuple(site, idx).map(([o, i]) => `${o}[${i}]`),
    fc.constantFrom('Jx', 'Jy', 'Jz', 'Jp', 'Jm', 'Id', '0.5', 'im'),
  );
  const opExpr = fc.array(fc.tuple(term, term, fc.constantFrom('+', '-', '*')), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.map(([a, b, op]) => `(${a} ${op} ${b})`).join(' + '));
  const wrapped = fc.tuple(opExpr, fc.constantFrom('', 'sum(k, #)', 'prod(k, #)', 'dag(#)', '(#)^2', '# + dag(#)')).map(([e, w]) => (w ? w.replace(/#/g, e) : e));
  const state = fc.constantFrom('up', 'down', 'ground', 'top', 'ghz', 'w', 'dicke(1)', 'product(1, 2)', 'thermal(0.5)', 'steady', 'mix(0.5, up, w)', 'random(3)', 'mixed(4)');
  const spectrum = fc.constantFrom('{ spectrum: flat, rate: 1, T: 0.7 }', '{ spectrum: ohmic, rate: 1, T: 0, wc: 2 }', '{ spectrum: custom, gamma: "exp(-w^2)" }', '{ spectrum: custom, gamma: "w" }');
  it('raises only InputError or NoMethodError', () => {
    fc.assert(fc.property(wrapped, wrapped, spectrum, state, fc.integer({ min: 1, max: 4 }), fc.constantFrom('auto', 'dense', 'diagonal', 'symmetric'),
      (H, A, sp, st, L, method) => {
        const text = `H: "${H}"\nchannels:\n  - A: "${A}"\n    bath: ${sp}\n  - each: k\n    A: "X[k] + Z[k]"\n    bath: ${sp}\nstate: "${st}"\n`;
        let spec;
        try { spec = loadModelText(text, 'fuzz.yaml'); } catch (err) { expect(err).toBeInstanceOf(InputError); return; }
        try {
          const r = computeCurrent(spec, L, { method: method as MethodChoice });
          expect(Number.isFinite(r.J)).toBe(true);
        } catch (err) {
          if (!(err instanceof InputError || err instanceof NoMethodError)) throw err;
        }
      }), { seed: 20261127, numRuns: 300 });
  });
});
