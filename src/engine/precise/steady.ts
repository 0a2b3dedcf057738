/**
 * The steady state of the Davies generator in Decimal arithmetic (physics.md §1 and §6; the
 * float64 counterpart is numeric/steady). Conventions: hbar = k_B = 1, gamma(w) is the rate at which
 * the bath takes energy w from the system.
 *
 * Assumption, as in the float64 engine: the steady state is block diagonal over the eigenspaces of
 * H_S, rho = (+)_a X_a. A unique steady state is (the Davies generator commutes with the unitary
 * evolution of H_S, so e^{-iHt} rho e^{iHt} is steady too); that coherences between eigenspaces of
 * different energies decay, i.e. that no further steady state lives outside the block-diagonal
 * operators, is assumed and not checked (nor is it by the float64 engine).
 * Energies inside one eigenspace are treated as exactly equal, so -i[H_S, X] = 0 on this space,
 * and on it the generator is
 *
 *   L(X)_a = sum_alpha [ sum_b gamma(E_b - E_a) A_ab X_b A_ab^+ - 1/2 { K_a, X_a } ],
 *   K_b    = sum_alpha sum_a gamma(E_b - E_a) A_ab^+ A_ab        (A_ab = P_a A P_b, w = 0 included),
 *
 * exact for block-diagonal X even when several eigenspace pairs share a Bohr frequency. The unknowns
 * are the real coordinates of the Hermitian blocks (d_a^2 per block): for a non-degenerate
 * spectrum they are the populations and the map is the classical rate matrix. The matrix is built
 * in Decimal; its null space is found by Gaussian elimination with complete pivoting in scaled
 * integers carried 64 bits beyond the working precision. Complete pivoting matters for cold baths:
 * eliminated in energy order with partial pivoting, the last pivot of a rate matrix whose
 * populations span a range R = p_min/p_max ~ e^{-W/T} carries round-off eps/R (the cofactors of
 * the small populations over those of the large), so no null direction was found at any digits;
 * taking the largest remaining entry leaves the null direction for last, with round-off ~ eps.
 * The remaining columns are null directions once every candidate is at most relTol * max|L_ij|,
 * with relTol the engine's own threshold for "zero" in A (channel zero / ||A||: 1e5 units of the
 * requested precision, or more where the eigenbasis is less accurate), far above the round-off of
 * the elimination. Several null directions with a start (steady(S), or `down` for collective
 * models) are resolved by the conserved quantities: the left null vectors, from the elimination of
 * the transpose. The residual max|L(rho_ss)| is then evaluated in Decimal with the matrix as
 * built. Accuracy is absolute (relative to the largest entry), so a population far below
 * 10^-digits keeps fewer significant digits.
 */
import type { Decimal } from '../../numeric/index.js';
import { SteadyStateError, closedCommunicatingClasses, eighPrecise, type Cx, type DMatrix, type PreciseState } from '../../numeric/index.js';
import { PreciseNotApplicable } from './limits.js';
import type { PreciseSystem } from './types.js';

/** Largest number of real unknowns sum_a d_a^2 the Decimal steady state solves (O(m^3) elimination). */
export const maxPreciseSteadyUnknowns = 400;

/** The system data the steady state needs. */
export type PreciseSteadySystem = Pick<PreciseSystem, 'P' | 'spaces' | 'channels' | 'dimension'>;

/** Options of {@link preciseSteadyState}. */
export interface PreciseSteadyOptions {
  /**
   * Populations of the eigen-indices of an initial state (shorthand for a `start` without
   * coherences).
   */
  readonly from?: readonly Decimal[] | null;
  /**
   * The initial state in the eigenbasis. When the generator has several steady states (closed sets
   * of levels, conserved coherences in degenerate eigenspaces), the one reached from it is
   * returned: its pinched blocks projected onto the stationary states along the conserved
   * quantities (left null vectors). Absent (and no `from`): several steady states are an error.
   */
  readonly start?: PreciseState | null;
}

/** The steady state in the eigenbasis of H_S and the evidence for it. */
export interface PreciseSteadyResult {
  /** rho_ss: 1 x 1 blocks as populations, larger blocks as weighted eigenvectors. */
  readonly state: PreciseState;
  /** max over entries of |L(rho_ss)|, the generator applied to the solved rho_ss in Decimal. */
  readonly residual: Decimal;
  /**
   * Estimate (not a rigorous bound) of max |(rho_ss - rho_exact)_ij|: the relative uncertainty
   * of the generator's entries (from the channels' entryError, and the arithmetic) times the
   * condition estimate max|L_ij| / (smallest pivot kept).
   */
  readonly error: Decimal;
  readonly notes: string[];
}

