/**
 * Closed forms in L: sums of polynomial x exponential terms, poly(L, params) * b^L, where a base b
 * such as exp(-w0/T) is kept symbolic with its numeric value (bath factors stay symbolic).
 * A form that differs by the parity of L is a pair {even, odd}.
 */
import { Poly } from './poly.js';
import { Q } from './rational.js';

/** A symbolic base b of b^L, with its value at the model's params. */
export interface Base {
  readonly text: string;
  readonly value: number;
}

export interface ExpTerm {
  readonly poly: Poly;
  readonly base: Base | null;
}

/** sum of poly * base^L. */
export class ClosedForm {
  constructor(readonly terms: readonly ExpTerm[]) {}

  static poly(p: Poly): ClosedForm { return new ClosedForm(p.isZero() ? [] : [{ poly: p, base: null }]); }
  static readonly ZERO = new ClosedForm([]);

  add(o: ClosedForm): ClosedForm {
    const out: ExpTerm[] = [...this.terms];
    for (const t of o.terms) {
      const i = out.findIndex((s) => (s.base?.text ?? null) === (t.base?.text ?? null));
      if (i >= 0) out[i] = { poly: out[i].poly.add(t.poly), base: t.base };
      else out.push(t);
    }
    return new ClosedForm(out.filter((t) => !t.poly.isZero()));
  }
  mulPoly(p: Poly): ClosedForm { return new ClosedForm(this.terms.map((t) => ({ poly: t.poly.mul(p), base: t.base })).filter((t) => !t.poly.isZero())); }
  scale(q: Q): ClosedForm { return this.mulPoly(Poly.constant(q)); }
  /** Multiplies by base^L (a^L b^L = (a b)^L). */
  mulBase(b: Base): ClosedForm {
    return new ClosedForm([]).add(new ClosedForm(this.terms.map((t) => ({
      poly: t.poly,
      base: t.base ? { text: `(${t.base.text})*(${b.text})`, value: t.base.value * b.value } : b,
    }))));
  }
  isZero(): boolean { return this.terms.length === 0; }
  /** The pure polynomial, or null when an exponential term is present. */
  asPoly(): Poly | null {
    if (this.terms.some((t) => t.base)) return null;
    return this.terms.reduce((s, t) => s.add(t.poly), Poly.ZERO);
  }
  /** Substitutes a variable in every polynomial (e.g. L -> 2t). */
  subst(name: string, p: Poly): ClosedForm {
    return new ClosedForm(this.terms.map((t) => ({ poly: t.poly.subst(name, p), base: t.base })).filter((t) => !t.poly.isZero()));
  }
  evaluate(env: Readonly<Record<string, number>>): number {
    return this.terms.reduce((s, t) => s + t.poly.evaluate(env) * (t.base ? Math.pow(t.base.value, env.L) : 1), 0);
  }
  /** Text for people and for the CAS: "-1/4*g*w0*L^2 - 1/2*g*w0*L + 2*(exp(-w0/T))^L". */
  toString(): string {
    if (this.terms.length === 0) return '0';
    return this.terms.map((t, i) => {
      const p = t.poly.toString();
      const body = t.base ? `(${p})*(${t.base.text})^L` : p;
      if (i === 0) return body;
      return body.startsWith('-') ? ` - ${body.slice(1)}` : ` + ${body}`;
    }).join('');
  }
}

/** An expression in L that may depend on the parity of L. */
export type ParityForm = { readonly kind: 'single'; readonly form: ClosedForm } | { readonly kind: 'parity'; readonly even: ClosedForm; readonly odd: ClosedForm };

/** Applies `f` to each branch. */
export function mapParity(p: ParityForm, f: (c: ClosedForm, parity: 'even' | 'odd' | 'all') => ClosedForm): ParityForm {
  return p.kind === 'single' ? { kind: 'single', form: f(p.form, 'all') } : { kind: 'parity', even: f(p.even, 'even'), odd: f(p.odd, 'odd') };
}

/** Combines two parity forms branch by branch. */
export function zipParity(a: ParityForm, b: ParityForm, f: (x: ClosedForm, y: ClosedForm) => ClosedForm): ParityForm {
  if (a.kind === 'single' && b.kind === 'single') return { kind: 'single', form: f(a.form, b.form) };
  const ev = (p: ParityForm, w: 'even' | 'odd') => (p.kind === 'single' ? p.form : p[w]);
  const even = f(ev(a, 'even'), ev(b, 'even')), odd = f(ev(a, 'odd'), ev(b, 'odd'));
  return even.toString() === odd.toString() ? { kind: 'single', form: even } : { kind: 'parity', even, odd };
}

/** The branch that applies at a given L. */
export function branchAt(p: ParityForm, L: number): ClosedForm {
  return p.kind === 'single' ? p.form : L % 2 === 0 ? p.even : p.odd;
}
