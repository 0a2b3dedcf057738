/**
 * Readable text of closed forms: the common factor (sign, rational, param monomial) pulled out and
 * the rest factored over Q, e.g. -g*w0*(L-1)*(L+3)/4.
 */
import { factor } from './cas/index.js';
import type { ClosedForm } from './closed.js';
import { Poly } from './poly.js';
import { Q } from './rational.js';

const gcd = (a: bigint, b: bigint): bigint => { while (b) [a, b] = [b, a % b]; return a < 0n ? -a : a; };

/** p as content * primitive part, with the primitive part factored. */
export function prettyPoly(p: Poly, lead = 'L'): string {
  const ts = p.terms();
  if (ts.length === 0) return '0';
  // Common monomial and rational content, signed like the leading coefficient in `lead`.
  const vars = new Set(ts.flatMap((t) => Object.keys(t.powers)));
  const common: Record<string, number> = {};
  for (const v of vars) {
    const m = Math.min(...ts.map((t) => t.powers[v] ?? 0));
    if (m > 0) common[v] = m;
  }
  let num = 0n, den = 1n;
  for (const t of ts) { num = gcd(num, t.coef.num); den = (den * t.coef.den) / gcd(den, t.coef.den); }
  const top = ts.reduce((a, b) => ((b.powers[lead] ?? 0) > (a.powers[lead] ?? 0) ? b : a));
  const content = Q.of(top.coef.sign() < 0 ? -num : num, den);
  const rest = Poly.fromTerms(ts.map((t) => ({
    coef: t.coef.div(content),
    powers: Object.fromEntries(Object.entries(t.powers).map(([v, k]) => [v, k - (common[v] ?? 0)])),
  })));
  const restText = rest.isConstant() ? '' : casText(rest, lead, factor);
  const monomial = Object.keys(common).sort((a, b) => (a === lead ? 1 : b === lead ? -1 : a.localeCompare(b))).map((v) => (common[v] === 1 ? v : `${v}^${common[v]}`));
  const factors = [...monomial];
  if (restText) factors.push(balanced(restText) ? restText : `(${restText})`);
  const a = content.abs();
  const numText = a.num === 1n ? '' : a.num.toString();
  let body = [numText, ...factors].filter(Boolean).join('*') || '1';
  if (a.den !== 1n) body = `${body}/${a.den}`;
  return (content.sign() < 0 ? '-' : '') + body;
}

/** True when the outer parentheses of "(..)*(..)" never close early, i.e. a product of groups. */
function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (depth === 0 && (s[i] === '+' || s[i] === '-')) return false;
  }
  return depth === 0;
}

/** A closed form term by term. */
export function prettyForm(c: ClosedForm): string {
  if (c.terms.length === 0) return '0';
  return c.terms.map((t, i) => {
    const p = prettyPoly(t.poly);
    const body = t.base ? `${p.startsWith('-') ? '-' : ''}${wrap(p.replace(/^-/, ''))}*(${t.base.text})^L` : p;
    return i === 0 ? body : body.startsWith('-') ? ` - ${body.slice(1)}` : ` + ${body}`;
  }).join('');
}

function wrap(s: string): string {
  return /^[\w^*/.]+$/.test(s) ? s : `(${s})`;
}

/**
 * Runs a CAS function on a polynomial whose atoms (exp(-w0/T), cos(theta/2)^2, ...) are first renamed
 * to plain identifiers and restored afterwards; falls back to the polynomial's own text.
 */
export function casText(p: Poly, lead: string, f: (text: string) => string): string {
  let q = p;
  const back = new Map<string, string>();
  p.variables().filter((v) => !/^[A-Za-z_]\w*$/.test(v)).forEach((v, i) => {
    const id = `zatom${i + 1}`;
    back.set(id, v);
    q = q.subst(v, Poly.variable(id));
  });
  let out: string;
  try { out = f(q.toString(lead)).replace(/\s+/g, ''); } catch { out = q.toString(lead); }
  for (const [id, v] of back) out = out.split(id).join(v);
  return out;
}
