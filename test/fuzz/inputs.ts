/**
 * The inputs of the CLI fuzz test (issue 17): fast-check arbitraries of hostile command lines over
 * mutated model files (the built-in models and the fixtures), mutated claims for `check`, and odd
 * sizes for `--L`, `--runs`, `--digits`, `--seed` and `--param`. Every case is small enough to run
 * in well under a second when the CLI treats it right (valid L are 1..3, runs 0..3); a case that
 * takes longer is a hang (the harness kills it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** One CLI invocation: its argv, the files it needs (written into its working directory), extra env. */
export interface FuzzCase {
  readonly kind: 'model' | 'claim' | 'size';
  readonly args: string[];
  readonly files: { readonly name: string; readonly text: string }[];
  readonly env: Record<string, string>;
  /** Directories to make in the working directory (an output path that is a directory). */
  readonly dirs?: readonly string[];
  /** Symbolic links to make there, name -> target (an output path through a link). */
  readonly links?: readonly { readonly name: string; readonly target: string }[];
}

/** The model texts mutated: the built-in models, the fixture models and the language fixtures that parse. */
export function baseModels(root: string): { name: string; text: string }[] {
  const dirs = [join(root, 'models'), join(root, 'test', 'fixtures', 'models')];
  const out: { name: string; text: string }[] = [];
  for (const d of dirs) for (const f of readdirSync(d).sort()) if (/\.(ya?ml|json)$/.test(f)) out.push({ name: f, text: readFileSync(join(d, f), 'utf8') });
  out.push({ name: 'custom.json', text: readFileSync(join(root, 'test', 'fixtures', 'lang', 'custom.json'), 'utf8') });
  return out;
}

/** Numbers that are huge, negative, not numbers, or written oddly. */
const oddNumbers = [
  '1e308', '-1e308', '1e309', '1e999', '-1e999', 'NaN', '.nan', '.inf', '-.inf', 'Infinity', '-1', '-0', '0', '1e-320', '5e-324',
  '9007199254740993', '99999999999999999999', '0x10', '0o7', '1_000', '1e', '--1', '+1', '1.', '.5', '1/0', '١', '2e3000', '-1e-400',
];

/** Expression fragments: unknown names, operators and functions, overflowing and odd forms. */
const oddExprs = [
  'Q[0]', 'foo(1)', 'X[-1]', 'X[L]', 'X[1e9]', 'X[0.5]', 'Z[0]^9007199254740993', 'Jx^1000000000', 'Z[0]^-1', 'Z[0]^0.5', '1e308*Z[0]',
  'exp(1000)*Z[0]', 'exp(-1000)', 'log(0)', 'sqrt(-1)', '1/0', '0/0', 'sum(k, sum(j, X[k]*X[j]))', 'sum(k, 0, 1e9, X[k])', 'sum(k, 5, 1, X[k])',
  'X[k]', 'dicke(1e9)', 'dicke(-1)', 'abs()', 'abs(1,2)', 'max()', 'Z[0]**2', 'Z[0]^^2', 'Z[0] +', '* Z[0]', 'X[0]X[1]', '((X[0])', 'X[0]))',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'Z[__proto__]', 'Sp[0]*Sm[0]', 'I', 'i*Z[0]', 'L^L^L', '2^1024',
  'floor(L/0)', 'w', 'T', 'g', "Z[0]'", '$', '`', '\\', '"', "'",
];

/** Odd characters: control, BOM, bidi, combining, astral, lone surrogate, separators. */
const oddChars = ['\u0000', '\uFEFF', '\u202E', '\u0301', 'é', '\u{1D465}', '\uD800', '\u2028', '\u00A0', '\t', '\r', '\u000B', '\u3000', '\u{1F600}', '\u0085'];

/** Keys a model file has, to swap one for another. */
const keys = ['name', 'description', 'params', 'H', 'channels', 'A', 'bath', 'spectrum', 'rate', 'T', 'gamma', 'state', 'each', 'sites', 'flat', 'custom', '__proto__', 'constructor'];

type Mutation = (text: string) => string;

const at = (text: string, u: number): number => Math.floor(u * (text.length + 1));

