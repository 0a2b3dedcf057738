/**
 * The steady state of the Davies generator. A unique steady state commutes with H_S, so it is
 * block diagonal over the eigenspaces: rho = (+)_a X_a. On that space the generator is
 *
 *   D(X)_a = sum_alpha [ sum_b gamma(E_b - E_a) A_ab X_b A_ba - 1/2 { K_a, X_a } ],
 *   K_a    = sum_alpha sum_c gamma(E_a - E_c) A_ac A_ca      (A_ab = P_a A P_b, w = 0 included)
 *
 * Non-degenerate spectra reduce to a classical rate equation; a birth-death chain (transitions only
 * between neighbouring levels, as for collective operators) is solved in O(n) for any size.
 * With several steady states and a start rho_0 (the language's steady(S); `down` for collective
 * models), the result is the long-time limit from rho_0: classical chains weight their closed
 * classes by absorption probabilities; in general the pinched start is projected onto the null
 * space along the left null vectors (the conserved quantities), see projectStart.
 */
import type { Spectrum } from './bath.js';
import type { ColumnSource } from './columns.js';
import type { EigenbasisState } from './davies.js';
import { bohrFrequencies, type Eigenspaces } from './eigenspaces.js';
import { eighHermitian, nullSpace } from './linalg/index.js';

/** Why no unique steady state could be found (the message names the cause). */
export class SteadyStateError extends Error {
  constructor(readonly reason: 'not-unique' | 'too-large' | 'negative-rate', message: string) {
    super(message);
    this.name = 'SteadyStateError';
  }
}

/** One dissipative channel: its operator in the eigenbasis and its spectrum. */
export interface SteadyChannel {
  readonly A: ColumnSource;
  readonly gamma: Spectrum;
}

/**
 * Where the evolution starts, for choosing among several steady states ("the one reached from"):
 * the populations of the eigen-indices, or a state in the eigenbasis (its coherences inside
 * degenerate eigenspaces matter when those are conserved). Only the pinched start
 * Pinch(rho_0) = sum_a P_a rho_0 P_a matters: the Davies evolution maps each Bohr-frequency sector
 * to itself, and the sectors w != 0 rotate at e^{-iwt}, so their time average vanishes.
 */
export type SteadyStart = Float64Array | EigenbasisState;

/** Populations of the eigen-indices of a start. */
function startPopulations(start: SteadyStart, n: number): Float64Array {
  if (start instanceof Float64Array) return start;
  const pop = start.populations ? Float64Array.from(start.populations) : new Float64Array(n);
  for (const v of start.vectors) for (let i = 0; i < n; i++) pop[i] += v.weight * (v.re[i] ** 2 + v.im[i] ** 2);
  return pop;
}

/** Largest dimension sum_a d_a^2 of the block-diagonal space solved densely. */
export const maxDenseSteady = 1024;

type Block = { re: Float64Array; im: Float64Array };

/**
 * The steady state, as an eigenbasis state (block eigenvectors with their weights).
 *
 * @param startState where the evolution starts, deciding among several steady states (null: they are an error)
 * @throws SteadyStateError when it is not unique and no start is given (naming the closed sets of
 *   levels), when the start cannot be projected, or when it is too large
 */
