/**
 * The two limits of physics.md §2-3 and their scaling corollaries as proof scripts. Every chain
 * starts from J and ends at the bound; consecutive steps share a side, so the chain is the
 * derivation, and on a model each step's slack is rhs / lhs.
 */
import type { Decimal } from '../src/numeric/index.js';
import type { ChannelQuantities, Quantities } from './quantities.js';
import type { Constants, Hypothesis, Step, Theorem } from './theorem.js';

const sum = (q: Quantities, f: (c: ChannelQuantities) => Decimal): Decimal => q.channels.reduce((s, c) => s.plus(f(c)), q.J.mul(0));
const sumA2 = (q: Quantities) => sum(q, (c) => c.normA2);
const sumA = (q: Quantities) => sum(q, (c) => c.normA);

/** Rates are non-negative at every Bohr frequency in use. */
export const ratesNonNegative: Hypothesis = {
  id: 'H-rates', statement: 'gamma_alpha(w) >= 0 for every w in Omega_alpha (a Markovian bath): 0 <= the smallest rate in use',
  lhs: (q) => q.J.mul(0),
  rhs: (q) => q.channels.reduce((m: Decimal | null, c) => (m === null || c.gammaMin.lt(m) ? c.gammaMin : m), null) ?? q.J.mul(0),
};

/** Gamma = O(1): the rates do not grow with L (physics.md §2: a Markovian bath with integrable correlations). */
export const ratesBounded: Hypothesis = {
  id: 'H-Gamma-bounded', statement: 'Gamma = O(1): the largest rate does not grow with L (exponent of Gamma in L <= 0)',
  lhs: (q) => q.J.mul(0), rhs: (q) => q.J.mul(0), asymptotic: { quantity: 'gammaMax' },
};

/** DeltaE = O(1): the band does not grow with L. */
export const bandBounded: Hypothesis = {
  id: 'H-DeltaE-bounded', statement: 'DeltaE = O(1): the band does not grow with L (exponent of DeltaE_eff in L <= 0)',
  lhs: (q) => q.J.mul(0), rhs: (q) => q.J.mul(0), asymptotic: { quantity: 'deltaE' },
};

/** The band condition. */
export const bandLimited: Hypothesis = {
  id: 'H-band', statement: '<E_i|A_alpha|E_j> = 0 whenever |E_i - E_j| > DeltaE',
  lhs: (q) => q.band, rhs: (_q, c) => c.DeltaE, sampleClass: 'band',
};

/** ||H_S|| <= h L. */
export const extensiveH: Hypothesis = {
  id: 'H-extensive-H', statement: '||H_S|| <= h L', lhs: (q) => q.normH, rhs: (q, c) => c.h.times(q.L),
};

/** sum_alpha ||A_alpha|| <= a L. */
export const extensiveA: Hypothesis = {
  id: 'H-extensive-A', statement: 'sum_alpha ||A_alpha|| <= a L', lhs: sumA, rhs: (q, c) => c.a.times(q.L),
};

