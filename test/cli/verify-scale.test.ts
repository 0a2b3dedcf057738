/**
 * Campaigns at scale (issue 15, item 5): `verify --shard I/N` in separate processes (as the tasks
 * of a Slurm job array) merged by `verify merge` equal one process run with the same seed (the
 * summary byte-identical but for its timings, the file line for line but for `ms`); the merge
 * validates every line as --resume does, refuses a run twice and names the missing ones; `--jobs N`
 * gives the lines of `--jobs 1`; `--engine float64` says which engine and what it means. The
 * shards and their merge run as processes of their own; the other cases run the CLI in-process.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCampaignFiles, runCampaign, runCampaignInWorkers } from '../../properties/index.js';
import { runCli } from '../cli-run.js';
import { root } from '../helpers.js';

const main = join(root, 'dist', 'src', 'cli', 'main.js');
const fresh = (): string => mkdtempSync(join(tmpdir(), 'heatbound-scale-'));

/** The built CLI in its own process (a shard is a process of its own, as a Slurm array task). */
function cli(args: string[], cwd: string): { code: number; out: string; err: string } {
  const p = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8' });
  return { code: p.status ?? -1, out: p.stdout, err: p.stderr };
}

/** The CLI in-process (runCli) where a test is not about separate processes. */
const inProcess = runCli;

/** JSON text without its timing lines ("seconds", "ms"), the directory of the tightest files made `DIR`. */
const untimed = (text: string, dir: string): string => text.split('\n').filter((l) => !/"(seconds|ms)":/.test(l)).join('\n').replaceAll(dir, 'DIR');
/** A campaign file's lines without their `ms`. */
const linesOf = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.replace(/"ms":\d+(\.\d+)?,/, ''));

const campaign = ['--runs', '12', '--seed', '11', '--L', '1..3'];
/** Each case spawns several CLI processes on a shared 2-core machine. */
const slow = 300_000;

