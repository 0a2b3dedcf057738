/**
 * `scaling`: J(L), every bound term and the bounds as expressions in L — derived where the
 * structure allows (symbolic/derive), else interpolated from the engine's values and confirmed at
 * further L, else a numeric exponent — with leading exponents and coefficients, the limits of J/B1
 * and J/B2, and proofs of |J| <= B for every L as checked certificates.
 *
 * Every derived form is cross-checked against the numeric engine at small L before it is reported;
 * a disagreement demotes it (and says so).
 */
import type { ModelSpec } from '../lang/index.js';
import {
  ClosedForm, NotDerivable, Poly, Q, deriveFamily, fitPolynomial, fitPolynomialTimesExponential, logLogExponent, branchAt,
  type DerivedFamily, type ParityForm, prettyForm, prettyPoly, simplify, toTex, proveClaim, type ProofEntry,
} from '../symbolic/index.js';
import { computeCurrent, type CurrentResult, NoMethodError } from './current.js';

export type TermName = 'normH' | 'width' | 'sumA2' | 'gammaMax' | 'deltaE';
export type BoundName = 'Bstate' | 'B1' | 'B1coarse' | 'B2';
export type Quantity = 'J' | TermName | BoundName;

/**
 * The three words, used exactly:
 * - `derived`: an exact symbolic derivation, valid for every L in its pieces' ranges under the
 *   result's `assumptions`;
 * - `conjectured`: fitted or interpolated on a range of L and confirmed at further L; never proved
 *   "for every L" and never the basis of a refutation;
 * - `numeric`: only an exponent estimated from engine values, with an honest error bar.
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
  readonly relation: '>' | '>=' | '<' | '<=' | '=';
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
  /**
   * The exact forms behind the text (not part of the JSON: a non-enumerable property). Null for a
   * quantity with only a numeric exponent.
   */
  readonly forms?: Readonly<Record<Quantity, QuantityForm | null>>;
}

export interface ScalingOptions {
  /** L range for cross-checks and interpolation (default 1..12). */
  readonly Lmin?: number;
  readonly Lmax?: number;
}

/** Time after which no further L is computed for checks and interpolation (at least 8 L are). */
export const valueBudgetMs = 20_000;

const termNames: TermName[] = ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE'];
const boundNames: BoundName[] = ['Bstate', 'B1', 'B1coarse', 'B2'];

/** Engine values of every quantity at the given L (stopping where no method applies). */
function engineValues(model: ModelSpec, Ls: readonly number[]): { Ls: number[]; values: Record<Quantity, number[]>; results: CurrentResult[] } {
  const values = Object.fromEntries(['J', ...termNames, ...boundNames].map((k) => [k, [] as number[]])) as unknown as Record<Quantity, number[]>;
  const done: number[] = [];
  const results: CurrentResult[] = [];
  const t0 = performance.now();
  for (const L of Ls) {
    // The dense method grows like 8^L: stop once the values have cost more than the budget.
    if (done.length >= 8 && performance.now() - t0 > valueBudgetMs) break;
    let r: CurrentResult;
    try { r = computeCurrent(model, L); } catch (err) { if (err instanceof NoMethodError) break; throw err; }
    results.push(r);
    done.push(L);
    values.J.push(r.J);
    for (const t of termNames) values[t].push(r.terms[t]);
    for (const b of boundNames) values[b].push(r.bounds[b]);
  }
  return { Ls: done, values, results };
}

function formOf(d: DerivedFamily, q: Quantity): { form: ParityForm; how: string } | null {
  if (q === 'J') return d.J;
  if ((termNames as string[]).includes(q)) return d.terms[q as TermName];
  return d.bounds[q as BoundName];
}

const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-8 * Math.max(Math.abs(b), scale * 1e-6, 1e-12);

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
  const engine = engineValues(model, Ls);
  const notes: string[] = [];
  if (engine.Ls.length < Ls.length) notes.push(`engine values for L = ${engine.Ls[0]}..${engine.Ls[engine.Ls.length - 1]} only (the rest would exceed the time budget or every method's size limit)`);
  let derived: DerivedFamily | null = null;
  try {
    derived = deriveFamily(model);
    notes.push(...derived.notes);
  } catch (err) {
    if (!(err instanceof NotDerivable)) throw err;
    notes.push(`not derived: ${err.message}`);
  }
  const out = {} as Record<Quantity, { expr: ScalingExpression; form: ParityForm | null }>;
  for (const q of ['J', ...termNames, ...boundNames] as Quantity[]) {
    const vals = engine.values[q];
    const scale = Math.max(1e-300, ...vals.map(Math.abs));
    const found = derived ? formOf(derived, q) : null;
    if (derived && found) {
      const { form, how } = found;
      // An upper bound must lie above the engine's exact value; anything else must equal it.
      const agrees = (x: number, v: number) => (how === 'upper bound' ? x >= v - 1e-8 * Math.max(Math.abs(v), 1e-12) : close(x, v, scale));
      const mismatches = engine.Ls.filter((L, i) => !agrees(branchAt(form, L).evaluate({ ...derived!.env, L }), vals[i]));
      const last = engine.Ls[engine.Ls.length - 1];
      if (!mismatches.includes(last) || engine.Ls.length === 0) {
        const validFrom = mismatches.length ? Math.max(...mismatches) + 1 : Lmin;
        out[q] = { expr: expressionOf(form, how, derived.env, validFrom > Lmin ? validFrom : undefined), form };
        continue;
      }
      notes.push(`${q}: the derived form disagrees with the engine at L = ${mismatches.join(', ')}; interpolated instead`);
    }
    out[q] = interpolated(engine.Ls, vals, notes, q);
  }
  const ratio = (b: 'B1' | 'B2') => limitRatio(out.J.form, out[b].form, derived?.env ?? {});
  const proofs: ProofEntry[] = [];
  for (const b of ['B1', 'B2'] as const) {
    const jf = out.J.form, bf = out[b].form;
    if (!jf || !bf) { proofs.push({ claim: `|J| <= ${b} for every L >= ${Lmin}`, verdict: 'unknown', certificate: null, reason: 'no closed form' }); continue; }
    const from = Math.max(Lmin, out.J.expr.validFrom ?? Lmin, out[b].expr.validFrom ?? Lmin);
    const name = out[b].expr.how === 'upper bound' ? `|J| <= ${b} (its triangle-inequality upper bound)` : `|J| <= ${b}`;
    const atoms = Object.keys(derived?.env ?? {}).filter((k) => !model.params.some((p) => p.name === k));
    proofs.push(await proveClaim(name, jf, bf, from, derived?.env ?? {}, atoms, derived?.unitAtoms ?? []));
  }
  const pick = <K extends string>(names: K[]) => Object.fromEntries(names.map((n) => [n, out[n as Quantity].expr])) as Record<K, ScalingExpression>;
  return { model: model.name, J: out.J.expr, terms: pick(termNames), bounds: pick(boundNames), ratios: { B1: ratio('B1'), B2: ratio('B2') }, proofs, notes };
}

