/**
 * Names in claims context: a claim's names are the quantities (J, L, normH, ..., B2), the
 * existential constant, pi and the model's params. A param named like a quantity would silently
 * replace it (a param `J` would stand for the heat current), so in claims context such a param is
 * an input error at the param's key in the model file; a claim constant named like a param of a
 * judged model is an input error at the constant.
 */
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { InputError, type InputErrorData, type ModelSpec } from '../src/lang/index.js';
import { claimQuantities, type Claim } from './claims.js';

/** Every name a claim gives a meaning of its own (params may not take them in claims context). */
export const claimNames: readonly string[] = [...claimQuantities, 'pi'];

/** The 1-based line:column of `params.<name>`'s key in a model file's text (0:0 when not found). */
export function paramKeyPosition(text: string | null, name: string): { line: number; column: number } {
  if (text === null) return { line: 0, column: 0 };
  try {
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    const lineCounter = new LineCounter();
    const doc = parseDocument(body, { lineCounter });
    const params = doc.get('params', true);
    if (isMap(params)) {
      for (const item of params.items) {
        if (isScalar(item.key) && String(item.key.value) === name && item.key.range) {
          const p = lineCounter.linePos(item.key.range[0]);
          return { line: p.line, column: p.col };
        }
      }
    }
  } catch { /* the loader has read the file already; a position is a courtesy */ }
  return { line: 0, column: 0 };
}

/**
 * Rejects, in claims context, params whose names a claim already uses for something else, and a
 * claim constant that is also a param of a judged model.
 *
 * @throws InputError listing every such param (code bad-param, the model file, key `params.NAME`,
 * its line:column) or the constant (code shadowed-name, at its column in the claim)
 */
export function checkClaimNames(claim: Claim, models: readonly { readonly model: ModelSpec; readonly shown: string; readonly text: string | null }[]): void {
  const errors: InputErrorData[] = [];
  for (const { model, shown, text } of models) {
    for (const p of model.params) {
      if (!claimNames.includes(p.name)) continue;
      const at = paramKeyPosition(text, p.name);
      errors.push({
        code: 'bad-param', file: shown, key: `params.${p.name}`, line: at.line, column: at.column, token: p.name,
        message: `the param '${p.name}' has the name of a claim quantity (${p.name === 'J' ? 'J is the heat current' : `'${p.name}' means the quantity`}); in claims, ${claimNames.join(', ')} are reserved, so rename the param to judge claims on '${model.name}'`,
      });
    }
  }
  if (claim.exists) {
    const owners = models.filter((m) => m.model.params.some((p) => p.name === claim.exists)).map((m) => m.shown);
    if (owners.length) {
      const ex = /^(\s*exists\s+)/.exec(claim.text);
      errors.push({
        code: 'shadowed-name', file: '<command line>', key: 'CLAIM', line: 1, column: (ex ? ex[1].length : 0) + 1, token: claim.exists,
        message: `the constant '${claim.exists}' is also a param of ${owners.join(', ')}; choose another name for the constant in the claim '${claim.text}'`,
      });
    }
  }
  if (errors.length) throw new InputError(errors);
}
