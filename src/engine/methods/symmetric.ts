/**
 * The symmetric method: H_S, every A and the state permutation symmetric. The state lives in the
 * totally symmetric sector j = L/2 (dimension L+1, the Dicke basis), where J is computed. The bound
 * terms are full-space values: every sector j = L/2, L/2-1, ... is visited, or, when H_S and every A
 * are linear in the collective spin, the sector j = L/2 decides them exactly (their spectra in
 * sector j are c0 + |c| m, m = -j..j, and the Bohr frequencies are the same in every sector).
 * For L up to about 10^5 when H_S is diagonal in the Dicke basis.
 *
 * The decisions shared with the decimal.js engine's symmetric path (which sectors, the budget
 * mechanism, the linear-spin shortcut, the fold of the sectors, the texts) are engine/symmetric-plan,
 * the state in the Dicke basis engine/dicke-states; here are the float64 sector matrices (CSR),
 * eigensystems and error bounds. The Decimal re-checks (exactlyCollective, exactDickeGrouping)
 * evaluate the model with the precise engine's collective walk, hence the import of precise/.
 */
import {
  type Complex, type ColumnSource, BlockColumns, DenseColumns, graphComponents, maxRowAbsSum, operatorBlocks, roundedZeros, type RoundedZeros, bohrTail, channelTail, mergeTails, type EigenbasisState, type TailTable, type Eigenspaces, SparseColumns, defaultTolerances, diagonalOf, eigenSystem,
  type ChannelHeat, diagonalEntries, float64Field, hermiticity, eigenbasisOperatorError, eigenbasisVectorError, gammaN, groupByError, isDiagonal, maxAbsEntry, precision, refineEigenspaces, mergedUnequalNotes, nearSplitNotes, weakMergeNotes, readingsWidth, normOf, operatorToEigenbasis, sparseExtremes, vectorToEigenbasis,
} from '../../numeric/index.js';
import { evalCollective, type LinearSpin, NotCollective, type SectorOperator } from '../collective.js';
import { float64Spin, foldSectors, linearNorm, planSectors, spinSectors, symmetricTexts, type SectorPlan } from '../symmetric-plan.js';
import { sectorWeights, type ExactLevelCompare } from '../sector-weights.js';
import type { ChannelInstance, Instance } from '../family.js';
import { hasIndexedCoefficients, type Expr, type Origin } from '../../lang/index.js';
import type { Decimal } from '../../numeric/index.js';
import { channelScope, evalCollectivePrecise, preciseScope } from '../precise/index.js';
import { type ChannelOutcome, MethodNotApplicable, type MethodOutcome } from '../outcome.js';
import { fockState, realiseWithMode, spinModeOperators, spinModeRefusal, spinModeSites, withVacuum, type SpinModeSites } from '../spin-mode.js';
import { mentionsSteady, nonSymmetricPart, type FunctionOfH, type RealisedState, type StateSpec } from '../states.js';
import { hasCompoundBinder, qubitOnlyPart, symmetricTwoS } from '../spin-species.js';
import { float64Dicke, steadyStartIn } from '../dicke-states.js';
import { collectiveOperators } from '../steady-start.js';
import { channelErrors, normError, populationError, sectorInputError, spectrumErrors, stateInputError } from './errors.js';
import { assertHermitian, eigenbasisState, functionPopulations, heatOf, mergeJump, modeNotes, zeroThreshold } from './shared.js';
import { assertHermitianIn } from '../input-errors.js';
import type { ProgressCallback } from '../progress.js';
import { finiteOrOverflow } from '../non-finite.js';

/** Largest sector dimension diagonalised densely when H_S is not diagonal in the Dicke basis. */
export const maxDenseSector = 2049;
/** Budget (about one operation each) for visiting every sector to get exact full-space terms. */
export const sectorBudget = 2e8;
/** The same with a mode (each sector times the mode, H_S in its blocks): about 10 s of eigensolvers. */
export const spinModeBudget = 2e10;

interface Sector {
  readonly twoJ: number;
  /** Round-off scale of the operators' elements (1 when H_S is diagonal: exact elements). */
  readonly dim: number;
  readonly spaces: Eigenspaces;
  /** Per channel: A in the eigenbasis, its largest element, and where a computed 0 of it may be nonzero (absent: every one exact, H_S diagonal). */
  readonly columns: { columns: ColumnSource; scale: number; rounded?: RoundedZeros }[];
  readonly toEigen: (re: Float64Array, im: Float64Array) => [Float64Array, Float64Array];
  readonly H: SectorOperator;
  readonly A: SectorOperator[];
  /** Per channel: bound on the error of A's eigenbasis entries; per unit vector: of a state's
   * eigenbasis amplitudes; the largest eigenspace; what the grouping could not decide. */
  readonly errs: { readonly operator: number[]; readonly vector: number; readonly largestSpace: number; readonly inexact: string[] };
}


