/**
 * Campaign files of `verify --out F.jsonl [--resume]` under hostile input and faults (issue 17):
 * every line validated on resume (file:line and what is wrong, exit 2), a cut last line repaired
 * every time (not only once), a failed append (disk full) exit 3 with the file left resumable,
 * tightest models never written over another campaign's, and a campaign killed (SIGKILL) again and
 * again, each time with a cut line, that ends with every run once and the summary of one
 * uninterrupted run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../properties/index.js';
import { run } from '../../src/cli/index.js';
import { InputError } from '../../src/lang/index.js';
import { root } from '../helpers.js';
import { runCli as cli } from '../cli-run.js';

const main = join(root, 'dist', 'src', 'cli', 'main.js');
const fresh = (): string => mkdtempSync(join(tmpdir(), 'heatbound-campaign-'));
const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
const runIds = (file: string): number[] => lines(file).map((l) => (JSON.parse(l) as { run: number }).run);
/** A record or summary without its timings (ms, seconds) and resume count. */
function untimed(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(untimed);
  if (typeof x !== 'object' || x === null) return x;
  return Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'ms' && k !== 'seconds' && k !== 'resumed').map(([k, v]) => [k, untimed(v)]));
}

const base = ['verify', '--runs', '6', '--seed', '11', '--L', '1..3'];

