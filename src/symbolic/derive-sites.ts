/**
 * Closed forms of J(L) and the bound terms for SITE-RESOLVED models, derived exactly:
 *
 * - H_S diagonal in the product basis: sums over k of site-dependent one-site terms h(k, L) Z[k],
 *   N[k] (coefficients rational in L, polynomial in k), translation-invariant bonds with % L wrap
 *   (the ring), open bonds, and products over fixed ranges of sites (sites-model.ts);
 * - the state up, down or a mixture of them (product basis states: eigenstates of H_S);
 * - channels `each: k` with a one-site A_k on site k, or one channel with a one-site A on a fixed
 *   site, and a flat, ohmic or custom bath.
 *
 * A_k flips site k only, so its Bohr frequencies are the energy changes w = E(s) - E(flip_k s) over
 * the configurations s of the sites that share a term of H_S with k, and in a basis state
 * J = -sum_k w_k gamma(w_k) |<flip_k s|A_k|s>|^2. The sites split into a bulk q = lowM..L-1-highM,
 * where every quantity is one rational function of q and L, and finitely many sites near the ends;
 * sums over the bulk are Faulhaber polynomials, divided exactly by the denominator in L (a quantity
 * that stays a rational function of L is not derived). Signs are decided by certificates
 * (sites-rational.ts); each sign read off the given params is an assumption. Params equal to 0
 * stay symbolic; a bath temperature T = 0 selects the zero-temperature regime (an assumption).
 */
import { printExpr, type Expr, type ModelSpec, type Origin } from '../lang/index.js';
import { evalScalar } from './evaluate.js';
import { addAssumption, assumptionText, type DerivationAssumption, type Relation } from './assumptions.js';
import { Atoms } from './atoms.js';
import { ClosedForm, type Base, type ParityForm } from './closed.js';
import { namedChannelJ, type DerivedFamily, type DerivedQuantity } from './derive.js';
import { Poly } from './poly.js';
import { Q } from './rational.js';
import { notQubitsAtEveryL } from './site-layout.js';
import { NotDerivable, scalarPoly, sqrtRational } from './scalarpoly.js';
import {
  Needs, absEq, absKey, absPoly, absText, diagonalH, inRange, localOp, polyContext, ratContext, shift,
  type Abs, type DiagonalH, type Local, type ModelCtx,
} from './sites-model.js';
import { SITE, crat, decideSign, rat, ratOf, sumRat, type Rat, type SignDomain, type SignResult } from './sites-rational.js';

export { NotDerivable } from './scalarpoly.js';

const Lp = Poly.variable('L');
const single = (form: ClosedForm): ParityForm => ({ kind: 'single', form });

/** rat * base^L. */
interface XTerm { readonly rat: Rat; readonly base: Base | null }

/** A site of a channel: the bulk (the site variable q) or one symbolic site. */
type SiteSpec = { readonly kind: 'bulk' } | { readonly kind: 'abs'; readonly a: Abs };

/** One term of H_S that contains the flipped site: coef * prod of z at the other sites. */
interface Contribution { readonly coef: Rat; readonly others: readonly string[] }

type SignFn = (p: Poly, dom: SignDomain, what: string, zeroAs?: '>=' | '<=') => SignResult | null;

interface StateComponent { readonly sigma: 1 | -1; readonly weight: Poly }

interface Ctx extends ModelCtx {
  readonly assumptions: DerivationAssumption[];
  readonly notes: string[];
  env(): Record<string, number>;
}

/**
 * Derives the closed forms of a site-resolved model family.
 *
 * @throws NotDerivable naming what this path cannot handle
 */