/** Zero thresholds never below the entries' error bounds, so an element in Omega is certainly nonzero. */
function zeroOf(s: Sector, i: number): number {
  return Math.max(zeroThreshold(s.columns[i].scale, s.dim), s.errs.operator[i]);
}

function largestSpaceOf(spaces: Eigenspaces): number {
  let d = 1;
  for (let s = 0; s + 1 < spaces.start.length; s++) d = Math.max(d, spaces.start[s + 1] - spaces.start[s]);
  return d;
}


/**
 * Collective in exact arithmetic, not only in float64: a sum over sites whose coefficients depend
 * on the index, (w0 + k d)/2 Z[k] with d = 1e-17, has the same float64 body on every site, but it is
 * not permutation symmetric, and treating it as w0 Jz fakes superradiance. Such binders are
 * re-checked in decimal.js (the model's literals exact, engine/precise/collective) in the smallest
 * sector, which is cheap; binders whose coefficients do not mention the index need no check.
 */
function exactlyCollective(inst: Instance, twoS: number): void {
  // Over spins s > 1/2 also a body of more than one site operator: linear in the spin in decimal.js too (engine/spin-species).
  const recheck = (e: Expr): boolean => hasIndexedCoefficients(e) || (twoS > 1 && hasCompoundBinder(e));
  const exprs = [{ origin: inst.H, ch: null as ChannelInstance | null }, ...inst.channels.map((ch) => ({ origin: ch.origin, ch }))]
    .filter(({ origin }) => recheck(origin.located.expr));
  if (exprs.length === 0) return;
  const P = precision(40);
  const scope = preciseScope(P, inst.model, inst.L);
  for (const { origin, ch } of exprs) {
    try {
      evalCollectivePrecise(P.D, origin, origin.located.expr, ch === null ? scope : channelScope(P.D, scope, ch), inst.L, (inst.L * twoS) % 2, new Map(), twoS);
    } catch (err) {
      if (err instanceof NotCollective) throw new MethodNotApplicable('symmetric', symmetricTexts.notExactlyCollective(err.message));
      throw err;
    }
  }
}

/**
 * The float64 sector matrices are those of the model as written: each of H_S and every A evaluated
 * in float64 and in decimal.js (40 digits, the model's literals exact) in a small sector (2j = 1 or
 * 2, where J_z is not 0), every entry within the float64 matrix's own round-off (sectorInputError
 * relative to its entries) of the decimal.js one: no digits lost to a cancellation. A coefficient that cancels in float64, (1e17 + 1 - 1e17) Jz, is 0 Jz there:
 * another model, which the method refuses rather than compute (the dense method rebuilds its
 * coefficients from decimal.js; the decimal.js engine takes it).
 */
function faithfulFloat64(inst: Instance, twoS: number): void {
  const top = inst.L * twoS;
  const twoJ = top % 2 === 0 ? Math.min(2, top) : 1;
  const P = precision(40);
  const scope = preciseScope(P, inst.model, inst.L);
  const items = [{ origin: inst.H, ch: null as ChannelInstance | null, at: inst.scope }, ...inst.channels.map((ch) => ({ origin: ch.origin, ch, at: ch.scope }))];
  for (const { origin, ch, at } of items) {
    let exact: ReturnType<typeof evalCollectivePrecise>['matrix'];
    try {
      exact = evalCollectivePrecise(P.D, origin, origin.located.expr, ch === null ? scope : channelScope(P.D, scope, ch), inst.L, twoJ, new Map(), twoS, true).matrix;
    } catch {
      continue; // what decimal.js does not take, the float64 walk has decided (or refuses) itself
    }
    const f = evalCollective(origin, origin.located.expr, at, inst.L, twoJ, twoS);
    const n = twoJ + 1;
    const fre = new Float64Array(n * n), fim = new Float64Array(n * n);
    for (let r = 0; r < n; r++) for (let p = f.matrix.rowPtr[r]; p < f.matrix.rowPtr[r + 1]; p++) { fre[r * n + f.matrix.col[p]] = f.matrix.re[p]; fim[r * n + f.matrix.col[p]] = f.matrix.im[p]; }
    let worst = 0;
    for (let c = 0; c < n; c++) {
      for (let r = 0; r < n; r++) {
        const z = exact.cols[c].get(r);
        worst = Math.max(worst, Math.hypot(fre[r * n + c] - (z ? z.re.toNumber() : 0), fim[r * n + c] - (z ? z.im.toNumber() : 0)));
      }
    }
    // Faithful: within the round-off of the computed matrix itself (relative to its own entries, not
    // to the size of the expression's parts: a sum that cancels, 1e17 Jz + Jz - 1e17 Jz, is not), the
    // decimal.js entries rounded to float64 (a relative u each) and their own error (1e-30 of the size).
    const tol = sectorInputError(f.matrix, 0) * (1 + 1e-10) + 1e-30 * f.magnitude + Number.MIN_VALUE;
    if (worst > tol) throw new MethodNotApplicable('symmetric', symmetricTexts.notFaithful(origin.located.key, twoJ, worst, tol));
  }
}

