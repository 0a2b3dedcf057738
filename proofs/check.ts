/**
 * The proof checker: runs every step's check and reports it with its evidence (symbolic residue,
 * random instances with their seed and the worst margin, scaling exponents), and rejects a broken
 * step with a concrete counterexample: a model file (shrunk by fast-check), L and the numbers.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Decimal } from '../src/numeric/index.js';
import { decide, decimalContext } from '../src/numeric/index.js';
import fc from 'fast-check';
import { InputError, loadModelFile } from '../src/lang/index.js';
import { PreciseNotApplicable, computeScaling } from '../src/engine/index.js';
import { checkEquivalent, leadingTerm } from '../src/symbolic/index.js';
import { instanceOf, modelArbitrary, modelFileText, type ModelSample } from '../properties/index.js';
import { quantitiesOf, type Quantities } from './quantities.js';
import { symbolicCommutator, symbolicPinching, type SymbolicIdentityEvidence } from './symbolic-matrices.js';
import { weakestBasis, type Basis, type Constants, type Hypothesis, type Step, type Theorem } from './theorem.js';

/** A concrete counterexample to a step. */
export interface StepCounterexample {
  readonly model: string;
  readonly L: number;
  readonly lhs: string;
  readonly rhs: string;
  readonly constants: Readonly<Record<string, string>>;
}

/** What was checked for a step, and how it came out. */
export interface StepEvidence {
  readonly id: string;
  readonly statement: string;
  readonly rule: string;
  readonly uses: readonly string[];
  readonly check: Step['check']['kind'];
  /**
   * Nothing failed and the check ran (`basis` is `identity-checked` or `tested`). Not a proof:
   * `basis` says what the step rests on.
   */
  readonly ok: boolean;
  /** What the verdict rests on (see `Basis`). */
  readonly basis: Basis;
  /** The same in words: "CAS residue exactly 0", "tested on 30 models (seed 7), worst margin 0", ... */
  readonly basisDetail: string;
  /**
   * Random instances: how many satisfied the hypotheses (`runs`) of how many were drawn (`drawn`),
   * the seed, the worst relative margin (rhs - lhs) / max(1, |rhs|) ('none' without instances).
   */
  readonly instances?: { readonly runs: number; readonly drawn: number; readonly seed: number; readonly worstMargin: string; readonly tolerance: string };
  /** Algebraic steps: what the CAS said of lhs - rhs (`method` 'numeric': no library reduced it; sampled only). */
  readonly symbolic?: { readonly lhs: string; readonly rhs: string; readonly residue: string; readonly method: string };
  /** Operator identities: the small symbolic matrices. */
  readonly operator?: SymbolicIdentityEvidence;
  /**
   * Scaling steps: the exponent found, and that of the family that reaches it, with the status of
   * the family's form of J (only `derived` makes the step identity-checked).
   */
  readonly scaling?: {
    readonly expr: string; readonly exponent: string; readonly reachedBy: string; readonly familyExponent: string;
    readonly familyStatus: string; readonly familyJ: string;
  };
  readonly counterexample?: StepCounterexample;
  readonly message?: string;
}

export interface TheoremReport {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly hypotheses: readonly string[];
  readonly conclusion: string;
  readonly steps: readonly StepEvidence[];
  /** No step failed or errored. Not a proof: see `basis`. */
  readonly ok: boolean;
  /** The weakest basis of its steps. */
  readonly basis: Basis;
  /** In words: "tested, not proved: 7 of 9 steps tested on random instances only, 2 identity-checked", ... */
  readonly basisDetail: string;
  /** The Coq theorem that proves the conclusion (proofs/coq/theorems.json), when there is one. */
  readonly coq?: string;
  readonly coqUses?: readonly string[];
}

export interface CheckOptions {
  /** Random instances per theorem (default 40). */
  readonly runs?: number;
  readonly seed?: number;
  readonly digits?: number;
  /** L range of the random instances (default 1..3). */
  readonly L?: readonly [number, number];
}

interface Instance {
  readonly sample: ModelSample;
  readonly q: Quantities;
  readonly c: Constants;
}

const D = decimalContext(60);

function constantsOf(s: ModelSample): Constants {
  // Without a band hypothesis a sample has no DeltaE of its own: steps that name one see DeltaE = 1.
  return { h: new D(s.h), a: new D(s.a), DeltaE: new D(s.deltaE ?? 1) };
}

function margin(step: Pick<Step, 'relation' | 'lhs' | 'rhs'>, q: Quantities, c: Constants): { m: Decimal; lhs: Decimal; rhs: Decimal } {
  const lhs = new D(step.lhs(q, c)), rhs = new D(step.rhs(q, c));
  return { m: step.relation === '<=' ? rhs.minus(lhs) : rhs.minus(lhs).abs().neg(), lhs, rhs };
}

