/**
 * The hypotheses of the Coq theorems (proofs/coq: Setting.v's record `spectral`, `density`,
 * `hermitian`, gamma >= 0 on Omega) checked on one model at one L with the decimal.js engine's
 * numbers and error bounds. The Coq development proves the bounds for exact matrices; this file
 * says how far the engine's matrices are from satisfying those hypotheses, rigorously:
 *
 *   - H_S, A are the model's operators on the product space of 2^L states (L <= 10), their entries
 *     exact at the working precision; H_S is diagonalised exactly as the engine does (diagonal path,
 *     or the connected blocks by eighPrecise), grouped into eigenspaces with the engine's tolerance;
 *     P_e := V_e V_e^+ from the stored Decimal eigenvectors V_e of the eigenspace of energy e.
 *   - With G = V^+ V - I (block by block) and R = H V - V E, in operator norms bounded by Frobenius
 *     norms: ||P_e^2 - P_e||, ||P_e P_f|| <= (1 + ||G||) ||G||; ||sum_e P_e - 1|| = ||G||;
 *     ||H_S - sum_e e P_e|| <= ||H_S|| ||G|| + ||R|| sqrt(1 + ||G||) + s (1 + ||G||), s the largest
 *     distance of a level from the energy of its group. Lower bounds (entries of G) decide "fails".
 *   - rho is the engine's state (sum_k w_k |psi_k><psi_k| + diag(p) in its working basis): Hermitian
 *     by construction; psd from the signs of w_k and p; the trace summed.
 *   - gamma >= 0 at every Bohr frequency between eigenspaces with a stored nonzero element of A (a
 *     superset of Omega, so the zero threshold does not matter).
 *
 * A check is `holds` when its residual plus the round-off of computing it is within its error
 * bound, `fails` when a lower bound on the defect exceeds the bound, otherwise `unknown`.
 */
import type { Decimal } from '../../numeric/index.js';
import type { LocatedExpr, ModelSpec } from '../../lang/index.js';
import { dAdjointMul, dMul, decide, precision, type Cx, type DMatrix, type Precision, type Verdict } from '../../numeric/index.js';
import { instantiate } from '../family.js';
import { columnMapEntries, decimalField, defaultTolerances, hermiticity } from '../../numeric/index.js';
import { instanceOperators, preciseIsDiagonal, preciseMatrix, type PreciseColumns } from './operators.js';
import {
  PreciseNotApplicable, blockEigen, blockMatrix, channelScope, diagonalEigen, eigenvectorError, groupEigenspaces, maxPreciseBlock, preciseScope, sandwich, spectrumOf,
  type BlockEigen, type SparseColumns,
} from './basis.js';
import { buildPreciseSystem, maxPreciseDiagonalL, maxPreciseDimension, type PreciseSystem } from './current.js';

/**
 * The output words of a hypothesis check, a mapping of the one {@link Verdict} (numeric/field
 * `decide`; see {@link hypothesisWord}): holds: within the error bound; fails: a lower bound on
 * the defect exceeds it; unknown: neither.
 */
export type HypothesisCheckVerdict = 'holds' | 'fails' | 'unknown';

/**
 * The word of a hypothesis (a check here, or a proof's hypothesis at one L) for the one verdict
 * of its non-strict claim: 'violated' is 'fails', 'unknown' stays, and 'holds' and 'tie' (the claim
 * met with equality, which a non-strict claim allows) are 'holds'.
 *
 * @example
 * hypothesisWord(decide({ value: rhs.minus(lhs), error: tol }).verdict) // 'holds' | 'fails'
 */
export function hypothesisWord(v: Verdict): HypothesisCheckVerdict {
  return v === 'violated' ? 'fails' : v === 'unknown' ? 'unknown' : 'holds';
}