export function steadyState(spaces: Eigenspaces, channels: readonly SteadyChannel[], zero: number, startState: SteadyStart | null = null): EigenbasisState & { how: string } {
  const start = startState ? startPopulations(startState, spaces.energies.length) : null;
  const S = spaces.spaceEnergy.length;
  // E_b - E_a (from exact levels where the method has them, numeric/eigenspaces bohrFrequencies).
  const bohr = bohrFrequencies(spaces);
  const dims = Int32Array.from({ length: S }, (_, a) => spaces.start[a + 1] - spaces.start[a]);
  const local = new Int32Array(spaces.energies.length);
  for (let a = 0; a < S; a++) for (let q = spaces.start[a]; q < spaces.start[a + 1]; q++) local[spaces.members[q]] = q - spaces.start[a];

  // A degenerate spectrum needs the dense generator on sum_a dims_a^2 unknowns: refuse before the
  // blocks A_ab (dims_a x dims_b per channel, gigabytes for w0 sum Z at L = 16) are built.
  const degenerate = dims.some((d) => d > 1);
  const D = dims.reduce((s, d) => s + d * d, 0);
  if (degenerate && D > maxDenseSteady) {
    throw new SteadyStateError('too-large', `the steady state needs the Davies generator on ${D} block-diagonal unknowns (limit ${maxDenseSteady}); the spectrum has ${S} levels with degeneracies`);
  }

  // Rates between levels (population part), and the blocks A_ab per channel.
  const rates = new Map<number, number>(); // key a * S + b: rate b -> a
  const blocks: Map<number, Block>[] = channels.map(() => new Map());
  channels.forEach((ch, alpha) => {
    for (let j = 0; j < ch.A.n; j++) {
      const b = spaces.space[j];
      const c = ch.A.apply(j);
      for (let r = 0; r < c; r++) {
        const i = ch.A.rows[r];
        const a = spaces.space[i];
        const key = a * S + b;
        let blk = blocks[alpha].get(key);
        if (!blk) { blk = { re: new Float64Array(dims[a] * dims[b]), im: new Float64Array(dims[a] * dims[b]) }; blocks[alpha].set(key, blk); }
        blk.re[local[i] * dims[b] + local[j]] += ch.A.re[r];
        blk.im[local[i] * dims[b] + local[j]] += ch.A.im[r];
      }
    }
    for (const [key, blk] of blocks[alpha]) {
      const a = Math.floor(key / S), b = key % S;
      let w2 = 0;
      for (let p = 0; p < blk.re.length; p++) w2 += blk.re[p] ** 2 + blk.im[p] ** 2;
      if (Math.sqrt(w2) <= zero || a === b) continue;
      const g = ch.gamma(bohr(a, b));
      if (g > 0) rates.set(key, (rates.get(key) ?? 0) + g * w2);
    }
  });

  if (!degenerate) {
    // Initial populations per level, for choosing among closed classes ("the one reached from").
    let startLevels: Float64Array | null = null;
    if (start) {
      startLevels = new Float64Array(S);
      for (let i = 0; i < start.length; i++) startLevels[spaces.space[i]] += start[i];
    }
    const chain = birthDeath(S, rates, startLevels);
    if (chain) return populationsState(spaces, chain.p, chain.how);
  }
  if (!degenerate && D > maxDenseSteady) {
    // Too large for the dense generator: a birth-death chain in another order of the levels
    // (collective operators connect m and m +- 1, whose energies w0 m + chi m^2 are not in order).
    const chain = pathChain(S, rates, start ? levelPopulations(spaces, start, S) : null);
    if (chain) return populationsState(spaces, chain.p, chain.how);
  }
  if (D > maxDenseSteady) {
    throw new SteadyStateError('too-large', `the steady state needs the Davies generator on ${D} block-diagonal unknowns (limit ${maxDenseSteady}); the spectrum has ${S} levels${degenerate ? ' with degeneracies' : ''}`);
  }
  const offset = new Int32Array(S + 1);
  for (let a = 0; a < S; a++) offset[a + 1] = offset[a] + dims[a] * dims[a];
  const Mre = new Float64Array(D * D), Mim = new Float64Array(D * D);
  // Column (b, x, y) of the generator: the image of the unit matrix E_xy in block b.
  channels.forEach((ch, alpha) => {
    for (const [key, blk] of blocks[alpha]) {
      const a = Math.floor(key / S), b = key % S;
      const w = bohr(a, b);
      const g = a === b ? ch.gamma(0) : ch.gamma(w);
      if (g < 0) throw new SteadyStateError('negative-rate', `the spectrum is negative at a frequency the steady state needs: gamma(${a === b ? 0 : +w.toPrecision(6)}) = ${+g.toPrecision(6)}`);
      if (g === 0) continue;
      const da = dims[a], db = dims[b];
      // jump: X_a += g A_ab X_b A_ab^+  (A_ba = A_ab^+)
      for (let x = 0; x < db; x++) for (let y = 0; y < db; y++) {
        const col = offset[b] + x * db + y;
        for (let u = 0; u < da; u++) for (let v = 0; v < da; v++) {
          // (A E_xy A^+)_uv = A_ux conj(A_vy)
          const pr = blk.re[u * db + x], pi = blk.im[u * db + x];
          const qr = blk.re[v * db + y], qi = -blk.im[v * db + y];
          const row = offset[a] + u * da + v;
          Mre[row * D + col] += g * (pr * qr - pi * qi);
          Mim[row * D + col] += g * (pr * qi + pi * qr);
        }
      }
      // anticommutator: K_b += g A_ab^+ A_ab, applied as -1/2 (K X + X K) on block b
      const K = { re: new Float64Array(db * db), im: new Float64Array(db * db) };
      for (let x = 0; x < db; x++) for (let y = 0; y < db; y++) {
        let sr = 0, si = 0;
        for (let u = 0; u < da; u++) {
          const ar = blk.re[u * db + x], ai = -blk.im[u * db + x];
          const br = blk.re[u * db + y], bi = blk.im[u * db + y];
          sr += ar * br - ai * bi;
          si += ar * bi + ai * br;
        }
        K.re[x * db + y] = g * sr;
        K.im[x * db + y] = g * si;
      }
      for (let x = 0; x < db; x++) for (let y = 0; y < db; y++) {
        const col = offset[b] + x * db + y;
        for (let u = 0; u < db; u++) {
          // (K E_xy)_{u y} = K_ux ; (E_xy K)_{x u} = K_yu
          const r1 = offset[b] + u * db + y;
          Mre[r1 * D + col] -= 0.5 * K.re[u * db + x];
          Mim[r1 * D + col] -= 0.5 * K.im[u * db + x];
          const r2 = offset[b] + x * db + u;
          Mre[r2 * D + col] -= 0.5 * K.re[y * db + u];
          Mim[r2 * D + col] -= 0.5 * K.im[y * db + u];
        }
      }
    }
  });
  const ns = nullSpace(D, Mre, Mim);
  if (ns.basis.length !== 1 && !degenerate && startLevelsOf(start, spaces, S)) {
    // A classical chain with several closed classes: the steady state reached from `start`.
    const closed = closedClasses(S, rates);
    if (closed.length === ns.basis.length) return populationsState(spaces, markovFrom(S, rates, closed, startLevelsOf(start, spaces, S)!), `rate equation; ${closed.length} closed classes, weighted by absorption from the initial state`);
  }
  let v = ns.basis[0];
  let how = `null space of the Davies generator on ${D} block-diagonal unknowns`;
  if (ns.basis.length > 1 && startState) {
    v = projectStart(D, Mre, Mim, ns.basis, startCoordinates(spaces, dims, offset, startState));
    how = `null space of the Davies generator on ${D} block-diagonal unknowns: ${ns.basis.length} stationary states, the start projected onto them by as many conserved quantities (left null vectors)`;
  } else if (ns.basis.length !== 1) {
    const closed = closedClasses(S, rates);
    const why = closed.length > 1
      ? `the channels leave ${closed.length} closed sets of levels (energies ${closed.slice(0, 3).map((c) => `{${c.slice(0, 4).map((a) => spaces.spaceEnergy[a].toPrecision(6)).join(', ')}${c.length > 4 ? ', ...' : ''}}`).join(', ')}${closed.length > 3 ? ', ...' : ''}), each with its own steady state`
      : `the Davies generator has ${ns.basis.length} independent steady states (coherences inside degenerate eigenspaces are conserved)`;
    throw new SteadyStateError('not-unique', `the steady state is not unique: ${why}`);
  }
  // Normalise to unit trace and split each block into its eigenvectors.
  let tr = 0, ti = 0;
  for (let a = 0; a < S; a++) for (let x = 0; x < dims[a]; x++) { tr += v.re[offset[a] + x * dims[a] + x]; ti += v.im[offset[a] + x * dims[a] + x]; }
  const d2 = tr * tr + ti * ti;
  const vectors: { weight: number; re: Float64Array; im: Float64Array }[] = [];
  const n = spaces.energies.length;
  for (let a = 0; a < S; a++) {
    const da = dims[a];
    const bre = new Float64Array(da * da), bim = new Float64Array(da * da);
    for (let p = 0; p < da * da; p++) {
      const xr = v.re[offset[a] + p], xi = v.im[offset[a] + p];
      bre[p] = (xr * tr + xi * ti) / d2;
      bim[p] = (xi * tr - xr * ti) / d2;
    }
    for (let x = 0; x < da; x++) for (let y = x + 1; y < da; y++) {
      const r = (bre[x * da + y] + bre[y * da + x]) / 2, i = (bim[x * da + y] - bim[y * da + x]) / 2;
      bre[x * da + y] = r; bim[x * da + y] = i; bre[y * da + x] = r; bim[y * da + x] = -i;
    }
    for (let x = 0; x < da; x++) bim[x * da + x] = 0;
    const eig = eighHermitian(da, bre, bim, { vectors: true });
    for (let q = 0; q < da; q++) {
      const wgt = eig.values[q];
      if (Math.abs(wgt) <= 1e-15) continue;
      const re = new Float64Array(n), im = new Float64Array(n);
      for (let x = 0; x < da; x++) {
        const idx = spaces.members[spaces.start[a] + x];
        re[idx] = eig.vre[x * da + q];
        im[idx] = eig.vim[x * da + q];
      }
      vectors.push({ weight: wgt, re, im });
    }
  }
  return { vectors, populations: null, how };
}