export function deriveSiteFamily(model: ModelSpec): DerivedFamily {
  const sites = notQubitsAtEveryL(model);
  if (sites !== null) throw new NotDerivable(sites);
  const atoms = new Atoms(new Set(model.params.map((p) => p.name)));
  const params = new Map(model.params.map((p) => [p.name, p.value]));
  const ctx: Ctx = {
    model, params, atoms, needs: new Needs(), assumptions: [], notes: [],
    env: () => ({ ...Object.fromEntries(params), ...atoms.env() }),
  };
  const hOrigin: Origin = { file: model.file, located: model.H };
  const H = diagonalH(model.H.expr, ctx, hOrigin);
  const state = stateOf(model, ctx);

  // The margins: bulk sites see every family through the same slots, without wrap-around.
  let lowM = 0, highM = 0, spread = 0;
  for (const f of H.fams) {
    for (const o of f.offs) { lowM = Math.max(lowM, f.lo + o.off); highM = Math.max(highM, f.hiOff - o.off); }
    if (f.offs.length) spread = Math.max(spread, f.offs[f.offs.length - 1].off - f.offs[0].off);
  }
  for (const f of H.fixed) for (const s of f.sites) { if (s.end) highM = Math.max(highM, -s.c); else lowM = Math.max(lowM, s.c + 1); }
  ctx.needs.need(lowM + highM + 1, `the bulk sites ${lowM}..L-${highM + 1} are not empty`);
  ctx.needs.need(2 * spread + 1, 'the neighbours of a site in the terms of H_S are distinct sites');

  // Channels and their sites; the structure first, so that L0 is final before any sign is decided.
  const channels = model.channels.map((ch, idx) => {
    const label = `channels[${idx}]`;
    const origin: Origin = { file: model.file, located: ch.A };
    const vars = ch.each ? new Map([[ch.each, rat.of(Poly.variable(SITE))]]) : new Map<string, Rat>();
    const { local, site } = localOp(ch.A.expr, ch.each, ratContext(ctx, origin, vars), ctx.needs);
    if (!ch.each && !site) throw new NotDerivable(`${label}: the coupling acts on no site`);
    const specials: Abs[] = [];
    for (let c = 0; c < lowM; c++) specials.push({ c, end: false });
    for (let c = -highM; c <= -1; c++) specials.push({ c, end: true });
    const sites: SiteSpec[] = ch.each ? [{ kind: 'bulk' }, ...specials.map((a) => ({ kind: 'abs' as const, a }))] : [{ kind: 'abs', a: site! }];
    const flips = sites.map((s) => flipContributions(H, s, ctx));
    return { ch, idx, label, local, sites, flips };
  });
  const L0 = ctx.needs.L0;
  const bulk: SignDomain = { kind: 'sites', lo: lowM, hiOff: highM };
  const atL: SignDomain = { kind: 'L', L0 };
  const domainOf = (s: SiteSpec): SignDomain => (s.kind === 'bulk' ? bulk : atL);
  const sign: SignFn = (p, dom, what, zeroAs) => {
    const r = decideSign(p, dom, ctx, what, zeroAs);
    if (r) for (const a of r.assumptions) addAssumption(ctx.assumptions, a);
    return r;
  };
  // A quantity that is not derived leaves no assumptions behind.
  const attempt = <T>(what: string, f: () => T): T | null => {
    const kept = ctx.assumptions.length;
    try { return f(); } catch (err) {
      if (!(err instanceof NotDerivable)) throw err;
      ctx.assumptions.length = kept;
      ctx.notes.push(`${what} not derived: ${err.message}`);
      return null;
    }
  };

  // Per channel and site: J's summand, the Omega statistics, norms.
  interface SiteForms {
    readonly spec: SiteSpec;
    readonly J: XTerm[];
    readonly deltaE: Rat | null;
    readonly gammaMax: Rat | null;
    readonly omegaGammaMax: Rat | null;
    readonly norm2: { rat: Rat; upper: boolean } | null;
    readonly A2: Rat;
  }
  const perChannel = channels.map(({ ch, label, local, sites, flips }) => {
    const bath = bathOf(ch.bath, ctx, label, atL, sign);
    const forms: SiteForms[] = sites.map((spec, si) => {
      const dom = domainOf(spec);
      const at = (x: Rat): Rat => (spec.kind === 'abs' ? rat.subst(x, SITE, absPoly(spec.a)) : x);
      const where = spec.kind === 'bulk' ? `${label} at the bulk sites q` : `${label} at site ${absText(spec.a)}`;
      const L2 = localAt(local, at);
      if (!L2[0].im.isZero() || !L2[3].im.isZero() || !crat.equals(L2[1], crat.conj(L2[2]))) throw new NotDerivable(`${label}: the coupling is not Hermitian`);
      const flip2 = crat.abs2(L2[2]);
      const contribs = flips[si];
      // J in each state component: w = E(s) - E(flip s) = 2 sigma sum coef sigma^(#others).
      const J: XTerm[] = [];
      for (const comp of state) {
        let w = rat.zero();
        // 2 sigma * sigma^n = 2 sigma^(n+1): sigma for n even, 1 for n odd.
        for (const c of contribs) w = rat.add(w, rat.scale(c.coef, Q.of(2 * (c.others.length % 2 === 0 ? comp.sigma : 1))));
        if (rat.isZero(w) || rat.isZero(flip2)) continue;
        const s = sign(w.num, dom, `the Bohr frequency ${rat.text(w)} of ${where} in the state`, '>=');
        if (!s) throw new NotDerivable(`${where}: the sign of the Bohr frequency ${rat.text(w)} is not constant (or not decided) over the sites and L`);
        if (s.relation === '=') continue;
        for (const g of bath.gamma(w, s.relation, where)) {
          J.push({ rat: rat.mulPoly(rat.mul(rat.mul(rat.neg(w), g.rat), flip2), comp.weight), base: g.base });
        }
      }
      // <s|A^2|s>: |uu|^2 + |du|^2 in u, |ud|^2 + |dd|^2 in d.
      let A2 = rat.zero();
      for (const comp of state) {
        const x = comp.sigma > 0 ? rat.add(crat.abs2(L2[0]), crat.abs2(L2[2])) : rat.add(crat.abs2(L2[1]), crat.abs2(L2[3]));
        A2 = rat.add(A2, rat.mulPoly(x, comp.weight));
      }
      const norm2 = attempt(`||A|| of ${where}`, () => normSquared(L2, dom, where, ctx, sign));
      // Omega: every configuration of the site and its neighbours, where A flips the site.
      const omega = attempt(`Omega of ${where}`, () => {
        const f2 = rat.isZero(flip2) ? null : sign(flip2.num, dom, `|<d|A|u>|^2 of ${where}`, '>=');
        if (rat.isZero(flip2) || f2?.relation === '=') return { deltaE: rat.zero(), gammaMax: rat.zero(), omegaGammaMax: rat.zero() };
        if (!f2 || f2.relation !== '>') throw new NotDerivable(`${where}: A may vanish on some sites (|<d|A|u>|^2 = ${rat.text(flip2)})`);
        const cands = omegaCandidates(contribs);
        if (cands.length === 0) return { deltaE: rat.zero(), gammaMax: rat.zero(), omegaGammaMax: rat.zero() };
        const dE = maxPointwise(cands, dom, `the Bohr frequencies of ${where}`, ctx);
        if (!dE) throw new NotDerivable(`${where}: no Bohr frequency is the largest on every site`);
        const pos = sign(dE.num, dom, `deltaE of ${where}`);
        if (!pos || pos.relation !== '>') throw new NotDerivable(`${where}: the largest Bohr frequency ${rat.text(dE)} may vanish`);
        if (bath.flat) return { deltaE: dE, gammaMax: bath.flat.rate, omegaGammaMax: rat.mul(bath.flat.rate, dE) };
        // Other spectra: the largest gamma(w) and |w| gamma(w) over Omega, candidate by candidate.
        const gs: Rat[] = [], wgs: Rat[] = [];
        for (const w of cands) {
          const s = sign(w.num, dom, `a Bohr frequency of ${where}`);
          if (!s || s.relation === '>=' || s.relation === '<=') throw new NotDerivable(`${where}: the sign of the Bohr frequency ${rat.text(w)} is not decided`);
          if (s.relation === '=') continue;
          const g = bath.gamma(w, s.relation, where);
          if (g.some((t) => t.base)) throw new NotDerivable(`${where}: gamma at a Bohr frequency that grows with L`);
          const gv = g.reduce((acc, t) => rat.add(acc, t.rat), rat.zero());
          gs.push(gv);
          wgs.push(rat.mul(s.relation === '<' ? rat.neg(w) : w, gv));
        }
        const gM = maxPointwise(gs, dom, `gamma over Omega of ${where}`, ctx);
        const wgM = maxPointwise(wgs, dom, `|w| gamma(w) over Omega of ${where}`, ctx);
        if (!gM || !wgM) throw new NotDerivable(`${where}: no Bohr frequency has the largest rate on every site`);
        return { deltaE: dE, gammaMax: gM, omegaGammaMax: wgM };
      });
      return { spec, J, deltaE: omega?.deltaE ?? null, gammaMax: omega?.gammaMax ?? null, omegaGammaMax: omega?.omegaGammaMax ?? null, norm2, A2 };
    });
    return { label, forms };
  });

  // Sums over sites: the bulk by Faulhaber, plus the sites near the ends.
  const bulkLo = Poly.constant(lowM), bulkHi = Lp.sub(Poly.constant(1 + highM));
  const sumSites = (forms: SiteForms[], f: (s: SiteForms) => Rat): Rat =>
    forms.reduce((acc, s) => rat.add(acc, s.spec.kind === 'bulk' ? sumRat(f(s), bulkLo, bulkHi) : f(s)), rat.zero());
  const toForm = (r: Rat, what: string): ClosedForm => {
    const p = rat.toPoly(r);
    if (!p) throw new NotDerivable(`${what} = ${rat.text(r)} is a rational function of L, not a closed form poly(L) b^L`);
    return ClosedForm.poly(p);
  };
  const orNull = <T>(xs: (T | null)[]): T[] | null => (xs.every((x) => x !== null) ? (xs as T[]) : null);

  // J: per base, of the given channels (all of them, or one named entry's).
  const currentOf = (chs: readonly (typeof perChannel)[number][], what: string): ClosedForm => {
    const byBase = new Map<string, { base: Base | null; rat: Rat }>();
    for (const ch of chs) for (const s of ch.forms) for (const t of s.J) {
      const key = t.base?.text ?? '';
      const r = s.spec.kind === 'bulk' ? sumRat(t.rat, bulkLo, bulkHi) : t.rat;
      const prev = byBase.get(key);
      byBase.set(key, { base: t.base, rat: prev ? rat.add(prev.rat, r) : r });
    }
    let sum = ClosedForm.ZERO;
    for (const { base, rat: r } of byBase.values()) {
      const f = toForm(r, what);
      sum = sum.add(base ? f.mulBase(base) : f);
    }
    return sum;
  };
  const J = currentOf(perChannel, 'J');

  const allForms = perChannel.flatMap((c) => c.forms);
  const norms = orNull(allForms.map((s) => s.norm2));
  const upperNorm = norms ? norms.some((n) => n.upper) : false;
  const sumA2 = norms ? attempt('sumA2', () => toForm(sumSites(allForms, (s) => s.norm2!.rat), 'sumA2')) : null;
  if (!norms) ctx.notes.push('sumA2, B1, B1coarse and B2 not derived: a norm ||A_k|| is not derived');
  const omegaOK = allForms.every((s) => s.omegaGammaMax !== null);
  const Bstate = omegaOK ? attempt('Bstate', () => toForm(sumSites(allForms, (s) => rat.mul(s.omegaGammaMax!, s.A2)), 'Bstate')) : null;
  const B1 = omegaOK && norms ? attempt('B1', () => toForm(sumSites(allForms, (s) => rat.mul(s.omegaGammaMax!, s.norm2!.rat)), 'B1')) : null;
  const maxOver = (pick: (s: SiteForms) => Rat | null, what: string): ClosedForm | null => attempt(what, () => {
    const perCh: Rat[] = [];
    for (const ch of perChannel) {
      const rs = ch.forms.map((s) => ({ spec: s.spec, r: pick(s) }));
      if (rs.some((x) => x.r === null)) throw new NotDerivable(`${ch.label}: ${what} at some site is not derived`);
      const atSites: Rat[] = [];
      for (const { spec, r } of rs) {
        if (spec.kind === 'abs') { atSites.push(r!); continue; }
        // The bulk: monotone in q, so the largest value is at one end.
        const d = rat.sub(rat.subst(r!, SITE, Poly.variable(SITE).add(Poly.constant(1))), r!);
        if (!rat.mentions(r!, SITE)) { atSites.push(r!); continue; }
        const s = sign(d.num, { kind: 'sites', lo: lowM, hiOff: highM + 1 }, `the change of ${what} from site q to q+1 (${ch.label})`, '>=');
        if (!s) throw new NotDerivable(`${ch.label}: ${what} = ${rat.text(r!)} is not monotone over the bulk sites`);
        atSites.push(rat.subst(r!, SITE, s.relation === '<' || s.relation === '<=' ? bulkLo : bulkHi));
      }
      const m = maxPointwise(atSites, atL, `${what} of ${ch.label}`, ctx);
      if (!m) throw new NotDerivable(`${ch.label}: no site has the largest ${what} for every L`);
      perCh.push(m);
    }
    if (perCh.length === 0) return ClosedForm.ZERO;
    const m = maxPointwise(perCh, atL, `${what} over the channels`, ctx);
    if (!m) throw new NotDerivable(`no channel has the largest ${what} for every L`);
    return toForm(m, what);
  });
  const deltaE = maxOver((s) => s.deltaE, 'deltaE');
  const gammaMax = maxOver((s) => s.gammaMax, 'gammaMax');
  const hTerms = attempt('normH and width', () => normAndWidth(H, atL, ctx, sign));
  const normH = hTerms ? attempt('normH', () => toForm(hTerms.normH, 'normH')) : null;
  const width = hTerms ? attempt('width', () => toForm(hTerms.width, 'width')) : null;
  if (hTerms?.normUpper) ctx.notes.push('normH is a triangle-inequality upper bound (the terms of H_S are frustrated at the given params)');
  if (hTerms?.widthUpper) ctx.notes.push('width is an upper bound, 2 sum |c_m| over the terms of H_S (E_max and E_min are not both at a product state of all-equal spins)');
  if (upperNorm) ctx.notes.push('||A_k|| is a triangle-inequality upper bound on some sites');

  const q = (form: ClosedForm | null, upper = false): DerivedQuantity | null => (form === null ? null : { form: single(form), how: upper ? 'upper bound' : 'derived' });
  const prodForm = (a: ClosedForm | null, b: ClosedForm | null, c: ClosedForm | null): ClosedForm | null => {
    if (!a || !b || !c) return null;
    const pa = a.asPoly(), pc = c.asPoly();
    if (!pa || !pc) return null;
    return b.mulPoly(pa.mul(pc));
  };
  ctx.notes.push(`derived for L >= ${L0}${ctx.needs.why.length ? ` (${ctx.needs.why.join('; ')})` : ''}`);
  for (const a of ctx.assumptions) ctx.notes.push(`assumed ${assumptionText(a)}: ${a.why}`);
  return {
    J: { form: single(J), how: 'derived' },
    terms: {
      normH: q(normH, hTerms?.normUpper), width: q(width, hTerms?.widthUpper), sumA2: q(sumA2, upperNorm),
      gammaMax: q(gammaMax), deltaE: q(deltaE),
    },
    bounds: {
      Bstate: q(Bstate), B1: q(B1, upperNorm),
      B1coarse: q(prodForm(width, gammaMax, sumA2), upperNorm || !!hTerms?.widthUpper),
      B2: q(prodForm(deltaE, gammaMax, sumA2), upperNorm),
    },
    env: ctx.env(), notes: [...ctx.notes, ...atoms.definitions().map((d) => `where ${d}`)], unitAtoms: atoms.units(),
    assumptions: ctx.assumptions, range: { from: L0, to: null }, atoms: atoms.table(),
    ...namedChannelJ(model, (idx) => ({ form: single(currentOf([perChannel[idx]], `J of ${perChannel[idx].label}`)), how: 'derived' })),
  };
}

