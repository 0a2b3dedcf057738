/**
 * `proveNonNegativeSymbolic`: p(L, params) >= 0 for every integer L >= from and every param value
 * allowed by the assumptions, where params (g, w0, ...) are positive or nonnegative reals.
 */
import { Q } from '../rational.js';
import { Poly } from '../poly.js';
import { defaultSymbolicProofOptions, type SymbolicProofOptions } from './options.js';
import { proveNonNegative } from './prove.js';
import { smt2Query, type Constraint } from './smt2.js';
import { integerSignRanges } from './signs.js';
import { relationHolds } from '../assumptions.js';
import type {
  Assumption, MonomialPart, SymbolicCertificate, SymbolicCounterexample, SymbolicProofResult, Z3Answer,
} from './types.js';
import { z3Solve, type Smt2Answer, type Smt2Solver } from './z3.js';

/** Options of `proveNonNegativeSymbolic`; `solver` replaces Z3 (for tests). */
export type SymbolicOptions = Partial<SymbolicProofOptions> & {
  readonly solver?: Smt2Solver;
  /** The largest value of the variable (null or absent: no end). */
  readonly to?: number | null;
  /** Extra assumptions `poly relation 0` (in the params, possibly the variable): the claim is
   * proved only where they hold, and a counterexample must obey them. */
  readonly constraints?: readonly Constraint[];
};

type Params = Readonly<Record<string, Q>>;

/**
 * Proves p >= 0 for every integer `variable` >= from and all params obeying `assumptions`.
 * (a) The cheap sufficient condition: p = sum_k c_k(variable) m_k(params) with every monomial m_k
 * a product of params (hence >= 0) and every c_k proved >= 0 by `proveNonNegative`.
 * (b) Otherwise Z3's nonlinear real arithmetic on variable >= from, the assumptions and p < 0:
 * unsat proves the claim; sat gives a model, from which a concrete integer counterexample is
 * sought and confirmed exactly. If the model's counterexample is not at an integer, the same query
 * with an integer variable is tried. (c) Always, the univariate prover is run at `sample` and at
 * `randomSamples` random positive rational param points: a proof contradicted there is reported
 * as 'unknown' with both facts, since Z3's answers are evidence rather than gospel.
 *
 * @param sample a value for every param, obeying the assumptions (decimals are read exactly)
 * @throws RangeError if a param has no assumption or no sample value, a sample value breaks its
 *   assumption, a name is not a plain identifier, or `from` is not a safe integer
 * @example
 * await proveNonNegativeSymbolic(g.mul(w0).mul(L), 'L', 1, { g: 'positive', w0: 'positive' }, { g: 1, w0: 1 })
 * // { verdict: 'proved', certificate: { kind: 'monomial-split', ... }, crossChecks: 4 }
 */
