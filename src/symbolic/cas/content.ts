/**
 * Factoring a polynomial by its content first: the rational content and the common powers of the
 * variables come out exactly (our code), then nerdamer factors the primitive rest. nerdamer alone
 * leaves -g*w0*L^2/4 - g*w0*L/2 + 3*g*w0/4 unfactored (it factors the univariate L^2 + 2*L - 3),
 * and algebrite's factor(p, x), which would do it, can take seconds on small inputs.
 */
import { Q } from '../rational.js';
import { add, type Expr, mul, num, pow, sym } from './ast.js';
import { type Backends, runOp } from './backends.js';
import { orderTerms, type ProductForm } from './product.js';

interface Monomial {
  readonly coef: Q;
  readonly powers: ReadonlyMap<string, number>;
  /** Factors that are not powers of a variable (exp(...), sqrt(...), 1/(L+1)). */
  readonly rest: readonly Expr[];
}

function monomial(form: ProductForm): Monomial {
  const powers = new Map<string, number>();
  const rest: Expr[] = [];
  const take = (f: Expr, sign: 1 | -1): void => {
    if (f.kind === 'sym') powers.set(f.name, (powers.get(f.name) ?? 0) + sign);
    else if (f.kind === 'pow' && f.base.kind === 'sym' && f.exp.kind === 'num' && f.exp.value.isInteger()) {
      powers.set(f.base.name, (powers.get(f.base.name) ?? 0) + sign * Number(f.exp.value.num));
    } else rest.push(sign > 0 ? f : pow(f, num(-1)));
  };
  form.numer.forEach((f) => take(f, 1));
  form.denom.forEach((f) => take(f, -1));
  return { coef: form.sign < 0 ? form.coef.neg() : form.coef, powers, rest };
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

const power = (name: string, k: number): Expr => (k === 0 ? num(1) : k === 1 ? sym(name) : pow(sym(name), num(k)));

/**
 * content * primitive part for a sum of monomial terms (e.g. an expanded polynomial), with the
 * primitive part factored by nerdamer when it can. The content's sign makes the leading term of
 * the primitive part positive. Null for a single term.
 */
export function factorByContent(p: Expr, b: Backends): Expr | null {
  if (p.kind !== 'add') return null;
  const monomials = orderTerms(p.terms).map(({ form }) => monomial(form));
  let g = 0n, l = 1n;
  for (const m of monomials) {
    g = gcd(g, m.coef.num);
    l = (l * m.coef.den) / gcd(l, m.coef.den);
  }
  const content = Q.of(monomials[0].coef.sign() < 0 ? -g : g, l);
  const names = [...new Set(monomials.flatMap((m) => [...m.powers.keys()]))].sort();
  const common = new Map(names.map((n) => [n, Math.min(...monomials.map((m) => m.powers.get(n) ?? 0))]));
  const primitive = add(...monomials.map((m) => mul(
    num(m.coef.div(content)),
    ...names.map((n) => power(n, (m.powers.get(n) ?? 0) - common.get(n)!)),
    ...m.rest,
  )));
  const factored = runOp(b.nerdamer, 'factor', primitive) ?? primitive;
  return mul(num(content), ...names.map((n) => power(n, common.get(n)!)), factored);
}