function localAt(local: Local, at: (x: Rat) => Rat): Local {
  return local.map((v) => {
    const re = at(rat.of(v.re, v.den)), im = at(rat.of(v.im, v.den));
    return crat.add(crat.real(re), crat.mul({ re: Poly.ZERO, im: Poly.constant(1), den: Poly.constant(1) }, crat.real(im)));
  }) as unknown as Local;
}

/**
 * The terms of H_S that contain the site s, each as coef * prod z over its other sites (keys: a
 * relative offset d for the bulk, a symbolic site otherwise).
 */
function flipContributions(H: DiagonalH, s: SiteSpec, ctx: Ctx): Contribution[] {
  const out: Contribution[] = [];
  const needs = ctx.needs;
  if (s.kind === 'bulk') {
    const q = Poly.variable(SITE);
    for (const f of H.fams) {
      f.offs.forEach((oj, j) => {
        // k = q - o_j
        const coef = rat.subst(f.coef, SITE, q.sub(Poly.constant(oj.off)));
        out.push({ coef, others: f.offs.filter((_, i) => i !== j).map((oi) => `d${oi.off - oj.off}`) });
      });
    }
    return out;
  }
  const site = s.a;
  for (const f of H.fams) {
    f.offs.forEach((oj, j) => {
      const k = shift(site, -oj.off, oj.wrap, needs);
      if (!k || !inRange(k, f.lo, f.hiOff, needs)) return;
      const others = f.offs.filter((_, i) => i !== j).map((oi) => {
        const t = shift(k, oi.off, oi.wrap, needs);
        if (!t) throw new NotDerivable(`a term of H_S leaves the sites at index ${absText(k)}`);
        return t;
      });
      out.push({ coef: rat.subst(f.coef, SITE, absPoly(k)), others: others.map(absKey) });
    });
  }
  for (const f of H.fixed) {
    const i = f.sites.findIndex((t) => absEq(t, site, needs));
    if (i < 0) continue;
    out.push({ coef: f.coef, others: f.sites.filter((_, j) => j !== i).map(absKey) });
  }
  return out;
}

