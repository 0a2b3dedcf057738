/**
 * `current`: J and every term of both limits for a model at one L, with the method chosen
 * automatically (symmetric, then diagonal, then dense, then product; from L = 17 on the product
 * method before the diagonal one) or forced, and every verdict carrying its accuracy.
 */
import { InputError, type LocatedExpr, type ModelSpec } from '../lang/index.js';
import { SteadyStateError, TermLimitError, float64Bounds, float64Field } from '../numeric/index.js';
import { instantiateWithState } from './family.js';
import { denseSystem, diagonalSystem, productSystem, runSymmetric } from './methods/index.js';
import { MethodNotApplicable, evaluatedSystem, type ChannelOutcome, type MethodName, type MethodSystem } from './outcome.js';
import { firstApplicable } from './method-choice.js';
import { spinModeStepsAside } from './spin-mode.js';
import { stateText, type StateSpec } from './states.js';
import { channelUpperWithErrors, channelWithErrors, float64AssemblyErrors, float64SumError, roundoffOf, spectrumWithErrors } from './errors.js';
import { channelGroups, type ChannelGroup } from './channel-currents.js';
import { tailInput } from './tail.js';
import { currentBoundNames, type CurrentBoundName } from './assemble.js';
import { currentReport, upperEnds, type KernelChannel, type Report, type System } from './system.js';
import { holdsOf, type CurrentResult } from './result.js';
import type { ProgressCallback } from './progress.js';
import { NonFiniteError } from './non-finite.js';
import { beyondAutoCheck, modeCutoffs, truncationReport, undoubledReason, withDoubledCutoffs, type ModeCutoff, type TruncationReport, type TruncationValues } from './truncation.js';

export type { Verdict, VerdictWord, ChannelResult, CurrentResult, NamedCurrent } from './result.js';

export type MethodChoice = MethodName | 'auto';

export interface CurrentOptions {
  /** A state overriding the model's (parsed from --state). */
  readonly state?: LocatedExpr | null;
  /** The file the overriding state came from (default `<command line>`). */
  readonly stateFile?: string;
  readonly method?: MethodChoice;
  /**
   * Told as the dense method's blocks of H_S and the symmetric method's sectors begin (once each,
   * engine/progress), for a caller to show progress; the result does not depend on it.
   */
  readonly onProgress?: ProgressCallback;
  /**
   * For a model with bosonic modes: compute it again with every cutoff doubled and report the
   * change of J, every term and bound from n to 2n (`CurrentResult.truncation`, engine/truncation).
   * `'auto'`: only where the run at 2n has a dimension up to `autoCheckDimension` (else the report
   * says it was left out and how to ask for it). Default false; `current` asks for `'auto'`,
   * `--truncation-check` for true, `--no-truncation-check` for false.
   */
  readonly truncation?: boolean | 'auto';
}

/** Where a limitation met: the model file, the L and the method asked for (for messages naming file and flag). */
export interface LimitationSite {
  readonly file: string;
  readonly L: number;
  readonly method?: MethodChoice;
}

/** No method can compute the model at this L (each method's reason is listed). */
export class NoMethodError extends Error {
  constructor(readonly reasons: readonly MethodNotApplicable[], readonly where: LimitationSite | null = null) {
    super(`no method can compute this model here:\n${reasons.map((r) => `  - ${r.method}: ${r.reason}`).join('\n')}`);
    this.name = 'NoMethodError';
  }
}

/** The methods `auto` tries, in this order below {@link productBeforeDiagonalL}. */
const autoOrder: readonly MethodName[] = ['symmetric', 'diagonal', 'dense', 'product'];

/**
 * From this L on, `auto` tries the product method before the diagonal one. Where both apply they
 * give the same values (the product method with smaller error bounds), the product method in O(L)
 * work, the diagonal one over 2^L states (about 2 s at L = 18, 5 s at 20, a minute at 24); below
 * it the choice is that of {@link autoOrder} (L = 16 stays diagonal: `check` samples it, `scaling`
 * confirms there).
 */
export const productBeforeDiagonalL = 17;

/** The methods `auto` tries at L, in order. */
function autoMethods(L: number): readonly MethodName[] {
  return L >= productBeforeDiagonalL ? ['symmetric', 'product', 'diagonal', 'dense'] : autoOrder;
}

/**
 * J and the bound terms of `model` at L.
 *
 * @throws InputError for errors in the model or state at this L
 * @throws NoMethodError when no (or not the forced) method applies
 * @example
 * const r = computeCurrent(loadModelFile('models/superradiance.yaml'), 4)
 * r.J // -6 = -g w0 (j+m)(j-m+1) at j = 2, m = 0
 */
