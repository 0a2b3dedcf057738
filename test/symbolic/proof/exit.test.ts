/**
 * Z3 runs on worker threads: a plain Node script that imports the proof layer, proves something
 * with Z3 and does nothing else must still exit on its own, promptly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'heatbound-proof-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = `
import { Poly } from './poly.js';
import { proveNonNegativeSymbolic, checkSymbolicCertificate } from './proof/index.js';
const L = Poly.variable('L'), g = Poly.variable('g'), w0 = Poly.variable('w0');
const p = g.sub(w0.mul(L)).pow(2);
const A = { g: 'positive', w0: 'positive' };
const r = await proveNonNegativeSymbolic(p, 'L', 1, A, { g: 1, w0: 1 });
const c = await checkSymbolicCertificate(p, 'L', 1, A, r.certificate);
console.log(r.verdict, r.certificate.kind, c.ok);
`;

describe('a process that used Z3 exits on its own', () => {
  it('compiles the proof layer, runs a Z3 proof in a child node, and the child exits within seconds', () => {
    const tsc = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), [
      '--ignoreConfig', '--outDir', dir, '--rootDir', join(root, 'src', 'symbolic'), '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--strict', '--types', 'node',
      join(root, 'src', 'symbolic', 'proof', 'index.ts'),
    ], { encoding: 'utf8', timeout: 60_000 });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'run.mjs'), script);

    const start = Date.now();
    const run = spawnSync(process.execPath, [join(dir, 'run.mjs')], { encoding: 'utf8', timeout: 20_000 });
    const elapsed = Date.now() - start;
    expect(run.error, 'the child did not exit on its own').toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('proved z3 true');
    expect(elapsed).toBeLessThan(8_000);
  });
});