/** The chain from J to B_state and B_1 shared by both limits. */
const chainToB1: readonly Step[] = [
  {
    id: 'dissipator', statement: 'J = sum_alpha Tr[H_S D_alpha(rho)] = - sum_alpha sum_w w gamma_alpha(w) <A_alpha(w)^+ A_alpha(w)>_rho',
    rule: 'definition of J, and [H_S, A(w)] = -w A(w)', uses: [], relation: '=',
    lhs: (q) => q.Jdissipator, rhs: (q) => q.J, check: { kind: 'operator', identity: 'commutator' },
  },
  {
    id: 'channels', statement: '|J| <= sum_alpha |J_alpha|', rule: 'triangle inequality', uses: ['dissipator'], relation: '<=',
    lhs: (q) => q.J.abs(), rhs: (q) => sum(q, (c) => c.J.abs()), check: { kind: 'instances' },
    slack: 'channels whose currents have opposite signs',
  },
  {
    id: 'absolute', statement: '|J_alpha| <= sum_w |w| gamma_alpha(w) <A_alpha(w)^+ A_alpha(w)>_rho',
    rule: 'triangle inequality; gamma >= 0 and A(w)^+ A(w) >= 0', uses: ['H-rates', 'channels'], relation: '<=',
    lhs: (q) => sum(q, (c) => c.J.abs()), rhs: (q) => sum(q, (c) => c.absSum), check: { kind: 'instances' },
    slack: 'emission and absorption terms of opposite sign',
  },
  {
    id: 'largest-rate', statement: 'sum_w |w| gamma(w) <A(w)^+ A(w)> <= max_{w in Omega} |w| gamma(w) * sum_{w in Omega} <A(w)^+ A(w)>',
    rule: 'max over a finite set (Omega is finite; w outside Omega has A(w) = 0)', uses: ['absolute'], relation: '<=',
    lhs: (q) => sum(q, (c) => c.absSum), rhs: (q) => sum(q, (c) => c.omegaGammaMax.times(c.qOmega)), check: { kind: 'instances' },
    slack: 'frequencies whose |w| gamma(w) is below the largest (e.g. absorption with a small or zero rate)',
  },
  {
    id: 'add-w0', statement: 'sum_{w in Omega} <A(w)^+ A(w)> <= sum_{all w} <A(w)^+ A(w)>',
    rule: 'positivity: the added terms (w = 0) are <A(0)^+ A(0)> >= 0', uses: ['largest-rate'], relation: '<=',
    lhs: (q) => sum(q, (c) => c.omegaGammaMax.times(c.qOmega)), rhs: (q) => sum(q, (c) => c.omegaGammaMax.times(c.qAll)), check: { kind: 'instances' },
    slack: 'the part of A that does not change the energy (w = 0)',
  },
  {
    id: 'pinching', statement: 'sum_w A(w)^+ A(w) = Pinch(A^2), so sum_w <A(w)^+ A(w)>_rho = Tr[A^2 Pinch(rho)]   (B_state)',
    rule: 'pinching identity (A Hermitian) and Tr[Pinch(X) rho] = Tr[X Pinch(rho)]', uses: ['add-w0'], relation: '=',
    lhs: (q) => sum(q, (c) => c.omegaGammaMax.times(c.qAll)), rhs: (q) => sum(q, (c) => c.omegaGammaMax.times(c.pinchedA2)),
    check: { kind: 'operator', identity: 'bohr-pinching' },
  },
  {
    id: 'norm', statement: 'Tr[A^2 Pinch(rho)] <= ||A^2|| = ||A||^2   (B_1)',
    rule: '|Tr[X sigma]| <= ||X|| for X >= 0 and a state sigma (Pinch(rho) is a state: pinching keeps positivity and trace)', uses: ['pinching'], relation: '<=',
    lhs: (q) => sum(q, (c) => c.omegaGammaMax.times(c.pinchedA2)), rhs: (q) => sum(q, (c) => c.omegaGammaMax.times(c.normA2)), check: { kind: 'instances' },
    slack: 'the state does not sit in the top eigenspace of A^2',
  },
];

/** Bound 1 (physics.md §2): |J| <= B_state <= B_1 <= B_1coarse <= 2 ||H_S|| Gamma sum ||A||^2. */
export const bound1: Theorem = {
  id: 'bound1', title: 'Bound 1: the universal limit', source: 'docs/physics.md §2',
  coq: 'multi_bound1_width', coqUses: ['heat_davies', 'key_identity', 'bound1_chain', 'multi_bound_state', 'multi_bound1', 'width_le_2norm', 'width_spec', 'bound_state', 'bound1', 'bound1_width'],
  hypotheses: [ratesNonNegative],
  conclusion: '|J| <= B_state <= B_1 <= B_1coarse = W Gamma sum_alpha ||A_alpha||^2 <= 2 ||H_S|| Gamma sum_alpha ||A_alpha||^2',
  bound: { name: 'B1', value: (q) => sum(q, (c) => c.omegaGammaMax.times(c.normA2)) },
  steps: [
    ...chainToB1,
    {
      id: 'coarse', statement: 'max_{w in Omega} |w| gamma(w) <= W Gamma, so B_1 <= W Gamma sum ||A||^2   (B_1coarse)',
      rule: '|w| <= W = E_max - E_min for a Bohr frequency; gamma <= Gamma = max rate over Omega', uses: ['norm'], relation: '<=',
      lhs: (q) => sum(q, (c) => c.omegaGammaMax.times(c.normA2)), rhs: (q) => q.width.times(q.Gamma).times(sumA2(q)), check: { kind: 'instances' },
      slack: 'no Bohr frequency in use spans the whole spectrum, or the largest rate sits elsewhere',
    },
    {
      id: 'width', statement: 'W <= 2 ||H_S||', rule: 'E_max - E_min <= |E_max| + |E_min| <= 2 ||H_S||', uses: ['coarse'], relation: '<=',
      lhs: (q) => q.width.times(q.Gamma).times(sumA2(q)), rhs: (q) => q.normH.times(2).times(q.Gamma).times(sumA2(q)), check: { kind: 'instances' },
      slack: 'a spectrum not centred on 0',
    },
  ],
};

