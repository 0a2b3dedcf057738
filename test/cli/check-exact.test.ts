/**
 * `heatbound check` decides claims from the families' derived closed forms for every L and
 * confirms refutations with the engine (issue 10 part 5); `--class` restricts the built-in families
 * by what their forms show; params named like claim quantities are input errors in claims context.
 * Expected values come from physics.md's closed forms (g = w0 = 1): all-flip J = -L^3, B1 = L^3,
 * deltaE = L; superradiance J = -floor(L/2) (L - floor(L/2) + 1), B1 = L^2, deltaE = 1;
 * independent J = -L, B1 = L, deltaE = 1.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClaim, checkClaimNames } from '../../properties/index.js';
import { claimScope } from '../../properties/claims.js';
import { reportOfCurrent } from '../../properties/engine.js';
import { computeCurrent } from '../../src/engine/index.js';
import { loadModelText } from '../../src/lang/index.js';
import { builtin, root } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

interface Family {
  family: string; verdict: string; decided: string; firstFailingL: number | null; Ls: number[];
  confirmation: { L: number; c?: string; engine: string; verdict: string; J: { value: string; error: string }; margin: string; error: string } | null;
  exact?: { basis: string; range: { from: number; to: number | null }; forms: Record<string, string>; exists?: { kind: string; limit: string | null; witness?: { c: string; L: number } } };
  counterexample?: { L: number };
}
const family = (j: { families: Family[] }, name: string): Family => j.families.find((f) => f.family === name)!;

const tmp = mkdtempSync(join(tmpdir(), 'heatbound-check-'));

describe('check decides claims from derived forms', () => {
  it("refutes 'abs(J) <= 5000*L^2' on all-flip at exactly L = 5001, confirmed by the engine beyond its error", async () => {
    const t0 = performance.now();
    const r = await cli(['check', 'abs(J) <= 5000*L^2', '--runs', '0', '--class', 'all', '--json']);
    const ms = performance.now() - t0;
    expect(r.code, r.err).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.verdict).toBe('refuted');
    const af = family(j, 'allflip');
    expect(af.verdict).toBe('refuted');
    expect(af.decided).toBe('derived forms, every L');
    // |J| = L^3 <= 5000 L^2 iff L <= 5000
    expect(af.firstFailingL).toBe(5001);
    expect(af.counterexample!.L).toBe(5001);
    const c = af.confirmation!;
    expect(c.L).toBe(5001);
    expect(c.verdict).toBe('fails');
    expect(c.engine).toMatch(/float64|decimal/);
    expect(Number(c.J.value)).toBe(-(5001 ** 3));
    // the margin 5000 L^2 - L^3 = -L^2 lies beyond the engine's error
    expect(Number(c.margin)).toBeCloseTo(-(5001 ** 2), 0);
    expect(Math.abs(Number(c.margin))).toBeGreaterThan(Number(c.error));
    // the other families hold for every L: |J| <= L^2 / 4 + L / 2 < 5000 L^2
    for (const name of ['independent', 'superradiance']) {
      const f = family(j, name);
      expect(f.verdict, name).toBe('consistent');
      expect(f.decided, name).toBe('derived forms, every L');
      expect(f.firstFailingL, name).toBeNull();
    }
    expect(ms, 'the exact decision spares sampling to L = 4096').toBeLessThan(30_000);
  });

  it("reports 'abs(J) <= B1' as holding for every L from derived forms on every built-in family, and refutes a tightened bound at the exact L", async () => {
    const r = await cli(['check', 'abs(J) <= B1', '--runs', '0', '--class', 'all', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.families.map((f: Family) => f.family).sort()).toEqual(['allflip', 'independent', 'superradiance']);
    // The built-in models of sites have no closed forms: listed, not judged, even with --class all.
    expect(j.excluded.map((e: { family: string }) => e.family)).toEqual(['spin1-chain', 'tavis-cummings']);
    for (const f of j.families as Family[]) {
      expect(f.verdict, f.family).toBe('consistent');
      expect(f.decided, f.family).toBe('derived forms, every L');
      expect(f.exact!.forms, f.family).toEqual({ J: 'derived', B1: 'derived' });
      expect(f.exact!.range, f.family).toEqual({ from: 1, to: null });
      expect(f.Ls, `${f.family}: not sampled`).toEqual([]);
    }
    // |J|/B1 is exactly 1 on all-flip and independent, and (L+2)/(4L) at even L, (L-1)(L+3)/(4L^2) at
    // odd L on superradiance: B1*(L+1)/(4L) fails first at L = 2 there (|J| = 2 > 6/4).
    const t = await cli(['check', 'abs(J) <= B1*(L+1)/(4*L)', '--runs', '0', '--class', 'all', '--json']);
    expect(t.code).toBe(1);
    const k = JSON.parse(t.out);
    expect(family(k, 'superradiance').firstFailingL).toBe(2);
    expect(family(k, 'allflip').firstFailingL).toBe(1);
    expect(family(k, 'independent').firstFailingL).toBe(1);
    for (const f of k.families as Family[]) expect(f.confirmation!.verdict, f.family).toBe('fails');
  });

  it("--class band does not judge all-flip (deltaE = L w0 is not O(1)), so 'exists c: abs(J) <= c*L^2' is not refuted; --class all and extensive refute it", async () => {
    const band = await cli(['check', 'exists c: abs(J) <= c*L^2', '--runs', '0', '--class', 'band', '--json']);
    expect(band.code, band.out + band.err).toBe(0);
    const b = JSON.parse(band.out);
    expect(b.families.map((f: Family) => f.family).sort()).toEqual(['independent', 'superradiance']);
    // The built-in models of sites are not among the families check judges, in any class.
    expect(b.excluded.map((e: { family: string }) => e.family)).toEqual(['spin1-chain', 'tavis-cummings', 'allflip']);
    expect(b.excluded[2].reason).toMatch(/deltaE/);
    // superradiance: |J| / L^2 -> 1/4; independent: |J| / L^2 = 1/L -> 0
    expect(family(b, 'superradiance').exact!.exists!.limit).toBe('1/4');
    expect(family(b, 'independent').exact!.exists!.limit).toBe('0');
    for (const cls of ['all', 'extensive']) {
      const r = await cli(['check', 'exists c: abs(J) <= c*L^2', '--runs', '0', '--class', cls, '--json']);
      expect(r.code, cls).toBe(1);
      const af = family(JSON.parse(r.out), 'allflip');
      expect(af.verdict).toBe('refuted');
      expect(af.decided).toBe('derived forms, every L');
      expect(af.exact!.exists!.kind).toBe('unbounded');
      // a concrete constant fails first at floor(c) + 1 (L^3 > c L^2 iff L > c), where the engine confirms it
      const w = af.exact!.exists!.witness!;
      expect(w.L).toBe(Math.floor(Number(w.c)) + 1);
      expect(af.confirmation!.L).toBe(w.L);
      expect(af.confirmation!.verdict).toBe('fails');
      expect(Number(af.confirmation!.J.value)).toBe(-(w.L ** 3));
    }
  });

  it('samples (and says so) where the forms cannot decide, never calling it "every L"', async () => {
    const dir = mkdtempSync(join(tmp, 'sr-'));
    writeFileSync(join(dir, 'sr.yaml'), readFileSync(join(root, 'models', 'superradiance.yaml')));
    const r = await cli(['check', 'abs(J) <= omegaGammaMax*sumA2', '--runs', '0', '--no-families', '--models', dir, '--json']);
    // omegaGammaMax has no closed form: sampled; on superradiance omegaGammaMax*sumA2 = B1 = L^2 >= |J|
    expect(r.code).toBe(0);
    const [f] = JSON.parse(r.out).families as (Family & { notExact: string })[];
    expect(f.verdict).toBe('consistent');
    expect(f.decided).toMatch(/^sampled at L = 1\.\.12, 16/);
    expect(f.notExact).toMatch(/omegaGammaMax/);
    // a sampled refutation is one the engine confirms too
    const s = await cli(['check', 'abs(J) <= omegaGammaMax*sumA2/4', '--runs', '0', '--no-families', '--models', dir, '--json']);
    const g = JSON.parse(s.out).families[0] as Family;
    // |J| <= L^2/4: |J(1)| = 0 holds; |J(2)| = 1*2 = 2 > 1 fails
    expect(s.code).toBe(1);
    expect(g.decided).toMatch(/^sampled/);
    expect(g.firstFailingL).toBe(2);
    expect(g.confirmation!.verdict).toBe('fails');
  });
});

describe('params named like claim names', () => {
  const text = ['name: clash', 'params:', '  w0: 1', '  g: 1', '  J: 5', 'H: "w0/2 * sum(k, Z[k])"', 'channels:', '  - A: "sum(k, X[k])"', '    bath: { spectrum: flat, rate: g }', 'state: up', ''].join('\n');

  it('a param named J is an input error in claims context, at its key (file, params.J, line:column)', async () => {
    const dir = mkdtempSync(join(tmp, 'clash-'));
    writeFileSync(join(dir, 'clash.yaml'), text);
    writeFileSync(join(dir, 'clash2.json'), JSON.stringify({ name: 'clash2', params: { w0: 1, B1: 2 }, H: 'w0/2 * sum(k, Z[k])', channels: [{ A: 'sum(k, X[k])', bath: { spectrum: 'flat', rate: 1 } }], state: 'up' }));
    const r = await cli(['check', 'abs(J) <= B1', '--models', dir, '--no-families', '--runs', '0']);
    expect(r.code).toBe(2);
    // line 5, column 3 of clash.yaml; in the JSON the key "B1" starts at the quote
    expect(r.err).toContain(`${join(dir, 'clash.yaml')}:5:3 (params.J): error[bad-param] at 'J'`);
    const json = readFileSync(join(dir, 'clash2.json'), 'utf8');
    expect(r.err).toContain(`${join(dir, 'clash2.json')}:1:${json.indexOf('"B1"') + 1} (params.B1): error[bad-param] at 'B1'`);
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
    // whatever the claim: the param would silently replace J
    expect((await cli(['check', 'L >= 1', '--models', dir, '--no-families', '--runs', '0'])).code).toBe(2);
    // outside claims the model is fine
    expect((await cli(['current', join(dir, 'clash.yaml'), '--L', '2'])).code).toBe(0);
  });

  it("a claim constant named like a judged model's param is an input error at the constant", async () => {
    const r = await cli(['check', 'exists g: abs(J) <= g*L^3', '--runs', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/<command line>:1:8 \(CLAIM\): error\[shadowed-name\] at 'g'/);
  });

  it('the kit refuses too: claimScope never lets a param replace a quantity, checkClaimNames lists every clash', () => {
    const m = loadModelText(text, 'clash.yaml');
    const report = reportOfCurrent(computeCurrent(m, 2));
    expect(() => claimScope(report, 2, m)).toThrow(/'J' has the name of a claim quantity/);
    // without the clash the scope holds the engine's J, not the param
    const ok = builtin('superradiance');
    expect(Number(claimScope(reportOfCurrent(computeCurrent(ok, 2)), 2, ok).get('J')!.value)).toBe(-2);
    expect(() => checkClaimNames(parseClaim('abs(J) <= B1'), [{ model: m, shown: 'clash.yaml', text }])).toThrow(/clash.yaml:5:3/);
  });
});
