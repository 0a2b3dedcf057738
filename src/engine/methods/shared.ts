/**
 * Pieces every method shares: Hermiticity checks (the error itself: engine/input-errors.ts), the
 * Davies kernel call with its spectrum check, the float64 kernel of a prepared channel, and the
 * state in an eigenbasis.
 */
import {
  type ColumnSource, type EigenbasisState, type EigenSystem, type Eigenspaces, type HeatPerturbation, type SparseMatrix, DenseColumns,
  channelHeat, channelTail, operatorToEigenbasis, defaultTolerances, float64Field, hermiticity, sparseEntries, type ChannelHeat, type OpSum,
  type RoundedZeros, roundedZeros, type ChannelErrors,
} from '../../numeric/index.js';
import type { ChannelOutcome } from '../outcome.js';
import { channelErrors } from './errors.js';
import type { ChannelInstance, Instance } from '../family.js';
import { hamiltonianOperator } from '../exact-coefficients.js';
import type { Origin } from '../../lang/index.js';
import type { RealisedState } from '../states.js';
import { assertHermitianIn, negativeRate } from '../input-errors.js';
import { steadyParts } from '../steady-start.js';
import { eigenPopulations, type EigenLayout } from '../eigen-state.js';
import { zeroThresholdIn } from '../zero-threshold.js';
import { MethodNotApplicable, type MethodName } from '../outcome.js';
import { layoutText, type SiteLayout } from '../../symbolic/index.js';

/**
 * Refuses a model whose sites are not L qubits (model-language v2 `sites:` of other dimensions or
 * counts) in a method written for qubits: its reason in NoMethodError's list (the dense method takes any sites).
 */
export function assertQubitSites(inst: Instance, method: MethodName): void {
  if (inst.layout) {
    throw new MethodNotApplicable(method, `the sites (${layoutText(inst.layout)}) are not L qubits: the ${method} method is written for qubits only (the dense method takes sites of any dimension)`);
  }
}

/** The truncation of each bosonic mode, for the notes of a method on v2 sites. */
export function modeNotes(layout: SiteLayout): string[] {
  return layout.species.flatMap((sp, i) => (sp.kind === 'boson' && layout.counts[i] > 0 ? [`mode ${sp.name} truncated at cutoff ${sp.dim} (Fock states 0..${sp.dim - 1}): the numbers are those of the truncated model`] : []));
}

const hamiltonians = new WeakMap<Instance, OpSum>();

/**
 * H_S of `inst` as product terms (engine/exact-coefficients hamiltonianOperator: engine/operators
 * evalOperator, each coefficient the rounding of its decimal.js value), evaluated once per instance and
 * read only: the diagonal method refuses a non-diagonal H_S after evaluating it, and the dense
 * method then takes the same sum. An error is not remembered (it comes again).
 */
export function hamiltonianOf(inst: Instance): OpSum {
  let op = hamiltonians.get(inst);
  if (op === undefined) {
    op = hamiltonianOperator(inst);
    hamiltonians.set(inst, op);
  }
  return op;
}

/** Throws not-hermitian, naming the key and the size of the anti-Hermitian part (the one rule, numeric hermiticity). */
export function assertHermitian(origin: Origin, m: SparseMatrix, label: string): void {
  assertHermitianIn(float64Field, origin, label, hermiticity(float64Field, sparseEntries(m)));
}


/** channelHeat with the spectrum checked to be non-negative on the Bohr frequencies in use. */
export function heatOf(ch: ChannelInstance, spaces: Eigenspaces, A: ColumnSource, state: EigenbasisState, zero: number, margin = 1, rounded?: RoundedZeros): ChannelHeat {
  const r = channelHeat(spaces, A, state, ch.gamma, zero, margin, rounded);
  if (r.gammaMin < 0) throw negativeRate(ch, String(+r.gammaMinAt.toPrecision(6)), String(+r.gammaMin.toPrecision(6)));
  return r;
}

