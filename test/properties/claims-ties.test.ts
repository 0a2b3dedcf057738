/**
 * The tie convention of claims (`heatbound check`): a claim is decided from its margin's enclosure
 * [margin - error, margin + error] only where that lies on one side of 0. Where the two sides'
 * enclosures overlap, the claim is undecided, strict (<, >) or not (<=, >=): never 'holds', never
 * 'fails' (a refutation). At error 0 the margin is exact and 0 decides it (<= holds, < fails). The
 * one refutation at equality is exact: the family's derived forms give the two sides equal at L,
 * and the engine's enclosure agrees (contains 0).
 *
 * Expected values by hand: all-flip (models/allflip.yaml, w0 = g = 1) has J = -L^3 = -B1 at every L
 * (physics.md section 4), so abs(J) <= B1 is true with equality and abs(J) < B1 false at L = 1; the
 * open chain hs15 (test/fixtures/handsolved) has B1 = B2 at L = 1, 2 (2 and 5) and B1 < B2 beyond.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent } from '../../src/engine/index.js';
import { decimalContext } from '../../src/numeric/index.js';
import { judgeFamily, parseClaim } from '../../properties/index.js';
import { evaluateClaim, marginVerdict } from '../../properties/claims.js';
import { builtin, root } from '../helpers.js';
import { loadModelFile } from '../../src/lang/index.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const D = decimalContext(60);
const d = (x: string | number) => new D(x);

describe('marginVerdict: a claim from its margin enclosure', () => {
  it.each([
    // [margin, error, strict, verdict]
    ['0', '0', false, 'holds'], ['0', '0', true, 'fails'],
    ['0', '1e-20', false, 'undecided'], ['0', '1e-20', true, 'undecided'],
    ['1e-20', '1e-20', false, 'holds'], ['1e-20', '1e-20', true, 'undecided'],
    ['-1e-20', '1e-20', false, 'undecided'], ['-1e-20', '1e-20', true, 'fails'],
    ['1e-21', '1e-20', false, 'undecided'], ['-1e-21', '1e-20', true, 'undecided'],
    ['1', '0.5', false, 'holds'], ['1', '0.5', true, 'holds'],
    ['-1', '0.5', false, 'fails'], ['-1', '0.5', true, 'fails'],
  ] as const)('margin %s +- %s (strict %s): %s', (m, e, strict, verdict) => {
    expect(marginVerdict(d(m), d(e), strict)).toBe(verdict);
  });
});

describe('evaluateClaim at a tie: the two sides\' enclosures overlap', () => {
  // J = -0.3 with error 1e-12, B1 = 0.3 with error 1e-12: |J| and B1 are equal within their errors.
  const scope = new Map([
    ['J', { value: d('-0.3'), error: d('1e-12') }],
    ['B1', { value: d('0.3'), error: d('1e-12') }],
    ['L', { value: d(4), error: d(0) }],
  ]);
  const at = (claim: string) => evaluateClaim(parseClaim(claim), scope);

  it('J against its own value (J <= J_exact type): undecided on both sides, strict or not', () => {
    for (const c of ['J <= -0.3', 'J >= -0.3', 'J < -0.3', 'J > -0.3', '-0.3 <= J', '-0.3 >= J']) expect(at(c).verdict, c).toBe('undecided');
  });

  it('a claim equal to a bound term within error: abs(J) <= B1, abs(J) >= B1, abs(J) < B1 undecided', () => {
    for (const c of ['abs(J) <= B1', 'abs(J) >= B1', 'abs(J) < B1', 'B1 > abs(J)']) {
      const r = at(c);
      expect(r.verdict, c).toBe('undecided');
      expect(r.margin.abs().lte(r.error), c).toBe(true);
    }
  });

  it('beyond the error the claim is decided', () => {
    expect(at('J <= -0.3 + 1e-10').verdict).toBe('holds');
    expect(at('J <= -0.3 - 1e-10').verdict).toBe('fails');
    expect(at('abs(J) <= 1.0001*B1').verdict).toBe('holds');
    expect(at('abs(J) < 0.9999*B1').verdict).toBe('fails');
  });

  it('exact values decide at 0: J = 0 exactly, J <= 0 and J >= 0 hold, J < 0 and J > 0 fail', () => {
    const exact = new Map([['L', { value: d(4), error: d(0) }], ['J', { value: d(0), error: d(0) }]]);
    expect(evaluateClaim(parseClaim('J <= 0'), exact).verdict).toBe('holds');
    expect(evaluateClaim(parseClaim('J >= 0'), exact).verdict).toBe('holds');
    expect(evaluateClaim(parseClaim('J < 0'), exact).verdict).toBe('fails');
    expect(evaluateClaim(parseClaim('J > 0'), exact).verdict).toBe('fails');
  });
});

describe('families at a tie', () => {
  it('all-flip sampled (no forms): abs(J) < B1 at equality is undecided, never refuted; abs(J) <= B1 is undecided too', async () => {
    const allflip = builtin('allflip');
    // Independently: J = -L^3 and B1 = L^3 within the engine's errors at every L sampled here.
    for (const L of [1, 3, 8]) {
      const r = computeCurrent(allflip, L);
      expect(Math.abs(Math.abs(r.J) - L ** 3)).toBeLessThanOrEqual(r.error.J);
      expect(Math.abs(r.bounds.B1 - L ** 3)).toBeLessThanOrEqual(r.error.bounds.B1 + 1e-12 * L ** 3);
    }
    for (const claim of ['abs(J) < B1', 'abs(J) <= B1']) {
      const j = await judgeFamily(parseClaim(claim), allflip, 'models/allflip.yaml', null, { scaling: null });
      expect(j.verdict, claim).toBe('undecided');
      expect(j.decided, claim).toMatch(/^sampled at L = /);
      expect(j.how, claim).toMatch(/^undecided at L = 1\.\.12, 16, .*the margin lies within the engine's error .*; no L sampled decides it$/);
      expect(j.counterexample, claim).toBeUndefined();
    }
  }, 120_000);

  it('all-flip with its derived forms: abs(J) <= B1 holds for every L, abs(J) < B1 is refuted at L = 1 by the exact equality, the engine agreeing', async () => {
    const allflip = builtin('allflip');
    const holds = await judgeFamily(parseClaim('abs(J) <= B1'), allflip, 'models/allflip.yaml', null);
    expect(holds).toMatchObject({ verdict: 'consistent', decided: 'derived forms, every L' });
    const strict = await judgeFamily(parseClaim('abs(J) < B1'), allflip, 'models/allflip.yaml', null);
    expect(strict).toMatchObject({ verdict: 'refuted', firstFailingL: 1 });
    const k = strict.confirmation!;
    expect(k).toMatchObject({ L: 1, verdict: 'fails', equality: true });
    expect(Math.abs(Number(k.margin))).toBeLessThanOrEqual(Number(k.error));
    expect(strict.how).toMatch(/the two sides are equal there, exactly, so the strict inequality fails; the engine .* agrees/);
  }, 120_000);

  it('B1 <= B2 on the open chain (equal at L = 1, 2 below its forms): undecided at those L, not consistent', async () => {
    const file = join(root, 'test', 'fixtures', 'handsolved', 'claims', 'sites', '15-sites-open-bonds.yaml');
    const model = loadModelFile(file);
    for (const [L, B] of [[1, 2], [2, 5]]) {
      const r = computeCurrent(model, L);
      expect(Math.abs(r.bounds.B1 - B), `B1 at L = ${L}`).toBeLessThanOrEqual(r.error.bounds.B1 + 1e-12);
      expect(Math.abs(r.bounds.B2 - B), `B2 at L = ${L}`).toBeLessThanOrEqual(r.error.bounds.B2 + 1e-12);
    }
    const j = await judgeFamily(parseClaim('B1 <= B2'), model, file, readFileSync(file, 'utf8'));
    expect(j.verdict).toBe('undecided');
    expect(j.how).toMatch(/^undecided at L = 1, 2, /);
  }, 120_000);
});
