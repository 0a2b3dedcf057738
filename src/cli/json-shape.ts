/**
 * Descriptions of JSON values ({@link JsonShape}) and the check of a parsed value against one
 * ({@link validateJson}): every required key present, no key the description does not name, every
 * value of the described kind, verdict words among the listed ones. {@link ShapeOf} ties a
 * description to a TypeScript type, so the compiler keeps the two in step (a key of the type the
 * description lacks, a required key described as optional, a missing verdict word: all type errors).
 */

/** Any JSON value (data another layer defines and documents, e.g. a checker's certificate). */
export interface AnyShape { readonly is: 'any' }
/** A string; with `words`, one of those words. */
export interface StringShape { readonly is: 'string'; readonly words?: Readonly<Record<string, true>> }
export interface NumberShape { readonly is: 'number' }
export interface BooleanShape { readonly is: 'boolean' }
export interface NullShape { readonly is: 'null' }
/** The value described by `of`, or null. */
export interface NullableShape { readonly is: 'nullable'; readonly of: JsonShape }
export interface ArrayShape { readonly is: 'array'; readonly of: JsonShape }
/** An object with any keys, every value described by `of`. */
export interface RecordShape { readonly is: 'record'; readonly of: JsonShape }
/** A key that may be absent. */
export interface OptionalShape { readonly is: 'optional'; readonly of: JsonShape }
/** An object with exactly the keys of `fields` (those marked optional may be absent). */
export interface ObjectShape { readonly is: 'object'; readonly fields: Readonly<Record<string, JsonShape | OptionalShape>> }
/** Objects told apart by the string at key `tag`. */
export interface TaggedShape { readonly is: 'tagged'; readonly tag: string; readonly cases: Readonly<Record<string, JsonShape>> }
/** One of several shapes (the first that fits). */
export interface UnionShape { readonly is: 'union'; readonly of: readonly JsonShape[] }

/** A description of a JSON value. */
export type JsonShape =
  | AnyShape | StringShape | NumberShape | BooleanShape | NullShape | NullableShape | ArrayShape | RecordShape
  | ObjectShape | TaggedShape | UnionShape;

type IsAny<T> = 0 extends 1 & T ? true : false;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

/** The description of the object type T: one entry per key, optional keys wrapped in {@link OptionalShape}. */
export type ObjectShapeOf<T> = {
  readonly is: 'object';
  readonly fields: { readonly [K in keyof T]-?: K extends OptionalKeys<T> ? { readonly is: 'optional'; readonly of: ShapeOf<Exclude<T[K], undefined>> } : ShapeOf<T[K]> };
};

/**
 * The descriptions that fit the JSON of type T: a union of words must list every word, an object
 * every key (and no other: object literals are checked for excess keys), a union of objects with a
 * string `kind` every case. Other unions (a string or an object) are described loosely.
 */
export type ShapeOf<T> =
  IsAny<T> extends true ? JsonShape
    : unknown extends T ? JsonShape
      : [T] extends [null] ? NullShape
        : null extends T ? { readonly is: 'nullable'; readonly of: ShapeOf<Exclude<T, null>> }
          : [T] extends [boolean] ? BooleanShape
            : [T] extends [string] ? (string extends T ? { readonly is: 'string' } : { readonly is: 'string'; readonly words: { readonly [K in T]: true } })
              : [T] extends [number] ? NumberShape
                : true extends IsUnion<T> ? ([T] extends [{ readonly kind: string }] ? TaggedShapeOf<T> : UnionShape)
                  : [T] extends [readonly (infer E)[]] ? { readonly is: 'array'; readonly of: ShapeOf<E> }
                    : string extends keyof T ? { readonly is: 'record'; readonly of: ShapeOf<T[keyof T]> }
                      : number extends keyof T ? { readonly is: 'record'; readonly of: ShapeOf<T[keyof T]> }
                        : ObjectShapeOf<T>;

type TaggedShapeOf<T extends { readonly kind: string }> = {
  readonly is: 'tagged'; readonly tag: 'kind';
  readonly cases: { readonly [K in T['kind']]: ShapeOf<Extract<T, { readonly kind: K }>> };
};

