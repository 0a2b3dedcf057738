/**
 * The report of `current`, written once for both engines: a {@link Report} over the engine's
 * numbers (float64 or Decimal), one JSON formatter ({@link reportJson}, the typed contract
 * {@link CurrentJson}) and one text formatter ({@link reportText}), with the engine's way of
 * writing numbers passed in as a {@link ReportStyle}.
 */
import type { Decimal } from '../numeric/index.js';
import { boundNames, holdsOf, type CurrentResult, type CutoffChange, type PreciseResult, type TruncationReport, type UpperEnds, type Verdict, type VerdictWord } from '../engine/index.js';
import type { Bounded } from '../numeric/index.js';
import type { FailedL, FailureJson } from './failure.js';
import { dec, decError, decimal, short, table } from './format.js';

/** Bstate, B1, B1coarse, B2 and B2tail. */
type BoundName = (typeof boundNames)[number];

/** One channel's quantities. */
export interface ReportChannel<N> {
  readonly J: N;
  readonly normA: N;
  readonly deltaE: N;
  readonly gammaMax: N;
  readonly omegaGammaMax: N;
  readonly Bstate: N;
  readonly normHow: string;
}

/** J, every term and bound with its error, and each bound's verdict, in the numbers N of one engine. */
export interface Report<N> {
  readonly model: string;
  readonly L: number;
  readonly method: string;
  readonly state: string;
  /** The decimal.js engine's digits: requested, and those of the computation that decided the verdicts; absent for float64. */
  readonly digits?: { readonly requested: number; readonly used: number };
  readonly J: Bounded<N>;
  readonly channels: readonly ReportChannel<N>[];
  readonly terms: Readonly<Record<string, Bounded<N>>>;
  readonly bounds: Readonly<Record<BoundName, Bounded<N>>>;
  readonly verdicts: Readonly<Record<BoundName, VerdictWord>>;
  /** |J| / B (its value Infinity when B = 0 < |J|, 0 when both are 0). */
  readonly ratios: Readonly<Record<BoundName, Bounded<N>>>;
  /** B - |J|. */
  readonly margins: Readonly<Record<BoundName, Bounded<N>>>;
  /** B2tail's cutoff D, its two pieces, the |J| dropped below round-off, and the profile. */
  readonly tail: {
    readonly D: N; readonly band: N; readonly tail: N; readonly dropped: N;
    readonly gridPoints: number; readonly coarse: boolean; readonly frequencies: 'bohr' | 'omega';
    readonly profile: readonly { readonly D: N; readonly value: N }[];
  };
  readonly exact: boolean;
  readonly inexact: readonly string[];
  readonly notes: readonly string[];
  readonly dimension: number;
  /** The current of each named channel entry, in file order; absent when the model names none. */
  readonly currents?: readonly { readonly name: string; readonly J: Bounded<N>; readonly channels: number }[];
  /** The upper ends where the Omega statistics are enclosures; absent when they are exact. */
  readonly upper?: UpperEnds<Bounded<N>>;
  /** Models with bosonic modes (float64 engine): the change from each cutoff n to 2n (engine/truncation). */
  readonly truncation?: TruncationReport;
}

/** How one engine writes its numbers, and whether its text shows every error. */
export interface ReportStyle<N> {
  /** A value in JSON. */
  readonly json: (x: N) => string;
  /** An error bound in JSON. */
  readonly jsonError: (x: N) => string;
  /** A value in a table. */
  readonly text: (x: N) => string;
  /** J in the headline. */
  readonly headline: (x: N) => string;
  /** A ratio |J| / B, a cutoff D. */
  readonly ratio: (x: N) => string;
  readonly isZero: (x: N) => boolean;
  /** A margin B - |J|. */
  readonly margin: (x: N) => string;
  /** An error bound in text. */
  readonly textError: (x: N) => string;
  /** Columns with the error of every term and the margin of every bound (the decimal.js engine's). */
  readonly errorColumns: boolean;
}

