/**
 * The dense method: the full 2^L space, H_S diagonalised block by block (graph components), every A
 * transformed into the eigenbasis. Degenerate eigenspaces are grouped, so coherences inside them
 * (the superradiant enhancement) are kept. Up to L = 12 every A is a dense 2^L x 2^L matrix in the
 * eigenbasis; beyond, an H_S that conserves the excitation number (sum_k N[k], detected on its
 * product terms: numeric/charge) is accepted when its blocks fit in {@link maxSectorBytes}: each A
 * is kept as the blocks it connects (numeric/eigensystem operatorBlocks), the elements between
 * blocks it does not connect exactly zero.
 */
import {
  BlockColumns, opIsDiagonal, commutingGenerators, connectedSectors, decimalField, generatorSignsIn, operatorCharacter, precision, sectorBasis, siteGeneratorSignsIn, sectorDimensions, sectorVectorError, toSectorBasis, vectorToSectorBasis, type SectorBasis, type SymmetryGenerator,
  chargeChanges, chargeClassDimension, connectedBlockEntries, eigenbasisOperatorError, eigenbasisVectorError, graphComponents, isReal, nearSplitNotes, opNormUpperBound, weakMergeNotes, readingsWidth,
  operatorBlocks, roundedZeros, type RoundedZeros, type EigenSystem, type OpSum, opDiagonal, refineEigenspaces, type SparseMatrix, eigenSystem, normOf, opExtremes, opToSparse, vectorToEigenbasis,
} from '../../numeric/index.js';
import type { ChannelInstance, Instance } from '../family.js';
import { channelScope, evalOperatorPrecise, evalSitesPrecise, preciseScope } from '../precise/index.js';
import type { Origin } from '../../lang/index.js';
import { channelOperator, coefficientTexts } from '../exact-coefficients.js';
import { MethodNotApplicable, outcomeOf, type MethodOutcome, type MethodSystem } from '../outcome.js';
import { realiseOnSites, realiseProduct, type StateSpec } from '../states.js';
import { layoutText, type SiteLayout } from '../../symbolic/index.js';
import { mentionsPlainSteady, productSteadyStart } from '../steady-start.js';
import { normError, opInputError, populationError, siteStateInputError, spectrumErrors, stateInputError } from './errors.js';
import { assertHermitian, channelKernel, denseOmegaMargin, eigenbasisColumns, eigenbasisState, hamiltonianOf, modeNotes, zeroThreshold, type Float64Channel } from './shared.js';
import { dimensionText, gibText } from '../memory-text.js';
import { groupLevels as exactDiagonalGrouping } from './diagonal.js';
import type { ProgressCallback } from '../progress.js';
import { finiteOrOverflow } from '../non-finite.js';

/** Largest L of the dense method with every A~ a dense 2^L x 2^L matrix (A~ alone takes 2^(2L) * 16 bytes). */
export const maxDenseL = 12;

/**
 * Beyond {@link maxDenseL}: the most bytes the blocks of H_S's eigenvectors, every A~'s connected
 * blocks and the eigensolver's work on the largest block may take (an estimate, refused above).
 */
export const maxSectorBytes = 4 * 2 ** 30;

/** How the dense method stores each A in the eigenbasis: `full` 2^L x 2^L (up to {@link maxDenseL}), `blocks` only the block pairs A connects. */
export type DenseLayout = 'full' | 'blocks';

/**
 * The dense method's outcome: {@link denseSystem} with the float64 kernel run on every channel.
 *
 * @throws MethodNotApplicable beyond {@link maxDenseL}
 */
export function runDense(inst: Instance, state: StateSpec, stateOrigin: Origin | null): MethodOutcome {
  return outcomeOf(denseSystem(inst, state, stateOrigin));
}

/**
 * The dense method up to its kernels: H_S block-diagonalised, every A and the state in its
 * eigenbasis, each channel prepared for the float64 kernel (engine/methods/shared channelKernel).
 *
 * @param onProgress told as each block of H_S begins its diagonalisation (engine/progress)
 * @param symmetry false to work in the product basis even where H_S has symmetry sectors, or the generators to use
 *   (of those H_S commutes with; tests compare the choices)
 * @throws MethodNotApplicable beyond {@link maxDenseL}
 */
