import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The test files that take longest (seconds of one file on one core, measured on the 2-core CI
 * machine; the order matters, not the numbers). They start first, longest first, so that no long
 * file starts last and keeps one worker busy while the other waits: the rest follow in vitest's
 * own order (its cache of durations where there is one, else larger files first). A fresh clone
 * has no cache, so without this list a 40 s file could start last. Refresh it from
 * `npx vitest run --reporter=json --outputFile=durations.json` when the suite changes much.
 */
export const slowFirst: readonly string[] = [
  'test/engine/precise-symmetric.test.ts',
  'test/cli/verify-check.test.ts',
  'test/acceptance/claims.test.ts',
  'test/cli/plot.test.ts',
  'test/proofs/coq.test.ts',
  'test/properties/tail.test.ts',
  'test/properties/properties.test.ts',
  'test/cli/verify-scale.test.ts',
  'test/fuzz/cli-fuzz.test.ts',
  'test/cli/json-contracts.test.ts',
  'test/cli/verify-slurm.test.ts',
  'test/cli/campaign-files.test.ts',
  'test/proofs/proofs.test.ts',
  'test/properties/arbitraries.test.ts',
  'test/engine/methods-agree.test.ts',
  'test/engine/scaling-soundness.test.ts',
  'test/acceptance/handsolved.test.ts',
  'test/engine/tail.test.ts',
  'test/cli/scaling-tex.test.ts',
  'test/cli/check-exact.test.ts',
  'test/numeric/linalg/eighReal.test.ts',
  'test/properties/readme.test.ts',
  'test/package.test.ts',
];

/** vitest's order, with the files of {@link slowFirst} moved to the front in that order. */
class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = slowFirst.findIndex((p) => f.moduleId.endsWith(`/${p}`));
      return i < 0 ? slowFirst.length : i;
    };
    // Array.prototype.sort is stable: the unlisted files keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two files run at once (maxWorkers below), so on a loaded 2-core machine a test can take
    // twice its time alone: the limit that catches a hang is twice what it was with one worker.
    testTimeout: 120_000,
    pool: 'forks',
    // vitest's default in `vitest run` is one worker fewer than the cores: on the 2-core CI machine
    // that is one worker, the files one after another. The main process only waits, so every core
    // runs a worker.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: SlowFirstSequencer },
  },
});
