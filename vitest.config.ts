import { defineConfig } from 'vitest/config';
import { BrowserFirstSequencer } from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // After each file: no error body it produced may carry a secret or an identifier the caller did not send.
    setupFiles: ['test/support/fresh-modules.ts', 'test/support/error-body-scan.ts'],
    // Each file gets its own cloned database; two workers match the two cores here.
    pool: 'forks',
    maxWorkers: 2,
    // A worker keeps the packages it loaded (Fastify, Zod, pg, exceljs…) for its next file instead of
    // a fresh process per file, where loading them was a third of the run; Haven's own modules are
    // still loaded afresh per file (test/support/fresh-modules.ts). docs/architecture.md § Tests.
    isolate: false,
    sequence: { sequencer: BrowserFirstSequencer },
    testTimeout: 60_000,
    // One installation key for the whole run (test processes and the CLI they spawn): it keys the
    // audit chain, signs backups and seals TOTP secrets, so every part must hold the same one.
    env: { HAVEN_SECRET_KEY: '7e57000000000000000000000000000000000000000000000000000000007e57' },
    hookTimeout: 120_000,
  },
});
