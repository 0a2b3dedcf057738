/** Span-free copies of expressions, for comparing trees by structure. */
import type { Expr } from './ast.js';

/** A plain nested object describing an expression without any spans. */
export type SpanFree = { readonly [key: string]: unknown };

/**
 * Copies an expression dropping `span`, `indexSpan` and `opSpan`, so that two trees parsed from
 * different text compare equal when their structure is the same.
 *
 * @example
 * expect(withoutSpans(parseExpr('(a)', o))).toEqual(withoutSpans(parseExpr('a', o)))
 */
export function withoutSpans(expr: Expr): SpanFree {
  switch (expr.kind) {
    case 'num':
      return { kind: 'num', text: expr.text };
    case 'str':
      return { kind: 'str', value: expr.value };
    case 'name':
      return { kind: 'name', name: expr.name };
    case 'site':
      return {
        kind: 'site',
        op: expr.op,
        ...(expr.levels ? { levels: [withoutSpans(expr.levels[0]), withoutSpans(expr.levels[1])] } : {}),
        index: withoutSpans(expr.index),
      };
    case 'unary':
      return { kind: 'unary', op: expr.op, arg: withoutSpans(expr.arg) };
    case 'binary':
      return { kind: 'binary', op: expr.op, left: withoutSpans(expr.left), right: withoutSpans(expr.right) };
    case 'call':
      return { kind: 'call', fn: expr.fn, args: expr.args.map(withoutSpans) };
    case 'binder':
      return {
        kind: 'binder',
        fn: expr.fn,
        index: expr.index,
        from: expr.from && withoutSpans(expr.from),
        to: expr.to && withoutSpans(expr.to),
        body: withoutSpans(expr.body),
      };
  }
}
