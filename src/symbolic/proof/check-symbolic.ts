/**
 * `checkSymbolicCertificate`: the checker of certificates about polynomials with params. Like
 * `checkCertificate` it shares no code with the prover: it splits p itself, writes the Z3 query
 * itself (and requires the certificate's text to be exactly that), and re-runs Z3.
 */
import type { Poly, Term } from '../poly.js';
import { Poly as P } from '../poly.js';
import type { Q } from '../rational.js';
import { checkCertificate } from './check.js';
import { reject, Rejected } from './check-algebra.js';
import type { Assumption, CheckResult } from './types.js';
import { z3Solve, type Smt2Solver } from './z3.js';

/** Options of `checkSymbolicCertificate`; `solver` replaces Z3 (for tests). */
export interface SymbolicCheckOptions {
  readonly solver?: Smt2Solver;
  readonly z3TimeoutMs?: number;
  /** The claim's range end (null: none) and its extra assumptions `poly relation 0`. */
  readonly to?: number | null;
  readonly constraints?: readonly { readonly poly: Poly; readonly relation: '>' | '>=' | '<' | '<=' | '=' | '!=' }[];
}

/**
 * Re-verifies that `certificate` proves p >= 0 for every integer `variable` >= from and all
 * params obeying `assumptions`. Async because a Z3 certificate is re-run. Never throws on a
 * malformed certificate.
 *
 * @example
 * const r = await proveNonNegativeSymbolic(p, 'L', 1, { g: 'positive' }, { g: 1 });
 * if (r.verdict === 'proved') await checkSymbolicCertificate(p, 'L', 1, { g: 'positive' }, r.certificate) // { ok: true }
 */
export async function checkSymbolicCertificate(
  p: Poly, variable: string, from: number, assumptions: Readonly<Record<string, Assumption>>,
  certificate: unknown, options: SymbolicCheckOptions = {},
): Promise<CheckResult> {
  try {
    if (typeof certificate !== 'object' || certificate === null) reject('certificate is not an object');
    const cert = certificate as Record<string, unknown>;
    if (cert.kind === 'univariate') {
      if (p.variables().some((v) => v !== variable)) reject('p has params; a univariate certificate does not apply');
      return checkCertificate(p, variable, from, cert.certificate);
    }
    if (cert.variable !== variable) reject(`certificate is about '${String(cert.variable)}', not '${variable}'`);
    if (cert.from !== from) reject(`certificate starts at ${String(cert.from)}, not ${from}`);
    if (!sameAssumptions(assumptions, cert.assumptions)) reject('certificate assumptions differ from the claim');
    // A monomial split proves p >= 0 for every nonnegative param and every variable >= from, so it
    // holds under any extra assumption and on any sub-range.
    if (cert.kind === 'monomial-split') return checkSplit(p, variable, from, assumptions, cert);
    if (cert.kind === 'z3') return await checkZ3(p, variable, from, assumptions, cert, options);
    return reject(`unknown certificate kind '${String(cert.kind)}'`);
  } catch (e) {
    if (e instanceof Rejected) return { ok: false, reason: e.message };
    return { ok: false, reason: `malformed certificate: ${(e as Error).message}` };
  }
}

function sameAssumptions(a: Readonly<Record<string, Assumption>>, b: unknown): boolean {
  if (typeof b !== 'object' || b === null) return false;
  const bb = b as Record<string, unknown>;
  const ka = Object.keys(a).sort(), kb = Object.keys(bb).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === bb[k]);
}

function checkSplit(
  p: Poly, variable: string, from: number, assumptions: Readonly<Record<string, Assumption>>, cert: Record<string, unknown>,
): CheckResult {
  // Group p's terms by their param part.
  const groups = new Map<string, Term[]>();
  for (const t of p.terms()) {
    const params = Object.entries(t.powers).filter(([v]) => v !== variable).sort(([x], [y]) => (x < y ? -1 : 1));
    for (const [v] of params) if (assumptions[v] !== 'positive' && assumptions[v] !== 'nonnegative') reject(`the param ${v} is not assumed >= 0`);
    const key = params.map(([v, k]) => `${v}^${k}`).join('*');
    const k = t.powers[variable];
    groups.set(key, [...(groups.get(key) ?? []), { coef: t.coef, powers: k ? { [variable]: k } : {} }]);
  }
  const parts = Array.isArray(cert.parts) ? (cert.parts as Record<string, unknown>[]) : reject('parts is not a list');
  if (parts.length !== groups.size) reject(`${parts.length} parts, p has ${groups.size} param monomials`);
  const seen = new Set<string>();
  for (const [i, part] of parts.entries()) {
    const m = part?.monomial;
    if (typeof m !== 'object' || m === null) reject(`part ${i} has no monomial`);
    const key = Object.entries(m as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)).map(([v, k]) => `${v}^${String(k)}`).join('*');
    const terms = groups.get(key);
    if (!terms || seen.has(key)) reject(`part ${i}: p has no (other) param monomial ${key || '1'}`);
    seen.add(key);
    const r = checkCertificate(P.fromTerms(terms), variable, from, part.certificate);
    if (!r.ok) reject(`part ${i} (${key || '1'}): ${r.reason}`);
  }
  return { ok: true };
}

