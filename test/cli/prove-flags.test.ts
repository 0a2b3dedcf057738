/**
 * `prove` refuses flags that do not apply to the form it runs in (exit 2, naming the flag), instead
 * of ignoring them: --runs and --seed belong to the random-model tests (no MODEL); --state,
 * --param, --h, --a, --deltaE to a model. Their defaults alone are not an error.
 */
import { describe, expect, it } from 'vitest';
import { runCli as cli } from '../cli-run.js';

describe('prove: flags of the other form are usage errors', () => {
  for (const [flag, value] of [['--runs', '5'], ['--seed', '7']]) {
    it(`prove MODEL --L N ${flag} is exit 2 naming ${flag}`, async () => {
      const r = await cli(['prove', 'superradiance', '--L', '2', flag, value, '--json']);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`(${flag}): error[bad-usage] at '${value}'`);
      expect(r.err).toContain('applies to prove without a MODEL');
    });
  }
  for (const [flag, value] of [['--state', 'up'], ['--param', 'g=2'], ['--h', '1'], ['--a', '1'], ['--deltaE', '1']]) {
    it(`prove ${flag} without a MODEL is exit 2 naming ${flag}`, async () => {
      const r = await cli(['prove', flag, value]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`(${flag}): error[bad-usage] at '${value}'`);
      expect(r.err).toContain('applies to a model');
    });
  }
  it('prove MODEL --L N with the defaults of --runs and --seed runs', async () => {
    const r = await cli(['prove', 'superradiance', '--L', '2', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).model).toBe('superradiance');
  });
});
