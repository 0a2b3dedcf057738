/**
 * checkCertificate: every kind of certificate is accepted when genuine and rejected when tampered
 * with, by hand and by seeded random mutations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCertificate, proveNonNegative, type Certificate } from '../../../src/symbolic/proof/index.js';
import { Poly } from '../../../src/symbolic/poly.js';
import { Q } from '../../../src/symbolic/rational.js';
import { c, L, poly, roundTrip } from './build.js';

type Json = unknown;

function certify(p: Poly, from: number, options = {}): Certificate {
  const r = proveNonNegative(p, 'L', from, options);
  if (r.verdict !== 'proved') throw new Error(`expected a proof, got ${JSON.stringify(r)}`);
  return roundTrip(r.certificate);
}

/** Genuine certificates of every kind, with the claim each one is about. */
const pool = [
  { name: 'shifted', p: poly(L, [0, -2, 3]).scale(Q.of(1, 4)), from: 1, options: {} },
  { name: 'finite + tail', p: poly(L, ['12.05', -7, 1]), from: 1, options: {} },
  { name: 'sturm', p: poly(L, ['12.5', -7, 1]), from: 1, options: { maxFiniteChecks: 0 } },
  { name: 'sturm-isolation', p: poly(L, ['12.05', -7, 1]), from: 1, options: { maxFiniteChecks: 0 } },
  { name: 'isolation, four roots', p: L.scale(Q.of(2)).sub(c(3)).pow(2).mul(L.scale(Q.of(2)).sub(c(9)).pow(2)).sub(c(1)), from: 0, options: { maxFiniteChecks: 0 } },
  { name: 'finite, double roots', p: L.sub(c(2)).pow(2).mul(L.sub(c(6)).pow(2)).add(c('1/3')), from: -1, options: {} },
].map((x) => ({ ...x, cert: certify(x.p, x.from, x.options) }));

function edit(cert: Certificate, f: (x: any) => void): Json {
  const copy = roundTrip(cert) as any;
  f(copy);
  return copy;
}

describe('genuine certificates', () => {
  for (const { name, p, from, cert } of pool) {
    it(`${name} (${cert.kind}) is accepted`, () => expect(checkCertificate(p, 'L', from, cert)).toEqual({ ok: true }));
  }
  it('the pool covers every non-trivial kind', () => {
    expect(new Set(pool.map((x) => x.cert.kind))).toEqual(new Set(['shifted-coefficients', 'finite-check-and-tail', 'sturm', 'sturm-isolation']));
  });
});

describe('hand-tampered certificates are rejected', () => {
  const [shifted, finite, sturm, iso] = pool;
  const rejects = (p: Poly, from: number, cert: Json, why: RegExp): void => {
    const r = checkCertificate(p, 'L', from, cert);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(why);
  };

  it('a wrong coefficient, a wrong shift, a wrong start', () => {
    rejects(shifted.p, 1, edit(shifted.cert, (x) => { x.coefficients[1] = '2'; }), /coefficient 1/);
    rejects(shifted.p, 1, edit(shifted.cert, (x) => { x.shift = 2; }), /shift 2/);
    rejects(shifted.p, 1, edit(shifted.cert, (x) => { x.coefficients.push('0'); }), /coefficients listed/);
    rejects(shifted.p, 0, shifted.cert, /starts at 1, not 0/);
    rejects(shifted.p, 1, edit(shifted.cert, (x) => { x.variable = 't'; }), /about 't'/);
  });

  it('a certificate for a different polynomial', () => {
    rejects(shifted.p.add(c('1/100')), 1, shifted.cert, /coefficient 0/);
    rejects(finite.p.sub(c('1/100')), 1, finite.cert, /p\(1\)/);
    rejects(sturm.p.add(L), 1, sturm.cert, /chain/);
    rejects(iso.p.add(c(1)), 1, iso.cert, /chain/);
    rejects(L.mul(Poly.variable('g')), 1, shifted.cert, /other than L/);
  });

  it('a missing or extra integer in a finite check', () => {
    rejects(finite.p, 1, edit(finite.cert, (x) => { x.checked.splice(1, 1); }), /integers checked/);
    rejects(finite.p, 1, edit(finite.cert, (x) => { x.checked[1].L = 5; }), /entry 1/);
    rejects(finite.p, 1, edit(finite.cert, (x) => { x.tail.from = 3; x.tail.shift = 3; x.checked.pop(); }), /coefficient/);
  });

  it('a false claim dressed as a finite check: p(3) < 0 is caught', () => {
    const bad = poly(L, [20, -10, 1]); // fails at L = 3
    const fake = {
      kind: 'finite-check-and-tail', variable: 'L', from: 1,
      checked: [{ L: 1, value: '11' }, { L: 2, value: '4' }, { L: 3, value: '1' }, { L: 4, value: '-4' }, { L: 5, value: '-5' }],
      tail: { kind: 'shifted-coefficients', variable: 'L', from: 6, shift: 6, coefficients: ['-4', '2', '1'] },
    };
    rejects(bad, 1, fake, /p\(3\) is -1/);
  });

  it('a wrong root count, chain, or sign row in a Sturm certificate', () => {
    rejects(sturm.p, 1, edit(sturm.cert, (x) => { x.rootCount = 1; }), /roots/);
    rejects(sturm.p, 1, edit(sturm.cert, (x) => { x.chain[0][0] = '26'; }), /chain\[0\]/);
    rejects(sturm.p, 1, edit(sturm.cert, (x) => { x.signsAtInfinity[2] = 1; }), /signsAtInfinity/);
    rejects(sturm.p, 1, edit(sturm.cert, (x) => { x.chain.pop(); }), /Sturm chain has/);
    rejects(iso.p, 1, edit(iso.cert, (x) => { x.rootCount = 0; }), /counts 2 roots/);
  });

  it('a Sturm isolation that hides a root in a "root-free" segment or skips an integer', () => {
    const checkedAt = (iso.cert as any).segments.findIndex((s: any) => s.kind === 'checked' && s.checked.length);
    rejects(iso.p, 1, edit(iso.cert, (x) => { x.segments[checkedAt] = { kind: 'root-free' }; }), /holds 1 roots|< 0/);
    rejects(iso.p, 1, edit(iso.cert, (x) => { x.segments[checkedAt].checked = []; }), /integers checked/);
    rejects(iso.p, 1, edit(iso.cert, (x) => { x.cuts.splice(1, 1); x.segments.splice(1, 1); }), /holds|signs|root/);
  });

  it('a Sturm certificate for a polynomial with a real root that hits an integer: x^2 - 4 from 0', () => {
    // A forged 'sturm' certificate built from the genuine chain but claiming no roots.
    const p = poly(L, [-4, 0, 1]);
    rejects(p, 0, { kind: 'sturm', variable: 'L', from: 0, chain: [['-4', '0', '1'], ['0', '1'], ['1']], signsAtFrom: [-1, 0, 1], signsAtInfinity: [1, 1, 1], rootCount: 0, valueAtFrom: '-4' }, /roots|> 0/);
  });

  it('malformed input never throws', () => {
    for (const junk of [null, 3, 'proved', {}, { kind: 'zero' }, { kind: 'nope', variable: 'L', from: 1 },
      edit(shifted.cert, (x) => { x.coefficients = 'all positive'; }), edit(shifted.cert, (x) => { x.coefficients[0] = 'half'; }),
      edit(finite.cert, (x) => { x.tail = null; }), edit(iso.cert, (x) => { x.cuts[0].at = {}; })]) {
      const r = checkCertificate(finite.p, 'L', 1, junk);
      expect(r.ok).toBe(false);
    }
    expect(checkCertificate(L, 'L', 0, { kind: 'zero', variable: 'L', from: 0 })).toMatchObject({ ok: false, reason: /zero/ });
  });
});