/** One hypothesis of the Coq theorems on the model. */
export interface HypothesisCheck {
  readonly id: string;
  /** The Coq name of the hypothesis (Setting.v). */
  readonly coq: string;
  readonly statement: string;
  /**
   * `residual`: an upper bound on the defect (0 for an exact property), to be within `errorBound`;
   * `margin`: a quantity that must be >= 0 (> 0 for `gap`), allowed to be as low as -errorBound.
   */
  readonly kind: 'residual' | 'margin';
  /** What `value` is, in words. */
  readonly quantity: string;
  readonly value: string;
  /** Round-off of computing `value`. */
  readonly roundoff: string;
  readonly errorBound: string;
  readonly verdict: HypothesisCheckVerdict;
  /** How it was computed and where the error bound comes from. */
  readonly how: string;
  /** Which space: 'product basis (2^L)' or the engine's working space. */
  readonly space: string;
}

export interface HypothesisChecks {
  readonly model: string;
  readonly L: number;
  readonly digits: number;
  /** The engine's method for J (and the state): diagonal, dense, symmetric. */
  readonly method: string;
  readonly checks: readonly HypothesisCheck[];
  /** Every check holds. */
  readonly allHold: boolean;
}

const show = (x: Decimal): string => x.toSignificantDigits(6).toString();

/**
 * The verdict of a check, decided by numeric/field `decide`. The round-off is folded into the end
 * of the value's interval that the claim is about (the upper end value + roundoff of a residual,
 * the lower end value - roundoff of a margin; `lower` + roundoff or - roundoff for the opposite
 * claim), so each margin's sign is exact (a correctly rounded difference keeps the sign of the exact
 * one) and is decided with error 0:
 *   residual: holds when value + roundoff <= bound; fails when lower - roundoff > bound;
 *   margin: holds when value - roundoff >= -bound (> -bound when strict); fails when
 *   (lower ?? value) + roundoff < -bound (<= -bound when strict); otherwise unknown.
 */
function verdictOf(D: typeof Decimal, kind: 'residual' | 'margin', value: Decimal, roundoff: Decimal, bound: Decimal, lower: Decimal | null, strict = false): HypothesisCheckVerdict {
  const zero = new D(0);
  const sign = (m: Decimal, s: boolean): Verdict => decide({ value: m, error: zero }, { strict: s }).verdict;
  if (kind === 'residual') {
    const upper = sign(bound.minus(value.plus(roundoff)), false);
    if (upper !== 'violated') return hypothesisWord(upper);
    return hypothesisWord(lower !== null && sign(bound.minus(lower.minus(roundoff)), false) === 'violated' ? 'violated' : 'unknown');
  }
  const low = sign(value.minus(roundoff).plus(bound), strict);
  if (low !== 'violated') return hypothesisWord(low);
  return hypothesisWord(sign((lower ?? value).plus(roundoff).plus(bound), strict) === 'violated' ? 'violated' : 'unknown');
}

/** Frobenius norm and max entry modulus of a dense matrix (optionally minus the identity). */
function froAndMax(D: typeof Decimal, m: DMatrix, minusIdentity: boolean): { fro: Decimal; max: Decimal } {
  let s = new D(0), mx = new D(0);
  const n = m.n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const re = minusIdentity && i === j ? m.re[i * n + j].minus(1) : m.re[i * n + j];
      const a = re.pow(2).plus(m.im[i * n + j].pow(2));
      s = s.plus(a);
      if (a.gt(mx)) mx = a;
    }
  }
  return { fro: s.sqrt(), max: mx.sqrt() };
}

/** max_j sum_i |H_ij|: for Hermitian H an upper bound on ||H||. */
function columnSumNorm(D: typeof Decimal, m: SparseColumns): Decimal {
  let best = new D(0);
  for (const col of m.cols) {
    let s = new D(0);
    for (const v of col.values()) s = s.plus(v.re.pow(2).plus(v.im.pow(2)).sqrt());
    if (s.gt(best)) best = s;
  }
  return best;
}

interface ProjectorData {
  /** max over blocks of ||V_b^+ V_b - I||_F, and of its largest entry. */
  readonly g: Decimal;
  readonly gMax: Decimal;
  /** Largest entry of V^+ V - I between two different eigenspaces, and inside one. */
  readonly gOff: Decimal;
  readonly gDiag: Decimal;
  /** max over blocks of ||H_b V_b - V_b E_b||_F. */
  readonly r: Decimal;
  /** Largest distance of a level from its group's energy. */
  readonly spread: Decimal;
  readonly kmax: number;
  readonly blocks: number;
}

