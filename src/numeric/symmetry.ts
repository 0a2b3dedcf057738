/**
 * Symmetry sectors of qubit chains beyond the excitation number (issue 14): the spin flip
 * F = prod_k X[k], the reflection R (site k <-> L-1-k) and the translation T (site k -> k+1 mod L),
 * detected on an operator's product terms, and the orthonormal basis that block-diagonalises an
 * operator commuting with the abelian group G they generate: G = <F> x <T> when T is a symmetry,
 * else <F> x <R> (R and T do not commute; T gives more sectors).
 *
 * Each of F, R, T permutes the product basis (F complements every bit, R reverses them, T rotates
 * them), so G acts on basis indices. For an orbit O of G through a representative r and a character
 * chi of G trivial on r's stabiliser, u = |O|^(-1/2) sum_{j in O} conj(chi(g_j)) |j> (g_j r = j)
 * satisfies P_g u = chi(g) u: the u of all orbits and allowed characters are an orthonormal basis
 * (each orbit gives |O| of them), grouped by sector chi. A matrix M in that basis has
 * M'_ab = <u_a|M|u_b> = (|O_a| |O_b|)^(-1/2) sum_{i in O_a, j in O_b} chi_a(g_i) M_ij conj(chi_b(g_j)).
 *
 * Exactness: for an M that commutes with G exactly, M'_ab = 0 whenever chi_a != chi_b; those
 * elements are never computed, so they are exact zeros. For the float64 matrix of such an M (whose
 * entries may differ from a symmetric matrix by the rounding of their sums), the computed blocks are
 * exactly those of its average over G, M_sym = |G|^-1 sum_g P_g M P_g^+ (P_chi M P_chi = P_chi M_sym
 * P_chi, P_chi the projector on sector chi), and ||M_sym - M_exact|| <= ||M - M_exact|| when M_exact
 * commutes with G: the symmetry adds no error beyond the round-off of the sums above
 * ({@link SectorMatrix}.roundoff). An operator A that maps to lambda A under a generator g (lambda =
 * +-1 under F and R, +1 under T) connects chi_b only to the chi_a with chi_a(g) = lambda chi_b(g)
 * ({@link operatorCharacter}); its other sector pairs are exact zeros too.
 *
 * Detection: an operator commutes with a generator when its Pauli expansion (product terms
 * expanded per site in I, X, Y, Z; identity factors dropped, so the expansion is unique) maps onto
 * itself. The float64 terms propose the generators ({@link commutingGenerators}: coefficients equal
 * within the rounding of their sums); the method then decides them on the model's own coefficients
 * in decimal.js ({@link generatorSignsIn}; the engine's dense method, as the symmetric method
 * decides collectiveness): a coefficient pair of the float64 terms that is equal only by rounding
 * (1 and 1 + 2^-52, or 1 + 1e-17 read as 1) is no symmetry. A symmetry not found is sound: the
 * method works in fewer, larger blocks.
 *
 * v2 sites (issue 16): on one species of L equal sites of dimension d the same group acts on the
 * base-d digits of the d^L basis indices ({@link sectorBasis} with d; d = 2 is the qubit case, bit
 * for bit): T rotates them, R reverses them and the flip maps every digit v to d-1-v (for a spin s,
 * m -> -m; P M P on each local factor, P the digit reversal). There is no Pauli basis for d > 2:
 * the decision is made on the decimal.js terms expanded in matrix units ({@link siteGeneratorSignsIn}).
 */
import type { Field } from './field.js';
import type { Local } from './local.js';
import type { OpSum } from './opsum.js';
import { type SparseMatrix, TripletBuilder } from './sparse.js';
import { gammaN } from './tolerances.js';

/** Most Pauli strings one detection expands (a product over many sites of Sp is 2^sites of them). */
export const maxPauliExpansion = 1 << 20;

/** A generator of the chain's symmetry group. */
export type SymmetryGenerator = 'flip' | 'reflection' | 'translation';

