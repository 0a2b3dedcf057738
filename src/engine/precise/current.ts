/**
 * The high-precision engine: J and every bound term of a model at one L in decimal.js arithmetic
 * at a requested number of digits, each with an absolute error bound, and verdicts that never
 * call a margin inside the error a win or a loss.
 *
 * Two paths, both in the product basis of 2^L:
 *   - diagonal: H_S diagonal in the product basis: energies are its diagonal, computed exactly at
 *     the working precision; A needs no change of basis;
 *   - dense: H_S split into the connected blocks of its matrix graph, each diagonalised by
 *     refining the float64 eigen-decomposition in Decimal (numeric/precise eighPrecise).
 * Norms: a sum of one-site terms has its spectrum in closed form; otherwise ||A|| comes from the
 * connected blocks of A, each diagonalised the same way.
 */
import type { Decimal } from '../../numeric/index.js';
import type { ModelSpec } from '../../lang/index.js';
import { layoutText } from '../../symbolic/index.js';
import { negativeRate } from '../input-errors.js';
import {
  decide, decimalElementary, decimalField, eighPrecise, groupExtremes, localDim, hermitian2x2Eigenvalues, precision, preciseChannelHeat, type Field, type Verdict,
  type Precision, type PreciseSpaces, type PreciseState, type PreciseOperatorColumns,
} from '../../numeric/index.js';

import { stateText } from '../states.js';
import { isCollective } from '../steady-start.js';
import {
  instanceOperators, preciseIsDiagonal, preciseMatrix, preciseNormBeyondBlocks, type PreciseColumns, type PreciseOpSum,
} from './operators.js';
import { realisePrecise, realisePreciseOnSites, type PreciseRealisedState } from './state.js';
import {
  PreciseNotApplicable, preciseStart, splitInexact, withSteadyParts, productDown, blockEigen, eigenvectorError, preciseEntryError, preciseRelativeError, preciseZeroThreshold, blockNorm, channelScope, checkHermitian, diagonalEigen, fmt, groupEigenspaces,
  maxPreciseBlock, rotate, sandwich, spectrumOf, type BlockEigen,
} from './basis.js';
import { preciseSymmetricSystem } from './symmetric.js';
import type { PreciseMethod, Bounded, PreciseOptions, PreciseSystemChannel, PreciseSystem } from './types.js';
import { firstApplicable } from '../method-choice.js';
import { preciseTailChannel, preciseTailInput, preciseTailReport, type PreciseTailChannel, type PreciseTailReport } from './tail.js';
import { currentBoundNames, type CurrentBoundName } from '../assemble.js';
import { currentReport, upperEnds, type KernelChannel, type Report, type System } from '../system.js';
import type { UpperEnds } from '../result.js';
import { eigenPopulations, type EigenLayout } from '../eigen-state.js';
import { channelGroups, type ChannelGroup } from '../channel-currents.js';

/** Largest L of the diagonal path (2^L basis states in Decimal). */
export const maxPreciseDiagonalL = 10;
/** Largest dimension of the product basis on v2 sites (prod dims): that of {@link maxPreciseDiagonalL} qubits. */
export const maxPreciseDimension = 2 ** maxPreciseDiagonalL;

/** prod dims as a finite text: the number while it is below 2^53, else 10^x. */
function dimensionText(dims: readonly number[]): string {
  const log10 = dims.reduce((x, d) => x + Math.log10(d), 0);
  const dim = dims.reduce((x, d) => x * d, 1);
  return dim < 2 ** 53 ? String(dim) : `about 10^${Math.floor(log10)}`;
}
export { PreciseNotApplicable, maxPreciseBlock };
export type { PreciseMethod, Bounded, PreciseOptions, PreciseSystemChannel, PreciseSystem } from './types.js';

/**
 * The shared verdict (numeric `decide`): `holds`: margin > error; `violated`: margin < -error;
 * `tie`: |margin| <= error; `unknown`: the bound terms are inexact (possibly lower bounds) and the
 * margin does not exceed its error, or the bound is an enclosure (`upper`) and |J| is not beyond
 * both of its ends.
 */
export type PreciseVerdict = Verdict;