/** W(config) = 2 z_s sum coef prod z_others over every configuration of the site and its neighbours. */
function omegaCandidates(contribs: Contribution[]): Rat[] {
  const keys = [...new Set(contribs.flatMap((c) => c.others))];
  if (keys.length > 10) throw new NotDerivable(`a site shares terms of H_S with ${keys.length} others (at most 10 are enumerated)`);
  const seen = new Map<string, Rat>();
  for (let mask = 0; mask < 1 << keys.length; mask++) {
    const z = new Map(keys.map((k, i) => [k, (mask >> i) & 1 ? -1 : 1]));
    let w = rat.zero();
    for (const c of contribs) w = rat.add(w, rat.scale(c.coef, Q.of(2 * c.others.reduce((p, k) => p * z.get(k)!, 1))));
    for (const x of [w, rat.neg(w)]) if (!rat.isZero(x)) seen.set(rat.text(x), x);
  }
  return [...seen.values()];
}

/** The candidate that is >= every other on the domain (by certificates), or null. */
function maxPointwise(cands: Rat[], dom: SignDomain, what: string, ctx: Ctx): Rat | null {
  const uniq = [...new Map(cands.map((c) => [rat.text(c), c])).values()];
  if (uniq.length === 0) return rat.zero();
  if (uniq.length === 1) return uniq[0];
  // Try the candidate largest at the params first.
  const env = ctx.env();
  const probe = (r: Rat) => {
    const e = { ...env, L: 1000, [SITE]: dom.kind === 'sites' ? dom.lo : 0 };
    try { return rat.evaluate(r, e); } catch { return 0; }
  };
  const order = [...uniq].sort((a, b) => probe(b) - probe(a));
  for (const c of order) {
    const found: DerivationAssumption[] = [];
    let ok = true;
    for (const o of uniq) {
      if (o === c) continue;
      const d = rat.sub(c, o);
      const r = decideSign(d.num, dom, ctx, `${what}: (${rat.text(c)}) - (${rat.text(o)})`, '>=');
      if (!r || !(r.relation === '>' || r.relation === '>=' || r.relation === '=')) { ok = false; break; }
      for (const a of r.assumptions) addAssumption(found, a);
    }
    if (ok) {
      for (const a of found) addAssumption(ctx.assumptions, a);
      return c;
    }
  }
  return null;
}

