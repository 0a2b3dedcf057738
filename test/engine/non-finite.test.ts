/**
 * Issue 17: numbers that are not finite in the engine's field are numerical trouble (exit 3) with
 * the quantity named and, where a model expression is their source, located at it; never a NaN or
 * an Infinity in a result with exit 0, and never a verdict ('tie', 'holds') on one. Both engines
 * (float64, and decimal.js at --digits D) over the same cases.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type CliIO } from '../../src/cli/index.js';
import { computeCurrent, computePrecise, evalOperator, NonFiniteError, qutipScript } from '../../src/engine/index.js';
import { loadModelText, parseExpr } from '../../src/lang/index.js';

const model = (H: string, A = 'X[k]', bath = 'spectrum: flat, rate: 1, T: 0'): string =>
  `name: m\nparams: { g: 1 }\nH: "${H}"\nchannels:\n  - each: k\n    A: "${A}"\n    bath: { ${bath} }\nstate: up\n`;

function thrown(f: () => unknown): NonFiniteError {
  try { f(); } catch (err) {
    expect(err).toBeInstanceOf(NonFiniteError);
    return err as NonFiniteError;
  }
  return expect.fail('expected a NonFiniteError');
}

async function cli(args: string[], files: Record<string, string>): Promise<{ code: number; out: string; err: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'heatbound-nonfinite-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  let out = '', err = '';
  const io: CliIO = { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: dir, isTTY: false };
  const code = await run(args, io);
  return { code, out, err: err.replaceAll(dir + '/', ''), dir };
}

const at = { file: 'x', key: 'H', line: 1, column: 1 };

describe('a coefficient of H or an A that overflows float64', () => {
  it('exp(1000)*Z[0] is refused at the sub-expression, naming H, where decimal.js holds it', () => {
    const spec = loadModelText(model('exp(1000)*Z[0]'), 'm.yaml');
    for (const method of ['dense', 'diagonal'] as const) {
      const e = thrown(() => computeCurrent(spec, 2, { method }));
      expect(e.quantity).toBe('H');
      expect(e.where).toEqual({ file: 'm.yaml', key: 'H', line: 3, column: 5, token: 'exp(1000)' });
      expect(e.message).toBe('a coefficient of H is not finite in float64 (exp(1000) overflows); the decimal.js engine (--digits D) holds it');
    }
  });
  it('names the channel of an A', () => {
    const spec = loadModelText(model('Z[0]', 'exp(400)*exp(400)*X[k]'), 'm.yaml');
    const e = thrown(() => computeCurrent(spec, 2, { method: 'dense' }));
    expect(e.quantity).toBe('channels[0].A');
    expect(e.where?.token).toBe('exp(400)*exp(400)');
    expect(e.message).toMatch(/^a coefficient of channels\[0\]\.A is not finite in float64 \(exp\(400\)\*exp\(400\) overflows\)/);
  });
  it('an overflow in the product terms is located at the expression', () => {
    const origin = { file: 'x', located: { key: 'H', text: '(1e200*X[0])*(1e200*X[1])', expr: parseExpr('(1e200*X[0])*(1e200*X[1])', at) } };
    const e = thrown(() => evalOperator(origin, origin.located.expr, new Map(), 2));
    expect(e.where?.token).toBe('(1e200*X[0])*(1e200*X[1])');
    expect(e.message).toMatch(/its product terms overflow/);
  });
  it('finite coefficients pass unchanged', () => {
    const origin = { file: 'x', located: { key: 'H', text: '1e300*Z[0]', expr: parseExpr('1e300*Z[0]', at) } };
    expect(evalOperator(origin, origin.located.expr, new Map(), 1).terms[0].cr).toBe(1e300);
  });
  it('decimal.js holds exp(1000)*Z[0] (J = -2 e^1000 at L = 2)', () => {
    const r = computePrecise(loadModelText(model('exp(1000)*Z[0]'), 'm.yaml'), 2, { digits: 30 });
    expect(r.J.value.toSignificantDigits(6).toString()).toBe('-3.94014e+434');
    expect(r.J.value.isFinite()).toBe(true);
  });
});

describe('a result with a number that is not finite', () => {
  it('1e308*Z[0]: J overflows float64, exit 3 naming J, never a NaN with exit 0', () => {
    for (const L of [1, 2]) {
      const e = thrown(() => computeCurrent(loadModelText(model('1e308*Z[0]'), 'm.yaml'), L));
      expect(e.quantity).toBe('J');
      expect(e.message).toMatch(/^J is not finite in float64 \(-Infinity\) for the model m at L = \d \(method \w+\): the model's values overflow float64; the decimal\.js engine \(--digits D\) may hold them$/);
    }
    // decimal.js holds it: J = -2e308 at L = 2.
    expect(computePrecise(loadModelText(model('1e308*Z[0]'), 'm.yaml'), 2, { digits: 30 }).J.value.toString()).toBe('-2e+308');
  });
  it('the product method too', () => {
    const e = thrown(() => computeCurrent(loadModelText(model('1e308*Z[0]'), 'm.yaml'), 3, { method: 'product' }));
    expect(e.quantity).toMatch(/^(J|terms\.|error\.)/);
  });
  it('rate: 1e308 (J = -Infinity and a "tie" before) is refused', () => {
    const spec = loadModelText(model('sum(k, Z[k])/2', 'X[k]', 'spectrum: flat, rate: 1e308, T: 0'), 'm.yaml');
    const e = thrown(() => computeCurrent(spec, 2));
    expect(e.quantity).toBe('J');
  });
  it('a bath whose gamma(w) overflows float64 (rate 1e308 at T = 1): its channel\'s gammaMax is named', () => {
    const spec = loadModelText(model('sum(k, Z[k])', 'X[k]', 'spectrum: ohmic, rate: 1e308, T: 1, wc: 1e300'), 'm.yaml');
    const e = thrown(() => computeCurrent(spec, 2));
    expect(e.quantity).toMatch(/^(J|channels\[0\]\.)/);
    expect(e.message).toMatch(/ is not finite in float64 /);
  });
  it('decimal.js: exp(1e10) is held, exp(1e17) overflows and is reported the same way', () => {
    expect(computePrecise(loadModelText(model('exp(1e10)*Z[0]'), 'm.yaml'), 2, { digits: 30 }).J.value.isFinite()).toBe(true);
    const e = thrown(() => computePrecise(loadModelText(model('exp(1e17)*Z[0]'), 'm.yaml'), 2, { digits: 30 }));
    expect(e.message).toMatch(/ is not finite in decimal\.js \(NaN\) for the model m at L = 2 .*overflow decimal\.js$/);
  });
});

describe('export of a model with a value that is not finite', () => {
  it('exp(1000) in H: NonFiniteError at H, not an internal error', () => {
    const e = thrown(() => qutipScript(loadModelText(model('exp(1000)*Z[0]'), 'm.yaml'), 2));
    expect([e.quantity, e.where?.token]).toEqual(['H', 'exp(1000)']);
  });
});

describe('the CLI: exit 3, located like an input error', () => {
  it('current: exp(1000)*Z[0]', async () => {
    const r = await cli(['current', 'm.yaml', '--L', '2'], { 'm.yaml': model('exp(1000)*Z[0]') });
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toBe("heatbound: numerical trouble: m.yaml:3:5 (H) at 'exp(1000)': a coefficient of H is not finite in float64 (exp(1000) overflows); the decimal.js engine (--digits D) holds it\n");
  });
  it('current --json: 1e308*Z[0] and rate: 1e308 are exit 3 with no result', async () => {
    for (const text of [model('1e308*Z[0]'), model('sum(k, Z[k])/2', 'X[k]', 'spectrum: flat, rate: 1e308, T: 0')]) {
      const r = await cli(['current', 'm.yaml', '--L', '2', '--json'], { 'm.yaml': text });
      expect(r.code).toBe(3);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^heatbound: numerical trouble: J is not finite in float64 \(-Infinity\)/);
    }
  });
  it('current --digits 30: exp(1000)*Z[0] works (exit 0)', async () => {
    const r = await cli(['current', 'm.yaml', '--L', '2', '--digits', '30'], { 'm.yaml': model('exp(1000)*Z[0]') });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/J = -3\.94014222803409398777775870449e\+434/);
  });
  it('export: exp(1000) is exit 3 at H (was exit 70, "cannot export the non-finite number NaN")', async () => {
    const r = await cli(['export', 'm.yaml', '--L', '2', '--to', 'qutip'], { 'm.yaml': model('exp(1000)*Z[0]') });
    expect(r.code).toBe(3);
    expect(r.err).toBe("heatbound: numerical trouble: m.yaml:3:5 (H) at 'exp(1000)': a coefficient of H is not finite in float64 (exp(1000) overflows); the decimal.js engine (--digits D) holds it\n");
  });
});
