/**
 * The tokenizer of the expression language: numbers, names, double-quoted strings, the operators
 * `+ - * / ^ %`, parentheses, brackets and commas.
 */
import { InputError } from './errors.js';
import { errorAt, type ErrorPlace } from './diagnostics.js';
import type { SourcePos } from './origin.js';

/** Numbers, identifiers, strings, punctuation (operators, brackets, comma) and the end. */
export type TokenKind = 'num' | 'ident' | 'str' | 'punct' | 'end';

/** One token: its kind, its text as written, and its offsets in the expression text. */
export interface Token {
  readonly kind: TokenKind;
  /** As written; for a string, without the quotes. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Single-character punctuation. */
const PUNCT = new Set(['+', '-', '*', '/', '^', '%', '(', ')', '[', ']', ',']);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** What an expression may contain, for messages about a stray character. */
const EXPECTED_CHARS = "a number, a name, a string in double quotes, + - * / ^ %, ( ), [ ] or ','";

/**
 * Splits expression text into tokens, ending with an `end` token.
 *
 * @throws {InputError} `unexpected-token` for a character outside the language or a malformed
 * number, `unexpected-end` for an unterminated string, `domain-error` for a number beyond the
 * float64 range (such as 1e999).
 * @example
 * tokenize('X[(k+1)%L]', place, locate).map((t) => t.text) // ['X', '[', '(', 'k', '+', '1', ')', '%', 'L', ']', '']
 */
export function tokenize(text: string, place: ErrorPlace, locate: (offset: number) => SourcePos): Token[] {
  const tokens: Token[] = [];
  const fail = (code: 'unexpected-token' | 'unexpected-end' | 'domain-error', start: number, token: string, message: string): never => {
    throw new InputError(errorAt(code, place, locate(start), token, message));
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      const start = i;
      while (isDigit(text[i])) i++;
      if (text[i] === '.') {
        i++;
        if (!isDigit(text[i])) fail('unexpected-token', start, text.slice(start, i + 1), "expected a digit after '.' in a number such as 1.5");
        while (isDigit(text[i])) i++;
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        if (!isDigit(text[i])) fail('unexpected-token', start, text.slice(start, i + 1), 'expected the digits of an exponent, as in 1e-3');
        while (isDigit(text[i])) i++;
      }
      if (isIdentPart(text[i]) || text[i] === '.') {
        fail('unexpected-token', start, text.slice(start, i + 1), `expected an operator after the number '${text.slice(start, i)}' (write 2*x, not 2x)`);
      }
      // 1e999 would be read as Infinity, and every quantity of the model with it as NaN or Infinity.
      if (!Number.isFinite(Number(text.slice(start, i)))) {
        fail('domain-error', start, text.slice(start, i), `the number ${text.slice(start, i)} is beyond the range of float64 (at most about 1.8e308); expected a finite number`);
      }
      tokens.push({ kind: 'num', text: text.slice(start, i), start, end: i });
    } else if (isIdentStart(c)) {
      const start = i;
      while (isIdentPart(text[i])) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), start, end: i });
    } else if (c === '"') {
      const start = i;
      const close = text.indexOf('"', i + 1);
      if (close < 0) {
        const at = locate(start);
        fail('unexpected-end', text.length, text.slice(start), `expected '"' to close the string opened at ${at.line}:${at.column}`);
      }
      tokens.push({ kind: 'str', text: text.slice(start + 1, close), start, end: close + 1 });
      i = close + 1;
    } else if (c === '*' && text[i + 1] === '*') {
      fail('unexpected-token', i, '**', "expected an expression after '*'; write powers with ^, as in x^2");
    } else if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
    } else {
      const cp = String.fromCodePoint(text.codePointAt(i) ?? 0);
      const hint = c === "'" ? "; strings use double quotes, as in basis(\"ud\")" : '';
      fail('unexpected-token', i, cp, `unexpected character '${cp}'; expected ${EXPECTED_CHARS}${hint}`);
    }
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}