/** ||A||^2 of a one-site Hermitian A = a0 + ax X + ay Y + az Z: (|a0| + |a|)^2. */
function normSquared(A: Local, dom: SignDomain, where: string, ctx: Ctx, sign: SignFn): { rat: Rat; upper: boolean } {
  const half = Q.of(1, 2);
  const a0 = rat.scale(rat.add(crat.re(A[0]), crat.re(A[3])), half);
  const az = rat.scale(rat.sub(crat.re(A[0]), crat.re(A[3])), half);
  const ax = crat.re(A[2]), ay = crat.im(A[2]);
  const r2 = rat.add(rat.mul(az, az), rat.add(rat.mul(ax, ax), rat.mul(ay, ay)));
  if (rat.isZero(a0)) return { rat: r2, upper: false };
  const abs = (x: Rat, what: string): Rat => {
    if (rat.isZero(x)) return x;
    const s = sign(x.num, dom, `${what} of ${where}`, '>=');
    if (!s) throw new NotDerivable(`${where}: the sign of ${what} = ${rat.text(x)} is not constant over the sites`);
    return s.relation === '<' || s.relation === '<=' ? rat.neg(x) : x;
  };
  const A0 = abs(a0, 'the identity part of A');
  if (rat.isZero(r2)) return { rat: rat.mul(A0, A0), upper: false };
  const parts = [az, ax, ay].filter((x) => !rat.isZero(x));
  let a: Rat | null = null;
  if (parts.length === 1) a = abs(parts[0], 'the Pauli part of A');
  else if (!rat.mentions(r2, SITE) && !rat.mentions(r2, 'L')) {
    const p = r2.num;
    const c = p.constantValue();
    if (c !== null) a = rat.of(sqrtRational(c, ctx.atoms));
    else a = rat.of(Poly.variable(ctx.atoms.atom(`sqrt(${p.toString()})`, Math.sqrt(p.evaluate(ctx.env())))));
  }
  if (a) { const n = rat.add(A0, a); return { rat: rat.mul(n, n), upper: false }; }
  const ub = parts.reduce((acc, x) => rat.add(acc, abs(x, 'a Pauli coefficient of A')), A0);
  return { rat: rat.mul(ub, ub), upper: true };
}

