/**
 * Proofs of |J(L)| <= B(L) for every integer L >= L0, from closed forms: the claim splits into
 * B - J >= 0 and B + J >= 0 per parity branch (even L = 2t, odd L = 2t + 1), each proved by the
 * proof layer and its certificate re-verified by the separate checker before it is reported.
 */
import { assumptionText, type DerivationAssumption } from './assumptions.js';
import { ClosedForm, type ParityForm } from './closed.js';
import { Poly } from './poly.js';
import {
  checkCertificate, checkSymbolicCertificate, proveNonNegativeSymbolic, type Assumption, type Constraint,
} from './proof/index.js';

/** The range of L and the derivation's assumptions a claim is proved under. */
export interface ClaimContext {
  /** The largest L of the claim (null or absent: every L >= from). */
  readonly to?: number | null;
  readonly assumptions?: readonly DerivationAssumption[];
}

/** One piece of a claim: a polynomial inequality p >= 0 over integers variable >= from. */
export interface ProofPiece {
  readonly branch: 'all' | 'even' | 'odd';
  readonly inequality: string;
  readonly polynomial: string;
  readonly variable: string;
  readonly from: number;
  readonly assumptions: Readonly<Record<string, Assumption>>;
  readonly verdict: 'proved' | 'refuted' | 'unknown';
  readonly certificate: unknown;
  /** Whether the separate checker re-verified the certificate. */
  readonly checked: boolean;
  readonly detail?: string;
  /** For a refuted piece: the L and the param values of the counterexample (exact rationals). */
  readonly counterexample?: { readonly L: number; readonly params: Readonly<Record<string, string>> };
}

export interface ProofEntry {
  readonly claim: string;
  readonly verdict: 'proved' | 'refuted' | 'unknown';
  readonly certificate: { readonly pieces: readonly ProofPiece[] } | null;
  /** The smallest L where the claim fails, for a refuted claim. */
  readonly counterexample?: number;
  /** For a refuted claim: the param values of the counterexample (exact rationals as text). */
  readonly counterexampleParams?: Readonly<Record<string, string>>;
  readonly reason?: string;
  /** The assumptions the claim is stated under (params' signs and the derivation's), as text. */
  readonly assumptions?: readonly string[];
  /** The largest L of the claim, when it has one. */
  readonly to?: number;
}

/**
 * Proves |J| <= B for L >= from.
 *
 * @param env numeric values of params and atoms (their signs become the assumptions)
 */
