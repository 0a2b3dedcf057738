import { NoConvergenceError } from './errors.js';

/** Sums of the secular function split at the origin pole, for one trial shift. */
interface SecularSums {
  /** f(lambda) / rho = 1/rho + sum_i w_i^2 / delta_i. */
  f: number;
  /** df / dlambda of the terms with i < origin (psi') and i > origin (phi'), and the origin term. */
  dpsi: number;
  dphi: number;
  dorigin: number;
  /** Running-error bound of f (LAPACK dlaed4's erretm). */
  err: number;
}

// Reused by every evaluation (the solver is synchronous): no allocation per trial shift.
const sums: SecularSums = { f: 0, dpsi: 0, dphi: 0, dorigin: 0, err: 0 };

/**
 * Root number `j` (0-based, ascending) of the secular equation of D + rho w w^T:
 *
 *   f(lambda) = 1/rho + sum_i w_i^2 / (dl_i - lambda) = 0,
 *
 * for strictly increasing poles `dl[0..k)`, rho > 0, all w_i != 0 and ||w|| <= 1 (LAPACK dlaed4's
 * setting: root j lies in (dl_j, dl_{j+1}), the last one in (dl_{k-1}, dl_{k-1} + rho)).
 *
 * The root is found as lambda = dl_o + tau with o the nearer pole, so that every difference
 * delta_i = dl_i - lambda = (dl_i - dl_o) - tau is accurate to a few ulps in the relative sense;
 * that is what makes the Gu-Eisenstat eigenvectors orthogonal. Iteration: the two-pole rational
 * ("middle way") step of dlaed4 inside a bracket that shrinks with the sign of f, falling back to
 * bisection whenever the step leaves the bracket and, after `maxRational` steps, for good.
 *
 * Writes delta_i into `delta[at + i]` and returns lambda.
 *
 * @throws NoConvergenceError if the iteration budget runs out (not expected: bisection of a
 *   float64 bracket ends well within it).
 */
export function secularRoot(
  k: number,
  dl: Float64Array,
  w: Float64Array,
  rho: number,
  j: number,
  delta: Float64Array,
  at: number,
  eps: number,
  maxRational: number,
): number {
  if (k === 1) {
    delta[at] = -rho * w[0] * w[0];
    return dl[0] + rho * w[0] * w[0];
  }
  const rhoinv = 1 / rho;
  const last = j === k - 1;
  // The poles bracketing the root (for the last root: the two largest, the root lies above both).
  const lo = last ? j - 1 : j;
  const hi = lo + 1;
  let o: number;
  let tau: number;
  let tlb: number; // bracket of tau
  let tub: number;
  if (last) {
    o = j;
    const mid = rho / 2;
    evaluate(k, dl, w, rhoinv, o, mid, delta, at);
    const c = sums.f - (w[lo] * w[lo]) / delta[at + lo] - (w[hi] * w[hi]) / delta[at + hi];
    const del = dl[hi] - dl[lo];
    const wl2 = w[lo] * w[lo];
    const wh2 = w[hi] * w[hi];
    if (sums.f <= 0) {
      const t = wl2 / (del + rho) + wh2 / rho;
      tau = c <= t ? rho : lastGuess(c, del, wl2, wh2);
      tlb = mid;
      tub = rho;
    } else {
      tau = lastGuess(c, del, wl2, wh2);
      tlb = 0;
      tub = mid;
    }
  } else {
    const del = dl[hi] - dl[lo];
    const mid = del / 2;
    evaluate(k, dl, w, rhoinv, lo, mid, delta, at);
    const wl2 = w[lo] * w[lo];
    const wh2 = w[hi] * w[hi];
    const c = sums.f - wl2 / delta[at + lo] - wh2 / delta[at + hi];
    if (sums.f > 0) {
      // Root in (dl_lo, dl_lo + del/2]: measure from the lower pole.
      o = lo;
      const a = c * del + wl2 + wh2;
      const b = wl2 * del;
      const s = Math.sqrt(Math.abs(a * a - 4 * b * c));
      tau = a > 0 ? (2 * b) / (a + s) : (a - s) / (2 * c);
      tlb = 0;
      tub = mid;
    } else {
      o = hi;
      const a = c * del - wl2 - wh2;
      const b = wh2 * del;
      const s = Math.sqrt(Math.abs(a * a + 4 * b * c));
      tau = a < 0 ? (2 * b) / (a - s) : -(a + s) / (2 * c);
      tlb = -mid;
      tub = 0;
    }
  }
  if (!(tau > tlb && tau < tub)) tau = 0.5 * (tlb + tub);
  const budget = maxRational + 2100; // bisection of a float64 bracket ends well within this
  for (let it = 0; it < budget; it++) {
    evaluate(k, dl, w, rhoinv, o, tau, delta, at);
    const f = sums.f;
    const dw = sums.dpsi + sums.dphi + sums.dorigin;
    if (Math.abs(f) <= eps * (sums.err + Math.abs(tau) * dw)) break;
    if (f <= 0) tlb = Math.max(tlb, tau);
    else tub = Math.min(tub, tau);
    let next: number;
    if (it < maxRational) {
      const eta = last
        ? lastStep(f, delta[at + lo], delta[at + hi], sums.dpsi, sums.dorigin, tub - tau)
        : middleStep(f, dw, delta[at + lo], delta[at + hi], dl[lo] - dl[hi], w[lo], w[hi], o === lo);
      next = tau + eta;
      if (!(next > tlb && next < tub)) next = f < 0 ? 0.5 * (tau + tub) : 0.5 * (tau + tlb);
    } else {
      next = 0.5 * (tlb + tub);
    }
    if (next === tau || next <= tlb || next >= tub) {
      if (tub - tlb <= 2 * eps * Math.max(Math.abs(tlb), Math.abs(tub))) break; // bracket is a float
      next = 0.5 * (tlb + tub);
      if (next === tau) break;
    }
    tau = next;
    if (it === budget - 1) throw new NoConvergenceError('secular equation', it + 1, { root: j, tau });
  }
  return dl[o] + tau;
}

