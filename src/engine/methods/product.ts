/**
 * The product method: H_S a sum of one-site terms (site-dependent coefficients allowed), every
 * channel's A acting on one site (plus a scalar part), and a state whose one-site reductions are
 * known exactly. Then the model factorises: H_S = c0 + sum_k h_k, and A = a_s (x) I maps products
 * of site eigenvectors to energy-shifted products, so A(w) = a_s(w) (x) I exactly, even where the
 * full spectrum is degenerate. Every channel quantity (J, Tr[A^2 Pinch rho] = Tr[rho_s
 * Pinch_s(a_s^2)], Omega, its statistics and the B2tail table) is that of the one-site problem
 * (h_s, a_s, rho_s), computed by the dense kernels at dimension 2 with their a-posteriori errors;
 * the full-space terms are exact sums and maxima over the sites. For L up to 10^5 and beyond.
 */
import {
  opSite, siteOperators, diagonalEntries, float64Field, hermiticity,
  type EigenSystem, type Local, type Spectrum, type OpSum, type ProductTerm, defaultTolerances, eigenSystem, eigenbasisOperatorError,
  eigenbasisVectorError, gammaN, nearSplitNotes, normOf, opExtremes, opNormUpperBound, opToSparse, vectorToEigenbasis,
} from '../../numeric/index.js';
import type { ChannelInstance, Instance } from '../family.js';
import type { Origin } from '../../lang/index.js';
import { evalOperatorIn, type OperatorAlgebra } from '../../symbolic/index.js';
import { type ChannelOutcome, MethodNotApplicable, outcomeOf, type MethodOutcome, type MethodSystem } from '../outcome.js';
import { productTermAlgebra } from '../operators.js';
import { coefficientTexts, faithfulOperator } from '../exact-coefficients.js';
import { channelScope, evalOperatorPrecise } from '../precise/index.js';
import { realiseProduct, stateText, type StateSpec } from '../states.js';
import { normError, opInputError, populationError, stateInputError } from './errors.js';
import { assertHermitian, channelKernel, denseOmegaMargin, eigenbasisColumns, eigenbasisState, zeroThreshold, type Float64Channel, assertQubitSites } from './shared.js';
import { assertHermitianIn } from '../input-errors.js';
import { finiteOrOverflow } from '../non-finite.js';

const u = defaultTolerances.eps;

/** The normal form of each site operator on one site (immutable, shared by every evaluation). */
const siteForms = new Map<string, OpSum>();

/**
 * engine/operators' evalOperator as an algebra built once per L and shared by every channel (so
 * the walk over it is set up once per expression, not once per channel): the same terms, in the
 * same order, with the same coefficients. Sums over sites are added as a running sum (opAdd.from), and a
 * site operator takes the normal form of its operator on one site, which does not depend on the
 * site, instead of collecting it again at each site.
 */
function productAlgebra(L: number): OperatorAlgebra<number, OpSum> {
  return productTermAlgebra(L, (k, op) => {
    if (!(k >= 0 && k < L)) return opSite(L, k, siteOperators[op]);
    let base = siteForms.get(op);
    if (!base) { base = opSite(1, 0, siteOperators[op]); siteForms.set(op, base); }
    // (The identity's normal form is the scalar 1, on no site.)
    const terms: ProductTerm[] = new Array<ProductTerm>(base.terms.length);
    for (let i = 0; i < terms.length; i++) {
      const t = base.terms[i];
      terms[i] = { cr: t.cr, ci: t.ci, sites: t.sites.length === 0 ? t.sites : [k], mats: t.mats };
    }
    return { L, terms };
  });
}

/** One site's part of H_S: its terms as an operator on one site, eigen-decomposed. */
interface Site {
  readonly op: OpSum;
  readonly sys: EigenSystem;
  /** Lowest and highest eigenvalue and their error bounds (eigenvalue error plus input error). */
  readonly lo: number;
  readonly hi: number;
  readonly loError: number;
  readonly hiError: number;
}

/**
 * The states whose one-site reductions are exact and site independent (up, down, product(theta,
 * phi), thermal(T), ground, top) and their mixtures (J and every term are linear in rho and need
 * only rho_s). Returns why not, or null.
 */
