/**
 * Claims decided exactly from a family's closed forms (`heatbound check`, issue 10 part 5).
 *
 * Every quantity the claim names is replaced by its exact form (a polynomial in L with rational
 * coefficients once the params' exact values are substituted), per piece of L and per parity of L
 * (L = 2t or 2t + 1 when a form depends on the parity, else L = t). The claim's margin becomes a
 * rational function of t; `abs`, `min` and `max` are split where their arguments change sign, so
 * that every sign question is about one polynomial on an integer range, which `proveNonNegative`
 * (exact shifts, finite checks and Sturm root isolation) answers with the smallest counterexample.
 * Nothing is sampled: a decision holds for every L of the forms' range.
 *
 * Anything that is not a rational function of L with rational coefficients (atoms such as
 * exp(-w0/T), b^L factors, pi, exp/log/sin/cos of L, floor of L, fractional powers, a constant
 * `c` entering non-linearly) throws `NotExact` with the reason; the caller then samples.
 */
import type { Expr, ModelSpec } from '../src/lang/index.js';
import { ClosedForm, Poly, Q, proof, type ParityForm } from '../src/symbolic/index.js';
import type { FormStatus, Quantity, QuantityForm } from '../src/engine/index.js';
import { channelOfName, type Claim } from './claim.js';

/** The exact forms of a family (`ScalingResult.forms`). */
export type FamilyForms = Readonly<Record<Quantity, QuantityForm | null>>;

/** The claim cannot be decided exactly from the forms; `reason` says why. */
export class NotExact extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NotExact';
  }
}

/** The quantities that have forms (omegaGammaMax has none). */
const formQuantities: readonly Quantity[] = ['J', 'normH', 'width', 'sumA2', 'gammaMax', 'deltaE', 'Bstate', 'B1', 'B1coarse', 'B2'];
/** Quantities that are >= 0 by definition (J is the only signed one). */
const nonNegative: readonly string[] = ['L', 'normH', 'width', 'sumA2', 'gammaMax', 'deltaE', 'omegaGammaMax', 'Bstate', 'B1', 'B1coarse', 'B2'];

type Parity = 'all' | 'even' | 'odd';

const T = Poly.variable('t');
const ONE = Poly.constant(1);
const TWO = Q.of(2);
/** Most segments (ranges of t with one rational function) before giving up. */
const maxSegments = 512;
/** Largest |k| of a power x^k the exact path expands. */
const maxPower = 64;

/** L as a polynomial in t for a parity branch. */
function lOfT(p: Parity): Poly {
  return p === 'all' ? T : p === 'even' ? T.scale(TWO) : T.scale(TWO).add(ONE);
}

/** The L of a t in a parity branch. */
function lAt(p: Parity, t: number): number {
  return p === 'all' ? t : p === 'even' ? 2 * t : 2 * t + 1;
}

/** The range of t whose L lie in [from, to] with the parity, or null when empty. */
function tRange(p: Parity, from: number, to: number | null): { from: number; to: number | null } | null {
  if (p === 'all') return { from, to };
  const r = p === 'even' ? 0 : 1;
  const a = Math.ceil((from - r) / 2), b = to === null ? null : Math.floor((to - r) / 2);
  return b !== null && b < a ? null : { from: a, to: b };
}

// ---------------------------------------------------------------------------------------------
// Exact sign questions on integer ranges

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a; b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

/** p scaled by a positive integer so that its coefficients are integers (its values at integers are then integers). */
function integral(p: Poly): Poly {
  let den = 1n;
  for (const term of p.terms()) den = (den / gcd(den, term.coef.den)) * term.coef.den;
  return den === 1n ? p : p.scale(Q.of(den));
}

function onlyT(p: Poly, what: string): void {
  const other = p.variables().filter((v) => v !== 't');
  if (other.length) throw new NotExact(`${what} involves ${other.join(', ')}`);
}

/** p at the integer t, exactly. */
function valueAt(p: Poly, t: number): Q {
  return p.evaluateExact({ t: Q.of(t) }).constantValue()!;
}

/** The smallest integer t in [from, to] with p(t) < 0, or null. */
function firstNegative(p: Poly, from: number, to: number | null): number | null {
  onlyT(p, 'a sign question');
  const r = proof.proveNonNegative(p, 't', from);
  if (r.verdict === 'proved') return null;
  if (r.verdict === 'refuted') return to !== null && r.counterexample > to ? null : r.counterexample;
  throw new NotExact(`the sign of ${p.toString('t')} for t >= ${from} is not decided: ${r.reason}`);
}