export function denseSystem(
  inst: Instance, state: StateSpec, stateOrigin: Origin | null, layoutAsked?: DenseLayout, onProgress?: ProgressCallback,
  symmetry: boolean | readonly SymmetryGenerator[] = true,
): MethodSystem<Float64Channel> {
  if (inst.layout) return denseOnSites(inst, inst.layout, state, stateOrigin, layoutAsked, onProgress, symmetry);
  const { L } = inst;
  if (L > maxDenseL) sectorPrescreen(L);
  const Hop = hamiltonianOf(inst);
  const channelOps = L > maxDenseL ? inst.channels.map((ch) => channelOperator(inst, ch)) : null;
  // The symmetry sectors of H_S (numeric/symmetry): H, every A and the state are taken to the
  // symmetry-adapted basis, where H is block diagonal over the sectors (exact zeros between them).
  // With them, the budget is checked on the blocks H_S has in that basis (sectorCheck): its sparse
  // matrices take far less than the blocks' eigenvectors at every L the prescreen lets through.
  const frame = symmetry === false ? null : symmetryFrame(inst, Hop, symmetry === true ? null : symmetry);
  if (channelOps && !frame) sectorEstimate(L, Hop, channelOps);
  if (channelOps && frame) framePrescreen(L, Hop, frame);
  const Hf = opToSparse(Hop);
  assertHermitian(inst.H, Hf, 'H');
  const Hs = frame ? toSectorBasis(frame, Hf, sameSector(frame)) : null;
  const H = Hs ? Hs.matrix : Hf;
  const inSectors = (op: OpSum, A: SparseMatrix, ch: ChannelInstance) => frame ? toSectorBasis(frame, A, connectedSectors(frame, exactSigns(inst, ch, frame.generators, operatorCharacter(op, frame)))) : { matrix: A, roundoff: 0 };
  const built = channelOps?.map((op, i) => {
    const ch = inst.channels[i];
    const A = opToSparse(op);
    assertHermitian(ch.origin, A, ch.k === null ? 'A' : `A (k = ${ch.k})`);
    return inSectors(op, A, ch);
  });
  if (built) sectorCheck(L, H, built.map((b) => b.matrix));
  const solved = finiteOrOverflow('the spectrum of H', inst.H, () => eigenSystem(H, opInputError(Hop) + (Hs?.roundoff ?? 0), onProgress && ((index, count, size) => onProgress({ kind: 'block', index, count, size }))));
  const diagonal = frame ? null : exactDiagonalSpaces(inst, Hop, solved);
  const sys = diagonal?.sys ?? solved;
  const ops = inst.channels.map((ch, i) => {
    const op = channelOps ? channelOps[i] : channelOperator(inst, ch);
    let A: SparseMatrix, roundoff: number;
    if (built) ({ matrix: A, roundoff } = built[i]);
    else {
      const Af = opToSparse(op);
      assertHermitian(ch.origin, Af, ch.k === null ? 'A' : `A (k = ${ch.k})`);
      ({ matrix: A, roundoff } = inSectors(op, Af, ch));
    }
    const ext = finiteOrOverflow(`||${ch.origin.located.key}||`, ch.origin, () => opExtremes(op), (x) => Number.isFinite(x.min) && Number.isFinite(x.max));
    const input = opInputError(op);
    const normAError = normError(ext.error, input, sys.largestBlock, opNormUpperBound(op));
    const normBound = normOf(ext) + normAError;
    // Entries of A in the eigenbasis are known to within `operator` (eigensystem.ts): the zero
    // threshold is never below it, so an element counted in Omega is certainly nonzero.
    const operator = eigenbasisOperatorError(sys, A, input + roundoff, normBound);
    return { ch, op, A, ext, normAError, normBound, operator };
  });
  const notes: string[] = [];
  // In symmetry sectors the pairs of sectors an A does not connect are exact zeros: kept as blocks,
  // the kernels never visit them (the full layout would store and scan all n^2 elements).
  const layout = layoutAsked ?? (L > maxDenseL || (frame && sys.blocks.length > 1) ? 'blocks' : 'full');
  const eig = ops.map(({ A }) => layout === 'full' ? eigenbasisColumns(sys, A) : blockColumns(sys, A));
  const realised = realiseProduct(state, L, stateOrigin, stateOrigin?.located.expr ?? null);
  const toEigen = (re: Float64Array, im: Float64Array) => {
    const [sr, si] = frame ? vectorToSectorBasis(frame, re, im) : [re, im];
    return vectorToEigenbasis(sys, sr, si);
  };
  const rho = eigenbasisState(
    realised, sys.spaces, toEigen,
    () => ops.map(({ ch }, i) => ({ A: eig[i].columns, gamma: ch.gamma })), zeroThreshold(Math.max(...eig.map((e) => e.scale), 0), sys.largestBlock), notes, stateOrigin,
    mentionsPlainSteady(realised) ? productSteadyStart(inst, toEigen) : null,
  );
  // The state's own error and the round-off of taking it to the sectors, both through V^+ (||V|| <= sqrt(1 + eta)).
  const vector = eigenbasisVectorError(sys) + Math.sqrt(1 + sys.errors.eta) * (stateInputError(L) + (frame ? sectorVectorError(frame) * (1 + stateInputError(L)) : 0));
  const population = populationError(realised, sys.spaces);
  const channels = denseChannels(ops, eig, sys, rho, vector, population);
  const e = sys.spaces.spaceEnergy;
  return {
    method: 'dense', dimension: sys.n, normH: Math.max(Math.abs(e[0]), Math.abs(e[e.length - 1])), width: e[e.length - 1] - e[0],
    channels, kernel: channelKernel, roundoffDimension: sys.largestBlock, termErrors: spectrumErrors(sys.spaces), inexact: [...denseInexact(sys, inst, diagonal?.exact ?? false), ...(diagonal?.inexact ?? [])],
    notes: [
      ...notes, ...coefficientTexts(inst).notes, ...(frame ? [symmetryNote(frame)] : []), `H_S diagonalised in ${sys.blocks.length} block(s), largest ${sys.largestBlock}; ${e.length} eigenspaces${diagonal ? ` (H_S diagonal: ${diagonal.how}, as the diagonal method)` : ''}`,
      ...(layout === 'blocks' ? ['each A kept in the eigenbasis as the blocks of H_S it connects (the others are exactly zero)'] : []),
    ],
  };
}

