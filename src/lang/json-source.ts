/**
 * Reads JSON text into a located {@link SourceNode} tree. A small strict reader rather than
 * `JSON.parse`, so that every value keeps its line:column and every syntax error has one.
 */
import { errorAt } from './diagnostics.js';
import { InputError } from './errors.js';
import type { SourcePos } from './origin.js';
import { alignScalar } from './scalar-positions.js';
import { offsetLocator, type SourceEntry, type SourceNode } from './source-tree.js';

/** Deeper JSON is rejected: a model file is four levels deep. */
const MAX_JSON_DEPTH = 64;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses JSON text into a located tree.
 *
 * @throws {InputError} `syntax-json` with line:column at the first syntax error, a duplicate key, or
 * nesting deeper than any model file.
 */
export function readJsonSource(text: string, file: string): SourceNode {
  return new JsonReader(text, file).document();
}

class JsonReader {
  private i = 0;
  private readonly locate: (offset: number) => SourcePos;

  constructor(private readonly text: string, private readonly file: string) {
    this.locate = offsetLocator(text);
  }

  document(): SourceNode {
    this.space();
    if (this.i >= this.text.length) this.fail('expected a JSON object, found an empty file');
    const root = this.value(0);
    this.space();
    if (this.i < this.text.length) this.fail(`expected the end of the file after the top-level value, found ${this.found()}`);
    return root;
  }

  private value(depth: number): SourceNode {
    if (depth > MAX_JSON_DEPTH) this.fail(`expected a model file; this nests more than ${MAX_JSON_DEPTH} levels deep`);
    const c = this.text[this.i];
    const pos = this.locate(this.i);
    if (c === '{') return this.object(depth, pos);
    if (c === '[') return this.array(depth, pos);
    if (c === '"') {
      const start = this.i;
      const value = this.string();
      const source = this.text.slice(start, this.i);
      const positions = (): readonly SourcePos[] => alignScalar(value, source, 'double').map((o) => this.locate(start + o));
      return { kind: 'scalar', type: 'string', value, source, quoted: true, pos, positions };
    }
    NUMBER.lastIndex = this.i;
    const number = NUMBER.exec(this.text);
    if (number && number[0] !== '-') {
      this.i += number[0].length;
      return this.scalar('number', Number(number[0]), number[0], pos);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return this.scalar(value === null ? 'null' : 'boolean', value, word, pos);
      }
    }
    return this.fail(`expected a JSON value (an object, array, string, number, true, false or null), found ${this.found()}`);
  }

  private scalar(type: 'number' | 'boolean' | 'null', value: unknown, source: string, pos: SourcePos): SourceNode {
    return { kind: 'scalar', type, value, source, quoted: false, pos, positions: () => [pos] };
  }

  private object(depth: number, pos: SourcePos): SourceNode {
    this.i++;
    const entries: SourceEntry[] = [];
    const seen = new Set<string>();
    this.space();
    if (this.text[this.i] === '}') {
      this.i++;
      return { kind: 'map', entries, pos };
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.fail(`expected a key in double quotes, found ${this.found()}`);
      const keyStart = this.i;
      const keyPos = this.locate(keyStart);
      const key = this.string();
      if (seen.has(key)) this.fail(`expected each key once; '${key}' appears twice in this object`, keyStart);
      seen.add(key);
      this.space();
      if (this.text[this.i] !== ':') this.fail(`expected ':' after the key "${key}", found ${this.found()}`);
      this.i++;
      this.space();
      entries.push({ key, keyPos, value: this.value(depth + 1) });
      this.space();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { kind: 'map', entries, pos };
      }
      this.fail(`expected ',' or '}' after an object member, found ${this.found()}`);
    }
  }

  private array(depth: number, pos: SourcePos): SourceNode {
    this.i++;
    const items: SourceNode[] = [];
    this.space();
    if (this.text[this.i] === ']') {
      this.i++;
      return { kind: 'list', items, pos };
    }
    for (;;) {
      this.space();
      items.push(this.value(depth + 1));
      this.space();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return { kind: 'list', items, pos };
      }
      this.fail(`expected ',' or ']' after an array element, found ${this.found()}`);
    }
  }

  private string(): string {
    const open = this.i;
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.text.length) this.fail(`expected '"' to close the string opened at ${this.where(open)}, found the end of the file`);
      const c = this.text[this.i];
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === '\\') {
        const e = this.text[this.i + 1];
        if (e === 'u') {
          const hex = this.text.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('expected four hex digits after \\u');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
          out += ESCAPES[e];
          this.i += 2;
        } else {
          this.fail(`expected an escape \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX, found ${this.found(this.i, 2)}`);
        }
      } else if (c < ' ') {
        this.fail('expected a character in the string; control characters (such as a line break) must be escaped, as \\n');
      } else {
        out += c;
        this.i++;
      }
    }
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++;
  }

  private found(at = this.i, length = 1): string {
    if (at >= this.text.length) return 'the end of the file';
    return `'${this.text.slice(at, at + length)}'`;
  }

  private where(offset: number): string {
    const pos = this.locate(offset);
    return `${pos.line}:${pos.column}`;
  }

  private fail(message: string, at = this.i): never {
    const token = this.text.slice(at, at + 1);
    throw new InputError(errorAt('syntax-json', { file: this.file, key: '' }, this.locate(at), token, message));
  }
}