/** Largest sector whose merged levels are decided in decimal.js (see exactDickeGrouping). */
const maxExactSector = 4096;

/**
 * Levels of a Dicke-diagonal H_S merged from unequal floats (w0 Jz + chi Jz^2 at m and -w0/chi - m
 * are degenerate exactly, yet differ in float64) are decided in decimal.js: the sector's diagonal at
 * 40 digits, two levels one eigenspace when they agree to 1e-30 of ||H_S|| (exact in decimal.js
 * for polynomials in m with decimal coefficients; sqrt-valued products such as Jp*Jm are correct to
 * the working precision, far inside that). Sectors beyond maxExactSector keep the float64 grouping,
 * and mergedUnequalNotes then lists the merge in `inexact`.
 */
function exactDickeGrouping(inst: Instance, twoJ: number, twoS: number, spaces: Eigenspaces): { spaces: Eigenspaces; undecided: string[] } {
  const undecided = mergedUnequalNotes(spaces, `H_S (sector 2j = ${twoJ})`);
  if (undecided.length === 0) return { spaces, undecided };
  const exact = preciseDickeDiagonal(inst, twoJ, twoS);
  if (!exact) return { spaces, undecided };
  const { diag, scale } = exact;
  // Decided in decimal.js: no merge rests on weak evidence any more.
  const { weakMerges: _decided, ...refined } = refineEigenspaces(spaces, (i, j) => diag[i].minus(diag[j]).abs().lte(scale));
  return { spaces: refined, undecided: [] };
}

/** The Dicke diagonal of H_S in a sector at 40 digits, its extremes, and 1e-30 of its largest modulus. */
interface PreciseDiagonal { readonly diag: readonly Decimal[]; readonly min: Decimal; readonly max: Decimal; readonly scale: Decimal }

const preciseDiagonals = new WeakMap<Instance, Map<number, PreciseDiagonal | null>>();

/**
 * H_S's diagonal in the sector 2j = twoJ in decimal.js at 40 digits (H_S diagonal in the Dicke
 * basis), evaluated once per instance and sector for the grouping (exactDickeGrouping) and the
 * sectors' extreme levels (exactExtremes); null beyond maxExactSector or where the evaluation fails.
 */
function preciseDickeDiagonal(inst: Instance, twoJ: number, twoS: number): PreciseDiagonal | null {
  let sectors = preciseDiagonals.get(inst);
  if (!sectors) { sectors = new Map(); preciseDiagonals.set(inst, sectors); }
  if (sectors.has(twoJ)) return sectors.get(twoJ)!;
  let out: PreciseDiagonal | null = null;
  if (twoJ + 1 <= maxExactSector) {
    const P = precision(40);
    try {
      const m = evalCollectivePrecise(P.D, inst.H, inst.H.located.expr, preciseScope(P, inst.model, inst.L), inst.L, twoJ, new Map(), twoS).matrix;
      const diag = m.cols.map((col, i) => col.get(i)?.re ?? new P.D(0));
      out = { diag, min: P.D.min(...diag), max: P.D.max(...diag), scale: diag.reduce((a, x) => P.D.max(a, x.abs()), new P.D(0)).times('1e-30') };
    } catch {
      out = null;
    }
  }
  sectors.set(twoJ, out);
  return out;
}

/**
 * H_S's eigenspaces in the sector 2j = twoJ and every A in its eigenbasis. `blocks` (spins times a
 * mode): H_S is diagonalised over the graph components of its matrix (numeric/eigensystem, the
 * excitation number of Tavis-Cummings or the parity of Dicke, read off the sparsity pattern) and
 * each A is kept as the blocks it connects (numeric/eigensystem operatorBlocks); the elements
 * between blocks it does not connect are exact zeros.
 */
