/**
 * A misspelt value of `--class` (verify, check) or `--method` gets a suggestion, as misspelt
 * built-in models, states and channel names do (issue 15 item 4: suggestions for misspelt names).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli-run.js';

describe('did you mean, for flag values', () => {
  for (const [args, flag, best] of [
    [['verify', '--class', 'two-bth', '--runs', '1'], '--class', 'two-bath'],
    [['check', 'abs(J) <= 1', '--class', 'extensive,golbal', '--runs', '1'], '--class', 'global'],
    [['current', 'superradiance', '--L', '3', '--method', 'symetric'], '--method', 'symmetric'],
  ] as const) {
    it(`${args.join(' ')}: exit 2 at ${flag}, suggesting '${best}'`, async () => {
      const r = await runCli([...args]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`(${flag})`);
      expect(r.err).toContain(`(did you mean '${best}'?)`);
    });
  }

  it('no suggestion for a value far from every name', async () => {
    const r = await runCli(['current', 'superradiance', '--L', '3', '--method', 'qqqqqqqq']);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('did you mean');
  });
});
