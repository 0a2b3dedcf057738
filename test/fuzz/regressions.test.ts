/**
 * Defects the CLI fuzz test (cli-fuzz.test.ts) found, each as its minimal reproducer (issue 17).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, formatInputError, loadModelText } from '../../src/lang/index.js';
import { contractShapes } from '../../src/cli/contracts.js';
import { validateJson } from '../../src/cli/json-shape.js';
import { root } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'heatbound-fuzz-regressions-'));
const superradiance = readFileSync(join(root, 'models', 'superradiance.yaml'), 'utf8');

describe('a number literal beyond float64 (1e999) is refused where it is written, not read as Infinity', () => {
  it('in a model expression: exit 2 at its line:column (was J = NaN, exit 0)', async () => {
    writeFileSync(join(tmp, 'big.yaml'), superradiance.replace('w0/2 * sum', '1e999 * sum'));
    const r = await cli(['current', 'big.yaml', '--L', '2'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^\/\S*\/big\.yaml:\d+:5 \(H\): error\[domain-error\] at '1e999': the number 1e999 is beyond the range of float64/);
    expect(r.out).toBe('');
  });
  it('in a claim and in --state, located on the command line', async () => {
    const c = await cli(['check', 'J <= 1e999', '--no-families', '--runs', '0']);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/^<command line>:1:6 \(CLAIM\): error\[domain-error\] at '1e999'/m);
    const s = await cli(['current', 'superradiance', '--L', '2', '--state', 'dicke(2e400)']);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/^<command line>:1:7 \(--state\): error\[domain-error\] at '2e400'/m);
  });
  it('the largest finite literals still load', () => {
    const spec = loadModelText(superradiance.replace('w0/2 * sum', '1.7e308 * sum').replace('sum(k, X[k])', '1e-400 * sum(k, X[k])'), 'ok.yaml');
    expect(spec.name).toBe('superradiance');
  });
});

describe('messages stay one readable line: control, separator and bidi characters are escaped', () => {
  it('an unknown key holding U+2028 and U+202E is printed with \\u escapes (was printed raw)', async () => {
    writeFileSync(join(tmp, 'sep.yaml'), `\u2028# note\u202E: 1\n${superradiance}`);
    const r = await cli(['current', 'sep.yaml', '--L', '2'], tmp);
    expect(r.code).toBe(2);
    const head = r.err.split('\n')[0];
    expect(head).toContain("sep.yaml:1:1 (\\u2028# note\\u202E): error[unknown-key] at ' # note\\u202E': unknown key '\\u2028# note\\u202E'");
    expect(head).not.toMatch(/[\u2028\u202E]/);
  });
  it('formatInputError escapes the file, key, token and message alike, and keeps tab and newline', () => {
    const e = new InputError({ code: 'unknown-key', file: 'a\rb.yaml', key: 'k\u0000', line: 1, column: 2, token: 'x\u0085', message: 'one\ttwo\u200F\u2066' });
    expect(formatInputError(e)).toBe("a\\u000Db.yaml:1:2 (k\\u0000): error[unknown-key] at 'x\\u0085': one\ttwo\u200F\\u2066");
  });
});

describe("check: an 'exists c' claim that cannot be evaluated on a random model", () => {
  it("is exit 2 at the claim's domain error (was exit 70: Cannot read properties of null (reading 'lhs'))", async () => {
    for (const [claim, column] of [['exists c: abs(log(0)) <= c*L', 15], ['exists c: abs(J) <= c*L + log(0)', 27]] as const) {
      const r = await cli(['check', claim, '--no-families', '--runs', '3', '--L', '1..2', '--seed', '124']);
      expect(r.code, claim).toBe(2);
      expect(r.err).toContain(`<command line>:1:${column} (CLAIM): error[domain-error] at 'log(0)': log(0) is undefined`);
      expect(r.err).not.toMatch(/internal error/);
    }
  });
});

describe('finite coefficients whose sums overflow float64 in a matrix are exit 3 naming the quantity (was "matrix is not Hermitian: ... = NaN")', () => {
  const model = (H: string, A: string): string => `name: big\nparams: { g: 1, T: 0 }\nH: "${H}"\nchannels:\n  - each: k\n    A: "${A}"\n    bath: { spectrum: flat, rate: g, T: T }\nstate: up\n`;
  it('an A of 1e308*Z[k] + 1e308*X[k]: ||A|| overflows in the product, dense and symmetric-free methods alike, at its line:column', async () => {
    writeFileSync(join(tmp, 'bigA.yaml'), model('sum(k, Z[k] + 0.3*X[k])', '1e308*Z[k] + 1e308*X[k]'));
    for (const args of [['--L', '14'], ['--L', '2', '--method', 'product'], ['--L', '2', '--method', 'dense']]) {
      const r = await cli(['current', 'bigA.yaml', ...args], tmp);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.err).toMatch(/^heatbound: numerical trouble: \S*bigA\.yaml:6:9 \(channels\[0\]\.A\) at '1e308\*Z\[k\] \+ 1e308\*X\[k\]': \|\|channels\[0\]\.A\|\| is not finite in float64/);
      expect(r.err).not.toMatch(/not Hermitian|NaN/);
    }
    // The eigenvalues +-sqrt(2)e308 exceed float64 but not decimal.js: the model itself is valid there.
    const p = await cli(['current', 'bigA.yaml', '--L', '2', '--digits', '20', '--json'], tmp);
    expect(p.code).toBe(0);
    expect(JSON.parse(p.out).terms.sumA2).toMatch(/e\+616$/); // L ||A||^2 = 2 * (sqrt(2)e308)^2 = 4e616
  });
  it('an H of 1e308*Z[k] + 1e308*X[k]: the spectrum of H, at H', async () => {
    writeFileSync(join(tmp, 'bigH.yaml'), model('sum(k, 1e308*Z[k] + 1e308*X[k])', 'X[k]'));
    for (const args of [['--L', '14'], ['--L', '2', '--method', 'product'], ['--L', '2', '--method', 'dense']]) {
      const r = await cli(['current', 'bigH.yaml', ...args], tmp);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.err).toMatch(/^heatbound: numerical trouble: \S*bigH\.yaml:3:5 \(H\) at 'sum\(k, 1e308\*Z\[k\] \+ 1e308\*X\[k\]\)': the spectrum of H is not finite in float64/);
    }
  });
});

describe("check: an 'exists c' claim reports finite constants, and says where no c works (was Infinity in the text, null in the JSON)", () => {
  const json = async (args: string[], cwd?: string): Promise<{ code: number; j: any; out: string }> => {
    const r = await cli([...args, '--json'], cwd);
    return { code: r.code, j: JSON.parse(r.out), out: r.out };
  };
  it('a sampled model where no c in [1e-12, 1e12] works is listed in search.noConstant, not as a constant', async () => {
    const args = ['check', 'exists c: abs(J) > c*L', '--no-families', '--runs', '1', '--L', '1..2', '--seed', '0'];
    const { code, j, out } = await json(args);
    expect(code).toBe(0);
    expect(validateJson(j, contractShapes.check)).toEqual([]);
    expect(out).not.toMatch(/"\d+": null|Infinity|NaN/);
    expect(j.search.largestConstant).toEqual({});
    expect(j.search.noConstant).toEqual({ 1: 1 });
    // The same model (same seed): J vanishes there, so abs(J) > c*L fails for every c >= 1e-12.
    const plain = await json(['check', 'abs(J) <= 1e-12*L', '--no-families', '--runs', '1', '--L', '1..2', '--seed', '0']);
    expect(plain.j.verdict).toBe('no-counterexample');
    const t = await cli(args);
    expect(t.out).toContain('no c in [1e-12, 1e12] works at L=1 (1 model): no finite witness there');
    expect(t.out).not.toMatch(/Infinity|NaN/);
  });
  it('a lower-bound claim reports the largest working c, |J|/L, as the upper-bound claim its smallest (was its reciprocal)', async () => {
    for (const seed of ['1', '7']) {
      const tail = ['--no-families', '--runs', '1', '--L', '1..3', '--seed', seed];
      const lower = await json(['check', 'exists c: abs(J) >= c*L', ...tail]);
      const upper = await json(['check', 'exists c: abs(J) <= c*L', ...tail]);
      expect(validateJson(lower.j, contractShapes.check)).toEqual([]);
      expect(lower.j.search.lowerBound).toBe(true);
      expect(upper.j.search.lowerBound).toBe(false);
      const [[L, c]] = Object.entries(upper.j.search.largestConstant) as [string, number][];
      expect(Object.keys(lower.j.search.largestConstant)).toEqual([L]);
      expect(lower.j.search.largestConstant[L]).toBeCloseTo(c, 8);
    }
  });
  it('a sampled family where no c works: noConstantLs, and Ls and constants finite and parallel', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatbound-exists-'));
    writeFileSync(join(dir, 'sr.yaml'), superradiance);
    const { code, j } = await json(['check', 'exists c: abs(J) > c*omegaGammaMax', '--models', dir, '--no-families', '--runs', '0']);
    // Not a refutation (exit 0): no c in [1e-12, 1e12] working at one L does not rule out every c,
    // and the float64 values are not confirmed; the family is undecided.
    expect(code).toBe(0);
    expect(validateJson(j, contractShapes.check)).toEqual([]);
    const [f] = j.families;
    expect(f.verdict).toBe('undecided');
    expect(f.how).toMatch(/no constant c in \[1e-12, 1e12\] works at L = 1: not a refutation/);
    // superradiance at L = 1 is in dicke(0), the lowest level of j = 1/2, with a zero-temperature bath:
    // J = -g w0 (j+m)(j-m+1) = 0 there, so abs(J) > c*omegaGammaMax fails for every c > 0 in the range.
    expect(f.noConstantLs).toEqual([1]);
    expect(f.firstFailingL).toBeNull();
    expect(f.confirmation).toBeNull();
    expect(f.Ls.length).toBe(f.constants.length);
    expect(f.Ls).not.toContain(1);
    expect(f.constants.every(Number.isFinite)).toBe(true);
  }, 60_000);
});

describe('a param at the float64 limit (the fuzz test\'s allow-list, now empty)', () => {
  it('current superradiance --param w0=1e308: J overflows: exit 3 naming J (was J = NaN, exit 0)', async () => {
    const r = await cli(['current', 'superradiance', '--L', '2', '--param', 'w0=1e308', '--json']);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^heatbound: numerical trouble: J is not finite in float64 \(-Infinity\) for the model superradiance at L = 2/);
  });
  it('export superradiance --param w0=1e308: the script holds the finite 1e+308 (was exit 70: cannot export NaN)', async () => {
    const r = await cli(['export', 'superradiance', '--L', '2', '--to', 'qutip', '--param', 'w0=1e308']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('w0 = 1e+308');
    expect(r.out).not.toMatch(/\bnan\b|\binf\b|NaN|Infinity/);
  });
});

describe('a --param value the model cannot take is reported at the flag, not at the model file (exit 2)', () => {
  it('T=-1 and g=-1: at <command line> (--param), the value\'s column, what the model expected and where it uses the param', async () => {
    const r = await cli(['current', 'superradiance', '--L', '2', '--param', 'w0=2', '--param', 'T=-1']);
    expect(r.code).toBe(2);
    const [head, line, caret] = r.err.split('\n');
    expect(head).toMatch(/^<command line>:1:3 \(--param\): error\[bad-bath\] at '-1': --param T=-1: the bath's T must be >= 0, got -1, where the model uses T in 'T' at \S*superradiance\.yaml:9:41 \(channels\[0\]\.bath\.T\)/);
    expect([line, caret]).toEqual(['  1 | T=-1', '    |   ^^']);
    const g = await cli(['current', 'superradiance', '--L', '1..2', '--param', 'g=-1', '--json']);
    expect(g.code).toBe(2);
    for (const entry of JSON.parse(g.out)) expect(entry.failure.message).toMatch(/^<command line>:1:3 \(--param\): error\[negative-rate\] at '-1': --param g=-1: the bath's rate must be >= 0/);
  });
  it('the same values in the model file itself are still reported there', async () => {
    writeFileSync(join(tmp, 'neg.yaml'), superradiance.replace('T: 0 }', 'T: -1 }'));
    const r = await cli(['current', 'neg.yaml', '--L', '2', '--param', 'g=2'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^\S*neg\.yaml:9:41 \(channels\[0\]\.bath\.T\): error\[bad-bath\] at 'T'/);
  });
});

describe('every located error shows its source line with a caret under the column, for model files and command-line texts alike', () => {
  const shown = (err: string): string[] => err.split('\n').slice(0, 3);
  it('a claim, --state and --param (were the message alone)', async () => {
    expect(shown((await cli(['check', 'abs(J) <= foo', '--no-families', '--runs', '1'])).err).slice(1)).toEqual(['  1 | abs(J) <= foo', '    |           ^^^']);
    expect(shown((await cli(['current', 'superradiance', '--L', '2', '--state', 'dicke(2e400)'])).err).slice(1)).toEqual(['  1 | dicke(2e400)', '    |       ^^^^^']);
    expect(shown((await cli(['current', 'superradiance', '--L', '2', '--param', 'g=1', '--param', 'w0=abc'])).err).slice(1)).toEqual(['  1 | w0=abc', '    |    ^^^']);
  });
  it('a model on standard input (was the message alone)', async () => {
    const text = superradiance.replace('sum(k, X[k])', 'sum(k, Q[k])');
    let out = '', err = '';
    const { run } = await import('../../src/cli/index.js');
    const code = await run(['current', '-', '--L', '2'], { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: tmp, isTTY: false, stdin: () => Buffer.from(text) });
    expect([code, out]).toEqual([2, '']);
    const [head, line, caret] = err.split('\n');
    const m = /^<stdin>:(\d+):(\d+) /.exec(head)!;
    const source = text.split('\n')[Number(m[1]) - 1];
    expect(line).toBe(`  ${m[1]} | ${source}`);
    expect(caret.indexOf('^') - caret.indexOf('|') - 2).toBe(Number(m[2]) - 1);
    expect(source.slice(Number(m[2]) - 2)).toMatch(/^Q\[k\]/); // at the '[' after the unknown operator Q
  });
  it('a long line is cut to a window around the caret, control characters escaped', async () => {
    writeFileSync(join(tmp, 'long.yaml'), superradiance.replace('w0/2 * sum(k, Z[k])', `w0/2 * sum(k, Z[k])${' + Z[0]'.repeat(500)} + \u0007Q[0]`));
    const r = await cli(['current', 'long.yaml', '--L', '2'], tmp);
    expect(r.code).toBe(2);
    const [, line, caret] = r.err.split('\n');
    expect(line.length).toBeLessThan(200);
    expect(line).toContain('…');
    expect(line).toContain('\\u0007');
    expect(line).not.toMatch(/\u0007/);
    expect(line.slice(caret.indexOf('^'))).toMatch(/^Q|^\\u0007/);
  });
});

describe('the long harness\'s findings (npm run fuzz:harness, seed 17017)', () => {
  it('an argument with a NUL character is exit 2 at its flag (was exit 70 from the file system for verify and export --out)', async () => {
    for (const [args, key] of [[['verify', '--L', '1..2', '--runs', '2', '--out', 'x\u0000y'], '--out'], [['export', 'superradiance', '--L', '2', '--to', 'qutip', '--out=x\u0000y'], '--out'], [['check', 'J <= 1\u0000', '--runs', '0'], 'CLAIM']] as const) {
      const r = await cli([...args], tmp);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(new RegExp(`^<command line> \\(${key}\\): error\\[bad-usage\\] at '[^']*\\\\u0000[^']*': the argument holds a NUL character`));
      expect(r.err).not.toMatch(/internal error/);
    }
  });
  it('plot with no L computed: every heatbound: line names the model and the L, the summary is a plot: status line', async () => {
    const r = await cli(['plot', 'allflip', '--L', '1..3', '--out', 'none.svg', '--param', 'T=-1'], tmp);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('heatbound:')).map((l) => /^heatbound: allflip at L = (\d): <command line>:1:3 \(--param\): error\[bad-bath\]/.exec(l)?.[1])).toEqual(['1', '2', '3']);
    expect(lines[lines.length - 1]).toBe('plot: nothing to plot: no L of allflip could be computed (the reasons above); nothing was written');
  });
});

describe("a param named as a property every JavaScript object has (toString, constructor, __proto__)", () => {
  it('is refused at its key (exit 2), in every command (scaling was exit 70: "polynomial power needs an integer >= 0, got function toString()")', async () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      writeFileSync(join(tmp, 'proto.yaml'), superradiance.replace('params: { w0: 1, g: 1, T: 0 }', `params: { w0: 1, g: 1, T: 0, ${name}: 2 }`));
      for (const args of [['scaling', 'proto.yaml'], ['current', 'proto.yaml', '--L', '2']]) {
        const r = await cli(args, tmp);
        expect(r.code, `${name}: ${args.join(' ')}`).toBe(2);
        expect(r.err).toContain(`proto.yaml:5:30 (params.${name}): error[bad-param] at '${name}': '${name}' is a name every JavaScript object already has (Object.prototype.${name}); choose another param name`);
        expect(r.err).not.toMatch(/internal error/);
      }
    }
    // An ordinary extra param leaves the closed forms as they were.
    writeFileSync(join(tmp, 'extra.yaml'), superradiance.replace('params: { w0: 1, g: 1, T: 0 }', 'params: { w0: 1, g: 1, T: 0, zz: 2 }'));
    expect((await cli(['scaling', 'extra.yaml'], tmp)).code).toBe(0);
  }, 120_000);
});