/** Pauli codes per site: 1 X, 2 Y, 3 Z (0, the identity, is dropped). */
type PauliString = Map<string, { re: number; im: number; abs: number; count: number }>;

/**
 * The Pauli expansion of an operator: key "site:code,site:code" (sites ascending) to the summed
 * coefficient, the sum of its contributions' moduli and their number; null beyond {@link maxPauliExpansion}.
 */
function pauliExpansion(op: OpSum): PauliString | null {
  const out: PauliString = new Map();
  let budget = maxPauliExpansion;
  for (const t of op.terms) {
    if (t.cr === 0 && t.ci === 0) continue;
    // Per site: M = cI I + cX X + cY Y + cZ Z with cI = (M00 + M11)/2, cX = (M01 + M10)/2,
    // cY = i (M01 - M10)/2, cZ = (M00 - M11)/2 (Y = [[0, -i], [i, 0]]).
    const comps = t.mats.map((m) => {
      const [a, ai, b, bi, c, ci, d, di] = m;
      const all: [number, number, number][] = [
        [0, (a + d) / 2, (ai + di) / 2], [1, (b + c) / 2, (bi + ci) / 2],
        [2, -(bi - ci) / 2, (b - c) / 2], [3, (a - d) / 2, (ai - di) / 2],
      ];
      return all.filter(([, re, im]) => re !== 0 || im !== 0);
    });
    let count = 1;
    for (const c of comps) count *= c.length;
    if (count === 0) continue;
    budget -= count;
    if (budget < 0) return null;
    const parts: string[] = [];
    const walk = (s: number, re: number, im: number): void => {
      if (s === comps.length) {
        if (re === 0 && im === 0) return;
        const key = parts.join(',');
        const p = out.get(key);
        const abs = Math.hypot(re, im);
        if (p) { p.re += re; p.im += im; p.abs += abs; p.count++; } else out.set(key, { re, im, abs, count: 1 });
        return;
      }
      for (const [code, cr, ci] of comps[s]) {
        if (code !== 0) parts.push(`${t.sites[s]}:${code}`);
        walk(s + 1, re * cr - im * ci, re * ci + im * cr);
        if (code !== 0) parts.pop();
      }
    };
    walk(0, t.cr, t.ci);
  }
  return out;
}

/** The image of a Pauli string under a generator, with its sign. */
function imageOf(key: string, g: SymmetryGenerator, L: number): { key: string; sign: number } {
  if (key === '') return { key, sign: 1 };
  const factors = key.split(',').map((f) => { const [s, c] = f.split(':'); return [Number(s), Number(c)] as [number, number]; });
  let sign = 1;
  const mapped = factors.map(([s, c]): [number, number] => {
    if (g === 'flip') {
      // X Y X = -Y, X Z X = -Z.
      if (c !== 1) sign = -sign;
      return [s, c];
    }
    return [g === 'reflection' ? L - 1 - s : (s + 1) % L, c];
  });
  mapped.sort((a, b) => a[0] - b[0]);
  return { key: mapped.map(([s, c]) => `${s}:${c}`).join(','), sign };
}

/**
 * How an operator transforms under a generator g: +1 when P_g A P_g^+ = A, -1 when it is -A (taken
 * within the rounding of the Pauli coefficients, as in the module's detection rule), null otherwise.
 */
function generatorSign(exp: PauliString, g: SymmetryGenerator, L: number): 1 | -1 | null {
  let plus = true, minus = true;
  for (const [key, c] of exp) {
    if (!plus && !minus) break;
    const { key: ik, sign } = imageOf(key, g, L);
    const d = exp.get(ik);
    const dr = d?.re ?? 0, di = d?.im ?? 0;
    // Both sums carry at most gamma_count of their contributions' moduli.
    const tol = gammaN(c.count + (d?.count ?? 0) + 4) * (c.abs + (d?.abs ?? 0));
    if (plus && Math.hypot(sign * dr - c.re, sign * di - c.im) > tol) plus = false;
    if (minus && Math.hypot(sign * dr + c.re, sign * di + c.im) > tol) minus = false;
  }
  return plus ? 1 : minus ? -1 : null;
}

