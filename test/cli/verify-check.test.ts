/**
 * `current --digits`, `verify` and `check` as a user runs them (issue 4): JSON contracts, seeds that
 * reproduce, JSON lines that survive interruption, exit codes 0/1/2, claims judged right.
 */
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type CliIO } from '../../src/cli/index.js';
import { root } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'heatbound-verify-'));

describe('heatbound current --digits', () => {
  it('all-flip at 50 digits: |J|/B1 = 1 within 1e-45, a tie (equality), not a violation', async () => {
    const r = await cli(['current', 'allflip', '--L', '4', '--digits', '50', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.J).toBe('-64');
    expect(j.digits).toBe(50);
    expect(j.verdicts.B1).toBe('tie');
    expect(j.holds.B1).toBe('tie');
    expect(Math.abs(Number(j.ratios.B1) - 1)).toBe(0);
    expect(Number(j.error.ratios.B1)).toBeLessThan(1e-45);
  });
  it('numbers carry the requested digits', async () => {
    const j = JSON.parse((await cli(['current', 'superradiance', '--L', '3', '--digits', '40', '--param', 'w0=0.1', '--json'])).out);
    expect(j.J).toBe('-0.3'); // -g w0 (j+m)(j-m+1) at j = 3/2, m = 1 - 3/2 = -1/2: 1*3 = 3
    expect(j.verdicts.B1).toBe('holds');
  });
  it('rejects bad digits with exit 2', async () => {
    const r = await cli(['current', 'allflip', '--L', '2', '--digits', '5']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--digits.*16 to 1000/);
  });
});

describe('heatbound verify', () => {
  it('runs a seeded campaign, writes whole JSON lines, and resumes after an interruption', async () => {
    const out = join(tmp, 'v.jsonl');
    const a = await cli(['verify', '--runs', '12', '--seed', '7', '--L', '1..3', '--out', out, '--json']);
    expect(a.code).toBe(0);
    expect(a.err).toContain('seed 7');
    const s = JSON.parse(a.out);
    expect(s.runs).toBe(12);
    expect(s.violations).toEqual([]);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.run)).toEqual([...Array(12).keys()]);
    for (const b of ['Bstate', 'B1']) expect(Number(s.tightest[b].ratios[b])).toBeLessThanOrEqual(1 + 1e-20);
    // The same seed reproduces the same models.
    const again = join(tmp, 'v2.jsonl');
    await cli(['verify', '--runs', '12', '--seed', '7', '--L', '1..3', '--out', again, '--json']);
    const strip = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => { const x = JSON.parse(l); delete x.ms; return x; });
    expect(strip(again)).toEqual(strip(out));
    // An interrupted write (half a line) loses nothing before it; --resume carries on.
    appendFileSync(out, '{"run": 12, "seed"');
    const b = await cli(['verify', '--runs', '16', '--seed', '7', '--L', '1..3', '--out', out, '--resume', '--json']);
    expect(b.code).toBe(0);
    const t = JSON.parse(b.out);
    expect(t.resumed).toBe(12);
    expect(t.runs).toBe(16);
    // the cut line was truncated away on resume; runs 12..15 are each there once, whole
    const runs = readFileSync(out, 'utf8').trim().split('\n').flatMap((l) => { try { return [JSON.parse(l).run]; } catch { return []; } });
    expect(runs).toEqual([...Array(16).keys()]);
  });
  it('refuses to mix campaigns, and to overwrite without --resume', async () => {
    const out = join(tmp, 'w.jsonl');
    expect((await cli(['verify', '--runs', '2', '--seed', '1', '--L', '1..2', '--out', out])).code).toBe(0);
    const r = await cli(['verify', '--runs', '2', '--seed', '2', '--L', '1..2', '--out', out, '--resume']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/another campaign/);
    expect((await cli(['verify', '--runs', '2', '--seed', '1', '--L', '1..2', '--out', out])).code).toBe(2);
  });
  it('rejects an unknown class with exit 2', async () => {
    const r = await cli(['verify', '--class', 'huge']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--class/);
  });
});

