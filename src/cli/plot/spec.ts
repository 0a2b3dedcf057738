/**
 * The vega-lite specification of a scaling plot: log-log |J| against L per model, with B1 and B2
 * as dashed and dotted lines of the model's colour, grey reference slopes L, L^2, L^3 and a legend
 * with the exponent fitted over the largest L. Data only: rendering is in render.ts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { decades, logAxis } from './axes.js';
import { cornerLegendBoxes, isFree, labelPlace, sampleLines, type Frame, type Polyline } from './layout.js';
import { isZeroWithin, zeroBound, type PlotSeries } from './series.js';

export interface PlotOptions {
  /** Draw B1 and B2 (default false). */
  readonly bounds?: boolean;
  readonly title?: string;
  readonly subtitle?: string | readonly string[];
  /** Title of the y axis (the unit of J); default "|J| (energy / time; ħ = k_B = 1)". */
  readonly yTitle?: string;
  /** Size of the plot area in CSS pixels (default {@link defaultPlotArea}); axes, title and legends add to it. */
  readonly width?: number;
  readonly height?: number;
}

/**
 * The default size of the plot area: with the axes, the title and legends inside, the figure is
 * about 940 x 590 CSS pixels (the PNG twice that, see render.ts). The figure grows around the plot
 * area (vega's autosize 'pad'): with autosize 'fit' vega squeezes the plot for titles and legends
 * whose width it estimates at 0.8 em a character, and misplaces the title above legends below.
 */
export const defaultPlotArea = Object.freeze({ width: 820, height: 440 });

/** Colour-blind safe colours (Okabe and Ito), the yellow left out for contrast on white. */
export const modelColours = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000'] as const;

/** The line styles, in legend order: what each line of a model's colour is. */
export const quantities = Object.freeze({
  J: '|J|: heat current',
  B1: 'B1: universal limit',
  B2: 'B2: band-limited limit',
});
const dashes: Record<string, number[]> = { [quantities.J]: [1, 0], [quantities.B1]: [9, 4], [quantities.B2]: [2, 3] };

/** The current a series draws: `J`, or `J[name]` for the channel of `plot --channel`. */
export function currentOf(s: PlotSeries): string {
  return s.channel === undefined ? 'J' : `J[${s.channel}]`;
}

/** The line style of a series' current: {@link quantities}.J, or for a channel `|J[name]|: heat current of the channel name`. */
export function currentQuantity(s: PlotSeries): string {
  return s.channel === undefined ? quantities.J : `|J[${s.channel}]|: heat current of the channel ${s.channel}`;
}

/** The reference slopes, each a grey line L^p labelled at its end. */
export const referenceSlopes = [
  { p: 1, label: '∝ L' },
  { p: 2, label: '∝ L²' },
  { p: 3, label: '∝ L³' },
] as const;

/** Font size of legends and reference labels, in px. */
const fontSize = 13;

/** The L of a list, shortened when long: "L = 1, 3, 5" or "L = 1, 2, 3, ..., 12 (8 values)". */
function listLs(Ls: readonly number[]): string {
  return Ls.length <= 6 ? `L = ${Ls.join(', ')}` : `L = ${Ls.slice(0, 3).join(', ')}, ..., ${Ls[Ls.length - 1]} (${Ls.length} values)`;
}

const bound = (x: number) => (x === 0 ? '0' : x.toExponential(1));

/** Why a series has no fitted exponent. */
export function noFit(s: PlotSeries): string {
  const J = currentOf(s);
  if (s.points.length > 0 && s.zeroLs.length === s.points.length) return `${J} = 0 within its error bound at every L (|${J}| <= ${bound(zeroBound(s))}), no exponent`;
  if (s.fitLs.length === 0) return `${J} is not finite at any L, no exponent`;
  return `${J} is nonzero beyond its error bound at one L only${s.zeroLs.length ? ` (0 within it at ${listLs(s.zeroLs)})` : ''}, no exponent`;
}

/**
 * What a series' |J| line leaves out: the L where J = 0 within its error bound (a log axis has no
 * 0), or '' when there are none.
 */
export function zeroNote(s: PlotSeries): string {
  if (!s.zeroLs.length) return '';
  if (s.zeroLs.length === s.points.length) return `${currentOf(s)} = 0 within its error bound at every L (no 0 on a log axis)`;
  return `${currentOf(s)} = 0 within its error bound at ${listLs(s.zeroLs)} (no 0 on a log axis)`;
}