/** A product term with its coefficient in a field (the decimal.js engine's terms). */
export interface FieldTerm<T> {
  readonly re: T;
  readonly im: T;
  readonly sites: readonly number[];
  readonly mats: readonly Local[];
}

/**
 * The signs of an operator under generators decided over a field (the model's coefficients in
 * decimal.js at 40 digits, its literals exact): +1 (-1) when every Pauli coefficient equals (minus)
 * its image's within `tol` in both parts, null otherwise, or every entry null when the expansion
 * exceeds {@link maxPauliExpansion}. The local factors are exact dyadic numbers (0, +-1, +-i,
 * their products), so their Pauli components enter the field exactly.
 */
export function generatorSignsIn<T>(F: Field<T>, L: number, terms: readonly FieldTerm<T>[], gens: readonly SymmetryGenerator[], tol: T): (1 | -1 | null)[] {
  const exp = new Map<string, { re: T; im: T }>();
  const budget = { left: maxPauliExpansion };
  for (const t of terms) {
    const comps = t.mats.map((m) => {
      const [a, ai, b, bi, c, ci, d, di] = m;
      const all: [number, number, number][] = [
        [0, (a + d) / 2, (ai + di) / 2], [1, (b + c) / 2, (bi + ci) / 2],
        [2, -(bi - ci) / 2, (b - c) / 2], [3, (a - d) / 2, (ai - di) / 2],
      ];
      return all.filter(([, re, im]) => re !== 0 || im !== 0).map(([code, re, im]) => [code, F.fromNumber(re), F.fromNumber(im)] as [number, T, T]);
    });
    const labelled = comps.map((c, k) => c.map(([code, cr, ci]) => [code === 0 ? '' : `${t.sites[k]}:${code}`, cr, ci] as const));
    if (!addExpansion(F, exp, t, labelled, budget)) return gens.map(() => null);
  }
  return signsOfExpansion(F, exp, gens, (key, g) => imageOf(key, g, L), tol);
}

/**
 * Adds c times the product of the factors' components (one per factor, every choice) to `exp`,
 * keyed by their labels joined with ',' (a '' label, an identity component, left out); false when
 * the number of products exceeds what is left of `budget` (taken from it). A factor with no
 * component makes the product 0: nothing is added.
 */
function addExpansion<T>(
  F: Field<T>, exp: Map<string, { re: T; im: T }>, c: { readonly re: T; readonly im: T },
  factors: readonly (readonly (readonly [string, T, T])[])[], budget: { left: number },
): boolean {
  let count = 1;
  for (const f of factors) count *= f.length;
  if (count === 0) return true;
  budget.left -= count;
  if (budget.left < 0) return false;
  const parts: string[] = [];
  const walk = (s: number, re: T, im: T): void => {
    if (s === factors.length) {
      const key = parts.join(',');
      const p = exp.get(key);
      if (p) { p.re = F.add(p.re, re); p.im = F.add(p.im, im); } else exp.set(key, { re, im });
      return;
    }
    for (const [label, cr, ci] of factors[s]) {
      if (label !== '') parts.push(label);
      walk(s + 1, F.sub(F.mul(re, cr), F.mul(im, ci)), F.add(F.mul(re, ci), F.mul(im, cr)));
      if (label !== '') parts.pop();
    }
  };
  walk(0, c.re, c.im);
  return true;
}

/**
 * The sign of an expansion (key to coefficient, over a field) under each generator: +1 (-1) when
 * every coefficient equals (minus) its image's within `tol` in both parts, null otherwise.
 */