/**
 * ||H_S|| and E_max - E_min of the diagonal H_S = c0 + sum_m c_m prod z. With S = sum |c_m|,
 * max E = c0 + S exactly when one product state of all-equal spins makes every term +|c_m| (all
 * c_m >= 0: all up; c_m (-1)^deg >= 0: all down), min E = c0 - S likewise; otherwise the triangle
 * inequality gives upper bounds.
 */
function normAndWidth(H: DiagonalH, atL: SignDomain, ctx: Ctx, sign: SignFn): { normH: Rat; width: Rat; normUpper: boolean; widthUpper: boolean } {
  let c0 = rat.zero();
  let S = rat.zero();
  const patterns = { up: true, down: true, negUp: true, negDown: true };
  const account = (coef: Rat, deg: number, total: Rat, s: SignResult | null, what: string) => {
    if (!s) throw new NotDerivable(`the sign of ${what} = ${rat.text(coef)} is not constant`);
    if (s.relation === '=') return;
    const pos = s.relation === '>' || s.relation === '>=';
    const even = deg % 2 === 0;
    if (!pos) patterns.up = false;
    if (pos !== even) patterns.down = false;
    if (pos) patterns.negUp = false;
    if (pos === even) patterns.negDown = false;
    S = rat.add(S, pos ? total : rat.neg(total));
  };
  for (const f of H.fams) {
    const total = sumRat(f.coef, Poly.constant(f.lo), Lp.sub(Poly.constant(1 + f.hiOff)));
    if (f.offs.length === 0) { c0 = rat.add(c0, total); continue; }
    const s = sign(f.coef.num, { kind: 'sites', lo: f.lo, hiOff: f.hiOff }, 'a coefficient of H_S', '>=');
    account(f.coef, f.offs.length, total, s, 'a coefficient of H_S over its sites');
  }
  for (const f of H.fixed) {
    if (f.sites.length === 0) { c0 = rat.add(c0, f.coef); continue; }
    account(f.coef, f.sites.length, f.coef, sign(f.coef.num, atL, 'the coefficient of a fixed term of H_S', '>='), 'a coefficient of H_S');
  }
  const maxExact = patterns.up || patterns.down, minExact = patterns.negUp || patterns.negDown;
  const s0 = rat.isZero(c0) ? { relation: '=' as Relation, assumptions: [] } : sign(c0.num, atL, 'the constant part of H_S', '>=');
  if (!s0) throw new NotDerivable(`the sign of the constant part ${rat.text(c0)} of H_S is not decided`);
  const c0pos = s0.relation === '>' || s0.relation === '>=' || s0.relation === '=';
  const c0neg = s0.relation === '<' || s0.relation === '<=' || s0.relation === '=';
  const absC0 = c0pos ? c0 : rat.neg(c0);
  const normH = rat.add(absC0, S);
  const normExact = (maxExact && minExact) || (maxExact && c0pos) || (minExact && c0neg);
  return { normH, width: rat.scale(S, Q.of(2)), normUpper: !normExact, widthUpper: !(maxExact && minExact) };
}