/** The symmetry-adapted basis of H_S's spin flip, reflection and translation (numeric/symmetry), or null when it has none (or L < 2). */
function symmetryFrame(inst: Instance, H: OpSum, only: readonly SymmetryGenerator[] | null): SectorBasis | null {
  // A diagonal H_S is already in blocks of one state: sectors would only fill each A in (by up to
  // |G|), so they are taken only when asked for by name.
  if (H.L < 2 || (only === null && opIsDiagonal(H))) return null;
  const proposed = commutingGenerators(H)?.filter((g) => only === null || only.includes(g)) ?? [];
  if (proposed.length === 0) return null;
  const signs = exactSigns(inst, null, proposed, proposed.map(() => 1));
  const gens = proposed.filter((_, i) => signs[i] === 1);
  return gens.length > 0 ? sectorBasis(H.L, gens) : null;
}

/**
 * The signs the float64 terms propose for H (channel null) or a channel's A under the generators,
 * kept only where the model's coefficients in decimal.js (40 digits, literals exact; engine/precise)
 * agree to 1e-30 of their largest modulus, the rule the symmetric method's exact re-checks use: a
 * symmetry that holds only up to float64 rounding is none (numeric/symmetry generatorSignsIn).
 */
function exactSigns(inst: Instance, ch: ChannelInstance | null, gens: readonly SymmetryGenerator[], proposed: readonly (1 | -1 | null)[]): (1 | -1 | null)[] {
  if (proposed.every((x) => x === null)) return [...proposed];
  const P = precision(40);
  const F = decimalField(40);
  try {
    const scope = preciseScope(P, inst.model, inst.L);
    const origin = ch === null ? inst.H : ch.origin;
    const op = evalOperatorPrecise(P.D, origin, origin.located.expr, ch === null ? scope : channelScope(P.D, scope, ch), inst.L);
    let scale = F.zero;
    for (const t of op.terms) { const m = F.add(F.abs(t.c.re), F.abs(t.c.im)); if (F.cmp(m, scale) > 0) scale = m; }
    const tol = F.mul(scale, F.fromRational(1, 10n ** 30n));
    const exact = generatorSignsIn(F, inst.L, op.terms.map((t) => ({ re: t.c.re, im: t.c.im, sites: t.sites, mats: t.mats })), gens, tol);
    return proposed.map((x, i) => (x !== null && exact[i] === x ? x : null));
  } catch {
    // An expression the decimal.js engine cannot evaluate: no symmetry is taken from it.
    return proposed.map(() => null);
  }
}

/** Each sector connected to itself only (H_S commutes with the group). */
const sameSector = (basis: SectorBasis) => Array.from({ length: basis.sectors }, (_, s) => Int32Array.of(s));

