/**
 * `heatbound scaling --tex`: the LaTeX fragment (closed forms, parity branches and pieces as cases,
 * exponents, leading terms, status words, limits, assumptions, atoms), its escaping, and that it
 * compiles with pdflatex inside a minimal amsmath document for the three built-in families, a
 * product-state family (atom p), a family in pieces of L and a result full of TeX specials.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assumptionTex, exponentTex, leadingTex, mergeAssumptions, scalingTex, statusWord } from '../../src/cli/commands/scaling-tex.js';
import { escapeTex, exprTex, texDocument } from '../../src/cli/tex.js';
import type { ScalingExpression, ScalingResult } from '../../src/engine/index.js';
import { root } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'heatbound-tex-'));

/** A product-state family: J depends on p = cos(theta/2)^2. */
const productModel = join(root, 'test/fixtures/scaling/product_theta.yaml');

/** A field that changes sign at L = 5: the forms come in three pieces of L. */
const piecesModel = join(tmp, 'sign_change.yaml');
writeFileSync(piecesModel, [
  'name: sign_change',
  'params: { w0: 1, g: 1, T: 0, chi: 0.5 }',
  'H: "(w0 - chi) * (L-5)/4 * Jz"',
  'channels:',
  '  - A: "Jx"',
  '    bath: { spectrum: flat, rate: g, T: T }',
  'state: "dicke(floor(L/2))"',
  '',
].join('\n'));

const expr = (e: Partial<ScalingExpression> & Pick<ScalingExpression, 'expr' | 'how'>): ScalingExpression => ({ tex: '', exponent: null, leading: null, ...e });

/** A result in the shape of an older engine (no status, atoms, assumptions), with TeX specials in every text. */
function awkwardResult(): ScalingResult {
  const d = (text: string) => expr({ expr: text, how: 'derived', exponent: 1, leading: '1' });
  return {
    model: 'odd_name & 100% #1 {x} ~ \\ é',
    J: expr({ expr: 'numeric', tex: 'numeric', how: 'numeric', exponent: 3.0476, exponentError: 0.012, leading: null }),
    terms: { normH: d('T_hot*L'), width: expr({ expr: 'L^2/3', how: 'interpolated (confirmed at L = 10, 11, 12)', exponent: 2, leading: '1/3' }), sumA2: expr({ expr: 'L*sin(a_b)', how: 'upper bound', exponent: 1, leading: 'sin(a_b)' }), gammaMax: d('g'), deltaE: expr({ expr: 'w0 ?? $x', tex: 'w0 ?? $x', how: 'derived', exponent: 0, leading: 'w0 ?? $x' }) },
    bounds: { Bstate: d('L'), B1: d('L'), B1coarse: expr({ expr: 'L*exp(L)', how: 'derived', exponent: 'exponential', leading: 'exponential growth' }), B2: d('L') },
    ratios: { B1: 'unknown', B2: 'even: 1/2; odd: -Infinity' },
    proofs: [{ claim: '|J| <= B1 for every L >= 1', verdict: 'unknown', certificate: null, reason: 'a reason with 50% & _under_ #' }],
    notes: ['a note with $ and % and \\begin{oops}'],
  };
}

