/**
 * `scaling`: J(L), every bound term and the bounds as expressions in L — derived where the
 * structure allows (symbolic/derive), else interpolated from the engine's values and confirmed
 * within the engine's error bound at every L computed, else a numeric exponent — with leading
 * exponents and coefficients, the limits of J/B1 and J/B2, and proofs of |J| <= B for every L as
 * checked certificates.
 *
 * Every derived form is cross-checked against the numeric engine at small L before it is reported;
 * a disagreement demotes it (and says so).
 */
import { InputError, type ModelSpec } from '../lang/index.js';
import {
  ClosedForm, NotDerivable, Poly, Q, SignChange, deriveFamily, deriveSiteFamily, fitPolynomial, fitPolynomialTimesExponential, logLogExponent, branchAt, relationHolds,
  type DerivedFamily, type DerivedQuantity, type ParityForm, prettyForm, prettyPoly, simplify, toTex, proveClaim, type ProofEntry,
} from '../symbolic/index.js';
import { computeCurrent, type CurrentResult, NoMethodError } from './current.js';

import type { ProgressCallback } from './progress.js';

export type TermName = 'normH' | 'width' | 'sumA2' | 'gammaMax' | 'deltaE';
export type BoundName = 'Bstate' | 'B1' | 'B1coarse' | 'B2';
export type Quantity = 'J' | TermName | BoundName;

/**
 * The three words, used exactly:
 * - `derived`: an exact symbolic derivation, valid for every L in its pieces' ranges under the
 *   result's `assumptions`;
 * - `conjectured`: fitted or interpolated on a range of L and confirmed: equal to the engine's value
 *   within the engine's own error bound at every L computed from its first L on (the fitter's
 *   tolerance only proposes forms); never proved "for every L" and never the basis of a refutation;
 * - `numeric`: only an exponent estimated from engine values, with an honest error bar (and, where
 *   a rational form met the fitter's tolerance but not the engine's error bound, that form as
 *   `unconfirmed`).
 */
export type FormStatus = 'derived' | 'conjectured' | 'numeric';

/** A closed form on a range of L (to = null: every L >= from). */
export interface FormPiece {
  readonly from: number;
  readonly to: number | null;
  readonly form: ParityForm;
}

/** The exact closed form of one quantity, as pieces over ascending, adjacent ranges of L. */
export interface QuantityForm {
  readonly status: FormStatus;
  /** True when the form is a derived upper bound on the quantity, not the quantity. */
  readonly upperBound: boolean;
  readonly pieces: readonly FormPiece[];
}

/**
 * An assumption a derivation made, as data: `expr relation 0` (for L in `L` when given), e.g.
 * { expr: 'w0 - chi', relation: '>' }. Every proof is stated under all of them.
 */
export interface AssumptionData {
  readonly expr: string;
  readonly relation: '>' | '>=' | '<' | '<=' | '=' | '!=';
  readonly why: string;
  /** The range of L it is assumed on (absent: every L of the piece it belongs to). */
  readonly L?: { readonly from: number; readonly to: number | null };
  /** Whether it holds at the model's param values (always true for an assumption the derivation made). */
  readonly holdsAtParams: boolean;
}

/** An atom of the closed forms: a named subexpression free of L (exp(-w0/T), cos(theta/2)^2). */
export interface AtomData {
  readonly expr: string;
  readonly value: number;
  /** Known range, when one is used by the proofs (e.g. "(0, 1]"). */
  readonly range?: string;
}

/** One expression of the output. Parity-dependent ones are {even, odd}. */
export interface ScalingExpression {
  /** derived | conjectured | numeric (see FormStatus). */
  readonly status?: FormStatus;
  /** When the quantity has several pieces in L: each with its range, text and LaTeX. The top-level
   * expr/tex/exponent/leading are those of the last piece (every L >= validFrom). */
  readonly pieces?: readonly { readonly from: number; readonly to: number | null; readonly expr: string | { readonly even: string; readonly odd: string }; readonly tex: string | { readonly even: string; readonly odd: string } }[];
  /** For numeric exponents whose local slope still drifts: the exponent is 'at least' or 'at most' the value. */
  readonly exponentRelation?: 'about' | 'at least' | 'at most';
  readonly expr: string | { readonly even: string; readonly odd: string };
  readonly tex: string | { readonly even: string; readonly odd: string };
  /** derived | upper bound | interpolated (confirmed at L = ...) | numeric */
  readonly how: string;
  /** The leading power of L; "exponential" when not polynomially bounded from below; null if unknown. */
  readonly exponent: number | string | null;
  readonly leading: string | { readonly even: string; readonly odd: string } | null;
  /** For numeric exponents: the standard error of the log-log fit. */
  readonly exponentError?: number;
  /** Smallest L from which the expression holds (checked against the engine). */
  readonly validFrom?: number;
  /**
   * On a numeric quantity: the first form with rational coefficients the fitter found (it agrees
   * with the engine's values on the fitting range to the fitter's tolerance, 1e-9 relative) that is
   * not confirmed, because it differs from the engine's value by more than the engine's own error
   * bound at `Ls` — by about the fitter's tolerance (a rational approximation of a coefficient that
   * need not be rational, e.g. J[hot] = (1940305237*L+1)/31401680863 of an irrational slope) or by
   * more (the wrong form at further L). Never a result.
   */
  readonly unconfirmed?: {
    readonly expr: string | { readonly even: string; readonly odd: string };
    /** How it was fitted ("interpolated on L = 1, 2"). */
    readonly how: string;
    /** The L where it differs from the engine's value by more than the engine's error bound. */
    readonly Ls: readonly number[];
    /** The largest |form - value| / |value| over those L (2 digits). */
    readonly difference: number;
    /** The engine's error bound relative to |value| at that L (2 digits). */
    readonly error: number;
  };
  /**
   * On a numeric quantity whose values at `Ls` are, within their error bounds, those of a
   * polynomial of degree `exponent` in L: its leading coefficient as a number with an error bound
   * (the engine's errors propagated). It holds if the quantity is that polynomial, which the values
   * suggest and nothing proves; a number, never a closed form.
   */
  readonly leadingEstimate?: { readonly value: number; readonly error: number; readonly exponent: number; readonly Ls: readonly number[] };
}

