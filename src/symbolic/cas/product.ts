/**
 * The presentation of a product: sign, rational coefficient, numerator and denominator factors,
 * in a fixed order (constants, params by name, the size variable, other factors, exp last). It
 * rearranges, never computes beyond numbers, so printing is exact and deterministic. Sums get a
 * fixed term order too (orderTerms).
 */
import { Q } from '../rational.js';
import { add, call, contains, type Expr, mul, neg, num, pow, variables } from './ast.js';

/** Numbers to larger powers stay unevaluated (2^100000 is no coefficient to print). */
const MAX_FOLDED_POWER = 64;

/** The size variable: printed after the params, and the degree that orders sum terms. */
const SIZE_VARIABLE = 'L';

export interface ProductForm {
  /** Sign and |coefficient| of the whole product. */
  readonly sign: 1 | -1;
  readonly coef: Q;
  /** Factors with positive exponents: numerator, then denominator. */
  readonly numer: readonly Expr[];
  readonly denom: readonly Expr[];
}

/** The product form of any tree (a non-product is a product of one factor). */
export function productForm(e: Expr): ProductForm {
  let coef = Q.ONE;
  const numer: Expr[] = [];
  const denom: Expr[] = [];
  const collect = (x: Expr, k: number): void => {
    if (k === 0) return; // x^0 is 1, as Math.pow has it
    if (x.kind === 'num') { coef = coef.mul(x.value.pow(k)); return; }
    if (x.kind === 'mul') { for (const f of x.factors) collect(f, k); return; }
    // exp(-x) reads better than 1/exp(x): exponentials stay in the numerator.
    if (x.kind === 'call' && x.fn === 'exp') { numer.push(k === 1 ? x : call('exp', mul(num(k), x.arg))); return; }
    if (x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.isInteger() && Number.isSafeInteger(Number(x.exp.value.num))) {
      const n = Number(x.exp.value.num) * k;
      // (a*b)^n = a^n*b^n, (a^m)^n = a^(m*n), exp(a)^n = exp(n*a) and q^n hold for integers m, n.
      const small = Math.abs(n) <= MAX_FOLDED_POWER;
      if ((x.base.kind === 'mul' && small) || (x.base.kind === 'call' && x.base.fn === 'exp')
        || (x.base.kind === 'pow' && x.base.exp.kind === 'num' && x.base.exp.value.isInteger())
        || (x.base.kind === 'num' && !x.base.value.isZero() && small)) {
        collect(x.base, n);
        return;
      }
      if (n === 0) return;
      (n > 0 ? numer : denom).push(Math.abs(n) === 1 ? x.base : pow(x.base, num(Math.abs(n))));
      return;
    }
    if (x.kind === 'pow' && x.exp.kind === 'num' && x.exp.value.sign() < 0) {
      const e2 = x.exp.value.neg();
      (k > 0 ? denom : numer).push(pow(x.base, num(e2.mul(Q.of(Math.abs(k))))));
      return;
    }
    (k > 0 ? numer : denom).push(Math.abs(k) === 1 ? x : pow(x, num(Math.abs(k))));
  };
  collect(e, 1);
  let sign: 1 | -1 = coef.sign() < 0 ? -1 : 1;
  // Sums with a positive leading term, as a CAS prints them: -x*(1-L) is x*(L-1).
  const positive = (f: Expr): Expr => {
    const [base, k] = f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.isInteger() ? [f.base, f.exp] : [f, null];
    if (base.kind !== 'add' || orderTerms(base.terms)[0].form.sign > 0) return f;
    if (!k || k.value.num % 2n !== 0n) sign = sign < 0 ? 1 : -1;
    const flipped = add(...base.terms.map(neg));
    return k ? pow(flipped, k) : flipped;
  };
  const top = sortFactors(numer.map(positive)), bottom = sortFactors(denom.map(positive));
  return { sign, coef: coef.abs(), numer: top, denom: bottom };
}