/**
 * The steady state rho_ss of -i[H_S, .] + sum_alpha D_alpha on block-diagonal operators, in Decimal.
 *
 * @throws SteadyStateError('not-unique') when the null space is not one-dimensional (naming the
 *   closed sets of levels, or the number of independent steady states), exactly as the float64
 *   engine; callers turn it into the `steady-not-unique` input error at the state, as
 *   engine/methods/shared eigenbasisState does
 * @throws SteadyStateError('negative-rate') when gamma < 0 at a frequency with a nonzero block A_ab
 * @throws PreciseNotApplicable beyond maxPreciseSteadyUnknowns real unknowns (naming the number),
 *   when the generator has no null vector at the tolerance, or when the solved rho_ss has an
 *   eigenvalue below minus its estimated error (too ill-conditioned at these digits)
 * @example
 * const sys = preciseSystem(fixture('steady_two_baths.yaml'), 3, 30, { state: parseStateText('up') });
 * const { state } = preciseSteadyState(sys);
 * evaluateSystem({ ...sys, state }).channels.map((c) => c.J.value) // [J_hot, J_cold], J_hot = -J_cold
 */
export function preciseSteadyState(sys: PreciseSteadySystem, opts: PreciseSteadyOptions = {}): PreciseSteadyResult {
  const { P, spaces, channels } = sys;
  const D = P.D;
  const S = spaces.energies.length;
  const dims = spaces.members.map((mem) => mem.length);
  const offset = new Int32Array(S + 1);
  for (let a = 0; a < S; a++) offset[a + 1] = offset[a] + dims[a] * dims[a];
  const m = offset[S];
  const degenerate = dims.some((d) => d > 1);
  if (m > maxPreciseSteadyUnknowns) {
    throw new PreciseNotApplicable(`the steady state needs the Davies generator on ${m} real block-diagonal unknowns (limit ${maxPreciseSteadyUnknowns} in Decimal); the spectrum has ${S} levels${degenerate ? ' with degeneracies' : ''}; use the float64 engine (without --digits)`);
  }
  const zero = new D(0);
  const M0 = generator(sys, dims, offset);

  let relTol = P.eps, entryRel = P.workEps.times(m);
  for (const ch of channels) {
    const norm = D.max(ch.norm.value, P.eps);
    relTol = D.max(relTol, ch.zero.div(norm));
    entryRel = D.max(entryRel, ch.entryError.div(norm).times(2));
  }
  // Complete pivoting: the null direction is left for last, where the elimination has not
  // amplified round-off. (With columns in energy order, a cold bath makes the last pivot
  // ~ eps / (population range), e^{W/T} eps, and no null direction is found at any digits.)
  const elim = echelon(P, M0, m, relTol);
  const { scale } = elim;
  const tol = relTol.times(scale);
  const nullity = elim.free.length;
  let cond = elim.minPivot === null ? new D(1) : scale.div(elim.minPivot);
  const notes: string[] = [];
  const ratio = (v: Decimal | null): string => (v === null ? 'none' : scale.isZero() ? '0' : fmt(v.div(scale)));
  const decided = `rank decided at relative pivot tolerance ${fmt(relTol)} (smallest pivot kept ${ratio(elim.minPivot)}, largest dropped ${ratio(elim.maxDropped)})`;
  const start = opts.start ?? (opts.from ? { vectors: [], populations: opts.from } : null);

  let x: Decimal[];
  if (nullity === 1) {
    x = backSolve(D, elim, m, null);
    notes.push(`steady state (Decimal): null space of the Davies generator on ${m} real block-diagonal unknowns${degenerate ? '' : ' (the rate equation of the populations)'}, Gaussian elimination with complete pivoting; ${decided}`);
  } else if (nullity > 1 && start) {
    const proj = projectStart(P, M0, elim, m, relTol, startCoordinates(D, sys, dims, offset, start));
    if (!proj) throw notUnique(sys, M0, offset, tol, nullity, relTol, 'the conserved quantities (left null vectors) do not pair with the steady states at this tolerance');
    x = proj.x;
    cond = cond.times(proj.cond);
    notes.push(`steady state (Decimal): ${nullity} stationary states of the Davies generator on ${m} real block-diagonal unknowns, the start projected onto them by ${nullity} conserved quantities (left null vectors); ${decided}`);
  } else if (nullity === 0) {
    throw new PreciseNotApplicable(noNullVector(sys, M0, dims, offset, elim, relTol));
  } else {
    throw notUnique(sys, M0, offset, tol, nullity, relTol);
  }
  let trace = zero;
  for (let a = 0; a < S; a++) for (let s = 0; s < dims[a]; s++) trace = trace.plus(x[offset[a] + s * dims[a] + s]);
  // The free coordinate may be a coherence, so the trace of the null vector may have either sign.
  if (trace.isZero()) throw new PreciseNotApplicable(`the null vector of the Davies generator has trace 0; no steady state at ${P.digits} digits`);
  x = x.map((v) => v.div(trace));

  const residual = residualOf(D, M0, x, dims, offset);
  const error = entryRel.plus(P.workEps.times(m)).times(cond);
  notes.push(`steady state: residual max|L(rho)| = ${fmt(residual)}, estimated error of its entries ${fmt(error)}`);
  if ((elim.minPivot !== null && elim.minPivot.lt(tol.times(1e3))) || elim.maxDropped.times(1e3).gt(tol)) {
    notes.push('steady state: a pivot within a factor 1000 of the rank tolerance decided uniqueness: raise --digits');
  }
  const state = toState(sys, x, dims, offset, error, notes);
  return { state, residual, error, notes };
}

