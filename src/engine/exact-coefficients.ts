/**
 * float64 operators faithful to the model. The float64 walk (engine/operators evalOperator) rounds
 * every operation, so a coefficient whose evaluation cancels is another model: `1e17*Z[0] + Z[0] -
 * 1e17*Z[0]` is 0 in float64, not Z[0], and `(0.1+0.2-0.3)*X[0]` is 5.55e-17 X[0], not 0. Here the
 * same expression is evaluated again with decimal.js coefficients (engine/precise
 * evalOperatorPrecise, the model's decimal literals exact, {@link coefficientDigits} digits), and
 * each product term's float64 coefficient becomes the rounding of its decimal.js value: the
 * float64 operator is then the float64 model nearest to the file's. Where two coefficients that
 * are distinct in decimal.js round to one float64, the float64 operator cannot split what they
 * split (two levels of H_S, or an entry of A that their difference makes nonzero): that is listed
 * as inexact. Only sums of few product terms against the dimension are evaluated again
 * ({@link maxRebuildTerms}: the decimal.js walk costs some ten times the float64 one, small against
 * the matrix work of the methods that take these operators); a note names a sum that is not.
 */
import { mayCancel, type Expr } from '../lang/index.js';
import type { ChannelInstance, Instance } from './family.js';
import { evalOperator } from './operators.js';
import { channelScope, evalOperatorPrecise, preciseScope } from './precise/index.js';
import { dimensionOf, precision, productTermKey, type Decimal, type OpSum, type ProductTerm } from '../numeric/index.js';
import type { PreciseScope } from '../symbolic/index.js';

/** Digits of the decimal.js evaluation (those of the diagonal method's exact grouping). */
export const coefficientDigits = 40;

/**
 * Largest number of product terms (of the float64 sum) that is evaluated again in decimal.js, and
 * then only up to the dimension of the space (at least {@link minRebuildTerms}): the decimal.js walk
 * costs about 80 us per term (prod(k, X[k] + 0.3*Z[k]) at L = 12, 4096 terms: 0.3 s against 0.04 s
 * in float64), small next to a dense method's n^3 work and a diagonal method's n x terms.
 */
export const maxRebuildTerms = 4096;
/** Sums of at most this many terms are evaluated again at any dimension. */
export const minRebuildTerms = 64;

/**
 * Two decimal.js values closer than this relative to the larger are not told apart: the walk
 * rounds each operation at 40 digits (plus guard digits), and we assume an expression loses at
 * most 5 of them to cancellation (the rule of the diagonal method's exact levels).
 */
const undecidedRelative = 1e-35;

/**
 * A float64 evaluation off by more than this relative to the exact coefficient lost digits to
 * cancellation (a few roundings are some 1e-16): the operator was another model, and a note says so.
 */
const lostRelative = 1e-10;

/** A product term's coefficient with its decimal.js value (the parts of one complex number). */
interface PreciseCoefficient {
  readonly re: Decimal;
  readonly im: Decimal;
}

/** What rounding the decimal.js coefficients found: the operator and what differs from float64. */
export interface FaithfulTerms {
  /** The float64 operator: `float` itself when every rounded coefficient is its float64 one. */
  readonly op: OpSum;
  /** Terms whose float64 evaluation differs from the rounding of their decimal.js value (or exists in one only). */
  readonly changed: number;
  /** Of those, the terms whose float64 value is off by more than {@link lostRelative} of the exact one, or exists in one only. */
  readonly cancelled: number;
  /** Distinct decimal.js moduli of coefficient parts (beyond their own error) that round to one float64: [a, b, their float64]. */
  readonly collisions: readonly (readonly [string, string, number])[];
}

/**
 * `float` with each product term's coefficient replaced by the rounding of its decimal.js value
 * in `precise` (the same expression's terms: the one normal form, so the same sites and local
 * factors; a term cancelled exactly in decimal.js is absent there, one cancelled in float64 only
 * is absent from `float`). Where both have the same terms in the same order that order is kept,
 * and `float` itself is returned when no coefficient changes (so a model that float64 evaluates
 * correctly keeps its operator bit for bit). A decimal.js value beyond float64's range keeps
 * `float` (the float64 walk's own overflow checks decide those).
 *
 * @example
 * faithfulTerms(evalOperator(o, parse('1e17*Z[0] + Z[0] - 1e17*Z[0]'), s, 1), evalOperatorPrecise(D, o, ..., 1)).op // Z[0]
 */