export function computeCurrent(model: ModelSpec, L: number, opts: CurrentOptions = {}): CurrentResult {
  const { result, state } = computeAtCutoffs(model, L, opts);
  const modes = opts.truncation ? modeCutoffs(model) : [];
  if (!modes.length) return result;
  const beyond = opts.truncation === 'auto' ? beyondAutoCheck(result.dimension, modes) : null;
  return { ...result, truncation: beyond ? { computed: false, modes, reason: beyond } : doubledCutoffs(model, L, opts, modes, result, state) };
}

/** The run at the doubled cutoffs beside `at` (whose state is `state`), or why it was not made (engine/truncation). */
function doubledCutoffs(model: ModelSpec, L: number, opts: CurrentOptions, modes: readonly ModeCutoff[], at: CurrentResult, state: StateSpec): TruncationReport {
  const why = undoubledReason(modes, state);
  if (why) return { computed: false, modes, reason: why };
  let doubled: CurrentResult;
  try {
    doubled = computeAtCutoffs(withDoubledCutoffs(model), L, { ...opts, onProgress: undefined }).result;
  } catch (err) {
    // No method for the doubled space (too large), or numerical trouble there: the report says so.
    if (err instanceof NoMethodError) return { computed: false, modes, reason: `no method can compute the doubled cutoffs: ${err.reasons.map((r) => `${r.method}: ${r.reason}`).join('; ')}` };
    if (err instanceof NonFiniteError || err instanceof SteadyStateError || err instanceof InputError) return { computed: false, modes, reason: `at the doubled cutoffs: ${err.message}` };
    throw err;
  }
  const values = (r: CurrentResult): TruncationValues => ({
    method: r.method, dimension: r.dimension, J: r.J, errorJ: r.error.J, terms: { ...r.terms }, bounds: { ...r.bounds }, verdicts: r.verdicts,
  });
  return truncationReport(modes, values(at), values(doubled));
}

/** The model computed at its own cutoffs, with the state it was computed in. */
function computeAtCutoffs(model: ModelSpec, L: number, opts: CurrentOptions): { result: CurrentResult; state: StateSpec } {
  const { inst, stateOrigin, spec: state } = instantiateWithState(model, L, opts);
  const choice = opts.method ?? 'auto';
  const order: readonly MethodName[] = choice === 'auto' ? autoMethods(L) : [choice];
  const text = stateText(state);
  const groups = channelGroups(model, L);
  const report = <C>(m: MethodSystem<C>) => currentResult(currentReport(float64System(model.name, L, text, m, groups)));
  // The methods up to their kernels; the symmetric one hands over its evaluated outcome.
  const methods: Record<MethodName, () => CurrentResult> = {
    symmetric: () => {
      // `auto` leaves small spins-times-a-mode spaces to the dense method (engine/spin-mode spinModeStepsAside).
      const aside = choice === 'auto' ? spinModeStepsAside(inst) : null;
      if (aside) throw new MethodNotApplicable('symmetric', aside);
      return report(evaluatedSystem(runSymmetric(inst, state, stateOrigin, opts.onProgress)));
    },
    diagonal: () => report(diagonalSystem(inst, state, stateOrigin)),
    dense: () => report(denseSystem(inst, state, stateOrigin, undefined, opts.onProgress)),
    product: () => report(productSystem(inst, state, stateOrigin)),
  };
  const result = firstApplicable(order, (m) => methods[m](), (err, m) => {
    if (err instanceof MethodNotApplicable) return err;
    if (err instanceof SteadyStateError && err.reason === 'too-large') return new MethodNotApplicable(m, err.message);
    // H or an A too large as product terms at this L ((sum X)^2 at large L): this method's form, not the model, fails.
    if (err instanceof TermLimitError) return new MethodNotApplicable(m, err.message);
    return null;
    // The reasons in the order of autoOrder, whatever order they were tried in.
  }, (reasons) => new NoMethodError([...reasons].sort((a, b) => autoOrder.indexOf(a.method) - autoOrder.indexOf(b.method)), { file: model.file, L, method: choice }));
  return { result, state };
}

/**
 * A float64 method's hand-over as a {@link System} over float64: its kernel, then each channel's
 * values with the method's a-posteriori errors (or the a-priori estimate at its round-off
 * dimension, engine/errors.ts); B2tail with the float64 error model (engine/tail.ts); the
 * assembly's errors from engine/errors.ts float64AssemblyErrors, for the values that the core
 * assembles once in numeric float64Bounds; Omega's reading without the elements near round-off as
 * the other reading where it differs (then a verdict stands only where both agree); the named
 * channel entries `groups` with the float64 error of their sums.
 */
