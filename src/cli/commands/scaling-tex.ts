/**
 * `scaling --tex`: the scaling report as a LaTeX fragment to paste into a paper (needs amsmath):
 * the closed forms as `align*` rows (parity branches and pieces in L as `cases`), a `tabular` of
 * exponents, leading terms and status words, the limits of J/B1 and J/B2, the assumptions of the
 * derivation and the atoms' definitions. Notes, reasons and proofs go into TeX comments.
 */
import type { AssumptionData, AtomData, FormStatus, ScalingExpression, ScalingResult } from '../../engine/index.js';
import { factor } from '../../symbolic/index.js';
import { escapeTex, exprTex, texComment } from '../tex.js';

type Text = string | { readonly even: string; readonly odd: string };

/** The symbol of each quantity in a paper. */
export const quantityTex: Readonly<Record<string, string>> = {
  J: 'J', normH: '\\|H_S\\|', width: 'E_{\\max} - E_{\\min}', sumA2: '\\sum_\\alpha \\|A_\\alpha\\|^2', gammaMax: '\\Gamma',
  deltaE: '\\Delta E_{\\mathrm{eff}}', Bstate: 'B_{\\mathrm{state}}', B1: 'B_1', B1coarse: 'B_1^{\\mathrm{coarse}}', B2: 'B_2',
};

/** The status of an expression; from `how` where the result carries none (older results). */
export function statusOf(e: ScalingExpression): FormStatus {
  if (e.status) return e.status;
  if (e.how === 'numeric' || e.expr === 'numeric') return 'numeric';
  if (e.how.startsWith('derived') || e.how === 'upper bound') return 'derived';
  return 'conjectured';
}

/** The status word of an expression: derived, derived (upper bound), conjectured or numeric. */
export function statusWord(e: ScalingExpression): string {
  const s = statusOf(e);
  return s === 'derived' && e.how === 'upper bound' ? 'derived (upper bound)' : s;
}

