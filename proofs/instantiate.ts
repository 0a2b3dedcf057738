/**
 * The proof scripts replayed on one model at one L: each hypothesis checked with the model's
 * constants, each step's two sides, and how much each step loses (rhs / lhs), so the user sees
 * where the slack is.
 */
import type { Decimal } from '../src/numeric/index.js';
import { decide, decimalContext } from '../src/numeric/index.js';
import { InputError, type LocatedExpr, type ModelSpec } from '../src/lang/index.js';
import {
  NoMethodError, TheoremRefutedError, buildPreciseSystem, computeCurrent, computeScaling, hypothesisWord, preciseHypotheses,
  type HypothesisCheckVerdict, type HypothesisChecks, type ScalingExpression, type ScalingResult,
} from '../src/engine/index.js';
import { quantitiesOfSystem, type Quantities } from './quantities.js';
import { tightestConstants } from './theorems.js';
import type { Constants, Theorem } from './theorem.js';

const D = decimalContext(60);

export interface InstantiatedStep {
  readonly id: string;
  readonly statement: string;
  readonly rule: string;
  readonly relation: '<=' | '=';
  readonly lhs: string;
  readonly rhs: string;
  readonly holds: boolean;
  /** |rhs - lhs| is within the error bound (the step holds with equality here). */
  readonly equality: boolean;
  /** rhs / lhs: the factor this step loses (1: nothing; '-' when lhs is 0). */
  readonly loses: string;
  readonly why?: string;
}

/** A hypothesis on the model: holds, fails, or (growth in L without a derived form) unknown; the engine's words. */
export type HypothesisVerdict = HypothesisCheckVerdict;

/**
 * What a hypothesis's verdict rests on: `at this L` (lhs <= rhs with the constants, in decimal.js),
 * `derived form` (the exponent of the quantity's derived closed form), `not derived` (no derived
 * form: the verdict is unknown, whatever a fitted exponent says).
 */
export type HypothesisBasis = 'at this L' | 'derived form' | 'not derived';

/** The evidence for a hypothesis about the growth in L of a scaling quantity. */
export interface GrowthEvidence {
  readonly quantity: 'deltaE' | 'gammaMax';
  /** The form's status in the scaling report ('not reported' when it has none; 'no scaling report' when scaling failed). */
  readonly status: string;
  readonly expr: string;
  readonly how: string;
  readonly exponent: string;
  readonly exponentError?: number;
  readonly exponentRelation?: string;
  /** The largest exponent the hypothesis allows (0: O(1)). */
  readonly maxExponent: number;
  /** The engine's values at a few L up to the model's (only when the form is not derived). */
  readonly values?: readonly { readonly L: number; readonly value: string }[];
  /** Why the scaling report is missing. */
  readonly error?: string;
}

export interface InstantiatedHypothesis {
  readonly id: string;
  readonly statement: string;
  readonly lhs: string;
  readonly rhs: string;
  /** True only when `verdict` is 'holds' (false for 'fails' and for 'unknown'). */
  readonly holds: boolean;
  readonly verdict: HypothesisVerdict;
  readonly basis: HypothesisBasis;
  /** The verdict in words, with its numbers. */
  readonly detail: string;
  readonly growth?: GrowthEvidence;
}

export interface InstantiatedTheorem {
  readonly id: string;
  readonly title: string;
  readonly hypotheses: readonly InstantiatedHypothesis[];
  /** Whether every hypothesis holds: otherwise the theorem says nothing about this model. */
  readonly applies: boolean;
  /** 'applies' (every hypothesis holds), 'does not apply' (one fails), 'unknown' (none fails, one is unknown). */
  readonly applicability: 'applies' | 'does not apply' | 'unknown';
  readonly steps: readonly InstantiatedStep[];
  /** The bound the theorem establishes, its value here, and |J| / bound: how tight it is here. */
  readonly bound: { readonly name: string; readonly value: string };
  readonly ratio: string;
  /** Every step holds (when the theorem applies). */
  readonly ok: boolean;
  /** Every step holds with equality within the error bound. */
  readonly allEquality: boolean;
  /** The Coq theorem proving the conclusion for exact matrices (proofs/coq/theorems.json). */
  readonly coq?: string;
}