function buildSector(inst: Instance, twoJ: number, twoS: number, ops: { H: SectorOperator; A: SectorOperator[] }, blocks = false): Sector {
  const { H, A } = ops;
  const n = H.matrix.n;
  if (isDiagonal(H.matrix)) {
    const [e, eim] = diagonalOf(H.matrix);
    assertHermitianIn(float64Field, inst.H, 'H', hermiticity(float64Field, diagonalEntries(float64Field, e, eim)));
    const grouped = groupByError(e, new Float64Array(n).fill(sectorInputError(H.matrix, H.magnitude)), defaultTolerances.nearSplitFactor);
    // Times a mode the levels are indexed p n + f, not by m: the Dicke diagonal does not decide them.
    const { spaces, undecided } = blocks ? { spaces: grouped, undecided: mergedUnequalNotes(grouped, `H_S (sector 2j = ${twoJ})`) } : exactDickeGrouping(inst, twoJ, twoS, grouped);
    return {
      twoJ, dim: 4, spaces, H, A,
      columns: A.map((a) => ({ columns: new SparseColumns(a.matrix), scale: maxAbsEntry(a.matrix) })),
      toEigen: (re, im) => [re, im],
      errs: { operator: A.map((a) => sectorInputError(a.matrix, a.magnitude)), vector: 0, largestSpace: largestSpaceOf(spaces), inexact: [...nearSplitNotes(spaces, `H_S (sector 2j = ${twoJ})`), ...weakMergeNotes(spaces, `H_S (sector 2j = ${twoJ})`), ...undecided] },
    };
  }
  const largest = blocks ? graphComponents(H.matrix).reduce((m, c) => Math.max(m, c.length), 0) : n;
  if (largest > maxDenseSector) {
    throw new MethodNotApplicable('symmetric', blocks
      ? `H_S's largest block in the sector 2j = ${twoJ} times the mode has dimension ${largest} and would need a dense eigendecomposition (${((largest * largest * 16 * 3) / 2 ** 30).toFixed(1)} GiB; limit ${maxDenseSector})`
      : `H_S is not diagonal in the Dicke basis and the sector of dimension ${n} would need a dense eigendecomposition (${((n * n * 16 * 3) / 2 ** 30).toFixed(1)} GiB; limit ${maxDenseSector})`);
  }
  const sys = finiteOrOverflow(`the spectrum of H (sector 2j = ${twoJ})`, inst.H, () => eigenSystem(H.matrix, sectorInputError(H.matrix, H.magnitude)));
  const inexact = [...nearSplitNotes(sys.spaces, `H_S (sector 2j = ${twoJ})`), ...weakMergeNotes(sys.spaces, `H_S (sector 2j = ${twoJ})`)];
  if (sys.errors.undetermined > 0) inexact.push(`${sys.errors.undetermined} eigenspace(s) of H_S in sector 2j = ${twoJ} have no gap above their error bound: their eigenvectors are only trivially bounded`);
  return {
    errs: {
      operator: A.map((a) => { const d = sectorInputError(a.matrix, a.magnitude); return eigenbasisOperatorError(sys, a.matrix, d, maxRowAbsSum(a.matrix) + d); }),
      vector: eigenbasisVectorError(sys), largestSpace: sys.errors.largestSpace, inexact,
    },
    twoJ, dim: sys.largestBlock, spaces: sys.spaces, H, A,
    // A computed 0 inside a block of dimension > 1 may be a nonzero element (numeric/eigensystem roundedZeros).
    columns: A.map((a) => {
      if (blocks) { const b = operatorBlocks(sys, a.matrix); return { columns: new BlockColumns(b), scale: b.scale, rounded: roundedZeros(sys, a.matrix, true) }; }
      const [re, im] = operatorToEigenbasis(sys, a.matrix);
      let scale = 0;
      for (let p = 0; p < re.length; p++) scale = Math.max(scale, im ? Math.hypot(re[p], im[p]) : Math.abs(re[p]));
      return { columns: new DenseColumns(n, re, im), scale, rounded: roundedZeros(sys, a.matrix, false) };
    }),
    toEigen: (re, im) => vectorToEigenbasis(sys, re, im),
  };
}

/** The linear form's coefficients as complex numbers (engine/collective keeps them as [re, im]). */
function complexLinear(lin: LinearSpin | null): Complex<number>[] | null {
  return lin && lin.map((z) => ({ re: z[0], im: z[1] }));
}

/**
 * The symmetric method on L qubits, or on L spins s (one species of spin sites, model-language.md
 * v2): the sector j = Ls of dimension 2Ls + 1 holds the state (up: m = Ls, down: m = -Ls, steady
 * reached from down); the lower sectors that occur in (2s+1)^L give the full-space terms.
 *
 * @throws MethodNotApplicable when the model or the state is not permutation symmetric in this sense
 */