/** Fills delta = (dl - dl_o) - tau and the sums of f around the origin pole o. */
function evaluate(
  k: number,
  dl: Float64Array,
  w: Float64Array,
  rhoinv: number,
  o: number,
  tau: number,
  delta: Float64Array,
  at: number,
): void {
  const base = dl[o];
  let psi = 0;
  let dpsi = 0;
  let err = 0;
  for (let i = 0; i < o; i++) {
    const di = dl[i] - base - tau;
    delta[at + i] = di;
    const t = w[i] / di;
    psi += w[i] * t;
    dpsi += t * t;
    err += psi;
  }
  err = Math.abs(err);
  let phi = 0;
  let dphi = 0;
  for (let i = k - 1; i > o; i--) {
    const di = dl[i] - base - tau;
    delta[at + i] = di;
    const t = w[i] / di;
    phi += w[i] * t;
    dphi += t * t;
    err += phi;
  }
  const dor = -tau;
  delta[at + o] = dor;
  const t = w[o] / dor;
  const term = w[o] * t;
  sums.f = rhoinv + psi + phi + term;
  sums.dpsi = dpsi;
  sums.dphi = dphi;
  sums.dorigin = t * t;
  sums.err = 8 * (phi - psi) + err + 2 * rhoinv + 3 * Math.abs(term);
}

/** dlaed4's initial guess for the last root from the two largest poles. */
function lastGuess(c: number, del: number, wl2: number, wh2: number): number {
  const a = -c * del + wl2 + wh2;
  const b = wh2 * del;
  const s = Math.sqrt(a * a + 4 * b * c);
  return a < 0 ? (2 * b) / (s - a) : (a + s) / (2 * c);
}

/**
 * Step of the two-pole rational model for an interior root (dlaed4, the "middle way"): the
 * secular function is matched in value and slope by c + w_lo^2/delta_lo + w_hi^2/delta_hi with the
 * farther pole's weight fixed.
 */
function middleStep(
  f: number,
  dw: number,
  dlo: number,
  dhi: number,
  gapNeg: number,
  wlo: number,
  whi: number,
  originLow: boolean,
): number {
  const c = originLow
    ? f - dhi * dw - gapNeg * (wlo / dlo) * (wlo / dlo)
    : f - dlo * dw + gapNeg * (whi / dhi) * (whi / dhi);
  let a = (dlo + dhi) * f - dlo * dhi * dw;
  const b = dlo * dhi * f;
  let eta: number;
  if (c === 0) {
    if (a === 0) a = originLow ? wlo * wlo + dhi * dhi * dw : whi * whi + dlo * dlo * dw;
    eta = b / a;
  } else {
    const s = Math.sqrt(Math.abs(a * a - 4 * b * c));
    eta = a <= 0 ? (a - s) / (2 * c) : (2 * b) / (a + s);
  }
  if (f * eta >= 0) eta = -f / dw; // the model went the wrong way: Newton instead
  return eta;
}

/**
 * dlaed4's step for the last root: `dpsi` sums the slopes of the poles below the origin (the last
 * pole), `dphi` is the slope of the origin term, `room` the distance to the upper bracket end.
 */
function lastStep(f: number, dlo: number, dhi: number, dpsi: number, dphi: number, room: number): number {
  let c = f - dlo * dpsi - dhi * dphi;
  const a = (dlo + dhi) * f - dlo * dhi * (dpsi + dphi);
  const b = dlo * dhi * f;
  if (c < 0) c = -c;
  let eta: number;
  if (c === 0) eta = room;
  else if (a >= 0) eta = (a + Math.sqrt(Math.abs(a * a - 4 * b * c))) / (2 * c);
  else eta = (2 * b) / (a - Math.sqrt(Math.abs(a * a - 4 * b * c)));
  if (f * eta > 0) eta = -f / (dpsi + dphi);
  return eta;
}
