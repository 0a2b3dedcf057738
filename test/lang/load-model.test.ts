import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  applyParamOverrides, formatInputError, InputError, loadModelFile, loadModelText, printExpr, type Expr,
} from '../../src/lang/index.js';
import { stringify } from 'yaml';
import { at, errorOf, errorsOf, expectSpansOnTokens, where } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'lang');
const fixture = (name: string) => join(FIXTURES, name);

const MINIMAL = 'H: Jz\nchannels:\n  - A: Jx\n    bath: { spectrum: flat, rate: 1 }\n';
const yaml = (text: string) => loadModelText(text, 'm.yaml');
const errs = (text: string, file = 'm.yaml') => errorsOf(() => loadModelText(text, file));

/** Finds the first node of a kind by a depth-first walk. */
function find(expr: Expr, pred: (e: Expr) => boolean): Expr | undefined {
  if (pred(expr)) return expr;
  const kids: Expr[] =
    expr.kind === 'binary' ? [expr.left, expr.right]
    : expr.kind === 'unary' ? [expr.arg]
    : expr.kind === 'call' ? [...expr.args]
    : expr.kind === 'site' ? [expr.index]
    : expr.kind === 'binder' ? [expr.body] : [];
  for (const k of kids) {
    const hit = find(k, pred);
    if (hit) return hit;
  }
  return undefined;
}
const siteAt = (e: Expr) => {
  const s = find(e, (n) => n.kind === 'site')!;
  return [s.span.line, s.span.column];
};

describe('loading valid models', () => {
  test('the superradiance example of the doc', () => {
    const spec = loadModelFile(fixture('superradiance.yaml'));
    expect(spec.name).toBe('superradiance');
    expect(spec.description).toMatch(/^L two-level emitters/);
    expect(spec.params).toEqual([
      { name: 'w0', text: '1', value: 1 },
      { name: 'g', text: '1', value: 1 },
      { name: 'T', text: '0', value: 0 },
    ]);
    expect(spec.H.key).toBe('H');
    expect(printExpr(spec.H.expr)).toBe('w0/2*sum(k, Z[k])');
    expect(spec.H.expr.span).toMatchObject({ line: 4, column: 5 });
    expect(siteAt(spec.H.expr)).toEqual([4, 19]);
    expect(spec.channels).toHaveLength(1);
    const [ch] = spec.channels;
    expect(ch.each).toBeNull();
    expect(ch.A.key).toBe('channels[0].A');
    expect(siteAt(ch.A.expr)).toEqual([6, 16]);
    expect(ch.bath.spectrum).toBe('flat');
    expect(ch.bath.rate?.key).toBe('channels[0].bath.rate');
    expect(ch.bath.rate?.expr).toMatchObject({ kind: 'name', name: 'g', span: { line: 7, column: 35 } });
    expect(ch.bath.T?.text).toBe('T');
    expect(ch.bath.wc).toBeNull();
    expect(spec.state?.text).toBe('dicke(floor(L/2))');
  });

  test('per-site channels with an ohmic bath; default name from the file', () => {
    const spec = loadModelFile(fixture('local.yaml'));
    expect(spec.name).toBe('local');
    expect(spec.description).toBe('');
    expect(spec.params.map((p) => p.text)).toEqual(['0.5', '0.1', '2']);
    expect(siteAt(spec.H.expr)).toEqual([5, 26]);
    expect(spec.channels[0]).toMatchObject({ each: 'k', bath: { spectrum: 'ohmic', gamma: null } });
    expect(spec.channels[0].bath.wc?.expr).toMatchObject({ kind: 'num', text: '10', span: { line: 9, column: 49 } });
    expect(spec.state).toBeNull();
  });

  test('JSON, with positions', () => {
    const spec = loadModelFile(fixture('custom.json'));
    expect(spec.name).toBe('custom-bath');
    expect(spec.H.expr.span).toMatchObject({ line: 4, column: 9 });
    const gamma = spec.channels[0].bath.gamma!;
    expect(gamma.key).toBe('channels[0].bath.gamma');
    expect(find(gamma.expr, (e) => e.kind === 'name' && e.name === 'w')!.span).toMatchObject({ line: 6, column: 64 });
    expect(spec.state?.text).toBe('thermal(1)');
  });

  test('params keep their exact decimal text; numeric strings are numbers', () => {
    const spec = yaml(`params: { a: 0.10, b: "1e-3", c: -2.5, d: +3, e: 0x10, f: ' 7 ' }\n${MINIMAL}`);
    expect(spec.params).toEqual([
      { name: 'a', text: '0.10', value: 0.1 },
      { name: 'b', text: '1e-3', value: 0.001 },
      { name: 'c', text: '-2.5', value: -2.5 },
      { name: 'd', text: '3', value: 3 },
      { name: 'e', text: '16', value: 16 },
      { name: 'f', text: '7', value: 7 },
    ]);
    expect(yaml(`params:\n${MINIMAL}`).params).toEqual([]);
  });

  test('bath fields may be numbers or strings; a bare scalar H is allowed', () => {
    const spec = yaml('H: 0.5\nchannels:\n  - A: X[0]\n    bath: { spectrum: ohmic, rate: 0.25, T: -1, wc: "2*pi" }\n');
    expect(spec.H.expr).toMatchObject({ kind: 'num', text: '0.5' });
    expect(printExpr(spec.channels[0].bath.T!.expr)).toBe('-1');
    expect(printExpr(spec.channels[0].bath.wc!.expr)).toBe('2*pi');
  });

  test('the format follows the extension unless given', () => {
    const json = '{"H": "Jz", "channels": [{"A": "Jx", "bath": {"spectrum": "flat", "rate": 1}}]}';
    expect(loadModelText(json, 'm.json').H.text).toBe('Jz');
    expect(loadModelText(json, 'm.txt', 'json').name).toBe('m');
    expect(loadModelText(json, 'm.yaml').H.text).toBe('Jz'); // JSON is YAML too
  });

  test('anchors and aliases resolve', () => {
    const spec = yaml('H: Jz\nchannels:\n  - A: Jx\n    bath: &b { spectrum: flat, rate: 1 }\n  - A: Jy\n    bath: *b\n');
    expect(spec.channels[1].bath.rate?.text).toBe('1');
  });
});