/**
 * One channel as a float64 method prepares it for the kernel: A in an eigenbasis with the state
 * there, its bath, the zero threshold of its elements, what its error bounds rest on, and ||A||.
 */
export interface Float64Channel {
  readonly ch: ChannelInstance;
  readonly spaces: Eigenspaces;
  readonly A: ColumnSource;
  readonly state: EigenbasisState;
  /** Elements of A with modulus at most this are zero (never below their error bound). */
  readonly zero: number;
  /** Omega is read again without the elements within this factor of `zero` (dense eigenbases: {@link denseOmegaMargin}); absent: 1. */
  readonly margin?: number;
  /** Where an element of A computed as exactly 0 may be nonzero (numeric/eigensystem roundedZeros); absent: every computed 0 is exact. */
  readonly rounded?: RoundedZeros;
  /**
   * Present when the grouping of H_S's levels holds weak merges (numeric/eigenspaces
   * `weakMerges`): a bound on the gaps of the exact levels inside those eigenspaces
   * (`weakMergeWidth`); J's error then covers the reading with those levels distinct ({@link mergeJump}).
   */
  readonly weakMerge?: number;
  /** B2tail's maxima over every Bohr frequency where few enough ('auto'), or over Omega only ('omega': the one-site problems). */
  readonly tailFrequencies?: 'auto' | 'omega';
  /** The perturbation the kernel's error bounds are taken under (engine/methods/errors.ts channelErrors). */
  readonly perturbation: HeatPerturbation;
  readonly normA: number;
  readonly normAError: number;
  readonly normHow: string;
}

/**
 * The float64 kernel on a prepared channel: the Davies statistics (the scatter loop of
 * numeric/davies channelHeat, rates checked), their a-posteriori error bounds and the B2tail table.
 */
export function channelKernel(c: Float64Channel): ChannelOutcome {
  const h = heatOf(c.ch, c.spaces, c.A, c.state, c.zero, c.margin, c.rounded);
  const own = channelErrors(h, c.perturbation);
  const errors = c.weakMerge === undefined ? own : { ...own, J: own.J + mergeJump(h, own, c.ch.gamma, c.weakMerge, c.normA + c.normAError) };
  const tail = channelTail(c.spaces, c.A, c.state, c.ch.gamma, c.zero, c.tailFrequencies);
  return { ...h, normA: c.normA, normAError: c.normAError, normHow: c.normHow, tail, errors };
}

/**
 * How far a channel's J can move between two readings of a weakly merged grouping: the merged one
 * (computed) and the one with those levels distinct (the Davies generator without their
 * coherences). Each reading's J obeys |J| <= max_{w in Omega} |w| gamma(w) ||A||^2 (B1's share,
 * physics.md §2), so they differ by at most the sum of the two. Omega of the distinct reading is
 * that of the merged one with its frequencies moved within their errors (its pairs' elements are
 * the same elements of A, certified or not: the upper statistics, within their error) plus the
 * frequencies between the distinct levels, |w| <= width, where |w| gamma(w) <= width max
 * gamma(+-width), doubled (the kernel's rule for f over an interval of the size of round-off).
 *
 * @param normA a bound on ||A|| (its value plus its error)
 */
export function mergeJump(h: ChannelHeat, e: ChannelErrors, gamma: (w: number) => number, width: number, normA: number): number {
  const own = h.omegaGammaMax + e.omegaGammaMax;
  const upper = h.upper.omegaGammaMax + (e.upper?.omegaGammaMax ?? e.omegaGammaMax);
  const inner = width > 0 ? 2 * width * Math.max(gamma(width), gamma(-width)) : 0;
  return (2 * Math.max(own, upper) + inner) * normA * normA * (1 + 4 * defaultTolerances.eps);
}