/** What the symmetry sectors are, for the notes (`sites`: the number of sites, L unless a v2 species' count says otherwise). */
function symmetryNote(basis: SectorBasis, flipName = 'the spin flip prod_k X[k]', sites = 'L'): string {
  const last = sites === 'L' ? 'L-1' : String(Number(sites) - 1);
  const names = basis.generators.map((g) => g === 'flip' ? flipName : g === 'reflection' ? `the reflection k -> ${last}-k` : `the translation k -> k+1 mod ${sites}`);
  const dims = sectorDimensions(basis);
  return `H_S commutes with ${names.join(' and ')} (detected on its terms; the model's coefficients equal to 1e-30 in decimal.js): ${basis.sectors} symmetry sectors (largest ${Math.max(...dims)}), the elements between sectors exact zeros`;
}

/** An operator in the eigenbasis as the block pairs it connects, as columns, with its largest entry modulus and where its computed zeros may be nonzero. */
function blockColumns(sys: EigenSystem, A: SparseMatrix): { columns: BlockColumns; scale: number; rounded: RoundedZeros } {
  const blocks = operatorBlocks(sys, A);
  return { columns: new BlockColumns(blocks), scale: blocks.scale, rounded: roundedZeros(sys, A, true) };
}

/** Bytes of a float64 array of `entries` entries, doubled for complex ones. */
const bytesOf = (entries: number, complex: boolean) => entries * 8 * (complex ? 2 : 1);

/** The eigensolver's work on a block of dimension d: the block, its eigenvectors and the reduction's workspace (about 6 d^2 numbers). */
const eighBytes = (d: number, complex: boolean) => bytesOf(6 * d * d, complex);

/**
 * Refuses before any work an L at which even the finest blocks the method can find would not fit:
 * the excitation-number classes, each split further into the 2L sectors of the spin flip and the
 * translation, take sum_m 2L (C(L, m) / 2L)^2 = C(2L, L) / 2L numbers for their eigenvectors.
 */
function sectorPrescreen(L: number): void {
  // log2 of 8 C(2L, L) / 2L bytes, finite at any L (C(2L, L) = prod_{i=1..L} (L + i) / i).
  let log2Vectors = 3 - Math.log2(2 * L), log2Largest = -Math.log2(2 * L);
  for (let i = 1; i <= L; i++) log2Vectors += Math.log2((L + i) / i);
  const h = Math.floor(L / 2);
  for (let i = 1; i <= h; i++) log2Largest += Math.log2((L - h + i) / i);
  if (log2Vectors > Math.log2(maxSectorBytes)) {
    const largest = log2Largest < 50 ? String(Math.ceil(chargeClassDimension(L, h) / (2 * L))) : `2^${Math.round(log2Largest)}`;
    throw new MethodNotApplicable('dense', `L = ${L} > ${maxDenseL}: even if H_S conserved the excitation number and had the spin-flip and translation symmetries, its blocks (largest about ${largest}) would need about ${gibText(log2Vectors)} GiB for the eigenvectors alone (at most ${gibText(Math.log2(maxSectorBytes))} GiB)`);
  }
}

/**
 * Beyond {@link maxDenseL}: H_S must conserve the excitation number (every part of its product
 * terms that changes it cancels exactly), and the classes' eigenvectors, the blocks each A connects
 * (its charge changes q: classes m and m + q) and the eigensolver's work on the largest class must
 * fit in {@link maxSectorBytes}.
 */
function sectorEstimate(L: number, H: OpSum, channels: readonly OpSum[]): void {
  const hq = chargeChanges(H);
  const full = `the dense eigenbasis and operators would need about ${gibText(2 * L + Math.log2(16 * 3))} GiB and O(8^L) time`;
  if (hq === null || hq.some((q) => q !== 0)) {
    throw new MethodNotApplicable('dense', `L = ${L} > ${maxDenseL}: H_S does not conserve the excitation number sum_k N[k] (${hq === null ? 'too many product terms to decide' : 'some terms change it'}) and commutes with none of the spin flip prod_k X[k], the reflection and the translation, so it is one block: ${full}`);
  }
  let vectors = 0, largest = 0;
  for (let m = 0; m <= L; m++) { const d = chargeClassDimension(L, m); vectors += d * d; largest = Math.max(largest, d); }
  let total = bytesOf(vectors, false) + eighBytes(largest, false);
  for (const op of channels) {
    // A Hermitian A changes the charge by q and -q alike: the blocks on and above the diagonal are kept.
    const qs = new Set((chargeChanges(op) ?? Array.from({ length: L + 1 }, (_, i) => i)).map((q) => Math.abs(q)));
    let entries = 0;
    for (const q of qs) for (let m = 0; m <= L; m++) entries += chargeClassDimension(L, m) * chargeClassDimension(L, m + q);
    total += bytesOf(entries, false);
  }
  if (total > maxSectorBytes) {
    throw new MethodNotApplicable('dense', `L = ${L} > ${maxDenseL}: H_S conserves the excitation number, but its blocks (largest ${largest}), the operators' connected blocks in the eigenbasis and the eigensolver's work would need about ${gibText(Math.log2(total))} GiB (at most ${gibText(Math.log2(maxSectorBytes))} GiB)`);
  }
}

