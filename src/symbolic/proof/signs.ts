/**
 * Signs of a univariate polynomial on the integers of a range, decided exactly: Sturm chains find
 * the root-free stretches, and only the integers next to a root are evaluated. This is what
 * decides the sign of a field or a Bohr frequency that depends on L, never sampling.
 */
import { Q } from '../rational.js';
import type { Poly } from '../poly.js';
import { cauchyBound, ceil, denseOf, evalAt, leading, signsAt, sturmChain, variations, type Dense } from './dense.js';

/** A maximal run of integers [from, to] (to = null: every integer >= from) where p has one sign. */
export interface SignRange {
  readonly from: number;
  readonly to: number | null;
  readonly sign: -1 | 0 | 1;
}

/**
 * The sign of p at every integer of [from, to] (to = null: no end), as maximal runs.
 *
 * @param p a polynomial in `variable` only, with rational coefficients
 * @throws RangeError if p has another variable, or the range is not of safe integers
 * @example
 * const L = Poly.variable('L');
 * integerSignRanges(L.sub(Poly.constant(20)).mul(L.sub(Poly.constant(40))), 'L', 1, null)
 * // [{ from: 1, to: 19, sign: 1 }, { from: 20, to: 20, sign: 0 }, { from: 21, to: 39, sign: -1 },
 * //  { from: 40, to: 40, sign: 0 }, { from: 41, to: null, sign: 1 }]
 */
export function integerSignRanges(p: Poly, variable: string, from: number, to: number | null): SignRange[] {
  if (!Number.isSafeInteger(from) || (to !== null && (!Number.isSafeInteger(to) || to < from))) throw new RangeError(`not a range of safe integers: ${from}..${to ?? 'infinity'}`);
  const a = denseOf(p, variable);
  if (a.length <= 1) return [{ from, to, sign: a.length === 0 ? 0 : a[0].sign() }];
  const out: { from: number; to: number | null; sign: -1 | 0 | 1 }[] = [];
  const push = (lo: number, hi: number | null, sign: -1 | 0 | 1) => {
    const last = out[out.length - 1];
    if (last && last.sign === sign && last.to !== null && last.to + 1 === lo) out[out.length - 1] = { from: last.from, to: hi, sign };
    else out.push({ from: lo, to: hi, sign });
  };
  // Beyond Cauchy's bound p has no real root: its sign is that of its leading coefficient.
  const bound = Number(ceil(cauchyBound(a))) + 1;
  const end = to === null ? Math.max(from, bound) : to;
  const chain = sturmChain(a);
  const at = (x: number) => evalAt(a, Q.of(x)).sign();
  const V = (x: number) => variations(signsAt(chain, Q.of(x)));
  const segment = (lo: number, hi: number): void => {
    if (hi - lo <= 2) { for (let x = lo; x <= hi; x++) push(x, x, at(x)); return; }
    const sl = at(lo), sh = at(hi);
    if (sl === 0) { push(lo, lo, 0); segment(lo + 1, hi); return; }
    if (sh === 0) { segment(lo, hi - 1); push(hi, hi, 0); return; }
    // No root in (lo, hi] and p(lo) != 0: one sign on all of [lo, hi].
    if (V(lo) === V(hi)) { push(lo, hi, sl); return; }
    const mid = lo + Math.floor((hi - lo) / 2);
    segment(lo, mid);
    segment(mid + 1, hi);
  };
  segment(from, end);
  if (to === null) push(end + 1, null, leading(a).sign() as -1 | 1);
  // A finite last run that reaches `end` with the tail's sign merges with the tail above.
  return out;
}

/** The sign of p on the integers of the range when it has one, else null. */
export function constantSign(p: Poly, variable: string, from: number, to: number | null): -1 | 0 | 1 | null {
  const r = integerSignRanges(p, variable, from, to);
  return r.length === 1 ? r[0].sign : null;
}

export type { Dense };
