/**
 * A model file as a located tree: mappings, lists and scalars, each with its line:column. Both the
 * YAML and the JSON reader produce it, so the loader reads one shape.
 */
import type { SourcePos } from './origin.js';

/** The type of a scalar as the file wrote it. */
export type ScalarType = 'string' | 'number' | 'boolean' | 'null' | 'other';

/** A scalar: a string, a number, a boolean, null, or something else (a date, binary data, ...). */
export interface SourceScalar {
  readonly kind: 'scalar';
  readonly type: ScalarType;
  readonly value: unknown;
  /** The scalar exactly as written in the file (with quotes, if any). */
  readonly source: string;
  readonly quoted: boolean;
  readonly pos: SourcePos;
  /** For strings: the position of every character of `value`, plus one past the end. */
  readonly positions: () => readonly SourcePos[];
}

/** One `key: value` of a mapping. */
export interface SourceEntry {
  readonly key: string;
  readonly keyPos: SourcePos;
  readonly value: SourceNode;
}

/** A mapping, its entries in file order. */
export interface SourceMapping {
  readonly kind: 'map';
  readonly entries: readonly SourceEntry[];
  readonly pos: SourcePos;
}

/** A list. */
export interface SourceList {
  readonly kind: 'list';
  readonly items: readonly SourceNode[];
  readonly pos: SourcePos;
}

/** A collection nested deeper than the reader looks; its content is not kept. */
export interface SourceDeep {
  readonly kind: 'deep';
  readonly pos: SourcePos;
}

/** Any node of a model file. */
export type SourceNode = SourceScalar | SourceMapping | SourceList | SourceDeep;

/** How a node is described in messages: `a mapping`, `a list`, `the number 3`, ... */
export function describeNode(node: SourceNode): string {
  switch (node.kind) {
    case 'map':
      return 'a mapping';
    case 'list':
      return 'a list';
    case 'deep':
      return 'a nested collection';
    case 'scalar':
      switch (node.type) {
        case 'string':
          return `the string '${clip(String(node.value))}'`;
        case 'number':
          return `the number ${clip(node.source)}`;
        case 'boolean':
          return `the boolean ${String(node.value)}`;
        case 'null':
          return 'an empty value';
        case 'other':
          return 'a value of another type';
      }
  }
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 30 ? `${oneLine.slice(0, 29)}…` : oneLine;
}

/** Makes a function from offsets in `text` to 1-based line:column. */
export function offsetLocator(text: string): (offset: number) => SourcePos {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - lineStarts[lo] + 1 };
  };
}