/** A number in TeX: up to `digits` significant digits, powers of ten as `\times 10^{k}`. */
function numTex(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '\\text{NaN}' : x > 0 ? '\\infty' : '-\\infty';
  const s = String(Number(x.toPrecision(digits)));
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

const rangeTex = (from: number, to: number | null): string =>
  (to === null ? `L \\ge ${from}` : from === to ? `L = ${from}` : `${from} \\le L \\le ${to}`);

/** The TeX of an expression text; the result's own TeX where the CAS cannot read the text. */
function formTex(text: string, given?: string): string {
  const t = exprTex(text);
  return t.startsWith('\\text{') && given !== undefined && given !== text ? given : t;
}

/** Rows [expression, condition] of a text that may differ by parity, under an optional range. */
function branchRows(v: Text, tex: Text | undefined, cond?: string): [string, string][] {
  const and = (c: string) => (cond ? `${c},\\ ${cond}` : c);
  if (typeof v === 'string') return [[formTex(v, typeof tex === 'string' ? tex : undefined), cond ?? '']];
  const given = (w: 'even' | 'odd') => (tex && typeof tex !== 'string' ? tex[w] : undefined);
  return [[formTex(v.even, given('even')), and('L \\text{ even}')], [formTex(v.odd, given('odd')), and('L \\text{ odd}')]];
}

/** One expression or `\begin{cases}` of several, each with its condition. */
function casesTex(rows: readonly [string, string][]): string {
  if (rows.length === 1) return rows[0][1] ? `${rows[0][0]} \\qquad (${rows[0][1]})` : rows[0][0];
  return `\\begin{cases} ${rows.map(([e, c]) => `${e} & ${c}`).join(' \\\\ ')} \\end{cases}`;
}

/** The closed form of an expression: pieces in L with their ranges, parity branches. */
export function formOfTex(e: ScalingExpression): string {
  // Adjacent pieces with the same form are one range.
  const pieces: NonNullable<ScalingExpression['pieces']>[number][] = [];
  for (const p of e.pieces ?? []) {
    const last = pieces[pieces.length - 1];
    if (last && last.to !== null && last.to + 1 === p.from && JSON.stringify(last.expr) === JSON.stringify(p.expr)) pieces[pieces.length - 1] = { ...last, to: p.to };
    else pieces.push(p);
  }
  if (pieces.length > 1) return casesTex(pieces.flatMap((p) => branchRows(p.expr, p.tex, rangeTex(p.from, p.to))));
  if (pieces.length === 1 && (pieces[0].from > 1 || pieces[0].to !== null)) return casesTex(branchRows(pieces[0].expr, pieces[0].tex, rangeTex(pieces[0].from, pieces[0].to)));
  if (pieces.length === 1) return casesTex(branchRows(pieces[0].expr, pieces[0].tex));
  return casesTex(branchRows(e.expr, e.tex, e.validFrom !== undefined && e.validFrom > 1 ? rangeTex(e.validFrom, null) : undefined));
}

/** The exponent cell (text mode): $2$, $\approx 2.27 \pm 0.8$, $\ge 0.983$, exponential, ?. */
export function exponentTex(e: ScalingExpression): string {
  const x = e.exponent;
  if (x === null) return '?';
  if (typeof x === 'string') return escapeTex(x);
  if (statusOf(e) !== 'numeric') return `$${numTex(x)}$`;
  const rel = e.exponentRelation ?? 'about';
  if (rel === 'at least') return `$\\ge ${numTex(x, 4)}$`;
  if (rel === 'at most') return `$\\le ${numTex(x, 4)}$`;
  return `$\\approx ${numTex(x, 4)}${e.exponentError !== undefined && Number.isFinite(e.exponentError) ? ` \\pm ${numTex(e.exponentError, 2)}` : ''}$`;
}

/** The leading term as L grows (math mode), or null when unknown. */
export function leadingTex(e: ScalingExpression): string | null {
  const lead = e.leading;
  if (lead === null) return null;
  const term = (c: string): string => {
    if (e.exponent === 'exponential') return c === 'exponential growth' ? '\\text{exponential growth}' : exprTex(c);
    if (typeof e.exponent !== 'number') return `\\text{coefficient } ${exprTex(c)}`;
    if (c.trim() === '0' || e.exponent === 0) return exprTex(c);
    return exprTex(`(${c})*L${e.exponent === 1 ? '' : `^${e.exponent}`}`);
  };
  return typeof lead === 'string' ? term(lead) : casesTex([[term(lead.even), 'L \\text{ even}'], [term(lead.odd), 'L \\text{ odd}']]);
}

/**
 * The symbol of a row: a quantity of {@link quantityTex}, `J[name]` (the current of a named
 * channel) as J_{\text{name}}, any other name as text.
 */
function symbolTex(name: string): string {
  const channel = /^J\[(.+)\]$/.exec(name);
  return quantityTex[name] ?? (channel ? `J_{\\text{${escapeTex(channel[1])}}}` : `\\text{${escapeTex(name)}}`);
}

/** Whether a row is a current (J or J[name]), whose size only a numeric estimate gives: |J|. */
const isCurrent = (name: string) => name === 'J' || /^J\[.+\]$/.test(name);

/** One row of the align* block of closed forms. */
function formRow(name: string, e: ScalingExpression): string {
  let q = symbolTex(name);
  const s = statusOf(e);
  if (s === 'numeric') {
    // Only the size is estimated: of |J|, since J may be negative.
    if (isCurrent(name)) q = `|${q}|`;
    if (typeof e.exponent !== 'number') return `${q} &\\quad \\text{no closed form}`;
    const rel = e.exponentRelation ?? 'about', x = numTex(e.exponent, 4);
    if (rel !== 'about') return `${q} &\\quad \\text{grows ${rel} like } L^{${x}} \\quad \\text{(numeric)}`;
    const err = e.exponentError !== undefined && Number.isFinite(e.exponentError) ? ` \\pm ${numTex(e.exponentError, 2)}` : '';
    return `${q} &\\sim L^{${x}${err}} \\quad \\text{(numeric)}`;
  }
  const rel = e.how === 'upper bound' ? '\\le' : '=';
  return `${q} &${rel} ${formOfTex(e)}${s === 'conjectured' ? ' \\quad \\text{(conjectured)}' : ''}`;
}

/** Whether `s` has a + or - outside parentheses after its first character. */
function isSum(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if ((c === '+' || c === '-') && depth === 0 && i > 0 && s[i - 1] !== '^' && s[i - 1] !== '(') return true;
  }
  return false;
}

const relTex: Record<AssumptionData['relation'], string> = { '>': '>', '>=': '\\ge', '<': '<', '<=': '\\le', '=': '=', '!=': '\\neq' };
const flipped: Record<AssumptionData['relation'], AssumptionData['relation']> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '=': '=', '!=': '!=' };