export function runSymmetric(inst: Instance, state: StateSpec, stateOrigin: Origin | null, onProgress?: ProgressCallback): MethodOutcome {
  const { L } = inst;
  // Spins times one mode (engine/spin-mode): each sector times the mode, H_S in its blocks.
  const mode = spinModeSites(inst);
  if (mode) {
    const why = spinModeRefusal(inst, mode);
    if (why) throw new MethodNotApplicable('symmetric', why);
    if (mentionsSteady(state)) throw new MethodNotApplicable('symmetric', symmetricTexts.modeSteady);
  }
  const twoS = mode ? mode.twoS : symmetricTwoS(inst);
  const opsAt = (twoJ: number, checked: boolean) => (mode ? spinModeOperators(inst, mode, twoJ) : collectiveOperators(inst, twoJ, twoS, checked));
  const cutoff = mode ? mode.cutoff : 1;
  // The sector j = Ls: 2j = L for qubits.
  const topTwoJ = L * twoS;
  const bad = outsideSectors(state, mode) ?? (twoS > 1 ? qubitOnlyPart(state) : null);
  if (bad) throw new MethodNotApplicable('symmetric', symmetricTexts.notConfined(bad));
  const ops = opsAt(topTwoJ, false);
  if (!mode) { exactlyCollective(inst, twoS); faithfulFloat64(inst, twoS); }
  assertHermitian(inst.H, ops.H.matrix, 'H');
  ops.A.forEach((a, i) => {
    const ch = inst.channels[i];
    assertHermitian(ch.origin, a.matrix, ch.k === null ? 'A' : `A (k = ${ch.k})`);
  });
  const top = buildSector(inst, topTwoJ, twoS, ops, mode !== null);
  const notes: string[] = [];
  const realisedAll = realiseWithMode(state, L, topTwoJ, cutoff, mode);
  // The functions of H_S (thermal, ground, top) live in every sector: realised per sector below;
  // the rest (vectors, steady) in the top sector.
  const functions = realisedAll.functions;
  const realised: RealisedState = { ...realisedAll, functions: [] };
  if (functions.length > 0) {
    const plan = sectorsWithin(L, twoS, top, cutoff);
    if (!plan.within) throw new MethodNotApplicable('symmetric', symmetricTexts.functionsOverBudget(plan.sectors.length + 1));
  }
  // Per sector visited (the top one first), the functions' parts of every state-dependent result.
  const parts: SectorFunctionParts[] = [];
  const addParts = (s: Sector): void => { if (functions.length > 0) parts.push(functionParts(inst, s, functions, zeroOf)); };
  // `steady` in the symmetric sector is the one reached from down (model-language.md).
  const down = steadyStartIn(float64Dicke, topTwoJ);
  const [dr, di] = top.toEigen(withVacuum(down.re, cutoff), withVacuum(down.im, cutoff));
  const fromDown = { vectors: [{ weight: 1, re: dr, im: di }], populations: null };
  const rho = eigenbasisState(
    realised, top.spaces, top.toEigen, () => top.columns.map((c, i) => ({ A: c.columns, gamma: inst.channels[i].gamma })),
    zeroThreshold(Math.max(0, ...top.columns.map((c) => c.scale)), top.dim), notes, stateOrigin, fromDown,
  );
  if (realised.steadyWeight > 0) notes.push(twoS === 1 ? symmetricTexts.steady : symmetricTexts.steadySpins);
  addParts(top);
  // B2tail's frequency tables (numeric/tail): the top sector's with the state, merged below with every sector's Omega.
  const { heat, errs, tails } = sectorChannels(inst, top, rho, { vector: top.errs.vector + stateInputError(topTwoJ), population: populationError(realised, top.spaces) }, zeroOf, 'auto');
  const inexactSplits = [...top.errs.inexact];
  let spectrumErr = spectrumErrors(top.spaces);

  // Full-space terms: the one fold of the sectors (engine/symmetric-plan) over float64 sectors.
  const inexact: string[] = [];
  const normErr = (a: SectorOperator, x: { error: number }): number => normError(x.error, sectorInputError(a.matrix, a.magnitude), a.matrix.n, maxRowAbsSum(a.matrix));
  const extremesNorm = (a: SectorOperator, i: number) => { const o = inst.channels[i].origin; const x = finiteOrOverflow(`||${o.located.key}||`, o, () => sparseExtremes(a.matrix), (e) => Number.isFinite(e.min) && Number.isFinite(e.max)); return { value: normOf(x), error: normErr(a, x), how: x.how }; };
  // c0 + |c| m from float64 coefficients: input roundings plus a hypot and two products.
  const rel = defaultTolerances.inputRoundings * defaultTolerances.eps + gammaN(8);
  const empty = { vectors: [], populations: null };
  // For progress: the plan of the lower sectors and how many have been visited.
  let planned: SectorPlan | null = null, visited = 0;
  const full = foldSectors<number, Sector, { value: number; error: number; how: string }, TailTable>({
    S: float64Spin, L, topTwoJ, top, closedFormH: false,
    linear: { H: complexLinear(ops.H.linear), A: ops.A.map((a) => complexLinear(a.linear)) },
    stats: heat.map((h) => ({ deltaE: h.deltaE, gammaMax: h.gammaMax, omegaGammaMax: h.omegaGammaMax, upper: h.upper })),
    tails,
    energies: (s) => s.spaces.spaceEnergy,
    linearNorm: (_i, a, value) => ({ value, error: rel * (Math.abs(a[0]) + Math.hypot(a[1], a[2], a[3]) * topTwoJ / 2), how: symmetricTexts.linearHow }),
    // A lower sector's norm of a linear A, c0 + |c| m: from the closed form (never above the top
    // sector's, which is computed as before); a dense eigensolver in each of L sectors was most of the time.
    norm: (s, i, twoJ, lin) => (lin && twoJ < topTwoJ
      ? { value: linearNorm(float64Spin, lin, twoJ), error: rel * (Math.abs(lin[0]) + Math.hypot(lin[1], lin[2], lin[3]) * twoJ / 2), how: symmetricTexts.linearHow }
      : extremesNorm(s.A[i], i)),
    plan: () => { planned = sectorsWithin(L, twoS, top, cutoff); return planned; },
    overBudget: (plan) => { inexact.push(twoS === 1 ? symmetricTexts.topOnly(plan.sectors.length + 1) : symmetricTexts.topOnly(plan.sectors.length + 1, 'j = Ls')); },
    sector: (twoJ) => {
      if (onProgress && planned) onProgress({ kind: 'sector', index: ++visited + 1, count: planned.sectors.length + 1, size: twoJ + 1 });
      // The top sector's evaluation decided that the model is collective.
      const s = buildSector(inst, twoJ, twoS, opsAt(twoJ, true), mode !== null);
      const sp = spectrumErrors(s.spaces);
      spectrumErr = { normH: Math.max(spectrumErr.normH, sp.normH), width: Math.max(spectrumErr.width, 2 * sp.normH) };
      inexactSplits.push(...s.errs.inexact);
      addParts(s);
      return s;
    },
    omega: (s, i) => {
      // Omega's statistics do not depend on the state: the kernel's run on the sector's functions of H_S gives them.
      const cached = parts.length > 0 && parts[parts.length - 1].sector === s ? parts[parts.length - 1].first : null;
      const h = cached ? cached.heat[i] : heatOf(inst.channels[i], s.spaces, s.columns[i].columns, empty, zeroOf(s, i), 1, s.columns[i].rounded);
      const q = h.parts;
      errs[i] = {
        ...errs[i], deltaE: Math.max(errs[i].deltaE, q.deltaEError), gammaMax: Math.max(errs[i].gammaMax, q.gammaMaxError),
        omegaGammaMax: Math.max(errs[i].omegaGammaMax, q.omegaGammaMaxError),
        upper: {
          deltaE: Math.max(errs[i].upper?.deltaE ?? 0, q.upperErrors.deltaE), gammaMax: Math.max(errs[i].upper?.gammaMax ?? 0, q.upperErrors.gammaMax),
          omegaGammaMax: Math.max(errs[i].upper?.omegaGammaMax ?? 0, q.upperErrors.omegaGammaMax),
        },
      };
      return { stats: h, tail: cached ? withoutWeights(cached.tail[i]) : channelTail(s.spaces, s.columns[i].columns, empty, inst.channels[i].gamma, zeroOf(s, i), 'omega') };
    },
    // B2tail's maxima over every full-space Bohr frequency (differences across sectors too), as the dense method's.
    tailKit: (i) => ({ bohr: (e) => bohrTail(e, inst.channels[i].gamma, inst.channels[i].gammaOrigin === null), merge: (t, f) => mergeTails(0, t, f) }),
  });
  const { normH, width, norms: normA, hLin } = full;
  if (full.plan === null && hLin) {
    spectrumErr = { normH: rel * (Math.abs(hLin[0]) + Math.hypot(hLin[1], hLin[2], hLin[3]) * topTwoJ / 2), width: rel * Math.hypot(hLin[1], hLin[2], hLin[3]) * topTwoJ };
  }
  if (full.note) notes.push(twoS > 1 && full.note === symmetricTexts.fromLinear ? symmetricTexts.fromLinearSpins : full.note);
  if (functions.length > 0 && full.plan === null) {
    // The linear-spin shortcut decided the terms without the lower sectors; the state needs them all.
    const lower = lowerSectorList(L, twoS);
    lower.forEach((twoJ, k) => {
      if (onProgress) onProgress({ kind: 'sector', index: k + 2, count: lower.length + 1, size: twoJ + 1 });
      const s = buildSector(inst, twoJ, twoS, opsAt(twoJ, true), mode !== null);
      inexactSplits.push(...s.errs.inexact);
      addParts(s);
    });
  }
  let channels: ChannelOutcome[] = heat.map((h, i) => ({
    ...h, ...full.stats[i]!, normA: normA[i].value, normAError: normA[i].error, normHow: normA[i].how, tail: full.tails[i]!, errors: errs[i],
  }));
  if (functions.length > 0) {
    const mixed = mixFunctions(inst, twoS, isDiagonal(top.H.matrix), functions, parts, channels);
    channels = mixed.channels;
    inexact.push(...mixed.inexact);
    notes.push(symmetricTexts.functionsOverSectors(parts.length));
  }
  inexact.push(...inexactSplits);
  if (mode) {
    const comps = graphComponents(top.H.matrix);
    notes.push(symmetricTexts.modeSectors(mode.cutoff, comps.length, comps.reduce((m, c) => Math.max(m, c.length), 0)), ...modeNotes(inst.layout!));
  }
  return {
    method: 'symmetric', dimension: (topTwoJ + 1) * cutoff, normH, width, channels,
    // Even with H_S diagonal, the Dicke-basis elements (square roots) and the state's amplitudes
    // (binomial weights of product states) carry round-off that grows with the sector dimension:
    // found by the decimal.js engine (lmg_degenerate at L = 50 was off by 1.3x the old bound).
    roundoffDimension: (topTwoJ + 1) * cutoff, termErrors: spectrumErr, inexact, notes,
  };
}