/** Bound 2 (physics.md §3): band-limited noise, |J| <= DeltaE Gamma_DeltaE sum ||A||^2. */
export const bound2: Theorem = {
  id: 'bound2', title: 'Bound 2: the limit for band-limited noise', source: 'docs/physics.md §3',
  coq: 'multi_bound2', coqUses: ['heat_davies', 'key_identity', 'bound2', 'band_Omega'],
  hypotheses: [ratesNonNegative, bandLimited],
  conclusion: '|J| <= B_1 <= DeltaE Gamma_DeltaE sum_alpha ||A_alpha||^2',
  bound: { name: 'B2(DeltaE)', value: (q, c) => c.DeltaE.times(q.Gamma).times(sumA2(q)) },
  steps: [
    ...chainToB1,
    {
      id: 'band', statement: 'Omega_alpha lies in [-DeltaE, DeltaE]: max_{w in Omega} |w| <= DeltaE',
      rule: 'the band hypothesis: A(w) = 0 for |w| > DeltaE', uses: ['H-band'], relation: '<=',
      lhs: (q) => q.deltaE, rhs: (_q, c) => c.DeltaE, check: { kind: 'instances' },
      slack: 'the band is wider than the frequencies A really uses',
    },
    {
      id: 'band-bound', statement: 'B_1 <= DeltaE Gamma_DeltaE sum ||A||^2   (B_2)',
      rule: 'max over Omega of |w| gamma(w) <= DeltaE * max rate over the band', uses: ['norm', 'band'], relation: '<=',
      lhs: (q) => sum(q, (c) => c.omegaGammaMax.times(c.normA2)), rhs: (q, c) => c.DeltaE.times(q.Gamma).times(sumA2(q)), check: { kind: 'instances' },
      slack: 'the largest |w| gamma(w) is below DeltaE * Gamma',
    },
  ],
};

/** The scaling steps shared by both corollaries: sum ||A||^2 <= (sum ||A||)^2 <= a^2 L^2. */
const couplingSquares: readonly Step[] = [
  {
    id: 'squares', statement: 'sum_alpha ||A_alpha||^2 <= (sum_alpha ||A_alpha||)^2', rule: 'squares of non-negative numbers: sum x^2 <= (sum x)^2',
    uses: [], relation: '<=', lhs: sumA2, rhs: (q) => sumA(q).pow(2), check: { kind: 'instances' },
    slack: 'several channels (each ||A_alpha||^2 counted once instead of with cross terms)',
  },
  {
    id: 'extensive-coupling', statement: '(sum_alpha ||A_alpha||)^2 <= a^2 L^2', rule: 'hypothesis: an extensive coupling',
    uses: ['H-extensive-A', 'squares'], relation: '<=', lhs: (q) => sumA(q).pow(2), rhs: (q, c) => c.a.times(q.L).pow(2), check: { kind: 'instances' },
  },
];