/** One mutation of a model text (positions as fractions of its length, so shrinking keeps them valid). */
const destructive: fc.Arbitrary<Mutation> = fc.oneof(
  // a byte flipped, replaced, inserted or deleted
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })).map(([u, b]) => (t: string) => {
    const i = at(t, u);
    return t.slice(0, i) + String.fromCharCode(b) + t.slice(i + 1);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...oddChars)).map(([u, c]) => (t: string) => { const i = at(t, u); return t.slice(0, i) + c + t.slice(i); }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((u) => (t: string) => { const i = at(t, u); return t.slice(0, i) + t.slice(i + 1); }),
  // lines deleted, duplicated, swapped
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('delete', 'duplicate', 'swap')).map(([u, op]) => (t: string) => {
    const lines = t.split('\n');
    const k = Math.min(lines.length - 1, Math.floor(u * lines.length));
    if (op === 'delete') lines.splice(k, 1);
    else if (op === 'duplicate') lines.splice(k, 0, lines[k]);
    else if (k + 1 < lines.length) [lines[k], lines[k + 1]] = [lines[k + 1], lines[k]];
    return lines.join('\n');
  }),
  // truncated
  fc.double({ min: 0, max: 1, noNaN: true }).map((u) => (t: string) => t.slice(0, at(t, u))),
);

/** A mutation that keeps the file's structure (a number, a key, an expression, the line ends), so the model often still loads. */
const gentle: fc.Arbitrary<Mutation> = fc.oneof(
  // a number replaced by an odd one
  fc.tuple(fc.nat(40), fc.constantFrom(...oddNumbers)).map(([k, n]) => (t: string) => {
    let seen = -1;
    return t.replace(/(?<![A-Za-z_\d.])\d+(\.\d+)?(?![A-Za-z_\d])/g, (m) => (++seen === k % 8 ? n : m));
  }),
  // a key replaced by another
  fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys)).map(([a, b]) => (t: string) => t.replace(new RegExp(`(^|[\\s{,"])${a}(["]?\\s*:)`, 'm'), `$1${b}$2`)),
  // an expression: replaced or extended by an odd fragment, deeply nested, made very long
  fc.tuple(fc.constantFrom(...oddExprs), fc.constantFrom('replace', 'add', 'multiply')).map(([e, how]) => (t: string) =>
    t.replace(/(H|A|gamma|state|rate):\s*"([^"\n]*)"/, (_m, k: string, x: string) => `${k}: "${how === 'replace' ? e : how === 'add' ? `${x} + ${e}` : `(${x})*${e}`}"`)),
  fc.integer({ min: 1, max: 4000 }).map((n) => (t: string) => t.replace(/H:\s*"([^"\n]*)"/, (_m, x: string) => `H: "${'('.repeat(n)}${x}${')'.repeat(n)}"`)),
  fc.integer({ min: 1, max: 20000 }).map((n) => (t: string) => t.replace(/H:\s*"([^"\n]*)"/, (_m, x: string) => `H: "${x}${' + Z[0]'.repeat(n)}"`)),
  fc.integer({ min: 1, max: 3000 }).map((n) => (t: string) => t.replace(/params:/, `deep: ${'['.repeat(n)}${']'.repeat(n)}\nparams:`)),
  // YAML specials: an alias bomb, tags, merge keys, documents, flow junk
  fc.constantFrom(
    'bomb: &a [x, x, x, x, x, x, x, x, x]\nb2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nb3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nb4: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    'extra: !!binary aGVsbG8=\n', 'x: !!js/function "function(){}"\n', '<<: { H: "Z[0]" }\n', '---\n', '...\n', '%YAML 9.9\n', '? [a]\n: b\n', '{\n', '&x\n', '*y\n',
  ).map((s) => (t: string) => s + t),
  // line endings
  fc.constantFrom('\r\n', '\r').map((eol) => (t: string) => t.replace(/\n/g, eol)),
);

/** A model text mutated by 1..3 mutations, with the file name (and extension) it is written under. */
function mutatedModel(bases: { name: string; text: string }[]): fc.Arbitrary<{ name: string; text: string }> {
  const mutations = fc.oneof(fc.array(fc.oneof(destructive, gentle), { minLength: 1, maxLength: 3 }), fc.array(gentle, { minLength: 1, maxLength: 2 }));
  return fc.tuple(fc.constantFrom(...bases), mutations, fc.constantFrom('', '', '', '.txt', '.yml'))
    .map(([b, ms, ext]) => ({ name: b.name.replace(/\.(ya?ml|json)$/, (e) => (ext === '.txt' ? `${e}.txt` : ext === '.yml' && e !== '.json' ? '.yml' : e)), text: ms.reduce((t, m) => m(t), b.text) }));
}

const smallL = fc.constantFrom('1', '2', '3', '1..2', '2,3');