/**
 * `expr relation 0` as TeX, factored, with a positive rational factor dropped and a leading minus
 * moved into the relation: -5/4*chi + 5/4*w0 > 0 is w_0-\chi > 0.
 */
export function assumptionTex(expr: string, relation: AssumptionData['relation']): string {
  let s = expr.replace(/\s+/g, ''), rel = relation;
  try { s = factor(s).replace(/\s+/g, ''); } catch { /* as it is */ }
  if (s.startsWith('-') && !isSum(s)) { s = s.slice(1); rel = flipped[rel]; }
  for (;;) {
    const lead = /^(\d+)\*(.+)$/.exec(s), tail = /^(.+)\/(\d+)$/.exec(s);
    if (lead && !isSum(lead[2]) && lead[1] !== '0') { s = lead[2]; continue; }
    if (tail && !isSum(tail[1]) && tail[2] !== '0') { s = tail[1]; continue; }
    break;
  }
  if (/^\(.*\)$/.test(s) && s.lastIndexOf('(') === 0) s = s.slice(1, -1);
  return `${exprTex(s)} ${relTex[rel]} 0`;
}

interface MergedAssumption { readonly expr: string; readonly relation: AssumptionData['relation']; readonly whys: string[]; ranges: { from: number; to: number | null }[] | null; holds: boolean }

/** Assumptions made on several pieces of L, merged: one per expression and relation, with the union of their ranges. */
export function mergeAssumptions(list: readonly AssumptionData[]): MergedAssumption[] {
  const out = new Map<string, MergedAssumption>();
  for (const a of list) {
    const key = `${a.expr.replace(/\s+/g, '')}\u0000${a.relation}`;
    const m = out.get(key) ?? { expr: a.expr, relation: a.relation, whys: [], ranges: [], holds: true };
    out.set(key, m);
    if (!m.whys.includes(a.why)) m.whys.push(a.why);
    m.holds &&= a.holdsAtParams;
    if (!a.L) m.ranges = null;
    else if (m.ranges) m.ranges.push({ ...a.L });
  }
  for (const m of out.values()) {
    if (!m.ranges) continue;
    const rs = [...m.ranges].sort((a, b) => a.from - b.from);
    const merged: { from: number; to: number | null }[] = [];
    for (const r of rs) {
      const last = merged[merged.length - 1];
      if (last && (last.to === null || r.from <= last.to + 1)) last.to = last.to === null || r.to === null ? null : Math.max(last.to, r.to);
      else merged.push({ ...r });
    }
    m.ranges = merged.length === 1 && merged[0].from <= 1 && merged[0].to === null ? null : merged;
  }
  // x >= 0 says nothing beside x > 0 on the same ranges: keep the stronger one, with both reasons.
  const rangeKey = (m: MergedAssumption) => JSON.stringify(m.ranges);
  for (const [key, m] of out) {
    if (m.relation !== '>=') continue;
    const strict = out.get(key.replace(/\u0000>=$/, '\u0000>'));
    if (!strict || rangeKey(strict) !== rangeKey(m)) continue;
    for (const w of m.whys) if (!strict.whys.includes(w)) strict.whys.push(w);
    out.delete(key);
  }
  return [...out.values()];
}

/** lim J/B as returned by computeScaling ("-1/4", "0", "Infinity", "unknown", "even: a; odd: b"). */
function limitTex(text: string): string {
  const one = (t: string) => (t.trim() === 'unknown' ? '\\text{unknown}' : exprTex(t));
  const m = /^even: (.*); odd: (.*)$/.exec(text);
  return m ? casesTex([[one(m[1]), 'L \\text{ even}'], [one(m[2]), 'L \\text{ odd}']]) : one(text);
}

const isIdentifier = (s: string) => /^[A-Za-z][A-Za-z0-9_]*$/.test(s);

/** An align* environment of rows, each with an optional comment; '' when there are none. */
function align(rows: readonly { tex: string; comment?: string }[]): string {
  if (!rows.length) return '';
  const body = rows.map((r, i) => `  ${r.tex}${i < rows.length - 1 ? ' \\\\' : ''}${r.comment ? ` % ${texComment(r.comment)}` : ''}`);
  return ['\\begin{align*}', ...body, '\\end{align*}'].join('\n');
}