/** One channel in the JSON of `current`. */
export interface ChannelJson {
  readonly J: string;
  readonly normA: string;
  readonly deltaE: string;
  readonly gammaMax: string;
  readonly omegaGammaMax: string;
  readonly Bstate: string;
  readonly normHow: string;
}

/** B2tail in the JSON of `current`. */
export interface TailJson {
  readonly B2tail: string;
  readonly D: string;
  readonly band: string;
  readonly tail: string;
  readonly error: string;
  readonly dropped: string;
  readonly gridPoints: number;
  readonly coarse: boolean;
  readonly frequencies: 'bohr' | 'omega';
  readonly profile: readonly { readonly D: string; readonly value: string }[];
}

type PerBound<T> = Readonly<Record<BoundName, T>>;

/** The Omega statistics of a channel or overall, in JSON. */
export interface OmegaStatisticsJson {
  readonly deltaE: string;
  readonly gammaMax: string;
  readonly omegaGammaMax: string;
}

/** The four bounds built on the Omega statistics, in JSON. */
export interface OmegaBoundsJson {
  readonly Bstate: string;
  readonly B1: string;
  readonly B1coarse: string;
  readonly B2: string;
}

/**
 * The upper ends of the enclosures in the JSON of `current`, present only where the Omega
 * statistics are enclosures (then `exact` is false and `inexact` says so): the exact deltaE,
 * gammaMax, max |w| gamma, each channel's share of Bstate and the bounds Bstate, B1, B1coarse, B2
 * lie between the values of `channels`, `terms` and `bounds` (over the matrix elements certified
 * nonzero) and these (over every element not certified zero), each end within its error. A bound
 * holds when |J| is below its lower end and is violated only above its upper end.
 */
export interface UpperJson {
  /** The statistics whose ends differ: deltaE, gammaMax, omegaGammaMax. */
  readonly differs: readonly ('deltaE' | 'gammaMax' | 'omegaGammaMax')[];
  readonly channels: readonly (OmegaStatisticsJson & { readonly Bstate: string })[];
  readonly terms: OmegaStatisticsJson;
  readonly bounds: OmegaBoundsJson;
  /** The upper ends' error bounds. */
  readonly error: { readonly terms: OmegaStatisticsJson; readonly bounds: OmegaBoundsJson };
}

/** A named channel entry's current in the JSON of `current`: J_c, its error bound, and how many channels it sums. */
export interface NamedCurrentJson {
  readonly J: string;
  readonly error: string;
  readonly channels: number;
}

/**
 * The JSON object of `current --json` (contract of issue 2; extended, never renamed): numbers as
 * decimal strings. The decimal.js engine (`--digits D`) adds `engine`, `digits`, `digitsUsed`,
 * `verdicts`, `ratios`, `margins` and the errors of terms, ratios and margins.
 */
export interface CurrentJson {
  readonly model: string;
  readonly L: number;
  readonly method: string;
  readonly engine?: 'decimal';
  readonly digits?: number;
  readonly digitsUsed?: number;
  readonly state: string;
  readonly J: string;
  readonly channels: readonly ChannelJson[];
  readonly terms: Readonly<Record<string, string>>;
  readonly bounds: PerBound<string>;
  /** true / false / "tie" / "unknown" ({@link Verdict}). */
  readonly holds: PerBound<Verdict>;
  readonly verdicts?: PerBound<VerdictWord>;
  readonly ratios?: PerBound<string>;
  readonly margins?: PerBound<string>;
  readonly error: {
    readonly J: string;
    readonly terms?: Readonly<Record<string, string>>;
    readonly bounds: PerBound<string>;
    readonly ratios?: PerBound<string>;
    readonly margins?: PerBound<string>;
  };
  readonly tail: TailJson;
  readonly exact: boolean;
  readonly inexact: readonly string[];
  readonly notes: readonly string[];
  readonly dimension: number;
  /**
   * The current of each named channel entry by name (issue 15; only when the model names a
   * channel): J_c with its error; J = sum over every channel.
   */
  readonly currents?: Readonly<Record<string, NamedCurrentJson>>;
  /** The upper ends of the Omega statistics and of the bounds on them, where they are enclosures ({@link UpperJson}). */
  readonly upper?: UpperJson;
  /** Models with bosonic modes: the run with every cutoff doubled and the changes ({@link TruncationJson}). */
  readonly truncation?: TruncationJson;
}

