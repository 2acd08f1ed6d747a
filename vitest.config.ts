import path from 'node:path'
import { defineConfig } from 'vitest/config'

const alias = {
  '@': path.resolve('src'),
  '@payload-config': path.resolve('payload.config.ts'),
}

// lexical's Node entry points use top-level await that can stall module loading on Node 20; the
// explicit condition selects its plain builds (see docs/pitfalls.md).
const execArgv = ['--conditions=development']

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          sequence: { groupOrder: 0 },
          execArgv,
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          environment: 'node',
          sequence: { groupOrder: 1 },
          include: ['tests/int/**/*.test.ts'],
          // Builds one migrated template database; every test file then gets its own copy.
          globalSetup: ['tests/setup/globalSetup.ts'],
          setupFiles: ['tests/setup/perFileDatabase.ts'],
          hookTimeout: 180_000,
          testTimeout: 120_000,
          pool: 'forks',
          execArgv,
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'native',
          environment: 'node',
          // The same integration tests against a real PostgreSQL 15 + pgvector 0.8 server
          // (tests/setup/ensureNativePostgres.sh installs it), plus tests that need a server they control.
          sequence: { groupOrder: 2 },
          include: ['tests/int/**/*.test.ts', 'tests/native/**/*.test.ts'],
          exclude: [
            // About the embedded database itself (its child process, lock file and restarts).
            'tests/int/embeddedDatabase.test.ts',
            'tests/int/embeddedOutage.test.ts',
            'tests/int/embeddedViaUrl.test.ts',
          ],
          // One throwaway cluster and a migrated template; every test file gets CREATE DATABASE … TEMPLATE.
          globalSetup: ['tests/setup/nativeGlobalSetup.ts'],
          setupFiles: ['tests/setup/nativePerFileDatabase.ts'],
          hookTimeout: 180_000,
          testTimeout: 120_000,
          pool: 'forks',
          execArgv,
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'example',
          environment: 'node',
          // A second host (examples/website) with the packages installed from their packed tarballs,
          // on a fresh native PostgreSQL (see tests/example/exampleWebsite.ts for why not the embedded one).
          sequence: { groupOrder: 3 },
          include: ['tests/example/**/*.test.ts'],
          // Builds, packs and installs the packages once per run.
          globalSetup: ['tests/setup/exampleGlobalSetup.ts'],
          hookTimeout: 180_000,
          testTimeout: 120_000,
          pool: 'forks',
          execArgv,
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          environment: 'node',
          // After the integration tests: compiling Next.js wants both cores to itself.
          sequence: { groupOrder: 4 },
          maxWorkers: 1,
          include: ['tests/server/**/*.test.ts'],
          execArgv,
          hookTimeout: 240_000,
          testTimeout: 240_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          // Last: it builds the app for production, which wants both cores and 2 GB to itself.
          sequence: { groupOrder: 5 },
          maxWorkers: 1,
          include: ['tests/e2e/**/*.test.ts'],
          execArgv,
          hookTimeout: 600_000,
          testTimeout: 180_000,
        },
      },
    ],
  },
})
