/**
 * `heatbound plot` and the demo's figure: the SVG of the three families read back as XML (two
 * axes with their titles and log ticks, three |J| lines with their B1 and B2 lines in the same
 * colour, reference slopes, a legend with the names and fitted exponents), the PNG's signature
 * and size, the choice of L, and usage errors with exit code 2.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlotLs } from '../../src/cli/commands/plot.js';
import { defaultPlotArea, isZeroWithin, plotLs, pngScale, quantities, scalingPlotSpec, seriesLabel, seriesOf, wrapText } from '../../src/cli/plot/index.js';
import { computeCurrent, type CurrentResult } from '../../src/engine/index.js';
import { loadModelFile } from '../../src/lang/index.js';
import { root as repoRoot } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

/** An XML element: tag, attributes, children, and its own text. */
interface El { tag: string; attrs: Record<string, string>; children: El[]; text: string }

function parseXml(xml: string): El {
  const raw = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false }).parse(xml) as unknown[];
  const convert = (node: Record<string, unknown>): El | null => {
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (!tag || tag === '#text') return null;
    const kids = (node[tag] as Record<string, unknown>[]) ?? [];
    const text = kids.filter((k) => '#text' in k).map((k) => String(k['#text'])).join('');
    return { tag, attrs: (node[':@'] as Record<string, string>) ?? {}, children: kids.map(convert).filter((e): e is El => e !== null), text };
  };
  const roots = (raw as Record<string, unknown>[]).map(convert).filter((e): e is El => e !== null && e.tag !== '?xml');
  expect(roots).toHaveLength(1);
  return roots[0];
}

/** Every element below `el` (itself included) for which `pred` holds. */
function find(el: El, pred: (e: El) => boolean): El[] {
  return [...(pred(el) ? [el] : []), ...el.children.flatMap((c) => find(c, pred))];
}
const byClass = (root: El, cls: string): El[] => find(root, (e) => (e.attrs.class ?? '').split(/\s+/).includes(cls));
const texts = (groups: El[]): string[] => groups.flatMap((g) => find(g, (e) => e.tag === 'text')).map((t) => t.text);
const paths = (groups: El[]): El[] => groups.flatMap((g) => find(g, (e) => e.tag === 'path' && e.attrs.d !== undefined && e.attrs.d !== ''));

const tmp = mkdtempSync(join(tmpdir(), 'heatbound-plot-'));