/** The state as product basis states of all-equal spins with weights: up, down, mix(p, ., .). */
function stateOf(model: ModelSpec, ctx: Ctx): StateComponent[] {
  if (!model.state) throw new NotDerivable('the model names no state');
  const origin: Origin = { file: model.file, located: model.state };
  const pctx = polyContext(ctx, origin);
  const walk = (e: Expr): StateComponent[] => {
    if (e.kind === 'name' && e.name === 'up') return [{ sigma: 1, weight: Poly.constant(1) }];
    if (e.kind === 'name' && e.name === 'down') return [{ sigma: -1, weight: Poly.constant(1) }];
    if (e.kind === 'call' && e.fn === 'mix') {
      const p = scalarPoly(e.args[0], pctx);
      if (!p.im.isZero() || p.re.variables().includes('L')) throw new NotDerivable('a mix weight that depends on L');
      const q = Poly.constant(1).sub(p.re);
      return [...walk(e.args[1]).map((c) => ({ ...c, weight: c.weight.mul(p.re) })), ...walk(e.args[2]).map((c) => ({ ...c, weight: c.weight.mul(q) }))];
    }
    if (e.kind === 'call' && e.fn === 'basis') throw new NotDerivable('basis("...") fixes L by its length: not a family');
    throw new NotDerivable(`the state '${printExpr(e)}' is not derived on the site path (only up, down and their mixtures)`);
  };
  return walk(model.state.expr);
}

interface BathForms {
  /** gamma(w) for a Bohr frequency w of the given sign, as rat * base^L terms. */
  gamma(w: Rat, relation: Relation, where: string): XTerm[];
  /** For a flat bath: the rate (then gammaMax = rate and max |w| gamma = rate deltaE). */
  readonly flat: { readonly rate: Rat } | null;
}