describe('random tampering is always caught (seeded)', () => {
  /** Every place in a certificate where a change must invalidate it. */
  interface Site { path: (string | number)[]; kind: 'rational' | 'integer' | 'sign' | 'drop' }

  function sites(x: Json, path: (string | number)[] = []): Site[] {
    if (Array.isArray(x)) {
      const key = path[path.length - 1];
      const own: Site[] = key === 'checked' ? x.map((_, i) => ({ path: [...path, i], kind: 'drop' as const })) : [];
      if (typeof key === 'string' && /^signs/.test(key) || key === 'signs') {
        return x.map((_, i) => ({ path: [...path, i], kind: 'sign' as const }));
      }
      return [...own, ...x.flatMap((v, i) => sites(v, [...path, i]))];
    }
    if (typeof x === 'object' && x !== null) {
      return Object.entries(x).flatMap(([k, v]) => {
        if (k === 'at' || k === 'kind' || k === 'variable') return []; // a moved cut can still be valid
        if (typeof v === 'number') return [{ path: [...path, k], kind: 'integer' as const }];
        return sites(v, [...path, k]);
      });
    }
    if (typeof x === 'string') return [{ path, kind: 'rational' }];
    return [];
  }

  function mutate(cert: Json, site: Site, delta: { n: number; d: number }): Json {
    const copy = roundTrip(cert) as any;
    const parent = site.path.slice(0, -1).reduce((o, k) => o[k], copy);
    const key = site.path[site.path.length - 1];
    if (site.kind === 'drop') parent.splice(key, 1);
    else if (site.kind === 'integer') parent[key] += delta.n;
    else if (site.kind === 'sign') parent[key] = parent[key] === 1 ? -1 : parent[key] + 1;
    else parent[key] = Q.parse(parent[key]).add(Q.of(delta.n, delta.d)).toString();
    return copy;
  }

  const delta = fc.record({ n: fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0), d: fc.integer({ min: 1, max: 7 }) });

  it('mutating a coefficient, value, chain entry, sign, integer field, or dropping a checked entry', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: pool.length - 1 }), fc.nat(), delta, (which, pick, d) => {
      const { p, from, cert } = pool[which];
      const all = sites(cert);
      const site = all[pick % all.length];
      const r = checkCertificate(p, 'L', from, mutate(cert, site, d));
      expect(r.ok, `${pool[which].name}: ${site.kind} at ${site.path.join('.')}`).toBe(false);
    }), { seed: 42, numRuns: 400 });
  });

  it('checking a certificate against a different polynomial (p + a L^k, not a positive multiple)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: pool.length - 1 }), fc.integer({ min: 0, max: 4 }), delta, (which, k, d) => {
      const { p, from, cert } = pool[which];
      const other = p.add(Poly.constant(Q.of(d.n, d.d)).mul(L.pow(k)));
      expect(checkCertificate(other, 'L', from, cert).ok).toBe(false);
    }), { seed: 43, numRuns: 150 });
  });
});