/** The smallest t in [from, to] where p(t) <= 0 (strict) or p(t) < 0 (not strict), or null. */
function firstFailure(p: Poly, from: number, to: number | null, strict: boolean): number | null {
  return strict ? firstNegative(integral(p).sub(ONE), from, to) : firstNegative(p, from, to);
}

interface SignRange { readonly from: number; readonly to: number | null; readonly sign: -1 | 0 | 1 }

/**
 * The integer range [from, to] split into maximal ranges where p has one sign, exactly: with P = p
 * scaled to integer coefficients, P <= 0 iff P - 1 < 0 at integers, so each boundary is the
 * smallest counterexample of one `proveNonNegative` question.
 */
export function signRanges(p: Poly, from: number, to: number | null): SignRange[] {
  if (p.isZero()) return [{ from, to, sign: 0 }];
  onlyT(p, 'a sign question');
  const P = integral(p);
  const out: SignRange[] = [];
  let cur = from;
  const limit = 4 * (P.degree('t') + 2);
  for (let i = 0; i <= limit; i++) {
    const s = valueAt(P, cur).sign();
    const next = s > 0 ? firstNegative(P.sub(ONE), cur + 1, to)
      : s < 0 ? firstNegative(P.neg().sub(ONE), cur + 1, to)
        : firstNegative(P.mul(P).neg(), cur + 1, to);
    if (next === null) { out.push({ from: cur, to, sign: s }); return out; }
    out.push({ from: cur, to: next - 1, sign: s });
    cur = next;
  }
  throw new NotExact(`more sign changes of ${p.toString('t')} than its degree allows`);
}

// ---------------------------------------------------------------------------------------------
// Rational functions of t (and of the constant c, linearly)

/** num / den; den is free of c. */
interface Val { readonly num: Poly; readonly den: Poly }
/** A range of t on which an expression is one rational function. */
interface Seg { readonly from: number; readonly to: number | null; readonly v: Val }

const hasC = (p: Poly): boolean => p.variables().includes('c');

function val(num: Poly, den: Poly = ONE): Val {
  const d = den.constantValue();
  if (d !== null) {
    if (d.isZero()) throw new NotExact('the claim divides by zero');
    return { num: d.equals(Q.ONE) ? num : num.scale(Q.ONE.div(d)), den: ONE };
  }
  return { num, den };
}
const vAdd = (a: Val, b: Val): Val => (a.den.equals(b.den) ? val(a.num.add(b.num), a.den) : val(a.num.mul(b.den).add(b.num.mul(a.den)), a.den.mul(b.den)));
const vNeg = (a: Val): Val => ({ num: a.num.neg(), den: a.den });
const vMul = (a: Val, b: Val): Val => val(a.num.mul(b.num), a.den.mul(b.den));
function vDiv(a: Val, b: Val): Val {
  if (hasC(b.num)) throw new NotExact('the constant appears in a denominator');
  if (b.num.isZero()) throw new NotExact('the claim divides by zero');
  return val(a.num.mul(b.den), a.den.mul(b.num));
}
function vPow(a: Val, k: number): Val {
  if (k >= 0) return val(a.num.pow(k), a.den.pow(k));
  return vDiv(val(ONE), vPow(a, -k));
}
/** The sign polynomial of a value: num * den has the sign of num / den wherever den != 0. */
const signPoly = (a: Val): Poly => a.num.mul(a.den);
const constOfVal = (a: Val): Q | null => {
  const n = a.num.constantValue(), d = a.den.constantValue();
  return n !== null && d !== null ? n.div(d) : null;
};

function floorQ(x: Q): bigint {
  const q = x.num / x.den;
  return x.num < 0n && q * x.den !== x.num ? q - 1n : q;
}

function sqrtBig(n: bigint): bigint | null {
  if (n < 0n) return null;
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x * x === n ? x : null;
}

/** Evaluates claim expressions to segments over a range of t, given polynomials for the names. */
class Evaluator {
  private segments = 0;
  constructor(private readonly names: ReadonlyMap<string, Poly>, private readonly missing: ReadonlyMap<string, string>, private readonly constant: string | null) {}

  private count(n: number): void {
    this.segments += n;
    if (this.segments > maxSegments) throw new NotExact(`the claim splits into more than ${maxSegments} ranges of L`);
  }

