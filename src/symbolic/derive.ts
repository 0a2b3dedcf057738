/**
 * Closed forms of J(L) and every bound term, DERIVED from the model's structure:
 *
 * - collective models: H_S = h0 + hz Jz, every A collective (ket.ts, collective.ts), the state a
 *   Dicke state with n(L) linear in L (floor/ceil(L/2) split by parity), up, down, W, GHZ, or a
 *   mixture of them. With A = sum_q A_q split by how much it raises n, the Bohr frequency of A_q
 *   is -q hz and  J = -sum_q (-q hz) gamma(-q hz) ||A_q psi||^2, exactly, as polynomials in L.
 * - independent channels (`each`: the same one-site operator on every site) in a product state
 *   up or down: J(L) = L J(1), and the terms likewise.
 * Bath factors such as exp(-L w0/T) stay symbolic (closed.ts). Norms are exact for operators
 * linear in the collective spin and for c (prod Sp + prod Sm); anything else is not derivable here.
 */
import type { Expr, ModelSpec, Origin } from '../lang/index.js';
import { printExpr } from '../lang/index.js';
import { Atoms } from './atoms.js';
import type { DerivationAssumption } from './assumptions.js';
import { Decider, type DecideRange } from './decide.js';
import { ClosedForm, type Base, type ParityForm, zipParity } from './closed.js';
import { collectiveOf, type CollectiveOp, type Linear } from './collective.js';
import { N_VAR, sourceKet, type Ket } from './ket.js';
import { Poly } from './poly.js';
import { Q } from './rational.js';
import { notQubitsAtEveryL } from './site-layout.js';
import { NotDerivable, cpoly, scalarPoly, type CPoly, type PolyContext } from './scalarpoly.js';

export { NotDerivable } from './scalarpoly.js';

/** A derived quantity: its closed form and whether it is exact or an upper bound. */
export interface DerivedQuantity {
  readonly form: ParityForm;
  readonly how: 'derived' | 'upper bound';
}

export interface DerivedFamily {
  readonly J: DerivedQuantity;
  /** A term or bound is null when it is not derivable (why is in `notes`). */
  readonly terms: Readonly<Record<'normH' | 'width' | 'sumA2' | 'gammaMax' | 'deltaE', DerivedQuantity | null>>;
  readonly bounds: Readonly<Record<'Bstate' | 'B1' | 'B1coarse' | 'B2', DerivedQuantity | null>>;
  /** Numeric values of params and atoms, for evaluating the forms. */
  readonly env: Readonly<Record<string, number>>;
  /** Assumptions the derivation made (signs decided at the model's param values, ...). */
  readonly notes: readonly string[];
  /** Atoms known to lie in (0, 1] (bath factors exp(-x), probabilities). */
  readonly unitAtoms: readonly string[];
  /** Every assumption the derivation made, as data (signs of params, of expressions, L ranges). */
  readonly assumptions: readonly DerivationAssumption[];
  /** The range of L the forms are derived for (to = null: every L >= from). */
  readonly range: { readonly from: number; readonly to: number | null };
  /** The atoms (name -> defining text and value), for the JSON. */
  readonly atoms: Readonly<Record<string, { readonly expr: string; readonly value: number; readonly unit: boolean }>>;
  /**
   * The current of each named channel entry (the model's `name:`), by its position in the file's
   * channel list: its derived J_c(L) (an `each` entry's summed over its sites), or why the
   * derivation gives none for it alone. Absent when the model names no channel.
   */
  readonly channelJ?: Readonly<Record<number, DerivedQuantity | string>>;
}

const L = Poly.variable('L');
const nVar = Poly.variable(N_VAR);
const single = (form: ClosedForm): ParityForm => ({ kind: 'single', form });

interface Ctx {
  readonly model: ModelSpec;
  readonly atoms: Atoms;
  readonly params: Map<string, number>;
  readonly notes: string[];
  readonly decide: Decider;
  env(): Record<string, number>;
  poly(origin: Origin): PolyContext;
}

/**
 * Derives the closed forms of a model family.
 *
 * @throws NotDerivable naming what the derivation cannot handle
 */
