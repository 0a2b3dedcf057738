/**
 * The parser of expression text: `+ - * / ^`, parentheses, numbers (decimals are exact
 * rationals: 0.1 is 1/10), variables [A-Za-z][A-Za-z0-9_]* and the calls exp sqrt log abs floor.
 * `^` is right-associative and binds tighter than unary minus (-x^2 is -(x^2)); there is no
 * implicit multiplication. The same parser reads library output back (`resolve` maps names).
 */
import { Q } from '../rational.js';
import { add, call, div, type Expr, FUNCTIONS, type FunctionName, mul, neg, num, pow, sub, sym } from './ast.js';
import { CasSyntaxError } from './errors.js';

interface Token {
  readonly type: 'num' | 'id' | 'op' | 'end';
  readonly text: string;
  readonly start: number;
}

const NUMBER = /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z][A-Za-z0-9_]*/y;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    NUMBER.lastIndex = i;
    IDENT.lastIndex = i;
    const n = NUMBER.exec(text);
    const id = n ? null : IDENT.exec(text);
    if (n) out.push({ type: 'num', text: n[0], start: i });
    else if (id) out.push({ type: 'id', text: id[0], start: i });
    else if ('+-*/^()'.includes(c)) out.push({ type: 'op', text: c, start: i });
    else throw new CasSyntaxError('unexpected-character', text, i, i + 1, `unexpected character '${c}'`);
    i += (n ?? id)?.[0].length ?? 1;
  }
  out.push({ type: 'end', text: '', start: text.length });
  return out;
}

/** How identifiers and decimals are read: user input, or library output with known names. */
export interface ParseOptions {
  /** Maps a variable name to its tree; null rejects the name. Default: every name is a variable. */
  readonly resolve?: (name: string) => Expr | null;
  /** Reject decimal literals (a library that prints 0.333 has left exact arithmetic). */
  readonly exactOnly?: boolean;
}

/**
 * Parses expression text.
 *
 * @throws CasSyntaxError for text that is not an expression of the input language
 */
export function parse(text: string, options: ParseOptions = {}): Expr {
  const tokens = tokenize(text);
  let k = 0;
  const peek = (): Token => tokens[k];
  const fail = (code: CasSyntaxError['code'], t: Token, detail: string): never => {
    throw new CasSyntaxError(code, text, t.start, t.start + Math.max(1, t.text.length), detail);
  };
  const isOp = (s: string): boolean => peek().type === 'op' && peek().text === s;

  const expression = (): Expr => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = tokens[k++].text;
      const right = term();
      left = op === '+' ? add(left, right) : sub(left, right);
    }
    return left;
  };
  const term = (): Expr => {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = tokens[k++].text;
      const right = unary();
      left = op === '*' ? mul(left, right) : div(left, right);
    }
    return left;
  };
  const unary = (): Expr => {
    if (isOp('-')) { k++; return neg(unary()); }
    if (isOp('+')) { k++; return unary(); }
    return power();
  };
  const power = (): Expr => {
    const base = atom();
    if (!isOp('^')) return base;
    k++;
    return pow(base, unary());
  };
  const atom = (): Expr => {
    const t = tokens[k];
    if (t.type === 'num') {
      k++;
      if (options.exactOnly && /[.eE]/.test(t.text)) fail('bad-number', t, `inexact number '${t.text}'`);
      try { return num(Q.parse(t.text)); } catch { return fail('bad-number', t, `bad number '${t.text}'`); }
    }
    if (t.type === 'id') {
      k++;
      const isFn = (FUNCTIONS as readonly string[]).includes(t.text);
      if (isOp('(')) {
        if (!isFn) fail('unknown-function', t, `unknown function '${t.text}'`);
        k++;
        const arg = expression();
        closing(t);
        return call(t.text as FunctionName, arg);
      }
      if (isFn) fail('function-without-call', t, `'${t.text}' is a function and needs an argument`);
      if (!options.resolve) return sym(t.text);
      const r = options.resolve(t.text);
      return r ?? fail('unexpected-token', t, `unknown name '${t.text}'`);
    }
    if (isOp('(')) {
      k++;
      const inner = expression();
      closing(t);
      return inner;
    }
    return t.type === 'end'
      ? fail('unexpected-end', t, 'expression ends too early')
      : fail('unexpected-token', t, `unexpected '${t.text}'`);
  };
  const closing = (open: Token): void => {
    if (isOp(')')) { k++; return; }
    fail('unclosed-parenthesis', peek().type === 'end' ? open : peek(), "missing ')'");
  };

  if (tokens.length === 1) fail('empty-expression', tokens[0], 'empty expression');
  const e = expression();
  if (peek().type !== 'end') fail('unexpected-token', peek(), `unexpected '${peek().text}'`);
  return e;
}
