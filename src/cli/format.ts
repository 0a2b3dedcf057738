/**
 * Output formatting: numbers as decimal strings in JSON (shortest round-trip form), and readable
 * tables for people.
 */
import type { CurrentResult } from '../engine/index.js';

/** A real number as a decimal string that parses back to the same float64. */
export function decimal(x: number): string {
  if (Object.is(x, -0)) return '0';
  return String(x);
}

/** A number for tables: 10 significant digits, no trailing zeros. */
export function short(x: number, digits = 10): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const s = x.toPrecision(digits);
  if (a >= 1e-4 && a < 1e15 && !s.includes('e')) return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
}

/** The JSON object of `current --json` (contract of issue 2; extended, never renamed). */
export function currentJson(r: CurrentResult): Record<string, unknown> {
  const rec = <T extends object>(o: T): Record<string, string> =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decimal(v as number)]));
  return {
    model: r.model,
    L: r.L,
    method: r.method,
    state: r.state,
    J: decimal(r.J),
    channels: r.channels.map((c) => ({
      J: decimal(c.J), normA: decimal(c.normA), deltaE: decimal(c.deltaE), gammaMax: decimal(c.gammaMax),
      omegaGammaMax: decimal(c.omegaGammaMax), Bstate: decimal(c.Bstate), normHow: c.normHow,
    })),
    terms: rec(r.terms),
    bounds: rec(r.bounds),
    holds: r.holds,
    error: { J: decimal(r.error.J), bounds: rec(r.error.bounds) },
    tail: tailJson(r),
    exact: r.exact,
    inexact: r.inexact,
    notes: r.notes,
    dimension: r.dimension,
  };
}

/** B2tail's cutoff, pieces and profile (D, B2tail(D)) for JSON. */
function tailJson(r: CurrentResult): Record<string, unknown> {
  const t = r.tail;
  return {
    B2tail: decimal(r.bounds.B2tail), D: decimal(t.D), band: decimal(t.band), tail: decimal(t.tail), error: decimal(r.error.bounds.B2tail),
    dropped: decimal(t.dropped), gridPoints: t.gridPoints, coarse: t.coarse, frequencies: t.frequencies,
    profile: t.profile.map((p) => ({ D: decimal(p.D), value: decimal(p.value) })),
  };
}

/** Left-aligned first column (and those in `left`), right-aligned others. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = [0]): string {
  const all = [header, ...rows];
  const w = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => r.map((v, c) => (left.includes(c) ? v.padEnd(w[c]) : v.padStart(w[c]))).join('  ').trimEnd();
  return [line(header), w.map((x) => '-'.repeat(x)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** A verdict as a word. */
export function verdictText(v: boolean | string): string {
  return v === true ? 'holds' : v === false ? 'VIOLATED' : v === 'tie' ? 'tie (equal within error)' : 'unknown';
}

/** The readable report of one L. */
export function currentText(r: CurrentResult): string {
  const out: string[] = [];
  out.push(`model ${r.model}   L = ${r.L}   state ${r.state}   method ${r.method} (dimension ${r.dimension})`);
  out.push(`J = ${short(r.J, 15)}   (J > 0: heat flows into the system; error <= ${short(r.error.J, 2)})`);
  out.push('');
  const chRows = r.channels.map((c, i) => [String(i), short(c.J), short(c.normA), short(c.deltaE), short(c.gammaMax), short(c.omegaGammaMax), short(c.Bstate)]);
  const shown = chRows.length > 16 ? [...chRows.slice(0, 8), ['...', '', '', '', '', '', ''], ...chRows.slice(-4)] : chRows;
  out.push(table(['channel', 'J', '||A||', 'deltaE', 'gammaMax', 'max|w|gamma', 'Bstate'], shown));
  out.push(table(['term', 'value'], [
    ['normH  ||H_S||', short(r.terms.normH)], ['width  W = Emax - Emin', short(r.terms.width)],
    ['sumA2  sum ||A||^2', short(r.terms.sumA2)], ['gammaMax  Gamma', short(r.terms.gammaMax)], ['deltaE  DeltaE_eff', short(r.terms.deltaE)],
  ]));
  const ratio = (b: number) => (b === 0 ? (r.J === 0 ? '0' : 'inf') : short(Math.abs(r.J) / b, 6));
  out.push(table(['bound', 'value', '|J|/B', '|J| <= B'], (['Bstate', 'B1', 'B1coarse', 'B2', 'B2tail'] as const).map((b) => [b === 'B2tail' ? `B2tail (D = ${short(r.tail.D, 6)})` : b, short(r.bounds[b]), ratio(r.bounds[b]), verdictText(r.holds[b])])));
  for (const n of r.inexact) out.push(`inexact: ${n}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}

/** The compact table of several L. */
export function currentSweepText(rs: readonly CurrentResult[]): string {
  const rows = rs.map((r) => [
    String(r.L), r.method, short(r.J), short(r.bounds.Bstate), short(r.bounds.B1), short(r.bounds.B1coarse), short(r.bounds.B2),
    r.bounds.B1 === 0 ? '-' : short(Math.abs(r.J) / r.bounds.B1, 6),
    (['Bstate', 'B1', 'B1coarse', 'B2'] as const).every((b) => r.holds[b] === true) ? 'all hold' : (['Bstate', 'B1', 'B1coarse', 'B2'] as const).map((b) => `${b}:${verdictText(r.holds[b])}`).filter((s) => !s.endsWith('holds')).join(' '),
  ]);
  const head = rs.length ? `model ${rs[0].model}   state ${rs[0].state}\n` : '';
  return head + table(['L', 'method', 'J', 'Bstate', 'B1', 'B1coarse', 'B2', '|J|/B1', 'verdicts'], rows);
}
