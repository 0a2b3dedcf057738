/**
 * Collective (permutation-symmetric) operator expressions in one total-spin sector 2j of L qubits,
 * in Decimal arithmetic: the same language and the same meaning of "collective" as
 * engine/collective (Id, Jx, Jy, Jz, Jp, Jm, scalars, + - * / ^ dag, and sum(k, e) or prod(k, e)
 * over all sites whose body is one fixed one-site operator), with every matrix element computed
 * at the working precision of the Decimal constructor:
 *
 *     Jz |j,m> = m |j,m>,   J+ |j,m> = sqrt((j-m)(j+m+1)) |j,m+1>,   J- |j,m> = sqrt((j+m)(j-m+1)) |j,m-1>.
 *
 * The sector basis is |j, m>, indexed by p = m + j = 0..2j (in the sector j = L/2, p is the number
 * of up spins). Operators linear in the collective spin, c0 + cx Jx + cy Jy + cz Jz, carry their
 * coefficients exactly: their spectrum in sector j is c0 + |c| m, m = -j..j.
 *
 * The expression is walked by the one operator walk (symbolic/operator-walk) through its
 * collective instance, with engine/collective's scalars over the Decimal field and its errors; the
 * sector matrices are numeric/dicke's DickeSector over the sparse Decimal columns of
 * numeric/sector-matrix (the float64 engine builds the same ones in float64 CSR).
 */
import type { Decimal } from '../../numeric/index.js';
import { hasIndexedCoefficients, type Expr, type Origin } from '../../lang/index.js';
import { binderRangeIn, type DecimalCtor, type PreciseScope } from '../../symbolic/index.js';
import {
  DickeSector, columnIsDiagonal, decimalColumnAlgebra, decimalElementary, type ColumnMatrix, type Cx, type OneSite,
} from '../../numeric/index.js';
import {
  siteSumLinear, uniformLocal, walkCollectiveOperator, walkLocal,
  type CoefficientRing, type CollectiveHooks, type LocalHooks, type SectorAlgebra,
} from '../../symbolic/index.js';
import { NotCollective, engineHooks, fieldScalars, nodeText, productOverSpins, spinSumForm } from '../collective.js';
import { PreciseNotApplicable, maxPreciseBlock } from './limits.js';

/** A sector matrix by sparse columns: column c maps row r to <r|M|c>. Exact zeros are not stored. */
export type PreciseSectorMatrix = ColumnMatrix<Decimal>;

/** Coefficients (c0, cx, cy, cz), complex, of an operator c0 + cx Jx + cy Jy + cz Jz. */
export type PreciseLinearSpin = readonly [Cx, Cx, Cx, Cx];

/** An operator in a sector, with its linear-spin form when it has one. */
export interface PreciseSectorOperator {
  readonly matrix: PreciseSectorMatrix;
  readonly linear: PreciseLinearSpin | null;
}

/**
 * The one-site operator of each sum or prod over sites of an expression, which does not depend on
 * the sector: pass the same cache when evaluating one expression, in one scope and at one
 * precision, in several sectors.
 */
export type CollectiveCache = Map<Expr, PreciseLocal>;

/**
 * The operator of `e` in the sector twoJ = 2j of L qubits, at the precision of D.
 *
 * @throws NotCollective (engine/collective) when the expression is not permutation symmetric
 * @throws PreciseNotApplicable for prod(k, M) with a general (neither diagonal nor anti-diagonal)
 *   M on a sector larger than maxPreciseBlock
 * @throws InputError for evaluation errors, located at the offending node
 * @param cache see {@link CollectiveCache}
 * @param twoS 2s of the sites (1: qubits); a site sum over spins s > 1/2 must be linear in the spin
 *   to 1e-30 of its largest entry (the symmetric method's rule for its exact re-checks)
 * @param sampled a binder body whose coefficients do not mention its index read at its first site
 *   only (the float64 walk has checked it is one operator on every site)
 * @example
 * const D = precision(30).D;
 * const jx = evalCollectivePrecise(D, origin, parseExpr('Jx'), new Map([['L', new D(4)]]), 4, 4);
 * jx.linear // [0, 1, 0, 0]
 */