function signsOfExpansion<T>(
  F: Field<T>, exp: ReadonlyMap<string, { re: T; im: T }>, gens: readonly SymmetryGenerator[], image: (key: string, g: SymmetryGenerator) => { key: string; sign: number }, tol: T,
): (1 | -1 | null)[] {
  const within = (x: T) => F.cmp(F.abs(x), tol) <= 0;
  return gens.map((g) => {
    let plus = true, minus = true;
    for (const [key, c] of exp) {
      if (!plus && !minus) break;
      const { key: ik, sign } = image(key, g);
      const d = exp.get(ik);
      const dr = d ? (sign === 1 ? d.re : F.neg(d.re)) : F.zero, di = d ? (sign === 1 ? d.im : F.neg(d.im)) : F.zero;
      if (plus && !(within(F.sub(dr, c.re)) && within(F.sub(di, c.im)))) plus = false;
      if (minus && !(within(F.add(dr, c.re)) && within(F.add(di, c.im)))) minus = false;
    }
    return plus ? 1 : minus ? -1 : null;
  });
}

/**
 * The signs of an operator on L equal sites of dimension d (model-language v2 sites, one species)
 * under the generators, decided over a field as {@link generatorSignsIn} decides them on qubits:
 * each product term is expanded in the matrix units |r><c| of its local factors (identity factors
 * dropped; on sites of dimension d > 2 the decimal.js engine's factors are matrix units already,
 * engine/precise evalSitesPrecise, and a d = 2 factor's entries are exact dyadic numbers), equal
 * keys summed. The translation and the reflection move the sites; the flip maps |r><c| to
 * |d-1-r><d-1-c| on every site (P M P with P the digit reversal v -> d-1-v: for a spin s, m -> -m).
 * The expansion is a representation of the operator, not necessarily its only one, so equal
 * coefficients prove the symmetry (the image is the same sum) while a form the image does not
 * match term for term only loses a symmetry (sound). Every entry null beyond {@link maxPauliExpansion}.
 */
export function siteGeneratorSignsIn<T>(F: Field<T>, L: number, d: number, terms: readonly FieldTerm<T>[], gens: readonly SymmetryGenerator[], tol: T): (1 | -1 | null)[] {
  const exp = new Map<string, { re: T; im: T }>();
  const budget = { left: maxPauliExpansion };
  for (const t of terms) {
    const factors: { site: number; entries: [number, number, T, T][] }[] = [];
    t.mats.forEach((m, k) => {
      if (isIdentity(m, d)) return;
      const entries: [number, number, T, T][] = [];
      for (let r = 0; r < d; r++) {
        for (let c = 0; c < d; c++) {
          const re = m[2 * (r * d + c)], im = m[2 * (r * d + c) + 1];
          if (re !== 0 || im !== 0) entries.push([r, c, F.fromNumber(re), F.fromNumber(im)]);
        }
      }
      factors.push({ site: t.sites[k], entries });
    });
    factors.sort((a, b) => a.site - b.site);
    const labelled = factors.map((f) => f.entries.map(([r, c, cr, ci]) => [`${f.site}:${r}.${c}`, cr, ci] as const));
    if (!addExpansion(F, exp, t, labelled, budget)) return gens.map(() => null);
  }
  return signsOfExpansion(F, exp, gens, (key, g) => ({ key: siteImageOf(key, g, L, d), sign: 1 }), tol);
}

/** True when a local operator of dimension d is exactly the identity. */
function isIdentity(m: Local, d: number): boolean {
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) if (m[2 * (r * d + c)] !== (r === c ? 1 : 0) || m[2 * (r * d + c) + 1] !== 0) return false;
  }
  return true;
}

/** The image of a matrix-unit key ("site:r.c,...", sites ascending) under a generator on L sites of dimension d. */
function siteImageOf(key: string, g: SymmetryGenerator, L: number, d: number): string {
  if (key === '') return key;
  const mapped = key.split(',').map((f): [number, number, number] => {
    const [s, rc] = f.split(':');
    const [r, c] = rc.split('.').map(Number);
    const site = Number(s);
    if (g === 'flip') return [site, d - 1 - r, d - 1 - c];
    return [g === 'reflection' ? L - 1 - site : (site + 1) % L, r, c];
  });
  mapped.sort((a, b) => a[0] - b[0]);
  return mapped.map(([s, r, c]) => `${s}:${r}.${c}`).join(',');
}