export function deriveFamily(model: ModelSpec, range: DecideRange = { from: 1, to: null }): DerivedFamily {
  const sites = notQubitsAtEveryL(model);
  if (sites !== null) throw new NotDerivable(sites);
  const atoms = new Atoms(new Set(model.params.map((p) => p.name)));
  const params = new Map(model.params.map((p) => [p.name, p.value]));
  const notes: string[] = [];
  const env = () => ({ ...Object.fromEntries(params), ...atoms.env() });
  const ctx: Ctx = {
    model, atoms, params, notes, env, decide: new Decider(range, params, env),
    poly: (origin) => ({ origin, params, bound: new Map(), atoms, size: 'L' }),
  };
  // Params stay symbolic, also those given as 0: a decision that depends on one being 0 (a bath
  // at T = 0, a coupling term that vanishes) is recorded as an assumption instead.

  // H_S = h0 + hz Jz.
  const hOrigin: Origin = { file: model.file, located: model.H };
  const H = collectiveOf(model.H.expr, ctx.poly(hOrigin), L);
  const hk = H.op.apply(sourceKet());
  if (hk.length > 1 || (hk.length === 1 && (!hk[0].q.isZero() || hk[0].conds.length > 0))) throw new NotDerivable('H_S is not diagonal in the Dicke basis');
  const E = hk.length ? hk[0].c : cpoly.constant(Q.ZERO);
  if (!E.im.isZero()) throw new NotDerivable('H_S is not Hermitian');
  if (E.re.degree(N_VAR) > 1) throw new NotDerivable('H_S is not linear in Jz (its Bohr frequencies would depend on the state)');
  const hz = E.re.coeff(N_VAR, 1);
  const h0 = E.re.coeff(N_VAR, 0).add(hz.mul(L).scale(Q.of(1, 2)));
  const abs = (p: Poly, what: string): Poly => {
    const s = signOf(p, ctx, what);
    return s < 0 ? p.neg() : s === 0 ? Poly.ZERO : p;
  };
  // hz = 0 (on this range of L) leaves every state degenerate: no Bohr frequency, no heat.
  const hzAbs = abs(hz, 'hz');
  const normH = abs(h0, 'h0').add(hzAbs.mul(L).scale(Q.of(1, 2)));
  const width = hzAbs.mul(L);

  const state = stateOf(model, ctx);
  const channels: ChannelForms[] = [];
  model.channels.forEach((ch, idx) => {
    const origin: Origin = { file: model.file, located: ch.A };
    const pctx = ctx.poly(origin);
    if (ch.each) {
      const body = siteSum(ch.A.expr, ch.each);
      const c = collectiveOf(body, pctx, Poly.constant(1));
      if (!state.perSite) throw new NotDerivable(`channels[${idx}] acts on single sites, but the state ${state.text} does not factorise into identical one-site states`);
      channels.push(channelForms(c, body, pctx, Poly.constant(1), state.perSite, hz, ch.bath, ctx, L, `channels[${idx}]`, ch.each));
    } else {
      const c = collectiveOf(ch.A.expr, pctx, L);
      channels.push(channelForms(c, ch.A.expr, pctx, L, state.collective, hz, ch.bath, ctx, Poly.constant(1), `channels[${idx}]`, null));
    }
  });

  const envNow = ctx.env();
  const attempt = <T>(what: string, f: () => T): T | null => {
    try { return f(); } catch (err) {
      if (!(err instanceof NotDerivable)) throw err;
      notes.push(`${what} not derived: ${err.message}`);
      return null;
    }
  };
  const norms = channels.map((c) => c.normA);
  const sumA2 = norms.every((x) => x !== null) ? channels.reduce((s, c) => s.add(c.multiplicity.mul(c.normA!.mul(c.normA!))), Poly.ZERO) : null;
  const gammaMax = attempt('gammaMax', () => ctx.decide.largest(channels.map((c) => c.gammaMax), 'gammaMax'));
  const deltaEForm = attempt('deltaE', () => ctx.decide.largest(channels.map((c) => ClosedForm.poly(c.deltaE)), 'deltaE'));
  const deltaE = deltaEForm?.asPoly() ?? null;
  const B1 = sumA2 ? channels.reduce((s, c) => s.add(c.omegaGammaMax.mulPoly(c.multiplicity.mul(c.normA!.mul(c.normA!)))), ClosedForm.ZERO) : null;
  const J = channels.reduce<ParityForm>((s, c) => zipParity(s, c.J, (a, b) => a.add(b)), single(ClosedForm.ZERO));
  const Bstate = channels.reduce<ParityForm>((s, c) => zipParity(s, c.Bstate, (a, b) => a.add(b)), single(ClosedForm.ZERO));
  const upper = channels.some((c) => c.normUpper);
  const derived = (form: ClosedForm | ParityForm | null, usesNorm = false): DerivedQuantity | null =>
    form === null ? null : { form: form instanceof ClosedForm ? single(form) : form, how: usesNorm && upper ? 'upper bound' : 'derived' };
  return {
    J: derived(J)!,
    terms: {
      normH: derived(ClosedForm.poly(normH)), width: derived(ClosedForm.poly(width)),
      sumA2: derived(sumA2 && ClosedForm.poly(sumA2), true), gammaMax: derived(gammaMax), deltaE: derived(deltaE && ClosedForm.poly(deltaE)),
    },
    bounds: {
      Bstate: derived(Bstate), B1: derived(B1, true),
      B1coarse: derived(gammaMax && sumA2 ? gammaMax.mulPoly(width.mul(sumA2)) : null, true),
      B2: derived(gammaMax && sumA2 && deltaE ? gammaMax.mulPoly(deltaE.mul(sumA2)) : null, true),
    },
    env: envNow, unitAtoms: atoms.units(), assumptions: ctx.decide.assumptions, range, atoms: atoms.table(), notes: [...notes, ...atoms.definitions().map((d) => `where ${d}${d.startsWith('p') ? ' (the probability that a site is up)' : ''}`)],
    ...namedChannelJ(model, (idx) => derived(channels[idx].J)!),
  };
}