function unsupportedState(s: StateSpec): string | null {
  switch (s.kind) {
    case 'up': case 'down': case 'product': case 'thermal': case 'ground': case 'top': return null;
    case 'mix': return unsupportedState(s.a) ?? unsupportedState(s.b);
    default: return `the state ${stateText(s)} is not a mixture of products with known one-site reductions (up, down, product(theta, phi), thermal(T), ground, top)`;
  }
}

function mentionsGroundOrTop(s: StateSpec): boolean {
  if (s.kind === 'ground' || s.kind === 'top') return true;
  return s.kind === 'mix' && (mentionsGroundOrTop(s.a) || mentionsGroundOrTop(s.b));
}

/** A term on more than one site: the product method does not apply. */
function notOneSite(what: string, t: ProductTerm): MethodNotApplicable {
  return new MethodNotApplicable('product', `${what} has a term on sites ${siteList(t.sites)} (it must be a sum of one-site terms)`);
}

/**
 * How many terms on two or more sites the summands of an operator (H_S, a channel's A) may bring
 * (over all its sums) before the product method gives up on it: a sum of one-site terms brings
 * none, and an interacting H_S or A at L = 10^6 took minutes and gigabytes to be summed in full
 * only to be refused (six sums of two-site terms in H_S: 4 GB and more than 300 s; three in an A:
 * 3 GB, 57 s). Far above any small L (where the refusal is the same, from the summed operator),
 * so that only terms cancelling across more than this many summands could be refused that the
 * full sum would accept.
 */
export const maxManySiteTermsOfH = 16384;

/** The count of {@link budgeted}: reset before each operator evaluated, with the name its refusal gives it. */
interface ManySiteBudget {
  seen: number;
  first: ProductTerm | null;
  /** The channel being evaluated (its label names the refusal), or null for H_S. */
  channel: ChannelInstance | null;
}

/**
 * `A` whose running sums (`sum(k, ...)`, add.from) count the terms on two or more sites their
 * summands bring, and throw {@link notOneSite} for the first of them past {@link maxManySiteTermsOfH}.
 */
function budgeted(A: OperatorAlgebra<number, OpSum>, budget: ManySiteBudget): OperatorAlgebra<number, OpSum> {
  const from = A.add.from;
  if (from === undefined) return A;
  const add = Object.assign((a: OpSum, b: OpSum): OpSum => A.add(a, b), {
    from: (start: OpSum) => {
      const run = from(start);
      return {
        add: (part: OpSum): void => {
          // (The run reads the part's terms as well: reading them first makes nothing more.)
          for (const t of part.terms) {
            if (t.sites.length < 2) continue;
            budget.first ??= t;
            if (++budget.seen > maxManySiteTermsOfH) throw notOneSite(budget.channel === null ? 'H_S' : channelLabel(budget.channel), budget.first);
          }
          run.add(part);
        },
        result: () => run.result(),
      };
    },
  });
  return { ...A, add };
}

/**
 * H_S's terms by site: the sites (0..L-1) in order of their first term, their terms in the same
 * order (`termsAt(i)`, the terms of the i-th of them), each site's position in it (-1 for a site
 * without terms), and the scalar term; throws when a term touches more than one site. A site with
 * one term (the common case, 10^5 of them) keeps no list of its own: `termsAt` hands its term in
 * one scratch list, valid until the next call.
 */
function oneSiteTermsOfH(op: OpSum, L: number): { scalar: ProductTerm | null; order: number[]; termsAt: (i: number) => readonly ProductTerm[]; at: Int32Array } {
  let scalar: ProductTerm | null = null;
  const at = new Int32Array(L).fill(-1);
  const order: number[] = [];
  const first: ProductTerm[] = [];
  const more = new Map<number, ProductTerm[]>();
  for (const t of op.terms) {
    if (t.sites.length === 0) { scalar = t; continue; }
    if (t.sites.length > 1) throw notOneSite('H_S', t);
    const k = t.sites[0];
    const i = at[k];
    if (i >= 0) {
      const list = more.get(i);
      if (list) list.push(t);
      else more.set(i, [first[i], t]);
    } else { at[k] = order.length; order.push(k); first.push(t); }
  }
  const scratch: ProductTerm[] = [first[0]];
  return { scalar, order, at, termsAt: (i) => more.get(i) ?? ((scratch[0] = first[i]), scratch) };
}

