import { describe, expect, test } from 'vitest';
import { parseExpr, type Expr } from '../../src/lang/index.js';
import { bin, call, errorOf, name, num, ORIGIN, site, tree, un } from './helpers.js';

describe('parseExpr: grammar', () => {
  test.each([
    ['1', num('1')],
    ['1.5', num('1.5')],
    ['.5', num('.5')],
    ['1e-3', num('1e-3')],
    ['2.5E+3', num('2.5E+3')],
    ['007', num('007')],
  ])('number %s is kept as written', (text, expected) => {
    expect(tree(text)).toEqual(expected);
  });

  test('names, strings, calls', () => {
    expect(tree('w0')).toEqual(name('w0'));
    expect(tree('basis("uudd")')).toEqual(call('basis', { kind: 'str', value: 'uudd' }));
    expect(tree('min(a, b, 3)')).toEqual(call('min', name('a'), name('b'), num('3')));
    expect(tree('f()')).toEqual(call('f'));
    expect(tree('  dag( Sp[0] )  ')).toEqual(call('dag', site('Sp', num('0'))));
  });

  test.each(['X', 'Y', 'Z', 'Sp', 'Sm', 'N'])('site operator %s[k]', (op) => {
    expect(tree(`${op}[k]`)).toEqual(site(op, name('k')));
  });

  test('site index is full integer arithmetic', () => {
    expect(tree('X[(k+1)%L]')).toEqual(site('X', bin('%', bin('+', name('k'), num('1')), name('L'))));
  });

  test('a site operator name without an index is a plain name', () => {
    expect(tree('X')).toEqual(name('X'));
  });

  test('binders with and without bounds', () => {
    expect(tree('sum(k, Z[k])')).toEqual({
      kind: 'binder', fn: 'sum', index: 'k', from: null, to: null, body: site('Z', name('k')),
    });
    expect(tree('prod(j, 1, L-1, X[j])')).toEqual({
      kind: 'binder', fn: 'prod', index: 'j', from: num('1'), to: bin('-', name('L'), num('1')), body: site('X', name('j')),
    });
  });
});

describe('parseExpr: precedence and associativity', () => {
  test.each([
    ['a + b * c', bin('+', name('a'), bin('*', name('b'), name('c')))],
    ['a - b - c', bin('-', bin('-', name('a'), name('b')), name('c'))],
    ['a / b * c', bin('*', bin('/', name('a'), name('b')), name('c'))],
    ['a % b * c', bin('*', bin('%', name('a'), name('b')), name('c'))],
    ['a ^ b ^ c', bin('^', name('a'), bin('^', name('b'), name('c')))],
    ['-x^2', un('-', bin('^', name('x'), num('2')))],
    ['2^-1', bin('^', num('2'), un('-', num('1')))],
    ['-a*b', bin('*', un('-', name('a')), name('b'))],
    ['a*-b', bin('*', name('a'), un('-', name('b')))],
    ['--a', un('-', un('-', name('a')))],
    ['+a', un('+', name('a'))],
    ['(a + b) * c', bin('*', bin('+', name('a'), name('b')), name('c'))],
    ['2^-1*3', bin('*', bin('^', num('2'), un('-', num('1'))), num('3'))],
    ['a^b*c', bin('*', bin('^', name('a'), name('b')), name('c'))],
    ['X[0]*X[1] + 1', bin('+', bin('*', site('X', num('0')), site('X', num('1'))), num('1'))],
  ])('%s', (text, expected) => {
    expect(tree(text)).toEqual(expected);
  });
});

