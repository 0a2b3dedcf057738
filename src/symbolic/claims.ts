/**
 * Proofs of |J(L)| <= B(L) for every integer L >= L0, from closed forms: the claim splits into
 * B - J >= 0 and B + J >= 0 per parity branch (even L = 2t, odd L = 2t + 1), each proved by the
 * proof layer and its certificate re-verified by the separate checker before it is reported.
 */
import { ClosedForm, type ParityForm } from './closed.js';
import { Poly } from './poly.js';
import {
  checkCertificate, checkSymbolicCertificate, proveNonNegative, proveNonNegativeSymbolic, type Assumption,
} from './proof/index.js';

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
}

export interface ProofEntry {
  readonly claim: string;
  readonly verdict: 'proved' | 'refuted' | 'unknown';
  readonly certificate: { readonly pieces: readonly ProofPiece[] } | null;
  /** The smallest L where the claim fails, for a refuted claim. */
  readonly counterexample?: number;
  readonly reason?: string;
}

/**
 * Proves |J| <= B for L >= from.
 *
 * @param env numeric values of params and atoms (their signs become the assumptions)
 */
export async function proveClaim(name: string, J: ParityForm, B: ParityForm, from: number, env: Readonly<Record<string, number>>, atoms: readonly string[] = [], unitAtoms: readonly string[] = []): Promise<ProofEntry> {
  const claim = `${name} for every L >= ${from}`;
  const branches: { branch: 'all' | 'even' | 'odd'; j: ClosedForm; b: ClosedForm }[] = J.kind === 'single' && B.kind === 'single'
    ? [{ branch: 'all', j: J.form, b: B.form }]
    : (['even', 'odd'] as const).map((w) => ({ branch: w, j: J.kind === 'single' ? J.form : J[w], b: B.kind === 'single' ? B.form : B[w] }));
  const pieces: ProofPiece[] = [];
  for (const { branch, j, b } of branches) {
    const jp = j.asPoly(), bp = b.asPoly();
    if (!jp || !bp) return { claim, verdict: 'unknown', certificate: null, reason: 'the closed forms have exponential factors b^L; only polynomial claims are proved' };
    const bName = name.split('<=')[1].trim().split(' ')[0];
    for (const [sign, label] of [[-1, `${bName} - J >= 0`], [1, `${bName} + J >= 0`]] as const) {
      let p = sign < 0 ? bp.sub(jp) : bp.add(jp);
      let variable = 'L', start = from;
      if (branch !== 'all') {
        variable = 't';
        const off = branch === 'even' ? 0 : 1;
        p = p.subst('L', Poly.variable('t').scale(qOf(2)).add(Poly.constant(off)));
        start = Math.max(0, Math.ceil((from - off) / 2));
      }
      pieces.push(await provePiece(p, variable, start, env, branch, label, atoms, unitAtoms));
    }
  }
  const refuted = pieces.find((x) => x.verdict === 'refuted');
  if (refuted) {
    const n = Number((refuted.detail ?? '').match(/L = (\d+)/)?.[1] ?? NaN);
    return { claim, verdict: 'refuted', certificate: { pieces }, ...(Number.isFinite(n) ? { counterexample: n } : {}), reason: refuted.detail };
  }
  if (pieces.every((x) => x.verdict === 'proved' && x.checked)) return { claim, verdict: 'proved', certificate: { pieces } };
  return { claim, verdict: 'unknown', certificate: { pieces }, reason: pieces.find((x) => x.verdict !== 'proved' || !x.checked)?.detail ?? 'not proved' };
}

function qOf(n: number) {
  return Poly.constant(n).constantValue()!;
}

async function provePiece(p0: Poly, variable: string, from: number, env: Readonly<Record<string, number>>, branch: ProofPiece['branch'], inequality: string, atoms: readonly string[], unitAtoms: readonly string[]): Promise<ProofPiece> {
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
  const params = p.variables().filter((v) => v !== variable);
  const sValue = (v: string): number | undefined => {
    const m = substituted.find((x) => x.startsWith(`${v} = `));
    if (!m) return undefined;
    const atom = m.slice(m.indexOf('1/') + 2, m.lastIndexOf(' - 1'));
    return 1 / env[atom] - 1;
  };
  const value = (v: string) => sValue(v) ?? env[rename.get(v) ?? v];
  const assumptions: Record<string, Assumption> = {};
  const sample: Record<string, number> = {};
  for (const v of params) {
    const x = value(v);
    if (!(x > 0)) return { branch, inequality, polynomial: p0.toString(), variable, from, assumptions, verdict: 'unknown', certificate: null, checked: false, detail: `${rename.get(v) ?? v} is not positive at the given params` };
    assumptions[v] = 'positive';
    sample[v] = x;
  }
  const toL = (t: number) => (variable === 't' ? (branch === 'even' ? 2 * t : 2 * t + 1) : t);
  const text = [...rename].reduce((s, [id, v]) => s.split(id).join(v), p.toString(variable)) + (substituted.length ? `   (with ${substituted.join(', ')})` : '');
  if (params.length === 0) {
    const r = proveNonNegative(p, variable, from);
    if (r.verdict === 'proved') {
      const c = checkCertificate(p, variable, from, r.certificate);
      return { branch, inequality, polynomial: text, variable, from, assumptions, verdict: 'proved', certificate: r.certificate, checked: c.ok, ...(c.ok ? {} : { detail: c.reason }) };
    }
    if (r.verdict === 'refuted') return { branch, inequality, polynomial: text, variable, from, assumptions, verdict: 'refuted', certificate: null, checked: false, detail: `fails first at L = ${toL(r.counterexample)} (value ${r.value})` };
    return { branch, inequality, polynomial: text, variable, from, assumptions, verdict: 'unknown', certificate: null, checked: false, detail: r.reason };
  }
  const r = await proveNonNegativeSymbolic(p, variable, from, assumptions, sample);
  if (r.verdict === 'proved') {
    const c = await checkSymbolicCertificate(p, variable, from, assumptions, r.certificate);
    return { branch, inequality, polynomial: text, variable, from, assumptions, verdict: 'proved', certificate: r.certificate, checked: c.ok, ...(c.ok ? {} : { detail: c.reason }) };
  }
  if (r.verdict === 'refuted') {
    // Atoms (cos(theta/2)^2, exp(-w0/T), ...) were free positive variables: a counterexample may lie
    // outside the range they can take, so it refutes nothing about the model.
    if (rename.size > 0 || substituted.length > 0 || Object.keys(r.params).some((k) => atoms.includes(k))) {
      return { branch, inequality, polynomial: text, variable, from, assumptions, verdict: 'unknown', certificate: null, checked: false, detail: `not proved for all positive values of ${[...rename.values(), ...Object.keys(r.params).filter((k) => atoms.includes(k))].join(', ')}; a counterexample needs ${JSON.stringify(r.params)}, which may be outside their range` };
    }
    return { branch, inequality, polynomial: text, variable, from, assumptions, verdict: 'refuted', certificate: null, checked: false, detail: `fails at L = ${toL(r.counterexample)} with ${JSON.stringify(r.params)} (value ${r.value})` };
  }
  return { branch, inequality, polynomial: text, variable, from, assumptions, verdict: 'unknown', certificate: null, checked: false, detail: r.reason };
}
