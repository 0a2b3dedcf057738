/**
 * The limits of physics.md as properties: functions that take a model sample (or instance) and an
 * engine and throw a {@link PropertyViolation} naming the inequality, the numbers and their errors
 * when it fails beyond the error. Wrap them in fast-check with {@link property}, or call them from
 * any test runner. A margin inside the error is never called a violation.
 */
import fc from 'fast-check';
import type { Decimal } from '../src/numeric/index.js';
import { decide, float64Field } from '../src/numeric/index.js';
import {
  buildPreciseSystem, computeCurrent, dissipatorCurrent, evaluateSystem, pinchState, PreciseNotApplicable, type PreciseSystem,
} from '../src/engine/index.js';
import { HP, autoEngine, float64Engine, instanceOf, onlyLowerBounds, preciseEngine, type Bounded, type Engine, type EngineReport, type ModelInstance } from './engine.js';
import { modelArbitrary, modelFileText, type ModelSample } from './arbitraries.js';

/** A property failed beyond the numerical error. */
export class PropertyViolation extends Error {
  constructor(
    readonly property: PropertyName,
    readonly inequality: string,
    readonly numbers: Readonly<Record<string, string>>,
  ) {
    super(`${property}: ${inequality} fails: ${Object.entries(numbers).map(([k, v]) => `${k} = ${v}`).join(', ')}`);
    this.name = 'PropertyViolation';
  }
}

export type PropertyName = 'bound-chain' | 'cubic-limit' | 'band-limit' | 'band-tail' | 'pinching-identity' | 'pinched-state' | 'second-law' | 'engines-agree';

/** Options shared by the checks. */
export interface CheckOptions {
  /** The engine under test (default: decimal.js at 30 digits where it applies, float64 elsewhere). */
  readonly engine?: Engine;
  /** Digits of the decimal.js computations the checks make themselves (default 30). */
  readonly digits?: number;
}

const show = (b: Bounded): string => `${b.value.toSignificantDigits(12).toString()} ± ${b.error.toSignificantDigits(2).toString()}`;

/** a <= b unless a - b exceeds the sum of the errors. */
function leq(property: PropertyName, what: string, a: Bounded, b: Bounded, extra: Record<string, string> = {}): void {
  if (decide({ value: b.value.minus(a.value), error: a.error.plus(b.error) }).verdict === 'violated') {
    throw new PropertyViolation(property, what, { lhs: show(a), rhs: show(b), ...extra });
  }
}

function absB(x: Bounded): Bounded {
  return { value: x.value.abs(), error: x.error };
}

function exact(x: number | Decimal): Bounded {
  return { value: new HP(x), error: new HP(0) };
}

function mulB(a: Bounded, b: Bounded): Bounded {
  return { value: a.value.times(b.value), error: a.value.abs().times(b.error).plus(b.value.abs().times(a.error)).plus(a.error.times(b.error)) };
}

function reportOf(sample: ModelSample | ModelInstance, opts: CheckOptions): { inst: ModelInstance; r: EngineReport } {
  const inst = 'model' in sample ? sample : instanceOf(sample);
  return { inst, r: (opts.engine ?? autoEngine(opts.digits ?? 30))(inst) };
}

/**
 * The checks that leave inequalities out when the terms are lower bounds only
 * ({@link onlyLowerBounds}): an inequality with a bound or Gamma on its larger side cannot fail from
 * lower bounds. A campaign counts them as skipped on such reports (properties/campaign).
 */
export const lowerBoundSkips: Readonly<Partial<Record<PropertyName, string>>> = {
  'bound-chain': 'skipped: the terms are lower bounds only (inexact), so no bound can be found exceeded',
  'cubic-limit': 'skipped: the terms are lower bounds only (inexact): |J| <= 2 h a^2 Gamma L^3 left out (the norms were checked)',
  'band-limit': 'skipped: the terms are lower bounds only (inexact): |J| <= B_2 <= DeltaE Gamma a^2 L^2 left out (DeltaE_eff <= DeltaE was checked)',
  'band-tail': 'skipped: the terms are lower bounds only (inexact), so B2tail cannot be found exceeded',
};

/**
 * |J| <= B_state <= B_1 <= B_1coarse (physics.md §2). Enclosures are compared as enclosures; terms
 * that are lower bounds only are not compared.
 */