/** The five bounds of `current` (engine/assemble.ts); B2tail: the band bound robust to tails (engine/precise/tail.ts). */
export type BoundName = CurrentBoundName;
/** Bstate, B1, B1coarse, B2, B2tail. */
export const boundNames: readonly BoundName[] = currentBoundNames;

export interface PreciseChannel {
  readonly J: Bounded;
  readonly normA: Bounded;
  readonly deltaE: Bounded;
  readonly gammaMax: Bounded;
  readonly omegaGammaMax: Bounded;
  readonly Bstate: Bounded;
  readonly pinchedA2: Bounded;
  readonly normHow: string;
  /** B2tail's frequency table of this channel (engine/precise/tail.ts). */
  readonly tail: PreciseTailChannel;
}

export interface PreciseResult {
  readonly model: string;
  readonly L: number;
  readonly method: PreciseMethod;
  readonly state: string;
  /** Digits requested, and the digits of the computation that decided the verdicts. */
  readonly digits: number;
  readonly digitsUsed: number;
  readonly J: Bounded;
  readonly channels: readonly PreciseChannel[];
  readonly terms: { readonly normH: Bounded; readonly width: Bounded; readonly sumA2: Bounded; readonly gammaMax: Bounded; readonly deltaE: Bounded; readonly omegaGammaMax: Bounded };
  readonly bounds: Readonly<Record<BoundName, Bounded>>;
  /** |J| / B with its error. */
  readonly ratios: Readonly<Record<BoundName, Bounded>>;
  /** B - |J| with its error. */
  readonly margins: Readonly<Record<BoundName, Bounded>>;
  readonly holds: Readonly<Record<BoundName, PreciseVerdict>>;
  /** B2tail's cutoff D and profile. */
  readonly tail: PreciseTailReport;
  readonly notes: readonly string[];
  /**
   * Decisions the working digits may have got wrong (levels grouped, Omega decided by elements
   * near the zero threshold): the bound terms may then be lower bounds. Empty when exact.
   */
  readonly inexact: readonly string[];
  /** True when the terms are lower bounds only (inexact for a reason other than an enclosure: engine/system Report). */
  readonly lowerBounds: boolean;
  readonly dimension: number;
  /** The current of each named channel entry with its error, in file order; present only when the model names a channel. */
  readonly currents?: readonly { readonly name: string; readonly J: Bounded; readonly channels: number }[];
  /** Where the Omega statistics are enclosures: their upper ends and the bounds' (engine/result.ts UpperEnds). Absent: exact. */
  readonly upper?: UpperEnds<Bounded>;
}

export const defaultDigits = 30;

/**
 * J and the bound terms of `model` at L in Decimal arithmetic.
 *
 * @throws InputError for errors in the model or state at this L
 * @throws PreciseNotApplicable where the precise engine does not reach (size, steady states)
 * @example
 * const r = computePrecise(loadModelFile('models/allflip.yaml'), 3, { digits: 50 })
 * r.holds.B1 // 'tie': |J| = B1 = g w0 L^3 exactly
 */
export function computePrecise(model: ModelSpec, L: number, opts: PreciseOptions = {}): PreciseResult {
  try {
    return computePreciseAt(model, L, opts);
  } catch (err) {
    throw err instanceof PreciseNotApplicable && !err.where ? err.at(model.file, L) : err;
  }
}

function computePreciseAt(model: ModelSpec, L: number, opts: PreciseOptions): PreciseResult {
  const digits = opts.digits ?? defaultDigits;
  const first = computeAt(model, L, digits, opts);
  if (!boundNames.some((b) => decide(first.margins[b]).within)) return first;
  const more = Math.min(1000, opts.maxDigits ?? 2 * digits);
  if (more <= digits) return { ...first, notes: [...first.notes, ...tieNotes(first, digits)] };
  const second = computeAt(model, L, more, opts);
  return { ...second, digits, notes: [...second.notes, ...tieNotes(second, more)] };
}

