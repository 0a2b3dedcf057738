/**
 * Plain-text printing: readable (`-g*w0*L*(L+2)/4`, `1/4 + 1/(2*L)`), re-parseable by `parse`,
 * with spaces around + and - at the top level only. Also the fully parenthesised text sent to the
 * libraries, so their precedence rules never matter.
 */
import type { Expr } from './ast.js';
import { orderTerms, productForm, type ProductForm } from './product.js';

/**
 * The readable text of a tree.
 *
 * @example
 * printText(parse('L*(2+L)*g*w0*(-1/4)')) // "-g*w0*L*(L+2)/4"
 */
export function printText(e: Expr): string {
  return print(e, false);
}

function print(e: Expr, nested: boolean): string {
  return e.kind === 'add' ? printSum(e.terms, nested) : signed(productForm(e));
}

function printSum(terms: readonly Expr[], nested: boolean): string {
  return orderTerms(terms).map(({ form }, i) => {
    if (i === 0) return signed(form);
    const op = form.sign < 0 ? '-' : '+';
    return (nested ? op : ` ${op} `) + unsigned(form);
  }).join('');
}

const signed = (p: ProductForm): string => (p.sign < 0 ? '-' : '') + unsigned(p);

function unsigned(p: ProductForm): string {
  const numer = p.numer.map(factor);
  if (p.coef.num !== 1n || numer.length === 0) numer.unshift(p.coef.num.toString());
  const denom = p.denom.map(factor);
  if (p.coef.den !== 1n) denom.unshift(p.coef.den.toString());
  const top = numer.join('*');
  if (denom.length === 0) return top;
  return `${top}/${denom.length === 1 ? denom[0] : `(${denom.join('*')})`}`;
}

function factor(f: Expr): string {
  switch (f.kind) {
    case 'sym': return f.name;
    case 'num': return f.value.sign() >= 0 && f.value.isInteger() ? f.value.toString() : `(${f.value})`;
    case 'call': return `${f.fn}(${print(f.arg, true)})`;
    case 'pow': {
      if (f.exp.kind === 'num' && f.exp.value.num === 1n && f.exp.value.den === 2n) return `sqrt(${print(f.base, true)})`;
      const simpleBase = f.base.kind === 'sym' || f.base.kind === 'call'
        || (f.base.kind === 'num' && f.base.value.sign() >= 0 && f.base.value.isInteger());
      const simpleExp = f.exp.kind === 'sym' || (f.exp.kind === 'num' && f.exp.value.sign() >= 0 && f.exp.value.isInteger());
      const base = simpleBase ? factor(f.base) : `(${print(f.base, true)})`;
      return `${base}^${simpleExp ? factor(f.exp) : `(${print(f.exp, true)})`}`;
    }
    case 'add': case 'mul': return `(${print(f, true)})`;
  }
}

/** Fully parenthesised text for a library, with variables renamed by `alias`. */
export function printForLibrary(e: Expr, alias: (name: string) => string): string {
  const go = (x: Expr): string => {
    switch (x.kind) {
      case 'num': return `(${x.value})`;
      case 'sym': return alias(x.name);
      case 'add': return `(${x.terms.map(go).join('+')})`;
      case 'mul': return `(${x.factors.map(go).join('*')})`;
      case 'pow': return `(${go(x.base)})^(${go(x.exp)})`;
      case 'call': return `${x.fn}(${go(x.arg)})`;
    }
  };
  return go(e);
}