export function checkBoundChain(sample: ModelSample | ModelInstance, opts: CheckOptions = {}): EngineReport {
  const { r } = reportOf(sample, opts);
  if (onlyLowerBounds(r)) return r;
  const tag = { engine: r.engine };
  leq('bound-chain', '|J| <= B_state', absB(r.J), r.bounds.Bstate, tag);
  leq('bound-chain', 'B_state <= B_1', r.bounds.Bstate, r.bounds.B1, tag);
  leq('bound-chain', 'B_1 <= B_1coarse', r.bounds.B1, r.bounds.B1coarse, tag);
  leq('bound-chain', 'W <= 2 ||H_S||', r.terms.width, mulB(exact(2), r.terms.normH), tag);
  return r;
}

/** |J| <= 2 h a^2 Gamma L^3 with h and a the sample's extensivity constants (physics.md §2, scaling). */
export function checkCubicLimit(sample: ModelSample, opts: CheckOptions = {}): EngineReport {
  const { r } = reportOf(sample, opts);
  const L = sample.L;
  const tag = { engine: r.engine, h: String(sample.h), a: String(sample.a), L: String(L) };
  leq('cubic-limit', '||H_S|| <= h L', r.terms.normH, exact(new HP(sample.h).times(L)), tag);
  const sumNorm = r.channels.reduce((s, c) => ({ value: s.value.plus(c.normA.value), error: s.error.plus(c.normA.error) }), exact(0));
  leq('cubic-limit', 'sum ||A_alpha|| <= a L', sumNorm, exact(new HP(sample.a).times(L)), tag);
  // Gamma on the larger side: a lower bound of it could fake a violation.
  if (onlyLowerBounds(r)) return r;
  const limit = mulB(r.terms.gammaMax, exact(new HP(2).times(sample.h).times(new HP(sample.a).pow(2)).times(new HP(L).pow(3))));
  leq('cubic-limit', '|J| <= 2 h a^2 Gamma L^3', absB(r.J), limit, tag);
  return r;
}

/** For band-limited samples: DeltaE_eff <= DeltaE, |J| <= B_2 <= DeltaE Gamma a^2 L^2 (physics.md §3). */
export function checkBandLimit(sample: ModelSample, opts: CheckOptions = {}): EngineReport {
  const { r } = reportOf(sample, opts);
  if (sample.deltaE === null) return r;
  const tag = { engine: r.engine, DeltaE: String(sample.deltaE), a: String(sample.a), L: String(sample.L) };
  const band = exact(sample.deltaE);
  leq('band-limit', 'DeltaE_eff <= DeltaE', r.terms.deltaE, band, tag);
  // B_2 and Gamma on the larger sides: lower bounds of them could fake a violation.
  if (onlyLowerBounds(r)) return r;
  leq('band-limit', '|J| <= B_2', absB(r.J), r.bounds.B2, tag);
  const limit = mulB(r.terms.gammaMax, exact(new HP(sample.deltaE).times(new HP(sample.a).pow(2)).times(new HP(sample.L).pow(2))));
  leq('band-limit', 'B_2 <= DeltaE Gamma a^2 L^2', r.bounds.B2, limit, tag);
  return r;
}

/**
 * |J| <= B2tail for every model (README, "a band bound robust to tails"): a theorem, like B_state,
 * so it is checked on every sample, band-limited or not. Engines that do not report B2tail pass.
 */
export function checkTailBound(sample: ModelSample | ModelInstance, opts: CheckOptions = {}): EngineReport {
  const { r } = reportOf(sample, opts);
  if (!r.B2tail || onlyLowerBounds(r)) return r;
  leq('band-tail', '|J| <= B2tail', absB(r.J), r.B2tail, { engine: r.engine });
  return r;
}

/**
 * sum_w A(w)^+ A(w) = Pinch(A^2) for every channel, in Decimal: A(w) built explicitly from the
 * Bohr-frequency grouping of eigenspace pairs, A^2 and its pinching from the eigenbasis matrix.
 * Returns the largest entry of the difference.
 */
export function checkPinchingIdentity(sample: ModelSample | ModelInstance, opts: CheckOptions = {}): Decimal {
  const inst = 'model' in sample ? sample : instanceOf(sample);
  return pinchingIdentityIn(buildPreciseSystem(inst.model, inst.L, opts.digits ?? 30));
}

/**
 * {@link checkPinchingIdentity} on a precise system already built (internal to properties/: a
 * campaign builds each run's system once and hands it to every check that needs it).
 */