/** What the margins within their errors mean: equality for exact terms, nothing for lower bounds. */
function tieNotes(r: PreciseResult, d: number): string[] {
  const within = boundNames.filter((b) => decide(r.margins[b]).within);
  const at = (b: BoundName) => `|J| equals the bound within the error at ${d} digits (margin ${fmt(r.margins[b].value)}, error ${fmt(r.margins[b].error)})`;
  const ties = within.filter((b) => r.holds[b] === 'tie'), unknown = within.filter((b) => r.holds[b] === 'unknown');
  return [
    ...(ties.length ? [`${ties.join(', ')}: ${at(ties[0])}: equality, not a violation`] : []),
    ...(unknown.length ? [`${unknown.join(', ')}: ${at(unknown[0])}, but the bound terms may be lower bounds: unknown`] : []),
  ];
}

/**
 * Builds the precise system of `model` at L.
 *
 * @throws InputError, PreciseNotApplicable (see computePrecise)
 */
export function preciseSystem(model: ModelSpec, L: number, digits: number, opts: PreciseOptions = {}): PreciseSystem {
  const P = precision(digits);
  const D = P.D;
  const { inst, scope, stateOrigin, located, spec } = preciseStart(model, L, digits, opts, P);
  const layout = inst.layout;
  if (layout) {
    const dim = layout.dims.reduce((x, d) => x * d, 1);
    if (dim > maxPreciseDimension) {
      throw new PreciseNotApplicable(`the sites (${layoutText(layout)}) have dimension ${dimensionText(layout.dims)} > 2^${maxPreciseDiagonalL} = ${maxPreciseDimension}: the precise engine works in the product basis of at most ${maxPreciseDimension} states (as for ${maxPreciseDiagonalL} qubits)`);
    }
  } else if (L > maxPreciseDiagonalL) throw new PreciseNotApplicable(`L = ${L} > ${maxPreciseDiagonalL}: the precise engine works in the product basis of 2^L states`);
  const realised = layout
    ? realisePreciseOnSites(D, stateOrigin, located.expr, scope, spec, layout)
    : realisePrecise(D, stateOrigin, located.expr, scope, spec, L);
  // On v2 sites every local factor exact at the working precision (evalSitesPrecise), the matrices mixed radix.
  const { operator, dims } = instanceOperators(D, L, layout);

  const H = operator(inst.H, scope);
  const Hm = preciseMatrix(D, H, dims);
  checkHermitian(P, inst.H, Hm, 'H');
  const diagonal = preciseIsDiagonal(H);
  const eig = diagonal ? diagonalEigen(D, Hm) : blockEigen(P, Hm, (size) => `H_S has a connected block of dimension ${size} > ${maxPreciseBlock}; the Decimal eigensolver is limited to ${maxPreciseBlock}`);
  const n = Hm.n;

  const g = groupEigenspaces(P, eig);
  const { spaces, minGap, normH, Emin, Emax } = g;
  const notes: string[] = [...g.notes];
  // Relative error of eigenvectors and matrix elements (zero on the diagonal path).
  const vecErr = eigenvectorError(D, eig.residual, minGap, diagonal);
  const relError = preciseRelativeError(P, vecErr);
  let state = toEigenbasis(D, eig, realised, spaces);

  const channels: PreciseSystemChannel[] = inst.channels.map((ch) => {
    const cs = channelScope(D, scope, ch);
    const A = operator(ch.origin, cs);
    const Am = preciseMatrix(D, A, dims);
    const label = ch.k === null ? String(ch.entry) : `k = ${ch.k}`;
    checkHermitian(P, ch.origin, Am, ch.k === null ? 'A' : `A (k = ${ch.k})`);
    const norm = operatorNorm(P, A, Am);
    const zero = preciseZeroThreshold(P, vecErr, norm.value);
    const entryError = preciseEntryError(P, vecErr, norm.value);
    return {
      label, A: eig.blocks ? sandwich(P, eig, Am) : Am, gamma: spectrumOf(P, ch, cs), norm, zero, entryError,
      origin: ch.origin, gammaOrigin: ch.gammaOrigin,
    };
  });
  let stateError = new D(0);
  if (!realised.steadyWeight.isZero() || realised.steadyFrom?.length) {
    // steady(S) from S; plain `steady` of a collective model from down (engine/steady-start).
    const down = isCollective(inst) ? productDown(D, n, (amp) => (eig.blocks ? rotate(D, eig, amp) : amp)) : null;
    const ss = withSteadyParts({ P, spaces, channels, dimension: n }, state, realised, stateOrigin, (r) => toEigenbasis(D, eig, r, spaces), down);
    state = ss.state;
    stateError = ss.stateError;
    notes.push(...ss.notes);
  }
  return {
    P, model: model.name, L, method: diagonal ? 'diagonal' : 'dense', stateText: stateText(spec), dimension: n,
    spaces, state, channels, normH, width: Emax.minus(Emin), residual: eig.residual, relError, stateError, notes,
  };
}