/**
 * The `channelJ` of a family: each named entry's current by `of` (a NotDerivable or a form that
 * is not closed becomes the reason), nothing when no entry is named.
 */
export function namedChannelJ(model: ModelSpec, of: (entry: number) => DerivedQuantity): { channelJ?: Record<number, DerivedQuantity | string> } {
  if (!model.channels.some((c) => c.name)) return {};
  const out: Record<number, DerivedQuantity | string> = {};
  model.channels.forEach((c, idx) => {
    if (!c.name) return;
    try { out[idx] = of(idx); } catch (err) {
      if (!(err instanceof NotDerivable)) throw err;
      out[idx] = err.message;
    }
  });
  return { channelJ: out };
}

/** sum(k, body) for an `each` channel's body, so one site is the sector S = 1. */
function siteSum(body: Expr, index: string): Expr {
  return { kind: 'binder', fn: 'sum', index, indexSpan: body.span, from: null, to: null, body, span: body.span };
}

function signOf(p: Poly, ctx: Ctx, what: string): -1 | 0 | 1 {
  return ctx.decide.sign(p, what);
}

interface Binomial { readonly p: Poly; readonly text: string; readonly value: number }
/** A Dicke state n0 with a weight, or (product states) the binomial mixture of Dicke states. */
type DickeComponent = { readonly weight: Poly; readonly n0: Poly; readonly binomial?: undefined } | { readonly weight: Poly; readonly n0?: undefined; readonly binomial: Binomial };
interface StateForms {
  readonly text: string;
  /** Components of the collective state, per parity. */
  readonly collective: { readonly even: DickeComponent[]; readonly odd: DickeComponent[] };
  /** The one-site state (S = 1) when the state is a product of identical one-site states. */
  readonly perSite: { readonly even: DickeComponent[]; readonly odd: DickeComponent[] } | null;
}

function stateOf(model: ModelSpec, ctx: Ctx): StateForms {
  if (!model.state) throw new NotDerivable('the model names no state');
  const origin: Origin = { file: model.file, located: model.state };
  const pctx = ctx.poly(origin);
  const same = (c: DickeComponent[]) => ({ even: c, odd: c });
  const one = Poly.constant(1);
  const walk = (e: Expr): { collective: { even: DickeComponent[]; odd: DickeComponent[] }; perSite: { even: DickeComponent[]; odd: DickeComponent[] } | null } => {
    if (e.kind === 'name') {
      switch (e.name) {
        case 'up': return { collective: same([{ weight: one, n0: L }]), perSite: same([{ weight: one, n0: one }]) };
        case 'down': return { collective: same([{ weight: one, n0: Poly.ZERO }]), perSite: same([{ weight: one, n0: Poly.ZERO }]) };
        case 'w': return { collective: same([{ weight: one, n0: one }]), perSite: null };
        case 'ghz': {
          const h = Poly.constant(Q.of(1, 2));
          return { collective: same([{ weight: h, n0: L }, { weight: h, n0: Poly.ZERO }]), perSite: null };
        }
        default: throw new NotDerivable(`the state '${e.name}' is not derived (only Dicke, up, down, W, GHZ and their mixtures)`);
      }
    }
    if (e.kind === 'call' && e.fn === 'dicke') {
      const a = e.args[0];
      const t = printExpr(a).replace(/\s+/g, '');
      if (t === 'floor(L/2)' || t === 'ceil(L/2)') {
        const half = L.scale(Q.of(1, 2));
        const oddShift = Poly.constant(Q.of(t.startsWith('floor') ? -1 : 1, 2));
        return { collective: { even: [{ weight: one, n0: half }], odd: [{ weight: one, n0: half.add(oddShift) }] }, perSite: null };
      }
      const n0 = scalarPoly(a, pctx);
      if (!n0.im.isZero() || n0.re.variables().some((v) => v !== 'L') || n0.re.degree('L') > 1) throw new NotDerivable(`dicke(${printExpr(a)}): n must be linear in L with rational coefficients`);
      return { collective: same([{ weight: one, n0: n0.re }]), perSite: null };
    }
    if (e.kind === 'call' && e.fn === 'product') {
      // Pinch(product state) = sum_n C(S,n) p^n (1-p)^(S-n) |n><n| with p = cos^2(theta/2):
      // H_S = h0 + hz Jz is non-degenerate on the symmetric sector, and J depends on Pinch(rho) only.
      const theta = e.args[0];
      const th = scalarPoly(theta, pctx);
      if (th.re.variables().includes('L')) throw new NotDerivable('product(theta, phi) with theta depending on L');
      const text = `cos(${printExpr(theta)}/2)^2`;
      const value = Math.cos(th.re.evaluate({ ...ctx.env(), L: 1 }) / 2) ** 2;
      const short = ['p', 'p_', 'pup'].find((x) => !ctx.params.has(x)) ?? 'pup_';
      const p = Poly.variable(ctx.atoms.atom(text, value, short));
      if (value > 0 && value <= 1) ctx.atoms.markUnit(short);
      const b: Binomial = { p, text, value };
      return { collective: same([{ weight: one, binomial: b }]), perSite: same([{ weight: one, binomial: b }]) };
    }
    if (e.kind === 'call' && e.fn === 'mix') {
      const p = scalarPoly(e.args[0], pctx);
      if (!p.im.isZero() || p.re.variables().includes('L')) throw new NotDerivable('mix weight depends on L');
      const a = walk(e.args[1]), b = walk(e.args[2]);
      const q = one.sub(p.re);
      const mixIt = (x: DickeComponent[], y: DickeComponent[]) => [...x.map((c) => ({ ...c, weight: c.weight.mul(p.re) })), ...y.map((c) => ({ ...c, weight: c.weight.mul(q) }))];
      const both = (x: { even: DickeComponent[]; odd: DickeComponent[] }, y: { even: DickeComponent[]; odd: DickeComponent[] }) => ({ even: mixIt(x.even, y.even), odd: mixIt(x.odd, y.odd) });
      return { collective: both(a.collective, b.collective), perSite: null };
    }
    throw new NotDerivable(`the state '${printExpr(e)}' is not derived (only Dicke, up, down, W, GHZ and their mixtures)`);
  };
  const r = walk(model.state.expr);
  return { text: model.state.text, ...r };
}