/**
 * Beyond {@link maxDenseL} with symmetry sectors, before any matrix is built: the group of order
 * |G| splits a block of dimension c into at most |G| parts, whose eigenvectors take at least
 * c^2 / |G| numbers (sum of squares at a fixed sum), so the excitation-number classes (when H_S
 * conserves it) or the whole space give the memory of the sectors' blocks unless their graph
 * components split them further (a diagonal H_S): refused when that does not fit (refusing such
 * a model early is safe; it is the diagonal method's).
 */
function framePrescreen(L: number, H: OpSum, frame: SectorBasis): void {
  const hq = chargeChanges(H);
  const u1 = hq !== null && hq.every((q) => q === 0);
  let vectors = 0;
  if (u1) for (let m = 0; m <= L; m++) vectors += chargeClassDimension(L, m) ** 2 / frame.order;
  else vectors = 4 ** L / frame.order;
  const total = bytesOf(vectors, frame.complex);
  if (total > maxSectorBytes) {
    throw new MethodNotApplicable('dense', `L = ${L} > ${maxDenseL}: H_S's ${frame.sectors} symmetry sectors${u1 ? ' within its excitation-number classes' : ''} would need about ${gibText(Math.log2(total))} GiB for the eigenvectors alone if they split no further (at most ${gibText(Math.log2(maxSectorBytes))} GiB)`);
  }
}

/**
 * Peak resident memory over the arrays counted in {@link sectorCheck}, as measured (session 10,
 * periodic tfim-zp in 28 and 32 complex sectors: 684 MB at L = 14 against 265 MB counted, 7.4 GB at
 * L = 16 against 3.6 GB): the eigensolver's transient workspace per block and buffers the garbage
 * collector frees late. The budget is on the peak, not on what stays.
 */
const measuredPeakFactor = 2;

/** The same budget on the blocks H_S's matrix actually has (graph components) and the pairs each A's matrix connects, real or complex. */
function sectorCheck(L: number, H: SparseMatrix, channels: readonly SparseMatrix[]): void {
  const comps = graphComponents(H);
  const realH = isReal(H);
  let vectors = 0, largest = 0;
  for (const c of comps) { vectors += c.length * c.length; largest = Math.max(largest, c.length); }
  let total = bytesOf(vectors, !realH) + eighBytes(largest, !realH);
  // The eigenbasis blocks of each A, and its sparse matrix itself (in symmetry sectors an A fills
  // in: up to |G| times the entries of its product-basis matrix), 20 bytes per stored entry.
  for (const A of channels) total += bytesOf(connectedBlockEntries(comps, { n: A.n, ptr: A.rowPtr, idx: A.col }).entries, !realH || !isReal(A)) + 20 * A.col.length;
  total *= measuredPeakFactor;
  if (total > maxSectorBytes) {
    throw new MethodNotApplicable('dense', `L = ${L} > ${maxDenseL}: H_S's ${comps.length} blocks (largest ${largest}), the operators' connected blocks in the eigenbasis and the eigensolver's work would need about ${gibText(Math.log2(total))} GiB (at most ${gibText(Math.log2(maxSectorBytes))} GiB)`);
  }
}


/**
 * On an H_S diagonal in the product basis (every block of dimension 1, no symmetry sectors), the
 * eigenspaces decided as the diagonal method decides them (diagonal.ts groupLevels: exactly, from
 * integer energies of the decimal.js coefficients, numeric/exact-levels; beyond its budget within
 * float64 round-off, a merge of unequal floats listed): the float64 grouping by error bounds is
 * refined by it, so levels that are distinct exactly but equal as floats (w0 + k 1e-17) are not one
 * eigenspace with coherences that fake superradiance. Where the grouping is exact its merges are
 * decided, so no weak merge remains. Null when H_S is not diagonal.
 *
 * @param dims the v2 sites' dimensions (absent: qubits)
 */