/** The lower sectors (2j = 2Ls-2, 2Ls-4, ... that occur) and whether visiting them all fits {@link sectorBudget} ({@link spinModeBudget} with a mode of `cutoff` > 1). */
function sectorsWithin(L: number, twoS: number, top: Sector, cutoff = 1): SectorPlan {
  if (cutoff > 1) {
    // Spins times a mode: H_S's blocks in each sector scale as the top sector's (the largest block a
    // fraction r of the dimension N): eigensolvers about N (r N)^2, each A's connected blocks N r N.
    const N0 = top.H.matrix.n, r = top.dim / N0;
    return planSectors(L, (n) => { const N = n * cutoff, b = Math.max(1, r * N); return 4 * N * b * b + top.A.length * 4 * N * b; }, spinModeBudget, 1, twoS);
  }
  const diagonal = isDiagonal(top.H.matrix);
  // H: diagonal or a dense eigendecomposition; every A: its columns in the eigenbasis, and a general
  // product over sites is built densely (n^2 entries, n terms each): told by the top sector's
  // entries against its own dimension (a band of a few diagonals, Jx or Jz^2, is not one).
  const generalProd = top.A.some((a) => a.matrix.re.length > 8 * (top.twoJ + 1));
  return planSectors(L, (n) => {
    return (diagonal ? n * 64 : n * n * n) + top.A.length * (diagonal ? n * 8 : n * n) + (generalProd ? n * n * n : 0);
  }, sectorBudget, 1, twoS);
}