interface ChannelForms {
  /** How many identical channels this stands for (L for an `each` entry, else 1). */
  readonly multiplicity: Poly;
  readonly J: ParityForm;
  readonly Bstate: ParityForm;
  /** Null when the norm is not derivable. */
  readonly normA: Poly | null;
  /** True when normA is a triangle-inequality upper bound, not the norm. */
  readonly normUpper: boolean;
  readonly deltaE: Poly;
  readonly gammaMax: ClosedForm;
  readonly omegaGammaMax: ClosedForm;
}

function channelForms(
  c: CollectiveOp, expr: Expr, pctx: PolyContext, S: Poly, state: { even: DickeComponent[]; odd: DickeComponent[] }, hz: Poly, bath: ModelSpec['channels'][number]['bath'],
  ctx: Ctx, multiplicity: Poly, label: string, eachIndex: string | null,
): ChannelForms {
  // A component whose coefficient vanishes at the given params (but not identically) is left out
  // under the assumption that it vanishes; one that does not is kept under the assumption |c| > 0.
  const generic = c.op.apply(sourceKet()).filter((x) => {
    if (cpoly.isZero(x.c)) return false;
    const a2 = cpoly.abs2(x.c);
    const free = a2.variables().filter((v) => v !== N_VAR && v !== 'L');
    if (free.length === 0) return true;
    const atParams = ctx.decide.atParamsPoly(a2);
    if (atParams === null) return true;
    if (atParams.isZero()) { ctx.decide.assume(a2, '=', `${label}: a coupling term that vanishes at the given params`); return false; }
    if (!a2.variables().includes(N_VAR) && !a2.variables().includes('L')) ctx.decide.assume(a2, '>', `${label}: a coupling term that is present at the given params`);
    return true;
  });
  // Omega: every charge the operator carries, with conditions solved for n.
  const charges: Poly[] = [];
  for (const comp of generic) {
    let q = comp.q;
    for (const cond of comp.conds) {
      const a = cond.coeff(N_VAR, 1).constantValue();
      if (a === null || a.isZero()) continue;
      const nSol = cond.coeff(N_VAR, 0).neg().scale(Q.ONE.div(a)); // n = -b/a
      q = q.subst(N_VAR, nSol);
    }
    if (q.variables().includes(N_VAR)) throw new NotDerivable(`${label}: a charge depends on the state`);
    if (!q.isZero() && !charges.some((x) => x.equals(q))) charges.push(q.subst('L', S));
  }
  const gammaOf = bathSpectrum(bath, ctx, label, eachIndex);
  const absW = (q: Poly) => { const w = q.mul(hz).neg(); const s = signOf(w, ctx, `the Bohr frequency ${w.toString()}`); return { w, s, abs: s < 0 ? w.neg() : w }; };
  const omega = charges.map((q) => { const { w, s, abs } = absW(q); return { w, s, abs, gamma: gammaOf(w, s, abs) }; });
  const live = omega.filter((o) => o.s !== 0);
  const deltaE = live.length ? (ctx.decide.largest(live.map((o) => ClosedForm.poly(o.abs)), `${label} deltaE`).asPoly() ?? Poly.ZERO) : Poly.ZERO;
  const gammaMax = live.length ? ctx.decide.largest(live.map((o) => o.gamma), `${label} gammaMax`) : ClosedForm.ZERO;
  const omegaGammaMax = live.length ? ctx.decide.largest(live.map((o) => o.gamma.mulPoly(o.abs)), `${label} omegaGammaMax`) : ClosedForm.ZERO;

  // J and Tr[A^2 Pinch rho] in the state, per parity.
  /** J and pinch in the Dicke state n0 (a polynomial, or the symbol n), from the given components. */
  const dicke = (n0: Poly, weight: Poly, comps: typeof generic) => {
    let J = ClosedForm.ZERO, pinch = ClosedForm.ZERO;
    {
      const sc = { n0, weight };
      const byQ = new Map<string, { q: Poly; beta: CPoly }>();
      for (const comp of comps) {
        const conds = comp.conds.map((p) => p.subst(N_VAR, sc.n0).subst('L', S === L ? L : S));
        if (conds.some((p) => !p.isZero())) continue;
        const q = comp.q.subst(N_VAR, sc.n0);
        const coef: CPoly = { re: comp.c.re.subst(N_VAR, sc.n0), im: comp.c.im.subst(N_VAR, sc.n0) };
        const key = q.toString();
        const prev = byQ.get(key);
        byQ.set(key, { q, beta: prev ? cpoly.add(prev.beta, coef) : coef });
      }
      for (const { q, beta } of byQ.values()) {
        const norm2 = binomialRatio(cpoly.abs2(beta), q, sc.n0, S, label);
        if (norm2.isZero()) continue;
        pinch = pinch.add(ClosedForm.poly(norm2.mul(sc.weight)));
        if (q.isZero()) continue;
        const { w, s, abs } = absW(q.subst('L', S === L ? L : S));
        if (s === 0) continue;
        // J += -w gamma(w) ||A_q psi||^2
        J = J.add(gammaOf(w, s, abs).mulPoly(w.neg().mul(norm2).mul(sc.weight)));
      }
    }
    return { J, pinch };
  };
  const per = (comps: DickeComponent[]) => {
    let J = ClosedForm.ZERO, pinch = ClosedForm.ZERO;
    for (const sc of comps) {
      if (!sc.binomial) {
        const r = dicke(sc.n0, sc.weight, generic);
        J = J.add(r.J); pinch = pinch.add(r.pinch);
        continue;
      }
      // Product state: the binomial average over n of the unconditional part, plus the products
      // over sites, which act only at n = 0 and n = S, with weights (1-p)^S and p^S.
      const uncond = generic.filter((c) => c.conds.length === 0);
      const r = dicke(nVar, sc.weight, uncond);
      J = J.add(binomialMean(r.J, S, sc.binomial));
      pinch = pinch.add(binomialMean(r.pinch, S, sc.binomial));
      if (uncond.length === generic.length) continue;
      for (const [end, prob] of [[Poly.ZERO, 'q'], [S, 'p']] as const) {
        const all = dicke(end, sc.weight, generic), part = dicke(end, sc.weight, uncond);
        const dJ = all.J.add(part.J.scale(Q.of(-1))), dP = all.pinch.add(part.pinch.scale(Q.of(-1)));
        const weigh = (c: ClosedForm) => endWeight(c, S, sc.binomial!, prob, ctx);
        J = J.add(weigh(dJ)); pinch = pinch.add(weigh(dP));
      }
    }
    return { J: J.mulPoly(multiplicity), pinch: pinch.mulPoly(multiplicity) };
  };
  const even = per(state.even), odd = per(state.odd);
  const J: ParityForm = even.J.toString() === odd.J.toString() ? single(even.J) : { kind: 'parity', even: even.J, odd: odd.J };
  const pin: ParityForm = even.pinch.toString() === odd.pinch.toString() ? single(even.pinch) : { kind: 'parity', even: even.pinch, odd: odd.pinch };
  const Bstate = zipParity(pin, single(omegaGammaMax), (p, w) => {
    const pp = p.asPoly();
    if (pp) return w.mulPoly(pp);
    const wp = w.asPoly();
    if (wp) return p.mulPoly(wp);
    throw new NotDerivable(`${label}: B_state multiplies two exponential factors`);
  });
  let normA: Poly | null = null;
  let normUpper = false;
  try { normA = normOf(c, S, ctx, label); } catch (err) {
    if (!(err instanceof NotDerivable)) throw err;
    try {
      normA = normBound(expr, pctx, S, ctx, label);
      normUpper = true;
      ctx.notes.push(`${label}: ||A|| is not derived exactly; the triangle inequality over its sum structure gives the upper bound ${normA.toString()}`);
    } catch (err2) {
      if (!(err2 instanceof NotDerivable)) throw err2;
      ctx.notes.push(`normA not derived: ${err.message}`);
    }
  }
  return { multiplicity, J, Bstate, normA, normUpper, deltaE, gammaMax, omegaGammaMax };
}

