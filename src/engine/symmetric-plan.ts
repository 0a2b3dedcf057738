/**
 * The symmetric method's decisions, written once for the float64 method (engine/methods/symmetric)
 * and the decimal.js one (engine/precise/symmetric), over a field `Field<T>`; the sector matrices
 * stay specialised behind it (float64 CSR sector builders and dense eigensystems, Decimal sparse
 * columns and block eigensolvers).
 *
 *   - which total-spin sectors of L qubits there are, 2j = L, L-2, ..., L mod 2, and how often
 *     each occurs in 2^L ({@link spinSectors}); of L spins s, 2j = 2Ls, 2Ls-2, ..., those that occur
 *     in (2s+1)^L (numeric/spin-sectors); which lower ones a full-space term visits
 *     ({@link lowerSectors}) and whether that visit fits the engine's budget ({@link planSectors});
 *   - the linear-spin shortcut: an operator c0 + c.J with real c has the spectrum c0 + |c| m,
 *     m = -j..j, in sector j ({@link realLinearSpin}, {@link linearExtremes}, {@link linearNorm}),
 *     so when H_S and every A are linear the sector j = L/2 decides every full-space term;
 *   - the one loop over the sectors for the full-space terms ({@link foldSectors}), each engine's
 *     sectors behind {@link SectorEngine}: the fold of their spectra into ||H_S|| and W
 *     ({@link FullSpectrum}), of their norms, Omega statistics ({@link maxOmegaStats}) and B2tail
 *     tables ({@link closeTail});
 *   - why the method does not apply and the notes it leaves ({@link symmetricTexts}).
 */
import type { Decimal } from '../numeric/index.js';
import { decimalField, float64Field, hermiticityTolerance, spinSectorCounts, type Complex, type Field } from '../numeric/index.js';

/** A total-spin sector of L qubits (or spins s): 2j, its dimension 2j + 1 and the number of copies of it in 2^L ((2s+1)^L). */
export interface SpinSector {
  readonly twoJ: number;
  readonly dimension: number;
  /** C(L, L/2 - j) - C(L, L/2 - j - 1) for qubits; c(L, j) - c(L, j + 1) for spins s (numeric/spin-sectors); exactly. */
  readonly multiplicity: bigint;
}

/** C(n, k) exactly (0 outside 0 <= k <= n). */
function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let c = 1n;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * BigInt(n - i + 1)) / BigInt(i);
  return c;
}

/**
 * Every total-spin sector of L qubits, 2j = L, L-2, ..., L mod 2 (the top sector j = L/2 first,
 * where the symmetric method's state lives); of L spins s (twoS = 2s > 1), 2j = 2Ls, 2Ls - 2, ...
 * those that occur. Their dimensions times their multiplicities sum to 2^L ((2s+1)^L).
 *
 * @example
 * spinSectors(3) // [{ twoJ: 3, dimension: 4, multiplicity: 1n }, { twoJ: 1, dimension: 2, multiplicity: 2n }]
 */
export function spinSectors(L: number, twoS = 1): SpinSector[] {
  if (twoS !== 1) return spinSectorCounts(L, twoS);
  const out: SpinSector[] = [];
  for (let twoJ = L; twoJ >= 0; twoJ -= 2) {
    const k = (L - twoJ) / 2;
    out.push({ twoJ, dimension: twoJ + 1, multiplicity: binomial(L, k) - binomial(L, k - 1) });
  }
  return out;
}

/**
 * The sectors below the top one, 2j = 2Ls - 2, 2Ls - 4, ..., >= 0 (qubits: L-2, L-4, ...) that
 * occur: the ones a full-space term visits besides j = Ls.
 */
export function lowerSectors(L: number, twoS = 1): number[] {
  if (twoS !== 1) return spinSectorCounts(L, twoS).slice(1).map((s) => s.twoJ);
  const out: number[] = [];
  for (let twoJ = L - 2; twoJ >= 0; twoJ -= 2) out.push(twoJ);
  return out;
}