export function faithfulTerms(float: OpSum, precise: { readonly terms: readonly { readonly c: PreciseCoefficient; readonly sites: readonly number[]; readonly mats: ProductTerm['mats'] }[] }): FaithfulTerms {
  const sameOrder = float.terms.length === precise.terms.length
    && float.terms.every((t, i) => productTermKey(t.sites, t.mats) === productTermKey(precise.terms[i].sites, precise.terms[i].mats));
  const floatByKey = sameOrder ? null : new Map(float.terms.map((t) => [productTermKey(t.sites, t.mats), t]));
  let changed = 0, cancelled = 0;
  const terms: ProductTerm[] = [];
  for (let i = 0; i < precise.terms.length; i++) {
    const p = precise.terms[i];
    const cr = p.c.re.toNumber(), ci = p.c.im.toNumber();
    if (!Number.isFinite(cr) || !Number.isFinite(ci)) return { op: float, changed: 0, cancelled: 0, collisions: [] };
    const f = sameOrder ? float.terms[i] : floatByKey!.get(productTermKey(p.sites, p.mats));
    if (f === undefined || f.cr !== cr || f.ci !== ci) changed++;
    if (f === undefined || Math.hypot(f.cr - cr, f.ci - ci) > lostRelative * Math.hypot(cr, ci)) cancelled++;
    // A value below float64's range is a coefficient float64 cannot hold (a collision with 0 below).
    if (cr !== 0 || ci !== 0) terms.push(f !== undefined && f.cr === cr && f.ci === ci ? f : { cr, ci, sites: p.sites, mats: p.mats });
  }
  if (floatByKey) {
    const kept = new Set(precise.terms.map((t) => productTermKey(t.sites, t.mats)));
    for (const k of floatByKey.keys()) if (!kept.has(k)) { changed++; cancelled++; }
  }
  const collisions = roundingCollisions(precise.terms.map((t) => t.c));
  return { op: changed === 0 ? float : { L: float.L, terms }, changed, cancelled, collisions };
}

/** Pairs of distinct moduli (re and im parts alike, beyond {@link undecidedRelative}) with one float64 rounding, at most 3. */
function roundingCollisions(cs: readonly PreciseCoefficient[]): [string, string, number][] {
  const parts = cs.flatMap((c) => [c.re.abs(), c.im.abs()]).filter((x) => !x.isZero());
  const byFloat = new Map<number, Decimal[]>();
  for (const x of parts) {
    const f = x.toNumber();
    const list = byFloat.get(f);
    if (list) list.push(x); else byFloat.set(f, [x]);
  }
  const out: [string, string, number][] = [];
  for (const [f, list] of byFloat) {
    let lo = list[0], hi = list[0];
    for (const x of list) { if (x.lt(lo)) lo = x; if (x.gt(hi)) hi = x; }
    if (hi.minus(lo).gt(hi.times(undecidedRelative)) && out.length < 3) out.push([lo.toString(), hi.toString(), f]);
  }
  return out;
}

/** Which operator of the model a finding is about. */
export type CoefficientOperator = 'H' | 'A';

/** A note or an inexact entry from the decimal.js coefficients of one operator of an instance. */
export interface CoefficientFinding {
  readonly operator: CoefficientOperator;
  readonly kind: 'note' | 'inexact';
  readonly text: string;
}

const findings = new WeakMap<Instance, Map<string, CoefficientFinding[]>>();
const scopes = new WeakMap<Instance, PreciseScope>();

/**
 * What the decimal.js coefficients of the operators evaluated so far for `inst` found (through
 * {@link hamiltonianOperator} and {@link channelOperator}): notes where float64 evaluation was
 * another model, inexact entries where the float64 operator cannot be the model.
 */
export function coefficientFindings(inst: Instance): CoefficientFinding[] {
  return [...(findings.get(inst)?.values() ?? [])].flat();
}

/**
 * {@link coefficientFindings} as a method's notes and inexact entries; `exactLevels`: the method
 * grouped H_S's levels exactly from its decimal.js coefficients (the diagonal method), so a
 * collision of H's float64 coefficients does not merge its levels there.
 */
export function coefficientTexts(inst: Instance, exactLevels = false): { notes: string[]; inexact: string[] } {
  const all = coefficientFindings(inst);
  return {
    notes: all.filter((f) => f.kind === 'note').map((f) => f.text),
    inexact: all.filter((f) => f.kind === 'inexact' && !(exactLevels && f.operator === 'H')).map((f) => f.text),
  };
}