/**
 * ||A_q psi||^2 = |beta|^2 C(S, n0+q) / C(S, n0) for psi = e_n0 / sqrt(C(S, n0)), as an exact
 * polynomial (the division by the linear factors of the binomial ratio must be exact).
 */
function binomialRatio(beta2: Poly, q: Poly, n0: Poly, S: Poly, label: string): Poly {
  const k = q.constantValue();
  if (k !== null) {
    if (!k.isInteger()) throw new NotDerivable(`${label}: a fractional charge`);
    let num = beta2;
    const dens: Poly[] = [];
    const K = Number(k.num);
    if (K > 0) for (let i = 1; i <= K; i++) { num = num.mul(S.sub(n0).sub(Poly.constant(i - 1))); dens.push(n0.add(Poly.constant(i))); }
    else for (let i = 0; i < -K; i++) { num = num.mul(n0.sub(Poly.constant(i))); dens.push(S.sub(n0).add(Poly.constant(i + 1))); }
    for (const d of dens) num = divideLinear(num, d, label);
    return num;
  }
  // Products over all sites map e_0 <-> e_S: the binomial ratio is 1 when both ends are 0 or S.
  const end = n0.add(q);
  const isEnd = (p: Poly) => p.isZero() || p.equals(S);
  if (isEnd(n0) && isEnd(end)) return beta2;
  throw new NotDerivable(`${label}: a product over sites on a Dicke state other than up or down`);
}

