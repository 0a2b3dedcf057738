/**
 * `heatbound scaling MODEL [--L A..B] [--param k=v]... [--json] [--tex]`
 */
import { computeScaling, type ScalingExpression } from '../../engine/index.js';
import { parseLList, usageError } from '../args.js';
import type { CliIO } from '../io.js';
import { loadModelArg } from '../load.js';
import { table } from '../format.js';

export interface ScalingFlags {
  readonly L?: string;
  readonly param: string[];
  readonly json?: boolean;
  readonly tex?: boolean;
}

/** Runs `scaling`; returns the exit code. */
export async function scalingCommand(model: string, flags: ScalingFlags, io: CliIO): Promise<number> {
  let Lmin = 1, Lmax = 12;
  if (flags.L !== undefined) {
    const Ls = parseLList(flags.L);
    Lmin = Math.min(...Ls); Lmax = Math.max(...Ls);
    if (Lmax - Lmin < 5) throw usageError('--L', flags.L, 'scaling needs a range of at least 6 values of L (A..B with B - A >= 5) to confirm its forms');
  }
  const spec = loadModelArg(model, flags.param, io);
  const r = await computeScaling(spec, { Lmin, Lmax });
  if (flags.json) {
    io.out(JSON.stringify(r, null, 2) + '\n');
    return 0;
  }
  const show = (e: ScalingExpression, tex: boolean): string => {
    const v = tex ? e.tex : e.expr;
    return typeof v === 'string' ? v : `${v.even} (L even); ${v.odd} (L odd)`;
  };
  const lead = (e: ScalingExpression) => (e.leading === null ? '' : typeof e.leading === 'string' ? e.leading : `${e.leading.even} | ${e.leading.odd}`);
  const tex = Boolean(flags.tex);
  io.out(`model ${r.model}: closed forms in L (${tex ? 'LaTeX' : 'text'})\n\n`);
  const rows = [['J', r.J] as const, ...Object.entries(r.terms), ...Object.entries(r.bounds)].map(([k, e]) => [
    k, show(e as ScalingExpression, tex), String((e as ScalingExpression).exponent ?? '?'), lead(e as ScalingExpression), (e as ScalingExpression).how,
  ]);
  io.out(table(['quantity', 'expression', 'exponent', 'leading coefficient', 'how'], rows));
  io.out(`\nlim J/B1 = ${r.ratios.B1}    lim J/B2 = ${r.ratios.B2}    (L -> infinity)\n\n`);
  for (const p of r.proofs) {
    const checked = p.certificate?.pieces.every((x) => x.checked) ? ', certificate re-checked' : '';
    io.out(`proof: ${p.claim}: ${p.verdict}${p.verdict === 'proved' ? checked : ''}${p.counterexample !== undefined ? ` (fails first at L = ${p.counterexample})` : ''}${p.reason && p.verdict !== 'proved' ? ` — ${p.reason}` : ''}\n`);
    for (const x of p.certificate?.pieces ?? []) io.out(`  ${x.branch === 'all' ? '' : `L ${x.branch}: `}${x.inequality}: ${x.polynomial} >= 0 for ${x.variable} >= ${x.from}: ${x.verdict}${x.checked ? ' (checked)' : ''}\n`);
  }
  for (const n of r.notes) io.out(`note: ${n}\n`);
  return 0;
}
