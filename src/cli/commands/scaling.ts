/**
 * `heatbound scaling MODEL [--L A..B] [--param k=v]... [--json] [--tex]`: a table by default; `--json`
 * the result as data (atoms and assumptions included); `--tex` a LaTeX fragment for papers; `--coq`
 * the proved bounds as Coq lemmas with their proofs (scaling-coq.ts).
 */
import { computeScaling, numericText, type ScalingExpression, type ScalingResult } from '../../engine/index.js';
import { type ScalingJson, writeJson } from '../contracts.js';
import type { CliIO } from '../io.js';
import { progressDisplay } from '../progress.js';
import { loadModelArg } from '../load.js';
import { commandOptions, type FlagsOf } from '../options.js';
import { table } from '../format.js';
import { scalingCoq } from './scaling-coq.js';
import { mergeAssumptions, scalingTex, statusOf, statusWord } from './scaling-tex.js';

/** The raw flags of `scaling`, as its options in the table declare them. */
export type ScalingFlags = FlagsOf<typeof commandOptions.scaling>;

/** Runs `scaling`; returns the exit code. */
export async function scalingCommand(model: string, flags: ScalingFlags, io: CliIO): Promise<number> {
  const range = flags.L === undefined ? { Lmin: 1, Lmax: 12 } : commandOptions.scaling.L.parse(flags.L);
  const spec = loadModelArg(model, flags.param, io);
  // On a terminal, a progress bar over the L computed (cli/progress), cleared before any output.
  const progress = progressDisplay(io, 'scaling', !flags.json);
  let r: ScalingResult;
  try { r = await computeScaling(spec, progress ? { ...range, onProgress: progress.onProgress } : range); } finally { progress?.done(); }
  if (flags.json) {
    writeJson(io, scalingJson(r));
    return 0;
  }
  if (flags.tex) {
    io.out(scalingTex(r));
    return 0;
  }
  if (flags.coq) {
    io.out(scalingCoq(r).text);
    return 0;
  }
  const show = (e: ScalingExpression): string => {
    const one = (v: ScalingExpression['expr']) => (typeof v === 'string' ? v : `${v.even} (L even); ${v.odd} (L odd)`);
    if (e.pieces && e.pieces.length > 1) return e.pieces.map((p) => `${one(p.expr)} (L = ${p.from}..${p.to ?? 'infinity'})`).join('; ');
    return one(e.expr) + (e.validFrom !== undefined && e.validFrom > 1 ? ` (L >= ${e.validFrom})` : '');
  };
  const lead = (e: ScalingExpression) => (e.leading === null ? (e.leadingEstimate ? `~ ${numericText(e.leadingEstimate.value, e.leadingEstimate.error)} +- ${e.leadingEstimate.error}` : '') : typeof e.leading === 'string' ? e.leading : `${e.leading.even} | ${e.leading.odd}`);
  const exponent = (e: ScalingExpression): string => {
    if (e.exponent === null) return '?';
    if (typeof e.exponent !== 'number' || statusOf(e) !== 'numeric') return String(e.exponent);
    const rel = e.exponentRelation ?? 'about';
    return rel === 'about' ? `~ ${e.exponent}${e.exponentError !== undefined ? ` +- ${Number(e.exponentError.toPrecision(2))}` : ''}` : `${rel} ${e.exponent}`;
  };
  io.out(`model ${r.model}: closed forms in L\n\n`);
  const named = Object.entries(r.currents ?? {}).map(([name, e]) => [`J[${name}]`, e] as const);
  const rows = [['J', r.J] as const, ...named, ...Object.entries(r.terms), ...Object.entries(r.bounds)].map(([k, e]) => [
    k, show(e as ScalingExpression), exponent(e as ScalingExpression), lead(e as ScalingExpression), statusWord(e as ScalingExpression),
  ]);
  io.out(table(['quantity', 'expression', 'exponent', 'leading coefficient', 'status'], rows));
  io.out(`\nlim J/B1 = ${r.ratios.B1}    lim J/B2 = ${r.ratios.B2}    (L -> infinity)\n\n`);
  for (const a of mergeAssumptions(r.assumptions ?? [])) {
    const range = a.ranges ? ` for L = ${a.ranges.map((x) => `${x.from}..${x.to ?? 'infinity'}`).join(', ')}` : '';
    io.out(`assuming ${a.expr} ${a.relation} 0${range}${a.holds ? '' : ' (false at the given params)'} — ${a.whys.join('; ')}\n`);
  }
  for (const [name, a] of Object.entries(r.atoms ?? {})) io.out(`atom ${name}: ${a.expr} = ${a.value}${a.range ? ` in ${a.range}` : ''}\n`);
  for (const p of r.proofs) {
    const checked = p.certificate?.pieces.every((x) => x.checked) ? ', certificate re-checked' : '';
    io.out(`proof: ${p.claim}: ${p.verdict}${p.verdict === 'proved' ? checked : ''}${p.counterexample !== undefined ? ` (fails first at L = ${p.counterexample})` : ''}${p.reason && p.verdict !== 'proved' ? ` — ${p.reason}` : ''}\n`);
    for (const x of p.certificate?.pieces ?? []) io.out(`  ${x.branch === 'all' ? '' : `L ${x.branch}: `}${x.inequality}: ${x.polynomial} >= 0 for ${x.variable} >= ${x.from}: ${x.verdict}${x.checked ? ' (checked)' : ''}\n`);
  }
  // "assumed ..." notes repeat the assumptions listed above (the JSON keeps both).
  for (const n of r.notes) if (!n.startsWith('assumed ')) io.out(`note: ${n}\n`);
  return 0;
}

/**
 * The JSON of a scaling result (the contract {@link ScalingJson}): its data fields (the exact
 * `forms` are not one), with `atoms` and `assumptions` always present (empty when the derivation
 * made none).
 *
 * @example JSON.stringify(scalingJson(await computeScaling(spec))).includes('"atoms"') // true
 */
export function scalingJson(r: ScalingResult): ScalingJson {
  return {
    model: r.model, J: r.J, terms: r.terms, bounds: r.bounds, ratios: r.ratios, proofs: r.proofs, notes: r.notes,
    assumptions: r.assumptions ?? [], atoms: r.atoms ?? {}, env: r.env, definedFrom: r.definedFrom,
    ...(r.currents ? { currents: r.currents } : {}),
  };
}