/** The lower sectors, the estimated cost of visiting them all and whether it fits the budget. */
export interface SectorPlan {
  readonly sectors: readonly number[];
  readonly cost: number;
  readonly within: boolean;
}

/**
 * The one budget mechanism of both engines: the cost of visiting every lower sector is the sum of
 * `costOf(dimension)` over them (in sector order) times `factor`; it is within the budget when at
 * most `budget`. The engines keep their own cost models and budgets (float64: about one
 * operation each; Decimal: estimated microseconds at 30 digits, `factor` the digits / 30).
 *
 * @example
 * planSectors(4, (n) => n, 3) // { sectors: [2, 0], cost: 4, within: false }
 */
export function planSectors(L: number, costOf: (dimension: number) => number, budget: number, factor = 1, twoS = 1): SectorPlan {
  const sectors = lowerSectors(L, twoS);
  let cost = 0;
  for (const twoJ of sectors) cost += costOf(twoJ + 1);
  cost *= factor;
  return { sectors, cost, within: cost <= budget };
}

/** What the linear-spin shortcut needs of a field besides `Field<T>`: each engine's own rounding. */
export interface SpinScalars<T> {
  readonly F: Field<T>;
  /** The size of a coefficient, on which the tolerance of its imaginary part scales. */
  magnitude(z: Complex<T>): T;
  /** sqrt(a^2 + b^2 + c^2). */
  norm3(a: T, b: T, c: T): T;
  /** An imaginary part above this times max(1, the coefficients' magnitudes) makes a linear form complex. */
  readonly imaginaryTolerance: T;
}

/** float64: magnitudes and |c| by hypot, imaginary parts within the field's Hermiticity tolerance (numeric hermiticity). */
export const float64Spin: SpinScalars<number> = Object.freeze({
  F: float64Field,
  magnitude: (z: Complex<number>) => Math.hypot(z.re, z.im),
  norm3: (a: number, b: number, c: number) => Math.hypot(a, b, c),
  imaginaryTolerance: hermiticityTolerance(float64Field),
});

/**
 * Decimal at the precision of the constructor D (the working precision, guard digits included):
 * magnitudes |re| + |im|, |c| from the squares, imaginary parts within the field's Hermiticity
 * tolerance (the one rule of numeric hermiticity, as float64's).
 */
export function decimalSpin(D: typeof Decimal): SpinScalars<Decimal> {
  const F = decimalField(D.precision);
  return {
    F,
    magnitude: (z) => z.re.abs().plus(z.im.abs()),
    norm3: (a, b, c) => a.pow(2).plus(b.pow(2)).plus(c.pow(2)).sqrt(),
    imaginaryTolerance: hermiticityTolerance(F),
  };
}

/** (c0, cx, cy, cz), real, of c0 + cx Jx + cy Jy + cz Jz. */
export type RealLinearSpin<T> = readonly [T, T, T, T];

const maxOf = <T>(F: Field<T>, a: T, b: T): T => (F.cmp(b, a) > 0 ? b : a);
const minOf = <T>(F: Field<T>, a: T, b: T): T => (F.cmp(b, a) < 0 ? b : a);

/**
 * The real linear form c0 + c.J of an operator whose linear form `lin` (complex coefficients) is
 * real within the engine's tolerance, else null (no linear form, or a complex one: not Hermitian
 * as a spin operator, and no closed-form spectrum).
 */
export function realLinearSpin<T>(S: SpinScalars<T>, lin: readonly Complex<T>[] | null): RealLinearSpin<T> | null {
  if (!lin) return null;
  const F = S.F;
  let scale = F.one;
  for (const z of lin) scale = maxOf(F, scale, S.magnitude(z));
  const tol = F.mul(S.imaginaryTolerance, scale);
  if (lin.some((z) => F.cmp(F.abs(z.im), tol) > 0)) return null;
  return lin.map((z) => z.re) as unknown as RealLinearSpin<T>;
}

