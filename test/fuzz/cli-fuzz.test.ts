/**
 * The CLI fuzz test (issue 17): seeded, bounded hostile inputs (mutated model files, mutated claims,
 * odd sizes; see inputs.ts) through the built CLI's `run(args, io)`, in child processes that are
 * killed when a case runs past its time limit or memory limit. Asserted for every case:
 * - the exit code is 0, 1, 2 or 3: never 70 (internal error), never a throw, never a crash;
 * - no case runs past its time limit (a hang) or its memory limit;
 * - stderr holds no stack trace;
 * - exit 2 is located: see {@link located};
 * - exit 3 says which quantity or resource: see {@link saysWhat};
 * - exit 0 and 1 print no NaN or Infinity (a non-finite quantity is exit 3, naming it).
 *
 * The seed is printed; HEATBOUND_FUZZ_SEED overrides it, HEATBOUND_FUZZ_RUNS sets the number of
 * cases (default 1000, 20-40 s on 2 cores), HEATBOUND_FUZZ_CASE_MS the time limit of a case;
 * HEATBOUND_FUZZ_SLOW=1 adds the cases that take seconds to a minute or more when right (too slow
 * for the suite): `check --models` over the mutated models and `check` over the built-in families
 * (a claim that holds and is not decided by closed forms is sampled up to L = 512), `plot` of a long
 * range; give it a longer HEATBOUND_FUZZ_CASE_MS (say 300000).
 * It runs the build in dist/ (`npm test` builds it first; after changing src/, `npm run build`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers.js';
import { defectOf, runCases, show, type Outcome } from './harness.js';
import { fuzzCases, type FuzzCase } from './inputs.js';

const seed = process.env.HEATBOUND_FUZZ_SEED ? Number(process.env.HEATBOUND_FUZZ_SEED) : 20261203;
const total = process.env.HEATBOUND_FUZZ_RUNS ? Number(process.env.HEATBOUND_FUZZ_RUNS) : 1000;
const caseMs = process.env.HEATBOUND_FUZZ_CASE_MS ? Number(process.env.HEATBOUND_FUZZ_CASE_MS) : 30_000;
const dist = join(root, 'dist');

/**
 * Known open defects, each with its reproducer: a case whose defect matches is reported, not
 * failed, so any NEW defect still fails the test. Remove an entry when its defect is fixed.
 */
const knownDefects: { readonly reproducer: string; readonly matches: (c: FuzzCase, defect: string, o: Outcome) => boolean }[] = [
  // Empty: every defect this test found is fixed (issue 17), each with its reproducer in regressions.test.ts.
];

describe('CLI fuzz (issue 17)', () => {
  it(`seeded hostile models, claims and sizes: no exit 70, no hang, every exit 2 located (seed ${seed}, ${total} cases)`, async () => {
    expect(existsSync(join(dist, 'src', 'cli', 'run.js')), 'the build in dist/ (npm run build)').toBe(true);
    const t0 = performance.now();
    const counts = { model: Math.round(total * 0.45), claim: Math.round(total * 0.25), size: 0 };
    counts.size = total - counts.model - counts.claim;
    const cases = fuzzCases(root, seed, counts, Boolean(process.env.HEATBOUND_FUZZ_SLOW));
    const { results, dirs } = await runCases(cases, { dist, caseMs });
    const seconds = (performance.now() - t0) / 1000;
    const byCode = new Map<string, number>();
    const newDefects: string[] = [], known: string[] = [];
    cases.forEach((c, i) => {
      const o = results[i] ?? { code: 'crash', out: '', err: 'no result', ms: 0 };
      byCode.set(`${c.kind}:${o.code}`, (byCode.get(`${c.kind}:${o.code}`) ?? 0) + 1);
      const d = defectOf(c, dirs[i], o);
      if (d === null) return;
      const k = knownDefects.find((e) => e.matches(c, d, o));
      (k ? known : newDefects).push(show(c, o, d, i) + (k ? `\n  known: ${k.reproducer}` : ''));
    });
    const exit3 = [...new Set(results.filter((o) => o?.code === 3).map((o) => o.err.split('\n').find((l) => l.startsWith('heatbound:')) ?? o.err.split('\n')[0]))].slice(0, 5);
    const slowest = results.map((o, i) => [o?.ms ?? 0, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 3).map(([ms, i]) => `#${i} ${Math.round(ms)} ms ${JSON.stringify(cases[i].args).slice(0, 120)}`);
    console.log(`cli fuzz: seed ${seed} (HEATBOUND_FUZZ_SEED), ${cases.length} cases (${JSON.stringify(counts)}), ${seconds.toFixed(1)} s, exit codes ${JSON.stringify(Object.fromEntries([...byCode].sort()))}, ${newDefects.length} new defects, ${known.length} known\n  slowest: ${slowest.join('\n           ')}${exit3.length ? `\n  exit 3: ${exit3.map((l) => l.slice(0, 200)).join('\n          ')}` : ''}`);
    if (known.length) console.log(`known defects (allow-listed):\n${known.join('\n')}`);
    expect(newDefects, `defects (rerun with HEATBOUND_FUZZ_SEED=${seed} HEATBOUND_FUZZ_RUNS=${total}):\n${newDefects.join('\n')}`).toEqual([]);
  }, 600_000);
});