/** Populations of eigen-indices for the functions of H_S in a realised state (engine/eigen-state over float64). */
export function functionPopulations(spaces: Eigenspaces, functions: RealisedState['functions']): Float64Array | null {
  // Exact levels (numeric/eigenspaces bohr): the energies above the lowest level as their exact
  // differences, rounded once (the float64 levels 1e17 + 1 and 1e17 + 5 are one float).
  const { bohr } = spaces, lowest = spaces.members[spaces.start[0]];
  const layout: EigenLayout<number> = {
    energies: bohr ? Float64Array.from(spaces.energies, (_, i) => bohr.frequency(lowest, i)) : spaces.energies,
    lowest: bohr ? 0 : spaces.spaceEnergy[0], count: spaces.spaceEnergy.length,
    members: (s) => spaces.members.subarray(spaces.start[s], spaces.start[s + 1]),
  };
  const pop = eigenPopulations(float64Field, layout, functions, 'weight-first');
  return pop && Float64Array.from(pop);
}

/**
 * The realised state in the eigenbasis; `steady` and steady(S) are solved from the channels
 * (engine/steady-start).
 *
 * @param toEigen maps a vector of the working basis to the eigenbasis
 * @param steadyFrom where plain `steady` starts when it is not unique (collective models: down)
 */
export function eigenbasisState(
  st: RealisedState, spaces: Eigenspaces, toEigen: (re: Float64Array, im: Float64Array) => [Float64Array, Float64Array],
  steadyChannels: () => { A: ColumnSource; gamma: (w: number) => number }[], zero: number, notes: string[], stateOrigin: Origin | null,
  steadyFrom: Float64Array | EigenbasisState | null = null,
): EigenbasisState {
  const vectors = st.vectors.map((v) => { const [re, im] = toEigen(v.re, v.im); return { weight: v.weight, re, im }; });
  let populations = functionPopulations(spaces, st.functions);
  if (st.steadyWeight > 0 || st.steadyFrom?.length) {
    const realise = (start: RealisedState) => eigenbasisState(start, spaces, toEigen, steadyChannels, zero, notes, stateOrigin, steadyFrom);
    const ss = steadyParts(st, spaces, steadyChannels, zero, notes, stateOrigin, steadyFrom, realise);
    vectors.push(...ss.vectors);
    if (ss.populations) {
      populations ??= new Float64Array(spaces.energies.length);
      for (let i = 0; i < populations.length; i++) populations[i] += ss.populations[i];
    }
  }
  return { vectors, populations };
}

/**
 * The zero threshold for matrix elements of an operator whose largest entry is `scale`, computed
 * with round-off over `dim` terms: engine/zero-threshold's rule in float64 with the round-off
 * roundoffFactor eps max(1, dim) and vectorError 0 (callers that know an error bound of the
 * elements take the larger of the two), so A(w) != 0 is decided against round-off, never against
 * an absolute size, and a small but real coupling stays in Omega.
 */
export function zeroThreshold(scale: number, dim: number): number {
  const t = defaultTolerances;
  return zeroThresholdIn(float64Field, t.roundoffFactor * t.eps * Math.max(1, dim), 0, scale);
}

/**
 * In an eigenbasis from a dense eigensolver, elements within this factor of the zero threshold may
 * be artefacts of nearly degenerate eigenvectors mixing (error ~ eps ||H|| / gap): the Omega
 * statistics are recomputed without them, and a difference is reported.
 */
export const denseOmegaMargin = 1e3;

/**
 * An operator in the eigenbasis of a dense eigen-system, as columns, with its largest entry modulus
 * and where its computed zeros may be nonzero (every element is visited: the block pairs A connects).
 */
export function eigenbasisColumns(sys: EigenSystem, A: SparseMatrix): { columns: DenseColumns; scale: number; rounded: RoundedZeros } {
  const [re, im] = operatorToEigenbasis(sys, A);
  let scale = 0;
  for (let p = 0; p < re.length; p++) {
    const v = im ? Math.hypot(re[p], im[p]) : Math.abs(re[p]);
    if (v > scale) scale = v;
  }
  return { columns: new DenseColumns(sys.n, re, im), scale, rounded: roundedZeros(sys, A, false) };
}