/**
 * A channel's one site (0 when A is a scalar) and its terms there, the scalar term last; throws
 * when a term touches more than one site or the terms more than one site together.
 */
function oneSiteTermsOfA(op: OpSum, ch: ChannelInstance): { k: number; terms: readonly ProductTerm[] } {
  // One term on one site (X[k], 10^5 channels of an entry): its own list of terms.
  if (op.terms.length === 1 && op.terms[0].sites.length === 1) return { k: op.terms[0].sites[0], terms: op.terms };
  let scalar: ProductTerm | null = null;
  let k = -1, several = false;
  const terms: ProductTerm[] = [];
  for (const t of op.terms) {
    if (t.sites.length === 0) { scalar = t; continue; }
    if (t.sites.length > 1) throw notOneSite(channelLabel(ch), t);
    if (k >= 0 && t.sites[0] !== k) several = true;
    k = k < 0 ? t.sites[0] : k;
    terms.push(t);
  }
  if (several) {
    const sites = [...new Set(op.terms.filter((u) => u.sites.length === 1).map((u) => u.sites[0]))];
    throw new MethodNotApplicable('product', `${channelLabel(ch)} acts on sites ${siteList(sites)} (it must act on one site)`);
  }
  if (scalar) terms.push(scalar);
  return { k: k < 0 ? 0 : k, terms };
}

/** A channel's A in messages: `A`, or `A (k = K)` for a channel of an `each` entry. */
function channelLabel(ch: ChannelInstance): string {
  return ch.k === null ? 'A' : `A (k = ${ch.k})`;
}

/** The terms relabelled onto one site (site 0 of a one-site operator). */
function onOneSite(terms: readonly ProductTerm[]): OpSum {
  return { L: 1, terms: terms.map((t) => ({ ...t, sites: t.sites.map(() => 0) })) };
}

/**
 * Values by one-site terms (exact coefficients and local matrices): equal terms, as text, find the
 * same value. One term (the common case) is looked up by its matrix's text, kept per array (the
 * normal form shares one array between equal factors, so 10^5 sites of one operator write it
 * once), and its coefficient's parts as numbers (Map keys equal when their decimal texts are); a
 * list of several (or no) terms by its sorted texts joined.
 */
class TermsMap<V> {
  private readonly texts = new Map<Local, string>();
  private readonly single = new Map<string, Map<number, Map<number, V>>>();
  private readonly several = new Map<string, V>();

  private text(m: Local | undefined): string {
    if (!m) return '';
    let text = this.texts.get(m);
    if (text === undefined) { text = `${m[0]},${m[1]},${m[2]},${m[3]},${m[4]},${m[5]},${m[6]},${m[7]}`; this.texts.set(m, text); }
    return text;
  }

  private key(terms: readonly ProductTerm[]): string {
    return terms.map((t) => `${t.cr},${t.ci}:${this.text(t.mats[0])}`).sort().join(';');
  }

  // The last single term found or set: its matrix (by identity), coefficient and value. The
  // channels of one entry ask for the same term over and over.
  private lastMat: Local | undefined;
  private lastCr = NaN;
  private lastCi = NaN;
  private lastValue: V | undefined;

  get(terms: readonly ProductTerm[]): V | undefined {
    if (terms.length !== 1) return this.several.get(this.key(terms));
    const t = terms[0];
    // (=== on the parts: 0 and -0 alike, as Map keys; NaN never matches and takes the Maps.)
    if (this.lastValue !== undefined && t.mats[0] === this.lastMat && t.cr === this.lastCr && t.ci === this.lastCi) return this.lastValue;
    const v = this.single.get(this.text(t.mats[0]))?.get(t.cr)?.get(t.ci);
    if (v !== undefined) this.remember(t, v);
    return v;
  }

  private remember(t: ProductTerm, v: V): void {
    this.lastMat = t.mats[0]; this.lastCr = t.cr; this.lastCi = t.ci; this.lastValue = v;
  }

