/**
 * Pieces both paths of the precise engine share (product basis and Dicke basis): Decimal scopes and
 * bath spectra, Hermiticity checks, connected blocks of a sparse matrix and their Decimal
 * eigen-decompositions, eigenspace grouping, and changes to the eigenbasis.
 */
import type { Decimal } from '../../numeric/index.js';
import type { LocatedExpr, ModelSpec, Origin } from '../../lang/index.js';
import { layoutText, type PreciseScope } from '../../symbolic/index.js';
import {
  connectedComponents, dAdjointMul, decimalBath, decimalField, groupLevels, groupSpread, dMul, dZeros, eighPrecise,
  type Cx, type DMatrix, type Precision, type PreciseOperatorColumns, type PreciseSpaces, type PreciseState,
} from '../../numeric/index.js';
import { preciseSteadyState, type PreciseSteadySystem } from './steady.js';
import { channelScopeIn, instantiateWithState, scopeIn, spectrumIn, type ChannelInstance, type Instance } from '../family.js';
import type { StateSpec } from '../states.js';
import type { PreciseRealisedState } from './state.js';
import { assertHermitianIn } from '../input-errors.js';
import { columnMapEntries, hermiticity } from '../../numeric/index.js';
import { plusSteady, steadyPartsIn, type SteadySolver } from '../steady-parts.js';
import { PreciseNotApplicable, maxPreciseBlock } from './limits.js';
import { hermitian2x2Norm } from '../../numeric/index.js';
import { zeroThresholdIn } from '../zero-threshold.js';
import { productDownIn } from '../steady-start.js';
import { symmetricTwoS } from '../spin-species.js';
import { MethodNotApplicable } from '../outcome.js';

export { PreciseNotApplicable, maxPreciseBlock };

/** A sparse matrix in Decimal by columns: column j maps row i to the entry (i, j). */
export interface SparseColumns {
  readonly n: number;
  readonly cols: readonly ReadonlyMap<number, Cx>[];
}

/** Eigen-decomposition of H by connected blocks, or exact when diagonal. */
export interface BlockEigen {
  readonly n: number;
  /** Energy of each eigen-index. */
  readonly energies: Decimal[];
  /** Eigen-index e of block b is eigenvector (e - first) of blocks[b]; null when H is diagonal (eigen-index = basis index). */
  readonly blocks: { readonly indices: number[]; readonly vectors: DMatrix; readonly first: number }[] | null;
  /** Bound on eigenvalue errors (0 when diagonal). */
  readonly residual: Decimal;
}

/** What both paths start from: the precision, the model at L with float64 and Decimal scopes, and the state. */
export interface PreciseStart {
  readonly P: Precision;
  readonly inst: Instance;
  readonly scope: Map<string, Decimal>;
  readonly stateOrigin: Origin;
  readonly located: LocatedExpr;
  readonly spec: StateSpec;
  /** 2s of the sites: 1 for qubits; a spin species of L sites when the caller takes spins. */
  readonly twoS: number;
}

/**
 * Checks L, instantiates the model and evaluates its state (or the overriding one). On v2 sites the
 * product-basis path takes any sites (its own size limits); the symmetric path (`spins`) one species
 * of L spins s, whose 2s it reads here.
 *
 * @throws InputError for a bad L, a missing state, errors in the model or state at L
 * @throws PreciseNotApplicable (spins) when the sites are not one species of L spins
 */
export function preciseStart(
  model: ModelSpec, L: number, digits: number, opts: { readonly state?: LocatedExpr | null; readonly stateFile?: string }, P: Precision, spins = false,
): PreciseStart {
  const { inst, located, stateOrigin, spec } = instantiateWithState(model, L, opts);
  let twoS = 1;
  if (inst.layout && spins) {
    try {
      twoS = symmetricTwoS(inst);
    } catch (err) {
      // Not final: the product basis may still take the sites.
      if (err instanceof MethodNotApplicable) throw new PreciseNotApplicable(`${err.reason} (sites: ${layoutText(inst.layout)})`);
      throw err;
    }
  }
  const scope = preciseScope(P, model, L);
  return { P, inst, scope, stateOrigin, located, spec, twoS };
}

/**
 * Every message about a decision that the working digits may have got wrong (levels grouped,
 * matrix elements near the zero threshold) ends with this; such messages make a result inexact.
 */
export const INEXACT_MARK = 'raise --digits';