/** Coordinates of the pinched start on the block-diagonal unknowns ((X_a)_xy at offset[a] + x d_a + y). */
function startCoordinates(spaces: Eigenspaces, dims: Int32Array, offset: Int32Array, start: SteadyStart): { re: Float64Array; im: Float64Array } {
  const S = dims.length;
  const re = new Float64Array(offset[S]), im = new Float64Array(offset[S]);
  const pop = start instanceof Float64Array ? start : start.populations;
  if (pop) for (let a = 0; a < S; a++) for (let x = 0; x < dims[a]; x++) re[offset[a] + x * dims[a] + x] += pop[spaces.members[spaces.start[a] + x]];
  if (start instanceof Float64Array) return { re, im };
  for (const v of start.vectors) {
    for (let a = 0; a < S; a++) {
      const da = dims[a];
      for (let x = 0; x < da; x++) {
        const i = spaces.members[spaces.start[a] + x];
        const pr = v.re[i], pi = v.im[i];
        if (pr === 0 && pi === 0) continue;
        for (let y = 0; y < da; y++) {
          const j = spaces.members[spaces.start[a] + y];
          // w psi_i conj(psi_j)
          re[offset[a] + x * da + y] += v.weight * (pr * v.re[j] + pi * v.im[j]);
          im[offset[a] + x * da + y] += v.weight * (pi * v.re[j] - pr * v.im[j]);
        }
      }
    }
  }
  return { re, im };
}