/** J and the bounds of a precise system, with errors and verdicts: the one path of `current` (engine/system.ts) over Decimal. */
export function evaluateSystem(sys: PreciseSystem, groups: readonly ChannelGroup[] = []): PreciseResult {
  return preciseResult(sys.P, currentReport(decimalSystem(sys, groups)));
}

/**
 * A precise system as a {@link System} over the field of its working precision: the Decimal
 * kernel (numeric preciseChannelHeat) with the errors of the eigenvalues (residual), of the
 * eigenbasis elements and sums (relError), of A's entries and of a computed state propagated into
 * J and Omega's statistics; B2tail with the error model of engine/precise/tail.ts; the assembly's
 * errors propagated (every rounding counted); the messages carrying INEXACT_MARK as what the
 * working digits may have got wrong; the named channel entries `groups`, their sums' errors propagated.
 */
export function decimalSystem(sys: PreciseSystem, groups: readonly ChannelGroup[] = []): System<Decimal, PreciseSystemChannel, PreciseTailChannel, PreciseMethod> {
  const { P, spaces, state, relError: rel, residual, normH, width } = sys;
  const D = P.D;
  const unit = P.eps;
  const F = fieldOfPrecision(P);
  const kernel = (ch: PreciseSystemChannel): KernelChannel<Decimal, PreciseTailChannel> => {
    const r0 = preciseChannelHeat(D, spaces, ch.A, state, ch.gamma, ch.zero);
    const x = ch.extraOmega;
    const xu = x?.upper ?? x;
    const r = x && xu ? {
      ...r0, deltaE: D.max(r0.deltaE, x.deltaE), gammaMax: D.max(r0.gammaMax, x.gammaMax), omegaGammaMax: D.max(r0.omegaGammaMax, x.omegaGammaMax),
      omegaGammaMaxAny: D.max(r0.omegaGammaMaxAny, xu.omegaGammaMax),
      upper: { deltaE: D.max(r0.upper.deltaE, xu.deltaE), gammaMax: D.max(r0.upper.gammaMax, xu.gammaMax), omegaGammaMax: D.max(r0.upper.omegaGammaMax, xu.omegaGammaMax) },
    } : r0;
    if (r.gammaMin.isNeg()) throw negativeRate(ch, fmt(r.gammaMinAt), fmt(r.gammaMin));
    // Elements at or below the zero threshold (not exact zeros) make the Omega statistics
    // enclosures (`upper`, decided by the core), not lower bounds that forbid a violation.
    const eOmega = residual.times(2).times(r.gammaMax).plus(rel.times(r.omegaGammaMax));
    const u = r.upper;
    const upper = {
      deltaE: { value: u.deltaE, error: residual.times(2).plus(unit.times(u.deltaE)) },
      gammaMax: { value: u.gammaMax, error: rel.times(u.gammaMax) },
      omegaGammaMax: { value: u.omegaGammaMax, error: residual.times(2).times(u.gammaMax).plus(rel.times(u.omegaGammaMax)) },
    };
    // An error E in A moves J by at most max|w|gamma (2 ||A|| ||E|| + ||E||^2), and by the Schur
    // test ||E|| <= entryError sqrt(max nonzeros per row * max nonzeros per column).
    const opErr = ch.entryError.times(Math.sqrt(maxNonzeros(ch.A)));
    // An error in the state's entries (a computed steady state) moves J by at most
    // max|w|gamma ||A||^2 ||d rho||_1, with ||d rho||_1 <= n^2 max |d rho_ij|.
    const stateErr = (sys.stateError ?? new D(0)).times(sys.dimension ** 2).times(ch.norm.value.plus(ch.norm.error).pow(2));
    const eJ = rel.times(r.absJ).plus(r.omegaGammaMaxAny.times(opErr.times(2).times(ch.norm.value.plus(ch.norm.error)).plus(opErr.pow(2)).plus(stateErr)));
    return {
      quantities: {
        J: { value: r.J, error: eJ },
        normA: ch.norm,
        deltaE: { value: r.deltaE, error: residual.times(2).plus(unit.times(r.deltaE)) },
        gammaMax: { value: r.gammaMax, error: rel.times(r.gammaMax) },
        omegaGammaMax: { value: r.omegaGammaMax, error: eOmega },
        pinchedA2: { value: r.pinchedA2, error: rel.times(r.pinchedA2) },
      },
      normHow: ch.norm.how,
      tail: preciseTailChannel(P, spaces, state, ch, opErr, stateErr),
      upper,
    };
  };
  const messages = splitInexact(sys.notes);
  return {
    field: F, model: sys.model, L: sys.L, method: sys.method, state: sys.stateText, dimension: sys.dimension,
    normH: { value: normH, error: residual.plus(unit.times(normH)) },
    width: { value: width, error: residual.times(2).plus(unit.times(width)) },
    channels: sys.channels, kernel,
    tail: (tails) => preciseTailInput(sys, tails),
    // Inexact terms may be lower bounds: then only 'holds' is decided (the core's rule).
    inexact: messages.inexact, notes: messages.notes,
    ...(groups.length > 0 ? { groups } : {}),
  };
}