/**
 * The part of a state the symmetric method cannot realise, or null: the symmetric sector's states
 * (engine/states `isSymmetricState`), the functions of H_S over the full space (ground, top,
 * thermal(T): realised in every sector, {@link mixFunctions}) and mixes of them; a function of
 * H_S inside steady(S) is refused (its steady state would need every sector's generator).
 */
function outsideSectors(s: StateSpec, mode: SpinModeSites | null = null): string | null {
  switch (s.kind) {
    case 'ground': case 'top': case 'thermal': return null;
    case 'mix': return outsideSectors(s.a, mode) ?? outsideSectors(s.b, mode);
    // With a mode: every spin up (level 0) or every spin down (level 2s), the mode in any Fock state.
    case 'levels': return mode && fockState(s, mode) ? null : nonSymmetricPart(s);
    default: return nonSymmetricPart(s);
  }
}

const lowerSectorList = (L: number, twoS: number): number[] => spinSectors(L, twoS).slice(1).map((s) => s.twoJ);

/** One sector's share of the functions of H_S: per function, per channel, the kernel's state-dependent results in rho_j = f(H_j) / Tr f(H_j). */
interface SectorFunctionParts {
  readonly twoJ: number;
  readonly spaces: Eigenspaces;
  /** The sector, and the first function's kernel results and tables per channel (their Omega statistics are the state's-independent ones). */
  readonly sector: Sector;
  readonly first: { readonly heat: ChannelHeat[]; readonly tail: TailTable[] };
  readonly perFunction: readonly {
    readonly J: number[]; readonly absJ: number[]; readonly pinchedA2: number[];
    readonly errJ: number[]; readonly errPinched: number[]; readonly tail: TailTable[];
  }[];
}

/** The kernel on each function of H_S normalised in sector s (populations of its eigen-indices), with its error bounds and B2tail table. */
function functionParts(inst: Instance, s: Sector, functions: RealisedState['functions'], zero: (s: Sector, i: number) => number): SectorFunctionParts {
  let first: SectorFunctionParts['first'] | null = null;
  const perFunction = functions.map(({ f }) => {
    const one: RealisedState = { vectors: [], functions: [{ weight: 1, f }], steadyWeight: 0 };
    const state: EigenbasisState = { vectors: [], populations: functionPopulations(s.spaces, one.functions) };
    // Omega frequencies only: every Bohr frequency of each of up to L sectors was quadratic per sector; the full-space Bohr table is the fold's.
    const { heat, errs, tails } = sectorChannels(inst, s, state, { vector: s.errs.vector, population: populationError(one, s.spaces) }, zero, 'omega');
    first ??= { heat, tail: tails };
    return { J: heat.map((h) => h.J), absJ: heat.map((h) => h.absJ), pinchedA2: heat.map((h) => h.pinchedA2), errJ: errs.map((e) => e.J), errPinched: errs.map((e) => e.pinchedA2), tail: tails };
  });
  return { twoJ: s.twoJ, spaces: s.spaces, sector: s, first: first ?? { heat: [], tail: [] }, perFunction };
}

/**
 * Every channel's heat (the kernel), its errors (the sector's operator and vector errors, the
 * state's `vector` and `population` errors) and B2tail's table in one sector and state: the top
 * sector's results and each function's part in every sector.
 */
