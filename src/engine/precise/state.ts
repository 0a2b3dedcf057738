/**
 * States in Decimal, in the product basis: the state expression's parameters (theta, phi, T, p)
 * evaluated at the working precision; random(seed) and mixed(seed) are the float64 draws of
 * engine/states (they define the state), renormalised in Decimal.
 */
import type { Decimal } from 'decimal.js';
import type { Expr } from '../../lang/index.js';
import { type Origin } from '../../lang/index.js';
import { evalRealPrecise, type DecimalCtor, type PreciseScope } from '../../symbolic/index.js';
import { realiseProduct, type StateSpec } from '../states.js';
import type { Cx } from '../../numeric/index.js';

/** A state as weighted pure vectors (product basis) plus weighted functions of H_S. */
export interface PreciseRealisedState {
  readonly vectors: { weight: Decimal; amp: Cx[] }[];
  readonly functions: { weight: Decimal; f: { kind: 'ground' | 'top' } | { kind: 'thermal'; T: Decimal } }[];
  /** Weight of `steady` (0 if none), realised from the system's generator. */
  readonly steadyWeight: Decimal;
  /** steady(S) parts: weight and the realised start S (absent: none). */
  readonly steadyFrom?: readonly { readonly weight: Decimal; readonly start: PreciseRealisedState }[];
}

/**
 * The state `spec` (already checked by evalState) with Decimal parameters read from `e`.
 */
export function realisePrecise(D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, spec: StateSpec, L: number): PreciseRealisedState {
  const n = 2 ** L;
  const zero = new D(0), one = new D(1);
  const pure = (amp: Cx[]): PreciseRealisedState => ({ vectors: [{ weight: one, amp }], functions: [], steadyWeight: zero });
  const basis = (entries: [number, Decimal][]): PreciseRealisedState => {
    const amp: Cx[] = Array.from({ length: n }, () => ({ re: zero, im: zero }));
    for (const [i, a] of entries) amp[i] = { re: a, im: zero };
    return pure(amp);
  };
  const arg = (i: number): Expr => (e.kind === 'call' ? e.args[i] : e);
  switch (spec.kind) {
    case 'up': return basis([[0, one]]);
    case 'down': return basis([[n - 1, one]]);
    case 'ghz': return basis([[0, one.div(2).sqrt()], [n - 1, one.div(2).sqrt()]]);
    case 'basis': {
      let idx = 0;
      for (let k = 0; k < L; k++) if (spec.bits[k] === 'd') idx |= 1 << (L - 1 - k);
      return basis([[idx, one]]);
    }
    case 'w': case 'dicke': {
      const ups = spec.kind === 'dicke' ? spec.n : 1;
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if (L - popcount(i) === ups) idx.push(i);
      const a = one.div(idx.length).sqrt();
      return basis(idx.map((i) => [i, a]));
    }
    case 'product': {
      const theta = evalRealPrecise(D, origin, arg(0), scope, 'theta');
      const phi = evalRealPrecise(D, origin, arg(1), scope, 'phi');
      const cu = theta.div(2).cos(), sd = theta.div(2).sin();
      const amp: Cx[] = [];
      for (let i = 0; i < n; i++) {
        const downs = popcount(i);
        const mag = cu.pow(L - downs).times(sd.pow(downs));
        const ph = phi.times(downs);
        amp.push({ re: mag.times(ph.cos()), im: mag.times(ph.sin()) });
      }
      return pure(amp);
    }
    case 'ground': case 'top':
      return { vectors: [], functions: [{ weight: one, f: { kind: spec.kind } }], steadyWeight: zero };
    case 'thermal':
      return { vectors: [], functions: [{ weight: one, f: { kind: 'thermal', T: evalRealPrecise(D, origin, arg(0), scope, 'the temperature') } }], steadyWeight: zero };
    case 'steady':
      return { vectors: [], functions: [], steadyWeight: one };
    case 'steadyFrom':
      return { vectors: [], functions: [], steadyWeight: zero, steadyFrom: [{ weight: one, start: realisePrecise(D, origin, arg(0), scope, spec.from, L) }] };
    case 'random': case 'mixed': {
      const r = realiseProduct(spec, L, origin, e);
      const vectors = r.vectors.map((v) => {
        let norm = new D(0);
        const amp: Cx[] = [];
        for (let i = 0; i < n; i++) {
          const re = new D(v.re[i]), im = new D(v.im[i]);
          norm = norm.plus(re.times(re)).plus(im.times(im));
          amp.push({ re, im });
        }
        const f = norm.sqrt();
        return { weight: new D(v.weight), amp: amp.map((a) => ({ re: a.re.div(f), im: a.im.div(f) })) };
      });
      const total = vectors.reduce((s, v) => s.plus(v.weight), new D(0));
      return { vectors: vectors.map((v) => ({ ...v, weight: v.weight.div(total) })), functions: [], steadyWeight: zero };
    }
    case 'mix': {
      const p = evalRealPrecise(D, origin, arg(0), scope, 'the weight p of mix(p, s1, s2)');
      const a = realisePrecise(D, origin, arg(1), scope, spec.a, L);
      const b = realisePrecise(D, origin, arg(2), scope, spec.b, L);
      const q = one.minus(p);
      const steadyFrom = [...(a.steadyFrom ?? []).map((f) => ({ ...f, weight: f.weight.times(p) })), ...(b.steadyFrom ?? []).map((f) => ({ ...f, weight: f.weight.times(q) }))].filter((f) => !f.weight.isZero());
      return {
        ...(steadyFrom.length > 0 ? { steadyFrom } : {}),
        vectors: [...a.vectors.map((v) => ({ ...v, weight: v.weight.times(p) })), ...b.vectors.map((v) => ({ ...v, weight: v.weight.times(q) }))].filter((v) => !v.weight.isZero()),
        functions: [...a.functions.map((f) => ({ ...f, weight: f.weight.times(p) })), ...b.functions.map((f) => ({ ...f, weight: f.weight.times(q) }))].filter((f) => !f.weight.isZero()),
        steadyWeight: a.steadyWeight.times(p).plus(b.steadyWeight.times(q)),
      };
    }
  }
}

function popcount(x: number): number {
  let c = 0;
  while (x) { x &= x - 1; c++; }
  return c;
}
