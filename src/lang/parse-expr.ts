/**
 * The Pratt parser of the expression language. Precedence comes from {@link BINARY_OPS}, the same
 * table the printer uses.
 */
import type { Expr, Span } from './ast.js';
import { nodeDeeperThan } from './children.js';
import { errorAt } from './diagnostics.js';
import { InputError, type InputErrorCode } from './errors.js';
import { isBinaryOp, BINARY_OPS, UNARY_PRECEDENCE } from './operators.js';
import { isBinderName, isModeOp, MODE_OPS, SITE_OPS, takesSiteIndex } from './names.js';
import { positionLocator, type ExprOrigin, type SourcePos } from './origin.js';
import { tokenize, type Token } from './tokens.js';

/** Deepest expression tree accepted; deeper input is an error, never a stack overflow. */
export const MAX_EXPR_DEPTH = 200;

/** What the parser needs to know of the model an expression belongs to. */
export interface ParseOptions {
  /**
   * The model has a boson species (v2 `sites:`): bare `a`, `adag`, `n` are then its mode operators
   * at index 0 (`a` is `a[0]`). Otherwise they are ordinary names. `a[j]`, `adag[j]`, `n[j]` are
   * site operators either way (the checker refuses them where there is no boson species).
   */
  readonly modes?: boolean;
}

/**
 * Parses one expression. Every node's span has offsets into `text` and the absolute line:column
 * in the file given by `origin`. Site operators: `X[k]` (any of `X Y Z Sp Sm N Sx Sy Sz`), the
 * level projector `P[i,j][k]` (|i><j| on site k), the mode operators `a[j] adag[j] n[j]`, and with
 * `options.modes` bare `a`, `adag`, `n` (index `0`, a number node with the name's span).
 *
 * @throws {InputError} `unexpected-token`, `unexpected-end`, `wrong-arity` (a binder with other
 * than 2 or 4 arguments) or `too-deep`; one error, at the first problem.
 * @example
 * parseExpr('w0/2 * sum(k, Z[k])', { file: 'm.yaml', key: 'H', line: 5, column: 4 })
 * parseExpr('wc*n + g*(a + adag)', origin, { modes: true }) // n, a, adag are n[0], a[0], adag[0]
 */
