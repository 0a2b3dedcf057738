/**
 * The diagonal method: H_S diagonal in the product basis (sums and products of Z, N and Id), so the
 * product basis is an eigenbasis: no eigensolver, and every A is applied column by column on the fly
 * from its product terms (no matrix is stored). For L up to about 20-24.
 */
import {
  ColumnApplier, MixedColumnApplier, type Eigenspaces, type ExactLevels, type OpSum, defaultTolerances, diagonalEntries, exactDiagonalLevels, exactSiteLevels, float64Field, groupByError, hermiticity, balancedLimbs, dimensionOf,
  groupExactLevels, mergedUnequalNotes, nearSplitNotes, readingsWidth, normOf, opDiagonal, opExtremes, opHermiticity, opIsDiagonal, opNormUpperBound,
  precision,
} from '../../numeric/index.js';
import { evalOperatorPrecise, preciseScope } from '../precise/index.js';
import type { Decimal } from '../../numeric/index.js';
import type { Instance } from '../family.js';
import type { Origin } from '../../lang/index.js';
import { layoutText } from '../../symbolic/index.js';
import { channelOperator, coefficientTexts } from '../exact-coefficients.js';
import { MethodNotApplicable, outcomeOf, type MethodOutcome, type MethodSystem } from '../outcome.js';
import { realiseOnSites, realiseProduct, type StateSpec } from '../states.js';
import { mentionsPlainSteady, productSteadyStart } from '../steady-start.js';
import { normError, opInputError, populationError, siteStateInputError, spectrumErrors, stateInputError } from './errors.js';
import { channelKernel, eigenbasisState, hamiltonianOf, modeNotes, zeroThreshold, type Float64Channel } from './shared.js';
import { assertHermitianIn } from '../input-errors.js';
import { dimensionText, gibText, log2Dimension } from '../memory-text.js';
import { finiteOrOverflow } from '../non-finite.js';

/** Largest L of the diagonal method: each state vector takes 2^L * 16 bytes. */
export const maxDiagonalL = 24;

/**
 * The diagonal method's outcome: {@link diagonalSystem} with the float64 kernel run on every channel.
 *
 * @throws MethodNotApplicable beyond {@link maxDiagonalL} or when H_S is not diagonal
 */
export function runDiagonal(inst: Instance, state: StateSpec, stateOrigin: Origin | null): MethodOutcome {
  return outcomeOf(diagonalSystem(inst, state, stateOrigin));
}

/**
 * The diagonal method up to its kernels: the eigenspaces of the diagonal H_S, the state in the
 * product basis, each channel (A applied from its product terms) prepared for the float64 kernel.
 *
 * @throws MethodNotApplicable beyond {@link maxDiagonalL} or when H_S is not diagonal
 */