/**
 * The precise system of `model` at L: the symmetric (Dicke) path where it applies, else the product
 * basis.
 *
 * @throws PreciseNotApplicable with both reasons when neither applies
 */
export function buildPreciseSystem(model: ModelSpec, L: number, digits: number, opts: PreciseOptions = {}): PreciseSystem {
  const paths = { symmetric: preciseSymmetricSystem, product: preciseSystem };
  return firstApplicable(['symmetric', 'product'] as const, (m) => paths[m](model, L, digits, opts),
    // A final reason (the model is collective) means no other path does better.
    (err) => (err instanceof PreciseNotApplicable && !err.final ? err : null),
    ([symmetric, product]) => new PreciseNotApplicable(`symmetric path: ${symmetric.reason}; product basis: ${product.reason}`));
}

function computeAt(model: ModelSpec, L: number, digits: number, opts: PreciseOptions): PreciseResult {
  return evaluateSystem(buildPreciseSystem(model, L, digits, opts), channelGroups(model, L));
}

/** max nonzeros per row times max nonzeros per column of a matrix given by columns. */
function maxNonzeros(A: PreciseOperatorColumns): number {
  const rows = new Int32Array(A.n);
  let col = 0;
  for (const c of A.cols) {
    col = Math.max(col, c.size);
    for (const i of c.keys()) rows[i]++;
  }
  let row = 1;
  for (const r of rows) if (r > row) row = r;
  return Math.max(1, col) * row;
}

/** The field of the working precision P.D (the same constructor: decimalContext caches it). */
function fieldOfPrecision(P: Precision): Field<Decimal> {
  return decimalField(P.D.precision);
}

/** The Decimal projection of a report: every value with its error, verdicts as words. */
function preciseResult(P: Precision, r: Report<Decimal, PreciseTailChannel, PreciseMethod>): PreciseResult {
  const channels: PreciseChannel[] = r.channels.map((c) => ({
    J: c.J, normA: c.normA, deltaE: c.deltaE, gammaMax: c.gammaMax, omegaGammaMax: c.omegaGammaMax, pinchedA2: c.pinchedA2,
    Bstate: c.Bstate, normHow: c.normHow, tail: c.tail,
  }));
  return {
    model: r.model, L: r.L, method: r.method, state: r.state, digits: P.digits, digitsUsed: P.digits, J: r.J, channels,
    terms: r.terms, bounds: r.all, ratios: r.ratios, margins: r.margins, holds: r.verdicts, tail: preciseTailReport(r.tail.report),
    notes: r.notes, inexact: r.inexact, lowerBounds: r.lowerBounds, dimension: r.dimension,
    ...(r.currents ? { currents: r.currents } : {}),
    ...(r.upper ? { upper: upperEnds(r.upper) } : {}),
  };
}

