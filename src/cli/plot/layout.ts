/**
 * Placement decisions for a log-log plot, made before vega lays it out: positions are fractions of
 * the plot area (x from the left, y from the top), text sizes are estimated for DejaVu Sans (about
 * 0.62 em a character; vega's own estimate without a canvas, 0.8 em, is too wide to decide this).
 */

/** The plot area: the axes' domains and its size in pixels (estimated). */
export interface Frame {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly width: number;
  readonly height: number;
}

/** A drawn line as its vertices. */
export type Polyline = readonly { readonly L: number; readonly value: number }[];

/** A rectangle in fractions of the plot area. */
export interface Box { readonly x1: number; readonly x2: number; readonly y1: number; readonly y2: number }

/** Estimated width in pixels of `text` at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  return 0.62 * fontSize * [...text].length;
}

/** A point (L, value) in fractions of the plot area. */
export function toFrame(f: Frame, L: number, value: number): [number, number] {
  const frac = (lo: number, hi: number, v: number) => Math.log(v / lo) / Math.log(hi / lo);
  return [frac(f.x[0], f.x[1], L), 1 - frac(f.y[0], f.y[1], value)];
}

/** Points along each line: its vertices and 16 between each two (lines are straight on log-log axes). */
export function sampleLines(f: Frame, lines: readonly Polyline[]): [number, number][] {
  const out: [number, number][] = [];
  for (const pts of lines) {
    pts.forEach((p, i) => {
      const b = toFrame(f, p.L, p.value);
      if (i === 0) { out.push(b); return; }
      const a = toFrame(f, pts[i - 1].L, pts[i - 1].value);
      for (let t = 1; t <= 16; t++) out.push([a[0] + (t / 16) * (b[0] - a[0]), a[1] + (t / 16) * (b[1] - a[1])]);
    });
  }
  return out;
}

/** Whether no sample lies in `box` grown by `margin` on every side. */
export function isFree(box: Box, samples: readonly (readonly [number, number])[], margin = 0.01): boolean {
  return samples.every(([x, y]) => x < box.x1 - margin || x > box.x2 + margin || y < box.y1 - margin || y > box.y2 + margin);
}

/** A legend as far as its size goes. */
export interface LegendText { readonly title: string; readonly labels: readonly string[]; readonly symbol: number }

/**
 * The boxes of legends stacked in the upper-left corner (offset 10 px, padding 8 px, rows of
 * fontSize + 6 px), in fractions of the plot area.
 */
export function cornerLegendBoxes(f: Frame, legends: readonly LegendText[], fontSize: number): Box[] {
  const line = fontSize + 6, pad = 8, offset = 10;
  let top = offset;
  return legends.map((g) => {
    const w = 2 * pad + Math.max(textWidth(g.title, fontSize) * 1.08, g.symbol + 6 + Math.max(...g.labels.map((l) => textWidth(l, fontSize))));
    const h = 2 * pad + line + g.labels.length * line;
    const box = { x1: 0, x2: (offset + w) / f.width, y1: top / f.height, y2: (top + h) / f.height };
    top += h;
    return box;
  });
}

/** Where a line's label goes: the point of the line it is attached to, and on which side. */
export interface LabelPlace { readonly L: number; readonly value: number; readonly side: 'above' | 'below' }

/**
 * Where the label of the straight (log-log) line from `start` to `end` goes: right-aligned just
 * above or below a point of it, the end first, then points further back along it (85%, 70%, 55%,
 * 40% of its length), the first place that covers no sample; the end, above, if none is free.
 */
export function labelPlace(
  f: Frame, start: { L: number; value: number }, end: { L: number; value: number }, text: string, fontSize: number,
  samples: readonly (readonly [number, number])[],
): LabelPlace {
  const w = (textWidth(text, fontSize) + 4) / f.width, h = (fontSize + 2) / f.height, gap = 4 / f.height;
  for (const t of [1, 0.85, 0.7, 0.55, 0.4]) {
    const L = start.L * (end.L / start.L) ** t, value = start.value * (end.value / start.value) ** t;
    const [x, y] = toFrame(f, L, value);
    if (isFree({ x1: x - w, x2: x, y1: y - gap - h, y2: y - gap }, samples, 0.005)) return { L, value, side: 'above' };
    if (isFree({ x1: x - w, x2: x, y1: y + gap, y2: y + gap + h }, samples, 0.005)) return { L, value, side: 'below' };
  }
  return { L: end.L, value: end.value, side: 'above' };
}
