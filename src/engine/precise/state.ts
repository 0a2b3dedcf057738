/**
 * States in Decimal, in the product basis: the Decimal instance of the one realisation
 * (engine/states `realiseIn`; on v2 sites `realiseOnSitesIn`, mixed radix), the state expression's parameters (theta, phi, T, p) evaluated at
 * the working precision; random(seed) and mixed(seed) are the float64 draws (they define the
 * state), renormalised in Decimal.
 */
import type { Decimal } from '../../numeric/index.js';
import type { Expr } from '../../lang/index.js';
import { type Origin } from '../../lang/index.js';
import { evalRealPrecise, type DecimalCtor, type PreciseScope, type SiteLayout } from '../../symbolic/index.js';
import { popcount, realiseIn, realiseOnSitesIn, type ProductVectors, type StateParameters, type StateSpec } from '../states.js';
import { decimalElementary, type Cx } from '../../numeric/index.js';

/** A state as weighted pure vectors (product basis) plus weighted functions of H_S. */
export interface PreciseRealisedState {
  readonly vectors: { weight: Decimal; amp: Cx[] }[];
  readonly functions: { weight: Decimal; f: { kind: 'ground' | 'top' } | { kind: 'thermal'; T: Decimal } }[];
  /** Weight of `steady` (0 if none), realised from the system's generator. */
  readonly steadyWeight: Decimal;
  /** steady(S) parts: weight and the realised start S (absent: none). */
  readonly steadyFrom?: readonly { readonly weight: Decimal; readonly start: PreciseRealisedState }[];
}

/** Decimal vectors: an array of complex amplitudes; the float64 draws renormalised in Decimal. */
function preciseVectors(D: DecimalCtor): ProductVectors<Decimal, { amp: Cx[] }> {
  const F = decimalElementary(D);
  return {
    F,
    at(n, entries) {
      const amp: Cx[] = Array.from({ length: n }, () => ({ re: F.zero, im: F.zero }));
      for (const [i, a] of entries) amp[i] = { re: a, im: F.zero };
      return { amp };
    },
    byDowns: (L, amps) => ({ amp: Array.from({ length: 2 ** L }, (_, i) => amps[popcount(i)]) }),
    drawn(r) {
      const vectors = r.vectors.map((v) => {
        let norm = new D(0);
        const amp: Cx[] = [];
        for (let i = 0; i < v.re.length; i++) {
          const re = new D(v.re[i]), im = new D(v.im[i]);
          norm = norm.plus(re.times(re)).plus(im.times(im));
          amp.push({ re, im });
        }
        const f = norm.sqrt();
        return { weight: new D(v.weight), amp: amp.map((a) => ({ re: a.re.div(f), im: a.im.div(f) })) };
      });
      const total = vectors.reduce((s, v) => s.plus(v.weight), new D(0));
      return { vectors: vectors.map((v) => ({ ...v, weight: v.weight.div(total) })), functions: [], steadyWeight: F.zero };
    },
  };
}

/** The parameters of the state expression `e`, evaluated in Decimal. */
export function preciseParameters(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope): StateParameters<Decimal> {
  const arg = (i: number): Expr => (e.kind === 'call' ? e.args[i] : e);
  return {
    origin,
    node: e,
    real: (i, what) => evalRealPrecise(D, origin, arg(i), scope, what),
    child: (i) => preciseParameters(D, origin, arg(i), scope),
  };
}

/**
 * The state `spec` (already checked by evalState) with Decimal parameters read from `e`.
 */
export function realisePrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, spec: StateSpec, L: number): PreciseRealisedState {
  return realiseIn(preciseVectors(D), preciseParameters(D, origin, e, scope), spec, L);
}

/**
 * The state `spec` on v2 sites (the product basis of prod dims, mixed radix: engine/states
 * realiseOnSitesIn) with Decimal parameters read from `e`.
 */
export function realisePreciseOnSites(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, spec: StateSpec, layout: SiteLayout): PreciseRealisedState {
  return realiseOnSitesIn(preciseVectors(D), preciseParameters(D, origin, e, scope), spec, layout);
}