describe('parseExpr: spans', () => {
  test('offsets and columns on one line', () => {
    const e = parseExpr('a + bc', ORIGIN);
    expect(e.span).toEqual({ start: 0, end: 6, line: 1, column: 1 });
    if (e.kind !== 'binary') throw new Error('binary expected');
    expect(e.right.span).toEqual({ start: 4, end: 6, line: 1, column: 5 });
    expect(e.opSpan).toEqual({ start: 2, end: 3, line: 1, column: 3 });
  });

  test('absolute in the file, one column later for a quoted scalar', () => {
    const plain = parseExpr('g * X[k]', { file: 'm.yaml', key: 'H', line: 5, column: 4 }) as Extract<Expr, { kind: 'binary' }>;
    expect([plain.right.span.line, plain.right.span.column]).toEqual([5, 8]);
    const quoted = parseExpr('g * X[k]', { file: 'm.yaml', key: 'H', line: 5, column: 4, quoted: true }) as Extract<Expr, { kind: 'binary' }>;
    expect([quoted.left.span.line, quoted.left.span.column]).toEqual([5, 5]);
    expect([quoted.right.span.line, quoted.right.span.column]).toEqual([5, 9]);
  });

  test('a newline in the text moves to the next line', () => {
    const e = parseExpr('a +\n  b', { file: 'm.yaml', key: 'H', line: 3, column: 10 }) as Extract<Expr, { kind: 'binary' }>;
    expect([e.right.span.line, e.right.span.column]).toEqual([4, 3]);
  });

  test('explicit positions win', () => {
    const positions = [{ line: 7, column: 3 }, { line: 7, column: 4 }, { line: 8, column: 1 }, { line: 8, column: 2 }];
    const e = parseExpr('a+b', { file: 'm.yaml', key: 'H', line: 1, column: 1, positions }) as Extract<Expr, { kind: 'binary' }>;
    expect([e.right.span.line, e.right.span.column]).toEqual([8, 1]);
  });

  test('a parenthesised node spans its parentheses; a binder spans its index', () => {
    const e = parseExpr('(a+b)*sum(k, Z[k])', ORIGIN) as Extract<Expr, { kind: 'binary' }>;
    expect(e.left.span).toMatchObject({ start: 0, end: 5 });
    const sum = e.right as Extract<Expr, { kind: 'binder' }>;
    expect(sum.span).toMatchObject({ start: 6, end: 18 });
    expect(sum.indexSpan).toMatchObject({ start: 10, end: 11, column: 11 });
  });
});

describe('parseExpr: errors', () => {
  const at = (text: string, line = 1, column = 1) => errorOf(() => parseExpr(text, { file: 'f.yaml', key: 'H', line, column }));

  test('unclosed parenthesis names where it opened', () => {
    const e = at('2*(a+b', 3, 7);
    expect(e).toMatchObject({ code: 'unexpected-end', file: 'f.yaml', key: 'H', line: 3, column: 13 });
    expect(e.message).toContain("expected ')' to close '(' opened at 3:9");
  });

  test('wrong closing bracket', () => {
    const e = at('sum(k, X[k)');
    expect(e).toMatchObject({ code: 'unexpected-token', token: ')', line: 1, column: 11 });
    expect(e.message).toContain("expected ']' to close '[' opened at 1:9");
  });

  test.each([
    ['', 'unexpected-end', 1, 'expected an expression'],
    ['   ', 'unexpected-end', 4, 'expected an expression'],
    ['a +', 'unexpected-end', 4, "after '+'"],
    ['a + * b', 'unexpected-token', 5, "found '*'"],
    ['a b', 'unexpected-token', 3, "found the name 'b'"],
    ['a)', 'unexpected-token', 2, 'no matching'],
    ['f(a b)', 'unexpected-token', 5, "expected ',' or ')' to close 'f(' opened at 1:2"],
    ['f(a,', 'unexpected-end', 5, 'expected an expression'],
    ['2x', 'unexpected-token', 1, '2*x'],
    ['1.', 'unexpected-token', 1, "digit after '.'"],
    ['1e', 'unexpected-token', 1, 'exponent'],
    ['a ** 2', 'unexpected-token', 3, 'write powers with ^'],
    ['a # b', 'unexpected-token', 3, "unexpected character '#'"],
    ["basis('ud')", 'unexpected-token', 7, 'double quotes'],
    ['basis("ud', 'unexpected-end', 10, "expected '\"' to close the string"],
    ['g[0]', 'unexpected-token', 2, 'only the site operators'],
    ['X[0', 'unexpected-end', 4, "expected ']'"],
    ['sum(1, X[0])', 'unexpected-token', 5, 'index name'],
    ['sum(k, a, X[k])', 'wrong-arity', 1, 'sum(k, e) or sum(k, a, b, e)'],
    ['prod(k)', 'wrong-arity', 1, 'found 1 argument'],
    ['(a)(b)', 'unexpected-token', 4, "found '('"],
  ])('%j → %s at column %i', (text, code, column, message) => {
    const e = at(text);
    expect(e.code).toBe(code);
    expect([e.line, e.column]).toEqual([1, column]);
    expect(e.message).toContain(message);
  });

  test('deep nesting is an error, not a stack overflow', () => {
    expect(at('('.repeat(5000) + 'a' + ')'.repeat(5000)).code).toBe('too-deep');
    expect(at('-'.repeat(5000) + 'a').code).toBe('too-deep');
    expect(at(Array(1000).fill('a').join('^')).code).toBe('too-deep');
    expect(at(Array(1000).fill('a').join('+')).code).toBe('too-deep');
  });

  test('a long flat expression within the limit parses', () => {
    expect(() => parseExpr(Array(150).fill('X[0]').join(' + '), ORIGIN)).not.toThrow();
  });
});
