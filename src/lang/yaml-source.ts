/** Reads YAML text into a located {@link SourceNode} tree with the `yaml` package. */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Document, type Node } from 'yaml';
import { errorAt } from './diagnostics.js';
import { InputError, type InputErrorData } from './errors.js';
import type { SourcePos } from './origin.js';
import { alignScalar, type ScalarStyle } from './scalar-positions.js';
import { offsetLocator, type ScalarType, type SourceEntry, type SourceNode } from './source-tree.js';

/** How deep the tree is kept; model files are four levels deep (channels[0].bath.rate). */
const MAX_TREE_DEPTH = 12;

/** Nesting beyond which the text is rejected before the YAML parser (which recurses) sees it. */
const MAX_FLOW_DEPTH = 100;
const MAX_BLOCK_DEPTH = 300;

/**
 * Parses YAML text into a located tree.
 *
 * @throws {InputError} `syntax-yaml` with line:column for malformed YAML, several documents, or
 * nesting too deep to be a model file.
 */
export function readYamlSource(text: string, file: string): SourceNode | null {
  const locate = offsetLocator(text);
  const place = { file, key: '' };
  rejectDeepNesting(text, file, locate);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  } catch (err) {
    // The YAML parser recurses; anything it throws is about the shape of the input.
    const message = err instanceof Error ? err.message : String(err);
    throw new InputError(errorAt('syntax-yaml', place, { line: 1, column: 1 }, '', `expected YAML the parser can read (${message})`));
  }
  if (doc.errors.length > 0) {
    const errors: InputErrorData[] = doc.errors.slice(0, 5).map((e) => {
      const [start, end] = e.pos;
      const message = e.code === 'MULTIPLE_DOCS'
        ? "expected one YAML document; found several (separated by '---')"
        : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return errorAt('syntax-yaml', place, locate(start), text.slice(start, Math.min(end, start + 20)), message);
    });
    throw new InputError(errors);
  }
  if (doc.contents === null) return null;
  return new YamlConverter(text, doc, locate).convert(doc.contents, 0);
}

function rejectDeepNesting(text: string, file: string, locate: (offset: number) => SourcePos): void {
  let flow = 0;
  let lineStart = 0;
  let indicators = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') flow++;
    else if ((c === ']' || c === '}') && flow > 0) flow--;
    else if ((c === '-' || c === '?' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\n')) indicators++;
    if (c === '\n' || c === undefined) {
      let indent = 0;
      while (text[lineStart + indent] === ' ') indent++;
      if (2 * indent + indicators > MAX_BLOCK_DEPTH) fail(lineStart);
      lineStart = i + 1;
      indicators = 0;
    }
    if (flow > MAX_FLOW_DEPTH) fail(i);
  }
  function fail(offset: number): never {
    throw new InputError(errorAt('syntax-yaml', { file, key: '' }, locate(offset), text.slice(offset, offset + 10),
      'expected a model file; this nests collections far deeper than any model'));
  }
}

class YamlConverter {
  private readonly seen = new Map<unknown, SourceNode>();

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly locate: (offset: number) => SourcePos,
  ) {}

  convert(node: unknown, depth: number): SourceNode {
    const known = this.seen.get(node);
    if (known) return known;
    const converted = this.convertNew(node, depth);
    // Memoised so that aliases cannot expand exponentially.
    this.seen.set(node, converted);
    return converted;
  }

  private convertNew(node: unknown, depth: number): SourceNode {
    const pos = this.posOf(node);
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      this.seen.set(node, { kind: 'deep', pos }); // guards a self-referencing alias
      return target ? this.convert(target, depth) : { kind: 'scalar', type: 'null', value: null, source: '', quoted: false, pos, positions: () => [pos] };
    }
    if (isScalar(node)) return this.scalar(node, pos);
    if (depth >= MAX_TREE_DEPTH) return { kind: 'deep', pos };
    if (isMap(node)) {
      const entries: SourceEntry[] = node.items.map((pair) => this.entry(pair.key, pair.value, pos, depth));
      return { kind: 'map', entries, pos };
    }
    if (isSeq(node)) {
      const items = node.items.map((item) =>
        isPair(item)
          ? { kind: 'map' as const, entries: [this.entry(item.key, item.value, this.posOf(item.key), depth + 1)], pos: this.posOf(item.key) }
          : this.convert(item, depth + 1));
      return { kind: 'list', items, pos };
    }
    return { kind: 'scalar', type: 'other', value: undefined, source: '', quoted: false, pos, positions: () => [pos] };
  }

  private entry(key: unknown, value: unknown, fallback: SourcePos, depth: number): SourceEntry {
    const keyPos = key ? this.posOf(key) : fallback;
    const keyNode = isAlias(key) ? key.resolve(this.doc) : key;
    const keyText = isScalar(keyNode) ? String(keyNode.value ?? '') : keyNode ? '[a collection]' : '';
    const valueNode = value === null || value === undefined
      ? { kind: 'scalar' as const, type: 'null' as const, value: null, source: '', quoted: false, pos: keyPos, positions: () => [keyPos] }
      : this.convert(value, depth + 1);
    return { key: keyText, keyPos, value: valueNode };
  }

  private scalar(node: Scalar, pos: SourcePos): SourceNode {
    const range = node.range ?? [0, 0, 0];
    const source = this.text.slice(range[0], range[1]);
    const value: unknown = node.value;
    const type: ScalarType =
      typeof value === 'string' ? 'string'
      : typeof value === 'number' ? 'number'
      : typeof value === 'boolean' ? 'boolean'
      : value === null ? 'null'
      : 'other';
    const style: ScalarStyle =
      node.type === Scalar.QUOTE_DOUBLE ? 'double'
      : node.type === Scalar.QUOTE_SINGLE ? 'single'
      : node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL ? 'block'
      : 'plain';
    const quoted = style === 'double' || style === 'single';
    const positions = (): readonly SourcePos[] => {
      const text = typeof value === 'string' ? value : source;
      return alignScalar(text, source, style).map((offset) => this.locate(range[0] + offset));
    };
    return { kind: 'scalar', type, value, source, quoted, pos, positions };
  }

  private posOf(node: unknown): SourcePos {
    const range = (node as Node | null)?.range;
    return this.locate(range ? range[0] : 0);
  }
}