  /** A constant (free of t and c) value of e on the range, or null. */
  private constant_(e: Expr, from: number, to: number | null): Q | null {
    const segs = this.ev(e, from, to);
    const vals = segs.map((s) => constOfVal(s.v));
    if (vals.some((x) => x === null)) return null;
    return vals.every((x) => x!.equals(vals[0]!)) ? vals[0] : null;
  }

  ev(e: Expr, from: number, to: number | null): Seg[] {
    const one = (v: Val): Seg[] => [{ from, to, v }];
    switch (e.kind) {
      case 'num': {
        let q: Q;
        try { q = Q.parse(e.text); } catch { throw new NotExact(`the number ${e.text} is not a decimal`); }
        return one(val(Poly.constant(q)));
      }
      case 'name': {
        if (e.name === this.constant) return one(val(Poly.variable('c')));
        const p = this.names.get(e.name);
        if (p) return one(val(p));
        throw new NotExact(this.missing.get(e.name) ?? `'${e.name}' has no exact value`);
      }
      case 'unary': {
        const segs = this.ev(e.arg, from, to);
        return e.op === '-' ? segs.map((s) => ({ ...s, v: vNeg(s.v) })) : segs;
      }
      case 'binary': {
        if (e.op === '%') throw new NotExact("'%' of an expression in L");
        if (e.op === '^') {
          const out: Seg[] = [];
          for (const b of this.ev(e.left, from, to)) {
            const k = this.constant_(e.right, b.from, b.to);
            if (k === null || !k.isInteger()) throw new NotExact('a power whose exponent is not an integer constant');
            const kn = Number(k.num);
            if (Math.abs(kn) > maxPower) throw new NotExact(`the power ${kn} is too large to expand`);
            out.push({ ...b, v: vPow(b.v, kn) });
          }
          this.count(out.length);
          return out;
        }
        const f = e.op === '+' ? vAdd : e.op === '-' ? (a: Val, b: Val) => vAdd(a, vNeg(b)) : e.op === '*' ? vMul : vDiv;
        const out: Seg[] = [];
        for (const a of this.ev(e.left, from, to)) for (const b of this.ev(e.right, a.from, a.to)) out.push({ from: b.from, to: b.to, v: f(a.v, b.v) });
        this.count(out.length);
        return out;
      }
      case 'call': return this.call(e.fn, e.args, from, to);
      default: throw new NotExact(`a ${e.kind} has no exact value`);
    }
  }

  private call(fn: string, args: readonly Expr[], from: number, to: number | null): Seg[] {
    if (fn === 'abs') {
      const out: Seg[] = [];
      for (const s of this.ev(args[0], from, to)) {
        if (hasC(s.v.num)) throw new NotExact('abs of an expression in the constant');
        for (const r of signRanges(signPoly(s.v), s.from, s.to)) out.push({ from: r.from, to: r.to, v: r.sign < 0 ? vNeg(s.v) : s.v });
      }
      this.count(out.length);
      return out;
    }
    if (fn === 'min' || fn === 'max') {
      let acc = this.ev(args[0], from, to);
      for (const arg of args.slice(1)) {
        const next: Seg[] = [];
        for (const a of acc) {
          for (const b of this.ev(arg, a.from, a.to)) {
            const d = vAdd(a.v, vNeg(b.v));
            if (hasC(d.num)) throw new NotExact(`${fn} of expressions in the constant`);
            for (const r of signRanges(signPoly(d), b.from, b.to)) {
              const aWins = fn === 'max' ? r.sign >= 0 : r.sign <= 0;
              next.push({ from: r.from, to: r.to, v: aWins ? a.v : b.v });
            }
          }
        }
        this.count(next.length);
        acc = next;
      }
      return acc;
    }
    // The rest only on constants.
    const x = this.constant_(args[0], from, to);
    const one = (q: Q): Seg[] => [{ from, to, v: val(Poly.constant(q)) }];
    if (x !== null) {
      if (fn === 'floor') return one(Q.of(floorQ(x)));
      if (fn === 'ceil') return one(Q.of(-floorQ(x.neg())));
      if (fn === 'sqrt') {
        const n = sqrtBig(x.num), d = sqrtBig(x.den);
        if (n !== null && d !== null) return one(Q.of(n, d));
        throw new NotExact(`sqrt(${x}) is not rational`);
      }
      if (x.isZero() && (fn === 'exp' || fn === 'cos')) return one(Q.ONE);
      if (x.isZero() && fn === 'sin') return one(Q.ZERO);
      if (x.equals(Q.ONE) && fn === 'log') return one(Q.ZERO);
      throw new NotExact(`${fn}(${x}) is not rational`);
    }
    throw new NotExact(`${fn} of an expression in L`);
  }
}