describe('absolute positions of expressions in YAML scalars', () => {
  const pad = 'name: x\nparams: { g: 1 }\nchannels:\n  - { A: Jx, bath: { spectrum: flat, rate: g } }\n';
  const check = (tail: string, code: string, needle: string, occurrence = 1) => {
    const text = `${pad}${tail}`;
    expect(where(errs(text))).toEqual([at(code, text, needle, occurrence)]);
  };

  test('plain scalar on line 5', () => {
    check('H: g * X[q]\n', 'unknown-name', 'q');
    expect(where(errs(`${pad}H: g * X[q]\n`))).toEqual(['unknown-name@5:10']);
  });

  test('double-quoted scalar on line 5', () => {
    check('H: "g * X[q]"\n', 'unknown-name', 'q');
    expect(where(errs(`${pad}H: "g * X[q]"\n`))).toEqual(['unknown-name@5:11']);
  });

  test("single-quoted scalar: positions after an escaped '' stay exact", () => {
    const text = `${pad}H: Jz\nstate: 'mix(0.5, basis("ud''"), hot)'\n`;
    expect(where(errs(text))).toEqual([at('bad-state', text, '"ud'), at('bad-state', text, 'hot')]);
  });

  test('double-quoted with escapes before the error', () => {
    check('H: "g * \\u0058[0] + q"\n', 'unknown-name', 'q');
  });

  test('multi-line plain scalar: the error is on the continuation line', () => {
    check('H: g * X[0] +\n  g * Y[1] + q\n', 'unknown-name', 'q');
  });

  test('multi-line double-quoted scalar', () => {
    check('H: "g * X[0] +\n     q * Y[1]"\n', 'unknown-name', 'q');
  });

  test('block scalars', () => {
    check('H: |\n  g * X[0]\n    + q\n', 'unknown-name', 'q');
    check('H: >-\n  g * X[0]\n  + q\n', 'unknown-name', 'q');
  });

  test('a parse error at the end of a quoted scalar points at the closing quote', () => {
    check('H: "sum(k, Z[k]"\n', 'unexpected-end', '"', 2);
    check('H: (q)\n', 'unknown-name', 'q');
    expect(where(errs(`${pad}H: "sum(k, Z[k]"\n`))).toEqual(['unexpected-end@5:16']);
  });

  test('long expressions folded over several lines, in every scalar style', () => {
    const H = Array.from({ length: 12 }, (_, i) => `g*X[${i}]*Z[${i + 1}]`).join(' + ');
    const channels = [{ A: 'Jx', bath: { spectrum: 'flat', rate: 'g' } }];
    for (const text of [
      stringify({ params: { g: 1 }, H, channels }),
      stringify({ params: { g: 1 }, H: `${H} +\n\n${H}`, channels }),
      stringify({ params: { g: 1 }, H: `${H}\t+ 1`, channels }),
      `params: { g: 1 }\nH: "${H.replaceAll(' + ', ' +\n   ')}"\nchannels: [{ A: Jx, bath: { spectrum: flat, rate: g } }]\n`,
      `params: { g: 1 }\nH: '${H.replaceAll(' + ', ' +\n   ')}'\nchannels: [{ A: Jx, bath: { spectrum: flat, rate: g } }]\n`,
      `params: { g: 1 }\nH: |\n  ${H.replaceAll(' + ', ' +\n    ')}\nchannels: [{ A: Jx, bath: { spectrum: flat, rate: g } }]\n`,
    ]) {
      expect(text.split('\n').length).toBeGreaterThan(4);
      expectSpansOnTokens(loadModelText(text, 'long.yaml'), text);
    }
  });

  test('JSON strings with escapes', () => {
    const text = '{"H": "g * \\u0058[0] + q", "channels": [{"A": "Jx", "bath": {"spectrum": "flat", "rate": 1}}], "params": {"g": 1}}';
    expect(where(errorsOf(() => loadModelText(text, 'm.json')))).toEqual([at('unknown-name', text, 'q')]);
  });
});

