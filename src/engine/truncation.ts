/**
 * The truncation of bosonic modes (issue 16, model-language.md v2 `boson: { cutoff: n }`): a
 * model with a mode is computed at its cutoff n, and again with every mode's cutoff doubled, so a
 * user sees how J, every term and every bound change from n to 2n. The numbers of `current` stay
 * those of the truncated model as written; the report beside them is a measurement of the
 * truncation's effect, not a proof of convergence (a change below the errors at 2n does not bound
 * the change from 2n to infinity).
 */
import { maxBosonCutoff, type ModelSpec, type SpeciesSpec } from '../lang/index.js';
import type { StateSpec } from './states.js';

/** The largest cutoff of a mode (lang's `maxBosonCutoff`, model-language.md: n = 1..4096); a doubling beyond it is not made. */
export const maxDoubledCutoff = maxBosonCutoff;

/** A mode of the model: its species' name, its cutoff n and the doubled one 2n. */
export interface ModeCutoff {
  readonly species: string;
  readonly cutoff: number;
  readonly doubled: number;
}

/** A value at the model's cutoffs and at the doubled ones, and the change doubled - cutoff. */
export interface CutoffChange {
  readonly cutoff: number;
  readonly doubled: number;
  readonly change: number;
}

/** The recomputation at the doubled cutoffs, beside the result at the model's. */
export interface TruncationComputed {
  readonly computed: true;
  readonly modes: readonly ModeCutoff[];
  /** The method and dimension of the run at 2n. */
  readonly method: string;
  readonly dimension: number;
  /** J at n and 2n; `error` bounds the numerical error of the change (both runs' errors of J added). */
  readonly J: CutoffChange & { readonly error: number };
  readonly terms: Readonly<Record<string, CutoffChange>>;
  readonly bounds: Readonly<Record<string, CutoffChange>>;
  /** The verdicts of the run at 2n. */
  readonly verdicts: Readonly<Record<string, string>>;
}

/** Why the run at 2n was not made (a cutoff already at the largest, no method for the doubled space, a state drawn on the truncated space). */
export interface TruncationNotComputed {
  readonly computed: false;
  readonly modes: readonly ModeCutoff[];
  readonly reason: string;
}

export type TruncationReport = TruncationComputed | TruncationNotComputed;

/** The model's modes with their cutoffs and doubled cutoffs, in declaration order ([] without a boson species). */
export function modeCutoffs(model: Pick<ModelSpec, 'sites'>): ModeCutoff[] {
  return (model.sites ?? []).filter((s) => s.kind === 'boson').map((s) => ({ species: s.name, cutoff: s.dim, doubled: 2 * s.dim }));
}

/** The model with every mode's cutoff doubled (the same file, names and expressions). */
export function withDoubledCutoffs(model: ModelSpec): ModelSpec {
  const sites = model.sites?.map((s): SpeciesSpec => (s.kind === 'boson' ? { ...s, dim: 2 * s.dim } : s));
  return sites ? { ...model, sites } : model;
}

/**
 * The part of a state that is drawn on the truncated space (random(seed), mixed(seed)): at cutoff
 * 2n the same seed gives another state, so the change from n to 2n would not be the truncation's.
 */
export function dimensionDependentPart(s: StateSpec): string | null {
  switch (s.kind) {
    case 'random': case 'mixed': return `${s.kind}(${s.seed})`;
    case 'mix': return dimensionDependentPart(s.a) ?? dimensionDependentPart(s.b);
    case 'steadyFrom': return dimensionDependentPart(s.from);
    default: return null;
  }
}

/**
 * The largest dimension of the run at the doubled cutoffs that `current` makes unasked (its
 * default, `truncation: 'auto'`): the run at 2n costs several times the run at n (a method's
 * dimension doubles per mode, its eigensolvers' work up to eight times), so beyond this the report
 * says how to ask for it (`--truncation-check`) instead of multiplying the run time unasked. A
 * dimension, not a measured time, so the report is the same on every machine.
 */
export const autoCheckDimension = 4096;

/** The dimension of the run at 2n, from the run at n: the method's dimension times 2 per mode. */
export function doubledDimension(dimension: number, modes: readonly ModeCutoff[]): number {
  return dimension * 2 ** modes.length;
}

/** Why `truncation: 'auto'` leaves the run at 2n out (its dimension above {@link autoCheckDimension}), or null. */
export function beyondAutoCheck(dimension: number, modes: readonly ModeCutoff[]): string | null {
  const d = doubledDimension(dimension, modes);
  if (d <= autoCheckDimension) return null;
  return `the run at the doubled cutoffs (dimension about ${d}) is beyond the automatic check's ${autoCheckDimension}: \`--truncation-check\` makes it`;
}

/** Why the cutoffs cannot be doubled, or null. */
export function undoubledReason(modes: readonly ModeCutoff[], state: StateSpec): string | null {
  const top = modes.find((m) => m.doubled > maxDoubledCutoff);
  if (top) return `mode ${top.species} has cutoff ${top.cutoff}: doubled, ${top.doubled} is above the largest cutoff ${maxDoubledCutoff}`;
  const drawn = dimensionDependentPart(state);
  if (drawn) return `the state ${drawn} is drawn on the truncated space: at the doubled cutoff the same seed is another state, so the change would not be the truncation's`;
  return null;
}

/** The numbers a run gives that the report compares (a projection of CurrentResult). */
export interface TruncationValues {
  readonly method: string;
  readonly dimension: number;
  readonly J: number;
  readonly errorJ: number;
  readonly terms: Readonly<Record<string, number>>;
  readonly bounds: Readonly<Record<string, number>>;
  readonly verdicts: Readonly<Record<string, string>>;
}

/** The report of the runs at n (`at`) and 2n (`doubled`). */
export function truncationReport(modes: readonly ModeCutoff[], at: TruncationValues, doubled: TruncationValues): TruncationComputed {
  const change = (a: number, b: number): CutoffChange => ({ cutoff: a, doubled: b, change: b - a });
  const each = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.keys(a).map((k) => [k, change(a[k], b[k])]));
  return {
    computed: true, modes, method: doubled.method, dimension: doubled.dimension,
    J: { ...change(at.J, doubled.J), error: at.errorJ + doubled.errorJ },
    terms: each(at.terms, doubled.terms), bounds: each(at.bounds, doubled.bounds), verdicts: doubled.verdicts,
  };
}
