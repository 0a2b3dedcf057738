/**
 * The package as a user installs it: the tarball `npm pack` makes (from a fresh build of this
 * checkout, with package.json's `files`) is unpacked into a temporary project as
 * node_modules/heatbound, its runtime dependencies linked from this checkout's node_modules (no
 * network: nothing is downloaded), and then
 * - a script of that project (ES modules) imports `heatbound`, `heatbound/properties` and
 *   `heatbound/proofs` through the `exports` map and uses each (a built-in model by name, the kit's
 *   engines, the proof scripts and the Coq manifest shipped with the package), and a deep import
 *   outside the map is refused;
 * - a .ts file importing each entry point type-checks with this checkout's tsc (strict, NodeNext),
 *   its types resolved through the map (a wrong type in it is an error: the types are not `any`);
 * - the `bin` (bundled, as `npm run build` makes it: scripts/bundle-cli.mjs) runs `current` on a
 *   built-in model, and says what the unbundled modules (dist/src/cli/program.js) say.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string; version: string; main: string; types: string; bin: Record<string, string>; files: string[]; dependencies: Record<string, string>;
};
const tsc = join(root, 'node_modules', '.bin', 'tsc');
/** npm without the network and without its update check. */
const npmEnv = { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let tmp = '';
let project = '';
let installed = '';
let packed: string[] = [];

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'heatbound-package-'));
  // A copy of what npm pack reads, with dist/ built fresh from this checkout's sources (the
  // checkout's own dist/ may be stale or rebuilt by another test while this one runs).
  const stage = join(tmp, 'stage');
  mkdirSync(stage);
  // Without the Coq build products (proofs/coq/.gitignore; npm pack leaves them out too): another
  // test file may be compiling them while this one copies (the files run two at a time).
  const coqBuilt = readFileSync(join(root, 'proofs', 'coq', '.gitignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
    .map((g) => new RegExp(`^${g.replaceAll('.', '\\.').replaceAll('*', '[^/]*')}$`)); // its patterns: names with . and *
  const copied = (src: string): boolean => !(dirname(src) === join(root, 'proofs', 'coq') && coqBuilt.some((re) => re.test(src.slice(dirname(src).length + 1))));
  for (const f of ['package.json', 'README.md', 'LICENSE', ...pkg.files.filter((f) => !f.startsWith('dist'))]) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f), { recursive: true, filter: copied });
  }
  execFileSync(tsc, ['-p', join(root, 'tsconfig.json'), '--outDir', join(stage, 'dist')], { cwd: root, stdio: 'pipe' });
  // The rest of `npm run build`: the CLI bundled into dist/src/cli/main.js and chunks/.
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle-cli.mjs'), stage], { cwd: root, stdio: 'pipe' });
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: stage, env: npmEnv, encoding: 'utf8' });
  const report = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  packed = report[0].files.map((f) => f.path);
  // The temporary project: the tarball unpacked as node_modules/heatbound, its dependencies linked.
  project = join(tmp, 'project');
  installed = join(project, 'node_modules', 'heatbound');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(tmp, report[0].filename), '-C', installed, '--strip-components=1']);
  for (const dep of [...Object.keys(pkg.dependencies), '@types/node']) {
    const link = join(project, 'node_modules', dep);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', dep), link, 'dir');
  }
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'uses-heatbound', private: true, type: 'module', dependencies: { heatbound: pkg.version } }, null, 2)}\n`);
}, 180_000);
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

describe('the packed package, installed into a project', () => {
  it('ships the entry points, their types, the built-in models, the docs and the Coq development, and no tests or benchmarks', () => {
    for (const f of ['package.json', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/properties/index.js', 'dist/properties/index.d.ts',
      'dist/proofs/index.js', 'dist/proofs/index.d.ts', pkg.bin.heatbound, 'models/superradiance.yaml', 'docs/physics.md',
      'docs/model-language.md', 'proofs/coq/theorems.json', 'proofs/coq/_CoqProject']) {
      expect(packed, f).toContain(f);
    }
    expect(packed.filter((f) => /^(test|bench|dist\/bench|src|properties)\//.test(f) || /^proofs\/[^/]+\.ts$/.test(f))).toEqual([]);
  });

  it('imports each entry point from an ES module script, and nothing outside the exports map', () => {
    writeFileSync(join(project, 'use.mjs'), `
