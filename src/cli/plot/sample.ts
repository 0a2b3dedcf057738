/**
 * Which L a plot computes: every integer over a short range, geometric spacing over a long one
 * (straight lines on log-log axes need few points, and the large L are the expensive ones).
 */

/** Ranges with at most this many integers are plotted at every integer. */
export const everyIntegerUpTo = 40;

/** Points per decade of a geometric range. */
export const pointsPerDecade = 8;

/** Below this L every integer is plotted (small L show parity effects, e.g. floor(L/2)). */
export const everyIntegerBelow = 13;

/**
 * The L plotted for the range A..B: all integers when there are at most {@link everyIntegerUpTo}
 * of them; else every integer below {@link everyIntegerBelow} and about {@link pointsPerDecade}
 * per decade rounded to integers, always with A and B, increasing and without repeats.
 *
 * @example plotLs(1, 5) // [1, 2, 3, 4, 5]
 * @example plotLs(1, 100000) // [1, 2, ..., 12, 13, 18, 24, 32, ..., 74989, 100000]
 */
export function plotLs(a: number, b: number): number[] {
  if (b - a + 1 <= everyIntegerUpTo) return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const n = Math.ceil(pointsPerDecade * Math.log10(b / a));
  const out = new Set<number>([a]);
  for (let L = a; L < everyIntegerBelow; L++) out.add(L);
  for (let i = 1; i < n; i++) out.add(Math.round(a * (b / a) ** (i / n)));
  out.add(b);
  return [...out].sort((x, y) => x - y);
}

/** L of the default plot: 1..12 for every model (as `scaling`), then these for models the symmetric method computes. */
export const defaultLs = Array.from({ length: 12 }, (_, i) => i + 1);
export const defaultLargeLs = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];
