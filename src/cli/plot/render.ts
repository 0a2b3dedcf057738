/**
 * Rendering: vega-lite compiled to a vega spec, drawn to SVG by vega's headless view (renderer
 * 'none': no DOM, no canvas), the SVG rasterised to PNG by resvg, and drawn as vector paths and
 * text into a PDF by PDFKit with svg-to-pdfkit (the text in DejaVu Sans, embedded). vega,
 * vega-lite, resvg and PDFKit are loaded on first use, so commands that draw nothing do not pay
 * for them; nothing is downloaded.
 */
import { existsSync } from 'node:fs';
import { extname, relative } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { checkOutputTarget, writeOutput, type OutputTarget } from '../output.js';

/** PNG pixels per SVG pixel: twice the CSS size, sharp on high-density screens and in print. */
export const pngScale = 2;

/** The font the PNG's text is drawn in (Debian's fonts-dejavu-core; other system fonts as fallback). */
const pngFont = 'DejaVu Sans';

/**
 * The SVG of a vega-lite spec.
 *
 * @throws Error when vega-lite or vega rejects the spec (a bug in the spec builder)
 * @example const svg = await renderSvg(scalingPlotSpec(series))
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const warnings: string[] = [];
  const logger = {
    level(): number { return 0; }, error(...a: unknown[]) { throw new Error(a.map(String).join(' ')); },
    warn(...a: unknown[]) { warnings.push(a.map(String).join(' ')); return this; },
    info() { return this; }, debug() { return this; },
  };
  const compiled = vl.compile(spec, { logger: logger as never }).spec;
  if (warnings.length) throw new Error(`vega-lite: ${warnings.join('; ')}`);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The PNG of an SVG, at {@link pngScale} times its size.
 *
 * @example writeFileSync('plot.png', await svgToPng(svg))
 */
export async function svgToPng(svg: string, scale = pngScale): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: pngFont, sansSerifFamily: pngFont },
  });
  return r.render().asPng();
}

/** Where the PDF's fonts are looked for (Debian's fonts-dejavu-core, as for the PNG), regular and bold. */
export const pdfFontFiles = Object.freeze({
  regular: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf'],
  bold: ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf'],
});

/** Options of {@link svgToPdf}. */
export interface PdfOptions {
  /** The document's title (its metadata, shown by viewers). */
  readonly title?: string;
}

/**
 * The PDF of an SVG: one page of the SVG's size (1 CSS pixel = 3/4 pt), its lines and marks as
 * vector paths, its text as text in DejaVu Sans, embedded as a subset (the standard PDF fonts lack
 * ħ, ∝, ², ³); without DejaVu Sans on the machine, Helvetica (those characters are then missing).
 *
 * @example writeFileSync('plot.pdf', await svgToPdf(svg, { title: 'Heat current |J| against L' }))
 */
export async function svgToPdf(svg: string, opts: PdfOptions = {}): Promise<Buffer> {
  const [{ default: PDFDocument }, { default: SVGtoPDF }] = await Promise.all([import('pdfkit'), import('svg-to-pdfkit')]);
  const size = /<svg[^>]*\bwidth="([0-9.]+)"[^>]*\bheight="([0-9.]+)"/.exec(svg);
  const [w, h] = size ? [Number(size[1]), Number(size[2])] : [960, 600];
  const doc = new PDFDocument({ size: [w * 0.75, h * 0.75], margin: 0, info: { Title: opts.title ?? '', Producer: 'heatbound (PDFKit)', Creator: 'heatbound plot' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolveDone, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolveDone(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const regular = pdfFontFiles.regular.find((f) => existsSync(f));
  const bold = pdfFontFiles.bold.find((f) => existsSync(f));
  if (regular) doc.registerFont('plot-regular', regular);
  if (bold) doc.registerFont('plot-bold', bold);
  SVGtoPDF(doc as never, solidDashesDropped(svg), 0, 0, {
    width: w * 0.75, height: h * 0.75, assumePt: false,
    fontCallback: (_family, isBold) => (isBold ? (bold ? 'plot-bold' : regular ? 'plot-regular' : 'Helvetica-Bold') : (regular ? 'plot-regular' : 'Helvetica')),
    // Its warnings are about SVG features vega does not emit (or ignorable attributes): not the user's concern.
    warningCallback: () => {},
  });
  doc.end();
  return done;
}

/**
 * `svg` without the dash patterns whose gaps are all 0 (vega's solid line, `stroke-dasharray="1,0"`):
 * they draw a solid line, but PDFKit refuses a dash of length 0.
 */
function solidDashesDropped(svg: string): string {
  return svg.replace(/ stroke-dasharray="([^"]*)"/g, (all, list: string) => {
    const v = list.trim().split(/[\s,]+/).map(Number);
    return v.length % 2 === 0 && v.every((x, i) => i % 2 === 0 || x === 0) ? '' : all;
  });
}

/** The output formats, by file extension. */
export type PlotFormat = 'svg' | 'png' | 'pdf';

/** The format of an output file from its extension (case-insensitive), or null when it has no known one. */
export function plotFormat(file: string): PlotFormat | null {
  const e = extname(file).toLowerCase();
  return e === '.svg' ? 'svg' : e === '.png' ? 'png' : e === '.pdf' ? 'pdf' : null;
}

/**
 * Writes the figure of `spec` to each of `files` (SVG, PNG or PDF after its extension), creating their
 * directories; the spec is rendered once. Each file goes through the one output writer
 * (`writeOutput`: a temporary file renamed onto it, never through a link, never onto one of
 * `inputs`); a path given as a string is shown relative to the working directory in messages.
 * All targets are checked before anything is rendered.
 *
 * @throws Error for an extension other than .svg, .png or .pdf (callers check with {@link plotFormat} first);
 *   InputError (exit 2) for a refused target, OutputError (exit 3) when space ran out
 * @example await writePlot(spec, ['out/plot.svg', 'out/plot.png'])
 */
export async function writePlot(spec: TopLevelSpec, files: readonly (string | OutputTarget)[], inputs: readonly string[] = []): Promise<void> {
  const targets = files.map((f): OutputTarget => (typeof f === 'string' ? { path: f, shown: shownPath(f), key: '' } : f));
  const bad = targets.find((t) => !plotFormat(t.path));
  if (bad !== undefined) throw new Error(`writePlot: '${bad.path}' is not .svg, .png or .pdf`);
  for (const t of targets) checkOutputTarget(t, inputs);
  const svg = await renderSvg(spec);
  let png: Buffer | null = null, pdf: Buffer | null = null;
  const title = titleOf(spec);
  for (const t of targets) {
    const format = plotFormat(t.path);
    const data = format === 'svg' ? svg : format === 'png' ? (png ??= await svgToPng(svg)) : (pdf ??= await svgToPdf(svg, { title }));
    writeOutput(t, data, { inputs, makeDirs: true });
  }
}

/** The title of a spec as one line ('' when it has none). */
function titleOf(spec: TopLevelSpec): string {
  const t = (spec as { title?: string | { text?: string | readonly string[] } }).title;
  const text = typeof t === 'string' ? t : t?.text;
  return text === undefined ? '' : [text].flat().join(' ');
}

function shownPath(file: string): string {
  const r = relative(process.cwd(), file);
  return r === '' || r.startsWith('..') ? file : r;
}