export function float64System<C>(model: string, L: number, state: string, m: MethodSystem<C>, groups: readonly ChannelGroup[] = []): System<number, C, ChannelOutcome, MethodName> {
  const { normH, width } = spectrumWithErrors(m);
  const withErrors = new Map<ChannelOutcome, KernelChannel<number, ChannelOutcome>>();
  // The outcome met last (the channels of a shared outcome come one after another).
  const last: { o: ChannelOutcome | null; k: KernelChannel<number, ChannelOutcome> | null } = { o: null, k: null };
  return {
    field: float64Field, model, L, method: m.method, state, dimension: m.dimension, normH, width, channels: m.channels,
    // A kernel may hand one outcome to many channels (the product method's memos): its values
    // with errors are made once per distinct outcome and shared (read only, never changed).
    kernel: (c) => {
      const o = m.kernel(c);
      if (o === last.o && last.k !== null) return last.k;
      let k = withErrors.get(o);
      if (k === undefined) {
        const upper = channelUpperWithErrors(o, m.roundoffDimension);
        k = { quantities: channelWithErrors(o, m.roundoffDimension), normHow: o.normHow, tail: o, clear: o.clear, ...(upper ? { upper } : {}) };
        withErrors.set(o, k);
      }
      last.o = o; last.k = k;
      return k;
    },
    tail: (outcomes) => tailInput(outcomes, roundoffOf(m.roundoffDimension)),
    assemblyErrors: { values: float64Bounds, errors: (a, o) => float64AssemblyErrors(o.channels, o.normH, o.width, a) },
    readingNote: (alt) => `deltaE, gammaMax and the bounds depend on matrix elements of A within ${1e3} times round-off of zero (nearly degenerate eigenvectors may mix): without them deltaE = ${alt.terms.deltaE.value}, B1 = ${alt.bounds.B1.value}, B2 = ${alt.bounds.B2.value}`,
    inexact: m.inexact, notes: m.notes,
    ...(groups.length > 0 ? { groups, sumError: float64SumError } : {}),
  };
}

/**
 * `list.map(f)`, except that an element that is the one before it (a report's channels of a
 * shared outcome, 10^5 of them) maps to the same object as that one (read only).
 */
function mapRuns<X, Y>(list: readonly X[], f: (x: X) => Y): Y[] {
  const out = new Array<Y>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = i > 0 && list[i] === list[i - 1] ? out[i - 1] : f(list[i]);
  return out;
}

/** The float64 projection of a report: values, their errors apart (`error`, `termErrors`), verdicts as words and in the spelling of `holds`, the margins and ratios with their errors. */
function currentResult(r: Report<number, ChannelOutcome, MethodName>): CurrentResult {
  const t = r.terms;
  const per = <X>(f: (b: CurrentBoundName) => X) => Object.fromEntries(currentBoundNames.map((b) => [b, f(b)])) as Record<CurrentBoundName, X>;
  return {
    model: r.model, L: r.L, method: r.method, state: r.state, J: r.J.value,
    channels: mapRuns(r.channels, (c) => ({
      J: c.J.value, normA: c.normA.value, deltaE: c.deltaE.value, gammaMax: c.gammaMax.value, omegaGammaMax: c.omegaGammaMax.value,
      Bstate: c.Bstate.value, pinchedA2: c.pinchedA2.value, normHow: c.normHow,
    })),
    terms: { normH: t.normH.value, width: t.width.value, sumA2: t.sumA2.value, gammaMax: t.gammaMax.value, deltaE: t.deltaE.value },
    bounds: per((b) => r.all[b].value),
    verdicts: r.verdicts,
    holds: per((b) => holdsOf(r.verdicts[b])),
    error: { J: r.J.error, bounds: per((b) => r.all[b].error) },
    // engine/errors.ts's errors of the terms and channels, as the core carries them.
    termErrors: {
      terms: { normH: t.normH.error, width: t.width.error, sumA2: t.sumA2.error, gammaMax: t.gammaMax.error, deltaE: t.deltaE.error, omegaGammaMax: t.omegaGammaMax.error },
      channels: mapRuns(r.channels, (c) => ({
        J: c.J.error, normA: c.normA.error, pinchedA2: c.pinchedA2.error, deltaE: c.deltaE.error,
        gammaMax: c.gammaMax.error, omegaGammaMax: c.omegaGammaMax.error, Bstate: c.Bstate.error,
      })),
    },
    exact: r.inexact.length === 0, inexact: r.inexact, lowerBounds: r.lowerBounds, notes: r.notes, dimension: r.dimension,
    tail: r.tail.report,
    margins: per((b) => r.margins[b]),
    ratios: per((b) => r.ratios[b]),
    ...(r.currents ? { currents: r.currents.map((c) => ({ name: c.name, J: c.J.value, error: c.J.error, channels: c.channels })) } : {}),
    ...(r.upper ? { upper: upperEnds(r.upper) } : {}),
  };
}
