/**
 * Named channels (issue 15, item 1) after review: a claim on J[name] that no judged model names is
 * a located error, never a passing verdict (nor is any claim judged on nothing); an unclosed
 * J[name is located at the missing ']'; `plot --channel NAME` names J[NAME] in the legend, the
 * tooltips, the console and the data files; a misspelt channel gets a did-you-mean. Values come
 * from the two-bath steady state by hand (J[hot] = L w0 g1 (e1 (1 - p) - p)).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plotDataColumns } from '../../src/cli/plot/index.js';
import { didYouMean } from '../../src/lang/index.js';
import { parseClaim } from '../../properties/index.js';
import { root } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

const steady = join('test', 'fixtures', 'channels', 'two-bath-steady.yaml');
const [w0, g1, g2, T1, T2] = [1, 0.5, 0.3, 2, 0.5];
const e1 = Math.exp(-w0 / T1), e2 = Math.exp(-w0 / T2);
const p = (g1 * e1 + g2 * e2) / (g1 * e1 + g2 * e2 + g1 + g2);
const hotByHand = (L: number) => L * w0 * g1 * (e1 * (1 - p) - p);
const tmp = mkdtempSync(join(tmpdir(), 'heatbound-channel-review-'));

describe('check: a claim judged on nothing has no verdict', () => {
  it('J[hto] with only the built-in families (which name no channel): exit 2 unknown-name at the name, no verdict', async () => {
    for (const json of [[], ['--json']]) {
      const r = await cli(['check', 'J[hto] >= 0', '--runs', '0', ...json]);
      expect(r.code, r.err).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^<command line>:1:3 \(CLAIM\): error\[unknown-name\] at 'hto': J\[hto\]: 'hto' is not a named channel of any model judged/m);
      expect(r.err).toContain('allflip (models/allflip.yaml) (it names no channel)');
      // What names exist: the random two-bath models' baths.
      expect(r.err).toContain('--class two-bath');
      expect(r.err).not.toContain('claim over');
    }
    // A correctly spelt name is refused as well: nothing judged would name it.
    const hot = await cli(['check', 'abs(J) + J[hot] >= 0', '--runs', '0']);
    expect(hot.code).toBe(2);
    expect(hot.err).toMatch(/^<command line>:1:12 \(CLAIM\): error\[unknown-name\] at 'hot'/m);
  });
  it('no family and no random model: exit 2 naming --runs, never "no counterexample found"', async () => {
    for (const json of [[], ['--json']]) {
      const r = await cli(['check', 'J <= 1', '--no-families', '--runs', '0', ...json]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/<command line>:1:1 \(--runs\): error\[bad-usage\] at '0': nothing to judge the claim on/);
    }
  });
  it('judged on a given family that names the channel: the header counts the families judged', async () => {
    const dir = join(tmp, 'steady');
    mkdirSync(dir);
    copyFileSync(join(root, steady), join(dir, 'two-bath-steady.yaml'));
    const r = await cli(['check', 'J[hot] >= 0', '--models', dir, '--runs', '0', '--L', '1..2']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('claim over 1 families (3 built-in that name no channel of the claim not judged)');
    expect(r.out).toContain('consistent with two-bath-steady');
    const typo = await cli(['check', 'J[hto] >= 0', '--models', dir, '--runs', '0', '--no-families']);
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/its named channels: hot, cold\) \(did you mean 'hot'\?\)/);
  }, 120_000);
});

describe('an unclosed J[name', () => {
  it("expects ']' where the name ends, not an operator", () => {
    expect(() => parseClaim('J[hot >= 0')).toThrow(/1:7 \(CLAIM\).*at '>=': expected '\]' to close 'J\[hot'/);
    expect(() => parseClaim('abs(J[hot) <= B1')).toThrow(/1:10 \(CLAIM\).*at '\)': expected '\]' to close 'J\[hot'/);
    expect(() => parseClaim('J[hot >= 0')).not.toThrow(/expected an operator/);
    expect(() => parseClaim('0 <= J[')).toThrow(/1:8 \(CLAIM\).*expected a channel name and '\]' after 'J\['/);
  });
  it('on the command line: exit 2 at the column', async () => {
    const r = await cli(['check', 'J[hot >= 0', '--runs', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^<command line>:1:7 \(CLAIM\): error\[bad-usage\] at '>=': expected '\]' to close 'J\[hot'/m);
  });
});

describe('plot --channel names J[NAME] wherever the plotted current is named', () => {
  it('legend, tooltips, axis, console, CSV and JSON (keys as without --channel, plus current = J[hot])', async () => {
    const svg = join(tmp, 'hot.svg'), csv = join(tmp, 'hot.csv'), json = join(tmp, 'hot.json');
    const r = await cli(['plot', steady, '--channel', 'hot', '--L', '1..4', '--out', svg, '--data', csv]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^two-bath-steady J\[hot\]: \|J\[hot\]\| ~ L\^1\.000 /m);
    const s = readFileSync(svg, 'utf8');
    expect(s).toContain('two-bath-steady J[hot]: |J[hot]| ∝ L^1.00');
    expect(s).toContain('quantity: |J[hot]|: heat current of the channel hot');
    expect(s).toContain('model: |J[hot]| ∝ L^p fitted');
    expect(s).not.toMatch(/\|J\| ∝|quantity: \|J\|/);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe([...plotDataColumns, 'current'].join(','));
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      expect(cells[cells.length - 1]).toBe('J[hot]');
      expect(Number(cells[plotDataColumns.indexOf('J')])).toBeCloseTo(hotByHand(Number(cells[1])), 12);
    }
    const j = await cli(['plot', steady, '--channel', 'hot', '--L', '1..3', '--out', svg, '--data', json]);
    expect(j.code, j.err).toBe(0);
    const d = JSON.parse(readFileSync(json, 'utf8')) as { models: { current?: string; points: { L: number; J: number; absJ: number }[] }[] };
    expect(d.models[0].current).toBe('J[hot]');
    for (const pt of d.models[0].points) expect(pt.absJ).toBeCloseTo(Math.abs(hotByHand(pt.L)), 12);
  }, 120_000);
  it('without --channel the data files are as before: no current column or key', async () => {
    const csv = join(tmp, 'all.csv'), json = join(tmp, 'all.json');
    expect((await cli(['plot', steady, '--L', '1..2', '--out', join(tmp, 'all.svg'), '--data', csv])).code).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe(plotDataColumns.join(','));
    expect((await cli(['plot', steady, '--L', '1..2', '--out', join(tmp, 'all.svg'), '--data', json])).code).toBe(0);
    expect(Object.keys((JSON.parse(readFileSync(json, 'utf8')) as { models: object[] }).models[0])).not.toContain('current');
  }, 120_000);
});

describe('did you mean a channel', () => {
  it("a swapped pair of letters is one edit: 'hto' suggests 'hot'", () => {
    expect(didYouMean('hto', ['hot', 'cold'])).toBe(" (did you mean 'hot'?)");
    expect(didYouMean('clod', ['hot', 'cold'])).toBe(" (did you mean 'cold'?)");
    expect(didYouMean('warm', ['hot', 'cold'])).toBe('');
  });
  it('plot --channel hto', async () => {
    const r = await cli(['plot', steady, '--channel', 'hto', '--L', '1..2', '--out', join(tmp, 'none.svg')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("'hto' is not a named channel of test/fixtures/channels/two-bath-steady.yaml (its named channels: hot, cold) (did you mean 'hot'?)");
  });
});