/** A command over a mutated model file: current (float or --digits), export, prove, or (`slow`) check --models. */
function modelCase(bases: { name: string; text: string }[], slow: boolean): fc.Arbitrary<FuzzCase> {
  return fc.tuple(mutatedModel(bases), smallL, fc.nat(99), fc.constantFrom('', 'g=2', 'w0=1e308', 'zz=1', 'T=-1'), fc.constantFrom('', 'dicke(1)', 'ground', 'steady', 'dicke(99)', 'Q'))
    .map(([m, L, which, param, state]) => {
      const file = `m_${m.name}`;
      const extra = [...(param ? ['--param', param] : []), ...(state && which % 3 === 0 ? ['--state', state] : [])];
      const args = which < 55 ? ['current', file, '--L', L, '--json', ...extra]
        : which < 70 ? ['current', file, '--L', L.replace(/\.\.|,/, ',').split(',')[0], '--digits', '20', ...extra]
          : which < 85 ? ['export', file, '--L', '2', '--to', 'qutip', ...extra]
            : which < 93 || !slow ? ['prove', file, '--L', '2', '--runs', '2', ...extra]
              : ['check', 'abs(J) <= 2*B1', '--models', 'dir', '--no-families', '--runs', '0'];
      const files = args.includes('--models') ? [{ name: `dir/${file}`, text: m.text }] : [{ name: file, text: m.text }];
      return { kind: 'model' as const, args, files, env: {} };
    });
}

/** Claims that parse and hold or fail quickly, the seeds of the claim mutations. */
const validClaims = [
  'abs(J) <= B1', 'abs(J) <= 2*L^3', 'exists c: abs(J) <= c*L^2', 'J <= 0', '-J <= B1', 'abs(J) <= normH*sumA2', 'abs(J) < 1.5*B2 + 1',
  'J >= -B1coarse', 'abs(J) <= 4*width*gammaMax*L', 'exists c: abs(J) <= c*L', 'abs(J) <= omegaGammaMax*sumA2', 'Bstate <= B1', 'J*J <= B1^2',
];

/** One mutation of a claim text. */
const claimMutation: fc.Arbitrary<(c: string) => string> = fc.oneof(
  fc.constantFrom('<=', '<', '>=', '>', '=', '==', '!=', '<<', '=<', '<>', '<==', '≤', '').map((op) => (c: string) => c.replace(/<=|>=|<|>/, op)),
  fc.tuple(fc.constantFrom(...oddExprs, 'foo', 'J(1)', 'L[0]', 'c', 'exists', 'exists c:', 'forall', 'X[0]', 'B1(L)', '1e999', '1e-999', 'L^1e9', 'L^9007199254740993', 'J^-1', '(-1)^0.5', 'abs(J'), fc.constantFrom('left', 'right', 'replace'))
    .map(([e, where]) => (c: string) => (where === 'left' ? `${e} + ${c}` : where === 'right' ? `${c} + ${e}` : c.replace(/J|L|B1|2/, e))),
  fc.constantFrom('', ' ', '-', '--', '-J', '--L', '-h', '--help', '--version', '<=', 'exists c: ', 'exists J: J <= 1', 'exists c: exists d: c <= d', 'exists __proto__: J <= __proto__')
    .map((s) => (c: string) => (s.startsWith('exists') || s === '' || s === ' ' || s === '<=' || s.startsWith('--') ? s : s + c)),
  fc.integer({ min: 1, max: 5000 }).map((n) => (c: string) => `${'('.repeat(n)}J${')'.repeat(n)} <= B1`),
  fc.integer({ min: 1, max: 20000 }).map((n) => (c: string) => `${c}${' + L'.repeat(n)}`),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...oddChars, '(', ')', ',', ':', '^', '*', '/', '!', '#', '[', ']', '{', '"')).map(([u, ch]) => (c: string) => { const i = at(c, u); return c.slice(0, i) + ch + c.slice(i); }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((u) => (c: string) => c.slice(0, at(c, u))),
);

/**
 * `check` with a mutated claim, without the built-in families (a claim that holds on them is
 * sampled up to L = 512 when their closed forms do not decide it: up to a minute) unless `slow`.
 */
const claimCase = (slow: boolean): fc.Arbitrary<FuzzCase> => fc.tuple(fc.constantFrom(...validClaims), fc.array(claimMutation, { minLength: 1, maxLength: 2 }), fc.nat(99), fc.constantFrom('0', '1', '3'), fc.nat(1000))
  .map(([c, ms, which, runs, seed]) => {
    const claim = ms.reduce((t, m) => m(t), c);
    const tail = which < 40 ? ['--no-families', '--runs', runs, '--L', '1..2', '--seed', String(seed)]
      : which < 75 ? ['--no-families', '--runs', runs, '--L', '1..2', '--class', 'all', '--seed', String(seed), '--json']
        : which < 95 || !slow ? ['--no-families', '--runs', '0']
          : ['--runs', '0'];
    return { kind: 'claim' as const, args: which % 2 ? ['check', claim, ...tail] : ['check', ...tail, claim], files: [], env: {} };
  });

