/**
 * Misspelt keys of `sites:` through the CLI (issue 16): a species kind (`spn`, `level`, `bosn`), a
 * species' name (`nmae`) or a boson's `cutoff` gets the suggestion every key of the model language
 * gets (`site:` at the top level: did you mean 'sites'?), at file:line:column with the caret under
 * the key, as one error (not also "missing the kind"), and exit 2. A misspelt boson declares the
 * mode still, so a, adag and n are not reported as unknown names beside it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as cli } from '../cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'heatbound-sites-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rest = (H: string, A: string) => `H: "${H}"\nchannels:\n  - A: "${A}"\n    bath: { spectrum: flat, rate: 1, T: 1 }\nstate: ground\n`;
const spinRest = rest('sum(k, Sz[k])', 'Sx[0]');

/** `current FILE --L 2` on the model text: exit code and the error lines (`file:line:col (key): ...`). */
async function errorsOf(name: string, text: string): Promise<{ code: number; errors: string[]; err: string }> {
  writeFileSync(join(dir, name), text);
  const r = await cli(['current', name, '--L', '2'], dir);
  // Errors name the file as resolved (its absolute path): shown here by its name.
  const err = r.err.split(`${join(dir, name)}:`).join(`${name}:`);
  return { code: r.code, errors: err.split('\n').filter((l) => l.startsWith(`${name}:`)), err };
}

describe('misspelt sites: keys, through the CLI', () => {
  it('a top-level key and a species key get the same suggestion, at file:line:column', async () => {
    const top = await errorsOf('top.yaml', `site: { spin: 1 }\n${spinRest}`);
    expect(top.code).toBe(2);
    expect(top.errors[0]).toMatch(/^top\.yaml:1:1 \(site\): error\[unknown-key\] at 'site': unknown key 'site' \(did you mean 'sites'\?\); a model file takes /);
    const spn = await errorsOf('spn.yaml', `sites: { spn: 1 }\n${spinRest}`);
    expect(spn.code).toBe(2);
    expect(spn.errors).toHaveLength(1);
    expect(spn.errors[0]).toMatch(/^spn\.yaml:1:10 \(sites\.spn\): error\[unknown-key\] at 'spn': unknown key 'spn' \(did you mean 'spin'\?\); the short form /);
    expect(spn.err).toContain('  1 | sites: { spn: 1 }\n    |          ^^^');
  });

  it.each([
    ['level.yaml', `sites: { level: 3 }\n${rest('sum(k, P[1,1][k])', 'P[0,1][0] + P[1,0][0]')}`, '1:10', 'sites.level', 'level', 'levels'],
    ['cutof.yaml', `sites:\n  - { name: c, boson: { cutof: 20 }, count: 1 }\n${rest('n', 'a + adag')}`, '2:25', 'sites[0].boson.cutof', 'cutof', 'cutoff'],
    ['nmae.yaml', `sites:\n  - { nmae: q, spin: 1/2 }\n${spinRest}`, '2:7', 'sites[0].nmae', 'nmae', 'name'],
    ['list-spn.yaml', `sites:\n  - { name: q, spn: 1/2 }\n${spinRest}`, '2:16', 'sites[0].spn', 'spn', 'spin'],
  ])('%s: one error with the suggestion', async (file, text, at, key, token, suggestion) => {
    const r = await errorsOf(file, text);
    expect(r.code).toBe(2);
    expect(r.errors, r.err).toHaveLength(1);
    expect(r.errors[0]).toContain(`${file}:${at} (${key}): error[unknown-key] at '${token}': unknown key '${token}' (did you mean '${suggestion}'?)`);
  });

  it('a misspelt boson still declares the mode: a, adag and n are not unknown names beside it', async () => {
    const r = await errorsOf('bosn.yaml', `sites:\n  - { name: q, spin: 1/2 }\n  - { name: c, bosn: { cutoff: 3 }, count: 1 }\n${rest('n + sum(k, Sz[k])', 'a + adag')}`);
    expect(r.code).toBe(2);
    expect(r.errors).toEqual([expect.stringContaining("bosn.yaml:3:16 (sites[1].bosn): error[unknown-key] at 'bosn': unknown key 'bosn' (did you mean 'boson'?)")]);
    expect(r.err).not.toContain('unknown name');
  });

  it('a key that is no misspelling keeps both errors: the kind is missing, the key unknown', async () => {
    const r = await errorsOf('foo.yaml', `sites: { foo: 1 }\n${spinRest}`);
    expect(r.code).toBe(2);
    expect(r.errors.map((l) => l.replace(/:.*?error\[([a-z-]+)\].*/, ' $1'))).toEqual(['foo.yaml missing-key', 'foo.yaml unknown-key']);
    expect(r.err).not.toContain('did you mean');
  });
});