/** Any JSON value. */
export const anyJson: AnyShape = { is: 'any' };
/** Any string. */
export const str = { is: 'string' } as const;
/** A number. */
export const num: NumberShape = { is: 'number' };
/** true or false. */
export const bool: BooleanShape = { is: 'boolean' };
/** null. */
export const nul: NullShape = { is: 'null' };
/** One of the given words (the type of the key must be exactly their union). */
export function words<const W extends string>(...list: W[]): { readonly is: 'string'; readonly words: { readonly [K in W]: true } } {
  return { is: 'string', words: Object.fromEntries(list.map((w) => [w, true])) as { [K in W]: true } };
}
/** An array of `of`. */
export function arr<S extends JsonShape>(of: S): { readonly is: 'array'; readonly of: S } {
  return { is: 'array', of };
}
/** An object with any keys, each value `of`. */
export function rec<S extends JsonShape>(of: S): { readonly is: 'record'; readonly of: S } {
  return { is: 'record', of };
}
/** `of` or null. */
export function nullable<S extends JsonShape>(of: S): { readonly is: 'nullable'; readonly of: S } {
  return { is: 'nullable', of };
}
/** A key that may be absent. */
export function opt<S extends JsonShape>(of: S): { readonly is: 'optional'; readonly of: S } {
  return { is: 'optional', of };
}
/** One of the shapes. */
export function oneOf(...of: JsonShape[]): UnionShape {
  return { is: 'union', of };
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Whether a shape describes values of the kind of v (an object for object, record and tagged shapes). */
function sameKind(v: unknown, s: JsonShape): boolean {
  if (s.is === 'nullable') return v === null || sameKind(v, s.of);
  if (s.is === 'union') return s.of.some((x) => sameKind(v, x));
  if (s.is === 'any') return true;
  const k = kindOf(v);
  return s.is === 'object' || s.is === 'record' || s.is === 'tagged' ? k === 'object' : s.is === k;
}

/**
 * Where `value` (parsed JSON) departs from `shape`, one line per departure (`$.a.b[3]: ...`); empty
 * when it fits. A key the shape does not name is a departure ("undocumented key").
 *
 * @example validateJson(JSON.parse('{"a":1,"b":2}'), { is: 'object', fields: { a: num } }) // ['$: undocumented key "b"']
 */
export function validateJson(value: unknown, shape: JsonShape, path = '$'): string[] {
  const bad = (what: string): string[] => [`${path}: expected ${what}, got ${kindOf(value)}${typeof value === 'string' ? ` ${JSON.stringify(value)}` : ''}`];
  switch (shape.is) {
    case 'any': return [];
    case 'string':
      if (typeof value !== 'string') return bad('a string');
      return shape.words && !Object.hasOwn(shape.words, value) ? bad(`one of ${Object.keys(shape.words).join(', ')}`) : [];
    case 'number': return typeof value === 'number' ? [] : bad('a number');
    case 'boolean': return typeof value === 'boolean' ? [] : bad('a boolean');
    case 'null': return value === null ? [] : bad('null');
    case 'nullable': return value === null ? [] : validateJson(value, shape.of, path);
    case 'array': return Array.isArray(value) ? value.flatMap((v, i) => validateJson(v, shape.of, `${path}[${i}]`)) : bad('an array');
    case 'union': {
      if (shape.of.some((s) => validateJson(value, s, path).length === 0)) return [];
      // One candidate of the value's kind: its departures say more than "none fits".
      const near = shape.of.filter((s) => sameKind(value, s));
      return near.length === 1 ? validateJson(value, near[0], path) : bad(`one of ${shape.of.map((s) => s.is).join(', ')}`);
    }
    default: break;
  }
  if (kindOf(value) !== 'object') return bad('an object');
  const o = value as Record<string, unknown>;
  if (shape.is === 'record') return Object.entries(o).flatMap(([k, v]) => validateJson(v, shape.of, `${path}.${k}`));
  if (shape.is === 'tagged') {
    const tag = o[shape.tag];
    if (typeof tag !== 'string' || !Object.hasOwn(shape.cases, tag)) return [`${path}.${shape.tag}: expected one of ${Object.keys(shape.cases).join(', ')}, got ${JSON.stringify(tag)}`];
    return validateJson(value, shape.cases[tag], path);
  }
  const out: string[] = [];
  for (const [k, s] of Object.entries(shape.fields)) {
    if (!Object.hasOwn(o, k)) { if (s.is !== 'optional') out.push(`${path}: missing key "${k}"`); continue; }
    out.push(...validateJson(o[k], s.is === 'optional' ? s.of : s, `${path}.${k}`));
  }
  for (const k of Object.keys(o)) if (!Object.hasOwn(shape.fields, k)) out.push(`${path}: undocumented key "${k}"`);
  return out;
}