/** p / d for d linear in L (or constant), exactly; not derivable when the remainder is not zero. */
function divideLinear(p: Poly, d: Poly, label: string): Poly {
  if (p.isZero()) return p;
  const c = d.constantValue();
  if (c !== null) {
    if (c.isZero()) throw new NotDerivable(`${label}: division by zero in a binomial ratio`);
    return p.scale(Q.ONE.div(c));
  }
  // Divide in n when the factor involves n (product states keep n symbolic), else in L.
  const x = d.variables().includes(N_VAR) ? N_VAR : 'L';
  const a = d.coeff(x, 1).constantValue();
  if (d.degree(x) !== 1 || a === null) throw new NotDerivable(`${label}: cannot divide by ${d.toString()}`);
  const rootPoly = d.coeff(x, 0).neg().scale(Q.ONE.div(a));
  // Synthetic division in x with polynomial coefficients.
  const deg = p.degree(x);
  const cs = Array.from({ length: deg + 1 }, (_, k) => p.coeff(x, k));
  const quot: Poly[] = new Array(Math.max(deg, 0)).fill(Poly.ZERO);
  let carry = Poly.ZERO;
  for (let k = deg; k >= 1; k--) {
    carry = cs[k].add(carry.mul(rootPoly));
    quot[k - 1] = carry;
  }
  const rem = cs[0].add(carry.mul(rootPoly));
  if (!rem.isZero()) throw new NotDerivable(`${label}: ||A_q psi||^2 is not polynomial`);
  let out = Poly.ZERO;
  quot.forEach((qk, k) => { out = out.add(qk.mul(Poly.variable(x).pow(k))); });
  return out.scale(Q.ONE.div(a));
}

/** E[f(n)] for n ~ Binomial(S, p), term by term: n^k = sum_i S2(k, i) n^(i), E[n^(i)] = S^(i) p^i. */
function binomialMean(c: ClosedForm, S: Poly, b: Binomial): ClosedForm {
  const mean = (f: Poly): Poly => {
    let out = Poly.ZERO;
    for (let k = 0; k <= Math.max(0, f.degree(N_VAR)); k++) {
      const ck = f.coeff(N_VAR, k);
      if (ck.isZero()) continue;
      for (let i = 0; i <= k; i++) {
        const s2 = stirling2(k, i);
        if (s2 === 0n) continue;
        let falling = Poly.constant(1);
        for (let r = 0; r < i; r++) falling = falling.mul(S.sub(Poly.constant(r)));
        out = out.add(ck.mul(falling).mul(b.p.pow(i)).scale(Q.of(s2)));
      }
    }
    return out;
  };
  return new ClosedForm(c.terms.map((t) => ({ poly: mean(t.poly), base: t.base })).filter((t) => !t.poly.isZero()));
}

function stirling2(k: number, i: number): bigint {
  const row: bigint[][] = [[1n]];
  for (let a = 1; a <= k; a++) {
    row[a] = [];
    for (let b = 0; b <= a; b++) row[a][b] = (b > 0 ? row[a - 1][b - 1] ?? 0n : 0n) + BigInt(b) * (row[a - 1][b] ?? 0n);
  }
  return row[k][i] ?? 0n;
}

/** A contribution at n = 0 (probability (1-p)^S) or n = S (p^S), as a base term when S = L. */
function endWeight(c: ClosedForm, S: Poly, b: Binomial, which: 'p' | 'q', ctx: Ctx): ClosedForm {
  if (c.isZero()) return c;
  const pPoly = which === 'p' ? b.p : Poly.constant(1).sub(b.p);
  const sConst = S.constantValue();
  if (sConst !== null) return c.mulPoly(pPoly.pow(Number(sConst.num)));
  const base = { text: which === 'p' ? b.text : `1 - ${b.text}`, value: which === 'p' ? b.value : 1 - b.value };
  void ctx;
  return c.mulBase(base);
}