export interface ScalingResult {
  readonly model: string;
  readonly J: ScalingExpression;
  readonly terms: Readonly<Record<TermName, ScalingExpression>>;
  readonly bounds: Readonly<Record<BoundName, ScalingExpression>>;
  /** lim_{L -> inf} J/B1 and J/B2, as text. */
  readonly ratios: { readonly B1: string; readonly B2: string };
  readonly proofs: readonly ProofEntry[];
  readonly notes: readonly string[];
  /** Every assumption the derivation made; every proof is stated under exactly these. */
  readonly assumptions?: readonly AssumptionData[];
  /** The atoms that appear in the forms, by name. */
  readonly atoms?: Readonly<Record<string, AtomData>>;
  /** Values of params and atoms, for evaluating `forms`. */
  readonly env?: Readonly<Record<string, number>>;
  /** The first L the model is defined at, when it is not 1 (a site index outside 0..L-1 below it). */
  readonly definedFrom?: number;
  /**
   * The current J_c(L) of each named channel entry (the model's `name:`; an `each` entry's summed
   * over its sites), by name, in file order: derived where the derivation gives the channel's own
   * form (checked against the engine's per-channel currents as J is), else conjectured from the
   * engine's values or a numeric exponent, with the reason in `notes`. Absent when the model names
   * no channel.
   */
  readonly currents?: Readonly<Record<string, ScalingExpression>>;
  /**
   * The exact forms behind the text (not part of the JSON: a non-enumerable property). Null for a
   * quantity with only a numeric exponent. A named channel's current is under `J[name]`.
   */
  readonly forms?: Readonly<Record<Quantity, QuantityForm | null>> & Readonly<Record<`J[${string}]`, QuantityForm | null>>;
}

export interface ScalingOptions {
  /** L range for cross-checks and interpolation (default 1..12). */
  readonly Lmin?: number;
  readonly Lmax?: number;
  /** Told as each L of the engine's values begins, and inside it as computeCurrent's `onProgress` is (engine/progress). */
  readonly onProgress?: ProgressCallback;
}

/** Time after which no further L is computed for checks and interpolation (at least 8 L are). */
export const valueBudgetMs = 20_000;

/** Further L at which every derived or conjectured form is confirmed against the engine, where it runs. */
export const confirmLs: readonly number[] = [16, 24, 40];

/** Most pieces in L a derivation is split into (sign changes of fields with L). */
const maxPieces = 16;

const termNames: TermName[] = ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE'];
const boundNames: BoundName[] = ['Bstate', 'B1', 'B1coarse', 'B2'];
const quantities: Quantity[] = ['J', ...termNames, ...boundNames];

interface EngineValues {
  Ls: number[];
  values: Record<Quantity, number[]>;
  /** Absolute error bound of each value: the engine's `error.J`, `error.bounds` and `termErrors.terms`. */
  errors: Record<Quantity, number[]>;
  results: CurrentResult[];
  /** L before the first valid one, where the model is not defined (its input error). */
  invalid: { L: number; error: InputError }[];
  /** Each named channel's current J_c and its error bound at each L, by name. */
  currents: Map<string, { values: number[]; errors: number[] }>;
}

/** Engine values of every quantity at the given L (stopping where no method applies). */
function engineValues(model: ModelSpec, Ls: readonly number[], budgetMs = valueBudgetMs, minCount = 8, onProgress?: ProgressCallback): EngineValues {
  const values = Object.fromEntries(quantities.map((k) => [k, [] as number[]])) as unknown as Record<Quantity, number[]>;
  const errors = Object.fromEntries(quantities.map((k) => [k, [] as number[]])) as unknown as Record<Quantity, number[]>;
  const done: number[] = [];
  const results: CurrentResult[] = [];
  const invalid: { L: number; error: InputError }[] = [];
  const currents = new Map<string, { values: number[]; errors: number[] }>();
  for (const ch of model.channels) if (ch.name) currents.set(ch.name, { values: [], errors: [] });
  const t0 = performance.now();
  let last = 0, before = 0;
  for (const L of Ls) {
    // The dense method grows like 8^L: stop once the values have cost more than the budget, or
    // when the next L, predicted from the growth of the last two, would take it past the budget.
    const elapsed = performance.now() - t0;
    const next = last * Math.max(2, before > 0 ? last / before : 2);
    if (done.length >= minCount && elapsed + next > budgetMs) break;
    let r: CurrentResult;
    const tL = performance.now();
    onProgress?.({ kind: 'L', L, index: Ls.indexOf(L), count: Ls.length });
    try { r = computeCurrent(model, L, onProgress ? { onProgress } : {}); } catch (err) {
      if (err instanceof NoMethodError) break;
      // A family may be defined only from some L on (sum(k, 0, L-2, Z[k]*Z[k+1]) at L = 1): those
      // L are not part of it. Once an L has worked, an error at a larger L is the user's to see.
      if (err instanceof InputError && done.length === 0 && L < Ls[Ls.length - 1]) { invalid.push({ L, error: err }); continue; }
      throw err;
    }
    before = last; last = performance.now() - tL;
    results.push(r);
    done.push(L);
    values.J.push(r.J); errors.J.push(r.error.J);
    for (const t of termNames) { values[t].push(r.terms[t]); errors[t].push(r.termErrors.terms[t]); }
    for (const b of boundNames) { values[b].push(r.bounds[b]); errors[b].push(r.error.bounds[b]); }
    for (const c of r.currents ?? []) { const x = currents.get(c.name)!; x.values.push(c.J); x.errors.push(c.error); }
  }
  if (done.length === 0 && invalid.length) throw invalid[0].error;
  return { Ls: done, values, errors, results, invalid, currents };
}

/** Engine values at the confirmation L beyond the range, only where the method is cheap there. */
function confirmationValues(model: ModelSpec, range: EngineValues, Lmax: number, onProgress?: ProgressCallback): EngineValues {
  const last = range.results[range.results.length - 1];
  // The engine stopped inside the range (a size or time limit): it will not do better beyond it.
  if (!last || range.Ls[range.Ls.length - 1] < Lmax) return engineValues(model, []);
  // symmetric: polynomial in L; diagonal: 2^L work, fine to L = 18; dense: 8^L, none.
  const cap = last.method === 'symmetric' ? Infinity : last.method === 'diagonal' ? 18 : 0;
  return engineValues(model, confirmLs.filter((L) => L > Lmax && L <= cap), valueBudgetMs, 0, onProgress);
}

