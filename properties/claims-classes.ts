/**
 * Which model classes a family belongs to, as its derived forms show (`check --class`):
 * - band: deltaE = O(1);
 * - extensive: normH = O(L) and sum ||A|| = O(L), i.e. sumA2 = O(L^2).
 * A conjectured or numeric form shows nothing; a derived upper bound shows an O(.) (every quantity
 * here is >= 0). The classes local, global and collective are structural: forms cannot show them.
 */
import type { ModelSpec } from '../src/lang/index.js';
import type { QuantityForm } from '../src/engine/index.js';
import type { Q } from '../src/symbolic/index.js';
import { exactParams, NotExact, type FamilyForms } from './claims-exact.js';

/** The classes derived forms can show. */
export const formClasses = ['band', 'extensive'] as const;
export type FormClass = (typeof formClasses)[number];

export interface FamilyClasses {
  /** The classes the derived forms show. */
  readonly classes: readonly FormClass[];
  /** Why each class is or is not shown. */
  readonly why: Readonly<Record<FormClass, string>>;
}

/**
 * The growth of a derived form as L grows: its degree in L (exact param values substituted; factors
 * b^L with |b| < 1 decay, so they are O(1)), 'exponential', or a reason it shows nothing.
 */
function growth(name: string, f: QuantityForm | null | undefined, model: ModelSpec): { degree: number | 'exponential' } | { none: string } {
  if (!f) return { none: `${name} has no closed form` };
  if (f.status !== 'derived') return { none: `${name} is ${f.status}, not derived` };
  const last = f.pieces[f.pieces.length - 1];
  if (!last || last.to !== null) return { none: `${name}'s forms do not cover every large L` };
  let params: Record<string, Q>;
  try { params = Object.fromEntries(exactParams(model)); } catch (err) {
    if (err instanceof NotExact) return { none: err.reason };
    throw err;
  }
  const branches = last.form.kind === 'single' ? [last.form.form] : [last.form.even, last.form.odd];
  let degree = 0;
  for (const c of branches) {
    for (const t of c.terms) {
      const p = t.poly.evaluateExact(params);
      if (p.isZero()) continue;
      const b = t.base ? Math.abs(t.base.value) : 1;
      if (b < 1) continue;
      if (b > 1) return { degree: 'exponential' };
      degree = Math.max(degree, p.degree('L'));
    }
  }
  return { degree };
}

const show = (g: ReturnType<typeof growth>): string => ('none' in g ? g.none : g.degree === 'exponential' ? 'grows exponentially' : g.degree === 0 ? 'O(1)' : `O(L^${g.degree})`);

/** The classes a family's derived forms show. */
export function familyClasses(forms: FamilyForms | undefined, model: ModelSpec): FamilyClasses {
  if (!forms) {
    const why = 'no closed forms';
    return { classes: [], why: { band: why, extensive: why } };
  }
  const dE = growth('deltaE', forms.deltaE, model), nH = growth('normH', forms.normH, model), sA = growth('sumA2', forms.sumA2, model);
  const deg = (g: ReturnType<typeof growth>): number => ('none' in g ? Infinity : g.degree === 'exponential' ? Infinity : g.degree);
  const band = deg(dE) <= 0;
  const extensive = deg(nH) <= 1 && deg(sA) <= 2;
  const classes: FormClass[] = [];
  if (band) classes.push('band');
  if (extensive) classes.push('extensive');
  return {
    classes,
    why: {
      band: `deltaE ${show(dE)}${band ? '' : ': not shown to be O(1)'}`,
      extensive: `normH ${show(nH)}, sumA2 ${show(sA)}${extensive ? '' : ': not shown to be O(L) and O(L^2)'}`,
    },
  };
}