/**
 * H_S of `inst` as float64 product terms, each coefficient the rounding of its decimal.js value
 * (see the module's comment).
 *
 * @throws InputError, NonFiniteError as engine/operators evalOperator
 */
export function hamiltonianOperator(inst: Instance): OpSum {
  const op = evalOperator(inst.H, inst.H.located.expr, inst.scope, inst.L, inst.layout);
  return faithfulOperator(inst, 'H', 'H', op, inst.H.located.expr, (D, base) => evalOperatorPrecise(D, inst.H, inst.H.located.expr, base, inst.L, inst.layout));
}

/**
 * A channel's A as float64 product terms, each coefficient the rounding of its decimal.js value.
 *
 * @throws InputError, NonFiniteError as engine/operators evalOperator
 */
export function channelOperator(inst: Instance, ch: ChannelInstance): OpSum {
  const op = evalOperator(ch.origin, ch.origin.located.expr, ch.scope, inst.L, inst.layout);
  const label = ch.k === null ? `${ch.origin.located.key}` : `${ch.origin.located.key} (k = ${ch.k})`;
  return faithfulOperator(inst, 'A', label, op, ch.origin.located.expr, (D, base) => evalOperatorPrecise(D, ch.origin, ch.origin.located.expr, channelScope(D, base, ch), inst.L, inst.layout));
}

/**
 * `op` (the float64 evaluation of one of the model's operators) with each coefficient the rounding
 * of its decimal.js value from `evaluate` (within the term budget; beyond it, or where decimal.js
 * refuses, `op` itself and a note), its findings recorded for {@link coefficientTexts}.
 */
export function faithfulOperator(
  inst: Instance, operator: CoefficientOperator, label: string, op: OpSum, expr: Expr,
  evaluate: (D: ReturnType<typeof precision>['D'], scope: PreciseScope) => Parameters<typeof faithfulTerms>[1],
): OpSum {
  // Without a sum or a function no coefficient can cancel: the float64 terms are the model's within
  // their rounding (and the decimal.js walk per channel of `each: k` at L = 10^5 is not made).
  if (!mayCancel(expr)) return op;
  const n = inst.layout ? dimensionOf(inst.layout.dims) : 2 ** inst.L;
  const budget = Math.min(maxRebuildTerms, Math.max(minRebuildTerms, n));
  if (op.terms.length > budget) {
    record(inst, label, [{
      operator, kind: 'note',
      text: `${label}: ${op.terms.length} product terms, more than the ${budget} evaluated again in decimal.js here: the coefficients are their float64 evaluations (a cancellation in them is not detected)`,
    }]);
    return op;
  }
  const P = precision(coefficientDigits);
  let precise: Parameters<typeof faithfulTerms>[1];
  try {
    let base = scopes.get(inst);
    if (!base) { base = preciseScope(P, inst.model, inst.L); scopes.set(inst, base); }
    precise = evaluate(P.D, base);
  } catch (err) {
    // An expression the decimal.js walk refuses where float64 took it (a product beyond the term
    // limit at a larger intermediate size): the float64 operator stays, as the diagonal method's
    // exact grouping falls back, and a note says so.
    record(inst, label, [{ operator, kind: 'note', text: `${label}: not evaluated again in decimal.js (${err instanceof Error ? err.message : String(err)}): the coefficients are their float64 evaluations` }]);
    return op;
  }
  const r = faithfulTerms(op, precise);
  const found: CoefficientFinding[] = [];
  if (r.cancelled > 0) {
    found.push({
      operator, kind: 'note',
      text: `${label}: the float64 evaluation of ${r.cancelled} product-term coefficient(s) lost digits to cancellation (another model than the file's); every coefficient is the rounding of its decimal.js value (${coefficientDigits} digits)`,
    });
  }
  if (r.collisions.length > 0) {
    found.push({
      operator, kind: 'inexact',
      text: `${label}: coefficients distinct in decimal.js are one float64 (${r.collisions.map(([a, b, f]) => `${a} and ${b} both ${f}`).join('; ')}): the float64 operator does not split what their difference splits (levels of H_S, entries of A); use --digits`,
    });
  }
  record(inst, label, found);
  return r.op;
}

function record(inst: Instance, label: string, found: CoefficientFinding[]): void {
  let map = findings.get(inst);
  if (!map) { map = new Map(); findings.set(inst, map); }
  map.set(label, found);
}