/**
 * Why no null vector was found, in words: either the generator is not trace preserving at these
 * digits (a column's population rows do not sum to zero), or it is, and the smallest pivot of the
 * elimination is round-off of the working digits amplified beyond the rank tolerance.
 */
function noNullVector(sys: PreciseSteadySystem, M0: Rows, dims: number[], offset: Int32Array, elim: Echelon, relTol: Decimal): string {
  const { P } = sys;
  const D = P.D;
  const m = M0.length;
  let defect = new D(0);
  for (let j = 0; j < m; j++) {
    let s = new D(0);
    dims.forEach((d, a) => { for (let q = 0; q < d; q++) s = s.plus(M0[offset[a] + q * d + q][j]); });
    if (s.abs().gt(defect)) defect = s.abs();
  }
  const scale = elim.scale.isZero() ? new D(1) : elim.scale;
  const rel = defect.div(scale);
  const pivot = elim.minPivot === null ? 'none' : fmt(elim.minPivot.div(scale));
  if (rel.gt(relTol)) {
    return `the Davies generator is not trace preserving at ${P.digits} digits: a column of its population rows sums to ${fmt(rel)} of the largest entry (rank tolerance ${fmt(relTol)}), so it has no null vector; check the rates gamma(w) (they must be evaluated consistently for every pair of levels)`;
  }
  return `Gaussian elimination found no null direction of the Davies generator at ${P.digits} digits: it preserves the trace to ${fmt(rel)} of its largest entry, but its smallest pivot is ${pivot} of the largest entry, above the rank tolerance ${fmt(relTol)} (round-off amplified by the elimination: the steady state's entries span too many orders of magnitude for these digits); raise --digits`;
}

/**
 * The coordinates (layout of scatter) of the pinched start: its blocks P_a rho_0 P_a in the
 * eigenbasis. Only these matter: the evolution maps each Bohr-frequency sector to itself, and the
 * sectors w != 0 average to zero in the long-time limit.
 */
function startCoordinates(D: PreciseSteadySystem['P']['D'], sys: PreciseSteadySystem, dims: number[], offset: Int32Array, start: PreciseState): Decimal[] {
  const x: Decimal[] = new Array<Decimal>(offset[dims.length]).fill(new D(0));
  const members = sys.spaces.members;
  dims.forEach((d, a) => {
    const o = offset[a];
    for (let s = 0; s < d; s++) {
      const i = members[a][s];
      if (start.populations) x[o + s * d + s] = x[o + s * d + s].plus(start.populations[i]);
      for (const v of start.vectors) {
        const p = v.amp[i];
        if (p.re.isZero() && p.im.isZero()) continue;
        x[o + s * d + s] = x[o + s * d + s].plus(v.weight.times(p.re.pow(2).plus(p.im.pow(2))));
        for (let t = s + 1; t < d; t++) {
          const q = v.amp[members[a][t]];
          if (q.re.isZero() && q.im.isZero()) continue;
          // X_st = w p conj(q): Re at o + s d + t, Im at o + t d + s.
          x[o + s * d + t] = x[o + s * d + t].plus(v.weight.times(p.re.times(q.re).plus(p.im.times(q.im))));
          x[o + t * d + s] = x[o + t * d + s].plus(v.weight.times(p.im.times(q.re).minus(p.re.times(q.im))));
        }
      }
    }
  });
  return x;
}