// ---------------------------------------------------------------------------------------------
// Monotonicity of the margin in a quantity (for upper-bound forms)

/** 1: >= 0, -1: <= 0, null: unknown — read off the expression's structure. */
function signOf(e: Expr, params: ReadonlyMap<string, Q>, constant: string | null): 1 | -1 | null {
  const s = (x: Expr) => signOf(x, params, constant);
  switch (e.kind) {
    case 'num': return 1;
    case 'name':
      if (e.name === constant || e.name === 'pi' || nonNegative.includes(e.name)) return 1;
      if (params.has(e.name)) return params.get(e.name)!.sign() >= 0 ? 1 : -1;
      return null;
    case 'unary': { const a = s(e.arg); return e.op === '-' && a !== null ? (-a as 1 | -1) : a; }
    case 'binary': {
      const a = s(e.left), b = s(e.right);
      if (e.op === '+') return a !== null && a === b ? a : null;
      if (e.op === '-') return a !== null && b !== null && a === -b ? a : null;
      if (e.op === '*' || e.op === '/') return a === null || b === null ? null : ((a * b) as 1 | -1);
      if (e.op === '^') {
        if (a === 1) return 1;
        return e.right.kind === 'num' && Number.isInteger(Number(e.right.text)) && Number(e.right.text) % 2 === 0 ? 1 : null;
      }
      return null;
    }
    case 'call':
      if (e.fn === 'abs' || e.fn === 'sqrt' || e.fn === 'exp') return 1;
      if (e.fn === 'min' || e.fn === 'max') { const v = e.args.map(s); return v.every((x) => x !== null && x === v[0]) ? v[0] : null; }
      if (e.fn === 'floor' || e.fn === 'ceil') return s(e.args[0]);
      return null;
    default: return null;
  }
}

function contains(e: Expr, name: string): boolean {
  switch (e.kind) {
    case 'name': return e.name === name;
    case 'unary': return contains(e.arg, name);
    case 'binary': return contains(e.left, name) || contains(e.right, name);
    case 'call': return e.args.some((a) => contains(a, name));
    default: return false;
  }
}

type Polarity = 1 | -1 | 0 | null;
const combine = (a: Polarity, b: Polarity): Polarity => (a === 0 ? b : b === 0 ? a : a === b ? a : null);

/**
 * How e (with sign s in the margin) moves with the quantity q: 1 the margin grows with q, -1 it
 * shrinks, 0 q is absent, null unknown.
 */