/** The state in the eigenbasis of H_S: the functions of H_S from engine/eigen-state over D. */
function toEigenbasis(D: typeof Decimal, eig: BlockEigen, s: PreciseRealisedState, spaces: PreciseSpaces): PreciseState {
  const vectors = s.vectors.map((v) => ({ weight: v.weight, amp: eig.blocks ? rotate(D, eig, v.amp) : v.amp }));
  const layout: EigenLayout<Decimal> = {
    energies: eig.energies, lowest: spaces.energies[0], count: spaces.members.length, members: (q) => spaces.members[q],
  };
  return { vectors, populations: eigenPopulations(decimalElementary(D), layout, s.functions, 'normalise-first') };
}

/** ||A|| with its error and how it was obtained. */
function operatorNorm(P: Precision, A: PreciseOpSum, Am: PreciseColumns): Bounded & { how: string } {
  const D = P.D;
  const unit = P.eps;
  // A = c0 + sum_k M_k with commuting one-site M_k: eigenvalues c0 + sum_k (one of each M_k's),
  // the Decimal instance of the one decomposition (numeric/site-groups), groups of one site only:
  // a 2 x 2 M_k in closed form, a diagonal one exactly, a larger one (v2 sites) by eighPrecise,
  // whose residual bounds its eigenvalues' errors.
  const F = fieldOfPrecision(P);
  let residual = new D(0), largest = 2;
  const split = groupExtremes(F, A.L, A.terms, {
    constant: (t) => F.add(F.zero, t.c.re), maxGroupSites: 1,
    extremes: (g) => {
      const d = localDim(g.terms[0].mats[0]);
      const re = Array.from({ length: d * d }, () => new D(0)), im = Array.from({ length: d * d }, () => new D(0));
      for (const t of g.terms) {
        const m = t.mats[0];
        for (let e = 0; e < d * d; e++) {
          if (m[2 * e] === 0 && m[2 * e + 1] === 0) continue;
          re[e] = re[e].plus(t.c.re.times(m[2 * e]).minus(t.c.im.times(m[2 * e + 1])));
          im[e] = im[e].plus(t.c.re.times(m[2 * e + 1]).plus(t.c.im.times(m[2 * e])));
        }
      }
      if (d === 2) {
        const e = hermitian2x2Eigenvalues(F, re[0], re[3], { re: re[1], im: im[1] });
        return { min: e.lo, max: e.hi };
      }
      largest = Math.max(largest, d);
      const diag = Array.from({ length: d }, (_, i) => re[i * d + i]);
      if (re.every((x, e) => x.isZero() || e % (d + 1) === 0) && im.every((x) => x.isZero())) return { min: D.min(...diag), max: D.max(...diag) };
      const r = eighPrecise(P, { n: d, re, im });
      if (r.residual.gt(residual)) residual = r.residual;
      return { min: r.values[0], max: r.values[d - 1] };
    },
  });
  if (split) {
    const v = D.max(split.min.abs(), split.max.abs());
    // Each group's extremes within the largest residual: the sum over the groups within their count times it.
    const groups = split.parts.length;
    return { value: v, error: unit.times(v).plus(residual.times(groups)), how: residual.isZero() ? 'one-site-exact' : `one-site-${largest}` };
  }
  // Blocks beyond the Decimal eigensolver's limit: exact Pauli structure or a rigorous enclosure.
  const big = preciseNormBeyondBlocks(P, A, Am, maxPreciseBlock);
  if (big) return big;
  const r = blockNorm(P, Am, (size) => `a noise operator has a connected block of dimension ${size} > ${maxPreciseBlock}; the Decimal eigensolver is limited to ${maxPreciseBlock}`);
  return { value: r.value, error: r.error, how: r.largest <= 2 ? 'blocks-exact' : `blocks-${r.largest}` };
}
