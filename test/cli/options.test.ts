/**
 * The CLI's option table (src/cli/options.ts): each shared option is declared once, every meaning
 * of --L goes through the one L parser with the messages users see, and the table is what each
 * command's help lists.
 */
import { describe, expect, it } from 'vitest';
import { run, type CliIO } from '../../src/cli/index.js';
import { commandOptions, lOption, maxL, parseLList, type CliOption } from '../../src/cli/options.js';
import { InputError } from '../../src/lang/index.js';

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const e = (err as InputError).errors[0];
    expect(e.code).toBe('bad-usage');
    return `${e.key}: ${e.message}`;
  }
  throw new Error('expected a usage error');
}

async function help(command: string): Promise<string> {
  let out = '';
  const io: CliIO = { out: (t) => { out += t; }, err: () => {}, cwd: process.cwd(), isTTY: false };
  expect(await run([command, '--help'], io)).toBe(0);
  return out;
}

describe('--L, one option in named meanings over one parser', () => {
  it('lists N, A..B and A,B,C and says what is wrong otherwise', () => {
    expect(parseLList('3')).toEqual([3]);
    expect(parseLList('2..4')).toEqual([2, 3, 4]);
    expect(parseLList('5,1')).toEqual([5, 1]);
    expect(messageOf(() => parseLList('x'))).toBe("--L: expected N, A..B or A,B,C with whole numbers >= 1, got 'x'");
    expect(messageOf(() => parseLList('0'))).toBe('--L: L must be a whole number >= 1, got 0');
    expect(messageOf(() => parseLList('4..2'))).toBe('--L: the range 4..2 is empty; expected A..B with A <= B');
  });

  it('list: one N is single (one JSON object), a range or a list is not', () => {
    const list = lOption.list({ help: '' });
    expect(list.parse('4')).toEqual({ values: [4], single: true });
    expect(list.parse('4..4')).toEqual({ values: [4], single: false });
    expect(list.parse('4,5')).toEqual({ values: [4, 5], single: false });
  });

  it('one, range and scaling keep their commands\' messages', () => {
    expect(commandOptions.export.L.parse('7')).toBe(7);
    expect(messageOf(() => commandOptions.export.L.parse('1..3'))).toBe("--L: export writes a script for one L; expected a single whole number N, got '1..3'");
    expect(messageOf(() => commandOptions.prove.L.parse('1,2'))).toBe('--L: prove MODEL takes one L');
    expect(commandOptions.verify.L.parse('3,1')).toEqual([1, 3]);
    expect(messageOf(() => commandOptions.verify.L.parse('1..9'))).toBe('--L: verify computes every model in decimal.js: L up to 8, got 9');
    expect(commandOptions.check.L.parse('1..9')).toEqual([1, 9]);
    expect(commandOptions.scaling.L.parse('2..7')).toEqual({ Lmin: 2, Lmax: 7 });
    expect(messageOf(() => commandOptions.scaling.L.parse('1..5'))).toMatch(/^--L: scaling needs a range of at least 6 values/);
  });

  it('plot: a range to sample of any length, or the listed L sorted without repeats', () => {
    expect(commandOptions.plot.L.parse('1..100000')).toEqual({ from: 1, to: 100000 });
    expect(commandOptions.plot.L.parse('8,2,8')).toEqual([2, 8]);
    expect(messageOf(() => commandOptions.plot.L.parse('0..3'))).toBe("--L: L must be a whole number >= 1, got '0..3'");
  });
});