export interface Instantiation {
  readonly model: string;
  readonly L: number;
  readonly digits: number;
  readonly constants: { readonly h: string; readonly a: string; readonly DeltaE: string; readonly source: Readonly<Record<'h' | 'a' | 'DeltaE', 'given' | 'tightest at this L'>> };
  readonly J: string;
  /** The error bound the steps' two sides are compared with. */
  readonly tolerance: string;
  /**
   * The Coq theorems' hypotheses (spectral projectors, density matrix, A Hermitian, A^2 <= c,
   * gamma >= 0 on Omega) on this model, from the engine's numerics and error bounds.
   */
  readonly coqHypotheses: HypothesisChecks;
  readonly theorems: readonly InstantiatedTheorem[];
}

const show = (x: Decimal): string => x.toSignificantDigits(12).toString();

/**
 * Replays the theorems on a model at L.
 *
 * @param given constants the user claims (h, a, DeltaE); missing ones are the tightest at this L
 * @param scaling the model's scaling report, when already computed (else computed here, once)
 * @throws PreciseNotApplicable where the decimal.js engine does not reach (L too large for the structure)
 */
export async function instantiate(
  theorems: readonly Theorem[], model: ModelSpec, L: number,
  opts: { digits?: number; given?: Partial<Record<'h' | 'a' | 'DeltaE', number>>; state?: LocatedExpr | null; scaling?: ScalingResult } = {},
): Promise<Instantiation> {
  const digits = opts.digits ?? 30;
  const sys = buildPreciseSystem(model, L, digits, opts.state ? { state: opts.state } : {});
  const q: Quantities = quantitiesOfSystem(sys);
  const coqHypotheses = preciseHypotheses(model, L, digits, opts.state ? { state: opts.state } : {}, sys);
  const tight = tightestConstants(q);
  const g = opts.given ?? {};
  const c: Constants = {
    h: g.h !== undefined ? new D(g.h) : tight.h, a: g.a !== undefined ? new D(g.a) : tight.a, DeltaE: g.DeltaE !== undefined ? new D(g.DeltaE) : tight.DeltaE,
  };
  const tol = new D(q.tolerance);
  // Hypotheses about the growth in L: decided by the derived closed forms' exponents, once.
  let scaling: ScalingResult | null | undefined;
  let scalingError: string | undefined;
  const growth = new Map<string, { verdict: HypothesisVerdict; basis: HypothesisBasis; detail: string; evidence: GrowthEvidence }>();
  for (const t of theorems) {
    for (const h of t.hypotheses) {
      if (!h.asymptotic || growth.has(h.id)) continue;
      if (scaling === undefined) {
        try { scaling = opts.scaling ?? await computeScaling(model); } catch (err) {
          // The prover and the engine agreeing that a bound fails on a valid model is a bug: not swallowed.
          if (err instanceof TheoremRefutedError) throw err;
          scaling = null; scalingError = (err as Error).message;
        }
      }
      const quantity = h.asymptotic.quantity;
      const e = scaling ? scaling.terms[quantity] : undefined;
      const d = decideGrowth(quantity, e, 0, scaling?.forms?.[quantity]?.upperBound);
      const evidence: GrowthEvidence = {
        quantity, status: e ? e.status ?? 'not reported' : 'no scaling report', expr: e ? exprText(e.expr) : '-', how: e?.how ?? '-',
        exponent: e?.exponent === undefined || e.exponent === null ? 'unknown' : String(e.exponent),
        ...(e?.exponentError !== undefined ? { exponentError: e.exponentError } : {}), ...(e?.exponentRelation ? { exponentRelation: e.exponentRelation } : {}),
        maxExponent: 0, ...(scalingError ? { error: scalingError } : {}),
        ...(d.basis === 'not derived' ? { values: engineValuesOf(model, quantity, L) } : {}),
      };
      growth.set(h.id, { ...d, detail: growthText(evidence, d), evidence });
    }
  }
  const out = theorems.map((t): InstantiatedTheorem => {
    const hyps = t.hypotheses.map((h): InstantiatedHypothesis => {
      if (h.asymptotic) {
        const g = growth.get(h.id)!;
        return { id: h.id, statement: h.statement, lhs: `exponent ${g.evidence.exponent}`, rhs: '0', holds: g.verdict === 'holds', verdict: g.verdict, basis: g.basis, detail: g.detail, growth: g.evidence };
      }
      const lhs = new D(h.lhs(q, c)), rhs = new D(h.rhs(q, c));
      const verdict = hypothesisWord(decide({ value: rhs.minus(lhs), error: tol }).verdict), ok = verdict === 'holds';
      return {
        id: h.id, statement: h.statement, lhs: show(lhs), rhs: show(rhs), holds: ok, verdict, basis: 'at this L',
        detail: `${show(lhs)} <= ${show(rhs)} at L = ${L}: ${ok ? 'holds' : 'FAILS'}`,
      };
    });
    const steps = t.steps.map((s): InstantiatedStep => {
      const lhs = new D(s.lhs(q, c)), rhs = new D(s.rhs(q, c));
      // The tolerance is the margin's error: '<=' holds unless violated beyond it, '=' (and equality) within it.
      const d = decide({ value: rhs.minus(lhs), error: tol });
      const holdsStep = s.relation === '<=' ? d.verdict !== 'violated' : d.within;
      const equality = d.within;
      // Sides within the round-off of zero have no meaningful ratio.
      const loses = lhs.abs().lte(tol) ? (rhs.abs().lte(tol) ? '1' : '-') : rhs.div(lhs).toSignificantDigits(6).toString();
      return { id: s.id, statement: s.statement, rule: s.rule, relation: s.relation, lhs: show(lhs), rhs: show(rhs), holds: holdsStep, equality, loses, ...(s.slack && holdsStep ? { why: s.slack } : {}) };
    });
    const applies = hyps.every((h) => h.verdict === 'holds');
    const applicability = hyps.some((h) => h.verdict === 'fails') ? 'does not apply' : applies ? 'applies' : 'unknown';
    const B = new D(t.bound.value(q, c));
    return {
      id: t.id, title: t.title, hypotheses: hyps, applies, applicability, steps, bound: { name: t.bound.name, value: show(B) },
      ratio: B.isZero() ? '-' : new D(q.J).abs().div(B).toSignificantDigits(6).toString(),
      ok: !applies || steps.every((s) => s.holds), allEquality: steps.every((s) => s.equality), ...(t.coq ? { coq: t.coq } : {}),
    };
  });
  return {
    model: q.model, L, digits,
    constants: {
      h: show(c.h), a: show(c.a), DeltaE: show(c.DeltaE),
      source: { h: g.h !== undefined ? 'given' : 'tightest at this L', a: g.a !== undefined ? 'given' : 'tightest at this L', DeltaE: g.DeltaE !== undefined ? 'given' : 'tightest at this L' },
    },
    J: show(q.J), tolerance: show(tol), coqHypotheses, theorems: out,
  };
}

