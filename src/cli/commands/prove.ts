/**
 * `heatbound prove [MODEL --L N] [--json] [--coq-check] [--runs N] [--seed S] [--digits D] [--h X] [--a X] [--deltaE X]`:
 * without a model, the Coq theorems (proofs/coq/theorems.json: name, file, statement, hypotheses;
 * checked by coqc on this run only with --coq-check) and the proof scripts (proofs/) as tests of the
 * engine, each step with what it rests on (identity-checked, tested, FAILED, ERROR: a random-
 * instance test is "tested", never a proof) and the Coq theorem that proves the chain; with one, the
 * Coq theorems' hypotheses checked on the model with the engine's error bounds, the steps replayed
 * on it, with how much each step loses (equality within the error shown as such), and each
 * hypothesis holds, FAILS or is unknown (growth in L: from derived forms only).
 */
import {
  checkTheorems, coqReport, instantiate, theorems, type Basis, type CoqReport, type Instantiation, type TheoremReport,
} from '../../../proofs/index.js';
import { PreciseNotApplicable, type HypothesisChecks } from '../../engine/index.js';
import { type ProveJson, type ProveModelJson, writeJson } from '../contracts.js';
import { table } from '../format.js';
import type { CliIO } from '../io.js';
import { exitCodes } from '../io.js';
import { loadModelArg } from '../load.js';
import { commandOptions, usageError, type FlagsOf } from '../options.js';

const options = commandOptions.prove;

/** The raw flags of `prove`, as its options in the table declare them. */
export type ProveFlags = FlagsOf<typeof commandOptions.prove>;

/**
 * The JSON of `prove --json` (no model; the contract {@link ProveJson}): the reports as before (an
 * array, one per theorem; users' scripts read it), each extended by `coqTheorems` (name, file,
 * statement, hypotheses, declared) for its `coq` theorem and the `coqUses` it rests on, and
 * `coqCheck` (whether coqc checked them on this run, the manifest, forbidden words found).
 */
export function proveJson(coq: CoqReport, reports: readonly TheoremReport[]): ProveJson {
  const coqCheck = { manifest: coq.manifest, manifestFound: coq.manifestFound, ...(coq.manifestError ? { manifestError: coq.manifestError } : {}), files: coq.files, forbidden: coq.forbidden, check: coq.check, checkDetail: coq.checkDetail, ...(coq.checkOutput ? { checkOutput: coq.checkOutput } : {}) };
  return reports.map((r) => {
    const names = [r.coq, ...(r.coqUses ?? [])].filter((n): n is string => typeof n === 'string');
    const coqTheorems = names.map((n) => coq.theorems.find((t) => t.name === n)).filter((t) => t !== undefined);
    return {
      id: r.id, title: r.title, source: r.source, hypotheses: r.hypotheses, conclusion: r.conclusion, steps: r.steps, ok: r.ok, basis: r.basis,
      basisDetail: r.basisDetail, coq: r.coq, coqUses: r.coqUses, coqTheorems, coqCheck,
    };
  });
}

/**
 * The JSON of `prove MODEL --L N --json` (the contract {@link ProveModelJson}): the replay on the
 * model, and whether coqc checked the Coq theorems on this run.
 */
export function proveModelJson(r: Instantiation, coq: CoqReport): ProveModelJson {
  return {
    model: r.model, L: r.L, digits: r.digits, constants: r.constants, J: r.J, tolerance: r.tolerance, coqHypotheses: r.coqHypotheses,
    theorems: r.theorems, coqCheck: { check: coq.check, checkDetail: coq.checkDetail, theorems: coq.theorems.map((t) => t.name) },
  };
}

/**
 * Runs `prove`; exit 1 when a step fails, 70 when a step could not be checked (no instance, or its check did not run).
 *
 * @param onCommandLine whether an option was written on the command line (not its default): a flag that does
 *   not apply to the chosen form (--runs, --seed with a MODEL) is a usage error, never ignored
 */