/** Extremes c0 -+ |c| j of the spectrum of c0 + c.J (real c) in the sector twoJ = 2j. */
export function linearExtremes<T>(S: SpinScalars<T>, lin: RealLinearSpin<T>, twoJ: number): { min: T; max: T } {
  const F = S.F;
  const half = F.div(F.mul(S.norm3(lin[1], lin[2], lin[3]), F.fromNumber(twoJ)), F.fromNumber(2));
  return { min: F.sub(lin[0], half), max: F.add(lin[0], half) };
}

/** The largest |eigenvalue| of c0 + c.J (real c) in the sector twoJ = 2j. */
export function linearNorm<T>(S: SpinScalars<T>, lin: RealLinearSpin<T>, twoJ: number): T {
  const x = linearExtremes(S, lin, twoJ);
  return maxOf(S.F, S.F.abs(x.min), S.F.abs(x.max));
}

/** ||H_S|| = max |E| and the width W = E_max - E_min of a spectrum given by its extremes. */
export function spectrumTerms<T>(F: Field<T>, x: { readonly min: T; readonly max: T }): { normH: T; width: T } {
  return { normH: maxOf(F, F.abs(x.min), F.abs(x.max)), width: F.sub(x.max, x.min) };
}

/**
 * The spectrum of H_S over every sector visited: the top sector's eigenspace energies, then each
 * lower sector's ({@link add}), for ||H_S||, W and the Bohr frequencies across sectors.
 */
export class FullSpectrum<T> {
  readonly energies: T[];
  min: T;
  max: T;

  /** @param top the top sector's eigenspace energies, ascending (at least one) */
  constructor(private readonly F: Field<T>, top: ArrayLike<T>) {
    this.energies = Array.from(top);
    this.min = top[0];
    this.max = top[top.length - 1];
  }

  /** A sector's eigenspace energies, ascending. */
  add(energies: ArrayLike<T>): void {
    for (let i = 0; i < energies.length; i++) this.energies.push(energies[i]);
    this.min = minOf(this.F, this.min, energies[0]);
    this.max = maxOf(this.F, this.max, energies[energies.length - 1]);
  }

  /** ||H_S|| and W over the sectors added. */
  terms(): { normH: T; width: T } {
    return spectrumTerms(this.F, this);
  }
}

/** max |w|, max gamma and max |w| gamma over a set of Bohr frequencies. */
export interface OmegaMaximaOf<T> {
  readonly deltaE: T;
  readonly gammaMax: T;
  readonly omegaGammaMax: T;
}

/**
 * The Omega statistics of a channel that the lower sectors contribute: each the largest over the
 * sectors; `upper`, the same over every element not certified zero (numeric/channel's `upper`;
 * absent: the statistics themselves).
 */
export interface OmegaStats<T> extends OmegaMaximaOf<T> {
  readonly upper?: OmegaMaximaOf<T>;
}

/** Each of a and b the larger. */
function maxMaxima<T>(F: Field<T>, a: OmegaMaximaOf<T>, b: OmegaMaximaOf<T>): OmegaMaximaOf<T> {
  return { deltaE: maxOf(F, a.deltaE, b.deltaE), gammaMax: maxOf(F, a.gammaMax, b.gammaMax), omegaGammaMax: maxOf(F, a.omegaGammaMax, b.omegaGammaMax) };
}

/** The statistics of a and b together (each the larger, the upper ones too); b alone when a is undefined. */
export function maxOmegaStats<T>(F: Field<T>, a: OmegaStats<T> | undefined, b: OmegaStats<T>): OmegaStats<T> {
  const bu = b.upper ?? b;
  if (!a) return { deltaE: b.deltaE, gammaMax: b.gammaMax, omegaGammaMax: b.omegaGammaMax, upper: { deltaE: bu.deltaE, gammaMax: bu.gammaMax, omegaGammaMax: bu.omegaGammaMax } };
  return { ...maxMaxima(F, a, b), upper: maxMaxima(F, a.upper ?? a, bu) };
}