/**
 * The long-time limit from x0 when the generator has k > 1 null vectors r_1..r_k (one per free
 * column of `elim`): with the left null vectors l_1..l_k (l^T M = 0, conserved quantities),
 * rho_inf = sum_c c_c r_c where sum_c (l_b^T r_c) c_c = l_b^T x0 (the projection onto the kernel
 * along the range; the zero eigenvalue of a generator of a bounded semigroup is semisimple).
 * Returns null when the left null space has another dimension or pairs singularly; cond is
 * max|G| / (smallest pivot of G).
 */
function projectStart(P: PreciseSteadySystem['P'], M0: Rows, elim: Echelon, m: number, relTol: Decimal, x0: Decimal[]): { x: Decimal[]; cond: Decimal } | null {
  const D = P.D;
  const k = elim.free.length;
  const right = elim.free.map((_, q) => backSolve(D, elim, m, null, q));
  const T: Rows = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => M0[j][i]));
  const lelim = echelon(P, T, m, relTol);
  if (lelim.free.length !== k) return null;
  const left = lelim.free.map((_, q) => backSolve(D, lelim, m, null, q));
  const dot = (a: Decimal[], b: Decimal[]): Decimal => {
    let s = new D(0);
    for (let i = 0; i < m; i++) if (!a[i].isZero() && !b[i].isZero()) s = s.plus(a[i].times(b[i]));
    return s;
  };
  // Augmented k x (k + 1) system [G | b], solved by the same elimination (rank must be k).
  const rows: Rows = left.map((l) => [...right.map((r) => dot(l, r)), dot(l, x0)]);
  const g = echelon(P, rows, k, relTol);
  if (g.free.length > 0) return null;
  const c = backSolve(D, g, k, k);
  const x = new Array<Decimal>(m).fill(new D(0));
  right.forEach((r, q) => { if (!c[q].isZero()) for (let i = 0; i < m; i++) if (!r[i].isZero()) x[i] = x[i].plus(c[q].times(r[i])); });
  return { x, cond: g.minPivot === null ? new D(1) : g.scale.div(g.minPivot) };
}

type Rows = Decimal[][];

