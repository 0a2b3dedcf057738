/**
 * The SMT-LIB2 text of the question "is there a counterexample to p >= 0?", in one fixed format
 * (the symbolic checker rebuilds it independently and compares the text).
 */
import type { Q } from '../rational.js';
import type { Poly } from '../poly.js';
import type { Assumption } from './types.js';

/** An extra assumption of a claim, `poly relation 0`, in the params and possibly the variable. */
export interface Constraint {
  readonly poly: Poly;
  readonly relation: '>' | '>=' | '<' | '<=' | '=' | '!=';
}

/** The range end and the extra assumptions of a query. */
export interface QueryExtras {
  /** The largest value of the variable (null or absent: no end). */
  readonly to?: number | null;
  readonly constraints?: readonly Constraint[];
}

/** Where the variable ranges: the reals (QF_NRA, decidable) or the integers (QF_NIRA). */
export type Smt2Domain = 'reals' | 'integers';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The query: variable >= from, every assumption, p < 0; unsat means p >= 0 on that domain. Params
 * are reals. Terms are sorted by their list of variable names (one per power, ascending);
 * coefficients are written as reals, e.g. `(- (/ 3.0 4.0))`; an integer variable appears as
 * `(to_real |L|)`.
 *
 * @throws RangeError for a name that is not a plain identifier, or a param without an assumption
 * @example
 * smt2Query(g.sub(w0.mul(L)), 'L', 1, { g: 'positive', w0: 'positive' }, 'reals')
 * // (set-logic QF_NRA) ... (assert (< (+ (* (- 1.0) |L| |w0|) (* 1.0 |g|)) 0.0)) (check-sat)
 */
export function smt2Query(
  p: Poly, variable: string, from: number, assumptions: Readonly<Record<string, Assumption>>, domain: Smt2Domain,
  extras: QueryExtras = {},
): string {
  const constraints = extras.constraints ?? [];
  const names = [...new Set([variable, ...Object.keys(assumptions), ...p.variables(), ...constraints.flatMap((c) => c.poly.variables())])];
  for (const n of names) if (!NAME.test(n)) throw new RangeError(`not a plain identifier: '${n}'`);
  const params = names.filter((n) => n !== variable).sort();
  for (const n of params) if (!assumptions[n]) throw new RangeError(`no assumption about the param ${n}`);
  const ints = domain === 'integers';
  const atom = (v: string): string => (ints && v === variable ? `(to_real |${v}|)` : `|${v}|`);
  const sum = (q: Poly): string => {
    const terms = q.terms().map((t) => {
      const factors = Object.keys(t.powers).sort().flatMap((v) => Array<string>(t.powers[v]).fill(v));
      return { factors, text: factors.length ? `(* ${real(t.coef)} ${factors.map(atom).join(' ')})` : real(t.coef) };
    });
    terms.sort((x, y) => compareLists(x.factors, y.factors));
    return terms.length === 0 ? '0.0' : terms.length === 1 ? terms[0].text : `(+ ${terms.map((t) => t.text).join(' ')})`;
  };
  const body = sum(p);
  const lit = (n: number) => (n < 0 ? `(- ${-n}${ints ? '' : '.0'})` : `${n}${ints ? '' : '.0'}`);
  const start = lit(from);
  const extra = [
    ...(extras.to !== undefined && extras.to !== null ? [`(assert (<= |${variable}| ${lit(extras.to)}))`] : []),
    ...constraints.map((c) => (c.relation === '!=' ? `(assert (not (= ${sum(c.poly)} 0.0)))` : `(assert (${c.relation} ${sum(c.poly)} 0.0))`)),
  ];
  return [
    `(set-logic ${ints ? 'QF_NIRA' : 'QF_NRA'})`,
    `(declare-const |${variable}| ${ints ? 'Int' : 'Real'})`,
    ...params.map((n) => `(declare-const |${n}| Real)`),
    `(assert (>= |${variable}| ${start}))`,
    ...params.map((n) => `(assert (${assumptions[n] === 'positive' ? '>' : '>='} |${n}| 0.0))`),
    ...extra,
    `(assert (< ${body} 0.0))`,
    '(check-sat)',
    '',
  ].join('\n');
}

function real(q: Q): string {
  const n = q.num < 0n ? -q.num : q.num;
  const body = q.den === 1n ? `${n}.0` : `(/ ${n}.0 ${q.den}.0)`;
  return q.num < 0n ? `(- ${body})` : body;
}

function compareLists(x: readonly string[], y: readonly string[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length;
}
