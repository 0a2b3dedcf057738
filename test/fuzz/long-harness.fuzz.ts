/**
 * The longer fuzz harness kept aside (issue 17): not part of `npm test` (its file name does not end
 * in .test.ts; `npm run fuzz:harness` runs it through test/fuzz/vitest.harness.config.ts). Another
 * seed than the suite's fuzz test and more cases, over:
 * - mutated models, claims and sizes (inputs.ts, the suite's generators, with the slow cases:
 *   `check` over the built-in families, `plot` of a long range);
 * - output paths: `plot`, `export` and `verify --out` onto a link, a directory, the model file, a
 *   missing directory, a device, an existing file, odd names;
 * - killed campaigns: `verify --out F --resume` killed (SIGKILL) at random moments, its last line cut
 *   at a random byte after some kills, resumed until it finishes; then every run must be in F once.
 *
 * It reports crashes (exit 70, a throw, a dead process), hangs (past the case time limit), memory
 * blow-ups, unlocated exit-2 errors and the other defects of harness.ts's defectOf, with counts, and
 * fails when any crash or hang is found (the acceptance of issue 17: 0 crashes and 0 hangs); the
 * other defects are listed and counted.
 *
 * HEATBOUND_HARNESS_SEED (default 17017), HEATBOUND_HARNESS_RUNS (default 3000 CLI cases),
 * HEATBOUND_HARNESS_CAMPAIGNS (default 6 campaigns), HEATBOUND_HARNESS_CASE_MS (default 120000).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers.js';
import { defectOf, runCases, show } from './harness.js';
import { fuzzCases, type FuzzCase } from './inputs.js';

const seed = process.env.HEATBOUND_HARNESS_SEED ? Number(process.env.HEATBOUND_HARNESS_SEED) : 17017;
const total = process.env.HEATBOUND_HARNESS_RUNS ? Number(process.env.HEATBOUND_HARNESS_RUNS) : 3000;
const campaigns = process.env.HEATBOUND_HARNESS_CAMPAIGNS ? Number(process.env.HEATBOUND_HARNESS_CAMPAIGNS) : 6;
const caseMs = process.env.HEATBOUND_HARNESS_CASE_MS ? Number(process.env.HEATBOUND_HARNESS_CASE_MS) : 120_000;
const dist = join(root, 'dist');
const main = join(dist, 'src', 'cli', 'main.js');

/** Output paths: each case's working directory holds m.yaml, old.svg (an existing file), sub/ and links. */
const outputCase: fc.Arbitrary<FuzzCase> = fc.tuple(
  fc.constantFrom('plot', 'export', 'verify'),
  fc.constantFrom('link.out', 'sub', 'sub/', 'm.yaml', 'missing/dir/x.out', '/dev/null', '/dev/full', 'old.svg', 'dangling.out', '.', '', ' ', 'x\u0000y', 'é.out', 'self.out', 'loop.out'),
  fc.constantFrom('.svg', '.png', '.pdf', '.py', '.jsonl', '', '.txt'),
  fc.constantFrom('m.yaml', 'superradiance', 'independent'),
).map(([cmd, path, ext, model]) => {
  const out = path === '' || path === ' ' || path === '.' || path.endsWith('/') || path === 'sub' || path.startsWith('/dev/') ? path : path.replace(/\.out$|\.svg$|\.yaml$/, (e) => (e === '.yaml' ? e : ext || e));
  const args = cmd === 'plot' ? ['plot', model, '--L', '1..3', '--out', out]
    : cmd === 'export' ? ['export', model, '--L', '2', '--to', 'qutip', '--out', out]
      : ['verify', '--L', '1..2', '--runs', '2', '--seed', '3', '--out', out];
  const model0 = readFileSync(join(root, 'models', 'superradiance.yaml'), 'utf8');
  return {
    kind: 'size' as const, args, env: {},
    files: [{ name: 'm.yaml', text: model0 }, { name: 'old.svg', text: '<svg/>' }],
    dirs: ['sub'],
    links: [
      { name: out.startsWith('link') ? out : 'link.out', target: 'm.yaml' }, { name: out.startsWith('dangling') ? out : 'dangling.out', target: 'nowhere/at/all' },
      { name: out.startsWith('self') ? out : 'self.out', target: out.startsWith('self') ? out : 'self.out' },
      { name: out.startsWith('loop') ? out : 'loop.out', target: 'loop2' }, { name: 'loop2', target: out.startsWith('loop') ? out : 'loop.out' },
    ],
  };
});