function projectorData(P: Precision, H: SparseColumns, eig: BlockEigen, spaceOf: Int32Array, groupEnergies: readonly Decimal[]): ProjectorData {
  const D = P.D;
  let spread = new D(0);
  eig.energies.forEach((e, i) => { const d = e.minus(groupEnergies[spaceOf[i]]).abs(); if (d.gt(spread)) spread = d; });
  if (eig.blocks === null) {
    // Diagonal H_S: V = I exactly, H V - V E = 0 exactly.
    return { g: new D(0), gMax: new D(0), gOff: new D(0), gDiag: new D(0), r: new D(0), spread, kmax: 1, blocks: H.n };
  }
  let g = new D(0), gMax = new D(0), gOff = new D(0), gDiag = new D(0), r = new D(0), kmax = 1;
  for (const b of eig.blocks) {
    const k = b.indices.length;
    kmax = Math.max(kmax, k);
    if (k === 1) continue;
    const V = b.vectors;
    const G = dAdjointMul(P, V, V);
    const fm = froAndMax(D, G, true);
    if (fm.fro.gt(g)) g = fm.fro;
    if (fm.max.gt(gMax)) gMax = fm.max;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const re = i === j ? G.re[i * k + j].minus(1) : G.re[i * k + j];
        const a = re.pow(2).plus(G.im[i * k + j].pow(2)).sqrt();
        const same = spaceOf[b.first + i] === spaceOf[b.first + j];
        if (same && a.gt(gDiag)) gDiag = a;
        if (!same && a.gt(gOff)) gOff = a;
      }
    }
    const Hb = blockMatrix(D, H, b.indices);
    const HV = dMul(P, Hb, V);
    let s = new D(0);
    for (let i = 0; i < k; i++) {
      for (let c = 0; c < k; c++) {
        const e = eig.energies[b.first + c];
        const re = HV.re[i * k + c].minus(V.re[i * k + c].times(e)), im = HV.im[i * k + c].minus(V.im[i * k + c].times(e));
        s = s.plus(re.pow(2)).plus(im.pow(2));
      }
    }
    if (s.sqrt().gt(r)) r = s.sqrt();
  }
  return { g, gMax, gOff, gDiag, r, spread, kmax, blocks: eig.blocks.length };
}

