/** The `params` mapping of a model file: names to numbers, keeping each number's exact text. */
import { IDENTIFIER, isModeOp, isReservedName } from './names.js';
import { modeOpMeaning, type Reserved } from './check-context.js';
import type { ParamSpec } from './model.js';
import { DECIMAL_LITERAL, fail, keyPath, numberText, wrongType, type LoadContext } from './load-context.js';
import type { SourceNode } from './source-tree.js';

/** The params read, and every well-formed name (also those whose value was wrong, to spare follow-up errors). */
export interface ParamsRead {
  readonly params: ParamSpec[];
  readonly names: string[];
}

/**
 * Why `name` cannot be a param, or null; with `reserved.modes` (a model with a boson species) `a`,
 * `adag`, `n` are taken, with `reserved.v2` (a model with `sites:`) `Sx`, `Sy`, `Sz`, `P`.
 */
export function paramNameProblem(name: string, reserved: Reserved = {}): string | null {
  const modes = reserved.modes === true;
  if (!IDENTIFIER.test(name)) return `expected a param name made of letters, digits and _, not starting with a digit (such as g or w0); found '${name}'`;
  if (isReservedName(name, reserved.v2 === true)) return `'${name}' is a built-in name of the model language; choose another param name`;
  if (modes && isModeOp(name)) {
    return `'${name}' is ${modeOpMeaning(name)} of this model's boson species (a, adag and n are reserved in a model with a boson species); choose another param name`;
  }
  // Params are looked up by name in maps that are JavaScript objects (the closed forms' variables):
  // a name every such object already has would read as a function there (scaling crashed, exit 70).
  if (name in Object.prototype) return `'${name}' is a name every JavaScript object already has (Object.prototype.${name}); choose another param name`;
  return null;
}

/** Reads `params`; an absent or empty value means no params. `ctx.modes` reserves `a`, `adag`, `n`. */
export function readParams(ctx: LoadContext, node: SourceNode | undefined): ParamsRead {
  const read: ParamsRead = { params: [], names: [] };
  if (!node || (node.kind === 'scalar' && node.type === 'null')) return read;
  if (node.kind !== 'map') {
    wrongType(ctx, 'params', node, 'a mapping of param names to numbers, such as params: { g: 1, T: 0.5 }');
    return read;
  }
  for (const entry of node.entries) {
    const key = keyPath('params', entry.key);
    const problem = paramNameProblem(entry.key, { modes: ctx.modes === true, v2: ctx.v2 === true });
    if (problem) {
      fail(ctx, 'bad-param', key, entry.keyPos, entry.key, problem);
      continue;
    }
    read.names.push(entry.key);
    const value = entry.value;
    let text: string | null = null;
    if (value.kind === 'scalar' && value.type === 'number') {
      text = numberText(value.source, value.value as number);
    } else if (value.kind === 'scalar' && value.type === 'string' && DECIMAL_LITERAL.test((value.value as string).trim())) {
      const trimmed = (value.value as string).trim();
      text = trimmed.startsWith('+') ? trimmed.slice(1) : trimmed;
    }
    const number = text === null ? NaN : Number(text);
    if (text === null || !Number.isFinite(number)) {
      wrongType(ctx, key, value, 'a finite number such as 1, 0.1 or 2.5e-3');
      continue;
    }
    read.params.push({ name: entry.key, text, value: number });
  }
  return read;
}
