/** v2 input errors through the CLI: exit 2, each located, and `--state` checked against the model's sites. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli-run.js';

describe('the CLI on v2 model files', () => {
  it('--state down on levels sites: exit 2 at the flag, with the reason', async () => {
    const r = await runCli(['current', 'test/fixtures/v2/qutrit-two-baths.yaml', '--L', '2', '--state', 'down']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("<command line>:1:1 (--state): error[bad-state] at 'down': no down for levels sites (this model has levels 3)");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('--state basis with level indices is read with the model\'s sites', async () => {
    const r = await runCli(['current', 'test/fixtures/v2/spin1-chain.yaml', '--L', '2', '--state', 'basis("0 3")']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('error[bad-state] at \'"0 3"\': expected level indices 0..2');
  });
});
