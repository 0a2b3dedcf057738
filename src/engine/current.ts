/**
 * `current`: J and every term of both limits for a model at one L, with the method chosen
 * automatically (symmetric, then diagonal, then dense) or forced, and every verdict carrying its
 * accuracy.
 */
import type { LocatedExpr, ModelSpec } from '../lang/index.js';
import { InputError } from '../lang/index.js';
import { SteadyStateError, assembleBounds, decide, float64Field, type Bounds, type Verdict as VerdictWord } from '../numeric/index.js';
import { instantiateWithState } from './family.js';
import { runDense, runDiagonal, runSymmetric } from './methods/index.js';
import { MethodNotApplicable, type MethodName, type MethodOutcome } from './outcome.js';
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
  const reasons: MethodNotApplicable[] = [];
  for (const m of order) {
    try {
      const outcome = runners[m](inst, state, stateOrigin);
      return withTail(assemble(model, L, stateText(state), outcome), outcome);
    } catch (err) {
      if (err instanceof MethodNotApplicable) { reasons.push(err); continue; }
      if (err instanceof SteadyStateError && err.reason === 'too-large') { reasons.push(new MethodNotApplicable(m, err.message)); continue; }
      throw err;
    }
  }
  throw new NoMethodError(reasons);
}

function assemble(model: ModelSpec, L: number, state: string, o: MethodOutcome): CoreResult {
  const { terms, bounds } = assembleBounds(o.normH, o.width, o.channels);
  const J = o.channels.reduce((s, c) => s + c.J, 0);
  // A-posteriori error bounds (engine/errors.ts, from the methods' residuals, gaps and sums).
  const { J: errJ, bounds: errB, termErrors } = outcomeErrors(o, terms, bounds);
  const lowerBounds = o.inexact.length > 0;
  const verdictOf = (B: Bounds, b: keyof Bounds): VerdictWord =>
    decide({ value: B[b] - Math.abs(J), error: errJ + errB[b] }, { lowerBounds }, float64Field).verdict;
  // Omega decided by elements near round-off: the bounds without them, and a verdict only where
  // both agree.
  const inexact = [...o.inexact];
  let clearBounds: Bounds | null = null;
  if (o.channels.some((c) => c.clear && (c.clear.deltaE !== c.deltaE || c.clear.gammaMax !== c.gammaMax || c.clear.omegaGammaMax !== c.omegaGammaMax))) {
    clearBounds = assembleBounds(o.normH, o.width, o.channels.map((c) => ({ ...c, ...(c.clear ?? {}) }))).bounds;
    const t2 = assembleBounds(o.normH, o.width, o.channels.map((c) => ({ ...c, ...(c.clear ?? {}) }))).terms;
    inexact.push(`deltaE, gammaMax and the bounds depend on matrix elements of A within ${1e3} times round-off of zero (nearly degenerate eigenvectors may mix): without them deltaE = ${t2.deltaE}, B1 = ${clearBounds.B1}, B2 = ${clearBounds.B2}`);
  }
  const verdict = (b: keyof Bounds): VerdictWord => {
    const v = verdictOf(bounds, b);
    if (!clearBounds) return v;
    return verdictOf(clearBounds, b) === v ? v : 'unknown';
  };
  const verdicts = { Bstate: verdict('Bstate'), B1: verdict('B1'), B1coarse: verdict('B1coarse'), B2: verdict('B2') };
  return {
    model: model.name, L, method: o.method, state, J,
    channels: o.channels.map((c) => ({
      J: c.J, normA: c.normA, deltaE: c.deltaE, gammaMax: c.gammaMax, omegaGammaMax: c.omegaGammaMax,
      Bstate: c.omegaGammaMax * c.pinchedA2, pinchedA2: c.pinchedA2, normHow: c.normHow,
    })),
    terms, bounds,
    verdicts,
    holds: { Bstate: holdsOf(verdicts.Bstate), B1: holdsOf(verdicts.B1), B1coarse: holdsOf(verdicts.B1coarse), B2: holdsOf(verdicts.B2) },
    error: { J: errJ, bounds: errB }, termErrors,
    exact: inexact.length === 0, inexact, notes: o.notes, dimension: o.dimension,
  };
}