function formOf(d: DerivedFamily, q: Quantity): DerivedQuantity | null {
  if (q === 'J') return d.J;
  if ((termNames as string[]).includes(q)) return d.terms[q as TermName];
  return d.bounds[q as BoundName];
}

const close = (a: number, b: number, err: number, scale: number) => Math.abs(a - b) <= err + 1e-8 * Math.max(Math.abs(b), scale * 1e-6, 1e-12);

/** One derivation per range of L, split where a field or frequency changes sign with L. */
interface DerivedPiece { readonly from: number; readonly to: number | null; readonly family: DerivedFamily }

function derivePieces(model: ModelSpec, notes: string[]): DerivedPiece[] | null {
  const out: DerivedPiece[] = [];
  const todo: { from: number; to: number | null }[] = [{ from: 1, to: null }];
  while (todo.length) {
    const r = todo.shift()!;
    try {
      out.push({ ...r, family: deriveFamily(model, r) });
    } catch (err) {
      if (err instanceof SignChange && out.length + todo.length + err.ranges.length <= maxPieces) {
        todo.unshift(...err.ranges.map((x) => ({ from: Math.max(x.from, r.from), to: x.to === null ? r.to : r.to === null ? x.to : Math.min(x.to, r.to) })));
        continue;
      }
      // The model was accepted by the loader and the engine: whatever the derivation cannot read
      // (an InputError from its scalar evaluator included) is a limit of the derivation.
      if (!(err instanceof NotDerivable) && !(err instanceof InputError)) throw err;
      // Not collective: the site-resolved derivation (diagonal H_S, one-site couplings) may apply.
      if (out.length === 0 && todo.length === 0 && r.from === 1 && r.to === null) {
        const sites = deriveSites(model);
        if (sites.family) {
          notes.push(`collective derivation not applicable (${messageOf(err)}); derived site by site instead`);
          return [{ from: sites.family.range.from, to: null, family: sites.family }];
        }
        notes.push(sites.why === messageOf(err) ? `not derived: ${sites.why}` : `not derived: ${messageOf(err)}; site by site: ${sites.why}`);
        return null;
      }
      notes.push(`not derived: ${err instanceof InputError ? err.errors.map((e) => e.message).join("; ") : err.message}${r.from > 1 || r.to !== null ? ` (on L = ${r.from}..${r.to ?? 'infinity'})` : ''}`);
      return null;
    }
  }
  out.sort((a, b) => a.from - b.from);
  return out;
}

const messageOf = (err: NotDerivable | InputError): string => (err instanceof InputError ? err.errors.map((e) => e.message).join('; ') : err.message);

function deriveSites(model: ModelSpec): { family: DerivedFamily | null; why: string } {
  try { return { family: deriveSiteFamily(model), why: '' }; } catch (err) {
    if (!(err instanceof NotDerivable) && !(err instanceof InputError)) throw err;
    return { family: null, why: messageOf(err) };
  }
}

/** An internal error: the prover and the engine agree that a theorem fails on a valid model. */
export class TheoremRefutedError extends Error {
  constructor(message: string) { super(message); this.name = 'TheoremRefutedError'; }
}

/**
 * The scaling report of a model family.
 *
 * @example
 * const r = await computeScaling(loadModelFile('models/superradiance.yaml'))
 * r.J.expr // { even: '-g*w0*L*(L+2)/4', odd: '-g*w0*(L-1)*(L+3)/4' }
 */
