import { expect } from 'vitest';
import { InputError, parseExpr, withoutSpans, type ExprOrigin, type InputErrorData, type ModelSpec } from '../../src/lang/index.js';

export const ORIGIN: ExprOrigin = { file: 'test.yaml', key: 'H', line: 1, column: 1 };

/** Parses at line 1, column 1 and drops spans. */
export function tree(text: string): unknown {
  return withoutSpans(parseExpr(text, ORIGIN));
}

/** Runs `fn`, expects an InputError, and returns its errors. */
export function errorsOf(fn: () => unknown): readonly InputErrorData[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).errors;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

/** The single error of `fn`. */
export function errorOf(fn: () => unknown): InputErrorData {
  const errors = errorsOf(fn);
  expect(errors).toHaveLength(1);
  return errors[0];
}

/** `code@line:column` of every error, for compact assertions. */
export function where(errors: readonly InputErrorData[]): string[] {
  return errors.map((e) => `${e.code}@${e.line}:${e.column}`);
}

export const num = (text: string) => ({ kind: 'num', text });
export const name = (n: string) => ({ kind: 'name', name: n });
export const bin = (op: string, left: unknown, right: unknown) => ({ kind: 'binary', op, left, right });
export const un = (op: string, arg: unknown) => ({ kind: 'unary', op, arg });
export const site = (op: string, index: unknown) => ({ kind: 'site', op, index });
export const call = (fn: string, ...args: unknown[]) => ({ kind: 'call', fn, args });

/**
 * `code@line:column` of the n-th occurrence (1-based) of `needle` in `text`, so expected positions
 * are computed from the text rather than counted by hand.
 */
export function at(code: string, text: string, needle: string, occurrence = 1): string {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`'${needle}' does not occur ${occurrence} times`);
  }
  const before = text.slice(0, offset).split('\n');
  return `${code}@${before.length}:${before[before.length - 1].length + 1}`;
}

/** Every name and number node's line:column points at that token in the file, whatever the quoting style. */
export function expectSpansOnTokens(spec: ModelSpec, text: string): void {
  const lines = text.split('\n');
  const exprs = [spec.H, spec.state, ...spec.channels.flatMap((c) => [c.A, c.bath.rate, c.bath.T, c.bath.wc, c.bath.gamma])];
  for (const located of exprs) {
    if (!located) continue;
    const stack = [located.expr];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === 'name' || node.kind === 'num') {
        const token = node.kind === 'name' ? node.name : node.text;
        const found = lines[node.span.line - 1]?.slice(node.span.column - 1, node.span.column - 1 + token.length);
        expect(found, `${located.key}: '${token}' at ${node.span.line}:${node.span.column}`).toBe(token);
      }
      if (node.kind === 'binary') stack.push(node.left, node.right);
      if (node.kind === 'unary') stack.push(node.arg);
      if (node.kind === 'call') stack.push(...node.args);
      if (node.kind === 'site') stack.push(node.index);
      if (node.kind === 'binder') stack.push(node.body, ...(node.from && node.to ? [node.from, node.to] : []));
    }
  }
}
