/**
 * The precise engine's symmetric path: a collective model (H_S, every A and the state permutation
 * symmetric) in the Dicke basis of the sector j = L/2 (dimension L+1), in Decimal arithmetic.
 *
 *   - H_S diagonal in the Dicke basis (a function of Jz and Id, prod of diagonal one-site
 *     operators): energies are its diagonal, exact at the working precision, and A needs no change
 *     of basis; L can be hundreds to thousands.
 *   - otherwise H_S is split into the connected blocks of its sector matrix, each diagonalised by
 *     eighPrecise (at most maxPreciseBlock states per block).
 *
 * The bound terms are full-space values: when H_S and every A are linear in the collective spin,
 * c0 + c.J, the sector j = L/2 decides them (spectrum c0 + |c| m, m = -j..j, the same Bohr
 * frequencies in every sector); otherwise every sector 2j = L, L-2, ... is visited, and the
 * Omega statistics of the lower sectors reach evaluateSystem through `extraOmega`.
 *
 * Which sectors, the budget mechanism, the linear-spin shortcut, the fold of the sectors and the
 * texts are shared with the float64 method (engine/symmetric-plan), as is the state in the Dicke
 * basis (engine/dicke-states); here are the Decimal sector matrices (sparse columns), block
 * eigensolvers and the cost model of preciseSectorBudget.
 */
import type { Decimal } from '../../numeric/index.js';
import { InputError, type ModelSpec, type Origin } from '../../lang/index.js';
import { qubitOnlyPart } from '../spin-species.js';
import { isCollective } from '../steady-start.js';
import { negativeRate } from '../input-errors.js';
import type { PreciseScope } from '../../symbolic/index.js';
import {
  decimalField, mergePreciseTails, precision, preciseBohrTail, preciseChannelHeat, preciseChannelTail,
  type Cx, type PreciseTailTable, type Precision, type PreciseSpaces, type PreciseState, type PreciseOperatorColumns,
} from '../../numeric/index.js';
import { NotCollective } from '../collective.js';
import type { Instance } from '../family.js';
import { mentionsSteady, nonSymmetricPart, stateText, type RealisedIn, type StateSpec } from '../states.js';
import { steadyPartsIn, type SteadyEngine } from '../steady-parts.js';
import type { PreciseSteadySystem } from './steady.js';
import { decimalDicke, realiseDickeIn, steadyStartIn } from '../dicke-states.js';
import {
  decimalSpin, foldSectors, linearNorm, planSectors, symmetricTexts, type OmegaStats, type RealLinearSpin, type SpinScalars,
} from '../symmetric-plan.js';
import { evalCollectivePrecise, sectorIsDiagonal, type CollectiveCache, type PreciseSectorOperator } from './collective.js';
import type { Bounded, PreciseOptions, PreciseSystem, PreciseSystemChannel } from './types.js';
import { preciseParameters } from './state.js';
import {
  PreciseNotApplicable, preciseStart, withSteady, blockEigen, blockNorm, channelScope, checkHermitian, diagonalEigen, eigenvectorError, fmt, groupEigenspaces,
  preciseEntryError, preciseRelativeError, preciseZeroThreshold,
  maxPreciseBlock, rotate, sandwich, spectrumOf, type BlockEigen,
} from './basis.js';

/**
 * Budget, in estimated microseconds at 30 digits, of the visit of every total-spin sector when H_S
 * or an A is not linear in the collective spin. Measured: the all-flip model at L = 1000 is
 * estimated at 8e6 and takes 4.6 s, ghz_collective at L = 1000 2.3e7 and 12 s.
 */
export const preciseSectorBudget = 3e7;

/**
 * Builds the precise system of a collective model at L in the Dicke basis of the sector j = L/2
 * (of L qubits), or of the sector j = Ls of L spins s (one v2 spin species of L sites: site sums
 * linear in the spin to 1e-30, states up, down, steady and their mixtures).
 * Conventions as everywhere: hbar = k_B = 1, J > 0 flows into the system.
 *
 * @throws InputError for errors in the model or state at this L (a bad L, non-Hermitian H or A)
 * @throws PreciseNotApplicable when the model is not collective, the state is not confined to the
 *   symmetric sector (thermal, ground, top, basis, random, mixed), or its plain `steady` cannot be
 *   decided from down at these digits, or a block to be
 *   diagonalised exceeds maxPreciseBlock, or visiting every sector exceeds preciseSectorBudget
 * @example
 * const sys = preciseSymmetricSystem(loadModelFile('models/superradiance.yaml'), 1000, 30);
 * evaluateSystem(sys).J.value // -250500 = -g w0 (j+m)(j-m+1) at j = 500, m = 0
 */