/** Rank of a factor in a printed product. */
function rank(f: Expr): number {
  const base = baseOf(f);
  if (f.kind === 'call' && f.fn === 'exp') return 5;
  if (variables(f).length === 0) return 0;
  if (base.kind === 'sym') return base.name === SIZE_VARIABLE ? 2 : 1;
  return contains(f, SIZE_VARIABLE) ? 4 : 3;
}

/** The base of a power or square root (sqrt(g) sorts with g). */
function baseOf(f: Expr): Expr {
  return f.kind === 'pow' ? f.base : f.kind === 'call' && f.fn === 'sqrt' ? f.arg : f;
}

function symbolName(f: Expr): string {
  const base = baseOf(f);
  return base.kind === 'sym' ? base.name : '';
}

function compareNames(a: string, b: string): number {
  const la = a.toLowerCase(), lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function sortFactors(fs: Expr[]): Expr[] {
  // Array.prototype.sort is stable: compound factors keep their order.
  return [...fs].sort((a, b) => rank(a) - rank(b) || (rank(a) <= 2 ? compareNames(symbolName(a), symbolName(b)) : 0));
}

/** Degree of a product in the variable v (numerator minus denominator), over numeric powers. */
function degreeIn(p: ProductForm, v: string): number {
  const deg = (fs: readonly Expr[]): number => fs.reduce((s, f) => {
    if (f.kind === 'sym' && f.name === v) return s + 1;
    if (f.kind === 'pow' && f.base.kind === 'sym' && f.base.name === v && f.exp.kind === 'num') return s + f.exp.value.toNumber();
    return s;
  }, 0);
  return deg(p.numer) - deg(p.denom);
}

/** Total degree over all variables (numeric powers of symbols only). */
function totalDegree(p: ProductForm): number {
  const deg = (fs: readonly Expr[]): number => fs.reduce((s, f) => {
    if (f.kind === 'sym') return s + 1;
    if (f.kind === 'pow' && f.base.kind === 'sym' && f.exp.kind === 'num') return s + f.exp.value.toNumber();
    return s;
  }, 0);
  return deg(p.numer) - deg(p.denom);
}

/**
 * The terms of a sum in print order: terms without exp first (1 - exp(-x), L^2 - L^3*exp(-L)),
 * then descending degree in the size variable, positive before negative (1 - x rather than
 * -x + 1), descending total degree, and lexicographic in the variables; ties keep their order.
 */
export function orderTerms(terms: readonly Expr[]): { term: Expr; form: ProductForm }[] {
  const withForms = terms.map((term) => ({ term, form: productForm(term), powers: symbolPowers(productForm(term)) }));
  return withForms.sort((a, b) =>
    hasExp(a.form) - hasExp(b.form)
    || degreeIn(b.form, SIZE_VARIABLE) - degreeIn(a.form, SIZE_VARIABLE)
    || b.form.sign - a.form.sign
    || totalDegree(b.form) - totalDegree(a.form)
    || lexicographic(a.powers, b.powers));
}

const hasExp = (p: ProductForm): number => (p.numer.some((f) => f.kind === 'call' && f.fn === 'exp') ? 1 : 0);

/** Powers of the variables in a product (numeric exponents only). */
function symbolPowers(p: ProductForm): Map<string, number> {
  const m = new Map<string, number>();
  const take = (fs: readonly Expr[], s: number): void => {
    for (const f of fs) {
      if (f.kind === 'sym') m.set(f.name, (m.get(f.name) ?? 0) + s);
      else if (f.kind === 'pow' && f.base.kind === 'sym' && f.exp.kind === 'num') m.set(f.base.name, (m.get(f.base.name) ?? 0) + s * f.exp.value.toNumber());
    }
  };
  take(p.numer, 1);
  take(p.denom, -1);
  return m;
}

/** Lexicographic monomial order: g^2 before g*w0 before w0^2. */
function lexicographic(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  for (const n of [...new Set([...a.keys(), ...b.keys()])].sort(compareNames)) {
    const d = (b.get(n) ?? 0) - (a.get(n) ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