import { builtinModelNames, computeCurrent, loadBuiltinModel } from 'heatbound';
import { float64Engine, modelArbitrary, runCampaign } from 'heatbound/properties';
import { coqReport, theorems } from 'heatbound/proofs';
const spec = loadBuiltinModel('superradiance');
const r = computeCurrent(spec, 4);
const coq = coqReport();
let deep = 'imported';
try { await import('heatbound/dist/src/cli/main.js'); } catch (e) { deep = e.code; }
console.log(JSON.stringify({
  names: builtinModelNames(), J: r.J, method: r.method, file: spec.file,
  properties: [typeof float64Engine, typeof modelArbitrary, typeof runCampaign],
  theorems: theorems.map((t) => t.id), manifestFound: coq.manifestFound, coqTheorems: coq.theorems.length, deep,
}));
`);
    const r = spawnSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(got.names).toEqual(['allflip', 'independent', 'spin1-chain', 'superradiance', 'tavis-cummings']);
    expect(got.J).toBe(-6); // superradiance at L = 4 from dicke(2): J = -g w0 L (L + 2) / 4
    expect(got.method).toBe('symmetric');
    expect(got.file).toBe(join(installed, 'models', 'superradiance.yaml')); // the package's own models/
    expect(got.properties).toEqual(['function', 'function', 'function']);
    expect(got.theorems).toEqual(['bound1', 'bound2', 'scaling-L3', 'scaling-L2']);
    expect(got.manifestFound).toBe(true);
    expect(got.coqTheorems).toBeGreaterThan(0);
    expect(got.deep).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  }, 60_000);

  it('type-checks a TypeScript file importing each entry point, its types resolved through the exports map', () => {
    writeFileSync(join(project, 'use.ts'), `
import { computeCurrent, computeScaling, loadBuiltinModel, type CurrentResult, type ModelSpec, type ScalingResult } from 'heatbound';
import { float64Engine, type Engine, type ModelSample } from 'heatbound/properties';
import { theorems, type Theorem } from 'heatbound/proofs';

const spec: ModelSpec = loadBuiltinModel('allflip');
const r: CurrentResult = computeCurrent(spec, 3);
const j: number = r.J;
const scaling: Promise<ScalingResult> = computeScaling(spec, { Lmin: 1, Lmax: 6 });
const engine: Engine = float64Engine();
const sample: ModelSample | null = null;
const first: Theorem | undefined = theorems[0];
// @ts-expect-error J is a number: the types are heatbound's, not any
const wrong: string = r.J;
export { j, scaling, engine, sample, first, wrong };
`);
    const r = spawnSync(tsc, [
      '--noEmit', '--strict', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
      '--skipLibCheck', '--types', 'node', '--listFiles', 'use.ts',
    ], { cwd: project, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    expect(r.error ?? null).toBeNull();
    const errors = r.stdout.split('\n').filter((l) => /error TS/.test(l));
    expect(errors).toEqual([]);
    expect(r.status).toBe(0);
    // The declarations the exports map names are the program's (from the installed package).
    const listed = r.stdout.split('\n').map((l) => l.trim());
    for (const dts of ['dist/src/index.d.ts', 'dist/properties/index.d.ts', 'dist/proofs/index.d.ts']) expect(listed, dts).toContain(join(installed, dts));
  }, 120_000);

  it('runs its bin: current on a built-in model', () => {
    const r = spawnSync(process.execPath, [join(installed, pkg.bin.heatbound), 'current', 'independent', '--L', '3', '--json'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(Number((JSON.parse(r.stdout) as { J: string }).J)).toBe(-3); // J = -g w0 L
  }, 60_000);

  it('ships the bin bundled (npm run build), and the bundle says what the modules unbundled say', () => {
    const bin = readFileSync(join(installed, pkg.bin.heatbound), 'utf8');
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(bin).toMatch(/from "\.\/chunks\//);
    expect(packed.some((f) => f.startsWith('dist/src/cli/chunks/'))).toBe(true);
    // program.js is the program as tsc built it, one module at a time.
    for (const args of [['current', 'superradiance', '--L', '1..4', '--json'], ['current', 'nosuchmodel', '--L', '3'], ['scaling', 'independent', '--json']]) {
      const [bundled, modules] = [pkg.bin.heatbound, 'dist/src/cli/program.js'].map((f) => spawnSync(process.execPath, [join(installed, f), ...args], { cwd: project, encoding: 'utf8', timeout: 60_000 }));
      const shown = (p: typeof bundled) => ({ status: p.status, out: p.stdout.replace(/"(seconds|ms)": [0-9.e+-]+/g, ''), err: p.stderr });
      expect(shown(bundled), args.join(' ')).toEqual(shown(modules));
      expect(bundled.status, args.join(' ')).toBe(args[1] === 'nosuchmodel' ? 2 : 0);
    }
  }, 120_000);
});