function holds(h: Hypothesis | Step, q: Quantities, c: Constants): boolean {
  const { m } = margin({ relation: '<=', lhs: h.lhs, rhs: h.rhs, ...('relation' in h ? { relation: h.relation } : {}) }, q, c);
  return !violated(m, q);
}

/** The margin is below minus the instance's tolerance (its error). */
function violated(m: Decimal, q: Quantities): boolean {
  return decide({ value: m, error: new D(q.tolerance) }).verdict === 'violated';
}

/** The instance of a sample, or null where the precise engine does not reach or the model has no unique state. */
function instance(s: ModelSample, digits: number): Instance | null {
  try {
    const inst = instanceOf(s);
    return { sample: s, q: quantitiesOf(inst.model, inst.L, digits), c: constantsOf(s) };
  } catch (err) {
    if (err instanceof PreciseNotApplicable || err instanceof InputError) return null;
    throw err;
  }
}

function arbitraryFor(t: Theorem, L: readonly [number, number]): fc.Arbitrary<ModelSample> {
  const band = t.hypotheses.some((h) => h.sampleClass === 'band');
  return modelArbitrary({ L, ...(band ? { classes: ['band'] } : { classes: ['local', 'extensive', 'global', 'band', 'collective'] }) });
}

let commutatorEvidence: SymbolicIdentityEvidence | null = null;
let pinchingEvidence: SymbolicIdentityEvidence | null = null;
const families = new Map<string, { exponent: string; status: string; J: string }>();

/** The built-in model file of a family (models/NAME.yaml), from the source tree, from dist/ or from the bundled CLI (dist/src/cli/chunks). */
function builtinModel(name: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const p = join(dir, 'models', `${name}.yaml`);
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) throw new Error(`built-in model ${name} not found`);
  }
}