export async function proveNonNegativeSymbolic(
  p: Poly, variable: string, from: number, assumptions: Readonly<Record<string, Assumption>>,
  sample: Readonly<Record<string, number>>, options: SymbolicOptions = {},
): Promise<SymbolicProofResult> {
  const opts = { ...defaultSymbolicProofOptions, ...options };
  const solver = options.solver ?? z3Solve;
  if (!Number.isSafeInteger(from)) throw new RangeError(`from must be a safe integer, got ${from}`);
  const params = p.variables().filter((v) => v !== variable);
  const samplePoint = validate(params, assumptions, sample);

  const to = options.to ?? null;
  const constraints = options.constraints ?? [];
  const obeys = (point: Params, x: number): boolean => constraints.every((c) => {
    const v = c.poly.evaluateExact({ ...point, [variable]: Q.of(x) }).constantValue();
    return v !== null && relationHolds(v.sign(), c.relation);
  });
  if (!obeys(samplePoint, from) && constraints.every((c) => !c.poly.variables().includes(variable))) throw new RangeError('the sample point does not obey the constraints');
  if (params.length === 0 && to !== null) {
    // A finite range: the sign of p on each of its integers, exactly (root isolation).
    const neg = integerSignRanges(p, variable, from, to).filter((r) => r.sign < 0).map((r) => r.from).find((x) => obeys({}, x));
    if (neg !== undefined) return { verdict: 'refuted', counterexample: neg, params: {}, value: p.evaluateExact({ [variable]: Q.of(neg) }).constantValue()!.toString(), source: 'sample' };
    const r = proveNonNegative(p, variable, from, opts);
    if (r.verdict === 'proved') return { verdict: 'proved', certificate: { kind: 'univariate', certificate: r.certificate }, crossChecks: 0 };
    return { verdict: 'unknown', reason: `p >= 0 on the integers ${from}..${to} (exact root isolation), but no certificate covers only that range`, z3: 'not-run' };
  }
  if (params.length === 0) {
    const r = proveNonNegative(p, variable, from, opts);
    if (r.verdict === 'proved') return { verdict: 'proved', certificate: { kind: 'univariate', certificate: r.certificate }, crossChecks: 0 };
    if (r.verdict === 'refuted') return { verdict: 'refuted', counterexample: r.counterexample, params: {}, value: r.value, source: 'sample' };
    return { verdict: 'unknown', reason: r.reason, z3: 'not-run' };
  }

  const points = [samplePoint, ...randomPoints(params, opts.randomSamples, opts.seed).filter((pt) => constraints.every((c) => c.poly.variables().includes(variable) || obeys(pt, from)))];
  const cross = crossCheck(p, variable, from, points, opts, (pt, x) => (to === null || x <= to) && obeys(pt, x));

  // (a)
  let claimed: SymbolicCertificate | null = monomialSplit(p, variable, from, assumptions, opts);
  let z3: Z3Answer = 'not-run';
  const notes: string[] = [];
  // (b)
  if (!claimed) {
    for (const domain of ['reals', 'integers'] as const) {
      const smt2 = smt2Query(p, variable, from, assumptions, domain, { to, constraints });
      const answer: Smt2Answer = await solver(smt2, opts.z3TimeoutMs);
      z3 = answer.status;
      if (answer.status === 'unsat') {
        claimed = { kind: 'z3', variable, from, assumptions: { ...assumptions }, domain, smt2, result: 'unsat', ...(to !== null ? { to } : {}), ...(constraints.length ? { constraints: constraints.map((c) => `${c.poly.toString(variable)} ${c.relation} 0`) } : {}) };
        break;
      }
      if (answer.status === 'unknown') { notes.push(`z3 (${domain}): ${answer.reason}`); break; }
      const found = fromModel(p, variable, from, assumptions, params, answer.model, samplePoint, opts, (pt, x) => (to === null || x <= to) && obeys(pt, x));
      if (found) return { verdict: 'refuted', ...found };
      notes.push(`z3 found a counterexample over the ${domain} but none at an integer ${variable} could be confirmed`);
    }
  }
  // (c)
  if (claimed && cross.refutation) {
    return {
      verdict: 'unknown', z3, claimed, refutation: cross.refutation,
      reason: `the ${claimed.kind} proof is contradicted at ${describe(variable, cross.refutation)}`,
    };
  }
  if (claimed) return { verdict: 'proved', certificate: claimed, crossChecks: cross.confirmed };
  if (cross.refutation) return { verdict: 'refuted', ...cross.refutation };
  return { verdict: 'unknown', z3, reason: notes.join('; ') || 'no proof found' };
}

function validate(params: readonly string[], assumptions: Readonly<Record<string, Assumption>>, sample: Readonly<Record<string, number>>): Params {
  const point: Record<string, Q> = {};
  for (const n of params) {
    const a = assumptions[n];
    if (a !== 'positive' && a !== 'nonnegative') throw new RangeError(`no assumption about the param ${n}`);
    if (sample[n] === undefined) throw new RangeError(`no sample value for the param ${n}`);
    const q = Q.fromNumber(sample[n]);
    if (q.sign() < 0 || (a === 'positive' && q.isZero())) throw new RangeError(`sample ${n} = ${sample[n]} is not ${a}`);
    point[n] = q;
  }
  return point;
}

/** The coefficient polynomials c_k(variable) of the param monomials m_k, keyed by monomial. */
function splitByParams(p: Poly, variable: string): Map<string, { monomial: Record<string, number>; coefficient: Poly }> {
  const groups = new Map<string, { monomial: Record<string, number>; terms: { coef: Q; powers: Record<string, number> }[] }>();
  for (const t of p.terms()) {
    const monomial: Record<string, number> = {};
    for (const v of Object.keys(t.powers).sort()) if (v !== variable) monomial[v] = t.powers[v];
    const key = JSON.stringify(monomial);
    const g = groups.get(key) ?? { monomial, terms: [] };
    const power = t.powers[variable];
    g.terms.push({ coef: t.coef, powers: power ? { [variable]: power } : {} });
    groups.set(key, g);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, g]) => [k, { monomial: g.monomial, coefficient: Poly.fromTerms(g.terms) }]));
}