/**
 * The long-time limit from x0 when the generator M (D x D, complex) has k > 1 null vectors r_1..r_k:
 * with left null vectors l_1..l_k (l^T M = 0: conserved quantities, Tr[l rho(t)] constant),
 * rho_inf = sum_c c_c r_c with sum_c (l_b^T r_c) c_c = l_b^T x0. This is the projection onto the
 * kernel along the range (the zero eigenvalue of a generator of bounded semigroup is semisimple),
 * i.e. lim_t e^{tM} x0, or its time average when other eigenvalues lie on the imaginary axis.
 *
 * @throws SteadyStateError when the left and right null spaces differ in dimension or pair singularly
 */
function projectStart(D: number, Mre: Float64Array, Mim: Float64Array, right: readonly { re: Float64Array; im: Float64Array }[], x0: { re: Float64Array; im: Float64Array }): { re: Float64Array; im: Float64Array } {
  const Tre = new Float64Array(D * D), Tim = new Float64Array(D * D);
  for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) { Tre[j * D + i] = Mre[i * D + j]; Tim[j * D + i] = Mim[i * D + j]; }
  const left = nullSpace(D, Tre, Tim).basis;
  const k = right.length;
  if (left.length !== k) {
    throw new SteadyStateError('not-unique', `the steady state reached from the start could not be decided: the Davies generator has ${k} steady states but ${left.length} conserved quantities at the rank tolerance (nearly degenerate null space)`);
  }
  // Bilinear pairings (no conjugation: l^T r).
  const dot = (l: { re: Float64Array; im: Float64Array }, r: { re: Float64Array; im: Float64Array }): [number, number] => {
    let sr = 0, si = 0;
    for (let i = 0; i < D; i++) { sr += l.re[i] * r.re[i] - l.im[i] * r.im[i]; si += l.re[i] * r.im[i] + l.im[i] * r.re[i]; }
    return [sr, si];
  };
  const Gre = new Float64Array(k * k), Gim = new Float64Array(k * k), bre = new Float64Array(k), bim = new Float64Array(k);
  for (let b = 0; b < k; b++) {
    for (let c = 0; c < k; c++) { const [gr, gi] = dot(left[b], right[c]); Gre[b * k + c] = gr; Gim[b * k + c] = gi; }
    const [xr, xi] = dot(left[b], x0);
    bre[b] = xr; bim[b] = xi;
  }
  const c = solveComplex(k, Gre, Gim, bre, bim);
  if (!c) throw new SteadyStateError('not-unique', `the steady state reached from the start could not be decided: the ${k} conserved quantities and the ${k} steady states pair singularly (the zero eigenvalue looks defective at float64 precision)`);
  const out = { re: new Float64Array(D), im: new Float64Array(D) };
  for (let q = 0; q < k; q++) {
    const cr = c.re[q], ci = c.im[q];
    for (let i = 0; i < D; i++) {
      out.re[i] += cr * right[q].re[i] - ci * right[q].im[i];
      out.im[i] += cr * right[q].im[i] + ci * right[q].re[i];
    }
  }
  return out;
}