function exactDiagonalSpaces(inst: Instance, Hop: OpSum, sys: EigenSystem, dims?: readonly number[]): { sys: EigenSystem; inexact: string[]; how: string; exact: boolean } | null {
  if (!opIsDiagonal(Hop) || sys.blocks.some((b) => b.idx.length !== 1)) return null;
  const [energies] = opDiagonal(Hop, dims);
  const g = exactDiagonalGrouping(inst, energies, Hop);
  // Eigen-index k is block k, the basis state idx[0] (blocks of dimension 1).
  const basis = Int32Array.from(sys.blocks, (b) => b.idx[0]);
  const refined = refineEigenspaces(sys.spaces, (i, j) => g.spaces.space[basis[i]] === g.spaces.space[basis[j]]);
  const decided = g.spaces.weakMerges === undefined ? { ...refined, weakMerges: [] } : refined;
  const merged = g.spaces.undecidedWidth === undefined ? decided : { ...decided, undecidedWidth: g.spaces.undecidedWidth };
  // The Bohr frequencies from the exact levels too (numeric/eigenspaces bohr), by basis state.
  const bohr = g.spaces.bohr;
  const spaces = bohr ? { ...merged, bohr: { frequency: (i: number, j: number) => bohr.frequency(basis[i], basis[j]), relative: bohr.relative, absolute: bohr.absolute } } : merged;
  return { sys: { ...sys, spaces }, inexact: g.inexact, how: g.how, exact: g.exact };
}

/**
 * What the eigendecomposition could not decide (near splittings, weak merges, eigenspaces without a
 * gap), after a collision of float64 coefficients (engine/exact-coefficients: the operators are not
 * the model's; H's not counted where its levels were grouped exactly, `exactLevels`).
 */
function denseInexact(sys: EigenSystem, inst: Instance, exactLevels: boolean): string[] {
  const out = [...coefficientTexts(inst, exactLevels).inexact, ...nearSplitNotes(sys.spaces), ...weakMergeNotes(sys.spaces)];
  if (sys.errors.undetermined > 0) out.push(`${sys.errors.undetermined} eigenspace(s) of H_S have no gap above their error bound: their eigenvectors (and the error bounds resting on them) are only trivially bounded`);
  return out;
}

/** The largest dimension (prod dims) of v2 sites the dense method takes with every A~ a dense matrix: 2^{@link maxDenseL}. */
export const maxDenseDimension = 2 ** maxDenseL;

/** The largest dimension of v2 sites whose sparse matrices are built at all (beyond {@link maxDenseDimension}: blocks of H_S within {@link maxSectorBytes}). */
export const maxSitesDimension = 2 ** 22;

/**
 * The dense method on v2 sites (model-language `sites:`, any local dimensions, numeric/opsum in
 * mixed radix): H_S block-diagonalised over the graph components of its matrix, in the symmetry
 * sectors of its translation, reflection and flip where the sites are one species of equal spin or
 * level sites ({@link sitesFrame}; no excitation-number charges: those are of qubits), every A and
 * the state in its eigenbasis. Up to
 * {@link maxDenseDimension} each A~ is dense; beyond, up to {@link maxSitesDimension}, when H_S's
 * blocks, each A's connected blocks and the eigensolver's work fit in {@link maxSectorBytes}.
 */