export function pinchingIdentityIn(sys: PreciseSystem): Decimal {
  const D = sys.P.D;
  const { spaceOf, energies } = sys.spaces;
  const n = sys.dimension;
  let worst = new D(0);
  for (const ch of sys.channels) {
    const dense = (): { re: Decimal[]; im: Decimal[] } => ({ re: Array.from({ length: n * n }, () => new D(0)), im: Array.from({ length: n * n }, () => new D(0)) });
    // A(w) by w: entry (i, j) of A when E_j - E_i = w.
    const byW = new Map<string, [number, number][]>();
    for (let j = 0; j < n; j++) {
      for (const i of ch.A.cols[j].keys()) {
        const key = energies[spaceOf[j]].minus(energies[spaceOf[i]]).toSignificantDigits(sys.P.digits - 5).toString();
        const list = byW.get(key) ?? [];
        list.push([i, j]);
        byW.set(key, list);
      }
    }
    const lhs = dense();
    for (const entries of byW.values()) {
      // (A(w)^+ A(w))_{jk} = sum_i conj(A_ij) A_ik over entries of A(w)
      const byRow = new Map<number, [number, Decimal, Decimal][]>();
      for (const [i, j] of entries) {
        const v = ch.A.cols[j].get(i)!;
        const list = byRow.get(i) ?? [];
        list.push([j, v.re, v.im]);
        byRow.set(i, list);
      }
      for (const row of byRow.values()) {
        for (const [j, ar, ai] of row) for (const [k, br, bi] of row) {
          lhs.re[j * n + k] = lhs.re[j * n + k].plus(ar.times(br).plus(ai.times(bi)));
          lhs.im[j * n + k] = lhs.im[j * n + k].plus(ar.times(bi).minus(ai.times(br)));
        }
      }
    }
    // Pinch(A^2): (A A)_{jk} = sum_i A_ji A_ik, kept where j and k share an eigenspace.
    for (let k = 0; k < n; k++) {
      const col = new Map<number, { re: Decimal; im: Decimal }>();
      for (const [i, v] of ch.A.cols[k]) {
        for (const [j, u] of ch.A.cols[i]) {
          const re = u.re.times(v.re).minus(u.im.times(v.im)), im = u.re.times(v.im).plus(u.im.times(v.re));
          const prev = col.get(j);
          col.set(j, prev ? { re: prev.re.plus(re), im: prev.im.plus(im) } : { re, im });
        }
      }
      for (let j = 0; j < n; j++) {
        const v = spaceOf[j] === spaceOf[k] ? col.get(j) : undefined;
        const d = lhs.re[j * n + k].minus(v?.re ?? 0).abs().plus(lhs.im[j * n + k].minus(v?.im ?? 0).abs());
        if (d.gt(worst)) worst = d;
      }
    }
  }
  const scale = sys.channels.reduce((m, c) => D.max(m, c.norm.value.pow(2)), new D(1));
  const tol = sys.relError.times(scale).times(10 * Math.max(1, n));
  if (worst.gt(tol)) {
    throw new PropertyViolation('pinching-identity', 'sum_w A(w)^+ A(w) = Pinch(A^2)', { 'max |difference|': worst.toSignificantDigits(6).toString(), tolerance: tol.toSignificantDigits(3).toString() });
  }
  return worst;
}

/**
 * J depends on rho only through Pinch(rho): Tr[H_S D(rho)] with the whole state, with Pinch(rho),
 * and the kernel's J agree (three computations, the first two by the dissipator).
 */
export function checkPinchedState(sample: ModelSample | ModelInstance, opts: CheckOptions = {}): Decimal {
  const inst = 'model' in sample ? sample : instanceOf(sample);
  const sys = buildPreciseSystem(inst.model, inst.L, opts.digits ?? 30);
  return pinchedStateIn(sys, () => evaluateSystem(sys).J);
}

/**
 * {@link checkPinchedState} on a precise system already built, with `kernelJ` giving the kernel's
 * J of that system (`evaluateSystem(sys).J`), asked for after both dissipator computations
 * (internal to properties/: a campaign evaluates each run's system once and hands the result in).
 */
export function pinchedStateIn(sys: PreciseSystem, kernelJ: () => Bounded): Decimal {
  const full = dissipatorCurrent(sys);
  const pinched = dissipatorCurrent(sys, pinchState(sys));
  const kernel = kernelJ();
  const tol = kernel.error.times(10).plus(sys.relError.times(kernel.value.abs().plus(1)).times(10 * sys.dimension));
  const J = (x: Decimal): Bounded => ({ value: x, error: tol });
  for (const [what, a, b] of [['J(rho) = J(Pinch rho)', full, pinched], ['dissipator J = kernel J', full, kernel.value]] as const) {
    if (!decide({ value: a.minus(b), error: tol }).within) throw new PropertyViolation('pinched-state', what, { lhs: show(J(a)), rhs: show(J(b)) });
  }
  return full;
}

