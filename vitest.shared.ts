import { defineConfig } from 'vitest/config';

/**
 * Test settings shared by every package. Workspace packages resolve to their TypeScript sources
 * through the `source` export condition, so tests never depend on a previous build.
 */
export const sharedTestConfig = defineConfig({
  resolve: { conditions: ['source', 'import', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'import', 'node', 'default'] } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    // The JSON report feeds scripts/test-summary.mjs, which prints the closing `N passed, N failed` line.
    reporters: ['default', 'json'],
    outputFile: { json: '.cache/test-results.json' },
    maxWorkers: 2,
  },
});