const exprText = (e: ScalingExpression['expr']): string => (typeof e === 'string' ? e : `even: ${e.even}; odd: ${e.odd}`);

/**
 * Decides "`quantity` grows at most like L^maxExponent" from a scaling expression: only a derived
 * form decides (its exact leading exponent); a derived upper bound decides only "holds"; a
 * conjectured form, a numeric exponent or a missing status leave it unknown.
 */
export function decideGrowth(
  quantity: 'deltaE' | 'gammaMax', e: ScalingExpression | undefined, maxExponent = 0, upperBound?: boolean,
): { verdict: HypothesisVerdict; basis: HypothesisBasis; reason: string } {
  if (!e) return { verdict: 'unknown', basis: 'not derived', reason: `no scaling report for ${quantity}` };
  if (e.status !== 'derived') return { verdict: 'unknown', basis: 'not derived', reason: `${quantity} is ${e.status ?? 'of no reported status'}, not derived` };
  const upper = upperBound ?? e.how === 'upper bound';
  const grows = (why: string): { verdict: HypothesisVerdict; basis: HypothesisBasis; reason: string } => (upper
    ? { verdict: 'unknown', basis: 'derived form', reason: `the derived form is an upper bound on ${quantity} that ${why}; the quantity itself may grow less` }
    : { verdict: 'fails', basis: 'derived form', reason: `${quantity} ${why}` });
  if (typeof e.exponent === 'number') {
    return e.exponent <= maxExponent
      ? { verdict: 'holds', basis: 'derived form', reason: `exponent ${e.exponent} <= ${maxExponent}` }
      : grows(`grows like L^${e.exponent} (exponent ${e.exponent} > ${maxExponent})`);
  }
  if (e.exponent === 'exponential') {
    return e.leading === 'exponential growth'
      ? grows('grows exponentially in L')
      : { verdict: 'holds', basis: 'derived form', reason: 'it decays exponentially in L' };
  }
  return { verdict: 'unknown', basis: 'derived form', reason: `the derived form has no single leading exponent (${e.exponent ?? 'parities differ'})` };
}

