/**
 * `heatbound prove [MODEL --L N] [--json] [--runs N] [--seed S] [--digits D] [--h X] [--a X] [--deltaE X]`:
 * without a model, the checked report of every theorem (proofs/), readable top to bottom like the
 * derivation; with one, the steps replayed on it, with how much each step loses.
 */
import { parseStateText } from '../../lang/index.js';
import { checkTheorems, instantiate, theorems, type Instantiation, type TheoremReport } from '../../../proofs/index.js';
import { parseDigits, parseLList, parseWhole, usageError } from '../args.js';
import { table } from '../format.js';
import type { CliIO } from '../io.js';
import { exitCodes } from '../io.js';
import { loadModelArg } from '../load.js';

export interface ProveFlags {
  readonly L?: string;
  readonly json?: boolean;
  readonly runs: string;
  readonly seed: string;
  readonly digits: string;
  readonly h?: string;
  readonly a?: string;
  readonly deltaE?: string;
  readonly param: string[];
  readonly state?: string;
}

function positive(text: string | undefined, key: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!/^\s*[0-9.eE+-]+\s*$/.test(text) || !Number.isFinite(v) || v < 0) throw usageError(key, text, `expected a non-negative number, got '${text}'`);
  return v;
}

/** Runs `prove`; exit 1 when a step fails. */
export async function proveCommand(model: string | undefined, flags: ProveFlags, io: CliIO): Promise<number> {
  const digits = parseDigits(flags.digits, '--digits');
  if (model === undefined) {
    if (flags.L !== undefined) throw usageError('--L', flags.L, '--L needs a MODEL: heatbound prove MODEL --L N');
    const runs = parseWhole(flags.runs, '--runs', 1), seed = parseWhole(flags.seed, '--seed');
    const reports = await checkTheorems(theorems, { runs, seed, digits });
    io.out(flags.json ? JSON.stringify(reports, null, 2) + '\n' : reports.map(reportText).join('\n') + summary(reports));
    return reports.every((r) => r.ok) ? exitCodes.ok : exitCodes.refuted;
  }
  if (flags.L === undefined) throw usageError('--L', '', 'prove MODEL needs --L N (the steps are replayed at one L)');
  const Ls = parseLList(flags.L);
  if (Ls.length !== 1) throw usageError('--L', flags.L, 'prove MODEL takes one L');
  const spec = loadModelArg(model, flags.param, io);
  const state = flags.state === undefined ? null : parseStateText(flags.state, '<command line>', '--state', spec.params.map((p) => p.name));
  const given = { h: positive(flags.h, '--h'), a: positive(flags.a, '--a'), DeltaE: positive(flags.deltaE, '--deltaE') };
  const r = await instantiate(theorems, spec, Ls[0], {
    digits, state, given: Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Record<'h' | 'a' | 'DeltaE', number>>,
  });
  io.out(flags.json ? JSON.stringify(r, null, 2) + '\n' : instantiationText(r));
  return r.theorems.every((t) => t.ok) ? exitCodes.ok : exitCodes.refuted;
}

function evidence(s: TheoremReport['steps'][number]): string {
  const parts: string[] = [];
  if (s.instances) parts.push(`${s.instances.runs} random instances (seed ${s.instances.seed}), worst relative margin ${s.instances.worstMargin} (tolerance ${s.instances.tolerance})`);
  if (s.symbolic) parts.push(`CAS: (${s.symbolic.lhs}) - (${s.symbolic.rhs}) reduces to ${s.symbolic.residue} (${s.symbolic.method})`);
  if (s.operator) parts.push(`symbolic matrices (${s.operator.cases.join('; ')}): ${s.operator.entries - s.operator.failures.length}/${s.operator.entries} entries reduce to 0`);
  if (s.scaling) parts.push(`exponent of ${s.scaling.expr} in L: ${s.scaling.exponent}; the ${s.scaling.reachedBy} family's J: L^${s.scaling.familyExponent}`);
  return parts.join('; ');
}

function reportText(r: TheoremReport): string {
  const out = [`${r.title} (${r.source})`, ...r.hypotheses.map((h) => `  hypothesis ${h}`), `  conclusion: ${r.conclusion}`];
  for (const s of r.steps) {
    out.push(`  ${s.ok ? '[checked]' : '[FAILED] '} ${s.id}: ${s.statement}`);
    out.push(`             by ${s.rule}${s.uses.length ? `; uses ${s.uses.join(', ')}` : ''}`);
    out.push(`             ${evidence(s)}`);
    if (s.message) out.push(`             ${s.message}`);
    if (s.counterexample) out.push(`             counterexample (L = ${s.counterexample.L}, constants ${JSON.stringify(s.counterexample.constants)}):\n${s.counterexample.model.split('\n').map((l) => `               ${l}`).join('\n')}`);
  }
  return out.join('\n') + '\n';
}

function summary(rs: readonly TheoremReport[]): string {
  const steps = rs.reduce((n, r) => n + r.steps.length, 0);
  const failed = rs.flatMap((r) => r.steps.filter((s) => !s.ok).map((s) => `${r.id}/${s.id}`));
  return failed.length === 0
    ? `\nall ${rs.length} theorems checked: ${steps} steps, every one with its evidence above\n`
    : `\n${failed.length} of ${steps} steps FAILED: ${failed.join(', ')}\n`;
}

function instantiationText(r: Instantiation): string {
  const out = [`${r.model} at L = ${r.L}: J = ${r.J}   (decimal.js, ${r.digits} digits)`,
    `constants: h = ${r.constants.h} (${r.constants.source.h}), a = ${r.constants.a} (${r.constants.source.a}), DeltaE = ${r.constants.DeltaE} (${r.constants.source.DeltaE})`, ''];
  for (const t of r.theorems) {
    out.push(`${t.title}`);
    for (const h of t.hypotheses) out.push(`  hypothesis ${h.id}: ${h.statement}: ${h.lhs} <= ${h.rhs} ${h.holds ? 'holds' : 'FAILS (the theorem does not apply here)'}`);
    out.push(table(['step', 'lhs', '', 'rhs', 'loses x', 'where the slack comes from'], t.steps.map((s) => [
      `${s.holds ? '' : '!! '}${s.id}`, s.lhs, s.relation, s.rhs, s.loses, s.loses === '1' || s.relation === '=' ? '' : s.why ?? '',
    ]), [0, 5]).replace(/^(?=.)/gm, '  '));
    out.push(`  |J| / ${t.bound.name} = ${t.ratio}   (${t.bound.name} = ${t.bound.value})${t.applies ? '' : '   [a hypothesis fails: the bound is not guaranteed here]'}\n`);
  }
  return out.join('\n');
}
