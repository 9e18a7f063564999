import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (one module, in memory), `integration` (services, the
 * CLI in-process, the HTTP server, child processes of the sources) and `e2e`
 * (the built app: the renderer in Chromium, the Electron bundles, the built
 * command line). Only e2e needs `npm run build`; scripts/run-tests.mjs builds
 * when it runs e2e. `npx vitest run --project unit` runs one project.
 */
export default defineConfig({
  test: {
    setupFiles: ['tests/support/setup-langid.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'] } },
    ],
  },
});
