import fc from 'fast-check';
import type { BinaryOp, Expr, SiteOpName, Span } from '../../src/lang/index.js';

const SPAN: Span = { start: 0, end: 0, line: 1, column: 1 };

const identifier = fc.constantFrom('a', 'b', 'k', 'j', 'g', 'w0', 'L', 'pi', 'im', 'Id', 'Jz', 'x_1', 'X', 'up', 'sum');
const numberText = fc.oneof(
  fc.nat({ max: 1000 }).map(String),
  fc.constantFrom('0.5', '.5', '1e-3', '2.5E+3', '10', '007', '3.25e2'),
);

/** Random expression trees (spans are placeholders) of bounded depth. */
export const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberText.map((text): Expr => ({ kind: 'num', text, span: SPAN })),
    identifier.map((name): Expr => ({ kind: 'name', name, span: SPAN })),
    fc.stringMatching(/^[ud]{0,4}$/).map((value): Expr => ({ kind: 'str', value, span: SPAN })),
    fc.tuple(fc.constantFrom<SiteOpName>('X', 'Y', 'Z', 'Sp', 'Sm', 'N'), tie('expr')).map(
      ([op, index]): Expr => ({ kind: 'site', op, index, span: SPAN }),
    ),
    fc.tuple(fc.constantFrom<'-' | '+'>('-', '+'), tie('expr')).map(([op, arg]): Expr => ({ kind: 'unary', op, arg, span: SPAN })),
    fc.tuple(fc.constantFrom<BinaryOp>('+', '-', '*', '/', '^', '%'), tie('expr'), tie('expr')).map(
      ([op, left, right]): Expr => ({ kind: 'binary', op, left, right, span: SPAN }),
    ),
    fc.tuple(fc.constantFrom('f', 'sqrt', 'min', 'dag', 'basis'), fc.array(tie('expr'), { maxLength: 3 })).map(
      ([fn, args]): Expr => ({ kind: 'call', fn, args, span: SPAN }),
    ),
    fc.tuple(
      fc.constantFrom<'sum' | 'prod'>('sum', 'prod'),
      fc.constantFrom('k', 'j', 'm'),
      fc.option(fc.tuple(tie('expr'), tie('expr')), { nil: null }),
      tie('expr'),
    ).map(([fn, index, bounds, body]): Expr => ({
      kind: 'binder', fn, index, indexSpan: SPAN, from: bounds ? bounds[0] : null, to: bounds ? bounds[1] : null, body, span: SPAN,
    })),
  ),
})).expr;