  set(terms: readonly ProductTerm[], v: V): void {
    if (terms.length !== 1) { this.several.set(this.key(terms), v); return; }
    const t = terms[0], text = this.text(t.mats[0]);
    let byRe = this.single.get(text);
    if (!byRe) { byRe = new Map(); this.single.set(text, byRe); }
    let byIm = byRe.get(t.cr);
    if (!byIm) { byIm = new Map(); byRe.set(t.cr, byIm); }
    byIm.set(t.ci, v);
    this.remember(t, v);
  }
}

/** A kernel result with the rates it asked for: points w in order and gamma(w) there (the spectrum itself too). */
interface Memo<R> { readonly gamma: Spectrum; readonly points: number[]; readonly values: number[]; readonly result: R }

/** Memos kept per one-site problem (channels whose rates differ beyond these are computed afresh). */
const maxMemos = 8;

/**
 * run(gamma), reused from a memo of the same one-site problem when gamma gives exactly the same
 * values at every point the memo's run asked for (or is the memo's spectrum itself: a spectrum is
 * a function of w alone): the kernels are deterministic in their inputs and the rates they read,
 * so the run would repeat the memo's steps and result.
 */
function memoised<R>(list: Memo<R>[], gamma: Spectrum, run: (g: Spectrum) => R): R {
  for (const m of list) {
    // The same spectrum (channels of one entry share it when the bath does not name the index)
    // gives the same values at the same points: no need to ask it again.
    if (m.gamma === gamma) return m.result;
    let same = true;
    for (let i = 0; i < m.points.length && same; i++) same = Object.is(gamma(m.points[i]), m.values[i]);
    if (same) return m.result;
  }
  const points: number[] = [], values: number[] = [];
  const result = run((w) => { const g = gamma(w); points.push(w); values.push(g); return g; });
  if (list.length < maxMemos) list.push({ gamma, points, values, result });
  return result;
}

function siteOf(terms: readonly ProductTerm[], origin: Origin): Site {
  const op = onOneSite(terms);
  const H = opToSparse(op);
  assertHermitian(origin, H, 'H');
  const input = opInputError(op);
  const sys = finiteOrOverflow('the spectrum of H', origin, () => eigenSystem(H, input));
  const sp = sys.spaces;
  const S = sp.spaceEnergy.length;
  const se = sp.spaceError;
  return {
    op, sys, lo: sp.spaceEnergy[0], hi: sp.spaceEnergy[S - 1],
    loError: (se ? se[0] : 0) + input, hiError: (se ? se[S - 1] : 0) + input,
  };
}

/**
 * A channel with its one-site problem prepared for the float64 kernel (everything but the
 * channel itself), and the memos of the kernel's runs on that problem, shared by equal problems.
 */
interface ProductChannel {
  readonly ch: ChannelInstance;
  readonly problem: OneSiteProblem;
  readonly memos: Memo<ChannelOutcome>[];
}

/** A one-site problem prepared for the float64 kernel: a channel's all but the channel itself. */
type OneSiteProblem = Omit<Float64Channel, 'ch'>;

/**
 * The product method's outcome: {@link productSystem} with the float64 kernel run on every channel.
 *
 * @throws MethodNotApplicable where H_S, a channel or the state does not factorise over the sites
 */
export function runProduct(inst: Instance, state: StateSpec, stateOrigin: Origin | null): MethodOutcome {
  return outcomeOf(productSystem(inst, state, stateOrigin));
}

/**
 * The product method up to its kernels: the one-site problems of H_S, each channel's one-site A
 * and reduced state in the site's eigenbasis, prepared for the float64 kernel; the kernel is run
 * once per one-site problem and rates (memoised).
 *
 * @throws MethodNotApplicable where H_S, a channel or the state does not factorise over the sites
 */
