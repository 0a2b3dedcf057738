/**
 * `current`: J and every term of both limits for a model at one L, with the method chosen
 * automatically (symmetric, then diagonal, then dense, then product) or forced, and every verdict carrying its
 * accuracy.
 */
import type { LocatedExpr, ModelSpec } from '../lang/index.js';
import { SteadyStateError, assembleBoundsIn, float64Bounds, float64Field } from '../numeric/index.js';
import { instantiateWithState } from './family.js';
import { runDense, runDiagonal, runProduct, runSymmetric } from './methods/index.js';
import { MethodNotApplicable, type MethodName, type MethodOutcome } from './outcome.js';
import { firstApplicable } from './method-choice.js';
import { stateText } from './states.js';
import { outcomeErrors } from './errors.js';
import { float64TailInput } from './tail.js';
import { assembleCurrentIn, currentBoundNames, type CurrentBoundName } from './assemble.js';
import { holdsOf, type CurrentResult } from './result.js';

export type { Verdict, VerdictWord, ChannelResult, CurrentResult } from './result.js';

export type MethodChoice = MethodName | 'auto';

export interface CurrentOptions {
  /** A state overriding the model's (parsed from --state). */
  readonly state?: LocatedExpr | null;
  /** The file the overriding state came from (default `<command line>`). */
  readonly stateFile?: string;
  readonly method?: MethodChoice;
}

const runners: Record<MethodName, typeof runDense> = { symmetric: runSymmetric, diagonal: runDiagonal, dense: runDense, product: runProduct };

/** No method can compute the model at this L (each method's reason is listed). */
export class NoMethodError extends Error {
  constructor(readonly reasons: readonly MethodNotApplicable[]) {
    super(`no method can compute this model here:\n${reasons.map((r) => `  - ${r.method}: ${r.reason}`).join('\n')}`);
    this.name = 'NoMethodError';
  }
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
  const { inst, stateOrigin, spec: state } = instantiateWithState(model, L, opts);
  const choice = opts.method ?? 'auto';
  const order: MethodName[] = choice === 'auto' ? ['symmetric', 'diagonal', 'dense', 'product'] : [choice];
  return firstApplicable(order, (m) => {
    const outcome = runners[m](inst, state, stateOrigin);
    return assemble(model, L, stateText(state), outcome);
  }, (err, m) => {
    if (err instanceof MethodNotApplicable) return err;
    if (err instanceof SteadyStateError && err.reason === 'too-large') return new MethodNotApplicable(m, err.message);
    return null;
  }, (reasons) => new NoMethodError(reasons));
}

/**
 * The float64 projection of the result core (engine/assemble.ts). Its inputs: the method's values
 * with the errors of engine/errors.ts (a posteriori, from the methods' residuals, gaps and sums;
 * the errors of the totals are given as the core's `assemblyErrors`, computed from the float64
 * assembly of the same values that the core repeats in float64Bounds), and Omega's reading
 * without the elements near round-off as the alternative where it differs (then a verdict stands
 * only where both agree).
 */
function assemble(model: ModelSpec, L: number, state: string, o: MethodOutcome): CurrentResult {
  const { terms: { omegaGammaMax: _, ...terms0 }, bounds: bounds0 } = assembleBoundsIn(float64Bounds, o.normH, o.width, o.channels);
  const errors = outcomeErrors(o, terms0, bounds0);
  const te = errors.termErrors;
  const clear = o.channels.some((c) => c.clear && (c.clear.deltaE !== c.deltaE || c.clear.gammaMax !== c.gammaMax || c.clear.omegaGammaMax !== c.omegaGammaMax));
  const r = assembleCurrentIn(float64Field, {
    channels: o.channels.map((c, i) => {
      const e = te.channels[i];
      return {
        J: { value: c.J, error: e.J }, normA: { value: c.normA, error: e.normA }, pinchedA2: { value: c.pinchedA2, error: e.pinchedA2 },
        deltaE: { value: c.deltaE, error: e.deltaE }, gammaMax: { value: c.gammaMax, error: e.gammaMax }, omegaGammaMax: { value: c.omegaGammaMax, error: e.omegaGammaMax },
      };
    }),
    normH: { value: o.normH, error: te.terms.normH }, width: { value: o.width, error: te.terms.width },
    tail: float64TailInput(o),
    lowerBounds: o.inexact.length > 0,
    alternatives: clear ? [o.channels.map((c) => ({ ...c, ...(c.clear ?? {}) }))] : [],
    assemblyErrors: { values: float64Bounds, J: errors.J, terms: te.terms, bounds: errors.bounds, shares: te.channels.map((c) => c.Bstate) },
  });
  const inexact = [...o.inexact];
  for (const alt of r.alternatives) {
    inexact.push(`deltaE, gammaMax and the bounds depend on matrix elements of A within ${1e3} times round-off of zero (nearly degenerate eigenvectors may mix): without them deltaE = ${alt.terms.deltaE.value}, B1 = ${alt.bounds.B1.value}, B2 = ${alt.bounds.B2.value}`);
  }
  const t = r.terms;
  const per = <X>(f: (b: CurrentBoundName) => X) => Object.fromEntries(currentBoundNames.map((b) => [b, f(b)])) as Record<CurrentBoundName, X>;
  return {
    model: model.name, L, method: o.method, state, J: r.J.value,
    channels: r.channels.map((c, i) => ({
      J: c.J.value, normA: c.normA.value, deltaE: c.deltaE.value, gammaMax: c.gammaMax.value, omegaGammaMax: c.omegaGammaMax.value,
      Bstate: r.shares[i].value, pinchedA2: c.pinchedA2.value, normHow: o.channels[i].normHow,
    })),
    terms: { normH: t.normH.value, width: t.width.value, sumA2: t.sumA2.value, gammaMax: t.gammaMax.value, deltaE: t.deltaE.value },
    bounds: per((b) => r.all[b].value),
    verdicts: r.verdicts,
    holds: per((b) => holdsOf(r.verdicts[b])),
    error: { J: r.J.error, bounds: per((b) => r.all[b].error) },
    // engine/errors.ts's errors of the terms and channels, as the core carries them.
    termErrors: {
      terms: { normH: t.normH.error, width: t.width.error, sumA2: t.sumA2.error, gammaMax: t.gammaMax.error, deltaE: t.deltaE.error, omegaGammaMax: t.omegaGammaMax.error },
      channels: r.channels.map((c, i) => ({
        J: c.J.error, normA: c.normA.error, pinchedA2: c.pinchedA2.error, deltaE: c.deltaE.error,
        gammaMax: c.gammaMax.error, omegaGammaMax: c.omegaGammaMax.error, Bstate: r.shares[i].error,
      })),
    },
    exact: inexact.length === 0, inexact, notes: o.notes, dimension: o.dimension,
    tail: r.tail.report,
  };
}
