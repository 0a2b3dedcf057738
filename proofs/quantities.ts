/**
 * The quantities every step of the two limits talks about, for one model at one L, in Decimal:
 * per channel the weights q_w = <A(w)^+ A(w)>_rho by Bohr frequency, and from them each side of
 * each step. Computed from the precise engine's system (eigenspaces, A in the eigenbasis, state).
 */
import type { Decimal } from '../src/numeric/index.js';
import type { ModelSpec, LocatedExpr } from '../src/lang/index.js';
import { buildPreciseSystem, evaluateSystem, dissipatorCurrent, type PreciseSystem } from '../src/engine/index.js';

/** One channel's step quantities. */
export interface ChannelQuantities {
  /** J_alpha by the kernel, -sum_w w gamma(w) q_w. */
  readonly J: Decimal;
  /** sum_w |w| gamma(w) q_w over every Bohr frequency. */
  readonly absSum: Decimal;
  /** max over Omega of |w| gamma(w). */
  readonly omegaGammaMax: Decimal;
  /** max over Omega of |w| (DeltaE_eff of this channel). */
  readonly deltaE: Decimal;
  /** max |E_i - E_j| over elements of A above zero (w = 0 included): the smallest band A satisfies. */
  readonly band: Decimal;
  /** max over Omega of gamma(w). */
  readonly gammaMax: Decimal;
  /** min over Omega of gamma(w) (the hypothesis gamma >= 0). */
  readonly gammaMin: Decimal;
  /** sum over w in Omega of q_w. */
  readonly qOmega: Decimal;
  /** sum over every w (w = 0 included) of q_w = Tr[sum_w A(w)^+ A(w) rho]. */
  readonly qAll: Decimal;
  /** Tr[A^2 Pinch(rho)], computed directly from A^2 and the pinched state. */
  readonly pinchedA2: Decimal;
  /** Tr[A^2 rho] without the pinching. */
  readonly A2rho: Decimal;
  /** ||A||^2. */
  readonly normA2: Decimal;
  readonly normA: Decimal;
}

/** Everything the steps need, with the scale of their round-off. */
export interface Quantities {
  readonly model: string;
  readonly L: number;
  readonly digits: number;
  /** J by the kernel. */
  readonly J: Decimal;
  /** J = Tr[H_S D(rho)] by the dissipator, with the whole state. */
  readonly Jdissipator: Decimal;
  readonly channels: readonly ChannelQuantities[];
  readonly normH: Decimal;
  readonly width: Decimal;
  /** max over channels of gammaMax. */
  readonly Gamma: Decimal;
  /** max over channels of deltaE (the effective band). */
  readonly deltaE: Decimal;
  /** max over Bohr frequencies with a nonzero element of |E_i - E_j| (the smallest DeltaE the band condition holds for). */
  readonly band: Decimal;
  /** Absolute tolerance for comparing sides (round-off and eigenvector errors). */
  readonly tolerance: Decimal;
  /**
   * How far the eigen-decomposition is from exact (eigenvalue residual times ||A||): the spectral
   * projectors P_e, hence A(w) and [H_S, A(w)] = -w A(w), hold to this.
   */
  readonly eigenResidual: Decimal;
}

/**
 * The quantities of `model` at L, at `digits` digits.
 *
 * @throws PreciseNotApplicable where the precise engine does not reach
 */
export function quantitiesOf(model: ModelSpec, L: number, digits = 30, state: LocatedExpr | null = null): Quantities {
  const sys = buildPreciseSystem(model, L, digits, state ? { state } : {});
  return quantitiesOfSystem(sys);
}

