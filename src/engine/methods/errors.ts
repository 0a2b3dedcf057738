/**
 * The float64 error bounds every method shares: how far the float64 operators and states are from
 * the model's exact ones, and each channel's error bounds from the kernel's measurements.
 */
import {
  type ChannelErrors, type ChannelHeat, type Eigenspaces, type HeatPerturbation, type OpSum, type SparseMatrix,
  bohrFrequencies, defaultTolerances, gammaN, heatErrors, maxRowAbsSum, opNormUpperBound,
} from '../../numeric/index.js';
import type { RealisedState } from '../states.js';

const u = defaultTolerances.eps;

/**
 * Bound on ||A_float - A_exact||_2 for an operator built from product terms. Each term is c_t times
 * a product of one-site Pauli, Sp, Sm, N or Id matrices, whose entries are 0, +-1, +-i, so a term's
 * matrix entries are c_t times a phase, exactly; an entry of the sum adds at most T of them
 * (gamma_T, Higham Lemma 3.1), and every c_t is within `inputRoundings` u of the model's value
 * (tolerances.ts). The error matrix is bounded entrywise by (k u + gamma_T) sum_t |c_t| |P_t|,
 * and each |P_t| is a partial permutation matrix (norm <= 1), so its norm is <= (k u + gamma_T) sum |c_t|.
 */
export function opInputError(op: OpSum): number {
  return (defaultTolerances.inputRoundings * u + gammaN(op.terms.length + 1)) * opNormUpperBound(op);
}

/**
 * The same for a matrix built in a total-spin sector (collective operators: sqrt-valued ladder
 * elements and products of sector matrices): every entry within (k u + gamma_{2n+8}) of its exact
 * value relative to the size of the expression, a bound we assume for sector matrices whose entries
 * come from at most one product of sector matrices per factor (numeric/dicke). The size is the
 * larger of the matrix's largest row sum of moduli (|M| symmetric: || |M| ||_2 <= max row sum)
 * and `magnitude`, the walk's bound on the exact operator's norm from the moduli of its parts
 * (engine/collective sectorMagnitude): a sum that cancels (Jz + c (J+ J- - J- J+ - 2 Jz)) keeps the
 * round-off of its parts.
 */
export function sectorInputError(m: SparseMatrix, magnitude: number): number {
  return (defaultTolerances.inputRoundings * u + gammaN(2 * m.n + 8)) * Math.max(maxRowAbsSum(m), magnitude);
}

/**
 * Relative error bound of a realised state's vectors: amplitudes of product, Dicke, GHZ, W and
 * random states are products of at most L one-site factors (cos, sin, exp(i phi), sqrt of
 * binomials) and one normalisation, each within a few roundings: gamma_{2L+8} per amplitude, so
 * ||psi_float - psi|| <= gamma_{2L+8} ||psi||.
 */
export function stateInputError(L: number): number {
  return gammaN(2 * L + 8);
}

/**
 * The same for a state on v2 sites of product dimension n: its amplitudes as those of m qubits
 * with 2^m >= n (the round-off model of the dense and the diagonal method there).
 */
export function siteStateInputError(n: number): number {
  return stateInputError(Math.ceil(Math.log2(Math.max(2, n))));
}

/** exp(-x) underflows to 0 in float64 beyond this x. */
const maxExponent = 746;

/**
 * Relative error of the populations of the functions of H_S in a state: thermal populations
 * exp(-(E_i - E_0)/T)/Z move by at most exp(2 dE/T) - 1 each (numerator and Z) with dE the largest
 * energy error, plus the round-off of n exponentials and their sum; ground and top are exact
 * 1/d weights (d decided by the grouping).
 */
export function populationError(st: RealisedState, spaces: Eigenspaces): number {
  let dE = 0;
  const se = spaces.spaceError;
  if (se) for (let s = 0; s < se.length; s++) dE = Math.max(dE, se[s]);
  // Exact levels (numeric/eigenspaces bohr, the weights' exponents their exact differences x = E_i -
  // E_0 rounded once, methods/shared functionPopulations): each x within relative x + absolute; a
  // weight beyond x = maxExponent T underflows to 0 in float64 as for any levels, so larger x add no error.
  const exact = spaces.bohr;
  const S = spaces.spaceEnergy.length;
  const width = exact && S > 0 ? Math.abs(bohrFrequencies(spaces)(0, S - 1)) : 0;
  let rel = 0;
  for (const { f } of st.functions) {
    if (f.kind === 'thermal') {
      const difference = exact ? exact.relative * Math.min(width, maxExponent * f.T) + exact.absolute : 2 * dE;
      rel = Math.max(rel, Math.expm1(2 * difference / f.T) + gammaN(spaces.energies.length + 8));
    }
    else rel = Math.max(rel, gammaN(2));
  }
  return rel;
}

/** The error bounds of a channel's kernel results under a perturbation. */
export function channelErrors(h: ChannelHeat, p: HeatPerturbation): ChannelErrors {
  return heatErrors(h, p);
}

/** Errors of normH and width from the extreme eigenspaces' energy bounds. */
export function spectrumErrors(spaces: Eigenspaces): { normH: number; width: number } {
  const e = spaces.spaceEnergy, se = spaces.spaceError;
  const S = e.length;
  if (!se || S === 0) return { normH: 0, width: 0 };
  const lo = se[0], hi = se[S - 1];
  return { normH: Math.max(lo, hi) + u * Math.max(Math.abs(e[0]), Math.abs(e[S - 1])), width: (lo + hi + u * (e[S - 1] - e[0])) * (1 + gammaN(2)) };
}

/**
 * Bound on the error of an extreme eigenvalue of A from the norm routines (opextremes): their own
 * bound, the input error, and a backward error of the dense eigensolvers (Householder
 * tridiagonalisation and divide and conquer are backward stable with ||dA|| <= p(n) u ||A||,
 * p(n) <= 4n: Demmel, Applied Numerical Linear Algebra, Thm 5.3 and section 5.3.3), by Weyl.
 */
export function normError(own: number, input: number, n: number, normBound: number): number {
  return own + input + gammaN(4 * n) * normBound;
}
