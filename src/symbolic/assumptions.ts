/**
 * Assumptions a derivation makes, as data: `poly relation 0`, optionally on a range of L. They
 * travel with the closed forms into the JSON and into every proof obligation: a proof is stated
 * under exactly these, and a counterexample that breaks one refutes nothing.
 */
import type { Poly } from './poly.js';

export type Relation = '>' | '>=' | '<' | '<=' | '=' | '!=';

/** `poly relation 0`, assumed for L in [L.from, L.to] when `L` is given (to = null: no end). */
export interface DerivationAssumption {
  readonly poly: Poly;
  readonly relation: Relation;
  /** Why the derivation needed it, e.g. "the sign of the Bohr frequency hz". */
  readonly why: string;
  readonly L?: { readonly from: number; readonly to: number | null };
}

/** Whether `value relation 0` holds. */
export function relationHolds(value: number, relation: Relation): boolean {
  switch (relation) {
    case '>': return value > 0;
    case '>=': return value >= 0;
    case '<': return value < 0;
    case '<=': return value <= 0;
    case '=': return value === 0;
    case '!=': return value !== 0;
  }
}

/** Text such as "w0 - chi > 0" or "L - 20 < 0 for 1 <= L <= 19". */
export function assumptionText(a: DerivationAssumption): string {
  const range = a.L ? ` for ${a.L.to === null ? `L >= ${a.L.from}` : a.L.from === a.L.to ? `L = ${a.L.from}` : `${a.L.from} <= L <= ${a.L.to}`}` : '';
  return `${a.poly.toString()} ${a.relation} 0${range}`;
}

/** Adds `a` to `list` unless an equal assumption is there already. */
export function addAssumption(list: DerivationAssumption[], a0: DerivationAssumption): void {
  // One orientation (> or >=), so that w0 - chi > 0 and chi - w0 < 0 are one.
  const flip: Record<Relation, Relation> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '=': '=', '!=': '!=' };
  const a = a0.relation === '<' || a0.relation === '<=' ? { ...a0, poly: a0.poly.neg(), relation: flip[a0.relation] } : a0;
  const key = assumptionText(a);
  if (!list.some((b) => assumptionText(b) === key)) list.push(a);
}