/** Messages split into notes and the inexact ones (those carrying INEXACT_MARK). */
export function splitInexact(messages: readonly string[]): { notes: string[]; inexact: string[] } {
  return { notes: messages.filter((m) => !m.includes(INEXACT_MARK)), inexact: messages.filter((m) => m.includes(INEXACT_MARK)) };
}

/** A number to six digits, for messages. */
export function fmt(x: Decimal): string {
  return x.toSignificantDigits(6).toString();
}

/**
 * Throws not-hermitian unless m passes the one Hermiticity rule (numeric hermiticity) in the
 * field of P's working digits: max |m_ij - conj(m_ji)| <= its tolerance (numeric
 * hermiticityTolerance, 100 x 10^-(digits + guard)) x max(1, max |m_ij|); `label` names it.
 */
export function checkHermitian(P: Precision, origin: Origin, m: SparseColumns, label: string): void {
  const F = decimalField(P.D.precision);
  assertHermitianIn(F, origin, label, hermiticity(F, columnMapEntries(F, m.cols)));
}
/** A diagonal H: its diagonal is the spectrum. */
export function diagonalEigen(D: typeof Decimal, H: SparseColumns): BlockEigen {
  const energies = H.cols.map((col, i) => col.get(i)?.re ?? new D(0));
  return { n: H.n, energies, blocks: null, residual: new D(0) };
}
/** Connected components of the matrix graph (numeric's connectedComponents of the columns): sorted, in order of their smallest index. */
export function components(m: SparseColumns): number[][] {
  const ptr = new Int32Array(m.n + 1), idx: number[] = [];
  m.cols.forEach((col, j) => { for (const i of col.keys()) idx.push(i); ptr[j + 1] = idx.length; });
  return connectedComponents({ n: m.n, ptr, idx }).map((c) => Array.from(c));
}
/** The dense submatrix of m on the indices idx. */
export function blockMatrix(D: typeof Decimal, m: SparseColumns, idx: number[]): DMatrix {
  const k = idx.length;
  const re: Decimal[] = new Array<Decimal>(k * k).fill(new D(0)), im: Decimal[] = new Array<Decimal>(k * k).fill(new D(0));
  const pos = new Map(idx.map((g, i) => [g, i]));
  idx.forEach((g, c) => { for (const [row, v] of m.cols[g]) { const r = pos.get(row); if (r !== undefined) { re[r * k + c] = v.re; im[r * k + c] = v.im; } } });
  return { n: k, re, im };
}
/**
 * H diagonalised block by block (connected components; 1 x 1 blocks directly).
 *
 * @param tooBig the reason given when a block exceeds maxPreciseBlock
 */
export function blockEigen(P: Precision, H: SparseColumns, tooBig: (size: number) => string): BlockEigen {
  const D = P.D;
  const energies: Decimal[] = new Array<Decimal>(H.n);
  const blocks: { indices: number[]; vectors: DMatrix; first: number }[] = [];
  let residual = new D(0), first = 0;
  for (const idx of components(H)) {
    if (idx.length > maxPreciseBlock) {
      throw new PreciseNotApplicable(tooBig(idx.length));
    }
    if (idx.length === 1) {
      energies[first] = H.cols[idx[0]].get(idx[0])?.re ?? new D(0);
      blocks.push({ indices: idx, vectors: { n: 1, re: [new D(1)], im: [new D(0)] }, first });
    } else {
      const r = eighPrecise(P, blockMatrix(D, H, idx));
      if (r.residual.gt(residual)) residual = r.residual;
      blocks.push({ indices: idx, vectors: r.vectors, first });
      r.values.forEach((v, e) => { energies[first + e] = v; });
    }
    first += idx.length;
  }
  return { n: H.n, energies, blocks, residual };
}
/** V^+ psi for the block eigenvectors. */
export function rotate(D: typeof Decimal, eig: BlockEigen, amp: readonly Cx[]): Cx[] {
  const out: Cx[] = new Array<Cx>(eig.n);
  for (const { indices, vectors, first } of eig.blocks!) {
    const k = indices.length;
    for (let e = 0; e < k; e++) {
      let re = new D(0), im = new D(0);
      for (let r = 0; r < k; r++) {
        const a = amp[indices[r]];
        if (a.re.isZero() && a.im.isZero()) continue;
        const vr = vectors.re[r * k + e], vi = vectors.im[r * k + e];
        re = re.plus(vr.times(a.re)).plus(vi.times(a.im));
        im = im.plus(vr.times(a.im)).minus(vi.times(a.re));
      }
      out[first + e] = { re, im };
    }
  }
  return out;
}
/**
 * V^+ A V by columns, V block diagonal (the blocks of H): for each pair of blocks that A couples,
 * V_R^+ A_RC V_C by the scaled-integer dense products of numeric/precise.
 */