/** How an engine builds and merges B2tail's frequency tables (numeric/tail.ts, numeric/tail-precise.ts, one algorithm in numeric/tail-field.ts). */
export interface TailKit<T, Table> {
  /** The table over every Bohr frequency of the energies, null when the bath's rates are not monotone enough for one. */
  bohr(energies: readonly T[]): Table | null;
  merge(tables: readonly Table[], frequencies?: 'bohr' | 'omega'): Table;
}

/**
 * A channel's B2tail table once every sector is folded in: its maxima over every full-space Bohr
 * frequency (differences across sectors too) when the bath allows, else over the Omega frequencies.
 */
export function closeTail<T, Table>(kit: TailKit<T, Table>, table: Table, energies: readonly T[]): Table {
  const bohr = kit.bohr(energies);
  return bohr ? kit.merge([table, bohr], 'bohr') : kit.merge([table], 'omega');
}

/** What {@link foldSectors} needs of a norm: its value (the engine attaches its error and provenance). */
export interface SectorNormValue<T> {
  readonly value: T;
}

/**
 * One engine's side of {@link foldSectors}, over the field of `S`: its sectors and what it computes
 * in each, behind one interface (float64: CSR sector matrices and dense eigensystems; Decimal:
 * sparse columns and block eigensolvers). `Sec` is a built sector, `Norm` a norm of A with the
 * engine's error, `Table` the engine's B2tail frequency table. The engine records its own error
 * bounds and notes in `sector` and `omega` (and throws there what it throws).
 */
export interface SectorEngine<T, Sec, Norm extends SectorNormValue<T>, Table> {
  readonly S: SpinScalars<T>;
  readonly L: number;
  /** 2j of the top sector: L for qubits, 2Ls for spins s. */
  readonly topTwoJ: number;
  /** The top sector 2j = topTwoJ, built. */
  readonly top: Sec;
  /** The linear forms (complex coefficients) of H_S and of every A, null where not linear. */
  readonly linear: { readonly H: readonly Complex<T>[] | null; readonly A: readonly (readonly Complex<T>[] | null)[] };
  /** The top sector's Omega statistics and B2tail tables per channel, undefined where the engine starts none. */
  readonly stats: readonly (OmegaStats<T> | undefined)[];
  readonly tails: readonly (Table | undefined)[];
  /**
   * When H_S is linear and an A is not: ||H_S|| and W from H_S's closed form (true) or from the
   * spectra of the sectors visited (false: the engine's spectrum error bounds are those of its eigenspaces).
   */
  readonly closedFormH: boolean;
  /** H_S's eigenspace energies in sector s, ascending. */
  energies(s: Sec): ArrayLike<T>;
  /** ||A_i|| = value from its closed form (c0 + c.J, real c, at j = L/2), with the engine's error. */
  linearNorm(i: number, lin: RealLinearSpin<T>, value: T): Norm;
  /** ||A_i|| in sector s (2j = twoJ), from its matrix or, as the engine chooses, its real linear form `lin`. */
  norm(s: Sec, i: number, twoJ: number, lin: RealLinearSpin<T> | null): Norm;
  /** The lower sectors under the engine's cost model and budget, given the top sector's norms. */
  plan(topNorms: readonly Norm[]): SectorPlan;
  /** Over budget: throw (Decimal) or record that the terms are the top sector's only, lower bounds (float64). */
  overBudget(plan: SectorPlan): void;
  /** The lower sector 2j = twoJ, built. */
  sector(twoJ: number): Sec;
  /** A_i's Omega statistics and B2tail table (Omega frequencies) in the lower sector s, without a state; `norm` is ||A_i|| there. */
  omega(s: Sec, i: number, twoJ: number, norm: Norm): { readonly stats: OmegaStats<T>; readonly tail: Table };
  /** How channel i's tables are merged and closed. */
  tailKit(i: number): TailKit<T, Table>;
}