describe('verify --resume: every line validated', () => {
  it('forged, duplicated, edited, foreign and broken lines are each reported as file:line with what is wrong (exit 2); a line without checks no longer crashes (was exit 70)', async () => {
    const dir = fresh();
    const good = join(dir, 'good.jsonl');
    expect((await cli([...base, '--out', good], dir)).code).toBe(0);
    const recs = lines(good).map((l) => JSON.parse(l) as Record<string, unknown>);
    const edit = (i: number, f: (r: Record<string, unknown>) => void): string => { const r = structuredClone(recs[i]); f(r); return JSON.stringify(r); };
    const bad: [string, RegExp][] = [
      [JSON.stringify(recs[0]), /^$/],
      [edit(1, (r) => { delete r.checks; }), /'checks' is missing \(expected an object of check names/],
      [JSON.stringify(recs[0]), /run 0 is already on line 1; each run appears once/],
      [edit(2, (r) => { r.seed = 5; }), /run 2 has run seed 5, but this campaign's run 2 has run seed \d+/],
      [edit(3, (r) => { r.model = String(r.model).replace('name:', 'name: forged\n# '); }), /run 3's model is not the model its run seed draws/],
      [edit(4, (r) => { r.cls = 'global'; }), /run 4 has class global, but this campaign's run 4 has class collective/],
      [edit(5, (r) => { r.L = 9; }), /run 5 has L = 9, but its run seed draws L = \d/],
      ['not json at all', /this line is not JSON/],
      [edit(1, (r) => { r.run = -1; }), /'run' is -1, expected an integer >= 0/],
      [edit(1, (r) => { r.ratios = { B1: 'NaN' }; }), /'ratios' is .*expected an object of Bstate, B1, B1coarse, B2 to a number >= 0/],
      [edit(1, (r) => { r.ms = 'slow'; r.J = 7; }), /'J' is 7, expected a number as a string.*'ms' is "slow", expected a number >= 0/],
      [JSON.stringify([1, 2]), /expected a JSON object/],
      [edit(1, (r) => { r.campaignSeed = 12; }), /another campaign \(seed 12/],
    ];
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, bad.map(([l]) => l).join('\n') + '\n');
    const r = await cli([...base, '--out', 'bad.jsonl', '--resume'], dir);
    expect(r.code, r.err).toBe(2);
    const errLines = r.err.split('\n');
    bad.forEach(([, re], i) => {
      const at = errLines.find((l) => l.startsWith(`${file}:${i + 1}:`));
      if (i === 0) { expect(at, 'line 1 is a good run').toBeUndefined(); return; }
      expect(at, `line ${i + 1}`).toBeDefined();
      expect(at, `line ${i + 1}`).toMatch(re);
      expect(at).toContain('(--resume): error[bad-usage]');
    });
    expect(r.err).toMatch(/resume only a file that verify --out wrote for this campaign/);
    expect(r.err).not.toMatch(/internal error/);
    // Nothing was appended to a file that failed validation.
    expect(readFileSync(file, 'utf8')).toBe(bad.map(([l]) => l).join('\n') + '\n');
  });

  it('the library refuses to append a new campaign to a file that holds runs (resume: false)', () => {
    const dir = fresh();
    const file = join(dir, 'lib.jsonl');
    writeFileSync(file, '{"run":0}\n');
    expect(() => runCampaign({ classes: ['band'], L: [1, 2], runs: 1, seed: 1, digits: 30, out: file, resume: false })).toThrow(InputError);
    expect(readFileSync(file, 'utf8')).toBe('{"run":0}\n');
  });
});

describe('verify --resume: a cut last line is repaired every time', () => {
  it('three interruptions in a row, each leaving a cut line: each is truncated away and its run computed again (was: recovered once, then every --resume failed)', async () => {
    const dir = fresh();
    const file = join(dir, 'cut.jsonl');
    expect((await cli(['verify', '--runs', '3', '--seed', '11', '--L', '1..3', '--out', 'cut.jsonl'], dir)).code).toBe(0);
    for (const [runs, cut] of [[5, 'half of the last line'], [7, 'a partial new line'], [9, 'half of the last line']] as const) {
      if (cut === 'half of the last line') {
        const text = readFileSync(file, 'utf8');
        const last = text.lastIndexOf('\n', text.length - 2) + 1;
        truncateSync(file, Buffer.byteLength(text.slice(0, last + Math.floor((text.length - last) / 2))));
      } else {
        appendFileSync(file, `{"run":${runs - 2},"seed":123,"campaignSe`);
      }
      const r = await cli(['verify', '--runs', String(runs), '--seed', '11', '--L', '1..3', '--out', 'cut.jsonl', '--resume', '--json'], dir);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/the last line was cut by an interruption \(\d+ bytes, no line end\): removed/);
      expect(JSON.parse(r.out).runs).toBe(runs);
      expect(runIds(file), 'every line whole, every run once, in order').toEqual([...Array(runs).keys()]);
    }
  });
  it('bytes without a line end that are no cut run line (a one-line JSON file, a note) are reported at file:line:1 (exit 2) and left as they are (was truncated away: the file emptied)', async () => {
    const dir = fresh();
    const resume = (out: string) => cli([...base, '--out', out, '--resume'], dir);
    // A file verify never wrote, one line and no line end (JSON.stringify's output written as is).
    const note = join(dir, 'notes.json');
    writeFileSync(note, '{"important":"data"}');
    const r = await resume('notes.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/notes\.json:1:1 \(--resume\): error\[bad-usage\]: the last line has no line end and is not a cut run line \(a run line starts \{"run":\)/);
    expect(readFileSync(note, 'utf8')).toBe('{"important":"data"}');
    // After whole run lines of this campaign: the same, the whole lines and the tail kept.
    const good = join(dir, 'good.jsonl');
    expect((await cli([...base, '--out', 'good.jsonl'], dir)).code).toBe(0);
    const before = readFileSync(good, 'utf8');
    appendFileSync(good, 'a note, no line end');
    const t = await resume('good.jsonl');
    expect(t.code).toBe(2);
    expect(t.err).toMatch(new RegExp(`good\\.jsonl:${lines(good).length}:1 \\(--resume\\): error\\[bad-usage\\]: the last line has no line end`));
    expect(readFileSync(good, 'utf8')).toBe(`${before}a note, no line end`);
    // A run line cut anywhere, down to its first byte, is still repaired.
    for (const cut of ['{', '{"ru', '{"run":', '{"run":1', '{"run":12,"se']) {
      writeFileSync(good, before + cut);
      const c = await resume('good.jsonl');
      expect(c.code, `${cut}: ${c.err}`).toBe(0);
      expect(c.err).toMatch(/the last line was cut by an interruption/);
      expect(readFileSync(good, 'utf8')).toBe(before);
    }
  });
});

describe('verify merge: only regular files are read', () => {
  it('a device, a pipe or a directory among the files is exit 2 naming it, before anything is read (/dev/zero ran out of memory, a pipe waited for ever)', async () => {
    const dir = fresh();
    expect(spawnSync('mkfifo', [join(dir, 'pipe.jsonl')]).status).toBe(0);
    mkdirSync(join(dir, 'sub'));
    for (const [file, what] of [['sub', 'is a directory'], ['pipe.jsonl', 'is not a regular file (a device, pipe or socket)'], ['/dev/zero', 'is not a regular file (a device, pipe or socket)']] as const) {
      const r = await cli(['verify', 'merge', file, '--out', 'merged.jsonl'], dir);
      expect(r.code, file).toBe(2);
      const shown = file.startsWith('/') ? file : join(dir, file);
      expect(r.err).toContain(`<command line> (verify merge): error[bad-usage] at '${shown}': '${shown}' ${what}; expected a shard file (verify --shard I/N --out FILE)`);
      expect(existsSync(join(dir, 'merged.jsonl'))).toBe(false);
    }
  });
});

describe('verify --out: targets and disk full', () => {
  it('a link, a directory or a pipe as --out is refused before any run (exit 2)', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'real.jsonl'), '');
    symlinkSync('real.jsonl', join(dir, 'link.jsonl'));
    mkdirSync(join(dir, 'dir.jsonl'));
    spawnSync('mkfifo', [join(dir, 'pipe.jsonl')]);
    for (const [out, re] of [['link.jsonl', /is a symbolic link/], ['dir.jsonl', /is a directory/], ['pipe.jsonl', /is not a regular file/]] as const) {
      const r = await cli([...base, '--out', out, '--resume'], dir);
      expect(r.code, out).toBe(2);
      expect(r.err, out).toMatch(re);
      expect(r.err).toContain('(--out)');
    }
    symlinkSync('/etc/hostname', join(dir, 'v.jsonl.tightest-B1.yaml'));
    const t = await cli([...base, '--out', 'v.jsonl'], dir);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/'v\.jsonl\.tightest-B1\.yaml' is a symbolic link/);
    expect(existsSync(join(dir, 'v.jsonl')), 'refused before the campaign started').toBe(false);
  });

  it('a full disk while appending (ulimit -f in a child: EFBIG, a cut write) stops with exit 3 naming the file; the runs before stay whole and --resume finishes the campaign', async () => {
    const dir = fresh();
    const p = spawnSync('bash', ['-c', `ulimit -f 3 && exec '${process.execPath}' '${main}' verify --runs 8 --seed 11 --L 1..3 --out f.jsonl`], { cwd: dir, encoding: 'utf8' });
    expect(p.signal).toBeNull();
    expect(p.status, p.stderr).toBe(3);
    expect(p.stderr).toMatch(/heatbound: cannot write 'f\.jsonl' \(--out\): the file would exceed the file size limit \(ulimit -f\) \(EFBIG\); the runs before are kept whole in it; make room and run the same command with --resume/);
    const text = readFileSync(join(dir, 'f.jsonl'), 'utf8');
    expect(text.endsWith('\n'), 'the partial line was cut back off').toBe(true);
    const kept = runIds(join(dir, 'f.jsonl'));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(8);
    const r = await cli(['verify', '--runs', '8', '--seed', '11', '--L', '1..3', '--out', 'f.jsonl', '--resume', '--json'], dir);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).resumed).toBe(kept.length);
    expect(runIds(join(dir, 'f.jsonl'))).toEqual([...Array(8).keys()]);
  });
});