export function sandwich(P: Precision, eig: BlockEigen, A: SparseColumns): PreciseOperatorColumns {
  const blocks = eig.blocks!;
  const nb = blocks.length;
  const pos = new Int32Array(eig.n), blockOf = new Int32Array(eig.n);
  blocks.forEach((b, bi) => b.indices.forEach((g, r) => { pos[g] = r; blockOf[g] = bi; }));
  const pairs = new Map<number, [number, number, Cx][]>();
  A.cols.forEach((col, c) => {
    for (const [r, v] of col) {
      const key = blockOf[r] * nb + blockOf[c];
      const list = pairs.get(key);
      if (list) list.push([r, c, v]); else pairs.set(key, [[r, c, v]]);
    }
  });
  const cols: Map<number, Cx>[] = Array.from({ length: eig.n }, () => new Map<number, Cx>());
  for (const [key, entries] of pairs) {
    const R = blocks[Math.floor(key / nb)], C = blocks[key % nb];
    const kr = R.indices.length, kc = C.indices.length, m = Math.max(kr, kc);
    const a = dZeros(P, m);
    for (const [r, c, v] of entries) { a.re[pos[r] * m + pos[c]] = v.re; a.im[pos[r] * m + pos[c]] = v.im; }
    const M = dAdjointMul(P, padded(P, R.vectors, m), dMul(P, a, padded(P, C.vectors, m)));
    for (let f = 0; f < kc; f++) {
      const col = cols[C.first + f];
      for (let e = 0; e < kr; e++) {
        const re = M.re[e * m + f], im = M.im[e * m + f];
        if (!re.isZero() || !im.isZero()) col.set(R.first + e, { re, im });
      }
    }
  }
  return { n: eig.n, cols };
}

/** The k x k matrix v in the top-left corner of an m x m zero matrix. */
function padded(P: Precision, v: DMatrix, m: number): DMatrix {
  const k = v.n;
  if (k === m) return v;
  const out = dZeros(P, m);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { out.re[i * m + j] = v.re[i * k + j]; out.im[i * m + j] = v.im[i * k + j]; }
  return out;
}

/**
 * Eigenspaces: numeric's groupLevels over the Decimal field of P.D, each level compared with its
 * eigenspace's first (lowest) level, which is the eigenspace's energy, under the one degeneracy
 * tolerance max(100 workEps max(1, ||H||), 100 residual). Returns the smallest gap between the
 * energies of two eigenspaces and a note when it is within 1000 times the tolerance (and one when
 * exact energies, residual 0, were grouped although unequal); `where` prefixes the notes.
 */
export function groupEigenspaces(P: Precision, eig: BlockEigen, where = ''): { spaces: PreciseSpaces; minGap: Decimal | null; normH: Decimal; Emin: Decimal; Emax: Decimal; notes: string[] } {
  const D = P.D;
  // P.D is decimalContext(D.precision, ROUND_HALF_EVEN), the constructor of this field.
  const F = decimalField(D.precision);
  // The first lowest and the last highest energy (as a stable ascending sort has them).
  let Emin = eig.energies[0], Emax = eig.energies[0];
  for (const e of eig.energies) { if (e.lt(Emin)) Emin = e; if (e.gte(Emax)) Emax = e; }
  const normH = D.max(Emin.abs(), Emax.abs());
  // Exact energies (diagonal H_S) are grouped only within the round-off of the working digits;
  // eigensolved ones within their residual.
  const degTol = D.max(P.workEps.times(100).times(D.max(1, normH)), eig.residual.times(100));
  const g = groupLevels(F, eig.energies, { anchor: 'first', tolerance: () => degTol, nearFactor: new D(1e3), nearStrict: true });
  const energies: Decimal[] = [], members: number[][] = [];
  for (let s = 0; s + 1 < g.start.length; s++) {
    energies.push(eig.energies[g.order[g.start[s]]]);
    members.push(Array.from(g.order.subarray(g.start[s], g.start[s + 1])));
  }
  const minGap = g.smallestGap;
  const notes: string[] = [];
  // With one tolerance for all pairs, a near splitting exists exactly when the smallest gap is one.
  if (minGap !== null && g.nearSplits.length > 0) {
    notes.push(`${where}two eigenspaces are ${fmt(minGap)} apart, within 1000 times the degeneracy tolerance ${fmt(degTol)}: ${INEXACT_MARK} to resolve them`);
  }
  const spread = groupSpread(F, eig.energies, g.order, g.start).widest;
  if (!spread.isZero() && eig.residual.isZero()) {
    notes.push(`${where}levels up to ${fmt(spread)} apart were grouped as one eigenspace (tolerance ${fmt(degTol)}): ${INEXACT_MARK} to resolve them`);
  }
  return { spaces: { energies, members, spaceOf: g.space }, minGap, normH, Emin, Emax, notes };
}