/** The real matrix of the generator on the block coordinates (layout: see scatter). */
function generator(sys: PreciseSteadySystem, dims: number[], offset: Int32Array): Rows {
  const { P, spaces, channels, dimension: n } = sys;
  const D = P.D;
  const S = dims.length;
  const m = offset[S];
  const zero = new D(0);
  const M: Rows = Array.from({ length: m }, () => new Array<Decimal>(m).fill(zero));
  const local = new Int32Array(n);
  spaces.members.forEach((mem) => mem.forEach((i, s) => { local[i] = s; }));
  // K_b = sum gamma A_ab^+ A_ab, accumulated over channels and a, applied once per block.
  const Kre: Decimal[][] = dims.map((d) => new Array<Decimal>(d * d).fill(zero));
  const Kim: Decimal[][] = dims.map((d) => new Array<Decimal>(d * d).fill(zero));
  const add = (row: number, col: number, v: Decimal): void => { if (!v.isZero()) M[row][col] = M[row][col].plus(v); };

  for (const ch of channels) {
    const blocks = new Map<number, { re: Decimal[]; im: Decimal[]; big: boolean }>();
    for (let j = 0; j < n; j++) {
      const b = spaces.spaceOf[j];
      for (const [i, v] of ch.A.cols[j]) {
        if (v.re.isZero() && v.im.isZero()) continue;
        const a = spaces.spaceOf[i];
        const key = a * S + b;
        let blk = blocks.get(key);
        if (!blk) {
          blk = { re: new Array<Decimal>(dims[a] * dims[b]).fill(zero), im: new Array<Decimal>(dims[a] * dims[b]).fill(zero), big: false };
          blocks.set(key, blk);
        }
        blk.re[local[i] * dims[b] + local[j]] = v.re;
        blk.im[local[i] * dims[b] + local[j]] = v.im;
        if (v.re.abs().gt(ch.zero) || v.im.abs().gt(ch.zero)) blk.big = true;
      }
    }
    // Spectra can be costly (exp at the working precision); equal Bohr frequencies share a rate.
    const rates = new Map<string, Decimal>();
    for (const [key, blk] of blocks) {
      const a = Math.floor(key / S), b = key % S;
      const w = a === b ? zero : spaces.energies[b].minus(spaces.energies[a]);
      const wKey = w.toString();
      let g = rates.get(wKey);
      if (g === undefined) { g = ch.gamma(w); rates.set(wKey, g); }
      if (g.lt(0)) {
        // Elements at the zero threshold are eigenbasis noise: no rate is needed there.
        if (!blk.big) continue;
        throw new SteadyStateError('negative-rate', `the spectrum is negative at a frequency the steady state needs: gamma(${fmt(w)}) = ${fmt(g)}`);
      }
      if (g.isZero()) continue;
      const da = dims[a], db = dims[b];
      const oa = offset[a], ob = offset[b];
      if (da === 1 && db === 1) {
        // Populations: the rate b -> a and the loss of b.
        const r = g.times(blk.re[0].times(blk.re[0]).plus(blk.im[0].times(blk.im[0])));
        add(oa, ob, r);
        Kre[b][0] = Kre[b][0].plus(r);
        continue;
      }
      // Jump: X_a += g A_ab E_xy A_ab^+, (A E_xy A^+)_uv = A_ux conj(A_vy); G = g A.
      const Gre = blk.re.map((v) => v.times(g)), Gim = blk.im.map((v) => v.times(g));
      const Zre = new Array<Decimal>(da * da), Zim = new Array<Decimal>(da * da);
      for (let x = 0; x < db; x++) {
        for (let y = x; y < db; y++) {
          for (let u = 0; u < da; u++) {
            const pr = Gre[u * db + x], pi = Gim[u * db + x];
            const pz = pr.isZero() && pi.isZero();
            for (let v = 0; v < da; v++) {
              const qr = blk.re[v * db + y], qi = blk.im[v * db + y];
              if (pz || (qr.isZero() && qi.isZero())) { Zre[u * da + v] = zero; Zim[u * da + v] = zero; continue; }
              // p conj(q)
              Zre[u * da + v] = pr.times(qr).plus(pi.times(qi));
              Zim[u * da + v] = pi.times(qr).minus(pr.times(qi));
            }
          }
          scatter(add, Zre, Zim, da, oa, db, ob, x, y);
        }
      }
      // K_b += g A_ab^+ A_ab: (A^+ A)_xy = sum_u conj(A_ux) A_uy.
      for (let x = 0; x < db; x++) {
        for (let y = 0; y < db; y++) {
          let sr = zero, si = zero;
          for (let u = 0; u < da; u++) {
            const ar = Gre[u * db + x], ai = Gim[u * db + x];
            const br = blk.re[u * db + y], bi = blk.im[u * db + y];
            if ((ar.isZero() && ai.isZero()) || (br.isZero() && bi.isZero())) continue;
            sr = sr.plus(ar.times(br).plus(ai.times(bi)));
            si = si.plus(ar.times(bi).minus(ai.times(br)));
          }
          Kre[b][x * db + y] = Kre[b][x * db + y].plus(sr);
          Kim[b][x * db + y] = Kim[b][x * db + y].plus(si);
        }
      }
    }
  }
  // Loss: X_b -= 1/2 {K_b, X_b}; image of E_xy: column y gets K_ux, row x gets K_yv.
  const half = new D(0.5);
  for (let b = 0; b < S; b++) {
    const d = dims[b], ob = offset[b];
    if (d === 1) { add(ob, ob, Kre[b][0].neg()); continue; }
    const kr = Kre[b].map((v) => v.times(half)), ki = Kim[b].map((v) => v.times(half));
    const Zre = new Array<Decimal>(d * d), Zim = new Array<Decimal>(d * d);
    for (let x = 0; x < d; x++) {
      for (let y = x; y < d; y++) {
        Zre.fill(zero); Zim.fill(zero);
        for (let u = 0; u < d; u++) {
          Zre[u * d + y] = Zre[u * d + y].minus(kr[u * d + x]);
          Zim[u * d + y] = Zim[u * d + y].minus(ki[u * d + x]);
          Zre[x * d + u] = Zre[x * d + u].minus(kr[y * d + u]);
          Zim[x * d + u] = Zim[x * d + u].minus(ki[y * d + u]);
        }
        scatter(add, Zre, Zim, d, ob, d, ob, x, y);
      }
    }
  }
  return M;
}