describe('verify --shard I/N and verify merge', () => {
  it('4 shards, each its own process, merged: the summary of one process run with the same seed (byte-identical but timings) and its file line for line', () => {
    const one = fresh(), parts = fresh();
    const whole = cli(['verify', ...campaign, '--jobs', '1', '--out', 'c.jsonl', '--json'], one);
    expect(whole.code).toBe(0);
    for (let i = 1; i <= 4; i++) {
      const r = cli(['verify', ...campaign, '--jobs', '1', '--shard', `${i}/4`, '--out', `s${i}.jsonl`, '--json'], parts);
      expect(r.code).toBe(0);
      expect(r.err).toContain(`shard ${i}/4 (the runs r with r mod 4 = ${i - 1})`);
      const j = JSON.parse(r.out);
      expect(j.shard).toEqual({ index: i, count: 4 });
      // shard I of 4 holds the runs r with r mod 4 = I - 1
      const runs = readFileSync(join(parts, `s${i}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l).run);
      expect(runs).toEqual([...Array(12).keys()].filter((r) => r % 4 === i - 1));
    }
    // in any order of the files
    const merged = cli(['verify', 'merge', 's3.jsonl', 's1.jsonl', 's4.jsonl', 's2.jsonl', '--out', 'c.jsonl', '--json'], parts);
    expect(merged.code).toBe(0);
    expect(merged.err).toMatch(/runs 0\.\.11 each once/);
    expect(untimed(merged.out, parts)).toBe(untimed(whole.out, one));
    expect(linesOf(join(parts, 'c.jsonl'))).toEqual(linesOf(join(one, 'c.jsonl')));
    // the tightest models written next to the merged file, as one process writes them
    for (const b of ['Bstate', 'B1', 'B1coarse', 'B2']) {
      expect(readFileSync(join(parts, `c.jsonl.tightest-${b}.yaml`), 'utf8')).toBe(readFileSync(join(one, `c.jsonl.tightest-${b}.yaml`), 'utf8'));
    }
    // the text summary too (timing and directory aside)
    const text = (s: string, dir: string) => s.replace(/in [\d.]+ s/, 'in T s').replaceAll(dir, 'DIR').replace(/-+/g, '-').replace(/ +/g, ' ');
    const mergedText = cli(['verify', 'merge', 's1.jsonl', 's2.jsonl', 's3.jsonl', 's4.jsonl', '--out', 'd/c.jsonl'], parts);
    const wholeText = cli(['verify', ...campaign, '--jobs', '1', '--out', 'd/c.jsonl'], one);
    expect(text(mergedText.out, join(parts, 'd'))).toBe(text(wholeText.out, join(one, 'd')));

    // No run doubled: a file given twice, or a run in two files, is refused with file:line (exit 2).
    const twice = cli(['verify', 'merge', 's1.jsonl', 's2.jsonl', 's2.jsonl', 's3.jsonl', 's4.jsonl', '--out', 'e.jsonl'], parts);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/s2\.jsonl:1:1 \(verify merge\): error\[bad-usage\]: run 1 is already on \S*s2\.jsonl:1; each run appears once/);
    // No run lost: the missing ids are named with the shard that holds them (exit 2), nothing written.
    const lost = cli(['verify', 'merge', 's1.jsonl', 's2.jsonl', 's4.jsonl', '--out', 'e.jsonl'], parts);
    expect(lost.code).toBe(2);
    expect(lost.err).toContain("3 of the campaign's 12 runs are in none of the files: shard 3/4: 2, 6, 10 (3)");
    expect(cli(['verify', 'merge', 's1.jsonl', '--out', 'c.jsonl'], parts).code).toBe(2); // --out exists
  }, slow);

  it('every line validated as --resume validates it (an edited model, a line of another campaign, a cut last line), and merge takes only --out and --json', async () => {
    const dir = fresh();
    for (let i = 1; i <= 2; i++) expect((await inProcess(['verify', '--runs', '4', '--seed', '3', '--L', '1..2', '--jobs', '1', '--shard', `${i}/2`, '--out', `s${i}.jsonl`], dir)).code).toBe(0);
    const s2 = readFileSync(join(dir, 's2.jsonl'), 'utf8').split('\n');
    const edited = JSON.parse(s2[0]);
    edited.model = edited.model.replace('name:', 'name: x\nnamex:');
    writeFileSync(join(dir, 'edited.jsonl'), [JSON.stringify(edited), ...s2.slice(1)].join('\n'));
    const r = await inProcess(['verify', 'merge', 's1.jsonl', 'edited.jsonl', '--out', 'm.jsonl'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/edited\.jsonl:1:1 \(verify merge\): error\[bad-usage\]: run 1's model is not the model its run seed draws/);
    expect((await inProcess(['verify', '--runs', '2', '--seed', '4', '--L', '1..2', '--jobs', '1', '--shard', '2/2', '--out', 'other.jsonl'], dir)).code).toBe(0);
    const foreign = await inProcess(['verify', 'merge', 's1.jsonl', 'other.jsonl', '--out', 'm.jsonl'], dir);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/other\.jsonl:1:1 .*another campaign \(seed 4/);
    appendFileSync(join(dir, 's1.jsonl'), '{"run": 4, "se');
    const cut = await inProcess(['verify', 'merge', 's1.jsonl', 's2.jsonl', '--out', 'm.jsonl'], dir);
    expect(cut.code).toBe(2);
    expect(cut.err).toMatch(/s1\.jsonl:3:1 .*the last line was cut by an interruption/);
    const flags = await inProcess(['verify', 'merge', 's2.jsonl', '--runs', '5', '--out', 'm.jsonl'], dir);
    expect(flags.code).toBe(2);
    expect(flags.err).toContain('--runs is the campaign');
    // a shard resumed as another shard, or as the whole campaign, is refused
    const wrong = await inProcess(['verify', '--runs', '4', '--seed', '3', '--L', '1..2', '--shard', '1/2', '--out', 's2.jsonl', '--resume'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('this line is a run of shard 2/2, not of shard 1/2; resume it with --shard 2/2');
    const whole = await inProcess(['verify', '--runs', '4', '--seed', '3', '--L', '1..2', '--out', 's2.jsonl', '--resume'], dir);
    expect(whole.code).toBe(2);
    expect(whole.err).toContain('resume it with --shard 2/2, or merge the shard files');
  }, slow);

  it('bad --shard, --jobs, --engine and operands: exit 2 with what is expected', async () => {
    const dir = fresh();
    for (const [args, what] of [
      [['--shard', '0/4'], /--shard.*1 <= I <= N/], [['--shard', '5/4'], /--shard.*got '5\/4'/], [['--shard', '2'], /--shard.*I\/N/],
      [['--jobs', '0'], /--jobs.*1 to 256/], [['--jobs', 'two'], /--jobs/], [['--engine', 'float32'], /expected float64 or decimal/],
      [['nope'], /verify takes no operand but 'merge FILES\.\.\.'/], [['merge', '--out', 'x.jsonl'], /needs the shard files/], [['merge', 'a.jsonl'], /needs --out F/],
    ] as const) {
      const r = await inProcess(['verify', ...args], dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(what);
    }
  }, slow);
});

describe('verify --jobs N', () => {
  it('the same JSON lines, in run order, and the same summary as --jobs 1', async () => {
    const a = fresh(), b = fresh();
    const args = ['verify', '--runs', '13', '--seed', '5', '--L', '1..3', '--out', 'c.jsonl', '--json'];
    const one = await inProcess([...args, '--jobs', '1'], a);
    const three = await inProcess([...args, '--jobs', '3'], b);
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(three.err).toContain('3 threads');
    expect(linesOf(join(b, 'c.jsonl'))).toEqual(linesOf(join(a, 'c.jsonl')));
    expect(JSON.parse(readFileSync(join(b, 'c.jsonl'), 'utf8').split('\n')[12]).run).toBe(12);
    expect(untimed(three.out, b)).toBe(untimed(one.out, a));
  }, slow);
});

describe('verify --engine', () => {
  it('float64: the checks on the float64 engine with its error bounds, said in the output; the decimal.js checks skipped; the file not resumable as decimal', async () => {
    const dir = fresh();
    const r = await inProcess(['verify', '--runs', '12', '--seed', '9', '--L', '1..4', '--engine', 'float64', '--jobs', '2', '--out', 'f.jsonl', '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('the float64 engine');
    const j = JSON.parse(r.out);
    expect(j.engine.name).toBe('float64');
    expect(j.engine.digits).toBeNull();
    expect(j.engine.meaning).toMatch(/error bounds.*a margin inside it is not a violation/);
    expect(j.checks['pinched-state']).toEqual({ ok: 0, skipped: 10, violated: 0 });
    expect(j.checks['bound-chain'].ok).toBe(10);
    const lines = readFileSync(join(dir, 'f.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    for (const l of lines) {
      expect(l.campaignEngine).toBe('float64');
      if (l.cls !== 'two-bath') expect(l.engine).toMatch(/^float64\//);
    }
    const text = await inProcess(['verify', '--runs', '2', '--seed', '9', '--L', '1..2', '--engine', 'float64'], dir);
    expect(text.out).toMatch(/^engine: float64: every check on the float64 engine with its error bounds/m);
    const resume = await inProcess(['verify', '--runs', '12', '--seed', '9', '--L', '1..4', '--out', 'f.jsonl', '--resume'], dir);
    expect(resume.code).toBe(2);
    expect(resume.err).toContain('this line is a run of the campaign on the float64 engine, not on decimal; resume with --engine float64');
  }, slow);

  it('without the new flags the JSON has no engine or shard key (the output as before them)', async () => {
    const dir = fresh();
    const r = await inProcess(['verify', '--runs', '2', '--seed', '9', '--L', '1..2', '--json'], dir);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['seed', 'classes', 'L', 'runs', 'resumed', 'byClass', 'violations', 'tightest', 'checks', 'seconds', 'tightestFiles']);
    expect(r.err).toMatch(/, 2 runs, 30 digits\n$/);
    const d = JSON.parse((await inProcess(['verify', '--runs', '2', '--seed', '9', '--L', '1..2', '--json', '--engine', 'decimal', '--digits', '40'], dir)).out);
    expect(d.engine).toMatchObject({ name: 'decimal', digits: 40 });
  }, slow);
});

describe('the campaign API over both engines', () => {
  it('the same runs (class, L, run seed, model) on float64 and decimal, ratios agreeing; shards of the API merged equal the whole', async () => {
    const dir = fresh();
    const base = { classes: ['local', 'band', 'collective'] as const, L: [1, 2] as const, runs: 6, seed: 21, digits: 30, resume: false };
    const dec = runCampaign({ ...base, out: join(dir, 'd.jsonl') });
    const flt = await runCampaignInWorkers({ ...base, out: join(dir, 'f.jsonl'), engine: 'float64', jobs: 2 });
    expect(dec.violations).toEqual([]);
    expect(flt.violations).toEqual([]);
    const read = (f: string) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const [d, f] = [read('d.jsonl'), read('f.jsonl')];
    expect(f.map((r) => [r.run, r.cls, r.L, r.seed, r.model])).toEqual(d.map((r) => [r.run, r.cls, r.L, r.seed, r.model]));
    for (const r of f) {
      expect(r.engine).toMatch(/^float64\//);
      expect(r.checks['pinched-state']).toMatch(/^skipped/);
    }
    // |J|/B on float64 agrees with decimal.js to about its relative error (far below the 12 digits shown, so within 1e-9)
    for (let i = 0; i < d.length; i++) {
      for (const b of ['Bstate', 'B1'] as const) {
        if (d[i].ratios[b] === null) continue;
        expect(Math.abs(Number(f[i].ratios[b]) - Number(d[i].ratios[b]))).toBeLessThan(1e-9 * Math.max(1, Number(d[i].ratios[b])));
      }
    }
    for (const i of [1, 2]) runCampaign({ ...base, out: join(dir, `s${i}.jsonl`), shard: { index: i, count: 2 } });
    const m = mergeCampaignFiles([join(dir, 's2.jsonl'), join(dir, 's1.jsonl')]);
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'ms' || k === 'seconds' ? undefined : v)));
    expect(strip(m.summary)).toEqual(strip(dec));
    expect(m.text.replace(/"ms":\d+,/g, '')).toBe(readFileSync(join(dir, 'd.jsonl'), 'utf8').replace(/"ms":\d+,/g, ''));
  }, slow);
});

describe('docs/verify-array.sbatch resubmitting one task (issue 15 review)', () => {
  const script = join(root, 'docs', 'verify-array.sbatch');
  // What Slurm sets for `sbatch --array=3`: the task id 3 and a task count of 1.
  const task = (extra: Record<string, string>) => {
    const work = mkdtempSync(join(tmpdir(), 'heatbound-sbatch-'));
    const env = { ...process.env, SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '1', RUNS: '8', SEED: '11', ENGINE: 'float64', HEATBOUND: `${process.execPath} ${main}`, ...extra };
    return { work, r: spawnSync('bash', [script], { cwd: work, env, encoding: 'utf8' }) };
  };
  const runsOf = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { run: number }).run);

  it('with SHARDS=4 the task computes shard 3/4 (the runs r with r mod 4 = 2), as in the whole array', () => {
    const { work, r } = task({ SHARDS: '4' });
    expect(r.status, r.stderr).toBe(0);
    expect(runsOf(join(work, 'out', 'shard-3.jsonl'))).toEqual([2, 6]);
  }, 120_000);

  it('without SHARDS a task id beyond the count is refused, naming SHARDS (no shard 3/1 passed to verify)', () => {
    const { r } = task({});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/SHARDS=/);
    expect(r.stderr).not.toMatch(/3\/1/);
  }, 60_000);
});