/** Strategy (a); null unless every coefficient polynomial is proved >= 0. */
function monomialSplit(
  p: Poly, variable: string, from: number, assumptions: Readonly<Record<string, Assumption>>, opts: SymbolicProofOptions,
): SymbolicCertificate | null {
  const parts: MonomialPart[] = [];
  for (const { monomial, coefficient } of splitByParams(p, variable).values()) {
    const r = proveNonNegative(coefficient, variable, from, opts);
    if (r.verdict !== 'proved') return null;
    parts.push({ monomial, coefficient: coefficient.toString(variable), certificate: r.certificate });
  }
  return { kind: 'monomial-split', variable, from, assumptions: { ...assumptions }, parts };
}

/** The univariate prover at each param point; the first refutation, and how many points agree. */
type Valid = (point: Params, x: number) => boolean;

function crossCheck(
  p: Poly, variable: string, from: number, points: readonly Params[], opts: SymbolicProofOptions, valid: Valid,
): { confirmed: number; refutation: SymbolicCounterexample | null } {
  let confirmed = 0;
  for (const point of points) {
    const r = atPoint(p, variable, from, point, opts, valid);
    if (r.counterexample) return { confirmed, refutation: { ...r.counterexample, source: 'sample' } };
    if (r.proved) confirmed++;
  }
  return { confirmed, refutation: null };
}

/**
 * The univariate prover at fixed params; a refutation (the smallest integer counterexample) is
 * confirmed by evaluating p itself exactly there.
 */
function atPoint(
  p: Poly, variable: string, from: number, point: Params, opts: SymbolicProofOptions, valid: Valid,
): { proved: boolean; counterexample: Omit<SymbolicCounterexample, 'source'> | null } {
  const r = proveNonNegative(p.evaluateExact(point), variable, from, opts);
  if (r.verdict !== 'refuted') return { proved: r.verdict === 'proved', counterexample: null };
  // Outside the claim's range or assumptions a negative value refutes nothing.
  if (!valid(point, r.counterexample)) return { proved: false, counterexample: null };
  const value = p.evaluateExact({ ...point, [variable]: Q.of(r.counterexample) }).constantValue();
  if (!value || value.sign() >= 0) throw new Error(`internal error: refutation at ${variable} = ${r.counterexample} not confirmed`);
  return {
    proved: false,
    counterexample: {
      counterexample: r.counterexample, value: value.toString(),
      params: Object.fromEntries(Object.entries(point).map(([k, q]) => [k, q.toString()])),
    },
  };
}

/** A counterexample near Z3's model: its params (rational brackets), then the least integer L. */
function fromModel(
  p: Poly, variable: string, from: number, assumptions: Readonly<Record<string, Assumption>>,
  params: readonly string[], model: Readonly<Record<string, { lower: Q; upper: Q }>>, fallback: Params,
  opts: SymbolicProofOptions, valid: Valid,
): SymbolicCounterexample | null {
  const allowed = (n: string, q: Q): boolean => q.sign() > 0 || (q.isZero() && assumptions[n] === 'nonnegative');
  for (const end of ['lower', 'upper'] as const) {
    const point: Record<string, Q> = {};
    for (const n of params) {
      const q = model[n]?.[end];
      point[n] = q && allowed(n, q) ? q : fallback[n];
    }
    const found = atPoint(p, variable, from, point, opts, valid).counterexample;
    if (found) return { ...found, source: 'z3-model' };
  }
  return null;
}

/** Deterministic random positive rationals k/d, k in 1..12, d in 1..4 (mulberry32). */
function randomPoints(params: readonly string[], count: number, seed: number): Params[] {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () =>
    Object.fromEntries(params.map((n) => [n, Q.of(1 + Math.floor(next() * 12), 1 + Math.floor(next() * 4))])));
}

function describe(variable: string, c: SymbolicCounterexample): string {
  const ps = Object.entries(c.params).map(([k, v]) => `${k} = ${v}`).join(', ');
  return `${variable} = ${c.counterexample}${ps ? `, ${ps}` : ''} (value ${c.value})`;
}

