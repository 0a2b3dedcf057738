import { defineConfig } from 'vitest/config';

/** The long fuzz harness only (`npm run fuzz:harness`): not in `npm test`, whose config includes test/**\/*.test.ts. */
export default defineConfig({
  test: {
    include: ['test/fuzz/long-harness.fuzz.ts'],
    testTimeout: 24 * 3600_000,
    pool: 'forks',
  },
});
