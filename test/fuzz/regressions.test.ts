/**
 * Defects the CLI fuzz test (cli-fuzz.test.ts) found, each as its minimal reproducer (issue 17).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, formatInputError, loadModelText } from '../../src/lang/index.js';
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
