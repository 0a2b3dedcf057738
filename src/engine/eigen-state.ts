/**
 * The functions of H_S in a realised state (thermal(T), ground, ceiling) as populations of the
 * eigen-indices, written once over a {@link Field}: the float64 engine (methods/shared.ts, over
 * Eigenspaces) and the Decimal engine (precise/current.ts, over PreciseSpaces) are its instances,
 * each describing its eigenspaces by an {@link EigenLayout}.
 */
import type { Field } from '../numeric/index.js';
import type { FunctionOfHIn } from './states.js';

/** The eigenspaces of H_S as the populations need them, whatever their storage. */
export interface EigenLayout<T> {
  /** Energy of each eigen-index. */
  readonly energies: ArrayLike<T>;
  /** The energy of the lowest eigenspace: thermal weights are exp(-(E_i - lowest)/T). */
  readonly lowest: T;
  /** The number of eigenspaces (ascending in energy). */
  readonly count: number;
  /** The eigen-indices of eigenspace s. */
  members(s: number): ArrayLike<number>;
}

/**
 * Where a function's weight enters: 'weight-first' adds (weight m_i)/Z (the float64 engine),
 * 'normalise-first' adds (m_i/Z) weight (the Decimal engine), m_i the unnormalised population
 * and Z their sum; both are kept so that each engine rounds as it always has.
 */
export type WeightOrder = 'weight-first' | 'normalise-first';

/**
 * Populations of the eigen-indices for weighted functions of H_S, or null for none. Each function
 * contributes its weight spread as: thermal(T), m_i = exp(-(E_i - lowest)/T) over all indices;
 * ground (top), m_i = 1 on the members of the lowest (highest) eigenspace; normalised by
 * Z = sum m_i, summed in index (member) order.
 */
export function eigenPopulations<T>(
  F: Field<T>, layout: EigenLayout<T>, functions: readonly { readonly weight: T; readonly f: FunctionOfHIn<T> }[], order: WeightOrder,
): T[] | null {
  if (functions.length === 0) return null;
  const n = layout.energies.length;
  const pop: T[] = Array.from({ length: n }, () => F.zero);
  const add = (i: number, weight: T, m: T, z: T): void => {
    pop[i] = F.add(pop[i], order === 'weight-first' ? F.div(F.mul(weight, m), z) : F.mul(F.div(m, z), weight));
  };
  for (const { weight, f } of functions) {
    if (f.kind === 'thermal') {
      const w: T[] = new Array<T>(n);
      let z = F.zero;
      for (let i = 0; i < n; i++) { w[i] = F.exp(F.div(F.neg(F.sub(layout.energies[i], layout.lowest)), f.T)); z = F.add(z, w[i]); }
      for (let i = 0; i < n; i++) add(i, weight, w[i], z);
    } else {
      const m = layout.members(f.kind === 'ground' ? 0 : layout.count - 1);
      let z = F.zero;
      for (let q = 0; q < m.length; q++) z = F.add(z, F.one);
      for (let q = 0; q < m.length; q++) add(m[q], weight, F.one, z);
    }
  }
  return pop;
}
