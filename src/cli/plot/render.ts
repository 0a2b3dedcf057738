/**
 * Rendering: vega-lite compiled to a vega spec, drawn to SVG by vega's headless view (renderer
 * 'none': no DOM, no canvas), and the SVG rasterised to PNG by resvg. vega, vega-lite and resvg are
 * loaded on first use, so commands that draw nothing do not pay for them.
 */
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

/** The output formats, by file extension. */
export type PlotFormat = 'svg' | 'png';

/** The format of an output file from its extension (case-insensitive), or null when it has no known one. */
export function plotFormat(file: string): PlotFormat | null {
  const e = extname(file).toLowerCase();
  return e === '.svg' ? 'svg' : e === '.png' ? 'png' : null;
}

/**
 * Writes the figure of `spec` to each of `files` (SVG or PNG after its extension), creating their
 * directories; the spec is rendered once. Each file goes through the one output writer
 * (`writeOutput`: a temporary file renamed onto it, never through a link, never onto one of
 * `inputs`); a path given as a string is shown relative to the working directory in messages.
 * All targets are checked before anything is rendered.
 *
 * @throws Error for an extension other than .svg or .png (callers check with {@link plotFormat} first);
 *   InputError (exit 2) for a refused target, OutputError (exit 3) when space ran out
 * @example await writePlot(spec, ['out/plot.svg', 'out/plot.png'])
 */
export async function writePlot(spec: TopLevelSpec, files: readonly (string | OutputTarget)[], inputs: readonly string[] = []): Promise<void> {
  const targets = files.map((f): OutputTarget => (typeof f === 'string' ? { path: f, shown: shownPath(f), key: '' } : f));
  const bad = targets.find((t) => !plotFormat(t.path));
  if (bad !== undefined) throw new Error(`writePlot: '${bad.path}' is neither .svg nor .png`);
  for (const t of targets) checkOutputTarget(t, inputs);
  const svg = await renderSvg(spec);
  let png: Buffer | null = null;
  for (const t of targets) {
    writeOutput(t, plotFormat(t.path) === 'svg' ? svg : (png ??= await svgToPng(svg)), { inputs, makeDirs: true });
  }
}

function shownPath(file: string): string {
  const r = relative(process.cwd(), file);
  return r === '' || r.startsWith('..') ? file : r;
}