/** Solves G c = b (complex, k x k) by Gaussian elimination with partial pivoting; null when singular. */
function solveComplex(k: number, Gre0: Float64Array, Gim0: Float64Array, bre0: Float64Array, bim0: Float64Array): { re: Float64Array; im: Float64Array } | null {
  const Gre = Gre0.slice(), Gim = Gim0.slice(), bre = bre0.slice(), bim = bim0.slice();
  let scale = 0;
  for (let p = 0; p < k * k; p++) scale = Math.max(scale, Math.hypot(Gre[p], Gim[p]));
  for (let col = 0; col < k; col++) {
    let p = col, best = -1;
    for (let i = col; i < k; i++) { const a = Math.hypot(Gre[i * k + col], Gim[i * k + col]); if (a > best) { best = a; p = i; } }
    // The pairing of orthonormal bases of dual null spaces: a pivot at round-off means singular.
    if (!(best > 1e-10 * scale)) return null;
    if (p !== col) {
      for (let j = 0; j < k; j++) {
        let t = Gre[col * k + j]; Gre[col * k + j] = Gre[p * k + j]; Gre[p * k + j] = t;
        t = Gim[col * k + j]; Gim[col * k + j] = Gim[p * k + j]; Gim[p * k + j] = t;
      }
      let t = bre[col]; bre[col] = bre[p]; bre[p] = t;
      t = bim[col]; bim[col] = bim[p]; bim[p] = t;
    }
    const dr = Gre[col * k + col], di = Gim[col * k + col], d2 = dr * dr + di * di;
    for (let i = col + 1; i < k; i++) {
      const ar = Gre[i * k + col], ai = Gim[i * k + col];
      if (ar === 0 && ai === 0) continue;
      const fr = (ar * dr + ai * di) / d2, fi = (ai * dr - ar * di) / d2;
      for (let j = col; j < k; j++) {
        const xr = Gre[col * k + j], xi = Gim[col * k + j];
        Gre[i * k + j] -= fr * xr - fi * xi;
        Gim[i * k + j] -= fr * xi + fi * xr;
      }
      bre[i] -= fr * bre[col] - fi * bim[col];
      bim[i] -= fr * bim[col] + fi * bre[col];
    }
  }
  const xr = new Float64Array(k), xi = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sr = bre[i], si = bim[i];
    for (let j = i + 1; j < k; j++) {
      sr -= Gre[i * k + j] * xr[j] - Gim[i * k + j] * xi[j];
      si -= Gre[i * k + j] * xi[j] + Gim[i * k + j] * xr[j];
    }
    const dr = Gre[i * k + i], di = Gim[i * k + i], d2 = dr * dr + di * di;
    xr[i] = (sr * dr + si * di) / d2;
    xi[i] = (si * dr - sr * di) / d2;
  }
  return { re: xr, im: xi };
}