/** Expression, LaTeX, exponent and leading coefficient of a closed form. */
function expressionOf(form: ParityForm, how: string, env: Record<string, number>, validFrom?: number): ScalingExpression {
  // Factored where that is shorter (-g*w0*(L-1)*(L+3)/4), else simplified.
  const pretty = (c: ClosedForm) => prettyForm(c);
  const text = (c: ClosedForm) => pretty(c);
  const tex = (c: ClosedForm) => { try { return toTex(pretty(c)); } catch { return pretty(c); } };
  const lead = (c: ClosedForm) => leadingOf(c, env);
  const both = <T>(f: (c: ClosedForm) => T): T | { even: T; odd: T } => (form.kind === 'single' ? f(form.form) : { even: f(form.even), odd: f(form.odd) });
  const leads = form.kind === 'single' ? [lead(form.form)] : [lead(form.even), lead(form.odd)];
  const exponent = leads.every((l) => l.exponent === leads[0].exponent) ? leads[0].exponent : null;
  const leading = form.kind === 'single' || leads[0].coefficient === leads[1].coefficient ? leads[0].coefficient : { even: leads[0].coefficient, odd: leads[1].coefficient };
  return { expr: both(text) as ScalingExpression['expr'], tex: both(tex) as ScalingExpression['tex'], how, exponent, leading, ...(validFrom ? { validFrom } : {}) };
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

function interpolated(Ls: number[], vals: number[], notes: string[], q: string): { expr: ScalingExpression; form: ParityForm | null } {
  // Small L may be special (a bond that does not exist at L = 1): skip up to three first points.
  for (let skip = 0; skip <= 3 && Ls.length - skip >= 5; skip++) {
    const fit = fitPolynomial(Ls.slice(skip), vals.slice(skip));
    if (!fit) continue;
    const how = `interpolated (confirmed at L = ${fit.confirmedAt.join(', ')})`;
    const form: ParityForm = { kind: 'single', form: ClosedForm.poly(fit.poly) };
    return { expr: expressionOf(form, how, {}, skip > 0 ? Ls[skip] : undefined), form };
  }
  const pe = fitPolynomialTimesExponential(Ls, vals);
  if (pe) {
    const how = `interpolated (confirmed at L = ${pe.confirmedAt.join(', ')})`;
    const form: ParityForm = { kind: 'single', form: ClosedForm.poly(pe.poly).mulBase(pe.base) };
    return { expr: expressionOf(form, how, {}), form };
  }
  const evenIdx = Ls.map((L, i) => [L, i]).filter(([L]) => L % 2 === 0);
  const oddIdx = Ls.map((L, i) => [L, i]).filter(([L]) => L % 2 === 1);
  const fe = fitPolynomial(evenIdx.map(([L]) => L), evenIdx.map(([, i]) => vals[i]), { confirm: 2 });
  const fo = fitPolynomial(oddIdx.map(([L]) => L), oddIdx.map(([, i]) => vals[i]), { confirm: 2 });
  if (fe && fo) {
    const how = `interpolated (confirmed at L = ${[...fe.confirmedAt, ...fo.confirmedAt].sort((a, b) => a - b).join(', ')})`;
    const form: ParityForm = { kind: 'parity', even: ClosedForm.poly(fe.poly), odd: ClosedForm.poly(fo.poly) };
    return { expr: expressionOf(form, how, {}), form };
  }
  const tail = Ls.slice(-Math.min(6, Ls.length));
  const fitN = logLogExponent(tail, vals.slice(-tail.length));
  notes.push(`${q}: no polynomial with rational coefficients fits; numeric exponent from L = ${tail.join(', ')}`);
  return {
    expr: { expr: 'numeric', tex: 'numeric', how: 'numeric', exponent: Number.isFinite(fitN.exponent) ? +fitN.exponent.toFixed(4) : null, leading: null, exponentError: fitN.error },
    form: null,
  };
}

export { Q };
