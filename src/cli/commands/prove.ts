/**
 * `heatbound prove [MODEL --L N] [--json] [--runs N] [--seed S] [--digits D] [--h X] [--a X] [--deltaE X]`:
 * without a model, the report of every theorem (proofs/), readable top to bottom like the
 * derivation, each step with what it rests on (identity-checked, tested, FAILED, ERROR: a random-
 * instance test is "tested", never "proved"); with one, the steps replayed on it, with how much each
 * step loses, and each hypothesis holds, FAILS or is unknown (growth in L: from derived forms only).
 */
import { parseStateText } from '../../lang/index.js';
import { checkTheorems, instantiate, theorems, type Basis, type Instantiation, type TheoremReport } from '../../../proofs/index.js';
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

/** Runs `prove`; exit 1 when a step fails, 70 when a step could not be checked (no instance, or its check did not run). */
export async function proveCommand(model: string | undefined, flags: ProveFlags, io: CliIO): Promise<number> {
  const digits = parseDigits(flags.digits, '--digits');
  if (model === undefined) {
    if (flags.L !== undefined) throw usageError('--L', flags.L, '--L needs a MODEL: heatbound prove MODEL --L N');
    const runs = parseWhole(flags.runs, '--runs', 1), seed = parseWhole(flags.seed, '--seed');
    const reports = await checkTheorems(theorems, { runs, seed, digits });
    io.out(flags.json ? JSON.stringify(reports, null, 2) + '\n' : reports.map(reportText).join('\n') + summary(reports));
    if (reports.some((r) => r.basis === 'failed')) return exitCodes.refuted;
    return reports.some((r) => r.basis === 'error') ? exitCodes.internal : exitCodes.ok;
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

const label: Record<Basis, string> = { 'identity-checked': '[identity-checked]', tested: '[tested]', failed: '[FAILED]', error: '[ERROR]' };
const pad = Math.max(...Object.values(label).map((l) => l.length));

/** A theorem's overall word: the weakest basis of its steps. */
export function theoremWord(b: Basis): string {
  return b === 'tested' ? 'tested, not proved' : b === 'identity-checked' ? 'identity-checked (every step)' : b === 'failed' ? 'FAILED' : 'ERROR (a step could not be checked)';
}

/** The text report of one theorem. */
export function reportText(r: TheoremReport): string {
  const out = [`${r.title} (${r.source}): ${theoremWord(r.basis)}`, ...r.hypotheses.map((h) => `  hypothesis ${h}`), `  conclusion: ${r.conclusion}`];
  const indent = ' '.repeat(pad + 3);
  for (const s of r.steps) {
    out.push(`  ${label[s.basis].padEnd(pad)} ${s.id}: ${s.statement}`);
    out.push(`${indent}by ${s.rule}${s.uses.length ? `; uses ${s.uses.join(', ')}` : ''}`);
    out.push(`${indent}${s.basisDetail}`);
    if (s.message && !s.basisDetail.includes(s.message)) out.push(`${indent}${s.message}`);
    if (s.counterexample) out.push(`${indent}counterexample (L = ${s.counterexample.L}, constants ${JSON.stringify(s.counterexample.constants)}):\n${s.counterexample.model.split('\n').map((l) => `${indent}  ${l}`).join('\n')}`);
  }
  out.push(`  => ${r.basisDetail}`);
  return out.join('\n') + '\n';
}

/** The closing summary: counts by basis, never "proved" for tested steps. */
export function summary(rs: readonly TheoremReport[]): string {
  const all = rs.flatMap((r) => r.steps.map((s) => ({ t: r.id, s })));
  const n = (b: Basis) => all.filter((x) => x.s.basis === b);
  const list = (b: Basis) => n(b).map((x) => `${x.t}/${x.s.id}`).join(', ');
  const counts = `${all.length} steps: ${n('identity-checked').length} identity-checked, ${n('tested').length} tested (random instances or fitted forms: evidence, not proofs)`
    + `${n('failed').length ? `, ${n('failed').length} FAILED` : ''}${n('error').length ? `, ${n('error').length} ERROR` : ''}`;
  const lines = [`\n${rs.length} theorems, ${counts}`];
  if (n('failed').length) lines.push(`FAILED: ${list('failed')}`);
  if (n('error').length) lines.push(`ERROR (could not be checked): ${list('error')}`);
  for (const r of rs) lines.push(`  ${r.id}: ${theoremWord(r.basis)}`);
  return lines.join('\n') + '\n';
}

/** The text of `prove MODEL --L N`. */
export function instantiationText(r: Instantiation): string {
  const out = [`${r.model} at L = ${r.L}: J = ${r.J}   (decimal.js, ${r.digits} digits)`,
    `constants: h = ${r.constants.h} (${r.constants.source.h}), a = ${r.constants.a} (${r.constants.source.a}), DeltaE = ${r.constants.DeltaE} (${r.constants.source.DeltaE})`, ''];
  for (const t of r.theorems) {
    out.push(`${t.title}`);
    for (const h of t.hypotheses) {
      const tail = h.verdict === 'fails' ? ' (the theorem does not apply here)' : h.verdict === 'unknown' ? ' (whether the theorem applies is not decided)' : '';
      out.push(`  hypothesis ${h.id}: ${h.statement}: ${h.detail}${tail}`);
    }
    out.push(table(['step', 'lhs', '', 'rhs', 'loses x', 'where the slack comes from'], t.steps.map((s) => [
      `${s.holds ? '' : '!! '}${s.id}`, s.lhs, s.relation, s.rhs, s.loses, s.loses === '1' || s.relation === '=' ? '' : s.why ?? '',
    ]), [0, 5]).replace(/^(?=.)/gm, '  '));
    const note = t.applicability === 'applies' ? '' : t.applicability === 'unknown'
      ? '   [a hypothesis is unknown: the bound is not guaranteed here]'
      : '   [a hypothesis fails: the bound is not guaranteed here]';
    out.push(`  |J| / ${t.bound.name} = ${t.ratio}   (${t.bound.name} = ${t.bound.value})${note}\n`);
  }
  return out.join('\n');
}