function sectorChannels(
  inst: Instance, s: Sector, state: EigenbasisState, errors: { readonly vector: number; readonly population: number },
  zero: (s: Sector, i: number) => number, tail: 'auto' | 'omega',
): { heat: ChannelHeat[]; errs: ReturnType<typeof channelErrors>[]; tails: TailTable[] } {
  const heat = inst.channels.map((ch, i) => heatOf(ch, s.spaces, s.columns[i].columns, state, zero(s, i), 1, s.columns[i].rounded));
  // Levels merged on weak evidence (numeric/eigenspaces weakMerges): J's error covers the reading with them distinct.
  const weak = readingsWidth(s.spaces);
  const errs = heat.map((h, i) => {
    const normA = maxRowAbsSum(s.A[i].matrix) + s.errs.operator[i];
    const e = channelErrors(h, { operator: s.errs.operator[i], vector: errors.vector, normA, largestSpace: s.errs.largestSpace, population: errors.population });
    return weak === null ? e : { ...e, J: e.J + mergeJump(h, e, inst.channels[i].gamma, weak, normA) };
  });
  const tails = inst.channels.map((ch, i) => channelTail(s.spaces, s.columns[i].columns, state, ch.gamma, zero(s, i), tail));
  return { heat, errs, tails };
}

/** A table's frequencies and rates without its weights (the state's part): what a sector's Omega table holds. */
function withoutWeights(t: TailTable): TailTable {
  return { ...t, q: new Float64Array(t.q.length), pinchedA2: 0, dropped: 0 };
}

/** A table's weights times w (rates and frequencies unchanged). */
function scaledTail(t: TailTable, w: number): TailTable {
  return { ...t, q: t.q.map((x) => x * w), pinchedA2: t.pinchedA2 * w, dropped: t.dropped * w };
}

/**
 * Exact comparisons of the sectors' extreme levels when H_S is diagonal in the Dicke basis: its
 * diagonal in decimal.js at 40 digits (as exactDickeGrouping), two levels equal when they agree to
 * 1e-30 of the larger sector's ||H_S||; null beyond maxExactSector or when the evaluation fails.
 */
function exactExtremes(inst: Instance, twoS: number, twoJs: readonly number[]): ExactLevelCompare {
  return (a, b, which) => {
    const x = preciseDickeDiagonal(inst, twoJs[a], twoS), y = preciseDickeDiagonal(inst, twoJs[b], twoS);
    if (!x || !y) return null;
    const d = which === 'ground' ? x.min.minus(y.min) : x.max.minus(y.max);
    return d.abs().lte(x.scale.gt(y.scale) ? x.scale : y.scale) ? 0 : (d.isNeg() ? -1 : 1);
  };
}

/**
 * The state's functions of H_S over every sector: each function's weights w_j (engine/sector-weights)
 * times its results in rho_j, added to the channels' results of the rest of the state (the top
 * sector's vectors and steady parts); the weights' relative error enters J and Tr[A^2 Pinch rho]
 * through |J_j| and Tr[A^2 Pinch rho_j]; the B2tail tables' weights are added, scaled alike.
 */
function mixFunctions(
  inst: Instance, twoS: number, dickeDiagonal: boolean, functions: RealisedState['functions'], parts: readonly SectorFunctionParts[], channels: readonly ChannelOutcome[],
): { channels: ChannelOutcome[]; inexact: string[] } {
  const mult = new Map(spinSectors(inst.L, twoS).map((s) => [s.twoJ, s.multiplicity]));
  const sectors = parts.map((p) => ({ twoJ: p.twoJ, multiplicity: mult.get(p.twoJ)!, spaces: p.spaces }));
  const exact = dickeDiagonal ? exactExtremes(inst, twoS, parts.map((p) => p.twoJ)) : null;
  const inexact: string[] = [];
  const out = channels.map((c) => ({ ...c, errors: { ...c.errors! } }));
  const tails: TailTable[][] = channels.map(() => []);
  functions.forEach(({ weight, f }: { weight: number; f: FunctionOfH }, q) => {
    const w = sectorWeights(sectors, f, exact);
    inexact.push(...w.inexact);
    parts.forEach((p, k) => {
      const wk = weight * w.weights[k];
      if (wk === 0) return;
      const r = p.perFunction[q];
      out.forEach((c, i) => {
        out[i] = {
          ...c, J: c.J + wk * r.J[i], absJ: c.absJ + wk * r.absJ[i], pinchedA2: c.pinchedA2 + wk * r.pinchedA2[i],
          errors: {
            ...c.errors, J: c.errors.J + wk * (r.errJ[i] + (w.relError + gammaN(3)) * r.absJ[i]),
            pinchedA2: c.errors.pinchedA2 + wk * (r.errPinched[i] + (w.relError + gammaN(3)) * r.pinchedA2[i]),
          },
        };
        tails[i].push(scaledTail(r.tail[i], wk));
      });
    });
  });
  return {
    channels: out.map((c, i) => (c.tail ? { ...c, tail: mergeTails(0, [c.tail, ...tails[i]], c.tail.frequencies) } : c)),
    inexact,
  };
}