/**
 * The legend label of a series: its name, the fitted exponent of |J| and, with the bounds, |J|/B1
 * at the largest L (1: the limit is met). A series with J = 0 within its error at every L says so;
 * zeros at some L are said by {@link zeroNote} (in the subtitle: the legend's width is limited).
 */
export function seriesLabel(s: PlotSeries, bounds = false): string {
  const J = currentOf(s);
  if (!Number.isFinite(s.exponent)) {
    const all = s.points.length > 0 && s.zeroLs.length === s.points.length;
    return all ? `${s.model}: ${J} = 0 within error (|${J}| <= ${bound(zeroBound(s))}), no line` : `${s.model}: ${noFit(s)}`;
  }
  const last = s.points[s.points.length - 1];
  const ratio = bounds && last.B1 > 0 && !last.zero ? `, |${J}|/B1 = ${(Math.abs(last.J) / last.B1).toFixed(2)} at L = ${last.L}` : '';
  return `${s.model}: |${J}| ∝ L^${s.exponent.toFixed(2)}${ratio}`;
}

/**
 * Decades of room below the smallest value, where the reference slopes start: two when L spans two
 * decades or more (the slopes' labels then stay clear of the data at the right edge), else one.
 */
export function referenceDrop(lDecades: number): number {
  return lDecades >= 2 ? 2 : 1;
}

/**
 * The words of `text` at its spaces, an assignment `name = value` (or `L = 3,`) kept as one word:
 * the spaces around a lone `=` do not break.
 */
function unbreakableWords(text: string): string[] {
  const words: string[] = [];
  const parts = text.split(' ');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '=' && words.length && i + 1 < parts.length) words[words.length - 1] += ` = ${parts[++i]}`;
    else words.push(parts[i]);
  }
  return words;
}

/**
 * `text` broken at spaces into lines of at most `chars` characters, never inside an assignment
 * `name = value` (a line holds at least one word, so a longer word makes a longer line). vega lays
 * titles out by its own width estimate (0.8 em a character without a canvas): a longer line would
 * widen the figure beyond the plot.
 */
