/**
 * proveNonNegativeSymbolic with params g, w0 > 0: the monomial split, Z3 proofs and refutations,
 * the cross-check overruling a wrong solver, and the symbolic checker. One Z3 per test file.
 */
import { describe, expect, it } from 'vitest';
import {
  checkSymbolicCertificate, proveNonNegativeSymbolic, smt2Query, type Assumption, type Smt2Solver,
  type SymbolicCertificate, type SymbolicProofResult,
} from '../../../src/symbolic/proof/index.js';
import { Poly } from '../../../src/symbolic/poly.js';
import { Q } from '../../../src/symbolic/rational.js';
import { c, g, L, poly, roundTrip, w0 } from './build.js';

const positive: Record<string, Assumption> = { g: 'positive', w0: 'positive' };
const sample = { g: 0.5, w0: 2 };

async function prove(p: Poly, from = 1, options = {}): Promise<SymbolicProofResult> {
  const r = await proveNonNegativeSymbolic(p, 'L', from, positive, sample, options);
  if (r.verdict === 'proved') {
    expect(await checkSymbolicCertificate(p, 'L', from, positive, roundTrip(r.certificate))).toEqual({ ok: true });
  }
  if (r.verdict === 'refuted') {
    // The counterexample is confirmed here by exact evaluation, independently of the prover.
    const env = { L: Q.of(r.counterexample), ...Object.fromEntries(Object.entries(r.params).map(([k, v]) => [k, Q.parse(v)])) };
    const value = p.evaluateExact(env).constantValue()!;
    expect(value.toString()).toBe(r.value);
    expect(value.sign()).toBe(-1);
    expect(r.counterexample).toBeGreaterThanOrEqual(from);
  }
  return r;
}

function certificateOf(r: SymbolicProofResult): SymbolicCertificate {
  if (r.verdict !== 'proved') throw new Error(`expected a proof: ${JSON.stringify(r)}`);
  return r.certificate;
}

const gw = g.mul(w0);

describe('the monomial split (no Z3)', () => {
  it('g w0 (3L^2 - 2L)/4 >= 0 for L >= 1', async () => {
    const p = gw.mul(poly(L, [0, -2, 3])).scale(Q.of(1, 4));
    const r = await prove(p, 1, { solver: refuseSolver });
    expect(r).toMatchObject({
      verdict: 'proved',
      certificate: {
        kind: 'monomial-split',
        parts: [{ monomial: { g: 1, w0: 1 }, certificate: { kind: 'shifted-coefficients', coefficients: ['1/4', '1', '3/4'] } }],
      },
      crossChecks: 4,
    });
  });

  it('superradiance: B1 - |J| = g w0 L^2 - g w0 L(L+2)/4 >= 0 for even L >= 2', async () => {
    const B1 = gw.mul(L.pow(2));
    const J = gw.mul(L).mul(L.add(c(2))).scale(Q.of(-1, 4));
    expect((await prove(J.neg(), 2, { solver: refuseSolver })).verdict).toBe('proved');
    expect((await prove(B1.add(J), 2, { solver: refuseSolver })).verdict).toBe('proved');
  });

  it('all-flip: B1 - |J| = g w0 L^3 - g w0 L^3 = 0', async () => {
    const r = await prove(gw.mul(L.pow(3)).sub(gw.mul(L.pow(3))), 1, { solver: refuseSolver });
    expect(r).toMatchObject({ verdict: 'proved', certificate: { kind: 'univariate', certificate: { kind: 'zero' } } });
  });

  it('coefficients proved on the integers only: g ((2L - 7)^2 - 1) + w0 L', async () => {
    const p = g.mul(L.scale(Q.of(2)).sub(c(7)).pow(2).sub(c(1))).add(w0.mul(L));
    const r = await prove(p, 1, { solver: refuseSolver });
    expect(r).toMatchObject({ verdict: 'proved', certificate: { kind: 'monomial-split' } });
  });
});

