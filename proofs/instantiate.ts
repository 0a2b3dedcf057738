/**
 * The proof scripts replayed on one model at one L: each hypothesis checked with the model's
 * constants, each step's two sides, and how much each step loses (rhs / lhs), so the user sees
 * where the slack is.
 */
import { Decimal } from 'decimal.js';
import type { LocatedExpr, ModelSpec } from '../src/lang/index.js';
import { computeScaling, type ScalingResult } from '../src/engine/index.js';
import { quantitiesOf, type Quantities } from './quantities.js';
import { tightestConstants } from './theorems.js';
import type { Constants, Theorem } from './theorem.js';

const D = Decimal.clone({ precision: 60 });

export interface InstantiatedStep {
  readonly id: string;
  readonly statement: string;
  readonly rule: string;
  readonly relation: '<=' | '=';
  readonly lhs: string;
  readonly rhs: string;
  readonly holds: boolean;
  /** rhs / lhs: the factor this step loses (1: nothing; '-' when lhs is 0). */
  readonly loses: string;
  readonly why?: string;
}

export interface InstantiatedTheorem {
  readonly id: string;
  readonly title: string;
  readonly hypotheses: readonly { readonly id: string; readonly statement: string; readonly lhs: string; readonly rhs: string; readonly holds: boolean }[];
  /** Whether every hypothesis holds: otherwise the theorem says nothing about this model. */
  readonly applies: boolean;
  readonly steps: readonly InstantiatedStep[];
  /** The bound the theorem establishes, its value here, and |J| / bound: how tight it is here. */
  readonly bound: { readonly name: string; readonly value: string };
  readonly ratio: string;
  /** Every step holds (when the theorem applies). */
  readonly ok: boolean;
}

export interface Instantiation {
  readonly model: string;
  readonly L: number;
  readonly digits: number;
  readonly constants: { readonly h: string; readonly a: string; readonly DeltaE: string; readonly source: Readonly<Record<'h' | 'a' | 'DeltaE', 'given' | 'tightest at this L'>> };
  readonly J: string;
  readonly theorems: readonly InstantiatedTheorem[];
}

const show = (x: Decimal): string => x.toSignificantDigits(12).toString();

/**
 * Replays the theorems on a model at L.
 *
 * @param given constants the user claims (h, a, DeltaE); missing ones are the tightest at this L
 * @throws PreciseNotApplicable where the decimal.js engine does not reach (L too large for the structure)
 */
export async function instantiate(
  theorems: readonly Theorem[], model: ModelSpec, L: number,
  opts: { digits?: number; given?: Partial<Record<'h' | 'a' | 'DeltaE', number>>; state?: LocatedExpr | null } = {},
): Promise<Instantiation> {
  const digits = opts.digits ?? 30;
  const q: Quantities = quantitiesOf(model, L, digits, opts.state ?? null);
  const tight = tightestConstants(q);
  const g = opts.given ?? {};
  const c: Constants = {
    h: g.h !== undefined ? new D(g.h) : tight.h, a: g.a !== undefined ? new D(g.a) : tight.a, DeltaE: g.DeltaE !== undefined ? new D(g.DeltaE) : tight.DeltaE,
  };
  const tol = new D(q.tolerance);
  // Hypotheses about the growth in L: decided by the closed forms' exponents, once.
  let scaling: ScalingResult | null | undefined;
  const exponentOf = async (quantity: 'deltaE' | 'gammaMax'): Promise<string> => {
    if (scaling === undefined) {
      try { scaling = await computeScaling(model); } catch { scaling = null; }
    }
    const e = scaling?.terms[quantity].exponent;
    return e === undefined || e === null ? 'unknown' : String(e);
  };
  const asymptotic = new Map<string, string>();
  for (const t of theorems) for (const h of t.hypotheses) if (h.asymptotic && !asymptotic.has(h.id)) asymptotic.set(h.id, await exponentOf(h.asymptotic.quantity));
  const out = theorems.map((t): InstantiatedTheorem => {
    const hyps = t.hypotheses.map((h) => {
      if (h.asymptotic) {
        const e = asymptotic.get(h.id)!;
        const bounded = /^-?[0-9.]+$/.test(e) ? Number(e) <= 0 : /decay/.test(e);
        return { id: h.id, statement: h.statement, lhs: `exponent ${e}`, rhs: '0', holds: bounded };
      }
      const lhs = new D(h.lhs(q, c)), rhs = new D(h.rhs(q, c));
      return { id: h.id, statement: h.statement, lhs: show(lhs), rhs: show(rhs), holds: rhs.minus(lhs).gte(tol.neg()) };
    });
    const steps = t.steps.map((s): InstantiatedStep => {
      const lhs = new D(s.lhs(q, c)), rhs = new D(s.rhs(q, c));
      const m = rhs.minus(lhs);
      const holdsStep = s.relation === '<=' ? m.gte(tol.neg()) : m.abs().lte(tol);
      // Sides within the round-off of zero have no meaningful ratio.
      const loses = lhs.abs().lte(tol) ? (rhs.abs().lte(tol) ? '1' : '-') : rhs.div(lhs).toSignificantDigits(6).toString();
      return { id: s.id, statement: s.statement, rule: s.rule, relation: s.relation, lhs: show(lhs), rhs: show(rhs), holds: holdsStep, loses, ...(s.slack && holdsStep ? { why: s.slack } : {}) };
    });
    const applies = hyps.every((h) => h.holds);
    const B = new D(t.bound.value(q, c));
    return {
      id: t.id, title: t.title, hypotheses: hyps, applies, steps, bound: { name: t.bound.name, value: show(B) },
      ratio: B.isZero() ? '-' : new D(q.J).abs().div(B).toSignificantDigits(6).toString(),
      ok: !applies || steps.every((s) => s.holds),
    };
  });
  return {
    model: q.model, L, digits,
    constants: {
      h: show(c.h), a: show(c.a), DeltaE: show(c.DeltaE),
      source: { h: g.h !== undefined ? 'given' : 'tightest at this L', a: g.a !== undefined ? 'given' : 'tightest at this L', DeltaE: g.DeltaE !== undefined ? 'given' : 'tightest at this L' },
    },
    J: show(q.J), theorems: out,
  };
}