describe('the shared options', () => {
  it('--seed: a whole number >= 0, or a random one when omitted without a default', () => {
    expect(commandOptions.verify.seed.parse('12')).toBe(12);
    expect(Number.isSafeInteger(commandOptions.check.seed.parse(undefined))).toBe(true);
    expect(messageOf(() => commandOptions.check.seed.parse('-1'))).toBe("--seed: expected a whole number >= 0, got '-1'");
  });

  it('--runs and --digits: their ranges per command', () => {
    expect(commandOptions.check.runs.parse('0')).toBe(0);
    expect(messageOf(() => commandOptions.verify.runs.parse('0'))).toBe("--runs: expected a whole number >= 1, got '0'");
    expect(messageOf(() => commandOptions.prove.digits.parse('15'))).toBe("--digits: expected a whole number of digits from 16 to 1000, got '15'");
  });

  it('each flag has one placeholder across the commands', () => {
    const placeholders = new Map<string, Set<string>>();
    for (const options of Object.values(commandOptions)) {
      for (const o of Object.values(options) as CliOption[]) {
        const [flag, value = ''] = o.flags.split(' ');
        placeholders.set(flag, (placeholders.get(flag) ?? new Set()).add(value));
      }
    }
    for (const flag of ['--param', '--state', '--json', '--digits', '--seed', '--runs']) expect(placeholders.get(flag)?.size).toBe(1);
    // --L says in its placeholder which meaning it has.
    expect([...placeholders.get('--L')!].sort()).toEqual(['<N>', '<list>', '<range>']);
  });

  it("every command's help lists its options from the table, in the table's order", async () => {
    for (const [command, options] of Object.entries(commandOptions)) {
      const text = await help(command);
      const at = (Object.values(options) as CliOption[]).map((o) => text.indexOf(`  ${o.flags}  `));
      expect(at.every((i) => i >= 0), command).toBe(true);
      expect([...at].sort((a, b) => a - b), command).toEqual(at);
    }
  });
});

describe('HEATBOUND_THREADS', () => {
  it('is an integer 1..64 or the command stops with exit 2 naming it (issue 17: 1000 threads were started)', async () => {
    const saved = process.env.HEATBOUND_THREADS;
    try {
      for (const [text, code] of [['1000', 2], ['0', 2], ['abc', 2], ['2.5', 2], ['2', 0], [' 3', 0]] as const) {
        process.env.HEATBOUND_THREADS = text;
        let err = '';
        const io: CliIO = { out: () => {}, err: (t) => { err += t; }, cwd: process.cwd(), isTTY: false };
        expect(await run(['current', 'superradiance', '--L', '2'], io), text).toBe(code);
        if (code === 2) expect(err, text).toMatch(new RegExp(`^<environment> \\(HEATBOUND_THREADS\\): error\\[bad-usage\\] at '${text}': expected an integer 1\\.\\.64`));
      }
    } finally {
      if (saved === undefined) delete process.env.HEATBOUND_THREADS;
      else process.env.HEATBOUND_THREADS = saved;
    }
  });
});

describe('sizes refused before work starts (issue 17: these ran for ever or ran out of memory)', () => {
  it('--L above 10^6 in every command, above 10^5 in prove MODEL; --runs above each command\'s most', () => {
    expect(maxL).toBe(1_000_000);
    expect(messageOf(() => commandOptions.current.L.parse('1000000000'))).toMatch(/^--L: L is at most 1000000 .*got 1000000000$/);
    expect(messageOf(() => commandOptions.current.L.parse('3,1000001'))).toMatch(/got 1000001$/);
    expect(commandOptions.current.L.parse('1000000').values).toEqual([1_000_000]);
    expect(messageOf(() => commandOptions.plot.L.parse('1..1000000000'))).toMatch(/^--L: L is at most 1000000 .*got 1000000000$/);
    expect(messageOf(() => commandOptions.export.L.parse('1000001'))).toMatch(/L is at most 1000000/);
    // Beyond 2^53 (no safe integer): too large, as written (was 'L must be a whole number >= 1').
    expect(messageOf(() => commandOptions.current.L.parse('99999999999999999999'))).toMatch(/^--L: L is at most 1000000 .*got 99999999999999999999$/);
    expect(messageOf(() => commandOptions.verify.L.parse('1..99999999999999999999'))).toMatch(/^--L: L is at most 1000000 .*got 99999999999999999999$/);
    expect(messageOf(() => commandOptions.plot.L.parse('1..99999999999999999999'))).toMatch(/^--L: L is at most 1000000 .*got 99999999999999999999$/);
    expect(messageOf(() => commandOptions.prove.L.parse('1000000'))).toMatch(/^--L: prove MODEL replays its steps in decimal\.js: L up to 100000 .*got 1000000$/);
    expect(commandOptions.prove.L.parse('100000')).toBe(100_000);
    expect(messageOf(() => commandOptions.verify.runs.parse('1000000000'))).toBe("--runs: expected a whole number from 1 to 1000000, got '1000000000'");
    expect(messageOf(() => commandOptions.check.runs.parse('1000001'))).toBe("--runs: expected a whole number from 0 to 1000000, got '1000001'");
    expect(messageOf(() => commandOptions.prove.runs.parse('100001'))).toBe("--runs: expected a whole number from 1 to 100000, got '100001'");
    expect(commandOptions.verify.runs.parse('1000000')).toBe(1_000_000);
  });
});