/**
 * The engine under test agrees with a reference engine (default: heatbound's float64 engine) on J
 * and every bound, within both errors.
 */
export function checkEnginesAgree(sample: ModelSample | ModelInstance, opts: CheckOptions & { readonly reference?: Engine } = {}): EngineReport {
  const { inst, r } = reportOf(sample, opts);
  const ref = (opts.reference ?? float64Engine())(inst);
  const close = (what: string, a: Bounded, b: Bounded): void => {
    if (!decide({ value: a.value.minus(b.value), error: a.error.plus(b.error) }).within) {
      throw new PropertyViolation('engines-agree', `${what}: ${r.engine} = ${ref.engine}`, { [r.engine]: show(a), [ref.engine]: show(b) });
    }
  };
  close('J', r.J, ref.J);
  // Two enclosures (or exact values) of the same bound must overlap; lower bounds need not agree.
  if (!onlyLowerBounds(r) && !onlyLowerBounds(ref)) {
    for (const b of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) close(b, r.bounds[b], ref.bounds[b]);
  }
  return r;
}

/** A two-bath model: hot bath on channel 0, cold bath on channel 1, evaluated in the steady state. */
export interface TwoBathSample extends ModelSample {
  readonly Thot: number;
  readonly Tcold: number;
}

/**
 * In the steady state of a hot and a cold bath (KMS spectra), heat flows in from the hotter bath
 * and out to the colder: J_hot >= 0 >= J_cold and J_hot + J_cold = 0, within the errors.
 */
export function checkSecondLaw(sample: TwoBathSample): void {
  const inst = instanceOf(sample);
  const r = computeCurrent(inst.model, inst.L);
  const [hot, cold] = r.channels;
  const err = r.error.J * 10 + 1e-9 * (Math.abs(hot.J) + Math.abs(cold.J));
  const nums = { J_hot: String(hot.J), J_cold: String(cold.J), error: String(err), T_hot: String(sample.Thot), T_cold: String(sample.Tcold) };
  const at = (margin: number) => decide({ value: margin, error: err }, {}, float64Field);
  if (at(hot.J).verdict === 'violated') throw new PropertyViolation('second-law', 'J_hot >= 0', nums);
  if (at(-cold.J).verdict === 'violated') throw new PropertyViolation('second-law', 'J_cold <= 0', nums);
  if (!at(hot.J + cold.J).within) throw new PropertyViolation('second-law', 'J_hot + J_cold = 0', nums);
}

/** The checks that run on a model sample, by name. */
export const sampleChecks: Readonly<Record<Exclude<PropertyName, 'second-law'>, (s: ModelSample, o?: CheckOptions) => unknown>> = {
  'bound-chain': checkBoundChain,
  'cubic-limit': checkCubicLimit,
  'band-limit': checkBandLimit,
  'band-tail': checkTailBound,
  'pinching-identity': checkPinchingIdentity,
  'pinched-state': checkPinchedState,
  'engines-agree': checkEnginesAgree,
};

/**
 * A fast-check property: `check` holds on every sample of `arbitrary` (default: all classes, L 1..4).
 * A failure shrinks to a minimal model; print it with modelFileText.
 *
 * @example
 * fc.assert(property(checkBoundChain, { engine: myEngine }), { seed: 42, numRuns: 100 })
 */
export function property(
  check: (s: ModelSample, o?: CheckOptions) => unknown,
  opts: CheckOptions & { readonly arbitrary?: fc.Arbitrary<ModelSample> } = {},
): fc.IPropertyWithHooks<[ModelSample]> {
  return fc.property(opts.arbitrary ?? modelArbitrary({ L: [1, 4] }), (s) => {
    try {
      check(s, opts);
    } catch (err) {
      // Outside the decimal.js engine's reach (steady states, large L): not a sample for this check.
      if (err instanceof PreciseNotApplicable) fc.pre(false);
      throw err;
    }
  });
}

/** The failing sample of a fast-check run as a model file, with the violation. */
export function describeFailure(details: fc.RunDetails<[ModelSample]>): string | null {
  if (!details.failed || !details.counterexample) return null;
  const [s] = details.counterexample;
  const err = details.errorInstance;
  return `${err instanceof Error ? err.message : String(err)}\n--- model (L = ${s.L}, seed ${details.seed}, path ${details.counterexamplePath}) ---\n${modelFileText(s)}`;
}

export { preciseEngine, float64Engine, autoEngine };
