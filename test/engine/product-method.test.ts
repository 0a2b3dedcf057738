/**
 * The product method (engine/methods/product.ts) against the dense and diagonal methods on random
 * non-interacting models with one-site channels (site-dependent coefficients, scalar parts, flat
 * and ohmic baths at T > 0, states up, down, product, thermal and mixtures) at L = 1..6: J and
 * every term equal within the two methods' error bounds. Independent emitters at L = 10^5 equal
 * the closed form; interacting H_S, two-site A and steady states are refused.
 */
import { describe, expect, it } from 'vitest';
import { computeCurrent, maxManySiteTermsOfH, NoMethodError, type CurrentResult } from '../../src/engine/index.js';
import { loadModelText } from '../../src/lang/index.js';
import { mulberry32 } from '../../src/numeric/index.js';
import { fixture } from '../helpers.js';

const slack = 1e-12;

function within(a: number, ea: number, b: number, eb: number, what: string): void {
  const tol = ea + eb + slack * Math.max(1, Math.abs(a), Math.abs(b));
  if (!(Math.abs(a - b) <= tol)) expect.fail(`${what}: ${a} vs ${b} (|diff| ${Math.abs(a - b)} > ${tol})`);
}

function agree(p: CurrentResult, d: CurrentResult, label: string): void {
  // The bounds are tight enough for the comparison to mean something.
  expect(p.error.J, `${label} error of J`).toBeLessThan(1e-9 * Math.max(1, Math.abs(p.J)));
  expect(p.exact, `${label} exact`).toBe(true);
  within(p.J, p.error.J, d.J, d.error.J, `${label} J`);
  for (const k of ['normH', 'width', 'sumA2', 'gammaMax', 'deltaE'] as const) {
    within(p.terms[k], p.termErrors.terms[k], d.terms[k], d.termErrors.terms[k], `${label} ${k}`);
  }
  for (const k of ['Bstate', 'B1', 'B1coarse', 'B2'] as const) within(p.bounds[k], p.error.bounds[k], d.bounds[k], d.error.bounds[k], `${label} ${k}`);
  p.channels.forEach((c, i) => {
    const e = p.termErrors.channels[i], f = d.termErrors.channels[i], q = d.channels[i];
    for (const k of ['J', 'normA', 'pinchedA2', 'deltaE', 'gammaMax', 'omegaGammaMax', 'Bstate'] as const) within(c[k], e[k], q[k], f[k], `${label} channel ${i} ${k}`);
  });
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** A random non-interacting model: site-dependent one-site H_S terms, one-site channels. */
function randomModel(rand: () => number, L: number, i: number): string {
  const a = r2(0.3 + rand()), b = r2(rand() - 0.5), c = r2(rand() - 0.5), d = r2(rand() - 0.5);
  const H = `sum(k, (${a} + ${b}*k) * Z[k] + ${c} * X[k] + ${d} * Y[k]) + ${r2(rand())} + ${r2(rand())} * N[0]`;
  const bath = (j: number) => (j % 2 === 0 ? `{ spectrum: flat, rate: ${r2(0.5 + rand())}, T: ${r2(0.3 + rand())} }` : `{ spectrum: ohmic, rate: ${r2(0.5 + rand())}, wc: ${r2(0.5 + 2 * rand())}, T: ${r2(0.3 + rand())} }`);
  const channels = [
    `  - each: k\n    A: "${r2(rand() + 0.2)} * X[k] + ${r2(rand() - 0.5)} * Z[k]"\n    bath: ${bath(i)}`,
    `  - A: "${r2(rand() + 0.1)} * Y[${L - 1}] + ${r2(rand())} * (Sp[${L - 1}] + Sm[${L - 1}]) + ${r2(rand())}"\n    bath: ${bath(i + 1)}`,
  ];
  if (L > 1) channels.push(`  - A: "${r2(rand())} * Z[1] + ${r2(rand())} * X[1]"\n    bath: ${bath(i + 2)}`);
  const states = ['up', 'down', `product(${r2(3 * rand())}, ${r2(6 * rand())})`, `thermal(${r2(0.4 + rand())})`, `mix(${r2(rand())}, up, thermal(${r2(0.4 + rand())}))`, `mix(0.5, product(1, 2), down)`];
  return `name: random-product-${i}\nH: "${H}"\nchannels:\n${channels.join('\n')}\nstate: ${states[i % states.length]}\n`;
}

describe('product method', () => {
  it('agrees with the dense and diagonal methods within both error bounds (L = 1..6)', () => {
    const rand = mulberry32(14);
    let compared = 0;
    for (let i = 0; i < 12; i++) {
      for (let L = 1; L <= 6; L++) {
        const text = randomModel(rand, L, i);
        const spec = loadModelText(text);
        const p = computeCurrent(spec, L, { method: 'product' });
        expect(p.method).toBe('product');
        const d = computeCurrent(spec, L, { method: 'dense' });
        agree(p, d, `model ${i} L=${L} (${text.split('\n')[1]})`);
        compared++;
      }
    }
    // A diagonal H_S: the diagonal method too.
    for (let L = 1; L <= 6; L++) {
      const spec = loadModelText(`name: diag\nH: "sum(k, (0.7 + 0.1*k) * Z[k]) + 0.4 * N[2 % L]"\nchannels:\n  - each: k\n    A: "X[k] + 0.3"\n    bath: { spectrum: ohmic, rate: 1, wc: 2, T: 0.7 }\nstate: mix(0.3, product(0.4, 1), thermal(0.9))\n`);
      agree(computeCurrent(spec, L, { method: 'product' }), computeCurrent(spec, L, { method: 'diagonal' }), `diag L=${L}`);
      compared++;
    }
    expect(compared).toBe(78);
  });

  it('independent emitters at L = 10^5: J = -g w0 L within its error bound', () => {
    const L = 100000;
    const r = computeCurrent(fixture('independent.yaml'), L);
    expect(r.method).toBe('product');
    expect(Math.abs(r.J + L)).toBeLessThanOrEqual(r.error.J);
    expect(r.error.J).toBeLessThan(1e-9 * L);
    expect(r.terms.normH).toBe(L / 2);
    expect(r.terms.width).toBe(L);
    expect(r.terms.sumA2).toBe(L);
    expect(r.bounds.B1).toBe(L);
    expect(r.exact).toBe(true);
  });

  it("auto prefers it to the diagonal method from L = 17 on: the same values within both error bounds, in a fraction of the time (was diagonal up to L = 24: a minute there)", () => {
    // A diagonal H_S with site-dependent fields, one-site channels, a mixed product state: both apply.
    const spec = loadModelText(`name: diag\nH: "sum(k, (0.7 + 0.1*k) * Z[k]) + 0.4 * N[2]"\nchannels:\n  - each: k\n    A: "X[k] + 0.3"\n    bath: { spectrum: ohmic, rate: 1, wc: 2, T: 0.7 }\nstate: mix(0.3, product(0.4, 1), thermal(0.9))\n`);
    expect(computeCurrent(spec, 16).method).toBe('diagonal');
    for (const L of [17]) {
      const t0 = process.cpuUsage();
      const a = computeCurrent(spec, L);
      const tAuto = process.cpuUsage(t0);
      expect(a.method, `L = ${L}`).toBe('product');
      const t1 = process.cpuUsage();
      const d = computeCurrent(spec, L, { method: 'diagonal' });
      const tDiagonal = process.cpuUsage(t1);
      agree(a, d, `auto vs diagonal at L = ${L}`);
      // The diagonal method's bounds are the wider ones (the product method's are per site).
      expect(a.error.J).toBeLessThanOrEqual(d.error.J);
      console.log(`L = ${L}: auto (product) ${((tAuto.user + tAuto.system) / 1000).toFixed(0)} ms CPU, diagonal ${((tDiagonal.user + tDiagonal.system) / 1000).toFixed(0)} ms CPU`);
    }
    // Where the product method does not apply (an interacting but diagonal H_S), auto is diagonal as before,
    const ising = loadModelText('name: ising\nH: "sum(k, Z[k]) + 0.5 * sum(k, 0, L-2, Z[k]*Z[k+1])"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n');
    expect(computeCurrent(ising, 17).method).toBe('diagonal');
    // and where no method applies the reasons are listed in the one order, symmetric, diagonal, dense, product.
    try {
      computeCurrent(loadModelText('name: t\nH: "sum(k, X[k]) + 0.3 * sum(k, 0, L-2, X[k]*X[k+1])"\nchannels:\n  - A: "X[0] + Z[1]"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n'), 20);
      expect.fail('expected NoMethodError');
    } catch (err) {
      expect(err).toBeInstanceOf(NoMethodError);
      expect((err as NoMethodError).reasons.map((r) => r.method)).toEqual(['symmetric', 'diagonal', 'dense', 'product']);
    }
  }, 120_000);

  it('an interacting H_S or A is refused as its sums bring their terms on two sites, not after they are summed in full (six sums in H_S at L = 10^6 took more than 300 s and 4 GB, now a few seconds)', () => {
    const heavy = loadModelText('name: heavy\nH: "sum(k, Z[k]) + sum(k, X[k]*X[(k+1)%L]) + sum(k, Y[k]*Y[(k+1)%L]) + sum(k, Z[k]*Z[(k+1)%L]) + sum(k, X[k]*Z[(k+2)%L]) + sum(k, Y[k]*X[(k+3)%L])"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n');
    // The same reason at a small L (H_S summed in full) and at L = 10^6 (given up on at the budget).
    for (const L of [5, 1_000_000]) {
      let err: unknown = null;
      try { computeCurrent(heavy, L, { method: 'product' }); } catch (e) { err = e; }
      expect(err, `L = ${L}`).toBeInstanceOf(NoMethodError);
      expect((err as NoMethodError).reasons[0].reason).toBe('H_S has a term on sites 0, 1 (it must be a sum of one-site terms)');
    }
    // The budget is on the terms the summands bring: two-site terms that cancel are summed, and
    // accepted, up to it (L ones here), and beyond it the method gives up.
    const cancelling = loadModelText('name: c\nH: "sum(k, Z[k]) + sum(k, X[k]*X[(k+1)%L]) - sum(k, X[k]*X[(k+1)%L])"\nchannels:\n  - each: k\n    A: "X[k]"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n');
    const below = Math.floor(maxManySiteTermsOfH / 2) - 1;
    const r = computeCurrent(cancelling, below, { method: 'product' });
    expect(Math.abs(r.J + 2 * below)).toBeLessThanOrEqual(r.error.J); // independent emitters with H = sum Z: J = -2 g L (w0 = 2)
    expect(() => computeCurrent(cancelling, maxManySiteTermsOfH + 2, { method: 'product' })).toThrow(/H_S has a term on sites 0, 1/);
    // A channel's A alike (three sums at L = 10^6 took 57 s and 3 GB), each channel counted on its own.
    const heavyA = (L: number) => loadModelText(`name: a\nH: "sum(k, Z[k])"\nchannels:\n  - each: k\n    A: "X[k]"\n    bath: { spectrum: flat, rate: 1 }\n  - A: "sum(k, X[k]*X[(k+1)%L]) + sum(k, Y[k]*Y[(k+1)%L]) + sum(k, Z[k]*Z[(k+2)%L])"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n`);
    for (const L of [5, 1_000_000]) expect(() => computeCurrent(heavyA(L), L, { method: 'product' }), `L = ${L}`).toThrow(/^no method can compute this model here:\n {2}- product: A has a term on sites 0, 1 \(it must be a sum of one-site terms\)$/);
  }, 120_000);

  const refuses = (text: string, L: number, why: RegExp) => {
    try {
      computeCurrent(loadModelText(text), L, { method: 'product' });
      expect.fail('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(NoMethodError);
      expect((err as NoMethodError).reasons[0].method).toBe('product');
      expect((err as NoMethodError).reasons[0].reason).toMatch(why);
    }
  };
  it('refuses an interacting H_S', () => refuses('name: t\nH: "sum(k, Z[k]) + Z[0]*Z[1]"\nchannels:\n  - A: "X[0]"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n', 3, /sum of one-site terms/));
  it('refuses a two-site A', () => refuses('name: t\nH: "sum(k, Z[k])"\nchannels:\n  - A: "X[0] + X[1]"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n', 3, /act on one site/));
  it('refuses a two-site product term in A', () => refuses('name: t\nH: "sum(k, Z[k])"\nchannels:\n  - A: "X[0]*X[1]"\n    bath: { spectrum: flat, rate: 1 }\nstate: up\n', 3, /one-site/));
  it('refuses the steady state, random and Dicke states', () => {
    for (const s of ['steady', 'random(3)', 'dicke(1)', 'ghz', 'mix(0.5, up, w)']) {
      refuses(`name: t\nH: "sum(k, Z[k])"\nchannels:\n  - each: k\n    A: "X[k]"\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: ${s}\n`, 3, /not a mixture of products/);
    }
  });
  it('refuses ground when a site is degenerate', () => refuses('name: t\nH: "Z[0]"\nchannels:\n  - A: "X[1]"\n    bath: { spectrum: flat, rate: 1 }\nstate: ground\n', 2, /degenerate/));
});