/** The exact norm of a collective operator on S sites. */
function normOf(c: CollectiveOp, S: Poly, ctx: Ctx, label: string): Poly {
  const s = c.structure;
  const absPoly = (p: Poly, what: string) => (signOf(p, ctx, what) < 0 ? p.neg() : p);
  if (s.kind === 'linear') {
    const [c0, cx, cy, cz] = s.lin as Linear;
    if (![c0, cx, cy, cz].every((x) => x.im.isZero())) throw new NotDerivable(`${label}: the coupling is not Hermitian`);
    const a2 = cx.re.mul(cx.re).add(cy.re.mul(cy.re)).add(cz.re.mul(cz.re));
    const a = sqrtPoly(a2, ctx);
    return (c0.re.isZero() ? Poly.ZERO : absPoly(c0.re, `${label} identity part`)).add(a.mul(S).scale(Q.of(1, 2)));
  }
  if (s.kind === 'prodPair' || s.kind === 'prod') {
    if (!s.c.im.isZero()) throw new NotDerivable(`${label}: complex coefficient of a product over sites`);
    return absPoly(s.c.re, `${label} coefficient`);
  }
  throw new NotDerivable(`${label}: the norm of a nonlinear collective operator is not derived`);
}

/**
 * An upper bound on ||e|| from its sum structure (the triangle inequality and ||XY|| <= ||X|| ||Y||):
 * ||Jx||, ||Jy||, ||Jz|| = S/2, ||J+||, ||J-|| <= S, a sum over S sites of a one-site operator M
 * contributes S ||M||, a product over all sites of Sp, Sm, N or Id - N has norm 1.
 */
function normBound(e: Expr, pctx: PolyContext, S: Poly, ctx: Ctx, label: string): Poly {
  const absC = (c: CPoly): Poly => {
    const part = (p: Poly) => (p.isZero() ? Poly.ZERO : signOf(p, ctx, `${label} coefficient`) < 0 ? p.neg() : p);
    return part(c.re).add(part(c.im));
  };
  const exact = (x: Expr): Poly | null => {
    try { return normOf(collectiveOf(x, pctx, S), S, ctx, label); } catch (err) { if (err instanceof NotDerivable) return null; throw err; }
  };
  const direct = exact(e);
  if (direct) return direct;
  switch (e.kind) {
    case 'unary': return normBound(e.arg, pctx, S, ctx, label);
    case 'binary': {
      const hasOp = (x: Expr) => { try { collectiveOf(x, pctx, S); return exact(x) === null || !isScalarExpr(x, pctx, S); } catch { return true; } };
      if (e.op === '+' || e.op === '-') return normBound(e.left, pctx, S, ctx, label).add(normBound(e.right, pctx, S, ctx, label));
      if (e.op === '*') {
        if (!hasOp(e.left)) return absC(scalarPoly(e.left, pctx)).mul(normBound(e.right, pctx, S, ctx, label));
        if (!hasOp(e.right)) return absC(scalarPoly(e.right, pctx)).mul(normBound(e.left, pctx, S, ctx, label));
        return normBound(e.left, pctx, S, ctx, label).mul(normBound(e.right, pctx, S, ctx, label));
      }
      if (e.op === '^') {
        const k = scalarPoly(e.right, pctx).re.constantValue();
        if (k === null || !k.isInteger() || k.sign() < 0) break;
        return normBound(e.left, pctx, S, ctx, label).pow(Number(k.num));
      }
      if (e.op === '/') {
        const d = scalarPoly(e.right, pctx).re.constantValue();
        if (d === null || d.isZero()) break;
        return normBound(e.left, pctx, S, ctx, label).scale(Q.ONE.div(d.abs()));
      }
      break;
    }
    case 'call': if (e.fn === 'dag') return normBound(e.args[0], pctx, S, ctx, label); break;
    case 'name': if (e.name === 'Jp' || e.name === 'Jm') return S; break;
    default: break;
  }
  throw new NotDerivable(`${label}: no norm bound for '${printExpr(e)}'`);
}

function isScalarExpr(e: Expr, pctx: PolyContext, S: Poly): boolean {
  try {
    const s = collectiveOf(e, pctx, S).structure;
    return s.kind === 'linear' && s.lin.slice(1).every((x) => cpoly.isZero(x));
  } catch { return false; }
}

/** sqrt of a polynomial that is c * monomial^2 (c a rational square), else an atom. */
function sqrtPoly(p: Poly, ctx: Ctx): Poly {
  if (p.isZero()) return Poly.ZERO;
  const ts = p.terms();
  if (ts.length === 1) {
    const t = ts[0];
    const r = sqrtQ(t.coef);
    if (r && Object.values(t.powers).every((k) => k % 2 === 0)) {
      return Poly.fromTerms([{ coef: r, powers: Object.fromEntries(Object.entries(t.powers).map(([v, k]) => [v, k / 2])) }]);
    }
  }
  if (p.variables().includes('L')) throw new NotDerivable(`sqrt(${p.toString()}) depends on L`);
  return Poly.variable(ctx.atoms.atom(`sqrt(${p.toString()})`, Math.sqrt(p.evaluate(ctx.env()))));
}

function sqrtQ(q: Q): Q | null {
  if (q.sign() < 0) return null;
  const r = (x: bigint) => { if (x < 2n) return x; let y = BigInt(Math.floor(Math.sqrt(Number(x)))); while (y * y > x) y--; while ((y + 1n) * (y + 1n) <= x) y++; return y; };
  const a = r(q.num), b = r(q.den);
  return a * a === q.num && b * b === q.den ? Q.of(a, b) : null;
}

/**
 * gamma(w) of a bath as a closed form, for a Bohr frequency w (polynomial) of known sign.
 */