function polarity(e: Expr, q: string, s: 1 | -1, params: ReadonlyMap<string, Q>, constant: string | null): Polarity {
  const pol = (x: Expr, t: 1 | -1) => polarity(x, q, t, params, constant);
  const sign = (x: Expr) => signOf(x, params, constant);
  if (!contains(e, q)) return 0;
  switch (e.kind) {
    case 'name': return s;
    case 'unary': return pol(e.arg, e.op === '-' ? (-s as 1 | -1) : s);
    case 'binary': {
      const lq = contains(e.left, q), rq = contains(e.right, q);
      if (e.op === '+') return combine(pol(e.left, s), pol(e.right, s));
      if (e.op === '-') return combine(pol(e.left, s), pol(e.right, -s as 1 | -1));
      if (lq && rq) return null;
      if (e.op === '*') {
        const other = sign(lq ? e.right : e.left);
        return other === null ? null : pol(lq ? e.left : e.right, (s * other) as 1 | -1);
      }
      if (e.op === '/') {
        const sl = sign(e.left), sr = sign(e.right);
        if (lq) return sr === null ? null : pol(e.left, (s * sr) as 1 | -1);
        // d(a/b)/db = -a/b^2, on one side of 0
        return sl === null || sr === null ? null : pol(e.right, (-s * sl) as 1 | -1);
      }
      if (e.op === '^' && lq && e.right.kind === 'num' && sign(e.left) === 1) return pol(e.left, Number(e.right.text) >= 0 ? s : (-s as 1 | -1));
      return null;
    }
    case 'call': {
      if (e.fn === 'abs') { const a = sign(e.args[0]); return a === null ? null : pol(e.args[0], (s * a) as 1 | -1); }
      if (['sqrt', 'exp', 'log', 'floor', 'ceil'].includes(e.fn)) return pol(e.args[0], s);
      if (e.fn === 'min' || e.fn === 'max') return e.args.reduce<Polarity>((acc, a) => (acc === null ? null : combine(acc, pol(a, s))), 0);
      return null;
    }
    default: return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The decision

/** One range of t (in one parity branch) with the sign polynomial of the margin, P(t, c). */
interface MarginSeg { readonly parity: Parity; readonly from: number; readonly to: number | null; readonly P: Poly }

/** What an `exists c` claim comes to. */
export interface ExistsDecision {
  /**
   * bounded: a constant works for every L; unbounded: the smallest working c grows without bound;
   * vanishing: the largest working c shrinks to 0; none-at-L: no c > 0 works at `firstFailingL`.
   */
  readonly kind: 'bounded' | 'unbounded' | 'vanishing' | 'none-at-L';
  /** The limit of the critical constant as L grows (exact), per parity where they differ. */
  readonly limit: string | null;
  /** For unbounded/vanishing: a constant and the first L where the claim fails with it (exactly). */
  readonly witness?: { readonly c: string; readonly L: number };
  /** The critical constant at sample L (from the forms): the smallest working c, or the largest for a lower-bound claim. */
  readonly constants: readonly { readonly L: number; readonly c: number }[];
  /** True when a larger c helps (abs(J) <= c*L^2), false when a smaller one does (abs(J) >= c*L^4). */
  readonly upperClaim: boolean;
}

export interface ExactDecision {
  /** derived: every used form derived and exact; upper bound: some are derived upper bounds entering monotonically; guide: conjectured forms were used. */
  readonly basis: 'derived' | 'derived upper bound' | 'guide';
  /** The L the forms cover (to = null: every L >= from). */
  readonly range: { readonly from: number; readonly to: number | null };
  readonly verdict: 'holds' | 'fails';
  /** The smallest L of the range where the claim fails (plain claims; none-at-L exists claims). */
  readonly firstFailingL: number | null;
  /**
   * For a plain claim that fails: whether its two sides are exactly equal at `firstFailingL` (a
   * strict claim failing at equality, exactly), rather than apart.
   */
  readonly equalAtFirstFailure?: boolean;
  readonly exists?: ExistsDecision;
  /** The quantities the claim uses and the status of their forms. */
  readonly forms: Readonly<Record<string, FormStatus | 'upper bound'>>;
  /** How many ranges of L (times parity) were decided. */
  readonly segments: number;
}

/** Names a claim uses. */
function namesIn(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'name': out.add(e.name); break;
    case 'unary': namesIn(e.arg, out); break;
    case 'binary': namesIn(e.left, out); namesIn(e.right, out); break;
    case 'call': e.args.forEach((a) => namesIn(a, out)); break;
    default: break;
  }
  return out;
}

/** The model's params as exact rationals (their decimal text, so 0.1 is 1/10). */
export function exactParams(model: ModelSpec): Map<string, Q> {
  const out = new Map<string, Q>();
  for (const p of model.params) {
    try { out.set(p.name, Q.parse(p.text)); } catch { throw new NotExact(`the param ${p.name} = ${p.text} is not an exact decimal`); }
  }
  return out;
}

function branch(f: ParityForm, p: Parity): ClosedForm {
  return f.kind === 'single' ? f.form : p === 'odd' ? f.odd : f.even;
}

/** A quantity's form as a polynomial in t, exactly. */
function exactPoly(c: ClosedForm, q: string, params: ReadonlyMap<string, Q>, L: Poly): Poly {
  for (const term of c.terms) if (term.base) throw new NotExact(`${q} has the factor (${term.base.text})^L, not a polynomial in L`);
  const p = (c.asPoly() ?? Poly.ZERO).evaluateExact(Object.fromEntries(params));
  const extra = p.variables().filter((v) => v !== 'L');
  if (extra.length) throw new NotExact(`${q} involves ${extra.join(', ')}, which is not a rational number`);
  return p.subst('L', L);
}

interface Setup {
  readonly segs: MarginSeg[];
  readonly range: { from: number; to: number | null };
  readonly forms: Record<string, FormStatus | 'upper bound'>;
  readonly upper: string[];
}

function setUp(claim: Claim, forms: FamilyForms, model: ModelSpec, mode: 'derived' | 'guide'): Setup {
  const params = exactParams(model);
  const used = [...new Set([...namesIn(claim.lhs), ...namesIn(claim.rhs)])];
  if (used.includes('pi')) throw new NotExact('pi is not rational');
  if (used.includes('omegaGammaMax')) throw new NotExact('omegaGammaMax has no closed form');
  // A named channel's current J[name] stands in the claim as channelCurrentName(name); its form
  // is the family's `J[name]` (scaling's per-channel forms).
  const formOf = (q: string): QuantityForm | null => {
    const channel = channelOfName(q);
    return channel === null ? forms[q as Quantity] : (forms as Readonly<Record<string, QuantityForm | null>>)[`J[${channel}]`] ?? null;
  };
  const shown = (q: string): string => { const channel = channelOfName(q); return channel === null ? q : `J[${channel}]`; };
  const quantities = used.filter((n) => (formQuantities as readonly string[]).includes(n) || channelOfName(n) !== null);
  const status: Record<string, FormStatus | 'upper bound'> = {};
  const upper: string[] = [];
  for (const q of quantities) {
    const f = formOf(q);
    if (!f) throw new NotExact(`${shown(q)} has no closed form (numeric only)`);
    status[shown(q)] = f.status === 'derived' && f.upperBound ? 'upper bound' : f.status;
    if (f.status === 'numeric' || (mode === 'derived' && f.status !== 'derived')) throw new NotExact(`${shown(q)} is ${f.status}, not derived`);
    if (f.upperBound) upper.push(q);
  }
  if (mode === 'derived' && upper.length) {
    // An upper bound U >= q decides the claim only where the margin shrinks as q grows: then the
    // margin with U is at most the true one, so "holds with U" proves the claim; nothing refutes it.
    for (const q of upper) {
      const s: 1 | -1 = claim.op.startsWith('<') ? 1 : -1;
      const p = combine(polarity(claim.rhs, q, s, params, claim.exists), polarity(claim.lhs, q, -s as 1 | -1, params, claim.exists));
      if (p !== -1) throw new NotExact(`${q}'s form is an upper bound, and the claim ${p === 1 ? 'grows' : 'is not monotone'} with ${q}`);
    }
  }
  // Cells: ranges of L on which every used quantity has one piece.
  const cells: { from: number; to: number | null }[] = [];
  let cur = quantities.length ? Math.max(...quantities.map((q) => formOf(q)!.pieces[0].from)) : 1;
  const start = cur;
  let end: number | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const pieces = quantities.map((q) => formOf(q)!.pieces.find((p) => cur >= p.from && (p.to === null || cur <= p.to)));
    if (pieces.some((p) => !p)) { end = cur - 1; break; }
    const tos = pieces.map((p) => p!.to).filter((x): x is number => x !== null);
    const to = tos.length ? Math.min(...tos) : null;
    cells.push({ from: cur, to });
    if (to === null) { end = null; break; }
    cur = to + 1;
  }
  if (!cells.length) throw new NotExact('the forms cover no L');
  const segs: MarginSeg[] = [];
  for (const cell of cells) {
    const pieceOf = (q: string) => formOf(q)!.pieces.find((p) => cell.from >= p.from && (p.to === null || cell.from <= p.to))!;
    const parities: Parity[] = quantities.some((q) => pieceOf(q).form.kind === 'parity') ? ['even', 'odd'] : ['all'];
    for (const parity of parities) {
      const tr = tRange(parity, cell.from, cell.to);
      if (!tr) continue;
      const L = lOfT(parity);
      const names = new Map<string, Poly>([['L', L]]);
      const missing = new Map<string, string>();
      for (const [k, v] of params) names.set(k, Poly.constant(v));
      for (const q of quantities) {
        try { names.set(q, exactPoly(branch(pieceOf(q).form, parity), shown(q), params, L)); } catch (err) {
          if (!(err instanceof NotExact)) throw err;
          missing.set(q, err.reason);
        }
      }
      const ev = new Evaluator(names, missing, claim.exists);
      for (const a of ev.ev(claim.lhs, tr.from, tr.to)) {
        for (const b of ev.ev(claim.rhs, a.from, a.to)) {
          const m = claim.op.startsWith('<') ? vAdd(b.v, vNeg(a.v)) : vAdd(a.v, vNeg(b.v));
          // The claim must be defined at every L: no denominator vanishes there.
          if (!m.den.isConstant()) {
            const zero = signRanges(m.den, b.from, b.to).find((r) => r.sign === 0);
            if (zero) throw new NotExact(`the claim divides by zero at L = ${lAt(parity, zero.from)}`);
          }
          segs.push({ parity, from: b.from, to: b.to, P: signPoly(m) });
        }
      }
    }
  }
  return { segs, range: { from: start, to: end }, forms: status, upper };
}