export async function computeScaling(model: ModelSpec, opts: ScalingOptions = {}): Promise<ScalingResult> {
  const Lmin = opts.Lmin ?? 1, Lmax = opts.Lmax ?? 12;
  const Ls = Array.from({ length: Lmax - Lmin + 1 }, (_, i) => Lmin + i);
  const engine = engineValues(model, Ls, valueBudgetMs, 8, opts.onProgress);
  const further = confirmationValues(model, engine, Lmax, opts.onProgress);
  const notes: string[] = [];
  if (engine.invalid.length) {
    const first = engine.invalid[0];
    notes.push(`the model is not defined for L = ${first.L}${engine.invalid.length > 1 ? `..${engine.invalid[engine.invalid.length - 1].L}` : ''} (${first.error.errors.map((e) => e.message).join('; ')}); the family starts at L = ${engine.Ls[0]}`);
  }
  if (engine.Ls.length + engine.invalid.length < Ls.length) notes.push(`engine values for L = ${engine.Ls[0]}..${engine.Ls[engine.Ls.length - 1]} only (the rest would exceed the time budget or every method's size limit)`);
  const pieces = derivePieces(model, notes);
  const modes = (model.sites ?? []).filter((s) => s.kind === 'boson');
  if (modes.length) notes.push(`${modes.map((s) => `mode ${s.name} truncated at cutoff ${s.dim}`).join(', ')}: the forms are those of the truncated model, at a fixed cutoff for every L (check convergence with \`current --L N\`, which reports the change from cutoff n to 2n)`);
  if (pieces) {
    for (const n of pieces.flatMap((p) => p.family.notes)) if (!notes.includes(n)) notes.push(n);
    if (pieces.length > 1) notes.push(`derived in ${pieces.length} pieces of L (${pieces.map((p) => `${p.from}..${p.to ?? 'infinity'}`).join(', ')}), where fields or Bohr frequencies change sign`);
  }
  const allLs = [...engine.Ls, ...further.Ls];
  const allVals = (q: Quantity) => [...engine.values[q], ...further.values[q]];
  const allErrs = (q: Quantity) => [...engine.errors[q], ...further.errors[q]];
  const allResults = [...engine.results, ...further.results];
  const env: Record<string, number> = pieces ? { ...pieces[pieces.length - 1].family.env } : Object.fromEntries(model.params.map((p) => [p.name, p.value]));
  const out = {} as Record<Quantity, { expr: ScalingExpression; form: QuantityForm | null }>;
  for (const q of quantities) {
    const vals = allVals(q), errs = allErrs(q);
    const scale = Math.max(1e-300, ...vals.map(Math.abs));
    const found = pieces ? pieces.map((p) => formOf(p.family, q)) : null;
    if (pieces && found && found.every((f) => f !== null)) {
      const upper = found.some((f) => f!.how === 'upper bound');
      // An upper bound must lie above the engine's value; anything else must equal it. A term the
      // engine reports inexactly (a lower bound) must lie above it too.
      const mismatches = allLs.filter((L, i) => {
        const k = pieces.findIndex((p) => L >= p.from && (p.to === null || L <= p.to));
        if (k < 0) return false;
        const x = branchAt(found[k]!.form, L).evaluate({ ...pieces[k].family.env, L });
        const lowerOnly = upper || (!allResults[i].exact && q !== 'J');
        return lowerOnly ? !(x >= vals[i] - errs[i] - 1e-8 * Math.max(Math.abs(vals[i]), 1e-12)) : !close(x, vals[i], errs[i], scale);
      });
      if (mismatches.length === 0) {
        const form: QuantityForm = { status: 'derived', upperBound: upper, pieces: pieces.map((p, k) => ({ from: p.from, to: p.to, form: found[k]!.form })) };
        out[q] = { expr: expressionOf(form, upper ? 'upper bound' : 'derived', env), form };
        continue;
      }
      notes.push(`${q}: the derived form disagrees with the engine at L = ${mismatches.join(', ')}; not derived (conjectured from the engine's values instead, or numeric where no form is confirmed)`);
    }
    out[q] = conjectured(engine, further, q, notes);
  }
  const currents = channelCurrents(model, pieces, engine, further, allLs, env, notes);
  const ratio = (b: 'B1' | 'B2') => limitRatio(lastForm(out.J.form), lastForm(out[b].form), env);
  const assumptions = assumptionsOf(pieces);
  const proofs: ProofEntry[] = [];
  for (const b of ['B1', 'B2'] as const) proofs.push(await proveBound(model, b, out.J.form, out[b].form, out[b].expr, pieces, Lmin));
  const pick = <K extends string>(names: K[]) => Object.fromEntries(names.map((n) => [n, out[n as Quantity].expr])) as Record<K, ScalingExpression>;
  const atoms: Record<string, AtomData> = {};
  for (const p of pieces ?? []) for (const [name, a] of Object.entries(p.family.atoms)) atoms[name] = { expr: a.expr, value: a.value, ...(a.unit ? { range: '(0, 1]' } : {}) };
  const result: ScalingResult = {
    model: model.name, J: out.J.expr, terms: pick(termNames), bounds: pick(boundNames), ratios: { B1: ratio('B1'), B2: ratio('B2') }, proofs, notes,
    assumptions, atoms, env, ...(engine.invalid.length ? { definedFrom: engine.Ls[0] } : {}),
    ...(currents.length ? { currents: Object.fromEntries(currents.map((c) => [c.name, c.expr])) } : {}),
  };
  const forms = { ...Object.fromEntries(quantities.map((q) => [q, out[q].form])), ...Object.fromEntries(currents.map((c) => [`J[${c.name}]`, c.form])) };
  Object.defineProperty(result, 'forms', { value: forms, enumerable: false });
  return result;
}

/**
 * The closed form of each named channel's current J_c(L): the derivation's own form of the
 * channel on every piece, kept when it equals the engine's per-channel current at every L computed
 * (within its error, as J is checked), else conjectured from those values as J would be; a note
 * says why a channel is not derived.
 */
function channelCurrents(
  model: ModelSpec, pieces: readonly DerivedPiece[] | null, engine: EngineValues, further: EngineValues, allLs: readonly number[],
  env: Record<string, number>, notes: string[],
): { name: string; expr: ScalingExpression; form: QuantityForm | null }[] {
  const out: { name: string; expr: ScalingExpression; form: QuantityForm | null }[] = [];
  model.channels.forEach((ch, entry) => {
    if (!ch.name) return;
    const label = `J[${ch.name}]`;
    const here = engine.currents.get(ch.name)!, there = further.currents.get(ch.name)!;
    const vals = [...here.values, ...there.values], errs = [...here.errors, ...there.errors];
    const found = pieces ? pieces.map((p) => p.family.channelJ?.[entry] ?? 'the derivation gives no form of this channel') : null;
    if (pieces && found && found.every((f) => typeof f !== 'string')) {
      const forms = found as DerivedQuantity[];
      const scale = Math.max(1e-300, ...vals.map(Math.abs));
      const mismatches = allLs.filter((L, i) => {
        const k = pieces.findIndex((p) => L >= p.from && (p.to === null || L <= p.to));
        if (k < 0 || i >= vals.length) return false;
        return !close(branchAt(forms[k].form, L).evaluate({ ...pieces[k].family.env, L }), vals[i], errs[i], scale);
      });
      if (mismatches.length === 0) {
        const form: QuantityForm = { status: 'derived', upperBound: false, pieces: pieces.map((p, k) => ({ from: p.from, to: p.to, form: forms[k].form })) };
        out.push({ name: ch.name, expr: expressionOf(form, 'derived', env), form });
        return;
      }
      notes.push(`${label}: the derived form disagrees with the engine at L = ${mismatches.join(', ')}; not derived (conjectured from the engine's values instead, or numeric where no form is confirmed)`);
    } else {
      const why = found ? (found.find((f) => typeof f === 'string') as string) : 'the model is not derived (see the notes above)';
      notes.push(`${label}: not derived: ${why}; conjectured or numeric from the engine's per-channel values instead`);
    }
    const shim = (v: EngineValues, c: { values: number[]; errors: number[] }): EngineValues => ({ ...v, values: { ...v.values, J: c.values }, errors: { ...v.errors, J: c.errors } });
    const c = conjectured(shim(engine, here), shim(further, there), 'J', notes, label);
    out.push({ name: ch.name, ...c });
  });
  return out;
}

const lastForm = (f: QuantityForm | null): ParityForm | null => (f ? f.pieces[f.pieces.length - 1].form : null);

