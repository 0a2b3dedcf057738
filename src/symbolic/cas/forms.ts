/**
 * Simplified, expanded and factored forms. Every library answer is a candidate that must equal
 * the input numerically (see backends.ts); among the valid candidates the shortest printed text
 * wins, earlier candidates on ties, so the result is deterministic.
 */
import { compareNumerically } from './approx.js';
import { add, div, type Expr, mul, neg, num, pow, variables } from './ast.js';
import { type Backends, runOp } from './backends.js';
import { factorByContent } from './content.js';
import { productForm } from './product.js';
import { printText } from './print-text.js';

/** The candidate with the shortest printed text (the first on ties); null if none. */
function shortest(candidates: readonly (Expr | null)[]): Expr | null {
  let best: Expr | null = null;
  let bestLength = Infinity;
  for (const c of candidates) {
    if (!c) continue;
    const n = printText(c).length;
    if (n < bestLength) { best = c; bestLength = n; }
  }
  return best;
}

/** A product of powers of variables and numbers (L, 4*L^2, g*T). */
export function isMonomial(e: Expr): boolean {
  switch (e.kind) {
    case 'num': case 'sym': return true;
    case 'mul': return e.factors.every(isMonomial);
    case 'pow': return e.exp.kind === 'num' && e.exp.value.isInteger() && isMonomial(e.base);
    default: return false;
  }
}

/**
 * Whether a denominator holds more than a monomial (1/(L+1), not 1/(4*L)): only then are
 * numerator and denominator split (algebrite, slow); monomial denominators come out with the content.
 */
export function hasSumDenominator(e: Expr): boolean {
  switch (e.kind) {
    case 'num': case 'sym': return false;
    case 'add': return e.terms.some(hasSumDenominator);
    case 'mul': return e.factors.some(hasSumDenominator);
    case 'call': return hasSumDenominator(e.arg);
    case 'pow':
      return (e.exp.kind === 'num' && e.exp.value.sign() < 0 && variables(e.base).length > 0 && !isMonomial(e.base))
        || hasSumDenominator(e.base) || hasSumDenominator(e.exp);
  }
}

/** A polynomial in its variables (constants such as sqrt(2) allowed). */
function isPolynomial(e: Expr): boolean {
  if (variables(e).length === 0) return true;
  switch (e.kind) {
    case 'num': case 'sym': return true;
    case 'add': return e.terms.every(isPolynomial);
    case 'mul': return e.factors.every(isPolynomial);
    case 'pow': return e.exp.kind === 'num' && e.exp.value.isInteger() && e.exp.value.sign() >= 0 && isPolynomial(e.base);
    case 'call': return false;
  }
}

/** Base and integer multiplicity of a factor. */
function baseAndPower(f: Expr): [Expr, number] {
  if (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.isInteger()) return [f.base, Number(f.exp.value.num)];
  return [f, 1];
}

const sameValue = (x: Expr | null, e: Expr): Expr | null =>
  x && compareNumerically(x, e, variables(e)).verdict === 'equal' ? x : null;

/** The content (rational and monomial) taken out of the expanded form, the rest factored by nerdamer. */
function factorExpanded(e: Expr, expanded: Expr | null, b: Backends): Expr | null {
  return expanded ? sameValue(factorByContent(expanded, b), e) : null;
}

/** A polynomial factored: content first, else nerdamer directly. */
function factorPolynomial(p: Expr, b: Backends): Expr {
  return shortest([factorExpanded(p, runOp(b.nerdamer, 'expand', p), b), runOp(b.nerdamer, 'factor', p)]) ?? p;
}

/**
 * Numerator and denominator (algebrite), each factored, then common factors cancelled (nerdamer's
 * own gcd and rational factoring are wrong for several inputs).
 */
function factorRational(e: Expr, b: Backends): Expr | null {
  const n = runOp(b.algebrite, 'numerator', e);
  const d = runOp(b.algebrite, 'denominator', e);
  // exp(x) over exp(y) is a rational function of nothing: not a factored form anyone wants.
  if (!n || !d || !isPolynomial(n) || !isPolynomial(d)) return null;
  if (compareNumerically(div(n, d), e, variables(e)).verdict !== 'equal') return null;
  const pn = productForm(factorPolynomial(n, b));
  const pd = productForm(factorPolynomial(d, b));
  let sign = pn.sign * pd.sign;
  const top = [...pn.numer.map(baseAndPower), ...pd.denom.map(baseAndPower)];
  const bottom = [...pn.denom.map(baseAndPower), ...pd.numer.map(baseAndPower)];
  for (const t of top) {
    const key = printText(t[0]);
    const negKey = t[0].kind === 'add' ? printText(add(...t[0].terms.map(neg))) : null;
    for (const u of bottom) {
      if (t[1] === 0 || u[1] === 0) continue;
      const k = printText(u[0]);
      if (k !== key && k !== negKey) continue;
      const m = Math.min(t[1], u[1]);
      if (k !== key && m % 2 === 1) sign = -sign;
      t[1] -= m;
      u[1] -= m;
    }
  }
  const powered = ([base, k]: [Expr, number], s: number): Expr[] => (k === 0 ? [] : [k * s === 1 ? base : pow(base, num(k * s))]);
  const result = mul(
    num(sign < 0 ? pn.coef.div(pd.coef).neg() : pn.coef.div(pd.coef)),
    ...top.flatMap((t) => powered(t, 1)),
    ...bottom.flatMap((u) => powered(u, -1)),
  );
  return sameValue(result, e);
}

/** A factored form: over Q for polynomials, numerator and denominator for rational functions. */
export function factorExpr(e: Expr, b: Backends): Expr | null {
  const expanded = runOp(b.nerdamer, 'expand', e);
  // nerdamer factors an expression that is 0 after expansion to 1: expansion settles it.
  if (expanded?.kind === 'num') return expanded;
  const rational = hasSumDenominator(e) ? factorRational(e, b) : null;
  return shortest([rational, factorExpanded(e, expanded, b), runOp(b.nerdamer, 'factor', e)]);
}

/** An expanded form (nerdamer, else algebrite). */
export function expandExpr(e: Expr, b: Backends): Expr | null {
  return runOp(b.nerdamer, 'expand', e) ?? runOp(b.algebrite, 'expand', e);
}

/**
 * The shortest of: factored, nerdamer-simplified, expanded forms (algebrite's when nerdamer has
 * none), and the input reprinted. Null when no library gave a valid answer.
 */
export function simplifyExpr(e: Expr, b: Backends): Expr | null {
  let found = shortest([factorExpr(e, b), runOp(b.nerdamer, 'simplify', e), runOp(b.nerdamer, 'expand', e)]);
  // algebrite's simplify is slow (0.1 s on small rational functions): only when nerdamer failed.
  found ??= shortest([runOp(b.algebrite, 'simplify', e), runOp(b.algebrite, 'expand', e)]);
  return found && shortest([found, e]);
}