export function diagonalSystem(inst: Instance, state: StateSpec, stateOrigin: Origin | null): MethodSystem<Float64Channel> {
  const { L, layout } = inst;
  const dims = layout?.dims;
  // The dimension and its log2 (the state vector's 16 bytes per entry), qubits or v2 sites alike.
  const n = dims ? dimensionOf(dims) : 2 ** L;
  const bits = dims ? log2Dimension(dims) : L;
  if (bits > maxDiagonalL) {
    throw new MethodNotApplicable('diagonal', layout
      ? `the sites (${layoutText(layout)}) have dimension ${dimensionText(dims!)} > 2^${maxDiagonalL}: a state vector alone would need ${gibText(bits + 4)} GiB`
      : `L = ${L} > ${maxDiagonalL}: a state vector alone would need ${gibText(L + 4)} GiB`);
  }
  const Hop = hamiltonianOf(inst);
  if (!opIsDiagonal(Hop)) {
    throw new MethodNotApplicable('diagonal', layout ? 'H_S is not diagonal in the product basis (it has terms with Sx, Sy, Sp, Sm, P[i,j] with i != j, a or adag)' : 'H_S is not diagonal in the product basis (it has terms with X, Y, Sp or Sm)');
  }
  const [energies, eim] = opDiagonal(Hop, dims);
  assertHermitianIn(float64Field, inst.H, 'H', hermiticity(float64Field, diagonalEntries(float64Field, energies, eim)));
  const grouping = groupLevels(inst, energies, Hop);
  const spaces = grouping.spaces;
  const ops = inst.channels.map((ch) => {
    const op = channelOperator(inst, ch);
    checkHermitian(op, ch.origin, ch.k === null ? 'A' : `A (k = ${ch.k})`);
    const ext = finiteOrOverflow(`||${ch.origin.located.key}||`, ch.origin, () => opExtremes(op, 1, dims), (x) => Number.isFinite(x.min) && Number.isFinite(x.max));
    const input = opInputError(op);
    const normAError = normError(ext.error, input, Math.min(n, 4096), opNormUpperBound(op));
    return { ch, op, ext, columns: dims ? new MixedColumnApplier(op, dims) : new ColumnApplier(op), input, normAError };
  });
  const notes: string[] = [];
  const realised = layout ? realiseOnSites(state, layout, stateOrigin, stateOrigin?.located.expr ?? null) : realiseProduct(state, L, stateOrigin, stateOrigin?.located.expr ?? null);
  // The product basis is the eigenbasis: entries of A are exact sums of its terms' coefficients.
  const zeroFor = (op: OpSum) => Math.max(zeroThreshold(opNormUpperBound(op), 4), opInputError(op));
  const rho = eigenbasisState(
    realised, spaces, (re, im) => [re, im], () => ops.map(({ ch, columns }) => ({ A: columns, gamma: ch.gamma })),
    zeroThreshold(Math.max(0, ...ops.map(({ op }) => opNormUpperBound(op))), 4), notes, stateOrigin,
    mentionsPlainSteady(realised) ? productSteadyStart(inst, (re, im) => [re, im]) : null,
  );
  // The eigenvectors are exact (product basis): only the entries' and the state's own errors remain
  // (v2 sites: the amplitudes as those of 2^m qubits with 2^m >= n, the dense method's round-off model).
  const vector = layout ? siteStateInputError(n) : stateInputError(L);
  const population = populationError(realised, spaces);
  let largestSpace = 1;
  for (let s = 0; s + 1 < spaces.start.length; s++) largestSpace = Math.max(largestSpace, spaces.start[s + 1] - spaces.start[s]);
  // Exact levels kept apart on undecided evidence: J's error covers the merged reading (shared channelKernel).
  const width = readingsWidth(spaces);
  const channels: Float64Channel[] = ops.map(({ ch, op, ext, columns, input, normAError }) => ({
    ...(width === null ? {} : { weakMerge: width }),
    ch, spaces, A: columns, state: rho, zero: zeroFor(op),
    perturbation: { operator: input, vector, normA: normOf(ext) + normAError, largestSpace, population },
    normA: normOf(ext), normAError, normHow: ext.how,
  }));
  const e = spaces.spaceEnergy;
  const coefficients = coefficientTexts(inst, grouping.exact);
  return {
    method: 'diagonal', dimension: energies.length, normH: Math.max(Math.abs(e[0]), Math.abs(e[e.length - 1])), width: e[e.length - 1] - e[0],
    channels, kernel: channelKernel, roundoffDimension: Math.max(1, dims ? dims.length : L), termErrors: spectrumErrors(spaces), inexact: [...coefficients.inexact, ...nearSplitNotes(spaces), ...grouping.inexact],
    notes: [...notes, ...coefficients.notes, ...(layout ? [`v2 sites (${layoutText(layout)}): dimension ${n}`, ...modeNotes(layout)] : []), `${e.length} eigenspaces of the diagonal H_S (${grouping.how})`],
  };
}

/** Digits of the decimal.js evaluation of H_S's coefficients for the exact grouping. */
const groupingDigits = 40;
/** Most limbs (of 12 decimal digits) per exact energy. */
const maxLimbs = 6;

/**
 * The eigenspaces of a diagonal H_S, decided exactly where the size allows: the coefficients
 * evaluated in decimal.js (the model's decimal literals are exact there) as integers times 10^-s,
 * and the 2^L energies summed exactly in limbs (numeric/exact-levels), so levels merge exactly when
 * they are equal; float64 coefficients would merge w0 + k 1e-17 into one level and fake
 * superradiance. Beyond the budget the float64 energies are grouped by their own error bound
 * (errors.ts opInputError), and a merge of unequal floats is listed in `inexact`. The dense method
 * takes the same grouping on a diagonal H_S (dense.ts).
 */