/** A bath as exact forms: fields free of the site; T = 0 (an assumption) selects zero temperature. */
function bathOf(bath: ModelSpec['channels'][number]['bath'], ctx: Ctx, label: string, atL: SignDomain, sign: SignFn): BathForms {
  const file = ctx.model.file;
  const field = (name: 'rate' | 'T' | 'wc') => {
    const located = bath[name];
    if (!located) return null;
    const c = ratOf(located.expr, ratContext(ctx, { file, located }));
    if (!c.im.isZero()) throw new NotDerivable(`${label}: a complex bath ${name}`);
    const r = rat.of(c.re, c.den);
    if (rat.mentions(r, SITE)) throw new NotDerivable(`${label}: the bath ${name} depends on the site`);
    return { rat: r, text: printExpr(located.expr) };
  };
  const rate = field('rate'), T = field('T'), wc = field('wc');
  for (const x of [T, wc]) if (x && rat.mentions(x.rat, 'L')) throw new NotDerivable(`${label}: a bath temperature or cutoff that depends on L`);
  if (rate) {
    const s = sign(rate.rat.num, atL, `the rate of ${label}`, '>=');
    if (!s || !['>', '>=', '='].includes(s.relation)) throw new NotDerivable(`${label}: the sign of the rate ${rate.text} is not decided`);
  }
  let Tzero = true;
  if (T) {
    // T = 0 selects the zero-temperature regime (no absorption): an assumption, not a sign.
    const s = decideSign(T.rat.num, atL, ctx, `the temperature of ${label}`);
    if (!s || !['>', '='].includes(s.relation)) throw new NotDerivable(`${label}: the sign of the temperature ${T.text} is not decided`);
    Tzero = s.relation === '=';
    if (Tzero && !T.rat.num.isConstant()) {
      addAssumption(ctx.assumptions, { poly: T.rat.num, relation: '=', why: `the temperature of ${label} is 0: the zero-temperature regime (no absorption)` });
    } else for (const a of s.assumptions) addAssumption(ctx.assumptions, a);
  }
  if (wc) {
    const s = sign(wc.rat.num, atL, `the cutoff of ${label}`);
    if (!s || s.relation !== '>') throw new NotDerivable(`${label}: the cutoff ${wc.text} is not decided > 0`);
  }
  const env = () => ctx.env();
  const value = (r: Rat) => rat.evaluate(r, env());
  const expFactor = (abs: Rat, x: { rat: Rat; text: string }, where: string): XTerm => {
    if (rat.mentions(abs, SITE)) throw new NotDerivable(`${where}: exp(-|w|/${x.text}) at a Bohr frequency ${rat.text(abs)} that depends on the site`);
    if (!rat.mentions(abs, 'L')) {
      const v = Math.exp(-value(abs) / value(x.rat));
      const name = ctx.atoms.atom(`exp(-(${rat.text(abs)})/(${x.text}))`, v);
      if (v > 0 && v <= 1) ctx.atoms.markUnit(name);
      return { rat: rat.of(Poly.variable(name)), base: null };
    }
    const p = rat.toPoly(abs);
    if (p && p.degree('L') === 1 && p.coeff('L', 0).isZero()) {
      const u = p.coeff('L', 1);
      return { rat: rat.constant(1), base: { text: `exp(-(${u.toString()})/(${x.text}))`, value: Math.exp(-u.evaluate(env()) / value(x.rat)) } };
    }
    throw new NotDerivable(`${where}: exp(-(${rat.text(abs)})/${x.text}) is not of the form b^L`);
  };
  const gamma = (w: Rat, relation: Relation, where: string): XTerm[] => {
    const positive = relation === '>' || relation === '>=';
    const abs = positive ? w : rat.neg(w);
    if (relation === '=') return [];
    switch (bath.spectrum) {
      case 'flat': {
        if (positive) return [{ rat: rate!.rat, base: null }];
        if (Tzero) return [];
        const f = expFactor(abs, T!, where);
        return [{ rat: rat.mul(f.rat, rate!.rat), base: f.base }];
      }
      case 'ohmic': {
        if (Tzero) {
          if (!positive) return [];
          const f = expFactor(abs, wc!, where);
          return [{ rat: rat.mul(rat.mul(f.rat, rate!.rat), abs), base: f.base }];
        }
        if (rat.mentions(abs, SITE) || rat.mentions(abs, 'L')) throw new NotDerivable(`${where}: the ohmic spectrum at T > 0 at a Bohr frequency ${rat.text(abs)} that depends on the site or L`);
        const a = value(abs), Tv = value(T!.rat), wcv = value(wc!.rat);
        const u = `(${rat.text(abs)})`;
        const text = `${!positive ? `exp(-${u}/(${T!.text}))*` : ''}exp(-${u}/(${wc!.text}))/(1 - exp(-${u}/(${T!.text})))`;
        const v = (!positive ? Math.exp(-a / Tv) : 1) * Math.exp(-a / wcv) / -Math.expm1(-a / Tv);
        return [{ rat: rat.mul(rat.mul(rate!.rat, abs), rat.of(Poly.variable(ctx.atoms.numbered(text, v, 'c')))), base: null }];
      }
      case 'custom': {
        const located = bath.gamma!;
        const origin: Origin = { file, located };
        try {
          const g = ratOf(located.expr, ratContext(ctx, origin, new Map([['w', w]])));
          if (!g.im.isZero()) throw new NotDerivable(`${where}: a complex spectrum`);
          return [{ rat: rat.of(g.re, g.den), base: null }];
        } catch (err) {
          if (!(err instanceof NotDerivable) || rat.mentions(w, SITE) || rat.mentions(w, 'L')) throw err;
          const scope = new Map(ctx.params);
          scope.set('w', value(w));
          const [re] = evalScalar(origin, located.expr, scope);
          const name = ctx.atoms.numbered(`${printExpr(located.expr)} at w = ${rat.text(w)}`, re, 'G');
          return [{ rat: rat.of(Poly.variable(name)), base: null }];
        }
      }
    }
  };
  return { gamma, flat: bath.spectrum === 'flat' ? { rate: rate!.rat } : null };
}