/**
 * The relative error bound of the eigenvectors of H_S: 8 residual / minGap (minGap the smallest gap
 * between two eigenspaces), 0 when H_S is diagonal (exact eigenvectors) or has one eigenspace.
 */
export function eigenvectorError(D: typeof Decimal, residual: Decimal, minGap: Decimal | null, diagonal: boolean): Decimal {
  return minGap === null || diagonal ? new D(0) : residual.times(8).div(minGap);
}

/**
 * The zero threshold of A's elements in an eigenbasis with eigenvector error `vecErr`:
 * engine/zero-threshold's rule with the round-off 1e5 units of the digits asked for and the scale
 * max(||A||, unit), unit = 10^-digits.
 */
export function preciseZeroThreshold(P: Precision, vecErr: Decimal, normA: Decimal): Decimal {
  const F = decimalField(P.D.precision);
  return zeroThresholdIn(F, P.eps.times(1e5), vecErr, P.D.max(normA, P.eps));
}

/** The relative error of eigenbasis matrix elements and of J with eigenvector error `vecErr`: 4 unit + vecErr. */
export function preciseRelativeError(P: Precision, vecErr: Decimal): Decimal {
  return P.eps.times(4).plus(vecErr);
}

/** The error bound of each of A's elements in an eigenbasis with eigenvector error `vecErr`: (unit + vecErr) max(||A||, unit). */
export function preciseEntryError(P: Precision, vecErr: Decimal, normA: Decimal): Decimal {
  return P.eps.plus(vecErr).times(P.D.max(normA, P.eps));
}

/**
 * ||A|| from the connected blocks of A (1 x 1 and 2 x 2 in closed form, larger ones by
 * eighPrecise), with its error; `largest` is the largest block.
 *
 * @param tooBig the reason given when a block exceeds maxPreciseBlock
 */
export function blockNorm(P: Precision, A: SparseColumns, tooBig: (size: number) => string): { value: Decimal; error: Decimal; largest: number } {
  const D = P.D;
  const unit = P.eps;
  let best = new D(0), residual = new D(0), largest = 0;
  for (const idx of components(A)) {
    largest = Math.max(largest, idx.length);
    if (idx.length > maxPreciseBlock) throw new PreciseNotApplicable(tooBig(idx.length));
    const at = (r: number, c: number): Cx => A.cols[c].get(r) ?? { re: new D(0), im: new D(0) };
    let m: Decimal;
    if (idx.length === 1) {
      m = at(idx[0], idx[0]).re.abs();
    } else if (idx.length === 2) {
      // [[a, b], [conj b, d]] in closed form (numeric/hermitian2x2), over the field of P.D.
      m = hermitian2x2Norm(decimalField(D.precision), at(idx[0], idx[0]).re, at(idx[1], idx[1]).re, at(idx[0], idx[1]));
    } else {
      const r = eighPrecise(P, blockMatrix(D, A, idx));
      m = D.max(r.values[0].abs(), r.values[r.values.length - 1].abs());
      if (r.residual.gt(residual)) residual = r.residual;
    }
    if (m.gt(best)) best = m;
  }
  return { value: best, error: residual.plus(unit.times(best)), largest };
}

/** Params (from their exact text) and L as Decimals: family's scopeIn over the bath field of P.D. */
export function preciseScope(P: Precision, model: ModelSpec, L: number): Map<string, Decimal> {
  return scopeIn(decimalBath(P.D), model, L);
}
/** The scope of a channel: with its `each` index (family's channelScopeIn over the bath field of D). */
export function channelScope(D: typeof Decimal, scope: PreciseScope, ch: ChannelInstance): PreciseScope {
  return channelScopeIn(decimalBath(D), scope, ch.index, ch.k);
}
/**
 * gamma(w) of a channel's bath in Decimal: family's spectrumIn over the bath field of P.D, with the
 * float64 instance's range checks and messages; remembered by the value of w (the kernel, B2tail's
 * table and the dissipator ask for the same Bohr frequencies; every value is computed once).
 *
 * @throws InputError (negative-rate, bad-bath, the evaluator's errors) at the bath field, as in float64
 */