async function checkZ3(
  p: Poly, variable: string, from: number, assumptions: Readonly<Record<string, Assumption>>,
  cert: Record<string, unknown>, options: SymbolicCheckOptions,
): Promise<CheckResult> {
  if (cert.result !== 'unsat') reject(`a z3 certificate must record unsat, not ${String(cert.result)}`);
  if (cert.domain !== 'reals' && cert.domain !== 'integers') reject(`unknown domain ${String(cert.domain)}`);
  const expected = query(p, variable, from, assumptions, cert.domain === 'integers', options);
  if (cert.smt2 !== expected) reject('the smt2 text is not the query for this claim');
  const answer = await (options.solver ?? z3Solve)(expected, options.z3TimeoutMs ?? 30_000);
  if (answer.status !== 'unsat') reject(`z3 now answers ${answer.status}`);
  return { ok: true };
}

/** The query text, written independently of `smt2Query` (the two must agree byte for byte). */
function query(p: Poly, x: string, from: number, assumptions: Readonly<Record<string, Assumption>>, ints: boolean, extras: SymbolicCheckOptions = {}): string {
  const constraints = extras.constraints ?? [];
  const params = [...new Set([...Object.keys(assumptions), ...p.variables(), ...constraints.flatMap((c) => c.poly.variables())])].filter((n) => n !== x).sort();
  for (const n of [x, ...params]) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) reject(`not a plain identifier: ${n}`);
  const num = (q: Q): string => {
    const n = q.num < 0n ? -q.num : q.num;
    const t = q.den === 1n ? `${n}.0` : `(/ ${n}.0 ${q.den}.0)`;
    return q.num < 0n ? `(- ${t})` : t;
  };
  const sumOf = (poly: Poly): string => {
  const rows = poly.terms().map((t) => {
    const vars: string[] = [];
    for (const v of Object.keys(t.powers).sort()) for (let i = 0; i < t.powers[v]; i++) vars.push(v);
    const sym = vars.map((v) => (ints && v === x ? `(to_real |${v}|)` : `|${v}|`));
    return { key: vars, text: vars.length ? `(* ${[num(t.coef), ...sym].join(' ')})` : num(t.coef) };
  }).sort((a, b) => {
    const n = Math.min(a.key.length, b.key.length);
    for (let i = 0; i < n; i++) if (a.key[i] !== b.key[i]) return a.key[i] < b.key[i] ? -1 : 1;
    return a.key.length - b.key.length;
  });
  return rows.length === 0 ? '0.0' : rows.length === 1 ? rows[0].text : `(+ ${rows.map((r) => r.text).join(' ')})`;
  };
  const sum = sumOf(p);
  const lit = ints ? String(Math.abs(from)) : `${Math.abs(from)}.0`;
  const litOf = (n: number) => { const t = ints ? String(Math.abs(n)) : `${Math.abs(n)}.0`; return n < 0 ? `(- ${t})` : t; };
  const lines = [`(set-logic ${ints ? 'QF_NIRA' : 'QF_NRA'})`, `(declare-const |${x}| ${ints ? 'Int' : 'Real'})`];
  for (const n of params) lines.push(`(declare-const |${n}| Real)`);
  lines.push(`(assert (>= |${x}| ${from < 0 ? `(- ${lit})` : lit}))`);
  for (const n of params) {
    const a = assumptions[n];
    if (a !== 'positive' && a !== 'nonnegative') reject(`no assumption about the param ${n}`);
    lines.push(`(assert (${a === 'positive' ? '>' : '>='} |${n}| 0.0))`);
  }
  if (extras.to !== undefined && extras.to !== null) lines.push(`(assert (<= |${x}| ${litOf(extras.to)}))`);
  for (const c of constraints) lines.push(c.relation === '!=' ? `(assert (not (= ${sumOf(c.poly)} 0.0)))` : `(assert (${c.relation} ${sumOf(c.poly)} 0.0))`);
  lines.push(`(assert (< ${sum} 0.0))`, '(check-sat)', '');
  return lines.join('\n');
}