/** The quantities of a precise system. */
export function quantitiesOfSystem(sys: PreciseSystem): Quantities {
  const D = sys.P.D;
  const zero = new D(0);
  const { energies, members, spaceOf } = sys.spaces;
  const nS = energies.length;
  const n = sys.dimension;
  let eigenResidual = zero;
  const channels = sys.channels.map((ch): ChannelQuantities => {
    // q[a * nS + b] = Tr[P_b rho P_b A P_a A P_b]: the weight of the pair (a <- b), w = E_b - E_a.
    const q = new Map<number, Decimal>();
    const add = (key: number, x: Decimal) => q.set(key, (q.get(key) ?? zero).plus(x));
    let A2rho = zero;
    for (const { weight, amp } of sys.state.vectors) {
      const full = new Map<number, { re: Decimal; im: Decimal }>();
      for (let b = 0; b < nS; b++) {
        const phi = new Map<number, { re: Decimal; im: Decimal }>();
        for (const j of members[b]) {
          const p = amp[j];
          if (p.re.isZero() && p.im.isZero()) continue;
          for (const [i, v] of ch.A.cols[j]) {
            const re = v.re.times(p.re).minus(v.im.times(p.im)), im = v.re.times(p.im).plus(v.im.times(p.re));
            const prev = phi.get(i);
            phi.set(i, prev ? { re: prev.re.plus(re), im: prev.im.plus(im) } : { re, im });
            const f = full.get(i);
            full.set(i, f ? { re: f.re.plus(re), im: f.im.plus(im) } : { re, im });
          }
        }
        for (const [i, v] of phi) add(spaceOf[i] * nS + b, v.re.pow(2).plus(v.im.pow(2)).times(weight));
      }
      // Tr[A^2 |psi><psi|] = ||A psi||^2, coherences between eigenspaces included.
      for (const v of full.values()) A2rho = A2rho.plus(v.re.pow(2).plus(v.im.pow(2)).times(weight));
    }
    if (sys.state.populations) {
      sys.state.populations.forEach((p, j) => {
        if (p.isZero()) return;
        for (const [i, v] of ch.A.cols[j]) {
          const x = v.re.pow(2).plus(v.im.pow(2)).times(p);
          add(spaceOf[i] * nS + spaceOf[j], x);
          A2rho = A2rho.plus(x);
        }
      });
    }
    // Omega: pairs a != b with an element above the engine's zero threshold.
    const omega = new Set<number>();
    const zero2 = ch.zero.pow(2);
    let band = zero;
    for (let j = 0; j < n; j++) {
      for (const [i, v] of ch.A.cols[j]) {
        const a = spaceOf[i], b = spaceOf[j];
        if (a === b) continue;
        if (v.re.pow(2).plus(v.im.pow(2)).gt(zero2)) {
          omega.add(a * nS + b);
          const w = energies[b].minus(energies[a]).abs();
          if (w.gt(band)) band = w;
        }
      }
    }
    let J = zero, absSum = zero, qOmega = zero, qAll = zero;
    let omegaGammaMax = zero, deltaE = zero, gammaMax = zero, gammaMin: Decimal | null = null;
    for (const [key, qw] of q) {
      const a = Math.floor(key / nS), b = key % nS;
      qAll = qAll.plus(qw);
      if (a === b) continue;
      const w = energies[b].minus(energies[a]);
      const g = ch.gamma(w);
      J = J.minus(w.times(g).times(qw));
      absSum = absSum.plus(w.abs().times(g).times(qw));
      if (omega.has(key)) qOmega = qOmega.plus(qw);
    }
    for (const key of omega) {
      const a = Math.floor(key / nS), b = key % nS;
      const w = energies[b].minus(energies[a]);
      const g = ch.gamma(w);
      if (w.abs().times(g).gt(omegaGammaMax)) omegaGammaMax = w.abs().times(g);
      if (w.abs().gt(deltaE)) deltaE = w.abs();
      if (g.gt(gammaMax)) gammaMax = g;
      if (gammaMin === null || g.lt(gammaMin)) gammaMin = g;
    }
    // Tr[A^2 Pinch rho] by another route: the matrix A^2 = A A first, then sum_b <P_b psi| A^2 |P_b psi>.
    const A2: Map<number, { re: Decimal; im: Decimal }>[] = [];
    for (let k = 0; k < n; k++) {
      const col = new Map<number, { re: Decimal; im: Decimal }>();
      for (const [i, v] of ch.A.cols[k]) {
        for (const [r, u] of ch.A.cols[i]) {
          const re = u.re.times(v.re).minus(u.im.times(v.im)), im = u.re.times(v.im).plus(u.im.times(v.re));
          const prev = col.get(r);
          col.set(r, prev ? { re: prev.re.plus(re), im: prev.im.plus(im) } : { re, im });
        }
      }
      A2.push(col);
    }
    let pinchedA2 = zero;
    for (const { weight, amp } of sys.state.vectors) {
      for (let b = 0; b < nS; b++) {
        // Re <v| A^2 |v> for v = P_b psi: sum_{r in b, k in b} conj(psi_r) (A^2)_rk psi_k
        for (const k of members[b]) {
          const p = amp[k];
          if (p.re.isZero() && p.im.isZero()) continue;
          for (const [r, u] of A2[k]) {
            if (spaceOf[r] !== b) continue;
            const x = amp[r];
            // conj(x) * u * p, real part
            const ur = u.re.times(p.re).minus(u.im.times(p.im)), ui = u.re.times(p.im).plus(u.im.times(p.re));
            pinchedA2 = pinchedA2.plus(x.re.times(ur).plus(x.im.times(ui)).times(weight));
          }
        }
      }
    }
    if (sys.state.populations) {
      sys.state.populations.forEach((p, j) => { if (!p.isZero()) pinchedA2 = pinchedA2.plus((A2[j].get(j)?.re ?? zero).times(p)); });
    }
    eigenResidual = D.max(eigenResidual, sys.residual.times(D.max(ch.norm.value, 1)));
    return {
      J, absSum, omegaGammaMax, deltaE, gammaMax, gammaMin: gammaMin ?? zero, qOmega, qAll, pinchedA2, A2rho,
      normA2: ch.norm.value.pow(2), normA: ch.norm.value, band,
    };
  });
  const r = evaluateSystem(sys);
  const sum = (f: (c: ChannelQuantities) => Decimal) => channels.reduce((s, c) => s.plus(f(c)), zero);
  const max = (f: (c: ChannelQuantities) => Decimal) => channels.reduce((s, c) => D.max(s, f(c)), zero);
  const scale = D.max(1, sum((c) => c.omegaGammaMax.times(c.normA2)), sys.normH.times(2).times(max((c) => c.gammaMax)).times(sum((c) => c.normA2)));
  return {
    model: sys.model, L: sys.L, digits: sys.P.digits,
    J: sum((c) => c.J), Jdissipator: dissipatorCurrent(sys), channels,
    normH: sys.normH, width: sys.width, Gamma: max((c) => c.gammaMax), deltaE: max((c) => c.deltaE),
    band: max((c) => c.band),
    tolerance: r.J.error.plus(sys.relError.times(scale)).plus(new D(10).pow(-sys.P.digits).times(scale).times(100)),
    eigenResidual,
  };
}
