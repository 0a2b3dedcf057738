/**
 * `current`: J and every term of both limits for a model at one L, with the method chosen
 * automatically (symmetric, then diagonal, then dense) or forced, and every verdict carrying its
 * accuracy.
 */
import type { LocatedExpr, ModelSpec } from '../lang/index.js';
import { InputError } from '../lang/index.js';
import { SteadyStateError, assembleBoundsIn, boundVerdicts, float64Bounds, float64Field, type Bounded, type Bounds } from '../numeric/index.js';
import { instantiateWithState } from './family.js';
import { runDense, runDiagonal, runSymmetric } from './methods/index.js';
import { MethodNotApplicable, type MethodName, type MethodOutcome } from './outcome.js';
import { firstApplicable } from './method-choice.js';
import { stateText } from './states.js';
import { outcomeErrors, type TermErrors } from './errors.js';
import { withTail, type CoreResult } from './tail.js';
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

const runners: Record<MethodName, typeof runDense> = { symmetric: runSymmetric, diagonal: runDiagonal, dense: runDense };

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
  const { inst, located, stateOrigin, spec: state } = instantiateWithState(model, L, opts);
  const choice = opts.method ?? 'auto';
  const order: MethodName[] = choice === 'auto' ? ['symmetric', 'diagonal', 'dense'] : [choice];
  return firstApplicable(order, (m) => {
    const outcome = runners[m](inst, state, stateOrigin);
    return withTail(assemble(model, L, stateText(state), outcome), outcome);
  }, (err, m) => {
    if (err instanceof MethodNotApplicable) return err;
    if (err instanceof SteadyStateError && err.reason === 'too-large') return new MethodNotApplicable(m, err.message);
    return null;
  }, (reasons) => new NoMethodError(reasons));
}

/** Bstate, B1, B1coarse and B2, in the order of the result's `verdicts`. */
const fourBounds: readonly (keyof Bounds)[] = ['Bstate', 'B1', 'B1coarse', 'B2'];

function assemble(model: ModelSpec, L: number, state: string, o: MethodOutcome): CoreResult {
  const { terms: { omegaGammaMax: _, ...terms }, bounds, shares } = assembleBoundsIn(float64Bounds, o.normH, o.width, o.channels);
  const J = o.channels.reduce((s, c) => s + c.J, 0);
  // A-posteriori error bounds (engine/errors.ts, from the methods' residuals, gaps and sums).
  const { J: errJ, bounds: errB, termErrors } = outcomeErrors(o, terms, bounds);
  const withErrors = (B: Bounds): Record<keyof Bounds, Bounded<number>> =>
    ({ Bstate: { value: B.Bstate, error: errB.Bstate }, B1: { value: B.B1, error: errB.B1 }, B1coarse: { value: B.B1coarse, error: errB.B1coarse }, B2: { value: B.B2, error: errB.B2 } });
  // Omega decided by elements near round-off: the bounds without them, and a verdict only where
  // both agree.
  const inexact = [...o.inexact];
  const alternatives: Record<keyof Bounds, Bounded<number>>[] = [];
  if (o.channels.some((c) => c.clear && (c.clear.deltaE !== c.deltaE || c.clear.gammaMax !== c.gammaMax || c.clear.omegaGammaMax !== c.omegaGammaMax))) {
    const clear = assembleBoundsIn(float64Bounds, o.normH, o.width, o.channels.map((c) => ({ ...c, ...(c.clear ?? {}) })));
    alternatives.push(withErrors(clear.bounds));
    inexact.push(`deltaE, gammaMax and the bounds depend on matrix elements of A within ${1e3} times round-off of zero (nearly degenerate eigenvectors may mix): without them deltaE = ${clear.terms.deltaE}, B1 = ${clear.bounds.B1}, B2 = ${clear.bounds.B2}`);
  }
  const d = boundVerdicts(float64Field, { value: J, error: errJ }, withErrors(bounds), fourBounds, { lowerBounds: o.inexact.length > 0 }, alternatives);
  const verdicts = { Bstate: d.Bstate.verdict, B1: d.B1.verdict, B1coarse: d.B1coarse.verdict, B2: d.B2.verdict };
  return {
    model: model.name, L, method: o.method, state, J,
    channels: o.channels.map((c, i) => ({
      J: c.J, normA: c.normA, deltaE: c.deltaE, gammaMax: c.gammaMax, omegaGammaMax: c.omegaGammaMax,
      Bstate: shares[i], pinchedA2: c.pinchedA2, normHow: c.normHow,
    })),
    terms, bounds,
    verdicts,
    holds: { Bstate: holdsOf(verdicts.Bstate), B1: holdsOf(verdicts.B1), B1coarse: holdsOf(verdicts.B1coarse), B2: holdsOf(verdicts.B2) },
    error: { J: errJ, bounds: errB }, termErrors,
    exact: inexact.length === 0, inexact, notes: o.notes, dimension: o.dimension,
  };
}
