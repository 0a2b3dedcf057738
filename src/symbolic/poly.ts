/**
 * Multivariate polynomials with exact rational coefficients, in named variables (L, j, m, t and
 * the model's params). The exact algebra under every derived closed form.
 */
import { Q } from './rational.js';

/** One term: coefficient times a product of variables to powers (powers > 0, names sorted). */
export interface Term {
  readonly coef: Q;
  readonly powers: Readonly<Record<string, number>>;
}

function keyOf(powers: Readonly<Record<string, number>>): string {
  return Object.keys(powers).sort().map((v) => `${v}^${powers[v]}`).join('*');
}

/**
 * An immutable polynomial.
 *
 * @example
 * const L = Poly.variable('L');
 * L.mul(L.add(Poly.constant(2))).scale(Q.of(-1, 4)).toString() // "-1/4*L^2 - 1/2*L"
 */
export class Poly {
  private constructor(private readonly map: ReadonlyMap<string, Term>) {}

  static readonly ZERO = new Poly(new Map());

  static constant(c: Q | number): Poly {
    const q = typeof c === 'number' ? Q.of(c) : c;
    return q.isZero() ? Poly.ZERO : new Poly(new Map([['', { coef: q, powers: {} }]]));
  }

  static variable(name: string): Poly {
    return new Poly(new Map([[`${name}^1`, { coef: Q.ONE, powers: { [name]: 1 } }]]));
  }

  static fromTerms(terms: readonly Term[]): Poly {
    const m = new Map<string, Term>();
    for (const t of terms) {
      const powers: Record<string, number> = {};
      for (const v of Object.keys(t.powers).sort()) if (t.powers[v] !== 0) powers[v] = t.powers[v];
      const k = keyOf(powers);
      const prev = m.get(k);
      const coef = prev ? prev.coef.add(t.coef) : t.coef;
      if (coef.isZero()) m.delete(k);
      else m.set(k, { coef, powers });
    }
    return new Poly(m);
  }

  terms(): Term[] { return [...this.map.values()]; }
  isZero(): boolean { return this.map.size === 0; }
  isConstant(): boolean { return this.map.size === 0 || (this.map.size === 1 && this.map.has('')); }
  /** The value of a constant polynomial, else null. */
  constantValue(): Q | null {
    if (this.map.size === 0) return Q.ZERO;
    return this.isConstant() ? this.map.get('')!.coef : null;
  }
  variables(): string[] {
    const s = new Set<string>();
    for (const t of this.map.values()) for (const v of Object.keys(t.powers)) s.add(v);
    return [...s].sort();
  }

  add(o: Poly): Poly { return Poly.fromTerms([...this.terms(), ...o.terms()]); }
  sub(o: Poly): Poly { return this.add(o.neg()); }
  neg(): Poly { return this.scale(Q.of(-1)); }
  scale(q: Q): Poly {
    if (q.isZero()) return Poly.ZERO;
    return new Poly(new Map([...this.map].map(([k, t]) => [k, { coef: t.coef.mul(q), powers: t.powers }])));
  }
  mul(o: Poly): Poly {
    const out: Term[] = [];
    for (const a of this.map.values()) for (const b of o.map.values()) {
      const powers: Record<string, number> = { ...a.powers };
      for (const [v, k] of Object.entries(b.powers)) powers[v] = (powers[v] ?? 0) + k;
      out.push({ coef: a.coef.mul(b.coef), powers });
    }
    return Poly.fromTerms(out);
  }
  pow(k: number): Poly {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`polynomial power needs an integer >= 0, got ${k}`);
    let r = Poly.constant(1), b: Poly = this, e = k;
    while (e > 0) { if (e & 1) r = r.mul(b); e >>= 1; if (e) b = b.mul(b); }
    return r;
  }

  /** Replaces variable `name` by the polynomial p. */
  subst(name: string, p: Poly): Poly {
    let out = Poly.ZERO;
    const powCache = new Map<number, Poly>();
    for (const t of this.map.values()) {
      const k = t.powers[name] ?? 0;
      const rest: Record<string, number> = { ...t.powers };
      delete rest[name];
      let pk = powCache.get(k);
      if (!pk) { pk = p.pow(k); powCache.set(k, pk); }
      out = out.add(Poly.fromTerms([{ coef: t.coef, powers: rest }]).mul(pk));
    }
    return out;
  }

  /** Degree in `name` (-1 for the zero polynomial). */
  degree(name: string): number {
    let d = this.isZero() ? -1 : 0;
    for (const t of this.map.values()) d = Math.max(d, t.powers[name] ?? 0);
    return d;
  }

  /** The coefficient of name^k, a polynomial in the other variables. */
  coeff(name: string, k: number): Poly {
    return Poly.fromTerms(this.terms().filter((t) => (t.powers[name] ?? 0) === k).map((t) => {
      const powers: Record<string, number> = { ...t.powers };
      delete powers[name];
      return { coef: t.coef, powers };
    }));
  }

  /** Float value with numbers for every variable. */
  evaluate(env: Readonly<Record<string, number>>): number {
    let s = 0;
    for (const t of this.map.values()) {
      let v = t.coef.toNumber();
      for (const [x, k] of Object.entries(t.powers)) {
        const e = env[x];
        if (e === undefined) throw new RangeError(`no value for ${x}`);
        v *= e ** k;
      }
      s += v;
    }
    return s;
  }

  /** Exact value; variables without a value stay symbolic. */
  evaluateExact(env: Readonly<Record<string, Q>>): Poly {
    let out: Poly = this;
    for (const [x, q] of Object.entries(env)) out = out.subst(x, Poly.constant(q));
    return out;
  }

  equals(o: Poly): boolean { return this.sub(o).isZero(); }

  /** Text such as "-1/4*g*w0*L^2 - 1/2*g*w0*L" (terms by descending degree in `lead`). */
  toString(lead = 'L'): string {
    if (this.isZero()) return '0';
    const ts = this.terms().sort((a, b) => (b.powers[lead] ?? 0) - (a.powers[lead] ?? 0) || keyOf(a.powers).localeCompare(keyOf(b.powers)));
    return ts.map((t, i) => {
      const vars = Object.keys(t.powers).sort((a, b) => (a === lead ? 1 : b === lead ? -1 : a.localeCompare(b)))
        .map((v) => (t.powers[v] === 1 ? v : `${v}^${t.powers[v]}`));
      const c = t.coef.abs();
      const sign = t.coef.sign() < 0 ? (i === 0 ? '-' : ' - ') : i === 0 ? '' : ' + ';
      const body = vars.length === 0 ? c.toString() : c.equals(Q.ONE) ? vars.join('*') : `${c.toString()}*${vars.join('*')}`;
      return sign + body;
    }).join('');
  }
}