function denseOnSites(
  inst: Instance, layout: SiteLayout, state: StateSpec, stateOrigin: Origin | null, layoutAsked: DenseLayout | undefined, onProgress: ProgressCallback | undefined,
  symmetry: boolean | readonly SymmetryGenerator[],
): MethodSystem<Float64Channel> {
  const { L } = inst;
  const dims = layout.dims;
  let n = 1;
  for (const d of dims) n *= d;
  if (n > maxSitesDimension) {
    throw new MethodNotApplicable('dense', `the sites (${layoutText(layout)}) have dimension ${dimensionText(dims)} at L = ${L}, more than ${maxSitesDimension} (2^22) for the sparse matrices alone`);
  }
  const big = n > maxDenseDimension;
  const Hop = hamiltonianOf(inst);
  const Hf = opToSparse(Hop, dims);
  assertHermitian(inst.H, Hf, 'H');
  // One species of equal sites: the translation, reflection and flip sectors of H_S as on qubits
  // (numeric/symmetry on base-d digits), decided on the decimal.js terms (siteSigns).
  const frame = symmetry === false ? null : sitesFrame(inst, layout, Hop, symmetry === true ? null : symmetry);
  const Hs = frame ? toSectorBasis(frame, Hf, sameSector(frame)) : null;
  const H = Hs ? Hs.matrix : Hf;
  const built = inst.channels.map((ch) => {
    const op = channelOperator(inst, ch);
    const Af = opToSparse(op, dims);
    assertHermitian(ch.origin, Af, ch.k === null ? 'A' : `A (k = ${ch.k})`);
    const { matrix: A, roundoff } = frame ? toSectorBasis(frame, Af, connectedSectors(frame, siteSigns(inst, layout, ch, frame.generators))) : { matrix: Af, roundoff: 0 };
    return { ch, op, A, roundoff };
  });
  if (big) sitesCheck(layout, L, n, H, built.map((b) => b.A));
  const solved = finiteOrOverflow('the spectrum of H', inst.H, () => eigenSystem(H, opInputError(Hop) + (Hs?.roundoff ?? 0), onProgress && ((index, count, size) => onProgress({ kind: 'block', index, count, size }))));
  const diagonal = frame ? null : exactDiagonalSpaces(inst, Hop, solved, dims);
  const sys = diagonal?.sys ?? solved;
  const ops = built.map(({ ch, op, A, roundoff }) => {
    const ext = finiteOrOverflow(`||${ch.origin.located.key}||`, ch.origin, () => opExtremes(op, 1, dims), (x) => Number.isFinite(x.min) && Number.isFinite(x.max));
    const input = opInputError(op);
    const normAError = normError(ext.error, input, sys.largestBlock, opNormUpperBound(op));
    const normBound = normOf(ext) + normAError;
    const operator = eigenbasisOperatorError(sys, A, input + roundoff, normBound);
    return { ch, op, A, ext, normAError, normBound, operator };
  });
  const notes: string[] = [];
  const layoutUsed = layoutAsked ?? (big || (frame && sys.blocks.length > 1) ? 'blocks' : 'full');
  const eig = ops.map(({ A }) => layoutUsed === 'full' ? eigenbasisColumns(sys, A) : blockColumns(sys, A));
  const realised = realiseOnSites(state, layout, stateOrigin, stateOrigin?.located.expr ?? null);
  const toEigen = (re: Float64Array, im: Float64Array) => {
    const [sr, si] = frame ? vectorToSectorBasis(frame, re, im) : [re, im];
    return vectorToEigenbasis(sys, sr, si);
  };
  const rho = eigenbasisState(
    realised, sys.spaces, toEigen,
    () => ops.map(({ ch }, i) => ({ A: eig[i].columns, gamma: ch.gamma })), zeroThreshold(Math.max(...eig.map((e) => e.scale), 0), sys.largestBlock), notes, stateOrigin,
    // Plain steady of a collective model (L spins s, engine/steady-start) starts from down, as in the symmetric method.
    mentionsPlainSteady(realised) ? productSteadyStart(inst, toEigen) : null,
  );
  // The state's amplitudes as those of 2^m qubits with 2^m >= n (the same round-off model).
  const vector = eigenbasisVectorError(sys) + Math.sqrt(1 + sys.errors.eta) * (siteStateInputError(n) + (frame ? sectorVectorError(frame) * (1 + siteStateInputError(n)) : 0));
  const population = populationError(realised, sys.spaces);
  const channels = denseChannels(ops, eig, sys, rho, vector, population);
  const e = sys.spaces.spaceEnergy;
  const modes = modeNotes(layout);
  return {
    method: 'dense', dimension: sys.n, normH: Math.max(Math.abs(e[0]), Math.abs(e[e.length - 1])), width: e[e.length - 1] - e[0],
    channels, kernel: channelKernel, roundoffDimension: sys.largestBlock, termErrors: spectrumErrors(sys.spaces), inexact: [...denseInexact(sys, inst, diagonal?.exact ?? false), ...(diagonal?.inexact ?? [])],
    notes: [
      ...notes, ...coefficientTexts(inst).notes, `v2 sites (${layoutText(layout)}): dimension ${n}; excitation-number charges are found for qubit models only, not used here`, ...(frame ? [symmetryNote(frame, siteFlipName(layout), layout.dims.length === L ? 'L' : String(layout.dims.length))] : []), ...modes,
      `H_S diagonalised in ${sys.blocks.length} block(s), largest ${sys.largestBlock}; ${e.length} eigenspaces${diagonal ? ` (H_S diagonal: ${diagonal.how}, as the diagonal method)` : ''}`,
      ...(layoutUsed === 'blocks' ? ['each A kept in the eigenbasis as the blocks of H_S it connects (the others are exactly zero)'] : []),
    ],
  };
}

/**
 * The symmetry-adapted basis of H_S on one species of equal spin or level sites (not a mode: its
 * cutoff makes no flip, and a model of several species has no site permutation of this kind), or
 * null: the generators H_S's decimal.js terms map onto themselves (a diagonal H_S only when they
 * are asked for by name, as on qubits).
 */
