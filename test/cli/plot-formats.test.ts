/**
 * `heatbound plot` (issue 15): the figure as PDF (vector paths, the title, the fonts embedded),
 * `--state`, `--data FILE.csv|FILE.json` (what is drawn), a subtitle that never wraps inside an
 * assignment, and an L that cannot be computed skipped with its reason while the figure is drawn
 * from the other L (exit 2).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { commandOptions } from '../../src/cli/options.js';
import { plotDataColumns, plotDataCsv, seriesOf, wrapText } from '../../src/cli/plot/index.js';
import { computeCurrent } from '../../src/engine/index.js';
import { loadBuiltinModel as builtinModel } from '../../src/lang/index.js';
import { root as repoRoot } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

/** The decompressed content of every FlateDecode stream of a PDF. */
function inflatedStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const re = /\/Filter \/FlateDecode[^]*?>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    try { out.push(inflateSync(pdf.subarray(start, end)).toString('latin1')); } catch { /* not a whole zlib stream */ }
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'heatbound-plot-formats-'));

describe('the subtitle wraps between assignments, never inside one', () => {
  it('name = value stays on one line', () => {
    const text = 'ising: Jzz = 1, h = 1, g = 0.5, T = 1; allflip: w0 = 1, g = 1, T = 0';
    for (const chars of [8, 10, 12, 15, 20, 27, 33, 40]) {
      const lines = wrapText(text, chars);
      expect(lines.join(' ')).toBe(text);
      for (const l of lines) {
        expect(l, `${JSON.stringify(lines)} at ${chars}`).not.toMatch(/(^= )|( =$)|(^=$)/);
      }
    }
    // At spaces alone this was ['allflip: w0', '= 1, g = 1'].
    expect(wrapText('allflip: w0 = 1, g = 1', 12)).toEqual(['allflip:', 'w0 = 1,', 'g = 1']);
  });
  it('plain words still wrap at spaces', () => {
    expect(wrapText('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
  });
});

describe('heatbound plot --out FILE.pdf', () => {
  it('writes a one-page vector PDF with the title and the text font embedded', async () => {
    const r = await cli(['plot', 'allflip', 'superradiance', '--L', '1..6', '--bounds', '--out', 'fig.pdf'], tmp);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote fig\.pdf$/m);
    const pdf = readFileSync(join(tmp, 'fig.pdf'));
    expect(pdf.toString('latin1', 0, 5)).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).toContain('(Heat current |J| and its limits B1, B2 against L)');
    expect(text).toMatch(/\/FontFile2/);
    expect(text).toMatch(/DejaVuSans/);
    // The lines are vector paths: moveto/lineto and strokes in the page's content.
    const content = inflatedStreams(pdf).join('\n');
    expect((content.match(/ m\n/g) ?? []).length).toBeGreaterThan(20);
    expect((content.match(/ l\n/g) ?? []).length).toBeGreaterThan(20);
    expect(content).toMatch(/\bS\n/);
    // The dashed bound B1 keeps its dash pattern (9,4 px; the page is scaled by 3/4 to pt).
    expect(content).toMatch(/\[9 4\] 0 d/);
    expect(content).toMatch(/\bTj\b|\bTJ\b/);
  }, 120_000);
});