describe('heatbound check', () => {
  it("refutes 'abs(J) <= 2*L^2' over the extensive class with a minimal random counterexample", async () => {
    const r = await cli(['check', 'abs(J) <= 2*L^2', '--class', 'extensive', '--runs', '300', '--seed', '5', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.verdict).toBe('refuted');
    const random = j.search.counterexample;
    expect(random, 'the random search found a counterexample').not.toBeNull();
    expect(random.L).toBeLessThanOrEqual(3);
    expect(Number(random.numbers.lhs)).toBeGreaterThan(Number(random.numbers.rhs));
    expect(random.modelText).toContain('H:');
    // the built-in all-flip family refutes it too, at L = 3
    const allflip = j.families.find((f: { family: string }) => f.family === 'allflip');
    expect(allflip.verdict).toBe('refuted');
    expect(allflip.counterexample.L).toBe(3);
  });
  it("finds no counterexample to 'exists c: abs(J) <= c*L^3' over the extensive class", async () => {
    const r = await cli(['check', 'exists c: abs(J) <= c*L^3', '--class', 'extensive', '--runs', '60', '--seed', '5']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no counterexample found/);
  });

  // Claims kept aside while building `check`: [claim, refuted?]
  const heldOut: [string, boolean][] = [
    ['abs(J) <= B1', false],
    ['abs(J) <= Bstate', false],
    ['abs(J) <= omegaGammaMax*sumA2', false],
    ['abs(J) <= 2*normH*gammaMax*sumA2', false],
    ['abs(J) <= gammaMax*sumA2 / 4', true],
    ['abs(J) < B1', true],
    ['B1 <= B2', false],
    ['exists c: abs(J) <= c*L^2', true],
    ['exists c: abs(J) <= c*L', true],
    ['exists c: abs(J) <= c*gammaMax*deltaE*sumA2', false],
    ['exists k: abs(J) <= k*L^3*gammaMax', false],
    ['exists c: abs(J) >= c*L^4', true],
    ['exists c: B1 >= c*L', false],
  ];
  for (const [claim, refuted] of heldOut) {
    it(`judges '${claim}' ${refuted ? 'refuted' : 'unrefuted'}`, async () => {
      const r = await cli(['check', claim, '--runs', '40', '--seed', '9', '--class', 'all']);
      expect(r.code, r.out + r.err).toBe(refuted ? 1 : 0);
    });
  }

  it('malformed claims exit 2 with the column of the offending token', async () => {
    const cases: [string, RegExp][] = [
      ['abs(J) <=', /expected an expression after/],
      ['abs(J) = L', /'=' alone/],
      ['abs(J) <= foo*L^2', /'foo'/],
      ['X[0] <= 1', /site operator/],
      ['abs(J) <= L <= 2', /second/],
      ['exists: J <= 1', /exists c:/],
      ['abs(J) <= (L', /./],
    ];
    for (const [claim, msg] of cases) {
      const r = await cli(['check', claim, '--runs', '0', '--no-families']);
      expect(r.code, claim).toBe(2);
      expect(r.err, claim).toMatch(msg);
      expect(r.err, claim).not.toMatch(/at .*\.js:\d+/); // no stack trace
    }
    for (const claim of ['foo(J) <= 1', 'J <= 1/0']) {
      const q = await cli(['check', claim, '--runs', '3', '--no-families']);
      expect(q.code, claim).toBe(2);
    }
    expect((await cli(['check', 'J <= 1/0', '--runs', '3', '--no-families'])).err).toMatch(/at '1\/0'/);
    const r = await cli(['check', 'abs(J) <= 2*foo', '--runs', '0', '--no-families']);
    expect(r.err).toMatch(/<command line>:1:13 \(CLAIM\)/);
    // params are judged on families that define them, never on random models
    expect((await cli(['check', 'abs(J) <= 2*w0*L^3', '--runs', '0'])).code).toBe(0);
    expect((await cli(['check', 'abs(J) <= 2*w0*L^3', '--runs', '5'])).code).toBe(2);
  });
  it('checks claims as model expressions are checked: arity, a param named __proto__, a leading minus (issue 17)', async () => {
    // Before: abs() crashed with exit 70 ("Cannot read properties of undefined").
    for (const [claim, at] of [['abs() <= 1', /<command line>:1:1 \(CLAIM\): error\[wrong-arity\] at 'abs\(\)'/], ['exists c: J <= c*max(L)', /<command line>:1:18 \(CLAIM\): error\[wrong-arity\] at 'max\(L\)'/]] as const) {
      const r = await cli(['check', claim, '--runs', '2', '--no-families']);
      expect(r.code, claim).toBe(2);
      expect(r.err, claim).toMatch(at);
    }
    // Before: the column was printed as [object Object].
    const p = await cli(['check', '__proto__ <= 1', '--runs', '2', '--no-families']);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/<command line>:1:1 \(CLAIM\): error\[unknown-name\] at '__proto__'/);
    // Before: '-abs(J) <= 0' was read as an unknown option.
    const m = await cli(['check', '-abs(J) <= 0', '--runs', '0', '--json']);
    expect(m.code).toBe(0);
    expect(JSON.parse(m.out).claim).toBe('-abs(J) <= 0');
    // A malformed claim with a leading minus gets the claim's message, not "unknown option".
    const eq = await cli(['check', '-J = 1', '--runs', '1']);
    expect(eq.code).toBe(2);
    expect(eq.err).toMatch(/<command line>:1:4 \(CLAIM\): error\[bad-usage\] at '=': expected an inequality/);
    expect((await cli(['check', '--runs=0', '-abs(J) <= 0'])).code).toBe(0);
    const n = await cli(['check', '--runs', '0', '--json', '--', '-abs(J) > 0']);
    expect(n.code).toBe(1);
    expect(JSON.parse(n.out).verdict).toBe('refuted');
  });
  it('judges claims on the families of --models DIR', async () => {
    const dir = mkdtempSync(join(tmp, 'models-'));
    writeFileSync(join(dir, 'sr.yaml'), readFileSync(join(root, 'models', 'superradiance.yaml')));
    const r = await cli(['check', 'exists c: abs(J) <= c*L', '--models', dir, '--no-families', '--runs', '0', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).families[0].verdict).toBe('refuted');
  });
});