export function parseExpr(text: string, origin: ExprOrigin, options: ParseOptions = {}): Expr {
  if (typeof text !== 'string') {
    throw new InputError(errorAt('wrong-type', origin, origin, '', 'expected an expression as text'));
  }
  const locate = positionLocator(text, origin);
  const tokens = tokenize(text, origin, locate);
  const parser = new Parser(text, tokens, origin, locate, options.modes === true);
  const expr = parser.parseExpression(0, 0);
  parser.expectEnd();
  const deep = nodeDeeperThan(expr, MAX_EXPR_DEPTH);
  if (deep) {
    throw new InputError(
      errorAt('too-deep', origin, deep.span, text.slice(deep.span.start, deep.span.end),
        `expected an expression nested at most ${MAX_EXPR_DEPTH} levels deep`),
    );
  }
  return expr;
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly origin: ExprOrigin,
    private readonly locate: (offset: number) => SourcePos,
    private readonly modes: boolean,
  ) {}

  parseExpression(minPrecedence: number, depth: number): Expr {
    let left = this.parsePrefix(depth);
    for (;;) {
      const tok = this.peek();
      if (tok.kind !== 'punct' || !isBinaryOp(tok.text)) return left;
      const info = BINARY_OPS[tok.text];
      if (info.precedence < minPrecedence) return left;
      this.pos++;
      const right = this.parseExpression(info.assoc === 'left' ? info.precedence + 1 : info.precedence, depth + 1);
      left = {
        kind: 'binary',
        op: tok.text,
        left,
        right,
        span: this.span(left.span.start, right.span.end),
        opSpan: this.span(tok.start, tok.end),
      };
    }
  }

  expectEnd(): void {
    const tok = this.peek();
    if (tok.kind === 'end') return;
    const hint = tok.kind === 'punct' && tok.text === ')' ? " (this ')' has no matching '(')" :
      tok.kind === 'punct' && tok.text === ']' ? " (this ']' has no matching '[')" :
      tok.kind === 'punct' && tok.text === ',' ? " (a ',' separates the arguments of a call)" : '';
    this.fail('unexpected-token', tok, `expected an operator + - * / ^ % or the end of the expression, found ${describe(tok)}${hint}`);
  }

  private parsePrefix(depth: number): Expr {
    if (depth > MAX_EXPR_DEPTH) {
      this.fail('too-deep', this.peek(), `expected an expression nested at most ${MAX_EXPR_DEPTH} levels deep`);
    }
    const tok = this.peek();
    if (tok.kind === 'punct' && (tok.text === '-' || tok.text === '+')) {
      this.pos++;
      const arg = this.parseExpression(UNARY_PRECEDENCE, depth + 1);
      return { kind: 'unary', op: tok.text, arg, span: this.span(tok.start, arg.span.end) };
    }
    return this.parsePrimary(depth);
  }

  private parsePrimary(depth: number): Expr {
    const tok = this.next();
    switch (tok.kind) {
      case 'num':
        return { kind: 'num', text: tok.text, span: this.span(tok.start, tok.end) };
      case 'str':
        return { kind: 'str', value: tok.text, span: this.span(tok.start, tok.end) };
      case 'ident':
        return this.parseNamed(tok, depth);
      case 'punct':
        if (tok.text === '(') {
          const inner = this.parseExpression(0, depth + 1);
          const close = this.expectClose(')', tok);
          // An operation's span takes in its parentheses; a token keeps its own, so errors point at it.
          const compound = inner.kind === 'binary' || inner.kind === 'unary';
          return compound ? { ...inner, span: this.span(tok.start, close.end) } : inner;
        }
        return this.fail('unexpected-token', tok, `expected a number, a name or '(', found ${describe(tok)}${this.after(tok)}`);
      case 'end':
        return this.fail('unexpected-end', tok, `expected an expression${this.after(tok)}, but the text ended`);
    }
  }

  private parseNamed(tok: Token, depth: number): Expr {
    const next = this.peek();
    if (next.kind === 'punct' && next.text === '(') {
      this.pos++;
      const args = this.parseArgs(tok, next, depth);
      const close = this.tokens[this.pos - 1]; // the ')' parseArgs consumed
      const span = this.span(tok.start, close.end);
      if (isBinderName(tok.text)) return this.binder(tok.text, args, span);
      return { kind: 'call', fn: tok.text, args, span };
    }
    if (next.kind === 'punct' && next.text === '[') {
      if (!takesSiteIndex(tok.text)) {
        this.fail('unexpected-token', next, `expected an operator after '${tok.text}'; only the site operators ${[...SITE_OPS, ...MODE_OPS].join(', ')} take an index [..]`);
      }
      this.pos++;
      if (tok.text === 'P') return this.parseProjector(tok, next, depth);
      const index = this.parseExpression(0, depth + 1);
      const close = this.expectClose(']', next);
      return { kind: 'site', op: tok.text, index, span: this.span(tok.start, close.end) };
    }
    if (this.modes && isModeOp(tok.text) && !(next.kind === 'punct' && next.text === '(')) {
      // A bare mode operator is the species' mode 0: a is a[0], the index standing where the name does.
      const span = this.span(tok.start, tok.end);
      return { kind: 'site', op: tok.text, index: { kind: 'num', text: '0', span }, span };
    }
    return { kind: 'name', name: tok.text, span: this.span(tok.start, tok.end) };
  }

  /** `P[i,j][k]` after `P[`: the levels i, j, then the site index. */
  private parseProjector(tok: Token, open: Token, depth: number): Expr {
    const i = this.parseExpression(0, depth + 1);
    const comma = this.next();
    if (!(comma.kind === 'punct' && comma.text === ',')) {
      const what = "',' and the second level: P[i,j][k] is |i><j| on site k, as in P[0,1][k]";
      if (comma.kind === 'end') this.fail('unexpected-end', comma, `expected ${what}, but the text ended`);
      this.fail('unexpected-token', comma, `expected ${what}; found ${describe(comma)}`);
    }
    const j = this.parseExpression(0, depth + 1);
    this.expectClose(']', open);
    const siteOpen = this.next();
    if (!(siteOpen.kind === 'punct' && siteOpen.text === '[')) {
      const what = "'[' and the site: P[i,j][k] is |i><j| on site k, as in P[0,1][k]";
      if (siteOpen.kind === 'end') this.fail('unexpected-end', siteOpen, `expected ${what}, but the text ended`);
      this.fail('unexpected-token', siteOpen, `expected ${what}; found ${describe(siteOpen)}`);
    }
    const index = this.parseExpression(0, depth + 1);
    const close = this.expectClose(']', siteOpen);
    return { kind: 'site', op: 'P', index, levels: [i, j], span: this.span(tok.start, close.end) };
  }

  private parseArgs(fn: Token, open: Token, depth: number): Expr[] {
    const args: Expr[] = [];
    if (this.peek().kind === 'punct' && this.peek().text === ')') {
      this.pos++;
      return args;
    }
    for (;;) {
      args.push(this.parseExpression(0, depth + 1));
      const tok = this.next();
      if (tok.kind === 'punct' && tok.text === ')') return args;
      if (tok.kind === 'punct' && tok.text === ',') continue;
      const at = this.locate(open.start);
      const what = `',' or ')' to close '${fn.text}(' opened at ${at.line}:${at.column}`;
      if (tok.kind === 'end') this.fail('unexpected-end', tok, `expected ${what}, but the text ended`);
      this.fail('unexpected-token', tok, `expected ${what}, found ${describe(tok)}`);
    }
  }

  private binder(fn: 'sum' | 'prod', args: Expr[], span: Span): Expr {
    if (args.length !== 2 && args.length !== 4) {
      this.failAt('wrong-arity', span, `expected ${fn}(k, e) or ${fn}(k, a, b, e), found ${args.length} argument${args.length === 1 ? '' : 's'}`);
    }
    const first = args[0];
    // sum(n, ...) in a model with a boson species: n is bound here, and the checker says it is reserved.
    const bare = first.kind === 'site' && isModeOp(first.op) && first.span.end - first.span.start === first.op.length;
    const index: Expr = bare ? { kind: 'name', name: first.op, span: first.span } : first;
    if (index.kind !== 'name') {
      this.failAt('unexpected-token', index.span, `expected an index name as the first argument of ${fn}, as in ${fn}(k, Z[k])`);
    }
    const bounded = args.length === 4;
    return {
      kind: 'binder',
      fn,
      index: index.name,
      indexSpan: index.span,
      from: bounded ? args[1] : null,
      to: bounded ? args[2] : null,
      body: args[args.length - 1],
      span,
    };
  }

  private expectClose(close: ')' | ']', open: Token): Token {
    const tok = this.next();
    if (tok.kind === 'punct' && tok.text === close) return tok;
    const at = this.locate(open.start);
    const what = `'${close}' to close '${open.text}' opened at ${at.line}:${at.column}`;
    if (tok.kind === 'end') return this.fail('unexpected-end', tok, `expected ${what}, but the text ended`);
    return this.fail('unexpected-token', tok, `expected ${what}, found ${describe(tok)}`);
  }

  /** " after '+'" when there is a previous token, for messages about a missing operand. */
  private after(tok: Token): string {
    const prev = this.tokens[this.tokens.indexOf(tok) - 1];
    return prev ? ` after '${prev.kind === 'str' ? `"${prev.text}"` : prev.text}'` : '';
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const tok = this.tokens[this.pos];
    if (tok.kind !== 'end') this.pos++;
    return tok;
  }

  private span(start: number, end: number): Span {
    const at = this.locate(start);
    return { start, end, line: at.line, column: at.column };
  }

  private fail(code: InputErrorCode, tok: Token, message: string): never {
    const token = tok.kind === 'str' ? `"${tok.text}"` : tok.text;
    throw new InputError(errorAt(code, this.origin, this.locate(tok.start), token, message));
  }

  private failAt(code: InputErrorCode, span: Span, message: string): never {
    throw new InputError(errorAt(code, this.origin, span, this.text.slice(span.start, span.end), message));
  }
}

function describe(tok: Token): string {
  switch (tok.kind) {
    case 'num':
      return `the number '${tok.text}'`;
    case 'ident':
      return `the name '${tok.text}'`;
    case 'str':
      return `the string "${tok.text}"`;
    case 'punct':
      return `'${tok.text}'`;
    case 'end':
      return 'the end of the text';
  }
}