export async function proveCommand(model: string | undefined, flags: ProveFlags, io: CliIO, onCommandLine: (key: keyof ProveFlags) => boolean = () => false): Promise<number> {
  const digits = options.digits.parse(flags.digits);
  if (model === undefined) {
    if (flags.L !== undefined) throw usageError('--L', flags.L, '--L needs a MODEL: heatbound prove MODEL --L N');
    for (const [flag, value] of [['--state', flags.state], ['--h', flags.h], ['--a', flags.a], ['--deltaE', flags.deltaE]] as const) {
      if (value !== undefined) throw usageError(flag, value, `${flag} applies to a model: heatbound prove MODEL --L N ${flag} ...`);
    }
    if (flags.param !== undefined && flags.param.length > 0) throw usageError('--param', flags.param.join(' '), '--param applies to a model: heatbound prove MODEL --L N --param NAME=VALUE');
    const runs = options.runs.parse(flags.runs), seed = options.seed.parse(flags.seed);
    const coq = coqReport({ check: flags.coqCheck === true });
    const reports = await checkTheorems(theorems, { runs, seed, digits });
    const problems = coqProblems(coq, reports);
    if (flags.json) {
      for (const p of problems) io.err(`prove: ERROR: ${p}\n`);
      writeJson(io, proveJson(coq, reports));
    } else {
      io.out(coqText(coq, reports, problems) + '\nEngine tests: the proof scripts\' steps on random models (tests of the engine\'s numbers, not proofs; the proofs are the Coq theorems above)\n\n'
        + reports.map(reportText).join('\n') + summary(reports));
    }
    if (reports.some((r) => r.basis === 'failed')) return exitCodes.refuted;
    return reports.some((r) => r.basis === 'error') || problems.length > 0 ? exitCodes.internal : exitCodes.ok;
  }
  if (flags.L === undefined) throw usageError('--L', '', 'prove MODEL needs --L N (the steps are replayed at one L)');
  for (const [flag, key] of [['--runs', 'runs'], ['--seed', 'seed']] as const) {
    if (onCommandLine(key)) throw usageError(flag, String(flags[key]), `${flag} applies to prove without a MODEL (the random-model tests of the proof scripts); prove MODEL --L N replays the steps on the model itself`);
  }
  const L = options.L.parse(flags.L);
  const spec = loadModelArg(model, flags.param, io);
  const state = options.state.parse(flags.state, spec);
  const given = { h: options.h.parse(flags.h), a: options.a.parse(flags.a), DeltaE: options.deltaE.parse(flags.deltaE) };
  let r: Awaited<ReturnType<typeof instantiate>>;
  try {
    r = await instantiate(theorems, spec, L, {
      digits, state, given: Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Record<'h' | 'a' | 'DeltaE', number>>,
    });
  } catch (err) {
    // A limitation names where it was met, as `current --digits` does: the model file and L.
    if (err instanceof PreciseNotApplicable && err.where === null) throw err.at(spec.file, L);
    throw err;
  }
  const coq = coqReport({ check: flags.coqCheck === true });
  if (flags.json) writeJson(io, proveModelJson(r, coq));
  else io.out(instantiationText(r) + `Coq theorems: ${coq.checkDetail}\n`);
  if (!r.theorems.every((t) => t.ok)) return exitCodes.refuted;
  return coq.check === 'failed on this run' ? exitCodes.internal : exitCodes.ok;
}

const label: Record<Basis, string> = { 'identity-checked': '[identity-checked]', tested: '[tested]', failed: '[FAILED]', error: '[ERROR]' };
const pad = Math.max(...Object.values(label).map((l) => l.length));

/** A theorem's overall word: the weakest basis of its steps. */
export function theoremWord(b: Basis): string {
  return b === 'tested' ? 'tested on random models (an engine test, not a proof)' : b === 'identity-checked' ? 'identity-checked (every step)' : b === 'failed' ? 'FAILED' : 'ERROR (a step could not be checked)';
}

/** The text report of one theorem. */
export function reportText(r: TheoremReport): string {
  const out = [`${r.title} (${r.source}): ${theoremWord(r.basis)}`, ...r.hypotheses.map((h) => `  hypothesis ${h}`), `  conclusion: ${r.conclusion}`];
  if (r.coq) out.push(`  Coq theorem: ${r.coq}${r.coqUses?.length ? ` (with ${r.coqUses.join(', ')})` : ''}`);
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
  const lines = [`\n${rs.length} proof scripts (engine tests), ${counts}`];
  if (n('failed').length) lines.push(`FAILED: ${list('failed')}`);
  if (n('error').length) lines.push(`ERROR (could not be checked): ${list('error')}`);
  for (const r of rs) lines.push(`  ${r.id}: ${theoremWord(r.basis)}${r.coq ? `; Coq theorem ${r.coq}` : ''}`);
  return lines.join('\n') + '\n';
}

/**
 * What is wrong with the Coq side, as errors (exit 70): no manifest, a manifest theorem not
 * declared in its file, a script mapped to a theorem the manifest lacks, a forbidden word in a .v
 * file, a failed coqc run.
 */
export function coqProblems(coq: CoqReport, reports: readonly TheoremReport[]): string[] {
  const out: string[] = [];
  if (coq.manifestError) out.push(coq.manifestError);
  for (const t of coq.theorems) if (!t.declared) out.push(`${t.name} is not declared (Theorem/Lemma ${t.name}) in ${t.file}`);
  const names = new Set(coq.theorems.map((t) => t.name));
  if (!coq.manifestError) {
    for (const r of reports) if (r.coq && !names.has(r.coq)) out.push(`${r.id} names the Coq theorem ${r.coq}, which is not in ${coq.manifest}`);
  }
  for (const f of coq.forbidden) out.push(`${f} (outside comments)`);
  if (coq.check === 'failed on this run') out.push(coq.checkDetail);
  return out;
}