/** Which generators commute with an operator on L sites (the translation only for L >= 3, the reflection for L >= 2); null when its expansion is too large to decide. */
export function commutingGenerators(op: OpSum): SymmetryGenerator[] | null {
  const exp = pauliExpansion(op);
  if (exp === null) return null;
  const out: SymmetryGenerator[] = [];
  if (op.L >= 1 && generatorSign(exp, 'flip', op.L) === 1) out.push('flip');
  if (op.L >= 2 && generatorSign(exp, 'reflection', op.L) === 1) out.push('reflection');
  if (op.L >= 3 && generatorSign(exp, 'translation', op.L) === 1) out.push('translation');
  return out;
}

/**
 * The symmetry-adapted basis of G = <F>^f x C, C = <T> (order L), <R> (order 2) or trivial: orbits of
 * G on the d^L basis indices (d = 2: qubits; v2 sites of dimension d: base-d digits) and, per sector, the orbits that carry it. Sector s = f N + k (f the
 * flip character, (-1)^f; k the character of C's generator, exp(2 pi i k / N)); group element e =
 * a N + t is F^a C^t.
 */
export interface SectorBasis {
  readonly L: number;
  readonly n: number;
  readonly generators: readonly SymmetryGenerator[];
  /** |G|: 1 or 2 (flip) times N. */
  readonly order: number;
  /** Order N of the cyclic factor C (1 without reflection or translation). */
  readonly cyclic: number;
  readonly flip: boolean;
  readonly sectors: number;
  /** True when some character is complex (translation with N > 2). */
  readonly complex: boolean;
  /** Orbit of each basis index and the element that maps its orbit's representative to it. */
  readonly orbitOf: Int32Array;
  readonly elementOf: Int32Array;
  /** Orbit o's members are members[orbitStart[o] .. orbitStart[o + 1] - 1]. */
  readonly orbitStart: Int32Array;
  readonly members: Int32Array;
  /** New basis index of (sector s, orbit o) at s * orbits + o, -1 where the orbit does not carry s. */
  readonly newIndex: Int32Array;
  /** Sector and orbit of each new basis index (new indices run sector by sector). */
  readonly sectorOfNew: Int32Array;
  readonly orbitOfNew: Int32Array;
  /** Sector s's new indices are sectorStart[s] .. sectorStart[s + 1] - 1. */
  readonly sectorStart: Int32Array;
  /** chi_s(e) = chiRe[s * order + e] + i chiIm[...]. */
  readonly chiRe: Float64Array;
  readonly chiIm: Float64Array;
}