describe('the L of a plot', () => {
  it('a short range is every integer', () => {
    expect(plotLs(3, 9)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(parsePlotLs('1..12')).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
  it('a long range is every integer up to 12, then geometric, with both ends', () => {
    const Ls = plotLs(1, 100_000);
    expect(Ls.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(Ls[Ls.length - 1]).toBe(100_000);
    for (let i = 1; i < Ls.length; i++) expect(Ls[i]).toBeGreaterThan(Ls[i - 1]);
    expect(Ls.every(Number.isInteger)).toBe(true);
    expect(Ls.length).toBeLessThan(60);
    // No decade above 10 is skipped: ratios between neighbours stay below 1.5.
    for (let i = 13; i < Ls.length; i++) expect(Ls[i] / Ls[i - 1]).toBeLessThan(1.5);
  });
  it('lists are taken as they are, sorted and without repeats', () => {
    expect(parsePlotLs('8,2,8,4')).toEqual([2, 4, 8]);
  });
  it('titles wrap at spaces', () => {
    expect(wrapText('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
  });
});

describe('heatbound plot independent superradiance allflip --bounds (SVG)', () => {
  let svg = '';
  let root: El;
  let out = '';
  beforeAll(async () => {
    const r = await cli(['plot', 'independent', 'superradiance', 'allflip', '--bounds', '--out', 'three.svg'], tmp);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    out = r.out;
    svg = readFileSync(join(tmp, 'three.svg'), 'utf8');
    root = parseXml(svg);
  }, 300_000); // three models up to L = 1e5: minutes on a loaded machine, two files at once

  it('says what it fitted and where it wrote', () => {
    expect(out).toMatch(/^wrote three\.svg$/m);
    expect(out).toMatch(/^superradiance: \|J\| ~ L\^2\.000 \(fitted over L = 10000, 20000, 50000, 100000\)/m);
  });
  it('is well-formed XML: one svg element, the plot area and room around it', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(root.tag).toBe('svg');
    const [w, h] = [Number(root.attrs.width), Number(root.attrs.height)];
    expect(w).toBeGreaterThan(defaultPlotArea.width + 60);
    expect(w).toBeLessThan(defaultPlotArea.width + 200);
    expect(h).toBeGreaterThan(defaultPlotArea.height + 100);
    expect(h).toBeLessThan(defaultPlotArea.height + 250);
    expect(root.attrs.viewBox).toBe(`0 0 ${w} ${h}`);
  });
  it('has two axes with titles and units, log ticks and powers of ten', () => {
    const titles = texts(byClass(root, 'role-axis-title'));
    expect(titles).toHaveLength(2);
    expect(titles).toContain('L (number of particles)');
    expect(titles.find((t) => t.startsWith('|J|, B1, B2'))).toMatch(/energy \/ time; ħ = k_B = 1/);
    const labels = texts(byClass(root, 'role-axis-label')).filter((t) => t !== '');
    for (const l of ['1', '10', '10²', '10³', '10⁴', '10⁵', '10¹⁴', '10⁻²']) expect(labels).toContain(l);
    // Minor ticks between the decades, unlabelled: more ticks than labels.
    const ticks = byClass(root, 'role-axis-tick').flatMap((g) => find(g, (e) => e.tag === 'line'));
    expect(ticks.length).toBeGreaterThan(2 * labels.length);
  });
  it('draws three |J| lines, solid, in three colours, one per model', () => {
    const lines = paths(byClass(root, 'current_marks'));
    expect(lines).toHaveLength(3);
    const colours = lines.map((p) => p.attrs.stroke);
    expect(new Set(colours).size).toBe(3);
    for (const [i, model] of ['independent', 'superradiance', 'allflip'].entries()) {
      expect(lines[i].attrs['aria-label']).toContain(`curve: ${model}:`);
      expect(lines[i].attrs['stroke-dasharray'] ?? '1,0').toBe('1,0');
    }
  });
  it('draws B1 dashed and B2 dotted in the colour of each model', () => {
    const current = paths(byClass(root, 'current_marks'));
    const bounds = paths(byClass(root, 'bounds_marks'));
    expect(bounds).toHaveLength(6);
    for (const model of ['independent', 'superradiance', 'allflip']) {
      const colour = current.find((p) => p.attrs['aria-label'].includes(`curve: ${model}:`))!.attrs.stroke;
      const mine = bounds.filter((p) => p.attrs['aria-label'].includes(`curve: ${model}:`));
      expect(mine.map((p) => p.attrs.stroke)).toEqual([colour, colour]);
      const dash = (q: string) => mine.find((p) => p.attrs['aria-label'].includes(`quantity: ${q}`))?.attrs['stroke-dasharray'];
      expect(dash(quantities.B1)).toBe('9,4');
      expect(dash(quantities.B2)).toBe('2,3');
    }
  });
  it('draws the reference slopes L, L^2, L^3 in grey, labelled', () => {
    const refs = paths(byClass(root, 'reference_slopes_marks'));
    expect(refs).toHaveLength(3);
    for (const p of refs) expect(p.attrs.stroke).toBe('#bdbdbd');
    const labels = find(root, (e) => /reference_labels_/.test(e.attrs.class ?? '')).flatMap((g) => texts([g]));
    expect(labels.sort()).toEqual(['∝ L', '∝ L²', '∝ L³']);
  });
  it('has a legend with the three names and the fitted exponents 1, 2, 3, and the line styles', () => {
    const labels = texts(byClass(root, 'role-legend-label'));
    const exponent = (model: string): number => {
      const l = labels.find((t) => t.startsWith(`${model}: `));
      expect(l, `legend entry of ${model} in ${JSON.stringify(labels)}`).toBeDefined();
      return Number(/\|J\| ∝ L\^([0-9.]+)/.exec(l!)![1]);
    };
    expect(exponent('independent')).toBeCloseTo(1, 2);
    expect(exponent('superradiance')).toBeCloseTo(2, 2);
    expect(exponent('allflip')).toBeCloseTo(3, 2);
    for (const q of Object.values(quantities)) expect(labels).toContain(q);
    expect(labels.find((t) => t.startsWith('allflip'))).toContain('|J|/B1 = 1.00');
    expect(texts(byClass(root, 'role-legend-title'))).toEqual(['model: |J| ∝ L^p fitted over the 4 largest L', 'line style']);
  });
});

describe('heatbound plot --out FILE.png', () => {
  it('writes a PNG of twice the size of the same SVG', async () => {
    const args = ['plot', 'independent', 'superradiance', 'allflip', '--L', '1..12', '--bounds', '--out'];
    expect((await cli([...args, 'pics/three.svg'], tmp)).code).toBe(0);
    const svg = parseXml(readFileSync(join(tmp, 'pics', 'three.svg'), 'utf8'));
    const r = await cli([...args, 'pics/three.png'], tmp);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote pics\/three\.png$/m);
    const png = readFileSync(join(tmp, 'pics', 'three.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(8)).toBe(13);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(Number(svg.attrs.width) * pngScale);
    expect(png.readUInt32BE(20)).toBe(Number(svg.attrs.height) * pngScale);
    expect(png.toString('latin1', png.length - 8, png.length - 4)).toBe('IEND');
    // Text, lines and a white background: far more than an empty image compresses to.
    expect(png.length).toBeGreaterThan(50_000);
  });
  it('writes out/plot.svg by default and draws no bounds without --bounds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatbound-plot-default-'));
    const r = await cli(['plot', 'superradiance', '--L', '1..6'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote out\/plot\.svg$/m);
    const root = parseXml(readFileSync(join(dir, 'out', 'plot.svg'), 'utf8'));
    expect(paths(byClass(root, 'current_marks'))).toHaveLength(1);
    expect(byClass(root, 'bounds_marks')).toHaveLength(0);
    expect(texts(byClass(root, 'role-axis-title'))).toContain('|J| (energy / time; ħ = k_B = 1)');
  });
});

describe('heatbound plot: usage errors exit 2 with a clear message', () => {
  it('an extension other than .svg, .png or .pdf', async () => {
    const r = await cli(['plot', 'allflip', '--out', 'fig.gif'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out.*\.svg, \.png or \.pdf.*'fig\.gif'/);
    expect(existsSync(join(tmp, 'fig.gif'))).toBe(false);
  });
  it('an unknown model', async () => {
    const r = await cli(['plot', 'allflip', 'nosuch', '--out', 'x.svg'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no model file 'nosuch' and no built-in model/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('an empty range, and an L no method reaches', async () => {
    expect((await cli(['plot', 'allflip', '--L', '5..2'], tmp)).code).toBe(2);
    // An interacting chain with a thermal state: no method reaches L = 31 (independent emitters
    // did until the product method; they now plot, see below).
    const tfim = join(repoRoot, 'bench', 'models', 'tfim.yaml');
    const r = await cli(['plot', tfim, '--L', '30..31', '--out', 'x.svg'], tmp);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tfim\.yaml at L = 31: no method can compute this model here/);
    const p = await cli(['plot', 'independent', '--L', '30..31', '--out', 'x.svg'], tmp);
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/independent: \|J\| ~ L\^1\.000/);
  });
});

describe('heatbound demo', () => {
  it('writes out/scaling-classes.svg and .png and says where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heatbound-demo-'));
    const r = await cli(['demo', '--quick'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Figure: wrote out\/scaling-classes\.svg and out\/scaling-classes\.png/);
    const root = parseXml(readFileSync(join(dir, 'out', 'scaling-classes.svg'), 'utf8'));
    expect(paths(byClass(root, 'current_marks'))).toHaveLength(3);
    expect(paths(byClass(root, 'bounds_marks'))).toHaveLength(6);
    const png = readFileSync(join(dir, 'out', 'scaling-classes.png'));
    expect(png.toString('latin1', 1, 4)).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(Number(root.attrs.width) * pngScale);
    expect(png.readUInt32BE(20)).toBe(Number(root.attrs.height) * pngScale);
  }, 120_000);
});

/** All the text below `el`, tspans included, lines joined by spaces. */
const allText = (el: El): string => [el.text, ...el.children.map(allText)].filter((t) => t !== '').join(' ');

/** A result at L with the given J and its error bound (B1 = B2 = L^2, exact). */
function fake(L: number, J: number, errJ: number): CurrentResult {
  return { L, J, bounds: { Bstate: L * L, B1: L * L, B1coarse: L ** 3, B2: L * L }, error: { J: errJ, bounds: { Bstate: 0, B1: 0, B1coarse: 0, B2: 0 } } } as unknown as CurrentResult;
}

/** The data values of a layer of a spec, by name. */
function layerData(spec: unknown, name: string): Record<string, unknown>[] | undefined {
  const layer = (spec as { layer: { name?: string; data?: { values: Record<string, unknown>[] } }[] }).layer.find((l) => l.name === name);
  return layer?.data?.values;
}

describe('values within their error bound of 0 are zero: not drawn, no exponent fitted to them', () => {
  it('a value is zero when |value| <= its error bound', () => {
    expect(isZeroWithin(-5.6e-17, 7.7e-15)).toBe(true);
    expect(isZeroWithin(0, 0)).toBe(true);
    expect(isZeroWithin(1e-14, 7.7e-15)).toBe(false);
    expect(isZeroWithin(Number.NaN, 1)).toBe(false);
  });
  it('round-off growing like L^3 gives no exponent and no line', () => {
    // Values that a log-log fit would call |J| ~ L^3, each within its error of 0.
    const rs = [1, 2, 4, 8, 16].map((L) => fake(L, (L % 2 ? -1 : 1) * 1e-16 * L ** 3, 1e-15 * L ** 3));
    const s = seriesOf('flat', rs);
    expect(s.exponent).toBeNaN();
    expect(s.fitLs).toEqual([]);
    expect(s.zeroLs).toEqual([1, 2, 4, 8, 16]);
    expect(seriesLabel(s)).toBe('flat: J = 0 within error (|J| <= 4.1e-12), no line');
    const spec = scalingPlotSpec([s], { bounds: true });
    expect(layerData(spec, 'current')).toEqual([]);
    expect(layerData(spec, 'bounds')!.length).toBe(10);
    // The zero note is drawn only when no |J| at all is drawn.
    expect(JSON.stringify(layerData(scalingPlotSpec([s]), 'zero_note'))).toContain('J = 0 within its error bound at every L');
  });
  it('zeros at some L: the fit skips them and the line breaks there', () => {
    const rs = [1, 2, 3, 4, 5, 6].map((L) => fake(L, L === 3 ? 1e-17 : -(L ** 2), 1e-15));
    const s = seriesOf('gap', rs);
    expect(s.zeroLs).toEqual([3]);
    expect(s.fitLs).toEqual([2, 4, 5, 6]);
    expect(s.exponent).toBeCloseTo(2, 10);
    const rows = layerData(scalingPlotSpec([s]), 'current')!;
    expect(rows.map((r) => r.L)).toEqual([1, 2, 4, 5, 6]);
    expect(new Set(rows.filter((r) => (r.L as number) < 3).map((r) => r.segment)).size).toBe(1);
    expect(rows.find((r) => r.L === 2)!.segment).not.toBe(rows.find((r) => r.L === 4)!.segment);
    expect(layerData(scalingPlotSpec([s]), 'zero_note')).toBeUndefined();
  });
});

describe('heatbound plot of a two-bath steady state (total J = 0 exactly)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heatbound-plot-zero-'));
  const file = join(dir, 'two_bath.yaml');
  writeFileSync(file, [
    'name: two_bath_collective',
    'params: { w0: 1, g: 1, Th: 2, Tc: 0.5 }',
    'H: "w0/2 * sum(k, Z[k])"',
    'channels:',
    '  - A: "sum(k, X[k])"',
    '    bath: { spectrum: flat, rate: g, T: Th }',
    '  - A: "sum(k, X[k])"',
    '    bath: { spectrum: flat, rate: g, T: Tc }',
    'state: steady',
    '',
  ].join('\n'));
  it('the model carries heat from the hot bath to the cold one, and its total J is round-off', () => {
    const spec = loadModelFile(file);
    const rs = [1, 2, 4, 8, 12].map((L) => computeCurrent(spec, L));
    for (const r of rs) {
      expect(r.channels[0].J).toBeGreaterThan(0.1);
      expect(r.channels[1].J).toBeCloseTo(-r.channels[0].J, 10);
      expect(Math.abs(r.J)).toBeLessThanOrEqual(r.error.J);
    }
    // Not exactly 0: a fit to these values would report an exponent.
    expect(rs.some((r) => r.J !== 0)).toBe(true);
  });
  it('says J = 0 within the error bound, fits no exponent and draws no |J| line', async () => {
    const r = await cli(['plot', file, '--L', '1..12', '--out', 'zero.svg'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^two_bath_collective: J = 0 within its error bound at every L \(\|J\| <= [0-9.]+e-\d+\), no exponent; L = 1\.\.12, 12 points$/m);
    expect(r.out).not.toMatch(/L\^/);
    const root = parseXml(readFileSync(join(dir, 'zero.svg'), 'utf8'));
    expect(paths(byClass(root, 'current_marks'))).toHaveLength(0);
    const legend = texts(byClass(root, 'role-legend-label'));
    expect(legend).toHaveLength(1);
    expect(legend[0]).toMatch(/^two_bath_collective: J = 0 within error \(\|J\| <= [0-9.]+e-\d+\), no line$/);
    expect(byClass(root, 'role-title-subtitle').map(allText).join(' ')).toContain('two_bath_collective: J = 0 within its error bound at every L (no 0 on a log axis).');
    expect(byClass(root, 'zero_note_marks').map(allText).join(' ')).toContain('J = 0 within its error bound at every L a log axis has no 0');
  }, 60_000);
  it('with --bounds the limits are still drawn', async () => {
    const r = await cli(['plot', file, '--L', '1..8', '--bounds', '--out', 'zero-bounds.svg'], dir);
    expect(r.code).toBe(0);
    const root = parseXml(readFileSync(join(dir, 'zero-bounds.svg'), 'utf8'));
    expect(paths(byClass(root, 'current_marks'))).toHaveLength(0);
    expect(paths(byClass(root, 'bounds_marks'))).toHaveLength(2);
  }, 60_000);
  it('an exact zero at one L (superradiance at L = 1) is named and not drawn', async () => {
    const r = await cli(['plot', 'superradiance', '--L', '1..6', '--out', 'sr.svg'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^superradiance: \|J\| ~ L\^[0-9.]+ \(fitted over L = 3, 4, 5, 6\); J = 0 within its error bound at L = 1 \(no 0 on a log axis\)/m);
    const root = parseXml(readFileSync(join(dir, 'sr.svg'), 'utf8'));
    expect(paths(byClass(root, 'current_marks'))).toHaveLength(1);
  }, 60_000);
});