describe('TeX pieces', () => {
  it('escapes everything that is not TeX', () => {
    expect(escapeTex('a_b & 100% #1 {x} $y ~ ^ \\')).toBe('a\\_b \\& 100\\% \\#1 \\{x\\} \\$y \\~{} \\^{} \\textbackslash{}');
    expect(escapeTex('é\nz')).toBe('? z');
  });
  it('prints expressions with the CAS, functions it lacks around it, and text it cannot read escaped', () => {
    expect(exprTex('-g*w0*L*(L+2)/4')).toBe('-\\frac{g w_0 L (L+2)}{4}');
    expect(exprTex('cos(theta/2)^2')).toBe('\\cos\\left(\\frac{\\theta}{2}\\right)^{2}');
    expect(exprTex('Infinity')).toBe('\\infty');
    expect(exprTex('w0 ?? $x')).toBe('\\text{w0 ?? \\$x}');
  });
  it('factors where the factored form is shorter, not where a minus only moves inside', () => {
    expect(exprTex('-g*p*w0*L*(-(p*L-L-p))')).toBe('g p w_0 L (p L-L-p)');
    expect(exprTex('-g*L*(w0*L^2-chi*L^2+10*chi-10*w0)/64')).toBe('-\\frac{g L (w_0 L^{2}-\\chi L^{2}+10 \\chi-10 w_0)}{64}');
  });
  it('states assumptions as a physicist would: positive factors dropped, a minus moved into the relation', () => {
    expect(assumptionTex('-5/4*chi + 5/4*w0', '>')).toBe('w_0-\\chi > 0');
    expect(assumptionTex('-w0', '>=')).toBe('w_0 \\le 0');
    expect(assumptionTex('T', '=')).toBe('T = 0');
    expect(assumptionTex('g*w0', '>')).toBe('g w_0 > 0');
  });
  it('merges an assumption made on several pieces of L into one with the union of the ranges', () => {
    const a = (from: number, to: number | null) => ({ expr: 'g', relation: '>' as const, why: 'w', L: { from, to }, holdsAtParams: true });
    expect(mergeAssumptions([a(1, 4), a(6, null)])[0].ranges).toEqual([{ from: 1, to: 4 }, { from: 6, to: null }]);
    expect(mergeAssumptions([a(1, 4), a(5, 5), a(6, null)])[0].ranges).toBeNull();
    expect(mergeAssumptions([a(1, 4), { ...a(1, 1), L: undefined }])[0].ranges).toBeNull();
  });
  it('exponents, leading terms and status words', () => {
    expect(exponentTex(expr({ expr: 'numeric', how: 'numeric', exponent: 2.27, exponentError: 0.801 }))).toBe('$\\approx 2.27 \\pm 0.8$');
    expect(exponentTex(expr({ expr: 'numeric', how: 'numeric', status: 'numeric', exponent: 2.007, exponentRelation: 'at most' }))).toBe('$\\le 2.007$');
    expect(leadingTex(expr({ expr: '', how: 'derived', exponent: 2, leading: { even: '-g*w0/4', odd: '-g*w0/2' } }))).toMatch(/^\\begin\{cases\} -\\frac\{g w_0 L\^\{2\}\}\{4\} & L \\text\{ even\}/);
    expect(leadingTex(expr({ expr: '', how: 'derived', exponent: 1, leading: 'w0-chi' }))).toBe('L (w_0-\\chi)');
    expect(statusWord(expr({ expr: 'L', how: 'upper bound' }))).toBe('derived (upper bound)');
    expect(statusWord(expr({ expr: 'L', how: 'interpolated (confirmed at L = 9)' }))).toBe('conjectured');
    expect(statusWord(expr({ expr: 'L', how: 'interpolated', status: 'derived' }))).toBe('derived');
  });
  it('a result without status, atoms or assumptions still gives a fragment, every text escaped', () => {
    const t = scalingTex(awkwardResult());
    expect(t).toContain('% heatbound scaling odd_name & 100% #1 {x} ~ \\ ?:');
    expect(t).toContain('|J| &\\sim L^{3.048 \\pm 0.012} \\quad \\text{(numeric)}');
    expect(t).toContain('\\sum_\\alpha \\|A_\\alpha\\|^2 &\\le \\sin\\left(a_b\\right) L');
    expect(t).toContain('$|J|$ & $\\approx 3.048 \\pm 0.012$ & ? & numeric \\\\');
    expect(t).toContain('E_{\\max} - E_{\\min} &= \\frac{L^{2}}{3} \\quad \\text{(conjectured)}');
    expect(t).toContain('\\lim_{L\\to\\infty} \\frac{J}{B_2} &= \\begin{cases} \\frac{1}{2} & L \\text{ even} \\\\ -\\infty & L \\text{ odd} \\end{cases}');
    expect(t).not.toContain('assuming');
    for (const line of t.split('\n')) if (line.includes('%') && !line.startsWith('%')) expect(line).toMatch(/ % [^\n]*$/);
  });
});