export async function proveClaim(name: string, J: ParityForm, B: ParityForm, from: number, env: Readonly<Record<string, number>>, atoms: readonly string[] = [], unitAtoms: readonly string[] = [], context: ClaimContext = {}): Promise<ProofEntry> {
  const to = context.to ?? null;
  const derivation = context.assumptions ?? [];
  const claim = `${name} for ${to === null ? `every L >= ${from}` : from === to ? `L = ${from}` : `${from} <= L <= ${to}`}`;
  const branches: { branch: 'all' | 'even' | 'odd'; j: ClosedForm; b: ClosedForm }[] = J.kind === 'single' && B.kind === 'single'
    ? [{ branch: 'all', j: J.form, b: B.form }]
    : (['even', 'odd'] as const).map((w) => ({ branch: w, j: J.kind === 'single' ? J.form : J[w], b: B.kind === 'single' ? B.form : B[w] }));
  const pieces: ProofPiece[] = [];
  const bName = name.split('<=')[1].trim().split(' ')[0];
  const paramSigns = new Set<string>();
  const baseNotes = new Set<string>();
  for (const { branch, j, b } of branches) {
    for (const [sign, label] of [[-1, `${bName} - J >= 0`], [1, `${bName} + J >= 0`]] as const) {
      const diff = sign < 0 ? b.add(j.scale(qOf(-1))) : b.add(j);
      // sum_i p_i(L) b_i^L with every base in (0, 1]: where p_i >= 0 the term is >= 0, and where
      // p_i <= 0 it is >= p_i (b_i^L <= 1). So p_0 + sum_{p_i <= 0} p_i >= 0, with each p_i of
      // the sign it has at the params proved, proves the sum >= 0. (Never refuted this way.)
      const exponential = diff.terms.some((t) => t.base);
      const goals: { poly: Poly; what: string }[] = [];
      if (!exponential) goals.push({ poly: diff.asPoly() ?? Poly.ZERO, what: label });
      else {
        let lower = diff.terms.filter((t) => !t.base).reduce((acc, t) => acc.add(t.poly), Poly.ZERO);
        for (const t of diff.terms) {
          if (!t.base) continue;
          if (!(t.base.value > 0 && t.base.value <= 1)) { goals.push({ poly: Poly.constant(-1), what: `${label}: the base ${t.base.text} = ${t.base.value} is not in (0, 1]` }); continue; }
          baseNotes.add(`0 < ${t.base.text} <= 1`);
          const at = t.poly.evaluate({ ...env, L: Math.max(from, 1) });
          if (at >= 0) goals.push({ poly: t.poly, what: `${label}: the coefficient of (${t.base.text})^L is >= 0` });
          else { goals.push({ poly: t.poly.neg(), what: `${label}: the coefficient of (${t.base.text})^L is <= 0` }); lower = lower.add(t.poly); }
        }
        goals.push({ poly: lower, what: `${label}: the polynomial part with each b^L <= 1 where its coefficient is <= 0` });
      }
      for (const g of goals) {
        let p = g.poly;
        let variable = 'L', start = from, end = to;
        let constraints = derivation.map((a) => ({ poly: a.poly, relation: a.relation }) as Constraint);
        if (branch !== 'all') {
          variable = 't';
          const off = branch === 'even' ? 0 : 1;
          const Lt = Poly.variable('t').scale(qOf(2)).add(Poly.constant(off));
          p = p.subst('L', Lt);
          constraints = constraints.map((c) => ({ poly: c.poly.subst('L', Lt), relation: c.relation }));
          start = Math.max(0, Math.ceil((from - off) / 2));
          end = to === null ? null : Math.floor((to - off) / 2);
          if (end !== null && end < start) continue;
        }
        const piece = await provePiece(p, variable, start, end, env, branch, g.what, atoms, unitAtoms, constraints, paramSigns);
        pieces.push(exponential && piece.verdict === 'refuted' ? { ...piece, verdict: 'unknown', detail: `${piece.detail}; with exponential terms a failed sufficient condition refutes nothing` } : piece);
      }
    }
  }
  const assumptions = [...paramSigns, ...derivation.map(assumptionText), ...baseNotes];
  const ctx = { assumptions, ...(to !== null ? { to } : {}) };
  const refuted = pieces.find((x) => x.verdict === 'refuted');
  if (refuted) {
    return { claim, verdict: 'refuted', certificate: { pieces }, ...(refuted.counterexample ? { counterexample: refuted.counterexample.L, counterexampleParams: refuted.counterexample.params } : {}), reason: refuted.detail, ...ctx };
  }
  if (pieces.every((x) => x.verdict === 'proved' && x.checked)) return { claim, verdict: 'proved', certificate: { pieces }, ...ctx };
  return { claim, verdict: 'unknown', certificate: { pieces }, reason: pieces.find((x) => x.verdict !== 'proved' || !x.checked)?.detail ?? 'not proved', ...ctx };
}

function qOf(n: number) {
  return Poly.constant(n).constantValue()!;
}