describe('verify: the tightest models next to --out', () => {
  it("another campaign's tightest file is kept and the next free name written (and said); a resumed campaign replaces its own", async () => {
    const dir = fresh();
    const other = '# another campaign\nname: other\n';
    writeFileSync(join(dir, 'v.jsonl.tightest-B1.yaml'), other);
    const a = await cli([...base, '--out', 'v.jsonl', '--json'], dir);
    expect(a.code).toBe(0);
    expect(a.err).toMatch(/verify: v\.jsonl\.tightest-B1\.yaml holds another campaign's model: kept it, wrote v\.jsonl\.tightest-B1\.2\.yaml/);
    const j = JSON.parse(a.out);
    expect(j.tightestFiles.B1).toBe(join(dir, 'v.jsonl.tightest-B1.2.yaml'));
    expect(j.tightestFiles.B2).toBe(join(dir, 'v.jsonl.tightest-B2.yaml'));
    expect(readFileSync(join(dir, 'v.jsonl.tightest-B1.yaml'), 'utf8')).toBe(other);
    expect(readFileSync(join(dir, 'v.jsonl.tightest-B1.2.yaml'), 'utf8')).toBe(j.tightest.B1.model);
    const before = readdirSync(dir).sort();
    const b = await cli(['verify', '--runs', '9', '--seed', '11', '--L', '1..3', '--out', 'v.jsonl', '--resume', '--json'], dir);
    expect(b.code).toBe(0);
    // The other campaign's file is still kept (and said again); this campaign's own .2 file is replaced.
    expect(b.err).toMatch(/v\.jsonl\.tightest-B1\.yaml holds another campaign's model: kept it, wrote v\.jsonl\.tightest-B1\.2\.yaml/);
    expect(readdirSync(dir).sort(), 'its own files replaced, no new names').toEqual(before);
    const k = JSON.parse(b.out);
    expect(k.tightestFiles.B1).toBe(join(dir, 'v.jsonl.tightest-B1.2.yaml'));
    for (const [bound, f] of Object.entries(k.tightestFiles as Record<string, string>)) expect(readFileSync(f, 'utf8'), bound).toBe(k.tightest[bound].model);
    expect(readFileSync(join(dir, 'v.jsonl.tightest-B1.yaml'), 'utf8')).toBe(other);
  });
});

/** Runs the built CLI until `stop(file)` holds, then kills it with SIGKILL; resolves when it is gone (true: killed, false: it finished first). */
function runUntil(args: string[], cwd: string, stop: () => boolean): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { cwd, stdio: 'ignore' });
    let killed = false;
    const timer = setInterval(() => {
      if (!killed && stop()) { killed = true; child.kill('SIGKILL'); }
    }, 20);
    child.on('error', (e) => { clearInterval(timer); reject(e); });
    child.on('exit', () => { clearInterval(timer); resolve(killed); });
  });
}