/** The engine's state: Hermitian, psd and trace 1, with the state's own error. */
function stateChecks(sys: PreciseSystem): HypothesisCheck[] {
  const D = sys.P.D;
  const n = sys.dimension;
  const unit = sys.P.workEps;
  const zero = new D(0);
  const space = sys.method === 'symmetric' ? 'the engine\'s Dicke sector j = L/2 (eigenbasis of H_S)' : 'the engine\'s eigenbasis of H_S (2^L states)';
  const { vectors, populations } = sys.state;
  const norms = vectors.map((v) => v.amp.reduce((s, a) => s.plus(a.re.pow(2)).plus(a.im.pow(2)), zero));
  let trace = zero, neg = zero, terms = 0;
  vectors.forEach((v, k) => { trace = trace.plus(v.weight.times(norms[k])); if (v.weight.isNeg()) neg = neg.plus(v.weight.abs().times(norms[k])); terms += n; });
  if (populations) populations.forEach((p) => { trace = trace.plus(p); if (p.isNeg()) neg = neg.plus(p.abs()); terms += 1; });
  const stateErr = (sys.stateError ?? zero).times(n);
  const roundoff = unit.times(10 * Math.max(1, terms)).times(D.max(1, trace.abs()));
  const bound = stateErr.plus(sys.relError.times(2)).plus(roundoff);
  // A witness for "not psd": <psi_k| rho |psi_k> / ||psi_k||^2 for the negative-weight vectors.
  let witness: Decimal | null = null;
  if (!neg.isZero()) {
    vectors.forEach((v, k) => {
      if (!v.weight.isNeg() || norms[k].isZero()) return;
      let x = zero;
      for (const u of vectors) {
        let re = zero, im = zero;
        for (let i = 0; i < n; i++) {
          const a = v.amp[i], b = u.amp[i];
          re = re.plus(a.re.times(b.re)).plus(a.im.times(b.im));
          im = im.plus(a.re.times(b.im)).minus(a.im.times(b.re));
        }
        x = x.plus(u.weight.times(re.pow(2).plus(im.pow(2))));
      }
      if (populations) populations.forEach((p, i) => { x = x.plus(p.times(v.amp[i].re.pow(2).plus(v.amp[i].im.pow(2)))); });
      x = x.div(norms[k]);
      if (witness === null || x.lt(witness)) witness = x;
    });
  }
  const how = `rho = sum_k w_k |psi_k><psi_k|${populations ? ' + diag(p)' : ''} (${vectors.length} vector${vectors.length === 1 ? '' : 's'}${populations ? `, ${n} populations` : ''}) as the engine stores it; error bound: the state's entry error x n${sys.stateError && !sys.stateError.isZero() ? ` (${show(sys.stateError)} x ${n})` : ' (0: not a computed steady state)'} + 2 x the eigenvector error + round-off`;
  const traceDev = trace.minus(1).abs();
  return [
    {
      id: 'H-state-hermitian', coq: 'density (rho = rho^+)', statement: 'rho is Hermitian', kind: 'residual', quantity: '||rho - rho^+||', value: '0', roundoff: '0', errorBound: show(bound),
      verdict: 'holds', how: `${how}; real weights and populations: Hermitian by construction (exactly 0)`, space,
    },
    {
      id: 'H-state-psd', coq: 'density (psd rho)', statement: 'rho is positive semidefinite', kind: 'residual', quantity: 'sum of the negative weights |w_k| ||psi_k||^2 (>= -lambda_min(rho))',
      value: show(neg), roundoff: show(neg.isZero() ? zero : roundoff), errorBound: show(bound),
      verdict: neg.isZero() ? 'holds' : verdictOf(D, 'residual', neg, roundoff, bound, witness === null ? null : (witness as Decimal).neg()),
      how: `${how}; ${neg.isZero() ? 'every weight is >= 0: psd exactly (a sum of psd terms)' : `smallest <psi_k|rho|psi_k> over negative-weight vectors: ${show(witness ?? zero)}`}`, space,
    },
    {
      id: 'H-state-trace', coq: 'density (\\tr rho = 1)', statement: 'Tr rho = 1', kind: 'residual', quantity: '|Tr rho - 1|', value: show(traceDev), roundoff: show(roundoff), errorBound: show(bound),
      verdict: verdictOf(D, 'residual', traceDev, roundoff, bound, traceDev), how, space,
    },
  ];
}

/**
 * Checks the Coq theorems' hypotheses on `model` at L (see the file comment).
 *
 * @param sys the engine's system for the state (built here when absent)
 * @throws InputError for errors in the model at L; PreciseNotApplicable where the engine does not reach
 */