describe('heatbound scaling --tex', () => {
  it('superradiance: parity branches as cases, the tabular, limits and assumptions', async () => {
    const r = await cli(['scaling', 'superradiance', '--tex']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('J &= \\begin{cases} -\\frac{g w_0 L (L+2)}{4} & L \\text{ even} \\\\ -\\frac{g w_0 (L-1) (L+3)}{4} & L \\text{ odd} \\end{cases}');
    expect(r.out).toMatch(/\\begin\{tabular\}\{llll\}\n\\hline\nquantity & exponent & leading term & status \\\\/);
    expect(r.out).toContain('$J$ & $2$ & $-\\frac{g w_0 L^{2}}{4}$ & derived \\\\');
    expect(r.out).toContain('$B_1^{\\mathrm{coarse}}$ & $3$ & $g w_0 L^{3}$ & derived \\\\');
    expect(r.out).toContain('\\lim_{L\\to\\infty} \\frac{J}{B_1} &= -\\frac{1}{4}');
    expect(r.out).toMatch(/&\\text\{assuming \} w_0 > 0/);
    expect(r.out).toContain('% proof: |J| <= B1 for every L >= 1: proved');
  });
  it('allflip: the cubic law', async () => {
    const r = await cli(['scaling', 'allflip', '--tex']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('J &= -g w_0 L^{3}');
    expect(r.out).toContain('\\lim_{L\\to\\infty} \\frac{J}{B_1} &= -1');
  });
  it('a product state: the atom p with its definition and value', async () => {
    const r = await cli(['scaling', productModel, '--tex']);
    expect(r.code, r.err).toBe(0);
    const p = Math.cos(1 / 2) ** 2;
    expect(r.out).toContain(`\\text{where } p &= \\cos\\left(\\frac{\\theta}{2}\\right)^{2} \\approx ${Number(p.toPrecision(6))}`);
    expect(r.out).toMatch(/^ {2}J &= [^\n]*\bp\b/m);
  });
  it('pieces in L: cases with their ranges, and assumptions with theirs', async () => {
    const r = await cli(['scaling', piecesModel, '--tex']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/\\Gamma &= \\begin\{cases\} g & 1 \\le L \\le 4 \\\\ 0 & L = 5 \\\\ g & L \\ge 6 \\end\{cases\}/);
    // Equal forms on adjacent pieces are one.
    expect(r.out).toContain('\\sum_\\alpha \\|A_\\alpha\\|^2 &= \\frac{L^{2}}{4} \\\\');
    expect(r.out).toContain('&\\text{assuming } w_0-\\chi > 0');
    expect(r.out).toMatch(/&\\text\{assuming \} g > 0 \\quad \\text\{for \} 1 \\le L \\le 4 \\text\{ or \} L \\ge 6/);
  }, 60_000);
});

const pdflatex = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' });
const havePdflatex = pdflatex.status === 0;
const why = 'pdflatex not found; install TeX Live (Debian: apt-get install --no-install-recommends texlive-latex-base)';

/** Compiles `fragment` in a minimal amsmath document; the log on failure. */
function compile(name: string, fragment: string): { ok: boolean; log: string } {
  const dir = mkdtempSync(join(tmp, `${name}-`));
  writeFileSync(join(dir, 'doc.tex'), texDocument(fragment, name));
  const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', 'doc.tex'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  let log = r.stdout ?? '';
  try { log = readFileSync(join(dir, 'doc.log'), 'utf8'); } catch { /* stdout then */ }
  const errors = log.split('\n').filter((l) => /^! /.test(l));
  return { ok: r.status === 0 && errors.length === 0, log: errors.length ? log.slice(Math.max(0, log.indexOf(errors[0]) - 200), log.indexOf(errors[0]) + 800) : log.slice(-1500) };
}

describe.skipIf(!havePdflatex)(`the --tex output compiles with pdflatex -halt-on-error${havePdflatex ? '' : ` (skipped: ${why})`}`, () => {
  for (const [name, model] of [['superradiance', 'superradiance'], ['allflip', 'allflip'], ['independent', 'independent'], ['product_theta', productModel], ['sign_change', piecesModel]] as const) {
    it(name, async () => {
      const r = await cli(['scaling', model, '--tex']);
      expect(r.code, r.err).toBe(0);
      const c = compile(name, r.out);
      expect(c.ok, c.log).toBe(true);
    }, 60_000);
  }
  it('a result full of TeX specials', () => {
    const c = compile('awkward', scalingTex(awkwardResult()));
    expect(c.ok, c.log).toBe(true);
  });
  it('a broken fragment fails (the check can fail)', () => {
    expect(compile('broken', '\\begin{align*} x &= \\frac{1}{2 \\end{align*}').ok).toBe(false);
  });
});

describe('scaling --tex: the currents of named channels', () => {
  // All spins up, each site losing w0 at each bath's rate: J[hot] = -g1 w0 L, J[cold] = -g2 w0 L.
  const up = join(root, 'test/fixtures/channels/two-bath-up.yaml');
  it('one align row and one table row per named channel, after J, with the form of the JSON', async () => {
    const r = await cli(['scaling', up, '--tex']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ {2}J &= [^\n]*\\\\\n {2}J_\{\\text\{hot\}\} &= -g_1 w_0 L \\\\\n {2}J_\{\\text\{cold\}\} &= -g_2 w_0 L \\\\\n {2}\\\|H_S\\\| &=/m);
    expect(r.out).toContain('$J_{\\text{hot}}$ & $1$ & $-g_1 w_0 L$ & derived \\\\');
    const j = await cli(['scaling', up, '--json']);
    const named = (JSON.parse(j.out) as { currents: Record<string, { tex: string }> }).currents;
    expect(Object.keys(named)).toEqual(['hot', 'cold']);
    for (const [name, e] of Object.entries(named)) expect(r.out).toContain(`J_{\\text{${name}}} &= ${e.tex}`);
  }, 120_000);
  it('a numeric channel form is of |J_name|; a name with _ is escaped', () => {
    const base = awkwardResult();
    const t = scalingTex({ ...base, currents: { hot_bath: expr({ expr: 'numeric', tex: 'numeric', how: 'numeric', exponent: 1.5, exponentError: 0.01, leading: null }) } });
    expect(t).toContain('|J_{\\text{hot\\_bath}}| &\\sim L^{1.5 \\pm 0.01} \\quad \\text{(numeric)}');
    expect(t).toContain('$|J_{\\text{hot\\_bath}}|$ & $\\approx 1.5 \\pm 0.01$');
    expect(scalingTex(base)).not.toContain('J_{');
  });
  it.skipIf(!havePdflatex)('compiles with pdflatex -halt-on-error', async () => {
    const r = await cli(['scaling', up, '--tex']);
    const c = compile('two_bath_up', r.out);
    expect(c.ok, c.log).toBe(true);
    const awkward = compile('awkward_channel', scalingTex({ ...awkwardResult(), currents: { hot_bath: expr({ expr: 'numeric', tex: 'numeric', how: 'numeric', exponent: 1.5, leading: null }) } }));
    expect(awkward.ok, awkward.log).toBe(true);
  }, 120_000);
});
