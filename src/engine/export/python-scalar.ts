/**
 * Scalar expressions of the model language as Python expressions, for custom spectra: params, L and
 * bound indices of `each` are substituted by their values, `w` stays a variable, and the scalar
 * functions map to `math` (to numpy's, which take complex arguments, where `im` appears).
 * Parentheses follow Python's binding strengths, so the Python text has exactly the model's tree.
 */
import type { Expr } from '../../lang/index.js';
import type { ValueScope } from '../../symbolic/index.js';
import { pyFloat } from './python-literals.js';

const functions: Readonly<Record<string, string>> = {
  sqrt: 'sqrt', exp: 'exp', log: 'log', sin: 'sin', cos: 'cos', floor: 'floor', ceil: 'ceil',
};

/** Whether the expression uses the imaginary unit `im` anywhere. */
export function usesIm(e: Expr): boolean {
  switch (e.kind) {
    case 'name': return e.name === 'im';
    case 'unary': return usesIm(e.arg);
    case 'binary': return usesIm(e.left) || usesIm(e.right);
    case 'call': return e.args.some(usesIm);
    default: return false;
  }
}

/**
 * The Python text of a scalar expression.
 *
 * @param free names left as Python variables (`w`)
 * @param scope values substituted for every other name (params, L, the `each` index)
 * @param complex map the functions to numpy's (complex arguments) instead of `math`
 * @throws RangeError for names neither free nor in scope, strings, operators and binders (the
 *   checker has rejected those already)
 * @example
 * scalarToPython(parseExpr('g*exp(-w^2/2)'), new Set(['w']), new Map([['g', 0.8]]), false)
 * // '0.8 * math.exp(-(w ** 2) / 2)'
 */
export function scalarToPython(e: Expr, free: ReadonlySet<string>, scope: ValueScope, complex: boolean): string {
  const mod = complex ? 'np' : 'math';
  // Python's binding strengths: + - < * / % < unary - < **. A value that prints with a leading
  // minus (a negative param) binds like a unary minus.
  const strength = (x: Expr, text: string): number => {
    if (x.kind === 'binary') return x.op === '+' || x.op === '-' ? 1 : x.op === '^' ? 4 : 2;
    if (x.kind === 'unary' || text.startsWith('-')) return 3;
    return 5;
  };
  const child = (x: Expr, needs: (s: number) => boolean): string => {
    const text = go(x);
    return needs(strength(x, text)) ? `(${text})` : text;
  };
  const go = (x: Expr): string => {
    switch (x.kind) {
      case 'num': return pyFloat(Number(x.text));
      case 'str': throw new RangeError('a string is not a scalar');
      case 'site': throw new RangeError('an operator is not a scalar');
      case 'name': {
        if (x.name === 'pi') return 'math.pi';
        if (x.name === 'im') return '1j';
        if (free.has(x.name)) return x.name;
        const v = scope.get(x.name);
        if (v === undefined) throw new RangeError(`'${x.name}' has no value here`);
        return pyFloat(v);
      }
      // -(w ** 2) keeps its parentheses: Python reads -w ** 2 the same way, a reader may not.
      case 'unary': return `${x.op}${child(x.arg, (s) => s < 5)}`;
      case 'binary': {
        if (x.op === '^') return `${child(x.left, (s) => s <= 4)} ** ${child(x.right, (s) => s < 3)}`;
        const p = x.op === '+' || x.op === '-' ? 1 : 2;
        // Left-nested chains print as written; a right operand of equal strength keeps its
        // parentheses (floating point is not associative, and a - (b - c) differs anyway).
        return `${child(x.left, (s) => s < p)} ${x.op} ${child(x.right, (s) => s <= p)}`;
      }
      case 'call': {
        const args = x.args.map(go);
        if (x.fn === 'abs' || x.fn === 'min' || x.fn === 'max') return `${x.fn}(${args.join(', ')})`;
        const f = functions[x.fn];
        if (!f) throw new RangeError(`'${x.fn}' is not a scalar function`);
        // floor and ceil take real arguments: always from math.
        return `${f === 'floor' || f === 'ceil' ? 'math' : mod}.${f}(${args.join(', ')})`;
      }
      case 'binder': throw new RangeError('sum and prod are operator forms, not scalars');
    }
  };
  return go(e);
}
