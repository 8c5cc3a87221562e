import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Unit tests load src as it is, and some of it is CommonJS TypeScript (.cts, which the debuggee
  // loads with --require); Vite's transform leaves .cts out by default.
  esbuild: { include: /\.[cm]?tsx?$/ },
  test: {
    include: ['test/**/*.test.ts'],
    // The runner fixtures' suites are theirs to run (each under its own runner), not pmdb's.
    exclude: ['**/node_modules/**', 'test/fixtures/**'],
    // The runner fixtures' own installs (vitest 4 and 5), made when missing or stale.
    globalSetup: ['test/helpers/runner-fixtures.ts'],
    // Every test drives real child processes and pseudo-terminals: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two test files at a time: each mostly waits on its child processes, so one file at a time
    // (vitest's default on 2 cores) leaves a core idle; CI runs the suite on four Nodes in 20 min.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