/**
 * Adds the image Z = L(E_xy) (block a, complex da x da) of the unit matrix E_xy of block b to the
 * real columns of the Hermitian basis of block b. Coordinates of a Hermitian block X (d x d) at
 * offset o: o + s*d + s holds X_ss, o + s*d + t (s < t) Re X_st, o + t*d + s (s < t) Im X_st.
 * L(E_yx) = L(E_xy)^+ (L preserves Hermiticity), so E_xy + E_yx and i(E_xy - E_yx) map to
 * Z + Z^+ and i(Z - Z^+).
 */
function scatter(
  add: (row: number, col: number, v: Decimal) => void, Zre: Decimal[], Zim: Decimal[],
  da: number, oa: number, db: number, ob: number, x: number, y: number,
): void {
  if (x === y) {
    const col = ob + x * db + x;
    for (let s = 0; s < da; s++) {
      add(oa + s * da + s, col, Zre[s * da + s]);
      for (let t = s + 1; t < da; t++) {
        add(oa + s * da + t, col, Zre[s * da + t]);
        add(oa + t * da + s, col, Zim[s * da + t]);
      }
    }
    return;
  }
  const cr = ob + x * db + y, ci = ob + y * db + x;
  for (let s = 0; s < da; s++) {
    const zr = Zre[s * da + s], zi = Zim[s * da + s];
    if (!zr.isZero()) add(oa + s * da + s, cr, zr.times(2));
    if (!zi.isZero()) add(oa + s * da + s, ci, zi.times(-2));
    for (let t = s + 1; t < da; t++) {
      const str = Zre[s * da + t], sti = Zim[s * da + t], tsr = Zre[t * da + s], tsi = Zim[t * da + s];
      const rowR = oa + s * da + t, rowI = oa + t * da + s;
      add(rowR, cr, str.plus(tsr));
      add(rowI, cr, sti.minus(tsi));
      add(rowR, ci, sti.plus(tsi).neg());
      add(rowI, ci, str.minus(tsr));
    }
  }
}

const LOG2_10 = Math.log2(10);

/**
 * A matrix in row echelon form, in scaled-integer (BigInt fixed-point) arithmetic: an entry v of
 * the input is held as round(v 2^F / 2^e) with 2^e >= max|v|. decimal.js allocates for every
 * operation (about 2 us per multiply-subtract at 40 digits); BigInt is an order of magnitude
 * faster, and the O(m^3) work is all here.
 */
interface Echelon {
  readonly rows: bigint[][];
  /** Row holding the pivot of each column (after the row swaps), -1 for a null direction. */
  readonly pivotRow: Int32Array;
  /** The pivot columns in elimination order. */
  readonly order: readonly number[];
  /** Columns without a pivot above the tolerance. */
  readonly free: number[];
  /** Smallest pivot kept (null if none), largest candidate of a free column, max|entry| of the input. */
  readonly minPivot: Decimal | null;
  readonly maxDropped: Decimal;
  readonly scale: Decimal;
  readonly F: bigint;
  readonly pow2F: Decimal;
}

/**
 * Row echelon form of `rows` (Decimal, not modified) by Gaussian elimination with complete
 * pivoting over the first `pivotCols` columns (the rest are right-hand sides): each step takes the
 * largest remaining entry, so the null directions are those left last, where the elimination has
 * amplified round-off least. Entries are scaled so that max|entry| <= 1 and carried with
 * F = (working digits) log2(10) + 64 fraction bits: absolute accuracy 2^-F max|entry|, beyond the
 * working precision of the input. When every remaining candidate is at most relTol max|entry|,
 * the remaining columns are free; earlier pivots have updated them, so that back substitution can
 * use them. Exact zeros are skipped: O(m^3) dense, much less for sparse generators.
 */