/** Values of `--L` that are out of range or malformed (valid ones are small: the case must stay fast). */
const oddL = [
  '0', '-1', '1000000000', '1000001', '1..1000000000', '1..10001', '3..1', '1,2,,3', '', ' ', 'abc', '1.5', 'NaN', 'Infinity', '0x10', '1e3', '٣', '1 ..2', '1...2',
  '99999999999999999999', '9007199254740993', '1..', '..3', ',', '2,-1', '1..2..3', '1..2,3', '+2', '2 ', ' 2', '\u00A02', '1\n2', '１',
];
const oddRuns = ['-5', '1e9', '1000000001', '1000001', 'NaN', '', '1.5', '0x3', '99999999999999999999', '+3', ' 3 ', '٣'];
const oddDigits = ['15', '1001', '1e3', 'NaN', '-20', '', '16.5', '0', '99999999999999999999', '+20', '1000000'];
const oddSeeds = ['-1', '1e99', 'abc', '9007199254740993', '0', '', '1.5', '-0', '0x10', '4294967296', '99999999999999999999'];
const oddParams = ['g=1e308', 'g=NaN', 'g=', '=1', 'g', '__proto__=1', 'constructor=1', 'g=1e-400', 'w0=-1', 'T=-1', 'g=Infinity', 'zz=1', 'g=1,w0=2', 'g=1=2', 'T=1e308', 'g=0x10', 'g=-0', 'w0=1e-320', 'g= 1', 'g=٣', 'g=1/0', 'L=3', 'J=1'];
const oddThreads = ['0', '1000', '-1', 'abc', '', '1.5', '99999999999999999999'];

/**
 * A command with one or two odd sizes (and otherwise small, valid ones). `plot --L 1..10001` is
 * valid (plot samples a long range) but takes minutes: only when `slow`.
 */
const sizeCase = (slow: boolean): fc.Arbitrary<FuzzCase> => fc.tuple(
  fc.constantFrom('current', 'current-digits', 'verify', 'check', 'export', 'prove', 'plot'),
  fc.constantFrom('L', 'runs', 'digits', 'seed', 'param', 'threads', 'L+runs', 'L+param'),
  fc.constantFrom(...oddL), fc.constantFrom(...oddRuns), fc.constantFrom(...oddDigits), fc.constantFrom(...oddSeeds), fc.constantFrom(...oddParams), fc.constantFrom(...oddThreads),
  fc.constantFrom('allflip', 'superradiance', 'independent'),
).map(([cmd, what, L0, runs0, digits0, seed0, param0, threads, model]) => {
  const odd = (k: string): boolean => what.split('+').includes(k);
  const L = odd('L') ? L0 : '2', runs = odd('runs') ? runs0 : '2', digits = odd('digits') ? digits0 : '20', seed = odd('seed') ? seed0 : '5';
  const param = odd('param') ? ['--param', param0] : [];
  const env: Record<string, string> = odd('threads') ? { HEATBOUND_THREADS: threads } : {};
  let args: string[];
  switch (cmd) {
    case 'current': args = ['current', model, `--L=${L}`, ...param, '--json']; break;
    case 'current-digits': args = ['current', model, '--L', L, `--digits=${digits}`, ...param]; break;
    case 'verify': args = ['verify', `--L=${odd('L') ? L : '1..2'}`, '--runs', odd('runs') ? runs : '2', '--seed', seed, '--digits', digits, '--out', 'v.jsonl', '--json']; break;
    case 'check': args = ['check', 'abs(J) <= B1', '--no-families', `--L=${odd('L') ? L : '1..2'}`, '--runs', odd('runs') ? runs : '1', `--seed=${seed}`]; break;
    case 'export': args = ['export', model, `--L=${L}`, '--to', 'qutip', ...param]; break;
    case 'prove': args = ['prove', model, `--L=${L}`, `--runs=${runs}`, `--seed=${seed}`, `--digits=${digits}`, ...param]; break;
    default: args = ['plot', model, `--L=${!odd('L') ? '1..3' : L === '1..10001' && !slow ? '1..1000001' : L}`, '--out', 'p.svg', ...param];
  }
  return { kind: 'size' as const, args, files: [], env };
});

/** The fuzz cases: `counts` of each kind, from `seed`, in a fixed order; `slow` adds the cases that take seconds to minutes when right (check over families, plot of a long range). */
export function fuzzCases(root: string, seed: number, counts: { model: number; claim: number; size: number }, slow = false): FuzzCase[] {
  const bases = baseModels(root);
  return [
    ...fc.sample(modelCase(bases, slow), { seed, numRuns: counts.model }),
    ...fc.sample(claimCase(slow), { seed: seed + 1, numRuns: counts.claim }),
    ...fc.sample(sizeCase(slow), { seed: seed + 2, numRuns: counts.size }),
  ];
}