export function preciseSymmetricSystem(model: ModelSpec, L: number, digits: number, opts: PreciseOptions = {}): PreciseSystem {
  const P = precision(digits);
  const D = P.D;
  const { inst, scope, stateOrigin, located, spec, twoS } = preciseStart(model, L, digits, opts, P, true);
  // The sector j = Ls (2j = L for qubits).
  const top2J = L * twoS;
  const bad = nonSymmetricPart(spec) ?? (twoS > 1 ? qubitOnlyPart(spec) : null);
  if (bad) {
    // thermal, ground, top of a collective model: say which part of the float64 method this path lacks.
    const fn = /^(thermal\(|ground$|top$)/.test(bad) && isCollective(inst)
      ? ': a function of H_S spans every total-spin sector, and the decimal.js symmetric path does not weigh the sectors (the float64 symmetric method does); the product basis takes it up to 2^10 states'
      : '';
    throw new PreciseNotApplicable(`${symmetricTexts.notConfined(bad)}${fn}`);
  }
  // The orchestration below (symmetricSteadyParts) solves any steady parts, mixes included; mixes
  // with steady and steady(S) of a state with steady in it stay with the product basis here.
  if (mentionsSteady(spec) && spec.kind !== 'steady' && !(spec.kind === 'steadyFrom' && !mentionsSteady(spec.from))) {
    throw new PreciseNotApplicable('a mix with steady, or steady(S) of a state with steady in it, is computed in the product basis only (L <= 10)');
  }

  const caches = { H: new Map(), A: inst.channels.map(() => new Map()) } as SectorCaches;
  const ops = sectorOperators(P, inst, scope, top2J, caches, twoS);
  const top = buildSector(P, inst, ops, top2J, top2J);
  const notes: string[] = [...top.notes];
  const realised = realiseDickeIn(decimalDicke(D), preciseParameters(D, stateOrigin, located.expr, scope), spec, L, top2J);
  const toEigen = (r: PreciseDickeState): PreciseState =>
    ({ vectors: r.vectors.map((v) => ({ weight: v.weight, amp: top.eig.blocks ? rotate(D, top.eig, v.amp) : v.amp })), populations: null });

  const full = fullSpaceTerms(P, inst, scope, caches, ops, top, twoS);
  notes.push(...full.notes);

  const relError = preciseRelativeError(P, top.vecErr);
  const channels: PreciseSystemChannel[] = inst.channels.map((ch, i) => {
    const label = ch.k === null ? String(ch.entry) : `k = ${ch.k}`;
    const { value, error, how } = full.norms[i];
    const norm = { value, error, how };
    const zero = preciseZeroThreshold(P, top.vecErr, norm.value);
    const entryError = preciseEntryError(P, top.vecErr, norm.value);
    const A: PreciseOperatorColumns = top.eig.blocks ? sandwich(P, top.eig, ops.A[i].matrix) : ops.A[i].matrix;
    const x = full.extra[i];
    const xt = full.extraTail[i];
    return {
      label, A, gamma: full.gammas[i], norm, zero, entryError, ...(x ? { extraOmega: x } : {}), ...(xt ? { extraTail: xt } : {}),
      origin: ch.origin, gammaOrigin: ch.gammaOrigin,
    };
  });
  const { state, stateError } = symmetricSteadyParts(
    { P, spaces: top.spaces, channels, dimension: top2J + 1 }, toEigen(realised), realised, spec, stateOrigin, toEigen,
    toEigen({ vectors: [{ weight: new D(1), ...steadyStartIn(decimalDicke(D), top2J) }], functions: [], steadyWeight: new D(0) }), notes,
  );
  return {
    P, model: model.name, L, method: 'symmetric', stateText: stateText(spec), dimension: top2J + 1,
    spaces: top.spaces, state, channels, normH: full.normH, width: full.width, residual: full.residual, relError, stateError, notes,
  };
}

interface FullSpaceTerms {
  readonly normH: Decimal;
  readonly width: Decimal;
  /** Largest eigenvalue error over every sector diagonalised. */
  readonly residual: Decimal;
  readonly norms: SectorNorm[];
  /** Omega statistics of the lower sectors, per channel (undefined: the top sector decides). */
  readonly extra: (OmegaStats<Decimal> | undefined)[];
  /** B2tail's frequency tables of the lower sectors, per channel (numeric/tail-precise.ts). */
  readonly extraTail: (PreciseTailTable | undefined)[];
  readonly gammas: ((w: Decimal) => Decimal)[];
  readonly notes: string[];
}

/**
 * ||H_S||, W, every ||A|| and the lower sectors' Omega statistics: the one fold of the sectors
 * (engine/symmetric-plan foldSectors) over Decimal sectors, from the linear forms when H_S and
 * every A are linear in the collective spin, else by visiting every sector 2j = L-2, L-4, ...
 */
function fullSpaceTerms(P: Precision, inst: Instance, scope: PreciseScope, caches: SectorCaches, ops: SectorOps, top: Sector, twoS: number): FullSpaceTerms {
  const D = P.D, L = inst.L;
  const unit = P.eps;
  const notes: string[] = [];
  const S = decimalSpin(P.D);
  const gammas = inst.channels.map((ch) => spectrumOf(P, ch, channelScope(D, scope, ch)));
  let residual = top.eig.residual;
  const sectorNotes: string[] = [];
  const empty: PreciseState = { vectors: [], populations: null };
  const full = foldSectors<Decimal, { ops: SectorOps; sector: Sector }, SectorNorm, PreciseTailTable>({
    S, L, topTwoJ: L * twoS, top: { ops, sector: top }, closedFormH: true,
    linear: { H: ops.H.linear, A: ops.A.map((a) => a.linear) },
    stats: ops.A.map(() => undefined), tails: ops.A.map(() => undefined),
    energies: (s) => s.sector.spaces.energies,
    linearNorm: (_i, _lin, value) => linearSectorNorm(unit, value),
    norm: (s, i, twoJ, lin) => sectorNorm(P, S, s.ops.A[i], lin, twoJ),
    plan: (norms) => {
      const shape = sectorShape(top, ops, norms);
      return planSectors(L, (n) => sectorCost(shape, n), preciseSectorBudget, Math.max(1, P.digits / 30), twoS);
    },
    overBudget: (plan) => { throw new PreciseNotApplicable(symmetricTexts.overBudget(plan.sectors.length + 1, plan.cost, preciseSectorBudget)); },
    sector: (twoJ) => {
      const sOps = sectorOperators(P, inst, scope, twoJ, caches, twoS);
      const s = buildSector(P, inst, sOps, twoJ, L * twoS);
      sectorNotes.push(...s.notes);
      if (s.eig.residual.gt(residual)) residual = s.eig.residual;
      return { ops: sOps, sector: s };
    },
    omega: ({ ops: sOps, sector: s }, i, twoJ, norm) => {
      const a = sOps.A[i];
      const A = s.eig.blocks ? sandwich(P, s.eig, a.matrix) : a.matrix;
      const zero = preciseZeroThreshold(P, s.vecErr, norm.value);
      const h = preciseChannelHeat(D, s.spaces, A, empty, gammas[i], zero);
      const tail = preciseChannelTail(D, s.spaces, A, empty, gammas[i], zero, 'omega');
      const ch = inst.channels[i];
      if (h.gammaMin.isNeg()) throw negativeRate(ch, fmt(h.gammaMinAt), fmt(h.gammaMin), `total-spin sector 2j = ${twoJ}`);
      // Elements at or below the zero threshold enter h.upper (the enclosures' upper ends), folded with the sectors'.
      return { stats: h, tail };
    },
    // B2tail's maxima over every full-space Bohr frequency (across sectors too), as the product-basis
    // path's; flat and ohmic baths (no custom gamma) obey gamma(-|w|) <= gamma(|w|).
    tailKit: (i) => ({ bohr: (e) => preciseBohrTail(D, e, gammas[i], inst.channels[i].gammaOrigin === null), merge: (t, f) => mergePreciseTails(D, t, f) }),
  });
  notes.push(...sectorNotes.slice(0, 3));
  if (sectorNotes.length > 3) notes.push(`... and ${sectorNotes.length - 3} more total-spin sectors with nearly degenerate eigenspaces`);
  if (full.note) notes.push(full.note);
  return { normH: full.normH, width: full.width, residual, norms: full.norms, extra: full.stats, extraTail: full.tails, gammas, notes };
}

interface SectorOps {
  readonly H: PreciseSectorOperator;
  readonly A: PreciseSectorOperator[];
}

/** The one-site operators of the sums and products over sites of H and of each A, shared by the sectors. */
interface SectorCaches {
  readonly H: CollectiveCache;
  readonly A: CollectiveCache[];
}

/** H and every A in the sector twoJ, or why the model is not collective. */
function sectorOperators(P: Precision, inst: Instance, scope: PreciseScope, twoJ: number, caches: SectorCaches, twoS = 1): SectorOps {
  const D = P.D, L = inst.L;
  try {
    const H = evalCollectivePrecise(D, inst.H, inst.H.located.expr, scope, L, twoJ, caches.H, twoS);
    const A = inst.channels.map((ch, i) => evalCollectivePrecise(D, ch.origin, ch.origin.located.expr, channelScope(D, scope, ch), L, twoJ, caches.A[i], twoS));
    return { H, A };
  } catch (err) {
    if (err instanceof NotCollective) throw new PreciseNotApplicable(symmetricTexts.notCollective(err.message));
    throw err;
  }
}

interface Sector {
  readonly eig: BlockEigen;
  readonly spaces: PreciseSpaces;
  /** Relative error of eigenvectors (0 when H is diagonal). */
  readonly vecErr: Decimal;
  readonly notes: string[];
  readonly largestBlock: number;
}

function buildSector(P: Precision, inst: Instance, ops: SectorOps, twoJ: number, top2J = inst.L): Sector {
  const D = P.D;
  const inSector = (label: string) => (twoJ === top2J ? label : `${label} (total-spin sector 2j = ${twoJ})`);
  checkHermitian(P, inst.H, ops.H.matrix, inSector('H'));
  ops.A.forEach((a, i) => {
    const ch = inst.channels[i];
    checkHermitian(P, ch.origin, a.matrix, inSector(ch.k === null ? 'A' : `A (k = ${ch.k})`));
  });
  const diagonal = sectorIsDiagonal(ops.H.matrix);
  const eig = diagonal ? diagonalEigen(D, ops.H.matrix) : blockEigen(P, ops.H.matrix, (size) => `H_S is not diagonal in the Dicke basis and has a connected block of dimension ${size} > ${maxPreciseBlock} in the sector; the Decimal eigensolver is limited to ${maxPreciseBlock}`);
  const g = groupEigenspaces(P, eig, `sector 2j = ${twoJ}: `);
  const vecErr = eigenvectorError(D, eig.residual, g.minGap, diagonal);
  const largestBlock = eig.blocks ? Math.max(...eig.blocks.map((b) => b.indices.length)) : 1;
  return { eig, spaces: g.spaces, vecErr, notes: g.notes, largestBlock };
}

/** What the cost of a lower sector scales with, read off the top sector. */
interface SectorShape {
  readonly operators: number;
  /** Largest number of entries per column of H or an A. */
  readonly perColumn: number;
  /** Largest block of H diagonalised (0 when H is diagonal), and of an A whose norm needs eighPrecise. */
  readonly hBlock: number;
  readonly aBlock: number;
}

function sectorShape(top: Sector, ops: SectorOps, norms: readonly { largest: number }[]): SectorShape {
  const n = top.eig.n;
  const perColumn = Math.max(1, ...[ops.H, ...ops.A].map((o) => o.matrix.cols.reduce((s, c) => s + c.size, 0) / n));
  // A linear A has its norm in closed form (largest 0).
  const aBlock = Math.max(0, ...norms.map((x) => (x.largest <= 2 ? 0 : x.largest)));
  return { operators: 1 + ops.A.length, perColumn, hBlock: top.eig.blocks ? top.largestBlock : 0, aBlock };
}

/** Estimated microseconds for a lower sector of dimension n (measured at 30 digits). */
function sectorCost(s: SectorShape, n: number): number {
  const bH = Math.min(s.hBlock, n), bA = Math.min(s.aBlock, n);
  // Building and checking the operators; one rate gamma(w) (~1 to 30 us, with or without an exp) per
  // pair of eigenspaces that A couples (every pair once H needs an eigenbasis); block eigensolvers and
  // sandwiches ~1.5 us per n b^2.
  const pairs = bH > 0 ? n * n : n * s.perColumn;
  return 8 * n * s.operators * s.perColumn + 15 * pairs + 1.5 * n * (bH * bH * s.operators + bA * bA);
}

/** ||A|| with its error and how it was obtained; `largest` is the largest block diagonalised (0: closed form). */
type SectorNorm = Bounded & { how: string; largest: number };

/** ||A|| = value from the linear-spin closed form, correct to the working precision. */
function linearSectorNorm(unit: Decimal, value: Decimal): SectorNorm {
  return { value, error: unit.times(value), how: symmetricTexts.linearHow, largest: 0 };
}

/**
 * ||A|| in the sector twoJ with its error: analytic for c0 + c.J, else from the connected blocks of
 * A (basis.ts blockNorm: 1 x 1 and 2 x 2 in closed form, larger ones by eighPrecise).
 */
function sectorNorm(P: Precision, S: SpinScalars<Decimal>, A: PreciseSectorOperator, lin: RealLinearSpin<Decimal> | null, twoJ: number): SectorNorm {
  if (lin) return linearSectorNorm(P.eps, linearNorm(S, lin, twoJ));
  const r = blockNorm(P, A.matrix, (size) => `a noise operator has a connected block of dimension ${size} > ${maxPreciseBlock} in the total-spin sector 2j = ${twoJ}; the Decimal eigensolver is limited to ${maxPreciseBlock}`);
  return { ...r, how: r.largest <= 2 ? 'sector-blocks-exact' : `sector-blocks-${r.largest}` };
}

/** A state of the symmetric sector in the Dicke basis (index = number of up spins), engine/dicke-states over Decimal. */
type PreciseDickeState = RealisedIn<Decimal, { amp: Cx[] }>;

/**
 * `state` plus the steady parts of `realised` (the realisation of `spec`), with the absolute error
 * of the entries: the one orchestration engine/steady-parts `steadyPartsIn` with the Decimal
 * elimination (basis.ts `withSteady`) as the solver, as the float64 symmetric method's
 * (engine/steady-start `steadyParts`). Plain `steady` is the steady state reached from `down`
 * (model-language.md) and is announced by symmetricTexts.steady, each steady(S) by the start it is
 * the long-time limit from; the solver's notes follow as they are. Nested steady parts (steady(S)
 * of a state with steady in it) are solved first, by the same orchestration.
 *
 * @throws PreciseNotApplicable when plain `steady` is not unique even from down (its conserved
 *   quantities could not be decided at these digits)
 * @throws InputError (negative-rate, steady-not-unique of a steady(S)) at the state
 */
function symmetricSteadyParts(
  sys: PreciseSteadySystem, state: PreciseState, realised: PreciseDickeState, spec: StateSpec | null, stateOrigin: Origin,
  toEigen: (r: PreciseDickeState) => PreciseState, defaultStart: PreciseState, notes: string[],
): { state: PreciseState; stateError: Decimal } {
  const D = sys.P.D;
  // The steady(S) nodes of spec in the order of realised.steadyFrom (engine/states mixRealised keeps
  // it, dropping parts of weight zero): their texts name the starts when they line up.
  const fromSpecs: StateSpec[] = [];
  const collect = (s: StateSpec | null): void => {
    if (s?.kind === 'steadyFrom') fromSpecs.push(s.from);
    else if (s?.kind === 'mix') { collect(s.a); collect(s.b); }
  };
  collect(spec);
  const parts = realised.steadyFrom ?? [];
  const aligned = fromSpecs.length === parts.length;
  let next = 0;
  let plainSteady = false;
  const engine: SteadyEngine<Decimal, { readonly amp: readonly Cx[] }, PreciseState, PreciseDickeState> = {
    F: decimalField(D.precision),
    solve: (start) => {
      plainSteady = start === defaultStart;
      const r = withSteady(sys, { vectors: [], populations: null }, new D(1), stateOrigin, null, start);
      return { state: r.state, error: r.stateError, notes: r.notes };
    },
    defaultStart,
    // Called for each steady(S) just before it is solved: its heading, then the notes of its start's own steady parts.
    realise: (r) => {
      const from = aligned ? fromSpecs[next] : null;
      next++;
      notes.push(`steady(S): the long-time limit from ${from ? stateText(from) : 'S'} in the symmetric sector j = L/2`);
      const base = toEigen(r);
      if (r.steadyWeight.isZero() && !r.steadyFrom?.length) return base;
      return symmetricSteadyParts(sys, base, r, from, stateOrigin, toEigen, defaultStart, notes).state;
    },
    labels: { steady: null, from: null },
  };
  if (realised.steadyWeight.gt(0)) notes.push(symmetricTexts.steady);
  try {
    const r = steadyPartsIn(engine, state, realised, stateOrigin, notes);
    return { state: r.state as PreciseState, stateError: r.error };
  } catch (err) {
    // Not unique even from down: the conserved quantities could not be decided at these digits.
    if (plainSteady && err instanceof InputError && err.errors.some((e) => e.code === 'steady-not-unique')) {
      throw new PreciseNotApplicable(`the steady state reached from down could not be decided in Decimal (${err.errors[0].message})`, true);
    }
    throw err;
  }
}