/** The basis of {@link SectorBasis} for the generators found (translation preferred over reflection). */
export function sectorBasis(L: number, generators: readonly SymmetryGenerator[], d = 2): SectorBasis {
  const n = d ** L;
  const flip = generators.includes('flip');
  const cyc: SymmetryGenerator | null = generators.includes('translation') ? 'translation' : generators.includes('reflection') ? 'reflection' : null;
  const N = cyc === 'translation' ? L : cyc === 'reflection' ? 2 : 1;
  const nf = flip ? 2 : 1;
  const order = nf * N;
  const mask = n - 1;
  const top = d ** (L - 1);
  // Base-d digits (bits for d = 2): the translation rotates them, the reflection reverses them, the
  // flip maps every digit v to d-1-v, i.e. i to n-1-i (i ^ mask for bits).
  const step = d === 2 ? (i: number): number => {
    if (cyc === 'translation') return (i >>> 1) | ((i & 1) << (L - 1));
    let r = 0;
    for (let b = 0; b < L; b++) if ((i >>> b) & 1) r |= 1 << (L - 1 - b);
    return r;
  } : (i: number): number => {
    if (cyc === 'translation') return Math.floor(i / d) + (i % d) * top;
    let r = 0;
    for (let b = 0, x = i; b < L; b++, x = Math.floor(x / d)) r = r * d + (x % d);
    return r;
  };
  const orbitOf = new Int32Array(n).fill(-1);
  const elementOf = new Int32Array(n);
  const members = new Int32Array(n);
  const starts: number[] = [0];
  // Per orbit, the bit set of the sectors it carries (stabiliser-trivial characters), as a list.
  const carries: Int32Array[] = [];
  const images = new Int32Array(order);
  let filled = 0;
  for (let r = 0; r < n; r++) {
    if (orbitOf[r] !== -1) continue;
    const o = carries.length;
    let x = r;
    for (let t = 0; t < N; t++) {
      images[t] = x;
      if (flip) images[N + t] = d === 2 ? x ^ mask : mask - x;
      x = N > 1 ? step(x) : x;
    }
    const stab: number[] = [];
    for (let e = 0; e < order; e++) {
      const j = images[e];
      if (j === r) stab.push(e);
      if (orbitOf[j] === -1) { orbitOf[j] = o; elementOf[j] = e; members[filled++] = j; }
    }
    starts.push(filled);
    // chi_{f,k}(a, t) = (-1)^(f a) exp(2 pi i k t / N) is 1 iff f a N + 2 k t = 0 mod 2N.
    const ok: number[] = [];
    for (let s = 0; s < order; s++) {
      const f = Math.floor(s / N), k = s % N;
      if (stab.every((e) => (f * Math.floor(e / N) * N + 2 * k * (e % N)) % (2 * N) === 0)) ok.push(s);
    }
    carries.push(Int32Array.from(ok));
  }
  const orbits = carries.length;
  const newIndex = new Int32Array(order * orbits).fill(-1);
  const sectorOfNew = new Int32Array(n), orbitOfNew = new Int32Array(n);
  const sectorStart = new Int32Array(order + 1);
  const perSector: number[][] = Array.from({ length: order }, () => []);
  for (let o = 0; o < orbits; o++) for (const s of carries[o]) perSector[s].push(o);
  let q = 0;
  for (let s = 0; s < order; s++) {
    sectorStart[s] = q;
    for (const o of perSector[s]) { newIndex[s * orbits + o] = q; sectorOfNew[q] = s; orbitOfNew[q] = o; q++; }
  }
  sectorStart[order] = q;
  const chiRe = new Float64Array(order * order), chiIm = new Float64Array(order * order);
  for (let s = 0; s < order; s++) {
    const f = Math.floor(s / N), k = s % N;
    for (let e = 0; e < order; e++) {
      const a = Math.floor(e / N), t = e % N;
      const sign = (f * a) % 2 === 0 ? 1 : -1;
      // exp(2 pi i m / N) with m = k t mod N: exact at m = 0 and m = N/2, cos/sin otherwise.
      const m = (k * t) % N;
      const [c, sn] = m === 0 ? [1, 0] : 2 * m === N ? [-1, 0] : [Math.cos((2 * Math.PI * m) / N), Math.sin((2 * Math.PI * m) / N)];
      chiRe[s * order + e] = sign * c;
      chiIm[s * order + e] = sign * sn;
    }
  }
  return {
    L, n, generators: [...(flip ? ['flip' as const] : []), ...(cyc ? [cyc] : [])], order, cyclic: N, flip, sectors: order, complex: N > 2,
    orbitOf, elementOf, orbitStart: Int32Array.from(starts), members, newIndex, sectorOfNew, orbitOfNew, sectorStart, chiRe, chiIm,
  };
}

/**
 * Per generator of the basis, how an operator transforms (+1, -1 or null: no definite sign), from
 * its Pauli expansion; null entries everywhere when the expansion is too large.
 */
export function operatorCharacter(op: OpSum, basis: SectorBasis): (1 | -1 | null)[] {
  const exp = pauliExpansion(op);
  return basis.generators.map((g) => (exp === null ? null : generatorSign(exp, g, basis.L)));
}

