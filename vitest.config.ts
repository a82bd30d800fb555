import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the tests because Nest's DI needs decorator metadata, which esbuild cannot emit.
const shared = {
  plugins: [swc.vite({ tsconfigFile: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  resolve: {
    // Tests import the library by its package name, exactly as users do, but from source.
    alias: [
      {
        find: /^nest-kafka-kit$/,
        replacement: fileURLToPath(new URL('./libs/kafka-kit/src/index.ts', import.meta.url)),
      },
      {
        find: /^nest-kafka-kit\/testing$/,
        replacement: fileURLToPath(new URL('./libs/kafka-kit/src/testing/index.ts', import.meta.url)),
      },
      {
        find: /^@nest-kafka-kit\/app-support$/,
        replacement: fileURLToPath(new URL('./libs/app-support/src/index.ts', import.meta.url)),
      },
    ],
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: ['{libs,apps,tools}/**/*.spec.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.integration.spec.ts'],
        },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['{libs,apps,tools}/**/*.integration.spec.ts'],
          // `--exclude` on the command line does not reach a project's own list, so a pass that
          // leaves files out (CI's Kafka 3.9 pass) names them here, comma-separated.
          exclude: [
            '**/node_modules/**',
            '**/dist/**',
            ...(process.env.INTEGRATION_EXCLUDE?.split(',').filter(Boolean) ?? []),
          ],
          globalSetup: ['tools/test/kafka-global-setup.ts', 'tools/test/postgres-global-setup.ts'],
          setupFiles: ['tools/test/library-first.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
