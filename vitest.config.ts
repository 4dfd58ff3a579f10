import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

// Three projects, one `vitest run`:
// - libsql-server: conformance of our local Hrana server, in Node, through the real @libsql/client.
// - worker: the app inside workerd (Cloudflare's Workers test integration) against that server.
// - e2e: `wrangler dev` driven over HTTP and by Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // A passing test's console output (request log lines) is noise; a failing one's is kept.
    silent: 'passed-only',
    projects: [
      {
        test: {
          name: 'libsql-server',
          include: ['test/libsql-server/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TURSO_DATABASE_URL: inject<string>('databaseUrl'),
                TURSO_AUTH_TOKEN: inject<string>('databaseToken'),
                STALLED_DATABASE_URL: inject<string>('stalledDatabaseUrl'),
                APP_ENV: 'test',
                APP_ORIGIN: 'https://mediconnect.test',
                WEBAUTHN_RP_ID: 'mediconnect.test',
                SESSION_SECRET: inject<string>('sessionSecret'),
                ENCRYPTION_KEYS: inject<string>('encryptionKeys'),
                // Twilio's callbacks are checked with this; with no account SID, texts stay queued.
                TWILIO_AUTH_TOKEN: 'test-twilio-auth-token',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          // Argon2id at OWASP's parameters costs real CPU per hash; a cold isolate is slower still.
          testTimeout: 30_000,
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/libsql-server/**', 'test/e2e/**'],
          globalSetup: ['test/helpers/worker-global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/e2e-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One wrangler dev and one browser per run; files share them one after another.
          fileParallelism: false,
        },
      },
    ],
  },
})