describe('Z3', () => {
  it('(g - w0 L)^2 >= 0 needs Z3 (the cross term is negative): unsat over the reals', async () => {
    const p = g.sub(w0.mul(L)).pow(2);
    const r = await prove(p);
    expect(r).toMatchObject({ verdict: 'proved', certificate: { kind: 'z3', domain: 'reals', result: 'unsat' }, crossChecks: 4 });
    expect(certificateOf(r)).toMatchObject({ smt2: smt2Query(p, 'L', 1, positive, 'reals') });
  });

  it('a Motzkin-type form g^4 w0^2 + g^2 w0^4 - 3 g^2 w0^2 L^2 + L^6 >= 0 (AM-GM, not a sum of squares)', async () => {
    const p = g.pow(4).mul(w0.pow(2)).add(g.pow(2).mul(w0.pow(4))).sub(g.pow(2).mul(w0.pow(2)).mul(L.pow(2)).scale(Q.of(3))).add(L.pow(6));
    expect(await prove(p)).toMatchObject({ verdict: 'proved', certificate: { kind: 'z3', domain: 'reals' } });
  });

  it('g - w0 L >= 0 is refuted from the Z3 model, with a confirmed integer counterexample', async () => {
    const r = await prove(g.sub(w0.mul(L)));
    expect(r).toMatchObject({ verdict: 'refuted', source: 'z3-model' });
  });

  it('true on the integers, false on the reals: ((2L - 7)^2 - 1)(g - w0)^2 needs the integer query', async () => {
    const p = L.scale(Q.of(2)).sub(c(7)).pow(2).sub(c(1)).mul(g.sub(w0).pow(2));
    const r = await prove(p);
    expect(r).toMatchObject({ verdict: 'proved', certificate: { kind: 'z3', domain: 'integers' } });
  });

  it('the checker re-runs Z3 and rejects tampered or misapplied Z3 certificates', async () => {
    const p = g.sub(w0.mul(L)).pow(2);
    const cert = certificateOf(await prove(p)) as Extract<SymbolicCertificate, { kind: 'z3' }>;
    const check = (q: Poly, x: unknown, a = positive) => checkSymbolicCertificate(q, 'L', 1, a, roundTrip(x));
    expect(await check(p.add(c('-1/10')), cert)).toMatchObject({ ok: false, reason: /not the query/ });
    expect(await check(p, { ...cert, smt2: cert.smt2.replace('(- 2.0)', '(- 1.0)') })).toMatchObject({ ok: false, reason: /not the query/ });
    expect(await check(p, cert, { g: 'nonnegative', w0: 'positive' })).toMatchObject({ ok: false, reason: /assumptions/ });
    expect(await check(p, { ...cert, from: 0 })).toMatchObject({ ok: false, reason: /starts at 0/ });
    expect(await check(p, { ...cert, result: 'sat' })).toMatchObject({ ok: false });
    // A genuine query that Z3 no longer finds unsat (here a stand-in solver) is rejected.
    const r = await checkSymbolicCertificate(p, 'L', 1, positive, cert, { solver: async () => ({ status: 'sat', model: {} }) });
    expect(r).toMatchObject({ ok: false, reason: /now answers sat/ });
  });

  it('a false query text is caught by Z3 itself when it is the right text for a false claim', async () => {
    // Forge a Z3 certificate for g - w0 L: the text matches the claim, but Z3 answers sat.
    const p = g.sub(w0.mul(L));
    const forged = { kind: 'z3', variable: 'L', from: 1, assumptions: positive, domain: 'reals', smt2: smt2Query(p, 'L', 1, positive, 'reals'), result: 'unsat' };
    expect(await checkSymbolicCertificate(p, 'L', 1, positive, forged)).toMatchObject({ ok: false, reason: /sat/ });
  });
});

/** A solver that must not be reached. */
const refuseSolver: Smt2Solver = async () => {
  throw new Error('z3 should not be needed');
};

describe('z3 answers are evidence: the cross-check', () => {
  it('a wrong "unsat" is overruled by a univariate refutation: unknown with both facts', async () => {
    const lying: Smt2Solver = async () => ({ status: 'unsat' });
    const r = await proveNonNegativeSymbolic(g.sub(w0.mul(L)), 'L', 1, positive, sample, { solver: lying });
    expect(r).toMatchObject({
      verdict: 'unknown', z3: 'unsat',
      claimed: { kind: 'z3' },
      refutation: { counterexample: 1, params: { g: '1/2', w0: '2' }, value: '-3/2', source: 'sample' },
    });
  });

  it('when Z3 gives up, a sample refutation still refutes, and a true claim stays unknown', async () => {
    const giveUp: Smt2Solver = async () => ({ status: 'unknown', reason: 'timeout' });
    expect(await proveNonNegativeSymbolic(g.sub(w0.mul(L)), 'L', 1, positive, sample, { solver: giveUp }))
      .toMatchObject({ verdict: 'refuted', source: 'sample', counterexample: 1 });
    expect(await proveNonNegativeSymbolic(g.sub(w0.mul(L)).pow(2), 'L', 1, positive, sample, { solver: giveUp }))
      .toMatchObject({ verdict: 'unknown', z3: 'unknown', reason: /timeout/ });
  });

  it('refuses params without assumptions or sample values, and samples that break assumptions', async () => {
    await expect(proveNonNegativeSymbolic(gw, 'L', 1, { g: 'positive' }, sample)).rejects.toThrow(/w0/);
    await expect(proveNonNegativeSymbolic(gw, 'L', 1, positive, { g: 1 })).rejects.toThrow(/sample/);
    await expect(proveNonNegativeSymbolic(gw, 'L', 1, positive, { g: 1, w0: 0 })).rejects.toThrow(/positive/);
  });
});

describe('symbolic checker on monomial splits', () => {
  it('rejects a split with a part missing, a wrong part certificate, or a param not assumed >= 0', async () => {
    const p = gw.mul(poly(L, [0, -2, 3])).add(g.mul(L));
    const cert = certificateOf(await prove(p, 1, { solver: refuseSolver })) as Extract<SymbolicCertificate, { kind: 'monomial-split' }>;
    expect(cert.parts).toHaveLength(2);
    const check = (x: unknown, a: Record<string, Assumption> = positive) => checkSymbolicCertificate(p, 'L', 1, a, roundTrip(x));
    expect(await check({ ...cert, parts: cert.parts.slice(1) })).toMatchObject({ ok: false, reason: /1 parts/ });
    expect(await check({ ...cert, parts: [cert.parts[0], cert.parts[0]] })).toMatchObject({ ok: false });
    const wrong = roundTrip(cert) as any;
    wrong.parts[0].certificate.coefficients[0] = '5';
    expect(await check(wrong)).toMatchObject({ ok: false, reason: /part 0/ });
    const h = Poly.variable('h');
    const withH = p.add(h.mul(L));
    expect(await checkSymbolicCertificate(withH, 'L', 1, positive, cert)).toMatchObject({ ok: false });
  });
});
