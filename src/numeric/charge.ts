/**
 * The U(1) charge (excitation number, sum_k N[k]; magnetisation sum_k Z[k] = 2 N - L) of operators
 * given as product terms: which changes of the charge an operator makes. A product term expands
 * into matrix units per site (|u><u|, |d><d| keep the charge, |u><d| raises it by one, |d><u|
 * lowers it), so the operator's part that changes the charge by q is a sum of unit products with
 * #raise - #lower = q; those parts are summed over the terms, per unit product, in float64. An
 * operator commutes with the charge when every part with q != 0 cancels exactly; then H_S is block
 * diagonal over the popcount classes of the basis indices, and an A whose charges are Q connects
 * the class m only to the classes m + q, q in Q: its other elements are exactly zero.
 */
import type { OpSum } from './opsum.js';

/** Most unit products one analysis expands (a product over many sites of X is 2^sites of them). */
export const maxChargeExpansion = 1 << 20;

/**
 * The charge changes of an operator: the sorted distinct q (-L..L) whose part does not cancel
 * exactly, or null when the expansion would exceed {@link maxChargeExpansion} unit products. Unit
 * products of terms on different site sets are never merged (a term on fewer sites is the
 * identity, |u><u| + |d><d|, on the others): a cancellation across such terms is missed, so a
 * listed q may be absent from the operator, never the other way round.
 *
 * @example
 * chargeChanges(xxPlusYy) // [0]: X X + Y Y = 2 (Sp Sm + Sm Sp) keeps the charge
 * chargeChanges(x0) // [-1, 1]
 */
export function chargeChanges(op: OpSum): number[] | null {
  // Per unit product (key: sites and unit codes), the summed coefficient.
  const parts = new Map<string, { re: number; im: number; q: number }>();
  let budget = maxChargeExpansion;
  for (const t of op.terms) {
    if (t.cr === 0 && t.ci === 0) continue;
    // The units of each site with their entries: code 0 uu, 1 ud (raise), 2 du (lower), 3 dd.
    const units: { code: number; re: number; im: number }[][] = t.mats.map((m) => {
      const out: { code: number; re: number; im: number }[] = [];
      for (const [code, at] of [[0, 0], [1, 2], [2, 4], [3, 6]] as const) {
        if (m[at] !== 0 || m[at + 1] !== 0) out.push({ code, re: m[at], im: m[at + 1] });
      }
      return out;
    });
    let count = 1;
    for (const u of units) count *= u.length;
    if (count === 0) continue;
    budget -= count;
    if (budget < 0) return null;
    const codes = new Int32Array(units.length);
    const walk = (s: number, re: number, im: number, q: number): void => {
      if (s === units.length) {
        if (re === 0 && im === 0) return;
        const key = `${t.sites.join(',')}|${codes.join('')}`;
        const p = parts.get(key);
        if (p) { p.re += re; p.im += im; } else parts.set(key, { re, im, q });
        return;
      }
      for (const u of units[s]) {
        codes[s] = u.code;
        walk(s + 1, re * u.re - im * u.im, re * u.im + im * u.re, q + (u.code === 1 ? 1 : u.code === 2 ? -1 : 0));
      }
    };
    walk(0, t.cr, t.ci, 0);
  }
  const qs = new Set<number>();
  for (const p of parts.values()) if (p.re !== 0 || p.im !== 0) qs.add(p.q);
  return [...qs].sort((a, b) => a - b);
}

/** The number of basis indices of L sites with m excitations (the dimension of charge class m), as a float. */
export function chargeClassDimension(L: number, m: number): number {
  if (m < 0 || m > L) return 0;
  let c = 1;
  const k = Math.min(m, L - m);
  for (let i = 1; i <= k; i++) c = (c * (L - k + i)) / i;
  return Math.round(c);
}
