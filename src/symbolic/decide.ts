/**
 * Exact decisions a derivation makes about signs and maxima over a range of L, each one either
 * exact (root isolation of a polynomial in L with rational coefficients) or recorded as an
 * assumption that holds at the model's params. Nothing is decided by sampling L.
 */
import { addAssumption, type DerivationAssumption, type Relation } from './assumptions.js';
import { ClosedForm } from './closed.js';
import { Poly } from './poly.js';
import { integerSignRanges } from './proof/index.js';
import { Q } from './rational.js';
import { NotDerivable } from './scalarpoly.js';

/** A sign that changes inside the range: derive again on each of `ranges`. */
export class SignChange extends NotDerivable {
  constructor(readonly what: string, readonly ranges: readonly { readonly from: number; readonly to: number | null }[]) {
    super(`the sign of ${what} changes with L (at L = ${ranges.slice(1).map((r) => r.from).join(', ')})`);
    this.name = 'SignChange';
  }
}

export interface DecideRange { readonly from: number; readonly to: number | null }

/** Decisions over one range of L, with the assumptions they needed. */
export class Decider {
  readonly assumptions: DerivationAssumption[] = [];
  private readonly exact: Record<string, Q>;

  constructor(readonly range: DecideRange, private readonly params: ReadonlyMap<string, number>, private readonly env: () => Record<string, number>) {
    this.exact = Object.fromEntries([...params].map(([k, v]) => [k, Q.fromNumber(v)]));
  }

  /** The sign of p on every integer L of the range; an assumption when it rests on the params. */
  sign(p: Poly, what: string): -1 | 0 | 1 {
    if (p.isZero()) return 0;
    const others = p.variables().filter((v) => v !== 'L');
    if (others.length === 0) return this.univariate(p, what);
    // p = c(params) q(L): the sign of c at the params (an assumption) times that of q (exact).
    const split = contentSplit(p);
    if (split) {
      const sc = this.atParams(split.c, what);
      const sq = this.univariate(split.q, what);
      if (sc !== 0 && split.c.variables().length) this.assume(split.c, sc > 0 ? '>' : '<', `the sign of ${what}`);
      if (sc === 0) this.assume(split.c, '=', `${what} vanishes at the given params`);
      return (sc * sq) as -1 | 0 | 1;
    }
    if (others.every((v) => this.params.has(v))) {
      const q = p.evaluateExact(this.exact);
      const s = this.univariate(q, what);
      this.assume(p, s > 0 ? '>' : s < 0 ? '<' : '=', `the sign of ${what} (true at the given params on this range of L)`, true);
      return s;
    }
    // Atoms (exp(-w0/T), ...) enter with their float values, as rationals: the sign found is an
    // assumption that holds at the given params, and the prover is told it.
    const env = this.env();
    const withAtoms: Record<string, Q> = { ...this.exact };
    for (const v of others) if (!this.params.has(v)) {
      if (!Number.isFinite(env[v])) throw new NotDerivable(`the sign of ${what}: the atom ${v} has no finite value`);
      withAtoms[v] = Q.fromNumber(env[v]);
    }
    const s = this.univariate(p.evaluateExact(withAtoms), what);
    this.assume(p, s > 0 ? '>' : s < 0 ? '<' : '=', `the sign of ${what} (true at the given params and atom values on this range of L)`, true);
    return s;
  }

  /**
   * The signs p takes on the integers of the range: exact for a polynomial in L (or c(params)
   * times one), else the single sign at the params on the whole range (an assumption), else null.
   */
  signsOn(p: Poly, what: string): { signs: Set<-1 | 0 | 1>; ranges: { from: number; to: number | null }[] } | null {
    if (p.isZero()) return { signs: new Set([0]), ranges: [this.range] };
    const uni = (q: Poly, c: -1 | 0 | 1) => {
      const r = integerSignRanges(q, 'L', this.range.from, this.range.to);
      return { signs: new Set(r.map((x) => (x.sign * c) as -1 | 0 | 1)), ranges: r.map((x) => ({ from: x.from, to: x.to })) };
    };
    if (p.variables().every((v) => v === 'L')) return uni(p, 1);
    const split = contentSplit(p);
    if (split && split.c.variables().every((v) => this.params.has(v))) {
      const sc = this.atParams(split.c, what);
      const out = uni(split.q, sc);
      if (out.signs.size > 1) return out;
      if (split.c.variables().length) this.assume(split.c, sc > 0 ? '>' : sc < 0 ? '<' : '=', `the sign of ${what}`);
      return out;
    }
    try { const s = this.sign(p, what); return { signs: new Set([s]), ranges: [this.range] }; } catch (err) {
      if (err instanceof SignChange) return null;
      if (!(err instanceof NotDerivable)) throw err;
      const s = this.numericSign(p, what);
      return s === null ? null : { signs: new Set([s]), ranges: [this.range] };
    }
  }