async function provePiece(
  p0: Poly, variable: string, from: number, to: number | null, env: Readonly<Record<string, number>>, branch: ProofPiece['branch'], inequality: string,
  atoms: readonly string[], unitAtoms: readonly string[], constraints0: readonly Constraint[], paramSigns: Set<string>,
): Promise<ProofPiece> {
  // An atom a known to lie in (0, 1] is written a = 1/(1+s) with s >= 0; multiplying by
  // (1+s)^deg_a > 0 keeps the sign, so p >= 0 for all such a follows from a polynomial claim in s.
  let p = p0;
  const substituted: string[] = [];
  for (const a of unitAtoms) {
    const deg = p.degree(a);
    if (deg <= 0) continue;
    const sName = `s${substituted.length + 1}`;
    const onePlusS = Poly.constant(1).add(Poly.variable(sName));
    let out = Poly.ZERO;
    for (let k = 0; k <= deg; k++) out = out.add(p.coeff(a, k).mul(onePlusS.pow(deg - k)));
    p = out;
    substituted.push(`${sName} = 1/${a} - 1`);
  }
  // Atoms are named by their text; the provers want identifiers.
  const rename = new Map<string, string>();
  p.variables().filter((v) => v !== variable && !/^[A-Za-z_]\w*$/.test(v)).forEach((v, i) => {
    const id = `atom${i + 1}`;
    rename.set(id, v);
    p = p.subst(v, Poly.variable(id));
  });
  // The derivation's assumptions become constraints of the query, in the same names. One that
  // mentions a substituted atom is left out: proving without it proves more, never less.
  let constraints: Constraint[] = [];
  for (const c of constraints0) {
    let q = c.poly;
    if (q.variables().some((v) => unitAtoms.includes(v))) continue;
    for (const [id, v] of rename) q = q.subst(v, Poly.variable(id));
    if (q.variables().some((v) => v !== variable && !/^[A-Za-z_]\w*$/.test(v))) continue;
    constraints.push({ poly: q, relation: c.relation });
  }
  const sValue = (v: string): number | undefined => {
    const m = substituted.find((x) => x.startsWith(`${v} = `));
    if (!m) return undefined;
    const atom = m.slice(m.indexOf('1/') + 2, m.lastIndexOf(' - 1'));
    return 1 / env[atom] - 1;
  };
  const value = (v: string) => sValue(v) ?? env[rename.get(v) ?? v];
  // Every param has the sign it has at the given values: negative ones are written v = -v' with
  // v' > 0, zero ones are assumed >= 0. The claim is stated under exactly these signs.
  const names = [...new Set([...p.variables(), ...constraints.flatMap((c) => c.poly.variables())])].filter((v) => v !== variable);
  const assumptions: Record<string, Assumption> = {};
  const sample: Record<string, number> = {};
  for (const v of names) {
    const x = value(v);
    const shown = rename.get(v) ?? v;
    if (!Number.isFinite(x)) return { branch, inequality, polynomial: p0.toString(), variable, from, assumptions, verdict: 'unknown', certificate: null, checked: false, detail: `${shown} has no finite value at the given params` };
    if (x < 0) {
      const flip = (q: Poly) => q.subst(v, Poly.variable(v).neg());
      p = flip(p);
      constraints = constraints.map((c) => ({ poly: flip(c.poly), relation: c.relation }));
      if (!rename.has(v) && !sValue(v)) paramSigns.add(`${shown} < 0`);
    } else if (!rename.has(v) && sValue(v) === undefined) paramSigns.add(`${shown} ${x > 0 ? '>' : '>='} 0`);
    assumptions[v] = x === 0 ? 'nonnegative' : 'positive';
    sample[v] = Math.abs(x);
  }
  const params = p.variables().filter((v) => v !== variable);
  for (const v of names) if (!params.includes(v)) { delete assumptions[v]; delete sample[v]; }
  // Constraints over names that p does not have are dropped (they cannot matter to p's sign
  // without a param in common... unless they constrain the variable: those are kept).
  constraints = constraints.filter((c) => c.poly.variables().every((v) => v === variable || params.includes(v)));
  const toL = (t: number) => (variable === 't' ? (branch === 'even' ? 2 * t : 2 * t + 1) : t);
  const text = [...rename].reduce((s, [id, v]) => s.split(id).join(v), p.toString(variable)) + (substituted.length ? `   (with ${substituted.join(', ')})` : '');
  const base = { branch, inequality, polynomial: text, variable, from, assumptions };
  const r = await proveNonNegativeSymbolic(p, variable, from, assumptions, sample, { to, constraints });
  if (r.verdict === 'proved') {
    const c = r.certificate.kind === 'univariate'
      ? checkCertificate(p, variable, from, r.certificate.certificate)
      : await checkSymbolicCertificate(p, variable, from, assumptions, r.certificate, { to, constraints });
    return { ...base, verdict: 'proved', certificate: r.certificate, checked: c.ok, ...(c.ok ? {} : { detail: c.reason }) };
  }
  if (r.verdict === 'refuted') {
    // Atoms (cos(theta/2)^2, exp(-w0/T), ...) were free positive variables: a counterexample may lie
    // outside the range they can take, so it refutes nothing about the model.
    if (rename.size > 0 || substituted.length > 0 || Object.keys(r.params).some((k) => atoms.includes(k))) {
      return { ...base, verdict: 'unknown', certificate: null, checked: false, detail: `not proved for all positive values of ${[...rename.values(), ...Object.keys(r.params).filter((k) => atoms.includes(k))].join(', ')}; a counterexample needs ${JSON.stringify(r.params)}, which may be outside their range` };
    }
    // Back to the model's signs: a param written v = -v' has the value -v'.
    const paramsOut = Object.fromEntries(Object.entries(r.params).map(([k, q]) => [k, value(k) < 0 ? (q.startsWith('-') ? q.slice(1) : `-${q}`) : q]));
    return { ...base, verdict: 'refuted', certificate: null, checked: false, counterexample: { L: toL(r.counterexample), params: paramsOut }, detail: `fails ${Object.keys(paramsOut).length ? '' : 'first '}at L = ${toL(r.counterexample)}${Object.keys(paramsOut).length ? ` with ${JSON.stringify(paramsOut)}` : ''} (value ${r.value})` };
  }
  return { ...base, verdict: 'unknown', certificate: null, checked: false, detail: r.reason };
}