/** A value at the model's cutoffs, at the doubled ones, and the change doubled - cutoff, as decimal strings. */
export interface CutoffChangeJson {
  readonly cutoff: string;
  readonly doubled: string;
  readonly change: string;
}

/**
 * The truncation of the model's bosonic modes in the JSON of `current` (issue 16): each mode's
 * cutoff n and 2n; with `computed: true` the method and dimension of the run at 2n, J (with the
 * error bound of its change), every term and bound at n and 2n, and the verdicts at 2n; with
 * `computed: false` the reason the run at 2n was not made. A change is a measurement, not a
 * bound on the truncation error.
 */
export interface TruncationJson {
  readonly modes: readonly { readonly species: string; readonly cutoff: number; readonly doubled: number }[];
  readonly computed: boolean;
  readonly reason?: string;
  readonly method?: string;
  readonly dimension?: number;
  readonly J?: CutoffChangeJson & { readonly error: string };
  readonly terms?: Readonly<Record<string, CutoffChangeJson>>;
  readonly bounds?: Readonly<Record<string, CutoffChangeJson>>;
  readonly verdicts?: Readonly<Record<string, string>>;
}

/** The truncation report in JSON (float64 numbers, shortest round-trip strings). */
function truncationJson(t: TruncationReport): TruncationJson {
  if (!t.computed) return { modes: t.modes, computed: false, reason: t.reason };
  const change = (c: CutoffChange): CutoffChangeJson => ({ cutoff: decimal(c.cutoff), doubled: decimal(c.doubled), change: decimal(c.change) });
  const each = (o: Readonly<Record<string, CutoffChange>>) => Object.fromEntries(Object.entries(o).map(([k, c]) => [k, change(c)]));
  return {
    modes: t.modes, computed: true, method: t.method, dimension: t.dimension,
    J: { ...change(t.J), error: decimal(t.J.error) }, terms: each(t.terms), bounds: each(t.bounds), verdicts: t.verdicts,
  };
}

/** The truncation report as text: the modes, then J, the terms and bounds at n and 2n with their changes. */
function truncationText(t: TruncationReport): string[] {
  const modes = t.modes.map((m) => `mode ${m.species} cutoff ${m.cutoff} -> ${m.doubled}`).join(', ');
  if (!t.computed) return [`truncation: ${modes}: not recomputed (${t.reason})`];
  const row = (label: string, c: CutoffChange): string[] => [label, short(c.cutoff), short(c.doubled), short(c.change, 3)];
  const n = t.modes.map((m) => String(m.cutoff)).join(','), n2 = t.modes.map((m) => String(m.doubled)).join(',');
  const jUnchanged = Math.abs(t.J.change) <= t.J.error;
  return [
    `truncation: ${modes} (${t.method}, dimension ${t.dimension}); J changes by ${short(t.J.change, 3)} (error of the change <= ${short(t.J.error, 2)}${jUnchanged ? ': unchanged within error' : ''}); a change is measured, not a bound on the truncation error`,
    table(['at cutoff', n, n2, 'change'], [
      row('J', t.J),
      ...Object.entries(t.terms).map(([k, c]) => row(k, c)),
      ...Object.entries(t.bounds).map(([k, c]) => row(k, c)),
    ]),
  ];
}