export function evalCollectivePrecise(
  D: DecimalCtor, origin: Origin, e: Expr, scope: PreciseScope, L: number, twoJ: number, cache: CollectiveCache = new Map(), twoS = 1, sampled = false,
): PreciseSectorOperator {
  const F = decimalElementary(D);
  const scalars = fieldScalars(F, origin, L, twoS);
  const local = engineHooks(scalars);
  const sector = new Sector(D, L, twoJ, scalars.ring);
  const hooks: CollectiveHooks<Cx, PreciseSectorMatrix, PreciseScope> = {
    ...local,
    algebra: sector,
    binder: (b, s) => {
      const M = cache.get(b) ?? bodyOperator(local, D, origin, b, s, L, twoS, sampled);
      cache.set(b, M);
      return b.fn === 'sum' ? sector.siteSumOperator(M) : { matrix: sector.sitePowerOperator(M), linear: null };
    },
  };
  return walkCollectiveOperator(hooks, e, scope);
}

/** True when the matrix has no off-diagonal element. */
export function sectorIsDiagonal(m: PreciseSectorMatrix): boolean {
  return columnIsDiagonal(m);
}

/**
 * A one-site operator in Decimal: [<u|M|u>, <u|M|d>, <d|M|u>, <d|M|d>] = [a, b, c, d] (for spins
 * s > 1/2 the spin-1/2 form of its linear-spin part, engine/collective `spinSumForm`).
 */
export type PreciseLocal = OneSite<Decimal>;

/** The one-site operator of every term of a sum or prod over all sites, or why there is none. */
function bodyOperator(h: LocalHooks<Cx, PreciseScope>, D: DecimalCtor, origin: Origin, e: Extract<Expr, { kind: 'binder' }>, scope: PreciseScope, L: number, twoS: number, sampled: boolean): PreciseLocal {
  const F = decimalElementary(D);
  const [lo, hi] = binderRangeIn(F, origin, e, scope);
  const inner = new Map(scope);
  // Sampled: a body whose coefficients do not mention the index is one operator at every site
  // (its sites and uniformity checked by the float64 walk): its first site alone.
  const body = sampled && !hasIndexedCoefficients(e)
    ? walkLocal(h, e.body, inner.set(e.index, new D(lo))).M
    : uniformLocal(h, e, L, lo, hi, (k) => inner.set(e.index, new D(k)));
  if (twoS === 1) return body as unknown as PreciseLocal;
  if (e.fn === 'prod') throw new NotCollective(productOverSpins(nodeText(origin, e), twoS));
  return spinSumForm(F, twoS, body, nodeText(origin, e), new D('1e-30')).form as unknown as PreciseLocal;
}

/**
 * The Decimal sector matrices of the sector twoJ = 2j of L qubits: numeric's one DickeSector over
 * the sparse Decimal columns of D (J+ and J- built once), with the linear forms of site sums and
 * the precise engine's limit on general site powers.
 */
class Sector extends DickeSector<Decimal, PreciseSectorMatrix> implements SectorAlgebra<Cx, PreciseSectorMatrix> {
  constructor(private readonly D: DecimalCtor, L: number, twoJ: number, private readonly ring: CoefficientRing<Cx>) {
    super(decimalColumnAlgebra(D), L, twoJ);
  }

  /** sum_k M_k with its linear form (c0, cx, cy, cz). */
  siteSumOperator(M: PreciseLocal): PreciseSectorOperator {
    return { matrix: this.siteSum(M), linear: siteSumLinear(this.ring, M, { re: new this.D(this.L).div(2), im: new this.D(0) }) };
  }

  /**
   * prod_k M_k (Schur-Weyl duality): diagonal and anti-diagonal M give a monomial matrix, exactly at
   * any size; a general M up to maxPreciseBlock, its alternating sum at as many more digits as it may lose.
   *
   * @throws PreciseNotApplicable for a general M on a larger sector
   */
  sitePowerOperator(M: PreciseLocal): PreciseSectorMatrix {
    return this.sitePower(M, maxPreciseBlock, (n) => new PreciseNotApplicable(`prod over all sites of a one-site operator that is neither diagonal nor anti-diagonal needs a dense ${n} x ${n} sector matrix in Decimal (limit ${maxPreciseBlock})`));
  }
}
