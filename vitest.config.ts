import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A time-out here only stops a hang: CI machines may be busy, and a test must not fail for being slow there.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
