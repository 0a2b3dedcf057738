/**
 * The proof checker: runs every step's check and reports it with its evidence (symbolic residue,
 * random instances with their seed and the worst margin, scaling exponents), and rejects a broken
 * step with a concrete counterexample: a model file (shrunk by fast-check), L and the numbers.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { InputError, loadModelFile } from '../src/lang/index.js';
import { PreciseNotApplicable, computeScaling } from '../src/engine/index.js';
import { checkEquivalent, leadingTerm } from '../src/symbolic/index.js';
import { instanceOf, modelArbitrary, modelFileText, type ModelSample } from '../properties/index.js';
import { quantitiesOf, type Quantities } from './quantities.js';
import { symbolicCommutator, symbolicPinching, type SymbolicIdentityEvidence } from './symbolic-matrices.js';
import type { Constants, Hypothesis, Step, Theorem } from './theorem.js';

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
  readonly ok: boolean;
  /** Random instances: how many, the seed, the worst relative margin (rhs - lhs) / max(1, |rhs|). */
  readonly instances?: { readonly runs: number; readonly seed: number; readonly worstMargin: string; readonly tolerance: string };
  /** Algebraic steps: what the CAS said of lhs - rhs. */
  readonly symbolic?: { readonly lhs: string; readonly rhs: string; readonly residue: string; readonly method: string };
  /** Operator identities: the small symbolic matrices. */
  readonly operator?: SymbolicIdentityEvidence;
  /** Scaling steps: the exponent found, and that of the family that reaches it. */
  readonly scaling?: { readonly expr: string; readonly exponent: string; readonly reachedBy: string; readonly familyExponent: string };
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
  readonly ok: boolean;
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

const D = Decimal.clone({ precision: 60 });

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
  return m.gte(new D(q.tolerance).neg());
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
const familyExponents = new Map<string, string>();

/** The built-in model file of a family (models/NAME.yaml), from the source tree or from dist/. */
function builtinModel(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const root of [join(here, '..'), join(here, '..', '..')]) {
    const p = join(root, 'models', `${name}.yaml`);
    if (existsSync(p)) return p;
  }
  throw new Error(`built-in model ${name} not found`);
}

/**
 * Checks a theorem: its steps on random instances that satisfy its hypotheses, algebraic steps by
 * the CAS, operator identities also on small symbolic matrices, scaling steps by exponents.
 */
export async function checkTheorem(t: Theorem, opts: CheckOptions = {}): Promise<TheoremReport> {
  const runs = opts.runs ?? 40, seed = opts.seed ?? 20261127, digits = opts.digits ?? 30, L = opts.L ?? [1, 3];
  const arb = arbitraryFor(t, L);
  const instances: Instance[] = [];
  for (const s of fc.sample(arb, { seed, numRuns: runs })) {
    const x = instance(s, digits);
    // Instances where a hypothesis fails are outside the theorem (the generators make them hold).
    if (x && t.hypotheses.every((h) => holds(h, x.q, x.c))) instances.push(x);
  }
  const steps: StepEvidence[] = [];
  for (const step of t.steps) {
    let worst: Decimal | null = null, tol = new D(0);
    let failed: Instance | null = null;
    for (const x of instances) {
      const { m, rhs } = margin(step, x.q, x.c);
      const rel = m.div(D.max(1, rhs.abs()));
      if (worst === null || rel.lt(worst)) worst = rel;
      if (x.q.tolerance.gt(tol)) tol = new D(x.q.tolerance);
      if (!failed && m.lt(new D(x.q.tolerance).neg())) failed = x;
    }
    const base = {
      id: step.id, statement: step.statement, rule: step.rule, uses: step.uses, check: step.check.kind,
      instances: { runs: instances.length, seed, worstMargin: (worst ?? new D(0)).toSignificantDigits(4).toString(), tolerance: tol.toSignificantDigits(2).toString() },
    };
    let ok = !failed;
    const extra: { -readonly [K in keyof StepEvidence]?: StepEvidence[K] } = {};
    if (failed) {
      // Shrink to a minimal model with fast-check, replaying the same seed.
      const details = fc.check(fc.property(arb, (s) => {
        const x = instance(s, digits);
        if (!x || !t.hypotheses.every((h) => holds(h, x.q, x.c))) return true;
        return margin(step, x.q, x.c).m.gte(new D(x.q.tolerance).neg());
      }), { seed, numRuns: runs });
      const s = details.counterexample?.[0] ?? failed.sample;
      const x = instance(s, digits) ?? failed;
      const { lhs, rhs } = margin(step, x.q, x.c);
      extra.counterexample = {
        model: modelFileText(x.sample), L: x.sample.L, lhs: lhs.toSignificantDigits(12).toString(), rhs: rhs.toSignificantDigits(12).toString(),
        constants: { h: x.c.h.toString(), a: x.c.a.toString(), DeltaE: x.c.DeltaE.toString() },
      };
      extra.message = `${step.statement} fails: ${step.relation === '<=' ? `${extra.counterexample.lhs} > ${extra.counterexample.rhs}` : `${extra.counterexample.lhs} != ${extra.counterexample.rhs}`} at L = ${x.sample.L}`;
    }
    if (step.check.kind === 'algebraic') {
      const c = checkEquivalent(step.check.lhs, step.check.rhs);
      extra.symbolic = { lhs: step.check.lhs, rhs: step.check.rhs, residue: c.symbolic === 'zero' ? '0' : c.symbolic, method: c.method };
      ok = ok && c.equivalent;
      if (!c.equivalent) extra.message ??= `the CAS does not reduce ${step.check.lhs} - (${step.check.rhs}) to 0${c.witness ? ` (they differ at ${JSON.stringify(c.witness)})` : ''}`;
    }
    if (step.check.kind === 'operator') {
      const ev = step.check.identity === 'commutator' ? (commutatorEvidence ??= symbolicCommutator()) : (pinchingEvidence ??= symbolicPinching());
      extra.operator = ev;
      ok = ok && ev.failures.length === 0;
      if (ev.failures.length) extra.message ??= `symbolic matrices: ${ev.failures[0]}`;
    }
    if (step.check.kind === 'scaling') {
      const lt = leadingTerm(step.check.expr);
      let fam = familyExponents.get(step.check.reachedBy);
      if (fam === undefined) {
        const r = await computeScaling(loadModelFile(builtinModel(step.check.reachedBy)));
        fam = String(r.J.exponent);
        familyExponents.set(step.check.reachedBy, fam);
      }
      extra.scaling = { expr: step.check.expr, exponent: String(lt.exponent), reachedBy: step.check.reachedBy, familyExponent: fam };
      ok = ok && lt.exponent === step.check.exponent && Number(fam) === step.check.exponent;
      if (!ok) extra.message ??= `exponent of ${step.check.expr}: ${lt.exponent}, of the ${step.check.reachedBy} family: ${fam}; expected ${step.check.exponent}`;
    }
    steps.push({ ...base, ...extra, ok });
  }
  return {
    id: t.id, title: t.title, source: t.source, hypotheses: t.hypotheses.map((h) => `${h.id}: ${h.statement}`),
    conclusion: t.conclusion, steps, ok: steps.every((s) => s.ok),
  };
}

/** Checks every theorem. */
export async function checkTheorems(ts: readonly Theorem[], opts: CheckOptions = {}): Promise<TheoremReport[]> {
  const out: TheoremReport[] = [];
  for (const t of ts) out.push(await checkTheorem(t, opts));
  return out;
}