/**
 * The sectors chi_a an operator with the given signs connects sector chi_b to: chi_a(g) = lambda_g
 * chi_b(g) on each generator g of definite sign lambda_g (F: the flip character; R: the reflection
 * character; T: the momentum, shifted by N/2 for lambda = -1), every sector for the others.
 */
export function connectedSectors(basis: SectorBasis, signs: readonly (1 | -1 | null)[]): Int32Array[] {
  const N = basis.cyclic;
  const out: Int32Array[] = [];
  for (let b = 0; b < basis.sectors; b++) {
    const fb = Math.floor(b / N), kb = b % N;
    const ok: number[] = [];
    for (let a = 0; a < basis.sectors; a++) {
      const fa = Math.floor(a / N), ka = a % N;
      let allowed = true;
      basis.generators.forEach((g, i) => {
        const l = signs[i];
        if (l === null) return;
        if (g === 'flip') { if ((fa + (l === -1 ? 1 : 0)) % 2 !== fb) allowed = false; }
        // Reflection: chi(R) = (-1)^k with N = 2; translation with lambda = +1: k_a = k_b.
        else if (g === 'reflection') { if ((ka + (l === -1 ? 1 : 0)) % 2 !== kb) allowed = false; }
        // Translation: chi(T) = exp(2 pi i k / N); lambda = -1 needs k_a = k_b + N/2 (N even; for
        // N odd T^N = 1 forces A = -A = 0 and no pair is connected).
        else if (l === 1 ? ka !== kb : N % 2 !== 0 || ka !== (kb + N / 2) % N) allowed = false;
      });
      if (allowed) ok.push(a);
    }
    out.push(Int32Array.from(ok));
  }
  return out;
}

/** A matrix in the symmetry-adapted basis and the bound on the round-off of its entries. */
export interface SectorMatrix {
  readonly matrix: SparseMatrix;
  /**
   * Bound on ||fl(U^+ M U) - P(U^+ M U)||_2, P keeping the sector pairs computed: every entry is a
   * sum of at most K contributions chi_a(g_i) M_ij conj(chi_b(g_j)) / sqrt(|O_a| |O_b|), each within
   * gamma_{2 c + 12} of its value (two characters, each within c = 16 roundings of its exact value:
   * Math.cos and Math.sin are not correctly rounded, about 11 ulps at worst measured; two complex
   * products, a square root and a division), the sum within gamma_K more, so the error matrix is
   * entrywise below gamma_{K+44} S_ab (S the sums of the contributions' moduli) and its 2-norm
   * below sqrt(max row sum * max column sum) of that bound.
   */
  readonly roundoff: number;
}

/**
 * M' = U^+ M U in the basis of {@link SectorBasis}, only for the sector pairs (a, b) with a in
 * `targets[b]` (all pairs when omitted: the pairs left out are exact zeros of the result).
 */