/** `verify --out F --resume` killed at random moments (and its last line cut) until it finishes; then every run once. */
async function killedCampaign(k: number): Promise<{ ok: boolean; kills: number; cuts: number; why: string }> {
  const rnd = fc.sample(fc.tuple(fc.integer({ min: 8, max: 24 }), fc.array(fc.integer({ min: 400, max: 4000 }), { minLength: 12, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 })), { seed: seed + 100 + k, numRuns: 1 })[0];
  const [runs, delays, cutsAt] = rnd;
  const dir = mkdtempSync(join(tmpdir(), 'heatbound-harness-campaign-'));
  const file = join(dir, 'c.jsonl');
  const args = [main, 'verify', '--L', '1..3', '--runs', String(runs), '--seed', String(seed + k), '--out', file, '--resume', '--json'];
  let kills = 0, cuts = 0;
  for (let attempt = 0; attempt < 40; attempt++) {
    const delay = attempt < delays.length ? delays[attempt] : null;
    const code = await new Promise<number | string>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      const t = delay === null ? setTimeout(() => child.kill('SIGKILL'), caseMs) : setTimeout(() => { child.kill('SIGKILL'); }, delay);
      child.on('exit', (c, s) => { clearTimeout(t); resolve(c ?? (delay === null ? `hang (${s})` : 'killed')); if (c !== null && c !== 0 && c !== 1) resolve(`exit ${c}: ${err.slice(0, 300)}`); });
    });
    if (code === 'killed') {
      kills++;
      if (cutsAt[attempt % cutsAt.length] && existsSync(file)) {
        const size = statSync(file).size;
        if (size > 10) { truncateSync(file, size - 1 - ((attempt * 7919) % Math.min(size - 1, 200))); cuts++; }
      }
      continue;
    }
    if (code !== 0 && code !== 1) return { ok: false, kills, cuts, why: String(code) };
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const ids = lines.map((l) => (JSON.parse(l) as { run: number }).run);
    const once = ids.length === runs && new Set(ids).size === runs && ids.every((i) => i >= 0 && i < runs);
    return { ok: once, kills, cuts, why: once ? '' : `runs ${JSON.stringify(ids)} for ${runs}` };
  }
  return { ok: false, kills, cuts, why: 'did not finish in 40 attempts' };
}

describe('the long fuzz harness (issue 17; npm run fuzz:harness)', () => {
  it(`mutated models, claims, sizes, output paths and killed campaigns (seed ${seed}): 0 crashes, 0 hangs`, async () => {
    expect(existsSync(join(dist, 'src', 'cli', 'run.js')), 'the build in dist/ (npm run build)').toBe(true);
    const t0 = performance.now();
    const counts = { model: Math.round(total * 0.4), claim: Math.round(total * 0.25), size: Math.round(total * 0.25) };
    const outputs = total - counts.model - counts.claim - counts.size;
    const cases = [...fuzzCases(root, seed, counts, true), ...fc.sample(outputCase, { seed: seed + 3, numRuns: outputs })];
    const { results, dirs } = await runCases(cases, { dist, caseMs, tag: 'harness' });
    const tally = { cases: cases.length, crashes: 0, hangs: 0, memory: 0, unlocated: 0, other: 0 };
    const byCode = new Map<string, number>();
    const found: string[] = [];
    cases.forEach((c, i) => {
      const o = results[i] ?? { code: 'crash' as const, out: '', err: 'no result', ms: 0 };
      const kind = c.args.includes('--out') && c.kind === 'size' && c.dirs ? 'output' : c.kind;
      byCode.set(`${kind}:${o.code}`, (byCode.get(`${kind}:${o.code}`) ?? 0) + 1);
      const d = defectOf(c, dirs[i], o);
      if (d === null) return;
      if (d === 'timeout') tally.hangs++;
      else if (d === 'memory') tally.memory++;
      else if (d === 'crash' || d === 'threw' || d === 'exit 70' || d === 'stack trace') tally.crashes++;
      else if (d.startsWith('unlocated')) tally.unlocated++;
      else tally.other++;
      found.push(show(c, o, d, i));
    });
    const camp: string[] = [];
    let campaignFailures = 0;
    for (let k = 0; k < campaigns; k++) {
      const r = await killedCampaign(k);
      camp.push(`campaign ${k}: ${r.kills} kills, ${r.cuts} cut lines: ${r.ok ? 'every run once' : `FAILED: ${r.why}`}`);
      if (!r.ok) { campaignFailures++; if (/hang/.test(r.why)) tally.hangs++; else tally.crashes++; }
    }
    const seconds = (performance.now() - t0) / 1000;
    const slowest = results.map((o, i) => [o?.ms ?? 0, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 5).map(([ms, i]) => `#${i} ${Math.round(ms)} ms ${JSON.stringify(cases[i].args).slice(0, 140)}`);
    console.log(`fuzz harness: seed ${seed} (HEATBOUND_HARNESS_SEED), ${cases.length} CLI cases (${JSON.stringify({ ...counts, output: outputs })}) and ${campaigns} killed campaigns, ${seconds.toFixed(0)} s
  crashes ${tally.crashes}, hangs ${tally.hangs}, memory ${tally.memory}, unlocated exit 2 ${tally.unlocated}, other defects ${tally.other}, campaign failures ${campaignFailures}
  exit codes ${JSON.stringify(Object.fromEntries([...byCode].sort()))}
  ${camp.join('\n  ')}
  slowest: ${slowest.join('\n           ')}`);
    if (found.length) console.log(`defects:\n${found.join('\n')}`);
    expect({ crashes: tally.crashes, hangs: tally.hangs }, found.join('\n')).toEqual({ crashes: 0, hangs: 0 });
  }, 24 * 3600_000);
});