function bathSpectrum(bath: ModelSpec['channels'][number]['bath'], ctx: Ctx, label: string, eachIndex: string | null) {
  const file = ctx.model.file;
  const field = (name: 'rate' | 'T' | 'wc') => {
    const located = bath[name];
    if (!located) return null;
    const e = located.expr;
    if (eachIndex && mentions(e, eachIndex)) throw new NotDerivable(`${label}: the bath depends on the site ${eachIndex}`);
    const p = scalarPoly(e, ctx.poly({ file, located }));
    if (!p.im.isZero()) throw new NotDerivable(`${label}: a complex bath field`);
    return { poly: p.re, text: printExpr(e), value: p.re.evaluate({ ...ctx.env(), L: 1 }), dependsOnL: p.re.variables().includes('L') };
  };
  const rate = field('rate'), T = field('T'), wc = field('wc');
  if ((T && T.dependsOnL) || (wc && wc.dependsOnL)) throw new NotDerivable(`${label}: a bath temperature or cutoff that depends on L`);
  const Tzero = !T || T.value === 0;
  if (T && Tzero) ctx.decide.assume(T.poly, '=', `${label}: the bath is at zero temperature`);
  /** exp(-|w| / X) as an atom (|w| free of L) or a base (|w| = L u). */
  const expFactor = (abs: Poly, x: { text: string; poly: Poly }): ClosedForm => {
    const env = ctx.env();
    if (!abs.variables().includes('L')) {
      const value = Math.exp(-abs.evaluate(env) / x.poly.evaluate({ ...env, L: 1 }));
      const name = ctx.atoms.atom(`exp(-(${abs.toString()})/(${x.text}))`, value);
      if (value > 0 && value <= 1) ctx.atoms.markUnit(name);
      return ClosedForm.poly(Poly.variable(name));
    }
    if (abs.degree('L') === 1 && abs.coeff('L', 0).isZero()) {
      const u = abs.coeff('L', 1);
      const base: Base = { text: `exp(-(${u.toString()})/(${x.text}))`, value: Math.exp(-u.evaluate(env) / x.poly.evaluate({ ...env, L: 1 })) };
      return ClosedForm.poly(Poly.constant(1)).mulBase(base);
    }
    throw new NotDerivable(`${label}: exp(-${abs.toString()}/${x.text}) is not of the form b^L`);
  };
  return (w: Poly, sign: -1 | 0 | 1, abs: Poly): ClosedForm => {
    if (sign === 0) return ClosedForm.ZERO;
    switch (bath.spectrum) {
      case 'flat': {
        const r = ClosedForm.poly(rate!.poly);
        if (sign > 0) return r;
        if (Tzero) return ClosedForm.ZERO;
        return expFactor(abs, T!).mulPoly(rate!.poly);
      }
      case 'ohmic': {
        if (Tzero) {
          if (sign < 0) return ClosedForm.ZERO;
          return expFactor(abs, wc!).mulPoly(rate!.poly.mul(abs));
        }
        // T > 0: rate |w| e^{-|w|/wc} / (1 - e^{-|w|/T}), times e^{-|w|/T} for w < 0 (detailed
        // balance); the transcendental factor is an atom when |w| does not grow with L.
        if (abs.variables().includes('L')) throw new NotDerivable(`${label}: the ohmic spectrum at T > 0 at a Bohr frequency that grows with L`);
        const env = ctx.env();
        const a = abs.evaluate(env), Tv = T!.poly.evaluate({ ...env, L: 1 }), wcv = wc!.poly.evaluate({ ...env, L: 1 });
        const u = `(${abs.toString()})`;
        const text = `${sign < 0 ? `exp(-${u}/(${T!.text}))*` : ''}exp(-${u}/(${wc!.text}))/(1 - exp(-${u}/(${T!.text})))`;
        const value = (sign < 0 ? Math.exp(-a / Tv) : 1) * Math.exp(-a / wcv) / -Math.expm1(-a / Tv);
        return ClosedForm.poly(rate!.poly.mul(abs).mul(Poly.variable(ctx.atoms.numbered(text, value, 'c'))));
      }
      case 'custom': {
        const located = bath.gamma!;
        const pctx = ctx.poly({ file, located });
        const g = scalarPoly(located.expr, { ...pctx, bound: new Map([['w', cpoly.of(w)]]) });
        if (!g.im.isZero()) throw new NotDerivable(`${label}: a complex spectrum`);
        return ClosedForm.poly(g.re);
      }
    }
  };
}

function mentions(e: Expr, name: string): boolean {
  switch (e.kind) {
    case 'name': return e.name === name;
    case 'num': case 'str': return false;
    case 'site': return mentions(e.index, name);
    case 'unary': return mentions(e.arg, name);
    case 'binary': return mentions(e.left, name) || mentions(e.right, name);
    case 'call': return e.args.some((a) => mentions(a, name));
    case 'binder': return mentions(e.body, name) || (e.from ? mentions(e.from, name) : false) || (e.to ? mentions(e.to, name) : false);
  }
}

export type { Ket };