function sitesFrame(inst: Instance, layout: SiteLayout, H: OpSum, only: readonly SymmetryGenerator[] | null): SectorBasis | null {
  const N = layout.dims.length;
  if (layout.species.length !== 1 || layout.species[0].kind === 'boson' || N < 2 || (only === null && opIsDiagonal(H))) return null;
  const asked = (['flip', 'reflection', 'translation'] as const).filter((g) => (only === null || only.includes(g)) && (g !== 'translation' || N >= 3));
  if (asked.length === 0) return null;
  const signs = siteSigns(inst, layout, null, asked);
  const gens = asked.filter((_, i) => signs[i] === 1);
  return gens.length > 0 ? sectorBasis(N, gens, layout.dims[0]) : null;
}

/**
 * The signs of H (channel null) or a channel's A under the generators on v2 sites, decided on the
 * model's coefficients in decimal.js (40 digits, every local factor a matrix unit with exact
 * entries, engine/precise evalSitesPrecise) to 1e-30 of their largest modulus, as {@link exactSigns}
 * decides them on qubits (numeric/symmetry siteGeneratorSignsIn); none where that engine cannot
 * evaluate the operator.
 */
function siteSigns(inst: Instance, layout: SiteLayout, ch: ChannelInstance | null, gens: readonly SymmetryGenerator[]): (1 | -1 | null)[] {
  const P = precision(40);
  const F = decimalField(40);
  try {
    const scope = preciseScope(P, inst.model, inst.L);
    const origin = ch === null ? inst.H : ch.origin;
    const op = evalSitesPrecise(P.D, origin, origin.located.expr, ch === null ? scope : channelScope(P.D, scope, ch), layout);
    let scale = F.zero;
    for (const t of op.terms) { const m = F.add(F.abs(t.c.re), F.abs(t.c.im)); if (F.cmp(m, scale) > 0) scale = m; }
    const tol = F.mul(scale, F.fromRational(1, 10n ** 30n));
    return siteGeneratorSignsIn(F, layout.dims.length, layout.dims[0], op.terms.map((t) => ({ re: t.c.re, im: t.c.im, sites: t.sites, mats: t.mats })), gens, tol);
  } catch {
    return gens.map(() => null);
  }
}

/** The flip of v2 sites, for the notes. */
const siteFlipName = (layout: SiteLayout) => layout.species[0].kind === 'spin' ? 'the spin flip m -> -m on every site' : 'the level reversal v -> d-1-v on every site';

/** Beyond {@link maxDenseDimension} on v2 sites: the budget of {@link sectorCheck} on H_S's graph components and the blocks each A connects. */
function sitesCheck(layout: SiteLayout, L: number, n: number, H: SparseMatrix, channels: readonly SparseMatrix[]): void {
  try {
    sectorCheck(L, H, channels);
  } catch (err) {
    if (err instanceof MethodNotApplicable) throw new MethodNotApplicable('dense', `dimension ${n} > ${maxDenseDimension} (sites ${layoutText(layout)}): ${err.reason.replace(/^L = \d+ > \d+: /, '')}`);
    throw err;
  }
}

/** What the channel assembly takes of each prepared channel. */
interface PreparedChannel {
  readonly ch: ChannelInstance;
  readonly ext: ReturnType<typeof opExtremes>;
  readonly normAError: number;
  readonly normBound: number;
  /** The bound on the eigenbasis matrix of A as used (numeric/eigensystem's operator error). */
  readonly operator: number;
}

/** The kernel's channels of the dense method (v1 qubits and v2 sites alike): A in the eigenbasis, its zero threshold and perturbation. */
function denseChannels(
  ops: readonly PreparedChannel[], eig: readonly { readonly columns: Float64Channel['A']; readonly scale: number; readonly rounded: RoundedZeros }[], sys: EigenSystem,
  rho: Float64Channel['state'], vector: number, population: number,
): Float64Channel[] {
  // Levels merged on weak evidence: J's error covers the reading with them distinct (shared channelKernel).
  const width = readingsWidth(sys.spaces);
  const weak = width === null ? {} : { weakMerge: width };
  return ops.map(({ ch, ext, normAError, normBound, operator }, i) => ({
    ...weak,
    ch, spaces: sys.spaces, A: eig[i].columns, state: rho, zero: Math.max(operator, zeroThreshold(eig[i].scale, sys.largestBlock)), margin: denseOmegaMargin, rounded: eig[i].rounded,
    perturbation: { operator, vector, normA: normBound, largestSpace: sys.errors.largestSpace, population },
    normA: normOf(ext), normAError, normHow: ext.how,
  }));
}