/**
 * An L of a range (`current --L A,B,C --json`) that failed, in the array beside the
 * {@link CurrentJson} of the others (contract of issue 15; extended, never renamed): the model,
 * the L and why ({@link FailureJson}: `kind`, `code` for input errors, `message`). A single L
 * (`--L N`) never prints one: its failure is an error on stderr, as before.
 */
export interface CurrentFailureJson {
  readonly model: string;
  readonly L: number;
  readonly failure: FailureJson;
}

/** One entry of the array of `current --L A,B,C --json`. */
export type CurrentEntryJson = CurrentJson | CurrentFailureJson;

/** A failed L of model `model` in the JSON of `current`. */
export function failedJson(model: string, f: FailedL): CurrentFailureJson {
  return { model, L: f.L, failure: f.failure };
}

/** The JSON of a report. */
export function reportJson<N>(r: Report<N>, s: ReportStyle<N>): CurrentJson {
  const values = <K extends string>(o: Readonly<Record<K, Bounded<N>>>): Readonly<Record<K, string>> =>
    Object.fromEntries(Object.entries<Bounded<N>>(o).map(([k, b]) => [k, s.json(b.value)])) as Record<K, string>;
  const errors = <K extends string>(o: Readonly<Record<K, Bounded<N>>>): Readonly<Record<K, string>> =>
    Object.fromEntries(Object.entries<Bounded<N>>(o).map(([k, b]) => [k, s.jsonError(b.error)])) as Record<K, string>;
  const d = r.digits;
  const holds = Object.fromEntries(boundNames.map((b) => [b, holdsOf(r.verdicts[b])])) as Record<BoundName, Verdict>;
  return {
    model: r.model,
    L: r.L,
    method: r.method,
    ...(d ? { engine: 'decimal' as const, digits: d.requested, digitsUsed: d.used } : {}),
    state: r.state,
    J: s.json(r.J.value),
    channels: r.channels.map((c) => ({
      J: s.json(c.J), normA: s.json(c.normA), deltaE: s.json(c.deltaE), gammaMax: s.json(c.gammaMax),
      omegaGammaMax: s.json(c.omegaGammaMax), Bstate: s.json(c.Bstate), normHow: c.normHow,
    })),
    terms: values(r.terms),
    bounds: values(r.bounds),
    holds,
    ...(d ? { verdicts: r.verdicts, ratios: values(r.ratios), margins: values(r.margins) } : {}),
    error: d
      ? { J: s.jsonError(r.J.error), terms: errors(r.terms), bounds: errors(r.bounds), ratios: errors(r.ratios), margins: errors(r.margins) }
      : { J: s.jsonError(r.J.error), bounds: errors(r.bounds) },
    tail: {
      B2tail: s.json(r.bounds.B2tail.value), D: s.json(r.tail.D), band: s.json(r.tail.band), tail: s.json(r.tail.tail), error: s.jsonError(r.bounds.B2tail.error),
      dropped: s.jsonError(r.tail.dropped), gridPoints: r.tail.gridPoints, coarse: r.tail.coarse, frequencies: r.tail.frequencies,
      profile: r.tail.profile.map((p) => ({ D: s.json(p.D), value: s.json(p.value) })),
    },
    exact: r.exact,
    inexact: r.inexact,
    notes: r.notes,
    dimension: r.dimension,
    ...(r.currents ? { currents: Object.fromEntries(r.currents.map((c) => [c.name, { J: s.json(c.J.value), error: s.jsonError(c.J.error), channels: c.channels }])) } : {}),
    ...(r.upper ? { upper: upperJson(r.upper, s) } : {}),
    ...(r.truncation ? { truncation: truncationJson(r.truncation) } : {}),
  };
}