describe('verify: killed and resumed again and again', () => {
  it('SIGKILL at several points, a cut line each time, resumed each time: every run once, and the summary of one uninterrupted run', async () => {
    const dir = fresh();
    const args = ['verify', '--runs', '14', '--seed', '2027', '--L', '1..3'];
    const whole = await cli([...args, '--out', 'whole.jsonl', '--json'], dir);
    expect(whole.code).toBe(0);
    const file = join(dir, 'killed.jsonl');
    const count = (): number => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);
    let kills = 0;
    for (const [k, at] of [[2, 0], [5, 1], [8, 2], [11, 3]] as const) {
      const killed = await runUntil([...args, '--out', 'killed.jsonl', '--resume'], dir, () => count() >= k);
      if (!killed) break;
      kills++;
      // The interrupted write: half of the last line (its run lost), or the start of a new one.
      const text = readFileSync(file, 'utf8');
      if (at % 2 === 0) {
        const last = text.lastIndexOf('\n', text.length - 2) + 1;
        truncateSync(file, Buffer.byteLength(text.slice(0, last + 40)));
      } else {
        appendFileSync(file, text.slice(0, 57));
      }
    }
    expect(kills, 'the campaign was interrupted at least three times').toBeGreaterThanOrEqual(3);
    const last = await cli([...args, '--out', 'killed.jsonl', '--resume', '--json'], dir);
    expect(last.code, last.err).toBe(0);
    expect(last.err).toMatch(/the last line was cut by an interruption/);
    expect(runIds(file).sort((a, b) => a - b), 'every run exactly once').toEqual([...Array(14).keys()]);
    const s = JSON.parse(last.out), w = JSON.parse(whole.out);
    expect(untimed({ ...s, tightestFiles: null })).toEqual(untimed({ ...w, tightestFiles: null }));
    const recs = (f: string) => lines(join(dir, f)).map((l) => untimed(JSON.parse(l)) as { run: number }).sort((a, b) => a.run - b.run);
    expect(recs('killed.jsonl')).toEqual(recs('whole.jsonl'));
  }, 120_000);
});