function populationsState(spaces: Eigenspaces, p: Float64Array, how: string): EigenbasisState & { how: string } {
  const pop = new Float64Array(spaces.energies.length);
  for (let a = 0; a < p.length; a++) pop[spaces.members[spaces.start[a]]] = p[a];
  return { vectors: [], populations: pop, how };
}

/** The start's populations per level (eigenspace). */
function levelPopulations(spaces: Eigenspaces, start: Float64Array, S: number): Float64Array {
  const out = new Float64Array(S);
  for (let i = 0; i < start.length; i++) out[spaces.space[i]] += start[i];
  return out;
}

/**
 * A birth-death chain in the order of its own paths: when the rates join every level to at most
 * two others and no cycle closes, the levels are relabelled along the paths (one after another)
 * and solved as {@link birthDeath}; null otherwise.
 */
function pathChain(S: number, rates: Map<number, number>, start: Float64Array | null): { p: Float64Array; how: string } | null {
  const nb: number[][] = Array.from({ length: S }, () => []);
  for (const key of rates.keys()) {
    const a = Math.floor(key / S), b = key % S;
    if (!nb[a].includes(b)) nb[a].push(b);
    if (!nb[b].includes(a)) nb[b].push(a);
  }
  if (nb.some((x) => x.length > 2)) return null;
  const order: number[] = [];
  const seen = new Uint8Array(S);
  const walk = (from: number): void => {
    let prev = -1, cur = from;
    while (cur >= 0 && !seen[cur]) {
      seen[cur] = 1;
      order.push(cur);
      const next = nb[cur].find((x) => x !== prev && !seen[x]);
      prev = cur;
      cur = next ?? -1;
    }
  };
  // Paths from their ends (degree < 2) first; what is left has every level of degree 2: cycles.
  for (let a = 0; a < S; a++) if (!seen[a] && nb[a].length < 2) walk(a);
  if (order.length < S) return null;
  const pos = new Int32Array(S);
  order.forEach((lvl, i) => { pos[lvl] = i; });
  const relabelled = new Map<number, number>();
  for (const [key, r] of rates) relabelled.set(pos[Math.floor(key / S)] * S + pos[key % S], r);
  const chain = birthDeath(S, relabelled, start && Float64Array.from(order, (lvl) => start[lvl]), (lo, hi) => order.slice(lo, hi + 1).join(' '));
  if (!chain) return null;
  const p = new Float64Array(S);
  order.forEach((lvl, i) => { p[lvl] = chain.p[i]; });
  return { p, how: `${chain.how} (levels in the order of the chain)` };
}

/**
 * Stationary distribution of a birth-death chain on levels 0..S-1 (energy order), or null when the
 * rates connect non-neighbouring levels. `levels` names a closed set of levels lo..hi in messages.
 */