/** The full-space terms {@link foldSectors} returns. */
export interface FullSpaceFold<T, Norm, Table> {
  readonly normH: T;
  readonly width: T;
  /** ||A|| per channel: the largest over the sectors visited. */
  readonly norms: Norm[];
  /** Per channel, the top sector's (as given) folded with every lower sector's. */
  readonly stats: (OmegaStats<T> | undefined)[];
  readonly tails: (Table | undefined)[];
  /** H_S's real linear form, null when it has none. */
  readonly hLin: RealLinearSpin<T> | null;
  /** The lower sectors and their cost; null when the linear-spin shortcut decided every term. */
  readonly plan: SectorPlan | null;
  /** fromLinear, fromAll, or null over budget. */
  readonly note: string | null;
}

/**
 * The full-space terms of the symmetric method, one loop for both engines: ||H_S||, W, every ||A||
 * and the lower sectors' Omega statistics and B2tail tables. When H_S and every A are linear in the
 * collective spin, the sector j = L/2 decides them in closed form ({@link linearExtremes},
 * {@link linearNorm}); otherwise every lower sector 2j = L-2, L-4, ... within the engine's budget
 * is built and folded in: the energies into {@link FullSpectrum}, each ||A|| the largest over the
 * sectors, the Omega statistics by {@link maxOmegaStats}, the tables merged once, in sector order, and
 * closed over every full-space Bohr frequency ({@link closeTail}). Each sector counts once, whatever
 * its multiplicity: every quantity here is a maximum over the spectrum.
 *
 * @example
 * foldSectors(float64Engine) // { normH, width, norms, stats, tails, hLin, plan, note }
 */
export function foldSectors<T, Sec, Norm extends SectorNormValue<T>, Table>(E: SectorEngine<T, Sec, Norm, Table>): FullSpaceFold<T, Norm, Table> {
  const { S } = E;
  const L = E.topTwoJ;
  const F = S.F;
  const hLin = realLinearSpin(S, E.linear.H);
  const aLin = E.linear.A.map((a) => realLinearSpin(S, a));
  const stats = [...E.stats], tails = [...E.tails];
  if (hLin && aLin.every((a) => a !== null)) {
    const norms = aLin.map((a, i) => E.linearNorm(i, a!, linearNorm(S, a!, L)));
    return { ...spectrumTerms(F, linearExtremes(S, hLin, L)), norms, stats, tails, hLin, plan: null, note: symmetricTexts.fromLinear };
  }
  const norms = aLin.map((lin, i) => E.norm(E.top, i, L, lin));
  const plan = E.plan(norms);
  if (!plan.within) E.overBudget(plan);
  const spectrum = new FullSpectrum(F, E.energies(E.top));
  // Each channel's tables, the top sector's first, merged once after the loop (a merge per sector
  // re-read the growing table: quadratic in the number of sectors, seconds at L = 1000 spins 1).
  const lower: Table[][] = tails.map((t) => (t === undefined ? [] : [t]));
  for (const twoJ of plan.within ? plan.sectors : []) {
    const s = E.sector(twoJ);
    spectrum.add(E.energies(s));
    aLin.forEach((lin, i) => {
      const norm = E.norm(s, i, twoJ, lin);
      if (F.cmp(norm.value, norms[i].value) > 0) norms[i] = norm;
      const o = E.omega(s, i, twoJ, norm);
      lower[i].push(o.tail);
      stats[i] = maxOmegaStats(F, stats[i], o.stats);
    });
  }
  lower.forEach((ts, i) => { if (ts.length > 0) tails[i] = ts.length === 1 ? ts[0] : E.tailKit(i).merge(ts); });
  // B2tail's maxima over every full-space Bohr frequency (differences across sectors too).
  tails.forEach((t, i) => { if (t !== undefined) tails[i] = closeTail(E.tailKit(i), t, spectrum.energies); });
  const terms = hLin && E.closedFormH ? spectrumTerms(F, linearExtremes(S, hLin, L)) : spectrum.terms();
  return { ...terms, norms, stats, tails, hLin, plan, note: plan.within ? symmetricTexts.fromAll(plan.sectors.length + 1) : null };
}

