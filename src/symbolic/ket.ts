/**
 * Collective operators acting on symbolic Dicke kets, exactly. The basis is the UNNORMALISED
 * symmetric sum e_n over all configurations with n up spins (||e_n||^2 = C(S, n) for S sites), in
 * which the collective operators have polynomial matrix elements:
 *
 *   J+ e_n = (n+1) e_{n+1},   J- e_n = (S-n+1) e_{n-1},   Jz e_n = (n - S/2) e_n,
 *   prod_k Sp_k e_0 = e_S,    prod_k Sm_k e_S = e_0,      prod_k N_k e_S = e_S.
 *
 * A ket is sum_c coef_c e_{n + q_c} over a symbolic source index n; products over all sites act on
 * one index only and leave a condition (n + q = 0 or = S) decided once n is known.
 */
import { Poly } from './poly.js';
import { Q } from './rational.js';
import { cpoly, type CPoly } from './scalarpoly.js';

/** coef * e_{n+q}, valid where every condition polynomial vanishes. */
export interface Component {
  readonly q: Poly;
  readonly conds: readonly Poly[];
  readonly c: CPoly;
}

export type Ket = readonly Component[];

export const N_VAR = 'n';
const n = Poly.variable(N_VAR);

function keyOf(c: Component): string {
  return `${c.q.toString()}|${c.conds.map((p) => p.toString()).sort().join(';')}`;
}

/** Sums components with the same shift and conditions. */
export function normalise(k: Ket): Ket {
  const m = new Map<string, Component>();
  for (const c of k) {
    const key = keyOf(c);
    const prev = m.get(key);
    m.set(key, prev ? { ...c, c: cpoly.add(prev.c, c.c) } : c);
  }
  return [...m.values()].filter((c) => !cpoly.isZero(c.c));
}

/** A linear map on kets with its adjoint. */
export interface SymOp {
  apply(k: Ket): Ket;
  dag(): SymOp;
}

export function scalarOp(c: CPoly): SymOp {
  return {
    apply: (k) => normalise(k.map((x) => ({ ...x, c: cpoly.mul(c, x.c) }))),
    dag: () => scalarOp(cpoly.conj(c)),
  };
}

export function sumOp(a: SymOp, b: SymOp): SymOp {
  return { apply: (k) => normalise([...a.apply(k), ...b.apply(k)]), dag: () => sumOp(a.dag(), b.dag()) };
}

/** The ordered product a b (b acts first). */
export function productOp(a: SymOp, b: SymOp): SymOp {
  return { apply: (k) => a.apply(b.apply(k)), dag: () => productOp(b.dag(), a.dag()) };
}

/** J+, J-, Jz on S sites. */
export function ladder(kind: 'Jp' | 'Jm' | 'Jz', S: Poly): SymOp {
  const op: SymOp = {
    apply: (k) => normalise(k.map((x) => {
      const idx = n.add(x.q);
      if (kind === 'Jp') return { ...x, q: x.q.add(Poly.constant(1)), c: cpoly.mul(x.c, cpoly.of(idx.add(Poly.constant(1)))) };
      if (kind === 'Jm') return { ...x, q: x.q.sub(Poly.constant(1)), c: cpoly.mul(x.c, cpoly.of(S.sub(idx).add(Poly.constant(1)))) };
      return { ...x, c: cpoly.mul(x.c, cpoly.of(idx.sub(S.scale(Q.of(1, 2))))) };
    })),
    dag: () => ladder(kind === 'Jp' ? 'Jm' : kind === 'Jm' ? 'Jp' : 'Jz', S),
  };
  return op;
}

export type ProdKind = 'Sp' | 'Sm' | 'N' | 'M';

/** prod_k of Sp (e_0 -> e_S), Sm (e_S -> e_0), N (projector on e_S), M = |d><d| (projector on e_0). */
export function productOverSites(kind: ProdKind, S: Poly): SymOp {
  return {
    apply: (k) => normalise(k.map((x) => {
      const idx = n.add(x.q);
      switch (kind) {
        case 'Sp': return { q: S.sub(n), conds: [...x.conds, idx], c: x.c };
        case 'Sm': return { q: n.neg(), conds: [...x.conds, idx.sub(S)], c: x.c };
        case 'N': return { ...x, conds: [...x.conds, idx.sub(S)] };
        case 'M': return { ...x, conds: [...x.conds, idx] };
      }
    })),
    dag: () => productOverSites(kind === 'Sp' ? 'Sm' : kind === 'Sm' ? 'Sp' : kind, S),
  };
}

/** The generic source ket e_n. */
export function sourceKet(): Ket {
  return [{ q: Poly.ZERO, conds: [], c: cpoly.constant(Q.ONE) }];
}