describe('loader errors', () => {
  test('file-not-found and file-unreadable', () => {
    expect(errorOf(() => loadModelFile(fixture('nope.yaml')))).toMatchObject({ code: 'file-not-found', file: fixture('nope.yaml') });
    expect(errorOf(() => loadModelFile(FIXTURES)).code).toBe('file-unreadable');
    expect(errorOf(() => loadModelFile(fixture('binary.yaml'))).code).toBe('file-unreadable');
    expect(errorOf(() => loadModelFile(join(mkdtempSync(join(tmpdir(), 'hb-')), 'a', 'b.yaml'))).code).toBe('file-not-found');
  });

  test('not a regular file, too large, and CR-only line ends (issue 17)', () => {
    // Before: a named pipe waited for a writer for ever, and /dev/zero was read until memory ran out.
    const dir = mkdtempSync(join(tmpdir(), 'hb-'));
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const path of [fifo, '/dev/zero']) {
      const e = errorOf(() => loadModelFile(path));
      expect([e.code, e.file], path).toEqual(['file-unreadable', path]);
      expect(e.message, path).toMatch(/not a regular file/);
    }
    const big = join(dir, 'big.yaml');
    writeFileSync(big, ' '.repeat(4 * 1024 * 1024 + 1));
    expect(errorOf(() => loadModelFile(big)).message).toMatch(/has 4194305 bytes; expected a model file of at most 4194304 bytes/);
    // Before: a file with CR alone as line end was one long line and a YAML syntax error.
    const text = readFileSync(join(FIXTURES, '..', '..', '..', 'models', 'superradiance.yaml'), 'utf8');
    const cr = join(dir, 'cr.yaml');
    writeFileSync(cr, text.replace(/\n/g, '\r'));
    const spec = loadModelFile(cr);
    expect(printExpr(spec.H.expr)).toBe(printExpr(loadModelText(text, 'lf.yaml').H.expr));
    const bad = errorOf(() => loadModelText('H: "Z[0]"\rchannels: [ { A: "X[0]", bath: { spectrum: flat, rate: 1 } } ]\rstate: "dicke(1, 2, 3, 4)"\r', 'cr.yaml'));
    expect([bad.line, bad.key]).toEqual([3, 'state']);
  });

  test('syntax-yaml with line:column', () => {
    expect(where(errs('H: Jz\nchannels: [1, 2\nstate: up\n')).slice(0, 1)).toEqual(['syntax-yaml@3:1']);
    expect(errs('a: 1\na: 2\n')[0]).toMatchObject({ code: 'syntax-yaml', line: 2, column: 1 });
    expect(errs('a: 1\n---\nb: 2\n')[0].message).toContain('one YAML document');
    expect(errs('x: "unterminated\n')[0].code).toBe('syntax-yaml');
  });

  test('syntax-json with line:column', () => {
    expect(where(errs('{\n  "H": "Jz",\n}', 'm.json'))).toEqual(['syntax-json@3:1']);
    expect(where(errs('{"H": "Jz" "channels": []}', 'm.json'))).toEqual(['syntax-json@1:12']);
    expect(where(errs('{"H": "Jz", "H": "Jx"}', 'm.json'))).toEqual(['syntax-json@1:13']);
    expect(where(errs('{"H": tru}', 'm.json'))).toEqual(['syntax-json@1:7']);
    expect(where(errs('', 'm.json'))).toEqual(['syntax-json@1:1']);
    expect(where(errs('{"a": "x\ny"}', 'm.json'))).toEqual(['syntax-json@1:9']);
    expect(where(errs('{"a": 1} 2', 'm.json'))).toEqual(['syntax-json@1:10']);
    expect(errs('{"a": 01}', 'm.json')[0].code).toBe('syntax-json');
    expect(errs('[['.repeat(100) + ']]'.repeat(100), 'm.json')[0].code).toBe('syntax-json');
  });

  test('not-a-mapping', () => {
    expect(where(errs(''))).toEqual(['not-a-mapping@1:1']);
    expect(where(errs('# only a comment\n'))).toEqual(['not-a-mapping@1:1']);
    expect(where(errs('- a\n- b\n'))).toEqual(['not-a-mapping@1:1']);
    expect(where(errs('just text'))).toEqual(['not-a-mapping@1:1']);
    expect(where(errs('[1]', 'm.json'))).toEqual(['not-a-mapping@1:1']);
  });

  test('missing keys name the key path', () => {
    expect(errs('name: x\n').map((e) => `${e.code} ${e.key}`)).toEqual(['missing-key H', 'missing-key channels']);
    const e = errs('H: Jz\nchannels:\n  - bath: { rate: 1 }\n  - A: Jx\n    bath: { spectrum: ohmic, rate: 1 }\n  - A: Jx\n    bath: { spectrum: custom }\n');
    expect(e.map((x) => `${x.code} ${x.key} ${x.line}:${x.column}`)).toEqual([
      'missing-key channels[0].A 3:5',
      'missing-key channels[0].bath.spectrum 3:11',
      'missing-key channels[1].bath.wc 5:11',
      'missing-key channels[2].bath.gamma 7:11',
    ]);
  });

  test('unknown keys name the allowed keys and suggest', () => {
    const [e] = errs(`${MINIMAL}chanels: []\n`);
    expect(e).toMatchObject({ code: 'unknown-key', key: 'chanels', line: 5, column: 1, token: 'chanels' });
    expect(e.message).toContain("did you mean 'channels'");
    expect(e.message).toContain('name, description, params, H, channels and state');
    expect(where(errs('H: Jz\nchannels:\n  - A: Jx\n    B: 1\n    bath: { spectrum: flat, rate: 1, temp: 2 }\n'))).toEqual([
      'unknown-key@4:5', 'unknown-key@5:38',
    ]);
  });

  test.each([
    ['name: 3\n', 'name', 'a string'],
    ['description: [a]\n', 'description', 'a string'],
    ['params: [1]\n', 'params', 'a mapping of param names'],
    ['params: { g: abc }\n', 'params.g', 'a finite number'],
    ['params: { g: true }\n', 'params.g', 'a finite number'],
    ['params: { g: .inf }\n', 'params.g', 'a finite number'],
    ['params: { g: 1e999 }\n', 'params.g', 'a finite number'],
    ['params: { g: "1/3" }\n', 'params.g', 'a finite number'],
    ['state: ~\n', 'state', 'a state such as'],
    ['state: [up]\n', 'state', 'a state such as'],
  ])('wrong-type: %j', (extra, key, expected) => {
    const e = errs(`${MINIMAL}${extra}`);
    expect(e.map((x) => `${x.code} ${x.key}`)).toEqual([`wrong-type ${key}`]);
    expect(e[0].message).toContain(expected);
    expect(e[0].line).toBe(5);
  });

  test.each([
    ['H: true\nchannels: []\n', ['wrong-type H', 'wrong-type channels']],
    ['H: { a: 1 }\nchannels: {}\n', ['wrong-type H', 'wrong-type channels']],
    ['H: Jz\nchannels: [3]\n', ['wrong-type channels[0]']],
    ['H: Jz\nchannels: [{ A: Jx, bath: flat }]\n', ['wrong-type channels[0].bath']],
    ['H: Jz\nchannels: [{ each: 3, A: Jx, bath: { spectrum: flat, rate: 1 } }]\n', ['wrong-type channels[0].each']],
    ['H: Jz\nchannels: [{ A: Jx, bath: { spectrum: flat, rate: [1] } }]\n', ['wrong-type channels[0].bath.rate']],
  ])('wrong-type: %j', (text, expected) => {
    expect(errs(text).map((x) => `${x.code} ${x.key}`)).toEqual(expected);
  });

  test('bad-param for names the language reserves or that are not identifiers', () => {
    const e = errs(`params: { L: 1, pi: 2, "1x": 3, w: 4, N: 5, ok: 6 }\n${MINIMAL}`);
    expect(e.map((x) => `${x.code} ${x.key}`)).toEqual([
      'bad-param params.L', 'bad-param params.pi', 'bad-param params.1x', 'bad-param params.w', 'bad-param params.N',
    ]);
  });

  test('bad-bath', () => {
    const text = 'H: Jz\nchannels:\n  - A: Jx\n    bath: { spectrum: hot, rate: 1 }\n  - A: Jx\n    bath: { spectrum: flat, rate: 1, wc: 2 }\n  - A: Jx\n    bath: { spectrum: custom, gamma: w, T: 1 }\n  - A: Jx\n    bath: { spectrum: 3 }\n';
    const e = errs(text);
    expect(where(e)).toEqual([
      at('bad-bath', text, 'hot'), at('bad-bath', text, 'wc'), at('bad-bath', text, 'T: 1'), at('bad-bath', text, '3 }'),
    ]);
    expect(e[0].message).toContain('flat, ohmic or custom');
    expect(e[1].message).toContain('a flat bath takes rate and T, not wc');
  });

  test('w is only in a custom gamma; each binds an index in A and in the bath', () => {
    expect(yaml('params: { g: 1 }\nH: Jz\nchannels:\n  - each: j\n    A: X[j]\n    bath: { spectrum: flat, rate: "g*(1 + j)" }\n').channels[0].each).toBe('j');
    const noW = 'H: Jz\nchannels:\n  - A: Jx\n    bath: { spectrum: flat, rate: w }\n';
    expect(where(errs(noW))).toEqual([at('unknown-name', noW, 'w }')]);
    const noK = 'H: Jz\nchannels:\n  - A: X[k]\n    bath: { spectrum: flat, rate: 1 }\n';
    expect(where(errs(noK))).toEqual([at('unknown-name', noK, 'k]')]);
  });

  test('shadowed-name for an each that shadows a param or L', () => {
    const e = errs('params: { g: 1 }\nH: Jz\nchannels:\n  - { each: g, A: "X[0]", bath: { spectrum: flat, rate: 1 } }\n  - { each: L, A: "X[0]", bath: { spectrum: flat, rate: 1 } }\n');
    expect(where(e)).toEqual(['shadowed-name@4:13', 'shadowed-name@5:13']);
    expect(e[0].key).toBe('channels[0].each');
  });

  test('expression errors inside the file carry the key path', () => {
    const text = 'H: Jz\nchannels:\n  - A: Jx\n    bath: { spectrum: ohmic, rate: 1, wc: "sqrt(Jx)" }\n';
    const [e] = errs(text);
    expect(e).toMatchObject({ code: 'not-a-scalar', key: 'channels[0].bath.wc', token: 'Jx' });
    expect(where([e])).toEqual([at('not-a-scalar', text, 'Jx)')]);
    const state = `${MINIMAL}state: dicke(X[0])\n`;
    expect(where(errs(state))).toEqual([at('not-a-scalar', state, 'X[0]')]);
    expect(errs(state)[0].key).toBe('state');
  });

  test('every error in a file is collected, sorted by position', () => {
    const path = fixture('bad-many.yaml');
    const text = readFileSync(path, 'utf8');
    const e = errorsOf(() => loadModelFile(path));
    expect(e.map((x) => `${x.key} ${where([x])[0]}`)).toEqual([
      `params.T ${at('wrong-type', text, 'oops')}`,
      `H ${at('unknown-name', text, 'w0')}`,
      `chanels ${at('unknown-key', text, 'chanels')}`,
      `channels[0].A ${at('unexpected-token', text, ')"', 2)}`,
      `channels[0].bath.wc ${at('bad-bath', text, 'wc')}`,
      `channels[1].bath.spectrum ${at('bad-bath', text, 'hot')}`,
      `state ${at('bad-state', text, '"uxd"')}`,
    ]);
    const formatted = formatInputError(new InputError(e));
    expect(formatted).toContain(`${path}:3:5 (H): error[unknown-name] at 'w0'`);
  });
});