function echelon(P: PreciseSteadySystem['P'], input: Rows, pivotCols: number, relTol: Decimal): Echelon {
  const D = P.D;
  const Fn = Math.ceil((P.digits + P.guard) * LOG2_10) + 64;
  let scale = new D(0);
  for (const row of input) for (const v of row) if (!v.isZero() && v.abs().gt(scale)) scale = v.abs();
  // 2^e >= max|entry|, so entries scale to at most 2^F.
  const e = scale.isZero() ? 0 : Math.ceil((scale.e + 1) * LOG2_10);
  const pow = new D(2).pow(Fn - e);
  const toFixed = (v: Decimal): bigint => (v.isZero() ? 0n : BigInt(v.times(pow).toFixed(0)));
  const rows = input.map((row) => row.map(toFixed));
  const tolF = toFixed(relTol.times(scale));
  const F = BigInt(Fn);
  const nr = rows.length, cols = rows.length > 0 ? rows[0].length : 0;
  const pivotRow = new Int32Array(pivotCols).fill(-1);
  const order: number[] = [];
  const done = new Uint8Array(pivotCols);
  const free: number[] = [];
  let minPivot: bigint | null = null;
  let maxDropped = 0n;
  for (let r = 0; r < Math.min(nr, pivotCols); r++) {
    let p = -1, k = -1;
    let best = 0n;
    for (let i = r; i < nr; i++) {
      const row = rows[i];
      for (let j = 0; j < pivotCols; j++) {
        const v = row[j];
        if (v === 0n || done[j]) continue;
        const av = v < 0n ? -v : v;
        if (av > best) { best = av; p = i; k = j; }
      }
    }
    if (best <= tolF) { maxDropped = best; break; }
    if (p !== r) { const t = rows[p]; rows[p] = rows[r]; rows[r] = t; }
    const pr = rows[r];
    const piv = pr[k];
    done[k] = 1;
    const touched: number[] = [];
    for (let j = 0; j < cols; j++) if (j !== k && pr[j] !== 0n && (j >= pivotCols || !done[j])) touched.push(j);
    for (let i = r + 1; i < nr; i++) {
      const row = rows[i];
      if (row[k] === 0n) continue;
      const mult = (row[k] << F) / piv; // |mult| <= 2^F: complete pivoting
      for (const j of touched) row[j] -= (mult * pr[j]) >> F;
      row[k] = 0n;
    }
    pivotRow[k] = r;
    order.push(k);
    if (minPivot === null || best < minPivot) minPivot = best;
  }
  for (let j = 0; j < pivotCols; j++) if (!done[j]) free.push(j);
  const toDecimal = (v: bigint): Decimal => new D(v.toString()).div(pow);
  return { rows, pivotRow, order, free, minPivot: minPivot === null ? null : toDecimal(minPivot), maxDropped: toDecimal(maxDropped), scale, F, pow2F: new D(2).pow(Fn) };
}

/**
 * Back substitution on the echelon form: with `rhs` null, the null vector with 1 in the free
 * column free[which] (0 in the others); with a right-hand side column, the solution of rows x = rhs
 * with 0 in the free columns. Unknowns are carried as x 2^F. Pivot row r has zeros in the columns
 * of earlier pivots, so the pivots are solved in reverse order.
 */
function backSolve(D: PreciseSteadySystem['P']['D'], e: Echelon, pivotCols: number, rhs: number | null, which = 0): Decimal[] {
  const X: bigint[] = new Array<bigint>(pivotCols).fill(0n);
  if (rhs === null) X[e.free[which]] = 1n << e.F;
  for (let q = e.order.length - 1; q >= 0; q--) {
    const k = e.order[q];
    const row = e.rows[e.pivotRow[k]];
    let s = rhs === null ? 0n : row[rhs] << e.F;
    for (let j = 0; j < pivotCols; j++) if (j !== k && row[j] !== 0n && X[j] !== 0n) s -= row[j] * X[j];
    X[k] = s / row[k];
  }
  return X.map((v) => (v === 0n ? new D(0) : new D(v.toString()).div(e.pow2F)));
}

/** Closed communicating classes of a rate graph on S levels; edge(a, b): a nonzero rate b -> a. */
function closedClasses(S: number, edge: (a: number, b: number) => boolean): number[][] {
  const adj: number[][] = Array.from({ length: S }, () => []);
  for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) if (a !== b && edge(a, b)) adj[b].push(a);
  return closedCommunicatingClasses(adj);
}

/** The not-unique error, worded as the float64 engine's, with the Decimal rank evidence. */
function notUnique(sys: PreciseSteadySystem, M0: Rows, offset: Int32Array, tol: Decimal, nullity: number, relTol: Decimal, extra = ''): SteadyStateError {
  const S = sys.spaces.energies.length;
  const dims = sys.spaces.members.map((mem) => mem.length);
  // Rate b -> a between eigenspaces: the population part of the generator.
  const edge = (a: number, b: number): boolean => {
    let s = new sys.P.D(0);
    for (let u = 0; u < dims[a]; u++) for (let x = 0; x < dims[b]; x++) s = s.plus(M0[offset[a] + u * dims[a] + u][offset[b] + x * dims[b] + x]);
    return s.gt(tol);
  };
  const closed = closedClasses(S, edge);
  const E = sys.spaces.energies;
  const why = closed.length > 1
    ? `the channels leave ${closed.length} closed sets of levels (energies ${closed.slice(0, 3).map((c) => `{${c.slice(0, 4).map((a) => E[a].toPrecision(6)).join(', ')}${c.length > 4 ? ', ...' : ''}}`).join(', ')}${closed.length > 3 ? ', ...' : ''}), each with its own steady state`
    : `the Davies generator has ${nullity} independent steady states (coherences inside degenerate eigenspaces are conserved)`;
  return new SteadyStateError('not-unique', `the steady state is not unique: ${why} [Decimal: ${nullity} null directions at relative pivot tolerance ${fmt(relTol)}${extra ? `; ${extra}` : ''}]`);
}