export function preciseHypotheses(model: ModelSpec, L: number, digits: number, opts: { readonly state?: LocatedExpr | null } = {}, sys?: PreciseSystem): HypothesisChecks {
  const system = sys ?? buildPreciseSystem(model, L, digits, opts);
  const P = precision(digits);
  const D = P.D;
  const unit = P.workEps;
  const checks: HypothesisCheck[] = [];
  // v1 qubits beyond the product basis are told by L alone (not instantiated again); v2 sites by prod dims.
  const inst = model.sites || L <= maxPreciseDiagonalL ? instantiate(model, L) : null;
  const layout = inst?.layout;
  const space = layout ? 'product basis (prod dims states of the sites, the model\'s operators)' : 'product basis (2^L states, the model\'s operators)';
  if (inst === null || (layout ? layout.dims.reduce((x, d) => x * d, 1) > maxPreciseDimension : L > maxPreciseDiagonalL)) {
    const why = layout
      ? `not checked: the check works in the product basis of at most ${maxPreciseDimension} states`
      : `not checked: the check works in the product basis of 2^L states, L <= ${maxPreciseDiagonalL}`;
    for (const [id, coq, statement] of [
      ['H-spectral', 'spectral e P, H_S = ham e P', 'H_S = sum_e e P_e with distinct real e and nonzero Hermitian projectors P_e, P_e P_f = delta_ef P_e, sum_e P_e = 1'],
      ['H-A-hermitian', 'hermitian A', 'every A_alpha is Hermitian'],
      ['H-A-norm', 'loewner_le (A *m A) c%:M', 'A_alpha^2 <= c_alpha 1 with c_alpha = ||A_alpha||^2'],
      ['H-rates', 'forall w, 0 <= gamma w', 'gamma_alpha(w) >= 0 for every w in Omega_alpha'],
    ] as const) {
      checks.push({ id, coq, statement, kind: 'residual', quantity: '-', value: '-', roundoff: '-', errorBound: '-', verdict: 'unknown', how: why, space: '-' });
    }
    checks.push(...stateChecks(system));
    return { model: model.name, L, digits, method: system.method, checks, allHold: false };
  }
  const scope = preciseScope(P, model, L);
  const { operator, dims } = instanceOperators(D, L, layout);
  const Hop = operator(inst.H, scope);
  const H: PreciseColumns = preciseMatrix(D, Hop, dims);
  const diagonal = preciseIsDiagonal(Hop);
  const eig = diagonal ? diagonalEigen(D, H) : blockEigen(P, H, (size) => `H_S has a connected block of dimension ${size} > ${maxPreciseBlock}`);
  const grouped = groupEigenspaces(P, eig);
  const { spaces, minGap, normH } = grouped;
  const pd = projectorData(P, H, eig, spaces.spaceOf, spaces.energies);
  const vecErr = eigenvectorError(D, eig.residual, minGap, diagonal);
  const eps = D.max(P.eps.times(4).plus(vecErr), unit.times(100 * pd.kmax));
  const degTol = D.max(unit.times(100).times(D.max(1, normH)), eig.residual.times(100));
  const how0 = diagonal
    ? `H_S diagonal in the product basis: P_e = the indicator of the basis states of energy e, exactly (V = I); ${spaces.energies.length} eigenspaces`
    : `H_S in ${pd.blocks} connected blocks (largest ${pd.kmax}), each by eighPrecise; P_e = V_e V_e^+ from the stored eigenvectors; ||V^+V - I||_F = ${show(pd.g)}, ||H V - V E||_F = ${show(pd.r)}; ${spaces.energies.length} eigenspaces`;
  const boundText = `error bound: the engine's eigenvector accuracy max(4 x 10^-${digits} + 8 residual/gap, 100 k 10^-${digits + P.guard}) = ${show(eps)}`;
  const g = pd.g, one = new D(1);
  const gRound = unit.times(10 * pd.kmax * pd.kmax);
  const idem = one.plus(g).times(g);
  checks.push({
    id: 'H-spectral-real', coq: 'spectral: spec_real', statement: 'the energies e are real', kind: 'residual', quantity: 'max |Im e|', value: '0', roundoff: '0', errorBound: '0', verdict: 'holds',
    how: 'the energies are real Decimals (eigenvalues of a Hermitian matrix, computed as reals)', space,
  });
  const gap = minGap ?? null;
  checks.push({
    id: 'H-spectral-distinct', coq: 'spectral: spec_inj', statement: 'the energies e of different eigenspaces are distinct', kind: 'margin',
    quantity: 'smallest gap between the energies of two eigenspaces', value: gap === null ? 'one eigenspace' : show(gap), roundoff: show(unit.times(D.max(1, normH))), errorBound: '0',
    verdict: gap === null ? 'holds' : verdictOf(D, 'margin', gap, unit.times(D.max(1, normH)), new D(0), null, true),
    how: `levels within the engine's degeneracy tolerance ${show(degTol)} are one eigenspace (e = the lowest of them); different eigenspaces are further apart`, space,
  });
  checks.push({
    id: 'H-projectors-nonzero', coq: 'spectral: spec_nz', statement: 'every P_e is nonzero', kind: 'margin', quantity: 'smallest ||P_e|| lower bound 1 - ||V^+V - I||',
    value: show(one.minus(g)), roundoff: show(gRound), errorBound: '0', verdict: verdictOf(D, 'margin', one.minus(g), gRound, new D(0), null, true),
    how: `${how0}; each eigenspace has at least one eigenvector`, space,
  });
  checks.push({
    id: 'H-projectors-hermitian', coq: 'spectral: spec_herm', statement: 'every P_e is Hermitian', kind: 'residual', quantity: 'max_e ||P_e - P_e^+||', value: '0', roundoff: '0', errorBound: show(eps),
    verdict: 'holds', how: `${how0}; P_e = V_e V_e^+ is Hermitian exactly`, space,
  });
  checks.push({
    id: 'H-projectors-idempotent', coq: 'spectral: spec_orth (i = j)', statement: 'P_e^2 = P_e', kind: 'residual', quantity: 'max_e ||P_e^2 - P_e|| <= (1 + ||G||) ||G||, G = V^+V - I',
    value: show(idem), roundoff: show(gRound), errorBound: show(eps), verdict: verdictOf(D, 'residual', idem, gRound, eps, one.minus(g).times(pd.gDiag)),
    how: `${how0}; ${boundText}`, space,
  });
  checks.push({
    id: 'H-projectors-orthogonal', coq: 'spectral: spec_orth (i <> j)', statement: 'P_e P_f = 0 for e != f', kind: 'residual', quantity: 'max_{e != f} ||P_e P_f|| <= (1 + ||G||) ||G||',
    value: show(idem), roundoff: show(gRound), errorBound: show(eps), verdict: verdictOf(D, 'residual', idem, gRound, eps, one.minus(g).times(pd.gOff)),
    how: `${how0}; ${boundText}`, space,
  });
  checks.push({
    id: 'H-projectors-complete', coq: 'spectral: spec_sum', statement: 'sum_e P_e = 1', kind: 'residual', quantity: '||sum_e P_e - 1|| = ||V^+V - I|| <= ||G||_F',
    value: show(g), roundoff: show(gRound), errorBound: show(eps), verdict: verdictOf(D, 'residual', g, gRound, eps, pd.gMax),
    how: `${how0}; ${boundText}`, space,
  });
  const normHup = columnSumNorm(D, H);
  const spec = normHup.times(g).plus(pd.r.times(one.plus(g).sqrt())).plus(pd.spread.times(one.plus(g)));
  const specBound = degTol.plus(eps.times(D.max(1, normHup)).times(4));
  const specRound = unit.times(10 * pd.kmax * pd.kmax).times(D.max(1, normHup));
  checks.push({
    id: 'H-spectral-decomposition', coq: 'H_S = ham e P (\\sum_e e *: P_e)', statement: 'H_S = sum_e e P_e', kind: 'residual',
    quantity: '||H_S - sum_e e P_e|| <= ||H_S|| ||G|| + ||H V - V E|| sqrt(1 + ||G||) + s (1 + ||G||)',
    value: show(spec), roundoff: show(specRound), errorBound: show(specBound), verdict: verdictOf(D, 'residual', spec, specRound, specBound, null),
    how: `${how0}; s = ${show(pd.spread)} (levels grouped into one eigenspace); error bound: the engine's degeneracy tolerance ${show(degTol)} + 4 x ${show(eps)} x ||H_S|| (||H_S|| <= ${show(normHup)})`, space,
  });
  // A Hermitian, and gamma >= 0 on (a superset of) Omega, per channel.
  inst.channels.forEach((ch, idx) => {
    const label = ch.k === null ? `channel ${ch.entry}` : `channel ${ch.entry}, k = ${ch.k}`;
    const cs = channelScope(D, scope, ch);
    const Am = preciseMatrix(D, operator(ch.origin, cs), dims);
    // The engine's one Hermiticity rule (numeric hermiticity) in the field of the working digits.
    const F = decimalField(D.precision);
    const h = hermiticity(F, columnMapEntries(F, Am.cols));
    const r = h.residual, bound = h.tolerance.times(h.scale);
    checks.push({
      id: `H-A-hermitian[${label}]`, coq: 'hermitian A', statement: `A is Hermitian (${label})`, kind: 'residual', quantity: 'max_ij |A_ij - conj(A_ji)|',
      value: show(r), roundoff: show(unit.times(h.scale)), errorBound: show(bound), verdict: verdictOf(D, 'residual', r, unit.times(h.scale), bound, r),
      how: `A's ${Am.cols.reduce((s, c) => s + c.size, 0)} stored entries; error bound: the engine's Hermiticity tolerance ${defaultTolerances.decimalHermiticityUnits} x 10^-${digits + P.guard} x max(1, max|A_ij|)`, space,
    });
    // A^2 <= c 1 with c = ||A||^2 as the chain uses it (the engine's norm), within the error the engine carries for it.
    const norm = system.channels[idx]?.norm;
    if (norm) {
      const col = columnSumNorm(D, Am);
      const upper = D.min(col, norm.value.plus(norm.error));
      const c = norm.value.pow(2);
      const excess = D.max(0, upper.pow(2).minus(c));
      const nb = norm.value.times(norm.error).times(2).plus(norm.error.pow(2));
      const nr = unit.times(10).times(D.max(1, c));
      checks.push({
        id: `H-A-norm[${label}]`, coq: 'loewner_le (A *m A) c%:M', statement: `A^2 <= c 1 with c = ||A||^2 = ${show(c)} (${label})`, kind: 'residual',
        quantity: 'max(0, u^2 - c), u an upper bound on ||A||', value: show(excess), roundoff: show(nr), errorBound: show(nb),
        verdict: verdictOf(D, 'residual', excess, nr, nb, null),
        how: `u = min(max column sum of |A_ij| = ${show(col)}, the engine's ||A|| + error = ${show(norm.value.plus(norm.error))}) (${norm.how}); error bound: the engine's error of ||A||^2`, space,
      });
    }
    const Ae = eig.blocks ? sandwich(P, eig, Am) : Am;
    const gamma = spectrumOf(P, ch, cs);
    const seen = new Set<number>();
    const nS = spaces.energies.length;
    let gmin: Decimal | null = null, gmax = new D(0), at: Decimal | null = null;
    Ae.cols.forEach((col: ReadonlyMap<number, Cx>, j: number) => {
      for (const [i, v] of col) {
        const a = spaces.spaceOf[i], b = spaces.spaceOf[j];
        if (a === b || (v.re.isZero() && v.im.isZero())) continue;
        const key = a * nS + b;
        if (seen.has(key)) continue;
        seen.add(key);
        const w = spaces.energies[b].minus(spaces.energies[a]);
        const x = gamma(w);
        if (gmin === null || x.lt(gmin)) { gmin = x; at = w; }
        if (x.abs().gt(gmax)) gmax = x.abs();
      }
    });
    const gRoundoff = unit.times(10).times(D.max(1, gmax));
    const gm = gmin as Decimal | null;
    checks.push({
      id: `H-rates[${label}]`, coq: 'forall w, 0 <= gamma w', statement: `gamma(w) >= 0 for every w in Omega (${label})`, kind: 'margin',
      quantity: 'smallest gamma(w) over the Bohr frequencies with a stored nonzero element of A (a superset of Omega)',
      value: gm === null ? 'Omega is empty' : show(gm), roundoff: show(gRoundoff), errorBound: '0',
      verdict: gm === null ? 'holds' : gm.gte(0) ? 'holds' : verdictOf(D, 'margin', gm, gRoundoff, new D(0), null),
      how: `${seen.size} pairs of eigenspaces${at !== null ? `; the smallest rate at w = ${show(at as Decimal)}` : ''}; rates evaluated in Decimal as the engine does. `
        + 'The Coq theorems assume gamma >= 0 at every w; they are applied to gamma on Omega and 0 elsewhere, which changes neither J (terms off Omega vanish) nor Mrate, Gam (maxima over Omega)', space,
    });
  });
  checks.push(...stateChecks(system));
  return { model: model.name, L, digits, method: system.method, checks, allHold: checks.every((c) => c.verdict === 'holds') };
}

export { PreciseNotApplicable };