describe('CLI conventions (issue 15 item 4)', () => {
  it('--version prints package.json\'s version; a model may come on standard input as -', async () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect((await cli(['--version'])).out.trim()).toBe(version);
    const text = readFileSync(join(root, 'models', 'superradiance.yaml'));
    const piped = async (input: Uint8Array | null, args: string[]) => {
      let out = '', err = '';
      const io: CliIO = { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: root, isTTY: false, stdin: () => input };
      return { code: await run(args, io), out, err };
    };
    const fromStdin = await piped(text, ['current', '-', '--L', '4', '--json']);
    const fromFile = await cli(['current', 'superradiance', '--L', '4', '--json']);
    expect(fromStdin.code).toBe(0);
    const strip = (s: string) => s.replace(/"(seconds|ms)": [^,\n]*/g, '');
    expect(strip(fromStdin.out)).toBe(strip(fromFile.out));
    const bad = await piped(new TextEncoder().encode('H: "Z[0] +"\n'), ['current', '-', '--L', '1']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("<stdin>:1:11 (H): error[unexpected-end]: expected an expression after '+', but the text ended");
    expect((await piped(null, ['current', '-', '--L', '1'])).err).toMatch(/^<stdin>: error\[file-unreadable\] at '-': standard input is a terminal/);
    expect((await piped(new Uint8Array(4 * 1024 * 1024 + 1), ['current', '-', '--L', '1'])).err).toMatch(/standard input has more than 4194304 bytes/);
  });
  it('a misspelt built-in gets a suggestion; check takes the class list of verify', async () => {
    expect((await cli(['current', 'superradiant', '--L', '2'])).err).toMatch(/no built-in model of that name \(did you mean 'superradiance'\?\)/);
    const r = await cli(['check', 'abs(J) <= 2*L^3', '--class', 'two-bath', '--runs', '5', '--seed', '4', '--no-families', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).search.classes).toEqual(['two-bath']);
  });
});