export function groupLevels(inst: Instance, energies: Float64Array, Hop: OpSum): { spaces: Eigenspaces; inexact: string[]; how: string; exact: boolean } {
  const factor = defaultTolerances.nearSplitFactor;
  const exact = exactLevels(inst);
  if (exact !== null) {
    const g = groupExactLevels(exact);
    const inexact = g.undecided.length === 0 ? [] : [
      `H_S has ${g.undecided.length} pair(s) of levels merged into one eigenspace as equal within the error of their ${groupingDigits}-digit coefficients (largest gap ${Math.max(...g.undecided.map((x) => x.gap)).toPrecision(3)}, error ${g.tolerance.toPrecision(3)}${g.undecidedWidth !== undefined ? '; a gap above 1/10 of the error: J\'s error covers the reading with them distinct' : ''}): whether they are degenerate is not decided; use --digits`,
    ];
    const how = inst.layout
      ? 'grouped exactly: integer energies from the decimal.js coefficients and the dyadic diagonal entries of the one-site factors'
      : 'grouped exactly: integer energies from the decimal.js coefficients';
    return { spaces: g, inexact, how, exact: true };
  }
  // Each energy sums the terms' exact +-c_t: within opInputError of the model's (errors.ts); levels
  // equal within that are one eigenspace, and equal floats always are. The exact grouping needs
  // 2^L x terms x limbs additions, beyond its budget here.
  const spaces = groupByError(energies, new Float64Array(energies.length).fill(opInputError(Hop)), factor);
  return { spaces, inexact: mergedUnequalNotes(spaces), how: 'grouped within float64 round-off', exact: false };
}

/**
 * H_S's coefficients as integers N 10^-s in limbs, with s the most decimal places any of them has
 * (capped at maxLimbs limbs; a coefficient rounded there adds 10^-s / 2 to the error), or null when
 * the decimal.js evaluator does not take the expression or the exact sum is beyond its budget. On
 * v2 sites the integers are BigInt (no cap on s but the 40 digits) and the diagonal entries of the
 * local factors dyadic rationals (numeric/exact-levels exactSiteLevels).
 */
function exactLevels(inst: Instance): ExactLevels | null {
  const P = precision(groupingDigits);
  const D = P.D;
  let coefficients: { re: Decimal; im: Decimal; sites: readonly number[]; mats: readonly Float64Array[] }[];
  try {
    const H = evalOperatorPrecise(D, inst.H, inst.H.located.expr, preciseScope(P, inst.model, inst.L), inst.L, inst.layout);
    coefficients = H.terms.map((t) => ({ re: t.c.re, im: t.c.im, sites: t.sites, mats: t.mats }));
  } catch {
    return null;
  }
  // A term's coefficient error enters a level times the term's diagonal entry there: at most the
  // product of its factors' largest diagonal moduli (1 on qubits; n^k for a mode's n^k, s^k for Sz^k).
  const weight = (mats: readonly Float64Array[]): number => mats.reduce((w, m) => {
    const d = Math.round(Math.sqrt(m.length / 2));
    let top = 0;
    for (let i = 0; i < d; i++) top = Math.max(top, Math.hypot(m[2 * (i * d + i)], m[2 * (i * d + i) + 1]));
    return w * top;
  }, 1);
  let places = 0, intDigits = 1, scale = 0, weights = 0;
  for (const c of coefficients) {
    const w = inst.layout ? weight(c.mats) : 1;
    weights += w;
    for (const x of [c.re, c.im]) {
      if (x.isZero()) continue;
      places = Math.max(places, x.decimalPlaces());
      intDigits = Math.max(intDigits, x.abs().trunc().toFixed(0).length);
      scale += x.abs().toNumber() * w;
    }
  }
  // decimal.js rounds each operation correctly at groupingDigits + guard digits; we assume the
  // coefficient expressions lose at most 5 of those digits to cancellation (relative 1e-35); exact
  // decimal coefficients (literals, sums, products) have no error at all. Each error is weighted by
  // the term's largest diagonal entry (1.01: the float64 sums of these bounds).
  const integer = (x: Decimal, s: number): bigint => BigInt(x.times(new D(10).pow(s)).toFixed(0));
  const errorAt = (s: number) => 1.01 * (scale * 1e-35 + (s < places ? weights * 0.5 * 10 ** -s : 0));
  if (inst.layout) {
    const s = places;
    const terms = coefficients.map((c) => ({ re: integer(c.re, s), im: integer(c.im, s), sites: c.sites, mats: c.mats }));
    return exactSiteLevels(inst.layout.dims, s, terms, errorAt(s));
  }
  const K = Math.min(maxLimbs, Math.ceil((intDigits + places + 1) / 12));
  const s = Math.min(places, 12 * K - intDigits - 1);
  const toLimbs = (x: Decimal): Float64Array => balancedLimbs(integer(x, s), K);
  const terms = coefficients.map((c) => ({ re: toLimbs(c.re), im: toLimbs(c.im), sites: c.sites, mats: c.mats }));
  return exactDiagonalLevels(inst.L, K, s, terms, errorAt(s));
}
/** Hermiticity of an operator given by product terms (the one rule, numeric opHermiticity): symbolically, else on its columns. */
function checkHermitian(op: OpSum, origin: Origin, label: string): void {
  assertHermitianIn(float64Field, origin, label, opHermiticity(op));
}