export function productSystem(inst: Instance, state: StateSpec, stateOrigin: Origin | null): MethodSystem<ProductChannel> {
  assertQubitSites(inst, 'product');
  const { L } = inst;
  const why = unsupportedState(state);
  if (why !== null) throw new MethodNotApplicable('product', why);
  if (L < 1) throw new MethodNotApplicable('product', `L = ${L}: no site`);
  const algebra = productAlgebra(L);
  // Each coefficient the rounding of its decimal.js value (engine/exact-coefficients), as in dense and diagonal.
  const Hop = faithfulOperator(inst, 'H', 'H', evalOperatorIn(budgeted(algebra, { seen: 0, first: null, channel: null }), inst.H, inst.H.located.expr, inst.scope), inst.H.located.expr,
    (D, base) => evalOperatorPrecise(D, inst.H, inst.H.located.expr, base, inst.L));
  const parts = oneSiteTermsOfH(Hop, L);
  const c0 = parts.scalar ? parts.scalar.cr : 0;
  if (parts.scalar) assertHermitianIn(float64Field, inst.H, 'H', hermiticity(float64Field, diagonalEntries(float64Field, [c0], [parts.scalar.ci])));
  // One-site problems by their terms, in order of first use; each site's, once found.
  const cache = new TermsMap<Site>();
  const problems: Site[] = [];
  const siteAt: (Site | undefined)[] = [];
  let empty: Site | undefined;
  const lookup = (terms: readonly ProductTerm[]): Site => {
    let s = cache.get(terms);
    if (!s) { s = siteOf(terms, inst.H); cache.set(terms, s); problems.push(s); }
    return s;
  };
  const site = (k: number): Site => {
    const i = k >= 0 && k < L ? parts.at[k] : -1;
    if (i < 0) return (empty ??= lookup([]));
    // (lookup keeps no list it is given: a site's terms are copied onto one site, and TermsMap keys by their texts.)
    return (siteAt[i] ??= lookup(parts.termsAt(i)));
  };
  // Full-space spectrum: E = c0 + sum_k e_k, so the extremes are sums of the sites' extremes.
  // The scalar's own input error enters both extremes (not the width).
  const c0Error = parts.scalar ? opInputError(onOneSite([parts.scalar])) : 0;
  let sumLo = c0, sumHi = c0, width = 0, absLo = Math.abs(c0), absHi = Math.abs(c0), errLo = c0Error, errHi = c0Error, errWidth = 0;
  const inexact = new Set<string>();
  let siteCount = 0;
  const sitesOfH = parts.order;
  // The sites in order: those of H_S, then those without terms (looked up last, so their one-site
  // problem comes last), the sums in plain locals (no closure's boxed number per site).
  let none: Site | null = null;
  for (let i = 0; i < L; i++) {
    const s = i < sitesOfH.length ? site(sitesOfH[i]) : (none ??= site(-1));
    siteCount++;
    sumLo += s.lo; sumHi += s.hi; width += s.hi - s.lo;
    absLo += Math.abs(s.lo); absHi += Math.abs(s.hi);
    errLo += s.loError; errHi += s.hiError; errWidth += s.loError + s.hiError;
  }
  for (const s of problems) for (const n of nearSplitNotes(s.sys.spaces, 'a site of H_S')) inexact.add(n);
  if (mentionsGroundOrTop(state)) {
    for (const s of problems) {
      if (s.sys.spaces.spaceEnergy.length < 2) {
        throw new MethodNotApplicable('product', 'the state is ground or top and some site of H_S is degenerate (its reduction is then decided by the grouping of the whole spectrum)');
      }
    }
  }
  // Sums of L + 1 numbers: gamma_{L+1} times the sum of moduli (Higham Lemma 3.1).
  const g = gammaN(siteCount + 2);
  const normH = Math.max(Math.abs(sumLo), Math.abs(sumHi));
  const termErrors = {
    normH: Math.max(errLo + g * absLo, errHi + g * absHi) + u * normH,
    width: (errWidth + g * width) * (1 + gammaN(2)),
  };
  const notes: string[] = [];
  const realised = realiseProduct(state, 1, stateOrigin, stateOrigin?.located.expr ?? null);
  // Per (site of H_S, one-site A): the eigenbasis operator, the reduced state and their errors,
  // and the memos of the channels' kernel runs on it.
  const prepared = new Map<Site, TermsMap<{ problem: OneSiteProblem; memos: Memo<ChannelOutcome>[] }>>();
  const prepare = (s: Site, aTerms: readonly ProductTerm[], origin: Origin, label: string): OneSiteProblem => {
    const op = onOneSite(aTerms);
    const A = opToSparse(op);
    assertHermitian(origin, A, label);
    const ext = finiteOrOverflow(`||${origin.located.key}||`, origin, () => opExtremes(op), (x) => Number.isFinite(x.min) && Number.isFinite(x.max));
    const input = opInputError(op);
    const normAError = normError(ext.error, input, 2, opNormUpperBound(op));
    const normBound = normOf(ext) + normAError;
    const operator = eigenbasisOperatorError(s.sys, A, input, normBound);
    const eig = eigenbasisColumns(s.sys, A);
    const zero = Math.max(operator, zeroThreshold(eig.scale, s.sys.largestBlock));
    const rho = eigenbasisState(realised, s.sys.spaces, (re, im) => vectorToEigenbasis(s.sys, re, im), () => [], zeroThreshold(eig.scale, 2), notes, stateOrigin);
    const vector = eigenbasisVectorError(s.sys) + Math.sqrt(1 + s.sys.errors.eta) * stateInputError(1);
    const population = populationError(realised, s.sys.spaces);
    return {
      spaces: s.sys.spaces, A: eig.columns, state: rho, zero, margin: denseOmegaMargin, rounded: eig.rounded,
      // Omega of the channel is exact here (A(w) = a_s(w) (x) I): the table uses it, not the
      // site's Bohr frequencies, which are not the full space's.
      tailFrequencies: 'omega',
      perturbation: { operator, vector, normA: normBound, largestSpace: s.sys.errors.largestSpace, population },
      normA: normOf(ext), normAError, normHow: ext.how,
    };
  };
  // One algebra for every channel (the walk is set up once per entry), its count reset per channel.
  const budget: ManySiteBudget = { seen: 0, first: null, channel: null };
  const channelAlgebra = budgeted(algebra, budget);
  const channels: ProductChannel[] = inst.channels.map((ch) => {
    // The budget names the channel only in a refusal (no closure per channel).
    budget.seen = 0; budget.first = null; budget.channel = ch;
    const op = faithfulOperator(inst, 'A', channelLabel(ch), evalOperatorIn(channelAlgebra, ch.origin, ch.origin.located.expr, ch.scope), ch.origin.located.expr,
      (D, base) => evalOperatorPrecise(D, ch.origin, ch.origin.located.expr, channelScope(D, base, ch), inst.L));
    // (The label is made only for a message: no closure per channel.)
    const a = oneSiteTermsOfA(op, ch);
    const s = site(a.k);
    let bySite = prepared.get(s);
    if (!bySite) { bySite = new TermsMap(); prepared.set(s, bySite); }
    let p = bySite.get(a.terms);
    if (!p) { p = { problem: prepare(s, a.terms, ch.origin, channelLabel(ch)), memos: [] }; bySite.set(a.terms, p); }
    return { ch, problem: p.problem, memos: p.memos };
  });
  for (const s of problems) if (s.sys.errors.undetermined > 0) inexact.add('a site of H_S has an eigenspace without a gap above its error bound: its eigenvectors (and the error bounds resting on them) are only trivially bounded');
  return {
    method: 'product', dimension: 2, normH, width, channels, kernel: productKernel, roundoffDimension: 2, termErrors, inexact: [...coefficientTexts(inst).inexact, ...inexact],
    notes: [...new Set([...coefficientTexts(inst).notes, ...notes]), `H_S is a sum of one-site terms and every channel acts on one site: ${problems.length} distinct one-site problem(s) of dimension 2 over ${L} sites`],
  };
}

/**
 * The float64 kernel on a channel of the product method: channels of the same one-site problem
 * whose rates agree where the kernel reads them share one run. (Made here, not in productSystem:
 * a closure there would keep all of that function's scope, H_S's 10^5 terms with it, alive as
 * long as the system.)
 */
function productKernel(c: ProductChannel): ChannelOutcome {
  // memoised's first look, without making its closure (10^5 channels of one spectrum).
  const first = c.memos[0];
  if (first !== undefined && first.gamma === c.ch.gamma) return first.result;
  return memoised(c.memos, c.ch.gamma, (gamma) => channelKernel({ ...c.problem, ch: { ...c.ch, gamma } }));
}

/** Sites for a message: all of them up to eight, else the first six, "...", the last and how many. */
function siteList(sites: readonly number[]): string {
  if (sites.length <= 8) return sites.join(', ');
  return `${sites.slice(0, 6).join(', ')}, ..., ${sites[sites.length - 1]} (${sites.length} sites)`;
}