export function wrapText(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of unbreakableWords(text)) {
    if (line && line.length + 1 + word.length > chars) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The integers in [lo, hi]. */
function integersIn(lo: number, hi: number): number[] {
  return Array.from({ length: Math.floor(hi) - Math.ceil(lo) + 1 }, (_, i) => Math.ceil(lo) + i);
}

interface Row { readonly curve: string; readonly quantity: string; readonly L: number; readonly value: number; readonly segment: number }

/**
 * The rows drawn: |J| (and B1, B2) per L. Values within their error bound of 0 are left out (a log
 * axis cannot show 0), and the line of |J| breaks there (a new segment) instead of bridging them.
 */
function dataRows(series: readonly PlotSeries[], labels: readonly string[], bounds: boolean): Row[] {
  const rows: Row[] = [];
  for (const [i, s] of series.entries()) {
    let segment = 0;
    for (const p of s.points) {
      if (p.zero) segment++;
      else rows.push({ curve: labels[i], quantity: currentQuantity(s), L: p.L, value: Math.abs(p.J), segment });
      if (bounds) {
        if (!isZeroWithin(p.B1, p.error.B1)) rows.push({ curve: labels[i], quantity: quantities.B1, L: p.L, value: p.B1, segment: 0 });
        if (!isZeroWithin(p.B2, p.error.B2)) rows.push({ curve: labels[i], quantity: quantities.B2, L: p.L, value: p.B2, segment: 0 });
      }
    }
  }
  return rows.filter((r) => r.value > 0 && Number.isFinite(r.value));
}

/**
 * The axes' domains: L as computed; values from whole decades below the smallest (room for the
 * reference slopes, see {@link referenceDrop}) up to the next whole decade above the largest.
 */
function domains(series: readonly PlotSeries[], rows: readonly Row[]): { x: [number, number]; y: [number, number] } {
  const Ls = series.flatMap((s) => s.points.map((p) => p.L));
  let xLo = Math.min(...Ls), xHi = Math.max(...Ls);
  if (!(xLo < xHi)) { xLo = Number.isFinite(xLo) ? xLo / 2 : 1; xHi = xLo * 4; }
  const vals = rows.map((r) => r.value);
  if (!vals.length) return { x: [xLo, xHi], y: [0.01, 10] };
  const yLo = 10 ** (Math.floor(Math.log10(Math.min(...vals))) - referenceDrop(decades(xLo, xHi)));
  const yHi = Math.max(10 ** Math.ceil(Math.log10(Math.max(...vals))), yLo * 1000);
  return { x: [xLo, xHi], y: [yLo, yHi] };
}

/**
 * The vega-lite spec of the scaling plot of `series`.
 *
 * @example const spec = scalingPlotSpec([seriesOf('allflip', results)], { bounds: true })
 */
export function scalingPlotSpec(series: readonly PlotSeries[], opts: PlotOptions = {}): TopLevelSpec {
  const bounds = opts.bounds ?? false;
  const labels = series.map((s) => seriesLabel(s, bounds));
  const rows = dataRows(series, labels, bounds);
  const dom = domains(series, rows);
  const [xLo, xHi] = dom.x, [yLo, yHi] = dom.y;
  const size = { width: opts.width ?? defaultPlotArea.width, height: opts.height ?? defaultPlotArea.height };
  const titleFont = 17, subtitleFont = 13;
  // Titles no wider than the figure (by vega's estimate).
  const fitChars = (font: number) => Math.floor((size.width + 100) / (0.8 * font));
  const titles = opts.title ? wrapText(opts.title, fitChars(titleFont)) : [];
  const subtitles = (opts.subtitle === undefined ? [] : [opts.subtitle].flat()).flatMap((t) => wrapText(t, fitChars(subtitleFont)));
  const frame: Frame = { x: dom.x, y: dom.y, ...size };

  // Each reference line leaves the bottom-left corner and ends at the right edge or at the top.
  const refs = referenceSlopes.map((r) => {
    const L = Math.min(xHi, xLo * (yHi / yLo) ** (1 / r.p));
    return { slope: r.label, L, value: yLo * (L / xLo) ** r.p, top: L < xHi };
  });
  const refLine = (e: { L: number; value: number }): Polyline => [{ L: xLo, value: yLo }, e];
  const key = (r: Row) => `${r.curve}\u0000${r.quantity}\u0000${r.segment}`;
  const dataLines: Polyline[] = [...new Set(rows.map(key))].map((k) => rows.filter((r) => key(r) === k));

  const fitted = series.length ? Math.max(...series.map((s) => s.fitLs.length)) : 0;
  // The currents drawn: |J|, or |J[name]| of plot --channel (one line style per current).
  const currents = series.length ? [...new Set(series.map(currentQuantity))] : [quantities.J];
  const isCurrent = (r: Row) => currents.includes(r.quantity);
  const shownJ = series.length && series.every((s) => s.channel !== undefined && s.channel === series[0].channel) ? currentOf(series[0]) : 'J';
  const colourTitle = fitted >= 2 ? `model: |${shownJ}| ∝ L^p fitted over the ${fitted} largest L` : 'model';
  const qDomain = bounds ? [...currents, quantities.B1, quantities.B2] : currents;
  const legendBoxes = cornerLegendBoxes(frame, [{ title: colourTitle, labels, symbol: 20 }, ...(bounds ? [{ title: 'line style', labels: qDomain, symbol: 26 }] : [])], fontSize);
  const allSamples = sampleLines(frame, [...dataLines, ...refs.map(refLine)]);
  // Growing currents leave the upper-left corner empty: the legends go there when they fit.
  const inside = legendBoxes.every((b) => isFree(b, allSamples, 0.02));
  // Else below the plot: to the right, vega's wide text estimate would squeeze the plot. No fill
  // inside the plot: vega sizes the box by that estimate too.
  const legendBase = {
    orient: inside ? ('top-left' as const) : ('bottom' as const), direction: 'vertical' as const, labelLimit: 1000, titleLimit: 1000,
    labelFontSize: fontSize, titleFontSize: fontSize, padding: 8, offset: 10,
  };

  const x = {
    field: 'L', type: 'quantitative' as const,
    scale: { type: 'log' as const, domain: dom.x, nice: false },
    // L is a whole number: on a short range, ticks at the integers only.
    axis: { ...logAxis('L (number of particles)', xLo, xHi), ...(xHi - xLo <= 20 ? { values: integersIn(xLo, xHi) } : {}) },
  };
  const y = {
    field: 'value', type: 'quantitative' as const,
    scale: { type: 'log' as const, domain: dom.y, nice: false },
    axis: logAxis(opts.yTitle ?? `${bounds ? '|J|, B1, B2' : '|J|'} (energy / time; ħ = k_B = 1)`, yLo, yHi),
  };
  const colour = {
    field: 'curve', type: 'nominal' as const,
    scale: { domain: labels, range: [...modelColours] },
    legend: { ...legendBase, title: colourTitle, symbolType: 'stroke', symbolStrokeWidth: 3, symbolSize: 400, symbolOpacity: 1 },
  };
  const dash = {
    field: 'quantity', type: 'nominal' as const,
    scale: { domain: qDomain, range: qDomain.map((q) => dashes[q] ?? dashes[quantities.J]) },
    legend: bounds ? { ...legendBase, title: 'line style', symbolType: 'stroke', symbolStrokeColor: '#444', symbolStrokeWidth: 2, symbolSize: 700 } : null,
  };

  // Reference labels: near the end of a line that leaves through the right edge, clear of the
  // data and the other lines; left of the end of one that leaves through the top.
  const placed = refs.map((e) => ({
    slope: e.slope,
    ...(e.top
      ? { L: e.L, value: e.value, side: 'top' as const }
      : labelPlace(frame, { L: xLo, value: yLo }, e, e.slope, fontSize, sampleLines(frame, [...dataLines, ...refs.filter((o) => o !== e).map(refLine)]))),
  }));
  const labelMark = {
    above: { baseline: 'bottom', dx: -4, dy: -4 },
    below: { baseline: 'top', dx: -4, dy: 4 },
    top: { baseline: 'top', dx: -8, dy: 4 },
  } as const;
  const layers: unknown[] = [
    {
      name: 'reference_slopes',
      data: { values: refs.map((e) => refLine(e).map((p) => ({ ...p, slope: e.slope }))).flat() },
      mark: { type: 'line', color: '#bdbdbd', strokeWidth: 1.2 },
      encoding: { x, y, detail: { field: 'slope', type: 'nominal' } },
    },
    ...(['above', 'below', 'top'] as const).filter((side) => placed.some((e) => e.side === side)).map((side) => ({
      name: `reference_labels_${side}`,
      data: { values: placed.filter((e) => e.side === side).map((e) => ({ slope: e.slope, L: e.L, value: e.value })) },
      mark: { type: 'text', align: 'right', ...labelMark[side], color: '#8a8a8a', fontSize },
      encoding: { x, y, text: { field: 'slope', type: 'nominal' } },
    })),
  ];
  if (bounds) {
    // Wider than |J| and under it: where |J| meets a bound, the bound shows on both sides of it.
    layers.push({
      name: 'bounds',
      data: { values: rows.filter((r) => !isCurrent(r)) },
      mark: { type: 'line', strokeWidth: 4, opacity: 0.55 },
      encoding: { x, y, color: colour, strokeDash: dash, detail: { field: 'quantity', type: 'nominal' } },
    });
  }
  // Nothing of |J| to draw: say why in the plot area rather than leave it silently empty.
  const allZero = series.filter((s) => s.points.length > 0 && s.zeroLs.length === s.points.length);
  if (allZero.length && !rows.some(isCurrent)) {
    const text = allZero.length === 1 && series.length === 1 ? `${shownJ} = 0 within its error bound at every L` : `${shownJ} = 0 within its error bound at every L (${allZero.map((s) => s.model).join(', ')})`;
    layers.push({
      name: 'zero_note',
      data: { values: [{ L: Math.sqrt(xLo * xHi), value: Math.sqrt(yLo * yHi), text: [text, 'a log axis has no 0: nothing is drawn, no exponent fitted'] }] },
      mark: { type: 'text', align: 'center', baseline: 'middle', color: '#444', fontSize: 15, lineHeight: 20 },
      encoding: { x, y, text: { field: 'text' } },
    });
  }
  layers.push({
    name: 'current',
    data: { values: rows.filter(isCurrent) },
    mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 28 } },
    // One line per run of L between zeros: a line across a zero would draw values that are not there.
    encoding: { x, y, color: colour, strokeDash: dash, detail: { field: 'segment', type: 'nominal' } },
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...size,
    autosize: { type: 'pad' },
    padding: 12,
    background: 'white',
    ...(titles.length ? { title: { text: titles, subtitle: subtitles, anchor: 'start', fontSize: titleFont, subtitleFontSize: subtitleFont, subtitleColor: '#444', offset: 12 } } : {}),
    // legend.layout is vega's (legends in the corner stack, legends below stand side by side);
    // vega-lite passes it through to the compiled spec, though its config type does not declare it.
    config: {
      font: 'DejaVu Sans, Verdana, sans-serif', view: { stroke: '#888' },
      legend: { rowPadding: 6, layout: { direction: 'vertical', bottom: { direction: 'horizontal', anchor: 'start', margin: 40 } } },
    },
    layer: layers,
  };
  return spec as unknown as TopLevelSpec;
}