/** The Coq part of `prove`. */
export function coqText(coq: CoqReport, reports: readonly TheoremReport[], problems: readonly string[]): string {
  const out = [`Coq theorems (${coq.manifest}; ${coq.files.length} files: ${coq.files.map((f) => f.replace(/^proofs\/coq\//, '')).join(', ') || 'none'})`];
  out.push(`  coqc: ${coq.checkDetail}`);
  out.push(`  scan: ${coq.forbidden.length ? `FOUND ${coq.forbidden.join('; ')}` : 'no Admitted, admit, Axiom, Parameter or Conjecture outside comments in the .v files'}`);
  const byName = new Map(reports.filter((r) => r.coq).map((r) => [r.coq!, r.id]));
  for (const t of coq.theorems) {
    const script = byName.get(t.name);
    out.push(`  ${t.name} (${t.file})${script ? `: proves the chain of ${script}` : ''}${t.declared ? '' : '  [NOT DECLARED in the file]'}`);
    out.push(`    statement: ${t.statement}`);
    for (const h of t.hypotheses) out.push(`    hypothesis: ${h}`);
  }
  if (problems.length) out.push(...problems.map((p) => `  ERROR: ${p}`));
  return out.join('\n') + '\n';
}

/** The Coq theorems' hypotheses on a model, one line each. */
export function hypothesesText(h: HypothesisChecks): string {
  const mark = (v: string) => (v === 'holds' ? 'holds' : v === 'fails' ? 'FAILS' : 'unknown');
  const rows = h.checks.map((c) => [
    c.id, c.quantity === '-' ? '-' : c.value, c.roundoff, c.kind === 'residual' ? `<= ${c.errorBound}` : c.id === 'H-spectral-distinct' || c.id === 'H-projectors-nonzero' ? `> ${c.errorBound}` : c.errorBound === '0' ? '>= 0' : `>= -${c.errorBound}`, mark(c.verdict), c.coq,
  ]);
  const verdict = h.allHold
    ? 'every hypothesis holds within its error bound: the Coq theorems apply to the engine\'s matrices here'
    : h.checks.some((c) => c.verdict === 'fails') ? 'a hypothesis FAILS: the Coq theorems say nothing about these matrices'
      : 'a hypothesis is unknown: whether the Coq theorems apply to the engine\'s matrices is not decided';
  const lines = [`Coq hypotheses on the model (decimal.js, ${h.digits} digits; engine method ${h.method}): value, round-off, error bound, verdict, Coq name`,
    table(['hypothesis', 'value', 'round-off', 'error bound', 'verdict', 'Coq'], rows, [0, 5]).replace(/^(?=.)/gm, '  ')];
  for (const c of h.checks) if (c.verdict !== 'holds') lines.push(`  ${c.id}: ${c.quantity}; ${c.how}`);
  lines.push(`  => ${verdict}`);
  return lines.join('\n') + '\n';
}

/** The text of `prove MODEL --L N`. */
export function instantiationText(r: Instantiation): string {
  const out = [`${r.model} at L = ${r.L}: J = ${r.J}   (decimal.js, ${r.digits} digits)`,
    `constants: h = ${r.constants.h} (${r.constants.source.h}), a = ${r.constants.a} (${r.constants.source.a}), DeltaE = ${r.constants.DeltaE} (${r.constants.source.DeltaE})`, '',
    hypothesesText(r.coqHypotheses),
    `The chains on the model (sides compared within the error bound ${r.tolerance}; "equality": both sides agree within it)`, ''];
  for (const t of r.theorems) {
    out.push(`${t.title}${t.coq ? `   [Coq: ${t.coq}]` : ''}`);
    for (const h of t.hypotheses) {
      const tail = h.verdict === 'fails' ? ' (the theorem does not apply here)' : h.verdict === 'unknown' ? ' (whether the theorem applies is not decided)' : '';
      out.push(`  hypothesis ${h.id}: ${h.statement}: ${h.detail}${tail}`);
    }
    out.push(table(['step', 'lhs', '', 'rhs', 'loses x', 'where the slack comes from'], t.steps.map((s) => [
      `${s.holds ? '' : '!! '}${s.id}`, s.lhs, s.relation, s.rhs, s.equality ? 'equality' : s.loses, s.equality || s.loses === '1' || s.relation === '=' ? '' : s.why ?? '',
    ]), [0, 5]).replace(/^(?=.)/gm, '  '));
    const note = t.applicability === 'applies' ? '' : t.applicability === 'unknown'
      ? '   [a hypothesis is unknown: the bound is not guaranteed here]'
      : '   [a hypothesis fails: the bound is not guaranteed here]';
    const eq = t.allEquality ? '   [every step is an equality within the error]' : '';
    out.push(`  |J| / ${t.bound.name} = ${t.ratio}   (${t.bound.name} = ${t.bound.value})${note}${eq}\n`);
  }
  return out.join('\n');
}