export function spectrumOf(P: Precision, ch: ChannelInstance, scope: PreciseScope): (w: Decimal) => Decimal {
  return memoiseByDecimal(spectrumIn(decimalBath(P.D), ch.origin.file, ch.bath, scope).gamma);
}

/** How many values one spectrum remembers (beyond them it computes each again). */
const maxRemembered = 1 << 17;

/**
 * `gamma` remembering its values by the value of w: toString is canonical (no trailing zeros),
 * -0 kept apart from 0; a throw is not remembered (it is thrown again the next time).
 */
function memoiseByDecimal(gamma: (w: Decimal) => Decimal): (w: Decimal) => Decimal {
  const memo = new Map<string, Decimal>();
  return (w) => {
    const key = w.isZero() && w.isNeg() ? '-0' : w.toString();
    let v = memo.get(key);
    if (v === undefined) {
      v = gamma(w);
      if (memo.size < maxRemembered) memo.set(key, v);
    }
    return v;
  };
}

/** engine/precise/steady's Decimal elimination as the solver of engine/steady-parts. */
function decimalSolver(sys: PreciseSteadySystem): SteadySolver<Decimal, { readonly amp: readonly Cx[] }, PreciseState> {
  return {
    F: decimalField(sys.P.D.precision),
    solve: (start) => {
      const ss = preciseSteadyState(sys, { start });
      return { state: ss.state, error: ss.error, notes: [`steady state in Decimal: residual max|L(rho)| = ${fmt(ss.residual)}, entry error about ${fmt(ss.error)}`, ...ss.notes] };
    },
  };
}

/**
 * `state` plus `weight` times the steady state of the system's generator (reached from `start`,
 * or from the populations `from`, when it is not unique), with the absolute error of the state's
 * entries: engine/steady-parts `plusSteady` with the Decimal solver.
 *
 * @throws InputError (steady-not-unique, negative-rate) at the state, as the float64 engine
 */
export function withSteady(
  sys: PreciseSteadySystem, state: PreciseState, weight: Decimal, stateOrigin: Origin, from: readonly Decimal[] | null = null,
  start: PreciseState | null = null,
): { state: PreciseState; stateError: Decimal; notes: string[] } {
  const r = plusSteady(decimalSolver(sys), state, weight, start ?? (from ? { vectors: [], populations: from } : null), stateOrigin);
  return { state: r.state, stateError: r.error, notes: [...r.notes] };
}

/**
 * `state` plus the steady parts of `realised`: plain `steady` (weight steadyWeight, reached from
 * `defaultStart` when not unique) and every steady(S) (the long-time limit from S, realised in the
 * eigenbasis by `toEigen`, its own steady parts included), with the absolute error of the entries:
 * engine/steady-parts `steadyPartsIn` with the Decimal solver.
 *
 * @throws InputError (steady-not-unique, negative-rate) at the state, as the float64 engine
 */
export function withSteadyParts(
  sys: PreciseSteadySystem, state: PreciseState, realised: PreciseRealisedState, stateOrigin: Origin,
  toEigen: (r: PreciseRealisedState) => PreciseState, defaultStart: PreciseState | null,
): { state: PreciseState; stateError: Decimal; notes: string[] } {
  const realise = (r: PreciseRealisedState): PreciseState => {
    const base = toEigen(r);
    if (r.steadyWeight.isZero() && !r.steadyFrom?.length) return base;
    return withSteadyParts(sys, base, r, stateOrigin, toEigen, defaultStart).state;
  };
  const engine = { ...decimalSolver(sys), defaultStart, realise, labels: { steady: 'steady', from: 'steady(S)' } };
  const notes: string[] = [];
  const r = steadyPartsIn(engine, state, realised, stateOrigin, notes);
  return { state: r.state, stateError: r.error, notes };
}

/** `down` (all qubits down: the last product basis state) as an eigenbasis state, via `rotate`: engine/steady-start productDownIn over Decimal. */
export function productDown(D: typeof Decimal, n: number, toEigen: (amp: Cx[]) => Cx[]): PreciseState {
  // Only the field's 0 and 1 are used, exact at any precision.
  return productDownIn(decimalField(D.precision), n, (amp) => ({ amp: toEigen(amp) }));
}
