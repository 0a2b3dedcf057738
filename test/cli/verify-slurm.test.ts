/**
 * docs/verify-array.sbatch against a real single-node Slurm (Debian's slurm-wlm and munge): the
 * set-up starts munged (when no munge socket answers), slurmctld and slurmd on a private
 * slurm.conf (SLURM_CONF in a temporary directory), submits the campaign as a 4-task job array and
 * the merge as a job after it, and checks that the merged summary and file equal one process run
 * with the same seed. Slurm needs root (slurmd) and the binaries; without them the test is
 * skipped and says why: verify-scale.test.ts tests the shards as separate processes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers.js';

const main = join(root, 'dist', 'src', 'cli', 'main.js');
const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const why = process.getuid?.() !== 0 ? 'not root (slurmd runs as root)'
  : !['sbatch', 'slurmctld', 'slurmd', 'squeue', 'munged', 'munge'].every(has) ? 'slurm-wlm or munge is not installed (apt-get install slurm-wlm munge)'
    : null;
if (why) console.warn(`verify-slurm.test.ts skipped: ${why}; the shards are tested as separate processes in verify-scale.test.ts`);

const dir = mkdtempSync(join(tmpdir(), 'heatbound-slurm-'));
const conf = join(dir, 'slurm.conf');
const env = { ...process.env, SLURM_CONF: conf };
const started: ChildProcess[] = [];
/** munged's pid when the set-up started it (stopped again in the tear-down). */
let munged: number | null = null;

/** Runs a Slurm client command with the private configuration. */
const slurm = (cmd: string, args: string[], cwd = dir, extra: Record<string, string> = {}) => spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8' });

async function until(what: string, ok: () => boolean, seconds: number): Promise<void> {
  for (let t = 0; t < seconds * 2; t++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}

describe.skipIf(why !== null)('verify as a Slurm job array (docs/verify-array.sbatch)', () => {
  beforeAll(async () => {
    if (spawnSync('munge', ['-n']).status !== 0) {
      mkdirSync('/run/munge', { recursive: true });
      spawnSync('chown', ['munge:munge', '/run/munge']);
      const m = spawnSync('runuser', ['-u', 'munge', '--', 'munged']);
      if (m.status !== 0) throw new Error(`munged did not start: ${m.stderr}`);
      munged = Number(readFileSync('/run/munge/munged.pid', 'utf8').trim());
    }
    for (const d of ['state', 'spool', 'log']) mkdirSync(join(dir, d), { recursive: true });
    const host = hostname().split('.')[0];
    writeFileSync(conf, [
      'ClusterName=heatbound-test', `SlurmctldHost=${host}`, 'SlurmUser=root', 'SlurmdUser=root', 'AuthType=auth/munge',
      `StateSaveLocation=${dir}/state`, `SlurmdSpoolDir=${dir}/spool`, `SlurmctldPidFile=${dir}/slurmctld.pid`, `SlurmdPidFile=${dir}/slurmd.pid`,
      `SlurmctldLogFile=${dir}/log/slurmctld.log`, `SlurmdLogFile=${dir}/log/slurmd.log`,
      // A port of its own, so a Slurm already running on the machine is left alone.
      'SlurmctldPort=16817', 'SlurmdPort=16818',
      'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'SelectType=select/cons_tres', 'SelectTypeParameters=CR_CPU',
      'MpiDefault=none', 'ReturnToService=2', 'JobAcctGatherType=jobacct_gather/none', 'AccountingStorageType=accounting_storage/none',
      `NodeName=${host} CPUs=2 State=UNKNOWN`, 'PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP', '',
    ].join('\n'));
    // In the foreground (-D) as children of this test, so the tear-down stops exactly these.
    for (const d of ['slurmctld', 'slurmd']) started.push(spawn(d, ['-D'], { env, stdio: 'ignore' }));
    await until('the Slurm node idle', () => /idle/.test(slurm('sinfo', ['-h', '-o', '%T']).stdout), 60);
  }, 90_000);

  afterAll(() => {
    for (const p of started) p.kill('SIGTERM');
    if (munged) process.kill(munged, 'SIGTERM');
  });

  it('4 array tasks (shards) and a merge job after them: the summary and file of one process run with the same seed', async () => {
    const work = join(dir, 'campaign');
    mkdirSync(join(work, 'out'), { recursive: true });
    const vars = { RUNS: '8', SEED: '11', HEATBOUND: `${process.execPath} ${main}` };
    const array = slurm('sbatch', ['--parsable', '--cpus-per-task=1', '--array=1-4', join(root, 'docs', 'verify-array.sbatch')], work, vars);
    expect(array.status, array.stderr).toBe(0);
    const jid = array.stdout.trim();
    const merge = slurm('sbatch', ['--parsable', `--dependency=afterany:${jid}`, '--output=out/merge.log',
      '--wrap', `${vars.HEATBOUND} verify merge out/shard-*.jsonl --out out/campaign.jsonl --json > out/campaign.json`], work, vars);
    expect(merge.status, merge.stderr).toBe(0);
    await until('the array and the merge done', () => slurm('squeue', ['-h']).stdout.trim() === '' && existsSync(join(work, 'out', 'campaign.json')), 400);
    const one = spawnSync(process.execPath, [main, 'verify', '--class', 'all', '--L', '1..4', '--runs', '8', '--seed', '11', '--jobs', '1', '--out', 'one/campaign.jsonl', '--json'], { cwd: work, encoding: 'utf8' });
    expect(one.status).toBe(0);
    const untimed = (t: string, d: string) => t.split('\n').filter((l) => !/"(seconds|ms)":/.test(l)).join('\n').replaceAll(d, 'DIR');
    expect(readFileSync(join(work, 'out', 'merge.log'), 'utf8')).toMatch(/runs 0\.\.7 each once/);
    expect(untimed(readFileSync(join(work, 'out', 'campaign.json'), 'utf8'), join(work, 'out'))).toBe(untimed(one.stdout, join(work, 'one')));
    const lines = (f: string) => readFileSync(f, 'utf8').replace(/"ms":\d+,/g, '');
    expect(lines(join(work, 'out', 'campaign.jsonl'))).toBe(lines(join(work, 'one', 'campaign.jsonl')));
  }, 600_000);
});