function assumptionsOf(pieces: readonly DerivedPiece[] | null): AssumptionData[] {
  const out: AssumptionData[] = [];
  for (const p of pieces ?? []) {
    for (const a of p.family.assumptions) {
      const L = a.L ?? (pieces!.length > 1 ? { from: p.from, to: p.to } : undefined);
      const value = a.poly.evaluate({ ...p.family.env, L: L?.from ?? p.from });
      const data: AssumptionData = { expr: a.poly.toString(), relation: a.relation, why: a.why, ...(L ? { L } : {}), holdsAtParams: relationHolds(a.relation === '=' ? (Math.abs(value) < 1e-300 ? 0 : value) : value, a.relation) };
      if (!out.some((x) => JSON.stringify(x) === JSON.stringify(data))) out.push(data);
    }
  }
  return out;
}

/**
 * |J| <= B for every L, from derived forms only, per piece of L, under the derivation's
 * assumptions. Bound 1 and Bound 2 are theorems: on a valid model the answer is proved or unknown.
 * A counterexample from the prover is put to the engine; if the engine confirms it beyond its
 * error, that is an internal error (a bug in the engine, the derivation or the prover), never a verdict.
 */
async function proveBound(
  model: ModelSpec, b: 'B1' | 'B2', J: QuantityForm | null, B: QuantityForm | null, Bexpr: ScalingExpression, pieces: readonly DerivedPiece[] | null, Lmin: number,
): Promise<ProofEntry> {
  const name = Bexpr.how === 'upper bound' ? `|J| <= ${b} (its triangle-inequality upper bound)` : `|J| <= ${b}`;
  if (!J || !B || !pieces || J.status !== 'derived' || B.status !== 'derived') {
    const which = [!J || J.status !== 'derived' ? 'J' : null, !B || B.status !== 'derived' ? b : null].filter(Boolean).join(' and ');
    return { claim: `${name} for every L >= ${Lmin}`, verdict: 'unknown', certificate: null, reason: `${which} ${which.includes(' and ') ? 'are' : 'is'} not derived (${J?.status ?? 'numeric'}${B && B.status !== J?.status ? `, ${B.status}` : ''}): a conjectured form is never proved for every L` };
  }
  const entries: ProofEntry[] = [];
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k];
    if (p.to !== null && p.to < Lmin) continue;
    const from = Math.max(Lmin, p.from);
    const fam = p.family;
    const atoms = Object.keys(fam.env).filter((x) => !model.params.some((q) => q.name === x));
    const e = await proveClaim(name, J.pieces[k].form, B.pieces[k].form, from, fam.env, atoms, fam.unitAtoms, { to: p.to, assumptions: fam.assumptions });
    if (e.verdict === 'refuted') entries.push(await confirmRefutation(model, b, e, p));
    else entries.push(e);
  }
  if (entries.length === 1) return entries[0];
  const claim = `${name} for every L >= ${Lmin}`;
  const merged = { pieces: entries.flatMap((e) => e.certificate?.pieces ?? []) };
  const assumptions = [...new Set(entries.flatMap((e) => e.assumptions ?? []))];
  if (entries.every((e) => e.verdict === 'proved')) return { claim, verdict: 'proved', certificate: merged, assumptions };
  const bad = entries.find((e) => e.verdict !== 'proved')!;
  return { claim, verdict: 'unknown', certificate: merged, reason: `${bad.claim}: ${bad.reason ?? 'not proved'}`, assumptions };
}

/** A prover's counterexample to a bound, put to the engine at its L and params. */
async function confirmRefutation(model: ModelSpec, b: 'B1' | 'B2', e: ProofEntry, piece: DerivedPiece): Promise<ProofEntry> {
  const L = e.counterexample;
  const params = e.counterexampleParams ?? {};
  const unknown = (why: string): ProofEntry => ({ ...e, verdict: 'unknown', reason: `the prover found a point where the forms violate the bound (${describePoint(L, params)}), but ${why}; the forms or their assumptions do not hold there` });
  if (L === undefined) return unknown('it gave no L');
  const values = Object.fromEntries(model.params.map((p) => [p.name, p.value]));
  for (const [k, v] of Object.entries(params)) values[k] = Q.parse(v).toNumber();
  // The counterexample must obey every assumption the derivation made, or it refutes nothing.
  const broken = piece.family.assumptions.filter((a) => !relationHolds(a.poly.evaluate({ ...piece.family.env, ...values, L }), a.relation));
  if (broken.length) return unknown(`it breaks the derivation's assumption ${broken.map((a) => `${a.poly.toString()} ${a.relation} 0`).join(', ')}`);
  const moved: ModelSpec = { ...model, params: model.params.map((p) => ({ ...p, value: values[p.name] })) };
  let r: CurrentResult;
  try { r = computeCurrent(moved, L); } catch (err) {
    if (err instanceof NoMethodError) return unknown(`the engine cannot compute L = ${L} to confirm it`);
    throw err;
  }
  if (r.verdicts[b] === 'violated' && r.exact) {
    throw new TheoremRefutedError(`${b} is a theorem, yet it fails on the valid model '${model.name}' (${model.file}) at ${describePoint(L, params)}: |J| = ${Math.abs(r.J)}, ${b} = ${r.bounds[b]} (errors ${r.error.J}, ${r.error.bounds[b]}). This is a bug in heatbound; please report it with the model file.`);
  }
  return unknown(`the engine there gives |J| = ${Math.abs(r.J)} <= ${b} = ${r.bounds[b]}`);
}

function describePoint(L: number | undefined, params: Readonly<Record<string, string>>): string {
  return [`L = ${L}`, ...Object.entries(params).map(([k, v]) => `${k} = ${v}`)].join(', ');
}

/** Expression, LaTeX, exponent and leading coefficient of a closed form (its last piece for the asymptotics). */
function expressionOf(q: QuantityForm, how: string, env: Record<string, number>): ScalingExpression {
  const text = (c: ClosedForm) => prettyForm(c);
  const tex = (c: ClosedForm) => { try { return toTex(text(c)); } catch { return text(c); } };
  const both = <T>(form: ParityForm, f: (c: ClosedForm) => T): T | { even: T; odd: T } => (form.kind === 'single' ? f(form.form) : { even: f(form.even), odd: f(form.odd) });
  const last = q.pieces[q.pieces.length - 1];
  const form = last.form;
  const leads = form.kind === 'single' ? [leadingOf(form.form, env)] : [leadingOf(form.even, env), leadingOf(form.odd, env)];
  const exponent = leads.every((l) => l.exponent === leads[0].exponent) ? leads[0].exponent : null;
  const leading = form.kind === 'single' || leads[0].coefficient === leads[1].coefficient ? leads[0].coefficient : { even: leads[0].coefficient, odd: leads[1].coefficient };
  const pieces = q.pieces.length > 1 ? { pieces: q.pieces.map((p) => ({ from: p.from, to: p.to, expr: both(p.form, text) as string, tex: both(p.form, tex) as string })) } : {};
  return {
    expr: both(form, text) as ScalingExpression['expr'], tex: both(form, tex) as ScalingExpression['tex'], how, status: q.status, exponent, leading,
    ...(last.from > 1 ? { validFrom: last.from } : {}), ...pieces,
  };
}