/** The upper ends in JSON. */
function upperJson<N>(u: UpperEnds<Bounded<N>>, s: ReportStyle<N>): UpperJson {
  const stats = (o: { readonly deltaE: Bounded<N>; readonly gammaMax: Bounded<N>; readonly omegaGammaMax: Bounded<N> }, f: (b: Bounded<N>) => string): OmegaStatisticsJson =>
    ({ deltaE: f(o.deltaE), gammaMax: f(o.gammaMax), omegaGammaMax: f(o.omegaGammaMax) });
  const four = (o: UpperEnds<Bounded<N>>['bounds'], f: (b: Bounded<N>) => string): OmegaBoundsJson =>
    ({ Bstate: f(o.Bstate), B1: f(o.B1), B1coarse: f(o.B1coarse), B2: f(o.B2) });
  const value = (b: Bounded<N>): string => s.json(b.value), error = (b: Bounded<N>): string => s.jsonError(b.error);
  return {
    differs: u.differs,
    channels: u.channels.map((c) => ({ ...stats(c, value), Bstate: value(c.Bstate) })),
    terms: stats(u.terms, value),
    bounds: four(u.bounds, value),
    error: { terms: stats(u.terms, error), bounds: four(u.bounds, error) },
  };
}

/** A verdict as words. */
export function verdictText(v: VerdictWord): string {
  return v === 'holds' ? 'holds' : v === 'violated' ? 'VIOLATED' : v === 'tie' ? 'tie (equal within error)' : 'unknown (inexact terms)';
}

const termLabels: Readonly<Record<string, string>> = {
  normH: 'normH  ||H_S||', width: 'width  W = Emax - Emin', sumA2: 'sumA2  sum ||A||^2', gammaMax: 'gammaMax  Gamma',
  deltaE: 'deltaE  DeltaE_eff', omegaGammaMax: 'omegaGammaMax  max|w|gamma',
};

