/**
 * LaTeX printing for papers: `-\frac{g w_0 L (L+2)}{4}`, `e^{-w_0 L/T}`, `\sqrt{g T}`. Factors
 * are juxtaposed with spaces; `\cdot` only where a digit would follow another factor. Exponents
 * use inline slashes (`e^{-w_0 L/T}`), everything else `\frac`.
 */
import type { Expr, FunctionName } from './ast.js';
import { orderTerms, productForm, type ProductForm } from './product.js';
import { texName } from './tex-names.js';

type Mode = 'display' | 'inline';

/**
 * The LaTeX of a tree (no simplification: only the order of factors and terms is fixed).
 *
 * @example
 * printTex(parse('-g*w0*L*(L+2)/4')) // "-\\frac{g w_0 L (L+2)}{4}"
 */
export function printTex(e: Expr): string {
  return tex(e, 'display');
}

function tex(e: Expr, mode: Mode): string {
  if (e.kind !== 'add') return signed(productForm(e), mode);
  return orderTerms(e.terms).map(({ form }, i) =>
    (i === 0 ? signed(form, mode) : (form.sign < 0 ? '-' : '+') + unsigned(form, mode))).join('');
}

const signed = (p: ProductForm, mode: Mode): string => (p.sign < 0 ? '-' : '') + unsigned(p, mode);

function juxtapose(parts: string[]): string {
  return parts.map((p, i) => (i === 0 ? p : /^\d/.test(p) ? ` \\cdot ${p}` : ` ${p}`)).join('');
}

function unsigned(p: ProductForm, mode: Mode): string {
  const numer = p.numer.map((f) => factor(f, mode));
  if (p.coef.num !== 1n || numer.length === 0) numer.unshift(p.coef.num.toString());
  const denom = p.denom.map((f) => factor(f, mode));
  if (p.coef.den !== 1n) denom.unshift(p.coef.den.toString());
  if (denom.length === 0) return juxtapose(numer);
  if (mode === 'display') {
    // A lone sum over or under the bar needs no parentheses.
    const top = numer.length === 1 && p.numer.length === 1 && p.numer[0].kind === 'add' ? tex(p.numer[0], mode) : juxtapose(numer);
    const bottom = denom.length === 1 && p.denom.length === 1 && p.denom[0].kind === 'add' ? tex(p.denom[0], mode) : juxtapose(denom);
    return `\\frac{${top}}{${bottom}}`;
  }
  return `${juxtapose(numer)}/${denom.length === 1 ? denom[0] : `(${juxtapose(denom)})`}`;
}

function paren(inner: string): string {
  return inner.includes('\\frac') ? `\\left(${inner}\\right)` : `(${inner})`;
}

function factor(f: Expr, mode: Mode): string {
  switch (f.kind) {
    case 'sym': return texName(f.name);
    case 'num':
      return f.value.sign() >= 0 && f.value.isInteger() ? f.value.toString() : paren(tex(f, mode));
    case 'add': case 'mul': return paren(tex(f, mode));
    case 'call': return texCall(f.fn, f.arg, mode);
    case 'pow': {
      if (f.exp.kind === 'num' && f.exp.value.num === 1n && f.exp.value.den === 2n) return `\\sqrt{${tex(f.base, mode)}}`;
      const simple = f.base.kind === 'sym' || (f.base.kind === 'num' && f.base.value.sign() >= 0 && f.base.value.isInteger());
      return `${simple ? factor(f.base, mode) : paren(tex(f.base, mode))}^{${tex(f.exp, 'inline')}}`;
    }
  }
}

function texCall(fn: FunctionName, argument: Expr, mode: Mode): string {
  const arg = tex(argument, fn === 'exp' ? 'inline' : mode);
  const tall = arg.includes('\\frac');
  switch (fn) {
    case 'exp': return `e^{${arg}}`;
    case 'sqrt': return `\\sqrt{${arg}}`;
    case 'log': return `\\ln${paren(arg)}`;
    case 'abs': return tall ? `\\left|${arg}\\right|` : `|${arg}|`;
    case 'floor': return tall ? `\\left\\lfloor ${arg}\\right\\rfloor` : `\\lfloor ${arg}\\rfloor`;
  }
}