export function toSectorBasis(basis: SectorBasis, M: SparseMatrix, targets?: readonly Int32Array[]): SectorMatrix {
  const { n, order, orbitOf, elementOf, orbitStart, members, newIndex, sectorOfNew, orbitOfNew, chiRe, chiIm } = basis;
  const orbits = orbitStart.length - 1;
  const all = Int32Array.from({ length: order }, (_, s) => s);
  const accRe = new Float64Array(n), accIm = new Float64Array(n), accAbs = new Float64Array(n), accCount = new Int32Array(n);
  const touched = new Int32Array(n);
  const colAbs = new Float64Array(n);
  const b = new TripletBuilder(n, Math.max(16, M.col.length * 2));
  let maxRow = 0;
  const rowAbs = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    // Row q = (sector sb, orbit ob): <u_q| M = |O_b|^(-1/2) sum_{j in O_b} chi_b(g_j) <j| M.
    const sb = sectorOfNew[q], ob = orbitOfNew[q];
    const tg = targets ? targets[sb] : all;
    const sizeB = orbitStart[ob + 1] - orbitStart[ob];
    let nt = 0;
    for (let m = orbitStart[ob]; m < orbitStart[ob + 1]; m++) {
      const j = members[m];
      const cbr = chiRe[sb * order + elementOf[j]], cbi = chiIm[sb * order + elementOf[j]];
      for (let p = M.rowPtr[j]; p < M.rowPtr[j + 1]; p++) {
        const i = M.col[p];
        const mr = M.re[p], mi = M.im[p];
        // chi_b(g_j) M_ji
        const wr = cbr * mr - cbi * mi, wi = cbr * mi + cbi * mr;
        const wabs = Math.hypot(mr, mi);
        const oi = orbitOf[i], ei = elementOf[i];
        const sizeA = orbitStart[oi + 1] - orbitStart[oi];
        const scale = 1 / Math.sqrt(sizeA * sizeB);
        for (let x = 0; x < tg.length; x++) {
          const sa = tg[x];
          const a = newIndex[sa * orbits + oi];
          if (a < 0) continue;
          // times conj(chi_a(g_i)) (|u_a> has conj(chi_a(g_i)) at i)
          const car = chiRe[sa * order + ei], cai = -chiIm[sa * order + ei];
          if (accCount[a] === 0) touched[nt++] = a;
          accRe[a] += (wr * car - wi * cai) * scale;
          accIm[a] += (wr * cai + wi * car) * scale;
          accAbs[a] += wabs * scale;
          accCount[a]++;
        }
      }
    }
    let rs = 0;
    for (let t = 0; t < nt; t++) {
      const a = touched[t];
      b.add(q, a, accRe[a], accIm[a]);
      const bound = gammaN(accCount[a] + 44) * accAbs[a];
      rs += bound;
      colAbs[a] += bound;
      accRe[a] = 0; accIm[a] = 0; accAbs[a] = 0; accCount[a] = 0;
    }
    rowAbs[q] = rs;
    if (rs > maxRow) maxRow = rs;
  }
  let maxCol = 0;
  for (let a = 0; a < n; a++) if (colAbs[a] > maxCol) maxCol = colAbs[a];
  return { matrix: b.build(), roundoff: Math.sqrt(maxRow * maxCol) };
}

/**
 * U^+ psi for a vector in the product basis, and the bound on its round-off relative to ||psi||:
 * each entry sums |O| <= |G| products (a character within 16 roundings, the product, the sum and
 * the scaling: within gamma_{|G|+24} of |O|^(-1/2) sum |psi_j| <= ||psi_O||), and each orbit gives
 * |O| entries, so the error is below sqrt(|G|) gamma_{|G|+24} ||psi||.
 */
export function vectorToSectorBasis(basis: SectorBasis, re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const { n, order, orbitStart, members, elementOf, sectorOfNew, orbitOfNew, chiRe, chiIm } = basis;
  const ore = new Float64Array(n), oim = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    const s = sectorOfNew[q], o = orbitOfNew[q];
    const scale = 1 / Math.sqrt(orbitStart[o + 1] - orbitStart[o]);
    let sr = 0, si = 0;
    for (let m = orbitStart[o]; m < orbitStart[o + 1]; m++) {
      const j = members[m];
      const pr = re[j], pi = im[j];
      if (pr === 0 && pi === 0) continue;
      // <u_q|psi> = |O|^(-1/2) sum_j chi_s(g_j) psi_j
      const cr = chiRe[s * order + elementOf[j]], ci = chiIm[s * order + elementOf[j]];
      sr += cr * pr - ci * pi;
      si += cr * pi + ci * pr;
    }
    ore[q] = sr * scale;
    oim[q] = si * scale;
  }
  return [ore, oim];
}

/** The relative round-off bound of {@link vectorToSectorBasis}. */
export function sectorVectorError(basis: SectorBasis): number {
  return Math.sqrt(basis.order) * gammaN(basis.order + 24);
}

/** The dimension of each sector. */
export function sectorDimensions(basis: SectorBasis): number[] {
  return Array.from({ length: basis.sectors }, (_, s) => basis.sectorStart[s + 1] - basis.sectorStart[s]);
}