/**
 * The LaTeX fragment of a scaling report (amsmath; no preamble): paste it into a paper, or wrap it
 * with `texDocument` for a standalone file.
 *
 * @example io.out(scalingTex(await computeScaling(spec)))
 */
export function scalingTex(r: ScalingResult): string {
  // The named channels' currents J[name] after J (only when the model names a channel).
  const channels = Object.entries(r.currents ?? {}).map(([name, e]): [string, ScalingExpression] => [`J[${name}]`, e]);
  const entries: [string, ScalingExpression][] = [['J', r.J], ...channels, ...Object.entries(r.terms), ...Object.entries(r.bounds)];
  const atoms: Readonly<Record<string, AtomData>> = r.atoms ?? {};
  const params = Object.entries(r.env ?? {}).filter(([k]) => !(k in atoms));
  const out: string[] = [
    `% heatbound scaling ${texComment(r.model)}: closed forms in L (hbar = k_B = 1; J > 0: heat flows into the system). Needs \\usepackage{amsmath}.`,
    '% derived: exact for every L of its range, under the assumptions below; conjectured: fitted on a range of L and confirmed (equal to the engine within its error bound) at every L computed, not proved; numeric: an exponent from engine values only.',
    ...(params.length ? [`% params: ${texComment(params.map(([k, v]) => `${k} = ${v}`).join(', '))}`] : []),
    align(entries.map(([k, e]) => ({ tex: formRow(k, e), comment: e.how !== statusWord(e) ? e.how : undefined }))),
    '',
    '\\begin{tabular}{llll}',
    '\\hline',
    'quantity & exponent & leading term & status \\\\',
    '\\hline',
    ...entries.map(([k, e]) => {
      const lead = leadingTex(e);
      const q = isCurrent(k) && statusOf(e) === 'numeric' ? `|${symbolTex(k)}|` : symbolTex(k);
      return `$${q}$ & ${exponentTex(e)} & ${lead === null ? '?' : `$${lead}$`} & ${escapeTex(statusWord(e))} \\\\`;
    }),
    '\\hline',
    '\\end{tabular}',
    '',
  ];
  // The limits, with the weaker status of the two forms they come from.
  const weaker = (b: 'B1' | 'B2') => {
    const s = [statusOf(r.J), statusOf(r.bounds[b])];
    return s.includes('numeric') ? 'numeric' : s.includes('conjectured') ? 'conjectured' : 'derived';
  };
  out.push(align((['B1', 'B2'] as const).map((b) => {
    const s = weaker(b);
    return { tex: `\\lim_{L\\to\\infty} \\frac{J}{${quantityTex[b]}} &= ${limitTex(r.ratios[b])}${s === 'derived' || r.ratios[b] === 'unknown' ? '' : ` \\quad \\text{(${s})}`}` };
  })));
  const assumptions = mergeAssumptions(r.assumptions ?? []);
  if (assumptions.length) {
    out.push('', align(assumptions.map((a) => ({
      tex: `&\\text{assuming } ${assumptionTex(a.expr, a.relation)}${a.ranges ? ` \\quad \\text{for } ${a.ranges.map((x) => rangeTex(x.from, x.to)).join(' \\text{ or } ')}` : ''}${a.holds ? '' : ' \\quad \\text{(false at the given params)}'}`,
      comment: a.whys.join('; '),
    }))));
  }
  const atomRows = Object.entries(atoms).map(([name, a]) => {
    const range = a.range ? ` \\quad \\text{in ${escapeTex(a.range)}}` : '';
    const value = `\\approx ${numTex(a.value)}`;
    return isIdentifier(name)
      ? { tex: `\\text{where } ${exprTex(name)} &= ${exprTex(a.expr)} ${value}${range}`, comment: `${name} = ${a.expr} at the params` }
      : { tex: `\\text{where } ${exprTex(a.expr)} &${value}${range}`, comment: `${a.expr} at the params` };
  });
  if (atomRows.length) out.push('', align(atomRows));
  if (r.proofs.length || r.notes.length) out.push('');
  for (const p of r.proofs) out.push(`% proof: ${texComment(`${p.claim}: ${p.verdict}${p.reason && p.verdict !== 'proved' ? ` (${p.reason})` : ''}`)}`);
  for (const n of r.notes) out.push(`% note: ${texComment(n)}`);
  return out.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n').replace(/\n*$/, '\n');
}
