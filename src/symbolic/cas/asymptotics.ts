/**
 * Leading terms and limits as v -> infinity for sums of (rational function of v) * exp(rate*v).
 * Terms are grouped by exponential rate; the dominant group goes over a common denominator (ours,
 * or algebrite's numerator/denominator for nested fractions) and nerdamer expands numerator and
 * denominator when they are not already sums of monomials in v. The answer is then checked
 * independently: expr / (c * v^p * exp(r*v)) must tend to 1 at v = 1e6, 1e7 (in log form, so
 * exponentials neither under- nor overflow) for random positive params.
 */
import { Q } from '../rational.js';
import { type Approx, approx, compareNumerically, samplePoints, usable } from './approx.js';
import { add, contains, div, type Expr, mul, num, ONE, variables, ZERO } from './ast.js';
import { type Backends, runOp } from './backends.js';
import { expParts } from './exp-parts.js';
import { isMonomial, simplifyExpr } from './forms.js';
import { logEval } from './log-eval.js';
import { printText } from './print-text.js';
import { productForm } from './product.js';
import { casTolerances as tol } from './tolerances.js';

/** How the leading term grows: v^exponent, or exponentially. */
export type LeadingExponent = number | 'exponential-growth' | 'exponential-decay' | 'unknown';

/**
 * expr ~ coefficient * v^exponent as v -> infinity; for exponential cases
 * expr ~ coefficient * v^power * exp(rate * v). The zero expression has exponent -Infinity.
 * When the exponent is 'unknown', so is the coefficient.
 */
export interface LeadingTerm {
  readonly coefficient: string;
  readonly exponent: LeadingExponent;
  readonly power?: number;
  readonly rate?: string;
}

const UNKNOWN: LeadingTerm = Object.freeze({ coefficient: 'unknown', exponent: 'unknown' });

const show = (e: Expr, b: Backends): string => printText(simplifyExpr(e, b) ?? e);

/** Sign of an expression over the sample points: 1 or -1 if the same everywhere, 0 if zero everywhere, else null. */
function signAt(values: readonly Approx[]): -1 | 0 | 1 | null {
  const margin = (a: Approx): number => tol.roundoffFactor * a.err;
  if (values.every((a) => a.v > margin(a))) return 1;
  if (values.every((a) => a.v < -margin(a))) return -1;
  if (values.every((a) => Math.abs(a.v) <= margin(a))) return 0;
  return null;
}

/** Whether some denominator containing v is more than a monomial (1/(L+1), not 1/L^2). */
function hasSumDenominatorIn(e: Expr, v: string): boolean {
  switch (e.kind) {
    case 'num': case 'sym': return false;
    case 'add': return e.terms.some((t) => hasSumDenominatorIn(t, v));
    case 'mul': return e.factors.some((f) => hasSumDenominatorIn(f, v));
    case 'call': return hasSumDenominatorIn(e.arg, v);
    case 'pow':
      return (e.exp.kind === 'num' && e.exp.value.sign() < 0 && contains(e.base, v) && !isMonomial(e.base))
        || hasSumDenominatorIn(e.base, v);
  }
}

const isZeroExpr = (e: Expr): boolean => compareNumerically(e, ZERO, variables(e)).verdict === 'equal';

/** Leading coefficient and degree in v of a Laurent polynomial in v (expanded by a library). */
function polyLead(p: Expr, v: string, b: Backends): { coef: Expr; degree: number } | null {
  if (!contains(p, v)) return { coef: p, degree: 0 };
  // Already a sum of monomials in v (L^3*g - 2*L): no library needed.
  const direct = collect(p, v);
  if (direct) return lead(direct);
  const expanded = runOp(b.nerdamer, 'expand', p) ?? runOp(b.algebrite, 'expand', p);
  const terms = expanded && collect(expanded, v);
  return terms && lead(terms);
}

/** The coefficients of a sum of monomials in v by degree; null if v occurs otherwise. */
function collect(p: Expr, v: string): Map<number, Expr[]> | null {
  const byDegree = new Map<number, Expr[]>();
  for (const term of p.kind === 'add' ? p.terms : [p]) {
    let degree = 0;
    const rest: Expr[] = [];
    for (const f of term.kind === 'mul' ? term.factors : [term]) {
      if (f.kind === 'sym' && f.name === v) degree += 1;
      else if (f.kind === 'pow' && f.base.kind === 'sym' && f.base.name === v && f.exp.kind === 'num'
        && f.exp.value.isInteger()) degree += Number(f.exp.value.num);
      else if (contains(f, v)) return null;
      else rest.push(f);
    }
    byDegree.set(degree, [...(byDegree.get(degree) ?? []), mul(...rest)]);
  }
  return byDegree;
}

/** The highest degree whose coefficient is not zero (numerically: libraries may leave a*L - a*L). */
function lead(byDegree: Map<number, Expr[]>): { coef: Expr; degree: number } | null {
  for (const degree of [...byDegree.keys()].sort((x, y) => y - x)) {
    const coef = add(...byDegree.get(degree)!);
    if (!isZeroExpr(coef)) return { coef, degree };
  }
  return null;
}

/** Distinct denominators beyond which the cross-multiplication is left to algebrite. */
const MAX_DENOMINATORS = 6;

/**
 * N/D over a common denominator by cross-multiplying the terms' denominators (not reduced: the
 * leading term does not need it). Null for nested fractions or too many denominators.
 */