function birthDeath(S: number, rates: Map<number, number>, start: Float64Array | null, levels: (lo: number, hi: number) => string = (lo, hi) => `${lo}..${hi}`): { p: Float64Array; how: string } | null {
  const up = new Float64Array(Math.max(0, S - 1)), down = new Float64Array(Math.max(0, S - 1));
  for (const [key, r] of rates) {
    const a = Math.floor(key / S), b = key % S; // b -> a
    if (Math.abs(a - b) !== 1) return null;
    if (a === b + 1) up[b] += r; else down[a] += r;
  }
  // Closed segments: maximal runs joined by two-way edges whose boundary edges point inwards.
  const segments: [number, number][] = [];
  let s0 = 0;
  for (let e = 0; e <= S - 1; e++) {
    const end = e === S - 1 || !(up[e] > 0 && down[e] > 0);
    if (!end) continue;
    segments.push([s0, e]);
    s0 = e + 1;
  }
  const closed = segments.filter(([lo, hi]) => (lo === 0 || !(down[lo - 1] > 0)) && (hi === S - 1 || !(up[hi] > 0)));
  const stationary = ([lo, hi]: [number, number]): Float64Array => {
    const logp = new Float64Array(S).fill(-Infinity);
    logp[lo] = 0;
    for (let a = lo; a < hi; a++) logp[a + 1] = logp[a] + Math.log(up[a]) - Math.log(down[a]);
    let mx = -Infinity;
    for (let a = lo; a <= hi; a++) mx = Math.max(mx, logp[a]);
    const p = new Float64Array(S);
    let z = 0;
    for (let a = lo; a <= hi; a++) { p[a] = Math.exp(logp[a] - mx); z += p[a]; }
    for (let a = lo; a <= hi; a++) p[a] /= z;
    return p;
  };
  if (closed.length === 1) return { p: stationary(closed[0]), how: 'birth-death chain' };
  if (!start) {
    throw new SteadyStateError('not-unique', `the steady state is not unique: the channels leave ${closed.length} closed sets of levels (level indices ${closed.map(([a, b]) => levels(a, b)).join(', ')}), each with its own steady state`);
  }
  // The steady state reached from `start`: each closed class weighted by the probability that the
  // chain, started there, is absorbed in it (a birth-death walk can only reach its nearest closed
  // classes on either side).
  const weight = new Float64Array(closed.length);
  const classOf = (lvl: number) => closed.findIndex(([lo, hi]) => lvl >= lo && lvl <= hi);
  for (let lvl = 0; lvl < S; lvl++) {
    const m = start[lvl];
    if (!(m > 0)) continue;
    const c = classOf(lvl);
    if (c >= 0) { weight[c] += m; continue; }
    const left = closed.map((x, k) => [x, k] as const).filter(([[, hi]]) => hi < lvl).pop();
    const right = closed.map((x, k) => [x, k] as const).find(([[lo]]) => lo > lvl);
    if (!left || !right) { weight[(left ?? right)![1]] += m; continue; }
    // h(x) = P(absorbed right | x) on the transient levels l+1..r-1, h(l) = 0, h(r) = 1:
    // (up + down) h(x) = up h(x+1) + down h(x-1), solved by the Thomas algorithm.
    const l = left[0][1], r = right[0][0];
    const n = r - l - 1;
    const cp = new Float64Array(n), dp = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = l + 1 + i;
      const u = up[x], d = down[x - 1];
      const diag = u + d, lower = -d, upper = -u;
      const rhs = x + 1 === r ? u : 0;
      const denom = i === 0 ? diag : diag - lower * cp[i - 1];
      cp[i] = upper / denom;
      dp[i] = (rhs - (i === 0 ? 0 : lower * dp[i - 1])) / denom;
    }
    const h = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) h[i] = dp[i] - (i < n - 1 ? cp[i] * h[i + 1] : 0);
    const hr = h[lvl - l - 1];
    weight[right[1]] += m * hr;
    weight[left[1]] += m * (1 - hr);
  }
  const p = new Float64Array(S);
  closed.forEach((c, k) => { if (weight[k] > 0) { const q = stationary(c); for (let a = 0; a < S; a++) p[a] += weight[k] * q[a]; } });
  let z = 0;
  for (let a = 0; a < S; a++) z += p[a];
  for (let a = 0; a < S; a++) p[a] /= z;
  return { p, how: `birth-death chain; ${closed.length} closed classes, weighted by absorption from the initial state` };
}

function startLevelsOf(start: Float64Array | null, spaces: Eigenspaces, S: number): Float64Array | null {
  if (!start) return null;
  const out = new Float64Array(S);
  for (let i = 0; i < start.length; i++) out[spaces.space[i]] += start[i];
  return out;
}

/**
 * The stationary distribution of a finite Markov chain (rates b -> a keyed a*S+b) reached from the
 * initial distribution `start`: each closed class's own stationary distribution, weighted by the
 * probability of absorption in it, h = solution of Q_TT h = -Q_TC 1 on the transient levels.
 */
