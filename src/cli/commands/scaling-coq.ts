/**
 * `heatbound scaling MODEL --coq`: the family statements |J(L)| <= B(L) as Coq lemmas over the
 * derived closed forms, each with a proof that coqc checks.
 *
 * The proof is a positivity certificate: with L = L0 + t (or L = 2 (m0 + t) + r on a parity branch)
 * and every variable oriented by its sign (v, or -v for a negative param), B - J and B + J are
 * polynomials in t >= 0 and the oriented variables with non-negative coefficients only. Coq checks
 * `B -+ J = certificate` by `ring` and the certificate's sign monomial by monomial, so a tampered
 * coefficient (in the forms or in the certificate) makes coqc reject the file. The lemmas hold for
 * every real L >= L0 (hence every integer one). A bound whose difference has no such certificate,
 * an exponential form or a finite piece of L is listed in a comment, never stated without a proof.
 *
 * What Coq checks is the inequality between the forms; that the forms are the model's J and B
 * rests on the derivation and its assumptions (listed in the file's header), not on Coq.
 */
import type { QuantityForm, ScalingResult } from '../../engine/index.js';
import { Poly, Q, branchAt, type Term } from '../../symbolic/index.js';

/** One exported lemma, or the reason it is not. */
export interface CoqLemma {
  readonly name: string;
  readonly bound: 'B1' | 'B2';
  readonly exported: boolean;
  readonly reason?: string;
}

export interface CoqFile {
  readonly text: string;
  readonly lemmas: readonly CoqLemma[];
}

type Branch = 'all' | 'even' | 'odd';

/** Coq identifiers for the model's params and atoms (atoms can have any text as their name). */
function namesOf(r: ScalingResult): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>(['L', 't', 'm']);
  let k = 0;
  for (const v of Object.keys(r.env ?? {})) {
    let id = /^[A-Za-z][A-Za-z0-9_]*$/.test(v) && !taken.has(v) ? `p_${v}` : `a_${++k}`;
    while (taken.has(id)) id = `${id}_`;
    taken.add(id);
    out.set(v, id);
  }
  return out;
}

const coqQ = (q: Q): string => {
  const a = q.abs();
  const body = a.isInteger() ? `${a.toString()}` : `(${a.toString()})`;
  return q.sign() < 0 ? `- ${body}` : body;
};

/** A polynomial as a Coq real expression, with variables renamed by `name`. */
function coqPoly(p: Poly, name: (v: string) => string): string {
  const terms = p.terms();
  if (terms.length === 0) return '0';
  const one = (t: Term): string => {
    const factors = Object.entries(t.powers).map(([v, k]) => (k === 1 ? name(v) : `${name(v)} ^ ${k}`));
    const c = t.coef.abs();
    const parts = c.equals(Q.ONE) && factors.length ? factors : [coqQ(c), ...factors];
    return parts.join(' * ');
  };
  return terms.map((t, i) => `${t.coef.sign() < 0 ? (i === 0 ? '- ' : '- ') : i === 0 ? '' : '+ '}${one(t)}`).join(' ').replace(/^\+ /, '');
}

/** The sign orientation of each variable: +1 (v >= 0 assumed) or -1 (v <= 0, written -v). */
function orientations(r: ScalingResult): Map<string, 1 | -1> {
  const out = new Map<string, 1 | -1>();
  for (const [v, x] of Object.entries(r.env ?? {})) out.set(v, x < 0 ? -1 : 1);
  return out;
}

/**
 * The certificate of p >= 0 for t >= 0 and oriented variables >= 0: p itself with every variable
 * v of orientation -1 replaced by -(v'), as long as every coefficient is >= 0; else null.
 */
function certificate(p: Poly, orient: Map<string, 1 | -1>): Poly | null {
  let q = p;
  for (const [v, s] of orient) if (s < 0) q = q.subst(v, Poly.variable(`${v}'neg`).neg());
  return q.terms().every((t) => t.coef.sign() >= 0) ? q : null;
}