describe('heatbound plot --state and --data', () => {
  it('--state overrides the model state; --data FILE.json holds the drawn values and the exponents', async () => {
    const r = await cli(['plot', 'superradiance', '--L', '2..6', '--state', 'dicke(1)', '--out', 's.svg', '--data', 's.json'], tmp);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote s\.svg and s\.json$/m);
    const data = JSON.parse(readFileSync(join(tmp, 's.json'), 'utf8'));
    const spec = builtinModel('superradiance');
    const state = commandOptions.plot.state.parse('dicke(1)', spec);
    const m = data.models[0];
    expect(m.model).toBe('superradiance');
    expect(m.points.map((p: { L: number }) => p.L)).toEqual([2, 3, 4, 5, 6]);
    for (const p of m.points) {
      const c = computeCurrent(spec, p.L, { state });
      expect(p.J).toBe(c.J);
      expect(p.absJ).toBe(Math.abs(c.J));
      expect(p.B1).toBe(c.bounds.B1);
      expect(p.B2).toBe(c.bounds.B2);
    }
    // The state is another than the model's: J differs.
    expect(m.points[4].J).not.toBe(computeCurrent(spec, 6).J);
    expect(typeof m.exponent).toBe('number');
    expect(m.fitLs).toEqual([3, 4, 5, 6]);
    expect(m.skipped).toEqual([]);
    expect(readFileSync(join(tmp, 's.svg'), 'utf8')).toContain('state dicke(1)');
  }, 60_000);
  it('--data FILE.csv: a header and one row per model and L, the exponent on each', async () => {
    const r = await cli(['plot', 'independent', 'allflip', '--L', '1..5', '--out', 'c.svg', '--data', 'c.csv'], tmp);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(tmp, 'c.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(plotDataColumns.join(','));
    expect(lines).toHaveLength(1 + 2 * 5);
    const rows = lines.slice(1).map((l) => l.split(','));
    const col = (name: string) => plotDataColumns.indexOf(name as (typeof plotDataColumns)[number]);
    expect(rows.filter((c) => c[0] === 'allflip').map((c) => Number(c[col('L')]))).toEqual([1, 2, 3, 4, 5]);
    for (const c of rows) {
      expect(Number(c[col('abs_J')])).toBe(Math.abs(Number(c[col('J')])));
      expect(Number(c[col('fitted_exponent')])).toBeCloseTo(c[0] === 'allflip' ? 3 : 1, 6);
    }
    expect(Number(rows.find((c) => c[0] === 'allflip' && c[1] === '5')![col('J')])).toBe(computeCurrent(builtinModel('allflip'), 5).J);
  }, 60_000);
  it('quotes fields with commas', () => {
    const s = seriesOf('a, b', [computeCurrent(builtinModel('independent'), 2)]);
    expect(plotDataCsv([{ series: s, skipped: [{ L: 9, reason: 'x, "y"' }] }]).split('\n')[2]).toBe('"a, b",9,,,,,,,,,,"x, ""y"""');
  });
  it('a --data file of another extension, or the --out file itself, is a usage error', async () => {
    const r = await cli(['plot', 'allflip', '--L', '1..3', '--out', 'd.svg', '--data', 'd.txt'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--data.*\.csv or \.json.*'d\.txt'/);
    expect(existsSync(join(tmp, 'd.svg'))).toBe(false);
    expect((await cli(['plot', 'allflip', '--L', '1..3', '--out', 'e.json', '--data', 'e.json'], tmp)).code).toBe(2);
  });
});

describe('heatbound plot keeps going past an L that cannot be computed', () => {
  it('skips it with its reason, draws the other L, and exits 2', async () => {
    const tfim = join(repoRoot, 'bench', 'models', 'tfim.yaml');
    const r = await cli(['plot', tfim, 'allflip', '--L', '6,30', '--out', 'k.svg', '--data', 'k.json'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tfim\.yaml at L = 30: no method can compute this model here: .*; skipped/);
    expect(r.err).not.toMatch(/allflip at L/);
    expect(r.out).toMatch(/^tfim: .*L = 6\.\.6, 1 point$/m);
    expect(r.out).toMatch(/^allflip: .*L = 6\.\.30, 2 points$/m);
    expect(r.out).toMatch(/^wrote k\.svg and k\.json$/m);
    const svg = readFileSync(join(tmp, 'k.svg'), 'utf8');
    expect(svg).toContain('tfim: not computed at L = 30 (see the output), not drawn.');
    const data = JSON.parse(readFileSync(join(tmp, 'k.json'), 'utf8'));
    expect(data.models[0].points.map((p: { L: number }) => p.L)).toEqual([6]);
    expect(data.models[0].skipped).toHaveLength(1);
    expect(data.models[0].skipped[0].L).toBe(30);
    expect(data.models[0].skipped[0].reason).toMatch(/^no method can compute this model here/);
    expect(data.models[1].skipped).toEqual([]);
  }, 120_000);
});