/** max |L(rho)_st| over the entries of every block, from the real coordinates. */
function residualOf(D: PreciseSteadySystem['P']['D'], M0: Rows, x: Decimal[], dims: number[], offset: Int32Array): Decimal {
  const m = x.length;
  const y: Decimal[] = M0.map((row) => {
    let s = new D(0);
    for (let j = 0; j < m; j++) if (!row[j].isZero() && !x[j].isZero()) s = s.plus(row[j].times(x[j]));
    return s;
  });
  let r = new D(0);
  dims.forEach((d, a) => {
    const o = offset[a];
    for (let s = 0; s < d; s++) {
      r = D.max(r, y[o + s * d + s].abs());
      for (let t = s + 1; t < d; t++) r = D.max(r, y[o + s * d + t].pow(2).plus(y[o + t * d + s].pow(2)).sqrt());
    }
  });
  return r;
}

/**
 * rho from its coordinates: 1 x 1 blocks as populations, larger blocks split into eigenvectors.
 * Eigenvalues in [-(10 error + eigensolver residual), 0) are kept as they are (rho is positive
 * semidefinite to its accuracy); below that rho is not a state at this precision.
 */
function toState(sys: PreciseSteadySystem, x: Decimal[], dims: number[], offset: Int32Array, error: Decimal, notes: string[]): PreciseState {
  const { P, spaces, dimension: n } = sys;
  const D = P.D;
  const zero = new D(0);
  const zeroCx: Cx = { re: zero, im: zero };
  let populations: Decimal[] | null = null;
  const vectors: { weight: Decimal; amp: Cx[] }[] = [];
  let lowest = zero;
  let eigResidual = zero;
  const check = (lambda: Decimal, residual: Decimal): void => {
    if (lambda.lt(error.times(10).plus(residual).neg())) {
      throw new PreciseNotApplicable(`the computed steady state has the eigenvalue ${fmt(lambda)}, below minus its estimated error ${fmt(error)}: the generator is too ill-conditioned at ${P.digits} digits; raise --digits`);
    }
    if (lambda.lt(lowest)) lowest = lambda;
  };
  dims.forEach((d, a) => {
    const o = offset[a];
    if (d === 1) {
      populations ??= new Array<Decimal>(n).fill(zero);
      check(x[o], zero);
      populations[spaces.members[a][0]] = x[o];
      return;
    }
    const H: DMatrix = { n: d, re: new Array<Decimal>(d * d), im: new Array<Decimal>(d * d) };
    for (let s = 0; s < d; s++) {
      H.re[s * d + s] = x[o + s * d + s];
      H.im[s * d + s] = zero;
      for (let t = s + 1; t < d; t++) {
        H.re[s * d + t] = x[o + s * d + t]; H.im[s * d + t] = x[o + t * d + s];
        H.re[t * d + s] = x[o + s * d + t]; H.im[t * d + s] = x[o + t * d + s].neg();
      }
    }
    const eig = eighPrecise(P, H);
    if (eig.residual.gt(eigResidual)) eigResidual = eig.residual;
    eig.values.forEach((lambda, q) => {
      check(lambda, eig.residual);
      if (lambda.isZero()) return;
      const amp: Cx[] = new Array<Cx>(n).fill(zeroCx);
      for (let s = 0; s < d; s++) amp[spaces.members[a][s]] = { re: eig.vectors.re[s * d + q], im: eig.vectors.im[s * d + q] };
      vectors.push({ weight: lambda, amp });
    });
  });
  if (lowest.lt(0)) notes.push(`steady state: smallest eigenvalue ${fmt(lowest)}, within its estimated error (positive semidefinite to working precision)`);
  if (eigResidual.gt(0)) notes.push(`steady state: degenerate blocks split into eigenvectors with residual ${fmt(eigResidual)}`);
  return { vectors, populations };
}

function fmt(x: Decimal): string {
  return x.toSignificantDigits(6).toString();
}