/** Writes the Coq file for the proved bounds of a scaling result. */
export function scalingCoq(r: ScalingResult): CoqFile {
  const names = namesOf(r);
  const orient = orientations(r);
  const vars = [...names.keys()];
  const nameOf = (v: string): string => {
    if (v === 'L') return 'L';
    if (v === 't') return 't';
    if (v.endsWith("'neg")) return `(- ${names.get(v.slice(0, -4))!})`;
    const n = names.get(v);
    if (!n) throw new Error(`scaling --coq: no Coq name for ${v}`);
    return n;
  };
  const binders = vars.map((v) => names.get(v)!).join(' ');
  const hyps = vars.map((v) => {
    const n = names.get(v)!;
    const x = r.env![v];
    return x > 0 ? `0 < ${n}` : x < 0 ? `${n} < 0` : `0 <= ${n}`;
  });
  const lines: string[] = [];
  const lemmas: CoqLemma[] = [];
  lines.push(`(* heatbound scaling --coq: ${r.model}. Generated; checked by coqc. *)`);
  lines.push('(* What is proved: |J(L)| <= B(L) between the derived closed forms below, for every real L of each');
  lines.push('   range (so every integer L), under the sign hypotheses of each lemma. That these forms are the');
  lines.push("   model's J and bounds rests on heatbound's derivation under its assumptions:");
  for (const a of r.assumptions ?? []) lines.push(`     ${a.expr} ${a.relation} 0${a.L ? ` for L = ${a.L.from}..${a.L.to ?? 'infinity'}` : ''}  (${a.why.replace(/\*\)/g, '* )')})`);
  if (!(r.assumptions ?? []).length) lines.push('     (none)');
  for (const [v, n] of names) lines.push(`   ${n} := ${r.atoms?.[v] ? `${r.atoms[v].expr.replace(/\*\)/g, '* )')} = ${r.atoms[v].value}` : `the param ${v} (${r.env![v]} in the model)`}`);
  lines.push('*)');
  lines.push('From Coq Require Import Reals Lra.');
  lines.push('Open Scope R_scope.');
  lines.push('');
  lines.push('(* 0 <= a sum of products of non-negative factors: lra closes each factor from the hypotheses. *)');
  lines.push('Ltac nonneg := repeat (first [lra | apply Rplus_le_le_0_compat | apply Rmult_le_pos | apply pow_le]).');
  lines.push('');
  const forms = r.forms;
  for (const b of ['B1', 'B2'] as const) {
    const proof = r.proofs.find((p) => p.claim.startsWith(`|J| <= ${b}`));
    const J = forms?.J, B = forms?.[b];
    const skip = (name: string, reason: string) => { lemmas.push({ name, bound: b, exported: false, reason }); lines.push(`(* ${name}: not exported: ${reason} *)`, ''); };
    if (!J || !B || J.status !== 'derived' || B.status !== 'derived' || J.pieces.length !== B.pieces.length) { skip(`${b}_holds`, `J or ${b} is not derived`); continue; }
    if (proof?.verdict !== 'proved') { skip(`${b}_holds`, `heatbound did not prove it (${proof?.verdict ?? 'no proof'})`); continue; }
    exportBound(b, J, B);
  }
  return { text: lines.join('\n') + '\n', lemmas };

  function exportBound(b: 'B1' | 'B2', J: QuantityForm, B: QuantityForm): void {
    J.pieces.forEach((pj, k) => {
      const pb = B.pieces[k];
      const parity = pj.form.kind === 'parity' || pb.form.kind === 'parity';
      const branches: Branch[] = parity ? ['even', 'odd'] : ['all'];
      for (const br of branches) {
        const name = `${b}_holds${J.pieces.length > 1 ? `_piece${k + 1}` : ''}${br === 'all' ? '' : `_${br}`}`;
        const skip = (reason: string) => { lemmas.push({ name, bound: b, exported: false, reason }); lines.push(`(* ${name}: not exported: ${reason} *)`, ''); };
        if (pj.to !== null) { skip(`a finite piece of L (${pj.from}..${pj.to})`); continue; }
        const sample = br === 'odd' ? 1 : br === 'even' ? 2 : 1;
        const jp = branchAt(pj.form, sample).asPoly(), bp = branchAt(pb.form, sample).asPoly();
        if (!jp || !bp) { skip('an exponential term (b^L) in J or the bound'); continue; }
        // L as a function of t >= 0.
        const L0 = pj.from;
        const m0 = br === 'even' ? Math.ceil(L0 / 2) : br === 'odd' ? Math.ceil((L0 - 1) / 2) : 0;
        const Lof = br === 'all' ? Poly.constant(L0).add(Poly.variable('t')) : Poly.constant(2 * m0 + (br === 'odd' ? 1 : 0)).add(Poly.variable('t').scale(Q.of(2)));
        const plus = certificate(bp.add(jp).subst('L', Lof), orient);
        const minus = certificate(bp.sub(jp).subst('L', Lof), orient);
        if (!plus || !minus) { skip(`B ${!plus ? '+' : '-'} J has a negative coefficient in t = ${br === 'all' ? `L - ${L0}` : `(L - ${2 * m0 + (br === 'odd' ? 1 : 0)})/2`} and the signed params (no positivity certificate)`); continue; }
        const tag = name.slice(`${b}_holds`.length);
        const jn = `${b}_J${tag}`, bn = `${b}_B${tag}`;
        const args = `${binders} L`.trim();
        const lo = br === 'all' ? L0 : 2 * m0 + (br === 'odd' ? 1 : 0);
        const tDef = br === 'all' ? `L - ${lo}` : `(L - ${lo}) / 2`;
        lines.push(`(* ${b}, ${br === 'all' ? `every L >= ${L0}` : `L = 2m${br === 'odd' ? ' + 1' : ''}, m >= ${m0} (the form holds for every real L >= ${lo})`}; t = ${tDef} *)`);
        lines.push(`Definition ${jn} (${args} : R) : R := ${coqPoly(jp, nameOf)}.`);
        lines.push(`Definition ${bn} (${args} : R) : R := ${coqPoly(bp, nameOf)}.`);
        lines.push(`Lemma ${name} : forall ${args} : R, ${[...hyps, `${lo} <= L`].join(' -> ')} -> Rabs (${jn} ${args}) <= ${bn} ${args}.`);
        lines.push('Proof.');
        lines.push(`  intros ${args} ${vars.map((_, i) => `H${i}`).join(' ')} HL.`);
        lines.push(`  pose (t := ${tDef}).`);
        lines.push(`  assert (Ht : 0 <= t) by (unfold t; lra).`);
        lines.push(`  apply Rabs_le; split.`);
        lines.push(`  - assert (E : ${bn} ${args} + ${jn} ${args} = ${coqPoly(plus, nameOf)}) by (unfold ${bn}, ${jn}, t; field).`);
        lines.push(`    assert (P : 0 <= ${coqPoly(plus, nameOf)}) by nonneg.`);
        lines.push(`    lra.`);
        lines.push(`  - assert (E : ${bn} ${args} - ${jn} ${args} = ${coqPoly(minus, nameOf)}) by (unfold ${bn}, ${jn}, t; field).`);
        lines.push(`    assert (P : 0 <= ${coqPoly(minus, nameOf)}) by nonneg.`);
        lines.push(`    lra.`);
        lines.push('Qed.');
        lines.push('');
        lemmas.push({ name, bound: b, exported: true });
      }
    });
  }
}