/** Leading power and coefficient as L grows (base^L factors with base < 1 decay, > 1 grow). */
function leadingOf(c: ClosedForm, env: Record<string, number>): { exponent: number | string; coefficient: string } {
  if (c.isZero()) return { exponent: 0, coefficient: '0' };
  if (c.terms.some((t) => t.base && t.base.value > 1)) return { exponent: 'exponential', coefficient: 'exponential growth' };
  const poly = c.terms.filter((t) => !t.base).reduce((s, t) => s.add(t.poly), Poly.ZERO);
  if (poly.isZero()) {
    const t = c.terms[0];
    return { exponent: 'exponential', coefficient: `${prettyPoly(t.poly)}*(${t.base!.text})^L` };
  }
  const d = poly.degree('L');
  void env;
  return { exponent: d, coefficient: prettyPoly(poly.coeff('L', d)) };
}

/** lim J/B as L grows. */
function limitRatio(J: ParityForm | null, B: ParityForm | null, env: Record<string, number>): string {
  if (!J || !B) return 'unknown';
  const one = (j: ClosedForm, b: ClosedForm): string => {
    const lj = leadingOf(j, env), lb = leadingOf(b, env);
    if (typeof lj.exponent !== 'number' || typeof lb.exponent !== 'number') {
      if (lj.exponent === 'exponential' && typeof lb.exponent === 'number' && !j.terms.some((t) => t.base && t.base.value > 1)) return '0';
      return 'unknown';
    }
    if (lj.exponent < lb.exponent) return '0';
    if (lj.exponent > lb.exponent) return 'Infinity';
    const pj = j.terms.filter((t) => !t.base).reduce((s, t) => s.add(t.poly), Poly.ZERO).coeff('L', lj.exponent);
    const pb = b.terms.filter((t) => !t.base).reduce((s, t) => s.add(t.poly), Poly.ZERO).coeff('L', lb.exponent);
    // Both leading coefficients are polynomials in the params: divide exactly when pb is a monomial.
    const pbTerms = pb.terms();
    if (pbTerms.length === 1) {
      const t = pbTerms[0];
      const q = Poly.fromTerms(pj.terms().map((x) => {
        const vars = new Set([...Object.keys(x.powers), ...Object.keys(t.powers)]);
        return { coef: x.coef.div(t.coef), powers: Object.fromEntries([...vars].map((v) => [v, (x.powers[v] ?? 0) - (t.powers[v] ?? 0)])) };
      }));
      if (q.terms().every((x) => Object.values(x.powers).every((k) => k >= 0))) return prettyPoly(q);
    }
    const raw = `(${prettyPoly(pj)})/(${prettyPoly(pb)})`;
    try { return /^[\w\s+\-*/^().]+$/.test(raw) && !raw.includes('((') ? simplify(raw) : raw; } catch { return raw; }
  };
  if (J.kind === 'single' && B.kind === 'single') return one(J.form, B.form);
  const ev = (p: ParityForm, w: 'even' | 'odd') => (p.kind === 'single' ? p.form : p[w]);
  const a = one(ev(J, 'even'), ev(B, 'even')), b = one(ev(J, 'odd'), ev(B, 'odd'));
  return a === b ? a : `even: ${a}; odd: ${b}`;
}

/** One engine value with its absolute error bound. */
interface Point { readonly L: number; readonly v: number; readonly e: number }

/** Where a fitted form differs from the engine's value by more than the engine's error bound. */
interface Disagreement { readonly L: number; readonly diff: number; readonly v: number; readonly e: number }

/**
 * The points where `form` is farther from the engine's value than the engine's own error bound:
 * |form(L) - v| > e, with nothing added for the fitter. A polynomial with rational coefficients is
 * evaluated exactly, against the exact binary value of v and e (so an exact engine value, e = 0,
 * must be met exactly); a form with a base b^L (b irrational) in float64, with only the rounding of
 * that evaluation itself added ((L + 8) ulps of the sum of its terms' magnitudes).
 */
function beyondError(form: ParityForm, pts: readonly Point[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const p of pts) {
    const c = branchAt(form, p.L);
    const poly = c.asPoly();
    let diff: number, within: boolean;
    if (poly) {
      const x = poly.evaluateExact({ L: Q.of(p.L) }).constantValue();
      if (x === null) throw new Error(`internal: a fitted form has a variable other than L (${poly.toString()})`);
      const d = x.sub(Q.ofDouble(p.v)).abs();
      within = d.cmp(Q.ofDouble(p.e)) <= 0;
      diff = d.toNumber();
    } else {
      const parts = c.terms.map((t) => t.poly.evaluate({ L: p.L }) * (t.base ? Math.pow(t.base.value, p.L) : 1));
      diff = Math.abs(parts.reduce((a, b) => a + b, 0) - p.v);
      within = diff <= p.e + (p.L + 8) * Number.EPSILON * parts.reduce((a, b) => a + Math.abs(b), 0);
    }
    if (!within) out.push({ L: p.L, diff, v: p.v, e: p.e });
  }
  return out;
}

/** The text of an unconfirmed fit's disagreement: largest relative difference and the engine's relative error there. */
function disagreementOf(bad: readonly Disagreement[]): { Ls: number[]; difference: number; error: number } {
  const rel = (x: number, v: number) => (v === 0 ? x : x / Math.abs(v));
  const worst = bad.reduce((a, b) => (rel(b.diff, b.v) > rel(a.diff, a.v) ? b : a));
  return { Ls: bad.map((b) => b.L), difference: +rel(worst.diff, worst.v).toPrecision(2), error: +rel(worst.e, worst.v).toPrecision(2) };
}