  /** Whether d >= 0 on the range (exactly, or as an assumption true at the params); null if undecided. */
  nonNegative(d: ClosedForm, what: string): boolean | null {
    if (d.isZero()) return true;
    // sum_i p_i b_i^L with every base in (0, 1]: dropping terms with p_i >= 0 and putting b^L <= 1
    // where p_i <= 0 gives a polynomial lower bound.
    let lower = Poly.ZERO;
    for (const t of d.terms) {
      if (!t.base) { lower = lower.add(t.poly); continue; }
      if (!(t.base.value > 0 && t.base.value <= 1)) return null;
      const s = this.signsOn(t.poly, `the coefficient of (${t.base.text})^L in ${what}`);
      if (s === null) return null;
      if (s.signs.has(1) && s.signs.has(-1)) return null;
      if (s.signs.has(-1)) lower = lower.add(t.poly);
    }
    const s = this.signsOn(lower, what);
    return s === null ? null : !s.signs.has(-1);
  }

  /** The candidate that is >= every other on the whole range, else not derivable. */
  largest(cands: readonly ClosedForm[], what: string): ClosedForm {
    if (cands.length === 0) return ClosedForm.ZERO;
    const unique = cands.filter((c, i) => cands.findIndex((o) => o.toString() === c.toString()) === i);
    for (const c of unique) {
      const saved = this.assumptions.length;
      if (unique.every((o) => o === c || this.nonNegative(c.add(o.scale(Q.of(-1))), `${what}: (${c.toString()}) - (${o.toString()})`) === true)) return c;
      this.assumptions.length = saved;
    }
    // The largest changes with L: derive again on the ranges where one difference keeps its sign.
    for (const c of unique) for (const o of unique) {
      if (c === o) continue;
      const d = c.add(o.scale(Q.of(-1))).asPoly();
      if (!d) continue;
      const saved = this.assumptions.length;
      const s = this.signsOn(d, what);
      this.assumptions.length = saved;
      if (s && s.signs.has(1) && s.signs.has(-1)) throw new SignChange(`${what}: (${c.toString()}) - (${o.toString()})`, s.ranges);
    }
    throw new NotDerivable(`no single expression is the largest ${what} on L = ${this.range.from}..${this.range.to ?? 'infinity'}`);
  }

  /** p with the params' exact values put in (atoms stay), or null when p has an atom. */
  atParamsPoly(p: Poly): Poly | null {
    if (p.variables().some((v) => v !== 'L' && v !== 'n' && !this.params.has(v))) return null;
    return p.evaluateExact(this.exact);
  }

  assume(poly: Poly, relation: Relation, why: string, onRange = false): void {
    if (!poly.variables().length) return;
    addAssumption(this.assumptions, { poly, relation, why, ...(onRange || poly.variables().includes('L') ? { L: this.range } : {}) });
  }

  /** Atoms (exp(-w0/T), cos(theta/2)^2) have float values: a sign far from round-off becomes an assumption. */
  private numericSign(p: Poly, what: string): -1 | 0 | 1 | null {
    if (p.variables().includes('L')) return null;
    const v = p.evaluate(this.env());
    const mag = Math.abs(p.terms().reduce((s, t) => s + Math.abs(Poly.fromTerms([t]).evaluate(this.env())), 0));
    if (!Number.isFinite(v) || Math.abs(v) <= 1e-9 * mag) return null;
    const s = v > 0 ? 1 : -1;
    this.assume(p, s > 0 ? '>' : '<', `the sign of ${what} (true at the given params)`);
    return s;
  }

  private atParams(c: Poly, what: string): -1 | 0 | 1 {
    if (c.variables().every((v) => this.params.has(v))) {
      const v = c.evaluateExact(this.exact).constantValue();
      if (v === null) throw new NotDerivable(`the sign of ${what}`);
      return v.sign();
    }
    const s = this.numericSign(c, what);
    if (s === null) throw new NotDerivable(`the sign of ${what} = ${c.toString()} is within round-off of 0 at the given params`);
    return s;
  }

  private univariate(p: Poly, what: string): -1 | 0 | 1 {
    const r = integerSignRanges(p, 'L', this.range.from, this.range.to);
    if (r.length === 1) return r[0].sign;
    throw new SignChange(what, r.map((x) => ({ from: x.from, to: x.to })));
  }
}

/** p = c q with c free of L and q a polynomial in L only, when p factors so; else null. */
function contentSplit(p: Poly): { c: Poly; q: Poly } | null {
  const d = p.degree('L');
  if (d <= 0) return null;
  let c: Poly | null = null;
  const qs: Q[] = [];
  for (let k = 0; k <= d; k++) {
    const ck = p.coeff('L', k);
    if (ck.isZero()) { qs.push(Q.ZERO); continue; }
    if (!c) { c = ck; qs.push(Q.ONE); continue; }
    const t = c.terms()[0];
    const match = ck.terms().find((x) => JSON.stringify(x.powers) === JSON.stringify(t.powers));
    if (!match) return null;
    const r = match.coef.div(t.coef);
    if (!ck.equals(c.scale(r))) return null;
    qs.push(r);
  }
  if (!c || c.variables().includes('L')) return null;
  const L = Poly.variable('L');
  const q = qs.reduce((s, r, k) => s.add(L.pow(k).scale(r)), Poly.ZERO);
  return { c, q };
}