describe('applyParamOverrides', () => {
  const spec = () => loadModelFile(fixture('superradiance.yaml'));

  test('replaces values and keeps exact text', () => {
    const out = applyParamOverrides(spec(), ['g=0.1', 'T=2', 'g=0.30']);
    expect(out.params).toEqual([
      { name: 'w0', text: '1', value: 1 },
      { name: 'g', text: '0.30', value: 0.3 },
      { name: 'T', text: '2', value: 2 },
    ]);
  });

  test('errors name the command line and the known params', () => {
    const e = errorsOf(() => applyParamOverrides(spec(), ['gg=1', 'T=hot', 'w0', 'T=1e999']));
    expect(e.map((x) => `${x.code} ${x.file} ${x.key} ${x.line}:${x.column}`)).toEqual([
      'bad-param <command line> --param 1:1',
      'bad-param <command line> --param 1:3',
      'bad-param <command line> --param 1:1',
      'bad-param <command line> --param 1:3',
    ]);
    expect(e[0].message).toContain("did you mean 'g'");
    expect(e[0].message).toContain('w0, g and T');
    expect(e[1].message).toContain('a finite number');
    expect(e[2].message).toContain('name=value');
  });
});

test('non-string input is an InputError', () => {
  expect(errorOf(() => loadModelText(42 as unknown as string, 'm.yaml')).code).toBe('wrong-type');
  expect(errorOf(() => loadModelFile(undefined as unknown as string)).code).toBe('bad-usage');
});