/** The scaling report of J for a built-in family: its exponent, its form and that form's status. */
async function familyJ(name: string): Promise<{ exponent: string; status: string; J: string }> {
  let f = families.get(name);
  if (f === undefined) {
    const r = await computeScaling(loadModelFile(builtinModel(name)));
    const expr = typeof r.J.expr === 'string' ? r.J.expr : `even: ${r.J.expr.even}; odd: ${r.J.expr.odd}`;
    // A missing status is not derived.
    f = { exponent: String(r.J.exponent), status: r.J.status ?? 'not reported', J: expr };
    families.set(name, f);
  }
  return f;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "tested on N models (seed S), worst margin M" or, without instances, why that is an error. */
function testedText(inst: NonNullable<StepEvidence['instances']>): string {
  return inst.runs === 0
    ? `no instance: none of the ${inst.drawn} random models drawn (seed ${inst.seed}) satisfies the hypotheses, so nothing was checked`
    : `tested on ${plural(inst.runs, 'model')} (seed ${inst.seed}; ${inst.drawn} drawn), worst margin ${inst.worstMargin} (tolerance ${inst.tolerance})`;
}

/**
 * Checks a theorem: its steps on random instances that satisfy its hypotheses, algebraic steps by
 * the CAS, operator identities also on small symbolic matrices, scaling steps by exponents. Each
 * step gets the basis it rests on (see `Basis`): random instances make a step `tested`, never
 * proved; a step with zero instances, or whose check throws, is an `error`.
 */
export async function checkTheorem(t: Theorem, opts: CheckOptions = {}): Promise<TheoremReport> {
  const runs = opts.runs ?? 40, seed = opts.seed ?? 20261127, digits = opts.digits ?? 30, L = opts.L ?? [1, 3];
  const arb = arbitraryFor(t, L);
  const instances: Instance[] = [];
  const drawn = runs > 0 ? fc.sample(arb, { seed, numRuns: runs }) : [];
  for (const s of drawn) {
    const x = instance(s, digits);
    // Instances where a hypothesis fails are outside the theorem (the generators make them hold).
    if (x && t.hypotheses.every((h) => holds(h, x.q, x.c))) instances.push(x);
  }
  const steps: StepEvidence[] = [];
  for (const step of t.steps) steps.push(await checkStep(t, step, arb, instances, { runs, drawn: drawn.length, seed, digits }));
  const basis = t.steps.length === 0 ? 'error' : weakestBasis(steps.map((s) => s.basis));
  return {
    id: t.id, title: t.title, source: t.source, hypotheses: t.hypotheses.map((h) => `${h.id}: ${h.statement}`),
    conclusion: t.conclusion, steps, ok: steps.length > 0 && steps.every((s) => s.ok), basis, basisDetail: theoremBasisText(basis, steps),
    ...(t.coq ? { coq: t.coq } : {}), ...(t.coqUses ? { coqUses: t.coqUses } : {}),
  };
}

/** The theorem's basis in words. */
function theoremBasisText(basis: Basis, steps: readonly StepEvidence[]): string {
  const n = (b: Basis) => steps.filter((s) => s.basis === b).length;
  const counts = `${n('identity-checked')} identity-checked, ${n('tested')} tested on finitely many cases only${n('error') ? `, ${n('error')} ERROR` : ''}${n('failed') ? `, ${n('failed')} FAILED` : ''} (of ${steps.length})`;
  if (steps.length === 0) return 'error: the theorem has no steps, nothing was checked';
  switch (basis) {
    case 'failed': return `FAILED: ${steps.filter((s) => s.basis === 'failed').map((s) => s.id).join(', ')} failed; steps: ${counts}`;
    case 'error': return `ERROR: ${steps.filter((s) => s.basis === 'error').map((s) => s.id).join(', ')} could not be checked; steps: ${counts}`;
    case 'tested': return `tested on random models (an engine test, not a proof): steps: ${counts}`;
    default: return `every step identity-checked (exact symbolic checks; operator identities on the symbolic matrix sizes run, not every dimension): ${counts}`;
  }
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

async function checkStep(
  t: Theorem, step: Step, arb: fc.Arbitrary<ModelSample>, instances: readonly Instance[],
  o: { runs: number; drawn: number; seed: number; digits: number },
): Promise<StepEvidence> {
  const { runs, seed, digits } = o;
  const head = { id: step.id, statement: step.statement, rule: step.rule, uses: step.uses, check: step.check.kind };
  const errorOf = (why: string, extra: Mutable<StepEvidence> = {}): StepEvidence => ({ ...head, ...extra, ok: false, basis: 'error', basisDetail: `error: ${why}`, message: extra.message ?? why });
  let worst: Decimal | null = null, tol = new D(0);
  let failed: Instance | null = null;
  try {
    for (const x of instances) {
      const { m, rhs } = margin(step, x.q, x.c);
      const rel = m.div(D.max(1, rhs.abs()));
      if (worst === null || rel.lt(worst)) worst = rel;
      if (x.q.tolerance.gt(tol)) tol = new D(x.q.tolerance);
      if (!failed && violated(m, x.q)) failed = x;
    }
  } catch (err) {
    return errorOf(`its two sides could not be evaluated on the random instances: ${(err as Error).message}`);
  }
  const inst = { runs: instances.length, drawn: o.drawn, seed, worstMargin: worst === null ? 'none' : worst.toSignificantDigits(4).toString(), tolerance: tol.toSignificantDigits(2).toString() };
  const extra: Mutable<StepEvidence> = { instances: inst };
  if (failed) {
    // Shrink to a minimal model with fast-check, replaying the same seed.
    const details = fc.check(fc.property(arb, (s) => {
      const x = instance(s, digits);
      if (!x || !t.hypotheses.every((h) => holds(h, x.q, x.c))) return true;
      return !violated(margin(step, x.q, x.c).m, x.q);
    }), { seed, numRuns: runs });
    const s = details.counterexample?.[0] ?? failed.sample;
    const x = instance(s, digits) ?? failed;
    const { lhs, rhs } = margin(step, x.q, x.c);
    extra.counterexample = {
      model: modelFileText(x.sample), L: x.sample.L, lhs: lhs.toSignificantDigits(12).toString(), rhs: rhs.toSignificantDigits(12).toString(),
      constants: { h: x.c.h.toString(), a: x.c.a.toString(), DeltaE: x.c.DeltaE.toString() },
    };
    extra.message = `${step.statement} fails: ${step.relation === '<=' ? `${extra.counterexample.lhs} > ${extra.counterexample.rhs}` : `${extra.counterexample.lhs} != ${extra.counterexample.rhs}`} at L = ${x.sample.L}`;
    return { ...head, ...extra, ok: false, basis: 'failed', basisDetail: `failed: a counterexample at L = ${x.sample.L} (the model file is in the report); ${testedText(inst)}` };
  }
  // The random instances tie the step's numeric sides (replayed on models) to its statement: a
  // step of kind 'instances', 'algebraic' or 'operator' with none of them checked nothing.
  const noInstances = instances.length === 0 && step.check.kind !== 'scaling';
  try {
    switch (step.check.kind) {
      case 'instances': {
        if (noInstances) return errorOf(testedText(inst), extra);
        return { ...head, ...extra, ok: true, basis: 'tested', basisDetail: testedText(inst) };
      }
      case 'algebraic': {
        const c = checkEquivalent(step.check.lhs, step.check.rhs);
        extra.symbolic = { lhs: step.check.lhs, rhs: step.check.rhs, residue: c.symbolic === 'zero' ? '0' : c.symbolic, method: c.method };
        if (!c.equivalent) {
          extra.message = `the CAS does not reduce ${step.check.lhs} - (${step.check.rhs}) to 0${c.witness ? ` (they differ at ${JSON.stringify(c.witness)})` : ''}`;
          return { ...head, ...extra, ok: false, basis: 'failed', basisDetail: `failed: ${extra.message}` };
        }
        if (noInstances) return errorOf(`the CAS residue is 0, but ${testedText(inst)} (the step's numeric sides were never compared with it)`, extra);
        if (c.method === 'symbolic' && c.symbolic === 'zero') {
          return { ...head, ...extra, ok: true, basis: 'identity-checked', basisDetail: `identity-checked: CAS residue of (${step.check.lhs}) - (${step.check.rhs}) exactly 0; its numeric sides also ${testedText(inst)}` };
        }
        // No library reduced lhs - rhs: the sides agree only at sampled points.
        return { ...head, ...extra, ok: true, basis: 'tested', basisDetail: `tested: no CAS reduced (${step.check.lhs}) - (${step.check.rhs}); equal at sampled points only; ${testedText(inst)}` };
      }
      case 'operator': {
        const ev = step.check.identity === 'commutator' ? (commutatorEvidence ??= symbolicCommutator()) : (pinchingEvidence ??= symbolicPinching());
        extra.operator = ev;
        const size = '3x3 symbolic matrices';
        if (ev.failures.length) {
          extra.message = `symbolic matrices: ${ev.failures[0]}`;
          return { ...head, ...extra, ok: false, basis: 'failed', basisDetail: `failed: ${size}: ${ev.failures.length} of ${ev.entries} entries do not reduce to 0` };
        }
        if (ev.entries === 0) return errorOf('no symbolic matrix entry was checked', extra);
        if (noInstances) return errorOf(`the ${size} reduce to 0, but ${testedText(inst)}`, extra);
        return {
          ...head, ...extra, ok: true, basis: 'identity-checked',
          basisDetail: `identity-checked on ${size} only (${ev.cases.join('; ')}): ${ev.entries}/${ev.entries} entries exactly 0 — for that size, not every dimension; on larger spaces ${testedText(inst)}`,
        };
      }
      case 'scaling': {
        const chk = step.check;
        const lt = leadingTerm(chk.expr);
        const fam = await familyJ(chk.reachedBy);
        extra.scaling = { expr: chk.expr, exponent: String(lt.exponent), reachedBy: chk.reachedBy, familyExponent: fam.exponent, familyStatus: fam.status, familyJ: fam.J };
        if (lt.exponent === 'unknown') return errorOf(`the CAS gives no leading term for ${chk.expr}`, extra);
        if (lt.exponent !== chk.exponent || Number(fam.exponent) !== chk.exponent) {
          extra.message = `exponent of ${chk.expr}: ${lt.exponent}, of the ${chk.reachedBy} family: ${fam.exponent} (${fam.status}); expected ${chk.exponent}`;
          // A mismatch of a form that is not derived refutes nothing.
          if (lt.exponent === chk.exponent && fam.status !== 'derived') return { ...head, ...extra, ok: false, basis: 'error', basisDetail: `error: ${extra.message}; that form is not derived, so this decides nothing` };
          return { ...head, ...extra, ok: false, basis: 'failed', basisDetail: `failed: ${extra.message}` };
        }
        const what = `exponent of ${chk.expr} in L: ${lt.exponent} (CAS leading term); the ${chk.reachedBy} family's J = ${fam.J}`;
        return fam.status === 'derived'
          ? { ...head, ...extra, ok: true, basis: 'identity-checked', basisDetail: `identity-checked: ${what} is derived: L^${fam.exponent}` }
          : { ...head, ...extra, ok: true, basis: 'tested', basisDetail: `tested: ${what} is ${fam.status}, not derived (L^${fam.exponent} on the L it was fitted and confirmed on)` };
      }
    }
  } catch (err) {
    return errorOf(`its ${step.check.kind} check could not run: ${(err as Error).message}`, extra);
  }
}

/** Checks every theorem. */
export async function checkTheorems(ts: readonly Theorem[], opts: CheckOptions = {}): Promise<TheoremReport[]> {
  const out: TheoremReport[] = [];
  for (const t of ts) out.push(await checkTheorem(t, opts));
  return out;
}