/**
 * A quantity without a derived form: conjectured from the engine's values (zero within the error
 * bound; a polynomial, P(L) b^L or a parity pair fitted on the range), but only when the form
 * equals the engine's value within the engine's own error bound at every L computed from its first
 * L on — the fitting L, the rest of the range and every further L the engine reaches ("confirmed"
 * means exactly that; the fitter's 1e-9 tolerance only proposes forms). A form that meets the
 * fitter's tolerance but not the engine's error bound (a rational best approximation of an
 * irrational coefficient) is not confirmed: the quantity is numeric, and `unconfirmed` and a note
 * say which form it was and by how much it misses. Else a numeric exponent with an honest error bar.
 */
function conjectured(engine: EngineValues, further: EngineValues, q: Quantity, notes: string[], label: string = q): { expr: ScalingExpression; form: QuantityForm | null } {
  const Ls = engine.Ls, vals = engine.values[q], errs = engine.errors[q];
  const xL = further.Ls, xv = further.values[q], xe = further.errors[q];
  const pts: Point[] = [...Ls.map((L, i) => ({ L, v: vals[i], e: errs[i] })), ...xL.map((L, i) => ({ L, v: xv[i], e: xe[i] }))];
  const beyond = xL.length ? `; confirmed beyond the range at L = ${xL.join(', ')}` : `; not confirmed beyond L = ${Ls[Ls.length - 1] ?? '?'} (the engine is too slow there)`;
  const wrap = (form: ParityForm, from: number, what: string): { expr: ScalingExpression; form: QuantityForm } => {
    const qf: QuantityForm = { status: 'conjectured', upperBound: false, pieces: [{ from, to: null, form }] };
    return { expr: { ...expressionOf(qf, `${what}${beyond}, conjectured`, {}), exponentRelation: 'about' }, form: qf };
  };
  const within = ` (confirmed at L = `;
  // Values within their error of zero are zero: no power law is fitted to round-off.
  if (pts.length && pts.every((p) => Math.abs(p.v) <= p.e)) {
    notes.push(`${label}: zero within the error bound at every L computed (L = ${[...Ls, ...xL].join(', ')})`);
    return wrap({ kind: 'single', form: ClosedForm.ZERO }, Ls[0] ?? 1, `zero within the error bound at L = ${[...Ls, ...xL].join(', ')}`);
  }
  // The first form that met the fitter's tolerance but not the engine's error bound, for the note.
  let missed: { form: ParityForm; from: number; how: string; bad: Disagreement[] } | null = null;
  const attempt = (form: ParityForm, from: number, how: string, confirmedAt: readonly number[]) => {
    const bad = beyondError(form, pts.filter((p) => p.L >= from));
    if (bad.length === 0) return wrap(form, from, `${how}${within}${confirmedAt.join(', ')}; equal to the engine's values within its error bound at every L from ${from})`);
    missed ??= { form, from, how, bad };
    return null;
  };
  // Small L may be special (a bond that does not exist at L = 1): skip up to three first points.
  for (let skip = 0; skip <= 3 && Ls.length - skip >= 5; skip++) {
    const fit = fitPolynomial(Ls.slice(skip), vals.slice(skip));
    if (!fit) continue;
    const got = attempt({ kind: 'single', form: ClosedForm.poly(fit.poly) }, Ls[skip], `interpolated on L = ${fit.fittedAt.join(', ')}`, fit.confirmedAt);
    if (got) return got;
  }
  const pe = fitPolynomialTimesExponential(Ls, vals);
  if (pe) {
    const got = attempt({ kind: 'single', form: ClosedForm.poly(pe.poly).mulBase(pe.base) }, Ls[0], `interpolated on L = ${pe.fittedAt.join(', ')}`, pe.confirmedAt);
    if (got) return got;
  }
  const evenIdx = Ls.map((L, i) => [L, i]).filter(([L]) => L % 2 === 0);
  const oddIdx = Ls.map((L, i) => [L, i]).filter(([L]) => L % 2 === 1);
  const fe = fitPolynomial(evenIdx.map(([L]) => L), evenIdx.map(([, i]) => vals[i]), { confirm: 2 });
  const fo = fitPolynomial(oddIdx.map(([L]) => L), oddIdx.map(([, i]) => vals[i]), { confirm: 2 });
  if (fe && fo) {
    const got = attempt({ kind: 'parity', even: ClosedForm.poly(fe.poly), odd: ClosedForm.poly(fo.poly) }, Ls[0], `interpolated per parity on L = ${[...fe.fittedAt, ...fo.fittedAt].sort((a, b) => a - b).join(', ')}`, [...fe.confirmedAt, ...fo.confirmedAt].sort((a, b) => a - b));
    if (got) return got;
  }
  const n = numericExponent([...Ls, ...xL], [...vals, ...xv], [...errs, ...xe]);
  const m = missed as { form: ParityForm; from: number; how: string; bad: Disagreement[] } | null;
  let unconfirmed: ScalingExpression['unconfirmed'];
  let estimate: ScalingExpression['leadingEstimate'];
  if (m) {
    const d = disagreementOf(m.bad);
    const text = m.form.kind === 'single' ? prettyForm(m.form.form) : { even: prettyForm(m.form.even), odd: prettyForm(m.form.odd) };
    unconfirmed = { expr: text, how: m.how, ...d };
    const shown = typeof text === 'string' ? text : `${text.even} (L even); ${text.odd} (L odd)`;
    // Off by no more than the fitter's tolerance (1e-9 relative, 1e-8 for P(L) b^L): a rational
    // approximation of the values; off by more (at further L): the wrong form there.
    notes.push(d.difference <= 1e-8
      ? `${label}: ${shown} (${m.how}, rational coefficients) agrees with the engine to the fitter's tolerance of 1e-9 relative but not within the engine's error bound: it differs by up to ${d.difference} relative at L = ${formatLs(d.Ls)}, where the engine's error bound is ${d.error} relative, so it is not confirmed (its coefficients are rational approximations; the true ones need not be rational)`
      : `${label}: ${shown} (${m.how}, rational coefficients) fails at L = ${formatLs(d.Ls)}: it differs by up to ${d.difference} relative, where the engine's error bound is ${d.error} relative, so it is not confirmed`);
    // The numeric coefficient instead, where the values are those of a polynomial of that degree.
    const poly = m.form.kind === 'single' ? m.form.form.asPoly() : null;
    const used = pts.filter((p) => p.L >= m.from);
    const lead = poly ? numericLeading(used, poly.degree('L')) : null;
    if (poly && lead) {
      const k = poly.degree('L');
      estimate = { value: lead.value, error: +lead.error.toPrecision(2), exponent: k, Ls: used.map((p) => p.L) };
      notes.push(`${label}: its values at L = ${formatLs(estimate.Ls)} are those of a polynomial of degree ${k} in L within their error bounds; numerically, its coefficient of L^${k} is ${numericText(lead.value, lead.error)} +- ${estimate.error} (a number, not a closed form)`);
    }
  }
  notes.push(`${label}: no form with rational coefficients fits within the engine's error bound and is confirmed; ${n.note}`);
  return {
    expr: {
      expr: 'numeric', tex: 'numeric', how: 'numeric', status: 'numeric', exponent: n.exponent, leading: null, ...(n.error !== undefined ? { exponentError: n.error } : {}), exponentRelation: n.relation,
      ...(unconfirmed ? { unconfirmed } : {}), ...(estimate ? { leadingEstimate: estimate } : {}),
    },
    form: null,
  };
}