/** The smallest L where the plain claim (or the claim with c fixed) fails, exactly, or null. */
function firstFailingL(segs: readonly MarginSeg[], strict: boolean, c: Q | null): number | null {
  let first: number | null = null;
  for (const s of segs) {
    const P = c !== null ? s.P.evaluateExact({ c }) : s.P;
    if (hasC(P)) throw new NotExact('the constant of an exists claim has no value');
    const t = firstFailure(P, s.from, s.to, strict);
    if (t !== null) { const L = lAt(s.parity, t); if (first === null || L < first) first = L; }
  }
  return first;
}

/** Whether the margin is exactly 0 at L, from the segment of the forms that holds L. */
function marginIsZeroAt(segs: readonly MarginSeg[], L: number): boolean {
  for (const s of segs) {
    const t = tOf(s.parity, L);
    if (t !== null && t >= s.from && (s.to === null || t <= s.to)) return valueAt(s.P, t).sign() === 0;
  }
  return false;
}

const leadT = (p: Poly): Q => p.coeff('t', p.degree('t')).constantValue() ?? Q.ZERO;

/** The Ls at which the critical constant is reported. */
const sampleLs = [...Array.from({ length: 12 }, (_, i) => i + 1), 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

function decideExists(claim: Claim, setup: Setup): { verdict: 'holds' | 'fails'; firstFailingL: number | null; exists: ExistsDecision } {
  const strict = claim.op.length === 1;
  let noneAt: number | null = null;
  let lower = false, upperSeen = false;
  const growth: { kind: 'unbounded' | 'vanishing'; seg: MarginSeg; from: number }[] = [];
  const limits = new Set<string>();
  for (const s of setup.segs) {
    if (s.P.degree('c') > 1) throw new NotExact(`the constant ${claim.exists} enters the claim non-linearly`);
    const A = s.P.coeff('c', 0), B = s.P.coeff('c', 1);
    for (const r of signRanges(B, s.from, s.to)) {
      if (r.sign === 0) {
        const t = firstFailure(A, r.from, r.to, strict);
        if (t !== null) noneAt = Math.min(noneAt ?? Infinity, lAt(s.parity, t));
        continue;
      }
      if (r.sign > 0) {
        lower = true; // c >= -A/B
        if (r.to === null) {
          const dA = A.degree('t'), dB = B.degree('t');
          if (dA > dB && leadT(A).sign() < 0) growth.push({ kind: 'unbounded', seg: s, from: r.from });
          else limits.add(dA < dB || A.isZero() ? '0' : dA === dB ? leadT(A).neg().div(leadT(B)).toString() : '-Infinity (every c > 0 works for large L)');
        }
      } else {
        upperSeen = true; // c <= A/(-B), which must be > 0
        const t = firstNegative(integral(A).sub(ONE), r.from, r.to);
        if (t !== null) noneAt = Math.min(noneAt ?? Infinity, lAt(s.parity, t));
        if (r.to === null) {
          const dA = A.degree('t'), dB = B.degree('t');
          if (dA < dB || A.isZero()) growth.push({ kind: 'vanishing', seg: s, from: r.from });
          else limits.add(dA > dB ? 'Infinity' : leadT(A).div(leadT(B).neg()).toString());
        }
      }
    }
  }
  const upperClaim = !(upperSeen && !lower);
  const constants = criticalConstants(setup.segs, upperClaim, strict);
  if (noneAt !== null) return { verdict: 'fails', firstFailingL: noneAt, exists: { kind: 'none-at-L', limit: null, constants, upperClaim } };
  if (growth.length) {
    const g = growth[0];
    // A concrete constant and the first L where it fails, exactly.
    const A = g.seg.P.coeff('c', 0), B = g.seg.P.coeff('c', 1);
    // Small L, so that the engine can confirm where the witness fails (2^L states on the site path).
    const ts = Array.from({ length: 4 }, (_, i) => g.from + i);
    const crit = ts.map((t) => { const a = valueAt(A, t), b = valueAt(B, t); return g.kind === 'unbounded' ? a.neg().div(b) : a.div(b.neg()); });
    let c0: Q;
    if (g.kind === 'unbounded') {
      const m = crit.reduce((x, y) => (y.cmp(x) > 0 ? y : x), Q.ONE);
      c0 = Q.of(floorQ(m) + 1n);
    } else {
      const m = crit.reduce((x, y) => (y.cmp(x) < 0 ? y : x), Q.ONE);
      c0 = m.div(TWO);
    }
    const L = firstFailingL(setup.segs, strict, c0);
    return {
      verdict: 'fails', firstFailingL: null,
      exists: { kind: g.kind, limit: g.kind === 'unbounded' ? 'Infinity' : '0', constants, upperClaim, ...(L !== null ? { witness: { c: c0.toString(), L } } : {}) },
    };
  }
  if (lower && upperSeen) throw new NotExact(`the claim bounds ${claim.exists} from below at some L and from above at others; that interval is not decided exactly`);
  return { verdict: 'holds', firstFailingL: null, exists: { kind: 'bounded', limit: limits.size ? [...limits].join('; ') : null, constants, upperClaim } };
}

/**
 * The critical constant at the sample Ls, from the forms (floats, for display): for an upper claim
 * (a larger c helps) the smallest working c (0 when every c works, Infinity when none does), for a
 * lower claim the largest (0 when none works).
 */
function criticalConstants(segs: readonly MarginSeg[], upperClaim: boolean, strict: boolean): { L: number; c: number }[] {
  const out: { L: number; c: number }[] = [];
  for (const L of sampleLs) {
    const s = segs.find((x) => {
      const t = tOf(x.parity, L);
      return t !== null && t >= x.from && (x.to === null || t <= x.to);
    });
    if (!s) continue;
    const t = tOf(s.parity, L)!;
    const a = valueAt(s.P.coeff('c', 0), t), b = valueAt(s.P.coeff('c', 1), t);
    const ok = strict ? a.sign() > 0 : a.sign() >= 0;
    let c: number;
    if (b.isZero()) c = upperClaim ? (ok ? 0 : Infinity) : ok ? Infinity : 0;
    else if (b.sign() > 0) c = Math.max(0, a.neg().div(b).toNumber());
    else c = Math.max(0, a.div(b.neg()).toNumber());
    out.push({ L, c });
  }
  return out;
}

/** The t of an L in a parity branch, or null when L has the other parity. */
function tOf(p: Parity, L: number): number | null {
  if (p === 'all') return L;
  if ((L % 2 === 0) !== (p === 'even')) return null;
  return p === 'even' ? L / 2 : (L - 1) / 2;
}

/**
 * Decides a claim from a family's forms for every L of their range.
 *
 * mode 'derived': only derived forms (exact, or upper bounds entering so that the margin shrinks
 * as they grow); a verdict 'fails' with basis 'derived' is the exact first failing L (still to be
 * confirmed by the engine), 'fails' with basis 'derived upper bound' never happens (it throws).
 * mode 'guide': conjectured forms too; the result only says where to look.
 *
 * @throws NotExact with the reason when the claim cannot be decided this way
 * @example decideClaimExactly(parseClaim('abs(J) <= 5000*L^2'), allflipForms, allflip).firstFailingL // 5001
 */
export function decideClaimExactly(claim: Claim, forms: FamilyForms, model: ModelSpec, mode: 'derived' | 'guide' = 'derived'): ExactDecision {
  const setup = setUp(claim, forms, model, mode);
  const basis = mode === 'guide' ? 'guide' : setup.upper.length ? 'derived upper bound' : 'derived';
  const common = { basis, range: setup.range, forms: setup.forms, segments: setup.segs.length } as const;
  if (!claim.exists) {
    const L = firstFailingL(setup.segs, claim.op.length === 1, null);
    if (L !== null && basis === 'derived upper bound') throw new NotExact(`with the upper-bound forms of ${setup.upper.join(', ')} the claim fails at L = ${L}, which refutes nothing`);
    return { ...common, verdict: L === null ? 'holds' : 'fails', firstFailingL: L, ...(L === null ? {} : { equalAtFirstFailure: marginIsZeroAt(setup.segs, L) }) };
  }
  const d = decideExists(claim, setup);
  if (d.verdict === 'fails' && basis === 'derived upper bound') throw new NotExact(`with the upper-bound forms of ${setup.upper.join(', ')} no constant works, which refutes nothing`);
  return { ...common, ...d };
}