/** The engine's values of a scaling term at up to six L ending at the model's L (for the numbers of an unknown). */
function engineValuesOf(model: ModelSpec, quantity: 'deltaE' | 'gammaMax', L: number): { L: number; value: string }[] {
  const out: { L: number; value: string }[] = [];
  for (let l = Math.max(1, L - 5); l <= L; l++) {
    try {
      out.push({ L: l, value: String(Number(computeCurrent(model, l).terms[quantity].toPrecision(4))) });
    } catch (err) {
      if (err instanceof NoMethodError || err instanceof InputError) continue;
      throw err;
    }
  }
  return out;
}

const listLs = (Ls: readonly number[]): string => {
  const consecutive = Ls.every((l, i) => i === 0 || l === Ls[i - 1] + 1);
  return Ls.length > 3 && consecutive ? `${Ls[0]}, ..., ${Ls[Ls.length - 1]}` : Ls.join(', ');
};

/** The hypothesis's verdict in words, with the numbers. */
function growthText(g: GrowthEvidence, d: { verdict: HypothesisVerdict; basis: HypothesisBasis; reason: string }): string {
  if (d.basis === 'derived form') {
    const v = d.verdict === 'holds' ? 'holds' : d.verdict === 'fails' ? 'FAILS' : 'unknown';
    return `${g.quantity} = ${g.expr} (derived): ${d.reason}: ${v}`;
  }
  const vals = g.values && g.values.length ? `${g.quantity} = ${g.values.map((v) => v.value).join(', ')} at L = ${listLs(g.values.map((v) => v.L))} (engine); ` : '';
  const fit = g.status === 'no scaling report'
    ? `no scaling report${g.error ? ` (${g.error})` : ''}`
    : g.status === 'numeric'
      ? `scaling: numeric exponent ${g.exponentRelation && g.exponentRelation !== 'about' ? `${g.exponentRelation} ` : ''}${g.exponent}${g.exponentError !== undefined ? ` +- ${g.exponentError}` : ''}`
      : `scaling: ${g.quantity} = ${g.expr}, exponent ${g.exponent} (${g.how})`;
  return `${vals}${fit}; ${g.status === 'no scaling report' ? 'no form' : `${g.status}, not derived`}: unknown`;
}
