import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Two projects so that moto_server starts only when integration test files are in the run:
    // vitest runs a project's globalSetup only if some of its files were selected.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/integration/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/moto.global-setup.ts'],
          // One moto server: files reset it, so they must not run at the same time.
          fileParallelism: false,
        },
      },
    ],
  },
});
