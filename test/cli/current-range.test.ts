/**
 * Issue 15: a range of L keeps going. `current MODEL --L A,B,C` computes every L; an L that fails
 * (an input error at that L, no method applies) is a row / a JSON entry with its reason, its
 * message (the single-L command's) goes to stderr, and the exit code at the end is 2. A single L
 * fails as before, and an error in the model file stops at once.
 */
import { describe, expect, it } from 'vitest';
import { contractShapes, currentEntryShape, currentFailureShape } from '../../src/cli/contracts.js';
import { validateJson } from '../../src/cli/json-shape.js';
import { rangeExitCode, failureOf } from '../../src/cli/failure.js';
import { NoMethodError } from '../../src/engine/index.js';
import { NoConvergenceError, NotHermitianError, SteadyStateError } from '../../src/numeric/index.js';
import { InputError } from '../../src/lang/index.js';
import { runCli as cli } from '../cli-run.js';

const model = 'test/fixtures/ranges/needs-three-sites.yaml';
const indexError = `${model}:5:14 (H): error[index-out-of-range] at '2': site index 2 is outside 0..1 at L = 2; use % L to wrap or narrow the sum's range`;
const tfim = 'bench/models/tfim.yaml';

describe('current --L A..B: an input error at one L', () => {
  it('is a row with its reason; the other L are computed; exit 2', async () => {
    const r = await cli(['current', model, '--L', '2..4']);
    expect(r.code).toBe(2);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('model needs_three_sites   state ground');
    expect(lines[3]).toMatch(/^2 +- +- +- +- +- +- +- +failed \(input\): /);
    expect(lines[3].endsWith(indexError)).toBe(true);
    expect(lines[4]).toMatch(/^3 +diagonal +0\.1353352832 .*all hold$/);
    expect(lines[5]).toMatch(/^4 +diagonal +0\.1353352832 .*all hold$/);
    // stderr: the single-L command's message (without the source line and caret under it).
    expect(r.err).toBe(`${indexError}\n`);
    const single = await cli(['current', model, '--L', '2']);
    expect(single.err.split('\n')[0]).toBe(indexError);
  });

  it('is an entry { model, L, failure } in the JSON array, beside the CurrentJson of the others', async () => {
    const r = await cli(['current', model, '--L', '2..4', '--json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out) as Record<string, unknown>[];
    expect(json).toHaveLength(3);
    expect(json[0]).toEqual({ model: 'needs_three_sites', L: 2, failure: { kind: 'input', code: 'index-out-of-range', message: indexError } });
    expect(validateJson(json[0], currentFailureShape)).toEqual([]);
    expect(json.slice(1).map((j) => [j.L, j.method])).toEqual([[3, 'diagonal'], [4, 'diagonal']]);
    for (const j of json.slice(1)) expect(validateJson(j, contractShapes.current)).toEqual([]);
    for (const j of json) expect(validateJson(j, currentEntryShape)).toEqual([]);
    expect(r.err).toBe(`${indexError}\n`);
  });

  it('with --digits: its line in place of the report; exit 2', async () => {
    const r = await cli(['current', model, '--L', '2,3', '--digits', '20']);
    expect(r.code).toBe(2);
    expect(r.out.startsWith(`model needs_three_sites   L = 2   failed (input): ${indexError}\n\nmodel needs_three_sites   L = 3   state ground   decimal.js`)).toBe(true);
    const j = await cli(['current', model, '--L', '2,3', '--digits', '20', '--json']);
    expect(j.code).toBe(2);
    const json = JSON.parse(j.out) as Record<string, unknown>[];
    expect(json[0]).toEqual({ model: 'needs_three_sites', L: 2, failure: { kind: 'input', code: 'index-out-of-range', message: indexError } });
    expect(validateJson(json[1], contractShapes.current)).toEqual([]);
  });

  it('a single L fails as before: exit 2, the message with its caret, nothing on stdout', async () => {
    for (const json of [[], ['--json']]) {
      const r = await cli(['current', model, '--L', '2', ...json]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`${indexError}\n  5 | H: "Z[0] + Z[2]"\n    |              ^\n`);
    }
  });

  it('an error in the model file still stops at once', async () => {
    const r = await cli(['current', 'test/fixtures/models/no-such-model.yaml', '--L', '2..4']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('current --L A,B: no method applies at one L', () => {
  it('is a row and an entry of kind limitation, with the single-L message; exit 2', async () => {
    const single = await cli(['current', tfim, '--L', '18']);
    expect(single.code).toBe(2);
    const message = single.err.replace(/^heatbound: /, '').replace(/\n$/, '');
    expect(message.startsWith(`${tfim} at L = 18 (--L 18): no method can compute this model here:\n  - symmetric: `)).toBe(true);

    const r = await cli(['current', tfim, '--L', '3,18']);
    expect(r.code).toBe(2);
    const lines = r.out.split('\n');
    expect(lines[3]).toMatch(/^3 +dense /);
    expect(lines[4]).toMatch(/^18 +- +- +- +- +- +- +- +failed \(limitation\): no method can compute this model here$/);
    expect(r.err).toBe(single.err);

    const j = await cli(['current', tfim, '--L', '3,18', '--json']);
    expect(j.code).toBe(2);
    const json = JSON.parse(j.out) as Record<string, unknown>[];
    expect(json[1]).toEqual({ model: 'tfim', L: 18, failure: { kind: 'limitation', message } });
    expect(validateJson(json[1], currentEntryShape)).toEqual([]);
  });

  it('every L failing: the table still has a row per L, headed by the model', async () => {
    const r = await cli(['current', tfim, '--L', '18,19']);
    expect(r.code).toBe(2);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('model tfim');
    expect(lines.slice(3, 5).map((l) => l.split(/ +/)[0])).toEqual(['18', '19']);
  });
});

describe('the kinds and the exit code of a range', () => {
  const failed = (kind: 'input' | 'limitation' | 'numerical') => ({ L: 1, failure: { kind, message: '' }, summary: '' });
  it('2 when any failure is of input or a limitation, else 3 for numerical trouble, else 0', () => {
    expect(rangeExitCode([])).toBe(0);
    expect(rangeExitCode([failed('numerical')])).toBe(3);
    expect(rangeExitCode([failed('numerical'), failed('limitation')])).toBe(2);
    expect(rangeExitCode([failed('input'), failed('numerical')])).toBe(2);
  });
  it('classifies the errors as the CLI does for one L (an internal error is none)', () => {
    expect(failureOf(new NoConvergenceError('tridiagonal QL', 30))).toEqual({ kind: 'numerical', message: 'numerical trouble: tridiagonal QL: no convergence after 30 iterations' });
    expect(failureOf(new SteadyStateError('not-unique', 'the steady state is not unique'))?.kind).toBe('numerical');
    expect(failureOf(new NotHermitianError(1, 0.1))?.kind).toBe('numerical');
    expect(failureOf(new RangeError('Array buffer allocation failed'))?.message).toMatch(/^out of memory: /);
    expect(failureOf(new NoMethodError([]))?.kind).toBe('limitation');
    expect(failureOf(new InputError({ code: 'bad-param', file: 'm.yaml', key: 'params.g', line: 2, column: 3, token: 'x', message: 'bad' })))
      .toEqual({ kind: 'input', code: 'bad-param', message: "m.yaml:2:3 (params.g): error[bad-param] at 'x': bad" });
    expect(failureOf(new Error('a bug'))).toBeNull();
    expect(failureOf(new RangeError('Maximum call stack size exceeded'))).toBeNull();
  });
});
