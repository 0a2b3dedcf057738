/**
 * B2tail in the decimal.js engine: each channel's frequency table (numeric/tail-precise), merged
 * with the other total-spin sectors' Omega, the profile over D, the best value with an absolute
 * error bound, and the report for output; the Decimal instance of engine/tail-bound.ts (only the
 * error model is the engine's own).
 */
import type { Decimal } from '../../numeric/index.js';
import {
  mergePreciseTails, preciseChannelTail,
  type Precision, type PreciseSpaces, type PreciseState, type PreciseTailTable,
} from '../../numeric/index.js';
import type { TailInputIn, TailReportIn } from '../tail-bound.js';
import type { Bounded, PreciseSystem, PreciseSystemChannel } from './types.js';

/** One channel's table and what moves it: errors of A's entries and of the state's. */
export interface PreciseTailChannel {
  readonly table: PreciseTailTable;
  readonly normA: Bounded;
  /** Operator-norm bound of the error of A in the eigenbasis (evaluateSystem's opErr). */
  readonly opErr: Decimal;
  /** Bound on the change of Tr[rho X] per unit ||X|| from the state's entry errors, times ||A||^2. */
  readonly stateErr: Decimal;
}

/** What the decimal.js engine reports about B2tail: engine/tail-bound's report, without `coarse` (its tables never are). */
export type PreciseTailReport = Omit<TailReportIn<Decimal>, 'coarse'>;

/** The channel's table in the system's eigenbasis and state, with the lower sectors' Omega (extraTail). */
export function preciseTailChannel(
  P: Precision, spaces: PreciseSpaces, state: PreciseState, ch: PreciseSystemChannel, opErr: Decimal, stateErr: Decimal,
): PreciseTailChannel {
  // Flat and ohmic baths (no custom gamma) obey gamma(-|w|) <= gamma(|w|).
  const own = preciseChannelTail(P.D, spaces, ch.A, state, ch.gamma, ch.zero, 'auto', ch.gammaOrigin === null);
  const table = ch.extraTail ? mergePreciseTails(P.D, [own, ch.extraTail]) : own;
  return { table, normA: ch.norm, opErr, stateErr };
}

/**
 * The channels' tables and the Decimal error model of B2tail = min over D of the profile:
 *   - the weights q_w and Tr[A^2 Pinch rho] are sums of the same terms as J and carry its
 *     relative error `relError` (rounding at the working digits, eigenvector errors);
 *   - each factor |w| gamma(w) moves by at most 2 residual Gamma + relError |w| gamma (the
 *     eigenvalue error moves w; as for omegaGammaMax), and they weigh Tr[A^2 Pinch rho] in total;
 *   - an error E of A (||E|| <= opErr) moves every Tr[rho X A(w)...] sum by at most
 *     2 ||A|| ||E|| + ||E||^2, and a state error by stateErr; both times (D Gamma + max|w| gamma);
 *   - the weights of pairs outside Omega in an `omega` table (numeric/tail-field addWeight) add at
 *     most `dropped` to |J|.
 */
export function preciseTailInput(sys: PreciseSystem, channels: readonly PreciseTailChannel[]): TailInputIn<Decimal> {
  const { P, residual, relError: rel } = sys;
  const unit = P.eps;
  return {
    tables: channels.map((c) => c.table),
    error: (prof) => {
      const best = prof.best;
      let error = rel.times(2).plus(unit.times(10)).times(best.value);
      prof.channels.forEach((x, i) => {
        const c = channels[i];
        const factor = residual.times(2).times(x.gammaMax).plus(rel.times(x.omegaGammaMax));
        const weights = c.opErr.times(2).times(c.normA.value.plus(c.normA.error)).plus(c.opErr.pow(2)).plus(c.stateErr);
        error = error.plus(factor.times(x.pinchedA2)).plus(best.D.times(x.gammaMax).plus(x.omegaGammaMax).times(weights)).plus(x.dropped);
      });
      return error;
    },
  };
}

/** The report without `coarse`: the Decimal tables are never a coarse grid. */
export function preciseTailReport(r: TailReportIn<Decimal>): PreciseTailReport {
  return { D: r.D, band: r.band, tail: r.tail, profile: r.profile, gridPoints: r.gridPoints, dropped: r.dropped, frequencies: r.frequencies };
}