/** Corollary 1: |J| <= 2 h a^2 Gamma L^3. */
export const scalingL3: Theorem = {
  id: 'scaling-L3', title: 'Corollary: |J| = O(L^3) for extensive H_S and coupling', source: 'docs/physics.md §2, scaling',
  coq: 'heat_cubic_scaling', coqUses: ['cubic_scaling_real', 'sum_sqr_le', 'width_le_2norm'],
  hypotheses: [ratesNonNegative, ratesBounded, extensiveH, extensiveA],
  conclusion: '|J| <= 2 h a^2 Gamma L^3',
  bound: { name: '2 h a^2 Gamma L^3', value: (q, c) => c.h.times(2).times(c.a.pow(2)).times(q.Gamma).times(q.L ** 3) },
  steps: [
    ...couplingSquares,
    {
      id: 'extensive-H', statement: '2 ||H_S|| Gamma sum ||A||^2 <= 2 (h L) Gamma (a L)^2', rule: 'hypotheses ||H_S|| <= h L and the previous step; products of non-negative numbers are monotone',
      uses: ['H-extensive-H', 'extensive-coupling', 'bound1'], relation: '<=',
      lhs: (q) => q.normH.times(2).times(q.Gamma).times(sumA2(q)), rhs: (q, c) => c.h.times(q.L).times(2).times(q.Gamma).times(c.a.times(q.L).pow(2)), check: { kind: 'instances' },
    },
    {
      id: 'algebra-L3', statement: '2 (h L) Gamma (a L)^2 = 2 h a^2 Gamma L^3', rule: 'algebra', uses: ['extensive-H'], relation: '=',
      lhs: (q, c) => c.h.times(q.L).times(2).times(q.Gamma).times(c.a.times(q.L).pow(2)), rhs: (q, c) => c.h.times(2).times(c.a.pow(2)).times(q.Gamma).times(new (q.J.constructor as typeof Decimal)(q.L).pow(3)),
      check: { kind: 'algebraic', lhs: '2*(h*L)*Gamma*(a*L)^2', rhs: '2*h*a^2*Gamma*L^3' },
    },
    {
      id: 'exponent-L3', statement: '2 h a^2 Gamma L^3 grows like L^3, and the all-flip family reaches it', rule: 'scaling (symbolic exponents)',
      uses: ['algebra-L3'], relation: '=', lhs: (q) => q.J.mul(0).plus(3), rhs: (q) => q.J.mul(0).plus(3),
      check: { kind: 'scaling', expr: '2*h*a^2*Gamma*L^3', exponent: 3, reachedBy: 'allflip' },
    },
  ],
};

/** Corollary 2: |J| <= DeltaE Gamma a^2 L^2 for band-limited noise. */
export const scalingL2: Theorem = {
  id: 'scaling-L2', title: 'Corollary: |J| = O(L^2) for band-limited noise with DeltaE = O(1)', source: 'docs/physics.md §3, scaling',
  coq: 'heat_quadratic_scaling', coqUses: ['quadratic_scaling_real', 'sum_sqr_le', 'band_Omega'],
  hypotheses: [ratesNonNegative, ratesBounded, bandLimited, bandBounded, extensiveA],
  conclusion: '|J| <= DeltaE Gamma a^2 L^2',
  bound: { name: 'DeltaE Gamma a^2 L^2', value: (q, c) => c.DeltaE.times(q.Gamma).times(c.a.pow(2)).times(q.L ** 2) },
  steps: [
    ...couplingSquares,
    {
      id: 'band-coupling', statement: 'DeltaE Gamma sum ||A||^2 <= DeltaE Gamma (a L)^2', rule: 'the previous steps; products of non-negative numbers are monotone',
      uses: ['extensive-coupling', 'bound2'], relation: '<=',
      lhs: (q, c) => c.DeltaE.times(q.Gamma).times(sumA2(q)), rhs: (q, c) => c.DeltaE.times(q.Gamma).times(c.a.times(q.L).pow(2)), check: { kind: 'instances' },
    },
    {
      id: 'algebra-L2', statement: 'DeltaE Gamma (a L)^2 = DeltaE Gamma a^2 L^2', rule: 'algebra', uses: ['band-coupling'], relation: '=',
      lhs: (q, c) => c.DeltaE.times(q.Gamma).times(c.a.times(q.L).pow(2)), rhs: (q, c) => c.DeltaE.times(q.Gamma).times(c.a.pow(2)).times(q.L * q.L),
      check: { kind: 'algebraic', lhs: 'DeltaE*Gamma*(a*L)^2', rhs: 'DeltaE*Gamma*a^2*L^2' },
    },
    {
      id: 'exponent-L2', statement: 'DeltaE Gamma a^2 L^2 grows like L^2 for DeltaE = O(1), and superradiance reaches it', rule: 'scaling (symbolic exponents)',
      uses: ['algebra-L2'], relation: '=', lhs: (q) => q.J.mul(0).plus(2), rhs: (q) => q.J.mul(0).plus(2),
      check: { kind: 'scaling', expr: 'DeltaE*Gamma*a^2*L^2', exponent: 2, reachedBy: 'superradiance' },
    },
  ],
};

/** The four theorems, in the order of the derivation. */
export const theorems: readonly Theorem[] = [bound1, bound2, scalingL3, scalingL2];

/** Constants for an instance with no better knowledge: the tightest ones at this L. */
export function tightestConstants(q: Quantities): Constants {
  const L = q.L;
  return { h: q.normH.div(L), a: sumA(q).div(L), DeltaE: q.band };
}
