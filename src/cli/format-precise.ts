/**
 * Output of the decimal.js engine (`current --digits D`): every number as a decimal string with
 * the requested digits, each with its error bound.
 */
import type { Decimal } from 'decimal.js';
import { boundNames, type Bounded, type PreciseResult, type PreciseVerdict } from '../engine/index.js';
import { table } from './format.js';

/** A Decimal with `digits` significant digits, as text (no exponent for moderate magnitudes). */
export function dec(x: Decimal, digits: number): string {
  if (x.isZero()) return '0';
  if (!x.isFinite()) return x.toString();
  const s = x.toSignificantDigits(digits);
  const e = s.e;
  return e >= -7 && e < 21 ? s.toFixed() : s.toExponential();
}

/** An error bound: 3 significant digits. */
function err(x: Decimal): string {
  return x.isZero() ? '0' : x.toSignificantDigits(3).toExponential();
}

const asHolds = (v: PreciseVerdict): boolean | 'tie' | 'unknown' => (v === 'holds' ? true : v === 'violated' ? false : v);

/** The JSON of `current --digits D --json`: the keys of the float64 output, values as strings, plus precision fields. */
export function preciseJson(r: PreciseResult): Record<string, unknown> {
  const d = r.digitsUsed;
  const v = (b: Bounded) => dec(b.value, d);
  const e = (b: Bounded) => err(b.error);
  const rec = (o: Readonly<Record<string, Bounded>>, f: (b: Bounded) => string) => Object.fromEntries(Object.entries(o).map(([k, b]) => [k, f(b)]));
  return {
    model: r.model,
    L: r.L,
    method: r.method,
    engine: 'decimal',
    digits: r.digits,
    digitsUsed: r.digitsUsed,
    state: r.state,
    J: v(r.J),
    channels: r.channels.map((c) => ({
      J: v(c.J), normA: v(c.normA), deltaE: v(c.deltaE), gammaMax: v(c.gammaMax), omegaGammaMax: v(c.omegaGammaMax),
      Bstate: v(c.Bstate), normHow: c.normHow,
    })),
    terms: rec(r.terms, v),
    bounds: rec(r.bounds, v),
    holds: Object.fromEntries(boundNames.map((b) => [b, asHolds(r.holds[b])])),
    verdicts: r.holds,
    ratios: rec(r.ratios, v),
    margins: rec(r.margins, v),
    error: { J: e(r.J), terms: rec(r.terms, e), bounds: rec(r.bounds, e), ratios: rec(r.ratios, e), margins: rec(r.margins, e) },
    tail: {
      B2tail: v(r.bounds.B2tail), D: dec(r.tail.D, d), band: dec(r.tail.band, d), tail: dec(r.tail.tail, d), error: e(r.bounds.B2tail),
      dropped: err(r.tail.dropped), gridPoints: r.tail.gridPoints, coarse: false, frequencies: r.tail.frequencies,
      profile: r.tail.profile.map((p) => ({ D: dec(p.D, d), value: dec(p.value, d) })),
    },
    exact: r.inexact.length === 0,
    inexact: r.inexact,
    notes: r.notes,
    dimension: r.dimension,
  };
}

const verdictWord = (v: PreciseVerdict): string => (v === 'holds' ? 'holds' : v === 'violated' ? 'VIOLATED' : v === 'tie' ? 'tie (equality within error)' : 'unknown (inexact terms)');

/** The readable report. */
export function preciseText(r: PreciseResult): string {
  const d = Math.min(r.digits, 40);
  const out: string[] = [];
  out.push(`model ${r.model}   L = ${r.L}   state ${r.state}   decimal.js, ${r.digits} digits${r.digitsUsed !== r.digits ? ` (ties recomputed at ${r.digitsUsed})` : ''}, ${r.method} path (dimension ${r.dimension})`);
  out.push(`J = ${dec(r.J.value, d)}   (error <= ${err(r.J.error)})`);
  out.push('');
  out.push(table(['term', 'value', 'error'], (Object.entries(r.terms) as [string, Bounded][]).map(([k, b]) => [k, dec(b.value, d), err(b.error)])));
  out.push(table(['bound', 'value', '|J|/B', 'margin B - |J|', 'error', '|J| <= B'], boundNames.map((b) => [
    b, dec(r.bounds[b].value, d), dec(r.ratios[b].value, d), dec(r.margins[b].value, 6), err(r.margins[b].error), verdictWord(r.holds[b]),
  ])));
  for (const n of r.inexact) out.push(`inexact: ${n}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