function markovFrom(S: number, rates: Map<number, number>, closed: number[][], start: Float64Array): Float64Array {
  const classOf = new Int32Array(S).fill(-1);
  closed.forEach((c, k) => c.forEach((a) => { classOf[a] = k; }));
  const transient = Array.from({ length: S }, (_, a) => a).filter((a) => classOf[a] < 0);
  const tIndex = new Map(transient.map((a, i) => [a, i]));
  const out = new Float64Array(S);
  const rate = (from: number, to: number) => rates.get(to * S + from) ?? 0;
  const weights = closed.map(() => 0);
  // Absorption probabilities by dense solves (the dense steady path is small).
  const nT = transient.length;
  const absorb: Float64Array[] = closed.map((c) => {
    if (nT === 0) return new Float64Array(0);
    const M = new Float64Array(nT * nT), rhs = new Float64Array(nT);
    transient.forEach((x, i) => {
      let outRate = 0;
      for (let y = 0; y < S; y++) if (y !== x) outRate += rate(x, y);
      M[i * nT + i] = outRate;
      for (let y = 0; y < S; y++) {
        if (y === x) continue;
        const r = rate(x, y);
        if (r === 0) continue;
        const j = tIndex.get(y);
        if (j !== undefined) M[i * nT + j] -= r;
        else if (c.includes(y)) rhs[i] += r;
      }
    });
    return solveDense(nT, M, rhs);
  });
  for (let a = 0; a < S; a++) {
    const m = start[a];
    if (!(m > 0)) continue;
    if (classOf[a] >= 0) { weights[classOf[a]] += m; continue; }
    closed.forEach((_, k) => { weights[k] += m * absorb[k][tIndex.get(a)!]; });
  }
  closed.forEach((c, k) => {
    if (!(weights[k] > 0)) return;
    // The class's stationary distribution: the null vector of its restricted generator.
    const n = c.length;
    const re = new Float64Array(n * n), im = new Float64Array(n * n);
    c.forEach((a, i) => c.forEach((b, j) => { if (i !== j) { re[i * n + j] += rate(b, a); re[j * n + j] -= rate(b, a); } }));
    const v = nullSpace(n, re, im).basis[0];
    let z = 0;
    for (let i = 0; i < n; i++) z += v.re[i];
    c.forEach((a, i) => { out[a] += (weights[k] * v.re[i]) / z; });
  });
  return out;
}

/** Solves M x = b by Gaussian elimination with partial pivoting (small dense systems). */
function solveDense(n: number, M: Float64Array, b: Float64Array): Float64Array {
  const A = M.slice(), x = b.slice();
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i * n + k]) > Math.abs(A[p * n + k])) p = i;
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = A[k * n + j]; A[k * n + j] = A[p * n + j]; A[p * n + j] = t; }
      const t = x[k]; x[k] = x[p]; x[p] = t;
    }
    const d = A[k * n + k];
    if (d === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const f = A[i * n + k] / d;
      if (f === 0) continue;
      for (let j = k; j < n; j++) A[i * n + j] -= f * A[k * n + j];
      x[i] -= f * x[k];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    let sum = x[k];
    for (let j = k + 1; j < n; j++) sum -= A[k * n + j] * x[j];
    x[k] = A[k * n + k] === 0 ? 0 : sum / A[k * n + k];
  }
  return x;
}

/** Closed communicating classes of the rate graph (levels as nodes). */
function closedClasses(S: number, rates: Map<number, number>): number[][] {
  const adj: number[][] = Array.from({ length: S }, () => []);
  for (const key of rates.keys()) { const a = Math.floor(key / S), b = key % S; adj[b].push(a); }
  return closedCommunicatingClasses(adj);
}

/**
 * The closed communicating classes of a directed graph given by adjacency lists (adj[b] lists the
 * a with an edge b -> a): the sets of nodes that reach each other and nothing outside.
 */
export function closedCommunicatingClasses(adj: readonly (readonly number[])[]): number[][] {
  const S = adj.length;
  // Reachability by DFS from each node (S is small here: the dense path).
  const reach = adj.map((_, s) => {
    const seen = new Uint8Array(S); const stack = [s]; seen[s] = 1;
    while (stack.length) { const x = stack.pop()!; for (const y of adj[x]) if (!seen[y]) { seen[y] = 1; stack.push(y); } }
    return seen;
  });
  const classes: number[][] = [];
  const done = new Uint8Array(S);
  for (let s = 0; s < S; s++) {
    if (done[s]) continue;
    const cls: number[] = [];
    for (let t = 0; t < S; t++) if (reach[s][t] && reach[t][s]) { cls.push(t); done[t] = 1; }
    if (cls.every((x) => adj[x].every((y) => reach[s][y] && reach[y][s]))) classes.push(cls);
  }
  return classes;
}