/** The symmetric method's reasons for not applying and its notes, one text each for both engines. */
export const symmetricTexts = {
  notConfined: (part: string): string => `the state ${part} is not confined to the symmetric sector`,
  /** The Decimal path's words; the float64 method gives the walk's reason as it is (engine/steady-start `collectiveOperators`). */
  notCollective: (reason: string): string => `the model is not collective: ${reason}`,
  notExactlyCollective: (reason: string): string => `${reason} (in exact arithmetic: float64 rounds the site coefficients to one value)`,
  notFaithful: (key: string, twoJ: number, off: number, bound: number): string =>
    `float64 evaluates ${key} as another operator than the model writes (in the sector 2j = ${twoJ} an entry is off from decimal.js by ${off.toPrecision(3)}, beyond its error bound ${bound.toPrecision(3)}: a coefficient cancels in float64); the dense method (coefficients from decimal.js) or the decimal.js engine (--digits D) take it`,
  steady: 'steady: the steady state inside the symmetric sector j = L/2 (the one reached from down); collective couplings conserve the total spin',
  /** The same for L spins s. */
  steadySpins: 'steady: the steady state inside the sector j = Ls (the one reached from down, every spin at m = -s); collective couplings conserve the total spin',
  fromLinear: 'full-space terms: exact from sector j = L/2 (H_S and every A are linear in the collective spin)',
  fromLinearSpins: 'full-space terms: exact from sector j = Ls (H_S and every A are linear in the collective spin)',
  /** How a norm from the linear-spin closed form was obtained. */
  linearHow: 'analytic (linear in the collective spin)',
  fromAll: (sectors: number): string => `full-space terms: exact, from all ${sectors} total-spin sectors`,
  /** float64, over budget: the terms from the top sector only, lower bounds. */
  topOnly: (sectors: number, top = 'j = L/2'): string =>
    `normH, width, normA, deltaE, gammaMax, omegaGammaMax: from the sector ${top} only (visiting all ${sectors} sectors exceeds the budget); they are lower bounds of the full-space values, so the bounds built from them may be too small`,
  /** float64: a function of H_S over the full space needs every sector. */
  functionsOverBudget: (sectors: number): string =>
    `the state is a function of H_S over the full space (thermal, ground or top), which needs all ${sectors} total-spin sectors: visiting them exceeds the budget`,
  functionsOverSectors: (sectors: number): string =>
    `state: the functions of H_S (thermal, ground, top) over all ${sectors} total-spin sectors, each weighted by its multiplicity and its trace (log space)`,
  /** Spins times a mode. */
  modeSteady: 'steady with a mode: the steady state of spins times a mode is not confined to one total-spin sector in a way the symmetric method solves (the dense method, small L)',
  modeSectors: (cutoff: number, blocks: number, largest: number): string =>
    `spins times one mode: each total-spin sector j times the mode (dimension (2j + 1) x ${cutoff}), H_S diagonalised over the blocks of its sparsity pattern in each (the top sector: ${blocks} block(s), largest ${largest})`,
  /** Decimal, over budget (cost and budget in estimated microseconds). */
  overBudget: (sectors: number, cost: number, budget: number): string =>
    `H_S or an A is not linear in the collective spin, so the full-space terms need all ${sectors} total-spin sectors: about ${(cost / 1e6).toFixed(0)} s in Decimal (budget ${(budget / 1e6).toFixed(0)} s)`,
} as const;