function overCommonDenominator(r: Expr, v: string): { n: Expr; d: Expr } | null {
  const terms = (r.kind === 'add' ? r.terms : [r]).map((t) => {
    const p = productForm(t);
    const coef = p.sign < 0 ? p.coef.neg() : p.coef;
    return { n: mul(num(Q.of(coef.num)), ...p.numer), d: mul(num(Q.of(coef.den)), ...p.denom) };
  });
  const keys = [...new Set(terms.map((t) => printText(t.d)))];
  if (keys.length > MAX_DENOMINATORS) return null;
  const dens = keys.map((k) => terms.find((t) => printText(t.d) === k)!.d);
  if (terms.some((t) => hasSumDenominatorIn(t.n, v)) || dens.some((d) => hasSumDenominatorIn(d, v))) return null;
  const n = add(...terms.map((t) => mul(t.n, ...dens.filter((_, i) => keys[i] !== printText(t.d)))));
  return { n, d: mul(...dens) };
}

/** Leading coefficient and power of a rational function of v; 'zero' if it vanishes. */
function rationalLead(r: Expr, v: string, b: Backends): { coef: Expr; power: number } | 'zero' | null {
  if (isZeroExpr(r)) return 'zero';
  const lead = (n: Expr, d: Expr): { coef: Expr; power: number } | null => {
    const ln = polyLead(n, v, b), ld = polyLead(d, v, b);
    return ln && ld ? { coef: div(ln.coef, ld.coef), power: ln.degree - ld.degree } : null;
  };
  if (!hasSumDenominatorIn(r, v)) return lead(r, ONE);
  const own = overCommonDenominator(r, v);
  const found = own && lead(own.n, own.d);
  if (found) return found;
  // Nested fractions such as 1/(1 + 1/L): algebrite's numerator and denominator.
  const n = runOp(b.algebrite, 'numerator', r), d = runOp(b.algebrite, 'denominator', r);
  if (!n || !d || compareNumerically(div(n, d), r, variables(r)).verdict !== 'equal') return null;
  return lead(n, d);
}

/** expr / (coef * v^power * exp(rate*v)) -> 1 at the large sizes, for sampled params. */
function verified(e: Expr, coef: Expr, power: number, rate: Expr, v: string, params: readonly string[]): boolean {
  for (const p of samplePoints(params, tol.minUsableSamples)) {
    const c = logEval(coef, p);
    const r = approx(rate, p).v;
    let previous = Infinity;
    for (const size of tol.largeSizes) {
      const f = logEval(e, { ...p, [v]: size });
      if (f.sign === 0 || f.sign !== c.sign || !Number.isFinite(f.log) || !Number.isFinite(c.log)) return false;
      const expected = c.log + power * Math.log(size) + r * size;
      const gap = Math.abs(f.log - expected);
      const roundoff = 8 * tol.roundoffFactor * tol.eps * (Math.abs(f.log) + Math.abs(expected) + Math.abs(r * size) + 1);
      // Close to 1, and not moving away from it as the size grows.
      if (!(gap <= tol.asymptotic) || gap > previous + roundoff) return false;
      previous = gap;
    }
  }
  return true;
}

interface Group {
  readonly rate: Expr;
  readonly values: readonly Approx[];
  readonly rationals: Expr[];
}

/** The leading term and its coefficient as a tree (for signs). */
export function analyseLeading(e: Expr, v: string, b: Backends): { term: LeadingTerm; coef?: Expr } {
  const params = variables(e).filter((n) => n !== v);
  if (isZeroExpr(e)) return { term: { coefficient: '0', exponent: -Infinity }, coef: ZERO };
  if (!contains(e, v)) return { term: { coefficient: show(e, b), exponent: 0 }, coef: e };
  const parts = expParts(e, v, b);
  if (!parts) return { term: UNKNOWN };
  const points = samplePoints(params, tol.samples);
  const groups: Group[] = [];
  for (const part of parts) {
    const values = points.map((p) => approx(part.rate, p));
    if (!values.every(usable)) return { term: UNKNOWN };
    const same = groups.find((g) => g.values.every((x, i) => signAt([{ v: x.v - values[i].v, err: x.err + values[i].err }]) === 0));
    if (same) same.rationals.push(part.rational);
    else groups.push({ rate: part.rate, values, rationals: [part.rational] });
  }
  while (groups.length > 0) {
    const dominant = groups.find((g) => groups.every((h) => h === g
      || g.values.every((x, i) => signAt([{ v: x.v - h.values[i].v, err: x.err + h.values[i].err }]) === 1)));
    if (!dominant) return { term: UNKNOWN }; // rates that cross or tie within round-off
    const lead = rationalLead(add(...dominant.rationals), v, b);
    if (lead === 'zero') { groups.splice(groups.indexOf(dominant), 1); continue; }
    const growth = signAt(dominant.values);
    if (!lead || growth === null) return { term: UNKNOWN };
    if (!verified(e, lead.coef, lead.power, growth === 0 ? ZERO : dominant.rate, v, params)) return { term: UNKNOWN };
    const coefficient = show(lead.coef, b);
    if (growth === 0) return { term: { coefficient, exponent: lead.power }, coef: lead.coef };
    const exponent = growth < 0 ? 'exponential-decay' : 'exponential-growth';
    return { term: { coefficient, exponent, power: lead.power, rate: show(dominant.rate, b) }, coef: lead.coef };
  }
  return { term: UNKNOWN };
}

/** The limit as v -> infinity: a simplified expression, 'Infinity', '-Infinity' or 'unknown'. */
export function limitExpr(e: Expr, v: string, b: Backends): string {
  const { term, coef } = analyseLeading(e, v, b);
  const x = term.exponent;
  if (x === 'unknown' || !coef) return 'unknown';
  if (x === 'exponential-decay' || (typeof x === 'number' && x < 0)) return '0';
  if (x === 0) return term.coefficient;
  const points = samplePoints(variables(coef), tol.samples);
  const s = signAt(points.map((p) => approx(coef, p)));
  return s === 1 ? 'Infinity' : s === -1 ? '-Infinity' : 'unknown';
}
