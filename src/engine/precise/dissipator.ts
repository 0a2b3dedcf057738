/**
 * A second method for J: the trace Tr[H_S D(rho)] taken with the whole state (coherences between
 * eigenspaces included), term by term of the Davies generator,
 *
 *     J = sum_alpha sum_w gamma_alpha(w) ( gain_w - loss_w / 2 ),
 *     gain_w = Tr[H_S A(w) rho A(w)^+],   loss_w = Tr[H_S {A(w)^+ A(w), rho}],
 *
 * with A(w) = sum over eigenspace pairs (a, b), E_b - E_a = w, of P_a A P_b. It shares no code
 * with the kernel beyond the eigen-decomposition, so agreement of the two checks both, and it
 * shows that J depends on rho only through Pinch(rho).
 */
import type { Decimal } from '../../numeric/index.js';
import type { Cx, PreciseState } from '../../numeric/index.js';
import type { PreciseSystem } from './types.js';

/** Per channel: the gain and the full-anticommutator loss; J_alpha = gain - loss / 2. */
export interface DissipatorTerms {
  readonly gain: Decimal;
  readonly loss: Decimal;
}

/**
 * The gain and loss terms of every channel for the system's state (or `state` instead).
 */
export function dissipatorTerms(sys: PreciseSystem, state: PreciseState = sys.state): DissipatorTerms[] {
  const D = sys.P.D;
  const { energies, spaceOf, members } = sys.spaces;
  const nS = energies.length;
  const n = sys.dimension;
  const E = Array.from({ length: n }, (_, i) => energies[spaceOf[i]]);
  return sys.channels.map((ch) => {
    // Group eigenspace pairs (a, b) with A_ab != 0 by w = E_b - E_a.
    const pairsByW = new Map<string, { w: Decimal; pairs: Set<number> }>();
    for (let j = 0; j < n; j++) {
      for (const i of ch.A.cols[j].keys()) {
        const a = spaceOf[i], b = spaceOf[j];
        const w = energies[b].minus(energies[a]);
        const key = w.toSignificantDigits(Math.max(1, sys.P.digits - 5)).toString();
        let g = pairsByW.get(key);
        if (!g) { g = { w, pairs: new Set() }; pairsByW.set(key, g); }
        g.pairs.add(a * nS + b);
      }
    }
    let gain = new D(0), loss = new D(0);
    const apply = (psi: readonly Cx[], pairs: Set<number>, adjoint: boolean): Map<number, { re: Decimal; im: Decimal }> => {
      // A(w) psi (or A(w)^+ psi: the pairs reversed; A is Hermitian so A^+ = A by columns)
      const out = new Map<number, { re: Decimal; im: Decimal }>();
      for (const key of pairs) {
        const a = Math.floor(key / nS), b = key % nS;
        const [from, to] = adjoint ? [a, b] : [b, a];
        for (const j of members[from]) {
          const p = psi[j];
          if (!p || (p.re.isZero() && p.im.isZero())) continue;
          for (const [i, v] of ch.A.cols[j]) {
            if (spaceOf[i] !== to) continue;
            const re = v.re.times(p.re).minus(v.im.times(p.im)), im = v.re.times(p.im).plus(v.im.times(p.re));
            const prev = out.get(i);
            out.set(i, prev ? { re: prev.re.plus(re), im: prev.im.plus(im) } : { re, im });
          }
        }
      }
      return out;
    };
    const vectors = [...state.vectors];
    if (state.populations) {
      state.populations.forEach((p, i) => {
        if (p.isZero()) return;
        const amp: Cx[] = Array.from({ length: n }, (_, k) => ({ re: new D(k === i ? 1 : 0), im: new D(0) }));
        vectors.push({ weight: p, amp });
      });
    }
    for (const { w, pairs } of pairsByW.values()) {
      const g = ch.gamma(w);
      if (g.isZero()) continue;
      for (const { weight, amp } of vectors) {
        const phi = apply(amp, pairs, false);
        let t1 = new D(0);
        for (const [i, v] of phi) t1 = t1.plus(E[i].times(v.re.times(v.re).plus(v.im.times(v.im))));
        const dense: Cx[] = new Array(n);
        for (const [i, v] of phi) dense[i] = v;
        const chi = apply(dense, pairs, true);
        // Tr[H {A^+A, |psi><psi|}] = 2 Re <psi| H A^+ A |psi>, H diagonal in the eigenbasis.
        let t2 = new D(0);
        for (const [i, v] of chi) {
          const p = amp[i];
          t2 = t2.plus(E[i].times(p.re.times(v.re).plus(p.im.times(v.im))));
        }
        gain = gain.plus(g.times(weight).times(t1));
        loss = loss.plus(g.times(weight).times(t2).times(2));
      }
    }
    return { gain, loss };
  });
}

/** J by the dissipator: sum over channels of gain - loss / 2. */
export function dissipatorCurrent(sys: PreciseSystem, state: PreciseState = sys.state): Decimal {
  return dissipatorTerms(sys, state).reduce((s, t) => s.plus(t.gain).minus(t.loss.div(2)), new sys.P.D(0));
}

/** Pinch(rho): each pure component split into its eigenspace projections (coherences between eigenspaces removed). */
export function pinchState(sys: PreciseSystem, state: PreciseState = sys.state): PreciseState {
  const D = sys.P.D;
  const n = sys.dimension;
  const zero = new D(0);
  const vectors: { weight: Decimal; amp: Cx[] }[] = [];
  for (const { weight, amp } of state.vectors) {
    for (const m of sys.spaces.members) {
      let norm = zero;
      for (const i of m) norm = norm.plus(amp[i].re.times(amp[i].re)).plus(amp[i].im.times(amp[i].im));
      if (norm.isZero()) continue;
      const f = norm.sqrt();
      const part: Cx[] = Array.from({ length: n }, () => ({ re: zero, im: zero }));
      for (const i of m) part[i] = { re: amp[i].re.div(f), im: amp[i].im.div(f) };
      vectors.push({ weight: weight.times(norm), amp: part });
    }
  }
  return { vectors, populations: state.populations };
}