/** The readable report of one L. */
export function reportText<N>(r: Report<N>, s: ReportStyle<N>): string {
  const d = r.digits;
  const engine = d ? `decimal.js, ${d.requested} digits${d.used !== d.requested ? ` (ties recomputed at ${d.used})` : ''}, ${r.method} path` : `method ${r.method}`;
  const out: string[] = [];
  out.push(`model ${r.model}   L = ${r.L}   state ${r.state}   ${engine} (dimension ${r.dimension})`);
  out.push(`J = ${s.headline(r.J.value)}   (J > 0: heat flows into the system; error <= ${s.textError(r.J.error)})`);
  out.push('');
  // Only the rows shown are formatted (the first eight and the last four of more than 16): at
  // L = 10^5 formatting every channel would cost more than the rest of the report.
  const chRow = (i: number): string[] => {
    const c = r.channels[i];
    return [String(i), ...[c.J, c.normA, c.deltaE, c.gammaMax, c.omegaGammaMax, c.Bstate].map(s.text)];
  };
  const n = r.channels.length;
  const range = (from: number, to: number): string[][] => Array.from({ length: to - from }, (_, j) => chRow(from + j));
  const shown = n > 16 ? [...range(0, 8), ['...', '', '', '', '', '', ''], ...range(n - 4, n)] : range(0, n);
  out.push(table(['channel', 'J', '||A||', 'deltaE', 'gammaMax', 'max|w|gamma', 'Bstate'], shown));
  if (r.currents) {
    out.push(table(['named channel', 'channels', 'J', 'error'], r.currents.map((c) => [c.name, String(c.channels), s.text(c.J.value), s.textError(c.J.error)])));
  }
  const terms = Object.entries(r.terms).map(([k, b]) => [termLabels[k] ?? k, s.text(b.value), ...(s.errorColumns ? [s.textError(b.error)] : [])]);
  out.push(table(['term', 'value', ...(s.errorColumns ? ['error'] : [])], terms));
  out.push(table(['bound', 'value', '|J|/B', ...(s.errorColumns ? ['margin B - |J|', 'error'] : []), '|J| <= B'], boundNames.map((b) => [
    b === 'B2tail' ? `B2tail (D = ${s.ratio(r.tail.D)})` : b, s.text(r.bounds[b].value), s.ratio(r.ratios[b].value),
    ...(s.errorColumns ? [s.margin(r.margins[b].value), s.textError(r.margins[b].error)] : []), verdictText(r.verdicts[b]),
  ])));
  if (r.truncation) out.push(...truncationText(r.truncation));
  for (const n of r.inexact) out.push(`inexact: ${n}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}

/** A failed L in one line of text: `failed (KIND): ` and its summary. */
export function failureLine(f: FailedL): string {
  return `failed (${f.failure.kind}): ${f.summary}`;
}

/**
 * The compact table of several L (the verdicts of Bstate, B1, B1coarse and B2); an L that failed
 * is a row of dashes with {@link failureLine} as its verdicts (the column then aligned left).
 * `model` heads the table when no L succeeded (else the first report's model and state do).
 */
export function sweepText<N>(rs: readonly (Report<N> | FailedL)[], s: ReportStyle<N>, model?: string): string {
  const four = ['Bstate', 'B1', 'B1coarse', 'B2'] as const;
  // The named channels' currents, J[name], after J (columns only when the model names a channel).
  const names = [...new Set(rs.flatMap((r) => ('failure' in r ? [] : (r.currents ?? []).map((c) => c.name))))];
  const named = (r: Report<N>): string[] => names.map((n) => {
    const c = r.currents?.find((x) => x.name === n);
    return c ? s.text(c.J.value) : '-';
  });
  // With bosonic modes: J's change from cutoff n to 2n (engine/truncation), '-' where not recomputed.
  const truncated = rs.some((r) => !('failure' in r) && r.truncation);
  const change = (r: Report<N>): string[] => (!truncated ? [] : r.truncation?.computed ? [short(r.truncation.J.change, 3)] : ['-']);
  const rows = rs.map((r) => 'failure' in r ? [String(r.L), '-', '-', ...names.map(() => '-'), ...(truncated ? ['-'] : []), ...four.map(() => '-'), '-', failureLine(r)] : [
    String(r.L), r.method, s.text(r.J.value), ...named(r), ...change(r), ...four.map((b) => s.text(r.bounds[b].value)),
    s.isZero(r.bounds.B1.value) ? '-' : s.ratio(r.ratios.B1.value),
    four.every((b) => r.verdicts[b] === 'holds') ? 'all hold' : four.map((b) => `${b}:${verdictText(r.verdicts[b])}`).filter((x) => !x.endsWith('holds')).join(' '),
  ]);
  const first = rs.find((r): r is Report<N> => !('failure' in r));
  const head = first ? `model ${first.model}   state ${first.state}\n` : rs.length && model !== undefined ? `model ${model}\n` : '';
  const failed = rs.some((r) => 'failure' in r);
  const header = ['L', 'method', 'J', ...names.map((n) => `J[${n}]`), ...(truncated ? ['J(2n) - J(n)'] : []), 'Bstate', 'B1', 'B1coarse', 'B2', '|J|/B1', 'verdicts'];
  return head + table(header, rows, failed ? [0, header.length - 1] : [0]);
}

// --- the two engines' reports and styles ----------------------------------------------------

/** The float64 engine's result as a report (its margins and ratios as the engine decided them). */
export function floatReport(r: CurrentResult): Report<number> {
  const perBound = (f: (b: BoundName) => Bounded<number>) => Object.fromEntries(boundNames.map((b) => [b, f(b)])) as Record<BoundName, Bounded<number>>;
  return {
    model: r.model, L: r.L, method: r.method, state: r.state,
    J: { value: r.J, error: r.error.J },
    channels: r.channels,
    terms: Object.fromEntries(Object.entries(r.terms).map(([k, v]) => [k, { value: v, error: r.termErrors.terms[k as keyof typeof r.terms] }])),
    bounds: perBound((b) => ({ value: r.bounds[b], error: r.error.bounds[b] })),
    verdicts: r.verdicts,
    ratios: r.ratios,
    margins: r.margins,
    tail: r.tail,
    exact: r.exact, inexact: r.inexact, notes: r.notes, dimension: r.dimension,
    ...(r.currents ? { currents: r.currents.map((c) => ({ name: c.name, J: { value: c.J, error: c.error }, channels: c.channels })) } : {}),
    ...(r.upper ? { upper: r.upper } : {}),
    ...(r.truncation ? { truncation: r.truncation } : {}),
  };
}

/** float64: shortest round-trip strings in JSON, 10 significant digits in tables (15 for J). */
export const floatStyle: ReportStyle<number> = {
  json: decimal, jsonError: decimal, text: (x) => short(x), headline: (x) => short(x, 15),
  ratio: (x) => (x === Infinity ? 'inf' : short(x, 6)), isZero: (x) => x === 0, margin: (x) => short(x, 6), textError: (x) => short(x, 2),
  errorColumns: false,
};

/** The decimal.js engine's result as a report. */
export function decimalReport(r: PreciseResult): Report<Decimal> {
  return {
    model: r.model, L: r.L, method: r.method, state: r.state, digits: { requested: r.digits, used: r.digitsUsed },
    J: r.J,
    channels: r.channels.map((c) => ({
      J: c.J.value, normA: c.normA.value, deltaE: c.deltaE.value, gammaMax: c.gammaMax.value, omegaGammaMax: c.omegaGammaMax.value,
      Bstate: c.Bstate.value, normHow: c.normHow,
    })),
    terms: r.terms, bounds: r.bounds, verdicts: r.holds, ratios: r.ratios, margins: r.margins,
    tail: { ...r.tail, coarse: false },
    exact: r.inexact.length === 0, inexact: r.inexact, notes: r.notes, dimension: r.dimension,
    ...(r.currents ? { currents: r.currents } : {}),
    ...(r.upper ? { upper: r.upper } : {}),
  };
}

/**
 * Decimal: `digitsUsed` significant digits in JSON, those requested (at most 40) in tables, 6 for
 * margins, error bounds to 3 digits.
 */
export function decimalStyle(r: PreciseResult): ReportStyle<Decimal> {
  const d = Math.min(r.digits, 40);
  return {
    json: (x) => dec(x, r.digitsUsed), jsonError: decError, text: (x) => dec(x, d), headline: (x) => dec(x, d),
    ratio: (x) => dec(x, d), isZero: (x) => x.isZero(), margin: (x) => dec(x, 6), textError: decError,
    errorColumns: true,
  };
}

/** The JSON of `current --json`. */
export function currentJson(r: CurrentResult): CurrentJson {
  return reportJson(floatReport(r), floatStyle);
}

/** The readable report of one L. */
export function currentText(r: CurrentResult): string {
  return reportText(floatReport(r), floatStyle);
}

/** The compact table of several L; an L that failed is a row with its reason (`model` names the model for it). */
export function currentSweepText(rs: readonly (CurrentResult | FailedL)[], model?: string): string {
  return sweepText(rs.map((r) => ('failure' in r ? r : floatReport(r))), floatStyle, model);
}

/** The JSON of `current --digits D --json`: the keys of the float64 output, plus precision fields. */
export function preciseJson(r: PreciseResult): CurrentJson {
  return reportJson(decimalReport(r), decimalStyle(r));
}

/** The readable report of the decimal.js engine. */
export function preciseText(r: PreciseResult): string {
  return reportText(decimalReport(r), decimalStyle(r));
}

/** An L of model `model` that failed, in the place of its report: `model M   L = N   ` and {@link failureLine}. */
export function failedText(model: string, f: FailedL): string {
  return `model ${model}   L = ${f.L}   ${failureLine(f)}\n`;
}