/** A number to the digits its error leaves (at least 2, at most 15 significant). */
export function numericText(value: number, error: number): string {
  const digits = value === 0 ? 2 : Math.min(15, Math.max(2, Math.ceil(Math.log10(Math.abs(value) / Math.max(error, Number.MIN_VALUE))) + 1));
  return String(Number(value.toPrecision(digits)));
}

/**
 * The leading coefficient of a polynomial of degree d in L through the engine's values, with an
 * error bound, when the values are those of such a polynomial within their errors: every
 * (d+1)-th divided difference of d + 2 consecutive points is zero within its error (the engine's
 * error bounds propagated, plus the rounding of the divided difference). The coefficient is the
 * d-th divided difference over d + 1 points spread across the L computed, with its error the same
 * way. Null when the values are not consistent with it. Valid only if the quantity is that
 * polynomial, which the values suggest and nothing proves.
 */
function numericLeading(pts: readonly Point[], d: number): { value: number; error: number } | null {
  const n = pts.length;
  if (d < 0 || n < d + 2) return null;
  const divided = (sel: readonly Point[]) => {
    let value = 0, error = 0, size = 0;
    for (let i = 0; i < sel.length; i++) {
      let w = 1;
      for (let j = 0; j < sel.length; j++) if (j !== i) w *= sel[i].L - sel[j].L;
      value += sel[i].v / w; error += sel[i].e / Math.abs(w); size += Math.abs(sel[i].v / w);
    }
    return { value, error: error + 4 * (sel.length + 2) * Number.EPSILON * size };
  };
  for (let i = 0; i + d + 2 <= n; i++) {
    const x = divided(pts.slice(i, i + d + 2));
    if (Math.abs(x.value) > x.error) return null;
  }
  const idx = d === 0 ? [n - 1] : Array.from({ length: d + 1 }, (_, k) => Math.round((k * (n - 1)) / d));
  if (new Set(idx).size !== d + 1) return null;
  return divided(idx.map((i) => pts[i]));
}

/** Ls as text: runs of three or more consecutive values as a..b (`1..12, 16, 32`). */
export function formatLs(Ls: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < Ls.length;) {
    let j = i;
    while (j + 1 < Ls.length && Ls[j + 1] === Ls[j] + 1) j++;
    out.push(j - i >= 2 ? `${Ls[i]}..${Ls[j]}` : Ls.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return out.join(', ');
}

/**
 * The exponent of |v| ~ L^p from the last points, with an error bar that is honest: the local
 * slopes d log|v| / d log L are compared, and while they still drift the exponent is reported as
 * "at least" (rising) or "at most" (falling) the last slope, with the drift in the error bar.
 */
export function numericExponent(Ls: readonly number[], values: readonly number[], errors: readonly number[]): { exponent: number | null; error?: number; relation: 'about' | 'at least' | 'at most'; note: string } {
  const pts = Ls.map((L, i) => ({ L, v: Math.abs(values[i]), e: errors[i] ?? 0 })).filter((p) => p.v > p.e && p.v > 0 && Number.isFinite(p.v));
  const tail = pts.slice(-Math.min(6, pts.length));
  if (tail.length < 3) return { exponent: null, relation: 'about', note: `too few values above their error bound for an exponent (${tail.length})` };
  const fit = logLogExponent(tail.map((p) => p.L), tail.map((p) => p.v));
  const slopes = tail.slice(1).map((p, i) => Math.log(p.v / tail[i].v) / Math.log(p.L / tail[i].L));
  const lastSlope = slopes[slopes.length - 1];
  const diffs = slopes.slice(1).map((s, i) => s - slopes[i]);
  const rising = diffs.length > 0 && diffs.every((d) => d > 0), falling = diffs.length > 0 && diffs.every((d) => d < 0);
  const drift = Math.max(...slopes) - Math.min(...slopes);
  // Each local slope's own error from the engine's error bounds (and rounding): a drift within it
  // is no drift (J = s L exactly has slopes 1 +- 1e-13, which must not read "at least 1").
  const slopeError = Math.max(...tail.slice(1).map((p, i) => (p.e / p.v + tail[i].e / tail[i].v + 8 * Number.EPSILON) / Math.log(p.L / tail[i].L)));
  const where = `from L = ${tail.map((p) => p.L).join(', ')}`;
  if ((rising || falling) && drift > 2 * fit.error && drift > 2 * slopeError) {
    const relation = rising ? 'at least' : 'at most';
    return { exponent: +lastSlope.toFixed(4), error: +Math.max(fit.error, drift).toPrecision(3), relation, note: `numeric exponent ${relation} ${lastSlope.toFixed(3)} ${where}: the local slope still ${rising ? 'rises' : 'falls'} (${slopes.map((s) => s.toFixed(3)).join(', ')})` };
  }
  return { exponent: Number.isFinite(fit.exponent) ? +fit.exponent.toFixed(4) : null, error: +Math.max(fit.error, drift / 2).toPrecision(3), relation: 'about', note: `numeric exponent ${where}` };
}

export { Q };
